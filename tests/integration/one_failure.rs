//! One failure, every path: a role that needs a new MFA code (`mfa-required`) keeps its rule
//! from the CLI's line through the state file to the wrapper's explanation, the warning line
//! in the prompt cache, `doctor` and `explain`.

use crate::support::{Sandbox, catalogue_text};
use serde_json::{Value, json};

const MFA_LINE: &str = "Cannot refresh credentials: MFA token required.";

/// An assume-role profile with an MFA device, over long-term keys.
fn role_sandbox() -> Sandbox {
    let s = Sandbox::new();
    s.write(
        "home/.aws/config",
        "[profile base]\nregion = us-east-1\n\n[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/me\n",
    );
    s.write(
        "home/.aws/credentials",
        "[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
    );
    s
}

/// The first sentence of a catalogue message: enough to know it was chosen.
fn start_of(lang: &str, id: &str) -> String {
    let text = catalogue_text(lang, id);
    text.split(['{', '.', '。'])
        .next()
        .unwrap()
        .trim()
        .to_owned()
}

/// `aws s3 ls --profile admin` that fails as the CLI does when the role needs a new code.
fn fail_with_mfa(s: &Sandbox) -> std::process::Output {
    s.aws_cmd(&json!([{ "err": format!("\n{MFA_LINE}\n") }, { "exit": 255 }]))
        .args(["s3", "ls", "--profile", "admin"])
        .output()
        .unwrap()
}

#[test]
fn the_wrapper_explains_it_and_records_its_rule() {
    let s = role_sandbox();
    let out = fail_with_mfa(&s);
    assert_eq!(out.status.code(), Some(255));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("\n{MFA_LINE}\n")), "{stderr}");
    assert!(stderr.contains(&start_of("en", "mfa-required")), "{stderr}");
    assert!(!stderr.contains("credential_process"), "{stderr}");
    let failure = std::fs::read_to_string(s.state_dir().join("admin.failure")).unwrap();
    assert!(
        failure.lines().any(|l| l == "rule=mfa-required"),
        "{failure}"
    );
    assert!(
        failure.lines().any(|l| l == "source=assume-role"),
        "{failure}"
    );
}

#[test]
fn the_warning_line_gives_the_mfa_remedy() {
    let s = role_sandbox();
    fail_with_mfa(&s);
    let cache = std::fs::read_to_string(s.state_dir().join("admin.prompt")).unwrap();
    let warning = cache.lines().nth(3).unwrap();
    assert!(
        warning.contains(&catalogue_text("en", "shell-remedy-mfa")),
        "{warning}"
    );
    assert!(!warning.contains("credential_process"), "{warning}");
}

#[test]
fn doctor_gives_the_mfa_advice_for_the_recorded_failure() {
    let s = role_sandbox();
    fail_with_mfa(&s);
    let doctor = s
        .command(crate::support::shim_bin())
        .args(["doctor", "--json", "--profile", "admin"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&doctor.stdout).unwrap();
    assert_eq!(report["last_failure"]["rule"], "mfa-required", "{report:#}");
    let ids = crate::support::problem_ids(&report);
    assert!(ids.iter().any(|i| i == "mfa-required"), "{ids:?}");
    assert!(
        !ids.iter().any(|i| i == "credential-process-failed"),
        "{ids:?}"
    );
    let text = s
        .command(crate::support::shim_bin())
        .args(["doctor", "--profile", "admin", "--lang", "ja"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains(&start_of("ja", "mfa-required")), "{text}");
    assert!(
        text.contains(&start_of("ja", "step-mfa-terminal")),
        "{text}"
    );
}

#[test]
fn explain_gives_the_mfa_advice_for_the_line_and_for_its_name() {
    let s = role_sandbox();
    for what in [MFA_LINE, "mfa-required"] {
        let out = s
            .command(crate::support::shim_bin())
            .args(["explain", what, "--profile", "admin"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{what}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains(&start_of("en", "mfa-required")),
            "{what}: {text}"
        );
        assert!(!text.contains("credential_process"), "{what}: {text}");
    }
}

/// `explain` as people use it: a whole stderr from a pipe, an unquoted paste, nothing
/// recognised, the list of what it knows, and `--lang` limited to ja and en.
#[test]
fn explain_from_a_pipe_a_paste_and_its_errors() {
    use std::io::Write;
    let s = Sandbox::new();
    let explain = |args: &[&str], stdin: &str| {
        let mut child = s
            .command(crate::support::shim_bin())
            .arg("explain")
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let stderr = "2026-11-27 08:09:10,130 - MainThread - botocore.parsers - DEBUG - Response body: <Code>ExpiredToken</Code>\n\naws: [ERROR]: An error occurred (ExpiredToken) when calling the ListBuckets operation (reached max retries: 0): The provided token has expired.\n";
    for args in [&[][..], &["-"][..]] {
        let out = explain(args, stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(text.matches("aws-shim:").count(), 1, "{text}");
    }
    let out = explain(
        &[],
        "An error occurred (AccessDenied) when calling the X operation: no\n",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(&crate::support::catalogue_text(
            "en",
            "explain-nothing-found"
        ))
    );
    // An unquoted paste arrives as words.
    let words: Vec<&str> = "An error occurred (ExpiredToken) when calling the ListBuckets operation: The provided token has expired."
        .split(' ')
        .collect();
    let out = explain(&words, "");
    assert_eq!(out.status.code(), Some(0));
    // What it knows: codes and messages, never rule ids or bare statuses.
    let out = explain(&["Bogus"], "");
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains("ExpiredToken") && !text.contains("expired-token"),
        "{text}"
    );
    assert!(!text.contains("400") && !text.contains("s3-head"), "{text}");
    // --lang: ja or en.
    let out = explain(&["ExpiredToken", "--lang", "fr"], "");
    assert_eq!(out.status.code(), Some(2));
}

/// An AWS_SHIM_LANG that means nothing: doctor says so; the wrapper stays silent about it
/// and uses the next source.
#[test]
fn a_meaningless_aws_shim_lang() {
    let s = Sandbox::new();
    let out = s
        .command(crate::support::shim_bin())
        .args(["doctor", "--json"])
        .env("AWS_SHIM_LANG", "klingon")
        .env("LANG", "ja_JP.UTF-8")
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["language"]["code"], "ja");
    let ids = crate::support::problem_ids(&v);
    assert!(ids.iter().any(|i| i == "doctor-bad-lang"), "{ids:?}");
    let out = s
        .aws_cmd(&json!([{ "err": "\nAn error occurred (ExpiredToken) when calling the ListBuckets operation: The provided token has expired.\n" }, { "exit": 254 }]))
        .args(["s3", "ls"])
        .env("AWS_SHIM_LANG", "klingon")
        .env("LANG", "ja_JP.UTF-8")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("klingon") && stderr.contains("ます"),
        "{stderr}"
    );
}
