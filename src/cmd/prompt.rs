//! `aws-shim prompt [--format STR] [--json] [--profile P]`: the prompt segment alone, for any
//! prompt framework, and the fallback of the shell hooks when their cache is stale. Without
//! `--format` it also rewrites the profile's prompt cache.
//!
//! It runs before clap is even built ([`parse_fast`]): a prompt pays for nothing it does not
//! use, and the message catalogues are loaded only when the credentials are dead.

use crate::cli::Prompt;
use crate::cmd::Run;
use crate::context::Context;
use crate::prompt::{self, CacheEntry, Segment, Symbols};
use crate::state::{self, Recorded};
use crate::{config, context, i18n};
use std::ffi::OsString;
use std::io::Write;

/// Work out the segment of `ctx.profile` and its warning line, and store the prompt cache
/// entry made of them, in the configured format, symbols and language (written anew each
/// time: the hooks compare the watched files with its time). Errors are the hook's problem:
/// it falls back to `aws-shim prompt` again next minute.
pub fn refresh_cache(ctx: &Context, recorded: Option<&Recorded>, now: i64) -> (Segment, String) {
    let seg = prompt::segment(ctx, recorded, now);
    let format = config::prompt_format();
    let warning = prompt::warning(ctx, recorded, &seg, now, i18n::current(None).lang);
    let entry = CacheEntry::watching(
        &seg,
        format.as_deref().unwrap_or(prompt::DEFAULT_FORMAT),
        &Symbols::configured(),
        warning.clone(),
        &ctx.source.watch,
    );
    let _ = state::store_prompt(&ctx.profile, &entry.to_text());
    (seg, warning)
}

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

impl Run for crate::cli::Warn {
    /// Print the warning for the `aws` command about to run: only when it will use the
    /// credentials (not `aws sso login`, `aws configure ...`, `aws --version`, help), and
    /// only while the recorded failure is still about the credentials in use or their known
    /// expiry has passed. Keeps the prompt cache in step with what it found.
    fn run(self) -> anyhow::Result<i32> {
        let args = crate::args::AwsArgs::parse(&self.args);
        if !args.uses_credentials() || args.changes_credentials() {
            return Ok(0);
        }
        let ctx = context::resolve(&config::context_inputs(args.profile.as_deref()));
        let now = ctx.now.unwrap_or_else(jiff::Timestamp::now).as_second();
        let failure = state::current_failure(&ctx);
        // The hook's cache is the one of the profile the shell names: keep it in step (with
        // `--profile` on the command line the warning is about another profile).
        let line = if args.profile.is_none() {
            refresh_cache(&ctx, failure.as_ref(), now).1
        } else {
            let seg = prompt::segment(&ctx, failure.as_ref(), now);
            prompt::warning(&ctx, failure.as_ref(), &seg, now, i18n::current(None).lang)
        };
        if !line.is_empty() {
            eprintln!("{line}");
        }
        Ok(0)
    }
}

impl Run for Prompt {
    fn run(self) -> anyhow::Result<i32> {
        let ctx = context::resolve(&config::context_inputs(self.profile.name.as_deref()));
        let now = ctx.now.unwrap_or_else(jiff::Timestamp::now).as_second();
        let failure = state::current_failure(&ctx);
        let seg = match self.format {
            // The configured format: keep the cache in step.
            None => refresh_cache(&ctx, failure.as_ref(), now).0,
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
                "source": ctx.source.kind.as_str(),
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
