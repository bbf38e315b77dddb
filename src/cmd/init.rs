//! `aws-shim init bash|zsh|fish [--function]`: the shell integration, kept in shell/ (one
//! file per shell, embedded here) with this binary's path, the directory of the `aws` link and
//! the state directory filled in, followed by the completions of aws-shim's own subcommands.
//!
//! Without `--function` the hook puts the directory holding the `aws` link first in PATH;
//! when that link is missing (or points elsewhere), it is created here, in
//! `config::data_dir()/bin`, so that `init` works with nothing but the binary on PATH. With
//! `--function` (or when no link can be made) the hook defines a shell function `aws` instead.
//! The same directory holds an `aws-shim` link, so that the command itself is on PATH in
//! every shell that ran the hook, whatever PATH held before.
//!
//! `--wrap cdk,sam` wraps these commands too: a link named after each in the same directory
//! (links of ours to other names are removed there, so that dropping a name from `--wrap`
//! stops wrapping it; an `init` without `--wrap` removes no link), or with `--function` (or where a foreign file holds the name) a shell
//! function that runs `aws-shim run -- NAME`. Functions of an earlier `init` are removed.
//!
//! `--lang LANG` (a catalogue's language) puts `AWS_SHIM_LANG` in the environment once, in
//! the printed code.
//! Paths are written byte for byte (quoted for each shell), whether UTF-8 or not.

use crate::cli::{Init, InitShell};
use crate::cmd::Run;
use crate::config;
use anyhow::Context as _;
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

const BASH: &str = include_str!("../../shell/aws-shim.bash");
const ZSH: &str = include_str!("../../shell/aws-shim.zsh");
const FISH: &str = include_str!("../../shell/aws-shim.fish");

/// `aws-shim completions SHELL`: the completions that `init` ends with, alone.
impl Run for crate::cli::Completions {
    fn run(self) -> anyhow::Result<i32> {
        let mut out = Vec::new();
        completions(self.shell, &mut out);
        std::io::stdout()
            .lock()
            .write_all(&out)
            .context("could not write the completions")?;
        Ok(0)
    }
}

impl Run for Init {
    fn run(self) -> anyhow::Result<i32> {
        let exe = std::env::current_exe().context("could not find aws-shim's own executable")?;
        let link_dir = if self.function {
            None
        } else {
            ensure_link(&exe)
        };
        // The names that get a function: all of them without a link directory, else those
        // whose link could not be made.
        let functions: Vec<&str> = match &link_dir {
            Some(dir) => {
                // Only a `--wrap` list says which commands are wrapped: without one (a bare
                // `init`, run by hand or by an older block) the links made by an earlier
                // `--wrap` or by `install.sh --wrap` stay.
                if !self.wrap.is_empty() {
                    prune_links(dir, &exe, &self.wrap);
                }
                self.wrap
                    .iter()
                    .filter(|name| !link_to(dir, name, &exe))
                    .map(String::as_str)
                    .collect()
            }
            None => self.wrap.iter().map(String::as_str).collect(),
        };
        let quote = match self.shell {
            InitShell::Fish => quote_fish,
            InitShell::Bash | InitShell::Zsh => quote_posix,
        };
        let path_text = |p: Option<&Path>| quote(p.map_or(&[][..], |p| p.as_os_str().as_bytes()));
        let template = match self.shell {
            InitShell::Bash => BASH,
            InitShell::Zsh => ZSH,
            InitShell::Fish => FISH,
        };
        let mut out = Vec::with_capacity(template.len() + 8192);
        if let Some(lang) = &self.lang {
            // Only `ja` or `en` get here (clap checks): no quoting needed.
            let line = match self.shell {
                InitShell::Fish => format!("set -gx AWS_SHIM_LANG {lang}\n"),
                InitShell::Bash | InitShell::Zsh => format!("export AWS_SHIM_LANG={lang}\n"),
            };
            out.extend_from_slice(line.as_bytes());
        }
        fill(
            template,
            &[
                ("@AWS_SHIM_BIN@", path_text(Some(&exe))),
                ("@AWS_SHIM_LINK_DIR@", path_text(link_dir.as_deref())),
                (
                    "@AWS_SHIM_STATE_DIR@",
                    path_text(config::state_dir().as_deref()),
                ),
            ],
            &mut out,
        );
        out.extend_from_slice(wrap_functions(self.shell, &functions).as_bytes());
        completions(self.shell, &mut out);
        std::io::stdout()
            .lock()
            .write_all(&out)
            .context("could not write the shell code")?;
        Ok(0)
    }
}

/// `template` with each placeholder replaced by its value, in one pass (a value is never
/// searched for placeholders).
fn fill(template: &str, values: &[(&str, Vec<u8>)], out: &mut Vec<u8>) {
    let mut rest = template;
    while let Some((at, name, value)) = values
        .iter()
        .filter_map(|(name, value)| rest.find(name).map(|at| (at, name, value)))
        .min_by_key(|(at, _, _)| *at)
    {
        out.extend_from_slice(&rest.as_bytes()[..at]);
        out.extend_from_slice(value);
        rest = &rest[at + name.len()..];
    }
    out.extend_from_slice(rest.as_bytes());
}

/// The values an argument takes from a fixed set (`bash zsh fish`, `ja en`), hidden ones left
/// out; empty for free text.
fn fixed_values(arg: &clap::Arg) -> Vec<String> {
    arg.get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_owned())
        .collect()
}

/// aws-shim's command line as people use it: without the hidden subcommands (`__stand-in`,
/// `__warn`), which completions must never offer.
fn visible_command() -> clap::Command {
    let full = crate::cli::command(crate::i18n::current(None).lang);
    // Clap's `help` subcommand is made anew below, for the visible ones only.
    let visible: Vec<clap::Command> = full
        .get_subcommands()
        .filter(|c| !c.is_hide_set() && c.get_name() != "help")
        .cloned()
        .collect();
    // `full` is built: its --help and --version (in the language chosen) are there already.
    let mut cmd = clap::Command::new("aws-shim")
        .version(env!("CARGO_PKG_VERSION"))
        .subcommand_required(true)
        .disable_help_flag(true)
        .disable_version_flag(true)
        .args(full.get_arguments().cloned())
        .subcommands(visible);
    if let Some(about) = full.get_about() {
        cmd = cmd.about(about.clone());
    }
    cmd.build();
    match full
        .find_subcommand("help")
        .and_then(clap::Command::get_about)
    {
        Some(about) => cmd.mut_subcommand("help", |help| help.about(about.clone())),
        None => cmd,
    }
}

/// Bash completions, written here rather than by clap_complete, whose bash script mangles a
/// name with a `-` (its subcommand branches never match) and then falls back to file names.
/// Subcommands, their options, and the values of options and arguments that have a fixed set
/// (`init bash|zsh|fish`, `--lang ja|en`); never a file name.
fn bash_completions(cmd: &clap::Command) -> String {
    let words = |list: &[String]| list.join(" ");
    let mut arms = String::new();
    let mut top: Vec<String> = Vec::new();
    for sub in cmd.get_subcommands().filter(|c| !c.is_hide_set()) {
        top.push(sub.get_name().to_owned());
        let mut flags = Vec::new();
        let mut values = String::new();
        let mut positional: Vec<String> = Vec::new();
        for arg in sub.get_arguments().filter(|a| !a.is_hide_set()) {
            let fixed = fixed_values(arg);
            if arg.is_positional() {
                if positional.is_empty() {
                    positional = fixed;
                }
                continue;
            }
            let mut names: Vec<String> = Vec::new();
            if let Some(longs) = arg.get_long_and_visible_aliases() {
                names.extend(longs.iter().map(|l| format!("--{l}")));
            }
            if let Some(shorts) = arg.get_short_and_visible_aliases() {
                names.extend(shorts.iter().map(|c| format!("-{c}")));
            }
            if names.is_empty() {
                continue;
            }
            flags.extend(names.iter().filter(|n| n.starts_with("--")).cloned());
            if arg.get_action().takes_values() {
                values.push_str(&format!(
                    "        {}) words='{}' ;;\n",
                    names.join(" | "),
                    words(&fixed)
                ));
            }
        }
        if sub.get_name() == "help" {
            positional = cmd
                .get_subcommands()
                .filter(|c| !c.is_hide_set())
                .map(|c| c.get_name().to_owned())
                .collect();
        }
        let positional = if positional.is_empty() {
            String::new()
        } else {
            format!(
                "            ((n == 0)) && words+=' {}'\n",
                words(&positional)
            )
        };
        arms.push_str(&format!(
            "    {name})\n        case $prev in\n{values}        *)\n            words='{flags}'\n{positional}            ;;\n        esac\n        ;;\n",
            name = sub.get_name(),
            flags = words(&flags),
        ));
    }
    let takes_values: Vec<String> = cmd
        .get_subcommands()
        .flat_map(|s| s.get_arguments())
        .filter(|a| !a.is_positional() && a.get_action().takes_values())
        .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    format!(
        r#"_aws_shim() {{
    local cur=${{COMP_WORDS[COMP_CWORD]}} prev=${{COMP_WORDS[COMP_CWORD-1]}}
    local sub='' words='' skip='' n=0 i
    for ((i = 1; i < COMP_CWORD; i++)); do
        if [[ -n $skip ]]; then
            skip=''
            continue
        fi
        case ${{COMP_WORDS[i]}} in
        {takes}) skip=1 ;;
        -*) ;;
        *) if [[ -z $sub ]]; then sub=${{COMP_WORDS[i]}}; else n=$((n + 1)); fi ;;
        esac
    done
    case $sub in
    '') words='{top} --help --version' ;;
{arms}    esac
    COMPREPLY=()
    [[ -n $words ]] && \builtin mapfile -t COMPREPLY < <(\builtin compgen -W "$words" -- "$cur")
    return 0
}}
\builtin complete -F _aws_shim aws-shim
"#,
        takes = takes_values.join(" | "),
        top = words(&top),
    )
}

/// The completions of aws-shim's own subcommands. zsh's need `compdef` (from compinit); they
/// are registered only when it is there, so sourcing stays silent.
pub(crate) fn completions(shell: InitShell, out: &mut Vec<u8>) {
    let mut cmd = visible_command();
    let mut generated = Vec::new();
    match shell {
        InitShell::Bash => generated.extend_from_slice(bash_completions(&cmd).as_bytes()),
        InitShell::Zsh => clap_complete::generate(
            clap_complete::Shell::Zsh,
            &mut cmd,
            "aws-shim",
            &mut generated,
        ),
        InitShell::Fish => clap_complete::generate(
            clap_complete::Shell::Fish,
            &mut cmd,
            "aws-shim",
            &mut generated,
        ),
    }
    out.extend_from_slice(b"\n# Completions of aws-shim's own subcommands (clap_complete).\n");
    if shell == InitShell::Zsh {
        out.extend_from_slice(b"if (( ${+functions[compdef]} )); then\n");
        out.extend_from_slice(&generated);
        out.extend_from_slice(b"\nfi\n");
    } else {
        out.extend_from_slice(&generated);
    }
    if shell == InitShell::Fish {
        // clap_complete's fish script offers no values for arguments (file names instead).
        for sub in cmd.get_subcommands().filter(|c| !c.is_hide_set()) {
            let Some(arg) = sub.get_positionals().next() else {
                continue;
            };
            let values = fixed_values(arg);
            if !values.is_empty() {
                out.extend_from_slice(
                    format!(
                        "complete -c aws-shim -n \"__fish_aws_shim_using_subcommand {}\" -f -a \"{}\"\n",
                        sub.get_name(),
                        values.join(" ")
                    )
                    .as_bytes(),
                );
            }
        }
    }
}

/// The directory holding an `aws` link to `exe`, created when missing; `None` when there is
/// no data directory or the link cannot be made (the hook then defines a function). An
/// `aws-shim` link beside it is made too, when it can be.
pub fn ensure_link(exe: &Path) -> Option<PathBuf> {
    let dir = config::data_dir()?.join("bin");
    if !link_to(&dir, "aws", exe) {
        return None;
    }
    link_to(&dir, "aws-shim", exe);
    Some(dir)
}

/// Remove the links in `dir` to `exe` other than `aws`, `aws-shim` and the `keep` names: the
/// commands no longer wrapped. Anything else there is left alone.
fn prune_links(dir: &Path, exe: &Path, keep: &[String]) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let ours = entry.file_type().is_ok_and(|t| t.is_symlink()) && same_file(&entry.path(), exe);
        let kept = name == "aws" || name == "aws-shim" || keep.iter().any(|k| name == k.as_str());
        if ours && !kept && !name.as_bytes().starts_with(b".") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Shell code that removes the functions of an earlier `init --wrap` and defines one for each
/// of `names` (plain command names, checked by the parser: nothing to quote).
fn wrap_functions(shell: InitShell, names: &[&str]) -> String {
    let list = names.join(" ");
    let mut code = String::new();
    let (forget, remember) = match shell {
        InitShell::Bash => (
            "for __aws_shim_w in ${__aws_shim_wrapped-}; do \\builtin unset -f \"$__aws_shim_w\"; done\n\
             \\builtin unset __aws_shim_w\n",
            format!("__aws_shim_wrapped='{list}'\n"),
        ),
        InitShell::Zsh => (
            "for __aws_shim_w in ${=__aws_shim_wrapped-}; do unfunction \"$__aws_shim_w\" 2>/dev/null; done\n\
             unset __aws_shim_w\n",
            format!("typeset -g __aws_shim_wrapped='{list}'\n"),
        ),
        InitShell::Fish => (
            "for __aws_shim_w in $__aws_shim_wrapped\n    functions -e $__aws_shim_w\nend\n",
            format!("set -g __aws_shim_wrapped {list}\n"),
        ),
    };
    code.push_str(forget);
    code.push_str(&remember);
    for name in names {
        code.push_str(&match shell {
            InitShell::Fish => {
                format!("function {name}\n    $__aws_shim_bin run -- {name} $argv\nend\n")
            }
            // `function NAME {`: an alias of the same name cannot turn the definition into a
            // syntax error, as it would `NAME() {`.
            InitShell::Bash | InitShell::Zsh => {
                format!("function {name} {{\n    \"$__aws_shim_bin\" run -- {name} \"$@\"\n}}\n")
            }
        });
    }
    code
}

/// Whether `dir/name` is (now) a link to `exe`.
fn link_to(dir: &Path, name: &str, exe: &Path) -> bool {
    let link = dir.join(name);
    if same_file(&link, exe) {
        return true;
    }
    // Only a link of ours (or nothing) is replaced; a foreign file is left alone.
    if std::fs::symlink_metadata(&link).is_ok_and(|m| !m.file_type().is_symlink()) {
        return false;
    }
    if std::fs::create_dir_all(dir).is_err() {
        return false;
    }
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    if std::os::unix::fs::symlink(exe, &tmp).is_err() {
        return false;
    }
    if std::fs::rename(&tmp, &link).is_err() {
        let _ = std::fs::remove_file(&tmp);
        return false;
    }
    true
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// `bytes` as one word for bash and zsh: single quotes, `'` as `'\''`. Any byte but NUL
/// (which no path holds) stands for itself inside single quotes, UTF-8 or not.
pub fn quote_posix(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + 2);
    out.push(b'\'');
    for &b in bytes {
        if b == b'\'' {
            out.extend_from_slice(br"'\''");
        } else {
            out.push(b);
        }
    }
    out.push(b'\'');
    out
}

/// `bytes` as one word for fish: the UTF-8 parts in single quotes (with `\` and `'`
/// escaped), each byte that is not UTF-8 as `\xHH` outside the quotes (fish's escape for a
/// raw byte), all run together.
pub fn quote_fish(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + 2);
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        if !valid.is_empty() || out.is_empty() {
            out.push(b'\'');
            for c in valid.bytes() {
                if c == b'\\' || c == b'\'' {
                    out.push(b'\\');
                }
                out.push(c);
            }
            out.push(b'\'');
        }
        for b in chunk.invalid() {
            out.extend_from_slice(format!("\\x{b:02x}").as_bytes());
        }
    }
    if out.is_empty() {
        out.extend_from_slice(b"''");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(quote_posix(b"/a b/it's"), br"'/a b/it'\''s'");
        assert_eq!(quote_posix(b""), b"''");
        assert_eq!(quote_posix(b"/x\xff\ny"), b"'/x\xff\ny'");
        assert_eq!(quote_fish(br"/a\b/it's"), br"'/a\\b/it\'s'");
        assert_eq!(quote_fish(b""), b"''");
        assert_eq!(quote_fish(b"/x\xffy\xfe"), br"'/x'\xff'y'\xfe");
        assert_eq!(quote_fish(b"\xff"), br"''\xff");
    }

    #[test]
    fn templates_bound_the_cache_read_as_the_writer_does() {
        let bound = crate::prompt::CACHE_MAX.to_string();
        for t in [BASH, ZSH, FISH] {
            assert!(t.contains(&format!(" {bound} ")), "{bound}");
        }
    }

    #[test]
    fn templates_have_every_placeholder() {
        for t in [BASH, ZSH, FISH] {
            for p in [
                "@AWS_SHIM_BIN@",
                "@AWS_SHIM_LINK_DIR@",
                "@AWS_SHIM_STATE_DIR@",
            ] {
                assert!(t.contains(p), "{p}");
            }
        }
    }
}
