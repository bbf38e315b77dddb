//! The wrapper's signal handling. SIGINT and SIGQUIT from the terminal already reach the
//! child (same process group): aws-shim survives them and keeps forwarding. SIGTERM and
//! SIGHUP sent to aws-shim go on to the child. SIGCHLD wakes the pump through a self-pipe.
//! Handlers (not SIG_IGN) are used so that the child starts with default dispositions.

use rustix::process::{Pid, Signal};
use std::os::fd::{BorrowedFd, IntoRawFd, OwnedFd};
use std::sync::atomic::{AtomicI32, AtomicU64, Ordering};

/// The running child's pid, 0 when there is none (not yet started, or about to be reaped).
static CHILD: AtomicI32 = AtomicI32::new(0);
/// A signal to forward that came before the child was started.
static PENDING: AtomicI32 = AtomicI32::new(0);
/// The wake pipe's write end, or -1. Once stored it is never closed.
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

/// The handler. It runs between any two instructions of aws-shim, so it does only what is
/// async-signal-safe: lock-free atomics, kill(2) and write(2); and it leaves errno as it was.
extern "C" fn on_signal(sig: i32) {
    let saved = errno::errno();
    match sig {
        libc::SIGTERM | libc::SIGHUP => {
            let child = CHILD.load(Ordering::SeqCst);
            if child > 0 {
                // SAFETY: kill(2) is async-signal-safe and takes no pointers. `child` is our
                // child, not yet reaped (CHILD is cleared before it is), so the pid cannot
                // belong to another process.
                unsafe { libc::kill(child, sig) };
            } else {
                PENDING.store(sig, Ordering::SeqCst);
            }
        }
        libc::SIGCHLD => {
            let fd = WAKE_WRITE.load(Ordering::SeqCst);
            if fd >= 0 {
                // SAFETY: write(2) is async-signal-safe; the buffer is one live byte; `fd` is
                // the wake pipe's write end, which stays open for the life of the process, and
                // is non-blocking, so a full pipe (a wake-up already pending) fails at once.
                unsafe { libc::write(fd, [1u8].as_ptr().cast(), 1) };
            }
        }
        _ => {}
    }
    errno::set_errno(saved);
}

/// Install the handlers; returns the read end of the wake pipe.
pub(super) fn install() -> Option<OwnedFd> {
    let wake = match wake_pipe() {
        Ok((read, write)) => {
            // The handler may write to it at any moment from now on: it is never closed.
            WAKE_WRITE.store(write.into_raw_fd(), Ordering::SeqCst);
            Some(read)
        }
        Err(_) => None,
    };
    for sig in HANDLED {
        // A signal the caller ignores stays ignored, for us and for the child (`nohup`,
        // background jobs of scripts): the child inherits SIG_IGN, not our handler.
        if disposition(sig) == Some(libc::SIG_IGN) {
            continue;
        }
        // SAFETY: `sigaction` is a plain C struct for which all zeroes is a valid value (no
        // handler, no flags); its mask is then emptied by sigemptyset, and `action` lives
        // across the call. `on_signal` has the one-argument handler signature that goes
        // without SA_SIGINFO, and does only async-signal-safe work. No other thread exists
        // to race with the change of disposition.
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

/// The self-pipe that SIGCHLD writes to: both ends close-on-exec (the CLI must not inherit
/// them) and non-blocking (the handler must never block, nor the drain).
#[cfg(target_os = "linux")]
fn wake_pipe() -> rustix::io::Result<(OwnedFd, OwnedFd)> {
    use rustix::pipe::PipeFlags;
    rustix::pipe::pipe_with(PipeFlags::CLOEXEC | PipeFlags::NONBLOCK)
}

/// The self-pipe that SIGCHLD writes to (see above). Without pipe2 (macOS) the flags are set
/// one after the other; no other thread can spawn a process in between.
#[cfg(not(target_os = "linux"))]
fn wake_pipe() -> rustix::io::Result<(OwnedFd, OwnedFd)> {
    use rustix::fs::OFlags;
    use rustix::io::FdFlags;
    let (read, write) = rustix::pipe::pipe()?;
    for fd in [&read, &write] {
        rustix::io::fcntl_setfd(fd, FdFlags::CLOEXEC)?;
        rustix::fs::fcntl_setfl(fd, rustix::fs::fcntl_getfl(fd)? | OFlags::NONBLOCK)?;
    }
    Ok((read, write))
}

/// The current handler of `sig` (`SIG_DFL`, `SIG_IGN` or a function).
pub(super) fn disposition(sig: i32) -> Option<libc::sighandler_t> {
    // SAFETY: all zeroes is a valid `sigaction` (see `install`); with a null new action,
    // sigaction only reads the current one into `old`, which is live and writable.
    unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        (libc::sigaction(sig, std::ptr::null(), &mut old) == 0).then_some(old.sa_sigaction)
    }
}

/// The dispositions aws-shim started with again (exec had reset them to the default):
/// when the child could not be started, and once it has exited, so that nothing of ours
/// stands between a signal and the end of this process.
pub(super) fn restore() {
    let installed = INSTALLED.swap(0, Ordering::SeqCst);
    for sig in HANDLED {
        if installed & (1 << sig) != 0 {
            // SAFETY: SIG_DFL installs no code of ours; `sig` is a valid signal number.
            unsafe { libc::signal(sig, libc::SIG_DFL) };
        }
    }
}

/// The child is running: forward to it from now on, including a signal that came first.
pub(super) fn set_child(pid: i32) {
    CHILD.store(pid, Ordering::SeqCst);
    let pending = PENDING.swap(0, Ordering::SeqCst);
    if let (Some(pid), Some(sig)) = (Pid::from_raw(pid), Signal::from_named_raw(pending)) {
        let _ = rustix::process::kill_process(pid, sig);
    }
}

/// The child has exited: signals are no longer forwarded.
pub(super) fn forget_child() {
    CHILD.store(0, Ordering::SeqCst);
}

/// Empty the wake pipe (it is non-blocking: this stops when nothing is left).
pub(super) fn drain(wake: Option<BorrowedFd<'_>>) {
    if let Some(fd) = wake {
        let mut buf = [0u8; 64];
        while matches!(rustix::io::read(fd, &mut buf[..]), Ok(n) if n > 0) {}
    }
}
