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
    /// The system's time zone, UTC when it cannot be determined.
    pub fn system_tz() -> TimeZone {
        TimeZone::try_system().unwrap_or(TimeZone::UTC)
    }
}

const RED_BOLD: &str = "\x1b[1;31m";
const YELLOW_BOLD: &str = "\x1b[1;33m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

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
        Some(tool) => format!("aws-shim ({tool}):"),
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
    let managed = ctx.source.kind == crate::context::SourceKind::Cloud9Managed;
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

/// The CLI's own message as the first line of the replace style: red and bold on a colour
/// terminal.
pub fn headline(text: &str, color: bool) -> String {
    paint(text, RED_BOLD, color)
}
