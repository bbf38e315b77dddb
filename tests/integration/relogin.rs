//! `AWS_SHIM_RELOGIN=ask` on a real pseudo-terminal: after an expired SSO sign-in, the
//! question to sign in again, the sign-in through the wrapper, the question to run the command
//! again, and the exit status of whatever ran last. A stand-in `aws` (a script that looks like
//! AWS CLI v2 or v1 on disk) fails until its `sso login` has written a fresh token.

use crate::context::sha1_json;
use crate::support::{Sandbox, catalogue_text, shim_bin};
use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;
use expectrl::{Eof, Expect, Session};
use std::time::Duration;

const CONFIG: &str = "[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Developer\nregion = us-east-1\n\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n";

const V2_EXPIRED: &str =
    "\naws: [ERROR]: Error when retrieving token from sso: Token has expired and refresh failed\n";
const V1_EXPIRED: &str = "\nThe SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.\n";
const LOGGED_IN: &str = "Successfully logged into Start URL: https://corp.awsapps.com/start";

/// A sandbox whose `aws` is a script in an install directory that names its version
/// (`real/v2/2.36.7/aws`, `real/awscli/1.45.11/aws`), with an SSO profile `dev` whose token
/// has expired. Every call is logged, one line of arguments each, in `calls`.
/// - `sso login` writes a fresh token and exits 0 (exits `FAKE_LOGIN_EXIT` instead, when set;
///   writes nothing with `FAKE_LOGIN_STALE`);
/// - anything else succeeds once the token is fresh, and fails as the CLI does before;
/// - `cdk` beside it fails as the AWS SDK for JavaScript does until the token is fresh.
fn sandbox(major: u8) -> Sandbox {
    let s = Sandbox::new();
    s.write("home/.aws/config", CONFIG);
    let token = s.home().join(".aws/sso/cache").join(sha1_json("corp"));
    s.write(
        "home/.aws/sso/cache/expired",
        crate::context::SSO_TOKEN_EXPIRED,
    );
    let fresh = (jiff::Timestamp::now() + jiff::SignedDuration::from_hours(8))
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    s.write(
        "fresh.json",
        format!(
            r#"{{"startUrl": "https://corp.awsapps.com/start", "region": "us-east-1", "accessToken": "signed-in-again", "expiresAt": "{fresh}"}}"#
        ),
    );
    std::fs::copy(s.home().join(".aws/sso/cache/expired"), &token).unwrap();
    let root = s.path().display().to_string();
    let token = token.display().to_string();
    let (dir, expired) = match major {
        1 => ("real/awscli/1.45.11/aws", V1_EXPIRED),
        _ => ("real/v2/2.36.7/aws", V2_EXPIRED),
    };
    let script = format!(
        "#!/bin/sh\n\
         printf '%s\\n' \"$*\" >>'{root}/calls'\n\
         if [ \"$1 $2\" = 'sso login' ]; then\n\
         \x20 if [ -n \"${{FAKE_LOGIN_EXIT-}}\" ]; then echo 'Error: the sign-in was refused' >&2; exit \"$FAKE_LOGIN_EXIT\"; fi\n\
         \x20 echo 'Attempting to open the authorization page in your default browser.'\n\
         \x20 [ -n \"${{FAKE_LOGIN_STALE-}}\" ] || cp '{root}/fresh.json' '{token}'\n\
         \x20 echo '{LOGGED_IN}'\n\
         \x20 exit 0\n\
         fi\n\
         if grep -q signed-in-again '{token}'; then echo 'listed: fine'; exit 0; fi\n\
         printf '{expired}' >&2\n\
         exit 255\n"
    );
    std::fs::remove_file(s.path().join("real/aws")).unwrap();
    let target = s.write_exe(dir, &script);
    std::os::unix::fs::symlink(target, s.path().join("real/aws")).unwrap();
    s.write_exe(
        "real/cdk",
        &format!(
            "#!/bin/sh\n\
             printf 'cdk %s\\n' \"$*\" >>'{root}/calls'\n\
             if grep -q signed-in-again '{token}'; then echo 'deployed'; exit 0; fi\n\
             echo 'Token is expired. To refresh this SSO session run '\"'\"'aws sso login'\"'\"' with the corresponding profile.' >&2\n\
             exit 1\n"
        ),
    );
    s
}

/// The calls the stand-ins saw, in order.
fn calls(s: &Sandbox) -> Vec<String> {
    std::fs::read_to_string(s.path().join("calls"))
        .unwrap_or_default()
        .lines()
        .map(str::to_owned)
        .collect()
}

/// `program ARGS` on a pseudo-terminal, with the offer turned on and the profile `dev`.
fn spawn(s: &Sandbox, program: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> OsSession {
    let mut cmd = s.command(program);
    cmd.args(args)
        .env("AWS_SHIM_RELOGIN", "ask")
        .env("AWS_PROFILE", "dev")
        .env("NO_COLOR", "1")
        .env("TERM", "dumb")
        .env("AWS_EC2_METADATA_DISABLED", "true");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut p = Session::spawn(cmd).unwrap();
    let _ = p.get_process_mut().set_window_size(1000, 50);
    p.set_expect_timeout(Some(Duration::from_secs(45)));
    p
}

/// Wait for `text`; what came before it.
fn expect(p: &mut OsSession, text: &str) -> String {
    match p.expect(text) {
        Ok(found) => String::from_utf8_lossy(found.before()).into_owned(),
        Err(e) => {
            let mut buf = vec![0u8; 1 << 16];
            let n = p.try_read(&mut buf).unwrap_or(0);
            panic!(
                "{e}: waiting for {text:?}, got:\n{}",
                String::from_utf8_lossy(&buf[..n])
            )
        }
    }
}

/// Everything until the end, and the exit code.
fn finish(p: &mut OsSession) -> (String, i32) {
    let rest = match p.expect(Eof) {
        // At the end, what was left is the match itself.
        Ok(found) => {
            let mut all = found.before().to_vec();
            found.matches().for_each(|m| all.extend_from_slice(m));
            String::from_utf8_lossy(&all).into_owned()
        }
        Err(e) => panic!("{e}: waiting for the end"),
    };
    match p.get_process().wait().unwrap() {
        WaitStatus::Exited(_, code) => (rest, code),
        other => panic!("{other:?}\n{rest}"),
    }
}

/// A question of the catalogue, as asked (`aws-shim: ` first).
fn question(lang: &str, id: &str, command: &str) -> String {
    format!(
        "aws-shim: {}",
        catalogue_text(lang, id).replace("{ $command }", command)
    )
}

/// The status `aws-shim prompt --json` gives the profile now.
fn prompt_status(s: &Sandbox) -> String {
    let out = s
        .command(shim_bin())
        .args(["prompt", "--json", "--profile", "dev"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["status"].as_str().unwrap_or_default().to_owned()
}

#[test]
fn yes_signs_in_and_yes_runs_the_command_again() {
    let s = sandbox(2);
    let mut p = spawn(&s, &s.aws(), &["s3", "ls"], &[]);
    let before = expect(
        &mut p,
        &question("en", "relogin-sign-in", "aws sso login --profile dev"),
    );
    assert!(before.contains("aws sso login --profile dev"), "{before}");
    assert_eq!(
        prompt_status(&s),
        "expired",
        "the failure is recorded first"
    );
    p.send_line("y").unwrap();
    expect(&mut p, LOGGED_IN);
    // s3 ls only reads: running it again is the default.
    expect(&mut p, &question("en", "relogin-again-safe", "aws s3 ls"));
    assert_eq!(prompt_status(&s), "ok", "the sign-in cleared the state");
    p.send_line("").unwrap();
    let (rest, code) = finish(&mut p);
    assert!(rest.contains("listed: fine"), "{rest}");
    assert_eq!(code, 0, "the run again's status");
    assert_eq!(calls(&s), ["s3 ls", "sso login --profile dev", "s3 ls"]);
}

#[test]
fn yes_then_the_default_no_keeps_the_original_status() {
    let s = sandbox(2);
    let args = ["s3", "cp", "my file", "s3://bucket/"];
    let mut p = spawn(&s, &s.aws(), &args, &[]);
    expect(
        &mut p,
        &question("en", "relogin-sign-in", "aws sso login --profile dev"),
    );
    p.send_line("").unwrap();
    expect(
        &mut p,
        &question("en", "relogin-again", "aws s3 cp 'my file' s3://bucket/"),
    );
    p.send_line("").unwrap();
    let (_, code) = finish(&mut p);
    assert_eq!(code, 255);
    assert_eq!(
        calls(&s),
        ["s3 cp my file s3://bucket/", "sso login --profile dev"]
    );
    assert_eq!(prompt_status(&s), "ok");
}

#[test]
fn no_leaves_at_once_with_the_original_status() {
    let s = sandbox(2);
    let mut p = spawn(&s, &s.aws(), &["s3", "ls"], &[]);
    expect(
        &mut p,
        &question("en", "relogin-sign-in", "aws sso login --profile dev"),
    );
    p.send_line("n").unwrap();
    let (rest, code) = finish(&mut p);
    assert_eq!(code, 255);
    assert!(!rest.contains("aws-shim:"), "nothing more is asked: {rest}");
    assert_eq!(calls(&s), ["s3 ls"]);
}

#[test]
fn ctrl_c_at_either_question_leaves_with_the_original_status() {
    let s = sandbox(2);
    let mut p = spawn(&s, &s.aws(), &["s3", "ls"], &[]);
    expect(
        &mut p,
        &question("en", "relogin-sign-in", "aws sso login --profile dev"),
    );
    p.send(expectrl::ControlCode::EndOfText).unwrap();
    let (_, code) = finish(&mut p);
    assert_eq!(code, 255);
    assert_eq!(calls(&s), ["s3 ls"]);

    let s = sandbox(2);
    let mut p = spawn(&s, &s.aws(), &["s3", "ls"], &[]);
    expect(
        &mut p,
        &question("en", "relogin-sign-in", "aws sso login --profile dev"),
    );
    p.send_line("y").unwrap();
    expect(&mut p, &question("en", "relogin-again-safe", "aws s3 ls"));
    p.send(expectrl::ControlCode::EndOfText).unwrap();
    let (_, code) = finish(&mut p);
    assert_eq!(code, 255);
    assert_eq!(calls(&s), ["s3 ls", "sso login --profile dev"]);
}

#[test]
fn a_failed_sign_in_asks_nothing_more() {
    let s = sandbox(2);
    let mut p = spawn(&s, &s.aws(), &["s3", "ls"], &[("FAKE_LOGIN_EXIT", "1")]);
    expect(
        &mut p,
        &question("en", "relogin-sign-in", "aws sso login --profile dev"),
    );
    p.send_line("y").unwrap();
    let (rest, code) = finish(&mut p);
    assert!(rest.contains("the sign-in was refused"), "{rest}");
    assert!(!rest.contains("again?"), "{rest}");
    assert_eq!(code, 255);
    assert_eq!(calls(&s), ["s3 ls", "sso login --profile dev"]);
}

#[test]
fn a_run_again_that_fails_again_asks_nothing() {
    // The sign-in "succeeds" without writing a token: the run again fails the same way.
    let s = sandbox(2);
    let mut p = spawn(&s, &s.aws(), &["s3", "ls"], &[("FAKE_LOGIN_STALE", "1")]);
    expect(
        &mut p,
        &question("en", "relogin-sign-in", "aws sso login --profile dev"),
    );
    p.send_line("y").unwrap();
    expect(&mut p, &question("en", "relogin-again-safe", "aws s3 ls"));
    p.send_line("y").unwrap();
    let (rest, code) = finish(&mut p);
    assert!(
        rest.contains("aws sso login --profile dev"),
        "explained: {rest}"
    );
    assert!(!rest.contains("Sign in again now"), "{rest}");
    assert_eq!(code, 255);
    assert_eq!(calls(&s), ["s3 ls", "sso login --profile dev", "s3 ls"]);
}

#[test]
fn off_a_terminal_nothing_is_asked_and_stderr_is_the_same() {
    let s = sandbox(2);
    let run = |relogin: Option<&str>| {
        let mut cmd = s.command(s.aws());
        cmd.args(["s3", "ls"]).env("AWS_PROFILE", "dev");
        if let Some(v) = relogin {
            cmd.env("AWS_SHIM_RELOGIN", v);
        }
        cmd.output().unwrap()
    };
    let off = run(None);
    let on = run(Some("ask"));
    assert_eq!(on.status.code(), Some(255));
    assert_eq!(on.status.code(), off.status.code());
    assert_eq!(on.stdout, off.stdout);
    assert_eq!(
        String::from_utf8_lossy(&on.stderr),
        String::from_utf8_lossy(&off.stderr)
    );
    assert!(String::from_utf8_lossy(&on.stderr).contains("aws sso login --profile dev"));
    assert_eq!(calls(&s), ["s3 ls", "s3 ls"]);
}

#[test]
fn in_ci_nothing_is_asked() {
    let s = sandbox(2);
    let mut p = spawn(&s, &s.aws(), &["s3", "ls"], &[("CI", "true")]);
    let (rest, code) = finish(&mut p);
    assert!(rest.contains("aws sso login --profile dev"), "{rest}");
    assert!(!rest.contains("Sign in again now"), "{rest}");
    assert_eq!(code, 255);
    assert_eq!(calls(&s), ["s3 ls"]);
}

#[test]
fn without_the_variable_nothing_is_asked() {
    let s = sandbox(2);
    let mut p = spawn(&s, &s.aws(), &["s3", "ls"], &[("AWS_SHIM_RELOGIN", "")]);
    let (rest, code) = finish(&mut p);
    assert!(rest.contains("aws sso login --profile dev"), "{rest}");
    assert!(!rest.contains("Sign in again now"), "{rest}");
    assert_eq!(code, 255);
}

#[test]
fn aws_cli_v1_keeps_its_advice_and_gets_no_question() {
    let s = sandbox(1);
    let mut p = spawn(&s, &s.aws(), &["s3", "ls"], &[]);
    let (rest, code) = finish(&mut p);
    let v1_step = catalogue_text("en", "step-sso-login-v1");
    let v1_start = v1_step.split('{').next().unwrap().trim();
    assert!(rest.contains(v1_start), "the v1 advice: {rest}");
    assert!(!rest.contains("Sign in again now"), "{rest}");
    assert_eq!(code, 255);
    assert_eq!(calls(&s), ["s3 ls"]);
}

#[test]
fn the_questions_in_japanese() {
    let s = sandbox(2);
    let mut p = spawn(
        &s,
        &s.aws(),
        &["ec2", "run-instances"],
        &[("AWS_SHIM_LANG", "ja")],
    );
    expect(
        &mut p,
        &question("ja", "relogin-sign-in", "aws sso login --profile dev"),
    );
    p.send_line("はい").unwrap();
    expect(
        &mut p,
        &question("ja", "relogin-again", "aws ec2 run-instances"),
    );
    p.send_line("y").unwrap();
    let (rest, code) = finish(&mut p);
    assert!(rest.contains("listed: fine"), "{rest}");
    assert_eq!(code, 0);
}

#[test]
fn a_wrapped_tool_signs_in_and_runs_again() {
    let s = sandbox(2);
    let mut p = spawn(&s, &shim_bin(), &["run", "--", "cdk", "deploy"], &[]);
    expect(
        &mut p,
        &question("en", "relogin-sign-in", "aws sso login --profile dev"),
    );
    p.send_line("y").unwrap();
    expect(&mut p, &question("en", "relogin-again", "cdk deploy"));
    p.send_line("y").unwrap();
    let (rest, code) = finish(&mut p);
    assert!(rest.contains("deployed"), "{rest}");
    assert_eq!(code, 0);
    assert_eq!(
        calls(&s),
        ["cdk deploy", "sso login --profile dev", "cdk deploy"]
    );
}

#[test]
fn init_says_how_to_turn_it_on() {
    let s = Sandbox::new();
    for (shell, setting) in [
        ("bash", "export AWS_SHIM_RELOGIN=ask"),
        ("zsh", "export AWS_SHIM_RELOGIN=ask"),
        ("fish", "set -gx AWS_SHIM_RELOGIN ask"),
    ] {
        let out = s
            .command(shim_bin())
            .args(["init", shell])
            .output()
            .unwrap();
        let hook = String::from_utf8(crate::support::ok_stdout(out)).unwrap();
        assert!(hook.contains(setting), "{shell}:\n{hook}");
    }
}
