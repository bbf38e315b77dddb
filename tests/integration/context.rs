//! Remedies in context: one fixture HOME per kind of credential source, through the real
//! wrapper with the stand-in CLI writing the real AWS CLI error text.

use crate::support::{Sandbox, fixtures_dir, shim_bin, two_session_profiles};
use serde_json::json;

pub const HEADER: &str = "# Do not modify this file, if this file is modified it will not be updated. If the file is deleted, it will be recreated on Fri Nov 27 2026 07:50:00 GMT+0000 (Coordinated Universal Time).\n# 8220f463d27c92d456e0ed80ea067a64888dfe3e4870771adbdb039064ecfeda #\n";
pub const SESSION_KEYS: &str = "aws_access_key_id=ASIAFIXTUREKEYID0001\naws_secret_access_key=fixtureSecretAccessKey0001\naws_session_token=fixtureSessionToken0001\n";
pub const LONG_KEYS: &str = "aws_access_key_id = AKIAFIXTUREKEYID0002\naws_secret_access_key = fixtureSecretAccessKey0002\n";
/// botocore's cache file name for the `admin` profile's AssumeRole call:
/// `{"RoleArn": "arn:aws:iam::123456789012:role/admin", "SerialNumber": "arn:aws:iam::123456789012:mfa/alice"}`.
pub const ROLE_CACHE: &str = "c08bbcd61d2960e17757c33319b79219a44dea4e.json";

const STS_EXPIRED: &str = "v1-sts-expiredtoken.stderr";

pub fn sha1_json(name: &str) -> String {
    format!("{}.json", sha1_smol::Sha1::from(name).digest())
}

pub fn role_cache_json(expiration: &str) -> String {
    format!(
        r#"{{"Credentials": {{"AccessKeyId": "ASIAFIXTUREKEYID0003", "SecretAccessKey": "fixtureSecretAccessKey0003", "SessionToken": "fixtureSessionToken0003", "Expiration": "{expiration}"}}, "AssumedRoleUser": {{"AssumedRoleId": "AROAFIXTURE:botocore-session-1", "Arn": "arn:aws:sts::123456789012:assumed-role/admin/botocore-session-1"}}}}"#
    )
}

pub fn sso_config(s: &Sandbox) {
    s.write(
        "home/.aws/config",
        "[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Admin\n\
         [sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n\
         [profile legacy]\nsso_start_url = https://legacy.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 1\nsso_role_name = R\n\
         [profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/alice\n\
         [profile tool]\ncredential_process = /opt/bin/get-creds --account 1\n",
    );
}

pub const SSO_TOKEN_EXPIRED: &str = r#"{"accessToken": "fixtureSsoAccessToken0005", "expiresAt": "2020-01-01T00:00:00Z", "refreshToken": "fixtureRefreshToken0005", "clientId": "fixtureClientId0005", "clientSecret": "fixtureClientSecret0005", "registrationExpiresAt": "2020-01-01T00:00:00Z"}"#;

/// Run `aws ARGS` through the shim; the stand-in writes `stderr` and exits 255. Returns the
/// shim's stderr.
fn aws(s: &Sandbox, env: &[(&str, &str)], args: &[&str], stderr: &str) -> String {
    let script = json!([{ "err": stderr }, { "exit": 255 }]);
    let mut cmd = s.aws_cmd(&script);
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(255), "the exit code passes through");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(fixtures_dir().join(name)).unwrap()
}

fn assert_no_cloud9(text: &str) {
    assert!(
        !text.contains("Cloud9") && !text.contains("owner"),
        "Cloud9 advice outside Cloud9:\n{text}"
    );
}

#[test]
fn sso_expired_names_the_profile_or_the_session() {
    let s = Sandbox::new();
    sso_config(&s);
    s.write(
        &format!("home/.aws/sso/cache/{}", sha1_json("corp")),
        SSO_TOKEN_EXPIRED,
    );
    let err = aws(
        &s,
        &[("AWS_PROFILE", "dev")],
        &["s3", "ls"],
        &fixture("v2-sso-session-expired.stderr"),
    );
    assert!(err.contains("aws sso login --profile dev"), "{err}");
    assert_no_cloud9(&err);
    // An ExpiredToken from the same profile leads to the same sign-in.
    let err = aws(
        &s,
        &[],
        &["s3", "ls", "--profile", "dev"],
        &fixture(STS_EXPIRED),
    );
    assert!(err.contains("aws sso login --profile dev"), "{err}");
    // The default profile using the session: the session is named.
    s.write("home/.aws/config", "[default]\nsso_session = corp\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n");
    let err = aws(&s, &[], &["s3", "ls"], &fixture(STS_EXPIRED));
    assert!(err.contains("aws sso login --sso-session corp"), "{err}");
}

#[test]
fn legacy_sso_and_missing_token() {
    let s = Sandbox::new();
    sso_config(&s);
    s.write(
        &format!(
            "home/.aws/sso/cache/{}",
            sha1_json("https://legacy.awsapps.com/start")
        ),
        SSO_TOKEN_EXPIRED,
    );
    let err = aws(
        &s,
        &[("AWS_PROFILE", "legacy")],
        &["s3", "ls"],
        &fixture("v1-sso-legacy-expired.stderr"),
    );
    assert!(err.contains("aws sso login --profile legacy"), "{err}");
    let err = aws(
        &s,
        &[("AWS_PROFILE", "dev")],
        &["s3", "ls"],
        "\nError loading SSO Token: Token for corp does not exist\n",
    );
    assert!(
        err.contains("aws sso login --profile dev") && err.contains("no IAM Identity Center"),
        "{err}"
    );
}

#[test]
fn assume_role_with_mfa_names_the_stale_cache_file() {
    let s = Sandbox::new();
    sso_config(&s);
    s.write("home/.aws/credentials", format!("[base]\n{LONG_KEYS}"));
    let cache = s.write(
        &format!("home/.aws/cli/cache/{ROLE_CACHE}"),
        role_cache_json("2020-01-01T00:00:00UTC"),
    );
    let err = aws(
        &s,
        &[],
        &["sts", "get-caller-identity", "--profile", "admin"],
        &fixture(STS_EXPIRED),
    );
    assert!(err.contains(&format!("rm {}", cache.display())), "{err}");
    assert!(
        err.contains("profile admin") && err.contains("MFA"),
        "{err}"
    );
    assert_no_cloud9(&err);
}

#[test]
fn exported_session_lists_the_stale_variables() {
    let s = Sandbox::new();
    let keys = [
        ("AWS_ACCESS_KEY_ID", "ASIAFIXTUREKEYID0004"),
        ("AWS_SECRET_ACCESS_KEY", "fixtureSecretAccessKey0004"),
        ("AWS_SESSION_TOKEN", "fixtureSessionToken0004"),
    ];
    for (var, when, past) in [
        ("AWS_CREDENTIAL_EXPIRATION", "2020-01-01T00:00:00Z", true),
        (
            "AWS_CREDENTIAL_EXPIRATION",
            "2020-01-01T09:00:00+09:00",
            true,
        ),
        ("AWS_SESSION_EXPIRATION", "2999-01-01T00:00:00Z", false),
        ("AWS_SESSION_EXPIRATION", "2999-01-01T09:00:00+09:00", false),
    ] {
        let mut env = keys.to_vec();
        env.push((var, when));
        let err = aws(
            &s,
            &env,
            &["s3", "ls"],
            &fixture("v1-s3-ls-expiredtoken.stderr"),
        );
        assert!(
            err.contains(&format!(
                "unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN {var}"
            )),
            "{err}"
        );
        assert_eq!(
            err.contains(&crate::support::catalogue_text("en", "label-expired-at")[..11]),
            past,
            "{var}={when}:\n{err}"
        );
        assert_no_cloud9(&err);
        assert!(
            !err.contains("fixtureSecretAccessKey0004") && !err.contains("fixtureSessionToken0004")
        );
    }
}

#[test]
fn cloud9_advice_only_in_cloud9() {
    let s = Sandbox::new();
    // The managed file with its header: Cloud9 even without the C9_* variables.
    s.write(
        "home/.aws/credentials",
        format!("{HEADER}[default]\n{SESSION_KEYS}"),
    );
    let err = aws(&s, &[], &["s3", "ls"], &fixture(STS_EXPIRED));
    assert!(err.contains("Cloud9") && err.contains("owner"), "{err}");
    // InvalidClientTokenId in Cloud9: an action managed credentials do not allow.
    let invalid = "\nAn error occurred (InvalidClientTokenId) when calling the CreateRole operation: The security token included in the request is invalid.\n";
    let err = aws(&s, &[], &["iam", "create-role"], invalid);
    assert!(err.contains("sts:AssumeRole"), "{err}");
    // The file edited (no header) while C9_PID says Cloud9.
    s.write(
        "home/.aws/credentials",
        format!("[default]\n{SESSION_KEYS}"),
    );
    let err = aws(
        &s,
        &[("C9_PID", "0123456789abcdef"), ("C9_PROJECT", "team")],
        &["s3", "ls"],
        &fixture(STS_EXPIRED),
    );
    assert!(err.contains("mv ~/.aws/credentials"), "{err}");
    // The same file outside Cloud9: session keys copied into a file, no word of owners.
    let err = aws(&s, &[], &["s3", "ls"], &fixture(STS_EXPIRED));
    assert!(
        err.contains("session keys stored for profile default"),
        "{err}"
    );
    assert_no_cloud9(&err);
    let err = aws(&s, &[], &["iam", "create-role"], invalid);
    assert!(err.contains("aws configure list"), "{err}");
    assert_no_cloud9(&err);
}

/// In Cloud9, a profile of its own (SSO here) gets its own advice: nothing of the managed
/// file's overdue renewal, nothing of owners.
#[test]
fn cloud9_managed_file_does_not_speak_for_other_profiles() {
    let s = Sandbox::new();
    s.write(
        "home/.aws/credentials",
        format!("{HEADER}[default]\n{SESSION_KEYS}"),
    );
    sso_config(&s);
    let c9 = [("C9_PID", "0123456789abcdef")];
    let err = aws(&s, &c9, &["s3", "ls"], &fixture(STS_EXPIRED));
    assert!(
        err.contains("~/.aws/credentials"),
        "the default profile: {err}"
    );
    let err = aws(
        &s,
        &c9,
        &["s3", "ls", "--profile", "dev"],
        &fixture(STS_EXPIRED),
    );
    assert!(err.contains("aws sso login --profile dev"), "{err}");
    assert_no_cloud9(&err);
}

#[test]
fn credential_process_container_and_long_term_keys() {
    let s = Sandbox::new();
    sso_config(&s);
    let err = aws(
        &s,
        &[("AWS_PROFILE", "tool")],
        &["s3", "ls"],
        "\nError when retrieving credentials from custom-process: token service said no\n",
    );
    assert!(
        err.contains("token service said no") && err.contains("/opt/bin/get-creds --account 1"),
        "{err}"
    );
    let err = aws(
        &s,
        &[(
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "/v2/credentials/x",
        )],
        &["s3", "ls"],
        &fixture(STS_EXPIRED),
    );
    assert!(
        err.contains("container credentials") && err.contains("CloudShell"),
        "{err}"
    );
    assert_no_cloud9(&err);
    s.write("home/.aws/credentials", format!("[default]\n{LONG_KEYS}"));
    let invalid = "\nAn error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.\n";
    let err = aws(&s, &[], &["sts", "get-caller-identity"], invalid);
    assert!(err.contains("aws configure list"), "{err}");
    assert_no_cloud9(&err);
}

#[test]
fn clock_skew_says_how_to_fix_the_clock() {
    let s = Sandbox::new();
    let err = aws(
        &s,
        &[],
        &["ec2", "describe-instances"],
        "\nAn error occurred (RequestExpired) when calling the DescribeInstances operation: Request has expired.\n",
    );
    assert!(
        err.contains("date -u") && err.contains("timedatectl"),
        "{err}"
    );
}

#[test]
fn s3_head_hint_only_for_expired_or_unknown_temporary_credentials() {
    let s = Sandbox::new();
    let line =
        "fatal error: An error occurred (400) when calling the HeadObject operation: Bad Request\n";
    let session = [
        ("AWS_ACCESS_KEY_ID", "ASIAFIXTUREKEYID0004"),
        ("AWS_SECRET_ACCESS_KEY", "fixtureSecretAccessKey0004"),
        ("AWS_SESSION_TOKEN", "fixtureSessionToken0004"),
    ];
    // Unknown expiry: one hint line after the untouched line.
    let err = aws(&s, &session, &["s3", "cp", "s3://b/k", "."], line);
    let extra = err
        .strip_prefix(line)
        .unwrap_or_else(|| panic!("line kept first: {err}"));
    assert_eq!(extra.lines().count(), 1, "{err}");
    assert!(
        extra.contains("may have expired") && extra.contains("aws sts get-caller-identity"),
        "{err}"
    );
    // Known to be expired.
    let mut expired = session.to_vec();
    expired.push(("AWS_CREDENTIAL_EXPIRATION", "2020-01-01T00:00:00Z"));
    let err = aws(&s, &expired, &["s3", "cp", "s3://b/k", "."], line);
    assert!(err.contains("likely cause"), "{err}");
    // Still valid, or long-term keys: nothing added.
    let mut valid = session.to_vec();
    valid.push(("AWS_CREDENTIAL_EXPIRATION", "2999-01-01T00:00:00Z"));
    assert_eq!(aws(&s, &valid, &["s3", "cp", "s3://b/k", "."], line), line);
    let forbidden =
        "fatal error: An error occurred (403) when calling the HeadObject operation: Forbidden\n";
    // A 403 is mostly permissions: with temporary credentials of unknown expiry, no hint;
    // known to be expired, the hint.
    assert_eq!(
        aws(&s, &session, &["s3", "cp", "s3://b/k", "."], forbidden),
        forbidden
    );
    let err = aws(&s, &expired, &["s3", "cp", "s3://b/k", "."], forbidden);
    assert!(err.contains("likely cause"), "{err}");
    s.write("home/.aws/credentials", format!("[default]\n{LONG_KEYS}"));
    assert_eq!(
        aws(&s, &[], &["s3", "cp", "s3://b/k", "."], forbidden),
        forbidden
    );
}

#[test]
fn explain_uses_the_current_context_and_profile() {
    let s = Sandbox::new();
    sso_config(&s);
    let out = s
        .command(crate::support::shim_bin())
        .args(["explain", "ExpiredToken", "--profile", "dev"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && text.contains("aws sso login --profile dev"),
        "{text}"
    );
    let line = "An error occurred (ExpiredToken) when calling the ListBuckets operation: The provided token has expired.";
    let out = s
        .command(crate::support::shim_bin())
        .args(["explain", line])
        .env("AWS_PROFILE", "legacy")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("aws sso login --profile legacy"));
}

/// Tools that sync accounts write a profile per account and role: a config of 10,000 SSO
/// profiles (well over a MiB) is read whole, its last profile as well as its first.
#[test]
fn a_config_of_ten_thousand_profiles_is_read_whole() {
    use std::fmt::Write as _;
    let s = Sandbox::new();
    let mut config = String::from(
        "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n",
    );
    for i in 0..10_000u64 {
        writeln!(
            config,
            "[profile account-{i:05}]\nsso_session = corp\nsso_account_id = {}\nsso_role_name = AdministratorAccess\nregion = ap-northeast-1\n",
            100_000_000_000 + i
        )
        .unwrap();
    }
    assert!(config.len() > 1 << 20, "{} bytes", config.len());
    s.write("home/.aws/config", &config);
    for profile in ["account-00000", "account-09999"] {
        let out = s
            .command(crate::support::shim_bin())
            .args(["doctor", "--json", "--profile", profile])
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["credentials"]["kind"], "sso", "{profile}: {v}");
        let problems = crate::support::problem_ids(&v);
        assert!(
            !problems.iter().any(|p| p == "no-credentials"),
            "{profile}: {problems:?}"
        );
    }
}

/// A config file past the bound aws-shim reads (64 MiB) is read up to it, and said so: a
/// doctor problem, and a note in every explanation.
#[test]
fn a_config_past_the_bound_is_said_to_be_read_in_part() {
    let s = Sandbox::new();
    let path = s.write(
        "home/.aws/config",
        "[profile dev]\nregion = us-east-1\nsso_session = corp\n# ",
    );
    // Sparse: 65 MiB on the file system's word, no disk; one long comment line.
    let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    file.set_len(65 << 20).unwrap();
    drop(file);
    let shown = path.display().to_string();
    // Reading 64 MiB costs seconds in a debug build: one run in each language.
    let out = s
        .command(crate::support::shim_bin())
        .args(["doctor", "--json", "--lang", "ja", "--profile", "dev"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["credentials"]["kind"], "sso", "what comes first is read");
    let problem = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "doctor-file-too-large")
        .unwrap_or_else(|| panic!("{v}"));
    let text = problem["text"].as_str().unwrap();
    assert!(
        text.contains(&shown) && text.contains("先頭の 64 MiB"),
        "{text}"
    );
    let err = aws(
        &s,
        &[],
        &["sts", "get-caller-identity"],
        &fixture(STS_EXPIRED),
    );
    assert!(
        err.contains(&shown) && err.contains("read only its first 64 MiB"),
        "{err}"
    );
    // Within the bound: no note.
    std::fs::write(&path, "[profile dev]\nregion = us-east-1\n").unwrap();
    let err = aws(
        &s,
        &[],
        &["sts", "get-caller-identity"],
        &fixture(STS_EXPIRED),
    );
    assert!(!err.contains("64 MiB"), "{err}");
}

/// Values from the config file reach the terminal with their control characters escaped, in
/// every message (explanations, doctor's text): an escape sequence in `mfa_serial`,
/// `role_arn`, `credential_process` or a profile's name can neither clear the screen, set the
/// title nor forge a line.
#[test]
fn config_values_reach_the_terminal_escaped() {
    let s = Sandbox::new();
    s.write(
        "home/.aws/config",
        "[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\x1b]0;owned\x07\n\
         source_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/alice\x1b[2J\n\
         [profile tool]\ncredential_process = /opt/bin/get-creds\x1b[8m --hidden\n\
         [profile evil\x1b[31m]\nregion = us-east-1\ncredential_process = /opt/bin/x\n",
    );
    s.write("home/.aws/credentials", format!("[base]\n{LONG_KEYS}"));
    let mut shown = Vec::new();
    shown.push(aws(
        &s,
        &[("AWS_PROFILE", "admin")],
        &["s3", "ls"],
        &fixture(STS_EXPIRED),
    ));
    shown.push(aws(
        &s,
        &[("AWS_PROFILE", "tool")],
        &["s3", "ls"],
        "\nError when retrieving credentials from custom-process: not signed in\n",
    ));
    for profile in ["admin", "tool", "evil\x1b[31m"] {
        let out = s
            .command(crate::support::shim_bin())
            .args(["doctor", "--profile", profile])
            .output()
            .unwrap();
        shown.push(String::from_utf8_lossy(&out.stdout).into_owned());
    }
    for text in &shown {
        assert!(!text.contains('\x1b') && !text.contains('\x07'), "{text:?}");
    }
    let all = shown.concat();
    for escaped in [
        "mfa/alice\\x1b[2J",
        "get-creds\\x1b[8m --hidden",
        "role/admin\\x1b]0;owned\\x07",
        "evil\\x1b[31m",
    ] {
        assert!(all.contains(escaped), "{escaped} not in {all}");
    }
}

#[test]
fn a_ci_job_is_told_about_its_session_length_never_to_sign_in() {
    let s = Sandbox::new();
    let keys = [
        ("AWS_ACCESS_KEY_ID", "ASIAFIXTUREKEYID0001"),
        ("AWS_SECRET_ACCESS_KEY", "fixtureSecret"),
        ("AWS_SESSION_TOKEN", "fixtureSessionToken"),
    ];
    let mut job = keys.to_vec();
    job.push(("GITHUB_ACTIONS", "true"));
    let err = aws(&s, &job, &["s3", "ls"], &fixture(STS_EXPIRED));
    assert!(err.contains("role-duration-seconds"), "{err}");
    assert!(
        err.contains("MaxSessionDuration") || err.contains("max-session-duration"),
        "{err}"
    );
    assert!(
        !err.contains("export them again") && !err.contains("sso login"),
        "{err}"
    );
    // The same keys in a shell that is no CI job: today's advice.
    let err = aws(&s, &keys, &["s3", "ls"], &fixture(STS_EXPIRED));
    assert!(!err.contains("role-duration-seconds"), "{err}");
}

/// `aws-shim explain` names the profile the CLI behind `aws` would use: with AWS CLI v1
/// (botocore) and both variables set, AWS_DEFAULT_PROFILE; with v2 (the stand-in),
/// AWS_PROFILE.
#[test]
fn explain_follows_the_clis_profile_order() {
    let s = Sandbox::new();
    two_session_profiles(&s, ["", ""]);
    // An AWS CLI v1 install, known by its path (`.../awscli/1.x.y/...`).
    let v1 = s.write_exe("opt/awscli/1.36.0/bin/aws", "#!/bin/sh\nexit 0\n");
    let explain = |real: Option<&std::path::Path>| {
        let mut cmd = s.command(shim_bin());
        cmd.args(["explain", "ExpiredToken"])
            .env("AWS_PROFILE", "first")
            .env("AWS_DEFAULT_PROFILE", "second");
        if let Some(real) = real {
            cmd.env("AWS_SHIM_REAL_AWS", real);
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stdout).unwrap()
    };
    let text = explain(Some(&v1));
    assert!(
        text.contains("profile second") && !text.contains("profile first"),
        "{text}"
    );
    let text = explain(None);
    assert!(
        text.contains("profile first") && !text.contains("profile second"),
        "{text}"
    );
}
