//! Stderr still open after the CLI has exited: a copier process takes it over.

use super::sink::Stderr;
use rustix::io::Errno;
use std::os::fd::BorrowedFd;

/// What the CLI left running (a helper that inherited its stderr) may still write: as without
/// aws-shim, that must reach our stderr, and the writer must not meet a closed pipe. A copier
/// process takes over the pipe, unfiltered, until its last writer is gone; aws-shim itself
/// exits now with the CLI's status. The copier holds neither stdin nor stdout, so nothing
/// waiting for their end (`$(aws ...)`) waits for it.
///
/// In the copier only system calls are made (no allocation, no lock), and it ends with
/// `_exit`: it never returns into the caller's code, whose destructors and buffers belong to
/// aws-shim.
pub(super) fn hand_off(fd: BorrowedFd<'_>) {
    // If fork fails, bytes written later are lost, as they would be had aws-shim exited a
    // moment later.
    // SAFETY: aws-shim has a single thread, so no lock can be held by a thread that does not
    // exist in the child; the child below makes only async-signal-safe system calls and ends
    // with `_exit`, never returning into code that assumes it is aws-shim.
    if unsafe { libc::fork() } != 0 {
        return;
    }
    // SAFETY: in the copier, stdin and stdout are not used again (nothing here reads or
    // writes them, and the process ends with `_exit`), so closing them invalidates no handle
    // that is still in use.
    unsafe {
        libc::close(0);
        libc::close(1);
    }
    // The signal dispositions stay as they are: aws-shim's handlers were already taken down
    // when the CLI was reaped, and a signal the caller ignores (`nohup`) stays ignored here
    // too, as it does for the helper still writing.
    let mut buf = [0u8; 16 * 1024];
    let mut sink = Stderr::with_capacity(0);
    loop {
        match rustix::io::read(fd, &mut buf[..]) {
            Err(Errno::INTR) => continue,
            Ok(n) if n > 0 && !sink.is_broken() => sink.write_all(&buf[..n]),
            _ => break,
        }
    }
    // SAFETY: `_exit` ends the process at once; nothing of aws-shim's (buffers, atexit
    // handlers, destructors) runs twice.
    unsafe { libc::_exit(0) }
}
