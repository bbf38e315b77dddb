//! Expiry without the network: the variables tools export, the AWS CLI's SSO token cache and
//! its assume-role cache. Each cache file is read whole but only up to [`MAX_FILE`] bytes; a
//! file that cannot be read or parsed counts as absent.

use super::parse_instant;
use jiff::Timestamp;
use serde_json::Value;
use std::path::{Path, PathBuf};

pub use crate::files::MAX_FILE;

/// The most cache files looked at when the assume-role cache must be searched by content.
pub const MAX_SCANNED: usize = 1000;

pub use crate::files::read_small;

/// The expiry variables, in the order they are trusted: the AWS CLI's own
/// (`AWS_CREDENTIAL_EXPIRATION`), then those that aws-vault, awsume and aws-sso-cli export.
pub const EXPIRY_VARS: [&str; 4] = [
    "AWS_CREDENTIAL_EXPIRATION",
    "AWS_SESSION_EXPIRATION",
    "AWSUME_EXPIRATION",
    "AWS_SSO_SESSION_EXPIRATION",
];

/// An SSO token found in `~/.aws/sso/cache`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SsoToken {
    pub path: PathBuf,
    pub expires_at: Option<Timestamp>,
    /// A refresh token and a client registration that is still valid: the CLI renews the
    /// token without the user (only for `sso_session` profiles; legacy ones never refresh).
    pub refreshable: bool,
}

/// The cache file name of an SSO token: the SHA-1 hex of the `sso_session` name, or of the
/// start URL for a legacy profile (botocore's `SSOTokenLoader`).
pub fn sso_cache_name(session_or_start_url: &str) -> String {
    format!(
        "{}.json",
        sha1_smol::Sha1::from(session_or_start_url.as_bytes()).digest()
    )
}

/// Read the SSO token for a session name (or a legacy start URL).
pub fn sso_token(
    home: &Path,
    key: &str,
    session: bool,
    now: Option<Timestamp>,
) -> Option<SsoToken> {
    let path = home.join(".aws/sso/cache").join(sso_cache_name(key));
    let data = read_small(&path)?;
    let json: Value = serde_json::from_slice(&data).unwrap_or(Value::Null);
    let text = |k: &str| {
        json.get(k)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    };
    let expires_at = text("expiresAt").and_then(parse_instant);
    let registration_valid = match (text("registrationExpiresAt").and_then(parse_instant), now) {
        (Some(until), Some(now)) => until > now,
        _ => false,
    };
    let refreshable = session
        && text("refreshToken").is_some()
        && text("clientId").is_some()
        && text("clientSecret").is_some()
        && registration_valid;
    Some(SsoToken {
        path,
        expires_at,
        refreshable,
    })
}

/// What the AWS CLI hashes to name an assume-role cache file: the AssumeRole call's arguments
/// (botocore's `AssumeRoleCredentialFetcher._create_cache_key`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RoleCall {
    pub role_arn: String,
    /// `role_session_name` (absent when the CLI generates one, which is left out of the key).
    pub session_name: Option<String>,
    pub external_id: Option<String>,
    pub mfa_serial: Option<String>,
    /// `duration_seconds`, when it is an integer (the CLI ignores it otherwise).
    pub duration_seconds: Option<i64>,
}

impl RoleCall {
    /// The cache file name: SHA-1 hex of `json.dumps(args, sort_keys=True)` in Python's default
    /// form (`", "` and `": "` separators, non-ASCII escaped), plus `.json`.
    pub fn cache_name(&self) -> String {
        // Keys in sorted order: DurationSeconds, ExternalId, RoleArn, RoleSessionName, SerialNumber.
        let mut parts = Vec::new();
        if let Some(d) = self.duration_seconds {
            parts.push(format!("\"DurationSeconds\": {d}"));
        }
        let mut string = |key: &str, value: &Option<String>| {
            if let Some(v) = value {
                parts.push(format!("\"{key}\": {}", python_json_string(v)));
            }
        };
        string("ExternalId", &self.external_id);
        string("RoleArn", &Some(self.role_arn.clone()));
        string("RoleSessionName", &self.session_name);
        string("SerialNumber", &self.mfa_serial);
        let json = format!("{{{}}}", parts.join(", "));
        format!("{}.json", sha1_smol::Sha1::from(json.as_bytes()).digest())
    }

    /// The role's name: the part of the ARN after `:role/` and any path.
    pub fn role_name(&self) -> Option<&str> {
        let after = self.role_arn.split_once(":role/")?.1;
        after.rsplit('/').next().filter(|n| !n.is_empty())
    }
}

/// A string as Python's `json.dumps` writes it with `ensure_ascii=True`.
fn python_json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// How a cached assume-role session was tied to the profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CacheMatch {
    /// The file has the name the AWS CLI computes for this profile's AssumeRole call.
    Key,
    /// No such file; this one holds a session of the same role (`AssumedRoleUser.Arn`), the
    /// latest to expire. A guess: another profile may assume the same role.
    Content,
}

/// A cached assume-role (or web identity) session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleCache {
    pub path: PathBuf,
    pub expires_at: Option<Timestamp>,
    pub matched: CacheMatch,
}

/// Find the cached session of a role call in `~/.aws/cli/cache`.
pub fn role_cache(home: &Path, call: &RoleCall) -> Option<RoleCache> {
    let dir = home.join(".aws/cli/cache");
    let path = dir.join(call.cache_name());
    if let Some(data) = read_small(&path) {
        let expires_at = cached_expiration(&data);
        return Some(RoleCache {
            path,
            expires_at,
            matched: CacheMatch::Key,
        });
    }
    let account = call.role_arn.split(':').nth(4).unwrap_or("");
    let marker = format!(":{account}:assumed-role/{}/", call.role_name()?);
    let mut best: Option<RoleCache> = None;
    for entry in std::fs::read_dir(&dir).ok()?.flatten().take(MAX_SCANNED) {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let Some(data) = read_small(&path) else {
            continue;
        };
        // A cheap test before parsing: the marker must appear in the bytes.
        if memchr::memmem::find(&data, marker.as_bytes()).is_none() {
            continue;
        }
        let Ok(json) = serde_json::from_slice::<Value>(&data) else {
            continue;
        };
        let arn = json
            .pointer("/AssumedRoleUser/Arn")
            .and_then(Value::as_str)
            .unwrap_or("");
        if !arn.contains(&marker) {
            continue;
        }
        let expires_at = json
            .pointer("/Credentials/Expiration")
            .and_then(Value::as_str)
            .and_then(parse_instant);
        if best.as_ref().is_none_or(|b| expires_at > b.expires_at) {
            best = Some(RoleCache {
                path,
                expires_at,
                matched: CacheMatch::Content,
            });
        }
    }
    best
}

fn cached_expiration(data: &[u8]) -> Option<Timestamp> {
    let json: Value = serde_json::from_slice(data).ok()?;
    parse_instant(json.pointer("/Credentials/Expiration")?.as_str()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_names_match_botocore() {
        // Computed with botocore 1.43: json.dumps(args, sort_keys=True), SHA-1 hex.
        let call = RoleCall {
            role_arn: "arn:aws:iam::123456789012:role/admin".into(),
            mfa_serial: Some("arn:aws:iam::123456789012:mfa/alice".into()),
            ..RoleCall::default()
        };
        assert_eq!(
            call.cache_name(),
            "c08bbcd61d2960e17757c33319b79219a44dea4e.json"
        );
        let odd = RoleCall {
            role_arn: "arn:aws:iam::123456789012:role/\u{e4}dmin".into(),
            session_name: Some("s".into()),
            external_id: Some("x\"y\\z\n\u{1}\u{1f600}".into()),
            mfa_serial: None,
            duration_seconds: Some(3600),
        };
        assert_eq!(
            odd.cache_name(),
            "230a9fbf3386807e5f123d735fa135ca0662a916.json"
        );
        assert_eq!(odd.role_name(), Some("\u{e4}dmin"));
    }

    #[test]
    fn sso_cache_name_is_sha1_of_the_session() {
        // The FIPS 180 test vector.
        assert_eq!(
            sso_cache_name("abc"),
            "a9993e364706816aba3e25717850c26c9cd0d89d.json"
        );
    }
}
