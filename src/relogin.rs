//! Sign in again and run the call again, on a terminal, when the user has asked for it
//! (`AWS_SHIM_RELOGIN=ask`).
//!
//! After the explanation of a failure whose whole remedy is a sign-in that the user's CLI has
//! (`aws sso login`, `aws login`), one question: sign in again now? Yes runs that sign-in as an
//! `aws` call of its own, through the wrapper (the terminal handed over, its own explanation and
//! bookkeeping); if it succeeded, a second question: run the command again? Yes replaces this
//! process with a new wrapper call of the same command line, whose exit status is then
//! aws-shim's. Any other answer, Ctrl-C or a failed sign-in leaves with the original status.
//!
//! [`decide`] says whether to ask, from facts passed in as values; the rest of this module is
//! the terminal and the processes.

use crate::advice;
use crate::args::AwsArgs;
use crate::context::{Context, Provider};
use crate::real_aws::CliVersion;
use crate::rules::{Failure, Family};
use std::ffi::OsString;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};

/// What [`decide`] looks at.
pub struct Facts<'a> {
    /// stdin, stdout and stderr are terminals, `/dev/tty` opened, and this process is in the
    /// terminal's foreground.
    pub terminal: bool,
    /// A `CI` variable is set.
    pub ci: bool,
    /// This call runs inside another aws-shim call (a tool's script calling `aws`): the outer
    /// one asks, if anything does.
    pub nested: bool,
    /// The failure the call's stderr showed.
    pub failure: &'a Failure,
    /// The credential context of the call, with the CLI on PATH (`cli`).
    pub context: &'a Context,
    /// The command, when it is not the AWS CLI.
    pub tool: Option<&'a str>,
    /// The call's arguments (without the program).
    pub args: &'a [OsString],
}

/// The two questions to ask.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Offer {
    /// The sign-in's arguments to `aws` (`sso`, `login`, `--profile`, `dev`).
    pub sign_in: Vec<String>,
    /// The sign-in as the explanation shows it (`aws sso login --profile dev`).
    pub sign_in_shown: String,
    /// The call as the user typed it, for the second question (`aws s3 ls`).
    pub again_shown: String,
    /// Whether the second question defaults to yes: only for read-only AWS CLI commands.
    pub again_by_default: bool,
}

/// Whether to offer a sign-in, and which. Only on a terminal outside CI, in the outermost
/// call, never after a call that was itself a sign-in (or changed the credentials), and only
/// when the explanation's whole remedy is one sign-in the user's CLI has: `aws sso login` on
/// AWS CLI v2, `aws login` on a v2 that has it. Never in Cloud9, nor for exported variables,
/// keys or the clock.
pub fn decide(facts: &Facts) -> Option<Offer> {
    if !facts.terminal || facts.ci || facts.nested {
        return None;
    }
    let parsed = AwsArgs::parse(facts.args);
    if facts.tool.is_none() && parsed.changes_credentials() {
        return None;
    }
    let failure = explained_failure(facts.failure, facts.context)?;
    // The CLI as the explanation saw it (the line's own `aws: [ERROR]:` says v2).
    let mut ctx = facts.context.clone();
    ctx.cli = CliVersion::from_line(failure.v2_prefix, ctx.cli.take());
    if ctx.cloud9.is_some()
        || ctx.source.provider == Provider::Cloud9Managed
        || ctx.source.provider.is_exported()
    {
        return None;
    }
    let advice = advice::advise(&failure, &ctx);
    let [step] = advice.steps.as_slice() else {
        return None;
    };
    let sign_in = match step.id {
        "step-sso-login" => sso_login_args(&ctx),
        "step-aws-login" if has_aws_login(ctx.cli.as_ref(), facts.tool) => {
            with_profile(vec!["login".to_owned()], &ctx)
        }
        _ => return None,
    };
    let sign_in_shown = step
        .args
        .iter()
        .find(|(name, _)| *name == "command")
        .map(|(_, command)| command.clone())?;
    let name = facts.tool.unwrap_or("aws");
    let again_shown = std::iter::once(name.to_owned())
        .chain(facts.args.iter().map(|a| shell_word(&a.to_string_lossy())))
        .collect::<Vec<_>>()
        .join(" ");
    Some(Offer {
        sign_in,
        sign_in_shown,
        again_shown,
        again_by_default: facts.tool.is_none() && read_only(&parsed),
    })
}

/// The failure as the explanation explained it: a tool's message that stands for expired
/// credentials only when the context shows them expired becomes that expiry; a failure that
/// gets at most a hint is none.
fn explained_failure(failure: &Failure, ctx: &Context) -> Option<Failure> {
    if let Some(rule) = failure.rule.if_expired() {
        if !advice::known_expired(ctx) {
            return None;
        }
        let mut expired = Failure::of_rule(rule);
        expired.tool = failure.tool.clone();
        return Some(expired);
    }
    (failure.family() != Family::Ambiguous).then(|| failure.clone())
}

/// `aws login` exists from AWS CLI v2.32 on; a login failure the AWS CLI itself reported came
/// from a v2 that has it.
fn has_aws_login(cli: Option<&CliVersion>, tool: Option<&str>) -> bool {
    cli.is_some_and(|c| c.at_least(2, 32) == Some(true) || (tool.is_none() && c.major == 2))
}

/// The arguments of the `aws sso login` that the explanation names
/// ([`advice::sso_login_command`]).
fn sso_login_args(ctx: &Context) -> Vec<String> {
    let mut args = vec!["sso".to_owned(), "login".to_owned()];
    match (ctx.source.provider.sso_session(), ctx.profile_explicit()) {
        (_, true) => args.extend(["--profile".to_owned(), ctx.profile.clone()]),
        (Some(session), false) => args.extend(["--sso-session".to_owned(), session.to_owned()]),
        (None, false) => {}
    }
    args
}

fn with_profile(mut args: Vec<String>, ctx: &Context) -> Vec<String> {
    if ctx.profile_explicit() {
        args.extend(["--profile".to_owned(), ctx.profile.clone()]);
    }
    args
}

/// AWS CLI commands that only read, so that running one again harms nothing:
/// `sts get-caller-identity`, `s3 ls`, and any `describe-*`, `list-*`, `get-*` operation.
fn read_only(args: &AwsArgs) -> bool {
    match (args.command.as_deref(), args.subcommand.as_deref()) {
        (Some("sts"), Some("get-caller-identity")) | (Some("s3"), Some("ls")) => true,
        (Some(_), Some(op)) => ["describe-", "list-", "get-"]
            .iter()
            .any(|p| op.starts_with(p)),
        _ => false,
    }
}

/// A word as a POSIX shell reads it back: as it is when it holds only safe characters, else in
/// single quotes.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_@%+=:,./-".contains(&b));
    if plain {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// An answer to a question: empty takes the default; `y`, `yes` (`はい`, a full-width `ｙ`)
/// mean yes; anything else means no.
fn answer(line: &str, default: bool) -> bool {
    let word = line.trim().to_lowercase();
    match word.as_str() {
        "" => default,
        "y" | "yes" | "ｙ" | "はい" => true,
        _ => false,
    }
}

/// What the call would run again: kept (with `AWS_SHIM_RELOGIN=ask` only) before the call
/// runs.
pub struct Again {
    program: PathBuf,
    args: Vec<OsString>,
    tool: Option<String>,
    /// The hand-off this call was started with (see [`crate::config::hand_off`]): set when
    /// another aws-shim runs around this call.
    hand_off: Option<OsString>,
}

impl Again {
    /// The call, when the user asked for the offer; `None` (nothing kept) otherwise.
    pub fn prepare(program: &Path, args: &[OsString], tool: Option<&str>) -> Option<Again> {
        crate::config::relogin_asks().then(|| Again {
            program: program.to_owned(),
            args: args.to_vec(),
            tool: tool.map(str::to_owned),
            hand_off: crate::config::hand_off(),
        })
    }
}

/// After the call and its bookkeeping: ask, sign in, and run the call again, as [`decide`]
/// allows. Returns only when the call is not run again (then aws-shim exits with the original
/// status); a run again replaces this process. Whatever goes wrong here returns.
pub fn offer(again: Option<Again>, outcome: &crate::run::Outcome, context: impl Fn() -> Context) {
    let Some(again) = again else { return };
    let Some(failure) = &outcome.finding else {
        return;
    };
    if outcome.status.success() {
        return;
    }
    crate::fail_open::fail_open(|| {
        let tty = terminal::open();
        let ctx = context();
        let facts = Facts {
            terminal: tty.is_some(),
            ci: crate::config::ci(),
            nested: again.hand_off.is_some(),
            failure,
            context: &ctx,
            tool: again.tool.as_deref(),
            args: &again.args,
        };
        let (Some(offer), Some(tty)) = (decide(&facts), tty) else {
            return;
        };
        let Ok(exe) = std::env::current_exe() else {
            return;
        };
        let lang = crate::i18n::current(None).lang;
        let catalogue = crate::i18n::Catalogue::load(lang);
        // While the questions are asked and the sign-in runs (for the call again, exec puts
        // the defaults back).
        let _caught = terminal::catch_interrupts();
        let question = catalogue.text(
            "relogin-sign-in",
            &[("command", offer.sign_in_shown.clone())],
        );
        if !tty.ask(&question, true) {
            return;
        }
        let mut sign_in = process::aws_shim(&exe, again.hand_off.as_deref());
        sign_in.arg0("aws").args(&offer.sign_in);
        if !process::succeeds(sign_in) {
            return;
        }
        let (id, default) = if offer.again_by_default {
            ("relogin-again-safe", true)
        } else {
            ("relogin-again", false)
        };
        let question = catalogue.text(id, &[("command", offer.again_shown.clone())]);
        if !tty.ask(&question, default) {
            return;
        }
        let mut call = process::aws_shim(&exe, again.hand_off.as_deref());
        match &again.tool {
            None => call.arg0("aws").args(&again.args),
            Some(_) => call
                .arg0("aws-shim")
                .arg("run")
                .arg("--")
                .arg(&again.program)
                .args(&again.args),
        };
        // Only returns when the exec failed: then the original status stands.
        let _ = process::replace_with(call);
    });
}

/// The processes: the sign-in as a child, the call again in this process's place.
mod process {
    use std::os::unix::process::CommandExt;
    use std::path::Path;
    use std::process::Command;

    /// aws-shim itself, as the wrapper that started this call was: the hand-off it had,
    /// without the offer (no question is asked twice), and SIGPIPE as the caller left it.
    pub(super) fn aws_shim(exe: &Path, hand_off: Option<&std::ffi::OsStr>) -> Command {
        let mut command = Command::new(exe);
        // The wrapper set its own hand-off in our environment for the CLI: back to this call's.
        match hand_off {
            None => command.env_remove(crate::config::HAND_OFF_VAR),
            Some(value) => command.env(crate::config::HAND_OFF_VAR, value),
        };
        command.env_remove(crate::config::RELOGIN_VAR);
        let ignore_sigpipe = crate::run::caller_sigpipe_ignored();
        let hook = move || {
            if ignore_sigpipe {
                // SAFETY: signal(2) is async-signal-safe; SIG_IGN installs no code.
                unsafe { libc::signal(libc::SIGPIPE, libc::SIG_IGN) };
            }
            Ok(())
        };
        // SAFETY: the hook runs in the forked child before exec and makes only the
        // async-signal-safe call above: no allocation, no lock.
        unsafe { command.pre_exec(hook) };
        command
    }

    /// Run `command` on the terminal and wait: whether it ended with status 0. A Ctrl-C meant
    /// for it reaches this process too, which keeps waiting (see `terminal::catch_interrupts`).
    pub(super) fn succeeds(mut command: Command) -> bool {
        command.status().is_ok_and(|s| s.success())
    }

    /// Become `command` (same pid: the shell waits for it as for this call).
    pub(super) fn replace_with(mut command: Command) -> std::io::Error {
        command.exec()
    }
}

/// The terminal the questions go to.
mod terminal {
    use std::fs::File;
    use std::io::{IsTerminal, Write};
    use std::os::fd::AsRawFd;
    use std::os::unix::fs::OpenOptionsExt;
    use std::sync::atomic::{AtomicBool, Ordering};

    /// `/dev/tty`, when stdin, stdout and stderr are terminals and this process is in the
    /// terminal's foreground (a background job must not read from it).
    pub(super) struct Tty(File);

    pub(super) fn open() -> Option<Tty> {
        if !(std::io::stdin().is_terminal()
            && std::io::stdout().is_terminal()
            && std::io::stderr().is_terminal())
        {
            return None;
        }
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .custom_flags(libc::O_NOCTTY | libc::O_CLOEXEC)
            .open("/dev/tty")
            .ok()?;
        // SAFETY: tcgetpgrp and getpgrp take no pointers; the descriptor is open (owned by
        // `file`, alive across the call).
        let foreground = unsafe { libc::tcgetpgrp(file.as_raw_fd()) == libc::getpgrp() };
        foreground.then_some(Tty(file))
    }

    impl Tty {
        /// Ask `question`; the answer, `default` for an empty line. No for end of input and
        /// for Ctrl-C (then a line ends, so that the shell's prompt starts on its own).
        pub(super) fn ask(&self, question: &str, default: bool) -> bool {
            let mut out = &self.0;
            INTERRUPTED.store(false, Ordering::SeqCst);
            if out
                .write_all(format!("aws-shim: {question} ").as_bytes())
                .is_err()
            {
                return false;
            }
            let line = read_line(&self.0);
            match line {
                Some(line) => super::answer(&String::from_utf8_lossy(&line), default),
                // End of input, Ctrl-C, an error.
                None => {
                    let _ = out.write_all(b"\n");
                    false
                }
            }
        }
    }

    /// One line from the terminal, or `None` at end of input, on an error or once SIGINT or
    /// SIGQUIT was caught. The two signals stay blocked except inside `ppoll`, which unblocks
    /// them atomically while it waits: a Ctrl-C that comes before the wait begins is then
    /// pending and ends the wait at once, instead of being missed by a `read` that blocks.
    fn read_line(tty: &File) -> Option<Vec<u8>> {
        // SAFETY: all zeroes is a valid (empty) sigset_t, then filled by sigemptyset and
        // sigaddset; `blocked` and `before` live across the calls, and pthread_sigmask only
        // reads the first and writes the second.
        let before = unsafe {
            let mut blocked: libc::sigset_t = std::mem::zeroed();
            let mut before: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut blocked);
            libc::sigaddset(&mut blocked, libc::SIGINT);
            libc::sigaddset(&mut blocked, libc::SIGQUIT);
            libc::pthread_sigmask(libc::SIG_BLOCK, &blocked, &mut before);
            before
        };
        let mut line = Vec::new();
        let mut byte = [0u8; 1];
        let result = loop {
            if INTERRUPTED.load(Ordering::SeqCst) {
                break None;
            }
            let mut fds = libc::pollfd {
                fd: tty.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: `fds` is one valid pollfd for a descriptor `tty` keeps open; a null
            // timeout waits without limit; `before` is the mask from pthread_sigmask above.
            let ready = unsafe { libc::ppoll(&mut fds, 1, std::ptr::null(), &before) };
            if ready < 0 {
                if std::io::Error::last_os_error().raw_os_error() == Some(libc::EINTR) {
                    continue;
                }
                break None;
            }
            match rustix::io::read(tty, &mut byte) {
                Ok(1) if byte[0] == b'\n' => break Some(line),
                Ok(1) => line.push(byte[0]),
                Err(rustix::io::Errno::INTR) => {}
                _ => break None,
            }
        };
        // SAFETY: `before` is a valid sigset_t obtained above; no old mask is asked for.
        unsafe { libc::pthread_sigmask(libc::SIG_SETMASK, &before, std::ptr::null_mut()) };
        result
    }

    static INTERRUPTED: AtomicBool = AtomicBool::new(false);

    extern "C" fn on_interrupt(_sig: libc::c_int) {
        INTERRUPTED.store(true, Ordering::SeqCst);
    }

    /// SIGINT and SIGQUIT caught while the questions are asked and the sign-in runs: a read
    /// of the answer ends (no `SA_RESTART`), and this process outlives the terminal's Ctrl-C
    /// that also ends the sign-in. A signal the caller ignores stays ignored. Dropping the
    /// guard puts the default actions back.
    pub(super) struct Caught(Vec<libc::c_int>);

    pub(super) fn catch_interrupts() -> Caught {
        let mut caught = Vec::new();
        for sig in [libc::SIGINT, libc::SIGQUIT] {
            // SAFETY: all zeroes is a valid `sigaction` (no handler, no flags, an empty mask
            // once sigemptyset has run); `action` and `old` live across the calls.
            // `on_interrupt` has the one-argument handler signature that goes without
            // SA_SIGINFO and only stores to an atomic, which is async-signal-safe. aws-shim
            // has a single thread, so nothing races with the change of disposition.
            unsafe {
                let mut old: libc::sigaction = std::mem::zeroed();
                if libc::sigaction(sig, std::ptr::null(), &mut old) != 0
                    || old.sa_sigaction == libc::SIG_IGN
                {
                    continue;
                }
                let mut action: libc::sigaction = std::mem::zeroed();
                action.sa_sigaction = on_interrupt as *const () as usize;
                libc::sigemptyset(&mut action.sa_mask);
                if libc::sigaction(sig, &action, std::ptr::null_mut()) == 0 {
                    caught.push(sig);
                }
            }
        }
        Caught(caught)
    }

    impl Drop for Caught {
        fn drop(&mut self) {
            for &sig in &self.0 {
                // SAFETY: SIG_DFL installs no code of ours; `sig` is a valid signal number.
                unsafe { libc::signal(sig, libc::SIG_DFL) };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::{Cloud9, CredentialSource, ProfileFrom, Provider, SourceKind};
    use crate::rules::Rule;

    fn cli(version: &str) -> Option<CliVersion> {
        Some(CliVersion {
            major: version[..1].parse().unwrap(),
            version: Some(version.into()),
            from: "test".into(),
        })
    }

    fn ctx(kind: SourceKind, version: &str) -> Context {
        let mut source = CredentialSource::new(kind, "test");
        if let Provider::Sso { session } = &mut source.provider {
            *session = Some("corp".into());
        }
        Context {
            profile: "dev".into(),
            profile_from: ProfileFrom::AwsProfile,
            source,
            cloud9: None,
            now: Some(jiff::Timestamp::from_second(1_800_000_000).unwrap()),
            cli: cli(version),
            profile_found: true,
        }
    }

    fn failure(rule: &str) -> Failure {
        Failure::of_rule(Rule::by_id(rule).unwrap())
    }

    fn os(line: &str) -> Vec<OsString> {
        line.split_whitespace().map(OsString::from).collect()
    }

    /// The offer for this call, everything else being as it should.
    fn offer(rule: &str, context: &Context, tool: Option<&str>, line: &str) -> Option<Offer> {
        decide(&Facts {
            terminal: true,
            ci: false,
            nested: false,
            failure: &failure(rule),
            context,
            tool,
            args: &os(line),
        })
    }

    #[test]
    fn an_sso_sign_in_on_v2_is_offered_as_the_explanation_names_it() {
        let dev = ctx(SourceKind::Sso, "2.36.7");
        let o = offer("sso-session-expired", &dev, None, "s3 ls").unwrap();
        assert_eq!(o.sign_in, ["sso", "login", "--profile", "dev"]);
        assert_eq!(o.sign_in_shown, "aws sso login --profile dev");
        assert_eq!(o.again_shown, "aws s3 ls");
        assert!(o.again_by_default, "s3 ls only reads");
        // The default profile with a session: the session's sign-in.
        let mut default = dev.clone();
        default.profile = "default".into();
        default.profile_from = ProfileFrom::Default;
        let o = offer("sso-token-missing", &default, None, "ec2 run-instances").unwrap();
        assert_eq!(o.sign_in, ["sso", "login", "--sso-session", "corp"]);
        assert_eq!(o.sign_in_shown, "aws sso login --sso-session corp");
        assert!(!o.again_by_default, "run-instances changes something");
        // An expired token from an SSO profile leads to the same sign-in.
        assert!(offer("expired-token", &dev, None, "s3 ls").is_some());
    }

    #[test]
    fn the_sign_in_is_the_one_the_explanation_shows() {
        for profile in [ProfileFrom::Default, ProfileFrom::Argument] {
            for session in [None, Some("corp")] {
                let mut c = ctx(SourceKind::Sso, "2.36.7");
                c.profile_from = profile;
                c.source.provider = Provider::Sso {
                    session: session.map(str::to_owned),
                };
                let o = offer("sso-session-expired", &c, None, "s3 ls").unwrap();
                assert_eq!(format!("aws {}", o.sign_in.join(" ")), o.sign_in_shown);
                assert_eq!(o.sign_in_shown, advice::sso_login_command(&c));
            }
        }
    }

    #[test]
    fn aws_login_only_where_the_cli_has_it() {
        let login = |version, tool| {
            offer(
                "login-session-expired",
                &ctx(SourceKind::None, version),
                tool,
                "s3 ls",
            )
            .map(|o| o.sign_in)
        };
        let with = Some(vec![
            "login".to_owned(),
            "--profile".to_owned(),
            "dev".to_owned(),
        ]);
        assert_eq!(login("2.36.7", None), with);
        // The AWS CLI that reported the login failure has `aws login`.
        assert_eq!(login("2.0.0", None), with);
        assert_eq!(login("1.45.11", None), None);
        // For another tool, only the CLI on PATH counts.
        assert_eq!(login("2.31.0", Some("cdk")), None);
        assert_eq!(login("2.33.0", Some("cdk")), with);
        let mut unknown = ctx(SourceKind::None, "2.36.7");
        unknown.cli = None;
        assert_eq!(
            offer("login-session-expired", &unknown, None, "s3 ls"),
            None
        );
    }

    #[test]
    fn never_without_a_sign_in_the_cli_has() {
        // AWS CLI v1 has no `aws sso login`: its own advice stands.
        assert_eq!(
            offer(
                "sso-session-expired",
                &ctx(SourceKind::Sso, "1.45.11"),
                None,
                "s3 ls"
            ),
            None
        );
        let mut unknown = ctx(SourceKind::Sso, "2.36.7");
        unknown.cli = None;
        assert_eq!(offer("sso-session-expired", &unknown, None, "s3 ls"), None);
        // Remedies that are not a sign-in.
        for kind in [
            SourceKind::ExportedSession,
            SourceKind::ExportedKeys,
            SourceKind::FileKeys,
            SourceKind::AssumeRole,
            SourceKind::None,
        ] {
            assert_eq!(
                offer("expired-token", &ctx(kind, "2.36.7"), None, "s3 ls"),
                None
            );
        }
        let sso = ctx(SourceKind::Sso, "2.36.7");
        for rule in [
            "request-time-too-skewed",
            "invalid-client-token-id",
            "signature-mismatch",
            "mfa-required",
            "login-permission",
            "s3-head-400",
            "credential-process",
        ] {
            assert_eq!(offer(rule, &sso, None, "s3 ls"), None, "{rule}");
        }
        // Cloud9, whatever the profile.
        let mut cloud9 = sso.clone();
        cloud9.cloud9 = Some(Cloud9::default());
        assert_eq!(offer("sso-session-expired", &cloud9, None, "s3 ls"), None);
    }

    /// A CI job recognised by its place (whatever `CI` says): nobody there can sign in, so no
    /// sign-in is offered, for any rule and any source.
    #[test]
    fn never_a_sign_in_in_a_ci_job() {
        let jobs = [
            crate::context::place::Place::GitHubActions {
                exported: false,
                token: None,
            },
            crate::context::place::Place::GitLabCi {
                exported: false,
                token: None,
            },
            crate::context::place::Place::CodeBuild {
                build_id: "p:b".into(),
                exported: false,
            },
        ];
        for job in jobs {
            for kind in SourceKind::ALL {
                for version in ["2.36.7", "2.31.0"] {
                    let mut c = ctx(kind, version);
                    assert!(
                        offer("sso-session-expired", &c, None, "s3 ls").is_some()
                            || kind != SourceKind::Sso
                    );
                    c.source.job = Some(job.clone());
                    for rule in crate::rules::RULES {
                        assert_eq!(
                            offer(rule.id, &c, None, "s3 ls"),
                            None,
                            "{job:?} {kind:?} {}",
                            rule.id
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn never_off_a_terminal_in_ci_nested_or_after_a_sign_in() {
        let sso = ctx(SourceKind::Sso, "2.36.7");
        let expired = failure("sso-session-expired");
        let args = os("s3 ls");
        let base = Facts {
            terminal: true,
            ci: false,
            nested: false,
            failure: &expired,
            context: &sso,
            tool: None,
            args: &args,
        };
        assert!(decide(&base).is_some());
        assert!(
            decide(&Facts {
                terminal: false,
                ..base
            })
            .is_none()
        );
        assert!(decide(&Facts { ci: true, ..base }).is_none());
        assert!(
            decide(&Facts {
                nested: true,
                ..base
            })
            .is_none()
        );
        for line in [
            "sso login --profile dev",
            "--profile dev sso login",
            "login",
            "configure export-credentials",
        ] {
            let args = os(line);
            assert!(
                decide(&Facts {
                    args: &args,
                    ..base
                })
                .is_none(),
                "{line}"
            );
        }
    }

    #[test]
    fn tools_are_offered_too_and_never_run_again_by_default() {
        let sso = ctx(SourceKind::Sso, "2.36.7");
        let o = offer("js-sso-token-expired", &sso, Some("cdk"), "deploy --all").unwrap();
        assert_eq!(o.sign_in_shown, "aws sso login --profile dev");
        assert_eq!(o.again_shown, "cdk deploy --all");
        assert!(!o.again_by_default);
        let o = offer("js-sso-token-expired", &sso, Some("node"), "list-things.js").unwrap();
        assert!(!o.again_by_default, "only the AWS CLI's read-only commands");
    }

    #[test]
    fn read_only_commands_default_to_running_again() {
        let sso = ctx(SourceKind::Sso, "2.36.7");
        let by_default = |line: &str| {
            offer("sso-session-expired", &sso, None, line)
                .unwrap()
                .again_by_default
        };
        for line in [
            "sts get-caller-identity",
            "--profile dev s3 ls s3://bucket",
            "ec2 describe-instances --region eu-west-1",
            "iam list-roles",
            "ssm get-parameter --name x",
        ] {
            assert!(by_default(line), "{line}");
        }
        for line in [
            "s3 cp a s3://b/a",
            "s3 rm s3://b/a",
            "ec2 terminate-instances --instance-ids i-1",
            "cloudformation deploy --stack-name x",
            "sts assume-role --role-arn x",
        ] {
            assert!(!by_default(line), "{line}");
        }
    }

    #[test]
    fn the_command_is_shown_as_a_shell_reads_it() {
        let sso = ctx(SourceKind::Sso, "2.36.7");
        let args = vec![
            OsString::from("s3"),
            OsString::from("ls"),
            OsString::from("s3://b/my file"),
            OsString::from("it's"),
            OsString::from(""),
        ];
        let expired = failure("sso-session-expired");
        let o = decide(&Facts {
            terminal: true,
            ci: false,
            nested: false,
            failure: &expired,
            context: &sso,
            tool: None,
            args: &args,
        })
        .unwrap();
        assert_eq!(o.again_shown, r"aws s3 ls 's3://b/my file' 'it'\''s' ''");
    }

    #[test]
    fn answers() {
        for (line, default, yes) in [
            ("", true, true),
            ("\n", false, false),
            ("y", false, true),
            (" Yes ", false, true),
            ("ｙ", false, true),
            ("はい", false, true),
            ("n", true, false),
            ("no", true, false),
            ("nope", true, false),
            ("x", true, false),
        ] {
            assert_eq!(answer(line, default), yes, "{line:?} (default {default})");
        }
    }
}
