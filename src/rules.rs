//! The table of error lines aws-shim recognises, and the matcher that applies it.
//!
//! A rule is one entry in [`RULES`]: how it recognises its line, its family and topic, and
//! the real lines it must recognise (one test walks them all). The matcher works on one
//! complete stderr line (without its line ending) and answers `None` for anything it does
//! not know, so the caller leaves such a line byte-identical. What it answers otherwise is a
//! [`Failure`]: the one value that stands for a credential failure everywhere after this
//! (advice, rendering, the state file, the warning line, doctor, explain).

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
#[derive(Debug, PartialEq, Eq)]
pub enum Pattern {
    /// A service error `An error occurred (CODE) ...` with this code, optionally only when the
    /// message starts with a given text.
    ServiceCode {
        code: &'static str,
        message_prefix: Option<&'static str>,
    },
    /// A credential provider's message: the line (after the optional `aws: [ERROR]: `) starts
    /// with this text.
    Text { prefix: &'static str },
    /// Another tool's own message (never the AWS CLI's): the text starts with `prefix` and,
    /// when given, goes on to contain `contains`. Only [`TOOL_RULES`] have it. An ambiguous
    /// text names in `if_expired` the rule it stands for once the context shows that the
    /// credentials in use have expired.
    ToolText {
        prefix: &'static str,
        contains: Option<&'static str>,
        if_expired: Option<&'static str>,
    },
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
    /// The signature AWS computed differs from the request's: most often a secret key that
    /// does not belong to the key id.
    SignatureMismatch,
    /// An `aws login` session was ended by a change of the user's password.
    LoginPasswordChanged,
    /// `aws login` lacks the permission to create or refresh its credentials.
    LoginPermission,
    /// There is no `aws login` session to load.
    LoginSessionMissing,
    /// `aws sso login` waited too long for the browser sign-in.
    SsoLoginTimedOut,
    /// A tool says outright that the credentials in the environment have expired (the AWS
    /// CDK's warning), without a service error of its own.
    CredentialsExpired,
    /// The AWS CDK could not find out the account: expired credentials are one cause among
    /// others (no credentials, an account not set), so only the context can tell.
    CdkNoAccount,
}

impl Topic {
    /// The name of the topic in message ids (`what-sso-expired`).
    pub fn as_str(self) -> &'static str {
        match self {
            Topic::Service => "service",
            Topic::SsoExpired => "sso-expired",
            Topic::SsoTokenMissing => "sso-token-missing",
            Topic::LoginExpired => "login-expired",
            Topic::CredentialProcess => "credential-process",
            Topic::MfaRequired => "mfa-required",
            Topic::RefreshedStillExpired => "refreshed-still-expired",
            Topic::NoCredentials => "no-credentials",
            Topic::S3HeadNoReason => "s3-head-no-reason",
            Topic::SignatureMismatch => "signature-mismatch",
            Topic::LoginPasswordChanged => "login-password-changed",
            Topic::LoginPermission => "login-permission",
            Topic::LoginSessionMissing => "login-session-missing",
            Topic::SsoLoginTimedOut => "sso-login-timed-out",
            Topic::CredentialsExpired => "credentials-expired",
            Topic::CdkNoAccount => "cdk-no-account",
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// A stable name, stored in the state file (which gets the rule back from it).
    pub id: &'static str,
    pub pattern: Pattern,
    pub family: Family,
    pub topic: Topic,
    /// Real lines the rule recognises, from the AWS CLI's own texts and captured stderr. The
    /// tests check each as v1 and v2 print it, in every s3 form, and at every cut.
    pub samples: &'static [&'static str],
}

/// A service error with this code, whatever its message.
const fn service(
    id: &'static str,
    code: &'static str,
    family: Family,
    samples: &'static [&'static str],
) -> Rule {
    service_when(id, code, None, family, Topic::Service, samples)
}

/// A service error with this code, when its message starts with `message_prefix`.
const fn service_when(
    id: &'static str,
    code: &'static str,
    message_prefix: Option<&'static str>,
    family: Family,
    topic: Topic,
    samples: &'static [&'static str],
) -> Rule {
    Rule {
        id,
        pattern: Pattern::ServiceCode {
            code,
            message_prefix,
        },
        family,
        topic,
        samples,
    }
}

/// A credential provider's message that starts with `prefix`.
const fn text(
    id: &'static str,
    prefix: &'static str,
    family: Family,
    topic: Topic,
    samples: &'static [&'static str],
) -> Rule {
    Rule {
        id,
        pattern: Pattern::Text { prefix },
        family,
        topic,
        samples,
    }
}

impl Rule {
    /// The rule with this id, in [`RULES`] or [`TOOL_RULES`].
    pub fn by_id(id: &str) -> Option<&'static Rule> {
        RULES.iter().chain(TOOL_RULES).find(|r| r.id == id)
    }

    /// For a tool's ambiguous text, the rule it stands for once the credentials are known to
    /// have expired.
    pub fn if_expired(&self) -> Option<&'static Rule> {
        match self.pattern {
            Pattern::ToolText {
                if_expired: Some(id),
                ..
            } => Rule::by_id(id),
            _ => None,
        }
    }

    /// The service error code this rule is about, for a service rule.
    pub fn code(&self) -> Option<&'static str> {
        match self.pattern {
            Pattern::ServiceCode { code, .. } => Some(code),
            Pattern::Text { .. } | Pattern::ToolText { .. } => None,
        }
    }
}

/// The rules, in the order they are tried. Service codes are exact and case-sensitive.
pub static RULES: &[Rule] = &[
    service(
        "expired-token",
        "ExpiredToken",
        Family::Expired,
        &[
            "An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired",
            "An error occurred (ExpiredToken) when calling the ListBuckets operation: The provided token has expired.",
            "An error occurred (ExpiredToken) when calling the PutObject operation: The provided token has expired.",
        ],
    ),
    service(
        "expired-token-exception",
        "ExpiredTokenException",
        Family::Expired,
        &[
            "An error occurred (ExpiredTokenException) when calling the ListTables operation: The security token included in the request is expired",
        ],
    ),
    service(
        "invalid-client-token-id",
        "InvalidClientTokenId",
        Family::Invalid,
        &[
            "An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.",
        ],
    ),
    service(
        "unrecognized-client",
        "UnrecognizedClientException",
        Family::Invalid,
        &[
            "An error occurred (UnrecognizedClientException) when calling the ListTables operation: The security token included in the request is invalid.",
        ],
    ),
    service(
        "invalid-token",
        "InvalidToken",
        Family::Invalid,
        &[
            "An error occurred (InvalidToken) when calling the ListObjectsV2 operation: The provided token is malformed or otherwise invalid.",
        ],
    ),
    service(
        "request-expired",
        "RequestExpired",
        Family::Clock,
        &[
            "An error occurred (RequestExpired) when calling the DescribeInstances operation: Request has expired.",
        ],
    ),
    service_when(
        "signature-expired",
        "SignatureDoesNotMatch",
        Some("Signature expired: "),
        Family::Clock,
        Topic::Service,
        &[
            "An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: Signature expired: 20261127T080000Z is now earlier than 20261127T081500Z (20261127T082000Z - 5 min.)",
        ],
    ),
    service(
        "invalid-access-key-id",
        "InvalidAccessKeyId",
        Family::Invalid,
        &[
            "An error occurred (InvalidAccessKeyId) when calling the ListObjectsV2 operation: The AWS Access Key Id you provided does not exist in our records.",
        ],
    ),
    service(
        "auth-failure",
        "AuthFailure",
        Family::Invalid,
        &[
            "An error occurred (AuthFailure) when calling the DescribeInstances operation: AWS was not able to validate the provided access credentials",
        ],
    ),
    service(
        "token-refresh-required",
        "TokenRefreshRequired",
        Family::Expired,
        &[
            "An error occurred (TokenRefreshRequired) when calling the GetObject operation: The provided token must be refreshed.",
        ],
    ),
    service(
        "request-time-too-skewed",
        "RequestTimeTooSkewed",
        Family::Clock,
        &[
            "An error occurred (RequestTimeTooSkewed) when calling the ListBuckets operation: The difference between the request time and the current time is too large.",
        ],
    ),
    service_when(
        "invalid-signature-expired",
        "InvalidSignatureException",
        Some("Signature expired: "),
        Family::Clock,
        Topic::Service,
        &[
            "An error occurred (InvalidSignatureException) when calling the ListTables operation: Signature expired: 20261127T080000Z is now earlier than 20261127T081500Z (20261127T082000Z - 5 min.)",
        ],
    ),
    service_when(
        "signature-not-yet-current",
        "SignatureDoesNotMatch",
        Some("Signature not yet current: "),
        Family::Clock,
        Topic::Service,
        &[
            "An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: Signature not yet current: 20261127T090000Z is still later than 20261127T082500Z (20261127T082000Z + 5 min.)",
        ],
    ),
    service_when(
        "invalid-signature-not-yet-current",
        "InvalidSignatureException",
        Some("Signature not yet current: "),
        Family::Clock,
        Topic::Service,
        &[
            "An error occurred (InvalidSignatureException) when calling the ListTables operation: Signature not yet current: 20261127T090000Z is still later than 20261127T082500Z (20261127T082000Z + 5 min.)",
        ],
    ),
    service_when(
        "signature-mismatch",
        "SignatureDoesNotMatch",
        Some("The request signature we calculated does not match the signature you provided."),
        Family::Invalid,
        Topic::SignatureMismatch,
        &[
            "An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
            "An error occurred (SignatureDoesNotMatch) when calling the ListBuckets operation: The request signature we calculated does not match the signature you provided. Check your key and signing method.",
        ],
    ),
    service_when(
        "invalid-signature-mismatch",
        "InvalidSignatureException",
        Some("The request signature we calculated does not match the signature you provided."),
        Family::Invalid,
        Topic::SignatureMismatch,
        &[
            "An error occurred (InvalidSignatureException) when calling the ListTables operation: The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
        ],
    ),
    service_when(
        "no-credentials-v2",
        "NoCredentials",
        None,
        Family::Missing,
        Topic::NoCredentials,
        &[
            "An error occurred (NoCredentials): Unable to locate credentials. You can configure credentials by running \"aws login\".",
        ],
    ),
    text(
        "no-credentials",
        "Unable to locate credentials",
        Family::Missing,
        Topic::NoCredentials,
        &[
            "Unable to locate credentials. You can configure credentials by running \"aws configure\".",
        ],
    ),
    text(
        "sso-session-expired",
        "The SSO session associated with this profile has expired or is otherwise invalid.",
        Family::Expired,
        Topic::SsoExpired,
        &[
            "The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.",
        ],
    ),
    text(
        "sso-refresh-failed",
        "Error when retrieving token from sso: Token has expired and refresh failed",
        Family::Expired,
        Topic::SsoExpired,
        &["Error when retrieving token from sso: Token has expired and refresh failed"],
    ),
    text(
        "sso-token-missing",
        "Error loading SSO Token: Token for ",
        Family::Provider,
        Topic::SsoTokenMissing,
        &["Error loading SSO Token: Token for my-sso does not exist"],
    ),
    text(
        "credential-process",
        "Error when retrieving credentials from custom-process: ",
        Family::Provider,
        Topic::CredentialProcess,
        &[
            "Error when retrieving credentials from custom-process: helper: not signed in, run `helper login`",
        ],
    ),
    text(
        "mfa-required",
        "Cannot refresh credentials: MFA token required.",
        Family::Provider,
        Topic::MfaRequired,
        &["Cannot refresh credentials: MFA token required."],
    ),
    text(
        "refreshed-still-expired",
        "Credentials were refreshed, but the refreshed credentials are still expired.",
        Family::Expired,
        Topic::RefreshedStillExpired,
        &["Credentials were refreshed, but the refreshed credentials are still expired."],
    ),
    service_when(
        "s3-head-400",
        "400",
        Some("Bad Request"),
        Family::Ambiguous,
        Topic::S3HeadNoReason,
        &["An error occurred (400) when calling the HeadObject operation: Bad Request"],
    ),
    service_when(
        "s3-head-403",
        "403",
        Some("Forbidden"),
        Family::Ambiguous,
        Topic::S3HeadNoReason,
        &["An error occurred (403) when calling the HeadObject operation: Forbidden"],
    ),
    text(
        "login-session-expired",
        "Your session has expired. Please reauthenticate using 'aws login'.",
        Family::Expired,
        Topic::LoginExpired,
        &["Your session has expired. Please reauthenticate using 'aws login'."],
    ),
    text(
        "login-session-changed",
        "Your session has expired or credentials have changed. Please reauthenticate using 'aws login'.",
        Family::Expired,
        Topic::LoginExpired,
        &[
            "Your session has expired or credentials have changed. Please reauthenticate using 'aws login'.",
        ],
    ),
    text(
        "login-password-changed",
        "Unable to refresh login credentials because of a change in your password.",
        Family::Expired,
        Topic::LoginPasswordChanged,
        &[
            "Unable to refresh login credentials because of a change in your password. Please reauthenticate with your new password using 'aws login'.",
        ],
    ),
    text(
        "login-permission",
        "Unable to create or refresh login credentials due to insufficient permissions.",
        Family::Provider,
        Topic::LoginPermission,
        &[
            "Unable to create or refresh login credentials due to insufficient permissions. You may be missing permission for the 'signin:CreateOAuth2Token' action.",
        ],
    ),
    text(
        "login-session-missing",
        "Error loading login session token: Unable to load a existing login session",
        Family::Provider,
        Topic::LoginSessionMissing,
        // The CLI's own wording, "a existing" included.
        &[
            "Error loading login session token: Unable to load a existing login session for session ARN, Please reauthenticate with 'aws login'.",
        ],
    ),
    text(
        "sso-pending-authorization-expired",
        "The pending authorization to retrieve an SSO token has expired.",
        Family::Provider,
        Topic::SsoLoginTimedOut,
        &[
            "The pending authorization to retrieve an SSO token has expired. The login flow to retrieve an SSO token must be restarted.",
        ],
    ),
];

/// The prefix AWS CLI v2 (2.34.0 and later) puts before its error lines.
pub const V2_PREFIX: &str = "aws: [ERROR]: ";

/// The start of every service error line.
const SERVICE_START: &str = "An error occurred (";

/// s3 commands put the error after one of these and a description of the transfer
/// (`upload failed: ./a to s3://b/a An error occurred ...`, `move failed: ...` for `s3 mv`,
/// `make_bucket failed: s3://b ...` for `s3 mb`). The error may also be a credential
/// provider's text (`upload failed: ./a to s3://b/a Unable to locate credentials`).
const TRANSFER_PREFIXES: &[&str] = &[
    "upload failed: ",
    "download failed: ",
    "copy failed: ",
    "move failed: ",
    "delete failed: ",
    "make_bucket failed: ",
    "remove_bucket failed: ",
];

/// `fatal error: ` is followed directly by the service error or a credential provider's text
/// (`fatal error: Unable to locate credentials`).
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

/// One credential failure: the rule that recognised it and what its line said. Owned, so
/// that it outlives the line; `explain` makes one from a code alone and the state file
/// gives one back from the rule id it stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub rule: &'static Rule,
    /// The service error code (`ExpiredToken`), when the line is a service error.
    pub code: Option<String>,
    /// The operation (`GetCallerIdentity`), when the line names one.
    pub operation: Option<String>,
    /// `N` of the ` (reached max retries: N)` that botocore adds after the operation when
    /// the last allowed attempt failed, as printed.
    pub max_retries: Option<String>,
    /// The message as the CLI printed it: the service's message, or the provider's whole
    /// text. Empty when unknown.
    pub message: String,
    /// The s3 transfer description (`upload failed: ./a to s3://b/a`), if any.
    pub transfer: Option<String>,
    /// Whether the line carried the v2 `aws: [ERROR]: ` prefix.
    pub v2_prefix: bool,
    /// The command that reported it, when that was not the AWS CLI (`cdk`, `python3`).
    pub tool: Option<String>,
}

impl Failure {
    /// The failure a rule stands for, with nothing more known than the rule (its code, for a
    /// service rule).
    pub fn of_rule(rule: &'static Rule) -> Failure {
        Failure {
            rule,
            code: rule.code().map(str::to_owned),
            operation: None,
            max_retries: None,
            message: String::new(),
            transfer: None,
            v2_prefix: false,
            tool: None,
        }
    }

    pub fn family(&self) -> Family {
        self.rule.family
    }

    pub fn topic(&self) -> Topic {
        self.rule.topic
    }

    /// The catalogue message that says in a few words what went wrong, for a failure
    /// without a service code (the user sees that code otherwise, never a rule id).
    pub fn what_id(&self) -> String {
        format!("what-{}", self.topic().as_str())
    }

    /// The line without the v2 prefix: code, operation and message verbatim.
    pub fn headline(&self) -> String {
        let mut s = String::new();
        if let Some(t) = &self.transfer {
            s.push_str(t);
            s.push(' ');
        }
        if let Some(code) = &self.code {
            s.push_str(&format!("An error occurred ({code})"));
            if let Some(op) = &self.operation {
                s.push_str(&format!(" when calling the {op} operation"));
            }
            if let Some(n) = &self.max_retries {
                s.push_str(&format!(" (reached max retries: {n})"));
            }
            s.push_str(": ");
        }
        s.push_str(&self.message);
        s
    }
}

static SERVICE_ERROR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^An error occurred \(([A-Za-z0-9_.]+)\)(?: when calling the ([A-Za-z0-9_]+) operation)?(?: \(reached max retries: ([0-9]+)\))?: (.*)$")
        .expect("valid regex")
});

static TRANSFER_ERROR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^((?:upload|download|copy|move|delete|make_bucket|remove_bucket) failed: .*?) (An error occurred \(.*)$")
        .expect("valid regex")
});

/// Recognise one complete line (no line terminator). Anything unknown is `None`.
pub fn recognise(line: &[u8]) -> Option<Failure> {
    // Cheap rejection before any UTF-8 check or regex.
    let first = *line.first()?;
    if !STARTS_BY_FIRST_BYTE[first as usize]
        .iter()
        .any(|s| line.starts_with(s))
    {
        return None;
    }
    let line = std::str::from_utf8(line).ok()?;
    let line = line.strip_suffix('\r').unwrap_or(line);
    let (rest, v2_prefix) = match line.strip_prefix(V2_PREFIX) {
        Some(rest) => (rest, true),
        None => (line, false),
    };

    if let Some(message) = rest.strip_prefix(FATAL_PREFIX) {
        let transfer = Some(&rest[..FATAL_PREFIX.len() - 1]);
        return recognise_service(message, transfer, v2_prefix)
            .or_else(|| recognise_text(message, transfer, v2_prefix));
    }
    if let Some(p) = TRANSFER_PREFIXES.iter().find(|p| rest.starts_with(*p)) {
        if let Some(caps) = TRANSFER_ERROR.captures(rest) {
            let transfer = caps.get(1)?.as_str();
            return recognise_service(caps.get(2)?.as_str(), Some(transfer), v2_prefix);
        }
        // A provider's text after the description: the first ` TEXT` where TEXT starts a
        // text rule.
        let described = &rest[p.len()..];
        let at = described
            .match_indices(' ')
            .map(|(i, _)| p.len() + i + 1)
            .find(|&at| text_rule(&rest[at..]).is_some())?;
        return recognise_text(&rest[at..], Some(&rest[..at - 1]), v2_prefix);
    }
    if rest.starts_with(SERVICE_START) {
        return recognise_service(rest, None, v2_prefix);
    }
    recognise_text(rest, None, v2_prefix)
}

/// A credential provider's message: `text` starts with a text rule's prefix.
fn recognise_text(text: &str, transfer: Option<&str>, v2_prefix: bool) -> Option<Failure> {
    let rule = text_rule(text)?;
    Some(Failure {
        rule,
        code: None,
        operation: None,
        max_retries: None,
        message: text.to_owned(),
        transfer: transfer.map(str::to_owned),
        v2_prefix,
        tool: None,
    })
}

/// The text rule whose prefix starts `text`.
fn text_rule(text: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .find(|rule| matches!(rule.pattern, Pattern::Text { prefix } if text.starts_with(prefix)))
}

fn recognise_service(text: &str, transfer: Option<&str>, v2_prefix: bool) -> Option<Failure> {
    let caps = SERVICE_ERROR.captures(text)?;
    let mut failure = service_failure(
        caps.get(1)?.as_str(),
        caps.get(2).map(|m| m.as_str()),
        caps.get(4)?.as_str(),
    )?;
    failure.max_retries = caps.get(3).map(|m| m.as_str().to_owned());
    failure.transfer = transfer.map(str::to_owned);
    failure.v2_prefix = v2_prefix;
    Some(failure)
}

/// The failure a service error with this code and message stands for, when a rule knows the
/// code (and the start of the message, for the rules that need it). Shared by the AWS CLI's
/// lines and other tools' renderings of the same error (`api error CODE: MESSAGE`).
pub fn service_failure(code: &str, operation: Option<&str>, message: &str) -> Option<Failure> {
    let rule = RULES.iter().find(|rule| match rule.pattern {
        Pattern::ServiceCode {
            code: c,
            message_prefix,
        } => c == code && message_prefix.is_none_or(|p| message.starts_with(p)),
        Pattern::Text { .. } | Pattern::ToolText { .. } => false,
    })?;
    Some(Failure {
        rule,
        code: Some(code.to_owned()),
        operation: operation.map(str::to_owned),
        max_retries: None,
        message: message.to_owned(),
        transfer: None,
        v2_prefix: false,
        tool: None,
    })
}

/// The service error codes the rules know by name (not S3's bare HTTP statuses).
pub fn named_codes() -> impl Iterator<Item = &'static str> {
    RULES.iter().filter_map(|rule| match rule.pattern {
        Pattern::ServiceCode { code, .. }
            if code.starts_with(|c: char| c.is_ascii_alphabetic()) =>
        {
            Some(code)
        }
        _ => None,
    })
}

/// Another tool's own message at the start of `text`: a [`TOOL_RULES`] entry, or a credential
/// provider's text of the AWS CLI's (the SDKs share botocore's words).
pub fn tool_text(text: &str) -> Option<Failure> {
    let rule = TOOL_RULES.iter().find(|rule| match rule.pattern {
        Pattern::ToolText {
            prefix, contains, ..
        } => text.starts_with(prefix) && contains.is_none_or(|c| text[prefix.len()..].contains(c)),
        _ => false,
    })?;
    let mut failure = Failure::of_rule(rule);
    failure.message = text.to_owned();
    Some(failure)
}

/// The starts of every [`TOOL_RULES`] text.
pub fn tool_text_starts() -> impl Iterator<Item = &'static str> {
    TOOL_RULES.iter().filter_map(|rule| match rule.pattern {
        Pattern::ToolText { prefix, .. } => Some(prefix),
        _ => None,
    })
}

/// A tool's own message that says what happened to the credentials.
const fn tool_text_rule(
    id: &'static str,
    prefix: &'static str,
    contains: Option<&'static str>,
    family: Family,
    topic: Topic,
    samples: &'static [&'static str],
) -> Rule {
    Rule {
        id,
        pattern: Pattern::ToolText {
            prefix,
            contains,
            if_expired: None,
        },
        family,
        topic,
        samples,
    }
}

/// A tool's message that has other causes besides expired credentials: explained only as the
/// rule `if_expired` when the context shows that they have expired.
const fn ambiguous_tool_rule(
    id: &'static str,
    prefix: &'static str,
    if_expired: &'static str,
    topic: Topic,
    samples: &'static [&'static str],
) -> Rule {
    Rule {
        id,
        pattern: Pattern::ToolText {
            prefix,
            contains: None,
            if_expired: Some(if_expired),
        },
        family: Family::Ambiguous,
        topic,
        samples,
    }
}

/// Messages of other AWS tools and SDKs that the AWS CLI never prints: recognised only in the
/// output of a wrapped tool (`scan`), at the start of a line or after `: ` or `, `. Service
/// errors and botocore's texts need no entry here: the SDKs print the same codes and texts.
/// Every wrapped command's output is searched for all of them, whatever the command; the
/// words only one tool prints are named by its entry in [`crate::tools::TOOLS`]. Their order
/// is the order `aws-shim explain --list` shows.
pub static TOOL_RULES: &[Rule] = &[
    // AWS CDK (aws-cdk-cli, SdkProvider.defaultAccount): ExpiredToken from STS turns into a
    // warning, and the CLI goes on without an account.
    tool_text_rule(
        "cdk-expired-credentials",
        "There are expired AWS credentials in your environment.",
        None,
        Family::Expired,
        Topic::CredentialsExpired,
        &[
            "There are expired AWS credentials in your environment. The CDK app will synth without current account information.",
        ],
    ),
    // The CDK prints the message of an SDK error alone (`The security token included in the
    // request is expired`): STS's and most services' text for ExpiredToken, and S3's.
    tool_text_rule(
        "expired-token-message",
        "The security token included in the request is expired",
        None,
        Family::Expired,
        Topic::CredentialsExpired,
        &["The security token included in the request is expired"],
    ),
    tool_text_rule(
        "expired-token-message-s3",
        "The provided token has expired.",
        None,
        Family::Expired,
        Topic::CredentialsExpired,
        &["The provided token has expired."],
    ),
    tool_text_rule(
        "cdk-no-credentials",
        "Need to perform AWS calls for account ",
        Some(", but no credentials have been configured"),
        Family::Missing,
        Topic::NoCredentials,
        &[
            "Need to perform AWS calls for account 123456789012, but no credentials have been configured",
        ],
    ),
    ambiguous_tool_rule(
        "cdk-unresolved-account",
        "Unable to resolve AWS account to use.",
        "cdk-expired-credentials",
        Topic::CdkNoAccount,
        &[
            "Unable to resolve AWS account to use. It must be either configured when you define your CDK Stack, or through the environment",
        ],
    ),
    // The services' own messages for the codes of [`CREDENTIAL_CODES`], which tools print
    // alone or after their own words (the AWS CDK, restic and other tools on minio-go, ...):
    // STS, IAM and the JSON services (InvalidClientTokenId, UnrecognizedClientException),
    // S3 (InvalidAccessKeyId, InvalidToken, TokenRefreshRequired, RequestTimeTooSkewed,
    // SignatureDoesNotMatch), EC2 (AuthFailure) and every SigV4 service (`Signature
    // expired`, `Signature not yet current`, a wrong secret key). EC2's `Request has expired.`
    // is left out: S3 says the same of an expired presigned URL, with AccessDenied.
    tool_text_rule(
        "invalid-token-message",
        "The security token included in the request is invalid",
        None,
        Family::Invalid,
        Topic::Service,
        &["The security token included in the request is invalid."],
    ),
    tool_text_rule(
        "invalid-access-key-message",
        "The AWS Access Key Id you provided does not exist in our records.",
        None,
        Family::Invalid,
        Topic::Service,
        &["The AWS Access Key Id you provided does not exist in our records."],
    ),
    tool_text_rule(
        "auth-failure-message",
        "AWS was not able to validate the provided access credentials",
        None,
        Family::Invalid,
        Topic::Service,
        &["AWS was not able to validate the provided access credentials"],
    ),
    tool_text_rule(
        "malformed-token-message",
        "The provided token is malformed or otherwise invalid.",
        None,
        Family::Invalid,
        Topic::Service,
        &["The provided token is malformed or otherwise invalid."],
    ),
    tool_text_rule(
        "token-refresh-message",
        "The provided token must be refreshed.",
        None,
        Family::Expired,
        Topic::CredentialsExpired,
        &["The provided token must be refreshed."],
    ),
    tool_text_rule(
        "signature-expired-message",
        "Signature expired: ",
        Some(" is now earlier than "),
        Family::Clock,
        Topic::Service,
        &[
            "Signature expired: 20261127T080000Z is now earlier than 20261127T081500Z (20261127T082000Z - 5 min.)",
        ],
    ),
    tool_text_rule(
        "signature-not-yet-current-message",
        "Signature not yet current: ",
        Some(" is still later than "),
        Family::Clock,
        Topic::Service,
        &[
            "Signature not yet current: 20261127T090000Z is still later than 20261127T082500Z (20261127T082000Z + 5 min.)",
        ],
    ),
    tool_text_rule(
        "time-too-skewed-message",
        "The difference between the request time and the current time is too large.",
        None,
        Family::Clock,
        Topic::Service,
        &["The difference between the request time and the current time is too large."],
    ),
    tool_text_rule(
        "signature-mismatch-message",
        "The request signature we calculated does not match the signature you provided.",
        None,
        Family::Invalid,
        Topic::SignatureMismatch,
        &[
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
            "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
        ],
    ),
    // AWS SDK for JavaScript v3 (@aws-sdk/token-providers, credential-provider-sso,
    // credential-provider-node).
    tool_text_rule(
        "js-sso-token-expired",
        "Token is expired. To refresh this SSO session run ",
        None,
        Family::Expired,
        Topic::SsoExpired,
        &[
            "Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
        ],
    ),
    tool_text_rule(
        "js-sso-token-missing",
        "The SSO session token associated with profile=",
        Some(" was not found or is invalid."),
        Family::Provider,
        Topic::SsoTokenMissing,
        &[
            "The SSO session token associated with profile=dev was not found or is invalid. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
        ],
    ),
    tool_text_rule(
        "js-sso-token-unrefreshable",
        "Value not present for '",
        Some("' in SSO Token. Cannot refresh."),
        Family::Expired,
        Topic::SsoExpired,
        &[
            "Value not present for 'clientId' in SSO Token. Cannot refresh. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
        ],
    ),
    tool_text_rule(
        "js-sso-session-expired",
        "The SSO session associated with this profile has expired.",
        None,
        Family::Expired,
        Topic::SsoExpired,
        &[
            "The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.",
        ],
    ),
    tool_text_rule(
        "js-sso-session-invalid",
        "The SSO session associated with this profile is invalid.",
        None,
        Family::Provider,
        Topic::SsoTokenMissing,
        &[
            "The SSO session associated with this profile is invalid. To refresh this SSO session run aws sso login with the corresponding profile.",
        ],
    ),
    tool_text_rule(
        "js-no-credentials",
        "Could not load credentials from any providers",
        None,
        Family::Missing,
        Topic::NoCredentials,
        &["Could not load credentials from any providers"],
    ),
    // AWS SDK for Go v2 (credentials/ssocreds, aws/credential_cache), Terraform's provider
    // included.
    tool_text_rule(
        "go-sso-refresh-failed",
        "refresh cached SSO token failed",
        None,
        Family::Expired,
        Topic::SsoExpired,
        &[
            "refresh cached SSO token failed, unable to refresh SSO token, operation error SSO OIDC: CreateToken, https response error StatusCode: 400, RequestID: 0d1f, InvalidGrantException: ",
        ],
    ),
    tool_text_rule(
        "go-sso-token-expired",
        "cached SSO token is expired, or not present, and cannot be refreshed",
        None,
        Family::Expired,
        Topic::SsoExpired,
        &["cached SSO token is expired, or not present, and cannot be refreshed"],
    ),
    // The AWS SDK for Go v1 (credentials/ssocreds; rclone and other tools on it): the cached
    // token of a legacy SSO profile has expired (v1 never refreshes it).
    tool_text_rule(
        "go-v1-sso-invalid-token",
        "SSOProviderInvalidToken: the SSO session has expired or is invalid",
        None,
        Family::Expired,
        Topic::SsoExpired,
        &["SSOProviderInvalidToken: the SSO session has expired or is invalid"],
    ),
    // The AWS SDK for Rust (aws-config's SSO token provider): the cached token has expired
    // and its refresh token or client registration cannot renew it.
    tool_text_rule(
        "rust-sso-token-expired",
        "the SSO token has expired and cannot be refreshed",
        None,
        Family::Expired,
        Topic::SsoExpired,
        &["the SSO token has expired and cannot be refreshed"],
    ),
    // The AWS SDK for Go v1 (rclone and other tools on it): no provider of the default chain
    // had credentials.
    tool_text_rule(
        "go-v1-no-credentials",
        "NoCredentialProviders: no valid providers in chain",
        None,
        Family::Missing,
        Topic::NoCredentials,
        &["NoCredentialProviders: no valid providers in chain. Deprecated."],
    ),
    // The AWS SDK for Rust (aws-config's credential provider chain), in `DisplayErrorContext`
    // and anyhow's chains: `dispatch failure: other: the credential provider was not enabled:
    // no credentials found in chain. Attempted: ...`.
    tool_text_rule(
        "rust-no-credentials",
        "no credentials found in chain",
        None,
        Family::Missing,
        Topic::NoCredentials,
        &["no credentials found in chain. Attempted:"],
    ),
    // Terraform's AWS provider (hashicorp/aws-sdk-go-base): current and older wording.
    tool_text_rule(
        "terraform-no-credentials",
        "No valid credential sources found",
        None,
        Family::Missing,
        Topic::NoCredentials,
        &[
            "No valid credential sources found",
            "No valid credential sources found for AWS Provider.",
        ],
    ),
];

/// The AWS error codes that say the request's credentials were refused: expired, unknown or
/// damaged, or signed at the wrong time or with the wrong secret. A wrapped tool's output is
/// searched for them as whole words wherever they stand as a code (see `scan`); each has a
/// rule in [`RULES`] (some only with their message).
pub const CREDENTIAL_CODES: &[&str] = &[
    "ExpiredToken",
    "ExpiredTokenException",
    "InvalidClientTokenId",
    "UnrecognizedClientException",
    "InvalidAccessKeyId",
    "AuthFailure",
    "RequestExpired",
    "RequestTimeTooSkewed",
    "SignatureDoesNotMatch",
    "InvalidSignatureException",
    "TokenRefreshRequired",
    "InvalidToken",
];

/// Bytes a recognised line can start with.
static FIRST_BYTES: LazyLock<[bool; 256]> = LazyLock::new(|| {
    let mut table = [false; 256];
    for start in line_starts() {
        table[start.as_bytes()[0] as usize] = true;
    }
    table
});

/// The starts of recognised lines, by their first byte.
static STARTS_BY_FIRST_BYTE: LazyLock<Vec<Vec<&'static [u8]>>> = LazyLock::new(|| {
    let mut table = vec![Vec::new(); 256];
    for start in line_starts() {
        table[start.as_bytes()[0] as usize].push(start.as_bytes());
    }
    table
});

/// Whether a line starting with this byte could be recognised (a table lookup).
#[inline]
pub fn may_start_with(first: u8) -> bool {
    FIRST_BYTES[first as usize]
}

/// Whether a partial line (no newline yet) could still become a recognised line.
pub fn could_start(partial: &[u8]) -> bool {
    let Some(&first) = partial.first() else {
        return true;
    };
    if !FIRST_BYTES[first as usize] {
        return false;
    }
    line_starts().iter().any(|s| {
        let s = s.as_bytes();
        if partial.len() >= s.len() {
            partial.starts_with(s)
        } else {
            s.starts_with(partial)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How s3 commands wrap a service error: the prefix and the transfer description.
    const TRANSFER_FORMS: &[&str] = &[
        "upload failed: ./a to s3://b/a",
        "download failed: s3://b/a to ./a",
        "copy failed: s3://b/a to s3://c/a",
        "move failed: ./a to s3://b/a",
        "delete failed: s3://b/a",
        "make_bucket failed: s3://b",
        "remove_bucket failed: s3://b",
        "fatal error:",
    ];

    fn rule(id: &str) -> &'static Rule {
        Rule::by_id(id).unwrap_or_else(|| panic!("no rule {id}"))
    }

    /// Every sample line of every rule, with its rule's id.
    fn samples() -> impl Iterator<Item = (&'static str, &'static str)> {
        RULES
            .iter()
            .flat_map(|r| r.samples.iter().map(move |line| (r.id, *line)))
    }

    /// `line` is recognised by rule `id`, and what is extracted is the line's own text.
    fn assert_recognised(id: &str, line: &str, v2: bool, transfer: Option<&str>) {
        let found =
            recognise(line.as_bytes()).unwrap_or_else(|| panic!("{id} not recognised in {line:?}"));
        assert_eq!(found.rule.id, id, "{line:?}");
        assert_eq!(found.family(), rule(id).family);
        assert_eq!(found.v2_prefix, v2, "{line:?}");
        assert_eq!(found.transfer.as_deref(), transfer, "{line:?}");
        let bare = line.strip_suffix('\r').unwrap_or(line);
        let bare = bare.strip_prefix(V2_PREFIX).unwrap_or(bare);
        assert_eq!(found.headline(), bare, "the headline rebuilds the line");
        assert!(bare.ends_with(&found.message), "{line:?}");
        match rule(id).pattern {
            Pattern::ServiceCode {
                code,
                message_prefix,
            } => {
                assert_eq!(found.code.as_deref(), Some(code));
                assert!(message_prefix.is_none_or(|p| found.message.starts_with(p)));
                if let Some(op) = &found.operation {
                    assert!(bare.contains(&format!("when calling the {op} operation")));
                }
            }
            Pattern::Text { prefix } => {
                assert_eq!(found.code, None);
                assert!(found.message.starts_with(prefix), "{line:?}");
            }
            Pattern::ToolText { .. } => panic!("{id}: the AWS CLI's lines never match a tool rule"),
        }
    }

    /// Every sample of every rule, as v1 and v2 print it, with a CRLF ending, and (for
    /// service errors) inside every s3 transfer form; and every cut of it may still become
    /// it, so the filter holds it.
    #[test]
    fn an_ambiguous_tool_text_stands_for_a_definite_rule_once_confirmed() {
        for rule in TOOL_RULES {
            let confirmed = rule.if_expired();
            assert_eq!(
                confirmed.is_some(),
                rule.family == Family::Ambiguous,
                "{}: an ambiguous tool text, and only one, names its confirmed rule",
                rule.id
            );
            if let Some(confirmed) = confirmed {
                assert_eq!(confirmed.family, Family::Expired, "{}", rule.id);
            }
        }
    }

    #[test]
    fn every_rule_recognises_its_samples_in_every_form() {
        for rule in RULES {
            assert!(
                !rule.samples.is_empty(),
                "rule {} has no sample line",
                rule.id
            );
            for line in rule.samples {
                let id = rule.id;
                assert_recognised(id, line, false, None);
                assert_recognised(id, &format!("{V2_PREFIX}{line}"), true, None);
                assert_recognised(id, &format!("{line}\r"), false, None);
                if matches!(rule.pattern, Pattern::ServiceCode { .. }) {
                    for form in TRANSFER_FORMS {
                        assert_recognised(id, &format!("{form} {line}"), false, Some(form));
                    }
                    // botocore's retry suffix after the operation, v1 and v2.
                    if let Some((head, tail)) = line.split_once(" operation: ") {
                        for n in ["0", "2", "4"] {
                            let with =
                                format!("{head} operation (reached max retries: {n}): {tail}");
                            assert_recognised(id, &with, false, None);
                            assert_recognised(id, &format!("{V2_PREFIX}{with}"), true, None);
                            let found = recognise(with.as_bytes()).unwrap();
                            assert_eq!(found.max_retries.as_deref(), Some(n));
                        }
                    }
                }
                for text in [line.to_string(), format!("{V2_PREFIX}{line}")] {
                    for cut in 0..=text.len() {
                        assert!(
                            could_start(&text.as_bytes()[..cut]),
                            "{text:?} cut at {cut}"
                        );
                    }
                }
            }
        }
    }

    /// What AWS CLI v1 1.45.11 prints when s3 commands find no credentials (`s3 cp`, `s3 sync`,
    /// `s3 rm`, `s3 mb`): the provider's text after the s3 prefix.
    #[test]
    fn provider_texts_inside_s3_forms() {
        let cases = [
            ("fatal error: Unable to locate credentials", "fatal error:"),
            (
                "upload failed: h/a.txt to s3://b/a Unable to locate credentials",
                "upload failed: h/a.txt to s3://b/a",
            ),
            (
                "delete failed: s3://b/a Unable to locate credentials",
                "delete failed: s3://b/a",
            ),
            (
                "make_bucket failed: s3://b Unable to locate credentials",
                "make_bucket failed: s3://b",
            ),
            (
                "download failed: s3://b/my file.txt to ./my file.txt Unable to locate credentials",
                "download failed: s3://b/my file.txt to ./my file.txt",
            ),
        ];
        for (line, transfer) in cases {
            assert_recognised("no-credentials", line, false, Some(transfer));
        }
        for (id, line) in samples() {
            if matches!(rule(id).pattern, Pattern::Text { .. }) {
                assert_recognised(
                    id,
                    &format!("fatal error: {line}"),
                    false,
                    Some("fatal error:"),
                );
                assert_recognised(
                    id,
                    &format!("copy failed: s3://b/a to s3://c/a {line}"),
                    false,
                    Some("copy failed: s3://b/a to s3://c/a"),
                );
            }
        }
        // A provider's text only counts at the start of the message.
        assert!(recognise(b"upload failed: ./a to s3://b/aUnable to locate credentials").is_none());
        assert!(
            recognise(b"fatal error: [Errno 2] No such file: Unable to locate credentials")
                .is_none()
        );
    }

    #[test]
    fn rule_ids_are_unique_and_found_again() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        for id in &ids {
            assert_eq!(Rule::by_id(id).map(|r| r.id), Some(*id));
        }
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n, "rule ids are unique");
    }

    #[test]
    fn the_first_matching_rule_decides_and_it_is_the_one_sampled() {
        // No sample is also claimed by an earlier rule (the table order matters only for
        // lines no sample covers).
        for (id, line) in samples() {
            assert_eq!(recognise(line.as_bytes()).map(|f| f.rule.id), Some(id));
        }
    }

    /// Lines that look related but are not credential failures (or are not error lines).
    const NOT_RECOGNISED: &[&str] = &[
        // Permissions and other service errors: not expiry.
        "An error occurred (AccessDenied) when calling the GetObject operation: Access Denied",
        "An error occurred (AccessDeniedException) when calling the ListTables operation: User: arn:aws:sts::123456789012:assumed-role/r/s is not authorized to perform: dynamodb:ListTables",
        "An error occurred (NoSuchBucket) when calling the ListObjectsV2 operation: The specified bucket does not exist",
        "An error occurred (Throttling) when calling the DescribeStacks operation (reached max retries: 4): Rate exceeded",
        "An error occurred (ThrottlingException) when calling the ListTables operation: Rate exceeded",
        "An error occurred (SignatureDoesNotMatch) when calling the PutObject operation: The request signature we calculated for this upload differs",
        "An error occurred (InvalidSignatureException) when calling the ListTables operation: Credential should be scoped to a valid region.",
        // Ordinary errors, with and without the retry suffix, in v2's shapes too.
        "An error occurred (AccessDenied) when calling the ListBuckets operation (reached max retries: 0): Access Denied",
        "aws: [ERROR]: An error occurred (NoSuchBucket) when calling the ListObjectsV2 operation (reached max retries: 0): The specified bucket does not exist",
        "An error occurred (ValidationError) when calling the DescribeStacks operation: Stack with id x does not exist",
        "aws: [ERROR]: An error occurred (ResourceNotFoundException) when calling the DescribeTable operation (reached max retries: 2): Requested resource not found",
        "An error occurred (ThrottlingException) when calling the ListTables operation (reached max retries: 2): Rate exceeded",
        "aws: [ERROR]: An error occurred (ParamValidation): Parameter validation failed:",
        "An error occurred (InternalError) when calling the GetObject operation (reached max retries: 4): We encountered an internal error. Please try again.",
        "An error occurred (RequestLimitExceeded) when calling the DescribeInstances operation (reached max retries: 4): Request limit exceeded.",
        "An error occurred (ExpiredToken) when calling the X operation (reached max retries: many): m",
        "Parameter validation failed:",
        "Invalid type for parameter Bucket, value: 1, type: <class 'int'>, valid types: <class 'str'>",
        // Codes are exact and case-sensitive.
        "An error occurred (expiredtoken) when calling the GetCallerIdentity operation: The security token included in the request is expired",
        "An error occurred (ExpiredTokenX) when calling the GetCallerIdentity operation: The security token included in the request is expired",
        "An error occurred (XExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired",
        // A HEAD response has no body: the code is lost, expiry is only one possible cause.
        "upload failed: ./a to s3://b/a An error occurred (AccessDenied) when calling the PutObject operation: Access Denied",
        // Configuration and usage errors.
        "The config profile (x) could not be found",
        "aws: [ERROR]: The config profile (nosuch) could not be found",
        "usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]",
        "aws: error: argument command: Invalid choice, valid choices are:",
        "aws: error: the following arguments are required: --bucket",
        "aws: [ERROR]: argument command: Found invalid choice 'sts2'",
        "To see help text, you can run:",
        // ExpiredToken mentioned mid-line.
        "botocore.exceptions.ClientError: An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired",
        " An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired",
        "2026-11-27 08:09:10,130 - MainThread - botocore.parsers - DEBUG - Response body: b'<ErrorResponse><Error><Code>ExpiredToken</Code></Error></ErrorResponse>'",
        "note: An error occurred (ExpiredToken) earlier; retrying",
        "aws: [ERROR]:  An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired",
        // v2 machine formats (one line each).
        "{",
        "    \"Code\": \"ExpiredToken\",",
        "    \"Message\": \"The security token included in the request is expired\"",
        "}",
        "ExpiredToken\tThe security token included in the request is expired",
        "Code: ExpiredToken",
        "Message: The security token included in the request is expired",
        "|                      Error                      |",
        "|  ExpiredToken |  The security token included in the request is expired  |",
        // Other tools' renderings of the same failure are not the AWS CLI's lines.
        "ExpiredToken: The security token included in the request is expired",
        "Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
        // Prefixes of a known text that then diverge.
        "Unable to locate config file",
        "Error when retrieving token from sso: connection refused",
        "Error loading SSO Token: the cache is unreadable",
        "Cannot refresh credentials: the role is gone",
        "",
    ];

    #[test]
    fn lines_that_are_not_credential_failures_are_not_recognised() {
        for line in NOT_RECOGNISED {
            assert!(
                recognise(line.as_bytes()).is_none(),
                "{line:?} was recognised"
            );
        }
    }

    #[test]
    fn invalid_utf8_is_never_recognised_and_never_panics() {
        let mut line = RULES[0].samples[0].as_bytes().to_vec();
        line.push(0xff);
        assert!(recognise(&line).is_none());
        assert!(recognise(b"\xff\xfe").is_none());
        assert!(could_start(b"An error occurred (\xff"));
        assert!(!could_start(b"\xffAn error"));
    }

    #[test]
    fn could_start_accepts_exactly_the_prefixes_of_line_starts() {
        for start in line_starts() {
            for cut in 0..=start.len() {
                assert!(
                    could_start(&start.as_bytes()[..cut]),
                    "{start:?} cut at {cut}"
                );
            }
        }
        assert!(!could_start(
            b"Enter MFA code for arn:aws:iam::123456789012:mfa/user: "
        ));
        assert!(!could_start("エラー".as_bytes()));
        assert!(!could_start(b"\x1b[31mAn error occurred (ExpiredToken)"));
        assert!(!could_start(b"\rAn error occurred (ExpiredToken)"));
    }

    #[test]
    fn s3_head_status_lines_are_ambiguous_hints() {
        let line = b"fatal error: An error occurred (400) when calling the HeadObject operation: Bad Request";
        let found = recognise(line).unwrap();
        assert_eq!(
            (found.rule.id, found.family()),
            ("s3-head-400", Family::Ambiguous)
        );
        let found = recognise(b"fatal error: An error occurred (403) when calling the HeadObject operation: Forbidden").unwrap();
        assert_eq!(found.rule.id, "s3-head-403");
        assert!(
            recognise(
                b"An error occurred (400) when calling the HeadObject operation: Something else"
            )
            .is_none()
        );
        assert_eq!(
            Family::parse(Family::Ambiguous.as_str()),
            Some(Family::Ambiguous)
        );
    }
}
