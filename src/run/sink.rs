//! Our own stderr, as the filter's [`Sink`].

use crate::filter::Sink;
use std::io;

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

    pub(super) fn write_all(&mut self, mut rest: &[u8]) {
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
