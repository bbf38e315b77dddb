//! `aws ARGS...` and `aws-shim exec -- ARGS...`: the wrapper. It wires the data path, one
//! stage after another: locate the real CLI, run it with its stderr through the filter,
//! explain the first recognised line (advice, then render), and after the call record what
//! it showed (the failure state and the prompt cache).

use crate::args::{self, AwsArgs, CallFacts};
use crate::cli::{Exec, RunTool};
use crate::cmd::Run;
use crate::config::{self, Mode};
use crate::context::Context;
use crate::fail_open::fail_open;
use crate::filter::Responder;
use crate::i18n::Lang;
use crate::render::{self, Look};
use crate::rules::{Failure, Family};
use crate::state::{self, Recorded};
use crate::{advice, context, real_aws, run};
use std::cell::OnceCell;
use std::ffi::{OsStr, OsString};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

impl Run for Exec {
    fn run(self) -> anyhow::Result<i32> {
        wrap(self.args)
    }
}

impl Run for RunTool {
    fn run(self) -> anyhow::Result<i32> {
        let mut words = self.command.into_iter();
        let name = words.next().unwrap_or_default();
        wrap_tool(&name, words.collect())
    }
}

/// The wrapper: never returns; exits exactly as the real CLI did.
pub fn wrap(args: Vec<OsString>) -> ! {
    crate::fail_open::quiet_panics();
    let depth = config::depth();
    let program = match real_aws::locate(
        config::real_aws_override(),
        config::path().as_deref(),
        real_aws::own_id(),
        depth,
    ) {
        Ok(program) => program,
        Err(e) => not_found(e),
    };
    let parsed = AwsArgs::parse(&args);
    let stderr_tty = std::io::stderr().is_terminal();
    let call = Call {
        mode: choose_mode(&parsed, stderr_tty),
        facts: parsed.facts(),
        tool: None,
        cli_program: Some(program.clone()),
        program,
        args,
        depth,
        stderr_tty,
    };
    call.run()
}

/// Another command run the wrapper's way (`aws-shim run -- NAME ARGS`, or a link named after
/// it): `name` is what the user typed, a command name found on PATH (skipping aws-shim
/// itself) or a path. Never returns; exits exactly as the command did.
pub fn wrap_tool(name: &OsStr, args: Vec<OsString>) -> ! {
    crate::fail_open::quiet_panics();
    let base = Path::new(name).file_name().unwrap_or(name);
    if base == "aws" && !name.as_encoded_bytes().contains(&b'/') {
        // The AWS CLI itself, by its name: the `aws` wrapper, with all it knows of the CLI.
        wrap(args);
    }
    let depth = config::depth();
    let own = real_aws::own_id();
    let program = match real_aws::locate_tool(name, config::path().as_deref(), own, depth) {
        Ok(program) => program,
        Err(e) => not_found(e),
    };
    let tool = base.to_string_lossy().into_owned();
    let facts = args::tool_facts(&tool, &args);
    let stderr_tty = std::io::stderr().is_terminal();
    let call = Call {
        // The tool's bytes are never replaced: its explanation is added, or nothing.
        mode: match config::mode() {
            Some(Mode::Off) => Mode::Off,
            _ => Mode::Append,
        },
        facts,
        tool: Some(tool),
        // The remedies name the AWS CLI's commands as the user's CLI (v1 or v2) has them: it
        // is looked for on PATH only when something is explained or recorded.
        cli_program: None,
        program,
        args,
        depth,
        stderr_tty,
    };
    call.run()
}

fn not_found(e: real_aws::LocateError) -> ! {
    eprintln!("aws-shim: {e}");
    std::process::exit(e.exit_code());
}

/// One call, wired: run the program with its stderr through the filter, explain what is
/// found, then do the bookkeeping and exit as the program did.
struct Call {
    program: PathBuf,
    args: Vec<OsString>,
    facts: CallFacts,
    /// The tool's name, for any command but the AWS CLI.
    tool: Option<String>,
    /// The AWS CLI whose version decides the remedies' commands: the one run, or (`None`, for
    /// another tool) the one on PATH.
    cli_program: Option<PathBuf>,
    mode: Mode,
    depth: u32,
    stderr_tty: bool,
}

impl Call {
    fn run(self) -> ! {
        let Call {
            program,
            args,
            facts,
            tool,
            cli_program,
            mode,
            depth,
            stderr_tty,
        } = self;
        let cli_path: OnceCell<Option<PathBuf>> = OnceCell::new();
        let cli_version = || {
            cli_path
                .get_or_init(|| {
                    cli_program.clone().or_else(|| {
                        let (over, path) = (config::real_aws_override(), config::path());
                        real_aws::locate(over, path.as_deref(), real_aws::own_id(), 0).ok()
                    })
                })
                .as_deref()
                .and_then(known_cli_version)
        };
        // The context is resolved at most once, by the explanation or else by the
        // bookkeeping after the call, and only when one of them needs it.
        let resolved: OnceCell<Context> = OnceCell::new();
        let resolve = || {
            resolved
                .get_or_init(|| {
                    let cli = cli_version();
                    let mut inputs = config::context_inputs(facts.profile.as_deref());
                    inputs.default_profile_first = cli.as_ref().is_some_and(|c| c.major == 1);
                    let mut ctx = context::resolve(&inputs);
                    ctx.cli = cli;
                    ctx
                })
                .clone()
        };
        let explainer = Explainer {
            mode,
            color: stderr_tty && !config::no_color(),
            lang: None,
            context: resolve,
        };
        // With AWS_SHIM_RELOGIN=ask only: the call, to run again after a sign-in.
        let again = crate::relogin::Again::prepare(&program, &args, tool.as_deref());
        let plan = run::Plan {
            program: program.clone(),
            args,
            extra_env: Vec::new(),
            depth,
            mode,
            tool,
        };
        match run::run(plan, explainer) {
            Ok(outcome) => {
                let is_v1 = || cli_version().is_some_and(|c| c.major == 1);
                fail_open(|| after_call(&facts, &outcome, resolve, is_v1));
                crate::relogin::offer(again, &outcome, resolve);
                run::exit_like(outcome.status)
            }
            Err(e) => {
                eprintln!("aws-shim: cannot run {}: {e}", program.display());
                std::process::exit(if e.kind() == std::io::ErrorKind::NotFound {
                    127
                } else {
                    126
                });
            }
        }
    }
}

/// Tell the wrapper whether the caller had SIGPIPE ignored (main replaces the disposition
/// before anything else runs).
pub fn caller_ignores_sigpipe(ignored: bool) {
    run::caller_ignores_sigpipe(ignored);
}

/// What the real CLI at `program` is: remembered in the state directory per file, looked at
/// on disk the first time (see `real_aws::probe_version`).
pub fn known_cli_version(program: &std::path::Path) -> Option<real_aws::CliVersion> {
    if let Some(known) = state::cli_version(program) {
        return known;
    }
    let found = real_aws::probe_version(program, config::pyenv_version().as_deref());
    let _ = state::store_cli_version(program, found.as_ref());
    found
}

/// The mode for this call: `AWS_SHIM_MODE`, else `replace` on a terminal and `append`
/// elsewhere. A machine-readable error format (`--cli-error-format json` and the like) is
/// never touched when stderr is not a terminal.
pub fn choose_mode(args: &AwsArgs, stderr_tty: bool) -> Mode {
    if let Some(mode) = config::mode() {
        return mode;
    }
    if !stderr_tty && args.machine_error_format(config::cli_error_format().as_deref()) {
        return Mode::Off;
    }
    if stderr_tty {
        Mode::Replace
    } else {
        Mode::Append
    }
}

/// The bookkeeping after the CLI ended: record a failure that means the credentials do not
/// work now (only when the call failed), or clear a recorded one after a success that used
/// them; keep the prompt cache in step. Runs inside [`fail_open`]: every error is swallowed.
fn after_call(
    args: &CallFacts,
    outcome: &run::Outcome,
    resolve: impl Fn() -> Context,
    program_is_v1: impl Fn() -> bool,
) {
    // A profile whose name is not text (a non-UTF-8 --profile or AWS_PROFILE) cannot be
    // told apart from another: record nothing rather than another profile's state.
    if args.profile_unreadable || config::profile_var_unreadable() {
        return;
    }
    let now = jiff::Timestamp::now().as_second();
    // Only a failing call says that the credentials do not work: a call that succeeded may
    // still have shown a credential line on its way (a log tail it printed, an SDK that
    // refreshed its credentials and retried), and it is a success like any other.
    let succeeded = outcome.status.success();
    match &outcome.finding {
        Some(failure) if !succeeded => {
            let ctx = resolve();
            if state::says_credentials_are_dead(failure, &ctx) {
                let recorded = Recorded {
                    failure: failure.clone(),
                    time: now,
                    source: ctx.source.kind,
                    stamp: Some(ctx.source.stamp.clone()),
                };
                // The failure and the prompt cache change together (a lock around both).
                state::locked(|| {
                    if state::record(&ctx.profile, &recorded).is_ok() {
                        crate::cmd::prompt::refresh_cache(&ctx, Some(&recorded), now);
                    }
                });
            }
        }
        _ if succeeded => {
            // Only the profile's name is worked out here: this runs after every success. The
            // CLI's version decides only when both profile variables name different profiles.
            let mut inputs = config::profile_inputs(args.profile.as_deref());
            if inputs.var("AWS_PROFILE").is_some()
                && inputs.var("AWS_DEFAULT_PROFILE").is_some()
                && inputs.var("AWS_PROFILE") != inputs.var("AWS_DEFAULT_PROFILE")
            {
                inputs.default_profile_first = program_is_v1();
            }
            let (profile, _) = context::profile_choice(&inputs);
            if args.changes_credentials {
                state::forget_prompt(&profile);
            }
            // With nothing recorded this costs one failed stat, and takes no lock.
            if args.uses_credentials && state::has_failure(&profile) {
                state::locked(|| {
                    if state::clear(&profile).unwrap_or(false) {
                        crate::cmd::prompt::refresh_cache(&resolve(), None, now);
                    }
                });
            }
        }
        _ => {}
    }
}

/// The responder of the wrapper: resolves the context only when a line is recognised, then
/// advises and renders. Whatever fails inside it leaves the line as it came.
pub struct Explainer<F: Fn() -> Context> {
    /// `Replace` or `Append` (`Off` never reaches the explainer).
    pub mode: Mode,
    pub color: bool,
    /// The language, or `None` to choose it from the environment when a line is recognised.
    pub lang: Option<Lang>,
    pub context: F,
}

impl<F: Fn() -> Context> Explainer<F> {
    /// Whether the language is English only because nothing chose another: not by
    /// `AWS_SHIM_LANG` or `--lang` (a locale variable or the default decided).
    fn english_by_inference(&self) -> bool {
        if self.lang.is_some() {
            return false;
        }
        let choice = crate::i18n::current(None);
        choice.lang == Lang::EN
            && !matches!(
                choice.reason,
                crate::i18n::Reason::Flag | crate::i18n::Reason::Var("AWS_SHIM_LANG")
            )
    }

    fn look(&self) -> Look {
        Look {
            lang: self.lang.unwrap_or_else(|| crate::i18n::current(None).lang),
            tz: Look::system_tz(),
            color: self.color,
        }
    }
}

impl<F: Fn() -> Context> Responder for Explainer<F> {
    fn respond(&mut self, failure: &Failure, line: &[u8], out: &mut Vec<u8>) -> Option<Vec<u8>> {
        if let Some(rule) = failure.rule.if_expired() {
            // A tool's message that also has other causes (the CDK's "Unable to resolve AWS
            // account"): explained only when the context knows the credentials have expired,
            // and then as what is known, the expiry.
            out.extend_from_slice(line);
            let known = fail_open(|| advice::known_expired(&(self.context)())).unwrap_or(false);
            return known.then(|| {
                let mut expired = Failure::of_rule(rule);
                expired.tool = failure.tool.clone();
                self.respond(&expired, &[], &mut Vec::new())
            })?;
        }
        if failure.family() == Family::Ambiguous {
            // The line stays as it came; at most one line of hint follows it.
            out.extend_from_slice(line);
            let hint = fail_open(|| {
                let ctx = (self.context)();
                let hint = advice::hint(failure, &ctx)?;
                Some(render::hint_line(&hint, &self.look()))
            });
            return hint.flatten().map(String::into_bytes);
        }
        let rendered = fail_open(|| {
            let mut ctx = (self.context)();
            ctx.cli = real_aws::CliVersion::from_line(failure.v2_prefix, ctx.cli.take());
            crate::context::locate(
                &mut ctx,
                &config::place_env(),
                &crate::context::place::RootedFs::system(),
            );
            let advice = advice::advise(failure, &ctx);
            let mut text = render::explanation(&advice, &ctx, &self.look());
            if ctx.cloud9.is_some() && self.english_by_inference() {
                // Cloud9 terminals run with an English locale: say once, in Japanese, how
                // to switch.
                let ja = crate::i18n::Catalogue::load(crate::i18n::Lang::JA);
                text.push_str("\n  ");
                text.push_str(&ja.text("hint-switch-to-ja", &[]));
            }
            text
        });
        let Some(text) = rendered else {
            // Fail open: the line as it came.
            out.extend_from_slice(line);
            return None;
        };
        match self.mode {
            Mode::Replace => {
                out.extend_from_slice(render::headline(&failure.headline(), self.color).as_bytes())
            }
            Mode::Append | Mode::Off => out.extend_from_slice(line),
        }
        Some(text.into_bytes())
    }
}
