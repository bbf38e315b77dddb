//! aws-shim in each place of tests/fixtures/places/NAME: the environment of its `env` file
//! (HOME stays the sandbox's) and `AWS_SHIM_PLACE_ROOT` at its `root/`. Doctor names the
//! place and what recognised it, and its remedies are the place's, as the explanation of a
//! failure there is and the hooks' warning before the next `aws` command.

use crate::support::{Sandbox, catalogue_text, problem_ids, shim_bin};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/places")
        .join(name)
}

/// The fixture's variables, without HOME (the sandbox's stays).
fn fixture_env(name: &str) -> Vec<(String, String)> {
    std::fs::read_to_string(fixture_dir(name).join("env"))
        .unwrap()
        .lines()
        .filter_map(|l| l.split_once('='))
        .filter(|(k, _)| *k != "HOME")
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

/// The root of the machine's files for `name`: the fixture's own, or for the dev container a
/// copy whose mount table mounts the sandbox's `~/.aws` (the fixture's mounts
/// /home/vscode/.aws, and HOME stays the sandbox's).
fn machine_root(s: &Sandbox, name: &str) -> PathBuf {
    let root = fixture_dir(name).join("root");
    if name != "devcontainer" {
        return root;
    }
    let mountinfo = std::fs::read_to_string(root.join("proc/self/mountinfo")).unwrap();
    let home = s.home();
    let mounted = mountinfo.replace("/home/vscode", home.to_str().unwrap());
    s.write("devcontainer/proc/self/mountinfo", mounted);
    s.path().join("devcontainer")
}

/// A command of the sandbox run in the place `name`, times in UTC.
fn in_place(s: &Sandbox, name: &str, program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut cmd = s.command(program);
    cmd.envs(fixture_env(name))
        .env("AWS_SHIM_PLACE_ROOT", machine_root(s, name))
        .env("TZ", "UTC");
    cmd
}

fn doctor(s: &Sandbox, name: &str, args: &[&str]) -> String {
    let out = in_place(s, name, shim_bin())
        .arg("doctor")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn doctor_json(s: &Sandbox, name: &str, args: &[&str]) -> Value {
    let out = doctor(s, name, &[&["--json"], args].concat());
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}\n{out}"))
}

/// An `aws` call through the wrapper in the place, failing with `line`: the failure is
/// recorded for doctor to find.
fn fail_with(s: &Sandbox, name: &str, line: &str) {
    let script = serde_json::json!([{ "err": format!("\n{line}\n") }, { "exit": 254 }]);
    let out = in_place(s, name, s.aws())
        .env("AWS_SHIM_STAND_IN", script.to_string())
        .args(["s3", "ls"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(254));
}

const EXPIRED: &str = "An error occurred (ExpiredToken) when calling the ListBuckets operation: The provided token has expired.";
const MISSING: &str =
    "Unable to locate credentials. You can configure credentials by running \"aws configure\".";

/// Each fixture's place as doctor names it, in text and JSON; the unknown machine has none.
#[test]
fn doctor_names_each_place_and_its_evidence() {
    let places = [
        ("cloudshell", Some("cloudshell")),
        ("codebuild", Some("codebuild")),
        ("devcontainer", Some("mounted-aws")),
        ("ec2-docker", Some("ec2-container")),
        ("ec2-host", Some("ec2")),
        ("ec2-xen-cgroup", Some("ec2-container")),
        ("ecs", Some("ecs")),
        ("eks-irsa", Some("eks-irsa")),
        ("eks-pod-identity", Some("eks-pod-identity")),
        ("github-actions", Some("github-actions")),
        ("gitlab-ci", Some("gitlab-ci")),
        ("sagemaker-notebook", Some("sagemaker-notebook")),
        ("sagemaker-studio", Some("sagemaker-studio")),
        ("unknown", None),
    ];
    for (name, id) in places {
        let s = Sandbox::new();
        let v = doctor_json(&s, name, &[]);
        let place = &v["place"];
        assert_eq!(place["id"].as_str(), id, "{name}: {v:#}");
        for lang in ["en", "ja"] {
            let text = doctor(&s, name, &["--lang", lang]);
            let label = catalogue_text(lang, "doctor-place");
            let row = text
                .lines()
                .find(|l| l.trim_start().starts_with(&format!("{label}: ")))
                .unwrap_or_else(|| panic!("{name}: no place row in\n{text}"));
            let Some(id) = id else {
                assert!(
                    row.ends_with(&catalogue_text(lang, "doctor-place-none")),
                    "{row}"
                );
                assert!(
                    !text.contains(&catalogue_text(lang, "doctor-place-evidence")),
                    "{text}"
                );
                continue;
            };
            assert!(
                row.contains(&catalogue_text(lang, &format!("place-{id}"))),
                "{name}: {row}"
            );
            let v = doctor_json(&s, name, &["--lang", lang]);
            assert_eq!(
                v["place"]["name"].as_str().unwrap(),
                catalogue_text(lang, &format!("place-{id}"))
            );
            let evidence: Vec<&str> = v["place"]["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e.as_str().unwrap())
                .collect();
            assert!(!evidence.is_empty(), "{name}");
            let evidence_row = format!(
                "{}: {}",
                catalogue_text(lang, "doctor-place-evidence"),
                evidence.join(", ")
            );
            assert!(
                text.contains(&evidence_row),
                "{name}: {evidence_row}\n{text}"
            );
        }
    }
    // What the unknown machine's JSON says: no place at all.
    let s = Sandbox::new();
    assert_eq!(doctor_json(&s, "unknown", &[])["place"], Value::Null);
}

/// CloudShell's console credentials expired: doctor's remedy is to sign in to the console
/// again, not the container endpoint's generic one, in text and JSON, in both languages.
#[test]
fn cloudshell_expired_credentials_get_the_place_remedy() {
    let s = Sandbox::new();
    fail_with(&s, "cloudshell", EXPIRED);
    for lang in ["en", "ja"] {
        let text = doctor(&s, "cloudshell", &["--lang", lang]);
        assert!(
            text.contains(&format!(
                "{}: {}",
                catalogue_text(lang, "doctor-place"),
                catalogue_text(lang, "place-cloudshell")
            )),
            "{text}"
        );
        let sign_in = catalogue_text(lang, "step-place-cloudshell-sign-in");
        assert!(text.contains(&format!("1. {sign_in}")), "{text}");
        assert!(
            text.contains(&format!(
                "2. {}",
                catalogue_text(lang, "step-place-cloudshell-not-here")
            )),
            "{text}"
        );
        assert!(
            !text.contains(&catalogue_text(lang, "step-container-renew")),
            "{text}"
        );
        let v = doctor_json(&s, "cloudshell", &["--lang", lang]);
        assert_eq!(v["place"]["id"], "cloudshell");
        assert_eq!(v["place"]["serves_credentials"], true);
        let problem = v["problems"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == "container-expired")
            .unwrap_or_else(|| panic!("{:?}", problem_ids(&v)));
        assert_eq!(problem["steps"][0], sign_in.as_str());
    }
}

/// No credentials in a container on EC2: the remedy is the IMDSv2 hop limit of this
/// instance, as the wrapper's explanation says.
#[test]
fn ec2_container_missing_credentials_get_the_hop_limit() {
    let s = Sandbox::new();
    fail_with(&s, "ec2-docker", MISSING);
    let command = "aws ec2 modify-instance-metadata-options --instance-id i-0fedcba9876543210 --http-put-response-hop-limit 2 --http-endpoint enabled";
    for lang in ["en", "ja"] {
        let text = doctor(&s, "ec2-docker", &["--lang", lang]);
        assert!(
            text.contains(&format!(
                "{}: {}",
                catalogue_text(lang, "doctor-place"),
                catalogue_text(lang, "place-ec2-container")
            )),
            "{text}"
        );
        assert!(text.contains(command), "{text}");
        let v = doctor_json(&s, "ec2-docker", &["--lang", lang]);
        assert_eq!(v["place"]["id"], "ec2-container");
        let steps: Vec<&str> = v["problems"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|p| p["steps"].as_array().unwrap())
            .filter_map(Value::as_str)
            .collect();
        assert!(steps.iter().any(|step| step.contains(command)), "{steps:?}");
    }
}

/// The EKS tokens' expiry, read offline from the JWT, in local time (UTC here) as the other
/// expiry rows, and in JSON.
#[test]
fn eks_tokens_show_their_expiry() {
    for (name, time, instant) in [
        ("eks-irsa", "2026-11-27 07:00 UTC", "2026-11-27T07:00:00Z"),
        (
            "eks-pod-identity",
            "2026-11-27 20:00 UTC",
            "2026-11-27T20:00:00Z",
        ),
    ] {
        let s = Sandbox::new();
        for lang in ["en", "ja"] {
            let text = doctor(&s, name, &["--lang", lang]);
            let label = catalogue_text(lang, "doctor-place-token-expires");
            let row = text
                .lines()
                .find(|l| l.trim_start().starts_with(&format!("{label}: ")))
                .unwrap_or_else(|| panic!("{name}: {text}"));
            assert!(row.contains(time), "{row}");
        }
        let v = doctor_json(&s, name, &[]);
        assert_eq!(v["place"]["token_expires_at"], instant, "{v:#}");
        let expired = jiff::Timestamp::now() >= instant.parse::<jiff::Timestamp>().unwrap();
        assert_eq!(v["place"]["token_expired"], expired);
    }
    // Elsewhere there is no token, and no row for it.
    let s = Sandbox::new();
    let text = doctor(&s, "cloudshell", &[]);
    assert!(
        !text.contains(&catalogue_text("en", "doctor-place-token-expires")),
        "{text}"
    );
    assert_eq!(
        doctor_json(&s, "cloudshell", &[])["place"]["token_expires_at"],
        Value::Null
    );
}

/// Keys exported in CloudShell are not CloudShell's: the place is named, said not to be the
/// source, and the remedy is the exported keys' own.
#[test]
fn a_place_that_is_not_the_source_gives_no_remedy() {
    let s = Sandbox::new();
    let keys = [
        ("AWS_ACCESS_KEY_ID", "ASIAFIXTUREKEYID0007"),
        ("AWS_SECRET_ACCESS_KEY", "fixtureSecret0007"),
        ("AWS_SESSION_TOKEN", "fixtureSessionToken0007"),
    ];
    let script = serde_json::json!([{ "err": format!("\n{EXPIRED}\n") }, { "exit": 254 }]);
    let out = in_place(&s, "cloudshell", s.aws())
        .envs(keys)
        .env("AWS_SHIM_STAND_IN", script.to_string())
        .args(["s3", "ls"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(254));
    let out = in_place(&s, "cloudshell", shim_bin())
        .envs(keys)
        .args(["doctor", "--json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["place"]["id"], "cloudshell");
    assert_eq!(v["place"]["serves_credentials"], false);
    assert_eq!(v["credentials"]["kind"], "exported-session");
    let text = serde_json::to_string(&v["problems"]).unwrap();
    assert!(text.contains("exported-expired"), "{text}");
    assert!(
        !text.contains(&catalogue_text("en", "step-place-cloudshell-sign-in")),
        "{text}"
    );
    let out = in_place(&s, "cloudshell", shim_bin())
        .envs(keys)
        .arg("doctor")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let said = catalogue_text("en", "doctor-place-not-source")
        .replace("{ $place }", &catalogue_text("en", "place-cloudshell"));
    assert!(text.contains(&said), "{text}");
}

/// The failure's explanation (stderr of the failing call) and the hooks' warning before
/// `aws s3 ls` afterwards, in `lang`.
fn failure_then_warning(s: &Sandbox, name: &str, lang: &str, line: &str) -> (String, String) {
    let script = serde_json::json!([{ "err": format!("\n{line}\n") }, { "exit": 255 }]);
    let out = in_place(s, name, s.aws())
        .env("AWS_SHIM_STAND_IN", script.to_string())
        .env("AWS_SHIM_LANG", lang)
        .args(["s3", "ls"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(255), "the exit code passes through");
    let explained = String::from_utf8_lossy(&out.stderr).into_owned();
    let out = in_place(s, name, shim_bin())
        .env("AWS_SHIM_LANG", lang)
        .args(["__warn", "aws s3 ls"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "the warning was given");
    (explained, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn cloudshell_is_warned_to_sign_in_to_the_console_again() {
    for lang in ["en", "ja"] {
        let s = Sandbox::new();
        let (explained, warning) = failure_then_warning(&s, "cloudshell", lang, EXPIRED);
        assert!(
            explained.contains(&catalogue_text(lang, "step-place-cloudshell-sign-in")),
            "{lang}: {explained}"
        );
        let remedy = catalogue_text(lang, "shell-remedy-place-cloudshell");
        assert!(warning.contains(&remedy), "{lang}: {warning}");
        // Not the generic remedies of container credentials or of a sign-in.
        assert!(!warning.contains("sso login"), "{warning}");
        // The prompt cache holds the same line, for the hooks that read it.
        let cache = std::fs::read_to_string(s.state_dir().join("default.prompt")).unwrap();
        assert!(cache.contains(&remedy), "{lang}: {cache}");
    }
}

#[test]
fn a_container_on_ec2_is_warned_with_the_hop_limit_command() {
    for lang in ["en", "ja"] {
        let s = Sandbox::new();
        let (explained, warning) = failure_then_warning(&s, "ec2-docker", lang, MISSING);
        for text in [&explained, &warning] {
            assert!(
                text.contains("aws ec2 modify-instance-metadata-options")
                    && text.contains("--http-put-response-hop-limit 2"),
                "{lang}: {text}"
            );
        }
    }
}

#[test]
fn an_unknown_place_keeps_the_warning_without_a_place() {
    let s = Sandbox::new();
    // Container credentials without any evidence of where: no place is guessed.
    let script = serde_json::json!([{ "err": format!("\n{EXPIRED}\n") }, { "exit": 255 }]);
    let relative = (
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "/v2/credentials/x",
    );
    let out = in_place(&s, "unknown", s.aws())
        .env("AWS_SHIM_STAND_IN", script.to_string())
        .env(relative.0, relative.1)
        .args(["s3", "ls"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(255));
    let out = in_place(&s, "unknown", shim_bin())
        .env(relative.0, relative.1)
        .args(["__warn", "aws s3 ls"])
        .output()
        .unwrap();
    let warning = String::from_utf8_lossy(&out.stderr);
    assert!(
        warning
            .contains(&catalogue_text("en", "shell-remedy-other").replace("{ $profile }", "dev"))
            && !warning.contains("CloudShell"),
        "{warning}"
    );
}

/// A GitLab CI job whose profile uses SSO: no `aws sso login --profile ci` in the job, in the
/// explanation or the warning, but the job's own way to credentials.
#[test]
fn a_gitlab_job_with_an_sso_profile_is_not_told_to_sign_in() {
    const SSO_MISSING: &str = "Error loading SSO Token: Token for corp does not exist";
    for lang in ["en", "ja"] {
        let s = Sandbox::new();
        s.write(
            "home/.aws/config",
            "[profile ci]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Deploy\n[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n",
        );
        let script = serde_json::json!([{ "err": format!("\n{SSO_MISSING}\n") }, { "exit": 255 }]);
        let out = in_place(&s, "gitlab-ci", s.aws())
            .env("AWS_SHIM_STAND_IN", script.to_string())
            .env("AWS_SHIM_LANG", lang)
            .env("AWS_PROFILE", "ci")
            // The SSO profile is the source, not the fixture's web identity.
            .env_remove("AWS_ROLE_ARN")
            .args(["s3", "ls"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(255));
        let explained = String::from_utf8_lossy(&out.stderr);
        assert!(
            explained.contains(&catalogue_text(lang, "step-place-gitlab-no-sign-in")),
            "{lang}: {explained}"
        );
        assert!(!explained.contains("sso login"), "{lang}: {explained}");
        let out = in_place(&s, "gitlab-ci", shim_bin())
            .env("AWS_SHIM_LANG", lang)
            .env("AWS_PROFILE", "ci")
            // The SSO profile is the source, not the fixture's web identity.
            .env_remove("AWS_ROLE_ARN")
            .args(["__warn", "aws s3 ls"])
            .output()
            .unwrap();
        let warning = String::from_utf8_lossy(&out.stderr);
        assert!(
            warning.contains(&catalogue_text(
                lang,
                "shell-remedy-place-gitlab-no-sign-in"
            )),
            "{lang}: {warning}"
        );
        assert!(!warning.contains("sso login"), "{lang}: {warning}");
    }
}

/// A GitHub Actions job on a self-hosted runner in a container on EC2, no credentials: the
/// hop limit of the instance and the job's own way, both.
#[test]
fn a_github_job_in_a_container_on_ec2_gets_the_hop_limit_and_oidc() {
    for lang in ["en", "ja"] {
        let s = Sandbox::new();
        let script = serde_json::json!([{ "err": format!("\n{MISSING}\n") }, { "exit": 255 }]);
        let out = in_place(&s, "ec2-docker", s.aws())
            .env("AWS_SHIM_STAND_IN", script.to_string())
            .env("AWS_SHIM_LANG", lang)
            .env("GITHUB_ACTIONS", "true")
            .args(["s3", "ls"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(255));
        let explained = String::from_utf8_lossy(&out.stderr);
        assert!(
            explained.contains("--http-put-response-hop-limit 2"),
            "{lang}: {explained}"
        );
        assert!(
            explained.contains(&catalogue_text(lang, "step-place-github-oidc")),
            "{lang}: {explained}"
        );
        // Not the generic ways to set up credentials by hand.
        assert!(
            !explained.contains("aws configure sso") && !explained.contains(": aws configure\n"),
            "{lang}: {explained}"
        );
    }
}

/// The IRSA fixture's token expired before now: doctor counts it as a problem whose steps
/// are the place's (text and JSON), and does not say the CLI renews the credentials.
/// Before, doctor printed "Problems found: 0" and "Renewed without you: yes".
#[test]
fn doctor_raises_a_place_token_that_has_expired() {
    let s = Sandbox::new();
    for lang in ["en", "ja"] {
        let v = doctor_json(&s, "eks-irsa", &["--lang", lang]);
        assert_eq!(v["place"]["token_expired"], true, "{v:#}");
        assert_eq!(v["credentials"]["refreshable"], false, "{v:#}");
        let expired = catalogue_text(lang, "step-place-eks-token-expired");
        let head = expired.split("{ $file }").next().unwrap();
        let problem = v["problems"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == "web-identity-expired")
            .unwrap_or_else(|| panic!("{:?}", problem_ids(&v)));
        assert!(
            problem["steps"][0].as_str().unwrap().starts_with(head),
            "{problem:#}"
        );
        let text = doctor(&s, "eks-irsa", &["--lang", lang]);
        assert!(text.contains(head), "{text}");
        let row = format!(
            "{}: {}",
            catalogue_text(lang, "doctor-refreshable"),
            catalogue_text(lang, "doctor-refresh-token-expired")
        );
        assert!(text.contains(&row), "{text}");
    }
}

/// A SageMaker Studio space gets the execution role's credentials from the container
/// credentials endpoint (`AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`, as the fixture's
/// environment has it): their expiry is explained as the space's, end to end, in the
/// explanation and in the warning. Before, the fixture had no credential variable, the
/// source was none, and the place was dropped.
#[test]
fn a_sagemaker_studio_space_is_told_to_restart_the_space() {
    for lang in ["en", "ja"] {
        let s = Sandbox::new();
        let (explained, warning) = failure_then_warning(&s, "sagemaker-studio", lang, EXPIRED);
        let restart = catalogue_text(lang, "step-place-sagemaker-restart-space")
            .replace("{ $space }", "my-space");
        assert!(explained.contains(&restart), "{lang}: {explained}");
        assert!(
            explained
                .contains("aws iam get-role --role-name AmazonSageMaker-ExecutionRole-Fixture"),
            "{lang}: {explained}"
        );
        assert!(
            !explained.contains(&catalogue_text(lang, "step-container-renew")),
            "{lang}: {explained}"
        );
        assert!(
            warning.contains(&catalogue_text(lang, "shell-remedy-place-sagemaker-studio")),
            "{lang}: {warning}"
        );
    }
    let s = Sandbox::new();
    let v = doctor_json(&s, "sagemaker-studio", &[]);
    assert_eq!(v["credentials"]["kind"], "container");
    assert_eq!(v["place"]["serves_credentials"], true);
}

/// A GitLab CI job whose credentials come from an SSO profile: doctor names the job, says
/// that nobody can sign in there, and gives the job's own way instead of a sign-in.
#[test]
fn doctor_in_a_job_with_an_sso_profile_gives_the_jobs_way() {
    let s = Sandbox::new();
    s.write(
        "home/.aws/config",
        "[profile ci]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = us-east-1\n\
         [sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n",
    );
    let v = doctor_json(&s, "gitlab-ci", &["--profile", "ci"]);
    assert_eq!(v["credentials"]["kind"], "sso", "{v}");
    assert_eq!(v["place"]["id"], "gitlab-ci", "{v}");
    assert_eq!(v["place"]["ci_job"], true, "{v}");
    assert_eq!(v["place"]["serves_credentials"], false, "{v}");
    let problems = serde_json::to_string(&v["problems"]).unwrap();
    assert!(!problems.contains("sso login"), "{problems}");
    for lang in ["en", "ja"] {
        let text = doctor(&s, "gitlab-ci", &["--profile", "ci", "--lang", lang]);
        let said = catalogue_text(lang, "doctor-place-job")
            .replace("{ $place }", &catalogue_text(lang, "place-gitlab-ci"));
        assert!(text.contains(&said), "{lang}: {text}");
        assert!(!text.contains("aws sso login"), "{lang}: {text}");
    }
}

/// A GitHub Actions runner pod on EKS (IRSA): doctor shows the EKS place, since the pod's
/// token gives the credentials, and says that the shell is a CI job.
#[test]
fn doctor_in_a_runner_pod_on_eks_shows_the_pod_and_the_job() {
    let s = Sandbox::new();
    let out = in_place(&s, "eks-irsa", shim_bin())
        .env("GITHUB_ACTIONS", "true")
        .args(["doctor", "--json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["place"]["id"], "eks-irsa", "{v}");
    assert_eq!(v["place"]["serves_credentials"], true, "{v}");
    assert_eq!(v["place"]["ci_job"], true, "{v}");
}
