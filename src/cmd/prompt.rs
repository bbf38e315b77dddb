//! `aws-shim prompt [--format STR] [--json] [--profile P]`: the prompt segment alone, for any
//! prompt framework, and the fallback of the shell hooks when their cache is stale. Without
//! `--format` it also rewrites the profile's prompt cache.
//!
//! It runs before clap is even built ([`parse_fast`]): a prompt pays for nothing it does not
//! use, and the message catalogues are loaded only when the credentials are dead.

use crate::cli::Prompt;
use crate::cmd::Run;
use crate::prompt::{self, Symbols};
use crate::record::refresh_cache;
use crate::{config, context, real_aws, state};
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
            "--profile" => parsed.profile.name = Some(iter.next()?.to_str()?.to_owned()),
            other => {
                if let Some(v) = other.strip_prefix("--format=") {
                    parsed.format = Some(v.to_owned());
                } else if let Some(v) = other.strip_prefix("--profile=") {
                    parsed.profile.name = Some(v.to_owned());
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
        let store = state::Store::at(config::state_dir());
        // The profile in the order of the AWS CLI that `aws` runs (v1 reads
        // `AWS_DEFAULT_PROFILE` before `AWS_PROFILE`).
        let inputs = config::context_inputs(self.profile.name.as_deref());
        let ctx = context::resolve_for_cli(&inputs, real_aws::Cli::from_env().version());
        let now = ctx.now.unwrap_or_else(jiff::Timestamp::now).as_second();
        let failure = store.current_failure(&ctx);
        let seg = match self.format {
            // The configured format: keep the cache in step.
            None => {
                refresh_cache(&store, &ctx, failure.as_ref(), now, || {
                    config::located(&ctx)
                })
                .0
            }
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
                // What is known of the expiry, also when the segment counts down from
                // nothing (an SSO token that the CLI refreshes by itself).
                "expires_at": ctx.source.expires_at.map(|t| t.to_string()),
                "refreshable": ctx.source.refreshable,
                "profile_found": ctx.profile_found,
                "seconds_left": seg.expires_at.map(|s| s - now),
                "next_change": seg.until,
                "source": ctx.source.kind().as_str(),
                "failure": failure.as_ref().map(|r| serde_json::json!({
                    "family": r.failure.family().as_str(),
                    "rule": r.failure.rule.id,
                    "code": r.failure.code,
                    "time": jiff::Timestamp::from_second(r.time).ok().map(|t| t.to_string()),
                    "source": r.source.as_str(),
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
            (p.format.as_deref(), p.profile.name.as_deref()),
            (Some("{profile}"), Some("dev"))
        );
        assert!(parse_fast(&args("")).is_some());
        assert!(parse_fast(&args("--help")).is_none());
        assert!(parse_fast(&args("--format")).is_none());
    }
}
