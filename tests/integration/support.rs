//! Shared test fixtures: a temporary HOME with XDG directories, the built binary, a
//! scriptable stand-in `aws` on PATH, and the golden stderr captures.

#![allow(dead_code)]

use std::ffi::OsString;
use std::io::Write as _;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The aws-shim binary under test.
pub fn shim_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_aws-shim"))
}

/// The captures of real AWS CLI stderr, kept in the repository
/// (`tests/fixtures/aws-cli-stderr`).
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/aws-cli-stderr")
}

/// Every `*.stderr` fixture, by file name.
pub fn fixtures() -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<(String, Vec<u8>)> = std::fs::read_dir(fixtures_dir())
        .expect("the fixtures directory exists")
        .filter_map(|e| {
            let path = e.ok()?.path();
            let name = path.file_name()?.to_str()?.to_owned();
            name.ends_with(".stderr")
                .then(|| (name, std::fs::read(&path).unwrap()))
        })
        .collect();
    all.sort();
    assert!(!all.is_empty(), "no fixtures found");
    all
}

/// A sandbox: temporary HOME and XDG directories, a `bin/` with an `aws` link to aws-shim
/// and a `real/` with the stand-in CLI, and an environment that contains nothing of the
/// caller's but PATH's system directories.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        let dir = tempfile::tempdir().unwrap();
        let s = Sandbox { dir };
        for d in [
            "home",
            "home/.aws",
            "xdg/state",
            "xdg/data",
            "xdg/config",
            "xdg/cache",
            "bin",
            "real",
            "machine",
        ] {
            std::fs::create_dir_all(s.path().join(d)).unwrap();
        }
        std::os::unix::fs::symlink(shim_bin(), s.path().join("bin/aws")).unwrap();
        // A profile the tests may name (the CLI and the prompt know an unknown one as such);
        // a test that writes its own config replaces it.
        s.write("home/.aws/config", "[profile dev]\nregion = us-east-1\n");
        s.write_exe(
            "real/aws",
            &format!(
                "#!/bin/sh\nexec '{}' __stand-in \"$@\"\n",
                shim_bin().display()
            ),
        );
        s
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn home(&self) -> PathBuf {
        self.path().join("home")
    }

    pub fn state_dir(&self) -> PathBuf {
        self.path().join("xdg/state/aws-shim")
    }

    /// The `aws` link to aws-shim.
    pub fn aws(&self) -> PathBuf {
        self.path().join("bin/aws")
    }

    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }

    pub fn write_exe(&self, rel: &str, contents: &str) -> PathBuf {
        let path = self.write(rel, contents);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        path
    }

    /// PATH: the shim's bin, then the stand-in, then the system.
    pub fn path_var(&self) -> OsString {
        let dirs = [
            self.path().join("bin"),
            self.path().join("real"),
            "/usr/local/bin".into(),
            "/usr/bin".into(),
            "/bin".into(),
        ];
        std::env::join_paths(dirs).unwrap()
    }

    /// A command with a clean environment: HOME, XDG dirs, PATH, English, no colour
    /// preferences, no AWS variables, an empty machine for place detection; and every signal at its default disposition (see
    /// [`default_signals`]).
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut cmd = Command::new(program);
        default_signals(&mut cmd);
        cmd.env_clear()
            .env("HOME", self.home())
            .env("XDG_STATE_HOME", self.path().join("xdg/state"))
            .env("XDG_DATA_HOME", self.path().join("xdg/data"))
            .env("XDG_CONFIG_HOME", self.path().join("xdg/config"))
            .env("XDG_CACHE_HOME", self.path().join("xdg/cache"))
            .env("PATH", self.path_var())
            .env("AWS_SHIM_LANG", "en")
            // Place detection reads this tree, not the machine's /sys and /proc: empty, so
            // the tests run as on an unknown machine wherever they run.
            .env("AWS_SHIM_PLACE_ROOT", self.path().join("machine"))
            .env("AWS_CONFIG_FILE", self.home().join(".aws/config"))
            .env(
                "AWS_SHARED_CREDENTIALS_FILE",
                self.home().join(".aws/credentials"),
            );
        cmd
    }

    /// `aws ARGS` through the shim, with the stand-in following `script` (a JSON array of
    /// steps, see src/stand_in.rs).
    pub fn aws_cmd(&self, script: &serde_json::Value) -> Command {
        let mut cmd = self.command(self.aws());
        cmd.env("AWS_SHIM_STAND_IN", script.to_string());
        cmd
    }

    /// The same stand-in run directly, without the shim, for side-by-side comparisons.
    pub fn direct_cmd(&self, script: &serde_json::Value) -> Command {
        let mut cmd = self.command(self.path().join("real/aws"));
        cmd.env("AWS_SHIM_STAND_IN", script.to_string());
        cmd
    }
}

/// Start `cmd` with every signal at its default disposition, whatever the test run inherited:
/// under `nohup` (SIGHUP ignored) or as a background job of a script (SIGINT and SIGQUIT
/// ignored) the children would inherit the ignored signals, and the tests about signals
/// (and any shell that a test drives) would behave otherwise than in a terminal. A test that
/// wants a signal ignored says so itself (`trap '' HUP` in the child).
pub fn default_signals(cmd: &mut Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: the closure runs in the forked child before exec and calls only `signal`,
    // which is async-signal-safe; it allocates nothing and touches no lock.
    unsafe {
        cmd.pre_exec(|| {
            for sig in 1..32 {
                if sig != libc::SIGKILL && sig != libc::SIGSTOP {
                    libc::signal(sig, libc::SIG_DFL);
                }
            }
            Ok(())
        });
    }
}

/// Whether an external tool is available; when it is not, print a skip line, or fail when
/// `AWS_SHIM_REQUIRE_TOOLS=1` (CI installs every tool first).
///
/// The skip line goes to stderr through `std::io::Write`, not `eprintln!`: libtest captures
/// only the print macros, so this way `cargo test` shows it without `--nocapture`.
pub fn have_tool(name: &str) -> bool {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {name}"))
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !found {
        skip_line(&format!("{name} is not installed"));
    }
    found
}

/// Say that the running test skips its work, and why, where `cargo test` shows it without
/// `--nocapture` (libtest captures only the print macros); with `AWS_SHIM_REQUIRE_TOOLS=1`
/// (CI, after installing every tool) a skip is a failure instead.
pub fn skip_line(why: &str) {
    if std::env::var("AWS_SHIM_REQUIRE_TOOLS").as_deref() == Ok("1") {
        panic!("{why} (AWS_SHIM_REQUIRE_TOOLS=1: nothing may be skipped)");
    }
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("<unnamed test>");
    let _ = writeln!(
        std::io::stderr().lock(),
        "SKIPPED {test}: {why} (set AWS_SHIM_REQUIRE_TOOLS=1 to make this a failure)"
    );
}

/// The rows of a README's table that describe a `*.stderr` capture: its cells, trimmed
/// (`| v1-sts-expiredtoken.stderr | aws-cli/1.45.11 | ... | 255 |`).
pub fn capture_rows(readme: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(readme).expect("the fixtures README exists");
    text.lines()
        .map(|line| {
            line.trim()
                .trim_matches('|')
                .split('|')
                .map(|cell| cell.trim().to_owned())
                .collect::<Vec<String>>()
        })
        .filter(|cells| cells[0].ends_with(".stderr"))
        .collect()
}

/// The exit code of each fixture, from the table in the fixtures' README.
pub fn fixture_exit_codes() -> std::collections::BTreeMap<String, i32> {
    capture_rows(&fixtures_dir().join("README.md"))
        .into_iter()
        .filter_map(|cells| Some((cells[0].clone(), cells.last()?.parse().ok()?)))
        .collect()
}

/// Profiles `first` and `second`, each with session keys in the credentials file and the
/// given `expiration` (none when empty): for the tests of the CLIs' order of AWS_PROFILE and
/// AWS_DEFAULT_PROFILE.
pub fn two_session_profiles(s: &Sandbox, expirations: [&str; 2]) {
    s.write(
        "home/.aws/config",
        "[profile first]\nregion = us-east-1\n[profile second]\nregion = us-east-1\n",
    );
    let mut credentials = String::new();
    for (i, (name, expiration)) in ["first", "second"].iter().zip(expirations).enumerate() {
        credentials.push_str(&format!(
            "[{name}]\naws_access_key_id=ASIAFIXTUREKEYID001{n}\naws_secret_access_key=fixtureSecret001{n}\naws_session_token=fixtureToken001{n}\n",
            n = i + 1
        ));
        if !expiration.is_empty() {
            credentials.push_str(&format!("expiration={expiration}\n"));
        }
    }
    s.write("home/.aws/credentials", credentials);
}

/// What AWS CLI v2 prints when an `aws login` session has ended.
pub const LOGIN_EXPIRED: &str =
    "\naws: [ERROR]: Your session has expired. Please reauthenticate using 'aws login'.\n";

/// The text of a simple message (`label-next = What to do`) in `locales/LANG.ftl`, read from
/// the catalogue itself so that tests follow wording changes.
pub fn catalogue_text(lang: &str, id: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("locales/{lang}.ftl"));
    let source = std::fs::read_to_string(&path).unwrap();
    source
        .lines()
        .find_map(|line| {
            line.strip_prefix(id)?
                .trim_start()
                .strip_prefix('=')
                .map(|v| v.trim().to_owned())
        })
        .unwrap_or_else(|| panic!("{id} not found in {}", path.display()))
}

/// PATH's system directories without any `aws` in them, for tests that need no real CLI.
pub fn system_path_without_aws() -> Vec<PathBuf> {
    [
        "/usr/local/sbin",
        "/usr/local/bin",
        "/usr/sbin",
        "/usr/bin",
        "/sbin",
        "/bin",
    ]
    .into_iter()
    .map(PathBuf::from)
    .filter(|dir| dir.is_dir() && !dir.join("aws").exists())
    .collect()
}

/// SHA-1 hex computed by Python, as botocore computes its cache names.
pub fn python_sha1(text: &str) -> String {
    let out = Command::new("python3")
        .args([
            "-c",
            "import hashlib, sys; print(hashlib.sha1(sys.argv[1].encode()).hexdigest())",
            text,
        ])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// The ids of the problems in a `doctor --json` report.
pub fn problem_ids(report: &serde_json::Value) -> Vec<String> {
    report["problems"]
        .as_array()
        .map(|problems| {
            problems
                .iter()
                .filter_map(|p| p["id"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// The stdout of a command that must have succeeded (its stderr shown when it did not).
pub fn ok_stdout(out: std::process::Output) -> Vec<u8> {
    assert!(
        out.status.success(),
        "{:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}
