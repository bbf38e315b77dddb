//! AWS Cloud9: the note for the owner (`aws-shim cloud9 note`) and `aws-shim wait`, which
//! returns the moment the credentials are renewed.

use crate::support::{LOGIN_EXPIRED, Sandbox, catalogue_text, shim_bin, two_session_profiles};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

pub(crate) const C9: [(&str, &str); 2] =
    [("C9_PID", "0123456789abcdef"), ("C9_PROJECT", "workshop")];

/// The managed credentials file, with Cloud9's header dated `when`, and a region or not.
pub(crate) fn managed_file(when: jiff::Timestamp, region: bool) -> String {
    let date = when.strftime("%a %b %d %Y %H:%M:%S GMT+0000 (Coordinated Universal Time)");
    format!(
        "# Do not modify this file, if this file is modified it will not be updated. If the file is deleted, it will be recreated on {date}.\n# 8220f463d27c92d456e0ed80ea067a64888dfe3e4870771adbdb039064ecfeda #\n[default]\naws_access_key_id=ASIAFIXTUREKEYID0001\naws_secret_access_key=fixtureSecret0001\naws_session_token=fixtureToken0001\n{}",
        if region {
            "region=ap-northeast-1\n"
        } else {
            ""
        }
    )
}

fn overdue(s: &Sandbox, region: bool) {
    let when = jiff::Timestamp::now() - jiff::SignedDuration::from_mins(20);
    s.write("home/.aws/credentials", managed_file(when, region));
}

fn note(s: &Sandbox, args: &[&str]) -> (Option<i32>, String) {
    let out = s
        .command(shim_bin())
        .args(["cloud9", "note"])
        .args(args)
        .envs(C9)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn the_note_for_the_owner_in_both_languages() {
    let s = Sandbox::new();
    overdue(&s, true);
    let url = "https://ap-northeast-1.console.aws.amazon.com/cloud9/ide/0123456789abcdef";
    for (lang, polite) in [("en", "Could you open it"), ("ja", "いただけますか")] {
        let (code, text) = note(&s, &["--lang", lang]);
        assert_eq!(code, Some(0));
        assert!(text.contains("workshop (0123456789abcdef)"), "{text}");
        assert!(text.contains(url), "{text}");
        assert!(text.contains(polite), "{text}");
        // 20 minutes, or 21 once a second has passed since the file was written (minutes
        // are rounded up, and the file's time has whole seconds).
        assert!(
            ["20m", "20 分", "20分", "21m", "21 分", "21分"]
                .iter()
                .any(|m| text.contains(m)),
            "{text}"
        );
    }
    let (_, json) = note(&s, &["--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["environment_id"], "0123456789abcdef");
    assert_eq!(v["region"], "ap-northeast-1");
    assert_eq!(v["ide_url"], url);
    assert!(v["overdue_seconds"].as_i64().unwrap() >= 20 * 60);
    // Without a region the URL cannot be made: the console is named instead.
    let s = Sandbox::new();
    overdue(&s, false);
    let (_, text) = note(&s, &["--lang", "en"]);
    assert!(
        !text.contains("https://") && text.contains("AWS Cloud9 console"),
        "{text}"
    );
    // Outside Cloud9: nothing to say, exit 2.
    let s = Sandbox::new();
    let out = s
        .command(shim_bin())
        .args(["cloud9", "note"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

fn wait(s: &Sandbox, args: &[&str], env: &[(&str, &str)]) -> Child {
    s.command(shim_bin())
        .arg("wait")
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Until the wait says it has begun (its first line, written once it watches the files);
/// the rest of its stderr stays to be read.
fn started(child: &mut Child) {
    let err = child.stderr.as_mut().unwrap();
    let mut line = Vec::new();
    let mut byte = [0u8; 1];
    while std::io::Read::read(err, &mut byte).unwrap() == 1 && byte[0] != b'\n' {
        line.push(byte[0]);
    }
    let start = catalogue_text("en", "wait-start");
    let line = String::from_utf8(line).unwrap();
    assert!(line.contains(start.split('{').next().unwrap()), "{line}");
}

fn ended_within(child: &mut Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    None
}

/// CPU time (user and system) of a running process, in clock ticks.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let after = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = after.split(' ').collect();
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

#[test]
fn wait_returns_when_cloud9_renews_the_file() {
    let s = Sandbox::new();
    overdue(&s, true);
    let mut child = wait(&s, &["--timeout", "30"], &C9);
    started(&mut child);
    assert!(child.try_wait().unwrap().is_none(), "still waiting");
    let renewed = jiff::Timestamp::now() + jiff::SignedDuration::from_mins(5);
    s.write("home/.aws/credentials", managed_file(renewed, true));
    let status = ended_within(&mut child, Duration::from_secs(1)).expect("woke within a second");
    assert_eq!(status.code(), Some(0));
}

#[test]
fn wait_returns_when_an_sso_token_is_refreshed() {
    let s = Sandbox::new();
    s.write(
        "home/.aws/config",
        "[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Developer\nregion = us-east-1\n\n[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n",
    );
    let token = format!(
        "home/.aws/sso/cache/{}.json",
        crate::support::python_sha1("corp")
    );
    let cache = |when: jiff::Timestamp| {
        format!(
            "{{\"startUrl\": \"https://example.awsapps.com/start\", \"region\": \"us-east-1\", \"accessToken\": \"fixture\", \"expiresAt\": \"{}\"}}",
            when.strftime("%Y-%m-%dT%H:%M:%SZ")
        )
    };
    s.write(
        &token,
        cache(jiff::Timestamp::now() - jiff::SignedDuration::from_hours(1)),
    );
    let mut child = wait(&s, &["--profile", "dev", "--timeout", "30"], &[]);
    started(&mut child);
    assert!(child.try_wait().unwrap().is_none(), "still waiting");
    s.write(
        &token,
        cache(jiff::Timestamp::now() + jiff::SignedDuration::from_hours(8)),
    );
    let status = ended_within(&mut child, Duration::from_secs(1)).expect("woke within a second");
    assert_eq!(status.code(), Some(0));
}

#[test]
fn wait_times_out_with_124_costs_no_cpu_and_stops_on_ctrl_c() {
    let s = Sandbox::new();
    overdue(&s, true);
    let mut child = wait(&s, &["--timeout", "3s"], &C9);
    std::thread::sleep(Duration::from_millis(2800));
    let ticks = cpu_ticks(child.id());
    let status = ended_within(&mut child, Duration::from_secs(3)).expect("timed out");
    assert_eq!(status.code(), Some(124));
    // Clock ticks are 10 ms here: under 50 ms is under 5.
    assert!(ticks < 5, "{ticks} ticks of CPU over a 3 s wait");

    let mut child = wait(&s, &[], &C9);
    // Its handler is in place before it says it has begun.
    started(&mut child);
    // SAFETY: a signal to a child this test started and has not reaped yet.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let status = ended_within(&mut child, Duration::from_secs(2)).expect("stopped");
    assert_eq!(status.code(), Some(130));
}

#[test]
fn exported_credentials_have_nothing_to_wait_for() {
    let s = Sandbox::new();
    let mut child = wait(
        &s,
        &[],
        &[
            ("AWS_ACCESS_KEY_ID", "ASIAFIXTURE"),
            ("AWS_SECRET_ACCESS_KEY", "x"),
            ("AWS_SESSION_TOKEN", "y"),
        ],
    );
    let status = ended_within(&mut child, Duration::from_secs(5)).unwrap();
    assert_eq!(status.code(), Some(2));
}

/// An `aws login` profile: after a recorded failure, `wait` returns once `aws login` has
/// rewritten the session cache.
#[test]
fn wait_returns_when_aws_login_refreshes_its_session() {
    let s = Sandbox::new();
    let session = "arn:aws:iam::123456789012:user/me";
    s.write(
        "home/.aws/config",
        format!("[profile dev]\nlogin_session = {session}\nregion = us-east-1\n"),
    );
    let name = {
        let out = std::process::Command::new("python3")
            .args([
                "-c",
                "import hashlib, sys; print(hashlib.sha256(sys.argv[1].encode()).hexdigest())",
                session,
            ])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    };
    let cache = format!("home/.aws/login/cache/{name}.json");
    s.write(&cache, "{\"accessToken\": \"old\"}");
    let failed = s
        .aws_cmd(&serde_json::json!([
            { "err": LOGIN_EXPIRED },
            { "exit": 255 }
        ]))
        .args(["s3", "ls", "--profile", "dev"])
        .output()
        .unwrap();
    assert_eq!(failed.status.code(), Some(255));
    assert!(s.state_dir().join("dev.failure").exists());
    let mut child = wait(&s, &["--profile", "dev", "--timeout", "30"], &[]);
    started(&mut child);
    assert!(child.try_wait().unwrap().is_none(), "still waiting");
    s.write(&cache, "{\"accessToken\": \"new\"}");
    let status = ended_within(&mut child, Duration::from_secs(1)).expect("woke within a second");
    assert_eq!(status.code(), Some(0));
}

/// The end of a wait: its status and what it wrote.
fn wait_output(s: &Sandbox, args: &[&str], env: &[(&str, &str)]) -> (Option<i32>, String) {
    let mut child = wait(s, args, env);
    let status = ended_within(&mut child, Duration::from_secs(10)).expect("ended");
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    (status.code(), err)
}

/// Credentials that are not there are nothing to wait for: an unknown profile, a profile
/// without credentials, no `~/.aws` at all. Never 0 ("work again"), which would let
/// `aws-shim wait && aws s3 sync` run.
#[test]
fn wait_without_credentials_says_so_and_fails() {
    let s = Sandbox::new();
    let unknown = catalogue_text("en", "wait-unknown-profile");
    let unknown = unknown.split('{').next().unwrap();
    let (code, err) = wait_output(&s, &["--profile", "nosuch", "--timeout", "5"], &[]);
    assert_eq!(code, Some(3), "{err}");
    assert!(err.contains("nosuch") && err.contains(unknown), "{err}");
    // The default profile, with neither a credentials file nor any other source.
    let (code, err) = wait_output(&s, &["--timeout", "5"], &[]);
    assert_eq!(code, Some(3), "{err}");
    let none = catalogue_text("en", "wait-no-credentials");
    assert!(err.contains(none.split('{').next().unwrap()), "{err}");
    // ~/.aws removed: the same, in Japanese too.
    std::fs::remove_dir_all(s.home().join(".aws")).unwrap();
    let (code, err) = wait_output(&s, &["--profile", "dev", "--lang", "ja"], &[]);
    assert_eq!(code, Some(3), "{err}");
    assert!(err.contains("待つ対象がありません"), "{err}");
}

/// Credentials that vanish while it waits end the wait with 3, not 0.
#[test]
fn wait_ends_with_3_when_the_credentials_vanish() {
    let s = Sandbox::new();
    overdue(&s, true);
    let mut child = wait(&s, &["--timeout", "30"], &C9);
    started(&mut child);
    assert!(child.try_wait().unwrap().is_none(), "still waiting");
    std::fs::remove_dir_all(s.home().join(".aws")).unwrap();
    let status = ended_within(&mut child, Duration::from_secs(5)).expect("ended");
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert_eq!(status.code(), Some(3), "{err}");
    let gone = catalogue_text("en", "wait-gone");
    assert!(err.contains(gone.split('{').next().unwrap()), "{err}");
    assert!(
        !err.contains(&catalogue_text("en", "wait-done").replace("{ $profile }", "default")),
        "{err}"
    );
}

/// Credentials that work and never failed: they "work", not "work again".
#[test]
fn wait_says_they_work_when_they_never_failed() {
    let s = Sandbox::new();
    let renewed = jiff::Timestamp::now() + jiff::SignedDuration::from_mins(5);
    s.write("home/.aws/credentials", managed_file(renewed, true));
    let (code, err) = wait_output(&s, &[], &C9);
    assert_eq!(code, Some(0), "{err}");
    let works = catalogue_text("en", "wait-works").replace("{ $profile }", "default");
    assert!(err.contains(&works), "{err}");
    // After a recorded failure, once they work again: "work again".
    let failed = s
        .aws_cmd(&serde_json::json!([
            { "err": "\nAn error occurred (ExpiredToken) when calling the ListBuckets operation: The provided token has expired.\n" },
            { "exit": 254 }
        ]))
        .args(["s3", "ls"])
        .envs(C9)
        .output()
        .unwrap();
    assert_eq!(failed.status.code(), Some(254));
    let mut child = wait(&s, &["--timeout", "30"], &C9);
    started(&mut child);
    assert!(child.try_wait().unwrap().is_none(), "still waiting");
    let later = renewed + jiff::SignedDuration::from_mins(5);
    s.write("home/.aws/credentials", managed_file(later, true));
    let status = ended_within(&mut child, Duration::from_secs(2)).expect("woke");
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert_eq!(status.code(), Some(0), "{err}");
    let again = catalogue_text("en", "wait-done").replace("{ $profile }", "default");
    assert!(err.contains(&again) && !err.contains(&works), "{err}");
}

/// On a terminal the time waited is shown to the second (not `1m` after one second).
#[test]
fn wait_on_a_terminal_counts_seconds() {
    let s = Sandbox::new();
    overdue(&s, true);
    let mut cmd = s.command(shim_bin());
    cmd.args(["wait", "--timeout", "3s"]).envs(C9);
    let (seen, status) = crate::pty::on_terminal(cmd);
    let seen = String::from_utf8_lossy(&seen);
    assert_eq!(status.code(), Some(124), "{seen}");
    assert!(
        seen.contains("waiting for 1s") && seen.contains("waiting for 2s"),
        "{seen:?}"
    );
    assert!(!seen.contains("waiting for 1m"), "{seen:?}");
}

/// With AWS CLI v1 (botocore), AWS_DEFAULT_PROFILE wins over AWS_PROFILE: `wait` looks at
/// the profile the CLI will use, as the wrapper does.
#[test]
fn wait_follows_cli_v1s_profile_order() {
    let s = Sandbox::new();
    two_session_profiles(&s, ["2020-01-01T00:00:00Z", "2999-01-01T00:00:00Z"]);
    // An AWS CLI v1 install, known by its path (`.../awscli/1.x.y/...`).
    let v1 = s.write_exe("opt/awscli/1.36.0/bin/aws", "#!/bin/sh\nexit 0\n");
    let env = [("AWS_PROFILE", "first"), ("AWS_DEFAULT_PROFILE", "second")];
    let mut with_v1 = env.to_vec();
    with_v1.push(("AWS_SHIM_REAL_AWS", v1.to_str().unwrap()));
    let (code, err) = wait_output(&s, &["--timeout", "3"], &with_v1);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("profile second"), "{err}");
    // AWS CLI v2 (the stand-in): AWS_PROFILE, whose credentials have expired.
    let (code, err) = wait_output(&s, &["--timeout", "2"], &env);
    assert_eq!(code, Some(124), "{err}");
    assert!(err.contains("profile first"), "{err}");
}

/// `cloud9 note` while the managed credentials work: nothing to ask, exit 1, no note;
/// `--force` writes it all the same.
#[test]
fn no_note_while_the_credentials_work_unless_forced() {
    let s = Sandbox::new();
    let renewed = jiff::Timestamp::now() + jiff::SignedDuration::from_mins(5);
    s.write("home/.aws/credentials", managed_file(renewed, true));
    for lang in ["en", "ja"] {
        let out = s
            .command(shim_bin())
            .args(["cloud9", "note", "--lang", lang])
            .envs(C9)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(out.stdout.is_empty(), "no note");
        let says = catalogue_text(lang, "note-not-needed");
        assert!(err.contains(says.split('{').next().unwrap()), "{err}");
    }
    let (code, text) = note(&s, &["--force", "--lang", "en"]);
    assert_eq!(code, Some(0));
    assert!(text.contains("workshop (0123456789abcdef)"), "{text}");
}

/// What goes into the note and its address comes from the environment and a file: only a
/// region of AWS's form and an environment id of Cloud9's make the URL, and the name's
/// control characters are shown escaped.
#[test]
fn the_note_takes_no_foreign_host_and_no_forged_lines() {
    let s = Sandbox::new();
    let when = jiff::Timestamp::now() - jiff::SignedDuration::from_mins(20);
    let file = managed_file(when, false) + "region=evil.example/phish?x=\n";
    s.write("home/.aws/credentials", file);
    let (code, text) = note(&s, &["--lang", "en"]);
    assert_eq!(code, Some(0));
    assert!(!text.contains("evil.example"), "{text}");
    assert!(
        !text.contains("https://"),
        "no address without a region: {text}"
    );
    let (_, json) = note(&s, &["--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(v["ide_url"].is_null() && v["region"].is_null(), "{v}");
    // A real region from elsewhere (AWS_REGION) is used as before.
    overdue(&s, false);
    let out = s
        .command(shim_bin())
        .args(["cloud9", "note", "--json"])
        .envs(C9)
        .env("AWS_REGION", "us-gov-west-1")
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["ide_url"],
        "https://us-gov-west-1.console.aws.amazon.com/cloud9/ide/0123456789abcdef"
    );
    // A C9_PID that is not an id, a C9_PROJECT with a forged line and an escape sequence.
    overdue(&s, true);
    let out = s
        .command(shim_bin())
        .args(["cloud9", "note", "--lang", "en"])
        .env(
            "C9_PID",
            "0123456789abcdef/../../evil\nClick: https://evil.example",
        )
        .env(
            "C9_PROJECT",
            "workshop\n\nURGENT: paste your keys here\x1b[8m",
        )
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(!text.contains("evil"), "{text}");
    assert!(!text.contains('\x1b'), "{text:?}");
    assert!(
        text.contains("workshop\\n\\nURGENT: paste your keys here\\x1b[8m"),
        "{text}"
    );
    assert!(!text.lines().any(|l| l.starts_with("URGENT")), "{text}");
}
