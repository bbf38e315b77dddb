//! Running the real AWS CLI: stdin and stdout inherited untouched, stderr through the
//! filter, signals forwarded, and the child's exit code or signal death passed on exactly.

use crate::config::{self, Mode};
use crate::fail_open::fail_open;
use crate::filter::{Responder, Sink, StderrFilter};
use crate::rules::Failure;
use std::ffi::OsString;
use std::io;
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::PathBuf;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicI32, AtomicU64, Ordering};

/// How long a held partial line may wait for its newline before it is written unchanged.
pub const QUIET_MS: i32 = 100;

/// The stderr pipe's size and the read buffer's.
const READ_SIZE: usize = 256 * 1024;

/// One wrapped call.
pub struct Plan {
    pub program: PathBuf,
    pub args: Vec<OsString>,
    /// Variables added to the child's environment (besides the depth counter).
    pub extra_env: Vec<(OsString, OsString)>,
    pub depth: u32,
    /// How stderr is treated; with [`Mode::Off`] aws-shim execs the CLI and steps aside.
    pub mode: Mode,
}

/// How the child ended.
pub struct Outcome {
    pub status: ExitStatus,
    pub finding: Option<Failure>,
}

/// Run the plan. Errors are only those of starting the child; once it runs, every failure of
/// aws-shim's own falls back to passing bytes through.
pub fn run<R: Responder>(plan: Plan, responder: R) -> io::Result<Outcome> {
    let mode = plan.mode;

    let mut command = Command::new(&plan.program);
    // The depth counter goes into our own environment, which the child inherits as it is:
    // giving Command an `env` would make it copy and rebuild the whole environment.
    // SAFETY: aws-shim has no other threads at this point.
    unsafe { std::env::set_var(config::DEPTH_VAR, (plan.depth + 1).to_string()) };
    command.args(&plan.args);
    for (k, v) in &plan.extra_env {
        command.env(k, v);
    }
    // With SIGCHLD ignored by the caller the kernel reaps our child itself and its status is
    // lost to us; the CLI must inherit that disposition anyway. Step aside.
    let sigchld_ignored = signals::disposition(libc::SIGCHLD) == Some(libc::SIG_IGN);
    if mode == Mode::Off || sigchld_ignored {
        // Nothing to filter: become the CLI, with no cost at all.
        return Err(command.exec());
    }

    let wake = signals::install();
    command.stderr(Stdio::piped());
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
    let pipe = child.stderr.take().expect("stderr is piped");
    // A larger pipe means fewer reads and wake-ups on heavy stderr (`--debug`); best effort.
    unsafe {
        libc::fcntl(
            pipe.as_raw_fd(),
            libc::F_SETPIPE_SZ,
            READ_SIZE as libc::c_int,
        )
    };

    let mut filter = StderrFilter::new(responder);
    let status = pump(&mut child, pipe.as_raw_fd(), wake, &mut filter);
    drop(pipe);
    let finding = filter.finding().cloned();
    Ok(Outcome { status, finding })
}

/// Copy the child's stderr through the filter until the child has exited and its stderr has
/// nothing more to give; return the child's status.
fn pump<R: Responder>(
    child: &mut std::process::Child,
    fd: RawFd,
    wake: Option<RawFd>,
    filter: &mut StderrFilter<R>,
) -> ExitStatus {
    let mut buf = vec![0u8; READ_SIZE];
    let mut sink = Stderr {
        broken: false,
        pending: Vec::with_capacity(DIRECT_WRITE),
    };
    let mut raw = false; // after a panic in the filter, bytes pass as they are
    let mut exited: Option<ExitStatus> = None;
    let mut open_after_exit = false;
    loop {
        let timeout = if exited.is_some() {
            0
        } else if filter.is_holding() {
            QUIET_MS
        } else {
            -1
        };
        let mut fds = [
            libc::pollfd {
                fd,
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: wake.unwrap_or(-1),
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        let ready = unsafe { libc::poll(fds.as_mut_ptr(), 2, timeout) };
        if ready < 0 {
            if io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
                continue;
            }
            // poll itself failed: fall back to a plain blocking read.
        } else if ready == 0 {
            if exited.is_some() {
                // The CLI is gone and nothing more is waiting, but something it started
                // still holds its stderr.
                open_after_exit = true;
                break;
            }
            filter.release(&mut sink);
            sink.flush();
            continue;
        }
        if fds[1].revents != 0 {
            signals::drain(wake);
        }
        if exited.is_none() && (fds[1].revents != 0 || wake.is_none()) {
            exited = reap(child, false);
        }
        if ready > 0 && fds[0].revents == 0 {
            continue;
        }
        let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
        if n < 0 {
            match io::Error::last_os_error().kind() {
                io::ErrorKind::Interrupted => continue,
                _ => break,
            }
        }
        if n == 0 {
            break;
        }
        let chunk = &buf[..n as usize];
        if raw {
            sink.put(chunk);
        } else if fail_open(|| filter.feed(chunk, &mut sink)).is_none() {
            // Whatever the filter held or wrote of this chunk is unknown: from here on, bytes
            // pass as they come.
            raw = true;
            sink.pending.clear();
            sink.put(chunk);
        }
        sink.flush();
    }
    if !raw {
        filter.finish(&mut sink);
    }
    sink.flush();
    if open_after_exit && !sink.broken {
        hand_off(fd);
    }
    match exited {
        Some(status) => status,
        None => reap(child, true).unwrap_or(ExitStatus::from_raw(255 << 8)),
    }
}

/// What the CLI left running (a helper that inherited its stderr) may still write: as without
/// aws-shim, that must reach our stderr, and the writer must not meet a closed pipe. A copier
/// process takes over the pipe, unfiltered, until its last writer is gone; aws-shim itself
/// exits now with the CLI's status. The copier holds neither stdin nor stdout, so nothing
/// waiting for their end (`$(aws ...)`) waits for it.
fn hand_off(fd: RawFd) {
    // If fork fails, bytes written later are lost, as they would be had aws-shim exited a
    // moment later.
    if unsafe { libc::fork() } != 0 {
        return;
    }
    unsafe {
        libc::close(0);
        libc::close(1);
        libc::signal(libc::SIGINT, libc::SIG_DFL);
        libc::signal(libc::SIGTERM, libc::SIG_DFL);
        libc::signal(libc::SIGHUP, libc::SIG_DFL);
        libc::signal(libc::SIGCHLD, libc::SIG_DFL);
    }
    let mut buf = [0u8; 16 * 1024];
    let mut sink = Stderr {
        broken: false,
        pending: Vec::new(),
    };
    loop {
        let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
        if n < 0 && io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
            continue;
        }
        if n <= 0 || sink.broken {
            break;
        }
        sink.write_all(&buf[..n as usize]);
    }
    unsafe { libc::_exit(0) }
}

/// The child's status once it has exited (waiting for that when `block`). Forwarding of
/// SIGTERM and SIGHUP stops before the child is reaped, so that a late signal can never reach
/// another process that was given the same pid.
fn reap(child: &mut std::process::Child, block: bool) -> Option<ExitStatus> {
    let flags = libc::WEXITED | libc::WNOWAIT | if block { 0 } else { libc::WNOHANG };
    loop {
        let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
        let r = unsafe { libc::waitid(libc::P_PID, child.id(), &mut info, flags) };
        if r == -1 && io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
            continue;
        }
        // Not exited yet (or waitid failed: then let std's wait decide).
        if r == 0 && unsafe { info.si_pid() } == 0 {
            return None;
        }
        break;
    }
    signals::forget_child();
    signals::restore();
    loop {
        match child.wait() {
            Ok(status) => return Some(status),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => return None,
        }
    }
}

/// Pieces at least this long are written straight from the read buffer; smaller ones are
/// gathered first.
const DIRECT_WRITE: usize = 8 * 1024;

/// Our stderr. A write error (closed, broken pipe) stops writing but not reading, so the
/// child never blocks on a full pipe.
struct Stderr {
    broken: bool,
    pending: Vec<u8>,
}

impl crate::filter::Sink for Stderr {
    fn put(&mut self, bytes: &[u8]) {
        if bytes.len() >= DIRECT_WRITE {
            self.flush();
            self.write_all(bytes);
        } else {
            self.pending.extend_from_slice(bytes);
        }
    }
}

impl Stderr {
    fn flush(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        self.write_all(&pending);
        self.pending = pending;
        self.pending.clear();
    }

    fn write_all(&mut self, mut rest: &[u8]) {
        while !self.broken && !rest.is_empty() {
            let n = unsafe { libc::write(2, rest.as_ptr().cast(), rest.len()) };
            if n >= 0 {
                rest = &rest[n as usize..];
                continue;
            }
            match io::Error::last_os_error().kind() {
                io::ErrorKind::Interrupted => {}
                io::ErrorKind::WouldBlock => {
                    let mut pfd = libc::pollfd {
                        fd: 2,
                        events: libc::POLLOUT,
                        revents: 0,
                    };
                    unsafe { libc::poll(&mut pfd, 1, -1) };
                }
                _ => self.broken = true,
            }
        }
    }
}

/// End this process the way the child ended: the same exit code, or death by the same signal.
pub fn exit_like(status: ExitStatus) -> ! {
    if let Some(code) = status.code() {
        std::process::exit(code);
    }
    let sig = status.signal().unwrap_or(libc::SIGKILL);
    die_of(sig)
}

/// Die of `sig`: default action, unblocked, no core file of our own, then raised.
pub fn die_of(sig: i32) -> ! {
    unsafe {
        let no_core = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        libc::setrlimit(libc::RLIMIT_CORE, &no_core);
        libc::signal(sig, libc::SIG_DFL);
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, sig);
        libc::sigprocmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
        libc::raise(sig);
    }
    // A signal whose default action does not terminate (or that could not be raised): end as
    // a shell would report it.
    std::process::exit(128 + sig)
}

/// The wrapper's signal handling. SIGINT and SIGQUIT from the terminal already reach the
/// child (same process group): aws-shim survives them and keeps forwarding. SIGTERM and
/// SIGHUP sent to aws-shim go on to the child. SIGCHLD wakes the pump through a self-pipe.
/// Handlers (not SIG_IGN) are used so that the child starts with default dispositions.
mod signals {
    use super::*;

    static CHILD: AtomicI32 = AtomicI32::new(0);
    static PENDING: AtomicI32 = AtomicI32::new(0);
    static WAKE_WRITE: AtomicI32 = AtomicI32::new(-1);
    /// The signals whose handler is ours (a bit per signal number).
    static INSTALLED: AtomicU64 = AtomicU64::new(0);

    const HANDLED: [i32; 5] = [
        libc::SIGINT,
        libc::SIGQUIT,
        libc::SIGTERM,
        libc::SIGHUP,
        libc::SIGCHLD,
    ];

    extern "C" fn on_signal(sig: i32) {
        let saved = unsafe { *libc::__errno_location() };
        match sig {
            libc::SIGTERM | libc::SIGHUP => {
                let child = CHILD.load(Ordering::SeqCst);
                if child > 0 {
                    unsafe { libc::kill(child, sig) };
                } else {
                    PENDING.store(sig, Ordering::SeqCst);
                }
            }
            libc::SIGCHLD => {
                let fd = WAKE_WRITE.load(Ordering::SeqCst);
                if fd >= 0 {
                    unsafe { libc::write(fd, [1u8].as_ptr().cast(), 1) };
                }
            }
            _ => {}
        }
        unsafe { *libc::__errno_location() = saved };
    }

    /// Install the handlers; returns the read end of the wake pipe.
    pub fn install() -> Option<RawFd> {
        let mut fds = [-1; 2];
        let wake =
            if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC | libc::O_NONBLOCK) } == 0 {
                WAKE_WRITE.store(fds[1], Ordering::SeqCst);
                Some(fds[0])
            } else {
                None
            };
        for sig in HANDLED {
            // A signal the caller ignores stays ignored, for us and for the child (`nohup`,
            // background jobs of scripts): the child inherits SIG_IGN, not our handler.
            if disposition(sig) == Some(libc::SIG_IGN) {
                continue;
            }
            unsafe {
                let mut action: libc::sigaction = std::mem::zeroed();
                action.sa_sigaction = on_signal as *const () as usize;
                action.sa_flags = libc::SA_RESTART
                    | if sig == libc::SIGCHLD {
                        libc::SA_NOCLDSTOP
                    } else {
                        0
                    };
                libc::sigemptyset(&mut action.sa_mask);
                if libc::sigaction(sig, &action, std::ptr::null_mut()) == 0 {
                    INSTALLED.fetch_or(1 << sig, Ordering::SeqCst);
                }
            }
        }
        wake
    }

    /// The current handler of `sig` (`SIG_DFL`, `SIG_IGN` or a function).
    pub fn disposition(sig: i32) -> Option<libc::sighandler_t> {
        let mut old: libc::sigaction = unsafe { std::mem::zeroed() };
        (unsafe { libc::sigaction(sig, std::ptr::null(), &mut old) } == 0)
            .then_some(old.sa_sigaction)
    }

    /// The dispositions aws-shim started with again (exec had reset them to the default):
    /// when the child could not be started, and once it has exited, so that nothing of ours
    /// stands between a signal and the end of this process.
    pub fn restore() {
        let installed = INSTALLED.swap(0, Ordering::SeqCst);
        for sig in HANDLED {
            if installed & (1 << sig) != 0 {
                unsafe { libc::signal(sig, libc::SIG_DFL) };
            }
        }
    }

    /// The child is running: forward to it from now on, including a signal that came first.
    pub fn set_child(pid: i32) {
        CHILD.store(pid, Ordering::SeqCst);
        let pending = PENDING.swap(0, Ordering::SeqCst);
        if pending != 0 {
            unsafe { libc::kill(pid, pending) };
        }
    }

    /// The child has exited: signals are no longer forwarded.
    pub fn forget_child() {
        CHILD.store(0, Ordering::SeqCst);
    }

    pub fn drain(wake: Option<RawFd>) {
        if let Some(fd) = wake {
            let mut buf = [0u8; 64];
            while unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) } > 0 {}
        }
    }
}
