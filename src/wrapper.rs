//! The wrapper: `aws ARGS...` (and `aws-shim exec -- ARGS...`), and another AWS tool run the
//! same way (`aws-shim run -- TOOL`, a link named after it). It wires the data path, one
//! stage after another: locate the real CLI (`real_aws`), run it with its stderr through
//! the filter (`run`, [`crate::filter`]), explain the first recognised line
//! ([`crate::explain`]), and after the call record what it showed (`record`).

use crate::args::{self, AwsArgs, CallFacts};
use crate::config::{self, Mode};
use crate::context::{self, Context};
use crate::explain::Explainer;
use crate::fail_open::fail_open;
use crate::real_aws::{self, Cli};
use crate::{record, run};
use std::cell::OnceCell;
use std::ffi::{OsStr, OsString};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// The wrapper: never returns; exits exactly as the real CLI did.
pub fn wrap(args: Vec<OsString>) -> ! {
    crate::fail_open::quiet_panics();
    let depth = config::depth();
    let cli = Cli::at_depth(depth);
    let program = match cli.program() {
        Ok(program) => program.to_path_buf(),
        Err(e) => not_found(e.clone()),
    };
    let parsed = AwsArgs::parse(&args);
    let stderr_tty = std::io::stderr().is_terminal();
    let call = Call {
        mode: choose_mode(&parsed, stderr_tty),
        facts: parsed.facts(),
        tool: None,
        cli,
        program,
        args,
        depth,
        stderr_tty,
    };
    call.run()
}

/// Another command run the wrapper's way (`aws-shim run -- NAME ARGS`, or a link named after
/// it): `name` is what the user typed, a command name found on PATH (skipping aws-shim
/// itself) or a path. Never returns; exits exactly as the command did.
pub fn wrap_tool(name: &OsStr, args: Vec<OsString>) -> ! {
    crate::fail_open::quiet_panics();
    let base = Path::new(name).file_name().unwrap_or(name);
    if base == "aws" && !name.as_encoded_bytes().contains(&b'/') {
        // The AWS CLI itself, by its name: the `aws` wrapper, with all it knows of the CLI.
        wrap(args);
    }
    let depth = config::depth();
    let own = real_aws::own_id();
    let program = match real_aws::locate_tool(name, config::path().as_deref(), own, depth) {
        Ok(program) => program,
        Err(e) => not_found(e),
    };
    let tool = base.to_string_lossy().into_owned();
    let facts = args::tool_facts(&tool, &args);
    let stderr_tty = std::io::stderr().is_terminal();
    let call = Call {
        // The tool's bytes are never replaced: its explanation is added, or nothing.
        mode: match config::mode() {
            Some(Mode::Off) => Mode::Off,
            _ => Mode::Append,
        },
        facts,
        tool: Some(tool),
        // The remedies name the AWS CLI's commands as the user's CLI (v1 or v2) has them: it
        // is looked for only when something is explained or recorded.
        cli: Cli::at_depth(0),
        program,
        args,
        depth,
        stderr_tty,
    };
    call.run()
}

fn not_found(e: real_aws::LocateError) -> ! {
    eprintln!("aws-shim: {e}");
    std::process::exit(e.exit_code());
}

/// One call, wired: run the program with its stderr through the filter, explain what is
/// found, then do the bookkeeping and exit as the program did.
struct Call {
    program: PathBuf,
    args: Vec<OsString>,
    facts: CallFacts,
    /// The tool's name, for any command but the AWS CLI.
    tool: Option<String>,
    /// The AWS CLI whose version decides the remedies' commands: the one run, or (for
    /// another tool) the one `aws` would run.
    cli: Cli,
    mode: Mode,
    depth: u32,
    stderr_tty: bool,
}

impl Call {
    fn run(self) -> ! {
        let Call {
            program,
            args,
            facts,
            tool,
            cli,
            mode,
            depth,
            stderr_tty,
        } = self;
        // The context is resolved at most once, by the explanation or else by the
        // bookkeeping after the call, and only when one of them needs it.
        let resolved: OnceCell<Context> = OnceCell::new();
        let resolve = || {
            resolved
                .get_or_init(|| {
                    let inputs = config::context_inputs(facts.profile.as_deref());
                    context::resolve_for_cli(&inputs, cli.version())
                })
                .clone()
        };
        // The context of a failure, its place included: worked out at most once too, for
        // the explanation, the warning recorded for the prompt and a sign-in offered again.
        let failed: OnceCell<Context> = OnceCell::new();
        let failure_context = || {
            failed
                .get_or_init(|| crate::explain::with_place(resolve()))
                .clone()
        };
        let explainer = Explainer {
            mode,
            tty: stderr_tty,
            lang: None,
            context: failure_context,
        };
        // With AWS_SHIM_RELOGIN=ask only: the call, to run again after a sign-in.
        let again = crate::relogin::Again::prepare(&program, &args, tool.as_deref());
        let plan = run::Plan {
            program: program.clone(),
            args,
            extra_env: Vec::new(),
            depth,
            mode,
            tool,
        };
        match run::run(plan, explainer) {
            Ok(outcome) => {
                let is_v1 = || cli.version().is_some_and(|c| c.major == 1);
                fail_open(|| {
                    let store = crate::state::Store::at(config::state_dir());
                    let place = || context::Located::of(&failure_context().source);
                    record::after_call(&store, &facts, &outcome, resolve, place, is_v1)
                });
                // The context as the explanation saw it, its place included.
                crate::relogin::offer(again, &outcome, failure_context);
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
}

/// Tell the wrapper whether the caller had SIGPIPE ignored (main replaces the disposition
/// before anything else runs).
pub fn caller_ignores_sigpipe(ignored: bool) {
    run::caller_ignores_sigpipe(ignored);
}

/// The mode for this call: `AWS_SHIM_MODE`, else `replace` on a terminal and `append`
/// elsewhere. A machine-readable error format (`--cli-error-format json` and the like) is
/// never touched when stderr is not a terminal.
pub fn choose_mode(args: &AwsArgs, stderr_tty: bool) -> Mode {
    if let Some(mode) = config::mode() {
        return mode;
    }
    if !stderr_tty && args.machine_error_format(config::cli_error_format().as_deref()) {
        return Mode::Off;
    }
    if stderr_tty {
        Mode::Replace
    } else {
        Mode::Append
    }
}
