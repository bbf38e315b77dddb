//! Reading the files aws-shim looks at (the CLI's config, credentials and caches, its own
//! state, the files that say which CLI is installed): a regular file only, so that a FIFO
//! planted in its place is never waited on, opened without blocking, and at most a bound:
//! [`MAX_FILE`] bytes of the small files, [`MAX_CONFIG`] of the CLI's config and credentials.
//! And writing aws-shim's own small files, atomically, in a directory only its user can read
//! ([`write_atomic`]). A leaf module.

use std::fs;
use std::io::Read;
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// The most bytes read of one small file (a cache, aws-shim's own state).
pub const MAX_FILE: u64 = 1 << 20;

/// The most bytes read of the AWS CLI's config or credentials file. The CLI reads them
/// whole, however large: tools that sync accounts write a profile per account and role,
/// 10,000 profiles being about 1.3 MiB, so the bound is far above any such file and only
/// keeps a runaway file from costing unbounded memory.
pub const MAX_CONFIG: u64 = 64 << 20;

/// [`MAX_CONFIG`] for people: `64 MiB`.
pub fn max_config_shown() -> String {
    format!("{} MiB", MAX_CONFIG >> 20)
}

/// What was read of a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bounded {
    /// The bytes read: the whole file, or its first `limit` bytes.
    pub bytes: Vec<u8>,
    /// Whether the file is longer than the bytes read.
    pub cut: bool,
}

/// Read a small regular file, or `None`. Opened without blocking and checked before reading,
/// so that a FIFO or a device named by AWS_CONFIG_FILE (say) cannot stall an `aws` call.
pub fn read_small(path: &Path) -> Option<Vec<u8>> {
    read_bounded(path, MAX_FILE).map(|read| read.bytes)
}

/// Read a regular file up to `limit` bytes, saying whether it had more, or `None` when it
/// cannot be read. Opened without blocking and checked before reading, as [`read_small`].
pub fn read_bounded(path: &Path, limit: u64) -> Option<Bounded> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() {
        return None;
    }
    // The size is a hint only (the file may change while it is read): one byte past the
    // limit tells whether there was more.
    let mut bytes = Vec::with_capacity(meta.len().min(limit) as usize + 1);
    file.take(limit + 1).read_to_end(&mut bytes).ok()?;
    let cut = bytes.len() as u64 > limit;
    bytes.truncate(limit as usize);
    Some(Bounded { bytes, cut })
}

/// Write `contents` to `path` atomically, creating the directory (0700) when missing.
pub(crate) fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().ok_or(std::io::ErrorKind::InvalidInput)?;
    ensure_dir(dir)?;
    let name = path
        .file_name()
        .ok_or(std::io::ErrorKind::InvalidInput)?
        .to_string_lossy();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let tmp = dir.join(format!(".{name}.{}.{nanos}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
            .open(&tmp)?;
        // The mode whatever the umask (`umask 0277` would leave 0400).
        file.set_permissions(fs::Permissions::from_mode(0o600))?;
        file.write_all(contents)?;
        drop(file);
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// The state directory exists with mode 0700 (created so; tightened when it was not).
pub(crate) fn ensure_dir(dir: &Path) -> std::io::Result<()> {
    match fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
    {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e),
    }
    let meta = fs::symlink_metadata(dir)?;
    if !meta.is_dir() {
        return Err(std::io::ErrorKind::NotADirectory.into());
    }
    if meta.permissions().mode() & 0o777 != 0o700 {
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_past_the_bound_is_read_up_to_it_and_said_to_be_cut() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config");
        std::fs::write(&path, b"0123456789").unwrap();
        let whole = read_bounded(&path, 10).unwrap();
        assert_eq!(
            (whole.bytes.as_slice(), whole.cut),
            (&b"0123456789"[..], false)
        );
        let cut = read_bounded(&path, 4).unwrap();
        assert_eq!((cut.bytes.as_slice(), cut.cut), (&b"0123"[..], true));
        assert!(
            read_bounded(dir.path(), 4).is_none(),
            "a directory is not read"
        );
    }
}
