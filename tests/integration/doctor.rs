//! `aws-shim doctor`: its JSON, its secrecy, and its robustness against garbage files.

use crate::context::{
    HEADER, LONG_KEYS, ROLE_CACHE, SESSION_KEYS, SSO_TOKEN_EXPIRED, role_cache_json, sha1_json,
    sso_config,
};
use crate::support::{LOGIN_EXPIRED, Sandbox, catalogue_text, shim_bin};
use aws_shim::context::Inputs;
use aws_shim::doctor::{Facts, examine, human, json};
use aws_shim::i18n::{self, Lang};
use aws_shim::render::Look;
use proptest::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;

/// Every secret the fixtures hold.
const SECRETS: &[&str] = &[
    "ASIAFIXTUREKEYID0001",
    "fixtureSecretAccessKey0001",
    "fixtureSessionToken0001",
    "AKIAFIXTUREKEYID0002",
    "fixtureSecretAccessKey0002",
    "ASIAFIXTUREKEYID0003",
    "fixtureSecretAccessKey0003",
    "fixtureSessionToken0003",
    "ASIAFIXTUREKEYID0004",
    "fixtureSecretAccessKey0004",
    "fixtureSessionToken0004",
    "fixtureSsoAccessToken0005",
    "fixtureRefreshToken0005",
    "fixtureClientId0005",
    "fixtureClientSecret0005",
];

fn doctor(s: &Sandbox, args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let mut cmd = s.command(shim_bin());
    cmd.arg("doctor").args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
    )
}

fn doctor_json(s: &Sandbox, args: &[&str], env: &[(&str, &str)]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let (code, out) = doctor(s, &all, env);
    let v: Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("doctor --json is JSON: {e}\n{out}"));
    let problems = v["problems"].as_array().map_or(0, Vec::len);
    assert_eq!(
        code,
        i32::from(problems > 0),
        "exit 0 without a problem, 1 with one"
    );
    v
}

#[test]
fn json_has_the_schema_version_and_the_source() {
    let s = Sandbox::new();
    sso_config(&s);
    s.write(
        &format!("home/.aws/sso/cache/{}", sha1_json("corp")),
        SSO_TOKEN_EXPIRED,
    );
    let v = doctor_json(&s, &["--profile", "dev"], &[]);
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["profile"]["name"], "dev");
    assert_eq!(v["profile"]["chosen_by"], "--profile");
    assert_eq!(v["credentials"]["kind"], "sso");
    assert_eq!(v["credentials"]["sso_session"], "corp");
    assert_eq!(v["credentials"]["expired"], true);
    assert_eq!(v["credentials"]["refreshable"], false);
    assert!(v["credentials"]["seconds_left"].as_i64().unwrap() < 0);
    assert_eq!(v["cloud9"], Value::Null);
    assert_eq!(v["online"], Value::Null);
    assert_eq!(
        v["aws_on_path"]["is_shim"], true,
        "the sandbox puts the shim's link first"
    );
    assert!(
        v["real_aws"]["path"]
            .as_str()
            .unwrap()
            .ends_with("real/aws")
    );
    let problems = v["problems"].as_array().unwrap();
    let sso = problems
        .iter()
        .find(|p| p["id"] == "sso-expired")
        .expect("the expired SSO session is a problem");
    assert!(
        sso["steps"][0]
            .as_str()
            .unwrap()
            .contains("aws sso login --profile dev")
    );
}

#[test]
fn json_for_cloud9_and_assume_role() {
    let s = Sandbox::new();
    s.write(
        "home/.aws/credentials",
        format!("{HEADER}[default]\n{SESSION_KEYS}"),
    );
    let v = doctor_json(
        &s,
        &[],
        &[("C9_PID", "0123456789abcdef"), ("C9_PROJECT", "team")],
    );
    assert_eq!(v["credentials"]["kind"], "cloud9-managed");
    assert_eq!(v["cloud9"]["environment_name"], "team");
    assert_eq!(v["cloud9"]["managed_header"], true);
    assert_eq!(v["cloud9"]["header_time"], "2026-11-27T07:50:00Z");

    let s = Sandbox::new();
    sso_config(&s);
    s.write("home/.aws/credentials", format!("[base]\n{LONG_KEYS}"));
    s.write(
        &format!("home/.aws/cli/cache/{ROLE_CACHE}"),
        role_cache_json("2020-01-01T00:00:00UTC"),
    );
    let v = doctor_json(&s, &[], &[("AWS_PROFILE", "admin")]);
    assert_eq!(v["credentials"]["kind"], "assume-role");
    assert_eq!(v["credentials"]["cache_match"], "key");
    assert_eq!(v["credentials"]["expires_at"], "2020-01-01T00:00:00Z");
    assert!(
        v["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["id"] == "assume-role-expired")
    );
}

#[test]
fn no_secret_in_any_output() {
    let s = Sandbox::new();
    sso_config(&s);
    s.write(
        "home/.aws/credentials",
        format!("{HEADER}[default]\n{SESSION_KEYS}[base]\n{LONG_KEYS}"),
    );
    s.write(
        &format!("home/.aws/sso/cache/{}", sha1_json("corp")),
        SSO_TOKEN_EXPIRED,
    );
    s.write(
        &format!("home/.aws/cli/cache/{ROLE_CACHE}"),
        role_cache_json("2020-01-01T00:00:00Z"),
    );
    s.write(
        "home/.aws/cli/cache/other.json",
        role_cache_json("2020-01-02T00:00:00Z"),
    );
    let exported = [
        ("AWS_ACCESS_KEY_ID", "ASIAFIXTUREKEYID0004"),
        ("AWS_SECRET_ACCESS_KEY", "fixtureSecretAccessKey0004"),
        ("AWS_SESSION_TOKEN", "fixtureSessionToken0004"),
        ("AWS_CREDENTIAL_EXPIRATION", "2020-01-01T09:00:00+09:00"),
        ("C9_PID", "0123456789abcdef"),
    ];
    let mut outputs = Vec::new();
    for profile in ["default", "dev", "admin", "base", "tool"] {
        for lang in ["en", "ja"] {
            for json in [false, true] {
                let mut args = vec!["--profile", profile, "--lang", lang];
                if json {
                    args.push("--json");
                }
                outputs.push(doctor(&s, &args, &exported).1);
                outputs.push(
                    doctor(
                        &s,
                        &args[2..],
                        &[&exported[..], &[("AWS_PROFILE", profile)]].concat(),
                    )
                    .1,
                );
            }
        }
    }
    for out in &outputs {
        for secret in SECRETS {
            assert!(!out.contains(secret), "{secret} leaked:\n{out}");
        }
    }
    // The outputs were about something: the exported session and the profiles.
    assert!(outputs.iter().any(|o| o.contains("exported-session")));
    assert!(outputs.iter().any(|o| o.contains("assume-role")));
}

#[test]
fn garbage_files_do_not_break_the_binary() {
    let s = Sandbox::new();
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    s.write("home/.aws/config", &garbage);
    s.write("home/.aws/credentials", &garbage);
    s.write("home/.aws/cli/cache/x.json", &garbage);
    s.write(
        &format!("home/.aws/sso/cache/{}", sha1_json("corp")),
        &garbage,
    );
    for args in [&["--json"][..], &[][..], &["--profile", "corp"][..]] {
        let (code, out) = doctor(&s, args, &[]);
        assert!(code == 0 || code == 1, "{code}");
        assert!(!out.is_empty());
    }
    let (_, ja) = doctor(&s, &["--lang", "ja"], &[]);
    assert!(ja.contains("プロファイル"), "{ja}");
}

fn plain(lang: Lang) -> Look {
    Look {
        lang,
        tz: jiff::tz::TimeZone::UTC,
        color: false,
    }
}

fn facts_for(home: &std::path::Path, profile: &str) -> Facts {
    let mut env = BTreeMap::new();
    env.insert("AWS_PROFILE".to_owned(), profile.to_owned());
    Facts {
        inputs: Inputs {
            env,
            home: Some(home.to_owned()),
            profile_arg: None,
            now: Some("2026-11-27T08:00:00Z".parse().unwrap()),
            on_ec2: false,
            default_profile_first: false,
        },
        shim_path: None,
        cli: aws_shim::real_aws::Settings {
            path: None,
            ..Default::default()
        },
        language: i18n::Choice {
            lang: Lang::EN,
            reason: i18n::Reason::Default,
        },
        state_dir: None,
        shim_lang: None,
        link_dir: None,
        place_env: BTreeMap::new(),
        // Nothing of this machine's: the home directory holds no /sys or /proc.
        machine: aws_shim::context::place::RootedFs::new(home),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// doctor's library entry point on arbitrary bytes in every file it reads.
    #[test]
    fn doctor_never_panics_on_arbitrary_files(
        config in proptest::collection::vec(any::<u8>(), 0..2048),
        credentials in proptest::collection::vec(any::<u8>(), 0..2048),
        cache in proptest::collection::vec(any::<u8>(), 0..2048),
        text in "(\\[(profile )?(dev|default|sso-session corp)\\]\n|(role_arn|sso_session|sso_start_url|mfa_serial|aws_access_key_id|aws_secret_access_key|credential_process|expiration) ?= ?[ -~]{0,40}\n|[ -~]{0,20}\n){0,12}",
        profile in "(dev|default|corp)",
    ) {
        let home = tempfile::tempdir().unwrap();
        let aws = home.path().join(".aws");
        std::fs::create_dir_all(aws.join("cli/cache")).unwrap();
        std::fs::create_dir_all(aws.join("sso/cache")).unwrap();
        let mut config = config;
        config.extend_from_slice(text.as_bytes());
        std::fs::write(aws.join("config"), &config).unwrap();
        std::fs::write(aws.join("credentials"), [text.as_bytes(), &credentials].concat()).unwrap();
        std::fs::write(aws.join("cli/cache/a.json"), &cache).unwrap();
        std::fs::write(aws.join("sso/cache").join(sha1_json("corp")), &cache).unwrap();
        let report = examine(&facts_for(home.path(), &profile));
        let text = human(&report, &plain(Lang::EN));
        prop_assert!(!text.is_empty());
        let v = json(&report, Lang::EN);
        prop_assert_eq!(&v["schema_version"], 1);
    }
}

/// Each credential kind as doctor tells it, in text and JSON, with the exit status.
#[test]
fn each_kind_of_credentials_and_the_exit_status() {
    let now = jiff::Timestamp::now();
    // Long-term keys in the file: they do not expire, nothing is wrong.
    let s = Sandbox::new();
    s.write(
        "home/.aws/credentials",
        "[default]\naws_access_key_id = AKIAFIXTUREKEYID0009\naws_secret_access_key = fixtureSecret0009\n",
    );
    let (code, text) = doctor(&s, &[], &[]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains(&catalogue_text("en", "doctor-no-expiry")),
        "{text}"
    );
    assert!(
        text.contains(&catalogue_text("en", "doctor-no-problems")),
        "{text}"
    );

    // Cloud9 with the renewal six days overdue: a problem of its own, exit 1.
    let s = Sandbox::new();
    let due = (now - jiff::SignedDuration::from_hours(6 * 24))
        .strftime("%a %b %d %Y %H:%M:%S GMT+0000 (Coordinated Universal Time)");
    s.write(
        "home/.aws/credentials",
        format!("# Do not modify this file, if this file is modified it will not be updated. If the file is deleted, it will be recreated on {due}.\n# 8220f463d27c92d456e0ed80ea067a64888dfe3e4870771adbdb039064ecfeda #\n[default]\naws_access_key_id=ASIAFIXTUREKEYID0001\naws_secret_access_key=fixtureSecret0001\naws_session_token=fixtureToken0001\n"),
    );
    let c9 = [("C9_PID", "0123456789abcdef"), ("C9_PROJECT", "demo")];
    // PATH without aws-shim's link: the PATH problem too.
    let (code, text) = doctor(
        &s,
        &[],
        &[c9[0], c9[1], ("PATH", "/usr/local/bin:/usr/bin:/bin")],
    );
    assert_eq!(code, 1, "{text}");
    let renewal = catalogue_text("en", "doctor-cloud9-renewed");
    assert!(text.contains(&renewal), "{text}");
    assert!(
        text.contains(&catalogue_text("en", "doctor-cloud9-overdue")),
        "{text}"
    );
    assert!(!text.contains("Problems found: 0"), "{text}");
    // The sentence stands in its own problem, not inside another one (the PATH problem).
    let overdue = "Cloud9 was due to renew ~/.aws/credentials";
    assert!(text.matches(overdue).count() <= 1, "{text}");
    let path_problem = text
        .split("\n\n")
        .find(|block| block.contains("is not aws-shim"))
        .expect("the PATH problem");
    assert!(!path_problem.contains(overdue), "{path_problem}");
    let v = doctor_json(&s, &[], &c9);
    let ids = crate::support::problem_ids(&v);
    assert!(ids.iter().any(|i| i == "doctor-cloud9-overdue"), "{ids:?}");

    // Exported keys that override AWS_PROFILE: a complete, numbered remedy.
    let s = Sandbox::new();
    s.write("home/.aws/config", "[profile dev]\nregion = us-east-1\n");
    let env = [
        ("AWS_PROFILE", "dev"),
        ("AWS_ACCESS_KEY_ID", "AKIAFIXTUREKEYID0010"),
        ("AWS_SECRET_ACCESS_KEY", "fixtureSecret0010"),
    ];
    let (code, text) = doctor(&s, &[], &env);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("1. To use profile dev, remove the exported keys"),
        "{text}"
    );
    assert!(
        text.contains("2. To use profile dev for one command only"),
        "{text}"
    );
    assert!(!text.contains(" Or, "), "{text}");

    // Usage errors are clap's: 2.
    let (code, _) = {
        let out = s
            .command(shim_bin())
            .args(["doctor", "--bogus"])
            .output()
            .unwrap();
        (out.status.code().unwrap(), ())
    };
    assert_eq!(code, 2);
}

#[test]
fn japanese_labels_have_no_nested_parentheses() {
    let s = Sandbox::new();
    let (_, text) = doctor(&s, &["--lang", "ja"], &[]);
    for line in text.lines() {
        let mut depth = 0i32;
        for c in line.chars() {
            match c {
                '(' | '（' => depth += 1,
                ')' | '）' => depth -= 1,
                _ => {}
            }
            assert!(depth <= 1, "nested parentheses: {line}");
        }
    }
}

/// Doctor lists the commands wrapped by links in its link directory and the real command of
/// each, or that there is none; links to anything else are not listed.
#[test]
fn doctor_lists_the_wrapped_commands() {
    let s = Sandbox::new();
    let (_, text) = doctor(&s, &[], &[]);
    assert!(
        text.contains(&crate::support::catalogue_text("en", "doctor-wrapped-none")),
        "{text}"
    );
    let dir = s.path().join("xdg/data/aws-shim/bin");
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["aws", "mytool", "nosuch"] {
        std::os::unix::fs::symlink(shim_bin(), dir.join(name)).unwrap();
    }
    std::os::unix::fs::symlink("/bin/sh", dir.join("other")).unwrap();
    let real = s.write_exe("real/mytool", "#!/bin/sh\n");
    let v = doctor_json(&s, &[], &[]);
    let wrapped = v["wrapped"].as_array().unwrap();
    assert_eq!(wrapped.len(), 2, "{v:#}");
    assert_eq!(wrapped[0]["name"], "mytool");
    assert_eq!(wrapped[0]["link"], dir.join("mytool").to_str().unwrap());
    assert_eq!(wrapped[0]["path"], real.to_str().unwrap());
    assert_eq!(wrapped[1]["name"], "nosuch");
    assert!(wrapped[1]["path"].is_null());
    assert!(wrapped[1]["error"].as_str().unwrap().contains("nosuch"));
    let (_, text) = doctor(&s, &["--lang", "ja"], &[]);
    assert!(
        text.contains(&format!("mytool → {}", real.display())),
        "{text}"
    );
    assert!(
        text.contains("aws-shim 以外の nosuch が PATH 上にありません"),
        "{text}"
    );
}

/// A Cloud9 managed credentials file whose renewal was due `minutes` ago.
fn cloud9_overdue(s: &Sandbox, minutes: i64) {
    let due = (jiff::Timestamp::now() - jiff::SignedDuration::from_mins(minutes))
        .strftime("%a %b %d %Y %H:%M:%S GMT+0000 (Coordinated Universal Time)");
    s.write(
        "home/.aws/credentials",
        format!("# Do not modify this file, if this file is modified it will not be updated. If the file is deleted, it will be recreated on {due}.\n# 8220f463d27c92d456e0ed80ea067a64888dfe3e4870771adbdb039064ecfeda #\n[default]\naws_access_key_id=ASIAFIXTUREKEYID0001\naws_secret_access_key=fixtureSecret0001\naws_session_token=fixtureToken0001\n"),
    );
}

/// Cloud9 with the renewal overdue and an ExpiredToken recorded: every text filled in (no
/// `{$` of an argument left out), and one problem for the one cause, in both languages.
#[test]
fn cloud9_overdue_is_one_problem_with_every_argument_filled_in() {
    let s = Sandbox::new();
    cloud9_overdue(&s, 36);
    let c9 = [("C9_PID", "0123456789abcdef"), ("C9_PROJECT", "demo")];
    for recorded in [false, true] {
        if recorded {
            let script = serde_json::json!([
                { "err": "\nAn error occurred (ExpiredToken) when calling the ListBuckets operation: The provided token has expired.\n" },
                { "exit": 254 }
            ]);
            let out = s
                .aws_cmd(&script)
                .args(["s3", "ls"])
                .envs(c9)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(254));
        }
        for lang in ["en", "ja"] {
            let (code, text) = doctor(&s, &["--lang", lang], &c9);
            assert_eq!(code, 1, "{text}");
            assert!(!text.contains("{$") && !text.contains("{ $"), "{text}");
            let v = doctor_json(&s, &["--lang", lang], &c9);
            let out = v.to_string();
            assert!(!out.contains("{$") && !out.contains("{ $"), "{out}");
            let ids = crate::support::problem_ids(&v);
            let cloud9: Vec<&String> = ids.iter().filter(|i| i.contains("cloud9")).collect();
            assert_eq!(cloud9.len(), 1, "recorded: {recorded}, {ids:?}");
            let ask_owner = catalogue_text(lang, "step-cloud9-ask-owner");
            assert_eq!(text.matches(&ask_owner).count(), 1, "{text}");
            // The time it was due is said once, in the explanation.
            let due_line = catalogue_text(lang, "label-cloud9-overdue");
            let words = due_line
                .split(['{', '}'])
                .filter(|part| !part.trim_start().starts_with('$'))
                .max_by_key(|part| part.len())
                .unwrap();
            assert_eq!(text.matches(words).count(), 1, "{words:?} in {text}");
        }
    }
}

/// When `aws` on PATH is not aws-shim, the remedy names the directory that holds the link
/// (or the hook that makes it), and points to aws-shim's own help, not to a file.
#[test]
fn the_path_remedy_names_the_link_directory() {
    let s = Sandbox::new();
    let path = [("PATH", "/usr/local/bin:/usr/bin:/bin")];
    let (_, text) = doctor(&s, &[], &path);
    assert!(text.contains("aws-shim init bash"), "{text}");
    assert!(!text.contains("README"), "{text}");
    let dir = s.path().join("xdg/data/aws-shim/bin");
    std::fs::create_dir_all(&dir).unwrap();
    std::os::unix::fs::symlink(shim_bin(), dir.join("aws")).unwrap();
    for lang in ["en", "ja"] {
        let (_, text) = doctor(&s, &["--lang", lang], &path);
        assert!(
            text.contains(&format!("export PATH=\"{}:$PATH\"", dir.display())),
            "{text}"
        );
        assert!(text.contains("aws-shim init --help"), "{text}");
        assert!(!text.contains("README"), "{text}");
    }
}

/// An `aws login` profile is shown as such (not as "none"), in text and JSON; without a
/// saved session it is a problem of its own; a failure recorded before `login` had a tag of
/// its own (`source=none`) is still read and still about the same credentials.
#[test]
fn aws_login_profiles_are_shown_as_aws_login() {
    let s = Sandbox::new();
    let session = "arn:aws:iam::123456789012:user/me";
    s.write(
        "home/.aws/config",
        format!("[profile dev]\nlogin_session = {session}\nregion = us-east-1\n"),
    );
    // No session saved yet.
    let v = doctor_json(&s, &["--profile", "dev"], &[]);
    assert_eq!(v["credentials"]["kind"], "login");
    assert_eq!(v["credentials"]["temporary"], true);
    assert_eq!(
        crate::support::problem_ids(&v),
        ["login-session-missing"],
        "{v:#}"
    );
    // A saved session: nothing known to be wrong.
    // The CLI's cache file name: the session's SHA-256, in hex.
    let name: String = {
        use sha2::Digest;
        sha2::Sha256::digest(session.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    };
    s.write(
        &format!("home/.aws/login/cache/{name}.json"),
        "{\"accessToken\": \"fixture\"}",
    );
    let v = doctor_json(&s, &["--profile", "dev"], &[]);
    assert_eq!(v["credentials"]["kind"], "login");
    assert!(
        v["credentials"]["cache_file"]
            .as_str()
            .unwrap()
            .ends_with(&format!("{name}.json"))
    );
    assert_eq!(crate::support::problem_ids(&v), Vec::<String>::new());
    for lang in ["en", "ja"] {
        let (_, text) = doctor(&s, &["--profile", "dev", "--lang", lang], &[]);
        let row = format!(
            "{}: {}",
            catalogue_text(lang, "doctor-source"),
            catalogue_text(lang, "kind-login")
        );
        assert!(text.contains(&row), "{text}");
        assert!(!text.contains(&catalogue_text(lang, "kind-none")), "{text}");
    }
    // A failure recorded by the wrapper, then written back as the version before `login`
    // wrote it: still read, still the last failure of these credentials.
    let out = s
        .aws_cmd(&serde_json::json!([
            { "err": LOGIN_EXPIRED },
            { "exit": 255 }
        ]))
        .args(["s3", "ls", "--profile", "dev"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(255));
    let file = s.state_dir().join("dev.failure");
    let recorded = std::fs::read_to_string(&file).unwrap();
    assert!(recorded.contains("\nsource=login\n"), "{recorded}");
    std::fs::write(
        &file,
        recorded.replace("\nsource=login\n", "\nsource=none\n"),
    )
    .unwrap();
    let v = doctor_json(&s, &["--profile", "dev"], &[]);
    assert_eq!(v["last_failure"]["rule"], "login-session-expired", "{v:#}");
    assert_eq!(v["last_failure"]["source_kind"], "none");
    assert_eq!(crate::support::problem_ids(&v), ["login-expired"]);
}
