//! `aws-shim explain CODE|LINE|-`: the explanation for an error code, a whole error line, or
//! a whole stderr read from standard input (`aws s3 ls 2>&1 | aws-shim explain`), in the
//! current context. From standard input it explains what the wrapper would: the first
//! recognised line, once.

use crate::cli::Explain;
use crate::cmd::Run;
use crate::explain;
use crate::filter::{Responder, Sink, StderrFilter};
use crate::i18n::Catalogue;
use crate::render::Look;
use crate::rules::{self, Failure, Pattern, RULES};
use crate::{config, context, real_aws};
use std::io::{IsTerminal, Read, Write};

impl Run for Explain {
    fn run(self) -> anyhow::Result<i32> {
        let look = Look::from_env(self.lang.code.as_deref(), std::io::stdout().is_terminal());
        let cat = Catalogue::load(look.lang);
        let say = |id: &str, args: &[(&'static str, String)]| cat.text(id, args);
        if self.list {
            // A closed pipe (`| head`) is no error of ours.
            let _ = writeln!(std::io::stdout().lock(), "{}", known_errors(&cat));
            return Ok(0);
        }
        let from_stdin = self.error.is_empty() || self.error == ["-"];
        let failure = if from_stdin {
            if self.error.is_empty() && std::io::stdin().is_terminal() {
                eprintln!("aws-shim: {}", say("explain-usage", &[]));
                return Ok(1);
            }
            match first_failure_in(std::io::stdin().lock())? {
                Some(failure) => failure,
                None => {
                    eprintln!("aws-shim: {}", say("explain-nothing-found", &[]));
                    return Ok(1);
                }
            }
        } else {
            // An unquoted paste arrives as many words: one line again.
            let text = self.error.join(" ");
            match failure_for(&text) {
                Ok(Some(failure)) => failure,
                Ok(None) => {
                    eprintln!(
                        "aws-shim: {}\n{}",
                        say("explain-unknown", &[("text", format!("{text:?}"))]),
                        known_errors(&cat)
                    );
                    return Ok(1);
                }
                Err(NeedsLine(code)) => {
                    eprintln!("aws-shim: {}", say("explain-needs-line", &[("code", code)]));
                    return Ok(1);
                }
            }
        };
        // The CLI as the wrapper would know it (its order of the profile variables too); a
        // line with v2's prefix says it itself.
        let cli = if failure.v2_prefix {
            None
        } else {
            real_aws::Cli::from_env().version()
        };
        let inputs = config::context_inputs(self.profile.name.as_deref());
        let ctx = explain::with_place(context::resolve_for_cli(&inputs, cli));
        println!("{}", explain::text(&failure, &ctx, &look));
        Ok(0)
    }
}

/// The same, read as a stream: a piece at a time through the filter, so that a stderr of
/// any size (a `--debug` log, a `tail -f`) costs no more memory than the filter's held line.
pub fn first_failure_in(mut input: impl Read) -> std::io::Result<Option<Failure>> {
    struct Nothing;
    impl Responder for Nothing {
        fn respond(&mut self, _: &Failure, _: &[u8], _: &mut Vec<u8>) -> Option<Vec<u8>> {
            None
        }
    }
    /// What the filter passes on is not kept: only its finding counts.
    struct Discard;
    impl Sink for Discard {
        fn put(&mut self, _: &[u8]) {}
    }
    let mut filter = StderrFilter::new(Nothing);
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match input.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        filter.feed(&buf[..n], &mut Discard);
    }
    // A last line without its newline counts here: the text was pasted.
    filter.feed(b"\n", &mut Discard);
    Ok(filter.finding().cloned())
}

/// A code that stands for different troubles depending on its message: the whole line is
/// needed.
#[derive(Debug, PartialEq, Eq)]
pub struct NeedsLine(pub String);

/// A whole line is recognised as the wrapper would; a bare word is taken as a service code
/// (or a rule's id). A code that stands for different troubles depending on its message
/// (SignatureDoesNotMatch) needs the whole line.
pub fn failure_for(text: &str) -> Result<Option<Failure>, NeedsLine> {
    let text = text.trim();
    if let Some(found) = rules::recognise(text.as_bytes()) {
        return Ok(Some(found));
    }
    let by_code: Vec<_> = RULES
        .iter()
        .filter(|r| r.code().is_some_and(|c| c.eq_ignore_ascii_case(text)))
        .collect();
    if by_code.len() > 1 {
        return Err(NeedsLine(text.to_owned()));
    }
    let rule = by_code
        .first()
        .copied()
        .or_else(|| RULES.iter().find(|r| r.id.eq_ignore_ascii_case(text)));
    Ok(rule.map(Failure::of_rule))
}

/// What `explain` knows, as people see it: the service codes (without the bare HTTP
/// statuses of S3's HEAD responses) and the start of each provider message.
fn known_errors(cat: &Catalogue) -> String {
    let mut codes: Vec<&str> = Vec::new();
    let mut texts: Vec<&str> = Vec::new();
    for rule in RULES.iter().chain(rules::TOOL_RULES) {
        match rule.pattern {
            Pattern::ServiceCode { code, .. } if code.parse::<u16>().is_err() => {
                if !codes.contains(&code) {
                    codes.push(code);
                }
            }
            Pattern::ServiceCode { .. } => {}
            Pattern::Text { prefix } | Pattern::ToolText { prefix, .. } => texts.push(prefix),
        }
    }
    let mut out = format!(
        "{}\n  {}\n{}",
        cat.text("explain-known-codes", &[]),
        codes.join(", "),
        cat.text("explain-known-messages", &[])
    );
    for text in texts {
        out.push_str(&format!("\n  {text}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    /// The failure the wrapper would explain in this stderr: its filter over the whole text.
    fn first_failure(stderr: &[u8]) -> Option<Failure> {
        first_failure_in(stderr).ok().flatten()
    }

    #[test]
    fn the_list_of_known_errors_names_no_internal_id_and_no_bare_status() {
        let list = known_errors(&Catalogue::load(Lang::EN));
        for rule in RULES {
            assert!(
                !list
                    .split(|c: char| c == ',' || c.is_whitespace())
                    .any(|w| w == rule.id),
                "{} in {list}",
                rule.id
            );
        }
        assert!(!list.contains("400") && !list.contains("403"), "{list}");
        assert!(list.contains("ExpiredToken") && list.contains("Unable to locate credentials"));
    }

    #[test]
    fn stdin_is_read_as_the_wrapper_reads_stderr() {
        let debug = b"2026-11-27 08:09:10,130 - MainThread - botocore.parsers - DEBUG - Response body: b'<Code>ExpiredToken</Code>'\nbotocore.exceptions.ClientError: An error occurred (ExpiredToken) when calling the X operation: m\n\naws: [ERROR]: An error occurred (ExpiredToken) when calling the ListBuckets operation (reached max retries: 0): The provided token has expired.";
        let found = first_failure(debug).unwrap();
        assert_eq!(found.rule.id, "expired-token");
        assert!(found.v2_prefix);
        assert_eq!(found.max_retries.as_deref(), Some("0"));
        assert!(
            first_failure(b"An error occurred (AccessDenied) when calling the X operation: no\n")
                .is_none()
        );
    }

    #[test]
    fn a_code_with_several_meanings_needs_its_line() {
        assert!(failure_for("SignatureDoesNotMatch").is_err());
        assert_eq!(
            failure_for("expiredtoken").unwrap().map(|f| f.rule.id),
            Some("expired-token")
        );
    }
}
