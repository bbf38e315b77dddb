//! `aws-shim doctor [--json] [--profile P] [--online]`: what aws-shim sees, and every problem
//! it finds with its remedy ([`crate::doctor`]).

use crate::cli::Doctor;
use crate::cmd::Run;
use crate::doctor::{Facts, examine, go_online, human, json};
use crate::render::Look;
use std::io::IsTerminal;

impl Run for Doctor {
    fn run(self) -> anyhow::Result<i32> {
        let facts = Facts::gather(self.profile.name.as_deref(), self.lang.code.as_deref());
        let mut report = examine(&facts);
        if self.online {
            go_online(&mut report, self.profile.name.as_deref());
        }
        let lang = facts.language.lang;
        // Scripts can use the status: 0 when nothing is wrong, 1 when a problem was found
        // (2 is clap's, for usage errors).
        let status = i32::from(!report.problems.is_empty());
        if self.json {
            println!("{}", serde_json::to_string_pretty(&json(&report, lang))?);
        } else {
            let look = Look::in_lang(lang, std::io::stdout().is_terminal());
            println!("{}", human(&report, &look));
        }
        Ok(status)
    }
}
