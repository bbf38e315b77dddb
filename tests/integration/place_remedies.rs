//! Where the shell runs decides the remedy, from the failure's explanation to the hooks'
//! warning before the next `aws` command: each case runs in a fixture tree of
//! tests/fixtures/places (its `env` and, as the machine's files, its `root/`).

use crate::support::*;
use serde_json::json;
use std::path::PathBuf;
use std::process::Command;

fn place_dir(name: &str) -> PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/places")
        .join(name)
}

/// `cmd` as if it ran in the place `name`: its variables (HOME stays the sandbox's) and its
/// files.
fn in_place(mut cmd: Command, name: &str, lang: &str) -> Command {
    let dir = place_dir(name);
    let env = std::fs::read_to_string(dir.join("env")).unwrap();
    for (k, v) in env.lines().filter_map(|l| l.split_once('=')) {
        if k != "HOME" {
            cmd.env(k, v);
        }
    }
    cmd.env("AWS_SHIM_PLACE_ROOT", dir.join("root"))
        .env("AWS_SHIM_LANG", lang);
    cmd
}

/// The failure's explanation (stderr of the failing call) and the hooks' warning before
/// `aws s3 ls` afterwards.
fn failure_then_warning(s: &Sandbox, place: &str, lang: &str, stderr: &str) -> (String, String) {
    let script = json!([{ "err": stderr }, { "exit": 255 }]);
    let mut cmd = in_place(s.aws_cmd(&script), place, lang);
    let out = cmd.args(["s3", "ls"]).output().unwrap();
    assert_eq!(out.status.code(), Some(255), "the exit code passes through");
    let explained = String::from_utf8_lossy(&out.stderr).into_owned();
    let mut warn = in_place(s.command(shim_bin()), place, lang);
    let out = warn.args(["__warn", "aws s3 ls"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "the warning was given");
    (explained, String::from_utf8_lossy(&out.stderr).into_owned())
}

fn expired() -> String {
    std::fs::read_to_string(fixtures_dir().join("v2-sts-expiredtoken.stderr")).unwrap()
}

fn no_credentials() -> String {
    std::fs::read_to_string(fixtures_dir().join("v2-nocredentials.stderr")).unwrap()
}

#[test]
fn cloudshell_is_told_to_sign_in_to_the_console_again() {
    for lang in ["en", "ja"] {
        let s = Sandbox::new();
        let (explained, warning) = failure_then_warning(&s, "cloudshell", lang, &expired());
        assert!(
            explained.contains(&catalogue_text(lang, "step-place-cloudshell-sign-in")),
            "{lang}: {explained}"
        );
        assert!(
            warning.contains(&catalogue_text(lang, "shell-remedy-place-cloudshell")),
            "{lang}: {warning}"
        );
        // Not the generic remedies of container credentials or of a login.
        assert!(!warning.contains("sso login"), "{warning}");
        // The prompt cache holds the same line, for the hooks that read it.
        let cache = std::fs::read_dir(s.path().join("xdg/state/aws-shim"))
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".prompt"))
            .map(|e| std::fs::read_to_string(e.path()).unwrap())
            .collect::<String>();
        assert!(
            cache.contains(&catalogue_text(lang, "shell-remedy-place-cloudshell")),
            "{lang}: {cache}"
        );
    }
}

#[test]
fn a_container_on_ec2_is_given_the_hop_limit_command() {
    for lang in ["en", "ja"] {
        let s = Sandbox::new();
        let (explained, warning) = failure_then_warning(&s, "ec2-docker", lang, &no_credentials());
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
fn an_unknown_place_keeps_the_remedy_without_a_place() {
    let s = Sandbox::new();
    // Container credentials without any evidence of where: no place is guessed.
    let script = json!([{ "err": expired() }, { "exit": 255 }]);
    let mut cmd = in_place(s.aws_cmd(&script), "unknown", "en");
    cmd.env(
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "/v2/credentials/x",
    );
    let out = cmd.args(["s3", "ls"]).output().unwrap();
    assert_eq!(out.status.code(), Some(255));
    let mut warn = in_place(s.command(shim_bin()), "unknown", "en");
    warn.env(
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "/v2/credentials/x",
    );
    let out = warn.args(["__warn", "aws s3 ls"]).output().unwrap();
    let warning = String::from_utf8_lossy(&out.stderr);
    assert!(
        warning.contains("aws-shim doctor") && !warning.contains("CloudShell"),
        "{warning}"
    );
}
