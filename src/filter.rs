//! The stderr filter: a pure streaming state machine (bytes in, bytes out, no I/O).
//!
//! Bytes that cannot belong to a recognised error line are emitted as soon as they are fed,
//! partial lines included. A partial line that is still compatible with the start of a
//! recognised line is held until its newline, up to [`HOLD_LIMIT`] bytes; the caller may also
//! release it early ([`StderrFilter::release`]) after a quiet time. The output never depends on
//! how the input was split.

use crate::rules::{self, Failure};
use crate::scan::Scanner;

/// The most bytes of one line held back while waiting for its newline. Longer lines pass
/// unchanged.
pub const HOLD_LIMIT: usize = 4096;

/// What to do with the first recognised line of a run.
pub trait Responder {
    /// Write what stands for `line` (its content, without the newline), which reports
    /// `failure`, into `out`, without a final newline (the filter writes the line's own): the
    /// line unchanged, or the CLI's message alone. Return the explanation that follows it,
    /// if any (lines without a final newline).
    ///
    /// The filter writes the explanation right after the line, except after a line of AWS
    /// CLI v2 (`aws: [ERROR]: `), which may be followed by its own `Additional error
    /// details:` block: then the explanation comes once the CLI's stderr has ended, so that
    /// the block stays whole and in place.
    fn respond(&mut self, failure: &Failure, line: &[u8], out: &mut Vec<u8>) -> Option<Vec<u8>>;
}

/// Where the filter's output goes. A `Vec<u8>` collects it; the wrapper writes large pieces
/// straight to stderr without copying them.
pub trait Sink {
    fn put(&mut self, bytes: &[u8]);
}

impl Sink for Vec<u8> {
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// At the start of a line, or inside a held partial line.
    Holding,
    /// Inside a line that cannot be recognised: pass until the newline.
    Passing,
}

pub struct StderrFilter<R> {
    state: State,
    held: Vec<u8>,
    responder: R,
    /// The first recognised line's failure: the only one explained.
    finding: Option<Failure>,
    /// An explanation kept for the end of the input (see [`Responder::respond`]).
    deferred: Option<Vec<u8>>,
    /// Whether the last byte written ended a line (or nothing was written yet).
    at_line_start: bool,
    /// For a tool other than the AWS CLI: every byte passes at once, unchanged, and this reads
    /// a copy; what it found is explained when the input ends.
    watch: Option<Scanner>,
}

impl<R: Responder> StderrFilter<R> {
    pub fn new(responder: R) -> Self {
        StderrFilter {
            state: State::Holding,
            held: Vec::new(),
            responder,
            finding: None,
            deferred: None,
            at_line_start: true,
            watch: None,
        }
    }

    /// A filter for another tool's stderr (`aws-shim run`): it never holds, changes or
    /// replaces a byte; the explanation of the first failure found comes once, after the
    /// input has ended. `tool` names the tool in the explanation.
    pub fn watching(responder: R, tool: impl Into<String>) -> Self {
        StderrFilter {
            watch: Some(Scanner::new(tool)),
            ..Self::new(responder)
        }
    }

    /// Feed bytes; whatever can be emitted is appended to `out`.
    pub fn feed(&mut self, mut input: &[u8], out: &mut impl Sink) {
        if let Some(watch) = &mut self.watch {
            put(&mut self.at_line_start, out, input);
            watch.feed(input);
            return;
        }
        while !input.is_empty() {
            match self.state {
                State::Passing => match memchr::memchr(b'\n', input) {
                    Some(i) => {
                        put(&mut self.at_line_start, out, &input[..=i]);
                        input = &input[i + 1..];
                        self.state = State::Holding;
                    }
                    None => {
                        put(&mut self.at_line_start, out, input);
                        input = &[];
                    }
                },
                State::Holding if self.held.is_empty() => {
                    let used = self.scan_lines(input, out);
                    input = &input[used..];
                }
                State::Holding => {
                    let newline = memchr::memchr(b'\n', input);
                    let content_end = newline.unwrap_or(input.len());
                    let content = &input[..content_end];
                    if self.held.len() + content.len() > HOLD_LIMIT {
                        self.pass_held(content, out);
                        input = &input[content_end..];
                        continue;
                    }
                    self.held.extend_from_slice(content);
                    if !rules::could_start(&self.held) {
                        self.pass_held(&[], out);
                        input = &input[content_end..];
                        continue;
                    }
                    match newline {
                        Some(_) => {
                            let held = std::mem::take(&mut self.held);
                            self.line(&held, out);
                            put(&mut self.at_line_start, out, b"\n");
                            self.held = held;
                            self.held.clear();
                            input = &input[content_end + 1..];
                        }
                        None => input = &[],
                    }
                }
            }
        }
    }

    /// The hot path: at a line start with nothing held. Whole lines that cannot be
    /// recognised are passed in one run (one copy per run, not per line). Stops at the first
    /// line that is recognised or incomplete; returns how many bytes it consumed.
    fn scan_lines(&mut self, input: &[u8], out: &mut impl Sink) -> usize {
        let mut start = 0; // start of the current line
        while start < input.len() {
            // After the first finding nothing more is explained, so nothing more is held.
            let maybe = self.finding.is_none() && rules::may_start_with(input[start]);
            let newline = memchr::memchr(b'\n', &input[start..]).map(|i| start + i);
            match newline {
                Some(end) => {
                    let found = if maybe {
                        self.recognise(&input[start..end])
                    } else {
                        None
                    };
                    let Some(found) = found else {
                        start = end + 1;
                        continue;
                    };
                    put(&mut self.at_line_start, out, &input[..start]);
                    self.explain(found, &input[start..end], out);
                    put(&mut self.at_line_start, out, b"\n");
                    return end + 1;
                }
                None => {
                    // An incomplete last line: held if it may still become an error line.
                    put(&mut self.at_line_start, out, &input[..start]);
                    let rest = &input[start..];
                    if maybe && rest.len() <= HOLD_LIMIT && rules::could_start(rest) {
                        self.held.extend_from_slice(rest);
                    } else {
                        put(&mut self.at_line_start, out, rest);
                        self.state = State::Passing;
                    }
                    return input.len();
                }
            }
        }
        put(&mut self.at_line_start, out, input);
        input.len()
    }

    /// The failure a complete line reports, when the responder is to answer it: only the
    /// first of a run, and only a line short enough to have been held.
    fn recognise(&self, content: &[u8]) -> Option<Failure> {
        if self.finding.is_some() || content.len() > HOLD_LIMIT {
            return None;
        }
        rules::recognise(content)
    }

    /// Emit a held partial line unchanged (after a quiet time); the rest of that line passes.
    pub fn release(&mut self, out: &mut impl Sink) {
        if !self.held.is_empty() {
            self.pass_held(&[], out);
        }
    }

    /// The input ended: emit anything held, unchanged (a line without its newline is not
    /// explained), then a deferred explanation, on a line of its own.
    pub fn finish(&mut self, out: &mut impl Sink) {
        if let Some(found) = self.watch.as_mut().and_then(Scanner::finish) {
            // The tool's own line is already out: only the explanation is written.
            self.deferred = self.responder.respond(&found, &[], &mut Vec::new());
            self.finding = Some(found);
        }
        put(&mut self.at_line_start, out, &self.held);
        self.held.clear();
        self.state = State::Holding;
        if let Some(text) = self.deferred.take() {
            if !self.at_line_start {
                put(&mut self.at_line_start, out, b"\n");
            }
            put(&mut self.at_line_start, out, &text);
            put(&mut self.at_line_start, out, b"\n");
            self.at_line_start = true;
        }
    }

    /// Whether a partial line is being held.
    pub fn is_holding(&self) -> bool {
        !self.held.is_empty()
    }

    /// The failure of the first line recognised so far.
    pub fn finding(&self) -> Option<&Failure> {
        self.finding.as_ref()
    }

    fn pass_held(&mut self, more: &[u8], out: &mut impl Sink) {
        put(&mut self.at_line_start, out, &self.held);
        self.held.clear();
        put(&mut self.at_line_start, out, more);
        self.state = State::Passing;
    }

    /// A complete line (content only); its `\n` is written by the caller.
    fn line(&mut self, content: &[u8], out: &mut impl Sink) {
        match self.recognise(content) {
            Some(found) => self.explain(found, content, out),
            None => put(&mut self.at_line_start, out, content),
        }
    }

    /// The responder answers a recognised line, which becomes the run's finding. The
    /// explanation follows the line (written here with a newline of its own, before the
    /// line's own that the caller writes) or waits for the end of the input.
    fn explain(&mut self, found: Failure, content: &[u8], out: &mut impl Sink) {
        let mut block = Vec::new();
        let explanation = self.responder.respond(&found, content, &mut block);
        match explanation {
            Some(text) if found.v2_prefix => {
                put(&mut self.at_line_start, out, &block);
                self.deferred = Some(text);
            }
            Some(text) => {
                block.push(b'\n');
                block.extend_from_slice(&text);
                put(&mut self.at_line_start, out, &block);
            }
            None => put(&mut self.at_line_start, out, &block),
        }
        self.finding = Some(found);
    }
}

/// Write to the sink, keeping track of whether the output stands at the start of a line.
#[inline]
fn put(at_line_start: &mut bool, out: &mut impl Sink, bytes: &[u8]) {
    if let Some(&last) = bytes.last() {
        *at_line_start = last == b'\n';
        out.put(bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Marks recognised lines so tests can see what was found.
    struct Mark;
    impl Responder for Mark {
        fn respond(&mut self, found: &Failure, line: &[u8], out: &mut Vec<u8>) -> Option<Vec<u8>> {
            out.extend_from_slice(line);
            Some(format!("[{}]", found.rule.id).into_bytes())
        }
    }

    fn run(pieces: &[&[u8]]) -> Vec<u8> {
        let mut f = StderrFilter::new(Mark);
        let mut out = Vec::new();
        for p in pieces {
            f.feed(p, &mut out);
        }
        f.finish(&mut out);
        out
    }

    #[test]
    fn explains_a_line_split_across_writes() {
        let out = run(&[
            b"\n",
            b"An error occurred (Expired",
            b"Token) when calling the X operation: m\n",
        ]);
        assert_eq!(out, b"\nAn error occurred (ExpiredToken) when calling the X operation: m\n[expired-token]\n");
    }

    #[test]
    fn a_prompt_without_newline_is_emitted_at_once() {
        let mut f = StderrFilter::new(Mark);
        let mut out = Vec::new();
        f.feed(
            b"Enter MFA code for arn:aws:iam::123456789012:mfa/user: ",
            &mut out,
        );
        assert_eq!(
            out,
            b"Enter MFA code for arn:aws:iam::123456789012:mfa/user: "
        );
        assert!(!f.is_holding());
    }

    #[test]
    fn a_possible_error_line_is_held_then_released() {
        let mut f = StderrFilter::new(Mark);
        let mut out = Vec::new();
        f.feed(b"An error occ", &mut out);
        assert!(out.is_empty());
        assert!(f.is_holding());
        f.release(&mut out);
        assert_eq!(out, b"An error occ");
        f.feed(b"urred (ExpiredToken): x\n", &mut out);
        assert_eq!(out, b"An error occurred (ExpiredToken): x\n");
    }

    #[test]
    fn holding_is_bounded() {
        let mut f = StderrFilter::new(Mark);
        let mut out = Vec::new();
        let mut long = b"An error occurred (ExpiredToken): ".to_vec();
        long.resize(HOLD_LIMIT + 1, b'x');
        f.feed(&long[..HOLD_LIMIT], &mut out);
        assert!(out.is_empty());
        f.feed(&long[HOLD_LIMIT..], &mut out);
        assert_eq!(out, long);
        assert!(!f.is_holding());
    }

    #[test]
    fn only_the_first_failure_is_explained() {
        let line: &[u8] = b"An error occurred (ExpiredToken): x\n";
        let out = run(&[line, line]);
        assert_eq!(out, b"An error occurred (ExpiredToken): x\n[expired-token]\nAn error occurred (ExpiredToken): x\n");
    }

    #[test]
    fn after_the_first_finding_nothing_is_held() {
        let mut f = StderrFilter::new(Mark);
        let mut out = Vec::new();
        f.feed(b"An error occurred (ExpiredToken): x\n", &mut out);
        out.clear();
        f.feed(b"An error occ", &mut out);
        assert_eq!(out, b"An error occ");
        assert!(!f.is_holding());
    }

    #[test]
    fn a_v2_details_block_stays_whole_after_its_line() {
        let input: &[u8] = b"\naws: [ERROR]: An error occurred (ExpiredToken) when calling the GetObject operation: m\n\nAdditional error details:\nBucketName: b\n";
        let want: &[u8] = b"\naws: [ERROR]: An error occurred (ExpiredToken) when calling the GetObject operation: m\n\nAdditional error details:\nBucketName: b\n[expired-token]\n";
        assert_eq!(run(&[input]), want);
        for cut in 0..input.len() {
            assert_eq!(run(&[&input[..cut], &input[cut..]]), want, "cut at {cut}");
        }
        // Without a final newline from the CLI, the explanation still starts a line.
        let out = run(&[b"aws: [ERROR]: An error occurred (ExpiredToken): m\npartial"]);
        assert_eq!(
            out,
            b"aws: [ERROR]: An error occurred (ExpiredToken): m\npartial\n[expired-token]\n"
        );
    }

    #[test]
    fn a_watched_tool_passes_every_byte_at_once_and_is_explained_at_the_end() {
        let input: &[u8] =
            b"\x1b[33mThere are expired AWS credentials in your environment.\x1b[39m\n\rdone";
        for cut in 0..=input.len() {
            let mut f = StderrFilter::watching(Mark, "cdk");
            let mut out = Vec::new();
            f.feed(&input[..cut], &mut out);
            assert_eq!(out, &input[..cut], "nothing is held");
            f.feed(&input[cut..], &mut out);
            assert_eq!(out, input);
            f.finish(&mut out);
            assert_eq!(out, [input, b"\n[cdk-expired-credentials]\n"].concat());
            assert_eq!(f.finding().and_then(|f| f.tool.as_deref()), Some("cdk"));
        }
        // Nothing found: nothing added.
        let mut f = StderrFilter::watching(Mark, "cdk");
        let mut out = Vec::new();
        f.feed(b"An error occ", &mut out);
        f.finish(&mut out);
        assert_eq!(out, b"An error occ");
    }

    #[test]
    fn an_unfinished_line_at_the_end_passes_unchanged() {
        assert_eq!(
            run(&[b"An error occurred (ExpiredToken): x"]),
            b"An error occurred (ExpiredToken): x"
        );
    }
}
