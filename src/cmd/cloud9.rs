//! `aws-shim cloud9 note [--lang LANG] [--json] [--profile P]`: a note for the owner of the
//! AWS Cloud9 environment, ready to paste into chat or mail: which environment, since when its
//! AWS managed temporary credentials have not been renewed, what the owner needs to do, and
//! the lasting alternative. No secret, nothing the member does not already see.
//!
//! While the credentials work there is nothing to ask the owner: it says so and exits 1,
//! writing no note, unless `--force`.

use crate::cli::Cloud9Note;
use crate::cmd::Run;
use crate::context::Cloud9;
use crate::i18n::Catalogue;
use crate::render::{self, Look};
use crate::{config, context, state};

impl Run for Cloud9Note {
    fn run(self) -> anyhow::Result<i32> {
        let store = state::Store::at(config::state_dir());
        let ctx = context::resolve(&config::context_inputs(self.profile.name.as_deref()));
        let look = Look::from_env(self.lang.code.as_deref(), false);
        let Some(c9) = ctx.cloud9.as_ref() else {
            let cat = Catalogue::load(look.lang);
            eprintln!("aws-shim: {}", cat.text("note-not-cloud9", &[]));
            return Ok(2);
        };
        if !self.force && store.standing(&ctx) == state::Standing::Working {
            let cat = Catalogue::load(look.lang);
            let text = cat.text("note-not-needed", &[("profile", ctx.profile.clone())]);
            eprintln!("aws-shim: {text}");
            return Ok(1);
        }
        let now = ctx.now.unwrap_or_else(jiff::Timestamp::now);
        let text = note(c9, now, &look);
        if self.json {
            let due = c9.header_time.filter(|_| c9.managed_header);
            let json = serde_json::json!({
                "environment_id": c9.environment_id,
                "environment_name": c9.environment_name,
                "region": c9.region,
                "ide_url": c9.ide_url(),
                "renewal_due": due.map(|t| t.to_string()),
                "overdue_seconds": c9.renewal_overdue(Some(now)).map(|d| now.as_second() - d.as_second()),
                "lang": look.lang.code(),
                "text": text,
            });
            println!("{}", serde_json::to_string_pretty(&json)?);
        } else {
            println!("{text}");
        }
        Ok(0)
    }
}

/// The note's text, in `look`'s language.
pub fn note(c9: &Cloud9, now: jiff::Timestamp, look: &Look) -> String {
    let cat = Catalogue::load(look.lang);
    let name = match (&c9.environment_name, &c9.environment_id) {
        (Some(name), Some(id)) => format!("{name} ({id})"),
        (Some(name), None) => name.clone(),
        (None, Some(id)) => id.clone(),
        (None, None) => cat.text("note-unnamed", &[]),
    };
    let since = match c9.renewal_overdue(Some(now)) {
        Some(due) => cat.text(
            "note-since",
            &[
                ("env", name.clone()),
                ("time", render::local_time(due, &look.tz)),
                (
                    "ago",
                    render::duration(now.as_second() - due.as_second(), &cat),
                ),
            ],
        ),
        None => cat.text("note-expired", &[("env", name.clone())]),
    };
    let open = match c9.ide_url() {
        Some(url) => format!("{}\n{url}", cat.text("note-open", &[])),
        None => cat.text("note-open-console", &[]),
    };
    [since, open, cat.text("note-lasting", &[])].join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_note_names_the_environment_the_time_and_the_url_in_both_languages() {
        let now: jiff::Timestamp = "2026-12-03T10:00:00Z".parse().unwrap();
        let c9 = Cloud9 {
            environment_id: Some("0123456789abcdef".into()),
            environment_name: Some("workshop".into()),
            managed_header: true,
            header_time: Some("2026-12-03T09:40:00Z".parse().unwrap()),
            edited: false,
            region: Some("ap-northeast-1".into()),
        };
        for lang in crate::i18n::Lang::all() {
            let look = Look {
                lang,
                tz: jiff::tz::TimeZone::UTC,
                color: false,
            };
            let text = note(&c9, now, &look);
            assert!(text.contains("workshop (0123456789abcdef)"), "{text}");
            assert!(text.contains("2026-12-03 09:40 UTC"), "{text}");
            assert!(
                text.contains(
                    "https://ap-northeast-1.console.aws.amazon.com/cloud9/ide/0123456789abcdef"
                ),
                "{text}"
            );
            assert!(!text.contains('{'), "{text}");
            let no_region = Cloud9 {
                region: None,
                ..c9.clone()
            };
            let text = note(&no_region, now, &look);
            assert!(!text.contains("https://"), "{text}");
        }
    }
}
