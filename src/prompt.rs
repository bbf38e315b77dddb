//! The prompt segment: what a shell prompt says about the credentials of the current profile,
//! and the cache that lets bash and zsh show it without starting a process.
//!
//! The segment is worked out from the credential [`Context`] and the recorded failure
//! ([`crate::state`]): the profile, the time left (`2h13m`, `45m`), a warning symbol under
//! 15 minutes, an expired symbol after a recorded failure or a known past expiry, and for
//! AWS Cloud9 an "owner offline" symbol once the time written in the managed credentials file
//! has passed (Cloud9 refreshes the file before then while the owner is connected). With the
//! default profile and nothing known, the segment is empty.
//!
//! # Format
//!
//! `AWS_SHIM_PROMPT_FORMAT` (or `aws-shim prompt --format`) with the placeholders
//! `{symbol}`, `{profile}`, `{left}` (time left, empty when unknown) and `{status}` (`ok`,
//! `warn`, `expired`, `offline`); default [`DEFAULT_FORMAT`]. Runs of spaces left by empty
//! placeholders are collapsed and the ends trimmed.
//!
//! Symbols: `ok` ☁, `warn` ⚠, `expired` ✗, `offline` ☾, `missing` ? (a profile that does not
//! exist); in ASCII (`AWS_SHIM_PROMPT_ASCII=1` or a locale that is not UTF-8) `aws`, `aws!`,
//! `aws:x`, `aws:zz`, `aws:?`. Each can be replaced with
//! `AWS_SHIM_PROMPT_SYMBOLS="warn=!!,expired=DEAD"`.

use crate::context::{Context, SourceKind};
use crate::i18n::{Catalogue, Lang};
use crate::rules::Family;
use crate::state::Recorded;

pub mod command_line;

/// The default format.
pub const DEFAULT_FORMAT: &str = "{symbol} {profile} {left}";
/// Under this many seconds left the segment warns.
pub const WARN_BEFORE: i64 = 15 * 60;
/// How long a segment derived from the clock alone (an expiry seen to have passed, a Cloud9
/// owner seen offline) is trusted before it is worked out again.
pub const RECHECK: i64 = 60;
/// The longest any cache entry is trusted: the environment of the shell (an exported
/// `AWS_CREDENTIAL_EXPIRATION`, for example) may change without aws-shim seeing it.
pub const MAX_TRUST: i64 = 300;

/// How the credentials stand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Ok,
    /// Less than [`WARN_BEFORE`] left.
    Warn,
    /// A failure was recorded, or the known expiry has passed.
    Expired,
    /// Cloud9: the managed credentials file was not refreshed in time; the owner is away.
    Offline,
    /// The profile named does not exist in the config files.
    Missing,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Warn => "warn",
            Status::Expired => "expired",
            Status::Offline => "offline",
            Status::Missing => "missing",
        }
    }
}

/// What the prompt says, before formatting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub profile: String,
    pub status: Status,
    /// The expiry to count down from (seconds since the epoch), when known and ahead.
    pub expires_at: Option<i64>,
    /// Whether there is anything to say at all.
    pub visible: bool,
    /// The epoch second at which the segment must be worked out again (its status or
    /// symbol changes then, or its inputs may have).
    pub until: i64,
}

/// Work out the segment.
pub fn segment(ctx: &Context, failure: Option<&Recorded>, now: i64) -> Segment {
    let source = &ctx.source;
    let cloud9_managed = source.kind() == SourceKind::Cloud9Managed;
    // A refreshable expiry (an SSO token with a refresh token) is not a deadline.
    let expiry = source
        .expires_at
        .map(|t| t.as_second())
        .filter(|_| source.refreshable != Some(true));
    let (status, expires_at, until) = if !ctx.profile_found {
        (Status::Missing, None, now + MAX_TRUST)
    } else if failure.is_some() {
        (Status::Expired, None, now + MAX_TRUST)
    } else if cloud9_managed {
        match ctx
            .cloud9
            .as_ref()
            .and_then(|c| c.header_time)
            .map(|t| t.as_second())
        {
            Some(refresh) if refresh <= now => (Status::Offline, None, now + RECHECK),
            Some(refresh) => (Status::Ok, None, refresh),
            None => (Status::Ok, None, now + MAX_TRUST),
        }
    } else {
        match expiry {
            Some(exp) if exp <= now => (Status::Expired, None, now + RECHECK),
            Some(exp) if exp - now < WARN_BEFORE => (Status::Warn, Some(exp), exp),
            Some(exp) => (Status::Ok, Some(exp), exp - WARN_BEFORE),
            None => (Status::Ok, None, now + MAX_TRUST),
        }
    };
    let visible = status != Status::Ok || expires_at.is_some() || ctx.profile_explicit();
    Segment {
        profile: ctx.profile.clone(),
        status,
        expires_at,
        visible,
        until: until.min(now + MAX_TRUST),
    }
}

/// The symbol of each status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbols {
    pub ok: String,
    pub warn: String,
    pub expired: String,
    pub offline: String,
    pub missing: String,
}

impl Symbols {
    pub fn new(ascii: bool, overrides: Option<&str>) -> Symbols {
        let [ok, warn, expired, offline, missing] = if ascii {
            ["aws", "aws!", "aws:x", "aws:zz", "aws:?"]
        } else {
            ["\u{2601}", "\u{26a0}", "\u{2717}", "\u{263e}", "?"]
        };
        let mut symbols = Symbols {
            ok: ok.into(),
            warn: warn.into(),
            expired: expired.into(),
            offline: offline.into(),
            missing: missing.into(),
        };
        for pair in overrides.unwrap_or("").split(',') {
            let Some((name, symbol)) = pair.split_once('=') else {
                continue;
            };
            let slot = match name.trim() {
                "ok" => &mut symbols.ok,
                "warn" => &mut symbols.warn,
                "expired" => &mut symbols.expired,
                "offline" => &mut symbols.offline,
                "missing" => &mut symbols.missing,
                _ => continue,
            };
            *slot = printable(symbol);
        }
        symbols
    }

    /// From the environment (see the module documentation).
    pub fn configured() -> Symbols {
        Symbols::new(
            crate::config::prompt_ascii(),
            crate::config::prompt_symbols().as_deref(),
        )
    }

    pub fn of(&self, status: Status) -> &str {
        match status {
            Status::Ok => &self.ok,
            Status::Warn => &self.warn,
            Status::Expired => &self.expired,
            Status::Offline => &self.offline,
            Status::Missing => &self.missing,
        }
    }
}

/// Control characters (a newline would break the cache and the prompt) shown as `?`.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

/// A duration as `45m`, `2h13m`, `3d4h`, minutes rounded up: language-neutral on purpose.
/// The shell hooks compute the same text from the cache; keep them in step.
pub fn compact_duration(seconds: i64) -> String {
    let minutes = (seconds.max(0) + 59) / 60;
    if minutes < 60 {
        format!("{minutes}m")
    } else if minutes < 1440 {
        format!("{}h{}m", minutes / 60, minutes % 60)
    } else {
        format!("{}d{}h", minutes / 1440, minutes / 60 % 24)
    }
}

/// Stands for the time left while the text is split around it for the cache.
const LEFT_MARK: char = '\u{0}';

/// The segment formatted; `left` is the text put for `{left}`.
fn expand(seg: &Segment, format: &str, symbols: &Symbols, left: &str) -> String {
    if !seg.visible {
        return String::new();
    }
    // Every piece but `left` (the time left, or the mark that stands for it) is shown as
    // printable text: the format and the profile name come from the environment and files.
    let mut out = String::new();
    let mut rest = format;
    while let Some(open) = rest.find('{') {
        out.push_str(&printable(&rest[..open]));
        let after = &rest[open..];
        let Some(close) = after.find('}') else { break };
        match &after[1..close] {
            "symbol" => out.push_str(&printable(symbols.of(seg.status))),
            "profile" => out.push_str(&printable(&seg.profile)),
            "left" => out.push_str(left),
            "status" => out.push_str(seg.status.as_str()),
            _ => out.push_str(&printable(&after[..=close])),
        }
        rest = &after[close + 1..];
    }
    out.push_str(&printable(rest));
    let collapsed: Vec<&str> = out.split(' ').filter(|w| !w.is_empty()).collect();
    collapsed.join(" ")
}

/// The segment as text at `now`.
pub fn render(seg: &Segment, format: &str, symbols: &Symbols, now: i64) -> String {
    let left = seg
        .expires_at
        .map(|exp| compact_duration(exp - now))
        .unwrap_or_default();
    expand(seg, format, symbols, &left)
}

/// One profile's prompt cache, as written to `PROFILE.prompt` in the state directory: four
/// lines and the files to watch, one a line, so that a shell reads it with one builtin and
/// no process.
///
/// ```text
/// aws-shim-prompt-2 UNTIL EXPIRES
/// BEFORE
/// AFTER
/// WARNING
/// WATCHED FILE
/// ...
/// ```
///
/// * `UNTIL`: the epoch second from which the entry is stale (the hook then runs
///   `aws-shim prompt`, which writes a new one). Compare with `$EPOCHSECONDS`.
/// * `EXPIRES`: `0`, or the expiry (epoch seconds) from which the hook computes the time left
///   (`m = (EXPIRES - now + 59) / 60`; `${m}m` under an hour, `$((m/60))h$((m%60))m` under a
///   day, else `$((m/1440))d$((m/60%24))h`) and puts it between BEFORE and AFTER.
/// * `BEFORE`, `AFTER`: the segment's text around the time left; with `EXPIRES` 0 the whole
///   text is BEFORE and AFTER is empty. Both empty: nothing to show.
/// * `WARNING`: the line printed before the next `aws` command when the credentials are
///   dead, in the user's language; empty otherwise.
/// * `WATCHED FILE`s: the files the credentials come from (credentials and config files, the
///   SSO or role cache file). When one of them is newer than the cache file itself
///   (`[[ FILE -nt CACHE ]]`), the credentials may have changed: the entry is stale. The
///   exported variables are the hook's to compare, from one prompt to the next.
///
/// Read in bash or zsh: `{ read -r magic until exp; IFS= read -r before; IFS= read -r after;
/// IFS= read -r warning; } < "$file"` (the hooks: at most [`CACHE_MAX`] bytes with one builtin,
/// then split). A file whose first word is not `aws-shim-prompt-2` is stale. No field holds a
/// control character ([`CacheEntry::to_text`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CacheEntry {
    pub until: i64,
    pub expires: i64,
    pub before: String,
    pub after: String,
    pub warning: String,
    pub watch: Vec<String>,
}

pub const CACHE_MAGIC: &str = "aws-shim-prompt-2";

/// The most the hooks read of a cache file (bytes): a file that fills it is not aws-shim's,
/// and counts as missing. The hooks (shell/*) write the number themselves; a test checks
/// that they agree.
#[cfg_attr(not(test), allow(dead_code))]
pub const CACHE_MAX: usize = 16 * 1024;
/// The most a text field of the cache holds (bytes; the warning four times that).
pub const CACHE_FIELD_MAX: usize = 1024;

/// `text` cut to at most `max` bytes, at a character's boundary.
fn truncated(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The file in the state directory that exists while the AWS CLI that `aws` runs is version
/// 1, which reads `AWS_DEFAULT_PROFILE` before `AWS_PROFILE`: with both variables set (and
/// different), the hooks read the cache of `AWS_DEFAULT_PROFILE` then (`[[ -e FILE ]]`, no
/// process). Kept in step by whatever writes the prompt cache with the CLI's version known.
pub const CLI_V1_MARK: &str = "cli-v1";

impl CacheEntry {
    #[cfg(test)]
    pub fn new(seg: &Segment, format: &str, symbols: &Symbols, warning: String) -> CacheEntry {
        Self::watching(seg, format, symbols, warning, &[])
    }

    /// The entry, with the files whose change makes it stale (paths that cannot be written
    /// on one line are left out).
    pub fn watching(
        seg: &Segment,
        format: &str,
        symbols: &Symbols,
        warning: String,
        watch: &[std::path::PathBuf],
    ) -> CacheEntry {
        let marked = expand(seg, format, symbols, &LEFT_MARK.to_string());
        let (before, after, expires) = match (seg.expires_at, marked.split_once(LEFT_MARK)) {
            (Some(exp), Some((before, after))) => {
                (before.to_owned(), after.replace(LEFT_MARK, ""), exp)
            }
            _ => (expand(seg, format, symbols, ""), String::new(), 0),
        };
        CacheEntry {
            until: seg.until,
            expires,
            before,
            after,
            warning: printable(&warning),
            watch: watch
                .iter()
                .filter_map(|p| p.to_str())
                .filter(|p| !p.contains(|c: char| c.is_control()))
                .map(str::to_owned)
                .collect(),
        }
    }

    /// The file's text: never a control character but the newlines between lines (whatever
    /// the fields hold), the segment's two parts at most [`CACHE_FIELD_MAX`] bytes each and the
    /// warning at most four times that, so that the whole stays under the hooks' bound
    /// ([`CACHE_MAX`]) with any usual paths.
    pub fn to_text(&self) -> String {
        let field = |text: &str, max: usize| printable(truncated(text, max));
        let mut text = format!(
            "{CACHE_MAGIC} {} {}\n{}\n{}\n{}\n",
            self.until,
            self.expires,
            field(&self.before, CACHE_FIELD_MAX),
            field(&self.after, CACHE_FIELD_MAX),
            field(&self.warning, 4 * CACHE_FIELD_MAX)
        );
        for path in &self.watch {
            text.push_str(path);
            text.push('\n');
        }
        text
    }
}

/// The catalogue message of the warning line's remedy, and the command it names (empty when
/// it names none). A known place ([`crate::context::CredentialSource::place`]) decides
/// first, where it has a remedy of its own.
pub fn remedy(ctx: &Context, recorded: Option<&Recorded>) -> (&'static str, String) {
    let family = recorded.map(|r| r.failure.family());
    // With nothing recorded, the credentials are dead because their expiry has passed.
    let found = ctx
        .source
        .place
        .as_ref()
        .and_then(|place| {
            crate::context::place::shell_remedy(place, family.unwrap_or(Family::Expired), ctx)
        })
        .unwrap_or_else(|| generic_remedy(ctx, recorded, family));
    // In a CI job nobody can sign in or type a code, whichever remedy asked for it: the
    // job's own way instead.
    if let Some(job) = &ctx.source.job
        && INTERACTIVE_REMEDIES.contains(&found.0)
        && let Some(in_job) = crate::context::place::job_shell_remedy(job)
    {
        return in_job;
    }
    found
}

/// The warning's remedies that ask for a sign-in or an MFA code.
const INTERACTIVE_REMEDIES: &[&str] = &[
    "shell-remedy-sso",
    "shell-remedy-sso-v1",
    "shell-remedy-sso-either",
    "shell-remedy-login",
    "shell-remedy-role",
    "shell-remedy-mfa",
    "shell-remedy-place-cloudshell",
    "shell-remedy-place-mounted-aws",
];

/// The remedy by the credentials' source, without a place.
fn generic_remedy(
    ctx: &Context,
    recorded: Option<&Recorded>,
    family: Option<Family>,
) -> (&'static str, String) {
    match (ctx.source.kind(), family) {
        (_, Some(Family::Clock)) => ("shell-remedy-clock", String::new()),
        (_, Some(Family::Provider))
            if recorded.is_some_and(|r| r.failure.topic() == crate::rules::Topic::MfaRequired) =>
        {
            ("shell-remedy-mfa", String::new())
        }
        (SourceKind::Sso, _) => {
            let id = match ctx.cli.as_ref().map(|c| c.major) {
                Some(2) => "shell-remedy-sso",
                Some(_) => "shell-remedy-sso-v1",
                None => "shell-remedy-sso-either",
            };
            (id, crate::advice::sso_login_command(ctx))
        }
        (SourceKind::Login, _) => (
            "shell-remedy-login",
            crate::advice::with_profile("aws login", ctx),
        ),
        (SourceKind::Cloud9Managed, _) => ("shell-remedy-cloud9", String::new()),
        (SourceKind::ExportedSession | SourceKind::ExportedKeys, _) => {
            ("shell-remedy-exported", String::new())
        }
        (SourceKind::AssumeRole, _) => ("shell-remedy-role", String::new()),
        // Every kind is named, so that a new one is a decision here, not a fall-through.
        (
            SourceKind::WebIdentity
            | SourceKind::FileSession
            | SourceKind::FileKeys
            | SourceKind::CredentialProcess
            | SourceKind::Container
            | SourceKind::InstanceProfile
            | SourceKind::None,
            _,
        ) => ("shell-remedy-other", String::new()),
    }
}

/// The line printed before an `aws` command while the credentials are dead, with the remedy
/// for their source, in `lang`; empty when they are not known to be dead.
pub fn warning(
    ctx: &Context,
    recorded: Option<&Recorded>,
    seg: &Segment,
    now: i64,
    lang: Lang,
) -> String {
    if seg.status != Status::Expired {
        return String::new();
    }
    let cat = Catalogue::load(lang);
    let profile = printable(&ctx.profile);
    let (remedy_id, command) = remedy(ctx, recorded);
    let remedy = cat
        .get(remedy_id, &[("profile", &profile), ("command", &command)])
        .unwrap_or_default();
    let line = match recorded {
        Some(r) => match &r.failure.code {
            Some(code) => cat.get(
                "shell-warn-failed",
                &[("profile", &profile), ("code", code), ("remedy", &remedy)],
            ),
            None => {
                let what = cat.get(&r.failure.what_id(), &[]).unwrap_or_default();
                cat.get(
                    "shell-warn-failed-text",
                    &[("profile", &profile), ("what", &what), ("remedy", &remedy)],
                )
            }
        },
        None => {
            let ago = ctx.source.expires_at.map_or(0, |t| now - t.as_second());
            let ago = crate::render::duration(ago, &cat);
            cat.get(
                "shell-warn-expired",
                &[("profile", &profile), ("ago", &ago), ("remedy", &remedy)],
            )
        }
    };
    line.unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::{Cloud9, CredentialSource};
    use jiff::Timestamp;

    const NOW: i64 = 1_800_000_000;

    fn ctx(kind: SourceKind, expires: Option<i64>, explicit: bool) -> Context {
        let mut source = CredentialSource::new(kind, "test");
        source.expires_at = expires.map(|s| Timestamp::from_second(s).unwrap());
        Context {
            profile: if explicit {
                "dev".into()
            } else {
                "default".into()
            },
            profile_from: if explicit {
                crate::context::ProfileFrom::Argument
            } else {
                crate::context::ProfileFrom::Default
            },
            source,
            cloud9: None,
            now: Some(Timestamp::from_second(NOW).unwrap()),
            cli: None,
            profile_found: true,
        }
    }

    fn failure() -> Recorded {
        Recorded {
            failure: crate::rules::Failure::of_rule(
                crate::rules::Rule::by_id("expired-token").unwrap(),
            ),
            time: NOW - 10,
            source: SourceKind::Sso,
            stamp: None,
        }
    }

    fn text(seg: &Segment) -> String {
        render(seg, DEFAULT_FORMAT, &Symbols::new(true, None), NOW)
    }

    #[test]
    fn nothing_to_say_is_empty() {
        let seg = segment(&ctx(SourceKind::None, None, false), None, NOW);
        assert_eq!(text(&seg), "");
        assert_eq!(
            CacheEntry::new(
                &seg,
                DEFAULT_FORMAT,
                &Symbols::new(true, None),
                String::new()
            )
            .to_text(),
            format!("{CACHE_MAGIC} {} 0\n\n\n\n", NOW + MAX_TRUST)
        );
    }

    #[test]
    fn explicit_profile_alone() {
        assert_eq!(
            text(&segment(&ctx(SourceKind::None, None, true), None, NOW)),
            "aws dev"
        );
    }

    #[test]
    fn time_left_and_warning() {
        let seg = segment(
            &ctx(SourceKind::Sso, Some(NOW + 2 * 3600 + 13 * 60), true),
            None,
            NOW,
        );
        assert_eq!(
            (seg.status, text(&seg).as_str()),
            (Status::Ok, "aws dev 2h13m")
        );
        assert_eq!(
            seg.until,
            (NOW + 2 * 3600 + 13 * 60 - WARN_BEFORE).min(NOW + MAX_TRUST)
        );
        let seg = segment(&ctx(SourceKind::Sso, Some(NOW + 45 * 60), false), None, NOW);
        assert_eq!(text(&seg), "aws default 45m");
        let seg = segment(&ctx(SourceKind::Sso, Some(NOW + 14 * 60), true), None, NOW);
        assert_eq!(
            (seg.status, text(&seg).as_str(), seg.until),
            (Status::Warn, "aws! dev 14m", NOW + MAX_TRUST)
        );
        let seg = segment(&ctx(SourceKind::Sso, Some(NOW + 100), true), None, NOW);
        assert_eq!((seg.status, seg.until), (Status::Warn, NOW + 100));
    }

    #[test]
    fn expired_by_clock_or_by_failure() {
        let seg = segment(
            &ctx(SourceKind::ExportedSession, Some(NOW - 5), true),
            None,
            NOW,
        );
        assert_eq!(
            (seg.status, text(&seg).as_str(), seg.until),
            (Status::Expired, "aws:x dev", NOW + RECHECK)
        );
        let seg = segment(
            &ctx(SourceKind::Sso, Some(NOW + 3600), true),
            Some(&failure()),
            NOW,
        );
        assert_eq!(
            (seg.status, text(&seg).as_str()),
            (Status::Expired, "aws:x dev")
        );
    }

    #[test]
    fn the_warning_names_the_sign_in_of_the_source() {
        let line = |kind| {
            let c = ctx(kind, Some(NOW + 3600), true);
            let seg = segment(&c, Some(&failure()), NOW);
            warning(&c, Some(&failure()), &seg, NOW, Lang::EN)
        };
        assert!(line(SourceKind::Sso).contains("aws sso login --profile dev"));
        let login = line(SourceKind::Login);
        assert!(login.contains("aws login --profile dev"), "{login}");
        assert!(!login.contains("sso"), "{login}");
    }

    #[test]
    fn refreshable_expiry_is_no_deadline() {
        let mut c = ctx(SourceKind::Sso, Some(NOW - 5), true);
        c.source.refreshable = Some(true);
        let seg = segment(&c, None, NOW);
        assert_eq!((seg.status, seg.expires_at), (Status::Ok, None));
    }

    #[test]
    fn cloud9_owner_offline() {
        let mut c = ctx(SourceKind::Cloud9Managed, Some(NOW - 30), false);
        c.cloud9 = Some(Cloud9 {
            managed_header: true,
            header_time: c.source.expires_at,
            ..Cloud9::default()
        });
        let seg = segment(&c, None, NOW);
        assert_eq!(
            (seg.status, text(&seg).as_str()),
            (Status::Offline, "aws:zz default")
        );
        c.cloud9.as_mut().unwrap().header_time = Some(Timestamp::from_second(NOW + 200).unwrap());
        let seg = segment(&c, None, NOW);
        assert_eq!((text(&seg).as_str(), seg.until), ("", NOW + 200));
    }

    #[test]
    fn formats_and_symbols() {
        let seg = segment(&ctx(SourceKind::Sso, Some(NOW + 90 * 60), true), None, NOW);
        let sym = Symbols::new(false, Some("ok=AWS, bogus=1,warn"));
        assert_eq!(
            render(&seg, "[{profile}|{left}|{status}] {nope}", &sym, NOW),
            "[dev|1h30m|ok] {nope}"
        );
        assert_eq!(render(&seg, DEFAULT_FORMAT, &sym, NOW), "AWS dev 1h30m");
        assert_eq!(
            render(&seg, DEFAULT_FORMAT, &Symbols::new(false, None), NOW),
            "\u{2601} dev 1h30m"
        );
    }

    #[test]
    fn cache_entry_splits_around_time_left() {
        let seg = segment(
            &ctx(SourceKind::Sso, Some(NOW + 3 * 86400), true),
            None,
            NOW,
        );
        let e = CacheEntry::new(
            &seg,
            "<{profile} {left}>",
            &Symbols::new(true, None),
            String::new(),
        );
        assert_eq!(
            (e.before.as_str(), e.after.as_str(), e.expires),
            ("<dev ", ">", NOW + 3 * 86400)
        );
        let e = CacheEntry::new(&seg, "{profile}", &Symbols::new(true, None), "w\nx".into());
        assert_eq!(e.warning, "w?x");
        let seg = segment(
            &ctx(SourceKind::Sso, Some(NOW + 60), true),
            Some(&failure()),
            NOW,
        );
        let e = CacheEntry::new(
            &seg,
            DEFAULT_FORMAT,
            &Symbols::new(true, None),
            String::new(),
        );
        assert_eq!(
            (
                e.before.as_str(),
                e.after.as_str(),
                e.expires,
                e.warning.as_str()
            ),
            ("aws:x dev", "", 0, "")
        );
    }

    #[test]
    fn the_cache_never_holds_a_control_character_and_stays_small() {
        let mut c = ctx(SourceKind::Sso, Some(NOW + 3600), true);
        c.profile = "\u{1b}]0;x\u{7}%F{red}\u{9b}".into();
        let seg = segment(&c, None, NOW);
        let e = CacheEntry::watching(
            &seg,
            "\u{1b}[31m{profile}\r{left}\n{bogus\u{8}}",
            &Symbols::new(false, Some("ok=\u{1b}")),
            "w\u{1b}".into(),
            &["/a\u{1b}b".into(), "/ok".into()],
        );
        let text = e.to_text();
        assert!(
            !text.chars().any(|ch| ch.is_control() && ch != '\n'),
            "{text:?}"
        );
        assert_eq!(text.lines().count(), 5, "{text:?}");
        assert!(text.contains("%F{red}"), "% is the zsh hook's to escape");
        c.profile = "p".repeat(100_000);
        let seg = segment(&c, None, NOW);
        let e = CacheEntry::new(
            &seg,
            DEFAULT_FORMAT,
            &Symbols::new(true, None),
            "w".repeat(100_000),
        );
        assert!(e.to_text().len() < CACHE_MAX);
    }

    #[test]
    fn durations() {
        assert_eq!(compact_duration(45 * 60), "45m");
        assert_eq!(compact_duration(1), "1m");
        assert_eq!(compact_duration(2 * 3600 + 13 * 60), "2h13m");
        assert_eq!(compact_duration(26 * 3600), "1d2h");
    }
}
