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

/// A context whose credentials are the ones the place gives: exported session keys where
/// the job exported them, else the first kind it serves.
fn ctx_for(place: &Place) -> crate::context::Context {
    use crate::context::{Inputs, SourceKind as K, resolve, serves};
    let exported = matches!(
        place,
        Place::GitHubActions { exported: true, .. }
            | Place::GitLabCi { exported: true, .. }
            | Place::CodeBuild { exported: true, .. }
    );
    let kind = if exported {
        K::ExportedSession
    } else {
        [
            K::Container,
            K::InstanceProfile,
            K::WebIdentity,
            K::Sso,
            K::None,
        ]
        .into_iter()
        .find(|k| serves(place, *k))
        .unwrap()
    };
    let mut ctx = resolve(&Inputs::default());
    ctx.source.provider = kind.into();
    ctx
}

fn place_steps(place: &Place, family: Family) -> Vec<Step> {
    steps(place, family, &ctx_for(place))
}

fn ids(place: &Place, family: Family) -> Vec<&'static str> {
    place_steps(place, family).iter().map(|s| s.id).collect()
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
    let steps = place_steps(&place, Family::Expired);
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
    let steps = place_steps(&place, Family::Expired);
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
    let steps = place_steps(&place, Family::Expired);
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
    let steps = place_steps(&place, Family::Missing);
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
    let steps = place_steps(&place, Family::Missing);
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
    let steps = place_steps(&place, Family::Missing);
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
    assert_eq!(
        place,
        Place::GitHubActions {
            exported: true,
            token: None
        }
    );
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
    let Place::GitLabCi {
        exported: false,
        token: Some(token),
    } = &place
    else {
        panic!("{place:?}")
    };
    assert_eq!(token.file, "/tmp/web-identity-token");
    assert_eq!(token.expired, Some(true));
    // Web identity: the CLI exchanges the job's ID token again by itself whenever the role
    // session ends, so a longer session is no remedy; the token's own expiry is.
    let found = place_steps(&place, Family::Expired);
    assert_eq!(
        arg(&found, "step-place-gitlab-token-expired", "time"),
        "2026-11-27T07:30:00Z"
    );
    assert!(
        !found.iter().any(|s| s.id.ends_with("-duration")),
        "{found:?}"
    );
    let (id, file) = shell_remedy(&place, Family::Expired, &ctx_for(&place)).unwrap();
    assert_eq!(
        (id, file.as_str()),
        (
            "shell-remedy-place-ci-token-expired",
            "/tmp/web-identity-token"
        )
    );
    // Session keys exported in the job: the duration of the session is the remedy.
    let mut ctx = ctx_for(&place);
    ctx.source.provider = crate::context::SourceKind::ExportedSession.into();
    let ids: Vec<_> = steps(&place, Family::Expired, &ctx)
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(
        ids,
        ["step-place-gitlab-duration", "step-place-ci-max-session"]
    );
    // A token still valid is not the cause: the clock.
    let (env, fs) = fixture("gitlab-ci");
    let before = detect(&env, &fs, Some("2026-11-27T07:00:00Z".parse().unwrap())).unwrap();
    assert_eq!(
        place_steps(&before, Family::Expired)
            .iter()
            .map(|s| s.id)
            .collect::<Vec<_>>(),
        ["step-place-ci-token-valid", "step-clock-check"]
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
    // The host signs in the profile in use, as the advice without a place would: a bare
    // `aws sso login` there signs in the default profile.
    let mut ctx = ctx_for(&place);
    ctx.profile = "dev".into();
    ctx.profile_from = crate::context::ProfileFrom::AwsProfile;
    let found = steps(&place, Family::Expired, &ctx);
    assert_eq!(
        arg(&found, "step-place-mounted-aws-host-ro", "command"),
        "aws sso login --profile dev"
    );
    assert_eq!(
        shell_remedy(&place, Family::Expired, &ctx),
        Some((
            "shell-remedy-place-mounted-aws",
            "aws sso login --profile dev".to_owned()
        ))
    );
    ctx.profile = "default".into();
    ctx.profile_from = crate::context::ProfileFrom::Default;
    ctx.source.provider = crate::context::Provider::Sso {
        session: Some("corp".into()),
    };
    let found = steps(&place, Family::Expired, &ctx);
    assert_eq!(
        arg(&found, "step-place-mounted-aws-host-ro", "command"),
        "aws sso login --sso-session corp"
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

/// The CI jobs, as recognised.
fn jobs() -> Vec<Place> {
    ["github-actions", "gitlab-ci", "codebuild"]
        .into_iter()
        .filter_map(detect_fixture)
        .collect()
}

/// In a CI job nobody signs in, opens a browser or types an MFA code: for every rule, every
/// source (SSO, `aws login`, assume-role with MFA, nothing at all...), every CLI, no step
/// asks for it, and every step is in the catalogue. Before, `serves` dropped the job for those
/// sources and the generic advice said `aws sso login`, `aws configure sso` or "type an MFA
/// code" inside a job.
#[test]
fn a_ci_job_is_never_told_to_sign_in() {
    use crate::advice::{advise, tests::contexts};
    use crate::context::{keep, serves};
    use crate::i18n::{Catalogue, Lang};
    use crate::rules::{Failure, RULES};
    let en = Catalogue::load(Lang::EN);
    let sign_ins = ["aws sso login", "aws login", "aws configure sso"];
    for job in jobs() {
        for ctx in contexts().into_iter().filter(|c| c.cloud9.is_none()) {
            let mut ctx = ctx;
            (ctx.source.place, ctx.source.job) =
                keep(std::slice::from_ref(&job), ctx.source.kind());
            assert_eq!(ctx.source.place.is_some(), serves(&job, ctx.source.kind()));
            for rule in RULES {
                let advice = advise(&Failure::of_rule(rule), &ctx);
                assert!(!advice.steps.is_empty(), "{}", rule.id);
                for step in &advice.steps {
                    assert!(
                        !is_interactive(step.id),
                        "{job:?} {} {:?}: {}",
                        rule.id,
                        ctx.source.provider,
                        step.id
                    );
                    let args: Vec<(&str, &str)> =
                        step.args.iter().map(|(k, v)| (*k, v.as_str())).collect();
                    let text = en.get(step.id, &args).unwrap();
                    for sign_in in sign_ins {
                        assert!(!text.contains(sign_in), "{}: {text}", rule.id);
                    }
                    assert!(!text.ends_with(": aws configure"), "{text}");
                }
                let (remedy, command) = crate::prompt::remedy(&ctx, None);
                assert!(
                    ![
                        "shell-remedy-sso",
                        "shell-remedy-sso-v1",
                        "shell-remedy-sso-either",
                        "shell-remedy-login",
                        "shell-remedy-role",
                        "shell-remedy-mfa"
                    ]
                    .contains(&remedy),
                    "{remedy} {command}"
                );
            }
        }
    }
}

/// The cases the review saw, one by one.
#[test]
fn each_job_names_its_own_way_to_credentials() {
    use crate::advice::advise;
    use crate::context::{Inputs, SourceKind, locate, resolve};
    use crate::rules::{Failure, Rule};
    let step_ids = |name: &str, kind: SourceKind, rule: &str| -> Vec<&'static str> {
        let (env, fs) = fixture(name);
        let mut ctx = resolve(&Inputs::default());
        ctx.source.provider = kind.into();
        ctx.profile = "ci".into();
        ctx.profile_from = crate::context::ProfileFrom::AwsProfile;
        locate(&mut ctx, &env, &fs);
        assert!(ctx.source.job.is_some(), "{name}");
        advise(&Failure::of_rule(Rule::by_id(rule).unwrap()), &ctx)
            .steps
            .iter()
            .map(|s| s.id)
            .collect()
    };
    // GitLab with an SSO profile: not `aws sso login --profile ci`.
    assert_eq!(
        step_ids("gitlab-ci", SourceKind::Sso, "sso-token-missing"),
        ["step-place-gitlab-no-sign-in"]
    );
    // CodeBuild with no credentials: the service role, not `aws configure sso`.
    let (mut env, fs) = fixture("codebuild");
    for var in [
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    ] {
        env.remove(var);
    }
    let place = detect(&env, &fs, None).unwrap();
    let mut none = resolve(&Inputs::default());
    none.source.provider = SourceKind::None.into();
    let steps = steps(&place, Family::Missing, &none);
    assert_eq!(
        arg(&steps, "step-place-codebuild-role", "command"),
        "aws codebuild batch-get-projects --names deploy-project --query 'projects[0].serviceRole'"
    );
    assert_eq!(
        step_ids("codebuild", SourceKind::None, "no-credentials"),
        ["step-place-codebuild-role"]
    );
    // GitHub with an assume-role profile (credential_source = Environment) that has an MFA
    // serial: no MFA code to type.
    let github = step_ids("github-actions", SourceKind::AssumeRole, "mfa-required");
    assert_eq!(github, ["step-place-github-no-sign-in"]);
}

/// A self-hosted runner in a container on EC2: the job and the instance are both certain.
/// Before, `detect` stopped at the job, which does not serve the instance profile, and no
/// place was kept: the generic `aws configure sso` came instead of the hop limit.
#[test]
fn a_job_on_ec2_in_a_container_gets_the_hop_limit_and_its_own_way() {
    use crate::advice::advise;
    use crate::context::{Inputs, SourceKind, locate, resolve};
    use crate::rules::{Failure, Rule};
    let (mut env, fs) = fixture("ec2-docker");
    env.insert("GITHUB_ACTIONS".into(), "true".into());
    let found = candidates(&env, &fs, None);
    assert_eq!(
        found.iter().map(Place::id).collect::<Vec<_>>(),
        ["github-actions", "ec2-container"]
    );
    let missing = Failure::of_rule(Rule::by_id("no-credentials").unwrap());
    for kind in [SourceKind::InstanceProfile, SourceKind::None] {
        let mut ctx = resolve(&Inputs::default());
        ctx.source.provider = kind.into();
        locate(&mut ctx, &env, &fs);
        assert_eq!(
            ctx.source.job.as_ref().map(Place::id),
            Some("github-actions")
        );
        let ids: Vec<_> = advise(&missing, &ctx).steps.iter().map(|s| s.id).collect();
        match kind {
            // The instance profile is the source: the instance's fix, then the job's own way.
            SourceKind::InstanceProfile => {
                assert_eq!(
                    ctx.source.place.as_ref().map(Place::id),
                    Some("ec2-container")
                );
                assert_eq!(
                    ids,
                    [
                        "step-place-ec2-hop-limit",
                        "step-place-ec2-role-check",
                        "step-place-github-oidc"
                    ]
                );
            }
            // Nothing at all (the CLI did not even look at the instance): the job's own way.
            _ => assert_eq!(ids, ["step-place-github-oidc"]),
        }
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
                cat.get(&place.name_id(), &[]).is_some(),
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
                if let Some((id, command)) = shell_remedy(place, family, &ctx_for(place)) {
                    assert!(!place_steps(place, family).is_empty(), "{id} without steps");
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
                for step in place_steps(place, family) {
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
    assert_eq!(
        step_ids(&ctx, missing),
        ["step-place-ec2-hop-limit", "step-place-ec2-role-check"]
    );
    // A place with nothing better keeps today's remedy (expired credentials on EC2: the clock).
    ctx.source.provider = SourceKind::InstanceProfile.into();
    locate(&mut ctx, &env, &fs);
    assert!(ctx.source.place.is_some());
    assert!(step_ids(&ctx, expired).contains(&"step-clock-check"));
}

#[test]
fn the_warning_names_the_place_only_where_its_steps_end_in_one_action() {
    let at = |name: &str, family| {
        detect_fixture(name).and_then(|p| shell_remedy(&p, family, &ctx_for(&p)))
    };
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

/// A runner pod on EKS (IRSA) under a CI job: the projected token is the pod's, so the EKS
/// remedy is kept for the web identity credentials, and the job is known as a job only.
#[test]
fn a_ci_runner_pod_on_eks_keeps_the_eks_remedy() {
    use crate::context::{SourceKind, keep};
    for job in ["GITHUB_ACTIONS", "GITLAB_CI"] {
        let (mut env, fs) = fixture("eks-irsa");
        env.insert(job.to_owned(), "true".to_owned());
        let found = candidates(&env, &fs, Some(NOW.parse().unwrap()));
        let (place, kept_job) = keep(&found, SourceKind::WebIdentity);
        assert!(
            matches!(place, Some(Place::EksIrsa { .. })),
            "{job}: {place:?}"
        );
        match kept_job {
            Some(Place::GitHubActions { token, .. } | Place::GitLabCi { token, .. }) => {
                assert_eq!(token, None, "{job}: the pod's token is not the job's")
            }
            other => panic!("{job}: {other:?}"),
        }
    }
}

/// A job in a container that mounts the host's `~/.aws` (a self-hosted runner with an SSO
/// profile): neither the explanation nor the warning says to sign in on the host.
#[test]
fn a_job_with_a_mounted_aws_directory_is_not_told_to_sign_in() {
    use crate::advice::{advise, tests::contexts};
    use crate::context::SourceKind;
    use crate::rules::{Failure, Rule};
    let mounted = Place::MountedAws {
        aws_dir: "/home/runner/.aws".into(),
        read_only: false,
        vscode: false,
    };
    for job in jobs() {
        for mut ctx in contexts()
            .into_iter()
            .filter(|c| c.cloud9.is_none() && c.source.kind() == SourceKind::Sso)
        {
            ctx.source.place = Some(mounted.clone());
            ctx.source.job = Some(job.clone());
            let failure = Failure::of_rule(Rule::by_id("sso-session-expired").unwrap());
            for step in &advise(&failure, &ctx).steps {
                assert!(!is_interactive(step.id), "{job:?}: {}", step.id);
            }
            let (remedy, command) = crate::prompt::remedy(&ctx, None);
            assert_ne!(remedy, "shell-remedy-place-mounted-aws", "{job:?}");
            assert!(!command.contains("sso login"), "{job:?}: {command}");
        }
    }
}

/// CodeBuild's "the variable is not set" step is given only when no source was found: with
/// the container endpoint's variable set (the source is the container), the endpoint itself
/// failed, and the advice without a place says so.
#[test]
fn codebuild_names_its_missing_variable_only_when_nothing_was_found() {
    use crate::context::{Inputs, SourceKind, resolve};
    let place = detect_fixture("codebuild").unwrap();
    let mut ctx = resolve(&Inputs::default());
    ctx.source.provider = SourceKind::Container.into();
    assert!(steps(&place, Family::Missing, &ctx).is_empty());
    assert_eq!(shell_remedy(&place, Family::Missing, &ctx), None);
    ctx.source.provider = SourceKind::None.into();
    assert_eq!(
        steps(&place, Family::Missing, &ctx)
            .iter()
            .map(|s| s.id)
            .collect::<Vec<_>>(),
        ["step-place-codebuild-role"]
    );
    assert!(shell_remedy(&place, Family::Missing, &ctx).is_some());
}

/// After a success the job is known from its variables alone, with its token unread.
#[test]
fn the_job_from_the_variables_alone() {
    let (env, _) = fixture("gitlab-ci");
    assert!(matches!(
        job_from_env(&env),
        Some(Place::GitLabCi { token: None, .. })
    ));
    let (env, _) = fixture("unknown");
    assert_eq!(job_from_env(&env), None);
}
