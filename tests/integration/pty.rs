//! The wrapper on a real pseudo-terminal: the child sees the terminal, and the defaults on a
//! terminal are replace mode with colour (none with `NO_COLOR`).

use crate::support::{self, Sandbox};
use serde_json::json;
use std::fs::File;
use std::io::Read;
use std::os::fd::{FromRawFd, OwnedFd};
use std::process::{Command, ExitStatus, Stdio};

/// A pseudo-terminal: the master end for the test, the slave end for the command. Output
/// processing is off, so that bytes arrive as written (no `\n` to `\r\n`).
fn open_pty() -> (File, File) {
    // SAFETY: plain libc calls on descriptors this function opens and owns; each return
    // value is checked before its descriptor is used, and each descriptor is handed to one
    // File only.
    unsafe {
        let master = libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC);
        assert!(
            master >= 0,
            "posix_openpt: {}",
            std::io::Error::last_os_error()
        );
        let master = File::from(OwnedFd::from_raw_fd(master));
        use std::os::fd::AsRawFd;
        assert_eq!(libc::grantpt(master.as_raw_fd()), 0);
        assert_eq!(libc::unlockpt(master.as_raw_fd()), 0);
        let mut name = [0 as libc::c_char; 128];
        assert_eq!(
            libc::ptsname_r(master.as_raw_fd(), name.as_mut_ptr(), name.len()),
            0
        );
        let slave = libc::open(
            name.as_ptr(),
            libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC,
        );
        assert!(
            slave >= 0,
            "open slave: {}",
            std::io::Error::last_os_error()
        );
        let mut termios: libc::termios = std::mem::zeroed();
        assert_eq!(libc::tcgetattr(slave, &mut termios), 0);
        termios.c_oflag &= !libc::OPOST;
        termios.c_lflag &= !libc::ECHO;
        assert_eq!(libc::tcsetattr(slave, libc::TCSANOW, &termios), 0);
        (master, File::from(OwnedFd::from_raw_fd(slave)))
    }
}

/// Run `cmd` with stdin, stdout and stderr on one terminal; everything it wrote there, and
/// how it ended.
pub(crate) fn on_terminal(mut cmd: Command) -> (Vec<u8>, ExitStatus) {
    let (mut master, slave) = open_pty();
    cmd.stdin(Stdio::from(slave.try_clone().unwrap()))
        .stdout(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(slave));
    let mut child = cmd.spawn().unwrap();
    drop(cmd); // the last copies of the slave end outside the child
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match master.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => seen.extend_from_slice(&buf[..n]),
            // EIO: every slave descriptor is closed, the command and its child are done.
            Err(e) if e.raw_os_error() == Some(libc::EIO) => break,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => panic!("reading the terminal: {e}"),
        }
    }
    (seen, child.wait().unwrap())
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Remove SGR sequences (`ESC [ ... m`).
fn strip_colour(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("\x1b[") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        rest = after.find('m').map_or("", |m| &after[m + 1..]);
    }
    out.push_str(rest);
    out
}

fn expired_on_terminal(sandbox: &Sandbox, no_color: bool) -> (String, ExitStatus, String) {
    let (_, original) = support::fixtures()
        .into_iter()
        .find(|(n, _)| n == "v2-sts-expiredtoken.stderr")
        .unwrap();
    let line = text(&original).trim().to_owned();
    let script = json!([{ "err": "\n" }, { "err": format!("{line}\n") }, { "exit": 254 }]);
    let mut cmd = sandbox.aws_cmd(&script);
    if no_color {
        cmd.env("NO_COLOR", "1");
    }
    let (seen, status) = on_terminal(cmd);
    (text(&seen), status, line)
}

#[test]
fn the_child_sees_the_terminal_on_stdin_and_stdout() {
    let sandbox = Sandbox::new();
    let (seen, status) = on_terminal(sandbox.aws_cmd(&json!([{ "tty": true }])));
    assert!(status.success(), "{status:?}");
    let seen = text(&seen);
    assert!(seen.starts_with("stdin=tty stdout=tty "), "{seen}");
}

#[test]
fn on_a_terminal_the_line_is_replaced_in_colour() {
    let sandbox = Sandbox::new();
    let (seen, status, line) = expired_on_terminal(&sandbox, false);
    assert_eq!(status.code(), Some(254));
    assert!(seen.contains("\x1b["), "colour on a terminal:\n{seen:?}");
    let plain = strip_colour(&seen);
    let headline = line.strip_prefix("aws: [ERROR]: ").expect("a v2 line");
    let mut lines = plain.lines();
    assert_eq!(
        lines.next(),
        Some(""),
        "the CLI's empty line first:\n{plain}"
    );
    assert_eq!(lines.next(), Some(headline), "{plain}");
    assert!(
        lines.next().is_some_and(|l| l.starts_with("aws-shim: ")),
        "{plain}"
    );
    assert!(!plain.contains("aws: [ERROR]:"), "{plain}");
}

#[test]
fn on_a_terminal_no_color_removes_every_escape() {
    let sandbox = Sandbox::new();
    let (seen, status, line) = expired_on_terminal(&sandbox, true);
    assert_eq!(status.code(), Some(254));
    assert!(
        !seen.contains('\x1b'),
        "an escape byte with NO_COLOR:\n{seen:?}"
    );
    let headline = line.strip_prefix("aws: [ERROR]: ").unwrap();
    assert!(
        seen.starts_with(&format!("\n{headline}\naws-shim: ")),
        "{seen}"
    );
}
