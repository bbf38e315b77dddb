//! Fail open: whatever is wrong around aws-shim (no HOME, unusable state directories,
//! garbage state, an unknown locale, no stderr), the child runs and its stdout and exit code
//! reach the caller unchanged.

use crate::support::{self, Sandbox};
use serde_json::json;
use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Output, Stdio};

const LINE: &str = "aws: [ERROR]: An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired";
const EXIT: i32 = 254;

/// Stdout of every byte value, then a recognised error, so that everything aws-shim does
/// around an error (context, language, state) takes place.
fn script() -> serde_json::Value {
    let stdout: Vec<u8> = (0..=255).collect();
    json!([{ "out_bytes": stdout }, { "err": "\n" }, { "err": format!("{LINE}\n") }, { "exit": EXIT }])
}

fn assert_child_unchanged(cmd: &mut Command) -> Output {
    let out = cmd.stdin(Stdio::null()).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(EXIT), "{stderr}");
    assert_eq!(out.stdout, (0..=255).collect::<Vec<u8>>());
    assert!(!stderr.contains("panicked"), "{stderr}");
    out
}

/// With stderr open, the CLI's own line is still there (append mode off a terminal).
fn assert_line_kept(out: &Output) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with(&format!("\n{LINE}\n")), "{stderr}");
}

#[test]
fn home_unset() {
    let sandbox = Sandbox::new();
    let out = assert_child_unchanged(sandbox.aws_cmd(&script()).env_remove("HOME"));
    assert_line_kept(&out);
}

#[test]
fn home_and_state_dir_do_not_exist() {
    let sandbox = Sandbox::new();
    let gone = sandbox.path().join("gone");
    let out = assert_child_unchanged(
        sandbox
            .aws_cmd(&script())
            .env("HOME", &gone)
            .env("XDG_STATE_HOME", gone.join("state"))
            .env("XDG_DATA_HOME", gone.join("data")),
    );
    assert_line_kept(&out);
    assert!(!gone.exists() || gone.is_dir(), "nothing odd left behind");
}

#[test]
fn home_and_state_dir_are_unwritable() {
    let sandbox = Sandbox::new();
    let locked = sandbox.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root writes anywhere, but not below a regular file.
    let file = sandbox.write("a-file", "not a directory");
    for dir in [&locked, &file] {
        let out = assert_child_unchanged(
            sandbox
                .aws_cmd(&script())
                .env("HOME", dir)
                .env("XDG_STATE_HOME", dir)
                .env("XDG_DATA_HOME", dir),
        );
        assert_line_kept(&out);
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// Bytes that are neither text nor any format aws-shim writes.
fn garbage(seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

#[test]
fn garbage_in_the_state_dir() {
    let sandbox = Sandbox::new();
    // First a normal run, so that whatever aws-shim keeps there exists; then spoil all of it
    // and add files of its own.
    assert_child_unchanged(&mut sandbox.aws_cmd(&script()));
    let dir = sandbox.state_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let mut files: Vec<_> = walk(&dir);
    for name in [
        "last-failure",
        "failures.json",
        "prompt",
        "state",
        "lock",
        "\u{1}\u{fffd}",
    ] {
        files.push(dir.join(name));
    }
    std::fs::create_dir_all(dir.join("profiles/default")).unwrap();
    files.push(dir.join("profiles/default/last"));
    for (i, file) in files.iter().enumerate() {
        std::fs::write(file, garbage(i as u64 + 7)).unwrap();
    }
    for _ in 0..2 {
        let out = assert_child_unchanged(&mut sandbox.aws_cmd(&script()));
        assert_line_kept(&out);
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn an_unknown_locale() {
    let sandbox = Sandbox::new();
    let out = assert_child_unchanged(
        sandbox
            .aws_cmd(&script())
            .env_remove("AWS_SHIM_LANG")
            .env("LANG", "xx_YY.UTF-8"),
    );
    assert_line_kept(&out);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let english = support::catalogue_text("en", "label-next");
    assert!(
        stderr.contains(&format!("{english}:")),
        "English when the locale is unknown:\n{stderr}"
    );
}

#[test]
fn stderr_closed() {
    let sandbox = Sandbox::new();
    let out = assert_child_unchanged(
        sandbox
            .command("sh")
            .env("AWS_SHIM_STAND_IN", script().to_string())
            .args(["-c", "exec 2>&-; exec aws sts get-caller-identity", "sh"]),
    );
    assert!(out.stderr.is_empty());
}

/// When the wrapper cannot set itself up (here: no file descriptor left for the stderr pipe),
/// the CLI still runs, in aws-shim's place, with its output and exit code unchanged. The CLI
/// is a plain binary here: a script's interpreter would itself need descriptors.
#[test]
fn the_cli_runs_when_the_wrapper_cannot_spawn_it() {
    let s = Sandbox::new();
    for (cli, code, stdout) in [("/bin/echo", 0, &b"s3 ls\n"[..]), ("/bin/false", 1, b"")] {
        let out = s
            .command("bash")
            .arg("-c")
            .arg("ulimit -Sn 5 && exec \"$0\" s3 ls")
            .arg(s.aws())
            .env("AWS_SHIM_REAL_AWS", cli)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(code),
            "{cli}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.stdout, stdout, "{cli}");
        assert_eq!(out.stderr, b"", "{cli}");
    }
}
