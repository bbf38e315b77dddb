//! Copying the child's stderr through the filter, and reaping the child.

use super::hand_off::hand_off;
use super::signals;
use super::sink::Stderr;
use crate::fail_open::fail_open;
use crate::filter::{Responder, Sink, StderrFilter};
use std::io;
use std::os::fd::RawFd;
use std::os::unix::process::ExitStatusExt;
use std::process::{Child, ExitStatus};

/// How long a held partial line may wait for its newline before it is written unchanged.
pub const QUIET_MS: i32 = 100;

/// The stderr pipe's size and the read buffer's.
pub(super) const READ_SIZE: usize = 256 * 1024;

/// Copy the child's stderr through the filter until the child has exited and its stderr has
/// nothing more to give; return the child's status.
pub(super) fn pump<R: Responder>(
    child: &mut Child,
    fd: RawFd,
    wake: Option<RawFd>,
    filter: &mut StderrFilter<R>,
) -> ExitStatus {
    let mut buf = vec![0u8; READ_SIZE];
    let mut sink = Stderr::with_capacity(super::sink::DIRECT_WRITE);
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
            sink.discard_pending();
            sink.put(chunk);
        }
        sink.flush();
    }
    if !raw {
        filter.finish(&mut sink);
    }
    sink.flush();
    if open_after_exit && !sink.is_broken() {
        hand_off(fd);
    }
    match exited {
        Some(status) => status,
        None => reap(child, true).unwrap_or(ExitStatus::from_raw(255 << 8)),
    }
}

/// The child's status once it has exited (waiting for that when `block`). Forwarding of
/// SIGTERM and SIGHUP stops before the child is reaped, so that a late signal can never reach
/// another process that was given the same pid.
fn reap(child: &mut Child, block: bool) -> Option<ExitStatus> {
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
