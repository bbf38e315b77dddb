//! Recognising the place on a failure (`context::place::candidates`, every place whose
//! evidence is complete, as `context::locate` asks for them): every fixture tree under
//! tests/fixtures/places, the unknown place (every file looked at, nothing found) and this
//! machine's own root; and the whole context on a failure as the wrapper works it out
//! (`context::resolve` with a HOME holding a config and credentials file, then
//! `context::locate`). The budget is the issue's: the whole context on a failure in under
//! 5 ms. A successful call never runs detection.

use aws_shim::context::place::{RootedFs, candidates, detect, steps};
use aws_shim::context::{Inputs, locate, resolve};
use aws_shim::rules::Family;
use criterion::{Criterion, criterion_group, criterion_main};
use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::Path;

fn fixture(name: &str) -> (BTreeMap<String, String>, RootedFs) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/places")
        .join(name);
    let env = std::fs::read_to_string(dir.join("env"))
        .unwrap()
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    (env, RootedFs::new(dir.join("root")))
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("place");
    let now = Some(jiff::Timestamp::now());
    let ctx = resolve(&Inputs::default());
    for name in [
        "cloudshell",
        "sagemaker-studio",
        "eks-irsa",
        "ec2-docker",
        "devcontainer",
        "unknown",
    ] {
        let (env, fs) = fixture(name);
        group.bench_function(format!("detect-{name}"), |b| {
            b.iter(|| {
                let found = candidates(black_box(&env), &fs, now);
                black_box(found.first().map(|p| steps(p, Family::Missing, &ctx)))
            })
        });
    }
    let env: BTreeMap<String, String> = std::env::vars().collect();
    let fs = RootedFs::system();
    group.bench_function("detect-this-machine", |b| {
        b.iter(|| black_box(detect(black_box(&env), &fs, now)))
    });
    // The whole context: a HOME with a few profiles and session keys, each place's variables.
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join(".aws")).unwrap();
    let mut config = String::new();
    for i in 0..20 {
        config.push_str(&format!(
            "[profile p{i}]\nregion = ap-northeast-1\nrole_arn = arn:aws:iam::123456789012:role/r{i}\nsource_profile = default\n"
        ));
    }
    std::fs::write(home.path().join(".aws/config"), config).unwrap();
    std::fs::write(
        home.path().join(".aws/credentials"),
        "[default]\naws_access_key_id = ASIAFIXTUREKEYID0001\naws_secret_access_key = x\naws_session_token = y\n",
    )
    .unwrap();
    for name in ["cloudshell", "ec2-docker", "eks-irsa", "unknown"] {
        let (env, fs) = fixture(name);
        let inputs = Inputs {
            env: env.clone(),
            home: Some(home.path().to_owned()),
            now,
            ..Inputs::default()
        };
        group.bench_function(format!("whole-context-{name}"), |b| {
            b.iter(|| {
                let mut ctx = resolve(black_box(&inputs));
                locate(&mut ctx, &env, &fs);
                black_box(ctx)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
