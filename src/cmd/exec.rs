//! `aws ARGS...` and `aws-shim exec -- ARGS...`: the wrapper. It wires the data path, one
//! stage after another: locate the real CLI, run it with its stderr through the filter,
//! explain the first recognised line (advice, then render), and after the call record what
//! it showed.

use crate::cli::Exec;
use crate::cmd::Run;
use crate::config::{self, Mode};
use crate::context::Context;
use crate::fail_open::fail_open;
use crate::filter::Responder;
use crate::i18n::Lang;
use crate::render::{self, Style};
use crate::rules::{Family, Recognised};
use crate::{advice, context, real_aws, run, state};
use std::cell::OnceCell;
use std::ffi::OsString;
use std::io::IsTerminal;

impl Run for Exec {
    fn run(self) -> anyhow::Result<i32> {
        wrap(self.args)
    }
}

/// The wrapper: never returns; exits exactly as the real CLI did.
pub fn wrap(args: Vec<OsString>) -> ! {
    crate::fail_open::quiet_panics();
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
    let stderr_tty = std::io::stderr().is_terminal();
    let mode = choose_mode(None, &args, stderr_tty);
    let explainer = Explainer {
        style: Style {
            mode,
            color: stderr_tty && !config::no_color(),
        },
        lang: None,
        context: resolve,
    };
    let plan = run::Plan {
        program: program.clone(),
        args,
        extra_env: Vec::new(),
        depth,
        mode,
    };
    match run::run(plan, explainer) {
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

/// The mode for this call: `AWS_SHIM_MODE`, else `replace` on a terminal and `append`
/// elsewhere. A machine-readable error format (`--cli-error-format json` and the like) is
/// never touched when stderr is not a terminal.
pub fn choose_mode(forced: Option<Mode>, args: &[OsString], stderr_tty: bool) -> Mode {
    if let Some(mode) = forced.or_else(config::mode) {
        return mode;
    }
    if !stderr_tty && machine_error_format(args, config::cli_error_format().as_deref()) {
        return Mode::Off;
    }
    if stderr_tty {
        Mode::Replace
    } else {
        Mode::Append
    }
}

/// Whether the user asked AWS CLI v2 for a structured error format (json, yaml, text, table).
pub fn machine_error_format(args: &[OsString], env_value: Option<&str>) -> bool {
    let structured = |v: &str| {
        matches!(
            v.trim().to_ascii_lowercase().as_str(),
            "json" | "yaml" | "yaml-stream" | "text" | "table"
        )
    };
    let mut from_args = None;
    let mut iter = args.iter().map(|a| a.to_string_lossy());
    while let Some(arg) = iter.next() {
        if arg == "--" {
            break;
        }
        if arg == "--cli-error-format" {
            from_args = iter.next().map(|v| v.into_owned());
        } else if let Some(v) = arg.strip_prefix("--cli-error-format=") {
            from_args = Some(v.to_owned());
        }
    }
    match from_args {
        Some(v) => structured(&v),
        None => env_value.is_some_and(structured),
    }
}

/// The responder of the wrapper: resolves the context only when a line is recognised, then
/// advises and renders. Whatever fails inside it leaves the line as it came.
pub struct Explainer<F: FnMut() -> Context> {
    pub style: Style,
    /// The language, or `None` to choose it from the environment when a line is recognised.
    pub lang: Option<Lang>,
    pub context: F,
}

impl<F: FnMut() -> Context> Explainer<F> {
    fn lang(&self) -> Lang {
        self.lang.unwrap_or_else(|| crate::i18n::current(None).lang)
    }
}

impl<F: FnMut() -> Context> Responder for Explainer<F> {
    fn respond(&mut self, found: &Recognised<'_>, line: &[u8], out: &mut Vec<u8>) {
        if found.family() == Family::Ambiguous {
            // The line stays as it came; at most one line of hint follows it.
            let hint = fail_open(|| {
                let ctx = (self.context)();
                let hint = advice::hint(&advice::Failure::from(found), &ctx)?;
                let lang = self.lang();
                Some(render::hint_line(&hint, lang, self.style.color))
            });
            out.extend_from_slice(line);
            if let Some(Some(text)) = hint {
                out.push(b'\n');
                out.extend_from_slice(text.as_bytes());
            }
            return;
        }
        let rendered = fail_open(|| {
            let ctx = (self.context)();
            let advice = advice::advise(&advice::Failure::from(found), &ctx);
            let lang = self.lang();
            render::explanation(&advice, &ctx, lang, self.style.color)
        });
        let Some(text) = rendered else {
            // Fail open: the line as it came.
            out.extend_from_slice(line);
            return;
        };
        match self.style.mode {
            Mode::Replace => out.extend_from_slice(
                render::headline(&found.headline(), self.style.color).as_bytes(),
            ),
            Mode::Append | Mode::Off => out.extend_from_slice(line),
        }
        out.push(b'\n');
        out.extend_from_slice(text.as_bytes());
    }
}
