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
