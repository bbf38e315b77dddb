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
use crate::{config, context, i18n, real_aws};
use std::ffi::OsString;
use std::io::Write;

/// Work out the segment of `ctx.profile` and its warning line, and store the prompt cache
/// entry made of them, in the configured format, symbols and language (written anew each
/// time: the hooks compare the watched files with its time). Errors are the hook's problem:
/// it falls back to `aws-shim prompt` again next minute. With the CLI's version known
/// (`ctx.cli`), the mark of a CLI v1 follows it.
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
    if state::store_prompt(&ctx.profile, &entry.to_text()).is_ok()
        && let (Some(cli), Some(dir)) = (&ctx.cli, config::state_dir())
    {
        mark_cli_v1(&dir, cli.major == 1);
    }
    (seg, warning)
}

/// Create or remove [`prompt::CLI_V1_MARK`] in the state directory `dir` (one `stat` when it
/// is already right).
fn mark_cli_v1(dir: &std::path::Path, v1: bool) {
    let mark = dir.join(prompt::CLI_V1_MARK);
    match (v1, std::fs::symlink_metadata(&mark).is_ok()) {
        (true, false) => {
            let _ = std::fs::write(
                &mark,
                "AWS CLI v1: AWS_DEFAULT_PROFILE before AWS_PROFILE\n",
            );
        }
        (false, true) => {
            let _ = std::fs::remove_file(&mark);
        }
        _ => {}
    }
}

/// The context of `aws` as this shell would run it, for `inputs` (the environment's, with any
/// change the command line makes): the profile in the order of the AWS CLI that `aws` runs
/// (v1 reads `AWS_DEFAULT_PROFILE` before `AWS_PROFILE`), its version being the one the
/// state remembers for that CLI (else looked at once, from its files, and remembered).
/// The prompt, the hooks' warning and `wait` name the profile the CLI will use.
pub fn shell_context(inputs: &context::Inputs) -> Context {
    let cli = real_aws::locate(
        config::real_aws_override(),
        config::path().as_deref(),
        real_aws::own_id(),
        config::depth(),
    )
    .ok()
    .and_then(|program| crate::cmd::exec::known_cli_version(&program));
    context::resolve_for_cli(inputs, cli)
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
    /// Print the warning before the command line about to run (one argument, as the shell
    /// has it; [`prompt::command_line`] finds the `aws` commands in it): only for the first
    /// one that will use the credentials (not `aws sso login`, `aws configure ...`,
    /// `aws --version`, help), only while the recorded failure is still about the credentials
    /// in use or their known expiry has passed. Keeps the prompt cache in step with what it
    /// found. Exits 0 once the question is settled for this prompt (that command was found,
    /// or a sign-in comes first), 1 when the line has nothing to say about it.
    fn run(self) -> anyhow::Result<i32> {
        let line: Vec<String> = self
            .args
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        for command in prompt::command_line::aws_commands(&line.join(" ")) {
            let words: Vec<OsString> = command.args.iter().map(OsString::from).collect();
            let args = crate::args::AwsArgs::parse(&words);
            if args.changes_credentials() {
                return Ok(0);
            }
            if !args.uses_credentials() {
                continue;
            }
            // `AWS_PROFILE=dev aws ...`: the command's own variables, where the context
            // reads them.
            let own: Vec<(String, String)> = command
                .assignments
                .iter()
                .filter(|(name, _)| {
                    config::CONTEXT_VARS.contains(&name.as_str())
                        || context::EXPORTED_VARS.contains(&name.as_str())
                })
                .cloned()
                .collect();
            let mut inputs = config::context_inputs(args.profile.as_deref());
            inputs.env.extend(own.iter().cloned());
            let ctx = shell_context(&inputs);
            let now = ctx.now.unwrap_or_else(jiff::Timestamp::now).as_second();
            let failure = state::current_failure(&ctx);
            // The hook's cache is the one of the profile the shell names: keep it in step
            // (with `--profile` or a variable on the command line the warning is about
            // another profile).
            let line = if args.profile.is_none() && own.is_empty() {
                refresh_cache(&ctx, failure.as_ref(), now).1
            } else {
                let seg = prompt::segment(&ctx, failure.as_ref(), now);
                prompt::warning(&ctx, failure.as_ref(), &seg, now, i18n::current(None).lang)
            };
            if !line.is_empty() {
                eprintln!("{line}");
            }
            return Ok(0);
        }
        Ok(1)
    }
}

impl Run for Prompt {
    fn run(self) -> anyhow::Result<i32> {
        let ctx = shell_context(&config::context_inputs(self.profile.name.as_deref()));
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
