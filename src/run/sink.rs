//! Our own stderr, as the filter's [`Sink`].

use crate::filter::Sink;
use rustix::event::{PollFd, PollFlags};
use rustix::io::Errno;

/// Pieces at least this long are written straight from the read buffer; smaller ones are
/// gathered first.
pub(super) const DIRECT_WRITE: usize = 8 * 1024;

/// Our stderr. A write error (closed, broken pipe) stops writing but not reading, so the
/// child never blocks on a full pipe.
pub(super) struct Stderr {
    broken: bool,
    pending: Vec<u8>,
}

impl Sink for Stderr {
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
    /// Room for `capacity` bytes of small pieces before the gathering buffer grows.
    pub(super) fn with_capacity(capacity: usize) -> Self {
        Stderr {
            broken: false,
            pending: Vec::with_capacity(capacity),
        }
    }

    /// Whether a write has failed; nothing is written after that.
    pub(super) fn is_broken(&self) -> bool {
        self.broken
    }

    /// Forget the small pieces gathered and not yet written.
    pub(super) fn discard_pending(&mut self) {
        self.pending.clear();
    }

    pub(super) fn flush(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        self.write_all(&pending);
        self.pending = pending;
        self.pending.clear();
    }

    /// Write straight to fd 2 (nothing of std's in between). Our stderr may have been left
    /// non-blocking by whoever shares it: then wait until it takes more.
    pub(super) fn write_all(&mut self, mut rest: &[u8]) {
        let stderr = rustix::stdio::stderr();
        while !self.broken && !rest.is_empty() {
            match rustix::io::write(stderr, rest) {
                Ok(n) => rest = &rest[n..],
                Err(Errno::INTR) => {}
                Err(e) if e == Errno::AGAIN || e == Errno::WOULDBLOCK => {
                    let mut fds = [PollFd::from_borrowed_fd(stderr, PollFlags::OUT)];
                    let _ = rustix::event::poll(&mut fds, None);
                }
                Err(_) => self.broken = true,
            }
        }
    }
}
