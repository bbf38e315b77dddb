//! Where a profile's credentials come from, in the order botocore (and so the AWS CLI) tries
//! its providers: exported keys (skipped when `--profile` is given), a profile with
//! `role_arn`, web identity, SSO, keys in the credentials file, `credential_process`, keys
//! in the config file, container credentials, the instance profile.

use super::expiry::{self, RoleCall};
use super::ini::Ini;
use super::{AssumeRole, Cloud9, CredentialSource, Inputs, Provider, cloud9};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The two AWS CLI files, read once.
pub struct Files {
    pub config: Ini,
    pub credentials: Ini,
    pub config_path: Option<PathBuf>,
    pub credentials_path: Option<PathBuf>,
    /// The credentials file's bytes (for the Cloud9 header), when it exists.
    pub credentials_bytes: Option<Vec<u8>>,
    /// A digest of the config file's bytes, when it exists.
    pub config_digest: Option<String>,
    /// The files longer than [`crate::files::MAX_CONFIG`], read only up to it.
    pub cut: Vec<PathBuf>,
}

impl Files {
    pub fn load(inputs: &Inputs) -> Files {
        let config_path = match inputs.var("AWS_CONFIG_FILE") {
            Some(path) => Some(cloud9::expand_home(path, inputs)),
            None => inputs.home.as_ref().map(|h| h.join(".aws/config")),
        };
        let credentials_path = cloud9::credentials_file(inputs);
        // Read whole, as the CLI reads them, up to a bound far above any real file.
        let read = |path: &Option<PathBuf>| {
            let read = crate::files::read_bounded(path.as_deref()?, crate::files::MAX_CONFIG)?;
            Some((read.bytes, read.cut.then(|| path.clone()).flatten()))
        };
        let (config_bytes, config_cut) = read(&config_path).unzip();
        let (credentials_bytes, credentials_cut) = read(&credentials_path).unzip();
        Files {
            cut: [config_cut, credentials_cut]
                .into_iter()
                .flatten()
                .flatten()
                .collect(),
            config: config_bytes.as_deref().map(Ini::parse).unwrap_or_default(),
            credentials: credentials_bytes
                .as_deref()
                .map(Ini::parse)
                .unwrap_or_default(),
            config_digest: config_bytes
                .as_deref()
                .map(|b| sha1_smol::Sha1::from(b).digest().to_string()),
            config_path,
            credentials_path,
            credentials_bytes,
        }
    }
}

/// A section holds a session token.
pub fn has_session_token(keys: &HashMap<String, String>) -> bool {
    ["aws_session_token", "aws_security_token"]
        .iter()
        .any(|k| keys.get(*k).is_some_and(|v| !v.is_empty()))
}

/// `~/.aws/config` rather than `/home/me/.aws/config`.
pub fn display_path(path: &Path, home: Option<&Path>) -> String {
    match home.and_then(|h| path.strip_prefix(h).ok()) {
        Some(rest) => format!("~/{}", rest.display()),
        None => path.display().to_string(),
    }
}

/// One profile as the CLI sees it: the config file's section with the credentials file's
/// section laid over it.
struct Profile<'a> {
    config: Option<&'a HashMap<String, String>>,
    credentials: Option<&'a HashMap<String, String>>,
    config_origin: String,
    credentials_origin: String,
}

impl<'a> Profile<'a> {
    /// A value and where it was found.
    fn get(&self, key: &str) -> Option<(&'a str, &str)> {
        let found = |section: Option<&'a HashMap<String, String>>| {
            section
                .and_then(|s| s.get(key))
                .map(String::as_str)
                .filter(|v| !v.is_empty())
        };
        found(self.credentials)
            .map(|v| (v, self.credentials_origin.as_str()))
            .or_else(|| found(self.config).map(|v| (v, self.config_origin.as_str())))
    }

    fn value(&self, key: &str) -> Option<&'a str> {
        self.get(key).map(|(v, _)| v)
    }
}

/// The source of profile `name`: the first the CLI's chain finds, else an `aws login`
/// session ([`Provider::Login`]).
pub fn resolve(
    inputs: &Inputs,
    files: &Files,
    name: &str,
    profile_from: super::ProfileFrom,
    cloud9: Option<&Cloud9>,
) -> CredentialSource {
    let mut source = chain(inputs, files, name, profile_from, cloud9);
    let login_session = files
        .config
        .config_profile(name)
        .and_then(|p| p.get("login_session"))
        .filter(|v| !v.is_empty());
    if let Some(session) = login_session
        && source.cache_file.is_none()
    {
        // A source of another kind keeps its kind and watches the login cache as well.
        source.cache_file = login_cache_file(inputs, session);
        if source.provider == Provider::None {
            source.provider = Provider::Login {
                session: session.clone(),
            };
        }
    }
    source
}

fn chain(
    inputs: &Inputs,
    files: &Files,
    name: &str,
    profile_from: super::ProfileFrom,
    cloud9: Option<&Cloud9>,
) -> CredentialSource {
    // `--profile` turns the environment's keys (and web identity variables) off; AWS_PROFILE
    // does not.
    let env_allowed = profile_from != super::ProfileFrom::Argument;
    if env_allowed && let Some(source) = exported(inputs) {
        return source;
    }
    let home = inputs.home.as_deref();
    let show = |p: &Option<PathBuf>, fallback: &str| {
        p.as_deref()
            .map_or(fallback.to_owned(), |p| display_path(p, home))
    };
    let config_header = if name == "default" {
        "default".to_owned()
    } else {
        format!("profile {name}")
    };
    let profile = Profile {
        config: files.config.config_profile(name),
        credentials: files.credentials.section(name),
        config_origin: format!("{} [{config_header}]", show(&files.config_path, "config")),
        credentials_origin: format!("{} [{name}]", show(&files.credentials_path, "credentials")),
    };

    if profile.value("role_arn").is_some() && profile.value("web_identity_token_file").is_none() {
        return assume_role(inputs, &profile);
    }
    if let Some(source) = web_identity(inputs, &profile, env_allowed) {
        return source;
    }
    if let Some(source) = sso(inputs, &profile) {
        return source;
    }
    if let Some(keys) = profile.credentials
        && let Some(source) = static_keys(keys, &profile.credentials_origin)
    {
        let managed = name == "default" && cloud9.is_some_and(|c| c.managed_header);
        if managed {
            // The header's date is when Cloud9 means to renew the file, not the
            // credentials' expiry: see `Cloud9::renewal_overdue`.
            return CredentialSource {
                provider: Provider::Cloud9Managed,
                ..source
            };
        }
        return source;
    }
    if let Some((command, origin)) = profile.get("credential_process") {
        let process = Provider::Process {
            command: command.to_owned(),
        };
        return CredentialSource::new(process, origin);
    }
    if let Some(source) = profile
        .config
        .and_then(|keys| static_keys(keys, &profile.config_origin))
    {
        return source;
    }
    for var in [
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    ] {
        if inputs.var(var).is_some() {
            let mut source = CredentialSource::new(Provider::Container, var);
            source.refreshable = Some(true);
            return source;
        }
    }
    let imds_disabled = inputs
        .var("AWS_EC2_METADATA_DISABLED")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"));
    if inputs.on_ec2 && !imds_disabled {
        let mut source = CredentialSource::new(Provider::InstanceProfile, "EC2 instance metadata");
        source.refreshable = Some(true);
        return source;
    }
    CredentialSource::new(Provider::None, "")
}

/// `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`, with or without a session token.
fn exported(inputs: &Inputs) -> Option<CredentialSource> {
    inputs.var("AWS_ACCESS_KEY_ID")?;
    inputs.var("AWS_SECRET_ACCESS_KEY")?;
    let mut vars = vec![
        "AWS_ACCESS_KEY_ID".to_owned(),
        "AWS_SECRET_ACCESS_KEY".to_owned(),
    ];
    let mut session = false;
    for token in ["AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"] {
        if inputs.var(token).is_some() {
            vars.push(token.to_owned());
            session = true;
        }
    }
    let mut expires_at = None;
    for var in expiry::EXPIRY_VARS {
        if let Some(value) = inputs.var(var) {
            vars.push(var.to_owned());
            if expires_at.is_none() {
                expires_at = super::parse_instant(value);
            }
        }
    }
    let mut source = CredentialSource::new(Provider::Exported { session, vars }, "environment");
    source.expires_at = expires_at;
    if session {
        source.refreshable = Some(false);
    }
    Some(source)
}

fn role_call(role_arn: &str, session_name: Option<&str>, profile: &Profile) -> RoleCall {
    RoleCall {
        role_arn: role_arn.to_owned(),
        session_name: session_name.map(str::to_owned),
        external_id: profile.value("external_id").map(str::to_owned),
        mfa_serial: profile.value("mfa_serial").map(str::to_owned),
        duration_seconds: profile
            .value("duration_seconds")
            .and_then(|d| d.parse().ok()),
    }
}

fn assume_role(inputs: &Inputs, profile: &Profile) -> CredentialSource {
    let (role_arn, origin) = profile.get("role_arn").unwrap_or_default();
    let call = role_call(role_arn, profile.value("role_session_name"), profile);
    let (cache_file, expires_at, cache_match) = role_cache(inputs, &call);
    let role = AssumeRole {
        role_arn: role_arn.to_owned(),
        mfa_serial: call.mfa_serial.clone(),
        source_profile: profile.value("source_profile").map(str::to_owned),
        credential_source: profile.value("credential_source").map(str::to_owned),
        cache_match,
    };
    let mut source = CredentialSource::new(Provider::AssumeRole(role), origin);
    // Without MFA the CLI assumes the role again by itself when the cached session ends.
    source.refreshable = Some(call.mfa_serial.is_none());
    source.cache_file = cache_file;
    source.expires_at = expires_at;
    source
}

/// The cache file, expiry and match from the CLI's cache of this role call, when there is
/// one.
fn role_cache(
    inputs: &Inputs,
    call: &RoleCall,
) -> (
    Option<PathBuf>,
    Option<jiff::Timestamp>,
    Option<expiry::CacheMatch>,
) {
    match inputs
        .home
        .as_deref()
        .and_then(|home| expiry::role_cache(home, call))
    {
        Some(cache) => (Some(cache.path), cache.expires_at, Some(cache.matched)),
        None => (None, None, None),
    }
}

fn web_identity(inputs: &Inputs, profile: &Profile, env_allowed: bool) -> Option<CredentialSource> {
    let env = |var: &str| if env_allowed { inputs.var(var) } else { None };
    let (token_origin, role_arn) = match (env("AWS_WEB_IDENTITY_TOKEN_FILE"), env("AWS_ROLE_ARN")) {
        (Some(_), Some(arn)) => ("AWS_WEB_IDENTITY_TOKEN_FILE".to_owned(), arn),
        _ => {
            let (_, origin) = profile.get("web_identity_token_file")?;
            (origin.to_owned(), profile.value("role_arn")?)
        }
    };
    let session_name = env("AWS_ROLE_SESSION_NAME").or_else(|| profile.value("role_session_name"));
    // The web identity call carries only the role and the session name in its cache key.
    let call = RoleCall {
        role_arn: role_arn.to_owned(),
        session_name: session_name.map(str::to_owned),
        ..RoleCall::default()
    };
    let (cache_file, expires_at, cache_match) = role_cache(inputs, &call);
    let provider = Provider::WebIdentity {
        role_arn: role_arn.to_owned(),
        cache_match,
    };
    let mut source = CredentialSource::new(provider, token_origin);
    source.refreshable = Some(true);
    source.cache_file = cache_file;
    source.expires_at = expires_at;
    Some(source)
}

fn sso(inputs: &Inputs, profile: &Profile) -> Option<CredentialSource> {
    let (key, origin, session) = match (profile.get("sso_session"), profile.get("sso_start_url")) {
        (Some((session, origin)), _) => (session, origin, true),
        (None, Some((url, origin))) => (url, origin, false),
        (None, None) => return None,
    };
    let provider = Provider::Sso {
        session: session.then(|| key.to_owned()),
    };
    let mut source = CredentialSource::new(provider, origin);
    source.refreshable = Some(false);
    if let Some(token) = inputs
        .home
        .as_deref()
        .and_then(|home| expiry::sso_token(home, key, session, inputs.now))
    {
        source.expires_at = token.expires_at;
        source.refreshable = Some(token.refreshable);
        source.cache_file = Some(token.path);
    }
    Some(source)
}

/// `aws_access_key_id` and `aws_secret_access_key` in a section: long-term keys, or session
/// keys when a session token comes with them (or the key id is a temporary `ASIA` one).
fn static_keys(keys: &HashMap<String, String>, origin: &str) -> Option<CredentialSource> {
    let key_id = keys.get("aws_access_key_id").filter(|v| !v.is_empty())?;
    keys.get("aws_secret_access_key")
        .filter(|v| !v.is_empty())?;
    let session = has_session_token(keys) || key_id.starts_with("ASIA");
    let mut source = CredentialSource::new(Provider::File { session }, origin);
    source.expires_at = ["expiration", "x_security_token_expires"]
        .iter()
        .find_map(|k| keys.get(*k).and_then(|v| super::parse_instant(v)));
    if session {
        source.refreshable = Some(false);
    }
    Some(source)
}

/// The `aws login` session cache of a profile with `login_session` (AWS CLI v2.32 and later):
/// `sha256(login_session).json` in `AWS_LOGIN_CACHE_DIRECTORY`, else `~/.aws/login/cache`.
/// `aws login` rewrites it, so a change there changes the credentials' stamp.
fn login_cache_file(inputs: &Inputs, session: &str) -> Option<PathBuf> {
    use sha2::Digest;
    let dir = match inputs.var("AWS_LOGIN_CACHE_DIRECTORY") {
        Some(dir) => cloud9::expand_home(dir, inputs),
        None => inputs.home.as_ref()?.join(".aws/login/cache"),
    };
    let name: String = sha2::Sha256::digest(session.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Some(dir.join(format!("{name}.json")))
}
