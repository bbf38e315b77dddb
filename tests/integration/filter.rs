//! The stderr filter on the real captures, on a `--debug` log, on machine-readable error
//! formats, and on generated streams: the output never depends on how the input is split,
//! unrecognised bytes pass byte-identical and at once, and held bytes stay bounded.

use crate::support;
use aws_shim::config::Mode;
use aws_shim::context::{Context, CredentialSource, Provider};
use aws_shim::explain::Explainer;
use aws_shim::filter::{HOLD_LIMIT, Responder, StderrFilter};
use aws_shim::i18n::Lang;
use aws_shim::rules::{self, Failure};
use proptest::prelude::*;

/// Marks the recognised line so that a test can count explanations.
struct Mark;

const MARK: &str = "\n<<explained:";

impl Responder for Mark {
    fn respond(&mut self, found: &Failure, line: &[u8], out: &mut Vec<u8>) -> Option<Vec<u8>> {
        out.extend_from_slice(line);
        // MARK starts with the newline that the filter now writes itself.
        Some(format!("{}{}>>", &MARK[1..], found.rule.id).into_bytes())
    }
}

/// A fixed context: exported session keys that expired half an hour before `now`.
fn fixed_context() -> Context {
    let vars = [
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
    ]
    .map(String::from)
    .to_vec();
    let exported = Provider::Exported {
        session: true,
        vars,
    };
    let mut source = CredentialSource::new(exported, "environment");
    source.expires_at = Some("2026-11-27T08:00:00Z".parse().unwrap());
    Context {
        profile: "default".to_owned(),
        profile_from: aws_shim::context::ProfileFrom::Default,
        source,
        cloud9: None,
        now: Some("2026-11-27T08:30:00Z".parse().unwrap()),
        cli: None,
        profile_found: true,
    }
}

fn explainer(lang: &str, mode: Mode) -> Explainer<fn() -> Context> {
    Explainer {
        mode,
        tty: false,
        lang: Some(Lang::from_code(lang).expect("a catalogue for the language")),
        context: fixed_context,
    }
}

/// Feed `pieces` in order, then finish.
fn run<'a, R: Responder>(
    responder: R,
    pieces: impl IntoIterator<Item = &'a [u8]>,
) -> (Vec<u8>, Option<&'static str>) {
    let mut filter = StderrFilter::new(responder);
    let mut out = Vec::new();
    for piece in pieces {
        filter.feed(piece, &mut out);
    }
    filter.finish(&mut out);
    (out, filter.finding().map(|f| f.rule.id))
}

fn whole<R: Responder>(responder: R, input: &[u8]) -> (Vec<u8>, Option<&'static str>) {
    run(responder, [input])
}

/// `input` split at `cuts` (sorted offsets).
fn pieces<'a>(input: &'a [u8], cuts: &[usize]) -> Vec<&'a [u8]> {
    let mut all = Vec::new();
    let mut start = 0;
    for &cut in cuts {
        all.push(&input[start..cut]);
        start = cut;
    }
    all.push(&input[start..]);
    all
}

fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

/// Whole, split at every offset, split at every pair of offsets (when `pairs`), and one byte
/// at a time: the same output every time.
fn assert_split_invariant<R: Responder>(
    make: impl Fn() -> R,
    input: &[u8],
    pairs: bool,
) -> (Vec<u8>, Option<&'static str>) {
    let expected = whole(make(), input);
    for i in 0..=input.len() {
        assert_eq!(run(make(), pieces(input, &[i])), expected, "split at {i}");
        if pairs {
            for j in i..=input.len() {
                assert_eq!(
                    run(make(), pieces(input, &[i, j])),
                    expected,
                    "split at {i} and {j}"
                );
            }
        }
    }
    assert_eq!(run(make(), input.chunks(1)), expected, "one byte at a time");
    expected
}

/// What each capture is: the rule that recognises it, or `None` for a line that must pass.
const FIXTURE_RULES: &[(&str, Option<&str>)] = &[
    (
        "v1-dynamodb-expiredtokenexception.stderr",
        Some("expired-token-exception"),
    ),
    ("v1-nocredentials.stderr", Some("no-credentials")),
    ("v1-s3-ls-expiredtoken.stderr", Some("expired-token")),
    ("v1-sso-legacy-expired.stderr", Some("sso-session-expired")),
    ("v1-sts-expiredtoken.stderr", Some("expired-token")),
    ("v2-nocredentials.stderr", Some("no-credentials-v2")),
    ("v2-profile-not-found.stderr", None),
    ("v2-sso-session-expired.stderr", Some("sso-refresh-failed")),
    ("v2-sts-expiredtoken.stderr", Some("expired-token")),
];

fn expected_rule(name: &str) -> Option<&'static str> {
    FIXTURE_RULES
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("fixture {name} is not listed in FIXTURE_RULES"))
        .1
}

#[test]
fn every_capture_gives_the_same_output_however_it_is_split() {
    let fixtures = support::fixtures();
    assert_eq!(
        fixtures.len(),
        FIXTURE_RULES.len(),
        "every capture is listed"
    );
    for (name, input) in fixtures {
        let rule = expected_rule(&name);
        let (out, found) = assert_split_invariant(|| Mark, &input, true);
        assert_eq!(found, rule, "{name}");
        match rule {
            Some(id) => {
                assert_eq!(count(&out, MARK.as_bytes()), 1, "{name}: one explanation");
                // The line is kept and the mark follows it.
                let mut expected = input.clone();
                expected.pop(); // the final newline
                expected.extend_from_slice(format!("{MARK}{id}>>\n").as_bytes());
                assert_eq!(out, expected, "{name}");
            }
            None => assert_eq!(out, input, "{name}: byte-identical"),
        }
    }
}

#[test]
fn every_capture_is_explained_once_by_the_real_explainer() {
    for (name, input) in support::fixtures() {
        let rule = expected_rule(&name);
        for lang in ["en", "ja"] {
            let (out, found) =
                assert_split_invariant(|| explainer(lang, Mode::Append), &input, false);
            assert_eq!(found, rule, "{name}");
            if rule.is_none() {
                assert_eq!(out, input, "{name}: byte-identical");
                continue;
            }
            assert!(
                out.starts_with(&input),
                "{name}: append mode keeps every original byte first"
            );
            assert_eq!(
                count(&out, b"aws-shim:"),
                1,
                "{name} ({lang}): one explanation"
            );
            assert!(out.ends_with(b"\n"));
            let (replaced, _) =
                assert_split_invariant(|| explainer(lang, Mode::Replace), &input, false);
            assert_eq!(
                count(&replaced, b"aws-shim:"),
                1,
                "{name} ({lang}): one explanation"
            );
            // The same explanation follows the line in both modes.
            let tail = &out[input.len()..];
            assert!(replaced.ends_with(tail), "{name} ({lang})");
        }
    }
}

/// A `--debug` log as AWS CLI v1 writes it (modelled on a real run against a stub endpoint):
/// timestamps, botocore lines, a signed request whose lines start with `A`, the error body,
/// and a traceback whose last line repeats the error message mid-line.
fn debug_log() -> String {
    let mut log = String::new();
    let mut t = 234;
    let mut debug = |logger: &str, text: &str| {
        log.push_str(&format!(
            "2026-11-27 08:25:06,{t:03} - MainThread - {logger} - DEBUG - {text}\n"
        ));
        t += 1;
    };
    debug(
        "awscli.clidriver",
        "CLI version: aws-cli/1.45.11 Python/3.11.7 Linux/6.18.44 botocore/1.43.11",
    );
    debug(
        "awscli.clidriver",
        "Arguments entered to CLI: ['sts', 'get-caller-identity', '--debug']",
    );
    for handler in [
        "add_scalar_parsers",
        "register_uri_param_handler",
        "inject_assume_role_provider_cache",
    ] {
        debug(
            "botocore.hooks",
            &format!(
                "Event session-initialized: calling handler <function {handler} at 0x7f4065b411c0>"
            ),
        );
    }
    debug(
        "botocore.credentials",
        "Found credentials in environment variables.",
    );
    debug(
        "botocore.endpoint",
        "Making request for OperationModel(name=GetCallerIdentity) with params: {'url_path': '/', 'query_string': '', 'method': 'POST', 'headers': {'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8'}, 'body': {'Action': 'GetCallerIdentity', 'Version': '2011-06-15'}}",
    );
    debug("botocore.auth", "Calculating signature using v4 auth.");
    debug(
        "botocore.auth",
        "CanonicalRequest:\nPOST\n/\n\ncontent-type:application/x-www-form-urlencoded; charset=utf-8\nhost:127.0.0.1:18765\nx-amz-date:20261127T082506Z\nx-amz-security-token:IQoJb3JpZ2luX2VjEXAMPLE\n\ncontent-type;host;x-amz-date;x-amz-security-token\nab821ae955788b0e33ebd34c208442ccfc2d406e2edc5e7a39bd6458fbb4f843",
    );
    debug(
        "botocore.auth",
        "StringToSign:\nAWS4-HMAC-SHA256\n20261127T082506Z\n20261127/us-east-1/sts/aws4_request\neaa15c5ef7680b3bf94d585d6be1962eaf226ce8f5874e90e09558783927c13a",
    );
    debug(
        "urllib3.connectionpool",
        "http://127.0.0.1:18765 \"POST / HTTP/1.1\" 403 239",
    );
    debug(
        "botocore.parsers",
        "Response body:\nb'<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message></Error><RequestId>1b2c</RequestId></ErrorResponse>'",
    );
    debug("botocore.retryhandler", "No retry needed.");
    debug(
        "awscli.clidriver",
        "Exception caught in main()\nTraceback (most recent call last):",
    );
    for (file, line, func, code) in [
        (
            "awscli/clidriver.py",
            234,
            "main",
            "return command_table[parsed_args.command](remaining, parsed_args)",
        ),
        (
            "botocore/client.py",
            606,
            "_api_call",
            "return self._make_api_call(operation_name, kwargs)",
        ),
        (
            "botocore/client.py",
            1094,
            "_make_api_call",
            "raise error_class(parsed_response, operation_name)",
        ),
    ] {
        log.push_str(&format!(
            "  File \"/usr/lib/python3.11/site-packages/{file}\", line {line}, in {func}\n    {code}\n    {}\n",
            "^".repeat(code.len())
        ));
    }
    log.push_str("botocore.exceptions.ClientError: An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired\n");
    log.push_str(
        "2026-11-27 08:25:06,390 - MainThread - awscli.clidriver - DEBUG - Exiting with rc 255\n",
    );
    log
}

#[test]
fn a_debug_log_is_explained_once_and_otherwise_untouched() {
    let log = debug_log();
    assert!(log.contains("ClientError: An error occurred (ExpiredToken)"));
    for final_error in ["v1-sts-expiredtoken.stderr", "v2-sts-expiredtoken.stderr"] {
        let plain = std::fs::read(support::fixtures_dir().join(final_error)).unwrap();
        let mut input = log.as_bytes().to_vec();
        input.extend_from_slice(&plain);

        let (out, found) = assert_split_invariant(|| Mark, &input, false);
        assert_eq!(found, Some("expired-token"));
        assert_eq!(count(&out, MARK.as_bytes()), 1);
        let mut expected = log.as_bytes().to_vec();
        expected.extend_from_slice(&whole(Mark, &plain).0);
        assert_eq!(
            out, expected,
            "the plain error's output after the untouched log"
        );

        for mode in [Mode::Append, Mode::Replace] {
            let (out, _) = whole(explainer("ja", mode), &input);
            let mut expected = log.as_bytes().to_vec();
            expected.extend_from_slice(&whole(explainer("ja", mode), &plain).0);
            assert_eq!(out, expected, "{mode:?}");
            assert_eq!(count(&out, b"aws-shim:"), 1);
        }
    }
}

/// AWS CLI v2's structured error formats (`--cli-error-format json|yaml|text|table`).
const MACHINE_FORMATS: &[&str] = &[
    "{\n    \"Code\": \"ExpiredToken\",\n    \"Message\": \"The security token included in the request is expired\"\n}\n",
    "Code: ExpiredToken\nMessage: The security token included in the request is expired\n",
    "ExpiredToken\tThe security token included in the request is expired\n",
    "--------------------------------------------------------------------------\n\
     |                                 Error                                  |\n\
     +--------------+---------------------------------------------------------+\n\
     |     Code     |                         Message                         |\n\
     +--------------+---------------------------------------------------------+\n\
     |  ExpiredToken|  The security token included in the request is expired  |\n\
     +--------------+---------------------------------------------------------+\n",
];

#[test]
fn machine_readable_errors_pass_byte_identical() {
    for block in MACHINE_FORMATS {
        let input = format!("\n{block}");
        let (out, found) = assert_split_invariant(|| Mark, input.as_bytes(), true);
        assert_eq!(found, None, "{block}");
        assert_eq!(out, input.as_bytes());
    }
}

#[test]
fn a_partial_line_that_cannot_be_an_error_passes_at_once() {
    let mut filter = StderrFilter::new(Mark);
    let mut out = Vec::new();
    filter.feed(
        b"Completed 1.2 MiB/4.0 MiB (2.1 MiB/s) with 1 file(s) remaining\r",
        &mut out,
    );
    assert_eq!(
        out,
        b"Completed 1.2 MiB/4.0 MiB (2.1 MiB/s) with 1 file(s) remaining\r"
    );
    filter.feed(b"\nAn error occurred (", &mut out);
    assert!(
        filter.is_holding(),
        "a possible error line waits for its newline"
    );
    assert!(out.ends_with(b"remaining\r\n"));
    filter.feed(b"AccessDenied)", &mut out);
    assert!(
        filter.is_holding(),
        "still compatible with the start of an error line"
    );
    filter.feed(
        b" when calling the GetObject operation: Access Denied\n",
        &mut out,
    );
    assert!(!filter.is_holding());
    assert!(out.ends_with(
        b"An error occurred (AccessDenied) when calling the GetObject operation: Access Denied\n"
    ));
    filter.feed(
        b"Enter MFA code for arn:aws:iam::123456789012:mfa/user: ",
        &mut out,
    );
    assert!(!filter.is_holding());
    assert!(
        out.ends_with(b"mfa/user: "),
        "a prompt without newline is written at once"
    );
    filter.feed("An error が".as_bytes(), &mut out);
    assert!(!filter.is_holding());
    assert!(out.ends_with("An error が".as_bytes()));
}

/// A 64 MiB line with no newline that starts like an error line, fed in small pieces and then
/// 64 KiB chunks: never more than HOLD_LIMIT bytes are held back, and everything comes out.
#[test]
fn a_huge_line_without_newline_keeps_the_held_bytes_bounded() {
    const TOTAL: usize = 64 << 20;
    let start = b"aws: [ERROR]: An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: ";
    let chunk = vec![b'x'; 64 << 10];
    let mut filter = StderrFilter::new(Mark);
    let mut out = Vec::new();
    let (mut fed, mut written) = (0usize, 0usize);
    // Held up to exactly HOLD_LIMIT bytes, then one more, then 64 KiB at a time.
    let first = [1, 7, 1000, HOLD_LIMIT - 1008, 1, 1];
    let mut i = 0;
    while fed < TOTAL {
        let n = first.get(i).copied().unwrap_or(64 << 10).min(TOTAL - fed);
        i += 1;
        // The line starts like an error line; the rest is filler.
        let first: Vec<u8>;
        let piece = if fed < start.len() {
            first = (fed..fed + n)
                .map(|k| start.get(k).copied().unwrap_or(b'x'))
                .collect();
            &first[..]
        } else {
            &chunk[..n]
        };
        filter.feed(piece, &mut out);
        fed += n;
        written += out.len();
        out.clear();
        let held = fed - written;
        assert!(held <= HOLD_LIMIT, "{held} bytes held after {fed}");
        assert_eq!(filter.is_holding(), held > 0);
    }
    assert!(
        !filter.is_holding(),
        "a line longer than HOLD_LIMIT is passing"
    );
    filter.finish(&mut out);
    assert_eq!(written + out.len(), TOTAL);
    assert!(filter.finding().is_none());
}

// Generated streams.

/// The lines of the captures (recognised or not).
fn capture_lines() -> Vec<Vec<u8>> {
    support::fixtures()
        .into_iter()
        .flat_map(|(_, bytes)| {
            bytes
                .split(|&b| b == b'\n')
                .map(<[u8]>::to_vec)
                .collect::<Vec<_>>()
        })
        .filter(|l| !l.is_empty())
        .collect()
}

/// Lines that contain no recognised line: arbitrary bytes, progress lines with `\r`, ANSI
/// colours, Japanese, prefixes of error lines that then diverge, lines over HOLD_LIMIT.
fn noise_line() -> impl Strategy<Value = Vec<u8>> {
    let lines = capture_lines();
    let starts: Vec<&'static str> = rules::line_starts().to_vec();
    let diverging = (
        proptest::sample::select(lines.clone()),
        any::<prop::sample::Index>(),
        any::<u8>(),
        "[ -~]{0,20}",
    )
        .prop_map(|(line, cut, byte, tail)| {
            let cut = cut.index(line.len());
            let mut l = line[..cut].to_vec();
            l.push(if line[cut] == byte { byte ^ 1 } else { byte });
            l.extend_from_slice(tail.as_bytes());
            l
        });
    let partial_start = (
        proptest::sample::select(starts.clone()),
        any::<prop::sample::Index>(),
        "[ -~]{0,10}",
    )
        .prop_map(|(s, cut, tail)| format!("{}{tail}", &s[..cut.index(s.len() + 1)]).into_bytes());
    let too_long = (proptest::sample::select(lines), 1..64usize).prop_map(|(line, extra)| {
        let mut l = line;
        l.resize(HOLD_LIMIT + extra, b'.');
        l
    });
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..40),
        Just(b"Completed 1.2 MiB/4.0 MiB (2.1 MiB/s) with 1 file(s) remaining\r".to_vec()),
        "[ -~]{0,30}".prop_map(|s| format!("\x1b[1;31m{s}\x1b[0m").into_bytes()),
        "[ぁ-んァ-ヶ亜-熙 ]{0,20}".prop_map(String::into_bytes),
        Just(
            "認証情報の有効期限が切れています: An error occurred (ExpiredToken)"
                .as_bytes()
                .to_vec()
        ),
        diverging,
        partial_start,
        too_long,
    ]
    .prop_filter("a recognised line", |l| {
        l.len() > HOLD_LIMIT || rules::recognise(l).is_none()
    })
}

/// Complete recognised lines in every form the CLI prints them.
fn error_line() -> impl Strategy<Value = Vec<u8>> {
    let recognised: Vec<Vec<u8>> = capture_lines()
        .into_iter()
        .filter(|l| rules::recognise(l).is_some())
        .collect();
    (
        proptest::sample::select(recognised),
        0..4usize,
        any::<bool>(),
        0..4usize,
    )
        .prop_map(|(line, form, crlf, around)| {
            let bare = line
                .strip_prefix(rules::V2_PREFIX.as_bytes())
                .unwrap_or(&line)
                .to_vec();
            let mut l = match form {
                0 => line,
                1 => [rules::V2_PREFIX.as_bytes(), &bare].concat(),
                2 if bare.starts_with(b"An error occurred (") => {
                    [b"upload failed: ./a to s3://b/a ".as_slice(), &bare].concat()
                }
                2 => bare,
                // A long message: the line's length (with its `\r`) around HOLD_LIMIT.
                _ => {
                    let mut l = line;
                    l.resize(HOLD_LIMIT - 2 + around - usize::from(crlf), b'.');
                    l
                }
            };
            if crlf {
                l.push(b'\r');
            }
            l
        })
}

/// Lines joined by `\n`, `\r\n` or nothing (a partial line followed by more).
fn stream(line: impl Strategy<Value = Vec<u8>>) -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(
        (
            line,
            prop_oneof![Just(&b"\n"[..]), Just(&b"\r\n"[..]), Just(&b""[..])],
        ),
        0..12,
    )
    .prop_map(|parts| {
        parts
            .into_iter()
            .flat_map(|(l, end)| [l, end.to_vec()])
            .flatten()
            .collect()
    })
}

/// Whether any complete line of `input` (or its unfinished last line) is one the filter
/// explains.
fn contains_recognised_line(input: &[u8]) -> bool {
    let mut lines: Vec<&[u8]> = input.split(|&b| b == b'\n').collect();
    lines.pop(); // the unfinished last line is never explained
    lines
        .into_iter()
        .any(|l| l.len() <= HOLD_LIMIT && rules::recognise(l).is_some())
}

fn cuts(input: &[u8], at: &[prop::sample::Index]) -> Vec<usize> {
    let mut cuts: Vec<usize> = at.iter().map(|i| i.index(input.len() + 1)).collect();
    cuts.sort_unstable();
    cuts
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// No recognised line: every byte passes unchanged, and after every write only the start
    /// of a line that may still become an error line is held back.
    #[test]
    fn unrecognised_streams_pass_byte_identical(input in stream(noise_line()), at in proptest::collection::vec(any::<prop::sample::Index>(), 0..8)) {
        prop_assume!(!contains_recognised_line(&input));
        let mut filter = StderrFilter::new(Mark);
        let mut out = Vec::new();
        let mut fed = 0;
        for piece in pieces(&input, &cuts(&input, &at)) {
            filter.feed(piece, &mut out);
            fed += piece.len();
            prop_assert_eq!(&out[..], &input[..out.len()]);
            let held = &input[out.len()..fed];
            prop_assert!(held.len() <= HOLD_LIMIT);
            prop_assert_eq!(filter.is_holding(), !held.is_empty());
            if !held.is_empty() {
                prop_assert!(!held.contains(&b'\n'));
                prop_assert!(out.is_empty() || out.ends_with(b"\n"), "only a line's start is held");
                prop_assert!(
                    rules::line_starts().iter().any(|s| s.as_bytes().starts_with(held) || held.starts_with(s.as_bytes())),
                    "held {:?}, which cannot start an error line", String::from_utf8_lossy(held)
                );
            }
        }
        filter.finish(&mut out);
        prop_assert_eq!(&out, &input);
        prop_assert!(filter.finding().is_none());
    }

    /// Any split of any stream gives the output of the whole stream, with at most one
    /// explanation, present exactly when the stream holds a recognised line.
    #[test]
    fn any_split_gives_the_same_output(
        input in stream(prop_oneof![2 => noise_line(), 1 => error_line()]),
        at in proptest::collection::vec(any::<prop::sample::Index>(), 0..8),
    ) {
        let expected = whole(Mark, &input);
        prop_assert_eq!(&run(Mark, pieces(&input, &cuts(&input, &at))), &expected);
        prop_assert_eq!(&run(Mark, input.chunks(1)), &expected);
        let explained = count(&expected.0, MARK.as_bytes());
        prop_assert_eq!(explained, usize::from(contains_recognised_line(&input)));
        prop_assert_eq!(expected.1.is_some(), explained == 1);
    }
}

/// AWS CLI v2 cases built from its source's templates (tests/fixtures/aws-cli-v2-templates):
/// each is recognised as its README says, split at every offset, and the explanation comes
/// after the CLI's last byte, so that a details block stays whole after its line.
#[test]
fn v2_template_cases_are_explained_after_the_clis_stderr() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/aws-cli-v2-templates");
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    let table: Vec<(String, Option<String>)> = readme
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
            let name = cells.first()?;
            name.ends_with(".stderr").then(|| {
                let rule = cells.last().unwrap();
                (
                    name.to_string(),
                    (*rule != "nothing").then(|| rule.to_string()),
                )
            })
        })
        .collect();
    assert_eq!(table.len(), 8);
    for (name, rule) in table {
        let input = std::fs::read(dir.join(&name)).unwrap();
        let (out, found) = assert_split_invariant(|| Mark, &input, true);
        assert_eq!(found.map(str::to_owned), rule, "{name}");
        match rule {
            Some(id) => {
                let mut expected = input.clone();
                expected.extend_from_slice(format!("{}{id}>>\n", &MARK[1..]).as_bytes());
                assert_eq!(
                    String::from_utf8_lossy(&out),
                    String::from_utf8_lossy(&expected),
                    "{name}"
                );
            }
            None => assert_eq!(out, input, "{name}: byte-identical"),
        }
    }
}
