//! Reading another tool's stderr for a credential failure (`aws-shim run`, and the links named
//! `cdk`, `sam`, `terraform`...). The tool's bytes have already gone out unchanged when they
//! get here: this module only looks at a copy, and says at the end what it found.
//!
//! The SDKs and tools print the same service errors as the AWS CLI, in their own frames:
//! - Python (botocore): `botocore.exceptions.ClientError: An error occurred (CODE) when calling
//!   the OP operation: MESSAGE`, and botocore's provider texts after the exception's name;
//! - JavaScript v3: `CODE: MESSAGE`, and a dumped error object with `Code: 'CODE'`;
//! - Go v2 (Terraform's AWS provider too): `operation error SVC: OP, https response error
//!   StatusCode: N, RequestID: ID, api error CODE: MESSAGE`; Go v1: `CODE: MESSAGE`;
//! - the SAM CLI: `Error: ...: ` before botocore's line; the AWS CDK: its own sentences
//!   ([`rules::TOOL_RULES`]).
//!
//! So a failure is looked for where a message starts: at the start of a line, or after `: `
//! or `, `. Lines are cleaned first: ANSI escapes are removed, a carriage return ends a line
//! (spinners), and the frames of [`tools::TOOLS`] are taken off (Terraform's diagnostic box,
//! `╷`, `│ `, `╵`), whichever command is read: a script may run any tool. Text that a tool
//! wrapped (Terraform wraps detail text at 78 columns off a terminal) is searched again with
//! its lines joined, one paragraph at a time.

use crate::rules::{self, Failure, Family};
use crate::tools;
use aho_corasick::packed;
use regex::Regex;
use std::sync::LazyLock;

/// The most bytes of one line, and of one joined paragraph, that are searched; the rest of a
/// longer line is not looked at.
pub const LINE_LIMIT: usize = 16 * 1024;

/// What aws-shim's own explanation starts with: the output of an `aws` (or a tool) that is
/// itself wrapped, inside the command being read, is explained already.
const OWN_LINE: &[&str] = &["aws-shim: ", "aws-shim ("];

/// The places where a failure may start (the boundary before it, then the start itself).
static STARTS: LazyLock<Regex> = LazyLock::new(|| {
    let mut starts: Vec<String> = vec![
        regex::escape("An error occurred ("),
        regex::escape("operation error "),
        "(?:Code|name): '".to_owned(),
    ];
    let texts = rules::RULES.iter().filter_map(|r| match r.pattern {
        rules::Pattern::Text { prefix } => Some(prefix),
        _ => None,
    });
    starts.extend(
        texts
            .chain(rules::tool_text_starts())
            .chain(rules::named_codes())
            .map(regex::escape),
    );
    starts.sort_by_key(|s| std::cmp::Reverse(s.len()));
    starts.dedup();
    Regex::new(&format!("(?:^|: |, )(?:{})", starts.join("|"))).expect("valid regex")
});

/// Go v2's rendering of a service error.
static GO_V2: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^operation error ([^:,]+): ([A-Za-z0-9]+), .*?(?-u:\b)api error ([A-Za-z0-9_.]+): (.*)$",
    )
    .expect("valid regex")
});

/// A dumped JavaScript error object's code or name.
static JS_FIELD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:Code|name): '([A-Za-z0-9]+)',?$").expect("valid regex"));

/// `CODE: MESSAGE` or a bare `CODE` (JavaScript, Go v1, older Terraform, the CDK's
/// `Assuming role failed: ExpiredToken`).
static CODE_FIRST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([A-Za-z][A-Za-z0-9]*)(?:: (.*))?$").expect("valid regex"));

/// An AWS error code of [`rules::CREDENTIAL_CODES`] where a code stands, as a whole word:
/// - where a message starts (the start of the text, after `: `, `, ` or Go's `api error `),
///   followed by `: MESSAGE` or nothing (`ExpiredToken: The provided token has expired.`,
///   `‣ UnrecognizedClientException: ...`, `failed: ExpiredToken`);
/// - in parentheses, followed by `: MESSAGE`, ` when calling` or nothing (s3cmd's
///   `S3 error: 403 (InvalidAccessKeyId): ...`, the SDK for Rust's `unhandled error
///   (ExpiredToken)`);
/// - quoted, as the value of a field that holds a code (`code: Some("ExpiredToken")`,
///   `Code: 'ExpiredToken'`, `"Code": "ExpiredToken"`), or bare, as such a field's whole value
///   before a `,` or the end (the MinIO clients' `S3 operation failed; code: ExpiredToken,
///   message: ...`).
///
/// Never inside a longer word (`ExpiredTokens`, `XExpiredToken`), and never where prose
/// names it (`the ExpiredToken code`), quotes it (`KeyError: 'ExpiredToken'`) or shows a
/// response body (`<Code>ExpiredToken</Code>`, `"__type":"...#ExpiredTokenException"`).
static CODE_PLACES: LazyLock<Regex> = LazyLock::new(|| {
    let codes = rules::CREDENTIAL_CODES
        .iter()
        .map(|c| regex::escape(c))
        .collect::<Vec<_>>()
        .join("|");
    Regex::new(&format!(
        r#"(?:^|: |, |(?-u:\b)api error )({codes})(?:: (.*)|:?$)|\(({codes})\)(?:: (.*)| when calling |$)|(?-u:\b)(?:[Cc]ode|[Ee]rror[Cc]ode|name)["']?(?:: ?|=)(?:Some\()?["'`]({codes})["'`]|(?-u:\b)(?:[Cc]ode|[Ee]rror[Cc]ode)(?:: ?|=)({codes})(?:,|$)"#
    ))
    .expect("valid regex")
});

/// A message given as a field (`message: Some("...")`, `Message: '...'`, or bare up to the
/// next `, field: ` or the end: `message: The provided token has expired., resource: None`),
/// for a code given as one.
static MESSAGE_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?-u:\b)[Mm]essage["']?(?:: ?|=)(?:(?:Some\()?["'`]([^"'`]*)|([^"'` \t(].*?)(?:, [a-z_]+: |$))"#,
    )
    .expect("valid regex")
});

/// The failure that one piece of text (a line, or a paragraph joined from lines) reports:
/// the first one, in the order the text reads, among the formats the rules know (the AWS
/// CLI's lines, the tools' texts, the services' messages, the SDKs' shapes); a code where a
/// code stands, wherever that is, when those have none or only a message.
pub fn recognise(text: &str) -> Option<Failure> {
    // Marker glyphs before a message (the AWS CDK's `‣ `, `❌ `, a list's `- `).
    let text = text
        .trim()
        .trim_start_matches(|c: char| !c.is_alphanumeric() && !"'\"`([{<".contains(c));
    let known = STARTS.find_iter(text).find_map(|m| {
        let mut at = m.start();
        for boundary in [": ", ", "] {
            if text[at..].starts_with(boundary) {
                at += boundary.len();
            }
        }
        at_start(&text[at..])
    });
    match known {
        Some(found) if found.code.is_some() => Some(found),
        known => code_in_place(text).or(known),
    }
}

/// The first code of [`CODE_PLACES`] in `text` that a rule knows with its message.
fn code_in_place(text: &str) -> Option<Failure> {
    let mut at = 0;
    // Each search goes on from the end of the last code, not of its message: a code whose
    // message is not its rule's may be followed by the same code with its message
    // (`(SignatureDoesNotMatch): Error { code: "SignatureDoesNotMatch", message: "..." }`).
    while let Some(caps) = CODE_PLACES.captures_at(text, at) {
        let code = caps
            .get(1)
            .or(caps.get(3))
            .or(caps.get(5))
            .or(caps.get(6))?;
        let message = caps
            .get(2)
            .or(caps.get(4))
            .filter(|m| !m.as_str().is_empty())
            .or_else(|| {
                MESSAGE_FIELD
                    .captures_at(text, code.end())
                    .and_then(|m| m.get(1).or(m.get(2)))
            })
            .map_or("", |m| m.as_str());
        if let Some(found) = rules::service_failure(code.as_str(), None, message) {
            return Some(found);
        }
        at = code.end();
    }
    None
}

/// The failure whose message starts `text`.
fn at_start(text: &str) -> Option<Failure> {
    if let Some(found) = rules::recognise(text.as_bytes()).or_else(|| rules::tool_text(text)) {
        return Some(found);
    }
    if let Some(caps) = GO_V2.captures(text) {
        return rules::service_failure(
            caps.get(3)?.as_str(),
            Some(caps.get(2)?.as_str()),
            caps.get(4)?.as_str(),
        );
    }
    if let Some(caps) = JS_FIELD.captures(text) {
        return rules::service_failure(caps.get(1)?.as_str(), None, "");
    }
    let caps = CODE_FIRST.captures(text)?;
    let code = caps.get(1)?.as_str();
    if !rules::named_codes().any(|c| c == code) {
        return None;
    }
    rules::service_failure(code, None, caps.get(2).map_or("", |m| m.as_str()))
}

/// Pieces of words of which every recognised text holds at least one, whole, on one line:
/// the codes, the rules' texts, the services' messages and aws-shim's own explanation. A line
/// without any of them is never searched, and a paragraph none of whose lines has one is
/// never joined. None holds a space, so no word is cut when a tool wraps its text; each
/// starts with bytes that ordinary log text seldom has, so that the search seldom stops.
/// (`tests::every_recognised_text_holds_an_anchor` checks every text against this list.)
const ANCHORS: &[&str] = &[
    "xpir",   // ExpiredToken, RequestExpired, "has expired", "is expired"
    "nval",   // InvalidToken, InvalidClientTokenId, ..., "is invalid"
    "Unrec",  // UnrecognizedClientException
    "gnatu",  // SignatureDoesNotMatch, InvalidSignatureException, "request signature"
    "hFail",  // AuthFailure
    "nRefr",  // TokenRefreshRequired
    "kewed",  // RequestTimeTooSkewed
    "dentia", // "Unable to locate credentials", NoCredentials, "No valid credential"
    "ccurr",  // every `An error occurred (...)`, S3's bare 400 and 403 included
    "SSO",    // the SSO token texts
    "ogin",   // `aws login`'s texts
    "olve",   // the CDK's "Unable to resolve AWS account to use."
    "ecord",  // "... does not exist in our records."
    "fferen", // "The difference between the request time and the current time ..."
    "eshed",  // "The provided token must be refreshed."
    "s-shim", // aws-shim's own explanation
];

/// aws-shim's own explanation: once a failure is certain, the only anchor that matters.
const OWN_ANCHOR: &[u8] = b"aws-shim";

/// The search for [`ANCHORS`]: one pass (SIMD, where the machine has it) over the bytes for
/// all of them.
static ANCHOR_SEARCH: LazyLock<packed::Searcher> = LazyLock::new(|| {
    packed::Config::new()
        .builder()
        .extend(ANCHORS)
        .build()
        .expect("anchors a packed search accepts")
});

/// Where the first of the [`ANCHORS`] in `bytes` starts.
fn find_anchor(bytes: &[u8]) -> Option<usize> {
    ANCHOR_SEARCH.find(bytes).map(|m| m.start())
}

/// The most bytes of the current paragraph's lines kept (each line stored with a `\n`).
const PARAGRAPH_LIMIT: usize = LINE_LIMIT;

/// Reads a tool's stderr as it streams by, for its first credential failure.
///
/// Heavy stderr costs little: a line is cleaned and searched only when it holds one of the
/// [`ANCHORS`] (found with one pass over each piece read); the lines between are only kept
/// as the current paragraph (its last [`PARAGRAPH_LIMIT`] bytes), which is joined and
/// searched again only when one of its lines holds an anchor.
pub struct Scanner {
    tool: String,
    /// The current line, as it came (at most [`LINE_LIMIT`] bytes of it), when it started in
    /// an earlier piece of the stream.
    line: Vec<u8>,
    /// The last byte fed ended a line with a carriage return (a `\n` after it ends nothing).
    after_cr: bool,
    /// The lines of the current paragraph as they came, each followed by `\n`, from
    /// `paragraph_start` on: while no line of it holds an anchor, only its last lines that
    /// fit in [`PARAGRAPH_LIMIT`] bytes; once one does, the paragraph is searched when it
    /// would grow past that.
    paragraph: Vec<u8>,
    paragraph_start: usize,
    /// A line of the current paragraph holds an anchor: the paragraph is worth joining.
    paragraph_anchored: bool,
    /// The first failure that is one for certain.
    definite: Option<Failure>,
    /// The first failure that needs the context to mean anything (kept only while no certain
    /// one comes).
    ambiguous: Option<Failure>,
    /// aws-shim's own explanation went by: the failure is explained already.
    explained: bool,
}

impl Scanner {
    pub fn new(tool: impl Into<String>) -> Scanner {
        Scanner {
            tool: tool.into(),
            line: Vec::new(),
            after_cr: false,
            paragraph: Vec::new(),
            paragraph_start: 0,
            paragraph_anchored: false,
            definite: None,
            ambiguous: None,
            explained: false,
        }
    }

    /// Nothing more can change what is found. A certain failure stops the search, but not
    /// the watch for aws-shim's own explanation, which may follow it.
    fn done(&self) -> bool {
        self.explained
    }

    /// Read more of the stream.
    pub fn feed(&mut self, input: &[u8]) {
        // Where the next anchor of `input` starts (`usize::MAX`: none), looked for again only
        // once the lines have gone past it: one pass over the input in all.
        let mut anchor: Option<usize> = None;
        let mut at = 0;
        while at < input.len() && !self.done() {
            if self.line.is_empty() {
                let next = match anchor {
                    Some(next) if next >= at => next,
                    _ => {
                        let rest = &input[at..];
                        // Once a failure is certain, only aws-shim's own explanation matters.
                        let found = if self.definite.is_some() {
                            memchr::memmem::find(rest, OWN_ANCHOR)
                        } else {
                            find_anchor(rest)
                        };
                        *anchor.insert(found.map_or(usize::MAX, |i| at + i))
                    }
                };
                if next == usize::MAX && !self.paragraph_anchored {
                    // Nothing more to search in this piece: its lines only make up the
                    // paragraph that a later anchor may join.
                    self.pass(&input[at..]);
                    return;
                }
            }
            let Some(i) = memchr::memchr2(b'\n', b'\r', &input[at..]) else {
                self.take(&input[at..]);
                self.after_cr = false;
                return;
            };
            let end = at + i;
            let content = &input[at..end];
            // `\r\n` ends one line, not two.
            let ends_line = !(input[end] == b'\n'
                && self.after_cr
                && self.line.is_empty()
                && content.is_empty());
            if ends_line && self.line.is_empty() {
                let next = anchor.unwrap_or(usize::MAX);
                let content = &content[..content.len().min(LINE_LIMIT)];
                self.end_line(content, next < end);
            } else if ends_line {
                // A line begun in an earlier piece: its anchor may straddle the two.
                self.take(content);
                let line = std::mem::take(&mut self.line);
                self.end_line(&line, find_anchor(&line).is_some());
                self.line = line;
                self.line.clear();
            }
            self.after_cr = input[end] == b'\r';
            at = end + 1;
        }
    }

    /// Lines without an anchor, starting at a line start, with no anchored paragraph open:
    /// the same as ending each of them, done backwards from the last (only the last
    /// paragraph's last lines are kept).
    fn pass(&mut self, input: &[u8]) {
        let Some(last) = memchr::memrchr2(b'\n', b'\r', input) else {
            self.take(input);
            self.after_cr = false;
            return;
        };
        let mut lines = &input[..last + 1];
        if self.after_cr && lines[0] == b'\n' {
            lines = &lines[1..];
        }
        if self.definite.is_none() && !lines.is_empty() {
            // The lines after the last one that ends a paragraph, back to what fits.
            let mut kept: Vec<&[u8]> = Vec::new();
            let mut size = 0;
            let mut cut = false; // a paragraph's end, or the limit, was reached
            let mut end = lines.len() - 1; // the terminator of the line looked at
            loop {
                let start = memchr::memrchr2(b'\n', b'\r', &lines[..end]).map_or(0, |p| p + 1);
                // The `\n` of a `\r\n` ends no line of its own.
                if lines[end] == b'\n' && start == end && end > 0 && lines[end - 1] == b'\r' {
                    end -= 1;
                    continue;
                }
                let line = &lines[start..end];
                let line = &line[..line.len().min(PARAGRAPH_LIMIT - 1)];
                if ends_paragraph(line) || size + line.len() + 1 > PARAGRAPH_LIMIT {
                    cut = true;
                    break;
                }
                kept.push(line);
                size += line.len() + 1;
                if start == 0 {
                    break;
                }
                end = start - 1;
            }
            if cut {
                self.paragraph.clear();
                self.paragraph_start = 0;
            }
            for line in kept.into_iter().rev() {
                self.add_to_paragraph(line, false);
            }
        }
        self.after_cr = input[last] == b'\r';
        if last + 1 < input.len() {
            self.take(&input[last + 1..]);
            self.after_cr = false;
        }
    }

    fn take(&mut self, bytes: &[u8]) {
        let room = LINE_LIMIT.saturating_sub(self.line.len());
        self.line.extend_from_slice(&bytes[..bytes.len().min(room)]);
    }

    /// The stream ended: the failure found, if any, with the tool's name.
    pub fn finish(&mut self) -> Option<Failure> {
        if !self.line.is_empty() {
            let line = std::mem::take(&mut self.line);
            self.end_line(&line, find_anchor(&line).is_some());
        }
        self.end_paragraph();
        if self.explained {
            return None;
        }
        let mut found = self.definite.take().or_else(|| self.ambiguous.take())?;
        found.tool = Some(self.tool.clone());
        Some(found)
    }

    /// One line, as it came (at most [`LINE_LIMIT`] bytes); `anchored`: it holds an anchor.
    fn end_line(&mut self, raw: &[u8], anchored: bool) {
        if self.done() {
            return;
        }
        if self.definite.is_some() {
            // Only aws-shim's own explanation matters now.
            if !anchored || memchr::memmem::find(raw, OWN_ANCHOR).is_none() {
                return;
            }
        }
        if !anchored {
            // Nothing in it can be recognised: it only matters as part of a paragraph.
            if ends_paragraph(raw) {
                self.end_paragraph();
            } else {
                self.add_to_paragraph(raw, false);
            }
            return;
        }
        let text = clean(raw);
        let text = text.trim();
        if OWN_LINE.iter().any(|own| text.starts_with(own)) {
            self.explained = true;
            return;
        }
        if self.definite.is_some() {
            return;
        }
        let Some(text) = paragraph_text(text) else {
            self.end_paragraph();
            return;
        };
        if let Some(found) = recognise(text) {
            self.found(found);
            if self.definite.is_some() {
                return;
            }
        }
        self.add_to_paragraph(raw, true);
    }

    /// A line of the current paragraph. While none holds an anchor, the oldest lines make
    /// room; once one does, a paragraph that would grow too long is searched and a new one
    /// starts.
    fn add_to_paragraph(&mut self, raw: &[u8], anchored: bool) {
        let raw = &raw[..raw.len().min(PARAGRAPH_LIMIT - 1)];
        let len = self.paragraph.len() - self.paragraph_start;
        if len + raw.len() + 1 > PARAGRAPH_LIMIT {
            if self.paragraph_anchored {
                self.end_paragraph();
            } else {
                let mut start = self.paragraph_start;
                while self.paragraph.len() - start + raw.len() + 1 > PARAGRAPH_LIMIT {
                    start += memchr::memchr(b'\n', &self.paragraph[start..]).map_or(0, |i| i) + 1;
                }
                self.paragraph_start = start;
                if start > PARAGRAPH_LIMIT {
                    self.paragraph.drain(..start);
                    self.paragraph_start = 0;
                }
            }
        }
        self.paragraph.extend_from_slice(raw);
        self.paragraph.push(b'\n');
        self.paragraph_anchored |= anchored;
    }

    /// A blank line or a frame's edge: the lines since the last one are searched as one text,
    /// when one of them holds an anchor.
    fn end_paragraph(&mut self) {
        let anchored = std::mem::replace(&mut self.paragraph_anchored, false);
        let lines = &self.paragraph[self.paragraph_start..];
        if anchored
            && self.definite.is_none()
            && !self.done()
            && memchr::memchr_iter(b'\n', lines).count() > 1
        {
            let mut joined = String::new();
            for raw in lines.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
                let text = clean(raw);
                if let Some(text) = paragraph_text(text.trim()) {
                    if !joined.is_empty() {
                        joined.push(' ');
                    }
                    joined.push_str(text);
                }
            }
            if let Some(found) = recognise(&joined) {
                self.found(found);
            }
        }
        self.paragraph.clear();
        self.paragraph_start = 0;
    }

    fn found(&mut self, found: Failure) {
        if found.family() == Family::Ambiguous {
            self.ambiguous.get_or_insert(found);
        } else {
            self.definite = Some(found);
        }
    }
}

/// A cleaned, trimmed line as part of a paragraph: without the side of a box of
/// [`tools::boxes`] (Terraform's `│ `); `None` for a line that ends the paragraph (blank, or
/// a box's edge: Terraform's `╷` or `╵`).
fn paragraph_text(text: &str) -> Option<&str> {
    let mut text = text;
    for (open, side, close) in tools::boxes() {
        if text.starts_with([open, close]) {
            return None;
        }
        text = text.strip_prefix(side).map_or(text, str::trim);
    }
    (!text.is_empty()).then_some(text)
}

/// Whether a line as it came ends a paragraph, looked at cheaply: a line that starts (after
/// blanks) with printable ASCII is text; only one that starts with an escape or a non-ASCII
/// byte (a colour, a frame's border) is cleaned to tell.
fn ends_paragraph(raw: &[u8]) -> bool {
    match raw.iter().find(|b| !b.is_ascii_whitespace()) {
        None => true,
        Some(&b) if b == 0x1b || !b.is_ascii() => paragraph_text(clean(raw).trim()).is_none(),
        Some(_) => false,
    }
}

/// A line as text, without ANSI escape sequences (CSI such as colours and cursor moves, OSC
/// such as titles and links, and two-byte escapes); bytes that are not UTF-8 become U+FFFD.
pub fn clean(raw: &[u8]) -> String {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let Some(esc) = memchr::memchr(0x1b, &raw[i..]) else {
            out.extend_from_slice(&raw[i..]);
            break;
        };
        out.extend_from_slice(&raw[i..i + esc]);
        i += esc + 1;
        match raw.get(i) {
            Some(b'[') => {
                i += 1;
                while i < raw.len() && !(0x40..=0x7e).contains(&raw[i]) {
                    i += 1;
                }
                i += 1;
            }
            Some(b']') => {
                i += 1;
                while i < raw.len() {
                    if raw[i] == 0x07 {
                        i += 1;
                        break;
                    }
                    if raw[i] == 0x1b && raw.get(i + 1) == Some(&b'\\') {
                        i += 2;
                        break;
                    }
                    i += 1;
                }
            }
            // nF escapes (`ESC ( B`): intermediate bytes, then one final byte.
            Some(_) => {
                while i < raw.len() && (0x20..=0x2f).contains(&raw[i]) {
                    i += 1;
                }
                i += 1;
            }
            None => {}
        }
    }
    match String::from_utf8(out) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

#[cfg(test)]
mod tests;
