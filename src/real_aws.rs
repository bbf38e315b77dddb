//! Finding the real AWS CLI: `AWS_SHIM_REAL_AWS`, else the first `aws` on PATH that is an
//! executable file and not this very program (compared by device and inode, so a second
//! link to aws-shim is skipped).

use std::cell::OnceCell;
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
    /// `AWS_SHIM_REAL_AWS` names aws-shim itself (the binary or a link to it).
    OverrideIsShim(PathBuf),
    /// A command other than `aws` (`aws-shim run -- NAME`, a link named `cdk`) is not on PATH
    /// as anything but aws-shim, or is a path that is not an executable file.
    ToolNotFound(String),
    /// A path given for that command names something that exists but cannot be run (a file
    /// without permission to execute, a directory), as a shell reports with 126.
    ToolCannotRun(String),
    /// That command keeps leading back to aws-shim.
    ToolLoop(String, u32),
}

/// The number of aws-shims in a row, each the command the one before located, at which
/// aws-shim gives up: such a chain is one install's link leading to another's, and only a loop
/// makes it long. Nesting (an aws-shim started by a shell, a tool or the real CLI that an
/// aws-shim started) is no link in the chain, however deep.
pub const MAX_DEPTH: u32 = 8;

/// What an aws-shim tells the program it starts, through [`crate::config::HAND_OFF_VAR`]:
/// `PID DEV:INO COUNT`. A loop is an aws-shim link that leads to an aws-shim again and again:
/// the program started is then aws-shim itself (the same file that was located), started by
/// that aws-shim (its child, or in its place by exec). Anything else between two aws-shims
/// (a shell, an interpreter, the real CLI) makes the inner one a nested call, which counts
/// from 0 again; a value inherited by everything the program starts means nothing to them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HandOff {
    /// The aws-shim that set it.
    pub pid: u32,
    /// The program it located and started.
    pub program: FileId,
    /// How many aws-shims in a row handed the call on, that one included.
    pub count: u32,
}

/// The process that reads a [`HandOff`]: its pid, its parent's, and (asked only when needed)
/// the identity of its executable.
pub struct Here<F: FnOnce() -> Option<FileId>> {
    pub pid: u32,
    pub parent: u32,
    pub own: F,
}

impl HandOff {
    pub fn parse(value: &str) -> Option<HandOff> {
        let mut words = value.split(' ');
        let pid = words.next()?.parse().ok()?;
        let (dev, ino) = words.next()?.split_once(':')?;
        let count = words.next()?.parse().ok()?;
        words.next().is_none().then_some(HandOff {
            pid,
            program: (dev.parse().ok()?, ino.parse().ok()?),
            count,
        })
    }

    pub fn value(&self) -> String {
        let HandOff {
            pid,
            program: (dev, ino),
            count,
        } = self;
        format!("{pid} {dev}:{ino} {count}")
    }

    /// The count for the process `here`: this hand-off's when it is the program handed the
    /// call (started by that aws-shim, or by exec in its place, and the same file); else 0.
    pub fn count_for<F: FnOnce() -> Option<FileId>>(&self, here: Here<F>) -> u32 {
        let started_by_it = self.pid == here.parent || self.pid == here.pid;
        if started_by_it && (here.own)() == Some(self.program) {
            self.count
        } else {
            0
        }
    }
}

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
            LocateError::OverrideIsShim(path) => write!(
                f,
                "AWS_SHIM_REAL_AWS is set to {}, which is aws-shim itself; point it at the real AWS CLI or unset it",
                path.display()
            ),
            LocateError::ToolNotFound(name) if name.contains('/') => {
                write!(f, "{name}: no such file")
            }
            LocateError::ToolNotFound(name) => write!(
                f,
                "{name}: command not found (aws-shim only runs it; no `{name}` on PATH other than aws-shim itself)"
            ),
            LocateError::ToolCannotRun(name) => {
                write!(f, "{name}: permission denied (not an executable file)")
            }
            LocateError::ToolLoop(name, depth) => write!(
                f,
                "`{name}` leads back to aws-shim in a loop ({depth} aws-shims in a row, each run as `{name}` by the one before): another aws-shim link named {name} comes before the real command on PATH"
            ),
            LocateError::Loop(depth) => write!(
                f,
                "`aws` leads back to aws-shim in a loop ({depth} aws-shims in a row, each run as `aws` by the one before): another copy of aws-shim comes before the real AWS CLI on PATH; set AWS_SHIM_REAL_AWS to the real CLI's path"
            ),
        }
    }
}

impl LocateError {
    /// The exit code a shell would give: 127 for a command not found, 126 for one that cannot
    /// run.
    pub fn exit_code(&self) -> i32 {
        match self {
            LocateError::BadOverride(_) | LocateError::ToolCannotRun(_) => 126,
            LocateError::NotFound
            | LocateError::Loop(_)
            | LocateError::OverrideIsShim(_)
            | LocateError::ToolNotFound(_)
            | LocateError::ToolLoop(..) => 127,
        }
    }
}

/// Which AWS CLI a file on disk is, as far as can be read without running it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CliVersion {
    /// 1 or 2.
    pub major: u8,
    /// The whole version (`2.36.7`), when known.
    pub version: Option<String>,
    /// How it was found, for people: a file, or the `aws: [ERROR]:` prefix of a line.
    pub from: String,
}

impl CliVersion {
    fn from_version(version: &str, from: impl Into<String>) -> Option<CliVersion> {
        let major: u8 = version.split('.').next()?.parse().ok()?;
        matches!(major, 1 | 2).then(|| CliVersion {
            major,
            version: Some(version.to_owned()),
            from: from.into(),
        })
    }

    /// The CLI that wrote a failure's line, when the line says so: only AWS CLI v2 (2.34 and
    /// later) writes `aws: [ERROR]: `. What was known from disk is kept when it agrees.
    pub fn from_line(v2_prefix: bool, known: Option<CliVersion>) -> Option<CliVersion> {
        if !v2_prefix {
            return known;
        }
        Some(CliVersion {
            major: 2,
            version: known.and_then(|c| c.version.filter(|v| v.starts_with("2."))),
            from: "aws: [ERROR]:".to_owned(),
        })
    }

    /// Whether this CLI is at least `major.minor`; `None` when only the major is known and
    /// it is the same.
    pub fn at_least(&self, major: u8, minor: u32) -> Option<bool> {
        if self.major != major {
            return Some(self.major > major);
        }
        let here: u32 = self.version.as_deref()?.split('.').nth(1)?.parse().ok()?;
        Some(here >= minor)
    }
}

/// How much of a script is read to recognise it.
const SCRIPT_HEAD: usize = 4096;

/// Which AWS CLI `path` is, read from disk only:
/// - the official v2 installers keep each version in a directory named after it
///   (`/usr/local/aws-cli/v2/2.36.7/dist/aws`, Homebrew's `Cellar/awscli/2.36.7/`), which the
///   link on PATH leads to;
/// - a native executable is v2 (v1 exists only as a Python package);
/// - a Python script that imports `awscli` (pip, distribution packages) is the version in
///   that package's `awscli/__init__.py`, found beside its interpreter;
/// - a pyenv shim is followed to the selected Python version's `aws`.
///
/// `None` when none of these says.
pub fn probe_version(path: &Path, pyenv_version: Option<&str>) -> Option<CliVersion> {
    probe_at(path, pyenv_version, 0)
}

fn probe_at(path: &Path, pyenv_version: Option<&str>, depth: u8) -> Option<CliVersion> {
    let real = std::fs::canonicalize(path).ok()?;
    let shown = real.display().to_string();
    if let Some(version) = version_in_path(&real) {
        return CliVersion::from_version(&version, shown);
    }
    let mut head = vec![0u8; SCRIPT_HEAD];
    let n = {
        use std::io::Read;
        let mut file = std::fs::File::open(&real).ok()?;
        file.read(&mut head).ok()?
    };
    head.truncate(n);
    if head.starts_with(b"\x7fELF") || head.starts_with(&[0xcf, 0xfa, 0xed, 0xfe]) {
        return Some(CliVersion {
            major: 2,
            version: None,
            from: shown,
        });
    }
    let text = String::from_utf8_lossy(&head);
    let first = text.lines().next()?.strip_prefix("#!")?.trim();
    if text.contains("pyenv") && text.contains("PYENV_ROOT") && depth == 0 {
        let target = pyenv_target(&text, &real, pyenv_version)?;
        return probe_at(&target, pyenv_version, depth + 1);
    }
    if !text.contains("awscli") {
        return None;
    }
    // `#!/usr/bin/python3` or `#!/usr/bin/env python3`: the interpreter's prefix, and the
    // script's own (a virtual environment).
    let interpreter = first.split_whitespace().next()?;
    let prefixes = [
        Path::new(interpreter).parent().and_then(Path::parent),
        real.parent().and_then(Path::parent),
    ];
    prefixes
        .into_iter()
        .flatten()
        .find_map(awscli_version_under)
        .and_then(|(version, file)| CliVersion::from_version(&version, file))
}

/// A version directory on the way to the executable: `.../aws-cli/v2/2.36.7/...`,
/// `.../Cellar/awscli/2.36.7/...`.
fn version_in_path(path: &Path) -> Option<String> {
    let parts: Vec<&str> = path.iter().filter_map(|c| c.to_str()).collect();
    parts.windows(2).find_map(|w| {
        let after_install = w[0] == "v2" || w[0] == "awscli";
        let looks =
            w[1].split('.').count() == 3 && w[1].split('.').all(|n| n.parse::<u32>().is_ok());
        (after_install && looks).then(|| w[1].to_owned())
    })
}

/// `awscli/__init__.py` under a Python prefix (`lib/python3.X/site-packages`, Debian's
/// `lib/python3/dist-packages`): its `__version__`, and the file.
fn awscli_version_under(prefix: &Path) -> Option<(String, String)> {
    let lib = prefix.join("lib");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&lib)
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("python3"))
        })
        .collect();
    dirs.sort();
    dirs.iter().rev().find_map(|dir| {
        ["site-packages", "dist-packages"].iter().find_map(|sub| {
            let init = dir.join(sub).join("awscli/__init__.py");
            let text = String::from_utf8(crate::files::read_small(&init)?).ok()?;
            let version = text.lines().find_map(|l| {
                let v = l
                    .strip_prefix("__version__")?
                    .trim_start()
                    .strip_prefix('=')?;
                Some(v.trim().trim_matches(['\'', '"']).to_owned())
            })?;
            Some((version, init.display().to_string()))
        })
    })
}

/// Where a pyenv shim leads: `$PYENV_ROOT/versions/VERSION/bin/NAME`, for the version
/// `PYENV_VERSION` names, else the global one (`$PYENV_ROOT/version`).
fn pyenv_target(shim: &str, path: &Path, pyenv_version: Option<&str>) -> Option<PathBuf> {
    let root = shim.lines().find_map(|l| {
        let v = l.trim().strip_prefix("export PYENV_ROOT=")?;
        Some(v.trim_matches('"').to_owned())
    })?;
    let version = match pyenv_version {
        Some(v) => v.split(':').next()?.to_owned(),
        None => String::from_utf8(crate::files::read_small(&Path::new(&root).join("version"))?)
            .ok()?
            .lines()
            .next()?
            .trim()
            .to_owned(),
    };
    let name = path.file_name()?;
    Some(
        Path::new(&root)
            .join("versions")
            .join(version)
            .join("bin")
            .join(name),
    )
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

/// `aws` in a PATH entry.
fn in_dir(dir: PathBuf) -> PathBuf {
    named_in_dir(dir, OsStr::new("aws"))
}

/// `name` in a PATH entry; an empty entry means the current directory.
fn named_in_dir(dir: PathBuf, name: &OsStr) -> PathBuf {
    if dir.as_os_str().is_empty() {
        PathBuf::from(".").join(name)
    } else {
        dir.join(name)
    }
}

/// Locate another command the way a shell would, but never aws-shim itself: `name` with a
/// `/` is that file (unless it is aws-shim, then its name is looked up on PATH); otherwise
/// the first executable `name` on PATH that is not aws-shim (by device and inode, as for
/// `aws`).
pub fn locate_tool(
    name: &OsStr,
    path_var: Option<&OsStr>,
    own: Option<FileId>,
    depth: u32,
) -> Result<PathBuf, LocateError> {
    let shown = || Path::new(name).display().to_string();
    if depth >= MAX_DEPTH {
        return Err(LocateError::ToolLoop(shown(), depth));
    }
    let mut name = name;
    if name.as_encoded_bytes().contains(&b'/') {
        let path = Path::new(name);
        match executable_file(path) {
            Some(id) if Some(id) == own => {
                name = path
                    .file_name()
                    .ok_or_else(|| LocateError::ToolNotFound(shown()))?;
            }
            Some(_) => return Ok(path.to_path_buf()),
            // As a shell: 126 for what is there but cannot be run, 127 for what is not.
            None if path.exists() => return Err(LocateError::ToolCannotRun(shown())),
            None => return Err(LocateError::ToolNotFound(shown())),
        }
    }
    let not_found = || LocateError::ToolNotFound(Path::new(name).display().to_string());
    std::env::split_paths(path_var.ok_or_else(not_found)?)
        .map(|dir| named_in_dir(dir, name))
        .find(|candidate| executable_file(candidate).is_some_and(|id| Some(id) != own))
        .ok_or_else(not_found)
}

/// What decides which real AWS CLI runs and what it is known to be: the values
/// [`Cli::from_env`] reads once from the environment (`config`), or a test's own.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// `AWS_SHIM_REAL_AWS`.
    pub real_aws_override: Option<OsString>,
    /// `PATH`.
    pub path: Option<OsString>,
    /// aws-shim's own executable, skipped on PATH.
    pub own_id: Option<FileId>,
    /// How many aws-shims were handed the call before this one.
    pub depth: u32,
    /// aws-shim's cache directory, where which CLI a file is is remembered.
    pub cache_dir: Option<PathBuf>,
    /// pyenv's version setting, for a CLI that is pyenv's shim.
    pub pyenv_version: Option<String>,
}

impl Settings {
    /// This process's settings.
    pub fn from_env() -> Settings {
        Settings {
            real_aws_override: crate::config::real_aws_override(),
            path: crate::config::path(),
            own_id: own_id(),
            depth: crate::config::depth(),
            cache_dir: crate::config::cache_dir(),
            pyenv_version: crate::config::pyenv_version(),
        }
    }
}

/// The real AWS CLI as its [`Settings`] name it (`AWS_SHIM_REAL_AWS`, else PATH without
/// aws-shim itself, within the depth of nested aws-shims), and its version: each looked up
/// once, when first asked for.
pub struct Cli {
    settings: Settings,
    program: OnceCell<Result<PathBuf, LocateError>>,
    version: OnceCell<Option<CliVersion>>,
}

impl Cli {
    /// The CLI that `aws` runs from this process.
    pub fn from_env() -> Cli {
        Cli::new(Settings::from_env())
    }

    /// The CLI that these settings name.
    pub fn new(settings: Settings) -> Cli {
        Cli {
            settings,
            program: OnceCell::new(),
            version: OnceCell::new(),
        }
    }

    /// The same, as found from `depth` nested aws-shims (0: wherever the CLI that `aws` would
    /// run is, for another tool's explanation).
    pub fn at_depth(depth: u32) -> Cli {
        Cli::new(Settings {
            depth,
            ..Settings::from_env()
        })
    }

    /// Where the CLI is, or why it cannot be run.
    pub fn program(&self) -> Result<&Path, &LocateError> {
        self.program
            .get_or_init(|| {
                let s = &self.settings;
                locate(
                    s.real_aws_override.clone(),
                    s.path.as_deref(),
                    s.own_id,
                    s.depth,
                )
            })
            .as_deref()
    }

    /// Which CLI it is ([`known_version`]), `None` when it is not found or not known.
    pub fn version(&self) -> Option<CliVersion> {
        self.version
            .get_or_init(|| {
                let program = self.program().ok()?;
                known_version(
                    program,
                    self.settings.cache_dir.as_deref(),
                    self.settings.pyenv_version.as_deref(),
                )
            })
            .clone()
    }
}

/// What the real CLI at `program` is: remembered per file in the cache directory
/// `cache_dir` (aws-shim's, `config::cache_dir`), looked at on disk the first time (see
/// [`probe_version`], which reads pyenv's `pyenv_version` when the CLI is pyenv's shim).
pub fn known_version(
    program: &Path,
    cache_dir: Option<&Path>,
    pyenv_version: Option<&str>,
) -> Option<CliVersion> {
    if let Some(known) = cache_dir.and_then(|dir| remembered_version(dir, program)) {
        return known;
    }
    let found = probe_version(program, pyenv_version);
    if let Some(dir) = cache_dir {
        let _ = remember_version(dir, program, found.as_ref());
    }
    found
}

const CLI_MAGIC: &str = "aws-shim-cli-1";
const CLI_FILE: &str = "real-aws.version";

/// What the real CLI at `path` was found to be, as remembered in the cache directory `dir`
/// (it can be worked out again), when the file is still the one that was looked at (same
/// device, inode, size and modification time of what the path leads to). The look itself
/// ([`probe_version`]) reads a few files; this is one small read.
fn remembered_version(dir: &Path, path: &Path) -> Option<Option<CliVersion>> {
    let text = String::from_utf8(crate::files::read_small(&dir.join(CLI_FILE))?).ok()?;
    let mut lines = text.lines();
    if lines.next()? != CLI_MAGIC || lines.next()? != cli_key(path)? {
        return None;
    }
    let major = lines.next()?;
    if major == "unknown" {
        return Some(None);
    }
    let version = lines.next().filter(|v| !v.is_empty());
    Some(Some(CliVersion {
        major: major.parse().ok()?,
        version: version.map(str::to_owned),
        from: lines.next()?.to_owned(),
    }))
}

/// Remember in the cache directory `dir` what the real CLI at `path` is (`None`: it could
/// not be told).
fn remember_version(dir: &Path, path: &Path, version: Option<&CliVersion>) -> std::io::Result<()> {
    let key = cli_key(path).ok_or(std::io::ErrorKind::NotFound)?;
    let body = match version {
        Some(v) => format!(
            "{}\n{}\n{}\n",
            v.major,
            v.version.as_deref().unwrap_or(""),
            v.from.replace('\n', " ")
        ),
        None => "unknown\n".to_owned(),
    };
    crate::files::write_atomic(
        &dir.join(CLI_FILE),
        format!("{CLI_MAGIC}\n{key}\n{body}").as_bytes(),
    )
}

/// The identity of the file a path leads to, as one line.
fn cli_key(path: &Path) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).ok()?;
    let path = path.to_str()?.replace('\n', " ");
    Some(format!(
        "{path}\t{}\t{}\t{}\t{}",
        meta.dev(),
        meta.ino(),
        meta.size(),
        meta.mtime()
    ))
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
        // The same identity check as the PATH walk: a link to aws-shim is aws-shim.
        return match executable_file(&path) {
            Some(id) if Some(id) == own => Err(LocateError::OverrideIsShim(path)),
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
    fn a_hand_off_counts_only_for_the_program_it_started() {
        let h = HandOff {
            pid: 100,
            program: (1, 2),
            count: 3,
        };
        assert_eq!(HandOff::parse(&h.value()), Some(h));
        let at = |pid, parent, own: FileId| {
            h.count_for(Here {
                pid,
                parent,
                own: move || Some(own),
            })
        };
        assert_eq!(at(200, 100, (1, 2)), 3, "its child, the file it located");
        assert_eq!(at(100, 50, (1, 2)), 3, "exec'd in its place");
        assert_eq!(at(200, 100, (1, 9)), 0, "its child, another file (a shell)");
        assert_eq!(
            at(300, 200, (1, 2)),
            0,
            "the same file, started by another process"
        );
        for garbage in [
            "",
            "3",
            "1 2 3",
            "1 2:3",
            "1 2:3 4 5",
            "x 1:2 3",
            "1 1:2 -1",
        ] {
            assert_eq!(HandOff::parse(garbage), None, "{garbage:?}");
        }
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
        assert_eq!(
            locate(Some(b.join("aws").into()), Some(&path), own, 0),
            Err(LocateError::OverrideIsShim(b.join("aws")))
        );
        // Other commands: the same walk under their own name, and a path as it is.
        exe(&a.join("cdk"));
        std::fs::hard_link(a.join("shim"), b.join("cdk")).unwrap();
        exe(&d.join("cdk"));
        let path_bd = std::env::join_paths([&b, &d]).unwrap();
        let cdk = OsStr::new("cdk");
        assert_eq!(locate_tool(cdk, Some(&path_bd), own, 0), Ok(d.join("cdk")));
        assert_eq!(
            locate_tool(b.join("cdk").as_os_str(), Some(&path_bd), own, 0),
            Ok(d.join("cdk")),
            "a path to aws-shim itself is looked up by its name"
        );
        assert_eq!(
            locate_tool(a.join("cdk").as_os_str(), None, own, 0),
            Ok(a.join("cdk"))
        );
        assert_eq!(
            locate_tool(cdk, Some(&std::env::join_paths([&b]).unwrap()), own, 0),
            Err(LocateError::ToolNotFound("cdk".into()))
        );
        assert_eq!(
            locate_tool(cdk, Some(&path_bd), own, MAX_DEPTH),
            Err(LocateError::ToolLoop("cdk".into(), MAX_DEPTH))
        );
        std::fs::write(a.join("plain"), "not executable").unwrap();
        for cannot in [a.join("plain"), d.clone()] {
            assert_eq!(
                locate_tool(cannot.as_os_str(), Some(&path_bd), own, 0),
                Err(LocateError::ToolCannotRun(cannot.display().to_string()))
            );
        }
        assert_eq!(
            locate_tool(a.join("nope").as_os_str(), Some(&path_bd), own, 0),
            Err(LocateError::ToolNotFound(
                a.join("nope").display().to_string()
            ))
        );
        let missing = t.path().join("nope");
        assert_eq!(
            locate(Some(missing.clone().into()), Some(&path), own, 0),
            Err(LocateError::BadOverride(missing))
        );
    }
}
