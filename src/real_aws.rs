//! Finding the real AWS CLI: `AWS_SHIM_REAL_AWS`, else the first `aws` on PATH that is an
//! executable file and not this very program (compared by device and inode, so a second
//! link to aws-shim is skipped).

use std::ffi::{OsStr, OsString};
use std::fmt;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Why the real AWS CLI could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LocateError {
    /// `AWS_SHIM_REAL_AWS` names a path that is missing or not an executable file.
    BadOverride(PathBuf),
    /// No `aws` on PATH other than aws-shim itself.
    NotFound,
    /// `aws` keeps leading back to aws-shim.
    Loop(u32),
}

/// The nesting depth at which aws-shim gives up: each level is an aws-shim that started
/// another aws-shim (or a CLI that called aws again through a credential_process).
pub const MAX_DEPTH: u32 = 8;

impl fmt::Display for LocateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LocateError::BadOverride(path) => write!(
                f,
                "AWS_SHIM_REAL_AWS is set to {}, which is not an executable file; point it at the real AWS CLI or unset it",
                path.display()
            ),
            LocateError::NotFound => write!(
                f,
                "the AWS CLI was not found on PATH (aws-shim only forwards to it); install it (https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html) or set AWS_SHIM_REAL_AWS to its path"
            ),
            LocateError::Loop(depth) => write!(
                f,
                "`aws` leads back to aws-shim again ({depth} nested calls): another copy of aws-shim comes before the real AWS CLI on PATH; set AWS_SHIM_REAL_AWS to the real CLI's path"
            ),
        }
    }
}

impl LocateError {
    /// The exit code a shell would give: 127 for a command not found, 126 for one that cannot
    /// run.
    pub fn exit_code(&self) -> i32 {
        match self {
            LocateError::BadOverride(_) => 126,
            LocateError::NotFound | LocateError::Loop(_) => 127,
        }
    }
}

/// Identity of a file: device and inode.
pub type FileId = (u64, u64);

/// The identity of the running executable, if it can be known.
pub fn own_id() -> Option<FileId> {
    let meta = std::fs::metadata("/proc/self/exe")
        .or_else(|_| std::fs::metadata(std::env::current_exe()?))
        .ok()?;
    Some((meta.dev(), meta.ino()))
}

fn executable_file(path: &Path) -> Option<FileId> {
    let meta = std::fs::metadata(path).ok()?;
    (meta.is_file() && meta.permissions().mode() & 0o111 != 0).then(|| (meta.dev(), meta.ino()))
}

/// The first executable `aws` on PATH, whatever it is (aws-shim itself included), with its
/// identity: what a shell would run.
pub fn first_on_path(path_var: Option<&OsStr>) -> Option<(PathBuf, FileId)> {
    std::env::split_paths(path_var?).find_map(|dir| {
        let candidate = in_dir(dir);
        executable_file(&candidate).map(|id| (candidate, id))
    })
}

/// `aws` in a PATH entry; an empty entry means the current directory.
fn in_dir(dir: PathBuf) -> PathBuf {
    if dir.as_os_str().is_empty() {
        PathBuf::from(".").join("aws")
    } else {
        dir.join("aws")
    }
}

/// Locate the real AWS CLI.
pub fn locate(
    override_path: Option<OsString>,
    path_var: Option<&OsStr>,
    own: Option<FileId>,
    depth: u32,
) -> Result<PathBuf, LocateError> {
    if depth >= MAX_DEPTH {
        return Err(LocateError::Loop(depth));
    }
    if let Some(path) = override_path {
        let path = PathBuf::from(path);
        return match executable_file(&path) {
            Some(_) => Ok(path),
            None => Err(LocateError::BadOverride(path)),
        };
    }
    let path_var = path_var.ok_or(LocateError::NotFound)?;
    for dir in std::env::split_paths(path_var) {
        let candidate = in_dir(dir);
        match executable_file(&candidate) {
            Some(id) if Some(id) != own => return Ok(candidate),
            _ => continue,
        }
    }
    Err(LocateError::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn exe(path: &Path) {
        std::fs::write(path, "#!/bin/sh\n").unwrap();
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }

    #[test]
    fn skips_itself_by_identity_and_non_executables() {
        let t = tempfile::tempdir().unwrap();
        let (a, b, c, d) = (
            t.path().join("a"),
            t.path().join("b"),
            t.path().join("c"),
            t.path().join("d"),
        );
        for dir in [&a, &b, &c, &d] {
            std::fs::create_dir(dir).unwrap();
        }
        exe(&a.join("shim"));
        symlink(a.join("shim"), a.join("aws")).unwrap(); // the shim itself under its link name
        std::fs::hard_link(a.join("shim"), b.join("aws")).unwrap(); // a second link to it
        std::fs::write(c.join("aws"), "not executable").unwrap();
        exe(&d.join("aws"));
        let own = executable_file(&a.join("shim"));
        let path = std::env::join_paths([&a, &b, &c, &d]).unwrap();
        assert_eq!(locate(None, Some(&path), own, 0), Ok(d.join("aws")));
        assert_eq!(
            locate(
                None,
                Some(&std::env::join_paths([&a, &b, &c]).unwrap()),
                own,
                0
            ),
            Err(LocateError::NotFound)
        );
        assert_eq!(
            locate(None, Some(&path), own, MAX_DEPTH),
            Err(LocateError::Loop(MAX_DEPTH))
        );
        let missing = t.path().join("nope");
        assert_eq!(
            locate(Some(missing.clone().into()), Some(&path), own, 0),
            Err(LocateError::BadOverride(missing))
        );
    }
}
