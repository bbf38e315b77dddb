//! The table of error lines aws-shim recognises, and the matcher that applies it.
//!
//! A rule is data: one entry in [`RULES`] plus one test. The matcher works on one complete
//! stderr line (without its line ending) and answers `None` for anything it does not know,
//! so the caller leaves such a line byte-identical.

use regex::Regex;
use std::sync::LazyLock;

/// What kind of credential trouble a line reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    /// Temporary credentials or an SSO/login session are past their expiry.
    Expired,
    /// The key or token is unknown, revoked or damaged (or, in Cloud9, an action the managed
    /// credentials do not allow).
    Invalid,
    /// The request's timestamp was rejected: the local clock is wrong.
    Clock,
    /// No credentials were found at all.
    Missing,
    /// A credential provider (credential_process, the SSO token cache, MFA) failed.
    Provider,
    /// A failure that may or may not be about credentials (S3's body-less `400 Bad Request`
    /// on a HEAD request): it gets a one-line hint, and only when the context makes expired
    /// credentials plausible. Not a credential failure to record.
    Ambiguous,
}

impl Family {
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Expired => "expired",
            Family::Invalid => "invalid",
            Family::Clock => "clock",
            Family::Missing => "missing",
            Family::Provider => "provider",
            Family::Ambiguous => "ambiguous",
        }
    }

    pub fn parse(s: &str) -> Option<Family> {
        Some(match s {
            "expired" => Family::Expired,
            "invalid" => Family::Invalid,
            "clock" => Family::Clock,
            "missing" => Family::Missing,
            "provider" => Family::Provider,
            "ambiguous" => Family::Ambiguous,
            _ => return None,
        })
    }
}

/// How a rule recognises its line.
#[derive(Debug)]
pub enum Pattern {
    /// A service error `An error occurred (CODE) ...` with this code, optionally only when the
    /// message starts with a given text.
    ServiceCode { code: &'static str, message_prefix: Option<&'static str> },
    /// A credential provider's message: the line (after the optional `aws: [ERROR]: `) starts
    /// with this text.
    Text { prefix: &'static str },
}

/// Which explanation a rule leads to, beyond its family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Topic {
    /// A service rejected the request's credentials (code, operation and message known).
    Service,
    /// An SSO session expired or could not be refreshed.
    SsoExpired,
    /// The SSO token for a session does not exist in the cache.
    SsoTokenMissing,
    /// An `aws login` session expired (AWS CLI v2).
    LoginExpired,
    /// A credential_process command failed.
    CredentialProcess,
    /// A role needs a new MFA code.
    MfaRequired,
    /// Credentials were refreshed but are still past their expiry.
    RefreshedStillExpired,
    /// No credentials anywhere.
    NoCredentials,
    /// S3 answered a HEAD request (download, `s3 cp`) with a bare status and no reason.
    S3HeadNoReason,
}

#[derive(Debug)]
pub struct Rule {
    /// A stable name, used in state files and tests.
    pub id: &'static str,
    pub pattern: Pattern,
    pub family: Family,
    pub topic: Topic,
}

/// The rules, in the order they are tried. Service codes are exact and case-sensitive.
pub static RULES: &[Rule] = &[
    Rule { id: "expired-token", pattern: Pattern::ServiceCode { code: "ExpiredToken", message_prefix: None }, family: Family::Expired, topic: Topic::Service },
    Rule { id: "expired-token-exception", pattern: Pattern::ServiceCode { code: "ExpiredTokenException", message_prefix: None }, family: Family::Expired, topic: Topic::Service },
    Rule { id: "invalid-client-token-id", pattern: Pattern::ServiceCode { code: "InvalidClientTokenId", message_prefix: None }, family: Family::Invalid, topic: Topic::Service },
    Rule { id: "unrecognized-client", pattern: Pattern::ServiceCode { code: "UnrecognizedClientException", message_prefix: None }, family: Family::Invalid, topic: Topic::Service },
    Rule { id: "invalid-token", pattern: Pattern::ServiceCode { code: "InvalidToken", message_prefix: None }, family: Family::Invalid, topic: Topic::Service },
    Rule { id: "request-expired", pattern: Pattern::ServiceCode { code: "RequestExpired", message_prefix: None }, family: Family::Clock, topic: Topic::Service },
    Rule { id: "signature-expired", pattern: Pattern::ServiceCode { code: "SignatureDoesNotMatch", message_prefix: Some("Signature expired: ") }, family: Family::Clock, topic: Topic::Service },
    Rule { id: "no-credentials-v2", pattern: Pattern::ServiceCode { code: "NoCredentials", message_prefix: None }, family: Family::Missing, topic: Topic::NoCredentials },
    Rule { id: "no-credentials", pattern: Pattern::Text { prefix: "Unable to locate credentials" }, family: Family::Missing, topic: Topic::NoCredentials },
    Rule { id: "sso-session-expired", pattern: Pattern::Text { prefix: "The SSO session associated with this profile has expired or is otherwise invalid." }, family: Family::Expired, topic: Topic::SsoExpired },
    Rule { id: "sso-refresh-failed", pattern: Pattern::Text { prefix: "Error when retrieving token from sso: Token has expired and refresh failed" }, family: Family::Expired, topic: Topic::SsoExpired },
    Rule { id: "sso-token-missing", pattern: Pattern::Text { prefix: "Error loading SSO Token: Token for " }, family: Family::Provider, topic: Topic::SsoTokenMissing },
    Rule { id: "credential-process", pattern: Pattern::Text { prefix: "Error when retrieving credentials from custom-process: " }, family: Family::Provider, topic: Topic::CredentialProcess },
    Rule { id: "mfa-required", pattern: Pattern::Text { prefix: "Cannot refresh credentials: MFA token required." }, family: Family::Provider, topic: Topic::MfaRequired },
    Rule { id: "refreshed-still-expired", pattern: Pattern::Text { prefix: "Credentials were refreshed, but the refreshed credentials are still expired." }, family: Family::Expired, topic: Topic::RefreshedStillExpired },
    Rule { id: "s3-head-400", pattern: Pattern::ServiceCode { code: "400", message_prefix: Some("Bad Request") }, family: Family::Ambiguous, topic: Topic::S3HeadNoReason },
    Rule { id: "s3-head-403", pattern: Pattern::ServiceCode { code: "403", message_prefix: Some("Forbidden") }, family: Family::Ambiguous, topic: Topic::S3HeadNoReason },
    Rule { id: "login-session-expired", pattern: Pattern::Text { prefix: "Your session has expired. Please reauthenticate using 'aws login'." }, family: Family::Expired, topic: Topic::LoginExpired },
];

/// The prefix AWS CLI v2 (2.34.0 and later) puts before its error lines.
pub const V2_PREFIX: &str = "aws: [ERROR]: ";

/// The start of every service error line.
const SERVICE_START: &str = "An error occurred (";

/// s3 transfer commands put the service error after one of these and a description of the
/// transfer (`upload failed: ./a to s3://b/a An error occurred ...`).
const TRANSFER_PREFIXES: &[&str] =
    &["upload failed: ", "download failed: ", "copy failed: ", "delete failed: "];

/// `fatal error: ` is followed directly by the service error.
const FATAL_PREFIX: &str = "fatal error: ";

/// Every text a recognised line can start with (before the optional v2 prefix). The stderr
/// filter holds a partial line only while it is still compatible with one of these.
pub fn line_starts() -> &'static [&'static str] {
    static STARTS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
        let mut inner: Vec<&'static str> = vec![SERVICE_START, FATAL_PREFIX];
        inner.extend(TRANSFER_PREFIXES);
        for rule in RULES {
            if let Pattern::Text { prefix } = rule.pattern {
                inner.push(prefix);
            }
        }
        let mut all = inner.clone();
        for start in inner {
            all.push(Box::leak(format!("{V2_PREFIX}{start}").into_boxed_str()));
        }
        all
    });
    &STARTS
}

/// A recognised line, borrowing from the line it was found in.
#[derive(Debug, Clone)]
pub struct Recognised<'a> {
    pub rule: &'static Rule,
    /// The service error code (`ExpiredToken`), when the line is a service error.
    pub code: Option<&'a str>,
    /// The operation (`GetCallerIdentity`), when the line names one.
    pub operation: Option<&'a str>,
    /// The message as the CLI printed it: the service's message, or the provider's whole text.
    pub message: &'a str,
    /// The s3 transfer description (`upload failed: ./a to s3://b/a`), if any.
    pub transfer: Option<&'a str>,
    /// Whether the line carried the v2 `aws: [ERROR]: ` prefix.
    pub v2_prefix: bool,
}

impl Recognised<'_> {
    pub fn family(&self) -> Family {
        self.rule.family
    }

    /// The line without the v2 prefix: code, operation and message verbatim.
    pub fn headline(&self) -> String {
        let mut s = String::new();
        if let Some(t) = self.transfer {
            s.push_str(t);
            s.push(' ');
        }
        match (self.code, self.operation) {
            (Some(code), Some(op)) => {
                s.push_str(&format!("An error occurred ({code}) when calling the {op} operation: "));
            }
            (Some(code), None) => s.push_str(&format!("An error occurred ({code}): ")),
            _ => {}
        }
        s.push_str(self.message);
        s
    }
}

static SERVICE_ERROR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^An error occurred \(([A-Za-z0-9_.]+)\)(?: when calling the ([A-Za-z0-9_]+) operation)?: (.*)$")
        .expect("valid regex")
});

static TRANSFER_ERROR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^((?:upload|download|copy|delete) failed: .*?) (An error occurred \(.*)$").expect("valid regex")
});

/// Recognise one complete line (no line terminator). Anything unknown is `None`.
pub fn recognise(line: &[u8]) -> Option<Recognised<'_>> {
    // Cheap rejection before any UTF-8 check or regex.
    let first = *line.first()?;
    if !FIRST_BYTES[first as usize] {
        return None;
    }
    let line = std::str::from_utf8(line).ok()?;
    let line = line.strip_suffix('\r').unwrap_or(line);
    let (rest, v2_prefix) = match line.strip_prefix(V2_PREFIX) {
        Some(rest) => (rest, true),
        None => (line, false),
    };

    if let Some(service) = rest.strip_prefix(FATAL_PREFIX) {
        return recognise_service(service, Some(&rest[..FATAL_PREFIX.len() - 1]), v2_prefix);
    }
    if TRANSFER_PREFIXES.iter().any(|p| rest.starts_with(p)) {
        let caps = TRANSFER_ERROR.captures(rest)?;
        let transfer = caps.get(1)?.as_str();
        return recognise_service(caps.get(2)?.as_str(), Some(transfer), v2_prefix);
    }
    if rest.starts_with(SERVICE_START) {
        return recognise_service(rest, None, v2_prefix);
    }
    RULES.iter().find_map(|rule| match rule.pattern {
        Pattern::Text { prefix } if rest.starts_with(prefix) => Some(Recognised {
            rule,
            code: None,
            operation: None,
            message: rest,
            transfer: None,
            v2_prefix,
        }),
        _ => None,
    })
}

fn recognise_service<'a>(
    text: &'a str,
    transfer: Option<&'a str>,
    v2_prefix: bool,
) -> Option<Recognised<'a>> {
    let caps = SERVICE_ERROR.captures(text)?;
    let code = caps.get(1)?.as_str();
    let operation = caps.get(2).map(|m| m.as_str());
    let message = caps.get(3)?.as_str();
    let rule = RULES.iter().find(|rule| match rule.pattern {
        Pattern::ServiceCode { code: c, message_prefix } => {
            c == code && message_prefix.is_none_or(|p| message.starts_with(p))
        }
        Pattern::Text { .. } => false,
    })?;
    Some(Recognised { rule, code: Some(code), operation, message, transfer, v2_prefix })
}

/// Bytes a recognised line can start with.
static FIRST_BYTES: LazyLock<[bool; 256]> = LazyLock::new(|| {
    let mut table = [false; 256];
    for start in line_starts() {
        table[start.as_bytes()[0] as usize] = true;
    }
    table
});

/// Whether a partial line (no newline yet) could still become a recognised line.
pub fn could_start(partial: &[u8]) -> bool {
    let Some(&first) = partial.first() else { return true };
    if !FIRST_BYTES[first as usize] {
        return false;
    }
    line_starts().iter().any(|s| {
        let s = s.as_bytes();
        if partial.len() >= s.len() { partial.starts_with(s) } else { s.starts_with(partial) }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s3_head_status_lines_are_ambiguous_hints() {
        let line = b"fatal error: An error occurred (400) when calling the HeadObject operation: Bad Request";
        let found = recognise(line).unwrap();
        assert_eq!((found.rule.id, found.family()), ("s3-head-400", Family::Ambiguous));
        let found = recognise(b"fatal error: An error occurred (403) when calling the HeadObject operation: Forbidden").unwrap();
        assert_eq!(found.rule.id, "s3-head-403");
        assert!(recognise(b"An error occurred (400) when calling the HeadObject operation: Something else").is_none());
        assert_eq!(Family::parse(Family::Ambiguous.as_str()), Some(Family::Ambiguous));
    }
}
