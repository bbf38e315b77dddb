//! `aws-shim demo`: a real AWS CLI v2 ExpiredToken error, produced by the stand-in CLI and
//! shown through the real wrapper path (spawn, filter, render) in a Cloud9-like context.
//! Needs no AWS CLI and no credentials.

use crate::args::AwsArgs;
use crate::cli::Demo;
use crate::cmd::Run;
use crate::context::{Cloud9, Context, CredentialSource, ProfileFrom, SourceKind};
use crate::explain::Explainer;
use crate::{i18n, run, stand_in};
use std::ffi::OsString;
use std::io::IsTerminal;

const COMMAND: &str = "$ aws s3 ls\n";
const CLI_STDERR: &str = "\naws: [ERROR]: An error occurred (ExpiredToken) when calling the ListBuckets operation: The provided token has expired.\n";

impl Run for Demo {
    fn run(self) -> anyhow::Result<i32> {
        let lang = i18n::current(self.lang.code.as_deref()).lang;
        let script = serde_json::json!([{ "err": CLI_STDERR }, { "exit": 254 }]).to_string();
        print!("{COMMAND}");
        std::io::Write::flush(&mut std::io::stdout())?;
        let args: Vec<OsString> = vec!["__stand-in".into(), "s3".into(), "ls".into()];
        let stderr_tty = std::io::stderr().is_terminal();
        let mode = crate::wrapper::choose_mode(&AwsArgs::parse(&args[1..]), stderr_tty);
        let explainer = Explainer {
            mode,
            tty: stderr_tty,
            lang: Some(lang),
            context: cloud9_context,
        };
        let plan = run::Plan {
            program: std::env::current_exe()?,
            args,
            extra_env: vec![(stand_in::SCRIPT_VAR.into(), script.into())],
            depth: crate::config::depth(),
            mode,
            tool: None,
        };
        let outcome = run::run(plan, explainer)?;
        // The stand-in exits as AWS CLI v2 does on a service error (254); the demo itself
        // succeeded when that is what came back.
        Ok(match outcome.status.code() {
            Some(254) => 0,
            Some(code) => code,
            None => 1,
        })
    }
}

/// An invited member in a Cloud9 environment whose owner has left.
fn cloud9_context() -> Context {
    let now = jiff::Timestamp::now();
    let source = CredentialSource::new(SourceKind::Cloud9Managed, "~/.aws/credentials [default]");
    Context {
        profile: "default".to_owned(),
        profile_from: ProfileFrom::Default,
        source,
        cloud9: Some(Cloud9 {
            environment_id: Some("0123456789abcdef0123456789abcdef".to_owned()),
            environment_name: Some("demo".to_owned()),
            managed_header: true,
            // Cloud9 meant to renew the file twenty minutes ago; the owner was not there.
            header_time: now.checked_sub(jiff::SignedDuration::from_mins(20)).ok(),
            edited: false,
            region: Some("ap-northeast-1".to_owned()),
        }),
        now: Some(now),
        cli: None,
        profile_found: true,
    }
}
