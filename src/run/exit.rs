//! Ending this process the way the child ended; also used by the stand-in CLI.

use rustix::process::{Resource, Rlimit};
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
    let no_core = Rlimit {
        current: Some(0),
        maximum: Some(0),
    };
    let _ = rustix::process::setrlimit(Resource::Core, no_core);
    // SAFETY: SIG_DFL installs no code of ours. `set` is a live sigset_t on our stack, all
    // zeroes (a valid value of this plain C type) and then initialised by sigemptyset;
    // sigprocmask accepts a null pointer for the old mask. raise takes no pointers. The
    // process has a single thread, the one whose mask is changed and to which the signal
    // goes. An invalid `sig` only makes these calls fail.
    unsafe {
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
