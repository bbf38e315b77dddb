//! The command line a shell is about to run, as the hooks hand it to `aws-shim __warn`: the
//! `aws` commands in it, with their arguments and the variables assigned for them. One reading
//! for bash, zsh and fish, so that the three shells decide alike on the same line.
//!
//! It reads what matters for that decision and no more: words with their quotes (`'...'`,
//! `"..."`, `\x`) removed; the separators `;` `&` `&&` `|` `||` `(` `)` `` ` `` and newlines
//! (so `$(aws ...)` is found too); comments; redirections (`2>&1`, `> file`) left out of the
//! arguments; `NAME=value` before the command; and the words that run the next one (`command`,
//! `exec`, `time`, `nohup`, `noglob`, `env NAME=value`, `!`, `{`, `if`, `then`, `else`, `do`,
//! `while`, `until`, fish's `and`, `or`, `not`, `begin`). Expansions are not performed: a
//! command named by a variable is not recognised (no warning rather than a wrong one).

/// One `aws` command of the line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AwsCommand {
    /// `NAME=value` words before it (`AWS_PROFILE=dev aws s3 ls`), in order.
    pub assignments: Vec<(String, String)>,
    /// Its arguments, without `aws` and without redirections.
    pub args: Vec<String>,
}

/// A word, with how much of its beginning was written without quotes (the part where `=`
/// makes an assignment and `>` a redirection).
#[derive(Debug, Default)]
struct Word {
    text: String,
    /// Bytes of `text` before the first quoted or escaped character.
    plain: usize,
    quoted: bool,
}

impl Word {
    fn push(&mut self, c: char, quoted: bool) {
        if quoted {
            self.quoted = true;
        } else if !self.quoted {
            self.plain += c.len_utf8();
        }
        self.text.push(c);
    }

    fn is_plain(&self, text: &str) -> bool {
        !self.quoted && self.text == text
    }

    fn unquoted(&self) -> &str {
        &self.text[..self.plain]
    }

    /// `NAME=value`, with NAME unquoted.
    fn assignment(&self) -> Option<(String, String)> {
        let name = self.unquoted().split_once('=')?.0;
        let mut chars = name.chars();
        let first = chars.next()?;
        let ok = (first.is_ascii_alphabetic() || first == '_')
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
        ok.then(|| (name.to_owned(), self.text[name.len() + 1..].to_owned()))
    }

    /// A redirection (`>f`, `2>&1`, `<<<x`, `&>f`): `Some(true)` when its target is the next
    /// word (`>` alone, `2>`).
    fn redirection(&self) -> Option<bool> {
        let rest = self
            .unquoted()
            .trim_start_matches(|c: char| c.is_ascii_digit());
        let rest = rest
            .strip_prefix('&')
            .filter(|r| r.starts_with('>'))
            .unwrap_or(rest);
        if !rest.starts_with(['<', '>']) {
            return None;
        }
        let target = rest.trim_start_matches(['<', '>', '&', '|']);
        Some(target.is_empty() && !self.quoted)
    }
}

enum Token {
    Word(Word),
    Separator,
}

/// The line as words and separators.
fn tokens(line: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut word: Option<Word> = None;
    let mut chars = line.chars().peekable();
    let end = |word: &mut Option<Word>, out: &mut Vec<Token>| {
        if let Some(w) = word.take() {
            out.push(Token::Word(w));
        }
    };
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' | '\r' => end(&mut word, &mut out),
            '\n' | ';' | '|' | '(' | ')' | '`' => {
                end(&mut word, &mut out);
                out.push(Token::Separator);
            }
            '&' => {
                // `2>&1`, `>&2`, `&>file`: part of a redirection; else a separator.
                let in_redirection = word
                    .as_ref()
                    .is_some_and(|w| !w.quoted && w.text.ends_with(['<', '>']));
                if in_redirection || chars.peek() == Some(&'>') {
                    word.get_or_insert_default().push(c, false);
                } else {
                    end(&mut word, &mut out);
                    out.push(Token::Separator);
                }
            }
            '#' if word.is_none() => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push(Token::Separator);
                        break;
                    }
                }
            }
            '\'' => {
                let w = word.get_or_insert_default();
                w.quoted = true;
                for c in chars.by_ref() {
                    if c == '\'' {
                        break;
                    }
                    w.push(c, true);
                }
            }
            '"' => {
                let w = word.get_or_insert_default();
                w.quoted = true;
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => match chars.peek() {
                            Some(&n @ ('"' | '\\' | '$' | '`')) => {
                                chars.next();
                                w.push(n, true);
                            }
                            Some('\n') => {
                                chars.next();
                            }
                            _ => w.push('\\', true),
                        },
                        c => w.push(c, true),
                    }
                }
            }
            '\\' => match chars.next() {
                Some('\n') | None => {}
                Some(n) => word.get_or_insert_default().push(n, true),
            },
            c => word.get_or_insert_default().push(c, false),
        }
    }
    end(&mut word, &mut out);
    out
}

/// The `aws` commands of `line`, in order.
pub fn aws_commands(line: &str) -> Vec<AwsCommand> {
    let mut found = Vec::new();
    let mut command: Vec<Word> = Vec::new();
    for token in tokens(line).into_iter().chain([Token::Separator]) {
        match token {
            Token::Word(w) => command.push(w),
            Token::Separator => {
                if let Some(aws) = aws_command(&command) {
                    found.push(aws);
                }
                command.clear();
            }
        }
    }
    found
}

/// The simple command `words` when it runs `aws`.
fn aws_command(words: &[Word]) -> Option<AwsCommand> {
    const RUN_NEXT: &[&str] = &[
        "!", "{", "if", "then", "elif", "else", "do", "while", "until", "and", "or", "not",
        "begin", "time", "nohup", "noglob", "exec", "command", "env",
    ];
    let mut assignments = Vec::new();
    let mut words = words.iter().peekable();
    let mut after = "";
    loop {
        let word = words.next()?;
        if let Some(target_follows) = word.redirection() {
            if target_follows {
                words.next();
            }
            continue;
        }
        if let Some(pair) = word.assignment() {
            assignments.push(pair);
            continue;
        }
        if let Some(&keyword) = RUN_NEXT.iter().find(|k| word.is_plain(k)) {
            after = keyword;
            continue;
        }
        if word.text.starts_with('-') && !word.quoted {
            // `time -p` runs the next word; `command -v aws` and the options of `exec` and
            // `env` do something else.
            if matches!(after, "time" | "command") && word.text == "-p" {
                continue;
            }
            return None;
        }
        if word.text != "aws" {
            return None;
        }
        break;
    }
    let mut args = Vec::new();
    while let Some(word) = words.next() {
        match word.redirection() {
            Some(true) => {
                words.next();
            }
            Some(false) => {}
            None => args.push(word.text.clone()),
        }
    }
    Some(AwsCommand { assignments, args })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<Vec<String>> {
        aws_commands(line).into_iter().map(|c| c.args).collect()
    }

    fn one(line: &str) -> Vec<String> {
        let mut all = args(line);
        assert_eq!(all.len(), 1, "{line}: {all:?}");
        all.remove(0)
    }

    #[test]
    fn separators_end_the_arguments() {
        assert_eq!(one("aws --version; echo hi"), ["--version"]);
        assert_eq!(one("aws s3 ls && echo done"), ["s3", "ls"]);
        assert_eq!(one("aws s3 ls|head"), ["s3", "ls"]);
        assert_eq!(one("aws s3 ls | head -n 1"), ["s3", "ls"]);
        assert_eq!(one("aws s3 ls & wait"), ["s3", "ls"]);
        assert_eq!(one("(aws s3 ls)"), ["s3", "ls"]);
        assert_eq!(one("x=$(aws s3 ls)"), ["s3", "ls"]);
        assert_eq!(one("echo `aws s3 ls`"), ["s3", "ls"]);
        assert_eq!(one("echo hi\naws s3 ls"), ["s3", "ls"]);
        assert_eq!(
            args("aws --version && aws s3 ls"),
            [vec!["--version"], vec!["s3", "ls"]]
        );
    }

    #[test]
    fn quotes_escapes_comments_and_redirections() {
        assert_eq!(one("aws 's3' \"ls\" a\\ b"), ["s3", "ls", "a b"]);
        assert_eq!(one("\\aws s3 ls"), ["s3", "ls"]);
        assert_eq!(one("'aws' s3 ls"), ["s3", "ls"]);
        assert_eq!(
            one("aws s3 ls --query 'Buckets[?Name==`x`] | [0]'"),
            ["s3", "ls", "--query", "Buckets[?Name==`x`] | [0]"]
        );
        assert_eq!(one("aws s3 ls \"a;b\""), ["s3", "ls", "a;b"]);
        assert_eq!(one("aws s3 ls # a comment; aws sso login"), ["s3", "ls"]);
        assert_eq!(one("aws s3 ls 2>&1 | head"), ["s3", "ls"]);
        assert_eq!(one("aws s3 ls >out.txt 2> err.txt"), ["s3", "ls"]);
        assert_eq!(one("aws s3 ls &>/dev/null"), ["s3", "ls"]);
        assert_eq!(one("aws s3 ls a#b"), ["s3", "ls", "a#b"]);
    }

    #[test]
    fn words_that_run_the_next_one() {
        for line in [
            "command aws s3 ls",
            "time aws s3 ls",
            "time -p aws s3 ls",
            "exec aws s3 ls",
            "nohup aws s3 ls",
            "! aws s3 ls",
            "if aws s3 ls; then :; fi",
            "true; and aws s3 ls",
            "not aws s3 ls",
            "{ aws s3 ls; }",
        ] {
            assert_eq!(one(line), ["s3", "ls"], "{line}");
        }
        let c = &aws_commands("FOO=1 AWS_PROFILE='my dev' aws s3 ls")[0];
        assert_eq!(
            c.assignments,
            [
                ("FOO".to_owned(), "1".to_owned()),
                ("AWS_PROFILE".to_owned(), "my dev".to_owned())
            ]
        );
        let c = &aws_commands("env AWS_PROFILE=dev aws s3 ls")[0];
        assert_eq!(c.assignments, [("AWS_PROFILE".into(), "dev".into())]);
    }

    #[test]
    fn not_aws() {
        for line in [
            "echo aws s3 ls",
            "awsume dev",
            "aws-shim doctor",
            "command -v aws",
            "env -i aws s3 ls",
            "/usr/local/bin/aws s3 ls",
            "$AWS s3 ls",
            "'aws s3' ls",
            "# aws s3 ls",
            "__aws_shim_hook",
            "",
        ] {
            assert!(aws_commands(line).is_empty(), "{line}");
        }
    }
}
