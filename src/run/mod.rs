//! Running the real AWS CLI: stdin and stdout inherited untouched, stderr through the
//! filter, signals forwarded, and the child's exit code or signal death passed on exactly.
//!
//! - this module: the plan, spawning the CLI, and stepping aside (exec) whenever there is
//!   nothing to filter or the spawn fails;
//! - `pump`: copying the child's stderr through the filter, and reaping the child;
//! - `sink`: writing to our own stderr;
//! - `hand_off`: the copier left behind for stderr still open after the CLI has exited;
//! - `signals`: the wrapper's signal handlers and the forwarding to the child;
//! - `exit`: ending this process the way the child ended.

mod exit;
mod hand_off;
mod pump;
mod signals;
mod sink;

pub use exit::{die_of, exit_like};
pub use signals::caller_ignores_sigpipe;

use crate::config::{self, Mode};
use crate::filter::{Responder, StderrFilter};
use crate::rules::Failure;
use std::ffi::OsString;
use std::io;
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Command, ExitStatus, Stdio};

/// One wrapped call.
pub struct Plan {
    pub program: PathBuf,
    pub args: Vec<OsString>,
    /// Variables added to the child's environment (besides the hand-off, see
    /// [`crate::real_aws::HandOff`]).
    pub extra_env: Vec<(OsString, OsString)>,
    /// How many aws-shims in a row handed this call on ([`crate::config::depth`]).
    pub depth: u32,
    /// How stderr is treated; with [`Mode::Off`] aws-shim execs the CLI and steps aside.
    pub mode: Mode,
    /// For a command other than the AWS CLI, its name: its stderr passes unchanged and is
    /// only read ([`StderrFilter::watching`]).
    pub tool: Option<String>,
}

/// How the child ended.
pub struct Outcome {
    pub status: ExitStatus,
    /// The failure of the first recognised line, if any.
    pub finding: Option<Failure>,
}

/// Run the plan. Errors are only those of starting the child; once it runs, every failure of
/// aws-shim's own falls back to passing bytes through.
pub fn run<R: Responder>(plan: Plan, responder: R) -> io::Result<Outcome> {
    let mode = plan.mode;

    let mut command = Command::new(&plan.program);
    // The hand-off goes into our own environment, which the child inherits as it is: giving
    // Command an `env` would make it copy and rebuild the whole environment. It names the
    // program by identity, so that an aws-shim it leads to knows itself as that program.
    let hand_off = std::fs::metadata(&plan.program).ok().map(|meta| {
        use std::os::unix::fs::MetadataExt;
        crate::real_aws::HandOff {
            pid: std::process::id(),
            program: (meta.dev(), meta.ino()),
            count: plan.depth + 1,
        }
    });
    // SAFETY: setting or removing a variable races only with other threads reading or
    // writing the environment, and aws-shim has none: it never starts a thread, and nothing
    // it links starts one before this point.
    unsafe {
        match hand_off {
            Some(h) => std::env::set_var(config::HAND_OFF_VAR, h.value()),
            None => std::env::remove_var(config::HAND_OFF_VAR),
        }
    };
    command.args(&plan.args);
    for (k, v) in &plan.extra_env {
        command.env(k, v);
    }
    // With SIGCHLD ignored by the caller the kernel reaps our child itself and its status is
    // lost to us; the CLI must inherit that disposition anyway. Step aside. Likewise with no
    // stderr at all (`2>&-`): there is nothing to filter, and the CLI must meet the closed
    // descriptor as it would without aws-shim.
    let sigchld_ignored = signals::disposition(libc::SIGCHLD) == Some(libc::SIG_IGN);
    let stderr_closed = rustix::io::fcntl_getfd(rustix::stdio::stderr()).is_err();
    if mode == Mode::Off || sigchld_ignored || stderr_closed {
        // Nothing to filter: become the CLI, with no cost at all.
        return Err(command.exec());
    }

    let wake = signals::install();
    command.stderr(Stdio::piped());
    signals::prepare_child(&mut command);
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(_) => {
            // Fail open: whatever stood in the way (no pipe, no memory, the CLI itself), the
            // CLI is tried once more with aws-shim out of the way; the error is its own.
            signals::restore();
            return Err(command.stderr(Stdio::inherit()).exec());
        }
    };
    signals::set_child(child.id() as i32);
    // Above 2: with stdin or stdout closed by the caller the pipe may have taken 0 or 1, and
    // the copier closes those (see `hand_off`).
    let pipe = signals::above_stdio(OwnedFd::from(child.stderr.take().expect("stderr is piped")));
    // A larger pipe means fewer reads and wake-ups on heavy stderr (`--debug`); best effort.
    // Only Linux can resize a pipe (F_SETPIPE_SZ); elsewhere it keeps its size.
    #[cfg(target_os = "linux")]
    let _ = rustix::pipe::fcntl_setpipe_size(&pipe, pump::READ_SIZE);

    let mut filter = match plan.tool {
        Some(tool) => StderrFilter::watching(responder, tool),
        None => StderrFilter::new(responder),
    };
    let status = pump::pump(
        &mut child,
        pipe,
        wake.as_ref().map(AsFd::as_fd),
        &mut filter,
    );
    let finding = filter.finding().cloned();
    Ok(Outcome { status, finding })
}

/// Whether the caller had SIGPIPE ignored when aws-shim started.
pub fn caller_sigpipe_ignored() -> bool {
    signals::caller_sigpipe_ignored()
}
