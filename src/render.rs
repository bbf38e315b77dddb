//! Turning advice into text: the explanation block, in the chosen language, with colour only
//! when asked for. Pure: the language, the time zone and the colour come in as a [`Look`].

use crate::advice::{self, Advice};
use crate::context::Context;
use crate::i18n::{Catalogue, Lang};
use jiff::Timestamp;
use jiff::tz::TimeZone;

/// How text is written for the user.
#[derive(Clone, Debug, PartialEq)]
pub struct Look {
    pub lang: Lang,
    /// Times are shown in this zone.
    pub tz: TimeZone,
    pub color: bool,
}

impl Look {
    /// The look of text written to a stream that is (`tty`) or is not a terminal, from the
    /// environment: the language `--lang` names (`flag`, else the environment's), the system's
    /// time zone, colour on a terminal unless `NO_COLOR`. The render functions stay pure: this
    /// is the one place a look is read from the environment.
    pub fn from_env(flag: Option<&str>, tty: bool) -> Look {
        Look::in_lang(crate::i18n::current(flag).lang, tty)
    }

    /// The same in `lang`, already chosen.
    pub fn in_lang(lang: Lang, tty: bool) -> Look {
        Look {
            lang,
            tz: Look::system_tz(),
            color: tty && !crate::config::no_color(),
        }
    }

    /// The system's time zone, UTC when it cannot be determined.
    pub fn system_tz() -> TimeZone {
        TimeZone::try_system().unwrap_or(TimeZone::UTC)
    }
}

const RED_BOLD: &str = "\x1b[1;31m";
const YELLOW_BOLD: &str = "\x1b[1;33m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// `text` in bold when `color`.
pub(crate) fn bold(text: &str, color: bool) -> String {
    paint(text, BOLD, color)
}

fn paint(text: &str, code: &str, color: bool) -> String {
    if color {
        format!("{code}{text}{RESET}")
    } else {
        text.to_owned()
    }
}

/// The explanation lines (no trailing newline).
pub fn explanation(advice: &Advice, ctx: &Context, look: &Look) -> String {
    let cat = Catalogue::load(look.lang);
    let color = look.color;
    let mut lines = Vec::new();
    // The first line says which command failed, when it was not the AWS CLI.
    let label = match &advice.tool {
        Some(tool) => format!("aws-shim ({}):", escape_controls(tool)),
        None => "aws-shim:".to_owned(),
    };
    lines.push(format!(
        "{} {}",
        paint(&label, YELLOW_BOLD, color),
        cat.text(advice.situation, &advice.args)
    ));
    if let Some(line) = expiry_line(ctx, &cat, &look.tz) {
        lines.push(format!("  {line}"));
    }
    if !ctx.source.partly_read.is_empty() {
        lines.push(format!(
            "  {}",
            cut_files_line(&ctx.source.partly_read, &cat)
        ));
    }
    lines.push(format!(
        "  {}: {}",
        paint(&cat.text("label-why", &[]), BOLD, color),
        cat.text(&format!("{}.why", advice.situation), &advice.args)
    ));
    lines.push(format!(
        "  {}:",
        paint(&cat.text("label-next", &[]), BOLD, color)
    ));
    for (i, step) in advice.steps.iter().enumerate() {
        lines.push(format!("    {}. {}", i + 1, cat.text(step.id, &step.args)));
    }
    lines.push(format!(
        "  {}: {}",
        paint(&cat.text("label-more", &[]), BOLD, color),
        advice.doc
    ));
    lines.join("\n")
}

/// A one-line hint (`aws-shim: ...`), for failures that may not be about credentials.
pub fn hint_line(hint: &advice::Step, look: &Look) -> String {
    let cat = Catalogue::load(look.lang);
    format!(
        "{} {}",
        paint("aws-shim:", YELLOW_BOLD, look.color),
        cat.text(hint.id, &hint.args)
    )
}

fn expiry_line(ctx: &Context, cat: &Catalogue, tz: &TimeZone) -> Option<String> {
    let managed = ctx.source.kind() == crate::context::SourceKind::Cloud9Managed;
    if let Some(due) = ctx
        .cloud9
        .as_ref()
        .filter(|_| managed)
        .and_then(|c| c.renewal_overdue(ctx.now))
    {
        let ago = duration(ctx.now?.as_second() - due.as_second(), cat);
        return cat.get(
            "label-cloud9-overdue",
            &[("time", &local_time(due, tz)), ("ago", &ago)],
        );
    }
    let (expires, now) = (ctx.source.expires_at?, ctx.now?);
    if expires > now {
        return None;
    }
    let ago = duration(now.as_second() - expires.as_second(), cat);
    let time = local_time(expires, tz);
    cat.get("label-expired-at", &[("time", &time), ("ago", &ago)])
}

/// The note that the config or credentials file was read only in part, naming it (them).
pub fn cut_files_line(files: &[std::path::PathBuf], cat: &Catalogue) -> String {
    cat.text(
        "label-file-cut",
        &[
            ("file", shown_paths(files)),
            ("limit", crate::files::max_config_shown()),
        ],
    )
}

/// Paths for people, one after another.
pub fn shown_paths(files: &[std::path::PathBuf]) -> String {
    let shown: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    shown.join(", ")
}

/// Text from a file or the environment as it may be shown on a terminal: every control
/// character (C0, DEL, C1: an escape sequence's start, a newline that forges a line) and
/// every bidirectional override (which reorders what is shown) written out as `\n`,
/// `\x1b`, `\u{202e}`, so that a value can neither drive the terminal nor pass for other
/// text. Printable text, backslashes included, stays as it is.
pub fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char =
        |c: char| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x80 && unsafe_char(c) => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if unsafe_char(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// `2026-11-27 17:04 JST` in the zone `tz`.
pub fn local_time(ts: Timestamp, tz: &TimeZone) -> String {
    ts.to_zoned_datetime(tz.clone())
        .strftime("%Y-%m-%d %H:%M %Z")
        .to_string()
}

/// A duration in seconds as `45m`, `2h13m`, `3d4h` (in the catalogue's words).
pub fn duration(seconds: i64, cat: &Catalogue) -> String {
    let minutes = (seconds.max(0) + 59) / 60;
    let (d, h, m) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    let (d, h, m) = (d.to_string(), h.to_string(), m.to_string());
    let text = if minutes < 60 {
        cat.get("duration-minutes", &[("m", &m)])
    } else if minutes < 1440 {
        cat.get(
            "duration-hours",
            &[("h", &(minutes / 60).to_string()), ("m", &m)],
        )
    } else {
        cat.get("duration-days", &[("d", &d), ("h", &h)])
    };
    text.unwrap_or_else(|| format!("{minutes}m"))
}

/// A time that goes on, to the second, as `7s`, `1m05s`, `2h03m09s` (in the catalogue's
/// words): what has elapsed while something waits.
pub fn elapsed(seconds: i64, cat: &Catalogue) -> String {
    let seconds = seconds.max(0);
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    let (hs, ms, ss) = (h.to_string(), m.to_string(), s.to_string());
    let text = if seconds < 60 {
        cat.get("duration-seconds", &[("s", &ss)])
    } else if seconds < 3600 {
        cat.get("duration-minutes-seconds", &[("m", &ms), ("s", &ss)])
    } else {
        cat.get(
            "duration-hours-minutes-seconds",
            &[("h", &hs), ("m", &ms), ("s", &ss)],
        )
    };
    text.unwrap_or_else(|| format!("{seconds}s"))
}

/// The CLI's own message as the first line of the replace style: red and bold on a colour
/// terminal.
pub fn headline(text: &str, color: bool) -> String {
    paint(text, RED_BOLD, color)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn control_characters_are_shown_escaped_and_text_is_not() {
        assert_eq!(
            escape_controls("arn:aws:iam::1:mfa/\x1b]8;;https://evil/\x07x\x1b[2J"),
            "arn:aws:iam::1:mfa/\\x1b]8;;https://evil/\\x07x\\x1b[2J"
        );
        assert_eq!(escape_controls("dev\nInjected"), "dev\\nInjected");
        assert_eq!(
            escape_controls("a\u{9b}31mb\u{202e}c\x7f"),
            "a\\u{9b}31mb\\u{202e}c\\x7f"
        );
        for plain in ["dev", "C:\\tools\\creds.exe --json", "開発環境", "tab-free"] {
            assert!(
                matches!(escape_controls(plain), std::borrow::Cow::Borrowed(_)),
                "{plain}"
            );
        }
        let once = escape_controls("x\x1b[31m\n").into_owned();
        assert_eq!(
            escape_controls(&once),
            once,
            "escaping twice changes nothing"
        );
    }

    #[test]
    fn elapsed_time_shows_seconds() {
        let en = Catalogue::load(Lang::EN);
        let ja = Catalogue::load(Lang::JA);
        assert_eq!(elapsed(1, &en), "1s");
        assert_eq!(elapsed(65, &en), "1m5s");
        assert_eq!(elapsed(3 * 3600 + 62, &en), "3h1m2s");
        assert_eq!(elapsed(1, &ja), "1 秒");
        assert_eq!(elapsed(65, &ja), "1 分 5 秒");
    }
}
