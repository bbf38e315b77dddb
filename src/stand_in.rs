//! A stand-in for the AWS CLI, run as `aws-shim __stand-in`: `demo` uses it to show a real
//! error through the real wrapper path, and the tests use it as a scriptable `aws`.
//!
//! `AWS_SHIM_STAND_IN` holds a JSON array of steps, run in order:
//! `{"err": "text"}` / `{"out": "text"}` write text to stderr / stdout (one write each);
//! `{"err_bytes": [0, 255]}` / `{"out_bytes": [..]}` write raw bytes;
//! `{"err_file": "path"}` / `{"out_file": "path"}` copy a file;
//! `{"sleep_ms": 50}`; `{"stdin_to_stdout": true}` copies stdin to stdout;
//! `{"read_line": true}` reads one line of stdin;
//! `{"tty": true}` writes `stdin=tty|notty stdout=tty|notty stderr=tty|notty\n` to stdout;
//! `{"env": "NAME"}` writes `NAME=value\n` (or `NAME unset\n`) to stdout;
//! `{"env_all": true}` writes every variable as raw `NAME=value\0`, in the order received;
//! `{"pid": true}` writes `pid=N\n` (its own process id) to stdout;
//! `{"fd_path": 1}` writes `fd1=TARGET\n` (what `/proc/self/fd/1` points to) to stdout;
//! `{"args": true}` writes its arguments, one per line, to stdout;
//! `{"sig_ignored": true}` writes the `SigIgn:` line of /proc/self/status to stdout;
//! `{"late_err": {"ms": 300, "text": "..", "mark": "path"}}` leaves a process behind that
//! writes the text to stderr after that pause and then writes how it went to `mark`;
//! `{"exit": 3}` exits; `{"signal": 15}` dies of a signal. Without an exit step it exits 0.

use serde_json::Value;
use std::io::{IsTerminal, Read, Write};

pub const SCRIPT_VAR: &str = "AWS_SHIM_STAND_IN";

pub fn run() -> anyhow::Result<i32> {
    let script = std::env::var(SCRIPT_VAR).unwrap_or_else(|_| "[]".to_owned());
    let steps: Vec<Value> = serde_json::from_str(&script)?;
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    for step in &steps {
        let Some((key, value)) = step.as_object().and_then(|o| o.iter().next()) else {
            continue;
        };
        match key.as_str() {
            "err" => write_now(&mut err, value.as_str().unwrap_or("").as_bytes()),
            "out" => write_now(&mut out, value.as_str().unwrap_or("").as_bytes()),
            "err_bytes" => write_now(&mut err, &bytes(value)),
            "out_bytes" => write_now(&mut out, &bytes(value)),
            "err_file" => copy_file(value, &mut err)?,
            "out_file" => copy_file(value, &mut out)?,
            "sleep_ms" => std::thread::sleep(std::time::Duration::from_millis(
                value.as_u64().unwrap_or(0),
            )),
            "stdin_to_stdout" => {
                std::io::copy(&mut std::io::stdin().lock(), &mut out)?;
                out.flush()?;
            }
            "read_line" => {
                let mut line = String::new();
                std::io::stdin().read_line(&mut line)?;
            }
            "tty" => {
                let t = |tty: bool| if tty { "tty" } else { "notty" };
                let line = format!(
                    "stdin={} stdout={} stderr={}\n",
                    t(std::io::stdin().is_terminal()),
                    t(std::io::stdout().is_terminal()),
                    t(std::io::stderr().is_terminal()),
                );
                write_now(&mut out, line.as_bytes());
            }
            "env" => {
                let name = value.as_str().unwrap_or("");
                let line = match std::env::var(name) {
                    Ok(v) => format!("{name}={v}\n"),
                    Err(_) => format!("{name} unset\n"),
                };
                write_now(&mut out, line.as_bytes());
            }
            "env_all" => {
                use std::os::unix::ffi::OsStrExt;
                let mut all = Vec::new();
                for (name, value) in std::env::vars_os() {
                    all.extend_from_slice(name.as_bytes());
                    all.push(b'=');
                    all.extend_from_slice(value.as_bytes());
                    all.push(0);
                }
                write_now(&mut out, &all);
            }
            "pid" => write_now(&mut out, format!("pid={}\n", std::process::id()).as_bytes()),
            "fd_path" => {
                let fd = value.as_u64().unwrap_or(1);
                let target = std::fs::read_link(format!("/proc/self/fd/{fd}"))?;
                write_now(
                    &mut out,
                    format!("fd{fd}={}\n", target.display()).as_bytes(),
                );
            }
            "args" => {
                for arg in std::env::args().skip(2) {
                    write_now(&mut out, format!("{arg}\n").as_bytes());
                }
            }
            "sig_ignored" => {
                let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
                let line = status
                    .lines()
                    .find(|l| l.starts_with("SigIgn:"))
                    .unwrap_or("SigIgn: ?");
                write_now(&mut out, format!("{line}\n").as_bytes());
            }
            "late_err" => {
                // A helper left running: it writes to the inherited stderr after the CLI has
                // exited, then leaves a mark.
                let ms = value["ms"].as_u64().unwrap_or(300);
                let text = value["text"].as_str().unwrap_or("").to_owned();
                let mark = value["mark"].as_str().unwrap_or("").to_owned();
                let _ = out.flush();
                let _ = err.flush();
                // SAFETY: the stand-in has a single thread, so the child is a whole copy of it
                // (no lock held by a thread that is gone) and may allocate and use std; it ends
                // with `_exit` and never returns into the step loop.
                if unsafe { libc::fork() } == 0 {
                    // SAFETY: nothing in the child uses stdout again (`out` is not written to
                    // after the fork), so no handle still in use loses its descriptor.
                    unsafe { libc::close(1) };
                    std::thread::sleep(std::time::Duration::from_millis(ms));
                    let ok = std::io::stderr().write_all(text.as_bytes()).is_ok();
                    let _ = std::fs::write(&mark, if ok { "written" } else { "write failed" });
                    // SAFETY: ends the child at once, without flushing or running destructors
                    // of state it shares with the stand-in.
                    unsafe { libc::_exit(0) };
                }
            }
            "exit" => return Ok(value.as_i64().unwrap_or(0) as i32),
            "signal" => {
                let _ = out.flush();
                let _ = err.flush();
                crate::run::die_of(value.as_i64().unwrap_or(9) as i32);
            }
            _ => {}
        }
    }
    Ok(0)
}

fn write_now(w: &mut impl Write, data: &[u8]) {
    let _ = w.write_all(data);
    let _ = w.flush();
}

fn bytes(value: &Value) -> Vec<u8> {
    value
        .as_array()
        .map(|a| a.iter().map(|b| b.as_u64().unwrap_or(0) as u8).collect())
        .unwrap_or_default()
}

fn copy_file(value: &Value, w: &mut impl Write) -> anyhow::Result<()> {
    let mut file = std::fs::File::open(value.as_str().unwrap_or(""))?;
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        w.write_all(&buf[..n])?;
    }
    w.flush()?;
    Ok(())
}
