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
    let ids: Vec<&str> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"mfa-required"), "{ids:?}");
    assert!(!ids.contains(&"credential-process-failed"), "{ids:?}");
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
