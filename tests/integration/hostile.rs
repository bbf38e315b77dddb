//! Faults and hostile conditions: closed standard descriptors, a helper that keeps writing
//! after the CLI exited, a reader that goes away, an ignored SIGPIPE. The wrapper never
//! hangs, never keeps a writer alive that would have died, and passes on what it was given.

use crate::support::Sandbox;
use serde_json::json;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// A stand-in that writes `bytes` of stderr in one go, then exits 3.
fn loud(s: &Sandbox, bytes: usize) -> serde_json::Value {
    let file = s.write("loud.txt", "e".repeat(bytes));
    json!([{ "err_file": file }, { "exit": 3 }])
}

/// Run `script` with `sh -c`, the sandbox's `aws` first on PATH; give up after 20 s.
fn sh(s: &Sandbox, script: &str, stand_in: &serde_json::Value) -> (Option<i32>, Duration) {
    let start = Instant::now();
    let mut child = s
        .command("sh")
        .args(["-c", script])
        .env("AWS_SHIM_STAND_IN", stand_in.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return (status.code(), start.elapsed());
        }
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            return (None, start.elapsed());
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn closed_standard_descriptors_never_hang_the_wrapper() {
    let s = Sandbox::new();
    let stand_in = loud(&s, 200 * 1024);
    for script in [
        "exec aws s3 ls >&- 2>&-",
        "exec aws s3 ls <&- 2>&-",
        "exec aws s3 ls <&- >&-",
        "exec aws s3 ls <&- >&- 2>/dev/null",
    ] {
        let (code, took) = sh(&s, script, &stand_in);
        assert!(code.is_some(), "{script}: still running after {took:?}");
        // The stand-in exits 3, or 1 when its write to a closed stderr fails.
        assert!(matches!(code, Some(3 | 1)), "{script}: {code:?}");
    }
}

/// With stderr closed there is nothing to filter: the CLI meets the closed descriptor
/// itself, exactly as without aws-shim.
#[test]
fn a_closed_stderr_is_passed_on_as_closed() {
    let s = Sandbox::new();
    let stand_in = json!([{ "err": "x\n" }, { "exit": 0 }]);
    let through = sh(&s, "exec aws s3 ls 2>&-", &stand_in).0;
    let real = s.path().join("real/aws");
    let direct = sh(
        &s,
        &format!("exec '{}' s3 ls 2>&-", real.display()),
        &stand_in,
    )
    .0;
    assert_eq!(through, direct);
}

/// A helper the CLI left behind keeps writing stderr fast: aws-shim still ends with the
/// CLI (the copier takes the rest over).
#[test]
fn a_helper_that_keeps_writing_does_not_keep_the_wrapper_alive() {
    let s = Sandbox::new();
    let pidfile = s.path().join("helper.pid");
    let cli = s.write_exe(
        "noisy/aws",
        &format!(
            "#!/bin/sh\nsh -c 'echo $$ > {}; exec yes spam' >&2 &\nsleep 0.2\nexit 3\n",
            pidfile.display()
        ),
    );
    let start = Instant::now();
    let mut child = s
        .command(s.aws())
        .env("AWS_SHIM_REAL_AWS", &cli)
        .arg("s3")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read our stderr away so that nothing blocks on it.
    let mut err = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = std::io::Read::read(&mut err, &mut buf) {
            if n == 0 {
                break;
            }
        }
    });
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if start.elapsed() > Duration::from_secs(10) {
            break None;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let took = start.elapsed();
    // Stop the helper (and with it the copier's input).
    if let Ok(pid) = std::fs::read_to_string(&pidfile) {
        let _ = std::process::Command::new("kill").arg(pid.trim()).status();
    }
    let _ = child.kill();
    let _ = reader.join();
    let status = status.expect("aws-shim ended");
    assert_eq!(status.code(), Some(3));
    assert!(took < Duration::from_secs(3), "{took:?}");
}

/// `aws ... 2>&1 | head -1`: when the reader goes away, the CLI meets the closed pipe at
/// once, as without aws-shim, instead of being drained forever.
#[test]
fn a_reader_that_goes_away_closes_the_clis_pipe() {
    let s = Sandbox::new();
    let cli = s.write_exe("spam/aws", "#!/bin/sh\nexec yes spam >&2\n");
    let start = Instant::now();
    let out = s
        .command("sh")
        .args(["-c", "aws s3 ls 2>&1 | head -1"])
        .env("AWS_SHIM_REAL_AWS", &cli)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "spam\n");
}

/// A SIGPIPE the caller ignores stays ignored for the CLI, and one it does not is not.
/// (The CLI is a shell script here: the stand-in is aws-shim's own binary, which ignores
/// SIGPIPE for itself.)
#[test]
fn an_ignored_sigpipe_stays_ignored_for_the_cli() {
    let s = Sandbox::new();
    let cli = s.write_exe("sigs/aws", "#!/bin/sh\ngrep SigIgn /proc/$$/status\n");
    let ignored = |script: &str| -> u64 {
        let out = s
            .command("sh")
            .args(["-c", script])
            .env("AWS_SHIM_REAL_AWS", &cli)
            .output()
            .unwrap();
        let line = String::from_utf8_lossy(&out.stdout).into_owned();
        let mask = line
            .trim()
            .strip_prefix("SigIgn:")
            .unwrap()
            .trim()
            .to_owned();
        u64::from_str_radix(&mask, 16).unwrap()
    };
    let sigpipe = 1u64 << (libc::SIGPIPE - 1);
    assert_ne!(ignored("trap '' PIPE; exec aws s3 ls") & sigpipe, 0);
    assert_eq!(ignored("exec aws s3 ls") & sigpipe, 0);
}

const EXPIRED: &str = "\nAn error occurred (ExpiredToken) when calling the ListBuckets operation: The provided token has expired.\n";

fn expired() -> serde_json::Value {
    json!([{ "err": EXPIRED }, { "exit": 254 }])
}

/// A FIFO planted where a state file goes: nothing waits on it (the wrapper, `prompt`,
/// `doctor`).
#[test]
fn a_fifo_planted_as_a_state_file_hangs_nothing() {
    let s = Sandbox::new();
    let dir = s.state_dir();
    std::fs::create_dir_all(&dir).unwrap();
    for name in [
        "dev.failure",
        "dev.prompt",
        "default.failure",
        "default.prompt",
    ] {
        let path = dir.join(name);
        let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
        // SAFETY: mkfifo with a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    }
    for (args, stand_in) in [
        (&["s3", "ls", "--profile", "dev"][..], json!([])),
        (&["s3", "ls", "--profile", "dev"][..], expired()),
        (&["s3", "ls"][..], json!([])),
    ] {
        let start = Instant::now();
        let mut child = s
            .aws_cmd(&stand_in)
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let status = wait_at_most(&mut child, Duration::from_secs(10));
        assert!(status.is_some(), "{args:?} hung ({:?})", start.elapsed());
    }
    for args in [
        &["prompt", "--profile", "dev"][..],
        &["doctor"][..],
        &["prompt"][..],
    ] {
        let mut child = s
            .command(crate::support::shim_bin())
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        assert!(
            wait_at_most(&mut child, Duration::from_secs(10)).is_some(),
            "{args:?} hung"
        );
    }
}

fn wait_at_most(
    child: &mut std::process::Child,
    limit: Duration,
) -> Option<std::process::ExitStatus> {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// `HOME=/nonexistent` (Debian's system users) and no XDG_STATE_HOME: aws-shim creates
/// nothing, HOME included.
#[test]
fn a_missing_home_is_not_created() {
    let s = Sandbox::new();
    let home = s.path().join("nonexistent");
    let out = s
        .aws_cmd(&expired())
        .env("HOME", &home)
        .env_remove("XDG_STATE_HOME")
        .env_remove("XDG_DATA_HOME")
        .env_remove("XDG_CACHE_HOME")
        .args(["s3", "ls"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(254));
    assert!(!home.exists(), "HOME was created");
    let out = s
        .command(crate::support::shim_bin())
        .env("HOME", &home)
        .env_remove("XDG_STATE_HOME")
        .env_remove("XDG_DATA_HOME")
        .args(["prompt"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!home.exists(), "HOME was created by prompt");
}

/// `umask 0277`: the state directory is 0700 and its files 0600 all the same.
#[test]
fn modes_hold_whatever_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let s = Sandbox::new();
    let out = s
        .command("sh")
        .args(["-c", "umask 0277; exec aws s3 ls --profile dev"])
        .env("AWS_SHIM_STAND_IN", expired().to_string())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(254));
    let dir = s.state_dir();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    for name in ["dev.failure", "dev.prompt"] {
        assert_eq!(mode(&dir.join(name)), 0o600, "{name}");
    }
}

/// AWS_SHIM_REAL_AWS naming aws-shim itself (a link to it) is found out by the same identity
/// check as the PATH walk: a clear error, 127, and a problem in doctor.
#[test]
fn aws_shim_real_aws_naming_the_shim_itself() {
    let s = Sandbox::new();
    let out = s
        .command(s.aws())
        .env("AWS_SHIM_REAL_AWS", s.aws())
        .args(["s3", "ls"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(127));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("aws-shim itself"), "{stderr}");
    let out = s
        .command(crate::support::shim_bin())
        .env("AWS_SHIM_REAL_AWS", s.aws())
        .args(["doctor", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids = crate::support::problem_ids(&v);
    assert!(
        ids.iter().any(|i| i == "doctor-real-aws-is-shim"),
        "{ids:?}"
    );
    assert_eq!(out.status.code(), Some(1));
}

/// A profile name that is not UTF-8 is never recorded as another profile.
#[test]
fn a_profile_name_that_is_not_text_records_nothing() {
    use std::os::unix::ffi::OsStrExt;
    let s = Sandbox::new();
    let name = std::ffi::OsStr::from_bytes(b"dev\xff");
    for how in ["env", "arg"] {
        let mut cmd = s.aws_cmd(&expired());
        cmd.args(["s3", "ls"]);
        if how == "env" {
            cmd.env("AWS_PROFILE", name);
        } else {
            cmd.arg("--profile").arg(name);
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(254));
        let recorded: Vec<_> = std::fs::read_dir(s.state_dir())
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .map(|e| e.file_name())
                    .filter(|n| n != ".lock")
                    .collect()
            })
            .unwrap_or_default();
        assert!(recorded.is_empty(), "{how}: {recorded:?}");
    }
}

/// A Japanese locale whose character set is not UTF-8 gets English, never UTF-8 bytes it
/// would show as garbage.
#[test]
fn a_japanese_locale_that_is_not_utf8_gets_english() {
    let s = Sandbox::new();
    for lang in ["ja_JP.eucJP", "ja_JP.SJIS"] {
        let out = s
            .aws_cmd(&expired())
            .env_remove("AWS_SHIM_LANG")
            .env("LANG", lang)
            .args(["s3", "ls"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.is_ascii(), "{lang}: {stderr}");
        assert!(stderr.contains("aws-shim:"), "{lang}: {stderr}");
    }
    let out = s
        .aws_cmd(&expired())
        .env_remove("AWS_SHIM_LANG")
        .env("LANG", "ja_JP.UTF-8")
        .args(["s3", "ls"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).is_ascii());
}

/// Concurrent calls on one profile, failing and succeeding at once: after every round the
/// failure file and the prompt cache agree.
#[test]
fn the_failure_and_the_prompt_cache_change_together() {
    let s = Sandbox::new();
    for round in 0..40 {
        let children: Vec<_> = (0..50)
            .map(|i| {
                let script = if i % 2 == 0 { expired() } else { json!([]) };
                s.aws_cmd(&script)
                    .args(["s3", "ls", "--profile", "dev"])
                    .env("AWS_SHIM_PROMPT_ASCII", "1")
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for mut child in children {
            child.wait().unwrap();
        }
        let failed = s.state_dir().join("dev.failure").exists();
        let cache = std::fs::read_to_string(s.state_dir().join("dev.prompt")).unwrap_or_default();
        let shows_dead = cache.lines().nth(1).is_some_and(|l| l.starts_with("aws:x"));
        assert_eq!(
            failed, shows_dead,
            "round {round}: failure {failed}, cache {cache:?}"
        );
    }
}

/// Whoever holds the state directory's lock (a hung aws-shim, a stray `flock`), the wrapper
/// waits for it only briefly and still exits with the CLI, its failure recorded.
#[test]
fn a_held_lock_never_keeps_the_wrapper_waiting() {
    let s = Sandbox::new();
    std::fs::create_dir_all(s.state_dir()).unwrap();
    let lock = std::fs::File::create(s.state_dir().join(".lock")).unwrap();
    lock.lock().unwrap();
    let start = Instant::now();
    let out = s
        .aws_cmd(&expired())
        .args(["s3", "ls", "--profile", "dev"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(254));
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
    assert!(s.state_dir().join("dev.failure").exists());
    drop(lock);
}

/// What the state directory holds, but its lock.
fn state_names(s: &Sandbox) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(s.state_dir())
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n != ".lock")
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// A call that succeeds is a success, whatever its stderr held on the way (a log tail it
/// printed, an SDK that refreshed its credentials and retried): nothing is recorded, and a
/// failure recorded before is cleared. Through the `aws` link and for another tool alike.
#[test]
fn a_credential_line_in_a_successful_call_records_no_failure() {
    let s = Sandbox::new();
    let retried = json!([{ "err": EXPIRED }, { "out": "2026-01-01 bucket\n" }, { "exit": 0 }]);
    let out = s
        .aws_cmd(&retried)
        .args(["s3", "ls", "--profile", "dev"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout, b"2026-01-01 bucket\n");
    assert!(state_names(&s).is_empty(), "{:?}", state_names(&s));

    // A failure recorded by a failing call, then cleared by a succeeding one that showed
    // the same line.
    let out = s
        .aws_cmd(&expired())
        .args(["s3", "ls", "--profile", "dev"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(254));
    assert!(state_names(&s).contains(&"dev.failure".to_owned()));
    let out = s
        .aws_cmd(&retried)
        .args(["s3", "ls", "--profile", "dev"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        !state_names(&s).contains(&"dev.failure".to_owned()),
        "{:?}",
        state_names(&s)
    );

    // Another tool: the same line, exit 0 records nothing; a failing exit records it.
    let tool = |code: i32| {
        s.command(crate::support::shim_bin())
            .env("AWS_PROFILE", "dev")
            .args(["run", "--", "sh", "-c"])
            .arg(format!("printf '%s' \"$0\" >&2; exit {code}"))
            .arg(EXPIRED)
            .output()
            .unwrap()
    };
    let out = tool(0);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("ExpiredToken"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !state_names(&s).contains(&"dev.failure".to_owned()),
        "{:?}",
        state_names(&s)
    );
    let out = tool(1);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        state_names(&s).contains(&"dev.failure".to_owned()),
        "a failing tool records: {:?}",
        state_names(&s)
    );
}

/// `run -- PATH` ends as a shell would: 126 for what is there but cannot be run (a file
/// without permission to execute, a directory), 127 for what is not there.
#[test]
fn a_path_that_cannot_run_is_126_and_a_missing_one_127() {
    let s = Sandbox::new();
    s.write("plain", "echo hi\n");
    std::fs::create_dir(s.path().join("dir")).unwrap();
    for (name, code) in [("./plain", 126), ("./dir", 126), ("./missing", 127)] {
        let shell = s
            .command("sh")
            .current_dir(s.path())
            .args(["-c", name])
            .output()
            .unwrap();
        assert_eq!(shell.status.code(), Some(code), "sh -c {name}");
        let out = s
            .command(crate::support::shim_bin())
            .current_dir(s.path())
            .args(["run", "--", name])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "run -- {name}: {stderr}");
        assert!(stderr.contains(name), "{stderr}");
    }
}

/// `wait --timeout`: a value that is negative, too long or not a duration is a usage error
/// (exit 2, as for any bad option value), never a panic nor a wait of another length.
#[test]
fn bad_wait_timeouts_are_usage_errors() {
    let s = Sandbox::new();
    for value in [
        "--timeout=-5s",
        "--timeout=5s ago",
        "--timeout=18446744073709551615",
        "--timeout=99999999999999999999",
        "--timeout=soon",
    ] {
        let mut child = s
            .command(crate::support::shim_bin())
            .args(["wait", "--online", value])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let status = wait_at_most(&mut child, Duration::from_secs(10));
        let mut stderr = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
        assert_eq!(status.and_then(|s| s.code()), Some(2), "{value}: {stderr}");
        assert!(stderr.contains("--timeout"), "{value}: {stderr}");
        assert!(!stderr.contains("panicked"), "{value}: {stderr}");
    }
}

/// The peak memory of a running process, in KiB (`VmHWM` in /proc).
fn peak_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

/// `explain -` streams its input: 128 MiB of log before the error line cost no more memory
/// than a small input does, and the line is still found.
#[test]
fn explain_streams_its_standard_input() {
    if !std::path::Path::new("/proc/self/status").exists() {
        crate::support::skip_line("no /proc to read the peak memory from");
        return;
    }
    let s = Sandbox::new();
    let mut child = s
        .command(crate::support::shim_bin())
        .args(["explain", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let noise = "2026-11-27 08:09:10,130 - MainThread - botocore.endpoint - DEBUG - noise\n"
        .repeat(16 * 1024);
    let mut written = 0;
    while written < 128 << 20 {
        std::io::Write::write_all(&mut stdin, noise.as_bytes()).unwrap();
        written += noise.len();
    }
    let peak = peak_kib(child.id()).expect("the peak memory of explain");
    std::io::Write::write_all(&mut stdin, EXPIRED.as_bytes()).unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("expired"), "{stdout}");
    assert!(
        peak < 48 * 1024,
        "explain held {peak} KiB for 128 MiB of input"
    );
}
