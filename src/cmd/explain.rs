//! `aws-shim explain CODE|LINE`: the explanation for an error code or a whole error line, in
//! the current context.

use crate::cli::Explain;
use crate::cmd::Run;
use crate::render::Look;
use crate::rules::{self, Failure, RULES, Rule};
use crate::{advice, config, context, i18n, render};
use anyhow::bail;
use std::io::IsTerminal;

impl Run for Explain {
    fn run(self) -> anyhow::Result<i32> {
        let Some(failure) = failure_for(&self.error) else {
            bail!(
                "{:?} is not an error aws-shim explains; known codes: {}",
                self.error,
                known_codes().join(", ")
            );
        };
        let ctx = context::resolve(&config::context_inputs(self.profile.name.as_deref()));
        let look = Look {
            lang: i18n::current(self.lang.code.as_deref()).lang,
            tz: Look::system_tz(),
            color: std::io::stdout().is_terminal() && !config::no_color(),
        };
        let advice = advice::advise(&failure, &ctx);
        println!("{}", render::explanation(&advice, &ctx, &look));
        Ok(0)
    }
}

/// A whole line is recognised as the wrapper would; a bare word is taken as a service code
/// (or a rule's id, for the providers' texts).
pub fn failure_for(text: &str) -> Option<Failure> {
    let text = text.trim();
    if let Some(found) = rules::recognise(text.as_bytes()) {
        return Some(found);
    }
    let rule = RULES.iter().find(|r| match r.code() {
        Some(code) => code.eq_ignore_ascii_case(text),
        None => r.id.eq_ignore_ascii_case(text),
    })?;
    Some(Failure::of_rule(rule))
}

fn known_codes() -> Vec<&'static str> {
    RULES
        .iter()
        .map(|r: &Rule| r.code().unwrap_or(r.id))
        .collect()
}
