//! The wrapper through the built binary: exit codes and signal deaths, signals sent to
//! aws-shim, stdin and stdout untouched, prompts and partial lines, the environment, finding
//! the real CLI, `exec`, modes, machine formats, language, and the real CLI captures.

use crate::support::{self, Sandbox};
use serde_json::json;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::os::fd::AsFd;
use std::os::unix::fs::MetadataExt;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// The v2 capture of an expired session token (exit code 254 in the README).
const V2_EXPIRED: &str = "v2-sts-expiredtoken.stderr";
const V2_PREFIX: &str = "aws: [ERROR]: ";

/// A guard against a broken wrapper hanging the suite: how long a test waits for output that
/// must come.
const PATIENCE: Duration = Duration::from_secs(10);

fn fixture(name: &str) -> Vec<u8> {
    support::fixtures()
        .into_iter()
        .find_map(|(n, bytes)| (n == name).then_some(bytes))
        .unwrap_or_else(|| panic!("fixture {name} missing"))
}

/// Stand-in steps that write `stderr` the way the CLI does: one write per line.
fn err_steps(stderr: &[u8]) -> Vec<serde_json::Value> {
    stderr
        .split_inclusive(|&b| b == b'\n')
        .map(|line| json!({ "err_bytes": line }))
        .collect()
}

/// The v2 expired-token capture, with `exit` as the last step.
fn expired_script(stdout: &str) -> serde_json::Value {
    let mut steps = vec![json!({ "out": stdout })];
    steps.extend(err_steps(&fixture(V2_EXPIRED)));
    steps.push(json!({ "exit": 254 }));
    serde_json::Value::Array(steps)
}

fn run(cmd: &mut std::process::Command) -> Output {
    cmd.stdin(Stdio::null()).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// What aws-shim added after the original stderr in append mode.
fn appended<'a>(stderr: &'a [u8], original: &[u8]) -> &'a [u8] {
    assert!(
        stderr.starts_with(original),
        "the original stderr is not kept as it was:\n{}",
        text(stderr)
    );
    &stderr[original.len()..]
}

fn assert_explanation(added: &[u8]) {
    assert!(
        added.starts_with(b"aws-shim: "),
        "no explanation after the original line:\n{}",
        text(added)
    );
    assert!(
        added.ends_with(b"\n"),
        "the explanation does not end its line"
    );
}

/// Chunks read from a pipe by a thread, so that a test can wait for some output with a
/// bound instead of hanging.
struct Collector {
    chunks: mpsc::Receiver<Vec<u8>>,
    seen: Vec<u8>,
}

impl Collector {
    fn new(mut pipe: impl Read + Send + 'static) -> Collector {
        let (tx, chunks) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 64 * 1024];
            while let Ok(n @ 1..) = pipe.read(&mut buf) {
                if tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Collector {
            chunks,
            seen: Vec::new(),
        }
    }

    /// Wait until everything read so far ends with `wanted`; kill `child` and fail if it
    /// does not come.
    fn wait_for(&mut self, wanted: &[u8], child: &mut Child) {
        while !self.seen.ends_with(wanted) {
            match self.chunks.recv_timeout(PATIENCE) {
                Ok(chunk) => self.seen.extend_from_slice(&chunk),
                Err(_) => {
                    let _ = child.kill();
                    panic!(
                        "{:?} never arrived; got {:?}",
                        text(wanted),
                        text(&self.seen)
                    );
                }
            }
        }
    }

    /// Everything until the pipe closes.
    fn rest(mut self) -> Vec<u8> {
        while let Ok(chunk) = self.chunks.recv_timeout(PATIENCE) {
            self.seen.extend_from_slice(&chunk);
        }
        self.seen
    }
}

/// Bytes that contain every byte value, in an order without short cycles (xorshift).
fn binary_data(len: usize) -> Vec<u8> {
    let mut data: Vec<u8> = (0..=255).collect();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    while data.len() < len {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        data.extend_from_slice(&x.to_le_bytes());
    }
    data.truncate(len);
    data
}

#[test]
fn every_exit_code_passes_through() {
    let sandbox = Sandbox::new();
    const THREADS: usize = 8;
    std::thread::scope(|s| {
        for first in 0..THREADS {
            let sandbox = &sandbox;
            s.spawn(move || {
                for code in (first..256).step_by(THREADS) {
                    let out = run(&mut sandbox.aws_cmd(&json!([{ "exit": code }])));
                    assert_eq!(
                        out.status.code(),
                        Some(code as i32),
                        "exit code {code}: {}",
                        text(&out.stderr)
                    );
                }
            });
        }
    });
}

#[test]
fn a_signal_death_of_the_child_is_the_callers_signal_death() {
    let sandbox = Sandbox::new();
    for sig in [libc::SIGTERM, libc::SIGKILL, libc::SIGABRT] {
        let out = run(&mut sandbox.aws_cmd(&json!([{ "out": "before\n" }, { "signal": sig }])));
        assert_eq!(
            out.status.signal(),
            Some(sig),
            "signal {sig}: {:?}",
            out.status
        );
        assert_eq!(out.status.code(), None);
        assert_eq!(out.stdout, b"before\n");
    }
}

/// Start a child that reports its pid and then goes on with `then`; return the shim, the
/// child's pid and the shim's stderr.
fn start_waiting_child(sandbox: &Sandbox, then: serde_json::Value) -> (Child, i32, Collector) {
    let mut steps = vec![json!({ "pid": true })];
    steps.extend(then.as_array().unwrap().iter().cloned());
    let mut shim = sandbox
        .aws_cmd(&serde_json::Value::Array(steps))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(shim.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    let pid = line
        .trim()
        .strip_prefix("pid=")
        .unwrap_or_else(|| panic!("no pid line: {line:?}"))
        .parse()
        .unwrap();
    assert_ne!(pid, shim.id() as i32, "the child is a process of its own");
    let stderr = Collector::new(shim.stderr.take().unwrap());
    (shim, pid, stderr)
}

fn is_gone(pid: i32) -> bool {
    // SAFETY: kill with signal 0 sends nothing; it only asks whether the pid exists.
    let alive = unsafe { libc::kill(pid, 0) } == 0;
    !alive && std::io::Error::last_os_error().raw_os_error() == Some(libc::ESRCH)
}

#[test]
fn sigterm_and_sighup_sent_to_the_shim_reach_the_child() {
    let sandbox = Sandbox::new();
    for sig in [libc::SIGTERM, libc::SIGHUP] {
        let (mut shim, child, _stderr) =
            start_waiting_child(&sandbox, json!([{ "sleep_ms": 20_000 }]));
        // SAFETY: a signal to a child this test started and has not reaped yet.
        unsafe { libc::kill(shim.id() as i32, sig) };
        let status = shim.wait().unwrap();
        // aws-shim survives the signal itself; it dies of it only because the child did.
        assert_eq!(status.signal(), Some(sig), "signal {sig}: {status:?}");
        assert!(
            is_gone(child),
            "signal {sig}: the child {child} still runs after the shim ended"
        );
    }
}

/// Sent to aws-shim's pid alone (`kill`, not the terminal's Ctrl-C to the whole group),
/// SIGINT, SIGQUIT, SIGUSR1 and SIGUSR2 reach the CLI, which ends as it would have without
/// aws-shim; aws-shim then ends the same way.
#[test]
fn signals_sent_to_the_shim_alone_reach_the_child() {
    let sandbox = Sandbox::new();
    for sig in [libc::SIGINT, libc::SIGQUIT, libc::SIGUSR1, libc::SIGUSR2] {
        let (mut shim, child, _stderr) =
            start_waiting_child(&sandbox, json!([{ "sleep_ms": 20_000 }]));
        // SAFETY: a signal to a child this test started and has not reaped yet.
        unsafe { libc::kill(shim.id() as i32, sig) };
        let status = shim.wait().unwrap();
        assert_eq!(status.signal(), Some(sig), "signal {sig}: {status:?}");
        assert!(is_gone(child), "signal {sig}: the child {child} still runs");
    }
}

/// A child that stops itself (`kill -TSTP $$`, a program's own suspend) stops aws-shim with
/// the same signal, which is what the shell waits for (WUNTRACED) to say "Stopped" and take
/// the terminal back; a SIGCONT sent to aws-shim alone then continues the child too, and the
/// call ends as it would have.
#[test]
fn a_child_that_stops_itself_stops_the_shim_alike() {
    use std::os::unix::process::CommandExt;
    let sandbox = Sandbox::new();
    for (sig, name) in [(libc::SIGTSTP, "TSTP"), (libc::SIGSTOP, "STOP")] {
        // A process group of its own, as a shell gives a job: not orphaned (the test is its
        // parent, in another group), so that SIGTSTP stops it.
        let shim = sandbox
            .command(support::shim_bin())
            .args(["run", "--", "sh", "-c"])
            .arg(format!("kill -{name} $$; echo resumed >&2; echo done"))
            .process_group(0)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let pid = shim.id() as i32;
        // Whatever happens, nothing of the job is left behind.
        let (tx, rx) = mpsc::channel::<()>();
        let guard = std::thread::spawn(move || {
            if rx.recv_timeout(PATIENCE * 2).is_err() {
                // SAFETY: SIGKILL to the process group this test created.
                unsafe { libc::killpg(pid, libc::SIGKILL) };
            }
        });
        let deadline = std::time::Instant::now() + PATIENCE;
        let mut stopped = None;
        while stopped.is_none() && std::time::Instant::now() < deadline {
            let mut status = 0;
            // SAFETY: waitpid on our own child with a live status word; WNOHANG never blocks,
            // and WUNTRACED reports a stop without reaping anything.
            let got = unsafe { libc::waitpid(pid, &mut status, libc::WUNTRACED | libc::WNOHANG) };
            if got == pid && libc::WIFSTOPPED(status) {
                stopped = Some(libc::WSTOPSIG(status));
            } else {
                std::thread::sleep(Duration::from_millis(10));
            }
        }
        let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        if stopped.is_none() {
            // SAFETY: SIGKILL to the process group this test created.
            unsafe { libc::killpg(pid, libc::SIGKILL) };
        }
        assert_eq!(
            stopped,
            Some(sig),
            "SIG{name}: the shim did not stop alike: {state}"
        );
        if !state.is_empty() {
            let after_name = state.rsplit_once(") ").map(|(_, rest)| rest).unwrap_or("");
            assert!(after_name.starts_with('T'), "SIG{name}: {state}");
        }
        // SAFETY: SIGCONT to our own child (stopped, not reaped), to it alone.
        unsafe { libc::kill(pid, libc::SIGCONT) };
        let out = shim.wait_with_output().unwrap();
        let _ = tx.send(());
        guard.join().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "SIG{name}: {}",
            text(&out.stderr)
        );
        assert_eq!(text(&out.stdout), "done\n");
        assert_eq!(text(&out.stderr), "resumed\n");
    }
}

/// The signal tests give the same verdict when the whole test run ignores SIGHUP, SIGINT and
/// SIGQUIT (`nohup cargo test`, or a background job of a script): the children they start
/// get the default dispositions back (`support::default_signals`). They run again here, in
/// this test binary, under a shell that ignores those signals.
#[test]
fn the_signal_tests_do_not_depend_on_inherited_dispositions() {
    let exe = std::env::current_exe().unwrap();
    let tests = [
        "wrapper::sigterm_and_sighup_sent_to_the_shim_reach_the_child",
        "wrapper::signals_sent_to_the_shim_alone_reach_the_child",
        "wrapper::signals_the_caller_ignores_stay_ignored_in_the_child",
    ];
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("trap '' HUP INT QUIT; exec \"$0\" --exact \"$@\"")
        .arg(&exe)
        .args(tests)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && report.contains(&format!("{} passed", tests.len())),
        "this test depends on inherited signal dispositions (e.g. run under nohup): \
         with SIGHUP, SIGINT and SIGQUIT ignored by the caller:\n{report}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// SIGKILL cannot be forwarded: the CLI gets it as its parent-death signal, and is not left
/// running (Python's subprocess timeouts and CI runners kill this way).
#[test]
fn sigkill_to_the_shim_does_not_orphan_the_child() {
    let sandbox = Sandbox::new();
    let (mut shim, child, _stderr) = start_waiting_child(&sandbox, json!([{ "sleep_ms": 20_000 }]));
    shim.kill().unwrap();
    let _ = shim.wait();
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while !is_gone(child) && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        is_gone(child),
        "the child {child} outlived a killed aws-shim"
    );
}

#[test]
fn fifty_mib_of_binary_stdout_pass_byte_identical() {
    let sandbox = Sandbox::new();
    let data = binary_data(50 << 20);
    let file = sandbox.write("big.bin", &data);
    let out = run(&mut sandbox.aws_cmd(&json!([{ "out_file": file }])));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(out.stdout.len(), data.len());
    assert!(out.stdout == data, "stdout differs from the child's");
}

#[test]
fn twenty_mib_of_stdin_are_echoed_byte_identical() {
    let sandbox = Sandbox::new();
    let data = binary_data(20 << 20);
    let mut shim = sandbox
        .aws_cmd(&json!([{ "stdin_to_stdout": true }]))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = shim.stdin.take().unwrap();
    let writer = {
        let data = data.clone();
        std::thread::spawn(move || stdin.write_all(&data))
    };
    let out = shim.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(out.stdout.len(), data.len());
    assert!(out.stdout == data, "stdout differs from stdin");
}

#[test]
fn the_child_writes_to_the_callers_own_stdout() {
    let sandbox = Sandbox::new();
    let script = json!([{ "fd_path": 1 }]);

    // A pipe of the caller's: the child's fd 1 is that very pipe, not one of aws-shim's.
    let (reader, writer) = std::io::pipe().unwrap();
    let status = sandbox
        .aws_cmd(&script)
        .stdin(Stdio::null())
        .stdout(writer)
        .status()
        .unwrap();
    assert!(status.success());
    let inode = std::fs::File::from(reader.as_fd().try_clone_to_owned().unwrap())
        .metadata()
        .unwrap()
        .ino();
    let mut got = String::new();
    BufReader::new(reader).read_line(&mut got).unwrap();
    assert_eq!(got, format!("fd1=pipe:[{inode}]\n"));

    // A file of the caller's.
    let path = sandbox.path().join("stdout.txt");
    let file = std::fs::File::create(&path).unwrap();
    let status = sandbox
        .aws_cmd(&script)
        .stdin(Stdio::null())
        .stdout(file)
        .status()
        .unwrap();
    assert!(status.success());
    let real = path.canonicalize().unwrap();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        format!("fd1={}\n", real.display())
    );
}

#[test]
fn a_prompt_without_newline_arrives_before_the_child_reads_stdin() {
    let sandbox = Sandbox::new();
    let prompt = "Enter MFA code for arn:aws:iam::123456789012:mfa/user: ";
    let answer = "{\"Account\": \"123456789012\"}\n";
    let mut shim = sandbox
        .aws_cmd(&json!([{ "err": prompt }, { "read_line": true }, { "out": answer }]))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = Collector::new(shim.stderr.take().unwrap());
    // The child waits for this line, so the prompt must come first.
    stderr.wait_for(prompt.as_bytes(), &mut shim);
    shim.stdin.take().unwrap().write_all(b"123456\n").unwrap();
    let mut stdout = String::new();
    shim.stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    let status = shim.wait().unwrap();
    assert!(status.success());
    assert_eq!(stdout, answer);
    assert_eq!(stderr.rest(), prompt.as_bytes());
}

#[test]
fn a_held_partial_line_is_written_unchanged_after_the_quiet_time() {
    let sandbox = Sandbox::new();
    let start = "An error occ";
    let end = "urred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired\n";
    let mut shim = sandbox
        .aws_cmd(&json!([{ "err": start }, { "read_line": true }, { "err": end }, { "exit": 254 }]))
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = Collector::new(shim.stderr.take().unwrap());
    // The child pauses until it reads a line: the partial line must come out on its own.
    stderr.wait_for(start.as_bytes(), &mut shim);
    shim.stdin.take().unwrap().write_all(b"\n").unwrap();
    let status = shim.wait().unwrap();
    assert_eq!(status.code(), Some(254));
    // Once released, the rest of that line passes as it is: no explanation is spliced in.
    assert_eq!(text(&stderr.rest()), format!("{start}{end}"));
}

/// The child's whole environment, as reported by the stand-in's `env_all` step.
fn child_env(out: &Output) -> BTreeMap<Vec<u8>, Vec<u8>> {
    assert!(out.status.success(), "{}", text(&out.stderr));
    out.stdout
        .split(|&b| b == 0)
        .filter(|entry| !entry.is_empty())
        .map(|entry| {
            let eq = entry.iter().position(|&b| b == b'=').expect("NAME=value");
            (entry[..eq].to_vec(), entry[eq + 1..].to_vec())
        })
        .collect()
}

/// `AWS_SHIM_HAND_OFF`: `PID DEV:INO COUNT`.
#[derive(Debug, PartialEq)]
struct HandOff {
    pid: u32,
    program: (u64, u64),
    count: u32,
}

impl HandOff {
    fn parse(value: &str) -> Option<HandOff> {
        let words: Vec<&str> = value.split(' ').collect();
        let [pid, program, count] = words[..] else {
            return None;
        };
        let (dev, ino) = program.split_once(':')?;
        Some(HandOff {
            pid: pid.parse().ok()?,
            program: (dev.parse().ok()?, ino.parse().ok()?),
            count: count.parse().ok()?,
        })
    }

    fn value(&self) -> String {
        let (dev, ino) = self.program;
        format!("{} {dev}:{ino} {}", self.pid, self.count)
    }
}

#[test]
fn the_environment_reaches_the_child_unchanged_but_for_the_hand_off() {
    use std::os::unix::ffi::OsStrExt;
    const VAR: &[u8] = b"AWS_SHIM_HAND_OFF";
    let sandbox = Sandbox::new();
    let script = json!([{ "env_all": true }]);
    let odd = std::ffi::OsStr::from_bytes(b"caf\xe9 \xff\n=x");
    let with_vars = |mut cmd: std::process::Command| {
        cmd.env("AWS_PROFILE", "dev")
            .env("AWS_REGION", "ap-northeast-1")
            .env("LANG", "ja_JP.UTF-8")
            .env("NO_COLOR", "1")
            .env("EMPTY", "")
            .env("ODD_BYTES", odd)
            .env("MULTI_LINE", "a\nb\n");
        cmd
    };
    let direct = child_env(&run(&mut with_vars(sandbox.direct_cmd(&script))));
    let mut wrapped = child_env(&run(&mut with_vars(sandbox.aws_cmd(&script))));
    let hand_off = |value: Option<Vec<u8>>| {
        HandOff::parse(std::str::from_utf8(&value.expect("the hand-off is set")).unwrap())
            .expect("a hand-off")
    };
    // The wrapper's pid, the program it located (the stand-in script), one aws-shim.
    let real = std::fs::metadata(sandbox.path().join("real/aws")).unwrap();
    let first = hand_off(wrapped.remove(VAR));
    assert_eq!((first.program, first.count), ((real.dev(), real.ino()), 1));
    assert_eq!(direct.get(VAR), None);
    assert_eq!(
        direct.get(b"ODD_BYTES".as_slice()).map(Vec::as_slice),
        Some(odd.as_bytes())
    );
    assert_eq!(wrapped, direct);

    // A hand-off from another process (an aws-shim that started a shell, which started this
    // one) is nesting, not a link in a chain: the count starts again.
    let outer = HandOff {
        pid: std::process::id(),
        program: (real.dev(), real.ino()),
        count: 5,
    };
    let nested = child_env(&run(
        with_vars(sandbox.aws_cmd(&script)).env("AWS_SHIM_HAND_OFF", outer.value())
    ));
    assert_eq!(hand_off(nested.get(VAR).cloned()).count, 1);
}

fn path_of(dirs: impl IntoIterator<Item = impl AsRef<Path>>) -> std::ffi::OsString {
    let dirs: Vec<_> = dirs.into_iter().map(|d| d.as_ref().to_path_buf()).collect();
    std::env::join_paths(dirs.into_iter().chain(support::system_path_without_aws())).unwrap()
}

#[test]
fn two_copies_of_the_shim_that_find_each_other_stop_with_a_message() {
    let sandbox = Sandbox::new();
    let (one, two) = (sandbox.path().join("one"), sandbox.path().join("two"));
    for dir in [&one, &two] {
        std::fs::create_dir(dir).unwrap();
        std::fs::copy(support::shim_bin(), dir.join("aws")).unwrap();
    }
    // A copy just written may still be open in a child that another test thread forked
    // before it execs (ETXTBSY, "Text file busy"): that is the test's race, not aws-shim's.
    let mut attempts = 0;
    let out = loop {
        let out = run(sandbox
            .command(one.join("aws"))
            .env("PATH", path_of([&one, &two]))
            .arg("sts"));
        attempts += 1;
        if attempts == 20 || !text(&out.stderr).contains("Text file busy") {
            break out;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let stderr = text(&out.stderr);
    assert!(!out.status.success(), "{:?}", out.status);
    assert!(out.status.code().is_some(), "{:?}", out.status);
    assert_eq!(
        stderr.matches("aws-shim: ").count(),
        1,
        "one message, once:\n{stderr}"
    );
    assert!(
        stderr.starts_with("aws-shim: ") && stderr.contains("AWS_SHIM_REAL_AWS"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(out.stdout.is_empty());
}

/// The same two copies with `AWS_SHIM_MODE=off`, where each execs the other in its own
/// place: stopped with the same message, not an endless exec.
#[test]
fn two_copies_that_exec_each_other_stop_with_a_message() {
    let sandbox = Sandbox::new();
    let (one, two) = (sandbox.path().join("one"), sandbox.path().join("two"));
    for dir in [&one, &two] {
        std::fs::create_dir(dir).unwrap();
        std::fs::copy(support::shim_bin(), dir.join("aws")).unwrap();
    }
    let mut attempts = 0;
    let out = loop {
        let child = sandbox
            .command(one.join("aws"))
            .env("PATH", path_of([&one, &two]))
            .env("AWS_SHIM_MODE", "off")
            .arg("sts")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, rx) = mpsc::channel();
        let pid = child.id();
        std::thread::spawn(move || {
            if rx.recv_timeout(PATIENCE).is_err() {
                // SAFETY: kill(2) on our own child's pid, not yet waited for.
                unsafe { libc::kill(pid as i32, libc::SIGKILL) };
            }
        });
        let out = child.wait_with_output().unwrap();
        let _ = tx.send(());
        attempts += 1;
        if attempts == 20 || !text(&out.stderr).contains("Text file busy") {
            break out;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(127), "{:?}: {stderr}", out.status);
    assert!(
        stderr.starts_with("aws-shim: ") && stderr.contains("loop"),
        "{stderr}"
    );
}

/// Nesting is no loop: `aws-shim run -- sh` whose script runs `aws-shim run -- sh` again,
/// twenty deep (the shell as a child in between, or replaced by aws-shim with `exec`), and
/// at the bottom the `aws` link: all of it runs.
#[test]
fn wrapped_interpreters_nest_twenty_deep_and_aws_still_runs_inside() {
    let sandbox = Sandbox::new();
    std::os::unix::fs::symlink(support::shim_bin(), sandbox.path().join("bin/aws-shim")).unwrap();
    let nest = sandbox.write(
        "nest.sh",
        "if [ \"$1\" -gt 0 ]; then\n  $HOW aws-shim run -- sh \"$0\" $(($1 - 1))\nelse\n  aws s3 ls\nfi\n",
    );
    let script = json!([{ "out": "2026-01-01 bucket\n" }, { "exit": 3 }]);
    for how in ["", "exec"] {
        let out = run(sandbox
            .command(support::shim_bin())
            .env("AWS_SHIM_STAND_IN", script.to_string())
            .env("HOW", how)
            .args(["run", "--", "sh"])
            .arg(&nest)
            .arg("20"));
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "HOW={how}: {stderr}");
        assert_eq!(
            text(&out.stdout),
            "2026-01-01 bucket\n",
            "HOW={how}: {stderr}"
        );
        assert!(stderr.is_empty(), "HOW={how}: {stderr}");
    }
}

#[test]
fn a_bad_aws_shim_real_aws_is_named_in_the_message() {
    let sandbox = Sandbox::new();
    let missing = sandbox.path().join("no/such/aws");
    let not_executable = sandbox.write("plain/aws", "#!/bin/sh\necho should not run\n");
    for path in [missing, not_executable] {
        let out = run(sandbox.aws_cmd(&json!([])).env("AWS_SHIM_REAL_AWS", &path));
        let stderr = text(&out.stderr);
        assert!(stderr.starts_with("aws-shim: "), "{stderr}");
        assert!(
            stderr.contains(&path.display().to_string()),
            "the message names {}: {stderr}",
            path.display()
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(!out.status.success(), "{:?}", out.status);
        assert!(out.status.code().is_some(), "{:?}", out.status);
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn no_real_cli_on_path_is_127_with_a_message() {
    let sandbox = Sandbox::new();
    let out = run(sandbox
        .aws_cmd(&json!([]))
        .env("PATH", path_of([sandbox.path().join("bin")])));
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(127), "{stderr}");
    assert!(
        stderr.starts_with("aws-shim: ") && stderr.contains("AWS CLI was not found on PATH"),
        "{stderr}"
    );
}

#[test]
fn exec_subcommand_behaves_as_the_aws_link() {
    let sandbox = Sandbox::new();
    let args = [
        "s3",
        "cp",
        "-",
        "--profile",
        "dev",
        "-x",
        "--",
        "--help",
        "a b",
        "--cli-error-format=json",
        "-",
    ];
    let script = json!([{ "args": true }, { "err": "note\n" }, { "exit": 3 }]);
    let via_link = run(sandbox.aws_cmd(&script).args(args));
    let mut exec = sandbox.command(support::shim_bin());
    exec.env("AWS_SHIM_STAND_IN", script.to_string())
        .arg("exec")
        .arg("--")
        .args(args);
    let via_exec = run(&mut exec);
    let expected: String = args.iter().map(|a| format!("{a}\n")).collect();
    assert_eq!(text(&via_link.stdout), expected);
    assert_eq!(text(&via_exec.stdout), expected);
    assert_eq!(via_exec.stderr, b"note\n");
    assert_eq!(via_link.status.code(), Some(3));
    assert_eq!(via_exec.status.code(), Some(3));
}

#[test]
fn off_a_terminal_append_keeps_the_line_then_explains() {
    let sandbox = Sandbox::new();
    let out = run(&mut sandbox.aws_cmd(&expired_script("")));
    assert_eq!(out.status.code(), Some(254));
    assert_explanation(appended(&out.stderr, &fixture(V2_EXPIRED)));
    assert!(!out.stderr.contains(&0x1b), "no colour off a terminal");
}

#[test]
fn replace_mode_writes_the_headline_then_the_same_explanation() {
    let sandbox = Sandbox::new();
    let original = fixture(V2_EXPIRED);
    let appended_run = run(&mut sandbox.aws_cmd(&expired_script("")));
    let explanation = appended(&appended_run.stderr, &original).to_vec();
    let out = run(sandbox
        .aws_cmd(&expired_script(""))
        .env("AWS_SHIM_MODE", "replace"));
    assert_eq!(out.status.code(), Some(254));
    let line = text(&original);
    let headline = line.trim().strip_prefix(V2_PREFIX).expect("a v2 line");
    assert_eq!(
        text(&out.stderr),
        format!("\n{headline}\n{}", text(&explanation))
    );
    assert!(!out.stderr.contains(&0x1b), "no colour off a terminal");
}

#[test]
fn off_mode_is_byte_identical_to_the_direct_call() {
    let sandbox = Sandbox::new();
    let script = expired_script("out\n");
    let direct = run(&mut sandbox.direct_cmd(&script));
    let out = run(sandbox.aws_cmd(&script).env("AWS_SHIM_MODE", "off"));
    assert_eq!(out.stderr, direct.stderr);
    assert_eq!(out.stderr, fixture(V2_EXPIRED));
    assert_eq!(out.stdout, direct.stdout);
    assert_eq!(out.status.code(), Some(254));
}

#[test]
fn no_color_means_no_escape_byte() {
    let sandbox = Sandbox::new();
    for mode in ["append", "replace"] {
        let out = run(sandbox
            .aws_cmd(&expired_script(""))
            .env("AWS_SHIM_MODE", mode)
            .env("NO_COLOR", "1"));
        assert!(
            out.stderr.windows(9).any(|w| w == b"aws-shim:"),
            "{mode}: explained"
        );
        assert!(
            !out.stderr.contains(&0x1b),
            "{mode}: an escape byte with NO_COLOR"
        );
    }
}

#[test]
fn machine_error_formats_pass_byte_identical_off_a_terminal() {
    let sandbox = Sandbox::new();
    let message = "The security token included in the request is expired";
    // A recognised line rides along, so that a filter left on would show.
    let line = format!(
        "An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: {message}\n"
    );
    let json_block = format!(
        "\n{{\n    \"Code\": \"ExpiredToken\",\n    \"Message\": \"{message}\"\n}}\n{line}"
    );
    let yaml_block = format!("\nCode: ExpiredToken\nMessage: {message}\n{line}");
    let script = |block: &str| {
        let mut steps = vec![json!({ "out": "{}\n" })];
        steps.extend(err_steps(block.as_bytes()));
        steps.push(json!({ "exit": 254 }));
        serde_json::Value::Array(steps)
    };
    let cases: [(&[&str], Option<&str>, &str); 4] = [
        (
            &["--cli-error-format", "json", "sts", "get-caller-identity"],
            None,
            &json_block,
        ),
        (
            &["sts", "get-caller-identity", "--cli-error-format=json"],
            None,
            &json_block,
        ),
        (&["sts", "get-caller-identity"], Some("yaml"), &yaml_block),
        (
            &["--cli-error-format", "yaml", "sts", "get-caller-identity"],
            Some("json"),
            &yaml_block,
        ),
    ];
    for (args, env_format, block) in cases {
        let with = |mut cmd: std::process::Command| {
            cmd.args(args);
            if let Some(format) = env_format {
                cmd.env("AWS_CLI_ERROR_FORMAT", format);
            }
            run(&mut cmd)
        };
        let direct = with(sandbox.direct_cmd(&script(block)));
        let out = with(sandbox.aws_cmd(&script(block)));
        assert_eq!(
            text(&out.stderr),
            text(&direct.stderr),
            "{args:?} {env_format:?}"
        );
        assert_eq!(out.stderr, block.as_bytes());
        assert_eq!(out.stdout, direct.stdout);
        assert_eq!(out.status.code(), Some(254));
    }
    // The same output without a machine format is explained: the cases above could fail.
    let out = run(sandbox.aws_cmd(&script(&json_block)).arg("sts"));
    assert_explanation(appended(&out.stderr, json_block.as_bytes()));
}

#[test]
fn the_language_follows_aws_shim_lang_then_the_locale() {
    let sandbox = Sandbox::new();
    let (ja, en) = (
        support::catalogue_text("ja", "label-next"),
        support::catalogue_text("en", "label-next"),
    );
    let cases: [(&[(&str, &str)], &str); 5] = [
        (&[("AWS_SHIM_LANG", "ja")], "ja"),
        (&[("LANG", "ja_JP.UTF-8")], "ja"),
        (&[("LC_ALL", "C"), ("LANG", "ja_JP.UTF-8")], "en"),
        (&[("AWS_SHIM_LANG", "xx"), ("LANG", "ja_JP.UTF-8")], "ja"),
        (&[("LC_ALL", "xx_YY.UTF-8"), ("LANG", "ja_JP.UTF-8")], "ja"),
    ];
    for (vars, want) in cases {
        let mut cmd = sandbox.aws_cmd(&expired_script(""));
        cmd.env_remove("AWS_SHIM_LANG").envs(vars.iter().copied());
        let stderr = text(&run(&mut cmd).stderr);
        let (yes, no) = if want == "ja" { (&ja, &en) } else { (&en, &ja) };
        assert!(
            stderr.contains(&format!("{yes}:")),
            "{vars:?}: expected {want}:\n{stderr}"
        );
        assert!(
            !stderr.contains(&format!("{no}:")),
            "{vars:?}: the other language:\n{stderr}"
        );
    }
}

#[test]
fn every_captured_cli_error_goes_through_the_wrapper() {
    let sandbox = Sandbox::new();
    let codes = support::fixture_exit_codes();
    let fixtures = support::fixtures();
    assert_eq!(
        codes.len(),
        fixtures.len(),
        "every fixture has a row in the README: {codes:?}"
    );
    let stdout: Vec<u8> = (0..=255).collect();
    for (name, stderr) in fixtures {
        let code = codes[&name];
        let mut steps = vec![json!({ "out_bytes": stdout })];
        steps.extend(err_steps(&stderr));
        steps.push(json!({ "exit": code }));
        let out = run(&mut sandbox.aws_cmd(&serde_json::Value::Array(steps)));
        assert_eq!(out.status.code(), Some(code), "{name}");
        assert_eq!(out.stdout, stdout, "{name}");
        if name == "v2-profile-not-found.stderr" {
            assert_eq!(
                text(&out.stderr),
                text(&stderr),
                "{name} is not a credential error"
            );
        } else {
            assert_explanation(appended(&out.stderr, &stderr));
        }
    }
}

/// Signals the caller ignores (`nohup`, background jobs of scripts) stay ignored in the CLI,
/// exactly as without the shim.
#[test]
fn signals_the_caller_ignores_stay_ignored_in_the_child() {
    let s = Sandbox::new();
    let script = json!([{ "sig_ignored": true }]);
    let via = |program: &Path, script: &serde_json::Value| {
        let mut cmd = s.command("sh");
        cmd.arg("-c")
            .arg("trap '' HUP INT; exec \"$0\"")
            .arg(program)
            .env("AWS_SHIM_STAND_IN", script.to_string());
        run(&mut cmd)
    };
    let direct = ignored_mask(&via(&s.path().join("real/aws"), &script));
    let shim = ignored_mask(&via(&s.aws(), &script));
    let (hup, int) = (1 << (libc::SIGHUP - 1), 1 << (libc::SIGINT - 1));
    assert_eq!(direct & (hup | int), hup | int);
    assert_eq!(shim, direct);
    // Without the traps, nothing is ignored through the shim either.
    let plain = ignored_mask(&run(s.aws_cmd(&script).stdin(Stdio::null())));
    let plain_direct = ignored_mask(&run(s.direct_cmd(&script).stdin(Stdio::null())));
    assert_eq!(plain, plain_direct);
    assert_eq!(plain & (hup | int), 0);
}

/// The ignored-signal mask the stand-in reported, without glibc's two internal real-time
/// signals (32 and 33): glibc's posix_spawn leaves those ignored in a child that it starts,
/// and every glibc program installs its own handlers for them at start-up.
fn ignored_mask(out: &Output) -> u64 {
    let line = text(&out.stdout);
    let hex = line
        .trim()
        .strip_prefix("SigIgn:")
        .expect("a SigIgn line")
        .trim();
    u64::from_str_radix(hex, 16).unwrap() & !(0b11 << 31)
}

/// A helper the CLI leaves running may write to the inherited stderr after the CLI exits: its
/// bytes still arrive, and it never meets a closed pipe.
#[test]
fn stderr_written_after_the_cli_exits_still_arrives() {
    let s = Sandbox::new();
    let mark = s.path().join("mark");
    let script = json!([
        { "err": "first\n" },
        { "late_err": { "ms": 300, "text": "late\n", "mark": mark.display().to_string() } },
        { "exit": 3 }
    ]);
    let out = run(s.aws_cmd(&script).stdin(Stdio::null()));
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(text(&out.stderr), "first\nlate\n");
    // `output()` returned at the end of stderr, when the helper was done with it.
    assert_eq!(std::fs::read_to_string(&mark).unwrap(), "written");
}

/// A FIFO (or any non-file) named as a configuration file cannot stall the explanation: the
/// error line and the exit code arrive.
#[test]
fn a_fifo_as_config_file_does_not_hang_the_call() {
    let s = Sandbox::new();
    let fifo = s.path().join("config.fifo");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    let mut cmd = s.aws_cmd(&expired_script(""));
    cmd.env("AWS_CONFIG_FILE", &fifo)
        .env("AWS_SHARED_CREDENTIALS_FILE", &fifo)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let child = cmd.spawn().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || tx.send(child.wait_with_output()));
    let out = rx
        .recv_timeout(PATIENCE)
        .expect("the call finished")
        .unwrap();
    assert_eq!(out.status.code(), Some(254));
    assert!(text(&out.stderr).contains("An error occurred (ExpiredToken)"));
    assert!(
        text(&out.stderr).contains("aws-shim:"),
        "{}",
        text(&out.stderr)
    );
}
