use super::*;

/// The failure the whole stream reports, fed in one piece and cut at every offset.
fn scan(stream: &[u8]) -> Option<Failure> {
    let whole = {
        let mut s = Scanner::new("tool");
        s.feed(stream);
        s.finish()
    };
    for cut in 0..stream.len() {
        let mut s = Scanner::new("tool");
        s.feed(&stream[..cut]);
        s.feed(&stream[cut..]);
        assert_eq!(
            s.finish(),
            whole,
            "cut at {cut} of {:?}",
            String::from_utf8_lossy(stream)
        );
    }
    whole
}

fn id(stream: &str) -> Option<&'static str> {
    scan(stream.as_bytes()).map(|f| f.rule.id)
}

#[test]
fn python_tracebacks_end_in_botocores_line() {
    let stream = "Traceback (most recent call last):\n  File \"<string>\", line 1, in <module>\n  File \"/usr/lib/python3/site-packages/botocore/client.py\", line 1078, in _make_api_call\n    raise error_class(parsed_response, operation_name)\nbotocore.exceptions.ClientError: An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired\n";
    let found = scan(stream.as_bytes()).unwrap();
    assert_eq!(found.rule.id, "expired-token");
    assert_eq!(found.operation.as_deref(), Some("GetCallerIdentity"));
    assert_eq!(
        found.message,
        "The security token included in the request is expired"
    );
    assert_eq!(found.tool.as_deref(), Some("tool"));
    for (exception, text, want) in [
        (
            "NoCredentialsError",
            "Unable to locate credentials",
            "no-credentials",
        ),
        (
            "TokenRetrievalError",
            "Error when retrieving token from sso: Token has expired and refresh failed",
            "sso-refresh-failed",
        ),
        (
            "UnauthorizedSSOTokenError",
            "The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.",
            "sso-session-expired",
        ),
        (
            "SSOTokenLoadError",
            "Error loading SSO Token: Token for my-sso does not exist",
            "sso-token-missing",
        ),
        (
            "CredentialRetrievalError",
            "Error when retrieving credentials from custom-process: not signed in",
            "credential-process",
        ),
        (
            "LoginRefreshRequired",
            "Your session has expired or credentials have changed. Please reauthenticate using 'aws login'.",
            "login-session-changed",
        ),
    ] {
        let line = format!("botocore.exceptions.{exception}: {text}\n");
        assert_eq!(id(&line), Some(want), "{line}");
    }
}

#[test]
fn javascript_v3_lines_and_dumped_objects() {
    assert_eq!(
        id(
            "ExpiredToken: The security token included in the request is expired\n    at throwDefaultError (/app/node_modules/@smithy/smithy-client/dist-cjs/index.js:388:20)\n"
        ),
        Some("expired-token")
    );
    // Only the dumped object says what the code was.
    let dump = "/app/node_modules/@smithy/smithy-client/dist-cjs/index.js:388\n  const response = new exceptionCtor({\n                   ^\n\nError: boom\n    at x {\n  '$fault': 'client',\n  '$metadata': {\n    httpStatusCode: 403,\n  },\n  Type: 'Sender',\n  Code: 'ExpiredTokenException',\n}\n";
    assert_eq!(id(dump), Some("expired-token-exception"));
    assert_eq!(
        id(
            "CredentialsProviderError: Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.\n"
        ),
        Some("js-sso-token-expired")
    );
    assert_eq!(
        id(
            "TokenProviderError: The SSO session token associated with profile=dev was not found or is invalid. To refresh this SSO session run 'aws sso login' with the corresponding profile.\n"
        ),
        Some("js-sso-token-missing")
    );
    assert_eq!(
        id("CredentialsProviderError: Could not load credentials from any providers\n"),
        Some("js-no-credentials")
    );
}

#[test]
fn go_v2_and_terraform() {
    let found = scan("operation error STS: GetCallerIdentity, https response error StatusCode: 403, RequestID: 9b1a, api error ExpiredToken: The security token included in the request is expired\n".as_bytes()).unwrap();
    assert_eq!(found.rule.id, "expired-token");
    assert_eq!(found.operation.as_deref(), Some("GetCallerIdentity"));
    assert_eq!(
        id(
            "2026/12/03 10:00:00 failed to refresh cached credentials, refresh cached SSO token failed, unable to refresh SSO token, operation error SSO OIDC: CreateToken, https response error StatusCode: 400, RequestID: 1, InvalidGrantException: \n"
        ),
        Some("go-sso-refresh-failed")
    );
    // Older provider versions, Go v1.
    assert_eq!(
        id(
            "Error: error configuring Terraform AWS Provider: error validating provider credentials: error calling sts:GetCallerIdentity: ExpiredToken: The security token included in the request is expired\n\tstatus code: 403, request id: 5e2c\n"
        ),
        Some("expired-token")
    );
    assert_eq!(
        id(
            "\x1b[31m╷\x1b[0m\x1b[0m\n\x1b[31m│\x1b[0m \x1b[0m\x1b[1m\x1b[31mError: \x1b[0m\x1b[0m\x1b[1mNo valid credential sources found\x1b[0m\n\x1b[31m│\x1b[0m \x1b[0m\n\x1b[31m╵\x1b[0m\x1b[0m\n"
        ),
        Some("terraform-no-credentials")
    );
}

#[test]
fn wrapped_detail_text_is_joined_again() {
    let stream = "╷\n│ Error: Retrieving AWS account details\n│ \n│ validating provider credentials: retrieving caller identity from STS:\n│ operation error STS: GetCallerIdentity, https response error StatusCode:\n│ 403, RequestID: 2f6e, api error ExpiredToken: The security token included\n│ in the request is expired\n╵\n";
    let found = scan(stream.as_bytes()).unwrap();
    assert_eq!(found.rule.id, "expired-token");
    // The code is found where it stands, on its own line, before the paragraph ends.
    assert!(found.message.starts_with("The security token included"));
    // A code whose meaning hangs on its message waits for the paragraph.
    let skew = stream.replace(
        "ExpiredToken: The security token included\n│ in the request is expired",
        "SignatureDoesNotMatch: Signature\n│ expired: 20261127T080000Z is now earlier than 20261127T081500Z",
    );
    assert_eq!(id(&skew), Some("signature-expired"));
    // Without borders too (`-no-color`), and with CRLF line ends.
    let plain = stream
        .replace("╷\n", "")
        .replace("╵\n", "")
        .replace("│ ", "")
        .replace('\n', "\r\n");
    assert_eq!(id(&plain), Some("expired-token"));
    // A blank line ends a paragraph: text on either side is not joined.
    assert_eq!(
        id(
            "403, RequestID: 2f6e, api error SignatureDoesNotMatch: Signature\n\nexpired: 20261127T080000Z is now earlier than 20261127T081500Z\n"
        ),
        None
    );
}

#[test]
fn cdk_and_sam() {
    let cdk = "\x1b[33mThere are expired AWS credentials in your environment. The CDK app will synth without current account information.\x1b[39m\n\x1b[31mUnable to resolve AWS account to use. It must be either configured when you define your CDK Stack, or through the environment\x1b[39m\n";
    assert_eq!(id(cdk), Some("cdk-expired-credentials"));
    // The account line alone needs the context.
    let alone = cdk.split_once('\n').unwrap().1;
    let found = scan(alone.as_bytes()).unwrap();
    assert_eq!(found.family(), Family::Ambiguous);
    // ... and gives way to a certain failure later on.
    assert_eq!(
        id(&format!(
            "{alone}Need to perform AWS calls for account 123456789012, but no credentials have been configured\n"
        )),
        Some("cdk-no-credentials")
    );
    assert_eq!(
        id(
            "Need to perform AWS calls for account 123456789012, but the current credentials are for 210987654321\n"
        ),
        None
    );
    assert_eq!(
        id("❌ Deployment failed: Error: Assuming role failed: ExpiredToken\n"),
        Some("expired-token")
    );
    assert_eq!(
        id(
            "\rError: Failed to create managed resources: An error occurred (ExpiredToken) when calling the CreateChangeSet operation: The security token included in the request is expired\n"
        ),
        Some("expired-token")
    );
    // A spinner's frames end with carriage returns.
    assert_eq!(
        id("⠋ Deploying\r⠙ Deploying\r\x1b[2KExpiredToken: The provided token has expired.\r\n"),
        Some("expired-token")
    );
}

#[test]
fn what_is_not_a_credential_failure() {
    for stream in [
        "botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the GetObject operation: Access Denied\n",
        "KeyError: 'ExpiredToken'\n",
        "ExpiredTokens: 3\n",
        "The ExpiredToken code means expired credentials\n",
        "operation error S3: GetObject, https response error StatusCode: 404, RequestID: 1, api error NoSuchKey: The specified key does not exist.\n",
        "AccessDenied: User is not authorized to perform: sts:AssumeRole\n",
        "  Code: 'AccessDenied',\n",
        "SignatureDoesNotMatch: The request signature we calculated for this upload differs\n",
        "Unable to resolve AWS account to use\n",
        "",
    ] {
        assert_eq!(id(stream), None, "{stream:?}");
    }
}

#[test]
fn an_explanation_inside_the_stream_is_not_repeated() {
    let stream = "\nAn error occurred (ExpiredToken) when calling the ListBuckets operation: The provided token has expired.\naws-shim: The temporary AWS credentials in use have expired.\n";
    assert_eq!(id(stream), None);
    let stream = "\x1b[1;33maws-shim (cdk):\x1b[0m x\nExpiredToken: m\n";
    assert_eq!(id(stream), None);
}

#[test]
fn escapes_are_removed_and_long_lines_bounded() {
    assert_eq!(
        clean(b"\x1b[1;31mred\x1b[0m \x1b]8;;https://x\x07link\x1b]8;;\x1b\\ \x1b(B."),
        "red link ."
    );
    assert_eq!(clean(b"\xffA"), "\u{fffd}A");
    let mut long = vec![b'x'; LINE_LIMIT];
    long.extend_from_slice(b" ExpiredToken: m\n");
    let mut s = Scanner::new("t");
    s.feed(&long);
    assert_eq!(s.finish(), None);
}

#[test]
fn every_tool_rule_recognises_its_samples() {
    for rule in rules::TOOL_RULES {
        assert!(!rule.samples.is_empty(), "{}", rule.id);
        for sample in rule.samples {
            for text in [
                sample.to_string(),
                format!("Error: {sample}"),
                format!("\x1b[31m{sample}\x1b[0m"),
                format!("│ {sample}"),
            ] {
                let found = scan(format!("{text}\n").as_bytes())
                    .unwrap_or_else(|| panic!("{} not recognised in {text:?}", rule.id));
                assert_eq!(found.rule.id, rule.id, "{text:?}");
            }
            // Never as the AWS CLI's own line.
            assert!(rules::recognise(sample.as_bytes()).is_none(), "{sample}");
        }
    }
}

/// Every text the scanner can recognise holds one of the anchors, whole: a line without one
/// is never searched, so a text without one would never be found.
#[test]
fn every_recognised_text_holds_an_anchor() {
    let mut texts: Vec<&str> = OWN_LINE.to_vec();
    texts.extend(rules::named_codes());
    for rule in rules::RULES.iter().chain(rules::TOOL_RULES) {
        texts.extend(rule.samples);
        match rule.pattern {
            rules::Pattern::Text { prefix } => texts.push(prefix),
            // A tool's text holds both its start and its middle part.
            rules::Pattern::ToolText {
                prefix, contains, ..
            } => {
                if let Some(contains) =
                    contains.filter(|_| !ANCHORS.iter().any(|a| prefix.contains(a)))
                {
                    texts.push(contains);
                } else {
                    texts.push(prefix);
                }
            }
            rules::Pattern::ServiceCode { .. } => {}
        }
    }
    for text in texts {
        assert!(
            ANCHORS.iter().any(|a| text.contains(a)),
            "{text:?} holds no anchor"
        );
    }
    for anchor in ANCHORS {
        assert!(!anchor.contains([' ', '\n', '\r']), "{anchor:?}");
    }
}

/// Lines without an anchor are not searched, but still belong to their paragraph: the
/// anchor may come on its last line, after pieces cut anywhere.
#[test]
fn a_paragraph_is_joined_when_its_anchor_comes_last() {
    let stream = "Error: validating provider credentials: retrieving caller identity from\noperation error STS: GetCallerIdentity, https response error StatusCode: 403,\nRequestID: 2f6e, api error\nExpiredToken: The security token included in the request is expired\n\nnext\n";
    assert_eq!(id(stream), Some("expired-token"));
    // Byte by byte too.
    let mut s = Scanner::new("t");
    for b in stream.as_bytes() {
        s.feed(std::slice::from_ref(b));
    }
    assert_eq!(s.finish().map(|f| f.rule.id), Some("expired-token"));
}

/// The shipped build asks for regex's literal prefilters itself (a dev-dependency turns them on
/// for tests and benches, so only the release build would miss them).
#[test]
fn the_release_build_asks_for_regex_perf() {
    let manifest = include_str!("../../Cargo.toml");
    let deps = manifest
        .split("\n[dependencies]\n")
        .nth(1)
        .and_then(|rest| rest.split("\n[").next())
        .expect("a [dependencies] table");
    let regex = deps
        .lines()
        .find(|l| l.starts_with("regex "))
        .expect("regex in [dependencies]");
    assert!(regex.contains("\"perf-literal\""), "{regex}");
}

/// Lines without an anchor are passed over in bulk when a piece holds no more anchors, and
/// one by one otherwise: the paragraph kept is the same either way (its last lines that fit,
/// blank lines, `\r\n` and `\r` ends, Terraform's frame), so what is found never depends on
/// how the stream was cut.
#[test]
fn bulk_and_line_by_line_reading_agree() {
    let filler = "x".repeat(300);
    let mut streams = Vec::new();
    for (before, wrapped) in [
        (
            2,
            "operation error STS: GetCallerIdentity, https response error StatusCode:\n403, RequestID: 1, api error ExpiredToken: The security token included\nin the request is expired\n",
        ),
        (
            80,
            "operation error STS: GetCallerIdentity, https response error StatusCode:\r\n403, RequestID: 1, api error ExpiredToken: m\r\n",
        ),
        (
            2,
            "validating provider credentials: retrieving caller identity from STS:\n\n\noperation error STS: GetCallerIdentity, https response error StatusCode:\n403, RequestID: 1, api error ExpiredToken: m\n",
        ),
        (
            3,
            "│ operation error STS: GetCallerIdentity, https response error StatusCode:\n│ \n│ 403, RequestID: 1, api error ExpiredToken: m\n",
        ),
        (
            60,
            "An error occurred\r(ExpiredToken) when calling the X operation: m\r",
        ),
    ] {
        let mut s = String::new();
        for i in 0..before {
            s.push_str(&format!("{i} {filler}\n"));
        }
        s.push_str(wrapped);
        streams.push(s);
    }
    for stream in streams {
        let bytes = stream.as_bytes();
        let read = |pieces: &[&[u8]]| {
            let mut s = Scanner::new("tool");
            for piece in pieces {
                s.feed(piece);
            }
            s.finish().map(|f| f.rule.id)
        };
        let whole = read(&[bytes]);
        // Cuts near every line end (every offset would take long on these lengths).
        for (i, _) in stream.match_indices(['\n', '\r']) {
            for cut in i.saturating_sub(2)..(i + 3).min(bytes.len()) {
                assert_eq!(read(&[&bytes[..cut], &bytes[cut..]]), whole, "cut at {cut}");
            }
        }
        let mut s = Scanner::new("tool");
        for b in stream.as_bytes() {
            s.feed(std::slice::from_ref(b));
        }
        assert_eq!(s.finish().map(|f| f.rule.id), whole, "{stream:?}");
    }
    // A wrapped failure is found whatever came before it in its paragraph.
    let read = |stream: &str| {
        let mut s = Scanner::new("tool");
        s.feed(stream.as_bytes());
        s.finish().map(|f| f.rule.id)
    };
    let long = format!(
        "{}error calling sts:GetCallerIdentity: ExpiredToken:\nThe security token included in the request is expired\n",
        format!("{filler}\n").repeat(80)
    );
    assert_eq!(read(&long), Some("expired-token"));
    let long = long.replace(
        "\nThe security token included in the request is expired",
        "\nm",
    );
    assert_eq!(read(&long), Some("expired-token"));
}

/// The release build has no Unicode tables for `\b`, `\w`, `\d` and `\s` (Cargo.toml), but
/// the tests do (a dev-dependency turns them on): a pattern must not need them, or it would
/// pass here and fail to compile in the release build.
#[test]
fn patterns_need_no_unicode_classes() {
    for source in [include_str!("../scan.rs"), include_str!("../rules.rs")] {
        let code = source.split("#[cfg(test)]").next().unwrap();
        for class in [r"\w", r"\d", r"\s", r"\W", r"\D", r"\S", r"\B"] {
            assert!(!code.contains(class), "{class} in a pattern");
        }
        let bare = code.matches(r"\b").count();
        let ascii = code.matches(r"(?-u:\b)").count();
        assert_eq!(bare, ascii, "every \\b is (?-u:\\b)");
    }
}

/// A tool on any SDK is recognised from the AWS code or message it passes on, in whatever
/// frame it puts them: one mechanism, no rule per tool.
#[test]
fn codes_and_messages_in_any_tools_words() {
    for (stream, want) in [
        // The AWS CDK's current error lines: a marker glyph, or the stack's name.
        (
            "‣ UnrecognizedClientException: The security token included in the request is invalid.\n",
            "unrecognized-client",
        ),
        (
            "Demo: The security token included in the request is invalid.\n",
            "invalid-token-message",
        ),
        (
            "Demo: Signature expired: 20261127T080000Z is now earlier than 20261127T081500Z (20261127T082000Z - 5 min.)\n",
            "signature-expired-message",
        ),
        (
            "‣ InvalidSignatureException: Signature expired: 20261127T080000Z is now earlier than 20261127T081500Z (20261127T082000Z - 5 min.)\n",
            "invalid-signature-expired",
        ),
        // The message alone.
        (
            "The security token included in the request is invalid.\n",
            "invalid-token-message",
        ),
        // s3cmd: the code in parentheses after the status.
        (
            "ERROR: S3 error: 403 (InvalidAccessKeyId): The AWS Access Key Id you provided does not exist in our records.\n",
            "invalid-access-key-id",
        ),
        (
            "ERROR: S3 error: 403 (RequestTimeTooSkewed): The difference between the request time and the current time is too large.\n",
            "request-time-too-skewed",
        ),
        (
            "ERROR: S3 error: 403 (SignatureDoesNotMatch): The request signature we calculated does not match the signature you provided. Check your key and signing method.\n",
            "signature-mismatch",
        ),
        // rclone (Go v1): `CODE: MESSAGE` after its own words, the status on the next line.
        (
            "2026/12/04 17:58:17 ERROR : : error listing: ExpiredToken: The provided token has expired.\n\tstatus code: 400, request id: 5a3a, host id: \n",
            "expired-token",
        ),
        // restic (minio-go): the message alone after its own words.
        (
            "Fatal: unable to open config file: Stat: The difference between the request time and the current time is too large.\n",
            "time-too-skewed-message",
        ),
        // The AWS SDK for Rust's Debug of an error, and a field that holds the code.
        (
            "Error: ServiceError(ServiceError { source: Unhandled(Unhandled { source: ErrorMetadata { code: Some(\"ExpiredToken\"), message: Some(\"The security token included in the request is expired\"), extras: None } }) })\n",
            "expired-token",
        ),
        (
            "Error: service error: unhandled error (InvalidClientTokenId): Error { code: \"InvalidClientTokenId\", message: \"The security token included in the request is invalid.\" }\n",
            "invalid-client-token-id",
        ),
        (
            "  code: 'SignatureDoesNotMatch',\n  message: 'Signature not yet current: 20261127T090000Z is still later than 20261127T082500Z (20261127T082000Z + 5 min.)',\n",
            "signature-not-yet-current",
        ),
        // The MinIO Python client's S3Error: the code and the message as bare fields.
        (
            "minio.error.S3Error: S3 operation failed; code: InvalidAccessKeyId, message: The AWS Access Key Id you provided does not exist in our records., resource: None, request_id: 5a3a, host_id: stub\n",
            "invalid-access-key-id",
        ),
        (
            "minio.error.S3Error: S3 operation failed; code: ExpiredToken, message: The provided token has expired., resource: None, request_id: 5a3a, host_id: stub\n",
            "expired-token",
        ),
        // Go v2 wherever the chain puts it.
        (
            "failed: retrieving caller identity: https response error StatusCode: 403, RequestID: 1, api error InvalidClientTokenId: The security token included in the request is invalid.\n",
            "invalid-client-token-id",
        ),
    ] {
        assert_eq!(id(stream), Some(want), "{stream:?}");
        let found = scan(stream.as_bytes()).unwrap();
        assert_ne!(found.family(), Family::Ambiguous);
    }
}

/// Words and codes that stand in prose, in other words, in a quoted response body or a
/// failure of another kind are not credential failures.
#[test]
fn a_code_or_message_only_where_one_stands() {
    for stream in [
        "The ExpiredToken code means expired credentials\n",
        "KeyError: 'ExpiredToken'\n",
        "handled ExpiredTokenException2 gracefully\n",
        "MyExpiredTokenHandler: ok\n",
        "ExpiredToken_count: 3\n",
        "note: An error occurred (ExpiredToken) earlier; retrying\n",
        "DEBUG - Response body: b'<ErrorResponse><Error><Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message></Error></ErrorResponse>'\n",
        "DEBUG - Response body: {\"__type\":\"com.amazon.coral.service#UnrecognizedClientException\",\"message\":\"The security token included in the request is invalid.\"}\n",
        "the session has expired; log in again when ready\n",
        "warning: token is invalid for this cache, ignoring\n",
        "ERROR: S3 error: 403 (AccessDenied): Access Denied\n",
        "ERROR: S3 error: 404 (NoSuchBucket): The specified bucket does not exist\n",
        "WARNING: Retrying failed request: /?location (503 (SlowDown): Please reduce your request rate.)\n",
        "error listing: AccessDenied: Access Denied\n\tstatus code: 403, request id: 1\n",
        "Fatal: unable to open config file: Stat: Access Denied.\n",
        "Error: service error: unhandled error (ValidationError): Error { code: \"ValidationError\", message: \"1 validation error detected\" }\n",
        "(SignatureDoesNotMatch): The request signature we calculated for this upload differs\n",
        "code: Some(\"SignatureDoesNotMatch\"), message: Some(\"Credential should be scoped to a valid region.\")\n",
        "Request has expired.\n",
        "minio.error.S3Error: S3 operation failed; code: AccessDenied, message: Access Denied, resource: None\n",
        "error code: ExpiredTokens, retrying\n",
        "errorCode=ExpiredTokenX\n",
        "dial tcp 127.0.0.1:9: connect: connection refused\n",
    ] {
        assert_eq!(id(stream), None, "{stream:?}");
    }
}
