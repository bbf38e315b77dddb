//! Where this shell runs, as far as it decides the remedy for failed credentials: AWS
//! CloudShell, SageMaker, a container on ECS or EKS, an EC2 instance (and whether inside a
//! container there), a CI job (GitHub Actions, GitLab CI, CodeBuild), or a container that
//! mounts the host's `~/.aws`.
//!
//! [`detect`] is a pure function of the facts it is given: the environment, a [`FileProbe`]
//! that reads small files under a root (`/` in production, a fixture tree in tests) and the
//! time. It never opens a socket and never starts a process. It names a place only on
//! evidence that leaves no doubt (see each variant for the evidence used); anything else is
//! `None`, and the advice stays what it is without a place.
//!
//! Only the failure path calls it: a successful `aws` call never pays for it.

use crate::advice::Step;
use crate::context::{Context, SourceKind};
use crate::rules::Family;
use jiff::Timestamp;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The environment variables [`detect`] reads.
pub const ENV_VARS: &[&str] = &[
    "AWS_EXECUTION_ENV",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_ACCESS_KEY_ID",
    "AWS_SESSION_TOKEN",
    "AWS_ROLE_ARN",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_EC2_METADATA_DISABLED",
    "CODEBUILD_BUILD_ID",
    "GITHUB_ACTIONS",
    "GITLAB_CI",
    "ECS_CONTAINER_METADATA_URI_V4",
    "ECS_CONTAINER_METADATA_URI",
    "KUBERNETES_SERVICE_HOST",
    "REMOTE_CONTAINERS",
    "HOME",
];

/// Reads the files detection looks at. Paths are absolute (`/sys/class/dmi/id/sys_vendor`).
pub trait FileProbe {
    /// The bytes of a small regular file, or `None` when it is missing or unreadable.
    fn read(&self, path: &str) -> Option<Vec<u8>>;
    /// Whether anything (a file, a directory) exists at the path.
    fn exists(&self, path: &str) -> bool;
}

/// The file system under a root directory: `/` for the machine itself, a fixture tree in
/// tests. Reads go through [`crate::files::read_small`] (regular files only, never blocking).
#[derive(Clone, Debug)]
pub struct RootedFs {
    root: PathBuf,
}

impl RootedFs {
    pub fn new(root: impl Into<PathBuf>) -> RootedFs {
        RootedFs { root: root.into() }
    }

    /// The machine's own file system.
    pub fn system() -> RootedFs {
        RootedFs::new("/")
    }

    fn path(&self, path: &str) -> PathBuf {
        self.root.join(path.trim_start_matches('/'))
    }
}

impl FileProbe for RootedFs {
    fn read(&self, path: &str) -> Option<Vec<u8>> {
        crate::files::read_small(&self.path(path))
    }

    fn exists(&self, path: &str) -> bool {
        std::fs::symlink_metadata(self.path(path)).is_ok()
    }
}

/// A place whose credentials end in a way of its own, with the facts its remedy names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// AWS CloudShell. Evidence: `AWS_EXECUTION_ENV=CloudShell` together with
    /// `AWS_CONTAINER_CREDENTIALS_FULL_URI` (the console session's container credentials).
    CloudShell { region: Option<String> },
    /// SageMaker. Evidence: `/opt/ml/metadata/resource-metadata.json`, with `DomainId` in a
    /// Studio space, or a `notebook-instance/` ARN (or `/home/ec2-user/SageMaker`) on a
    /// notebook instance.
    SageMaker {
        kind: SageMakerKind,
        /// `SpaceName` in Studio, `ResourceName` on a notebook instance.
        name: Option<String>,
        domain_id: Option<String>,
        /// `ExecutionRoleArn`, when the file carries it.
        role_arn: Option<String>,
    },
    /// An ECS task (EC2, Fargate or Managed Instances). Evidence:
    /// `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` and `ECS_CONTAINER_METADATA_URI_V4` (or the v3
    /// `ECS_CONTAINER_METADATA_URI`), which the ECS agent injects into each container.
    Ecs {
        metadata_uri: String,
        /// The variable that held it: `ECS_CONTAINER_METADATA_URI_V4` or the v3
        /// `ECS_CONTAINER_METADATA_URI`.
        metadata_var: &'static str,
    },
    /// EKS Pod Identity. Evidence: `AWS_CONTAINER_CREDENTIALS_FULL_URI` on the agent's
    /// address (169.254.170.23 or [fd00:ec2::23]) and `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`.
    EksPodIdentity {
        /// The agent's address as the URI names it: `169.254.170.23` or `[fd00:ec2::23]`.
        agent: &'static str,
        token: Token,
    },
    /// EKS IAM roles for service accounts (IRSA). Evidence: `AWS_ROLE_ARN` and
    /// `AWS_WEB_IDENTITY_TOKEN_FILE` whose token an EKS OIDC issuer signed
    /// (`https://oidc.eks.REGION.amazonaws.com/id/…`) or which lies where the EKS webhook
    /// mounts it (`/var/run/secrets/eks.amazonaws.com/serviceaccount/`).
    EksIrsa { role_arn: String, token: Token },
    /// An EC2 instance whose instance profile is the source. Evidence: the DMI board asset tag
    /// holding the instance id (Nitro), DMI `sys_vendor` `Amazon EC2`, or a hypervisor or
    /// product UUID starting with `ec2` (Xen) with a DMI `bios_vendor` or `bios_version` that
    /// names Amazon; a container around this shell from
    /// `/.dockerenv`, `/run/.containerenv`, `/proc/1/cgroup` or `KUBERNETES_SERVICE_HOST`.
    Ec2 {
        instance_id: Option<String>,
        host: Ec2Evidence,
        container: Option<ContainerEvidence>,
        /// `AWS_EC2_METADATA_DISABLED=true`: the CLI does not ask the metadata service.
        imds_disabled_by_env: bool,
    },
    /// A GitHub Actions job. Evidence: `GITHUB_ACTIONS=true`.
    GitHubActions {
        /// Session keys exported in the job (aws-actions/configure-aws-credentials exports
        /// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`).
        exported: bool,
        /// The job's ID token, when the CLI exchanges it itself (`AWS_ROLE_ARN` and
        /// `AWS_WEB_IDENTITY_TOKEN_FILE`), read offline.
        token: Option<Token>,
    },
    /// A GitLab CI job. Evidence: `GITLAB_CI=true`.
    GitLabCi {
        exported: bool,
        /// As for GitHub Actions: the ID token written to `AWS_WEB_IDENTITY_TOKEN_FILE`.
        token: Option<Token>,
    },
    /// An AWS CodeBuild build. Evidence: `CODEBUILD_BUILD_ID`.
    CodeBuild { build_id: String, exported: bool },
    /// A container whose `~/.aws` is a mount from outside (a dev container with the host's
    /// `~/.aws` mounted). Evidence: a container (as for EC2, or `REMOTE_CONTAINERS=true`)
    /// and `$HOME/.aws` as a mount point in `/proc/self/mountinfo`.
    MountedAws {
        aws_dir: String,
        read_only: bool,
        /// `REMOTE_CONTAINERS=true`: a VS Code dev container.
        vscode: bool,
    },
}

/// Which kind of SageMaker compute.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SageMakerKind {
    /// A SageMaker Studio space (JupyterLab, Code Editor): `AppType` when known.
    Studio {
        app_type: Option<String>,
    },
    NotebookInstance,
}

/// What showed that the machine is an EC2 instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ec2Evidence {
    BoardAssetTag,
    SysVendor,
    /// A UUID starting with `ec2` (which a random UUID does once in 4096), together with the
    /// DMI BIOS file that names Amazon (the path of that file).
    HypervisorUuid(&'static str),
    ProductUuid(&'static str),
}

/// What showed a container around this shell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContainerEvidence {
    DockerEnv,
    ContainerEnv,
    Cgroup,
    Kubernetes,
    VsCode,
}

/// A projected service account token (a JWT), read offline without verifying its signature:
/// only its claims are used, to say when it expires and whose it is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Token {
    pub file: String,
    /// The `exp` claim.
    pub expires_at: Option<Timestamp>,
    /// Whether `exp` is past at the time given to [`detect`].
    pub expired: Option<bool>,
    /// The `iss` claim.
    pub issuer: Option<String>,
    /// The `sub` claim (`system:serviceaccount:NAMESPACE:NAME`).
    pub subject: Option<String>,
}

impl Token {
    /// Namespace and name of the service account, from `sub`.
    pub fn service_account(&self) -> Option<(&str, &str)> {
        let rest = self
            .subject
            .as_deref()?
            .strip_prefix("system:serviceaccount:")?;
        rest.split_once(':')
    }
}

impl Place {
    /// A short stable name, also the suffix of the place's catalogue message `place-NAME`.
    pub fn id(&self) -> &'static str {
        match self {
            Place::CloudShell { .. } => "cloudshell",
            Place::SageMaker {
                kind: SageMakerKind::Studio { .. },
                ..
            } => "sagemaker-studio",
            Place::SageMaker {
                kind: SageMakerKind::NotebookInstance,
                ..
            } => "sagemaker-notebook",
            Place::Ecs { .. } => "ecs",
            Place::EksPodIdentity { .. } => "eks-pod-identity",
            Place::EksIrsa { .. } => "eks-irsa",
            Place::Ec2 {
                container: Some(_), ..
            } => "ec2-container",
            Place::Ec2 {
                container: None, ..
            } => "ec2",
            Place::GitHubActions { .. } => "github-actions",
            Place::GitLabCi { .. } => "gitlab-ci",
            Place::CodeBuild { .. } => "codebuild",
            Place::MountedAws { .. } => "mounted-aws",
        }
    }

    /// The catalogue message that names the place: `place-` and [`Place::id`] (whose match is
    /// exhaustive, so that a new variant cannot go unnamed).
    pub fn name_id(&self) -> String {
        format!("place-{}", self.id())
    }

    /// Whether inside a container (for an EC2 instance).
    pub fn in_container(&self) -> bool {
        match self {
            Place::Ec2 { container, .. } => container.is_some(),
            Place::MountedAws { .. } => true,
            Place::CloudShell { .. }
            | Place::SageMaker { .. }
            | Place::Ecs { .. }
            | Place::EksPodIdentity { .. }
            | Place::EksIrsa { .. }
            | Place::GitHubActions { .. }
            | Place::GitLabCi { .. }
            | Place::CodeBuild { .. } => false,
        }
    }

    /// What the place was recognised by, for people (`doctor`): variable names and paths,
    /// never values of secrets.
    pub fn evidence(&self) -> Vec<String> {
        let s = |t: &str| t.to_owned();
        match self {
            Place::CloudShell { .. } => vec![
                s("AWS_EXECUTION_ENV=CloudShell"),
                s("AWS_CONTAINER_CREDENTIALS_FULL_URI"),
            ],
            Place::SageMaker { kind, .. } => {
                let mut v = vec![s(SAGEMAKER_METADATA)];
                v.push(match kind {
                    SageMakerKind::Studio { .. } => s("DomainId"),
                    SageMakerKind::NotebookInstance => s("notebook-instance"),
                });
                v
            }
            Place::Ecs { metadata_var, .. } => {
                vec![s("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"), s(metadata_var)]
            }
            Place::EksPodIdentity { agent, token } => vec![
                format!("AWS_CONTAINER_CREDENTIALS_FULL_URI={agent}"),
                format!("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE={}", token.file),
            ],
            Place::EksIrsa { token, .. } => vec![
                s("AWS_ROLE_ARN"),
                format!("AWS_WEB_IDENTITY_TOKEN_FILE={}", token.file),
            ],
            Place::Ec2 {
                host,
                container,
                imds_disabled_by_env,
                ..
            } => {
                let mut v = match host {
                    Ec2Evidence::BoardAssetTag => vec![s(BOARD_ASSET_TAG)],
                    Ec2Evidence::SysVendor => vec![s(SYS_VENDOR)],
                    Ec2Evidence::HypervisorUuid(bios) => vec![s(HYPERVISOR_UUID), s(bios)],
                    Ec2Evidence::ProductUuid(bios) => vec![s(PRODUCT_UUID), s(bios)],
                };
                v.extend(container.map(|c| s(c.as_str())));
                if *imds_disabled_by_env {
                    v.push(s("AWS_EC2_METADATA_DISABLED=true"));
                }
                v
            }
            Place::GitHubActions { .. } => vec![s("GITHUB_ACTIONS=true")],
            Place::GitLabCi { .. } => vec![s("GITLAB_CI=true")],
            Place::CodeBuild { .. } => vec![s("CODEBUILD_BUILD_ID")],
            Place::MountedAws { aws_dir, .. } => {
                vec![s(MOUNTINFO), aws_dir.clone()]
            }
        }
    }

    /// When the credentials (or the token they are exchanged for) expire, where that can be
    /// read offline: the projected token's `exp` on EKS.
    pub fn token_expires_at(&self) -> Option<Timestamp> {
        self.token().and_then(|t| t.expires_at)
    }

    /// The token the place's credentials are exchanged for, where one is read offline.
    pub fn token(&self) -> Option<&Token> {
        match self {
            Place::EksPodIdentity { token, .. } | Place::EksIrsa { token, .. } => Some(token),
            Place::GitHubActions { token, .. } | Place::GitLabCi { token, .. } => token.as_ref(),
            Place::CloudShell { .. }
            | Place::SageMaker { .. }
            | Place::Ecs { .. }
            | Place::Ec2 { .. }
            | Place::CodeBuild { .. }
            | Place::MountedAws { .. } => None,
        }
    }

    /// Whether the place is a CI job, where nobody can sign in or type a code.
    pub fn is_ci_job(&self) -> bool {
        match self {
            Place::GitHubActions { .. } | Place::GitLabCi { .. } | Place::CodeBuild { .. } => true,
            Place::CloudShell { .. }
            | Place::SageMaker { .. }
            | Place::Ecs { .. }
            | Place::EksPodIdentity { .. }
            | Place::EksIrsa { .. }
            | Place::Ec2 { .. }
            | Place::MountedAws { .. } => false,
        }
    }
}

impl ContainerEvidence {
    pub fn as_str(self) -> &'static str {
        match self {
            ContainerEvidence::DockerEnv => "/.dockerenv",
            ContainerEvidence::ContainerEnv => "/run/.containerenv",
            ContainerEvidence::Cgroup => "/proc/1/cgroup",
            ContainerEvidence::Kubernetes => "KUBERNETES_SERVICE_HOST",
            ContainerEvidence::VsCode => "REMOTE_CONTAINERS=true",
        }
    }
}

const SAGEMAKER_METADATA: &str = "/opt/ml/metadata/resource-metadata.json";
const SAGEMAKER_NOTEBOOK_HOME: &str = "/home/ec2-user/SageMaker";
const BOARD_ASSET_TAG: &str = "/sys/class/dmi/id/board_asset_tag";
const SYS_VENDOR: &str = "/sys/class/dmi/id/sys_vendor";
const PRODUCT_UUID: &str = "/sys/class/dmi/id/product_uuid";
const BIOS_VENDOR: &str = "/sys/class/dmi/id/bios_vendor";
const BIOS_VERSION: &str = "/sys/class/dmi/id/bios_version";
const HYPERVISOR_UUID: &str = "/sys/hypervisor/uuid";
const MOUNTINFO: &str = "/proc/self/mountinfo";
/// Where the EKS pod identity webhook mounts the IRSA token (EKS Pod Identity mounts its own
/// under `/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/`, named by
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`).
const IRSA_TOKEN_DIR: &str = "/var/run/secrets/eks.amazonaws.com/serviceaccount/";

/// Recognise the place from the environment, the files under `fs` and the time: the first of
/// [`candidates`]. `None` when no place is certain.
pub fn detect(
    env: &BTreeMap<String, String>,
    fs: &dyn FileProbe,
    now: Option<Timestamp>,
) -> Option<Place> {
    candidates(env, fs, now).into_iter().next()
}

/// Every place whose evidence is complete, in the order they are preferred: a CI job before
/// the machine it runs on (a self-hosted runner in a container on EC2 is both), SageMaker
/// before the EC2 instance under a notebook. [`crate::context::locate`] keeps the first that
/// serves the credentials in use.
pub fn candidates(
    env: &BTreeMap<String, String>,
    fs: &dyn FileProbe,
    now: Option<Timestamp>,
) -> Vec<Place> {
    let var = |name: &str| env.get(name).map(String::as_str).filter(|v| !v.is_empty());
    // The token the CLI exchanges itself (web identity from the environment): an EKS pod's
    // projected token (IRSA) when EKS issued it or it lies where EKS mounts it, else a CI
    // job's own ID token when the shell is a job.
    let web_identity = var("AWS_ROLE_ARN").zip(var("AWS_WEB_IDENTITY_TOKEN_FILE"));
    let web_token = web_identity.map(|(role_arn, file)| (role_arn, token(fs, file, now)));
    let eks_token = web_token.as_ref().filter(|(_, token)| {
        let eks_issuer = token
            .issuer
            .as_deref()
            .is_some_and(|iss| iss.starts_with("https://oidc.eks.") && iss.contains(".amazonaws."));
        eks_issuer || token.file.starts_with(IRSA_TOKEN_DIR)
    });
    // A runner pod on EKS (IRSA) holds the pod's token, not one of the job's.
    let job_token = || {
        web_token
            .as_ref()
            .filter(|_| eks_token.is_none())
            .map(|(_, token)| token.clone())
    };
    let mut found = Vec::new();

    if var("AWS_EXECUTION_ENV") == Some("CloudShell")
        && var("AWS_CONTAINER_CREDENTIALS_FULL_URI").is_some()
    {
        let region = var("AWS_REGION").or_else(|| var("AWS_DEFAULT_REGION"));
        found.push(Place::CloudShell {
            region: region.map(str::to_owned),
        });
    }
    found.extend(jobs(env, job_token));
    found.extend(sagemaker(fs));
    if let (Some(uri), Some(file)) = (
        var("AWS_CONTAINER_CREDENTIALS_FULL_URI"),
        var("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"),
    ) && let Some(agent) = pod_identity_agent(uri)
    {
        found.push(Place::EksPodIdentity {
            agent,
            token: token(fs, file, now),
        });
    }
    if let Some((role_arn, token)) = eks_token {
        found.push(Place::EksIrsa {
            role_arn: (*role_arn).to_owned(),
            token: token.clone(),
        });
    }
    if var("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI").is_some()
        && let Some((metadata_var, uri)) = [
            "ECS_CONTAINER_METADATA_URI_V4",
            "ECS_CONTAINER_METADATA_URI",
        ]
        .into_iter()
        .find_map(|name| var(name).map(|uri| (name, uri)))
    {
        found.push(Place::Ecs {
            metadata_uri: uri.to_owned(),
            metadata_var,
        });
    }
    let container = container(env, fs);
    found.extend(mounted_aws(env, fs, container));
    if let Some((host, instance_id)) = ec2(fs) {
        found.push(Place::Ec2 {
            instance_id,
            host,
            container: container.filter(|c| *c != ContainerEvidence::VsCode),
            imds_disabled_by_env: var("AWS_EC2_METADATA_DISABLED")
                .is_some_and(|v| v.eq_ignore_ascii_case("true")),
        });
    }
    found
}

/// The CI jobs the variables show, in the order of [`candidates`], each with its own ID token
/// as `job_token` gives it.
fn jobs(env: &BTreeMap<String, String>, job_token: impl Fn() -> Option<Token>) -> Vec<Place> {
    let var = |name: &str| env.get(name).map(String::as_str).filter(|v| !v.is_empty());
    let exported = var("AWS_ACCESS_KEY_ID").is_some() && var("AWS_SESSION_TOKEN").is_some();
    let mut found = Vec::new();
    if let Some(id) = var("CODEBUILD_BUILD_ID") {
        found.push(Place::CodeBuild {
            build_id: id.to_owned(),
            exported,
        });
    }
    if var("GITHUB_ACTIONS") == Some("true") {
        found.push(Place::GitHubActions {
            exported,
            token: job_token(),
        });
    }
    if var("GITLAB_CI") == Some("true") {
        found.push(Place::GitLabCi {
            exported,
            token: job_token(),
        });
    }
    found
}

/// The CI job this shell runs in, from its variables alone (no file read, its token left
/// unread): enough to keep an interactive remedy out of a warning worked out after a
/// successful call, which never looks the place up.
pub fn job_from_env(env: &BTreeMap<String, String>) -> Option<Place> {
    jobs(env, || None).into_iter().next()
}

/// The EKS Pod Identity Agent's address (IPv4 or IPv6) when it is the host of a full URI.
fn pod_identity_agent(uri: &str) -> Option<&'static str> {
    let rest = uri
        .strip_prefix("http://")
        .or_else(|| uri.strip_prefix("https://"))
        .unwrap_or(uri);
    const V4: &str = "169.254.170.23";
    const V6: &str = "[fd00:ec2::23]";
    if rest.starts_with("169.254.170.23/") || rest.starts_with("169.254.170.23:") || rest == V4 {
        Some(V4)
    } else if rest.starts_with(V6) {
        Some(V6)
    } else {
        None
    }
}

fn sagemaker(fs: &dyn FileProbe) -> Option<Place> {
    let data = fs.read(SAGEMAKER_METADATA)?;
    let json: Value = serde_json::from_slice(&data).ok()?;
    let text = |k: &str| {
        json.get(k)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let role_arn = text("ExecutionRoleArn");
    if let Some(domain_id) = text("DomainId") {
        return Some(Place::SageMaker {
            kind: SageMakerKind::Studio {
                app_type: text("AppType"),
            },
            name: text("SpaceName"),
            domain_id: Some(domain_id),
            role_arn,
        });
    }
    let notebook = text("ResourceArn").is_some_and(|arn| arn.contains(":notebook-instance/"))
        || fs.exists(SAGEMAKER_NOTEBOOK_HOME);
    notebook.then(|| Place::SageMaker {
        kind: SageMakerKind::NotebookInstance,
        name: text("ResourceName"),
        domain_id: None,
        role_arn,
    })
}

/// The first sign of a container around this process.
fn container(env: &BTreeMap<String, String>, fs: &dyn FileProbe) -> Option<ContainerEvidence> {
    if fs.exists("/.dockerenv") {
        return Some(ContainerEvidence::DockerEnv);
    }
    if fs.exists("/run/.containerenv") {
        return Some(ContainerEvidence::ContainerEnv);
    }
    if let Some(data) = fs.read("/proc/1/cgroup") {
        let text = String::from_utf8_lossy(&data);
        // cgroup v1 names the runtime in every line; cgroup v2 in a container shows `0::/`.
        if ["docker", "kubepods", "containerd", "libpod", "/ecs/"]
            .iter()
            .any(|word| text.contains(word))
        {
            return Some(ContainerEvidence::Cgroup);
        }
    }
    let set = |name: &str| env.get(name).is_some_and(|v| !v.is_empty());
    if set("KUBERNETES_SERVICE_HOST") {
        return Some(ContainerEvidence::Kubernetes);
    }
    if env.get("REMOTE_CONTAINERS").map(String::as_str) == Some("true") {
        return Some(ContainerEvidence::VsCode);
    }
    None
}

/// Inside a container, `$HOME/.aws` as a mount point of its own.
fn mounted_aws(
    env: &BTreeMap<String, String>,
    fs: &dyn FileProbe,
    container: Option<ContainerEvidence>,
) -> Option<Place> {
    container?;
    let home = env.get("HOME").filter(|h| !h.is_empty())?;
    let aws_dir = format!("{}/.aws", home.trim_end_matches('/'));
    let data = fs.read(MOUNTINFO)?;
    let text = String::from_utf8_lossy(&data);
    // mountinfo(5): ID PARENT MAJ:MIN ROOT MOUNT-POINT OPTIONS ...; spaces escaped as \040.
    let line = text.lines().rev().find(|line| {
        line.split(' ')
            .nth(4)
            .is_some_and(|point| point.replace("\\040", " ") == aws_dir)
    })?;
    let read_only = line
        .split(' ')
        .nth(5)
        .is_some_and(|opts| opts.split(',').any(|o| o == "ro"));
    Some(Place::MountedAws {
        aws_dir,
        read_only,
        vscode: env.get("REMOTE_CONTAINERS").map(String::as_str) == Some("true"),
    })
}

/// Whether the machine is an EC2 instance, by the same evidence as [`Place::Ec2`] (the CLI
/// asks the instance metadata service only there).
pub fn is_ec2(fs: &dyn FileProbe) -> bool {
    ec2(fs).is_some()
}

/// Whether this is an EC2 instance, and its id when the DMI board asset tag holds it.
fn ec2(fs: &dyn FileProbe) -> Option<(Ec2Evidence, Option<String>)> {
    let read = |path: &str| {
        fs.read(path)
            .map(|b| String::from_utf8_lossy(&b).trim().to_owned())
    };
    let tag = read(BOARD_ASSET_TAG).filter(|t| is_instance_id(t));
    if let Some(id) = tag {
        return Some((Ec2Evidence::BoardAssetTag, Some(id)));
    }
    if read(SYS_VENDOR).as_deref() == Some("Amazon EC2") {
        return Some((Ec2Evidence::SysVendor, None));
    }
    // A UUID starting with `ec2` is what AWS documents for Xen instances, but a random UUID
    // starts so once in 4096: only with the BIOS naming Amazon too (`Amazon EC2` as
    // bios_vendor on Nitro, `4.11.amazon` or the like as bios_version on Xen).
    let bios = [BIOS_VENDOR, BIOS_VERSION]
        .into_iter()
        .find(|path| read(path).is_some_and(|t| t.to_ascii_lowercase().contains("amazon")))?;
    let ec2_uuid =
        |text: Option<String>| text.is_some_and(|t| t.to_ascii_lowercase().starts_with("ec2"));
    if ec2_uuid(read(HYPERVISOR_UUID)) {
        return Some((Ec2Evidence::HypervisorUuid(bios), None));
    }
    if ec2_uuid(read(PRODUCT_UUID)) {
        return Some((Ec2Evidence::ProductUuid(bios), None));
    }
    None
}

/// `i-` and 8 or 17 lowercase hex digits.
fn is_instance_id(text: &str) -> bool {
    text.strip_prefix("i-").is_some_and(|hex| {
        matches!(hex.len(), 8 | 17)
            && hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

/// The claims of the token in `file`, read without verifying it.
fn token(fs: &dyn FileProbe, file: &str, now: Option<Timestamp>) -> Token {
    let claims = fs.read(file).and_then(|data| jwt_claims(&data));
    let claim = |k: &str| {
        claims
            .as_ref()
            .and_then(|c| c.get(k))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let expires_at = claims
        .as_ref()
        .and_then(|c| c.get("exp"))
        .and_then(Value::as_i64)
        .and_then(|s| Timestamp::from_second(s).ok());
    Token {
        file: file.to_owned(),
        expires_at,
        expired: expires_at.zip(now).map(|(exp, now)| exp <= now),
        issuer: claim("iss"),
        subject: claim("sub"),
    }
}

/// The payload of a JWT (`HEADER.PAYLOAD.SIGNATURE`, each base64url), as JSON. The signature
/// is not checked: the claims only inform the explanation.
pub fn jwt_claims(data: &[u8]) -> Option<Value> {
    let text = std::str::from_utf8(data).ok()?.trim();
    let mut parts = text.split('.');
    let (_header, payload, _signature) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    serde_json::from_slice(&base64url(payload)?).ok()
}

/// Decode base64url (RFC 4648 §5), padding optional. Written out here: a few lines, and the
/// only base64 the project reads.
fn base64url(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.trim_end_matches('=').bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // A lone sixth of a byte cannot end valid base64.
    (bits < 6).then_some(out)
}

/// The remedy for a failure of `family` in this place, as catalogue steps; empty when the
/// place has nothing better than the advice without a place. `ctx` is the context of the
/// failure: the kind of its credentials, and the commands that name its profile.
pub fn steps(place: &Place, family: Family, ctx: &Context) -> Vec<Step> {
    use Family::{Expired, Invalid, Missing};
    let role_name = |arn: &str| arn.rsplit('/').next().unwrap_or(arn).to_owned();
    let web_identity = ctx.source.kind() == SourceKind::WebIdentity;
    match place {
        Place::CloudShell { .. } => match family {
            Expired | Invalid | Missing => vec![
                Step::new("step-place-cloudshell-sign-in"),
                Step::new("step-place-cloudshell-not-here"),
            ],
            _ => Vec::new(),
        },
        Place::SageMaker {
            kind: SageMakerKind::Studio { .. },
            name,
            role_arn,
            ..
        } => match family {
            Expired => vec![
                Step::new("step-place-sagemaker-restart-space")
                    .arg("space", name.clone().unwrap_or_else(|| "-".to_owned())),
                session_step(role_arn.as_deref().map(role_name)),
            ],
            _ => Vec::new(),
        },
        Place::SageMaker {
            kind: SageMakerKind::NotebookInstance,
            name,
            role_arn,
            ..
        } => match family {
            Expired => {
                let mut v = vec![Step::new("step-place-sagemaker-restart-kernel")];
                if let Some(name) = name {
                    v.push(
                        Step::new("step-place-sagemaker-restart-notebook")
                            .arg("name", name.clone()),
                    );
                }
                v.push(session_step(role_arn.as_deref().map(role_name)));
                v
            }
            _ => Vec::new(),
        },
        Place::Ecs { .. } => match family {
            Expired => vec![
                Step::new("step-clock-check"),
                Step::new("step-place-ecs-new-task"),
            ],
            _ => Vec::new(),
        },
        Place::EksPodIdentity { token, .. } => match family {
            Expired => {
                let mut v = token_steps(token);
                v.push(Step::new("step-place-eks-pod-identity-agent"));
                v
            }
            _ => Vec::new(),
        },
        Place::EksIrsa { role_arn, token } => match family {
            Expired => {
                let mut v = token_steps(token);
                v.push(match token.service_account() {
                    Some((namespace, name)) => Step::new("step-place-eks-irsa-annotation")
                        .arg("namespace", namespace)
                        .arg("account", name)
                        .arg("role", role_arn.clone()),
                    None => Step::new("step-place-eks-irsa-annotation-any")
                        .arg("role", role_arn.clone()),
                });
                v
            }
            _ => Vec::new(),
        },
        Place::Ec2 {
            instance_id,
            container,
            imds_disabled_by_env,
            ..
        } => match (family, container, imds_disabled_by_env) {
            (Missing, _, true) => vec![Step::new("step-place-ec2-imds-variable")],
            // In a container either cause is possible: the hop limit, or no role at all.
            (Missing, Some(evidence), false) => vec![
                Step::new("step-place-ec2-hop-limit")
                    .arg("evidence", evidence.as_str())
                    .arg("command", hop_limit_command(instance_id.as_deref())),
                Step::new("step-place-ec2-role-check")
                    .arg("command", role_check_command(instance_id.as_deref())),
            ],
            (Missing, None, false) => {
                let id = instance_id
                    .clone()
                    .unwrap_or_else(|| "INSTANCE_ID".to_owned());
                vec![
                    Step::new("step-place-ec2-role-check")
                        .arg("command", role_check_command(instance_id.as_deref())),
                    Step::new("step-place-ec2-role-attach").arg(
                        "command",
                        format!("aws ec2 associate-iam-instance-profile --instance-id {id} --iam-instance-profile Name=PROFILE_NAME"),
                    ),
                ]
            }
            _ => Vec::new(),
        },
        Place::GitHubActions { token, .. } => match family {
            // The CLI exchanges the job's ID token again whenever the role session ends: only
            // the token itself can be stale.
            Expired if web_identity => {
                job_token_steps(token.as_ref(), "step-place-github-token-expired")
            }
            Expired => vec![
                Step::new("step-place-github-duration"),
                Step::new("step-place-ci-max-session"),
            ],
            Missing => vec![Step::new("step-place-github-oidc")],
            _ => Vec::new(),
        },
        Place::GitLabCi { token, .. } => match family {
            Expired if web_identity => {
                job_token_steps(token.as_ref(), "step-place-gitlab-token-expired")
            }
            Expired => vec![
                Step::new("step-place-gitlab-duration"),
                Step::new("step-place-ci-max-session"),
            ],
            Missing => vec![Step::new("step-place-gitlab-oidc")],
            _ => Vec::new(),
        },
        Place::CodeBuild { build_id, exported } => match family {
            Expired if *exported => vec![
                Step::new("step-place-codebuild-chaining"),
                Step::new("step-place-ci-max-session"),
            ],
            // The service role's variable is missing only when no source was found at all
            // (with it set, the endpoint itself failed: the advice without a place says so).
            Missing if ctx.source.kind() == SourceKind::None => vec![codebuild_role_step(build_id)],
            _ => Vec::new(),
        },
        Place::MountedAws { read_only, .. } => match family {
            Expired => vec![
                Step::new(if *read_only {
                    "step-place-mounted-aws-host-ro"
                } else {
                    "step-place-mounted-aws-host"
                })
                .arg("command", crate::advice::sso_login_command(ctx)),
            ],
            _ => Vec::new(),
        },
    }
}

/// The one-line remedy of the shell hooks' warning (`shell-remedy-place-*`) for a failure of
/// `family` in this place, with the command it names (empty when none): the gist of
/// [`steps`]' first step. `None` where the place's steps do not end in one action (an EKS
/// token that is still valid): the warning then keeps the remedy without a place.
pub fn shell_remedy(
    place: &Place,
    family: Family,
    ctx: &Context,
) -> Option<(&'static str, String)> {
    use Family::{Expired, Invalid, Missing};
    let none = String::new();
    let web_identity = ctx.source.kind() == SourceKind::WebIdentity;
    let expired_token = |token: &Token| token.expired == Some(true);
    Some(match place {
        Place::CloudShell { .. } => match family {
            Expired | Invalid | Missing => ("shell-remedy-place-cloudshell", none),
            _ => return None,
        },
        Place::SageMaker {
            kind: SageMakerKind::Studio { .. },
            ..
        } => match family {
            Expired => ("shell-remedy-place-sagemaker-studio", none),
            _ => return None,
        },
        Place::SageMaker {
            kind: SageMakerKind::NotebookInstance,
            ..
        } => match family {
            Expired => ("shell-remedy-place-sagemaker-notebook", none),
            _ => return None,
        },
        Place::Ecs { .. } => match family {
            Expired => ("shell-remedy-place-ecs", none),
            _ => return None,
        },
        Place::EksPodIdentity { token, .. } | Place::EksIrsa { token, .. } => match family {
            Expired if expired_token(token) => {
                ("shell-remedy-place-eks-token-expired", token.file.clone())
            }
            _ => return None,
        },
        Place::Ec2 {
            instance_id,
            container,
            imds_disabled_by_env,
            ..
        } => match (family, container, imds_disabled_by_env) {
            (Missing, _, true) => ("shell-remedy-place-ec2-imds-variable", none),
            (Missing, Some(_), false) => (
                "shell-remedy-place-ec2-hop-limit",
                hop_limit_command(instance_id.as_deref()),
            ),
            (Missing, None, false) => (
                "shell-remedy-place-ec2-role",
                role_check_command(instance_id.as_deref()),
            ),
            _ => return None,
        },
        Place::GitHubActions { token, .. } | Place::GitLabCi { token, .. } => {
            let github = matches!(place, Place::GitHubActions { .. });
            match family {
                Expired if web_identity => match token {
                    Some(token) if expired_token(token) => {
                        ("shell-remedy-place-ci-token-expired", token.file.clone())
                    }
                    _ => return None,
                },
                Expired if github => ("shell-remedy-place-github-duration", none),
                Expired => ("shell-remedy-place-gitlab-duration", none),
                Missing if github => ("shell-remedy-place-github-oidc", none),
                Missing => ("shell-remedy-place-gitlab-oidc", none),
                _ => return None,
            }
        }
        Place::CodeBuild { exported, .. } => match family {
            Expired if *exported => ("shell-remedy-place-codebuild-chaining", none),
            Missing if ctx.source.kind() == SourceKind::None => {
                ("shell-remedy-place-codebuild-role", none)
            }
            _ => return None,
        },
        Place::MountedAws { .. } => match family {
            Expired => (
                "shell-remedy-place-mounted-aws",
                crate::advice::sso_login_command(ctx),
            ),
            _ => return None,
        },
    })
}

/// The steps that stand in a CI job `job` for the `steps` of the advice of a failure of
/// `family`: a job has nobody to sign in, open a browser or type a code, so every interactive
/// step ([`is_interactive`]) goes, and in its place the step that says so and names the
/// job's own way to get credentials. With no credentials found and a place other than the
/// job kept (a self-hosted runner in a container on EC2), the job's own way comes after that
/// place's steps: both are true, and either gives the job credentials.
pub fn in_job(job: &Place, family: Family, steps: Vec<Step>, kept: Option<&Place>) -> Vec<Step> {
    let first_interactive = steps.iter().position(|s| is_interactive(s.id));
    let mut out: Vec<Step> = steps
        .into_iter()
        .filter(|s| !is_interactive(s.id))
        .collect();
    if let Some(at) = first_interactive
        && let Some(step) = no_sign_in_step(job)
    {
        out.insert(at.min(out.len()), step);
    }
    if family == Family::Missing && kept.is_some_and(|place| place != job) {
        out.extend(missing_in_job(job));
    }
    out
}

/// The steps that ask a person to sign in, open a browser, run an interactive `aws
/// configure` or type an MFA code: never given in a CI job.
pub const INTERACTIVE_STEPS: &[&str] = &[
    "step-sso-login",
    "step-sso-login-v1",
    "step-sso-login-either",
    "step-sso-login-again",
    "step-aws-login",
    "step-aws-login-console",
    "step-login-permission",
    "step-configure-sso",
    "step-configure-sso-v2",
    "step-configure-keys",
    "step-keys-same-source",
    "step-rerun-mfa",
    "step-new-mfa-code",
    "step-mfa-terminal",
    "step-cloud9-own-credentials",
    "step-place-cloudshell-sign-in",
    "step-place-mounted-aws-host",
    "step-place-mounted-aws-host-ro",
];

/// Whether the step asks for a person at the keyboard ([`INTERACTIVE_STEPS`]).
pub fn is_interactive(id: &str) -> bool {
    INTERACTIVE_STEPS.contains(&id)
}

/// A job cannot sign in: that, and its own way to credentials, in one step.
fn no_sign_in_step(job: &Place) -> Option<Step> {
    match job {
        Place::GitHubActions { .. } => Some(Step::new("step-place-github-no-sign-in")),
        Place::GitLabCi { .. } => Some(Step::new("step-place-gitlab-no-sign-in")),
        Place::CodeBuild { build_id, .. } => Some(
            Step::new("step-place-codebuild-no-sign-in")
                .arg("command", service_role_command(build_id)),
        ),
        // Only the places above are jobs ([`Place::is_ci_job`]).
        Place::CloudShell { .. }
        | Place::SageMaker { .. }
        | Place::Ecs { .. }
        | Place::EksPodIdentity { .. }
        | Place::EksIrsa { .. }
        | Place::Ec2 { .. }
        | Place::MountedAws { .. } => None,
    }
}

/// No credentials reached the job: its own way to them.
fn missing_in_job(job: &Place) -> Vec<Step> {
    match job {
        Place::GitHubActions { .. } => vec![Step::new("step-place-github-oidc")],
        Place::GitLabCi { .. } => vec![Step::new("step-place-gitlab-oidc")],
        Place::CodeBuild { build_id, .. } => vec![codebuild_role_step(build_id)],
        Place::CloudShell { .. }
        | Place::SageMaker { .. }
        | Place::Ecs { .. }
        | Place::EksPodIdentity { .. }
        | Place::EksIrsa { .. }
        | Place::Ec2 { .. }
        | Place::MountedAws { .. } => Vec::new(),
    }
}

/// The one-line remedy of the warning in a CI job, where the one without a place would be a
/// sign-in or an MFA code.
pub fn job_shell_remedy(job: &Place) -> Option<(&'static str, String)> {
    match job {
        Place::GitHubActions { .. } => {
            Some(("shell-remedy-place-github-no-sign-in", String::new()))
        }
        Place::GitLabCi { .. } => Some(("shell-remedy-place-gitlab-no-sign-in", String::new())),
        Place::CodeBuild { .. } => Some(("shell-remedy-place-codebuild-no-sign-in", String::new())),
        Place::CloudShell { .. }
        | Place::SageMaker { .. }
        | Place::Ecs { .. }
        | Place::EksPodIdentity { .. }
        | Place::EksIrsa { .. }
        | Place::Ec2 { .. }
        | Place::MountedAws { .. } => None,
    }
}

/// CodeBuild's credentials are the project's service role, served through
/// `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`; the project is the build id's part before `:`.
fn codebuild_role_step(build_id: &str) -> Step {
    Step::new("step-place-codebuild-role").arg("command", service_role_command(build_id))
}

/// The command that shows a CodeBuild project's service role.
fn service_role_command(build_id: &str) -> String {
    let project = build_id.split_once(':').map_or(build_id, |(p, _)| p);
    format!("aws codebuild batch-get-projects --names {project} --query 'projects[0].serviceRole'")
}

/// What the job's ID token's own expiry says, for web identity in a CI job.
fn job_token_steps(token: Option<&Token>, expired_id: &'static str) -> Vec<Step> {
    // A token file named in a profile, not in the environment: the advice without a place.
    let Some(token) = token else {
        return Vec::new();
    };
    match (token.expires_at, token.expired) {
        (Some(at), Some(true)) => vec![
            Step::new(expired_id)
                .arg("file", token.file.clone())
                .arg("time", at.to_string()),
        ],
        (Some(at), _) => vec![
            Step::new("step-place-ci-token-valid")
                .arg("file", token.file.clone())
                .arg("time", at.to_string()),
            Step::new("step-clock-check"),
        ],
        _ => vec![Step::new("step-place-ci-token-unread").arg("file", token.file.clone())],
    }
}

/// The command that shows which instance profile an instance has.
fn role_check_command(instance_id: Option<&str>) -> String {
    format!(
        "aws ec2 describe-iam-instance-profile-associations --filters Name=instance-id,Values={}",
        instance_id.unwrap_or("INSTANCE_ID")
    )
}

/// The execution role's maximum session duration, with the command that shows it.
fn session_step(role: Option<String>) -> Step {
    Step::new("step-place-sagemaker-session").arg(
        "command",
        format!(
            "aws iam get-role --role-name {} --query Role.MaxSessionDuration",
            role.unwrap_or_else(|| "ROLE_NAME".to_owned())
        ),
    )
}

/// What the projected token's own expiry says.
fn token_steps(token: &Token) -> Vec<Step> {
    match (token.expires_at, token.expired) {
        (Some(at), Some(true)) => vec![
            Step::new("step-place-eks-token-expired")
                .arg("file", token.file.clone())
                .arg("time", at.to_string()),
        ],
        (Some(at), _) => vec![
            Step::new("step-place-eks-token-valid")
                .arg("file", token.file.clone())
                .arg("time", at.to_string()),
        ],
        _ => vec![Step::new("step-place-eks-token-unread").arg("file", token.file.clone())],
    }
}

/// The IMDSv2 hop limit raised to 2 (and the endpoint on), for containers on an instance.
pub fn hop_limit_command(instance_id: Option<&str>) -> String {
    format!(
        "aws ec2 modify-instance-metadata-options --instance-id {} --http-put-response-hop-limit 2 --http-endpoint enabled",
        instance_id.unwrap_or("INSTANCE_ID")
    )
}

#[cfg(test)]
mod tests;
