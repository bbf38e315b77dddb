//! `aws-shim __warn LINE`: the shell hooks' warning before a command line that runs `aws`
//! with credentials known not to work.

use crate::cli::Warn;
use crate::cmd::Run;
use crate::prompt;
use crate::record::{refresh_cache, segment_and_warning};
use crate::{config, context, real_aws, state};
use std::ffi::OsString;

impl Run for Warn {
    /// Print the warning before the command line about to run (one argument, as the shell
    /// has it; [`prompt::command_line`] finds the `aws` commands in it): only for the first
    /// one that will use the credentials (not `aws sso login`, `aws configure ...`,
    /// `aws --version`, help), only while the recorded failure is still about the credentials
    /// in use or their known expiry has passed. Keeps the prompt cache in step with what it
    /// found. Exits 0 once the question is settled for this prompt (that command was found,
    /// or a sign-in comes first), 1 when the line has nothing to say about it.
    fn run(self) -> anyhow::Result<i32> {
        let store = state::Store::at(config::state_dir());
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
            // The profile in the order of the AWS CLI that `aws` runs.
            let ctx = context::resolve_for_cli(&inputs, real_aws::Cli::from_env().version());
            let now = ctx.now.unwrap_or_else(jiff::Timestamp::now).as_second();
            let failure = store.current_failure(&ctx);
            // The hook's cache is the one of the profile the shell names: keep it in step
            // (with `--profile` or a variable on the command line the warning is about
            // another profile).
            let line = if args.profile.is_none() && own.is_empty() {
                refresh_cache(&store, &ctx, failure.as_ref(), now, || {
                    config::located(&ctx)
                })
                .1
            } else {
                segment_and_warning(&ctx, failure.as_ref(), now, || config::located(&ctx)).1
            };
            if !line.is_empty() {
                eprintln!("{line}");
            }
            return Ok(0);
        }
        Ok(1)
    }
}
