//! `aws-shim wait [--timeout DURATION] [--online] [--profile P]`: block until the credentials
//! of the profile work again (Cloud9 renewed its managed credentials, a fresh SSO or login
//! token, anything that changes the credentials a recorded failure was about), then ring the
//! bell and exit 0, so that `aws-shim wait && aws s3 sync ...` goes on by itself.
//!
//! It watches the directories the credentials come from (inotify on Linux, a one-second look
//! elsewhere) and costs no CPU while nothing changes. Exit 0 means the credentials are there
//! and not known to fail; every other end is another status ([`crate::cli::Wait`] lists
//! them): exported variables cannot change under it (2); credentials that are not there, or
//! that vanish while it waits, are nothing to wait for (3); `--timeout` ends with 124, as
//! timeout(1) does; Ctrl-C with 130.

use crate::cli::Wait;
use crate::cmd::Run;
use crate::context::Context;
use crate::i18n::{self, Catalogue};
use crate::state::Standing;
use crate::{config, context, real_aws, render, state};
use std::io::{IsTerminal, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::time::{Duration, Instant};

/// The status when there are no credentials to wait for.
const MISSING: i32 = 3;

/// How long credentials may be missing while waiting before the wait ends: a file being
/// rewritten is missing for a moment.
const GONE_AFTER: Duration = Duration::from_secs(2);

impl Run for Wait {
    fn run(self) -> anyhow::Result<i32> {
        let store = state::Store::at(config::state_dir());
        let cat = Catalogue::load(i18n::current(self.lang.code.as_deref()).lang);
        let limit = self.timeout.as_deref().map(|t| parse_duration(t, &cat));
        let profile = self.profile.name.clone();
        // The profile the real CLI will use: v1 reads AWS_DEFAULT_PROFILE before AWS_PROFILE,
        // as the wrapper knows it.
        let real = real_aws::Cli::from_env();
        let cli = real.version();
        let resolve = || {
            let inputs = config::context_inputs(profile.as_deref());
            context::resolve_for_cli(&inputs, cli.clone())
        };
        let first = resolve();
        let name = first.profile.clone();
        let say = |id: &str| cat.text(id, &[("profile", name.clone())]);
        if first.source.provider.is_exported() {
            eprintln!("aws-shim: {}", say("wait-exported"));
            return Ok(2);
        }
        let standing = store.standing(&first);
        if standing == Standing::Missing {
            let id = if first.profile_found {
                "wait-no-credentials"
            } else {
                "wait-unknown-profile"
            };
            eprintln!("aws-shim: {}", say(id));
            return Ok(MISSING);
        }
        on_interrupt_exit_130();
        let tty = std::io::stderr().is_terminal();
        let start = Instant::now();
        let watcher = Watcher::new(&first);
        // Whether they failed at some point: recorded as failing (even about credentials
        // renewed since), or not working when the wait began.
        let mut failed = store.last_failure(&name).is_some();
        if standing != Standing::Working {
            failed = true;
            eprintln!("aws-shim: {}", say("wait-start"));
            let mut missing_since: Option<Instant> = None;
            loop {
                let elapsed = start.elapsed();
                if limit.is_some_and(|l| elapsed >= l) {
                    if tty {
                        eprintln!();
                    }
                    eprintln!("aws-shim: {}", say("wait-timeout"));
                    return Ok(124);
                }
                if tty {
                    let shown = render::elapsed(elapsed.as_secs() as i64, &cat);
                    let line = cat.text("wait-status", &[("elapsed", shown)]);
                    let _ = write!(std::io::stderr(), "\raws-shim: {line}\x1b[K");
                }
                let tick = limit.map_or(Duration::from_secs(1), |l| {
                    (l.saturating_sub(elapsed)).min(Duration::from_secs(1))
                });
                watcher.wait(tick);
                match store.standing(&resolve()) {
                    Standing::Working => break,
                    Standing::Failing => missing_since = None,
                    Standing::Missing => {
                        let since = *missing_since.get_or_insert_with(Instant::now);
                        if since.elapsed() >= GONE_AFTER {
                            if tty {
                                eprintln!();
                            }
                            eprintln!("aws-shim: {}", say("wait-gone"));
                            return Ok(MISSING);
                        }
                    }
                }
            }
            if tty {
                eprintln!();
            }
        }
        if self.online {
            let real = real.program().map_err(|e| anyhow::anyhow!("{e}"))?;
            failed |= !confirm_online(real, profile.as_deref(), limit.map(|l| start + l));
        }
        let bell = if tty { "\x07" } else { "" };
        let done = if failed { "wait-done" } else { "wait-works" };
        eprintln!("{bell}aws-shim: {}", say(done));
        Ok(0)
    }
}

/// `--online`: one `aws sts get-caller-identity` through the real CLI, again every five
/// seconds until it succeeds (or the time is up: 124). Whether the first call succeeded.
fn confirm_online(
    real: &std::path::Path,
    profile: Option<&str>,
    deadline: Option<Instant>,
) -> bool {
    let mut first = true;
    loop {
        let mut call = std::process::Command::new(real);
        call.args(["sts", "get-caller-identity"]);
        if let Some(p) = profile {
            call.args(["--profile", p]);
        }
        let ok = call
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            return first;
        }
        first = false;
        if deadline.is_some_and(|d| Instant::now() + Duration::from_secs(5) > d) {
            std::process::exit(124);
        }
        std::thread::sleep(Duration::from_secs(5));
    }
}

/// The longest `--timeout`: a year, far beyond any wait worth a timeout, and far from what
/// adding it to the clock could overflow.
const MAX_TIMEOUT: Duration = Duration::from_secs(366 * 24 * 60 * 60);

/// `--timeout`: `90s`, `10m`, `1h30m`, `2h`, or plain seconds. A value that is not one of
/// these, negative, or longer than a year is a usage error, reported the way clap reports
/// any bad value (exit 2).
fn parse_duration(text: &str, cat: &Catalogue) -> Duration {
    timeout(text).unwrap_or_else(|why| {
        let why = cat.text(why, &[]);
        let message = cat.text(
            "wait-bad-timeout",
            &[("value", text.to_owned()), ("why", why)],
        );
        eprintln!("aws-shim: {message}");
        // A usage error, as clap's own.
        std::process::exit(2)
    })
}

/// The duration `text` gives, or (a message id) why it gives none.
fn timeout(text: &str) -> Result<Duration, &'static str> {
    const TOO_LONG: &str = "wait-timeout-too-long";
    let text = text.trim();
    let duration = match text.parse::<u64>() {
        Ok(seconds) => Duration::from_secs(seconds),
        Err(_) if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) => {
            return Err(TOO_LONG);
        }
        Err(_) => {
            let span: jiff::SignedDuration =
                text.parse().map_err(|_| "wait-timeout-not-a-duration")?;
            if span.is_negative() {
                return Err("wait-timeout-negative");
            }
            span.unsigned_abs()
        }
    };
    if duration > MAX_TIMEOUT {
        return Err(TOO_LONG);
    }
    Ok(duration)
}

/// Ctrl-C ends the wait at once with 130, as a shell reports it, on a line of its own.
fn on_interrupt_exit_130() {
    extern "C" fn on_sigint(_: libc::c_int) {
        // SAFETY: write(2) and _exit(2) are async-signal-safe; the buffer is a live static.
        unsafe {
            libc::write(2, b"\n".as_ptr().cast(), 1);
            libc::_exit(130);
        }
    }
    // SAFETY: installs a handler that only makes async-signal-safe calls; this process has no
    // other thread.
    unsafe { libc::signal(libc::SIGINT, on_sigint as *const () as libc::sighandler_t) };
}

/// What wakes the wait: a change in a directory the credentials come from, or the tick.
struct Watcher {
    inotify: Option<OwnedFd>,
}

impl Watcher {
    fn new(ctx: &Context) -> Watcher {
        let mut dirs: Vec<std::path::PathBuf> = ctx
            .source
            .watch
            .iter()
            .filter_map(|f| f.parent().map(std::path::Path::to_path_buf))
            .collect();
        dirs.extend(config::state_dir());
        dirs.sort();
        dirs.dedup();
        Watcher {
            inotify: inotify(&dirs),
        }
    }

    /// Until something changed or `tick` has passed.
    fn wait(&self, tick: Duration) {
        let Some(fd) = &self.inotify else {
            std::thread::sleep(tick);
            return;
        };
        let mut fds = [rustix::event::PollFd::new(fd, rustix::event::PollFlags::IN)];
        let timeout = rustix::event::Timespec {
            tv_sec: tick.as_secs() as _,
            tv_nsec: tick.subsec_nanos() as _,
        };
        if matches!(rustix::event::poll(&mut fds, Some(&timeout)), Ok(n) if n > 0) {
            // Take the events; what they say is looked at anew by the caller.
            let mut buf = [0u8; 4096];
            let _ = rustix::io::read(fd.as_fd(), &mut buf[..]);
        }
    }
}

/// An inotify descriptor watching `dirs` for files written, moved in, created or removed.
#[cfg(target_os = "linux")]
fn inotify(dirs: &[std::path::PathBuf]) -> Option<OwnedFd> {
    use rustix::fs::inotify::{self, CreateFlags, WatchFlags};
    let fd = inotify::init(CreateFlags::CLOEXEC | CreateFlags::NONBLOCK).ok()?;
    let mask =
        WatchFlags::CLOSE_WRITE | WatchFlags::MOVED_TO | WatchFlags::CREATE | WatchFlags::DELETE;
    let watched = dirs
        .iter()
        .filter(|dir| inotify::add_watch(&fd, dir.as_path(), mask).is_ok())
        .count();
    (watched > 0).then_some(fd)
}

/// Elsewhere: no watcher; the wait looks every second.
#[cfg(not(target_os = "linux"))]
fn inotify(_: &[std::path::PathBuf]) -> Option<OwnedFd> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The watcher wakes when a file appears in a watched directory, and there is none for
    /// directories that are not there.
    #[cfg(target_os = "linux")]
    #[test]
    fn the_watcher_wakes_on_a_new_file() {
        let dir = tempfile::tempdir().unwrap();
        assert!(inotify(&[dir.path().join("missing")]).is_none());
        let watcher = Watcher {
            inotify: inotify(&[dir.path().to_path_buf()]),
        };
        assert!(watcher.inotify.is_some());
        std::fs::write(dir.path().join("credentials"), "x").unwrap();
        let start = Instant::now();
        watcher.wait(Duration::from_secs(30));
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{:?}",
            start.elapsed()
        );
    }

    #[test]
    fn timeouts_are_read_as_given_and_bounded() {
        for (text, secs) in [
            ("90", 90),
            ("90s", 90),
            ("10m", 600),
            ("1h30m", 5400),
            (" 2h ", 7200),
            ("0", 0),
            ("8784h", 8784 * 3600),
        ] {
            assert_eq!(timeout(text), Ok(Duration::from_secs(secs)), "{text}");
        }
        for bad in [
            "-5",
            "-5s",
            "5s ago",
            "18446744073709551615",
            "99999999999999999999",
            "9999999999h",
            "8785h",
            "",
            "soon",
            "1e9",
        ] {
            assert!(timeout(bad).is_err(), "{bad}: {:?}", timeout(bad));
        }
    }
}
