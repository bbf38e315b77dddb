//! Offline `aws-shim doctor`: resolution and report building (the library entry point) on a
//! HOME with 50 profiles and 200 assume-role cache files. The examined profile assumes a role
//! whose cache file is missing, so the cache is searched by content: the slowest path. And on
//! a HOME whose config has 10,000 SSO profiles (as tools that sync accounts write), read
//! whole: the last profile is examined.

use aws_shim::context::Inputs;
use aws_shim::doctor::{Facts, examine, human, json};
use aws_shim::i18n::{self, Lang};
use aws_shim::render::Look;
use criterion::{Criterion, criterion_group, criterion_main};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::hint::black_box;

fn home_with_profiles() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let aws = home.path().join(".aws");
    std::fs::create_dir_all(aws.join("cli/cache")).unwrap();
    std::fs::create_dir_all(aws.join("sso/cache")).unwrap();
    let mut config = String::from("[default]\nregion = us-east-1\n");
    let mut credentials = String::new();
    for i in 0..50 {
        match i % 4 {
            0 => writeln!(config, "[profile p{i}]\nsso_session = s{i}\nsso_account_id = 1\nsso_role_name = R\n[sso-session s{i}]\nsso_start_url = https://x{i}.awsapps.com/start\nsso_region = us-east-1").unwrap(),
            1 => writeln!(config, "[profile p{i}]\nrole_arn = arn:aws:iam::123456789012:role/r{i}\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/u").unwrap(),
            2 => writeln!(config, "[profile p{i}]\ncredential_process = /opt/bin/creds {i}\noutput = json\ns3 =\n  max_concurrent_requests = 10").unwrap(),
            _ => writeln!(credentials, "[p{i}]\naws_access_key_id = AKIAEXAMPLE{i:05}\naws_secret_access_key = secret{i}").unwrap(),
        }
    }
    writeln!(
        credentials,
        "[base]\naws_access_key_id = AKIAEXAMPLEBASE\naws_secret_access_key = secret"
    )
    .unwrap();
    std::fs::write(aws.join("config"), config).unwrap();
    std::fs::write(aws.join("credentials"), credentials).unwrap();
    for i in 0..200 {
        let role = format!("r{}", i % 60);
        let body = format!(
            r#"{{"Credentials": {{"AccessKeyId": "ASIAEXAMPLE", "SecretAccessKey": "s", "SessionToken": "{}", "Expiration": "2026-11-27T0{}:00:00UTC"}}, "AssumedRoleUser": {{"AssumedRoleId": "AROA:botocore-session-{i}", "Arn": "arn:aws:sts::123456789012:assumed-role/{role}/botocore-session-{i}"}}}}"#,
            "t".repeat(800),
            i % 10
        );
        std::fs::write(aws.join("cli/cache").join(format!("{i:040x}.json")), body).unwrap();
    }
    home
}

/// A config of `count` SSO profiles sharing one sso-session, about 150 bytes each.
fn home_with_sso_profiles(count: u64) -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let aws = home.path().join(".aws");
    std::fs::create_dir_all(&aws).unwrap();
    let mut config = String::from(
        "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n",
    );
    for i in 0..count {
        writeln!(
            config,
            "[profile account-{i:05}]\nsso_session = corp\nsso_account_id = {}\nsso_role_name = AdministratorAccess\nregion = ap-northeast-1\n",
            100_000_000_000 + i
        )
        .unwrap();
    }
    std::fs::write(aws.join("config"), config).unwrap();
    home
}

fn facts(home: &std::path::Path, profile: &str) -> Facts {
    let mut env = BTreeMap::new();
    env.insert("AWS_PROFILE".to_owned(), profile.to_owned());
    Facts {
        inputs: Inputs {
            env,
            home: Some(home.to_owned()),
            profile_arg: None,
            now: Some(jiff::Timestamp::now()),
            on_ec2: false,
            default_profile_first: false,
        },
        shim_path: std::env::current_exe().ok(),
        cli: aws_shim::real_aws::Settings {
            path: std::env::var_os("PATH"),
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

fn bench(c: &mut Criterion) {
    let home = home_with_profiles();
    let mut group = c.benchmark_group("doctor");
    let look = Look {
        lang: Lang::EN,
        tz: jiff::tz::TimeZone::UTC,
        color: false,
    };
    for profile in ["p1", "p0"] {
        let facts = facts(home.path(), profile);
        let name = if profile == "p1" {
            "offline-assume-role-cache-scan"
        } else {
            "offline-sso"
        };
        group.bench_function(name, |b| {
            b.iter(|| {
                let report = examine(black_box(&facts));
                black_box((human(&report, &look), json(&report, Lang::EN)));
            })
        });
    }
    let many = home_with_sso_profiles(10_000);
    let facts = facts(many.path(), "account-09999");
    group.bench_function("offline-sso-10000-profiles", |b| {
        b.iter(|| {
            let report = examine(black_box(&facts));
            black_box((human(&report, &look), json(&report, Lang::EN)));
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
