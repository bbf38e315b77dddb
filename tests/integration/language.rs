//! Every text a Japanese user reads is Japanese, help included; one term for one idea; the
//! Japanese hint under Cloud9's English locale says how to keep English.

use crate::cloud9::{C9, managed_file};
use crate::support::{Sandbox, shim_bin};
use std::process::Output;

fn shim(s: &Sandbox, args: &[&str], env: &[(&str, &str)]) -> Output {
    s.command(shim_bin())
        .args(args)
        .envs(env.iter().copied())
        .output()
        .unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The lines of English prose in a text: four words or more of Latin letters, leaving out
/// commands and placeholders (`aws-shim ...`, `aws ...`, `--lang <LANG>`).
fn english_sentences(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.starts_with("aws"))
        .filter(|line| {
            line.split_whitespace()
                .filter(|w| {
                    w.chars()
                        .all(|c| c.is_ascii_alphabetic() || ",.:;'".contains(c))
                })
                .filter(|w| w.chars().any(|c| c.is_ascii_lowercase()))
                .count()
                >= 4
        })
        .map(str::to_owned)
        .collect()
}

const HELPS: &[&[&str]] = &[
    &["--help"],
    &["help"],
    &["exec", "--help"],
    &["run", "--help"],
    &["explain", "--help"],
    &["demo", "--help"],
    &["doctor", "--help"],
    &["prompt", "--help"],
    &["init", "--help"],
    &["cloud9", "--help"],
    &["cloud9", "note", "--help"],
    &["wait", "--help"],
    &["completions", "--help"],
    &["help", "doctor"],
];

/// Under AWS_SHIM_LANG=ja (or --lang ja, or a Japanese locale) the help has no English
/// sentence of the English help; under English it is the English one.
#[test]
fn the_help_is_in_the_language_chosen() {
    let s = Sandbox::new();
    for args in HELPS {
        let en = shim(&s, args, &[]);
        assert!(en.status.success(), "{args:?}: {}", text(&en));
        let en = text(&en);
        let sentences = english_sentences(&en);
        assert!(!sentences.is_empty(), "{args:?}: {en}");
        let ja_env = shim(&s, args, &[("AWS_SHIM_LANG", "ja")]);
        let locale = s
            .command(shim_bin())
            .args(*args)
            .env_remove("AWS_SHIM_LANG")
            .env("LANG", "ja_JP.UTF-8")
            .output()
            .unwrap();
        let mut outs = vec![ja_env, locale];
        // --lang, where the command has it.
        let has_lang = ["explain", "demo", "doctor", "init", "wait"].contains(&args[0])
            || args.starts_with(&["cloud9", "note"]);
        if has_lang {
            outs.push(shim(&s, &[&args[..], &["--lang", "ja"]].concat(), &[]));
        }
        for out in outs {
            assert!(out.status.success(), "{args:?}: {}", text(&out));
            let ja = text(&out);
            assert_ne!(ja, en, "{args:?}");
            for sentence in &sentences {
                assert!(
                    !ja.contains(sentence.as_str()),
                    "{args:?}: {sentence:?} in\n{ja}"
                );
            }
            for english in [
                "Usage:",
                "Options:",
                "Commands:",
                "Print help",
                "possible values",
            ] {
                assert!(!ja.contains(english), "{args:?}: {english} in\n{ja}");
            }
        }
    }
}

/// `wait --help` and `doctor --help` list their exit statuses.
#[test]
fn wait_and_doctor_help_list_their_exit_statuses() {
    let s = Sandbox::new();
    for lang in ["en", "ja"] {
        let env = [("AWS_SHIM_LANG", lang)];
        let wait = text(&shim(&s, &["wait", "--help"], &env));
        for status in ["0:", "1:", "2:", "124:", "130:"] {
            assert!(wait.contains(&format!("  {status} ")), "{status}: {wait}");
        }
        let doctor = text(&shim(&s, &["doctor", "--help"], &env));
        for status in ["0:", "1:", "2:"] {
            assert!(
                doctor.contains(&format!("  {status} ")),
                "{status}: {doctor}"
            );
        }
    }
}

/// `--lang` takes the language of each catalogue, and nothing else.
#[test]
fn lang_takes_the_catalogues_languages() {
    let s = Sandbox::new();
    let catalogues: Vec<String> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/locales"))
            .unwrap()
            .filter_map(|e| {
                let name = e.unwrap().file_name().into_string().unwrap();
                name.strip_suffix(".ftl").map(str::to_owned)
            })
            .collect();
    assert!(catalogues.len() >= 2);
    for lang in &catalogues {
        let out = shim(&s, &["explain", "ExpiredToken", "--lang", lang], &[]);
        assert!(out.status.success(), "{lang}: {}", text(&out));
    }
    let out = shim(&s, &["explain", "ExpiredToken", "--lang", "xx"], &[]);
    assert_eq!(out.status.code(), Some(2));
}

/// `explain`'s own messages, `cloud9 note` outside Cloud9 and doctor's values are Japanese
/// under Japanese.
#[test]
fn explain_note_and_doctor_speak_japanese() {
    let s = Sandbox::new();
    let ja = [("AWS_SHIM_LANG", "ja")];
    let cases: &[&[&str]] = &[
        &["explain", "NoSuchThing"],
        &["explain", "SignatureDoesNotMatch"],
        &["cloud9", "note"],
    ];
    for args in cases {
        let en_out = text(&shim(&s, args, &[]));
        let out = shim(&s, args, &ja);
        assert!(!out.status.success(), "{args:?}");
        let ja_out = text(&out);
        // The first line is aws-shim's own; a list of what it explains may follow, in the
        // words of the CLI and the tools.
        let first = |t: &str| t.lines().next().unwrap_or("").to_owned();
        for sentence in english_sentences(&first(&en_out)) {
            assert!(
                !ja_out.contains(&sentence),
                "{args:?}: {sentence:?} in\n{ja_out}"
            );
        }
        assert!(
            ja_out.contains("aws-shim: ") && ja_out.contains('。'),
            "{ja_out}"
        );
    }
    // Nothing found in the input.
    let out = s
        .command(shim_bin())
        .args(["explain", "-"])
        .env("AWS_SHIM_LANG", "ja")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains("見つかりませんでした"),
        "{}",
        text(&out)
    );
    // Doctor's last failure: the family in words, not `expired`.
    let script = serde_json::json!([
        { "err": "\nAn error occurred (ExpiredToken) when calling the ListBuckets operation: The provided token has expired.\n" },
        { "exit": 254 }
    ]);
    s.aws_cmd(&script).args(["s3", "ls"]).output().unwrap();
    let doctor = text(&shim(&s, &["doctor"], &ja));
    let line = doctor
        .lines()
        .find(|l| l.contains("ExpiredToken"))
        .unwrap_or_else(|| panic!("{doctor}"));
    assert!(!line.contains("expired"), "{line}");
}

/// `explain --list` prints the codes it knows.
#[test]
fn explain_list_prints_the_codes() {
    let s = Sandbox::new();
    let out = shim(&s, &["explain", "--list"], &[]);
    assert!(out.status.success(), "{}", text(&out));
    let list = text(&out);
    for code in [
        "ExpiredToken",
        "InvalidClientTokenId",
        "RequestExpired",
        "Unable to locate credentials",
    ] {
        assert!(list.contains(code), "{code}: {list}");
    }
}

/// `aws-shim completions SHELL` prints what `init SHELL` ends with.
#[test]
fn completions_is_a_command_of_its_own() {
    let s = Sandbox::new();
    for shell in ["bash", "zsh", "fish"] {
        let out = shim(&s, &["completions", shell], &[]);
        assert!(out.status.success(), "{shell}: {}", text(&out));
        let completions = String::from_utf8(out.stdout).unwrap();
        assert!(completions.contains("doctor"), "{shell}: {completions}");
        let init = String::from_utf8(shim(&s, &["init", shell], &[]).stdout).unwrap();
        assert!(init.ends_with(&completions), "{shell}");
    }
}

/// One Japanese term for one idea: temporary credentials are 一時的な認証情報 (Cloud9's product
/// term AWS マネージド一時認証情報 aside); the AWS CLI itself is AWS CLI 本体.
#[test]
fn one_japanese_term_for_one_idea() {
    let ja =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/locales/ja.ftl")).unwrap();
    let without_product = ja.replace("AWS マネージド一時認証情報", "");
    for forbidden in [
        "一時認証情報",
        "マネージド認証情報",
        "セッション認証情報",
        "セッションキー",
        "一時的なキー",
        "短期認証情報",
        "一時的な AWS 認証情報",
        "実際の",
        "本物の",
    ] {
        assert!(
            !without_product.contains(forbidden),
            "{forbidden} in ja.ftl"
        );
    }
    // wait is waiting, not checking.
    let wait = crate::support::catalogue_text("ja", "step-cloud9-wait");
    assert!(wait.contains("待って") && !wait.contains("確認"), "{wait}");
}

/// Under Cloud9's English locale, the explanation ends with one Japanese line that also says
/// how to keep English; AWS_SHIM_LANG=en keeps English without it.
#[test]
fn the_japanese_hint_in_cloud9_says_how_to_keep_english() {
    let s = Sandbox::new();
    let when = jiff::Timestamp::now() - jiff::SignedDuration::from_mins(20);
    s.write("home/.aws/credentials", managed_file(when, true));
    let script = serde_json::json!([
        { "err": "\nAn error occurred (ExpiredToken) when calling the ListBuckets operation: The provided token has expired.\n" },
        { "exit": 254 }
    ]);
    let run = |lang: Option<&str>| {
        let mut cmd = s.aws_cmd(&script);
        cmd.args(["s3", "ls"]).envs(C9).env("LANG", "en_US.UTF-8");
        match lang {
            Some(l) => cmd.env("AWS_SHIM_LANG", l),
            None => cmd.env_remove("AWS_SHIM_LANG"),
        };
        String::from_utf8(cmd.output().unwrap().stderr).unwrap()
    };
    let inferred = run(None);
    let hint: Vec<&str> = inferred
        .lines()
        .filter(|l| l.contains("AWS_SHIM_LANG=ja"))
        .collect();
    assert_eq!(hint.len(), 1, "{inferred}");
    assert!(hint[0].contains("AWS_SHIM_LANG=en"), "{inferred}");
    let chosen = run(Some("en"));
    assert!(!chosen.contains("AWS_SHIM_LANG"), "{chosen}");
}

/// A command line that cannot be taken is said in Japanese too, with the usage line and the
/// way to the help, and the usage error's status (2); in English clap's own words stand.
#[test]
fn usage_errors_are_japanese_under_a_japanese_locale() {
    let s = Sandbox::new();
    let ja = [("AWS_SHIM_LANG", "ja")];
    let cases: [(&[&str], &str); 5] = [
        (&["doctor", "--bogus"], "--bogus"),
        (&["frob"], "frob"),
        (&["init", "tcsh"], "tcsh"),
        (&["explain", "--list", "ExpiredToken"], "--list"),
        (&["wait", "--timeout", "soon"], "soon"),
    ];
    for (args, named) in cases {
        let out = shim(&s, args, &ja);
        let all = text(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {all}");
        assert!(all.contains(named), "{args:?}: {all}");
        let japanese = |t: &str| t.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c));
        assert!(japanese(&all), "{args:?}: {all}");
        for english in [
            "error:",
            "Usage:",
            "For more information",
            "unexpected",
            "invalid value",
        ] {
            assert!(!all.contains(english), "{args:?} says {english:?}: {all}");
        }
        let english = shim(&s, args, &[("AWS_SHIM_LANG", "en")]);
        assert_eq!(english.status.code(), Some(2), "{args:?}");
        assert!(!japanese(&text(&english)), "{args:?}: {}", text(&english));
    }
}
