//! The aws command line, parsed once: which profile, which error format, which command and
//! subcommand, and what that means for the credentials (does the call use them, may it
//! change them). Everything else aws-shim does with the arguments asks this parse.
//!
//! It follows the AWS CLI's own parser where it matters: global options may stand anywhere
//! before `--`; `--opt value` and `--opt=value` are the same; the last `--profile` wins; the
//! value of an option that takes one is never taken for a command.

use crate::tools;
use std::ffi::OsString;

/// Global options of AWS CLI v1 and v2 (and the pagination options every paginated operation
/// takes) whose next argument is their value.
const WITH_VALUE: &[&str] = &[
    "--profile",
    "--region",
    "--output",
    "--endpoint-url",
    "--query",
    "--color",
    "--ca-bundle",
    "--cli-read-timeout",
    "--cli-connect-timeout",
    "--cli-binary-format",
    "--cli-error-format",
    "--cli-input-json",
    "--cli-input-yaml",
    "--page-size",
    "--max-items",
    "--starting-token",
];

/// Commands that never send a signed request: their success proves nothing about the
/// credentials.
const LOCAL_COMMANDS: &[&str] = &["configure", "history", "help", "cli-dev"];

/// One parse of the arguments given to `aws` (without the program name).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AwsArgs {
    /// `--profile NAME` (the last one given).
    pub profile: Option<String>,
    /// `--cli-error-format FORMAT` (AWS CLI v2).
    pub error_format: Option<String>,
    /// The first word that is not an option or an option's value (`s3`, `sso`, `configure`).
    pub command: Option<String>,
    /// The second such word (`ls`, `login`, `get-caller-identity`).
    pub subcommand: Option<String>,
    /// `help` in place of the command, the subcommand, or right after the subcommand.
    pub help: bool,
    /// `--version`.
    pub version: bool,
    /// `--generate-cli-skeleton`: the CLI prints a template and sends nothing.
    pub skeleton: bool,
    /// `--no-sign-request`: the request goes out without credentials.
    pub unsigned: bool,
    /// `--profile` was given a name that is not UTF-8 (`profile` is then unusable).
    pub profile_unreadable: bool,
}

impl AwsArgs {
    pub fn parse(args: &[OsString]) -> AwsArgs {
        let mut parsed = AwsArgs::default();
        // Positional words after the command, counted to find `help` in its three places.
        let mut positionals = 0usize;
        let mut iter = args.iter();
        while let Some(arg) = iter.next() {
            if arg.to_str().is_none() && arg.as_encoded_bytes().starts_with(b"--profile=") {
                parsed.profile_unreadable = true;
            }
            let arg = arg.to_string_lossy();
            if arg == "--" {
                break;
            }
            if let Some(option) = arg.strip_prefix("--") {
                let (name, inline) = match option.split_once('=') {
                    Some((name, value)) => (name, Some(value.to_owned())),
                    None => (option, None),
                };
                let name = format!("--{name}");
                let value = if WITH_VALUE.contains(&name.as_str()) {
                    inline.or_else(|| {
                        let next = iter.next()?;
                        if name == "--profile" && next.to_str().is_none() {
                            parsed.profile_unreadable = true;
                        }
                        Some(next.to_string_lossy().into_owned())
                    })
                } else {
                    None
                };
                match name.as_str() {
                    "--profile" => parsed.profile = value.or(parsed.profile),
                    "--cli-error-format" => parsed.error_format = value.or(parsed.error_format),
                    "--version" => parsed.version = true,
                    "--generate-cli-skeleton" => parsed.skeleton = true,
                    "--no-sign-request" => parsed.unsigned = true,
                    _ => {}
                }
                continue;
            }
            positionals += 1;
            match positionals {
                1 => {
                    parsed.help |= arg == "help";
                    parsed.command = Some(arg.into_owned());
                }
                2 => {
                    parsed.help |= arg == "help";
                    parsed.subcommand = Some(arg.into_owned());
                }
                3 => parsed.help |= arg == "help",
                _ => {}
            }
        }
        parsed
    }

    /// Whether the call signs its requests with the profile's credentials, so that its
    /// success proves them good. Not `--version`, `help`, `--generate-cli-skeleton`,
    /// `--no-sign-request`, the local commands (`configure`, `history`), nor the sign-in
    /// commands (`sso login`, `login` and their logouts), which make credentials rather than
    /// use them.
    pub fn uses_credentials(&self) -> bool {
        if self.version || self.help || self.skeleton || self.unsigned || self.changes_credentials()
        {
            return false;
        }
        match (self.command.as_deref(), self.subcommand.as_deref()) {
            (None, _) => false,
            (Some(command), _) if LOCAL_COMMANDS.contains(&command) => false,
            (Some("logout"), _) | (Some("sso"), Some("logout")) => false,
            _ => true,
        }
    }

    /// Whether the call may change the credentials of its profile: `sso login`, `sso logout`,
    /// `login`, `logout`, `configure ...`.
    pub fn changes_credentials(&self) -> bool {
        matches!(
            (self.command.as_deref(), self.subcommand.as_deref()),
            (Some("login" | "logout" | "configure"), _) | (Some("sso"), Some("login" | "logout"))
        )
    }

    /// Whether the user asked AWS CLI v2 for a structured error format (json, yaml, text,
    /// table), on the command line or else in `AWS_CLI_ERROR_FORMAT` (`env_value`).
    pub fn machine_error_format(&self, env_value: Option<&str>) -> bool {
        let structured = |v: &str| {
            matches!(
                v.trim().to_ascii_lowercase().as_str(),
                "json" | "yaml" | "yaml-stream" | "text" | "table"
            )
        };
        match &self.error_format {
            Some(v) => structured(v),
            None => env_value.is_some_and(structured),
        }
    }
}

/// What the bookkeeping after a call reads of its command line, whatever the command was.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CallFacts {
    /// The profile the command line names.
    pub profile: Option<String>,
    /// The command line names a profile that is not UTF-8.
    pub profile_unreadable: bool,
    /// A success proves that the credentials work.
    pub uses_credentials: bool,
    /// The call may change the credentials of its profile.
    pub changes_credentials: bool,
}

impl AwsArgs {
    pub fn facts(&self) -> CallFacts {
        CallFacts {
            profile: self.profile.clone(),
            profile_unreadable: self.profile_unreadable,
            uses_credentials: self.uses_credentials(),
            changes_credentials: self.changes_credentials(),
        }
    }
}

/// The command line of a tool other than the AWS CLI (`name` without its directory), as far
/// as aws-shim reads it, with the tool's entry in [`tools::TOOLS`]: the profile its option
/// names, and whether it names one of the tool's commands that call AWS. A tool that is not
/// in the table has neither.
pub fn tool_facts(name: &str, args: &[OsString]) -> CallFacts {
    let mut facts = CallFacts::default();
    let tool = tools::named(name);
    let calling = tool.map_or(&[][..], |tool| tool.calling);
    let profile_option = tool.and_then(|tool| tool.profile);
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if arg == "--" {
            break;
        }
        // `OPTION NAME` or `OPTION=NAME`: what follows the option's name.
        let after_option = profile_option.and_then(|option| {
            let rest = arg.as_encoded_bytes().strip_prefix(option.as_bytes())?;
            (rest.is_empty() || rest[0] == b'=').then_some((option, rest.is_empty()))
        });
        if let Some((option, separate)) = after_option {
            let value = if separate {
                iter.next()
                    .map(|v| (v.to_str().is_some(), v.to_string_lossy().into_owned()))
            } else {
                let text = arg.to_string_lossy();
                Some((arg.to_str().is_some(), text[option.len() + 1..].to_owned()))
            };
            if let Some((readable, value)) = value {
                facts.profile_unreadable = !readable;
                facts.profile = Some(value);
            }
            continue;
        }
        if arg.to_str().is_some_and(|word| calling.contains(&word)) {
            facts.uses_credentials = true;
        }
    }
    facts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tool_command_lines() {
        let os = |words: &[&str]| words.iter().map(OsString::from).collect::<Vec<_>>();
        let f = tool_facts(
            "cdk",
            &os(&["deploy", "--profile", "dev", "--require-approval", "never"]),
        );
        assert_eq!(f.profile.as_deref(), Some("dev"));
        assert!(f.uses_credentials && !f.changes_credentials);
        let f = tool_facts("cdk", &os(&["--profile=a", "synth", "--profile=b"]));
        assert_eq!(f.profile.as_deref(), Some("b"), "the last one");
        assert!(!f.uses_credentials, "synth goes on without an account");
        let f = tool_facts(
            "terraform",
            &os(&["-chdir=infra", "plan", "--profile", "x"]),
        );
        assert_eq!(f.profile, None, "terraform has no --profile");
        assert!(f.uses_credentials);
        assert!(!tool_facts("sam", &os(&["build"])).uses_credentials);
        assert!(!tool_facts("cdk", &os(&["--", "deploy"])).uses_credentials);
        let f = tool_facts("python3", &os(&["deploy.py", "deploy", "--profile", "p"]));
        assert_eq!((f.profile, f.uses_credentials), (None, false));
        use std::os::unix::ffi::OsStringExt;
        let f = tool_facts(
            "sam",
            &[
                OsString::from("--profile"),
                OsString::from_vec(b"\xff".to_vec()),
            ],
        );
        assert!(f.profile_unreadable);
    }

    /// Each tool of the table, under each of its names: every one of its commands is read as
    /// one that calls AWS, and its profile option in both its forms; an option that only
    /// starts with the profile option's name is another option.
    #[test]
    fn every_tool_is_read_by_its_entry() {
        let os = |words: &[&str]| words.iter().map(OsString::from).collect::<Vec<_>>();
        for tool in tools::TOOLS {
            for name in tool.names {
                for command in tool.calling {
                    assert!(tool_facts(name, &os(&[command])).uses_credentials, "{name}");
                    assert!(!tool_facts(name, &os(&["--", command])).uses_credentials);
                }
                assert!(
                    !tool_facts(name, &os(&["version"])).uses_credentials,
                    "{name}"
                );
                let Some(option) = tool.profile else {
                    assert_eq!(tool_facts(name, &os(&["--profile", "p"])).profile, None);
                    continue;
                };
                let f = tool_facts(name, &os(&[option, "a", &format!("{option}=b=c")]));
                assert_eq!(f.profile.as_deref(), Some("b=c"), "{name}");
                let f = tool_facts(name, &os(&[&format!("{option}s"), "x"]));
                assert_eq!(f.profile, None, "{name}");
                assert_eq!(tool_facts(name, &os(&[option])).profile, None, "{name}");
            }
        }
    }

    fn parse(line: &str) -> AwsArgs {
        let args: Vec<OsString> = line.split_whitespace().map(OsString::from).collect();
        AwsArgs::parse(&args)
    }

    /// Real command lines and what the parse must say of each: profile, command, subcommand,
    /// whether the call uses the credentials, whether it may change them.
    #[test]
    fn the_table_of_real_command_lines() {
        #[allow(clippy::type_complexity)]
        let cases: &[(&str, Option<&str>, Option<&str>, Option<&str>, bool, bool)] = &[
            ("s3 ls", None, Some("s3"), Some("ls"), true, false),
            (
                "--profile dev sts get-caller-identity",
                Some("dev"),
                Some("sts"),
                Some("get-caller-identity"),
                true,
                false,
            ),
            (
                "sts get-caller-identity --profile=dev",
                Some("dev"),
                Some("sts"),
                Some("get-caller-identity"),
                true,
                false,
            ),
            (
                "--profile a s3 ls --profile b",
                Some("b"),
                Some("s3"),
                Some("ls"),
                true,
                false,
            ),
            (
                "--region eu-west-1 ec2 describe-instances",
                None,
                Some("ec2"),
                Some("describe-instances"),
                true,
                false,
            ),
            (
                "--output json --query Account sts get-caller-identity",
                None,
                Some("sts"),
                Some("get-caller-identity"),
                true,
                false,
            ),
            (
                "--endpoint-url http://127.0.0.1:9 s3 ls",
                None,
                Some("s3"),
                Some("ls"),
                true,
                false,
            ),
            (
                "sso login --profile dev",
                Some("dev"),
                Some("sso"),
                Some("login"),
                false,
                true,
            ),
            (
                "--profile dev sso logout",
                Some("dev"),
                Some("sso"),
                Some("logout"),
                false,
                true,
            ),
            ("login", None, Some("login"), None, false, true),
            ("logout", None, Some("logout"), None, false, true),
            (
                "configure list",
                None,
                Some("configure"),
                Some("list"),
                false,
                true,
            ),
            (
                "--profile dev configure get region",
                Some("dev"),
                Some("configure"),
                Some("get"),
                false,
                true,
            ),
            (
                "configure sso",
                None,
                Some("configure"),
                Some("sso"),
                false,
                true,
            ),
            ("--version", None, None, None, false, false),
            ("help", None, Some("help"), None, false, false),
            ("s3 help", None, Some("s3"), Some("help"), false, false),
            (
                "s3api list-buckets help",
                None,
                Some("s3api"),
                Some("list-buckets"),
                false,
                false,
            ),
            (
                "history list",
                None,
                Some("history"),
                Some("list"),
                false,
                false,
            ),
            ("", None, None, None, false, false),
            (
                "ec2 run-instances --generate-cli-skeleton",
                None,
                Some("ec2"),
                Some("run-instances"),
                false,
                false,
            ),
            (
                "s3 ls s3://public --no-sign-request",
                None,
                Some("s3"),
                Some("ls"),
                false,
                false,
            ),
            // A word after `--` is not an option, and a value that looks like a command is
            // the option's.
            (
                "s3 cp -- --profile x",
                None,
                Some("s3"),
                Some("cp"),
                true,
                false,
            ),
            (
                "--profile configure s3 ls",
                Some("configure"),
                Some("s3"),
                Some("ls"),
                true,
                false,
            ),
            (
                "sso list-accounts --profile login-test",
                Some("login-test"),
                Some("sso"),
                Some("list-accounts"),
                true,
                false,
            ),
            (
                "--debug --no-cli-pager s3 ls",
                None,
                Some("s3"),
                Some("ls"),
                true,
                false,
            ),
        ];
        for (line, profile, command, subcommand, uses, changes) in cases {
            let p = parse(line);
            assert_eq!(p.profile.as_deref(), *profile, "{line:?}: profile");
            assert_eq!(p.command.as_deref(), *command, "{line:?}: command");
            assert_eq!(p.subcommand.as_deref(), *subcommand, "{line:?}: subcommand");
            assert_eq!(
                p.uses_credentials(),
                *uses,
                "{line:?}: uses the credentials"
            );
            assert_eq!(p.changes_credentials(), *changes, "{line:?}: changes them");
        }
    }

    #[test]
    fn error_formats() {
        assert!(parse("s3 ls --cli-error-format json").machine_error_format(None));
        assert!(parse("--cli-error-format=YAML s3 ls").machine_error_format(None));
        assert!(!parse("s3 ls --cli-error-format legacy").machine_error_format(Some("json")));
        assert!(!parse("s3 ls --cli-error-format standard").machine_error_format(None));
        assert!(parse("s3 ls").machine_error_format(Some("table")));
        assert!(!parse("s3 ls").machine_error_format(None));
        assert!(!parse("s3 ls -- --cli-error-format json").machine_error_format(None));
    }
}
