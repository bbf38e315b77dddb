//! The command line of aws-shim under its own name.

use clap::{Parser, Subcommand};
use std::ffi::OsString;

#[derive(Debug, Parser)]
#[command(
    name = "aws-shim",
    version,
    about = "A transparent `aws` wrapper that explains expired AWS credentials",
    long_about = "A transparent `aws` wrapper that explains expired AWS credentials.\n\n\
        Installed as a link named `aws` ahead of the real AWS CLI on PATH, it forwards every call \
        unchanged and, when the CLI reports expired or broken credentials, says what happened, why \
        and what to do, in Japanese or English."
)]
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

/// `--lang ja|en`, shared by the subcommands that write text for people.
#[derive(Debug, Default, clap::Args)]
pub struct LangArg {
    /// Language of the text; default from AWS_SHIM_LANG, LC_ALL, LC_MESSAGES, LANG
    #[arg(long = "lang", id = "lang", value_name = "LANG", value_parser = ["ja", "en"])]
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

// `wait`: what its exit statuses mean is part of its help.
#[derive(Debug, clap::Args)]
#[command(after_help = "Exit status:\n  \
    0    the credentials are in place and not expired (the bell rings)\n  \
    2    they are exported in this shell: nothing can renew them; or a usage error\n  \
    3    there are none to wait for: an unknown profile, no credentials, or they vanished while waiting\n  \
    124  --timeout ran out\n  \
    130  Ctrl-C\n  \
    1    any other error\n\n\
    Example:\n  aws-shim wait --timeout 30m && aws s3 sync ./out s3://bucket/out")]
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
#[command(
    after_help = "Examples:\n  aws-shim explain ExpiredToken\n  aws-shim explain 'An error occurred (ExpiredToken) when calling the ListBuckets operation: The provided token has expired.'\n  aws s3 ls 2>&1 | aws-shim explain"
)]
pub struct Explain {
    /// An error code (ExpiredToken, RequestExpired, ...), a whole error line (in quotes), or - to
    /// read the CLI's whole output from standard input (also when nothing is given)
    #[arg(num_args = 0.., value_name = "CODE|LINE|-")]
    pub error: Vec<String>,
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
    #[arg(long = "lang", value_name = "LANG", value_parser = ["ja", "en"])]
    pub lang: Option<String>,
    /// Wrap these commands too (`cdk,sam,terraform`): a link named after each beside the `aws`
    /// link (or a shell function with --function). Default: `aws` only
    #[arg(long, value_name = "NAMES", value_delimiter = ',', value_parser = tool_name)]
    pub wrap: Vec<String>,
}

/// A command name that `--wrap` can take: a plain file name that a shell function can also
/// have, and neither `aws` nor aws-shim's own.
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
pub struct StandIn {
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, num_args = 0..)]
    pub args: Vec<OsString>,
}
