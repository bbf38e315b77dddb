//! `aws ARGS...` and `aws-shim exec -- ARGS...`: run the real AWS CLI through the filter.

use crate::cli::Exec;
use crate::cmd::Run;
use crate::{config, context, real_aws, run};
use std::ffi::OsString;

impl Run for Exec {
    fn run(self) -> anyhow::Result<i32> {
        wrap(self.args)
    }
}

/// The wrapper: never returns; exits exactly as the real CLI did.
pub fn wrap(args: Vec<OsString>) -> ! {
    let depth = config::depth();
    let program = match real_aws::locate(config::real_aws_override(), config::path().as_deref(), real_aws::own_id(), depth) {
        Ok(program) => program,
        Err(e) => {
            eprintln!("aws-shim: {e}");
            std::process::exit(e.exit_code());
        }
    };
    let context_args = args.clone();
    let plan = run::Plan {
        program: program.clone(),
        args,
        extra_env: Vec::new(),
        depth,
        lang: None,
        mode: None,
        color: None,
        context: move || context::resolve(&config::context_inputs(&context_args)),
    };
    match run::run(plan) {
        Ok(outcome) => run::exit_like(outcome.status),
        Err(e) => {
            eprintln!("aws-shim: cannot run {}: {e}", program.display());
            std::process::exit(if e.kind() == std::io::ErrorKind::NotFound { 127 } else { 126 });
        }
    }
}
