//! `aws-shim demo` on a machine with no AWS CLI and no credentials: the real wrapper path
//! (spawn, filter, render) shows the Cloud9 explanation, and the command succeeds.

use crate::support::{Sandbox, catalogue_text, shim_bin, system_path_without_aws};

#[test]
fn demo_works_without_an_aws_cli_in_both_languages() {
    let s = Sandbox::new();
    for lang in ["ja", "en"] {
        let out = s
            .command(shim_bin())
            .env(
                "PATH",
                std::env::join_paths(system_path_without_aws()).unwrap(),
            )
            .args(["demo", "--lang", lang])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{lang}: {out:?}");
        let stdout = String::from_utf8(out.stdout).unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(stdout, "$ aws s3 ls\n");
        // Not a terminal: the CLI's own line byte for byte, then the explanation.
        assert!(stderr.starts_with("\naws: [ERROR]: An error occurred (ExpiredToken) when calling the ListBuckets operation: The provided token has expired.\naws-shim: "), "{stderr}");
        assert!(
            stderr.contains(&catalogue_text(lang, "cloud9-expired")),
            "{lang}: {stderr}"
        );
        assert!(
            stderr.contains(&catalogue_text(lang, "step-cloud9-ask-owner")),
            "{lang}: {stderr}"
        );
        // Nothing of the demo is recorded as a failure.
        assert!(!s.state_dir().exists());
    }
}
