//! Each place from a fixture tree under tests/fixtures/places/NAME: `env` holds the
//! environment (NAME=VALUE lines) and `root/` the files, read through the injected probe with
//! that root. No test reads the machine's own /sys or /proc.

use super::*;
use crate::rules::Family;
use std::path::Path;

const NOW: &str = "2026-11-27T08:00:00Z";

fn fixture(name: &str) -> (BTreeMap<String, String>, RootedFs) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/places")
        .join(name);
    let text = std::fs::read_to_string(dir.join("env")).unwrap();
    let env = text
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    (env, RootedFs::new(dir.join("root")))
}

fn detect_fixture(name: &str) -> Option<Place> {
    let (env, fs) = fixture(name);
    detect(&env, &fs, Some(NOW.parse().unwrap()))
}

fn ids(place: &Place, family: Family) -> Vec<&'static str> {
    steps(place, family).iter().map(|s| s.id).collect()
}

fn arg<'a>(steps: &'a [Step], id: &str, name: &str) -> &'a str {
    let step = steps.iter().find(|s| s.id == id).unwrap();
    step.args
        .iter()
        .find(|(k, _)| *k == name)
        .unwrap()
        .1
        .as_str()
}

#[test]
fn cloudshell() {
    let place = detect_fixture("cloudshell").unwrap();
    assert_eq!(
        place,
        Place::CloudShell {
            region: Some("ap-northeast-1".into())
        }
    );
    for family in [Family::Expired, Family::Missing] {
        assert_eq!(
            ids(&place, family),
            [
                "step-place-cloudshell-sign-in",
                "step-place-cloudshell-not-here"
            ]
        );
    }
    // The variable alone (without the console's container credentials) is not enough.
    let (mut env, fs) = fixture("cloudshell");
    env.remove("AWS_CONTAINER_CREDENTIALS_FULL_URI");
    assert_eq!(detect(&env, &fs, None), None);
}

#[test]
fn sagemaker_studio_space() {
    let place = detect_fixture("sagemaker-studio").unwrap();
    let Place::SageMaker {
        kind: SageMakerKind::Studio { app_type },
        name,
        domain_id,
        role_arn,
    } = &place
    else {
        panic!("{place:?}")
    };
    assert_eq!(app_type.as_deref(), Some("JupyterLab"));
    assert_eq!(name.as_deref(), Some("my-space"));
    assert_eq!(domain_id.as_deref(), Some("d-fixture0000"));
    assert!(role_arn.is_some());
    let steps = steps(&place, Family::Expired);
    assert_eq!(
        arg(&steps, "step-place-sagemaker-restart-space", "space"),
        "my-space"
    );
    assert_eq!(
        arg(&steps, "step-place-sagemaker-session", "command"),
        "aws iam get-role --role-name AmazonSageMaker-ExecutionRole-Fixture --query Role.MaxSessionDuration"
    );
}

#[test]
fn sagemaker_notebook_instance_wins_over_ec2() {
    let place = detect_fixture("sagemaker-notebook").unwrap();
    assert_eq!(place.id(), "sagemaker-notebook");
    let steps = steps(&place, Family::Expired);
    assert_eq!(
        arg(&steps, "step-place-sagemaker-restart-notebook", "name"),
        "my-notebook"
    );
}

#[test]
fn ecs_task() {
    let place = detect_fixture("ecs").unwrap();
    assert_eq!(
        place,
        Place::Ecs {
            metadata_uri: "http://169.254.170.2/v4/fixture-container".into(),
            metadata_var: "ECS_CONTAINER_METADATA_URI_V4",
        }
    );
    // The evidence names the variable that matched: the v3 one when only it is set.
    let (mut env, fs) = fixture("ecs");
    env.remove("ECS_CONTAINER_METADATA_URI_V4");
    let v3 = detect(&env, &fs, None).unwrap();
    assert_eq!(
        v3.evidence(),
        [
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "ECS_CONTAINER_METADATA_URI"
        ]
    );
    assert_eq!(
        ids(&place, Family::Expired),
        ["step-clock-check", "step-place-ecs-new-task"]
    );
    // The relative URI alone is also CodeBuild's, SageMaker's...: not certainly ECS.
    let (mut env, fs) = fixture("ecs");
    env.remove("ECS_CONTAINER_METADATA_URI_V4");
    env.remove("ECS_CONTAINER_METADATA_URI");
    assert_eq!(detect(&env, &fs, None), None);
}

#[test]
fn eks_pod_identity_reads_its_token_offline() {
    let place = detect_fixture("eks-pod-identity").unwrap();
    let Place::EksPodIdentity { token, .. } = &place else {
        panic!("{place:?}")
    };
    assert_eq!(
        place.evidence()[0],
        "AWS_CONTAINER_CREDENTIALS_FULL_URI=169.254.170.23"
    );
    assert_eq!(
        token.expires_at,
        Some("2026-11-27T20:00:00Z".parse().unwrap())
    );
    assert_eq!(token.expired, Some(false));
    assert_eq!(token.service_account(), Some(("shop", "api")));
    assert_eq!(
        ids(&place, Family::Expired),
        [
            "step-place-eks-token-valid",
            "step-place-eks-pod-identity-agent"
        ]
    );
    // Over IPv6 the evidence names the IPv6 address that matched.
    let (mut env, fs) = fixture("eks-pod-identity");
    env.insert(
        "AWS_CONTAINER_CREDENTIALS_FULL_URI".into(),
        "http://[fd00:ec2::23]/v1/credentials".into(),
    );
    let v6 = detect(&env, &fs, None).unwrap();
    assert_eq!(
        v6.evidence()[0],
        "AWS_CONTAINER_CREDENTIALS_FULL_URI=[fd00:ec2::23]"
    );
    // Another full URI (a sidecar on localhost) is not the Pod Identity Agent.
    env.insert(
        "AWS_CONTAINER_CREDENTIALS_FULL_URI".into(),
        "http://127.0.0.1:9911/creds".into(),
    );
    assert_eq!(detect(&env, &fs, None), None);
}

#[test]
fn eks_irsa_expired_token() {
    let place = detect_fixture("eks-irsa").unwrap();
    let Place::EksIrsa { role_arn, token } = &place else {
        panic!("{place:?}")
    };
    assert_eq!(role_arn, "arn:aws:iam::123456789012:role/shop-api");
    assert_eq!(
        token.expires_at,
        Some("2026-11-27T07:00:00Z".parse().unwrap())
    );
    assert_eq!(token.expired, Some(true));
    assert_eq!(
        token.issuer.as_deref(),
        Some("https://oidc.eks.ap-northeast-1.amazonaws.com/id/FIXTURE0000000000000000000000000")
    );
    assert_eq!(place.token_expires_at(), token.expires_at);
    let steps = steps(&place, Family::Expired);
    assert_eq!(
        arg(&steps, "step-place-eks-token-expired", "time"),
        "2026-11-27T07:00:00Z"
    );
    assert_eq!(
        arg(&steps, "step-place-eks-irsa-annotation", "namespace"),
        "shop"
    );
    assert_eq!(
        arg(&steps, "step-place-eks-irsa-annotation", "account"),
        "api"
    );
}

#[test]
fn web_identity_outside_eks_is_no_place() {
    // A token file elsewhere whose issuer is not EKS's: web identity, but not certainly EKS.
    let (mut env, fs) = fixture("eks-irsa");
    env.insert("AWS_WEB_IDENTITY_TOKEN_FILE".into(), "/tmp/token".into());
    env.remove("KUBERNETES_SERVICE_HOST");
    assert_eq!(detect(&env, &fs, None), None);
}

#[test]
fn ec2_host_from_the_board_asset_tag() {
    let place = detect_fixture("ec2-host").unwrap();
    assert_eq!(
        place,
        Place::Ec2 {
            instance_id: Some("i-0123456789abcdef0".into()),
            host: Ec2Evidence::BoardAssetTag,
            container: None,
            imds_disabled_by_env: false,
        }
    );
    assert!(!place.in_container());
    let steps = steps(&place, Family::Missing);
    assert_eq!(
        arg(&steps, "step-place-ec2-role-attach", "command"),
        "aws ec2 associate-iam-instance-profile --instance-id i-0123456789abcdef0 --iam-instance-profile Name=PROFILE_NAME"
    );
    // Expired credentials on EC2 keep the advice without a place (the clock).
    assert!(ids(&place, Family::Expired).is_empty());
}

#[test]
fn ec2_docker_gets_the_hop_limit_fix() {
    let place = detect_fixture("ec2-docker").unwrap();
    assert_eq!(place.id(), "ec2-container");
    assert!(place.in_container());
    let steps = steps(&place, Family::Missing);
    assert_eq!(
        arg(&steps, "step-place-ec2-hop-limit", "command"),
        "aws ec2 modify-instance-metadata-options --instance-id i-0fedcba9876543210 --http-put-response-hop-limit 2 --http-endpoint enabled"
    );
    assert_eq!(
        arg(&steps, "step-place-ec2-hop-limit", "evidence"),
        "/.dockerenv"
    );
}

#[test]
fn ec2_xen_in_a_cgroup_v1_container() {
    let place = detect_fixture("ec2-xen-cgroup").unwrap();
    assert_eq!(
        place,
        Place::Ec2 {
            instance_id: None,
            host: Ec2Evidence::HypervisorUuid("/sys/class/dmi/id/bios_version"),
            container: Some(ContainerEvidence::Cgroup),
            imds_disabled_by_env: false,
        }
    );
    assert_eq!(
        place.evidence(),
        [
            "/sys/hypervisor/uuid",
            "/sys/class/dmi/id/bios_version",
            "/proc/1/cgroup"
        ]
    );
    // The UUID alone is once in 4096 a random one: without a BIOS naming Amazon, no EC2.
    let root = tempfile_root(&[
        (
            "sys/hypervisor/uuid",
            "ec2e1916-9099-7caf-fd21-012345abcdef",
        ),
        ("sys/class/dmi/id/bios_version", "4.2.xen"),
    ]);
    assert_eq!(
        detect(&BTreeMap::new(), &RootedFs::new(root.path()), None),
        None
    );
    let steps = steps(&place, Family::Missing);
    assert!(
        arg(&steps, "step-place-ec2-hop-limit", "command").contains("--instance-id INSTANCE_ID")
    );
}

#[test]
fn ec2_with_the_metadata_service_turned_off_in_the_shell() {
    let (mut env, fs) = fixture("ec2-docker");
    env.insert("AWS_EC2_METADATA_DISABLED".into(), "true".into());
    let place = detect(&env, &fs, None).unwrap();
    assert_eq!(
        ids(&place, Family::Missing),
        ["step-place-ec2-imds-variable"]
    );
}

#[test]
fn github_actions_job() {
    let place = detect_fixture("github-actions").unwrap();
    assert_eq!(place, Place::GitHubActions { exported: true });
    let expired = ids(&place, Family::Expired);
    assert_eq!(
        expired,
        ["step-place-github-duration", "step-place-ci-max-session"]
    );
    assert_eq!(ids(&place, Family::Missing), ["step-place-github-oidc"]);
}

#[test]
fn gitlab_ci_job_before_any_container() {
    let place = detect_fixture("gitlab-ci").unwrap();
    assert_eq!(place, Place::GitLabCi { exported: false });
    assert_eq!(
        ids(&place, Family::Expired),
        ["step-place-gitlab-duration", "step-place-ci-max-session"]
    );
}

#[test]
fn codebuild_build() {
    let place = detect_fixture("codebuild").unwrap();
    assert_eq!(
        place,
        Place::CodeBuild {
            build_id: "deploy-project:b1e6661e-e4f2-4156-9ab9-82a19EXAMPLE".into(),
            exported: true
        }
    );
    assert_eq!(
        ids(&place, Family::Expired),
        ["step-place-codebuild-chaining", "step-place-ci-max-session"]
    );
    // The service role's own container credentials: CodeBuild renews them; nothing to add.
    let (mut env, fs) = fixture("codebuild");
    env.remove("AWS_SESSION_TOKEN");
    let place = detect(&env, &fs, None).unwrap();
    assert!(ids(&place, Family::Expired).is_empty());
}

#[test]
fn dev_container_with_the_hosts_aws_directory() {
    let place = detect_fixture("devcontainer").unwrap();
    assert_eq!(
        place,
        Place::MountedAws {
            aws_dir: "/home/vscode/.aws".into(),
            read_only: true,
            vscode: true,
        }
    );
    assert_eq!(
        ids(&place, Family::Expired),
        ["step-place-mounted-aws-host-ro"]
    );
    // Without the mount, the container's own ~/.aws: no place.
    let (mut env, fs) = fixture("devcontainer");
    env.insert("HOME".into(), "/home/other".into());
    assert_eq!(detect(&env, &fs, None), None);
}

/// A directory holding `files` (path under the root, text), removed when dropped.
fn tempfile_root(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

#[test]
fn a_machine_whose_product_uuid_starts_with_ec2_is_not_ec2_without_amazon_in_its_bios() {
    // A QEMU guest whose random UUID happens to start with `ec2`.
    assert_eq!(detect_fixture("not-ec2-uuid"), None);
    let (env, fs) = fixture("not-ec2-uuid");
    assert!(!is_ec2(&fs));
    // With a BIOS that names Amazon the same UUID is EC2's.
    let root = tempfile_root(&[
        (
            "sys/class/dmi/id/product_uuid",
            "EC2A41C7-5D1E-4B0F-9C3A-7E21F0D4B8A6",
        ),
        ("sys/class/dmi/id/bios_vendor", "Amazon EC2"),
    ]);
    let place = detect(&env, &RootedFs::new(root.path()), None).unwrap();
    assert_eq!(
        place.evidence(),
        [
            "/sys/class/dmi/id/product_uuid",
            "/sys/class/dmi/id/bios_vendor"
        ]
    );
}

#[test]
fn unknown_place_is_none() {
    assert_eq!(detect_fixture("unknown"), None);
}

#[test]
fn evidence_is_listed_for_every_place() {
    for name in [
        "cloudshell",
        "sagemaker-studio",
        "sagemaker-notebook",
        "ecs",
        "eks-pod-identity",
        "eks-irsa",
        "ec2-host",
        "ec2-docker",
        "ec2-xen-cgroup",
        "github-actions",
        "gitlab-ci",
        "codebuild",
        "devcontainer",
    ] {
        let place = detect_fixture(name).unwrap();
        assert!(!place.evidence().is_empty(), "{name}");
        assert!(place.name_id().starts_with("place-"), "{name}");
    }
}

#[test]
fn base64url_known_answers() {
    // RFC 4648 §10 test vectors, unpadded and padded.
    for (enc, dec) in [
        ("", ""),
        ("Zg", "f"),
        ("Zm8", "fo"),
        ("Zm9v", "foo"),
        ("Zm9vYg", "foob"),
        ("Zm9vYmE", "fooba"),
        ("Zm9vYmFy", "foobar"),
        ("Zm9vYg==", "foob"),
    ] {
        assert_eq!(base64url(enc).unwrap(), dec.as_bytes(), "{enc}");
    }
    // The url-safe alphabet: 0xfb 0xff -> "-_8".
    assert_eq!(base64url("-_8").unwrap(), [0xfb, 0xff]);
    assert_eq!(base64url("a+b"), None);
    assert_eq!(base64url("Z"), None);
}

#[test]
fn a_damaged_token_has_no_expiry() {
    for text in ["not a jwt", "a.b", "a.!!!.c", "a.b.c.d"] {
        assert_eq!(jwt_claims(text.as_bytes()), None, "{text}");
    }
}

#[test]
fn every_place_message_exists_in_every_catalogue() {
    use crate::i18n::{Catalogue, Lang};
    let places: Vec<Place> = [
        "cloudshell",
        "sagemaker-studio",
        "sagemaker-notebook",
        "ecs",
        "eks-pod-identity",
        "eks-irsa",
        "ec2-host",
        "ec2-docker",
        "ec2-xen-cgroup",
        "github-actions",
        "gitlab-ci",
        "codebuild",
        "devcontainer",
    ]
    .into_iter()
    .filter_map(detect_fixture)
    .chain([
        // The variants the fixtures do not reach.
        Place::EksIrsa {
            role_arn: "arn:aws:iam::123456789012:role/r".into(),
            token: Token {
                file: "/t".into(),
                ..Token::default()
            },
        },
        Place::MountedAws {
            aws_dir: "/root/.aws".into(),
            read_only: false,
            vscode: false,
        },
        Place::Ec2 {
            instance_id: None,
            host: Ec2Evidence::SysVendor,
            container: None,
            imds_disabled_by_env: true,
        },
    ])
    .collect();
    for lang in Lang::all() {
        let cat = Catalogue::load(lang);
        for place in &places {
            assert!(
                cat.get(place.name_id(), &[]).is_some(),
                "{} in {}",
                place.name_id(),
                lang.code()
            );
            for family in [
                Family::Expired,
                Family::Invalid,
                Family::Clock,
                Family::Missing,
                Family::Provider,
                Family::Ambiguous,
            ] {
                // The warning's one line is the gist of the steps: none without them.
                if let Some((id, command)) = shell_remedy(place, family) {
                    assert!(!steps(place, family).is_empty(), "{id} without steps");
                    let text = cat
                        .get(id, &[("command", &command), ("profile", "p")])
                        .unwrap_or_else(|| panic!("{id} is missing in {}", lang.code()));
                    assert!(
                        !text.contains("{$") && !text.contains("{ $"),
                        "{id}: {text}"
                    );
                    assert!(
                        command.is_empty() || text.contains(&command),
                        "{id}: {text}"
                    );
                }
                for step in steps(place, family) {
                    let args: Vec<(&str, &str)> =
                        step.args.iter().map(|(k, v)| (*k, v.as_str())).collect();
                    let text = cat
                        .get(step.id, &args)
                        .unwrap_or_else(|| panic!("{} is missing in {}", step.id, lang.code()));
                    assert!(
                        !text.contains("{$") && !text.contains("{ $"),
                        "{}: {text}",
                        step.id
                    );
                }
            }
        }
    }
}

#[test]
fn detection_reads_only_the_variables_it_lists() {
    for name in [
        "cloudshell",
        "sagemaker-studio",
        "ecs",
        "eks-pod-identity",
        "eks-irsa",
        "ec2-docker",
        "github-actions",
        "gitlab-ci",
        "codebuild",
        "devcontainer",
    ] {
        let (env, fs) = fixture(name);
        let listed: BTreeMap<String, String> = env
            .iter()
            .filter(|(k, _)| ENV_VARS.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let now = Some(NOW.parse().unwrap());
        assert_eq!(detect(&listed, &fs, now), detect(&env, &fs, now), "{name}");
    }
}

#[test]
fn a_place_is_kept_only_for_the_credentials_it_serves() {
    use crate::context::{Inputs, SourceKind, locate, resolve};
    let (env, fs) = fixture("cloudshell");
    let mut ctx = resolve(&Inputs::default());
    for (kind, kept) in [
        (SourceKind::Container, true),
        // Keys someone exported in CloudShell are not the console session's.
        (SourceKind::ExportedSession, false),
        (SourceKind::Sso, false),
    ] {
        ctx.source.provider = kind.into();
        locate(&mut ctx, &env, &fs);
        assert_eq!(ctx.source.place.is_some(), kept, "{kind:?}");
    }
}

#[test]
fn the_place_replaces_the_generic_remedy() {
    use crate::advice::advise;
    use crate::context::{Inputs, SourceKind, locate, resolve};
    use crate::rules::{Failure, RULES};
    let expired = RULES.iter().find(|r| r.family == Family::Expired).unwrap();
    let missing = RULES.iter().find(|r| r.family == Family::Missing).unwrap();
    let step_ids = |ctx: &crate::context::Context, rule| -> Vec<&'static str> {
        advise(&Failure::of_rule(rule), ctx)
            .steps
            .iter()
            .map(|s| s.id)
            .collect()
    };
    let mut ctx = resolve(&Inputs::default());
    ctx.source.provider = SourceKind::Container.into();
    assert!(step_ids(&ctx, expired).contains(&"step-container-renew"));
    let (env, fs) = fixture("cloudshell");
    locate(&mut ctx, &env, &fs);
    assert_eq!(
        step_ids(&ctx, expired),
        [
            "step-place-cloudshell-sign-in",
            "step-place-cloudshell-not-here"
        ]
    );
    // No credentials in a container on EC2: the hop limit, not `aws configure`.
    let mut ctx = resolve(&Inputs::default());
    assert!(step_ids(&ctx, missing).contains(&"step-configure-keys"));
    let (env, fs) = fixture("ec2-docker");
    locate(&mut ctx, &env, &fs);
    assert_eq!(step_ids(&ctx, missing), ["step-place-ec2-hop-limit"]);
    // A place with nothing better keeps today's remedy (expired credentials on EC2: the clock).
    ctx.source.provider = SourceKind::InstanceProfile.into();
    locate(&mut ctx, &env, &fs);
    assert!(ctx.source.place.is_some());
    assert!(step_ids(&ctx, expired).contains(&"step-clock-check"));
}

#[test]
fn the_warning_names_the_place_only_where_its_steps_end_in_one_action() {
    let at = |name: &str, family| detect_fixture(name).and_then(|p| shell_remedy(&p, family));
    assert_eq!(
        at("cloudshell", Family::Expired).unwrap().0,
        "shell-remedy-place-cloudshell"
    );
    let (id, command) = at("ec2-docker", Family::Missing).unwrap();
    assert_eq!(id, "shell-remedy-place-ec2-hop-limit");
    assert!(
        command.contains("--http-put-response-hop-limit 2"),
        "{command}"
    );
    assert_eq!(
        at("ec2-host", Family::Missing).unwrap().0,
        "shell-remedy-place-ec2-role"
    );
    // The IRSA fixture's token has expired; Pod Identity's is still valid, so the token is
    // not the cause and the warning keeps the remedy without a place.
    assert_eq!(
        at("eks-irsa", Family::Expired).unwrap().0,
        "shell-remedy-place-eks-token-expired"
    );
    assert_eq!(at("eks-pod-identity", Family::Expired), None);
    // A place says nothing of a failure its steps do not cover.
    assert_eq!(at("cloudshell", Family::Clock), None);
    assert_eq!(at("ec2-host", Family::Expired), None);
    assert_eq!(at("unknown", Family::Expired), None);
}
