//! The wrapper's signal handling. SIGINT and SIGQUIT from the terminal already reach the
//! child (same process group): aws-shim survives them and keeps forwarding. SIGTERM and
//! SIGHUP sent to aws-shim go on to the child. SIGCHLD wakes the pump through a self-pipe.
//! Handlers (not SIG_IGN) are used so that the child starts with default dispositions.

use std::os::fd::RawFd;
use std::sync::atomic::{AtomicI32, AtomicU64, Ordering};

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
pub(super) fn install() -> Option<RawFd> {
    let mut fds = [-1; 2];
    let wake = if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC | libc::O_NONBLOCK) } == 0
    {
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
pub(super) fn disposition(sig: i32) -> Option<libc::sighandler_t> {
    let mut old: libc::sigaction = unsafe { std::mem::zeroed() };
    (unsafe { libc::sigaction(sig, std::ptr::null(), &mut old) } == 0).then_some(old.sa_sigaction)
}

/// The dispositions aws-shim started with again (exec had reset them to the default):
/// when the child could not be started, and once it has exited, so that nothing of ours
/// stands between a signal and the end of this process.
pub(super) fn restore() {
    let installed = INSTALLED.swap(0, Ordering::SeqCst);
    for sig in HANDLED {
        if installed & (1 << sig) != 0 {
            unsafe { libc::signal(sig, libc::SIG_DFL) };
        }
    }
}

/// The child is running: forward to it from now on, including a signal that came first.
pub(super) fn set_child(pid: i32) {
    CHILD.store(pid, Ordering::SeqCst);
    let pending = PENDING.swap(0, Ordering::SeqCst);
    if pending != 0 {
        unsafe { libc::kill(pid, pending) };
    }
}

/// The child has exited: signals are no longer forwarded.
pub(super) fn forget_child() {
    CHILD.store(0, Ordering::SeqCst);
}

pub(super) fn drain(wake: Option<RawFd>) {
    if let Some(fd) = wake {
        let mut buf = [0u8; 64];
        while unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) } > 0 {}
    }
}
