//! The command line of aws-shim under its own name. The help people see comes from the
//! catalogues ([`command`]); the doc comments below say what each part is for.

use crate::i18n::{Catalogue, Lang};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use std::ffi::OsString;

/// The values `--lang` takes: one per catalogue. Built once here, not inlined into each
/// command that has `--lang` (the binary's size).
#[inline(never)]
fn lang_values() -> clap::builder::ValueParser {
    clap::builder::PossibleValuesParser::new(Lang::codes()).into()
}

/// Parse the command line, with the help in the language chosen as for everything else:
/// `--lang` on the command line, `AWS_SHIM_LANG`, the locale.
pub fn parse(args: Vec<OsString>) -> Cli {
    let lang = crate::i18n::current(lang_option(&args)).lang;
    let parsed = command(lang)
        .try_get_matches_from(args)
        .and_then(|mut matches| Cli::from_arg_matches_mut(&mut matches));
    parsed.unwrap_or_else(|e| usage_error(e, lang))
}

/// A command line clap could not take, said in `lang`: clap's own words in English (with its
/// suggestions), the catalogue's `usage-error-*` in any other language; then the usage line
/// and the way to the help. Help and version requests are printed as clap prints them.
fn usage_error(e: clap::Error, lang: Lang) -> ! {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if lang == Lang::EN
        || matches!(
            e.kind(),
            ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        )
    {
        e.exit()
    }
    let cat = Catalogue::load(lang);
    let context = |kind: ContextKind| -> String {
        match e.get(kind) {
            Some(ContextValue::String(s)) => s.clone(),
            Some(ContextValue::Strings(v)) => v.join(", "),
            Some(ContextValue::StyledStr(s)) => s.to_string(),
            Some(ContextValue::StyledStrs(v)) => v
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            Some(ContextValue::Number(n)) => n.to_string(),
            _ => String::new(),
        }
    };
    let arg = context(ContextKind::InvalidArg);
    let value = context(ContextKind::InvalidValue);
    let (id, args): (&str, Vec<(&'static str, String)>) = match e.kind() {
        ErrorKind::UnknownArgument => ("usage-error-unknown-argument", vec![("arg", arg)]),
        ErrorKind::InvalidSubcommand => (
            "usage-error-unknown-command",
            vec![("command", context(ContextKind::InvalidSubcommand))],
        ),
        ErrorKind::InvalidValue => (
            "usage-error-invalid-value",
            vec![
                ("value", value),
                ("arg", arg),
                ("valid", context(ContextKind::ValidValue)),
            ],
        ),
        ErrorKind::MissingRequiredArgument => ("usage-error-missing-argument", vec![("arg", arg)]),
        ErrorKind::MissingSubcommand => ("usage-error-missing-command", Vec::new()),
        ErrorKind::ArgumentConflict => (
            "usage-error-conflict",
            vec![("arg", arg), ("other", context(ContextKind::PriorArg))],
        ),
        _ => ("usage-error-other", vec![("arg", arg)]),
    };
    let usage = context(ContextKind::Usage);
    // clap writes its own heading before the usage line.
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    let usage = match usage {
        "" => String::new(),
        usage => format!("{}: {usage}\n\n", cat.text("help-heading-usage", &[])),
    };
    eprintln!(
        "aws-shim: {}\n\n{usage}{}",
        cat.text(id, &args),
        cat.text("usage-error-more", &[])
    );
    std::process::exit(e.exit_code())
}

/// The value of `--lang X` or `--lang=X`, wherever it is.
fn lang_option(args: &[OsString]) -> Option<&str> {
    let mut iter = args.iter().filter_map(|a| a.to_str());
    while let Some(arg) = iter.next() {
        if arg == "--" {
            break;
        }
        if arg == "--lang" {
            return iter.next();
        }
        if let Some(value) = arg.strip_prefix("--lang=") {
            return Some(value);
        }
    }
    None
}

/// aws-shim's command line with its help texts from the catalogue of `lang`: for each command
/// `help-PATH` (its about; `.long` the paragraph after the options, `.after` what follows it,
/// `.exit` its exit statuses, a line each), for each argument `help-PATH-ARG` or, for the
/// shared ones, `help-arg-ARG` (`{ $values }`: the values of a fixed set). PATH is `aws-shim`
/// or the subcommand's names joined by `-`.
pub fn command(lang: Lang) -> clap::Command {
    let cat = Catalogue::load(lang);
    let mut cmd = Cli::command();
    // Built first, so that clap's own --help, --version and help are there to translate.
    cmd.build();
    // Clap keeps headings as `&'static str`: these four, once per process.
    let leak = |id: &str| -> &'static str {
        Box::leak(cat.get(id, &[]).unwrap_or_default().into_boxed_str())
    };
    let headings = Headings {
        commands: leak("help-heading-commands"),
        command: leak("help-value-command"),
        arguments: leak("help-heading-arguments"),
        options: leak("help-heading-options"),
    };
    localize(cmd, "aws-shim", &cat, &headings)
}

/// The headings of the help, in the catalogue's language.
struct Headings {
    commands: &'static str,
    command: &'static str,
    arguments: &'static str,
    options: &'static str,
}

/// The lines of a block after the first, indented under it.
fn indented(block: &str) -> String {
    block.lines().collect::<Vec<_>>().join("\n  ")
}

fn localize(
    mut cmd: clap::Command,
    path: &str,
    cat: &Catalogue,
    headings: &Headings,
) -> clap::Command {
    if cmd.is_hide_set() || cmd.get_name().starts_with("__") {
        return cmd;
    }
    let text = |id: &str, args: &[(&str, &str)]| cat.get(id, args);
    let about = text(&format!("help-{path}"), &[]);
    debug_assert!(about.is_some(), "help-{path} is missing");
    let mut after: Vec<String> = Vec::new();
    after.extend(text(&format!("help-{path}.long"), &[]));
    // `{ $values }`: the languages, one per catalogue.
    let langs = cat.list(&crate::i18n::Lang::codes());
    after.extend(text(&format!("help-{path}.after"), &[("values", &langs)]).map(|t| indented(&t)));
    if let Some(exit) = text(&format!("help-{path}.exit"), &[]) {
        let heading = text("help-exit-status", &[]).unwrap_or_default();
        after.push(indented(&format!("{heading}\n{exit}")));
    }
    cmd = cmd
        .about(about.unwrap_or_default())
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
            text("help-heading-usage", &[]).unwrap_or_default()
        ))
        .subcommand_help_heading(headings.commands)
        .subcommand_value_name(headings.command);
    if !after.is_empty() {
        cmd = cmd.after_help(after.join("\n\n"));
    }
    let ids: Vec<(String, bool)> = cmd
        .get_arguments()
        .filter(|a| !a.is_hide_set())
        .map(|a| (a.get_id().to_string(), a.is_positional()))
        .collect();
    for (id, positional) in ids {
        let heading = if positional {
            headings.arguments
        } else {
            headings.options
        };
        cmd = cmd.mut_arg(id.as_str(), |a| {
            // The values of a fixed set go in the text, without clap's English label.
            let values: Vec<String> = a
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_owned())
                .collect();
            let values: Vec<&str> = values.iter().map(String::as_str).collect();
            let values = cat.list(&values);
            let args = [("values", values.as_str())];
            let help = match id.as_str() {
                "help" | "version" => text(&format!("help-arg-{id}"), &args),
                _ => text(&format!("help-{path}-{id}"), &args)
                    .or_else(|| text(&format!("help-arg-{id}"), &args)),
            };
            debug_assert!(help.is_some(), "help-{path}-{id} is missing");
            let takes_values = a.get_action().takes_values();
            a.help(help.unwrap_or_default())
                .help_heading(heading)
                .hide_possible_values(takes_values)
        });
    }
    // The `help` subcommand lists the others again, for completion only.
    let subs: Vec<String> = cmd
        .get_subcommands()
        .filter(|_| path != "help")
        .map(|c| c.get_name().to_owned())
        .collect();
    for name in subs {
        // The `help` subcommand is the same wherever clap adds it.
        let sub_path = if name == "help" || path == "aws-shim" {
            name.clone()
        } else {
            format!("{path}-{name}")
        };
        cmd = cmd.mut_subcommand(name.as_str(), |c| localize(c, &sub_path, cat, headings));
    }
    cmd
}

/// A transparent `aws` wrapper that explains expired AWS credentials
#[derive(Debug, Parser)]
#[command(name = "aws-shim", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the real AWS CLI with these arguments, as the `aws` link does
    Exec(Exec),
    /// Run any command (cdk, sam, terraform, a script) the wrapper's way: its output passes
    /// unchanged, and a credential failure in its stderr is explained after it
    Run(RunTool),
    /// Explain an error code (ExpiredToken) or a whole error line
    Explain(Explain),
    /// Show what an expired-credentials error looks like through aws-shim
    Demo(Demo),
    /// Check the setup and the credentials of a profile, offline unless --online
    Doctor(Doctor),
    /// Print the prompt segment: profile, time left, expired or offline marker
    Prompt(Prompt),
    /// Print the shell integration for `eval "$(aws-shim init bash)"`
    Init(Init),
    /// AWS Cloud9: a note for the environment owner, ready to send
    #[command(subcommand)]
    Cloud9(Cloud9Command),
    /// Wait until the credentials of the profile work again (Cloud9 renewed them, a new SSO
    /// sign-in), then ring the bell and exit 0; any other status means they do not
    Wait(Wait),
    /// Print the completions of aws-shim's own subcommands for a shell
    Completions(Completions),
    /// Stand-in AWS CLI used by `demo` and the tests
    #[command(name = "__stand-in", hide = true)]
    StandIn(StandIn),
    /// The warning line before a command line that runs `aws`, when the credentials it will use
    /// are known to be dead (the shell hooks run it while a warning is pending)
    #[command(name = "__warn", hide = true)]
    Warn(Warn),
}

#[derive(Debug, clap::Args)]
pub struct Warn {
    /// The command line about to run, as the shell has it (one argument)
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, num_args = 0..)]
    pub args: Vec<OsString>,
}

#[derive(Debug, clap::Args)]
pub struct RunTool {
    /// The command and its arguments (after `--`)
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, num_args = 1.., required = true, value_name = "COMMAND")]
    pub command: Vec<OsString>,
}

#[derive(Debug, clap::Args)]
pub struct Exec {
    /// Arguments for the AWS CLI
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, num_args = 0..)]
    pub args: Vec<OsString>,
}

/// `--profile NAME`, shared by the subcommands that look at one profile.
#[derive(Debug, Default, clap::Args)]
pub struct ProfileArg {
    /// The profile (default: AWS_PROFILE, AWS_DEFAULT_PROFILE, else default)
    #[arg(long = "profile", id = "profile", value_name = "PROFILE")]
    pub name: Option<String>,
}

/// `--lang LANG` (its values: one per catalogue, `Lang::codes`), shared by the subcommands
/// that write text for people.
#[derive(Debug, Default, clap::Args)]
pub struct LangArg {
    /// Language of the text; default from AWS_SHIM_LANG, LC_ALL, LC_MESSAGES, LANG
    #[arg(long = "lang", id = "lang", value_name = "LANG", value_parser = lang_values())]
    pub code: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Cloud9Command {
    /// Print a note for the environment owner: which environment, since when its managed
    /// credentials have not been renewed, what to do
    Note(Cloud9Note),
}

#[derive(Debug, clap::Args)]
pub struct Cloud9Note {
    /// Write JSON (the same facts, for scripts) instead of the text
    #[arg(long)]
    pub json: bool,
    /// Write the note even when the credentials work now (otherwise: say so, exit 1)
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub lang: LangArg,
    #[command(flatten)]
    pub profile: ProfileArg,
}

/// `wait`: its exit statuses are part of its help (`help-wait.exit` in the catalogues).
#[derive(Debug, clap::Args)]
pub struct Wait {
    /// Give up after this long (90s, 10m, 1h, or seconds): exit 124
    #[arg(long, value_name = "DURATION")]
    pub timeout: Option<String>,
    /// Then confirm with `aws sts get-caller-identity` through the real CLI
    #[arg(long)]
    pub online: bool,
    #[command(flatten)]
    pub profile: ProfileArg,
    #[command(flatten)]
    pub lang: LangArg,
}

#[derive(Debug, clap::Args)]
pub struct Explain {
    /// An error code (ExpiredToken, RequestExpired, ...), a whole error line (in quotes), or - to
    /// read the CLI's whole output from standard input (also when nothing is given)
    #[arg(num_args = 0.., value_name = "CODE|LINE|-")]
    pub error: Vec<String>,
    /// Print the error codes and messages it explains
    #[arg(long, conflicts_with = "error")]
    pub list: bool,
    #[command(flatten)]
    pub lang: LangArg,
    #[command(flatten)]
    pub profile: ProfileArg,
}

#[derive(Debug, clap::Args)]
pub struct Demo {
    #[command(flatten)]
    pub lang: LangArg,
}

#[derive(Debug, Default, clap::Args)]
pub struct Prompt {
    /// Format with {symbol}, {profile}, {left}, {status} (default: AWS_SHIM_PROMPT_FORMAT or
    /// "{symbol} {profile} {left}")
    #[arg(long)]
    pub format: Option<String>,
    /// Print a JSON object instead (schema version 1, see docs/shell.md)
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub profile: ProfileArg,
}

#[derive(Debug, clap::Args)]
pub struct Init {
    /// The shell to print the integration for
    pub shell: InitShell,
    /// Define a shell function `aws` instead of putting the `aws` link first in PATH
    #[arg(long)]
    pub function: bool,
    /// Set AWS_SHIM_LANG to this language in the shell, once (instead of the locale's)
    #[arg(long = "lang", value_name = "LANG", value_parser = lang_values())]
    pub lang: Option<String>,
    /// Wrap these commands too (`cdk,sam,terraform`): a link named after each beside the `aws`
    /// link (or a shell function with --function). Default: `aws` only
    #[arg(long, value_name = "NAMES", value_delimiter = ',', value_parser = tool_name)]
    pub wrap: Vec<String>,
}

// A command name that `--wrap` can take: a plain file name that a shell function can also
// have, and neither `aws` nor aws-shim's own.
fn tool_name(name: &str) -> Result<String, String> {
    let plain = !name.is_empty()
        && !name.starts_with(['.', '-'])
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'));
    if !plain {
        return Err(format!("{name:?} is not a command name"));
    }
    if name == "aws" || name.contains("aws-shim") {
        return Err(format!("{name} is always wrapped; name other commands"));
    }
    Ok(name.to_owned())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum InitShell {
    Bash,
    Zsh,
    Fish,
}

#[derive(Debug, clap::Args)]
pub struct Doctor {
    /// Write JSON (schema in docs/doctor-json.md) instead of text
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub profile: ProfileArg,
    /// Also ask AWS: the real CLI's version and `aws sts get-caller-identity`
    #[arg(long)]
    pub online: bool,
    #[command(flatten)]
    pub lang: LangArg,
}

#[derive(Debug, clap::Args)]
pub struct Completions {
    /// The shell to print the completions for
    pub shell: InitShell,
}

#[derive(Debug, clap::Args)]
pub struct StandIn {
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, num_args = 0..)]
    pub args: Vec<OsString>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `--lang` of every command, in every language's help, takes the codes of the
    /// catalogues and nothing else: one more catalogue is one more value everywhere.
    #[test]
    fn every_lang_option_takes_the_catalogues() {
        fn check(cmd: &clap::Command, path: &str, found: &mut usize) {
            for arg in cmd.get_arguments() {
                if arg.get_long() == Some("lang") {
                    let values: Vec<String> = arg
                        .get_possible_values()
                        .iter()
                        .map(|v| v.get_name().to_owned())
                        .collect();
                    assert_eq!(values, Lang::codes(), "{path} --lang");
                    *found += 1;
                }
            }
            for sub in cmd.get_subcommands() {
                check(sub, &format!("{path} {}", sub.get_name()), found);
            }
        }
        for lang in Lang::all() {
            let mut found = 0;
            check(&command(lang), "aws-shim", &mut found);
            assert!(found > 1, "the commands with --lang are found");
        }
        assert_eq!(
            Lang::codes(),
            crate::i18n::CATALOGUES
                .iter()
                .map(|(code, _)| *code)
                .collect::<Vec<_>>()
        );
    }
}
