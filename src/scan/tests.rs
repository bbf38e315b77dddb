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
    assert_eq!(
        found.message,
        "The security token included in the request is expired"
    );
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
            "operation error STS: GetCallerIdentity, https response error StatusCode:\n\n403, RequestID: 2f6e, api error ExpiredToken: m\n"
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
