//! Stderr still open after the CLI has exited: a copier process takes it over.

use super::sink::Stderr;
use std::io;
use std::os::fd::RawFd;

/// What the CLI left running (a helper that inherited its stderr) may still write: as without
/// aws-shim, that must reach our stderr, and the writer must not meet a closed pipe. A copier
/// process takes over the pipe, unfiltered, until its last writer is gone; aws-shim itself
/// exits now with the CLI's status. The copier holds neither stdin nor stdout, so nothing
/// waiting for their end (`$(aws ...)`) waits for it.
pub(super) fn hand_off(fd: RawFd) {
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
    let mut sink = Stderr::with_capacity(0);
    loop {
        let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
        if n < 0 && io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
            continue;
        }
        if n <= 0 || sink.is_broken() {
            break;
        }
        sink.write_all(&buf[..n as usize]);
    }
    unsafe { libc::_exit(0) }
}
