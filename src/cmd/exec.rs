//! `aws ARGS...` and `aws-shim exec -- ARGS...`: run the real AWS CLI through the filter.

use crate::cli::Exec;
use crate::cmd::Run;
use crate::context::Context;
use crate::{config, context, real_aws, run, state};
use std::cell::OnceCell;
use std::ffi::OsString;

impl Run for Exec {
    fn run(self) -> anyhow::Result<i32> {
        wrap(self.args)
    }
}

/// The wrapper: never returns; exits exactly as the real CLI did.
pub fn wrap(args: Vec<OsString>) -> ! {
    run::quiet_panics();
    let depth = config::depth();
    let program = match real_aws::locate(
        config::real_aws_override(),
        config::path().as_deref(),
        real_aws::own_id(),
        depth,
    ) {
        Ok(program) => program,
        Err(e) => {
            eprintln!("aws-shim: {e}");
            std::process::exit(e.exit_code());
        }
    };
    // The context is resolved at most once, by the explanation or else by the state's
    // bookkeeping, and only when one of them needs it.
    let call_args = args.clone();
    let resolved: OnceCell<Context> = OnceCell::new();
    let resolve = || {
        resolved
            .get_or_init(|| context::resolve(&config::context_inputs(&call_args)))
            .clone()
    };
    let plan = run::Plan {
        program: program.clone(),
        args,
        extra_env: Vec::new(),
        depth,
        lang: None,
        mode: None,
        color: None,
        context: resolve,
    };
    match run::run(plan) {
        Ok(outcome) => {
            state::after_call(&call_args, &outcome, &mut { resolve });
            run::exit_like(outcome.status)
        }
        Err(e) => {
            eprintln!("aws-shim: cannot run {}: {e}", program.display());
            std::process::exit(if e.kind() == std::io::ErrorKind::NotFound {
                127
            } else {
                126
            });
        }
    }
}
