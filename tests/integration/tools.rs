//! Every AWS tool, not only `aws`. Real boto3, the AWS SDK for JavaScript v3 and the AWS CDK
//! run against a stub endpoint on 127.0.0.1, directly and through aws-shim (`aws-shim run --`
//! or a link named after the tool): the same exit status and stdout, the tool's stderr
//! byte-identical, and one explanation after it for a credential failure, nothing for any
//! other. The captures of these tools, of s3cmd, rclone, restic, the AWS SDK for Rust and
//! Terraform go through the filter whole, split at every offset and byte by byte, and are
//! replayed through a link named after their tool.

use crate::cloud9::{C9, managed_file};
use crate::real_cli::{Stub, response};
use crate::support::{self, Sandbox, shim_bin};
use aws_shim::filter::{Responder, StderrFilter};
use aws_shim::rules::Failure;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::LazyLock;

const EXPIRED: &str = "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>\
     <Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message>\
     </Error><RequestId>5a3a0b9e-8c1d-4f3e-9a51-3c3f0b0c2d11</RequestId></ErrorResponse>";

const DENIED: &str = "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>\
     <Code>AccessDenied</Code><Message>User: arn:aws:iam::123456789012:user/dev is not authorized to perform: sts:GetCallerIdentity</Message>\
     </Error><RequestId>5a3a0b9e-8c1d-4f3e-9a51-3c3f0b0c2d11</RequestId></ErrorResponse>";

/// Exported session keys that the stub's answer decides about.
const SESSION: &[(&str, &str)] = &[
    ("AWS_ACCESS_KEY_ID", "ASIAIOSFODNN7EXAMPLE"),
    (
        "AWS_SECRET_ACCESS_KEY",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    ),
    ("AWS_SESSION_TOKEN", "IQoJb3JpZ2luX2VjEXAMPLETOKEN"),
];

fn sts_error(body: &str) -> Stub {
    Stub::start("403 Forbidden", "text/xml", body)
}

/// The npm project of the JavaScript tools (`npm ci --prefix tests/js`).
fn js_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js")
}

/// A package of `tests/js/node_modules`, or a skip line.
fn js_package(rel: &str) -> Option<PathBuf> {
    let path = js_dir().join("node_modules").join(rel);
    if path.exists() {
        Some(path)
    } else {
        support::skip_line(&format!(
            "tests/js/node_modules/{rel} is missing (npm ci --prefix tests/js)"
        ));
        None
    }
}

/// The absolute path of a command on the caller's PATH.
fn which(name: &str) -> Option<PathBuf> {
    if !support::have_tool(name) {
        return None;
    }
    let out = Command::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .output()
        .ok()?;
    Some(PathBuf::from(String::from_utf8(out.stdout).ok()?.trim())).filter(|p| p.is_absolute())
}

/// The Python interpreter that imports boto3, by its real path (a pyenv shim would need the
/// caller's HOME).
fn python_with_boto3() -> Option<PathBuf> {
    let out = Command::new("python3")
        .args(["-c", "import boto3, sys; print(sys.executable)"])
        .output();
    match out {
        Ok(out) if out.status.success() => {
            Some(PathBuf::from(String::from_utf8(out.stdout).ok()?.trim()))
        }
        _ => {
            support::skip_line("python3 with boto3 is not installed (pip install boto3)");
            None
        }
    }
}

/// One scenario: a sandbox whose PATH is its links (`bin/`), the directories of the tools
/// used, then the system; the stub is every service's endpoint.
struct Tools {
    s: Sandbox,
    path: OsString,
}

impl Tools {
    fn new(tool_dirs: &[&Path]) -> Tools {
        let s = Sandbox::new();
        let mut dirs = vec![s.path().join("bin")];
        dirs.extend(tool_dirs.iter().map(|d| d.to_path_buf()));
        dirs.extend(["/usr/local/bin", "/usr/bin", "/bin"].map(PathBuf::from));
        let path = std::env::join_paths(dirs).unwrap();
        Tools { s, path }
    }

    /// A link named `name` to aws-shim in the sandbox's `bin/`.
    fn link(&self, name: &str) -> PathBuf {
        let link = self.s.path().join("bin").join(name);
        std::os::unix::fs::symlink(shim_bin(), &link).unwrap();
        link
    }

    fn command(&self, program: &Path, stub: &Stub, lang: &str) -> Command {
        let mut cmd = self.s.command(program);
        cmd.env("PATH", &self.path)
            .env("AWS_SHIM_LANG", lang)
            .env("AWS_ENDPOINT_URL", stub.url())
            .env("AWS_REGION", "us-east-1")
            .env("AWS_DEFAULT_REGION", "us-east-1")
            .env("AWS_EC2_METADATA_DISABLED", "true")
            // Node's warnings carry a process id; the CDK would look for a newer version
            // and report usage.
            .env("NODE_NO_WARNINGS", "1")
            .env("CDK_DISABLE_VERSION_CHECK", "1")
            .env("CDK_DISABLE_CLI_TELEMETRY", "true");
        cmd
    }

    /// `program ARGS` with exported session keys: directly, or through `aws-shim run --`.
    fn exported(&self, via_shim: bool, program: &Path, args: &[&str], stub: &Stub) -> Command {
        self.exported_in(via_shim, program, args, stub, "en")
    }

    fn exported_in(
        &self,
        via_shim: bool,
        program: &Path,
        args: &[&str],
        stub: &Stub,
        lang: &str,
    ) -> Command {
        let mut cmd = self.tool(via_shim, program, stub, lang);
        cmd.args(args).envs(SESSION.iter().copied());
        cmd
    }

    /// `program` directly, or through `aws-shim run --`.
    fn tool(&self, via_shim: bool, program: &Path, stub: &Stub, lang: &str) -> Command {
        if via_shim {
            let mut cmd = self.command(&shim_bin(), stub, lang);
            cmd.args(["run", "--"]).arg(program);
            cmd
        } else {
            self.command(program, stub, lang)
        }
    }
}

/// `Synthesis time: 2.96s` and the like, which differ from run to run.
static TIMES: LazyLock<regex::bytes::Regex> =
    LazyLock::new(|| regex::bytes::Regex::new(r"time: [0-9.]+s").unwrap());

fn timeless(bytes: &[u8]) -> Vec<u8> {
    TIMES.replace_all(bytes, &b"time: Ns"[..]).into_owned()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The run through aws-shim behaved as the direct one (exit status, stdout, the tool's stderr
/// first and unchanged but for timings); returns what aws-shim added after it.
fn added(direct: &Output, shim: &Output) -> String {
    assert!(
        !direct.status.success(),
        "the tool failed: {}",
        text(&direct.stderr)
    );
    assert_eq!(shim.status.code(), direct.status.code(), "same exit status");
    assert_eq!(text(&shim.stdout), text(&direct.stdout), "same stdout");
    let (direct_err, shim_err) = (timeless(&direct.stderr), timeless(&shim.stderr));
    assert!(
        shim_err.starts_with(&direct_err),
        "the tool's stderr comes first, unchanged:\n--- direct\n{}\n--- through aws-shim\n{}",
        text(&direct_err),
        text(&shim_err)
    );
    text(&shim_err[direct_err.len()..])
}

/// One explanation whose first line names `tool`, with each of these catalogue messages.
fn assert_explanation(added: &str, tool: &str, lang: &str, ids: &[&str]) {
    let first = added.lines().next().unwrap_or_default();
    assert!(
        first.starts_with(&format!("aws-shim ({tool}): ")),
        "the first line names {tool}:\n{added}"
    );
    assert_eq!(added.matches("aws-shim (").count(), 1, "one explanation");
    for id in ids {
        let want = support::catalogue_text(lang, id);
        assert!(added.contains(&want), "{lang} {id} ({want}):\n{added}");
    }
}

/// A non-credential failure: everything exactly as without aws-shim.
fn assert_untouched(direct: &Output, shim: &Output) {
    assert!(!direct.status.success(), "{}", text(&direct.stderr));
    assert_eq!(shim.status.code(), direct.status.code());
    assert_eq!(text(&shim.stdout), text(&direct.stdout));
    assert_eq!(text(&shim.stderr), text(&direct.stderr));
}

const BOTO3: &str = "import boto3; boto3.client('sts').get_caller_identity()";

#[test]
fn a_boto3_script_ends_with_its_traceback_then_the_explanation() {
    let Some(python) = python_with_boto3() else {
        return;
    };
    let t = Tools::new(&[]);
    let stub = sts_error(EXPIRED);
    let direct = t
        .exported(false, &python, &["-c", BOTO3], &stub)
        .output()
        .unwrap();
    assert_eq!(direct.status.code(), Some(1), "{}", text(&direct.stderr));
    assert!(
        text(&direct.stderr).contains(
            "botocore.exceptions.ClientError: An error occurred (ExpiredToken) when calling the GetCallerIdentity operation"
        ),
        "{}",
        text(&direct.stderr)
    );
    let tool = python.file_name().unwrap().to_str().unwrap();
    for lang in ["en", "ja"] {
        let shim = t
            .exported_in(true, &python, &["-c", BOTO3], &stub, lang)
            .output()
            .unwrap();
        let added = added(&direct, &shim);
        assert_explanation(
            &added,
            tool,
            lang,
            &["exported-expired", "step-export-refresh"],
        );
    }
}

#[test]
fn a_boto3_access_denied_is_left_alone() {
    let Some(python) = python_with_boto3() else {
        return;
    };
    let t = Tools::new(&[]);
    let stub = sts_error(DENIED);
    let direct = t.exported(false, &python, &["-c", BOTO3], &stub).output();
    let shim = t.exported(true, &python, &["-c", BOTO3], &stub).output();
    assert_untouched(&direct.unwrap(), &shim.unwrap());
}

/// A node script that calls STS with the AWS SDK for JavaScript v3 and leaves the rejection
/// uncaught, so that Node prints the error object.
fn js_script(t: &Tools) -> Option<PathBuf> {
    let sts = js_package("@aws-sdk/client-sts")?;
    let script = format!(
        "const {{ STSClient, GetCallerIdentityCommand }} = require({});\n\
         new STSClient({{}}).send(new GetCallerIdentityCommand({{}})).then((r) => console.log(r.Account));\n",
        serde_json::Value::from(sts.to_str().unwrap())
    );
    Some(t.s.write("sts.js", script))
}

#[test]
fn a_js_sdk_v3_script_ends_with_its_error_then_the_explanation() {
    let Some(node) = which("node") else { return };
    let t = Tools::new(&[node.parent().unwrap()]);
    let Some(script) = js_script(&t) else { return };
    let script = script.to_str().unwrap();
    let stub = sts_error(EXPIRED);
    let direct = t.exported(false, &node, &[script], &stub).output().unwrap();
    assert_eq!(direct.status.code(), Some(1), "{}", text(&direct.stderr));
    assert!(
        text(&direct.stderr).contains("Code: 'ExpiredToken'"),
        "{}",
        text(&direct.stderr)
    );
    let shim = t
        .exported_in(true, &node, &[script], &stub, "ja")
        .output()
        .unwrap();
    assert_explanation(
        &added(&direct, &shim),
        "node",
        "ja",
        &["exported-expired", "step-export-refresh"],
    );

    let denied = sts_error(DENIED);
    let direct = t.exported(false, &node, &[script], &denied).output();
    let shim = t.exported(true, &node, &[script], &denied).output();
    assert_untouched(&direct.unwrap(), &shim.unwrap());
}

/// An IAM Identity Center profile whose cached token has expired, refreshable or not: the SDK
/// for JavaScript says so in its own words, and the explanation names the profile's sign-in.
#[test]
fn a_js_sdk_v3_expired_sso_token_is_explained_for_its_profile() {
    let Some(node) = which("node") else { return };
    let t = Tools::new(&[node.parent().unwrap()]);
    let Some(script) = js_script(&t) else { return };
    crate::context::sso_config(&t.s);
    let cache = format!("home/.aws/sso/cache/{}.json", support::python_sha1("corp"));
    // The stub refuses the refresh (SSO OIDC CreateToken) as it refuses everything.
    let stub = sts_error(EXPIRED);
    let run = |via_shim: bool| {
        t.tool(via_shim, &node, &stub, "en")
            .arg(&script)
            .env("AWS_PROFILE", "dev")
            .output()
            .unwrap()
    };
    let unrefreshable =
        r#"{"accessToken": "fixtureSsoAccessToken0005", "expiresAt": "2020-01-01T00:00:00Z"}"#;
    for (token, says) in [
        (
            crate::context::SSO_TOKEN_EXPIRED,
            "Token is expired. To refresh this SSO session run",
        ),
        (unrefreshable, "in SSO Token. Cannot refresh."),
    ] {
        t.s.write(&cache, token);
        let direct = run(false);
        assert!(
            text(&direct.stderr).contains(says),
            "{}",
            text(&direct.stderr)
        );
        let added = added(&direct, &run(true));
        assert_explanation(&added, "node", "en", &[]);
        assert!(added.contains("profile dev"), "{added}");
        assert!(added.contains("sso login --profile dev"), "{added}");
    }
}

/// A CDK app with one stack whose account comes from the credentials, in a directory of the
/// sandbox that finds aws-cdk-lib in `tests/js/node_modules`.
fn cdk_app(t: &Tools) -> Option<PathBuf> {
    js_package("aws-cdk-lib")?;
    let app = t.s.path().join("app");
    std::fs::create_dir_all(&app).unwrap();
    std::os::unix::fs::symlink(js_dir().join("node_modules"), app.join("node_modules")).unwrap();
    std::fs::write(app.join("cdk.json"), r#"{"app": "node app.js"}"#).unwrap();
    std::fs::write(
        app.join("app.js"),
        "const cdk = require('aws-cdk-lib');\n\
         const app = new cdk.App();\n\
         const stack = new cdk.Stack(app, 'Demo', {\n\
           env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },\n\
           synthesizer: new cdk.LegacyStackSynthesizer(),\n\
         });\n\
         new cdk.CfnWaitConditionHandle(stack, 'Nothing');\n",
    )
    .unwrap();
    Some(app)
}

/// The CDK CLI of `tests/js` and the directories `cdk deploy` needs on PATH (its own, node's).
fn cdk_cli() -> Option<(PathBuf, Vec<PathBuf>)> {
    let node = which("node")?;
    let cdk = js_package(".bin/cdk")?;
    let dirs = vec![
        cdk.parent().unwrap().to_path_buf(),
        node.parent().unwrap().to_path_buf(),
    ];
    Some((cdk, dirs))
}

const DEPLOY: [&str; 3] = ["deploy", "--require-approval", "never"];

/// In Cloud9, with the managed credentials overdue, `cdk deploy` through a link named `cdk`:
/// the CDK's own words, then the owner's remedy in Japanese.
#[test]
fn cdk_deploy_in_cloud9_ends_with_the_owner_remedy() {
    let Some((cdk, dirs)) = cdk_cli() else { return };
    let t = Tools::new(&dirs.iter().map(PathBuf::as_path).collect::<Vec<_>>());
    let Some(app) = cdk_app(&t) else { return };
    let when = jiff::Timestamp::now() - jiff::SignedDuration::from_mins(20);
    t.s.write("home/.aws/credentials", managed_file(when, true));
    let link = t.link("cdk");
    let stub = sts_error(EXPIRED);
    let run = |program: &Path| {
        t.command(program, &stub, "ja")
            .args(DEPLOY)
            .envs(C9)
            .current_dir(&app)
            .output()
            .unwrap()
    };
    let direct = run(&cdk);
    assert_eq!(direct.status.code(), Some(1), "{}", text(&direct.stderr));
    assert!(
        text(&direct.stderr).contains("There are expired AWS credentials in your environment"),
        "{}",
        text(&direct.stderr)
    );
    let added = added(&direct, &run(&link));
    assert_explanation(
        &added,
        "cdk",
        "ja",
        &["cloud9-expired", "step-cloud9-ask-owner"],
    );
}

/// A stub of STS and CloudFormation on which `cdk deploy` of the app succeeds: the stack
/// exists with the template the app makes, so there is nothing to change.
fn cfn_stub(app: &Path) -> Stub {
    let template = app.join("cdk.out/Demo.template.json");
    Stub::serve(move |_, request| {
        let body = text(request);
        let action = body
            .split(['&', '\n'])
            .find_map(|kv| kv.strip_prefix("Action="))
            .unwrap_or_default()
            .to_owned();
        let result = |inner: &str, ns: &str| {
            response(
                "200 OK",
                "text/xml",
                &format!(
                    "<{action}Response xmlns=\"{ns}\"><{action}Result>{inner}</{action}Result>\
                     <ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></{action}Response>"
                ),
            )
        };
        let cfn = "http://cloudformation.amazonaws.com/doc/2010-05-15/";
        match action.as_str() {
            "GetCallerIdentity" => result(
                "<Arn>arn:aws:iam::123456789012:user/dev</Arn><UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account>",
                "https://sts.amazonaws.com/doc/2011-06-15/",
            ),
            "DescribeStacks" => result(
                "<Stacks><member><StackName>Demo</StackName>\
                 <StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/Demo/1</StackId>\
                 <StackStatus>CREATE_COMPLETE</StackStatus><CreationTime>2026-01-01T00:00:00Z</CreationTime>\
                 </member></Stacks>",
                cfn,
            ),
            "GetTemplate" => {
                let body = std::fs::read_to_string(&template).unwrap_or_default();
                let escaped = body
                    .replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;")
                    .replace('"', "&quot;");
                result(&format!("<TemplateBody>{escaped}</TemplateBody>"), cfn)
            }
            "DeleteChangeSet" => result("", cfn),
            _ => response(
                "400 Bad Request",
                "text/xml",
                "<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code>\
                 <Message>not in this stub</Message></Error><RequestId>2</RequestId></ErrorResponse>",
            ),
        }
    })
}

/// The prompt learns from a wrapped `cdk deploy`: `✗` after it failed on expired credentials,
/// and nothing once a `cdk deploy` has succeeded.
#[test]
fn the_prompt_follows_cdk_deploy() {
    let Some((_, dirs)) = cdk_cli() else { return };
    let t = Tools::new(&dirs.iter().map(PathBuf::as_path).collect::<Vec<_>>());
    let Some(app) = cdk_app(&t) else { return };
    let link = t.link("cdk");
    let prompt = |stub: &Stub| -> serde_json::Value {
        let out = t
            .command(&shim_bin(), stub, "en")
            .args(["prompt", "--json"])
            .env("LANG", "C.UTF-8")
            .envs(SESSION.iter().copied())
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let deploy = |stub: &Stub| {
        t.exported(false, &link, &DEPLOY, stub)
            .current_dir(&app)
            .output()
            .unwrap()
    };

    let expired = sts_error(EXPIRED);
    let before = prompt(&expired);
    assert_eq!(before["visible"], false, "{before:#}");
    let failed = deploy(&expired);
    assert_eq!(failed.status.code(), Some(1), "{}", text(&failed.stderr));
    assert!(
        text(&failed.stderr).contains("aws-shim (cdk): "),
        "{}",
        text(&failed.stderr)
    );
    let after = prompt(&expired);
    assert_eq!(after["visible"], true, "{after:#}");
    assert!(after["text"].as_str().unwrap().contains('✗'), "{after:#}");
    drop(expired);

    let cfn = cfn_stub(&app);
    let ok = deploy(&cfn);
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok.stderr));
    assert!(
        text(&ok.stderr).contains("(no changes)"),
        "{}",
        text(&ok.stderr)
    );
    assert!(
        !text(&ok.stderr).contains("aws-shim"),
        "{}",
        text(&ok.stderr)
    );
    let cleared = prompt(&cfn);
    assert_eq!(cleared["visible"], false, "{cleared:#}");
    assert!(cleared["failure"].is_null(), "{cleared:#}");
}

/// The SSO captures of rclone (a legacy SSO profile) and the AWS SDK for Rust (an
/// `sso_session` one), replayed through a link named after the tool with the profile and its
/// expired token in the sandbox's HOME: the explanation gives the profile's SSO sign-in.
#[test]
fn captured_expired_sso_tokens_get_the_profiles_sign_in() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tools");
    for (file, tool, profile, key) in [
        (
            "rclone-sso-expired.stderr",
            "rclone",
            "legacy",
            "https://legacy.awsapps.com/start",
        ),
        (
            "rust-sdk-context-sso-expired.stderr",
            "rust-sdk",
            "dev",
            "corp",
        ),
    ] {
        let real = Sandbox::new();
        let script = format!(
            "#!/bin/sh\ncat '{}' >&2\nexit 1\n",
            dir.join(file).display()
        );
        real.write_exe(&format!("tools/{tool}"), &script);
        let t = Tools::new(&[&real.path().join("tools")]);
        crate::context::sso_config(&t.s);
        let cache = format!("home/.aws/sso/cache/{}.json", support::python_sha1(key));
        t.s.write(&cache, crate::context::SSO_TOKEN_EXPIRED);
        let link = t.link(tool);
        let stub = sts_error(DENIED);
        for lang in ["en", "ja"] {
            let run = |program: &Path| {
                t.tool(false, program, &stub, lang)
                    .env("AWS_PROFILE", profile)
                    .output()
                    .unwrap()
            };
            let direct = run(&real.path().join("tools").join(tool));
            let added = added(&direct, &run(&link));
            assert_explanation(&added, tool, lang, &[]);
            assert!(
                added.contains(&format!("aws sso login --profile {profile}")),
                "{file} {lang}:\n{added}"
            );
        }
    }
}

/// Marks the explanation so that a test can find it.
struct Mark;

impl Responder for Mark {
    fn respond(&mut self, found: &Failure, line: &[u8], out: &mut Vec<u8>) -> Option<Vec<u8>> {
        out.extend_from_slice(line);
        Some(format!("<<explained:{}>>", found.rule.id).into_bytes())
    }
}

/// The captures in `tests/fixtures/tools`, with the tool and the rule from their README's
/// table (`-` for none).
fn tool_captures() -> Vec<(String, String, Option<String>, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tools");
    let all: Vec<_> = support::capture_rows(&dir.join("README.md"))
        .into_iter()
        .map(|cells| {
            let [file, tool, rule, _exit] = &cells[..] else {
                panic!("a row of four cells: {cells:?}");
            };
            let tool = tool.split_whitespace().next().unwrap().to_lowercase();
            let rule = (rule != "-").then(|| rule.clone());
            let bytes = std::fs::read(dir.join(file)).unwrap();
            (file.clone(), tool, rule, bytes)
        })
        .collect();
    let files = std::fs::read_dir(&dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "stderr")
        })
        .count();
    assert_eq!(all.len(), files, "every capture is in the README's table");
    all
}

/// Every capture, split in two at every offset and byte by byte: the bytes come out
/// unchanged, and the expected rule's explanation (one) follows them, or nothing does.
#[test]
fn tool_captures_pass_unchanged_at_every_split() {
    for (file, tool, rule, input) in tool_captures() {
        let mut want = input.clone();
        if let Some(rule) = &rule {
            if !want.ends_with(b"\n") {
                want.push(b'\n');
            }
            want.extend_from_slice(format!("<<explained:{rule}>>\n").as_bytes());
        }
        let mut splits: Vec<Vec<&[u8]>> = (0..=input.len())
            .map(|i| vec![&input[..i], &input[i..]])
            .collect();
        splits.push(input.chunks(1).collect());
        for pieces in splits {
            let mut filter = StderrFilter::watching(Mark, tool.clone());
            let (mut out, mut fed) = (Vec::new(), 0);
            for piece in &pieces {
                filter.feed(piece, &mut out);
                fed += piece.len();
                // Nothing of the tool's is held back: what came in is out at once.
                assert_eq!(out.len(), fed, "{file}");
            }
            filter.finish(&mut out);
            assert_eq!(text(&out), text(&want), "{file} in {} pieces", pieces.len());
        }
    }
}

/// The CDK's "Unable to resolve AWS account" alone also means an app without an account: it
/// is explained (as expired credentials) only when the context shows that they have expired,
/// and otherwise passes untouched, with nothing after it.
#[test]
fn an_ambiguous_tool_text_needs_the_context_to_confirm_it() {
    let t = Tools::new(&[]);
    let stub = sts_error(DENIED);
    let say = "printf 'Unable to resolve AWS account to use. It must be either configured when you define your CDK Stack, or through the environment\\n' >&2; exit 1";
    let sh = Path::new("/bin/sh");
    let run = |via_shim: bool, expiry: &str| {
        t.exported(via_shim, sh, &["-c", say], &stub)
            .env("AWS_CREDENTIAL_EXPIRATION", expiry)
            .output()
            .unwrap()
    };
    let past = (jiff::Timestamp::now() - jiff::SignedDuration::from_hours(1)).to_string();
    let future = (jiff::Timestamp::now() + jiff::SignedDuration::from_hours(1)).to_string();
    assert_untouched(&run(false, &future), &run(true, &future));
    let added = added(&run(false, &past), &run(true, &past));
    assert_explanation(&added, "sh", "en", &["exported-expired"]);
}

/// A tool named after the capture's, that writes the capture to stderr and exits as the real
/// one did, run through a link of that name: the explanation names the tool and takes its
/// remedy from the context (exported session keys), for any tool; a failure of another kind
/// passes untouched.
#[test]
fn captured_tools_through_their_links() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tools");
    for (file, tool, exit, ids) in [
        ("s3cmd-invalid.stderr", "s3cmd", 77, &["invalid-key"][..]),
        ("rclone-expired.stderr", "rclone", 1, &["exported-expired"]),
        ("restic-skew.stderr", "restic", 1, &["clock-skew"]),
        (
            "rust-sdk-debug-secret.stderr",
            "rust-sdk",
            1,
            &["signature-mismatch"],
        ),
        (
            "cdk-deploy-stack-invalid.stderr",
            "cdk",
            1,
            &["invalid-key"],
        ),
        ("minio-py-invalid.stderr", "minio-py", 1, &["invalid-key"]),
        (
            "minio-py-expired.stderr",
            "minio-py",
            1,
            &["exported-expired"],
        ),
        ("s3cmd-denied.stderr", "s3cmd", 77, &[]),
        ("minio-py-denied.stderr", "minio-py", 1, &[]),
        ("rclone-nosuchbucket.stderr", "rclone", 1, &[]),
        ("restic-throttled.stderr", "restic", 1, &[]),
        ("rust-sdk-context-refused.stderr", "rust-sdk", 1, &[]),
    ] {
        let real = Sandbox::new();
        let script = format!(
            "#!/bin/sh\ncat '{}' >&2\nexit {exit}\n",
            dir.join(file).display()
        );
        real.write_exe(&format!("tools/{tool}"), &script);
        let t = Tools::new(&[&real.path().join("tools")]);
        let link = t.link(tool);
        let stub = sts_error(DENIED);
        let direct = t
            .exported(false, &real.path().join("tools").join(tool), &[], &stub)
            .output()
            .unwrap();
        let shim = t.exported(false, &link, &[], &stub).output().unwrap();
        assert_eq!(direct.status.code(), Some(exit), "{file}");
        let credential = support::capture_rows(&dir.join("README.md"))
            .iter()
            .any(|cells| cells[0] == file && cells[2] != "-");
        if credential {
            let added = added(&direct, &shim);
            assert_explanation(&added, tool, "en", ids);
        } else {
            assert_untouched(&direct, &shim);
        }
    }
}
