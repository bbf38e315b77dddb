//! Failure state: the last credential failure per profile, kept under
//! `$XDG_STATE_HOME/aws-shim/`, and the prompt cache beside it.
//!
//! # Files
//!
//! The directory is [`crate::config::state_dir`] (`$XDG_STATE_HOME/aws-shim`, else
//! `~/.local/state/aws-shim`), mode 0700; every file in it is mode 0600. Each profile has
//! two files named after the profile, with `%` written as `%25` and `/` as `%2F` (so that a
//! shell can build the name with two parameter substitutions):
//!
//! * `PROFILE.failure`: the last credential failure of that profile, present only until the
//!   next successful call (exit code 0) of the same profile. UTF-8 text, one `key=value` a
//!   line after a fixed first line; unknown keys are ignored, anything else makes the whole
//!   file count as absent:
//!
//!   ```text
//!   aws-shim-failure-1
//!   family=expired            (expired | invalid | clock | missing | provider)
//!   rule=expired-token        (the id of the rule in src/rules.rs that recognised the line)
//!   code=ExpiredToken         (the service's error code; absent for text rules)
//!   time=1764230950           (when it was recorded: seconds since the Unix epoch)
//!   source=cloud9-managed     (the credential source kind, see context::SourceKind::as_str)
//!   ```
//!
//!   It never holds a secret: no key id, token, account number or message text, only the
//!   names above (the code is limited to `[A-Za-z0-9._-]`).
//!
//! * `PROFILE.prompt`: the prompt cache, documented at [`crate::prompt::CacheEntry`].
//!
//! Every write goes to a temporary file (`.NAME.PID.NANOS.tmp`, created exclusively) that is
//! then renamed over the target, so a reader sees the old file or the new one, never a part;
//! many concurrent aws calls each write their own temporary file and the last rename wins.
//! A corrupt or foreign file is ignored when read and replaced by the next write.
//!
//! Nothing here may change what aws does: every error is swallowed (fail open).

use crate::context::Context;
use crate::rules::Family;
use std::fs;
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

const FAILURE_MAGIC: &str = "aws-shim-failure-1";
const FAILURE_EXT: &str = "failure";
const PROMPT_EXT: &str = "prompt";
/// Longest file name stem written (file systems allow 255 bytes per name).
const MAX_STEM: usize = 200;

/// One recorded credential failure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub family: Family,
    /// The id of the rule that recognised the error line.
    pub rule_id: String,
    /// The service's error code (`ExpiredToken`), when the line carried one.
    pub code: Option<String>,
    /// When it was recorded, in seconds since the Unix epoch.
    pub time: i64,
    /// The credential source kind (`sso`, `cloud9-managed`, ...).
    pub source_kind: String,
}

impl Failure {
    /// The code, or the rule id for lines without one: what the failure is called.
    pub fn name(&self) -> &str {
        self.code.as_deref().unwrap_or(&self.rule_id)
    }

    fn to_text(&self) -> String {
        let mut text = format!(
            "{FAILURE_MAGIC}\nfamily={}\nrule={}\n",
            self.family.as_str(),
            self.rule_id
        );
        if let Some(code) = &self.code {
            text.push_str(&format!("code={code}\n"));
        }
        text.push_str(&format!(
            "time={}\nsource={}\n",
            self.time, self.source_kind
        ));
        text
    }

    fn parse(text: &str) -> Option<Failure> {
        let mut lines = text.lines();
        if lines.next()? != FAILURE_MAGIC {
            return None;
        }
        let (mut family, mut rule_id, mut code, mut time, mut source_kind) =
            (None, None, None, None, None);
        for line in lines {
            let (key, value) = line.split_once('=')?;
            match key {
                "family" => family = Some(Family::parse(value)?),
                "rule" => rule_id = Some(safe_word(value)?),
                "code" => code = Some(safe_word(value)?),
                "time" => time = Some(value.parse().ok()?),
                "source" => source_kind = Some(safe_word(value)?),
                _ => {}
            }
        }
        Some(Failure {
            family: family?,
            rule_id: rule_id?,
            code,
            time: time?,
            source_kind: source_kind?,
        })
    }
}

/// A word that can be stored: `[A-Za-z0-9._-]`, 1 to 64 bytes. Anything else is not a name
/// aws-shim knows and is not kept.
fn safe_word(value: &str) -> Option<String> {
    let ok = !value.is_empty()
        && value.len() <= 64
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    ok.then(|| value.to_owned())
}

/// The file name stem of a profile: `%` as `%25`, `/` as `%2F`. `None` for a name too long
/// for a file name.
pub fn file_stem(profile: &str) -> Option<String> {
    let stem = profile.replace('%', "%25").replace('/', "%2F");
    (!stem.is_empty() && stem.len() <= MAX_STEM).then_some(stem)
}

fn file_in(dir: &Path, profile: &str, ext: &str) -> Option<PathBuf> {
    Some(dir.join(format!("{}.{ext}", file_stem(profile)?)))
}

/// The failure file of a profile, when there is a state directory.
pub fn failure_path(profile: &str) -> Option<PathBuf> {
    file_in(&crate::config::state_dir()?, profile, FAILURE_EXT)
}

/// The prompt cache of a profile, when there is a state directory.
pub fn prompt_path(profile: &str) -> Option<PathBuf> {
    file_in(&crate::config::state_dir()?, profile, PROMPT_EXT)
}

/// The last recorded credential failure of `profile`, if any (a corrupt file counts as none).
pub fn last_failure(profile: &str) -> Option<Failure> {
    let text = fs::read_to_string(failure_path(profile)?).ok()?;
    Failure::parse(&text)
}

/// Write `contents` to `path` atomically, creating the directory (0700) when missing.
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().ok_or(std::io::ErrorKind::InvalidInput)?;
    ensure_dir(dir)?;
    let name = path
        .file_name()
        .ok_or(std::io::ErrorKind::InvalidInput)?
        .to_string_lossy();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let tmp = dir.join(format!(".{name}.{}.{nanos}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
            .open(&tmp)?;
        file.write_all(contents)?;
        drop(file);
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// The state directory exists with mode 0700 (created so; tightened when it was not).
fn ensure_dir(dir: &Path) -> std::io::Result<()> {
    match fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
    {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e),
    }
    let meta = fs::symlink_metadata(dir)?;
    if !meta.is_dir() {
        return Err(std::io::ErrorKind::NotADirectory.into());
    }
    if meta.permissions().mode() & 0o777 != 0o700 {
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Record a failure of `ctx.profile` and rewrite its prompt cache.
pub fn record_failure(
    ctx: &Context,
    finding: &crate::filter::Finding,
    now: i64,
) -> std::io::Result<()> {
    let failure = Failure {
        family: finding.family,
        rule_id: finding.rule_id.to_owned(),
        code: finding.code.as_deref().and_then(safe_word),
        time: now,
        source_kind: ctx.source.kind.as_str().to_owned(),
    };
    let path = failure_path(&ctx.profile).ok_or(std::io::ErrorKind::NotFound)?;
    write_atomic(&path, failure.to_text().as_bytes())?;
    crate::prompt::write_cache(ctx, Some(&failure), now).map(|_| ())
}

/// After a successful call of `profile`: clear its failure, if one was recorded, and rewrite
/// the prompt cache from the context `resolve` gives. With nothing recorded this costs one
/// failed `stat` and resolves nothing.
pub fn clear_failure(
    profile: &str,
    resolve: impl FnOnce() -> Context,
    now: i64,
) -> std::io::Result<()> {
    let Some(path) = failure_path(profile) else {
        return Ok(());
    };
    if fs::symlink_metadata(&path).is_err() {
        return Ok(());
    }
    match fs::remove_file(&path) {
        Ok(()) => {}
        // Another call cleared it first and rewrites the cache.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    }
    crate::prompt::write_cache(&resolve(), None, now).map(|_| ())
}

/// Forget the prompt cache of `profile` so that the next prompt works it out anew (after a
/// command that changes credentials, such as `aws sso login`).
pub fn forget_prompt(profile: &str) {
    if let Some(path) = prompt_path(profile) {
        let _ = fs::remove_file(path);
    }
}

/// Whether an aws command line may change the credentials of its profile (`sso login`,
/// `sso logout`, `login`, `logout`, `configure ...`). A false positive only costs the next
/// prompt one recomputation.
pub fn changes_credentials(args: &[std::ffi::OsString]) -> bool {
    args.iter()
        .any(|a| matches!(a.to_str(), Some("login" | "logout" | "configure")))
}

/// Whether a failure of this family means the profile's credentials do not work now, which
/// is what the prompt's expired marker and the warning line say. Not so for a wrong clock
/// (the credentials are fine), an S3 status without a reason, or InvalidClientTokenId with
/// Cloud9's managed credentials (most likely an action they do not allow).
pub fn says_credentials_are_dead(family: Family, ctx: &Context) -> bool {
    match family {
        Family::Clock | Family::Ambiguous => false,
        Family::Invalid => ctx.source.kind != crate::context::SourceKind::Cloud9Managed,
        Family::Expired | Family::Missing | Family::Provider => true,
    }
}

/// Whether a successful call used the credentials, so that it proves them good: not
/// `--version`, `help`, `--generate-cli-skeleton`, `configure` or `history`, which never
/// reach AWS.
pub fn reached_aws(args: &[std::ffi::OsString]) -> bool {
    // Global options that take a value, so that the value is not taken for the command.
    const WITH_VALUE: &[&str] = &[
        "--profile",
        "--region",
        "--output",
        "--endpoint-url",
        "--query",
        "--color",
        "--ca-bundle",
        "--cli-read-timeout",
        "--cli-connect-timeout",
        "--cli-binary-format",
        "--cli-error-format",
    ];
    let mut command = None;
    let mut iter = args.iter().map(|a| a.to_string_lossy());
    while let Some(arg) = iter.next() {
        if matches!(
            arg.as_ref(),
            "--version" | "help" | "--generate-cli-skeleton"
        ) {
            return false;
        }
        if WITH_VALUE.contains(&arg.as_ref()) {
            iter.next();
        } else if command.is_none() && !arg.starts_with('-') {
            command = Some(arg.into_owned());
        }
    }
    !matches!(command.as_deref(), None | Some("configure" | "history"))
}

/// The wrapper's bookkeeping after the child ended: record a recognised failure, or clear a
/// recorded one after a success. Every error and panic is swallowed.
pub fn after_call(
    args: &[std::ffi::OsString],
    outcome: &crate::run::Outcome,
    resolve: &mut dyn FnMut() -> Context,
) {
    crate::fail_open::fail_open(|| {
        let now = jiff::Timestamp::now().as_second();
        match &outcome.finding {
            Some(finding) => {
                let ctx = resolve();
                if says_credentials_are_dead(finding.family, &ctx) {
                    let _ = record_failure(&ctx, finding, now);
                }
            }
            None if outcome.status.code() == Some(0) => {
                let (profile, _) =
                    crate::context::profile_name(&crate::config::profile_inputs(args));
                if changes_credentials(args) {
                    forget_prompt(&profile);
                }
                if reached_aws(args) {
                    let _ = clear_failure(&profile, &mut *resolve, now);
                }
            }
            None => {}
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_calls_that_reach_aws_prove_credentials_good() {
        let args =
            |s: &str| -> Vec<std::ffi::OsString> { s.split_whitespace().map(Into::into).collect() };
        for yes in [
            "s3 ls",
            "--profile dev sts get-caller-identity",
            "sso login --profile dev",
            "--region eu-west-1 ec2 describe-instances",
        ] {
            assert!(reached_aws(&args(yes)), "{yes}");
        }
        for no in [
            "--version",
            "help",
            "s3 help",
            "configure list",
            "--profile dev configure get region",
            "history list",
            "",
            "ec2 run-instances --generate-cli-skeleton",
        ] {
            assert!(!reached_aws(&args(no)), "{no}");
        }
    }

    #[test]
    fn which_failures_say_the_credentials_are_dead() {
        use crate::context::{CredentialSource, SourceKind};
        let ctx = |kind| Context {
            profile: "default".into(),
            profile_from: "default",
            source: CredentialSource::new(kind, "test"),
            cloud9: None,
            now: None,
        };
        let sso = ctx(SourceKind::Sso);
        let c9 = ctx(SourceKind::Cloud9Managed);
        assert!(says_credentials_are_dead(Family::Expired, &sso));
        assert!(says_credentials_are_dead(Family::Expired, &c9));
        assert!(says_credentials_are_dead(Family::Invalid, &sso));
        assert!(
            !says_credentials_are_dead(Family::Invalid, &c9),
            "a blocked action in Cloud9"
        );
        assert!(!says_credentials_are_dead(Family::Clock, &sso));
        assert!(!says_credentials_are_dead(Family::Ambiguous, &sso));
        assert!(says_credentials_are_dead(Family::Missing, &sso));
    }

    #[test]
    fn failure_round_trip() {
        let f = Failure {
            family: Family::Expired,
            rule_id: "expired-token".into(),
            code: Some("ExpiredToken".into()),
            time: 1_764_230_950,
            source_kind: "sso".into(),
        };
        assert_eq!(Failure::parse(&f.to_text()), Some(f.clone()));
        let no_code = Failure { code: None, ..f };
        assert_eq!(Failure::parse(&no_code.to_text()), Some(no_code));
    }

    #[test]
    fn corrupt_or_foreign_text_is_no_failure() {
        for text in [
            "",
            "garbage",
            "aws-shim-failure-1\nfamily=expired\n",
            "aws-shim-failure-1\nfamily=bogus\nrule=x\ntime=1\nsource=sso\n",
            "aws-shim-failure-1\nfamily=expired\nrule=x\ntime=soon\nsource=sso\n",
            "aws-shim-failure-1\nfamily=expired\nrule=x y\ntime=1\nsource=sso\n",
            "aws-shim-failure-2\nfamily=expired\nrule=x\ntime=1\nsource=sso\n",
        ] {
            assert_eq!(Failure::parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn file_stems_a_shell_can_build() {
        assert_eq!(file_stem("dev").as_deref(), Some("dev"));
        assert_eq!(file_stem("a%b/c").as_deref(), Some("a%25b%2Fc"));
        assert_eq!(file_stem(".."), Some("..".into()));
        assert_eq!(file_stem(&"x".repeat(300)), None);
    }

    #[test]
    fn commands_that_change_credentials() {
        let args = |s: &str| {
            s.split(' ')
                .map(std::ffi::OsString::from)
                .collect::<Vec<_>>()
        };
        assert!(changes_credentials(&args("sso login --profile dev")));
        assert!(changes_credentials(&args("--profile dev sso login")));
        assert!(changes_credentials(&args("configure set region x")));
        assert!(!changes_credentials(&args("s3 ls")));
        assert!(!changes_credentials(&args(
            "sso list-accounts --profile login-test"
        )));
    }
}
