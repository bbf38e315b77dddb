//! What aws-shim knows of each tool it wraps besides the AWS CLI (`aws-shim run -- TOOL`, a
//! link named after it): one entry a tool in [`TOOLS`], with the names it runs under, its
//! commands that call AWS, the option that names its profile, how it frames its errors on
//! stderr, and the rules for the words only it prints. [`crate::args::tool_facts`] reads a
//! tool's command line with its entry, [`crate::scan`] takes the table's frames off every
//! line it reads, and the rules named here are [`crate::rules::TOOL_RULES`] entries.
//!
//! A command that is not in the table (a script, s3cmd, rclone, `npx cdk`) is wrapped all
//! the same: it has no profile option, and its success proves nothing about the
//! credentials. The table decides nothing about recognition: every wrapped command's stderr
//! is cleaned of every frame here and searched with every rule, whatever the command is
//! called, since its name does not tell who prints (a script that runs `terraform`, `npx
//! cdk deploy`). The AWS CLI is not here: `aws` is the wrapper itself, and
//! [`crate::args::AwsArgs`] parses its command line.

/// One wrapped tool.
#[derive(Debug)]
pub struct Tool {
    /// The names it runs under: a link's name, or the command after `aws-shim run --`,
    /// without its directory.
    pub names: &'static [&'static str],
    /// Its commands that sign requests with the credentials and fail without working ones:
    /// the success of a call that names one of them (anywhere before `--`) proves the
    /// credentials good and clears a recorded failure. Any other call (`cdk synth`, which
    /// goes on without an account) proves nothing.
    pub calling: &'static [&'static str],
    /// The option that names the profile, taken as the AWS CLI takes `--profile`: `OPTION
    /// NAME` or `OPTION=NAME`, the last one winning. `None`: the tool has none (the
    /// environment's profile is the one).
    pub profile: Option<&'static str>,
    /// How it frames its error text.
    pub frame: Frame,
    /// The ids of the [`crate::rules::TOOL_RULES`] for the words only this tool prints. Its
    /// SDK's texts and the services' messages are every tool's, and named by none.
    pub rules: &'static [&'static str],
}

/// How a tool frames its error text on stderr, besides what every line may have (colours and
/// other ANSI escapes, a spinner's carriage returns, a marker glyph before a message), which
/// is taken off every line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Frame {
    /// Lines of text, and paragraphs of them.
    Lines,
    /// Diagnostics in a box: a line starting with `open`, the lines of text each starting
    /// with `side` (wrapped, so searched joined too), a line starting with `close`. An edge
    /// ends a paragraph; `side` is taken off the lines between.
    Boxed { open: char, side: char, close: char },
}

/// Every tool aws-shim knows by name.
pub static TOOLS: &[Tool] = &[
    // The AWS CDK (aws-cdk on the AWS SDK for JavaScript v3): its own sentences about the
    // account and the credentials, else the SDK error's message alone.
    Tool {
        names: &["cdk"],
        calling: &[
            "deploy",
            "destroy",
            "diff",
            "bootstrap",
            "import",
            "rollback",
            "drift",
        ],
        profile: Some("--profile"),
        frame: Frame::Lines,
        rules: &[
            "cdk-expired-credentials",
            "cdk-no-credentials",
            "cdk-unresolved-account",
        ],
    },
    // The AWS SAM CLI, a botocore program: `Error: ` before botocore's own lines.
    Tool {
        names: &["sam"],
        calling: &[
            "deploy", "sync", "delete", "logs", "traces", "list", "remote",
        ],
        profile: Some("--profile"),
        frame: Frame::Lines,
        rules: &[],
    },
    // Terraform, its AWS provider on the AWS SDK for Go v2 (hashicorp/aws-sdk-go-base): the
    // provider's diagnostics in Terraform's box, detail text wrapped at 78 columns off a
    // terminal. The profile is the provider's setting, not an option.
    Tool {
        names: &["terraform"],
        calling: &["plan", "apply", "destroy", "refresh", "import"],
        profile: None,
        frame: Frame::Boxed {
            open: '╷',
            side: '│',
            close: '╵',
        },
        rules: &["terraform-no-credentials"],
    },
];

/// The tool that runs under `name` (without its directory).
pub fn named(name: &str) -> Option<&'static Tool> {
    TOOLS.iter().find(|tool| tool.names.contains(&name))
}

/// The boxes of every [`Frame::Boxed`] in the table, as `(open, side, close)`.
pub fn boxes() -> impl Iterator<Item = (char, char, char)> {
    TOOLS.iter().filter_map(|tool| match tool.frame {
        Frame::Boxed { open, side, close } => Some((open, side, close)),
        Frame::Lines => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{self, Pattern};
    use std::collections::BTreeMap;

    /// Each name is one tool's, and none is a name aws-shim keeps for itself (`aws` is the
    /// AWS CLI's wrapper, a name with `aws-shim` in it aws-shim's own command line).
    #[test]
    fn names_are_unique_and_free() {
        let mut seen = BTreeMap::new();
        for tool in TOOLS {
            assert!(!tool.names.is_empty());
            for name in tool.names {
                assert!(seen.insert(*name, ()).is_none(), "{name} twice");
                assert!(*name != "aws" && !name.contains("aws-shim"), "{name}");
                assert!(!name.contains('/') && !name.is_empty(), "{name:?}");
                assert!(std::ptr::eq(named(name).unwrap(), tool));
            }
        }
        assert!(named("python3").is_none());
    }

    /// The commands are words a command line has (never an option), each once; the profile
    /// is a long option.
    #[test]
    fn commands_and_options_are_words() {
        for tool in TOOLS {
            for (i, command) in tool.calling.iter().enumerate() {
                assert!(
                    !command.is_empty() && !command.starts_with('-') && !command.contains(' '),
                    "{command:?}"
                );
                assert!(!tool.calling[..i].contains(command), "{command} twice");
            }
            if let Some(option) = tool.profile {
                assert!(
                    option.starts_with("--") && !option.contains('='),
                    "{option}"
                );
            }
        }
    }

    /// Every rule a tool names is a tool rule, named by that tool only; and every tool rule
    /// whose id starts with a tool's name is named by that tool.
    #[test]
    fn each_tools_rules_are_its_own() {
        let mut owner: BTreeMap<&str, &str> = BTreeMap::new();
        for tool in TOOLS {
            for id in tool.rules {
                let rule = rules::TOOL_RULES.iter().find(|r| r.id == *id);
                let rule = rule.unwrap_or_else(|| panic!("{id}: no such tool rule"));
                assert!(matches!(rule.pattern, Pattern::ToolText { .. }), "{id}");
                assert!(owner.insert(id, tool.names[0]).is_none(), "{id}: two tools");
            }
        }
        for rule in rules::TOOL_RULES {
            for tool in TOOLS {
                if tool
                    .names
                    .iter()
                    .any(|name| rule.id.starts_with(&format!("{name}-")))
                {
                    assert_eq!(owner.get(rule.id), Some(&tool.names[0]), "{}", rule.id);
                }
            }
        }
    }

    /// A box's three characters differ, are no text (neither alphanumeric nor ASCII), and
    /// belong to one box only.
    #[test]
    fn boxes_are_apart_from_text() {
        let mut chars = Vec::new();
        for (open, side, close) in boxes() {
            for c in [open, side, close] {
                assert!(!c.is_ascii() && !c.is_alphanumeric(), "{c}");
                assert!(!chars.contains(&c), "{c} twice");
                chars.push(c);
            }
        }
    }

    /// README.md's table of the tools aws-shim knows by name says what this table says:
    /// the same tools, each with its commands that clear a recorded failure and its profile
    /// option.
    #[test]
    fn the_readme_table_is_this_table() {
        let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
            .expect("README.md");
        let words = |cell: &str| -> Vec<String> {
            cell.split(['`', ',', ' '])
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect()
        };
        let start = readme
            .find("| tool | its commands that clear a recorded failure | profile option |")
            .expect("README.md has the table of known tools");
        let rows: Vec<Vec<String>> = readme[start..]
            .lines()
            .skip(2)
            .take_while(|line| line.starts_with('|'))
            .map(|line| {
                line.trim_matches('|')
                    .split('|')
                    .map(|c| c.trim().to_owned())
                    .collect()
            })
            .collect();
        assert_eq!(rows.len(), TOOLS.len(), "one row a tool");
        for (row, tool) in rows.iter().zip(TOOLS) {
            assert_eq!(words(&row[0]), tool.names, "{row:?}");
            assert_eq!(words(&row[1]), tool.calling, "{row:?}");
            let profile = (row[2] != "-").then(|| row[2].trim_matches('`'));
            assert_eq!(profile, tool.profile, "{row:?}");
        }
    }
}
