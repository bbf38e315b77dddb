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
    ServiceCode {
        code: &'static str,
        message_prefix: Option<&'static str>,
    },
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
    Rule {
        id: "expired-token",
        pattern: Pattern::ServiceCode {
            code: "ExpiredToken",
            message_prefix: None,
        },
        family: Family::Expired,
        topic: Topic::Service,
    },
    Rule {
        id: "expired-token-exception",
        pattern: Pattern::ServiceCode {
            code: "ExpiredTokenException",
            message_prefix: None,
        },
        family: Family::Expired,
        topic: Topic::Service,
    },
    Rule {
        id: "invalid-client-token-id",
        pattern: Pattern::ServiceCode {
            code: "InvalidClientTokenId",
            message_prefix: None,
        },
        family: Family::Invalid,
        topic: Topic::Service,
    },
    Rule {
        id: "unrecognized-client",
        pattern: Pattern::ServiceCode {
            code: "UnrecognizedClientException",
            message_prefix: None,
        },
        family: Family::Invalid,
        topic: Topic::Service,
    },
    Rule {
        id: "invalid-token",
        pattern: Pattern::ServiceCode {
            code: "InvalidToken",
            message_prefix: None,
        },
        family: Family::Invalid,
        topic: Topic::Service,
    },
    Rule {
        id: "request-expired",
        pattern: Pattern::ServiceCode {
            code: "RequestExpired",
            message_prefix: None,
        },
        family: Family::Clock,
        topic: Topic::Service,
    },
    Rule {
        id: "signature-expired",
        pattern: Pattern::ServiceCode {
            code: "SignatureDoesNotMatch",
            message_prefix: Some("Signature expired: "),
        },
        family: Family::Clock,
        topic: Topic::Service,
    },
    Rule {
        id: "no-credentials-v2",
        pattern: Pattern::ServiceCode {
            code: "NoCredentials",
            message_prefix: None,
        },
        family: Family::Missing,
        topic: Topic::NoCredentials,
    },
    Rule {
        id: "no-credentials",
        pattern: Pattern::Text {
            prefix: "Unable to locate credentials",
        },
        family: Family::Missing,
        topic: Topic::NoCredentials,
    },
    Rule {
        id: "sso-session-expired",
        pattern: Pattern::Text {
            prefix: "The SSO session associated with this profile has expired or is otherwise invalid.",
        },
        family: Family::Expired,
        topic: Topic::SsoExpired,
    },
    Rule {
        id: "sso-refresh-failed",
        pattern: Pattern::Text {
            prefix: "Error when retrieving token from sso: Token has expired and refresh failed",
        },
        family: Family::Expired,
        topic: Topic::SsoExpired,
    },
    Rule {
        id: "sso-token-missing",
        pattern: Pattern::Text {
            prefix: "Error loading SSO Token: Token for ",
        },
        family: Family::Provider,
        topic: Topic::SsoTokenMissing,
    },
    Rule {
        id: "credential-process",
        pattern: Pattern::Text {
            prefix: "Error when retrieving credentials from custom-process: ",
        },
        family: Family::Provider,
        topic: Topic::CredentialProcess,
    },
    Rule {
        id: "mfa-required",
        pattern: Pattern::Text {
            prefix: "Cannot refresh credentials: MFA token required.",
        },
        family: Family::Provider,
        topic: Topic::MfaRequired,
    },
    Rule {
        id: "refreshed-still-expired",
        pattern: Pattern::Text {
            prefix: "Credentials were refreshed, but the refreshed credentials are still expired.",
        },
        family: Family::Expired,
        topic: Topic::RefreshedStillExpired,
    },
    Rule {
        id: "s3-head-400",
        pattern: Pattern::ServiceCode {
            code: "400",
            message_prefix: Some("Bad Request"),
        },
        family: Family::Ambiguous,
        topic: Topic::S3HeadNoReason,
    },
    Rule {
        id: "s3-head-403",
        pattern: Pattern::ServiceCode {
            code: "403",
            message_prefix: Some("Forbidden"),
        },
        family: Family::Ambiguous,
        topic: Topic::S3HeadNoReason,
    },
    Rule {
        id: "login-session-expired",
        pattern: Pattern::Text {
            prefix: "Your session has expired. Please reauthenticate using 'aws login'.",
        },
        family: Family::Expired,
        topic: Topic::LoginExpired,
    },
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
                s.push_str(&format!(
                    "An error occurred ({code}) when calling the {op} operation: "
                ));
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
    Regex::new(r"^((?:upload|download|copy|move|delete|make_bucket|remove_bucket) failed: .*?) (An error occurred \(.*)$")
        .expect("valid regex")
});

/// Recognise one complete line (no line terminator). Anything unknown is `None`.
pub fn recognise(line: &[u8]) -> Option<Recognised<'_>> {
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
            .find(|&at| recognise_text(&rest[at..], None, v2_prefix).is_some())?;
        return recognise_text(&rest[at..], Some(&rest[..at - 1]), v2_prefix);
    }
    if rest.starts_with(SERVICE_START) {
        return recognise_service(rest, None, v2_prefix);
    }
    recognise_text(rest, None, v2_prefix)
}

/// A credential provider's message: `text` starts with a text rule's prefix.
fn recognise_text<'a>(
    text: &'a str,
    transfer: Option<&'a str>,
    v2_prefix: bool,
) -> Option<Recognised<'a>> {
    RULES.iter().find_map(|rule| match rule.pattern {
        Pattern::Text { prefix } if text.starts_with(prefix) => Some(Recognised {
            rule,
            code: None,
            operation: None,
            message: text,
            transfer,
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
        Pattern::ServiceCode {
            code: c,
            message_prefix,
        } => c == code && message_prefix.is_none_or(|p| message.starts_with(p)),
        Pattern::Text { .. } => false,
    })?;
    Some(Recognised {
        rule,
        code: Some(code),
        operation,
        message,
        transfer,
        v2_prefix,
    })
}

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

    /// Real lines (the reference's exact texts and the captured stderr), at least one per rule.
    const SAMPLES: &[(&str, &str)] = &[
        (
            "s3-head-400",
            "An error occurred (400) when calling the HeadObject operation: Bad Request",
        ),
        (
            "s3-head-403",
            "An error occurred (403) when calling the HeadObject operation: Forbidden",
        ),
        (
            "expired-token",
            "An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired",
        ),
        (
            "expired-token",
            "An error occurred (ExpiredToken) when calling the ListBuckets operation: The provided token has expired.",
        ),
        (
            "expired-token",
            "An error occurred (ExpiredToken) when calling the PutObject operation: The provided token has expired.",
        ),
        (
            "expired-token-exception",
            "An error occurred (ExpiredTokenException) when calling the ListTables operation: The security token included in the request is expired",
        ),
        (
            "invalid-client-token-id",
            "An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.",
        ),
        (
            "unrecognized-client",
            "An error occurred (UnrecognizedClientException) when calling the ListTables operation: The security token included in the request is invalid.",
        ),
        (
            "invalid-token",
            "An error occurred (InvalidToken) when calling the ListObjectsV2 operation: The provided token is malformed or otherwise invalid.",
        ),
        (
            "request-expired",
            "An error occurred (RequestExpired) when calling the DescribeInstances operation: Request has expired.",
        ),
        (
            "signature-expired",
            "An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: Signature expired: 20261127T080000Z is now earlier than 20261127T081500Z (20261127T082000Z - 5 min.)",
        ),
        (
            "no-credentials-v2",
            "An error occurred (NoCredentials): Unable to locate credentials. You can configure credentials by running \"aws login\".",
        ),
        (
            "no-credentials",
            "Unable to locate credentials. You can configure credentials by running \"aws configure\".",
        ),
        (
            "sso-session-expired",
            "The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.",
        ),
        (
            "sso-refresh-failed",
            "Error when retrieving token from sso: Token has expired and refresh failed",
        ),
        (
            "sso-token-missing",
            "Error loading SSO Token: Token for my-sso does not exist",
        ),
        (
            "credential-process",
            "Error when retrieving credentials from custom-process: helper: not signed in, run `helper login`",
        ),
        (
            "mfa-required",
            "Cannot refresh credentials: MFA token required.",
        ),
        (
            "refreshed-still-expired",
            "Credentials were refreshed, but the refreshed credentials are still expired.",
        ),
        (
            "login-session-expired",
            "Your session has expired. Please reauthenticate using 'aws login'.",
        ),
    ];

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
        RULES
            .iter()
            .find(|r| r.id == id)
            .unwrap_or_else(|| panic!("no rule {id}"))
    }

    /// `line` is recognised by rule `id`, and what is extracted is the line's own text.
    fn assert_recognised(id: &str, line: &str, v2: bool, transfer: Option<&str>) {
        let found =
            recognise(line.as_bytes()).unwrap_or_else(|| panic!("{id} not recognised in {line:?}"));
        assert_eq!(found.rule.id, id, "{line:?}");
        assert_eq!(found.family(), rule(id).family);
        assert_eq!(found.v2_prefix, v2, "{line:?}");
        assert_eq!(found.transfer, transfer, "{line:?}");
        let bare = line.strip_suffix('\r').unwrap_or(line);
        let bare = bare.strip_prefix(V2_PREFIX).unwrap_or(bare);
        assert_eq!(found.headline(), bare, "the headline rebuilds the line");
        assert!(bare.ends_with(found.message), "{line:?}");
        match rule(id).pattern {
            Pattern::ServiceCode {
                code,
                message_prefix,
            } => {
                assert_eq!(found.code, Some(code));
                assert!(message_prefix.is_none_or(|p| found.message.starts_with(p)));
                if let Some(op) = found.operation {
                    assert!(bare.contains(&format!("when calling the {op} operation: ")));
                }
            }
            Pattern::Text { prefix } => {
                assert_eq!(found.code, None);
                assert!(found.message.starts_with(prefix), "{line:?}");
            }
        }
    }

    /// Every sample of a rule, as v1 and v2 print it, with a CRLF ending, and (for service
    /// errors) inside every s3 transfer form.
    fn check_rule(id: &str) {
        let samples: Vec<&str> = SAMPLES
            .iter()
            .filter(|(i, _)| *i == id)
            .map(|(_, l)| *l)
            .collect();
        assert!(!samples.is_empty(), "rule {id} has no sample line");
        for line in samples {
            assert_recognised(id, line, false, None);
            assert_recognised(id, &format!("{V2_PREFIX}{line}"), true, None);
            assert_recognised(id, &format!("{line}\r"), false, None);
            if matches!(rule(id).pattern, Pattern::ServiceCode { .. }) {
                for form in TRANSFER_FORMS {
                    assert_recognised(id, &format!("{form} {line}"), false, Some(form));
                }
            }
            // Every prefix of a recognised line may still become it, so it is held.
            for text in [line.to_owned(), format!("{V2_PREFIX}{line}")] {
                for cut in 0..=text.len() {
                    assert!(
                        could_start(&text.as_bytes()[..cut]),
                        "{text:?} cut at {cut}"
                    );
                }
            }
        }
    }

    /// One test per rule; `every_rule_has_a_test` checks that none is missing.
    macro_rules! rule_tests {
        ($($name:ident => $id:literal),* $(,)?) => {
            $( #[test] fn $name() { check_rule($id) } )*
            const TESTED: &[&str] = &[$($id),*];
        };
    }

    rule_tests! {
        expired_token => "expired-token",
        expired_token_exception => "expired-token-exception",
        invalid_client_token_id => "invalid-client-token-id",
        unrecognized_client => "unrecognized-client",
        invalid_token => "invalid-token",
        request_expired => "request-expired",
        signature_expired => "signature-expired",
        no_credentials_v2 => "no-credentials-v2",
        no_credentials => "no-credentials",
        sso_session_expired => "sso-session-expired",
        sso_refresh_failed => "sso-refresh-failed",
        sso_token_missing => "sso-token-missing",
        credential_process => "credential-process",
        mfa_required => "mfa-required",
        refreshed_still_expired => "refreshed-still-expired",
        login_session_expired => "login-session-expired",
        s3_head_400 => "s3-head-400",
        s3_head_403 => "s3-head-403",
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
        for (id, line) in SAMPLES {
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
    fn every_rule_has_a_test_and_a_sample() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        for id in &ids {
            assert!(TESTED.contains(id), "rule {id} has no test in rule_tests!");
            assert!(
                SAMPLES.iter().any(|(i, _)| i == id),
                "rule {id} has no sample line"
            );
        }
        for id in TESTED {
            assert!(ids.contains(id), "a test names {id}, which is not a rule");
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
        for (id, line) in SAMPLES {
            assert_eq!(recognise(line.as_bytes()).map(|f| f.rule.id), Some(*id));
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
        "An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
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
        let mut line = SAMPLES[0].1.as_bytes().to_vec();
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
