//! The failure state and the prompt cache, through the real wrapper: recorded on a
//! credential failure, cleared by the next success of the same profile, written atomically
//! with tight permissions and no secrets, and never in the way of aws (fail open).

use crate::support::Sandbox;
use serde_json::json;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

const EXPIRED_LINE: &str = "An error occurred (ExpiredToken) when calling the ListBuckets operation: The provided token has expired.\n";

/// The stand-in fails the way the AWS CLI does on expired credentials.
fn expired_script() -> serde_json::Value {
    json!([{ "out": "partial listing\n" }, { "err": format!("\n{EXPIRED_LINE}") }, { "exit": 254 }])
}

fn success_script() -> serde_json::Value {
    json!([{ "out": "2026-01-01 bucket\n" }])
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every file in the state directory, by name.
fn state_files(s: &Sandbox) -> Vec<String> {
    let mut names: Vec<String> = match std::fs::read_dir(s.state_dir()) {
        Ok(dir) => dir
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            // The directory's lock file is no state.
            .filter(|name| name != ".lock")
            .collect(),
        Err(_) => Vec::new(),
    };
    names.sort();
    names
}

#[test]
fn a_failure_is_recorded_and_cleared_by_the_next_success() {
    let s = Sandbox::new();
    let out = s
        .aws_cmd(&expired_script())
        .args(["s3", "ls", "--profile", "dev"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(254));
    assert_eq!(out.stdout, b"partial listing\n");
    assert_eq!(state_files(&s), ["dev.failure", "dev.prompt"]);
    let failure = read(&s.state_dir().join("dev.failure"));
    let lines: Vec<&str> = failure.lines().collect();
    assert_eq!(lines[0], "aws-shim-failure-1");
    for want in ["rule=expired-token", "code=ExpiredToken", "source=none"] {
        assert!(lines.contains(&want), "{want} in {failure}");
    }
    let time: i64 = lines
        .iter()
        .find_map(|l| l.strip_prefix("time="))
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        (jiff::Timestamp::now().as_second() - time).abs() < 120,
        "{time}"
    );
    let prompt = read(&s.state_dir().join("dev.prompt"));
    assert!(prompt.starts_with("aws-shim-prompt-2 "), "{prompt}");
    assert!(prompt.contains("aws:x dev"), "the expired marker: {prompt}");
    assert!(
        prompt.lines().nth(3).unwrap().contains("ExpiredToken"),
        "the warning line: {prompt}"
    );

    // Another profile's success leaves it alone; the same profile's success clears it.
    let out = s
        .aws_cmd(&success_script())
        .args(["s3", "ls", "--profile", "other"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(s.state_dir().join("dev.failure").exists());
    let out = s
        .aws_cmd(&success_script())
        .env("AWS_PROFILE", "dev")
        .args(["s3", "ls"])
        .output()
        .unwrap();
    assert_eq!(
        (out.status.code(), out.stdout.as_slice()),
        (Some(0), b"2026-01-01 bucket\n".as_slice())
    );
    assert_eq!(state_files(&s), ["dev.prompt"]);
    let prompt = read(&s.state_dir().join("dev.prompt"));
    assert!(
        !prompt.contains("aws:x"),
        "no expired marker after the success: {prompt}"
    );
    assert_eq!(
        prompt.lines().nth(3),
        Some(""),
        "no warning after the success: {prompt}"
    );
}

#[test]
fn a_success_with_nothing_recorded_writes_nothing() {
    let s = Sandbox::new();
    let out = s
        .aws_cmd(&success_script())
        .args(["s3", "ls"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        !s.state_dir().exists(),
        "the success path must not even create the state directory"
    );
    // A failure that is not about credentials is not recorded either.
    let denied = json!([{ "err": "\nAn error occurred (AccessDenied) when calling the ListBuckets operation: Access Denied\n" }, { "exit": 254 }]);
    let out = s.aws_cmd(&denied).args(["s3", "ls"]).output().unwrap();
    assert_eq!(out.status.code(), Some(254));
    assert!(!s.state_dir().exists());
}

#[test]
fn permissions_are_0700_and_0600() {
    let s = Sandbox::new();
    // A state directory that exists with loose permissions is tightened.
    std::fs::create_dir_all(s.state_dir()).unwrap();
    std::fs::set_permissions(s.state_dir(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = s
        .aws_cmd(&expired_script())
        .args(["s3", "ls"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(254));
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&s.state_dir()), 0o700);
    for name in state_files(&s) {
        assert_eq!(mode(&s.state_dir().join(&name)), 0o600, "{name}");
    }
    assert_eq!(state_files(&s), ["default.failure", "default.prompt"]);
}

#[test]
fn sixteen_concurrent_calls_leave_whole_files_and_exact_exit_codes() {
    let s = Sandbox::new();
    let children: Vec<_> = (0..16)
        .map(|i| {
            let script = if i % 2 == 0 {
                expired_script()
            } else {
                success_script()
            };
            let mut cmd = s.aws_cmd(&script);
            cmd.args(["s3", "ls", "--profile", "dev"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::null());
            (i, cmd.spawn().unwrap())
        })
        .collect();
    for (i, child) in children {
        let out = child.wait_with_output().unwrap();
        let (code, stdout) = if i % 2 == 0 {
            (254, "partial listing\n")
        } else {
            (0, "2026-01-01 bucket\n")
        };
        assert_eq!(out.status.code(), Some(code), "call {i}");
        assert_eq!(String::from_utf8_lossy(&out.stdout), stdout, "call {i}");
    }
    // No temporary file is left, and what is there is whole.
    let files = state_files(&s);
    assert!(
        files
            .iter()
            .all(|f| f == "dev.failure" || f == "dev.prompt"),
        "{files:?}"
    );
    if files.contains(&"dev.failure".to_owned()) {
        let failure = read(&s.state_dir().join("dev.failure"));
        assert!(
            failure.starts_with("aws-shim-failure-1\n") && failure.ends_with('\n'),
            "{failure}"
        );
    }
    let prompt = read(&s.state_dir().join("dev.prompt"));
    // Four lines, then the files the credentials come from.
    assert!(prompt.lines().count() >= 4, "{prompt:?}");
    assert!(prompt.ends_with('\n'), "{prompt:?}");
    for watched in prompt.lines().skip(4) {
        assert!(
            watched.starts_with(s.home().to_str().unwrap()),
            "{prompt:?}"
        );
    }

    // Then all sixteen fail at once: one whole failure file.
    let children: Vec<_> = (0..16)
        .map(|_| {
            let mut cmd = s.aws_cmd(&expired_script());
            cmd.args(["s3", "ls", "--profile", "dev"])
                .stderr(std::process::Stdio::null());
            cmd.spawn().unwrap()
        })
        .collect();
    for child in children {
        assert_eq!(child.wait_with_output().unwrap().status.code(), Some(254));
    }
    assert_eq!(state_files(&s), ["dev.failure", "dev.prompt"]);
    assert!(read(&s.state_dir().join("dev.failure")).contains("rule=expired-token\n"));
}

#[test]
fn corrupt_or_foreign_files_are_ignored_and_replaced() {
    let s = Sandbox::new();
    std::fs::create_dir_all(s.state_dir()).unwrap();
    s.write(
        "xdg/state/aws-shim/dev.failure",
        [0xff, 0xfe, b'\n', b'=', b'='],
    );
    s.write("xdg/state/aws-shim/dev.prompt", "aws-shim-prompt-2 999 x\n");
    let out = s
        .command(crate::support::shim_bin())
        .args(["prompt", "--profile", "dev"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "aws dev\n",
        "a corrupt failure file counts as none"
    );
    let prompt = read(&s.state_dir().join("dev.prompt"));
    assert!(
        prompt.starts_with("aws-shim-prompt-2 ") && prompt.contains("\naws dev\n"),
        "{prompt}"
    );

    // A corrupt failure file is replaced by the next failure...
    let out = s
        .aws_cmd(&expired_script())
        .args(["s3", "ls", "--profile", "dev"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(254));
    assert!(read(&s.state_dir().join("dev.failure")).starts_with("aws-shim-failure-1\n"));
    // ... and removed by the next success.
    s.write("xdg/state/aws-shim/dev.failure", "not ours\n");
    let out = s
        .aws_cmd(&success_script())
        .args(["s3", "ls", "--profile", "dev"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(state_files(&s), ["dev.prompt"]);
}

#[test]
fn an_unusable_state_directory_changes_nothing_for_aws() {
    let s = Sandbox::new();
    // The state "directory" is a file: nothing can be created under it.
    s.write("xdg/state/aws-shim", "a file, not a directory");
    for (script, code) in [(expired_script(), 254), (success_script(), 0)] {
        let out = s.aws_cmd(&script).args(["s3", "ls"]).output().unwrap();
        let direct = s.direct_cmd(&script).args(["s3", "ls"]).output().unwrap();
        assert_eq!(out.status.code(), Some(code));
        assert_eq!(out.stdout, direct.stdout);
    }
    // A read-only directory (root ignores the mode; the exit code is what must hold).
    let s = Sandbox::new();
    std::fs::create_dir_all(s.state_dir()).unwrap();
    std::fs::set_permissions(s.state_dir(), std::fs::Permissions::from_mode(0o500)).unwrap();
    let out = s
        .aws_cmd(&expired_script())
        .args(["s3", "ls"])
        .output()
        .unwrap();
    std::fs::set_permissions(s.state_dir(), std::fs::Permissions::from_mode(0o700)).unwrap();
    assert_eq!(out.status.code(), Some(254));
    assert_eq!(out.stdout, b"partial listing\n");
    assert!(String::from_utf8_lossy(&out.stderr).contains("ExpiredToken"));
}

#[test]
fn without_home_aws_still_works() {
    let s = Sandbox::new();
    for (script, code) in [(expired_script(), 254), (success_script(), 0)] {
        let out = s
            .aws_cmd(&script)
            .env_remove("HOME")
            .env_remove("XDG_STATE_HOME")
            .env_remove("XDG_DATA_HOME")
            .args(["s3", "ls"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(code));
        assert!(!out.stdout.is_empty());
    }
    assert!(!s.state_dir().exists());
}

#[test]
fn no_secret_reaches_the_state_directory() {
    let s = Sandbox::new();
    let secrets = [
        "AKIAZZSECRETKEYID0001",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETSECRET",
        "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKENSECRET",
    ];
    s.write(
        "home/.aws/credentials",
        format!(
            "[default]\naws_access_key_id = {}\naws_secret_access_key = {}\naws_session_token = {}\n",
            secrets[0], secrets[1], secrets[2]
        ),
    );
    let noisy = json!([{ "err": format!("\nAn error occurred (ExpiredToken) when calling the GetCallerIdentity operation: token {} expired\n", secrets[2]) }, { "exit": 254 }]);
    for profile in ["default", "dev"] {
        let out = s
            .aws_cmd(&noisy)
            .env("AWS_ACCESS_KEY_ID", secrets[0])
            .env("AWS_SECRET_ACCESS_KEY", secrets[1])
            .env("AWS_SESSION_TOKEN", secrets[2])
            .args(["sts", "get-caller-identity", "--profile", profile])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(254));
    }
    let files = state_files(&s);
    assert!(files.len() >= 4, "{files:?}");
    for name in files {
        let text = read(&s.state_dir().join(&name));
        for secret in secrets {
            assert!(!text.contains(secret), "{name} holds a secret: {text}");
        }
    }
}

/// An S3 status without a reason (`400 Bad Request` on HeadObject) may or may not be expired
/// credentials: it is not recorded as a failure, and it does not clear one either.
#[test]
fn an_ambiguous_s3_status_is_not_recorded() {
    let s = Sandbox::new();
    let head_400 = json!([
        { "err": "fatal error: An error occurred (400) when calling the HeadObject operation: Bad Request\n" },
        { "exit": 1 }
    ]);
    let out = s
        .aws_cmd(&head_400)
        .args(["s3", "cp", "s3://b/k", ".", "--profile", "dev"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(state_files(&s).is_empty(), "{:?}", state_files(&s));

    // After a recorded failure, the ambiguous status leaves the record as it is.
    s.aws_cmd(&expired_script())
        .args(["s3", "ls", "--profile", "dev"])
        .output()
        .unwrap();
    let before = read(&s.state_dir().join("dev.failure"));
    s.aws_cmd(&head_400)
        .args(["s3", "cp", "s3://b/k", ".", "--profile", "dev"])
        .output()
        .unwrap();
    assert_eq!(read(&s.state_dir().join("dev.failure")), before);
}

/// `aws --version` and `aws configure list` succeed without using the credentials: they do not
/// clear a recorded failure; a call that reaches AWS does.
#[test]
fn only_a_call_that_reaches_aws_clears_a_failure() {
    let s = Sandbox::new();
    s.aws_cmd(&expired_script())
        .args(["s3", "ls"])
        .output()
        .unwrap();
    let failure = s.state_dir().join("default.failure");
    assert!(failure.exists());
    for args in [&["--version"][..], &["configure", "list"], &["s3", "help"]] {
        let out = s.aws_cmd(&success_script()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        assert!(failure.exists(), "{args:?} cleared the failure");
    }
    s.aws_cmd(&success_script())
        .args(["s3", "ls"])
        .output()
        .unwrap();
    assert!(!failure.exists());
}

/// A wrong clock is not dead credentials: nothing is recorded for the prompt to show.
#[test]
fn clock_skew_is_not_recorded() {
    let s = Sandbox::new();
    let script = json!([
        { "err": "\nAn error occurred (RequestExpired) when calling the DescribeInstances operation: Request has expired.\n" },
        { "exit": 254 }
    ]);
    let out = s
        .aws_cmd(&script)
        .args(["ec2", "describe-instances"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(254));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("aws-shim:"),
        "still explained"
    );
    assert!(!s.state_dir().join("default.failure").exists());
}
