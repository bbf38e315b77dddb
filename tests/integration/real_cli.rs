//! The real AWS CLI against a stub endpoint on 127.0.0.1, run directly and through the shim:
//! the same exit code and stdout, the original stderr kept byte-identical, and one explanation
//! after it in the chosen language.

use crate::support::{self, Sandbox};
use aws_shim::advice;
use aws_shim::context::{self, Inputs};
use aws_shim::i18n::{Catalogue, Lang};
use aws_shim::render::Look;
use aws_shim::{config, render, rules};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

/// An HTTP endpoint on 127.0.0.1 that answers every request with the same response, until it
/// is dropped.
pub(crate) struct Stub {
    port: u16,
    stop: Arc<AtomicBool>,
    requests: Arc<AtomicUsize>,
    thread: Option<JoinHandle<()>>,
}

/// An HTTP response with this status line, content type and body.
pub(crate) fn response(status: &str, content_type: &str, body: &str) -> String {
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         x-amzn-RequestId: 5a3a0b9e-8c1d-4f3e-9a51-3c3f0b0c2d11\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

impl Stub {
    pub(crate) fn start(status: &str, content_type: &str, body: &str) -> Stub {
        Stub::sequence(&[(status, content_type, body)])
    }

    /// Answers the requests in turn with these responses; the last one repeats.
    pub(crate) fn sequence(responses: &[(&str, &str, &str)]) -> Stub {
        let responses: Vec<String> = responses
            .iter()
            .map(|(status, content_type, body)| response(status, content_type, body))
            .collect();
        Stub::serve(move |n, _| responses[n.min(responses.len() - 1)].clone())
    }

    /// Answers each request with what `answer` makes of its number (from 0) and its bytes
    /// (head and body).
    pub(crate) fn serve(answer: impl Fn(usize, &[u8]) -> String + Send + 'static) -> Stub {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let requests = Arc::new(AtomicUsize::new(0));
        let thread = std::thread::spawn({
            let (stop, requests) = (stop.clone(), requests.clone());
            move || {
                for conn in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(mut conn) = conn else { continue };
                    if let Some(request) = read_request(&mut conn) {
                        let n = requests.fetch_add(1, Ordering::SeqCst);
                        let _ = conn.write_all(answer(n, &request).as_bytes());
                    }
                }
            }
        });
        Stub {
            port,
            stop,
            requests,
            thread: Some(thread),
        }
    }

    pub(crate) fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Stub {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so that it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Read one request (head and `Content-Length` body); `None` when the peer went away.
fn read_request(conn: &mut TcpStream) -> Option<Vec<u8>> {
    conn.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
    let mut data = Vec::new();
    let mut buf = [0u8; 8192];
    let head_end = loop {
        if let Some(i) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = conn.read(&mut buf).ok().filter(|&n| n > 0)?;
        data.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&data[..head_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    while data.len() < head_end + length {
        let n = conn.read(&mut buf).ok().filter(|&n| n > 0)?;
        data.extend_from_slice(&buf[..n]);
    }
    Some(data)
}

/// The real AWS CLI on the caller's PATH (not a stand-in).
fn real_aws() -> Option<PathBuf> {
    if !support::have_tool("aws") {
        return None;
    }
    let out = std::process::Command::new("sh")
        .args(["-c", "command -v aws"])
        .output()
        .ok()?;
    let path = String::from_utf8(out.stdout).ok()?;
    Some(PathBuf::from(path.trim())).filter(|p| p.is_absolute())
}

/// Fake temporary credentials and no instance metadata lookups.
const CREDENTIALS: &[(&str, &str)] = &[
    ("AWS_ACCESS_KEY_ID", "ASIAIOSFODNN7EXAMPLE"),
    (
        "AWS_SECRET_ACCESS_KEY",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    ),
    ("AWS_SESSION_TOKEN", "IQoJb3JpZ2luX2VjEXAMPLETOKEN"),
    ("AWS_EC2_METADATA_DISABLED", "true"),
];

/// One scenario: a sandbox and the real CLI, with PATH = the shim's bin, the real CLI's
/// directory, the system.
struct Cli {
    sandbox: Sandbox,
    real: PathBuf,
}

impl Cli {
    fn new() -> Option<Cli> {
        Some(Cli {
            sandbox: Sandbox::new(),
            real: real_aws()?,
        })
    }

    fn args(args: &[&str], stub: &Stub) -> Vec<String> {
        let mut all: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        all.extend([
            "--endpoint-url".to_owned(),
            stub.url(),
            "--region".to_owned(),
            "us-east-1".to_owned(),
        ]);
        all
    }

    fn run(&self, program: &Path, args: &[String], lang: &str) -> Output {
        let real_dir = self.real.parent().unwrap().to_path_buf();
        let path = std::env::join_paths([
            self.sandbox.path().join("bin"),
            real_dir,
            "/usr/local/bin".into(),
            "/usr/bin".into(),
            "/bin".into(),
        ])
        .unwrap();
        let mut cmd = self.sandbox.command(program);
        cmd.env("PATH", path).env("AWS_SHIM_LANG", lang).args(args);
        for (k, v) in CREDENTIALS {
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    }

    fn direct(&self, args: &[String]) -> Output {
        self.run(&self.real, args, "en")
    }

    fn shim(&self, args: &[String], lang: &str) -> Output {
        self.run(&self.sandbox.aws(), args, lang)
    }

    /// The explanation the shim should add for `line`, computed from the same inputs the shim
    /// sees.
    fn expected_explanation(&self, line: &[u8], args: &[String], lang: Lang) -> String {
        let mut env: Vec<(String, String)> = CREDENTIALS
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        env.push((
            "AWS_CONFIG_FILE".into(),
            self.sandbox
                .home()
                .join(".aws/config")
                .display()
                .to_string(),
        ));
        env.push((
            "AWS_SHARED_CREDENTIALS_FILE".into(),
            self.sandbox
                .home()
                .join(".aws/credentials")
                .display()
                .to_string(),
        ));
        env.retain(|(k, _)| {
            config::CONTEXT_VARS.contains(&k.as_str())
                || aws_shim::context::EXPORTED_VARS.contains(&k.as_str())
        });
        let inputs = Inputs {
            env: env.into_iter().collect(),
            home: Some(self.sandbox.home()),
            profile_arg: aws_shim::args::AwsArgs::parse(
                &args
                    .iter()
                    .map(std::ffi::OsString::from)
                    .collect::<Vec<_>>(),
            )
            .profile,
            now: Some(jiff::Timestamp::now()),
            on_ec2: false,
            default_profile_first: false,
        };
        let ctx = context::resolve(&inputs);
        let found = rules::recognise(line).expect("the CLI's error line is recognised");
        let advice = advice::advise(&found, &ctx);
        let look = Look {
            lang,
            tz: Look::system_tz(),
            color: false,
        };
        render::explanation(&advice, &ctx, &look)
    }
}

/// The last line of `stderr` (without its newline).
fn last_line(stderr: &[u8]) -> &[u8] {
    let body = stderr.strip_suffix(b"\n").unwrap_or(stderr);
    body.rsplit(|&b| b == b'\n').next().unwrap_or(body)
}

/// The shim behaves like the CLI and adds exactly the explanation, in `lang`, after the
/// untouched original stderr.
fn assert_explained(
    cli: &Cli,
    args: &[String],
    direct: &Output,
    shim: &Output,
    lang: &str,
    rule: &str,
) {
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    assert!(
        !direct.status.success(),
        "the CLI failed: {}",
        text(&direct.stderr)
    );
    assert_eq!(shim.status.code(), direct.status.code(), "same exit code");
    assert_eq!(shim.stdout, direct.stdout, "same stdout");

    let line = last_line(&direct.stderr);
    let found = rules::recognise(line)
        .unwrap_or_else(|| panic!("unexpected CLI stderr: {}", text(&direct.stderr)));
    assert_eq!(found.rule.id, rule);
    assert!(
        shim.stderr.starts_with(&direct.stderr),
        "the original stderr comes first, byte-identical (append mode):\n{}",
        text(&shim.stderr)
    );

    let lang = Lang::from_code(lang).unwrap();
    let added = text(&shim.stderr[direct.stderr.len()..]);
    assert_eq!(
        added,
        format!("{}\n", cli.expected_explanation(line, args, lang))
    );
    assert_eq!(added.matches("aws-shim:").count(), 1, "one explanation");
    let why = Catalogue::load(lang).get("label-why", &[]).unwrap();
    assert!(
        added.contains(&format!("  {why}: ")),
        "the explanation is in {}:\n{added}",
        lang.code()
    );
}

#[test]
fn sts_expired_token_is_explained_in_english_and_japanese() {
    let stub = Stub::start(
        "403 Forbidden",
        "text/xml",
        "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>\
         <Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message>\
         </Error><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ErrorResponse>",
    );
    let Some(cli) = Cli::new() else { return };
    let args = Cli::args(&["sts", "get-caller-identity"], &stub);
    let direct = cli.direct(&args);
    let en = cli.shim(&args, "en");
    let ja = cli.shim(&args, "ja");
    assert_explained(&cli, &args, &direct, &en, "en", "expired-token");
    assert_explained(&cli, &args, &direct, &ja, "ja", "expired-token");
    assert_ne!(en.stderr, ja.stderr, "the two languages differ");
    assert!(
        String::from_utf8_lossy(&ja.stderr).contains("ます"),
        "Japanese, in the polite style"
    );
    assert!(
        stub.requests.load(Ordering::SeqCst) >= 3,
        "every run reached the stub"
    );
}

#[test]
fn s3_ls_expired_token_is_explained() {
    let stub = Stub::start(
        "400 Bad Request",
        "application/xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>ExpiredToken</Code>\
         <Message>The provided token has expired.</Message><Token-0>IQoJb3JpZ2luX2VjEXAMPLETOKEN</Token-0>\
         <RequestId>4442587FB7D0A2F9</RequestId><HostId>ZmFrZSBob3N0IGlk</HostId></Error>",
    );
    let Some(cli) = Cli::new() else { return };
    let args = Cli::args(&["s3", "ls"], &stub);
    let direct = cli.direct(&args);
    let shim = cli.shim(&args, "ja");
    assert_explained(&cli, &args, &direct, &shim, "ja", "expired-token");
}

#[test]
fn dynamodb_expired_token_exception_is_explained() {
    let stub = Stub::start(
        "400 Bad Request",
        "application/x-amz-json-1.0",
        "{\"__type\":\"com.amazon.coral.service#ExpiredTokenException\",\
         \"message\":\"The security token included in the request is expired\"}",
    );
    let Some(cli) = Cli::new() else { return };
    let args = Cli::args(&["dynamodb", "list-tables"], &stub);
    let direct = cli.direct(&args);
    let shim = cli.shim(&args, "en");
    assert_explained(&cli, &args, &direct, &shim, "en", "expired-token-exception");
}

#[test]
fn a_successful_call_passes_untouched() {
    let stub = Stub::start(
        "200 OK",
        "text/xml",
        "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\
         <GetCallerIdentityResult><Arn>arn:aws:sts::123456789012:assumed-role/Developer/session</Arn>\
         <UserId>AROA3XFRBF535PLBIFPI4:session</UserId><Account>123456789012</Account></GetCallerIdentityResult>\
         <ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>\
         </GetCallerIdentityResponse>",
    );
    let Some(cli) = Cli::new() else { return };
    let args = Cli::args(&["sts", "get-caller-identity"], &stub);
    let direct = cli.direct(&args);
    let shim = cli.shim(&args, "ja");
    assert!(
        direct.status.success(),
        "{}",
        String::from_utf8_lossy(&direct.stderr)
    );
    assert_eq!(shim.status.code(), direct.status.code());
    assert!(
        String::from_utf8_lossy(&direct.stdout)
            .contains("arn:aws:sts::123456789012:assumed-role/Developer/session")
    );
    assert_eq!(shim.stdout, direct.stdout, "same stdout");
    assert_eq!(direct.stderr, b"", "the CLI wrote nothing on stderr");
    assert_eq!(shim.stderr, b"", "nor did the shim");
}

// The credential context with the real AWS CLI: each scenario sets up a HOME as the CLI would
// find it, the stub answers STS with ExpiredToken (or the CLI fails before any call), and the
// remedy must name the right command and profile; Cloud9 advice only in Cloud9.

const STS_EXPIRED: &str = "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>\
     <Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message>\
     </Error><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ErrorResponse>";

const CLOUD9_HEADER: &str = "# Do not modify this file, if this file is modified it will not be updated. If the file is deleted, it will be recreated on Fri Nov 27 2026 07:50:00 GMT+0000 (Coordinated Universal Time).\n# 8220f463d27c92d456e0ed80ea067a64888dfe3e4870771adbdb039064ecfeda #\n";

const FILE_SESSION: &str = "[default]\naws_access_key_id=ASIAFIXTUREKEYID0001\naws_secret_access_key=fixtureSecretAccessKey0001\naws_session_token=fixtureSessionToken0001\n";

/// Run `aws ARGS` through the shim with the real CLI and only `env` (no exported keys unless
/// given), English; returns the shim's output and the direct call's.
fn through_shim(
    s: &Sandbox,
    real: &Path,
    args: &[String],
    env: &[(&str, &str)],
) -> (Output, Output) {
    (
        run_one(s, real, &s.aws(), args, env),
        run_one(s, real, real, args, env),
    )
}

/// Run `program` (the shim's link or the real CLI) with PATH leading to the real CLI.
fn run_one(
    s: &Sandbox,
    real: &Path,
    program: &Path,
    args: &[String],
    env: &[(&str, &str)],
) -> Output {
    let path = std::env::join_paths([
        s.path().join("bin"),
        real.parent().unwrap().to_path_buf(),
        "/usr/local/bin".into(),
        "/usr/bin".into(),
        "/bin".into(),
    ])
    .unwrap();
    let mut cmd = s.command(program);
    cmd.env("PATH", &path)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_SHIM_LANG", "en")
        .args(args)
        .stdin(std::process::Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

/// The shim's addition to the CLI's stderr, after checking that the CLI's own bytes, stdout and
/// exit code are untouched and that `rule` was what the CLI reported.
fn addition(shim: &Output, direct: &Output, rule: &str) -> String {
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    assert!(!direct.status.success());
    assert_eq!(shim.status.code(), direct.status.code());
    assert_eq!(shim.stdout, direct.stdout);
    let found = rules::recognise(last_line(&direct.stderr))
        .unwrap_or_else(|| panic!("unexpected CLI stderr: {}", text(&direct.stderr)));
    assert_eq!(found.rule.id, rule, "{}", text(&direct.stderr));
    assert!(
        shim.stderr.starts_with(&direct.stderr),
        "{}",
        text(&shim.stderr)
    );
    text(&shim.stderr[direct.stderr.len()..])
}

fn en(id: &str) -> String {
    support::catalogue_text("en", id)
}

#[test]
fn cloud9_managed_credentials_get_the_owner_advice_and_only_in_cloud9() {
    let stub = Stub::start("403 Forbidden", "text/xml", STS_EXPIRED);
    let Some(real) = real_aws() else { return };
    let args = Cli::args(&["sts", "get-caller-identity"], &stub);

    let s = Sandbox::new();
    s.write(
        "home/.aws/credentials",
        format!("{CLOUD9_HEADER}{FILE_SESSION}"),
    );
    let (shim, direct) = through_shim(
        &s,
        &real,
        &args,
        &[("C9_PID", "0123456789abcdef"), ("C9_PROJECT", "demo")],
    );
    let added = addition(&shim, &direct, "expired-token");
    assert!(added.contains(&en("cloud9-expired")), "{added}");
    assert!(added.contains(&en("step-cloud9-ask-owner")), "{added}");

    // The same keys copied into a plain credentials file, outside Cloud9: not a word of it.
    let s = Sandbox::new();
    s.write("home/.aws/credentials", FILE_SESSION);
    let (shim, direct) = through_shim(&s, &real, &args, &[]);
    let added = addition(&shim, &direct, "expired-token");
    assert!(
        !added.contains("Cloud9") && !added.contains("owner"),
        "{added}"
    );
    assert!(added.contains("profile default"), "{added}");
    assert!(
        added.contains("credentials file"),
        "file session keys: {added}"
    );
}

#[test]
fn an_exported_session_past_its_expiry_names_the_variables() {
    let Some(real) = real_aws() else { return };
    let s = Sandbox::new();
    // An hour ago, written with a +09:00 offset.
    let past = jiff::Timestamp::now()
        .checked_sub(jiff::SignedDuration::from_hours(1))
        .unwrap()
        .to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(9)))
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string();
    let args = vec![
        "sts".to_owned(),
        "get-caller-identity".to_owned(),
        "--region".to_owned(),
        "us-east-1".to_owned(),
    ];
    let mut env: Vec<(&str, &str)> = CREDENTIALS.to_vec();
    env.push(("AWS_CREDENTIAL_EXPIRATION", &past));
    let (shim, direct) = through_shim(&s, &real, &args, &env);
    let added = addition(&shim, &direct, "refreshed-still-expired");
    assert!(
        added.contains("unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_CREDENTIAL_EXPIRATION"),
        "{added}"
    );
    assert!(!added.contains("aws sso login"), "{added}");
}

#[test]
fn an_expired_legacy_sso_profile_gets_sso_login_for_that_profile() {
    let Some(real) = real_aws() else { return };
    let s = Sandbox::new();
    let start_url = "https://example.awsapps.com/start";
    s.write(
        "home/.aws/config",
        format!(
            "[profile dev]\nsso_start_url = {start_url}\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Developer\nregion = us-east-1\n"
        ),
    );
    // The CLI's legacy token cache: sha1 of the start URL, expired an hour ago.
    let name = support::python_sha1(start_url);
    let expired = jiff::Timestamp::now()
        .checked_sub(jiff::SignedDuration::from_hours(1))
        .unwrap()
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    s.write(
        &format!("home/.aws/sso/cache/{name}.json"),
        format!("{{\"startUrl\": \"{start_url}\", \"region\": \"us-east-1\", \"accessToken\": \"fixtureAccessToken\", \"expiresAt\": \"{expired}\"}}"),
    );
    let args: Vec<String> = ["sts", "get-caller-identity", "--profile", "dev"]
        .map(String::from)
        .to_vec();
    let (shim, direct) = through_shim(&s, &real, &args, &[]);
    let added = addition(&shim, &direct, "sso-session-expired");
    assert!(added.contains("aws sso login --profile dev"), "{added}");
}

#[test]
fn an_assumed_role_with_mfa_names_its_cache_file() {
    let stub = Stub::start("403 Forbidden", "text/xml", STS_EXPIRED);
    let Some(real) = real_aws() else { return };
    let s = Sandbox::new();
    let role = "arn:aws:iam::123456789012:role/Admin";
    let mfa = "arn:aws:iam::123456789012:mfa/alice";
    s.write(
        "home/.aws/config",
        format!("[profile base]\nregion = us-east-1\n[profile admin]\nrole_arn = {role}\nsource_profile = base\nmfa_serial = {mfa}\nregion = us-east-1\n"),
    );
    s.write(
        "home/.aws/credentials",
        "[base]\naws_access_key_id = AKIAFIXTUREKEYID0002\naws_secret_access_key = fixtureSecretAccessKey0002\n",
    );
    // The cache file the CLI itself looks for (botocore: sha1 of the sorted JSON of the
    // AssumeRole arguments), still valid by its own clock, so that no MFA code is asked for.
    let key = support::python_sha1(&format!(
        "{{\"RoleArn\": \"{role}\", \"SerialNumber\": \"{mfa}\"}}"
    ));
    let later = jiff::Timestamp::now()
        .checked_add(jiff::SignedDuration::from_hours(1))
        .unwrap()
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    let cache = s.write(
        &format!("home/.aws/cli/cache/{key}.json"),
        format!(
            "{{\"Credentials\": {{\"AccessKeyId\": \"ASIAFIXTUREKEYID0003\", \"SecretAccessKey\": \"fixtureSecretAccessKey0003\", \
             \"SessionToken\": \"fixtureSessionToken0003\", \"Expiration\": \"{later}\"}}, \
             \"AssumedRoleUser\": {{\"AssumedRoleId\": \"AROAFIXTURE:botocore-session-1\", \"Arn\": \"arn:aws:sts::123456789012:assumed-role/Admin/botocore-session-1\"}}}}"
        ),
    );
    let args = Cli::args(&["sts", "get-caller-identity", "--profile", "admin"], &stub);
    let (shim, direct) = through_shim(&s, &real, &args, &[]);
    let added = addition(&shim, &direct, "expired-token");
    assert!(
        added.contains(&format!("rm {}", cache.display()))
            || added.contains(&format!("rm ~/.aws/cli/cache/{key}.json")),
        "{added}"
    );
    assert!(added.contains("profile admin"), "{added}");
    assert!(added.contains(mfa), "the MFA device: {added}");
    assert!(!added.contains("aws sso login"), "{added}");
}

// Every family with the real AWS CLI, the retry suffix, and the ordinary errors that must
// pass untouched.

/// An S3 error body.
fn s3_error(code: &str, message: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{message}</Message>\
         <RequestId>4442587FB7D0A2F9</RequestId><HostId>ZmFrZSBob3N0IGlk</HostId></Error>"
    )
}

/// An STS (query protocol) error body.
fn sts_error(code: &str, message: &str) -> String {
    format!(
        "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>\
         <Code>{code}</Code><Message>{message}</Message></Error>\
         <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ErrorResponse>"
    )
}

/// A JSON-protocol (DynamoDB) error body.
fn json_error(code: &str, message: &str) -> String {
    format!("{{\"__type\":\"com.amazon.coral.service#{code}\",\"message\":\"{message}\"}}")
}

/// The real CLI against `stub` with `args`, through the shim and directly, with `env` added
/// to the fake credentials; the shim's addition after checking the CLI's bytes are intact.
fn explained_by_real_cli(
    stub: &Stub,
    args: &[&str],
    env: &[(&str, &str)],
    rule: &str,
) -> Option<(String, String)> {
    let real = real_aws()?;
    let s = Sandbox::new();
    let args = Cli::args(args, stub);
    let mut all: Vec<(&str, &str)> = CREDENTIALS.to_vec();
    all.extend_from_slice(env);
    let (shim, direct) = through_shim(&s, &real, &args, &all);
    let added = addition(&shim, &direct, rule);
    Some((
        String::from_utf8_lossy(last_line(&direct.stderr)).into_owned(),
        added,
    ))
}

#[test]
fn every_family_with_the_real_cli() {
    let xml = "application/xml";
    let cases: Vec<(Stub, Vec<&str>, &str, &str)> = vec![
        (
            Stub::start(
                "403 Forbidden",
                xml,
                &s3_error(
                    "InvalidAccessKeyId",
                    "The AWS Access Key Id you provided does not exist in our records.",
                ),
            ),
            vec!["s3api", "list-buckets"],
            "invalid-access-key-id",
            "invalid-key",
        ),
        (
            Stub::start(
                "401 Unauthorized",
                "text/xml;charset=UTF-8",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>AuthFailure</Code><Message>AWS was not able to validate the provided access credentials</Message></Error></Errors><RequestID>59dbff89-35bd-4eac-99ed-be587EXAMPLE</RequestID></Response>",
            ),
            vec!["ec2", "describe-instances"],
            "auth-failure",
            "invalid-key",
        ),
        (
            Stub::start(
                "403 Forbidden",
                xml,
                &s3_error(
                    "RequestTimeTooSkewed",
                    "The difference between the request time and the current time is too large.",
                ),
            ),
            vec!["s3api", "list-buckets"],
            "request-time-too-skewed",
            "clock-skew",
        ),
        (
            Stub::start(
                "403 Forbidden",
                "text/xml",
                &sts_error(
                    "SignatureDoesNotMatch",
                    "Signature expired: 20261127T080000Z is now earlier than 20261127T081500Z (20261127T082000Z - 5 min.)",
                ),
            ),
            vec!["sts", "get-caller-identity"],
            "signature-expired",
            "clock-skew",
        ),
        (
            Stub::start(
                "403 Forbidden",
                "text/xml",
                &sts_error(
                    "SignatureDoesNotMatch",
                    "Signature not yet current: 20261127T090000Z is still later than 20261127T082500Z (20261127T082000Z + 5 min.)",
                ),
            ),
            vec!["sts", "get-caller-identity"],
            "signature-not-yet-current",
            "clock-skew",
        ),
        (
            Stub::start(
                "400 Bad Request",
                "application/x-amz-json-1.0",
                &json_error(
                    "InvalidSignatureException",
                    "Signature expired: 20261127T080000Z is now earlier than 20261127T081500Z (20261127T082000Z - 5 min.)",
                ),
            ),
            vec!["dynamodb", "list-tables"],
            "invalid-signature-expired",
            "clock-skew",
        ),
        (
            Stub::start(
                "400 Bad Request",
                "application/x-amz-json-1.0",
                &json_error(
                    "InvalidSignatureException",
                    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
                ),
            ),
            vec!["dynamodb", "list-tables"],
            "invalid-signature-mismatch",
            "signature-mismatch",
        ),
        (
            Stub::start(
                "403 Forbidden",
                xml,
                &s3_error(
                    "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
                ),
            ),
            vec!["s3api", "list-buckets"],
            "signature-mismatch",
            "signature-mismatch",
        ),
    ];
    for (stub, args, rule, situation) in cases {
        let Some((line, added)) = explained_by_real_cli(&stub, &args, &[], rule) else {
            return;
        };
        assert!(added.contains(&en(situation)), "{line}\n{added}");
    }
}

#[test]
fn the_retry_suffix_is_explained_and_kept() {
    let expired = sts_error(
        "ExpiredToken",
        "The security token included in the request is expired",
    );
    // One attempt allowed: every error carries the suffix (standard retry mode).
    let stub = Stub::start("403 Forbidden", "text/xml", &expired);
    let env = [("AWS_RETRY_MODE", "standard"), ("AWS_MAX_ATTEMPTS", "1")];
    let Some((line, added)) = explained_by_real_cli(
        &stub,
        &["sts", "get-caller-identity"],
        &env,
        "expired-token",
    ) else {
        return;
    };
    assert!(
        line.contains("operation (reached max retries: 0): "),
        "{line}"
    );
    assert!(added.contains("aws-shim:"), "{added}");
    // Two server errors, then the expired token on the last allowed attempt: the shim and
    // the CLI each get a stub of their own, since the answers depend on the request count.
    let busy = sts_error("InternalFailure", "An internal error occurred.");
    let answers = [
        ("500 Internal Server Error", "text/xml", busy.as_str()),
        ("500 Internal Server Error", "text/xml", busy.as_str()),
        ("403 Forbidden", "text/xml", expired.as_str()),
    ];
    let (for_shim, for_cli) = (Stub::sequence(&answers), Stub::sequence(&answers));
    let real = real_aws().unwrap();
    let s = Sandbox::new();
    let mut env: Vec<(&str, &str)> = CREDENTIALS.to_vec();
    env.extend([("AWS_RETRY_MODE", "standard"), ("AWS_MAX_ATTEMPTS", "3")]);
    let shim_args = Cli::args(&["sts", "get-caller-identity"], &for_shim);
    let cli_args = Cli::args(&["sts", "get-caller-identity"], &for_cli);
    let shim = run_one(&s, &real, &s.aws(), &shim_args, &env);
    let direct = run_one(&s, &real, &real, &cli_args, &env);
    let with_port = |text: &[u8], stub: &Stub| {
        String::from_utf8_lossy(text).replace(&stub.port.to_string(), "PORT")
    };
    let line = with_port(last_line(&direct.stderr), &for_cli);
    assert!(
        line.contains("operation (reached max retries: 2): "),
        "{line}"
    );
    assert_eq!(for_cli.requests.load(Ordering::SeqCst), 3);
    assert_eq!(for_shim.requests.load(Ordering::SeqCst), 3);
    let shim_text = with_port(&shim.stderr, &for_shim);
    let direct_text = with_port(&direct.stderr, &for_cli);
    assert!(shim_text.starts_with(&direct_text), "{shim_text}");
    assert!(
        shim_text[direct_text.len()..].contains(&en("exported-expired")),
        "{shim_text}"
    );
}

#[test]
fn ordinary_errors_pass_byte_identical() {
    let Some(real) = real_aws() else { return };
    let xml = "application/xml";
    let json = "application/x-amz-json-1.0";
    type Case<'a> = (Stub, Vec<&'a str>, Vec<(&'a str, &'a str)>);
    let cases: Vec<Case> = vec![
        (
            Stub::start(
                "403 Forbidden",
                xml,
                &s3_error("AccessDenied", "Access Denied"),
            ),
            vec!["s3api", "list-buckets"],
            vec![],
        ),
        (
            Stub::start(
                "404 Not Found",
                xml,
                &s3_error("NoSuchBucket", "The specified bucket does not exist"),
            ),
            vec!["s3api", "list-objects-v2", "--bucket", "b"],
            vec![],
        ),
        (
            Stub::start(
                "400 Bad Request",
                "text/xml",
                &sts_error("ValidationError", "1 validation error detected"),
            ),
            vec!["sts", "get-caller-identity"],
            vec![],
        ),
        (
            Stub::start(
                "400 Bad Request",
                json,
                &json_error("ResourceNotFoundException", "Requested resource not found"),
            ),
            vec!["dynamodb", "describe-table", "--table-name", "t"],
            vec![],
        ),
        (
            Stub::start(
                "400 Bad Request",
                "text/xml",
                &sts_error("Throttling", "Rate exceeded"),
            ),
            vec!["sts", "get-caller-identity"],
            vec![("AWS_RETRY_MODE", "standard"), ("AWS_MAX_ATTEMPTS", "1")],
        ),
        (
            Stub::start(
                "400 Bad Request",
                "text/xml",
                &sts_error("AccessDenied", "User is not authorized"),
            ),
            vec!["sts", "get-caller-identity"],
            vec![("AWS_RETRY_MODE", "standard"), ("AWS_MAX_ATTEMPTS", "1")],
        ),
        // A parameter error: the CLI stops before any request.
        (
            Stub::start("200 OK", xml, ""),
            vec!["s3api", "list-objects-v2"],
            vec![],
        ),
        (
            Stub::start("200 OK", xml, ""),
            vec!["s3api", "get-object", "--bucket", "b", "--key"],
            vec![],
        ),
    ];
    for (stub, args, env) in cases {
        let s = Sandbox::new();
        let args = Cli::args(&args, &stub);
        let mut all: Vec<(&str, &str)> = CREDENTIALS.to_vec();
        all.extend(env);
        let (shim, direct) = through_shim(&s, &real, &args, &all);
        assert!(!direct.status.success(), "{args:?}");
        assert!(!direct.stderr.is_empty(), "{args:?}");
        assert_eq!(shim.status.code(), direct.status.code(), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&shim.stderr),
            String::from_utf8_lossy(&direct.stderr),
            "{args:?}"
        );
        assert!(
            std::fs::read_dir(s.state_dir()).map_or(true, |mut d| d.next().is_none()),
            "nothing recorded: {args:?}"
        );
    }
}

#[test]
fn with_cli_v1_and_an_sso_profile_no_advice_names_a_command_v1_lacks() {
    let Some(real) = real_aws() else { return };
    let direct_version = std::process::Command::new(&real)
        .arg("--version")
        .output()
        .unwrap();
    let version = String::from_utf8_lossy(&[direct_version.stdout, direct_version.stderr].concat())
        .into_owned();
    if !version.starts_with("aws-cli/1.") {
        // This test is about AWS CLI v1; the CLI here is another major version.
        support::skip_line(&format!("the AWS CLI here is not v1 ({})", version.trim()));
        return;
    }
    let s = Sandbox::new();
    s.write(
        "home/.aws/config",
        "[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Developer\nregion = us-east-1\n\n[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n",
    );
    let args: Vec<String> = ["sts", "get-caller-identity", "--profile", "dev"]
        .map(String::from)
        .to_vec();
    let (shim, direct) = through_shim(&s, &real, &args, &[]);
    let added = addition(&shim, &direct, "sso-token-missing");
    assert!(added.contains("AWS CLI v1"), "{added}");
    for v2_only in [
        en("step-sso-login"),
        en("step-configure-sso"),
        en("step-aws-login"),
    ] {
        let start = v2_only.split('{').next().unwrap();
        assert!(!added.contains(start), "{start:?} in {added}");
    }
    // A direct v1 call of what v2 would advise does fail: the advice must not send the user there.
    let sso = std::process::Command::new(&real)
        .args(["sso", "login", "--profile", "dev"])
        .env("HOME", s.home())
        .env("AWS_CONFIG_FILE", s.home().join(".aws/config"))
        .output()
        .unwrap();
    assert!(!sso.status.success());
}

/// With both AWS_PROFILE and AWS_DEFAULT_PROFILE set, AWS CLI v1 (botocore) uses
/// AWS_DEFAULT_PROFILE: the explanation and the state name the profile the CLI really used.
#[test]
fn the_profile_follows_the_real_clis_precedence() {
    let stub = Stub::start("403 Forbidden", "text/xml", STS_EXPIRED);
    let Some(real) = real_aws() else { return };
    let version = std::process::Command::new(&real)
        .arg("--version")
        .output()
        .unwrap();
    let version = String::from_utf8_lossy(&[version.stdout, version.stderr].concat()).into_owned();
    let used = if version.starts_with("aws-cli/1.") {
        "second"
    } else {
        "first"
    };
    let s = Sandbox::new();
    support::two_session_profiles(&s, ["", ""]);
    let args = Cli::args(&["sts", "get-caller-identity"], &stub);
    let env = [("AWS_PROFILE", "first"), ("AWS_DEFAULT_PROFILE", "second")];
    let (shim, direct) = through_shim(&s, &real, &args, &env);
    let added = addition(&shim, &direct, "expired-token");
    assert!(added.contains(&format!("profile {used}")), "{added}");
    assert!(s.state_dir().join(format!("{used}.failure")).exists());
}
