//! "What context are we in": where the credentials of this invocation come from, when they
//! expire, and whether this is an AWS Cloud9 environment. Resolution is offline and pure: it
//! reads the inputs it is given and local files only, and never starts a process.

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
    /// The aws command line, without the program name.
    pub argv: Vec<String>,
    /// The current time.
    pub now: Option<Timestamp>,
}

impl Inputs {
    pub fn var(&self, name: &str) -> Option<&str> {
        self.env.get(name).map(String::as_str).filter(|v| !v.is_empty())
    }
}

/// Where the credentials come from.
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
    None,
}

impl SourceKind {
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
            SourceKind::None => "none",
        }
    }

    /// Whether credentials of this kind are temporary (they carry a session token).
    pub fn is_temporary(self) -> bool {
        !matches!(self, SourceKind::ExportedKeys | SourceKind::FileKeys | SourceKind::None)
    }
}

/// The credential source of one profile, as far as it can be known offline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CredentialSource {
    pub kind: SourceKind,
    /// Where it was found, for people (`environment`, `~/.aws/config [profile dev]`).
    pub origin: String,
    /// When the credentials (or the SSO token) expire, if known.
    pub expires_at: Option<Timestamp>,
    /// Whether the CLI can renew them without the user (an SSO refresh token, a Cloud9 owner
    /// online): `None` when unknown.
    pub refreshable: Option<bool>,
    /// `sso_session` name, for `aws sso login --sso-session`.
    pub sso_session: Option<String>,
    /// `mfa_serial` of an assume-role profile.
    pub mfa_serial: Option<String>,
    /// `role_arn` of an assume-role profile.
    pub role_arn: Option<String>,
    /// A cache file that holds the expired session (assume-role cache, SSO token cache).
    pub cache_file: Option<PathBuf>,
    /// The credential_process command line.
    pub process: Option<String>,
    /// Names of the exported variables that make up the credentials (never their values).
    pub exported_vars: Vec<String>,
}

impl CredentialSource {
    pub fn new(kind: SourceKind, origin: impl Into<String>) -> Self {
        CredentialSource {
            kind,
            origin: origin.into(),
            expires_at: None,
            refreshable: None,
            sso_session: None,
            mfa_serial: None,
            role_arn: None,
            cache_file: None,
            process: None,
            exported_vars: Vec::new(),
        }
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
}

/// The context of one aws invocation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Context {
    /// The profile in use: `--profile`, `AWS_PROFILE`, `AWS_DEFAULT_PROFILE`, else `default`.
    pub profile: String,
    /// Whether the profile was named explicitly (argv or environment).
    pub profile_explicit: bool,
    pub source: CredentialSource,
    pub cloud9: Option<Cloud9>,
    pub now: Option<Timestamp>,
}

impl Context {
    pub fn in_cloud9(&self) -> bool {
        self.cloud9.is_some()
    }

    /// Whether the credentials are known to have expired by now.
    pub fn expired(&self) -> Option<bool> {
        Some(self.source.expires_at? <= self.now?)
    }
}

/// Resolve the context of an invocation.
pub fn resolve(inputs: &Inputs) -> Context {
    let (profile, profile_explicit) = profile_name(inputs);
    let cloud9 = cloud9::detect(inputs);
    let mut source = if let Some(keys) = exported_keys(inputs) {
        keys
    } else if cloud9.as_ref().is_some_and(|c| c.managed_header) && profile == "default" {
        CredentialSource::new(SourceKind::Cloud9Managed, "~/.aws/credentials [default]")
    } else {
        CredentialSource::new(SourceKind::None, "")
    };
    if let Some(c9) = &cloud9 {
        if source.kind == SourceKind::Cloud9Managed {
            source.expires_at = c9.header_time;
        }
    }
    Context { profile, profile_explicit, source, cloud9, now: inputs.now }
}

/// The profile the AWS CLI will use: `--profile NAME` or `--profile=NAME` in the argv, then
/// `AWS_PROFILE`, then `AWS_DEFAULT_PROFILE`, then `default`.
pub fn profile_name(inputs: &Inputs) -> (String, bool) {
    let mut args = inputs.argv.iter();
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        if arg == "--profile" {
            if let Some(name) = args.next() {
                return (name.clone(), true);
            }
        } else if let Some(name) = arg.strip_prefix("--profile=") {
            return (name.to_owned(), true);
        }
    }
    for var in ["AWS_PROFILE", "AWS_DEFAULT_PROFILE"] {
        if let Some(name) = inputs.var(var) {
            return (name.to_owned(), true);
        }
    }
    ("default".to_owned(), false)
}

fn exported_keys(inputs: &Inputs) -> Option<CredentialSource> {
    inputs.var("AWS_ACCESS_KEY_ID")?;
    inputs.var("AWS_SECRET_ACCESS_KEY")?;
    let mut vars = vec!["AWS_ACCESS_KEY_ID".to_owned(), "AWS_SECRET_ACCESS_KEY".to_owned()];
    let kind = if inputs.var("AWS_SESSION_TOKEN").is_some() {
        vars.push("AWS_SESSION_TOKEN".to_owned());
        SourceKind::ExportedSession
    } else {
        SourceKind::ExportedKeys
    };
    let mut source = CredentialSource::new(kind, "environment");
    if let Some(exp) = inputs.var("AWS_CREDENTIAL_EXPIRATION") {
        vars.push("AWS_CREDENTIAL_EXPIRATION".to_owned());
        source.expires_at = parse_instant(exp);
    }
    source.exported_vars = vars;
    Some(source)
}

/// Parse an RFC 3339 / ISO 8601 instant with any offset (`Z`, `+09:00`).
pub fn parse_instant(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    text.parse::<Timestamp>().ok().or_else(|| {
        // Some tools write `+0000` or a space instead of `T`.
        jiff::fmt::strtime::parse("%Y-%m-%d %H:%M:%S%z", text).ok()?.to_timestamp().ok()
    })
}

pub mod cloud9;
