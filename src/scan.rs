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
//! (spinners), and Terraform's diagnostic borders (`╷`, `│ `, `╵`) are taken off. Text that a
//! tool wrapped (Terraform wraps detail text at 78 columns off a terminal) is searched again
//! with its lines joined, one paragraph at a time.

use crate::rules::{self, Failure, Family};
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
    Regex::new(r"^operation error ([^:,]+): ([A-Za-z0-9]+), .*?\bapi error ([A-Za-z0-9_.]+): (.*)$")
        .expect("valid regex")
});

/// A dumped JavaScript error object's code or name.
static JS_FIELD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:Code|name): '([A-Za-z0-9]+)',?$").expect("valid regex"));

/// `CODE: MESSAGE` or a bare `CODE` (JavaScript, Go v1, older Terraform, the CDK's
/// `Assuming role failed: ExpiredToken`).
static CODE_FIRST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([A-Za-z][A-Za-z0-9]*)(?:: (.*))?$").expect("valid regex"));

/// The failure that one piece of text (a line, or a paragraph joined from lines) reports:
/// the first one, in the order the text reads.
pub fn recognise(text: &str) -> Option<Failure> {
    let text = text.trim();
    STARTS.find_iter(text).find_map(|m| {
        let mut at = m.start();
        for boundary in [": ", ", "] {
            if text[at..].starts_with(boundary) {
                at += boundary.len();
            }
        }
        at_start(&text[at..])
    })
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

/// Reads a tool's stderr as it streams by, for its first credential failure.
pub struct Scanner {
    tool: String,
    /// The current line, as it came (at most [`LINE_LIMIT`] bytes of it).
    line: Vec<u8>,
    /// The last byte fed ended a line with a carriage return (a `\n` after it ends nothing).
    after_cr: bool,
    /// The lines of the current paragraph, cleaned and joined with spaces.
    paragraph: String,
    paragraph_lines: usize,
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
            paragraph: String::new(),
            paragraph_lines: 0,
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
    pub fn feed(&mut self, mut input: &[u8]) {
        while !input.is_empty() && !self.done() {
            match memchr::memchr2(b'\n', b'\r', input) {
                Some(i) => {
                    self.take(&input[..i]);
                    let cr = input[i] == b'\r';
                    // `\r\n` ends one line, not two.
                    if !(input[i] == b'\n' && self.after_cr && self.line.is_empty()) {
                        self.end_line();
                    }
                    self.after_cr = cr;
                    input = &input[i + 1..];
                }
                None => {
                    self.take(input);
                    self.after_cr = false;
                    input = &[];
                }
            }
        }
    }

    fn take(&mut self, bytes: &[u8]) {
        if !bytes.is_empty() {
            self.after_cr = false;
        }
        let room = LINE_LIMIT.saturating_sub(self.line.len());
        self.line.extend_from_slice(&bytes[..bytes.len().min(room)]);
    }

    /// The stream ended: the failure found, if any, with the tool's name.
    pub fn finish(&mut self) -> Option<Failure> {
        if !self.line.is_empty() {
            self.end_line();
        }
        self.end_paragraph();
        if self.explained {
            return None;
        }
        let mut found = self.definite.take().or_else(|| self.ambiguous.take())?;
        found.tool = Some(self.tool.clone());
        Some(found)
    }

    fn end_line(&mut self) {
        let raw = std::mem::take(&mut self.line);
        if self.done() {
            return;
        }
        let text = clean(&raw);
        let text = text.trim();
        if OWN_LINE.iter().any(|own| text.starts_with(own)) {
            self.explained = true;
            return;
        }
        if self.definite.is_some() {
            return;
        }
        // Terraform's diagnostic frame: `╷` opens it, `╵` closes it, `│ ` starts each line.
        if text.starts_with(['╷', '╵']) {
            self.end_paragraph();
            return;
        }
        let text = text.strip_prefix('│').map_or(text, str::trim);
        if text.is_empty() {
            self.end_paragraph();
            return;
        }
        if let Some(found) = recognise(text) {
            self.found(found);
            if self.definite.is_some() {
                return;
            }
        }
        if self.paragraph.len() + text.len() >= LINE_LIMIT {
            self.end_paragraph();
        }
        if !self.paragraph.is_empty() {
            self.paragraph.push(' ');
        }
        self.paragraph.push_str(text);
        self.paragraph_lines += 1;
    }

    /// A blank line or a frame's edge: the lines since the last one are searched as one text.
    fn end_paragraph(&mut self) {
        let paragraph = std::mem::take(&mut self.paragraph);
        let lines = std::mem::replace(&mut self.paragraph_lines, 0);
        if lines > 1
            && self.definite.is_none()
            && !self.done()
            && let Some(found) = recognise(&paragraph)
        {
            self.found(found);
        }
        self.paragraph = paragraph;
        self.paragraph.clear();
    }

    fn found(&mut self, found: Failure) {
        if found.family() == Family::Ambiguous {
            self.ambiguous.get_or_insert(found);
        } else {
            self.definite = Some(found);
        }
    }
}

/// A line as text, without ANSI escape sequences (CSI such as colours and cursor moves, OSC
/// such as titles and links, and two-byte escapes); bytes that are not UTF-8 become U+FFFD.
pub fn clean(raw: &[u8]) -> String {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] != 0x1b {
            out.push(raw[i]);
            i += 1;
            continue;
        }
        i += 1;
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
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests;
