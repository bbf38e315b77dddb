//! `aws-shim explain CODE|LINE`: the explanation for an error code or a whole error line, in
//! the current context.

use crate::advice::{self, Failure};
use crate::cli::Explain;
use crate::cmd::Run;
use crate::rules::{self, Pattern, RULES};
use crate::{config, context, i18n, render};
use anyhow::bail;
use std::ffi::OsString;

impl Run for Explain {
    fn run(self) -> anyhow::Result<i32> {
        let Some(failure) = failure_for(&self.error) else {
            bail!(
                "{:?} is not an error aws-shim explains; known codes: {}",
                self.error,
                known_codes().join(", ")
            );
        };
        let mut argv: Vec<OsString> = Vec::new();
        if let Some(profile) = &self.profile {
            argv.extend(["--profile".into(), profile.into()]);
        }
        let ctx = context::resolve(&config::context_inputs(&argv));
        let lang = i18n::current(self.lang.as_deref()).lang;
        let color = unsafe { libc::isatty(1) } == 1 && !config::no_color();
        let advice = advice::advise(&failure, &ctx);
        println!("{}", render::explanation(&advice, &ctx, lang, color));
        Ok(0)
    }
}

/// A whole line is recognised as the wrapper would; a bare word is taken as a service code.
pub fn failure_for(text: &str) -> Option<Failure> {
    let text = text.trim();
    if let Some(found) = rules::recognise(text.as_bytes()) {
        return Some(Failure::from(&found));
    }
    let rule = RULES.iter().find(|r| match r.pattern {
        Pattern::ServiceCode { code, .. } => code.eq_ignore_ascii_case(text),
        Pattern::Text { .. } => r.id.eq_ignore_ascii_case(text),
    })?;
    Some(Failure {
        family: rule.family,
        topic: rule.topic,
        code: match rule.pattern {
            Pattern::ServiceCode { code, .. } => Some(code.to_owned()),
            Pattern::Text { .. } => None,
        },
        message: String::new(),
    })
}

fn known_codes() -> Vec<&'static str> {
    RULES
        .iter()
        .map(|r| match r.pattern {
            Pattern::ServiceCode { code, .. } => code,
            Pattern::Text { .. } => r.id,
        })
        .collect()
}
