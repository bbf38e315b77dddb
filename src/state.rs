//! Failure state: the last credential failure per profile, kept under
//! `$XDG_STATE_HOME/aws-shim/`, and the prompt cache beside it.
//!
//! # Files
//!
//! The directory is the caller's ([`Store::at`]; `config::state_dir`: `$XDG_STATE_HOME/aws-shim`,
//! else `~/.local/state/aws-shim`), mode 0700; every file in it is mode 0600. Each profile has
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
//!   rule=expired-token        (the id of the rule in src/rules.rs that recognised the line)
//!   code=ExpiredToken         (the service's error code; absent for text rules)
//!   operation=ListBuckets     (the operation the line named, if any)
//!   time=1764230950           (when it was recorded: seconds since the Unix epoch)
//!   source=cloud9-managed     (the credential source kind, see context::SourceKind::as_str)
//!   stamp=3f2a9c0d1e4b5a67    (what identified those credentials: a digest, no secret)
//!   ```
//!
//!   A failure belongs to the credentials it was about: once the source's stamp differs
//!   (Cloud9 renewed its file, a new SSO token, other exported keys), it no longer counts
//!   ([`Store::current_failure`]).
//!
//!   The rule gives the failure back whole (family, topic, advice); a rule id aws-shim no
//!   longer knows makes the file count as absent. Earlier files also carry `family=`, which
//!   is ignored. It never holds a secret: no key id, token, account number or message text,
//!   only the names above (each limited to `[A-Za-z0-9._-]`).
//!
//! * `PROFILE.prompt`: the prompt cache. Its text comes from the prompt module (its
//!   `CacheEntry`, where the format is documented); this module only stores it.
//!
//! Every write goes to a temporary file (`.NAME.PID.NANOS.tmp`, created exclusively) that is
//! then renamed over the target, so a reader sees the old file or the new one, never a part;
//! many concurrent aws calls each write their own temporary file and the last rename wins.
//! A corrupt or foreign file is ignored when read and replaced by the next write.
//!
//! Nothing here may change what aws does: every error is swallowed (fail open).

use crate::context::{Context, SourceKind};
use crate::files::{ensure_dir, write_atomic};
use crate::rules::{Failure, Family, Rule, Topic};
use std::fs;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

const FAILURE_MAGIC: &str = "aws-shim-failure-1";
const FAILURE_EXT: &str = "failure";
const PROMPT_EXT: &str = "prompt";
/// How long the wrapper waits for the state directory's lock before it writes without it.
const LOCK_PATIENCE: std::time::Duration = std::time::Duration::from_millis(200);
/// Longest file name stem written (file systems allow 255 bytes per name).
const MAX_STEM: usize = 200;

/// One recorded credential failure: the failure, when, and the kind of credentials it was
/// about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    pub failure: Failure,
    /// When it was recorded, in seconds since the Unix epoch.
    pub time: i64,
    pub source: SourceKind,
    /// The credential source's stamp when it failed (`CredentialSource::stamp`); absent in
    /// files of the earlier layout.
    pub stamp: Option<String>,
}

impl Recorded {
    fn to_text(&self) -> String {
        let mut text = format!("{FAILURE_MAGIC}\nrule={}\n", self.failure.rule.id);
        let safe = |v: &Option<String>| v.as_deref().and_then(safe_word);
        if let Some(code) = safe(&self.failure.code) {
            text.push_str(&format!("code={code}\n"));
        }
        if let Some(operation) = safe(&self.failure.operation) {
            text.push_str(&format!("operation={operation}\n"));
        }
        text.push_str(&format!(
            "time={}\nsource={}\n",
            self.time,
            self.source.as_str()
        ));
        if let Some(stamp) = self.stamp.as_deref().and_then(safe_word) {
            text.push_str(&format!("stamp={stamp}\n"));
        }
        text
    }

    fn parse(text: &str) -> Option<Recorded> {
        let mut lines = text.lines();
        if lines.next()? != FAILURE_MAGIC {
            return None;
        }
        let (mut rule, mut code, mut operation, mut time, mut source, mut stamp) =
            (None, None, None, None, None, None);
        for line in lines {
            let (key, value) = line.split_once('=')?;
            match key {
                "rule" => rule = Some(Rule::by_id(value)?),
                "code" => code = Some(safe_word(value)?),
                "operation" => operation = Some(safe_word(value)?),
                "time" => time = Some(value.parse().ok()?),
                "source" => source = Some(SourceKind::parse(value)?),
                "stamp" => stamp = Some(safe_word(value)?),
                _ => {}
            }
        }
        let mut failure = Failure::of_rule(rule?);
        failure.code = code.or(failure.code);
        failure.operation = operation;
        Some(Recorded {
            failure,
            time: time?,
            source: source?,
            stamp,
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

/// The state directory, as the caller found it (`config::state_dir`), or none (no HOME and
/// no XDG directory): then nothing is kept and nothing is found. Every file of the state
/// goes through it.
#[derive(Clone, Debug)]
pub struct Store {
    dir: Option<PathBuf>,
}

impl Store {
    pub fn at(dir: Option<PathBuf>) -> Store {
        Store { dir }
    }

    /// The directory, when there is one.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// The failure file of a profile.
    pub fn failure_path(&self, profile: &str) -> Option<PathBuf> {
        file_in(self.dir()?, profile, FAILURE_EXT)
    }

    /// The prompt cache of a profile.
    pub fn prompt_path(&self, profile: &str) -> Option<PathBuf> {
        file_in(self.dir()?, profile, PROMPT_EXT)
    }

    /// The last recorded credential failure of `profile`, if any (a corrupt file counts as
    /// none).
    pub fn last_failure(&self, profile: &str) -> Option<Recorded> {
        let text = read_state_file(&self.failure_path(profile)?)?;
        Recorded::parse(&text)
    }

    /// The recorded failure of `ctx.profile` when it is still about the credentials `ctx`
    /// sees: recorded under the same source stamp (or in the earlier layout, which had none).
    pub fn current_failure(&self, ctx: &Context) -> Option<Recorded> {
        self.last_failure(&ctx.profile)
            .filter(|r| r.still_about(ctx))
    }
}

/// How the credentials of a context stand, as far as can be told offline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// There are none: the profile is unknown (or its files cannot be read), or no source
    /// gives it credentials.
    Missing,
    /// They are there but do not work: a recorded failure is still about them, Cloud9's
    /// renewal is overdue, or their expiry has passed.
    Failing,
    /// They are there and nothing says they do not work.
    Working,
}

impl Store {
    /// How the credentials `ctx` sees stand now.
    pub fn standing(&self, ctx: &Context) -> Standing {
        if !ctx.profile_found || ctx.source.is_missing() {
            return Standing::Missing;
        }
        let overdue = ctx
            .cloud9
            .as_ref()
            .filter(|_| ctx.source.kind() == SourceKind::Cloud9Managed)
            .and_then(|c| c.renewal_overdue(ctx.now));
        // An SSO profile without a token: nobody has signed in on this machine.
        let unsigned = ctx.source.kind() == SourceKind::Sso && ctx.source.cache_file.is_none();
        if self.current_failure(ctx).is_some()
            || overdue.is_some()
            || unsigned
            || ctx.expired() == Some(true)
        {
            return Standing::Failing;
        }
        Standing::Working
    }
}

impl Recorded {
    /// Whether the credentials it failed with are still the ones in use.
    pub fn still_about(&self, ctx: &Context) -> bool {
        self.stamp
            .as_deref()
            .is_none_or(|stamp| stamp == ctx.source.stamp)
    }
}

/// A state file's text, read as the AWS CLI's files are: a regular file only (a FIFO planted
/// in its place is never waited on), opened without blocking, at most a small size.
fn read_state_file(path: &Path) -> Option<String> {
    String::from_utf8(crate::files::read_small(path)?).ok()
}

impl Store {
    /// Hold the state directory's lock while `f` runs, so that a failure file and the prompt
    /// cache written from it change together even when many aws calls end at once. The lock is
    /// only tried, for at most [`LOCK_PATIENCE`]: a holder that hangs must never keep the
    /// wrapper from exiting (fail open). Without a lock (no directory, a file system without
    /// locks, no luck in time) `f` runs all the same.
    pub fn locked<T>(&self, f: impl FnOnce() -> T) -> T {
        let lock = self.dir().and_then(|dir| {
            ensure_dir(dir).ok()?;
            let file = fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .mode(0o600)
                .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC | libc::O_NONBLOCK)
                .open(dir.join(".lock"))
                .ok()?;
            let start = std::time::Instant::now();
            loop {
                match file.try_lock() {
                    Ok(()) => return Some(file),
                    Err(fs::TryLockError::WouldBlock) if start.elapsed() < LOCK_PATIENCE => {
                        std::thread::sleep(std::time::Duration::from_millis(2));
                    }
                    Err(_) => return None,
                }
            }
        });
        let result = f();
        drop(lock);
        result
    }

    /// Record a failure of `profile`.
    pub fn record(&self, profile: &str, recorded: &Recorded) -> std::io::Result<()> {
        let path = self
            .failure_path(profile)
            .ok_or(std::io::ErrorKind::NotFound)?;
        write_atomic(&path, recorded.to_text().as_bytes())
    }

    /// Whether a failure is recorded for `profile` (one `stat`).
    pub fn has_failure(&self, profile: &str) -> bool {
        self.failure_path(profile)
            .is_some_and(|path| fs::symlink_metadata(path).is_ok())
    }

    /// Clear the recorded failure of `profile`; whether there was one to clear (look first with
    /// [`Store::has_failure`], one `stat`, so that nothing is locked when nothing is recorded).
    pub fn clear(&self, profile: &str) -> std::io::Result<bool> {
        let Some(path) = self.failure_path(profile) else {
            return Ok(false);
        };
        match fs::remove_file(&path) {
            Ok(()) => Ok(true),
            // Another call cleared it first (and rewrites the cache).
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Store the prompt cache of `profile` (the text the prompt module made of it). Always
    /// written anew, even when the text is the same: the hooks compare the files they watch
    /// with the cache's modification time.
    pub fn store_prompt(&self, profile: &str, text: &str) -> std::io::Result<()> {
        let path = self
            .prompt_path(profile)
            .ok_or(std::io::ErrorKind::NotFound)?;
        write_atomic(&path, text.as_bytes())
    }

    /// Forget the prompt cache of `profile` so that the next prompt works it out anew (after a
    /// command that changes credentials, such as `aws sso login`).
    pub fn forget_prompt(&self, profile: &str) {
        if let Some(path) = self.prompt_path(profile) {
            let _ = fs::remove_file(path);
        }
    }
}

/// Whether a failure means the profile's credentials do not work now, which is what the
/// prompt's expired marker and the warning line say, and so whether it is recorded. Not so
/// for a wrong clock (the credentials are fine), an S3 status without a reason, a signature
/// mismatch (most often a wrong secret key, but a proxy or an unusual request can cause it
/// too), an abandoned `aws sso login` (it says nothing of the session in use), or
/// InvalidClientTokenId with Cloud9's managed credentials (most likely an action they do not
/// allow).
pub fn says_credentials_are_dead(failure: &Failure, ctx: &Context) -> bool {
    match (failure.family(), failure.topic()) {
        (Family::Clock | Family::Ambiguous, _) => false,
        (_, Topic::SignatureMismatch | Topic::SsoLoginTimedOut) => false,
        (Family::Invalid, _) => ctx.source.kind() != SourceKind::Cloud9Managed,
        (Family::Expired | Family::Missing | Family::Provider, _) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn which_failures_say_the_credentials_are_dead() {
        use crate::context::CredentialSource;
        let ctx = |kind| Context {
            profile: "default".into(),
            profile_from: crate::context::ProfileFrom::Default,
            source: CredentialSource::new(kind, "test"),
            cloud9: None,
            now: None,
            cli: None,
            profile_found: true,
        };
        let dead = |id: &str, kind| {
            says_credentials_are_dead(&Failure::of_rule(Rule::by_id(id).unwrap()), &ctx(kind))
        };
        assert!(dead("expired-token", SourceKind::Sso));
        assert!(dead("expired-token", SourceKind::Cloud9Managed));
        assert!(dead("invalid-client-token-id", SourceKind::Sso));
        assert!(
            !dead("invalid-client-token-id", SourceKind::Cloud9Managed),
            "a blocked action in Cloud9"
        );
        assert!(!dead("request-expired", SourceKind::Sso));
        assert!(!dead("s3-head-400", SourceKind::Sso));
        assert!(!dead("signature-mismatch", SourceKind::FileKeys));
        assert!(!dead("sso-pending-authorization-expired", SourceKind::Sso));
        assert!(dead("no-credentials", SourceKind::None));
        assert!(dead("mfa-required", SourceKind::AssumeRole));
    }

    #[test]
    fn the_store_keeps_its_files_in_the_directory_it_is_given() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::at(Some(tmp.path().join("aws-shim")));
        let recorded = Recorded {
            failure: Failure::of_rule(&crate::rules::RULES[0]),
            time: 1_764_230_950,
            source: SourceKind::Sso,
            stamp: Some("0123456789abcdef".into()),
        };
        assert!(!store.has_failure("a/b"));
        store.locked(|| store.record("a/b", &recorded)).unwrap();
        assert!(tmp.path().join("aws-shim/a%2Fb.failure").is_file());
        assert!(store.has_failure("a/b"));
        assert_eq!(
            store.last_failure("a/b").unwrap().failure.rule.id,
            recorded.failure.rule.id
        );
        store.store_prompt("a/b", "text\n").unwrap();
        assert!(store.prompt_path("a/b").unwrap().is_file());
        assert!(store.clear("a/b").unwrap());
        assert!(!store.clear("a/b").unwrap(), "nothing left to clear");
        store.forget_prompt("a/b");
        assert!(!store.prompt_path("a/b").unwrap().exists());
        // Without a directory nothing is kept, and nothing fails loudly.
        let none = Store::at(None);
        assert!(none.record("a", &recorded).is_err());
        assert!(!none.has_failure("a") && none.last_failure("a").is_none());
        assert!(!none.clear("a").unwrap());
        assert_eq!(none.locked(|| 7), 7);
    }

    #[test]
    fn the_rule_survives_the_file() {
        for rule in crate::rules::RULES {
            let mut failure = Failure::of_rule(rule);
            failure.operation = Some("GetCallerIdentity".into());
            failure.message = "not stored".into();
            let recorded = Recorded {
                failure,
                time: 1_764_230_950,
                source: SourceKind::AssumeRole,
                stamp: Some("0123456789abcdef".into()),
            };
            let back = Recorded::parse(&recorded.to_text()).expect(rule.id);
            assert_eq!(back.failure.rule.id, rule.id);
            assert_eq!(back.failure.topic(), rule.topic);
            assert_eq!(back.failure.code, recorded.failure.code);
            assert_eq!(back.failure.operation.as_deref(), Some("GetCallerIdentity"));
            assert_eq!(back.failure.message, "", "no message text is stored");
            assert_eq!((back.time, back.source), (recorded.time, recorded.source));
            assert_eq!(back.stamp, recorded.stamp);
        }
    }

    #[test]
    fn files_of_the_earlier_layout_are_read() {
        let text =
            "aws-shim-failure-1\nfamily=provider\nrule=mfa-required\ntime=5\nsource=assume-role\n";
        let back = Recorded::parse(text).unwrap();
        assert_eq!(back.failure.topic(), crate::rules::Topic::MfaRequired);
    }

    #[test]
    fn corrupt_or_foreign_text_is_no_failure() {
        for text in [
            "",
            "garbage",
            "aws-shim-failure-1\nrule=expired-token\n",
            "aws-shim-failure-1\nrule=no-such-rule\ntime=1\nsource=sso\n",
            "aws-shim-failure-1\nrule=expired-token\ntime=soon\nsource=sso\n",
            "aws-shim-failure-1\nrule=expired-token\ncode=x y\ntime=1\nsource=sso\n",
            "aws-shim-failure-1\nrule=expired-token\ntime=1\nsource=bogus\n",
            "aws-shim-failure-2\nrule=expired-token\ntime=1\nsource=sso\n",
        ] {
            assert_eq!(Recorded::parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn file_stems_a_shell_can_build() {
        assert_eq!(file_stem("dev").as_deref(), Some("dev"));
        assert_eq!(file_stem("a%b/c").as_deref(), Some("a%25b%2Fc"));
        assert_eq!(file_stem(".."), Some("..".into()));
        assert_eq!(file_stem(&"x".repeat(300)), None);
    }
}
