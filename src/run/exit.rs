//! Ending this process the way the child ended; also used by the stand-in CLI.

use std::os::unix::process::ExitStatusExt;
use std::process::ExitStatus;

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
