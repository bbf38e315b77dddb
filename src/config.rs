//! Every environment variable aws-shim reads is read here, one function each.

use std::ffi::OsString;
use std::path::PathBuf;

/// `AWS_SHIM_REAL_AWS`: the real AWS CLI to run, overriding the PATH search.
pub fn real_aws_override() -> Option<OsString> {
    std::env::var_os("AWS_SHIM_REAL_AWS").filter(|v| !v.is_empty())
}

/// `PYENV_VERSION`: the Python version a pyenv shim runs (to follow a shim to the real CLI).
pub fn pyenv_version() -> Option<String> {
    std::env::var("PYENV_VERSION")
        .ok()
        .filter(|v| !v.is_empty())
}

/// `PATH`.
pub fn path() -> Option<OsString> {
    std::env::var_os("PATH")
}

/// The variable an aws-shim sets for the program it starts (see [`crate::real_aws::HandOff`]):
/// its own pid, that program's identity, and how many aws-shims in a row handed the call on.
pub const HAND_OFF_VAR: &str = "AWS_SHIM_HAND_OFF";

/// The hand-off this process was started with, as it came (set when another aws-shim runs
/// around this one, whatever the count).
pub fn hand_off() -> Option<OsString> {
    std::env::var_os(HAND_OFF_VAR)
}

/// How many aws-shims in a row handed this call on to this one: counted only when this
/// process is the very program an aws-shim located and started (an aws-shim link that leads
/// to another aws-shim); 0 otherwise, when unset or garbage. Nesting through anything else
/// (a shell, the real CLI and its credential_process, a wrapped tool) starts again at 0.
pub fn depth() -> u32 {
    let Some(value) = std::env::var_os(HAND_OFF_VAR) else {
        return 0;
    };
    let here = crate::real_aws::Here {
        pid: std::process::id(),
        parent: std::os::unix::process::parent_id(),
        own: crate::real_aws::own_id,
    };
    value
        .to_str()
        .and_then(crate::real_aws::HandOff::parse)
        .map_or(0, |h| h.count_for(here))
}

/// How recognised lines are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Replace the line with an explanation block (default on a terminal).
    Replace,
    /// Keep the line byte-identical and add the explanation after it (default otherwise).
    Append,
    /// Do not filter at all.
    Off,
}

impl Mode {
    pub fn parse(value: &str) -> Option<Mode> {
        match value.trim().to_ascii_lowercase().as_str() {
            "replace" => Some(Mode::Replace),
            "append" => Some(Mode::Append),
            "off" | "0" | "false" | "no" => Some(Mode::Off),
            _ => None,
        }
    }
}

/// `AWS_SHIM_MODE=replace|append|off`; an unknown value is ignored.
pub fn mode() -> Option<Mode> {
    Mode::parse(&std::env::var("AWS_SHIM_MODE").ok()?)
}

/// `NO_COLOR` (any non-empty value turns colour off, <https://no-color.org>).
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// The language variables in the order they are consulted: `AWS_SHIM_LANG`, `LC_ALL`,
/// `LC_MESSAGES`, `LANG`.
pub fn language_vars() -> [(&'static str, Option<String>); 4] {
    ["AWS_SHIM_LANG", "LC_ALL", "LC_MESSAGES", "LANG"].map(|name| (name, std::env::var(name).ok()))
}

/// Whether `AWS_PROFILE` or `AWS_DEFAULT_PROFILE` is set to something that is not UTF-8.
pub fn profile_var_unreadable() -> bool {
    ["AWS_PROFILE", "AWS_DEFAULT_PROFILE"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|value| value.to_str().is_none()))
}

/// `AWS_SHIM_LANG`, as set.
pub fn shim_lang() -> Option<String> {
    std::env::var("AWS_SHIM_LANG").ok()
}

/// `$HOME`, when set to an absolute path. Never looked up in the user database: a static
/// build cannot use NSS.
pub fn home() -> Option<PathBuf> {
    let home = PathBuf::from(std::env::var_os("HOME")?);
    home.is_absolute().then_some(home)
}

/// `AWS_CLI_ERROR_FORMAT`: the AWS CLI v2 error format setting.
pub fn cli_error_format() -> Option<String> {
    std::env::var("AWS_CLI_ERROR_FORMAT")
        .ok()
        .filter(|v| !v.is_empty())
}

/// The environment variables credential resolution looks at, by name, besides the exported
/// credentials and their expiry ([`crate::context::EXPORTED_VARS`]).
pub const CONTEXT_VARS: &[&str] = &[
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_CONFIG_FILE",
    "AWS_SHARED_CREDENTIALS_FILE",
    "AWS_LOGIN_CACHE_DIRECTORY",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_ROLE_ARN",
    "AWS_ROLE_SESSION_NAME",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_EC2_METADATA_DISABLED",
    "C9_PID",
    "C9_PROJECT",
    "C9_USER",
    "C9_HOSTNAME",
];

/// The inputs of credential resolution, read from this process's environment; `profile` is
/// the `--profile` of the command line.
pub fn context_inputs(profile: Option<&str>) -> crate::context::Inputs {
    crate::context::Inputs {
        home: home(),
        now: Some(jiff::Timestamp::now()),
        on_ec2: crate::context::place::is_ec2(&machine_files()),
        ..inputs_with(
            profile,
            &[CONTEXT_VARS, &crate::context::EXPORTED_VARS[..]].concat(),
        )
    }
}

/// The variables place detection reads (`context::place::ENV_VARS`), for the failure path.
pub fn place_env() -> std::collections::BTreeMap<String, String> {
    inputs_with(None, crate::context::place::ENV_VARS).env
}

/// Where this shell runs, as far as it decides the remedy for `ctx`'s credentials
/// ([`crate::context::located`] given this process's variables and the machine's files: a
/// few variables and small files, read when asked, which only the failure path and doctor do).
pub fn located(ctx: &crate::context::Context) -> crate::context::Located {
    crate::context::located(ctx, &place_env(), &machine_files())
}

/// The CI job this shell runs in, from its variables alone ([`crate::context::place::job_from_env`]).
pub fn ci_job() -> Option<crate::context::place::Place> {
    crate::context::place::job_from_env(&place_env())
}

/// The machine's own files as place detection reads them (DMI, cgroup, mounts, tokens):
/// under `/`, or under `AWS_SHIM_PLACE_ROOT` when it is set, which the tests point at a
/// fixture tree so that they never read this machine's `/sys` or `/proc`.
pub fn machine_files() -> crate::context::place::RootedFs {
    match std::env::var_os("AWS_SHIM_PLACE_ROOT").filter(|v| !v.is_empty()) {
        Some(root) => crate::context::place::RootedFs::new(root),
        None => crate::context::place::RootedFs::system(),
    }
}

/// The profile argument and the named variables, nothing else.
fn inputs_with(profile: Option<&str>, vars: &[&str]) -> crate::context::Inputs {
    crate::context::Inputs {
        env: vars
            .iter()
            .filter_map(|&name| Some((name.to_owned(), std::env::var(name).ok()?)))
            .collect(),
        profile_arg: profile.map(str::to_owned),
        ..Default::default()
    }
}

/// aws-shim's state directory: `dirs::state_dir()` (`$XDG_STATE_HOME` or `~/.local/state`
/// on Linux), falling back to `~/.local/state` where the platform has none; joined with
/// `aws-shim`.
pub fn state_dir() -> Option<PathBuf> {
    with_home_or_xdg("XDG_STATE_HOME", dirs::state_dir, ".local/state")
}

/// aws-shim's cache directory (`$XDG_CACHE_HOME/aws-shim` or `~/.cache/aws-shim`): what can
/// be worked out again, such as which AWS CLI a file is.
pub fn cache_dir() -> Option<PathBuf> {
    with_home_or_xdg("XDG_CACHE_HOME", dirs::cache_dir, ".cache")
}

/// aws-shim's data directory (`$XDG_DATA_HOME/aws-shim` or `~/.local/share/aws-shim`).
pub fn data_dir() -> Option<PathBuf> {
    with_home_or_xdg("XDG_DATA_HOME", dirs::data_dir, ".local/share")
}

/// `dirs` falls back to the user database when `HOME` is unset, which a static build cannot
/// consult; so without `HOME` only an explicit XDG variable counts. aws-shim creates its
/// directory only under what exists: an existing `XDG_*` directory, else an existing HOME
/// (`HOME=/nonexistent`, as Debian's system users have, means nothing is kept).
fn with_home_or_xdg(
    var: &str,
    platform: fn() -> Option<PathBuf>,
    fallback: &str,
) -> Option<PathBuf> {
    let home = home().filter(|h| h.is_dir());
    // The XDG directory when it exists, or when it lies under an existing HOME (creating it
    // there is what the user asked for).
    let xdg = std::env::var_os(var)
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .filter(|p| p.is_dir() || home.as_ref().is_some_and(|h| p.starts_with(h)));
    if let Some(xdg) = xdg {
        return Some(xdg.join("aws-shim"));
    }
    let home = home?;
    let base = platform()
        .filter(|p| p.starts_with(&home))
        .unwrap_or_else(|| home.join(fallback));
    Some(base.join("aws-shim"))
}

/// The inputs that name the profile, and nothing else: `--profile`, `AWS_PROFILE` and
/// `AWS_DEFAULT_PROFILE` (for [`crate::context::profile_choice`] on the success path, where
/// nothing more may be read).
pub fn profile_inputs(profile: Option<&str>) -> crate::context::Inputs {
    inputs_with(profile, &["AWS_PROFILE", "AWS_DEFAULT_PROFILE"])
}

/// `AWS_SHIM_PROMPT_FORMAT`: the prompt segment's format (docs/shell.md).
pub fn prompt_format() -> Option<String> {
    std::env::var("AWS_SHIM_PROMPT_FORMAT")
        .ok()
        .filter(|v| !v.is_empty())
}

/// `AWS_SHIM_PROMPT_SYMBOLS`: symbol overrides, `status=symbol` separated by commas.
pub fn prompt_symbols() -> Option<String> {
    std::env::var("AWS_SHIM_PROMPT_SYMBOLS").ok()
}

/// Whether the prompt uses its ASCII symbols: `AWS_SHIM_PROMPT_ASCII=1`, or a character
/// set that is not UTF-8.
pub fn prompt_ascii() -> bool {
    if let Ok(v) = std::env::var("AWS_SHIM_PROMPT_ASCII")
        && !v.is_empty()
    {
        return !matches!(v.as_str(), "0" | "false" | "no");
    }
    !charset_is_utf8()
}

/// Whether the locale names a character set other than UTF-8 (`ja_JP.eucJP`,
/// `ja_JP.SJIS`): the first of `LC_ALL`, `LC_CTYPE`, `LANG` that is set. A locale that names
/// none (`C`, `ja_JP`, nothing set) says nothing of the terminal, which is most often UTF-8.
pub fn charset_is_not_utf8() -> bool {
    ctype().is_some_and(|v| {
        let charset = v.split('@').next().unwrap_or(&v);
        charset.split_once('.').is_some_and(|(_, set)| {
            let set = set.to_ascii_lowercase();
            set != "utf-8" && set != "utf8"
        })
    })
}

/// Whether the locale's character set is UTF-8: the first of `LC_ALL`, `LC_CTYPE`, `LANG`
/// that is set; none set means the C locale, which is not.
pub fn charset_is_utf8() -> bool {
    ctype().is_some_and(|v| {
        let v = v.to_ascii_lowercase();
        v.contains("utf-8") || v.contains("utf8")
    })
}

/// The locale that decides the character set: the first of `LC_ALL`, `LC_CTYPE`, `LANG`
/// that is set.
fn ctype() -> Option<String> {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|n| std::env::var(n).ok().filter(|v| !v.is_empty()))
}

/// The variable that turns on the offer to sign in again and run the call again.
pub const RELOGIN_VAR: &str = "AWS_SHIM_RELOGIN";

/// `AWS_SHIM_RELOGIN=ask`: after an explained failure whose remedy is a sign-in, on a
/// terminal, offer to sign in and run the command again. Off for anything else.
pub fn relogin_asks() -> bool {
    std::env::var(RELOGIN_VAR).is_ok_and(|v| v.trim().eq_ignore_ascii_case("ask"))
}

/// Whether a `CI` variable is set (to anything): nothing interactive then.
pub fn ci() -> bool {
    std::env::var_os("CI").is_some()
}
