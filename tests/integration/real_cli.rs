//! The real AWS CLI against a stub endpoint on 127.0.0.1, run directly and through the shim:
//! the same exit code and stdout, the original stderr kept byte-identical, and one explanation
//! after it in the chosen language.

use crate::support::{self, Sandbox};
use aws_shim::advice::{self, Failure};
use aws_shim::context::{self, Inputs};
use aws_shim::i18n::{Catalogue, Lang};
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
struct Stub {
    port: u16,
    stop: Arc<AtomicBool>,
    requests: Arc<AtomicUsize>,
    thread: Option<JoinHandle<()>>,
}

impl Stub {
    fn start(status: &str, content_type: &str, body: &str) -> Stub {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let response = format!(
            "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
             x-amzn-RequestId: 5a3a0b9e-8c1d-4f3e-9a51-3c3f0b0c2d11\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
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
                    if read_request(&mut conn).is_some() {
                        requests.fetch_add(1, Ordering::SeqCst);
                        let _ = conn.write_all(response.as_bytes());
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

    fn url(&self) -> String {
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
fn read_request(conn: &mut TcpStream) -> Option<()> {
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
    Some(())
}

/// The real AWS CLI on the caller's PATH (not a stand-in).
fn real_aws() -> Option<PathBuf> {
    if !support::have_tool("aws") {
        return None;
    }
    which::which("aws").ok()
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
        env.retain(|(k, _)| config::CONTEXT_VARS.contains(&k.as_str()));
        let inputs = Inputs {
            env: env.into_iter().collect(),
            home: Some(self.sandbox.home()),
            argv: args.to_vec(),
            now: Some(jiff::Timestamp::now()),
            on_ec2: false,
        };
        let ctx = context::resolve(&inputs);
        let found = rules::recognise(line).expect("the CLI's error line is recognised");
        let advice = advice::advise(&Failure::from(&found), &ctx);
        render::explanation(&advice, &ctx, lang, false)
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
