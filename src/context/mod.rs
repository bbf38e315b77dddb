//! "What context are we in": where the credentials of this invocation come from, when they
//! expire, and whether this is an AWS Cloud9 environment. Resolution is offline and pure: it
//! reads the inputs it is given and local files only, and never starts a process.
//!
//! A credential source is a [`CredentialSource`]: what every source has, and its
//! [`Provider`], one variant per kind of source carrying what only that kind has.

use jiff::Timestamp;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Everything resolution may look at.
#[derive(Clone, Debug, Default)]
pub struct Inputs {
    /// The environment (only the variables resolution cares about need to be present).
    pub env: BTreeMap<String, String>,
    /// The home directory (`$HOME`); `None` when unset.
    pub home: Option<PathBuf>,
    /// `--profile NAME` from the aws command line.
    pub profile_arg: Option<String>,
    /// The current time.
    pub now: Option<Timestamp>,
    /// Whether this machine looks like an EC2 instance (see [`place::is_ec2`]), so that the CLI's
    /// last resort, the instance profile, may be there.
    pub on_ec2: bool,
    /// AWS CLI v1 (botocore) reads `AWS_DEFAULT_PROFILE` before `AWS_PROFILE`; v2 the other
    /// way round.
    pub default_profile_first: bool,
}

impl Inputs {
    pub fn var(&self, name: &str) -> Option<&str> {
        self.env
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }
}

/// The plain tag of a credential source ([`Provider::kind`]): what the state file, the prompt
/// cache and doctor's JSON write, and the `kind-*` messages name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SourceKind {
    Cloud9Managed,
    Sso,
    AssumeRole,
    WebIdentity,
    ExportedSession,
    ExportedKeys,
    FileSession,
    FileKeys,
    CredentialProcess,
    Container,
    InstanceProfile,
    /// `aws login` (AWS CLI v2's console sign-in): a profile with `login_session`.
    Login,
    None,
}

impl SourceKind {
    pub const ALL: [SourceKind; 13] = [
        SourceKind::Cloud9Managed,
        SourceKind::Sso,
        SourceKind::AssumeRole,
        SourceKind::WebIdentity,
        SourceKind::ExportedSession,
        SourceKind::ExportedKeys,
        SourceKind::FileSession,
        SourceKind::FileKeys,
        SourceKind::CredentialProcess,
        SourceKind::Container,
        SourceKind::InstanceProfile,
        SourceKind::Login,
        SourceKind::None,
    ];

    /// The kind named by [`SourceKind::as_str`].
    pub fn parse(name: &str) -> Option<SourceKind> {
        SourceKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Cloud9Managed => "cloud9-managed",
            SourceKind::Sso => "sso",
            SourceKind::AssumeRole => "assume-role",
            SourceKind::WebIdentity => "web-identity",
            SourceKind::ExportedSession => "exported-session",
            SourceKind::ExportedKeys => "exported-keys",
            SourceKind::FileSession => "file-session",
            SourceKind::FileKeys => "file-keys",
            SourceKind::CredentialProcess => "credential-process",
            SourceKind::Container => "container",
            SourceKind::InstanceProfile => "instance-profile",
            SourceKind::Login => "login",
            SourceKind::None => "none",
        }
    }

    /// Whether credentials of this kind are temporary (they carry a session token).
    pub fn is_temporary(self) -> bool {
        !matches!(
            self,
            SourceKind::ExportedKeys | SourceKind::FileKeys | SourceKind::None
        )
    }
}

/// The role an assume-role profile assumes, and what it needs to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AssumeRole {
    /// `role_arn`.
    pub role_arn: String,
    /// `mfa_serial`: the CLI asks for a code, so it cannot renew the session by itself.
    pub mfa_serial: Option<String>,
    /// `source_profile`: the profile whose credentials call AssumeRole.
    pub source_profile: Option<String>,
    /// `credential_source` (`Environment`, `Ec2InstanceMetadata`, `EcsContainer`).
    pub credential_source: Option<String>,
    /// How the source's `cache_file` was tied to this role call.
    pub cache_match: Option<expiry::CacheMatch>,
}

/// Where the credentials come from, with what only that kind of source has. What every
/// source has (origin, expiry, cache file, stamp) is in [`CredentialSource`]; the tag written
/// to the state file and to doctor's JSON is [`Provider::kind`].
///
/// A new source is one variant here, its detection in `source.rs`, its arms in the methods
/// below (kind, doctor rows) and in `advice.rs` (its remedy), and its messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Provider {
    /// AWS Cloud9's managed temporary credentials in `~/.aws/credentials`.
    Cloud9Managed,
    /// IAM Identity Center; the token cache is the source's `cache_file`.
    Sso {
        /// `sso_session`, for `aws sso login --sso-session`; `None` for a legacy
        /// `sso_start_url` profile.
        session: Option<String>,
    },
    AssumeRole(AssumeRole),
    WebIdentity {
        role_arn: String,
        /// How the source's `cache_file` was tied to this role.
        cache_match: Option<expiry::CacheMatch>,
    },
    /// A profile with `login_session` and no other source (`aws login`, AWS CLI v2.32 and
    /// later); its session cache is the source's `cache_file`. Its tag is
    /// [`SourceKind::Login`] (`login`; state files written before it had one say `none`, and
    /// still parse).
    Login {
        /// The `login_session` value.
        session: String,
    },
    /// `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` in the environment.
    Exported {
        /// With a session token.
        session: bool,
        /// Names of the exported variables that make up the credentials and their expiry
        /// (never their values).
        vars: Vec<String>,
    },
    /// Keys in the credentials or config file.
    File {
        /// With a session token (or an `ASIA` key id).
        session: bool,
    },
    /// `credential_process`.
    Process {
        /// Its command line.
        command: String,
    },
    /// The container credentials endpoint (`AWS_CONTAINER_CREDENTIALS_*_URI`).
    Container,
    /// The EC2 instance profile, through the instance metadata service.
    InstanceProfile,
    /// Nothing found.
    None,
}

impl Provider {
    /// The plain tag of this source, as the state file and doctor's JSON write it.
    pub fn kind(&self) -> SourceKind {
        match self {
            Provider::Cloud9Managed => SourceKind::Cloud9Managed,
            Provider::Sso { .. } => SourceKind::Sso,
            Provider::AssumeRole(_) => SourceKind::AssumeRole,
            Provider::WebIdentity { .. } => SourceKind::WebIdentity,
            Provider::Exported { session: true, .. } => SourceKind::ExportedSession,
            Provider::Exported { session: false, .. } => SourceKind::ExportedKeys,
            Provider::File { session: true } => SourceKind::FileSession,
            Provider::File { session: false } => SourceKind::FileKeys,
            Provider::Process { .. } => SourceKind::CredentialProcess,
            Provider::Container => SourceKind::Container,
            Provider::InstanceProfile => SourceKind::InstanceProfile,
            Provider::Login { .. } => SourceKind::Login,
            Provider::None => SourceKind::None,
        }
    }

    /// `aws sso login --sso-session NAME`'s name.
    pub fn sso_session(&self) -> Option<&str> {
        match self {
            Provider::Sso { session } => session.as_deref(),
            _ => None,
        }
    }

    /// The role assumed (assume-role or web identity).
    pub fn role_arn(&self) -> Option<&str> {
        match self {
            Provider::AssumeRole(role) => Some(role.role_arn.as_str()),
            Provider::WebIdentity { role_arn, .. } => Some(role_arn.as_str()),
            _ => None,
        }
        // Empty only in a source made from a bare kind (`From<SourceKind>`).
        .filter(|arn| !arn.is_empty())
    }

    /// The assume-role profile's details, when it is one.
    pub fn assume_role(&self) -> Option<&AssumeRole> {
        match self {
            Provider::AssumeRole(role) => Some(role),
            _ => None,
        }
    }

    /// `mfa_serial` of an assume-role profile.
    pub fn mfa_serial(&self) -> Option<&str> {
        self.assume_role()?.mfa_serial.as_deref()
    }

    /// How the cache file was tied to an assume-role or web identity profile.
    pub fn cache_match(&self) -> Option<expiry::CacheMatch> {
        match self {
            Provider::AssumeRole(role) => role.cache_match,
            Provider::WebIdentity { cache_match, .. } => *cache_match,
            _ => None,
        }
    }

    /// The `credential_process` command line.
    pub fn process(&self) -> Option<&str> {
        match self {
            Provider::Process { command } => Some(command.as_str()),
            _ => None,
        }
        .filter(|command| !command.is_empty())
    }

    /// The names of the exported variables in use (empty unless exported).
    pub fn exported_vars(&self) -> &[String] {
        match self {
            Provider::Exported { vars, .. } => vars,
            _ => &[],
        }
    }

    /// Whether the credentials are the environment's variables.
    pub fn is_exported(&self) -> bool {
        matches!(self, Provider::Exported { .. })
    }

    /// The rows doctor shows for what only this source has, after its kind and origin: a
    /// catalogue label and the value, in order.
    pub fn doctor_rows(&self) -> Vec<(&'static str, String)> {
        match self {
            Provider::Sso { session } => session
                .iter()
                .map(|s| ("doctor-sso-session", s.clone()))
                .collect(),
            Provider::AssumeRole(role) => self
                .role_arn()
                .map(|arn| ("doctor-role", arn.to_owned()))
                .into_iter()
                .chain(role.mfa_serial.iter().map(|m| ("doctor-mfa", m.clone())))
                .collect(),
            Provider::WebIdentity { .. } => self
                .role_arn()
                .map(|arn| ("doctor-role", arn.to_owned()))
                .into_iter()
                .collect(),
            Provider::Process { .. } => self
                .process()
                .map(|c| ("doctor-process", c.to_owned()))
                .into_iter()
                .collect(),
            Provider::Exported { vars, .. } if !vars.is_empty() => {
                vec![("doctor-exported", vars.join(" "))]
            }
            _ => Vec::new(),
        }
    }

    /// Doctor's label for the expiry: for SSO the expiry known is the SSO token's, not that
    /// of the role credentials.
    pub fn doctor_expires_label(&self) -> &'static str {
        match self {
            Provider::Sso { .. } => "doctor-expires-sso",
            _ => "doctor-expires",
        }
    }

    /// Doctor's answer to "renewed by the CLI?", given what resolution found.
    pub fn doctor_refresh_label(&self, refreshable: Option<bool>) -> &'static str {
        match (self, refreshable) {
            (Provider::Cloud9Managed, _) => "doctor-cloud9-renewed",
            (p, _) if p.is_long_term() => "doctor-not-needed",
            (_, Some(true)) => "doctor-yes",
            (_, Some(false)) => "doctor-no",
            (_, None) => "doctor-unknown",
        }
    }

    /// Long-term keys: nothing expires, nothing needs renewing.
    pub fn is_long_term(&self) -> bool {
        matches!(
            self,
            Provider::File { session: false } | Provider::Exported { session: false, .. }
        )
    }
}

impl From<SourceKind> for Provider {
    /// The source of a kind with none of its optional data (demos and tests).
    fn from(kind: SourceKind) -> Provider {
        match kind {
            SourceKind::Cloud9Managed => Provider::Cloud9Managed,
            SourceKind::Sso => Provider::Sso { session: None },
            SourceKind::AssumeRole => Provider::AssumeRole(AssumeRole::default()),
            SourceKind::WebIdentity => Provider::WebIdentity {
                role_arn: String::new(),
                cache_match: None,
            },
            SourceKind::ExportedSession => Provider::Exported {
                session: true,
                vars: Vec::new(),
            },
            SourceKind::ExportedKeys => Provider::Exported {
                session: false,
                vars: Vec::new(),
            },
            SourceKind::FileSession => Provider::File { session: true },
            SourceKind::FileKeys => Provider::File { session: false },
            SourceKind::CredentialProcess => Provider::Process {
                command: String::new(),
            },
            SourceKind::Container => Provider::Container,
            SourceKind::InstanceProfile => Provider::InstanceProfile,
            SourceKind::Login => Provider::Login {
                session: String::new(),
            },
            SourceKind::None => Provider::None,
        }
    }
}

/// The credential source of one profile, as far as it can be known offline: what only its
/// kind has in [`Provider`], what every source has here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CredentialSource {
    pub provider: Provider,
    /// Where it was found, for people (`environment`, `~/.aws/config [profile dev]`).
    pub origin: String,
    /// When the credentials (or the SSO token) expire, if known.
    pub expires_at: Option<Timestamp>,
    /// Whether the CLI can renew them without the user (an SSO refresh token, a Cloud9 owner
    /// online): `None` when unknown.
    pub refreshable: Option<bool>,
    /// A cache file that holds the session (assume-role cache, SSO token cache, `aws login`
    /// session cache).
    pub cache_file: Option<PathBuf>,
    /// What identifies these credentials now, without a secret (see `stamp` in this module):
    /// a failure recorded under another stamp was about credentials that have changed since.
    pub stamp: String,
    /// The files whose change changes the stamp (for the shell hooks, which look at their
    /// times without starting a process).
    pub watch: Vec<PathBuf>,
    /// The config or credentials file when it is larger than aws-shim reads
    /// ([`crate::files::MAX_CONFIG`]): what comes after the bound is unknown to it.
    pub partly_read: Vec<PathBuf>,
    /// Where these credentials come from, when that decides the remedy: the place refines
    /// the provider (container credentials in CloudShell, in an ECS task or from the EKS Pod
    /// Identity Agent; web identity in an EKS pod; the instance profile of an EC2 instance,
    /// from inside a container or not; a CI job's exported session; the host's SSO cache
    /// mounted into a container). Kept only when the place serves this kind of source
    /// ([`serves`]); filled by [`locate`] on the failure path and by doctor, `None`
    /// everywhere else.
    pub place: Option<place::Place>,
    /// The CI job this shell runs in (GitHub Actions, GitLab CI, CodeBuild), whatever the
    /// source of the credentials: nobody there can sign in or type an MFA code, so the advice
    /// gives no interactive step ([`place::in_job`]). Filled by [`locate`] and doctor like
    /// `place`.
    pub job: Option<place::Place>,
}

impl CredentialSource {
    pub fn new(provider: impl Into<Provider>, origin: impl Into<String>) -> Self {
        CredentialSource {
            provider: provider.into(),
            origin: origin.into(),
            expires_at: None,
            refreshable: None,
            cache_file: None,
            stamp: String::new(),
            watch: Vec::new(),
            partly_read: Vec::new(),
            place: None,
            job: None,
        }
    }

    /// The plain tag of the source ([`Provider::kind`]).
    pub fn kind(&self) -> SourceKind {
        self.provider.kind()
    }

    /// Nothing to sign with: no source, and no `aws login` session cache either.
    pub fn is_missing(&self) -> bool {
        matches!(self.kind(), SourceKind::None | SourceKind::Login) && self.cache_file.is_none()
    }
}

/// Facts about an AWS Cloud9 environment, read offline.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cloud9 {
    /// `C9_PID`: the environment id.
    pub environment_id: Option<String>,
    /// `C9_PROJECT`: the environment name.
    pub environment_name: Option<String>,
    /// Whether the credentials file carries Cloud9's managed-credentials header.
    pub managed_header: bool,
    /// The time written in that header (when Cloud9 will refresh or recreate the file).
    pub header_time: Option<Timestamp>,
    /// The credentials file exists but has no header (edited, so Cloud9 stopped updating it).
    pub edited: bool,
    /// The environment's region: `region` under `[default]` in the managed credentials file,
    /// else `AWS_REGION`, `AWS_DEFAULT_REGION`, the config's `[default]` region.
    pub region: Option<String>,
}

impl Cloud9 {
    /// The IDE's address, when the environment id and the region are known.
    pub fn ide_url(&self) -> Option<String> {
        Some(format!(
            "https://{}.console.aws.amazon.com/cloud9/ide/{}",
            self.region.as_deref()?,
            self.environment_id.as_deref()?
        ))
    }
}

/// What chose the profile, in the order the AWS CLI looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProfileFrom {
    /// `--profile` on the command line.
    Argument,
    AwsProfile,
    AwsDefaultProfile,
    /// Nothing named one: `default`.
    Default,
}

impl ProfileFrom {
    /// How it is shown and written to JSON: the option or the variable's name, or `default`.
    pub fn as_str(self) -> &'static str {
        match self {
            ProfileFrom::Argument => "--profile",
            ProfileFrom::AwsProfile => "AWS_PROFILE",
            ProfileFrom::AwsDefaultProfile => "AWS_DEFAULT_PROFILE",
            ProfileFrom::Default => "default",
        }
    }

    /// Whether a variable of the environment chose it.
    pub fn is_variable(self) -> bool {
        matches!(
            self,
            ProfileFrom::AwsProfile | ProfileFrom::AwsDefaultProfile
        )
    }
}

/// The context of one aws invocation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Context {
    /// The profile in use: `--profile`, `AWS_PROFILE`, `AWS_DEFAULT_PROFILE`, else `default`.
    pub profile: String,
    /// What chose the profile.
    pub profile_from: ProfileFrom,
    pub source: CredentialSource,
    pub cloud9: Option<Cloud9>,
    pub now: Option<Timestamp>,
    /// The AWS CLI that runs the command, when known (the remedies name only commands it
    /// has).
    pub cli: Option<crate::real_aws::CliVersion>,
    /// Whether the profile exists: `default`, or a section in the config or credentials
    /// file. The CLI fails with "The config profile (NAME) could not be found" otherwise.
    pub profile_found: bool,
}

impl Cloud9 {
    /// How long ago Cloud9 should have renewed its managed credentials file, when that time
    /// has passed and the header still names it. Cloud9 renews the file only while the
    /// environment owner has the IDE open, so an overdue renewal means the owner has been away.
    pub fn renewal_overdue(&self, now: Option<Timestamp>) -> Option<Timestamp> {
        let due = self.header_time?;
        (self.managed_header && due < now?).then_some(due)
    }
}

impl Context {
    /// Whether the profile was named explicitly (argv or environment).
    pub fn profile_explicit(&self) -> bool {
        self.profile_from != ProfileFrom::Default
    }

    /// Whether the credentials are known to have expired by now. Credentials the CLI renews by
    /// itself (a refreshable SSO token, an assumed role without MFA) are not expired.
    pub fn expired(&self) -> Option<bool> {
        if self.source.refreshable == Some(true) {
            return Some(false);
        }
        Some(self.source.expires_at? <= self.now?)
    }

    /// Seconds until expiry (negative once past), when the expiry is known.
    pub fn seconds_left(&self) -> Option<i64> {
        Some(self.source.expires_at?.as_second() - self.now?.as_second())
    }
}

/// Resolve the context of an `aws` command that the AWS CLI `cli` runs (`None`: not known):
/// [`resolve`] with that CLI's order of the profile variables (v1 reads
/// `AWS_DEFAULT_PROFILE` before `AWS_PROFILE`, see [`profile_choice`]), and `cli` in the
/// context for the remedies.
pub fn resolve_for_cli(inputs: &Inputs, cli: Option<crate::real_aws::CliVersion>) -> Context {
    let inputs = Inputs {
        default_profile_first: cli.as_ref().is_some_and(|c| c.major == 1),
        ..inputs.clone()
    };
    let mut ctx = resolve(&inputs);
    ctx.cli = cli;
    ctx
}

/// Resolve the context of an invocation: which profile, where its credentials come from
/// (in the order the AWS CLI tries them), when they expire, and the Cloud9 facts. Reads only
/// the AWS CLI's small local files; never fails.
pub fn resolve(inputs: &Inputs) -> Context {
    let (profile, profile_from) = profile_choice(inputs);
    let files = source::Files::load(inputs);
    let mut cloud9 = cloud9::detect(inputs, files.credentials_bytes.as_deref());
    if let Some(c9) = &mut cloud9 {
        // A file without the header counts as an edited managed file only when its default
        // profile still holds session keys; an owner's own long-term keys are not an edit.
        c9.edited = c9.edited
            && files
                .credentials
                .section("default")
                .is_some_and(source::has_session_token);
        let region = |section: Option<&std::collections::HashMap<String, String>>| {
            section
                .and_then(|s| s.get("region"))
                .filter(|r| !r.is_empty())
                .cloned()
        };
        c9.region = region(files.credentials.section("default"))
            .or_else(|| inputs.var("AWS_REGION").map(str::to_owned))
            .or_else(|| inputs.var("AWS_DEFAULT_REGION").map(str::to_owned))
            .or_else(|| region(files.config.config_profile("default")))
            // It becomes the host name of the IDE's address: only a region's name will do.
            .filter(|r| cloud9::is_region(r));
    }
    let mut source = source::resolve(inputs, &files, &profile, profile_from, cloud9.as_ref());
    (source.stamp, source.watch) = stamp(inputs, &files, &source);
    source.partly_read = files.cut.clone();
    Context {
        profile: profile.clone(),
        profile_from,
        source,
        cloud9,
        now: inputs.now,
        cli: None,
        profile_found: profile == "default"
            || files.config.config_profile(&profile).is_some()
            || files.credentials.section(&profile).is_some(),
    }
}

/// Recognise the place of a failure ([`place::candidates`]) and keep the first that serves
/// this kind of credential source, so that its remedy is about the credentials in use
/// (CloudShell's container endpoint, not keys someone exported in CloudShell; under a CI job
/// on EC2 the instance profile is the EC2 instance's). A CI job is kept as the job whatever
/// it serves: nothing interactive is given there. Only the failure path calls this; a
/// successful call never looks.
pub fn locate(ctx: &mut Context, env: &BTreeMap<String, String>, fs: &dyn place::FileProbe) {
    located(ctx, env, fs).apply(ctx);
}

/// Where the shell runs as far as `ctx`'s remedies go: the first candidate place that serves
/// its kind of credentials, and the CI job among the candidates.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Located {
    pub place: Option<place::Place>,
    pub job: Option<place::Place>,
}

impl Located {
    /// What a credential source keeps of it.
    pub fn of(source: &CredentialSource) -> Located {
        Located {
            place: source.place.clone(),
            job: source.job.clone(),
        }
    }

    /// Keep it in `ctx`'s credential source.
    pub fn apply(self, ctx: &mut Context) {
        ctx.source.place = self.place;
        ctx.source.job = self.job;
    }
}

/// What [`locate`] keeps for `ctx`, without changing it.
pub fn located(
    ctx: &Context,
    env: &BTreeMap<String, String>,
    fs: &dyn place::FileProbe,
) -> Located {
    let found = place::candidates(env, fs, ctx.now);
    let (place, job) = keep(&found, ctx.source.kind());
    Located { place, job }
}

/// Of the candidate places, the first that serves `kind`, and the CI job among them.
pub fn keep(
    found: &[place::Place],
    kind: SourceKind,
) -> (Option<place::Place>, Option<place::Place>) {
    (
        found.iter().find(|p| serves(p, kind)).cloned(),
        found.iter().find(|p| p.is_ci_job()).cloned(),
    )
}

/// Whether credentials of `kind` are the ones `place` gives (so that its remedies apply):
/// CloudShell's container endpoint, not keys someone exported in CloudShell.
/// An `aws login` profile is the user's own sign-in, never the place's.
pub fn serves(place: &place::Place, kind: SourceKind) -> bool {
    use SourceKind as K;
    use place::Place;
    match place {
        Place::CloudShell { .. } | Place::Ecs { .. } | Place::EksPodIdentity { .. } => {
            kind == K::Container
        }
        Place::SageMaker { .. } => matches!(kind, K::Container | K::InstanceProfile),
        Place::EksIrsa { .. } => kind == K::WebIdentity,
        Place::Ec2 { .. } => matches!(kind, K::InstanceProfile | K::None),
        // Web identity only with the job's own ID token (not a runner pod's IRSA token).
        Place::GitHubActions { token, .. } | Place::GitLabCi { token, .. } => {
            matches!(kind, K::ExportedSession | K::ExportedKeys | K::None)
                || (kind == K::WebIdentity && token.is_some())
        }
        Place::CodeBuild { .. } => matches!(kind, K::ExportedSession | K::Container | K::None),
        // The host's SSO token cache, mounted.
        Place::MountedAws { .. } => kind == K::Sso,
    }
}

/// The variables whose values make up exported credentials and their expiry.
pub const EXPORTED_VARS: [&str; 8] = [
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_CREDENTIAL_EXPIRATION",
    "AWS_SESSION_EXPIRATION",
    "AWSUME_EXPIRATION",
    "AWS_SSO_SESSION_EXPIRATION",
];

/// What identifies a credential source now, as a digest that holds no secret: its kind, the
/// exported variables' values, the credentials and config files' bytes, and the cache file
/// it uses (path, size, modification time, expiry). Any of these changing (Cloud9 rewriting
/// its file, `aws sso login` writing a new token, new keys exported or the old ones unset)
/// gives another stamp. Also the files to watch for such a change.
fn stamp(
    inputs: &Inputs,
    files: &source::Files,
    source: &CredentialSource,
) -> (String, Vec<PathBuf>) {
    use std::os::unix::fs::MetadataExt;
    let mut digest = sha1_smol::Sha1::new();
    let mut put = |part: &[u8]| {
        digest.update(part);
        digest.update(b"\0");
    };
    // `aws login` sources were tagged `none` before they had a kind of their own: the same
    // word keeps their stamps, and so the failures recorded under them, as they were.
    let tag = match source.kind() {
        SourceKind::Login => SourceKind::None,
        kind => kind,
    };
    put(tag.as_str().as_bytes());
    for var in EXPORTED_VARS {
        put(inputs.var(var).unwrap_or("").as_bytes());
    }
    put(files.credentials_bytes.as_deref().unwrap_or(b""));
    put(files.config_digest.as_deref().unwrap_or("").as_bytes());
    let mut watch: Vec<PathBuf> = Vec::new();
    watch.extend(files.credentials_path.clone());
    watch.extend(files.config_path.clone());
    if let Some(cache) = &source.cache_file {
        let meta = std::fs::metadata(cache).ok();
        put(cache.as_os_str().as_encoded_bytes());
        put(format!(
            "{:?} {:?} {:?}",
            meta.as_ref().map(|m| m.size()),
            meta.as_ref().map(|m| (m.mtime(), m.mtime_nsec())),
            source.expires_at
        )
        .as_bytes());
        watch.push(cache.clone());
    }
    // The exported kinds do not depend on any file: the hooks compare the variables.
    if source.provider.is_exported() {
        watch.clear();
    }
    (digest.digest().to_string()[..16].to_owned(), watch)
}

/// The profile the AWS CLI will use, and what chose it: `--profile`, then `AWS_PROFILE`,
/// then `AWS_DEFAULT_PROFILE` (the other way round for CLI v1), then `default`.
pub fn profile_choice(inputs: &Inputs) -> (String, ProfileFrom) {
    if let Some(name) = &inputs.profile_arg {
        return (name.clone(), ProfileFrom::Argument);
    }
    let mut vars = [
        ("AWS_PROFILE", ProfileFrom::AwsProfile),
        ("AWS_DEFAULT_PROFILE", ProfileFrom::AwsDefaultProfile),
    ];
    if inputs.default_profile_first {
        vars.reverse();
    }
    for (var, from) in vars {
        if let Some(name) = inputs.var(var) {
            return (name.to_owned(), from);
        }
    }
    ("default".to_owned(), ProfileFrom::Default)
}

/// Parse an instant with any offset (`Z`, `+09:00`, `+0900`), compared as an instant.
/// Also accepts the forms tools write: a space for `T`, Python's `%Z` suffix (`...UTC`), and
/// Go's `2006-01-02 15:04:05.999 -0700 MST`. A time without an offset is unknown (`None`).
pub fn parse_instant(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    if let Ok(ts) = text.parse::<Timestamp>() {
        return Some(ts);
    }
    let mut s = text.to_owned();
    // Go: drop the zone abbreviation after a numeric offset.
    if let Some((head, last)) = s.rsplit_once(' ')
        && !last.is_empty()
        && last.chars().all(|c| c.is_ascii_alphabetic())
        && head.contains(['+', '-'])
    {
        s = head.to_owned();
    }
    for suffix in ["UTC", "GMT"] {
        if let Some(head) = s.strip_suffix(suffix) {
            s = format!("{}Z", head.trim_end());
        }
    }
    // `2026-11-27 08:00:00 +0000` -> `2026-11-27T08:00:00+0000`
    if s.len() > 10 && s.as_bytes()[10] == b' ' {
        s.replace_range(10..11, "T");
    }
    if let Some(pos) = s.rfind(" +").or_else(|| s.rfind(" -")) {
        s.remove(pos);
    }
    if let Ok(ts) = s.parse::<Timestamp>() {
        return Some(ts);
    }
    jiff::fmt::strtime::parse("%Y-%m-%dT%H:%M:%S%.f%z", &s)
        .ok()?
        .to_timestamp()
        .ok()
}

pub mod cloud9;
pub mod expiry;
pub mod ini;
pub mod place;
mod source;
pub use source::display_path;

#[cfg(test)]
mod tests;
