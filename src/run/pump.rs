//! Copying the child's stderr through the filter, and reaping the child.

use super::hand_off::hand_off;
use super::signals;
use super::sink::Stderr;
use crate::fail_open::fail_open;
use crate::filter::{Responder, Sink, StderrFilter};
use rustix::event::{Nsecs, PollFd, PollFlags, Secs, Timespec};
use rustix::io::Errno;
use rustix::process::{Pid, WaitId, WaitIdOptions};
use std::io;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::process::ExitStatusExt;
use std::process::{Child, ExitStatus};

/// How long a held partial line may wait for its newline before it is written unchanged.
pub const QUIET_MS: i32 = 100;

/// The stderr pipe's size and the read buffer's.
pub(super) const READ_SIZE: usize = 256 * 1024;

/// poll's timeouts: none (the CLI has exited), and a held line's.
const NO_WAIT: Timespec = Timespec {
    tv_sec: 0,
    tv_nsec: 0,
};
const QUIET: Timespec = Timespec {
    tv_sec: (QUIET_MS / 1000) as Secs,
    tv_nsec: (QUIET_MS % 1000) as Nsecs * 1_000_000,
};

/// Copy the child's stderr through the filter until the child has exited and its stderr has
/// nothing more to give; return the child's status. `wake` becomes readable on SIGCHLD; without
/// it, whether the child has exited is asked after every wake-up instead.
pub(super) fn pump<R: Responder>(
    child: &mut Child,
    pipe: OwnedFd,
    wake: Option<BorrowedFd<'_>>,
    filter: &mut StderrFilter<R>,
) -> ExitStatus {
    let fd = pipe.as_fd();
    let mut buf = vec![0u8; READ_SIZE];
    let mut sink = Stderr::with_capacity(super::sink::DIRECT_WRITE);
    let mut raw = false; // after a panic in the filter, bytes pass as they are
    let mut exited: Option<ExitStatus> = None;
    let mut open_after_exit = false;
    // Once the CLI has exited, what its pipe held then is read here; whatever keeps coming
    // after that (a helper it left writing) goes to the copier, so that aws-shim never waits
    // on a writer that is not the CLI.
    let mut after_exit = READ_SIZE;
    loop {
        let timeout = if exited.is_some() {
            Some(&NO_WAIT)
        } else if filter.is_holding() {
            Some(&QUIET)
        } else {
            None
        };
        // The stderr pipe, then the wake pipe if there is one (the second entry is only
        // polled then, and its events stay empty otherwise).
        let mut fds = [
            PollFd::from_borrowed_fd(fd, PollFlags::IN),
            PollFd::from_borrowed_fd(wake.unwrap_or(fd), PollFlags::IN),
        ];
        let polled = if wake.is_some() { 2 } else { 1 };
        let ready = match rustix::event::poll(&mut fds[..polled], timeout) {
            Ok(0) => {
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
            Ok(_) => true,
            Err(Errno::INTR) => continue,
            // poll itself failed: fall back to a plain blocking read.
            Err(_) => false,
        };
        let woken = !fds[1].revents().is_empty();
        if woken {
            signals::drain(wake);
        }
        if exited.is_none() && (woken || wake.is_none()) {
            exited = reap(child, false);
        }
        if ready && fds[0].revents().is_empty() {
            continue;
        }
        let n = match rustix::io::read(fd, &mut buf[..]) {
            Ok(0) => break,
            Ok(n) => n,
            Err(Errno::INTR) => continue,
            Err(_) => break,
        };
        let chunk = &buf[..n];
        if exited.is_some() {
            after_exit = after_exit.saturating_sub(n);
            if after_exit == 0 {
                open_after_exit = true;
            }
        }
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
        if sink.is_broken() {
            // Our stderr is gone (`| head -1` ended): the CLI must meet the same closed pipe
            // as without aws-shim, so the read end is closed below instead of drained.
            break;
        }
        if open_after_exit {
            break;
        }
    }
    if !raw {
        filter.finish(&mut sink);
    }
    sink.flush();
    if open_after_exit && !sink.is_broken() {
        hand_off(fd);
    }
    drop(pipe);
    match exited {
        Some(status) => status,
        None => reap(child, true).unwrap_or(ExitStatus::from_raw(255 << 8)),
    }
}

/// The child's status once it has exited (waiting for that when `block`). A child that
/// stops meanwhile stops aws-shim too, until both are continued ([`signals::stop_like`]).
/// Forwarding of SIGTERM and SIGHUP stops before the child is reaped, so that a late signal
/// can never reach another process that was given the same pid.
fn reap(child: &mut Child, block: bool) -> Option<ExitStatus> {
    // WNOWAIT: the child stays a zombie, and its pid taken, until std's wait below.
    let mut options = WaitIdOptions::EXITED | WaitIdOptions::STOPPED | WaitIdOptions::NOWAIT;
    if !block {
        options |= WaitIdOptions::NOHANG;
    }
    let pid = Pid::from_child(child);
    loop {
        match rustix::process::waitid(WaitId::Pid(pid), options) {
            Err(Errno::INTR) => continue,
            // Not exited yet.
            Ok(None) => return None,
            // Stopped: stop alike; once continued, look again.
            Ok(Some(status)) if status.stopped() => {
                signals::stop_like(pid, status.stopping_signal().unwrap_or(libc::SIGSTOP));
                continue;
            }
            // Exited (or waitid failed: then let std's wait decide).
            Ok(Some(_)) | Err(_) => break,
        }
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
