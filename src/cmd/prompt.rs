//! `aws-shim prompt [--format STR] [--json] [--profile P]`: the prompt segment alone, for any
//! prompt framework, and the fallback of the shell hooks when their cache is stale. Without
//! `--format` it also rewrites the profile's prompt cache.
//!
//! It runs before clap is even built ([`parse_fast`]): a prompt pays for nothing it does not
//! use, and the message catalogues are loaded only when the credentials are dead.

use crate::cli::Prompt;
use crate::cmd::Run;
use crate::prompt::{self, Symbols};
use crate::{config, context, state};
use std::ffi::OsString;
use std::io::Write;

/// The arguments after `prompt`, when they are plain enough to skip clap; `None` sends them
/// to clap (for `--help`, errors and unusual spellings).
pub fn parse_fast(args: &[OsString]) -> Option<Prompt> {
    let mut parsed = Prompt::default();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.to_str()? {
            "--json" => parsed.json = true,
            "--format" => parsed.format = Some(iter.next()?.to_str()?.to_owned()),
            "--profile" => parsed.profile = Some(iter.next()?.to_str()?.to_owned()),
            other => {
                if let Some(v) = other.strip_prefix("--format=") {
                    parsed.format = Some(v.to_owned());
                } else if let Some(v) = other.strip_prefix("--profile=") {
                    parsed.profile = Some(v.to_owned());
                } else {
                    return None;
                }
            }
        }
    }
    Some(parsed)
}

impl Run for Prompt {
    fn run(self) -> anyhow::Result<i32> {
        let argv: Vec<OsString> = match &self.profile {
            Some(p) => vec!["--profile".into(), p.into()],
            None => Vec::new(),
        };
        let ctx = context::resolve(&config::context_inputs(&argv));
        let now = ctx.now.unwrap_or_else(jiff::Timestamp::now).as_second();
        let failure = state::last_failure(&ctx.profile);
        let seg = match self.format {
            // The configured format: keep the cache in step (errors are the hook's problem:
            // it falls back again next minute).
            None => prompt::write_cache(&ctx, failure.as_ref(), now)
                .unwrap_or_else(|_| prompt::segment(&ctx, failure.as_ref(), now)),
            Some(_) => prompt::segment(&ctx, failure.as_ref(), now),
        };
        let format = self.format.or_else(config::prompt_format);
        let text = prompt::render(
            &seg,
            format.as_deref().unwrap_or(prompt::DEFAULT_FORMAT),
            &Symbols::configured(),
            now,
        );
        let mut out = std::io::stdout().lock();
        if self.json {
            let json = serde_json::json!({
                "version": 1,
                "profile": seg.profile,
                "status": seg.status.as_str(),
                "visible": seg.visible,
                "text": text,
                "expires_at": seg.expires_at.and_then(|s| jiff::Timestamp::from_second(s).ok()).map(|t| t.to_string()),
                "seconds_left": seg.expires_at.map(|s| s - now),
                "next_change": seg.until,
                "source": ctx.source.kind.as_str(),
                "failure": failure.as_ref().map(|f| serde_json::json!({
                    "family": f.family.as_str(),
                    "rule": f.rule_id,
                    "code": f.code,
                    "time": jiff::Timestamp::from_second(f.time).ok().map(|t| t.to_string()),
                    "source": f.source_kind,
                })),
            });
            writeln!(out, "{json}")?;
        } else if !text.is_empty() {
            writeln!(out, "{text}")?;
        }
        Ok(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<OsString> {
        s.split_whitespace().map(OsString::from).collect()
    }

    #[test]
    fn fast_parse_takes_the_plain_forms() {
        let p = parse_fast(&args("--json --format {profile} --profile=dev")).unwrap();
        assert!(p.json);
        assert_eq!(
            (p.format.as_deref(), p.profile.as_deref()),
            (Some("{profile}"), Some("dev"))
        );
        assert!(parse_fast(&args("")).is_some());
        assert!(parse_fast(&args("--help")).is_none());
        assert!(parse_fast(&args("--format")).is_none());
    }
}
