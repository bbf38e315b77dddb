//! Reading the small files aws-shim looks at (the CLI's config, credentials and caches, its
//! own state, the files that say which CLI is installed): a regular file only, so that a
//! FIFO planted in its place is never waited on, opened without blocking, and at most
//! [`MAX_FILE`] bytes. A leaf module.

use std::io::Read;
use std::path::Path;

/// The most bytes read of one file.
pub const MAX_FILE: u64 = 1 << 20;

/// Read a small regular file, or `None`. Opened without blocking and checked before reading,
/// so that a FIFO or a device named by AWS_CONFIG_FILE (say) cannot stall an `aws` call.
pub fn read_small(path: &Path) -> Option<Vec<u8>> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .ok()?;
    if !file.metadata().ok()?.is_file() {
        return None;
    }
    let mut data = Vec::new();
    file.take(MAX_FILE).read_to_end(&mut data).ok()?;
    Some(data)
}
