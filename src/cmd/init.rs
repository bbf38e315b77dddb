//! `aws-shim init bash|zsh|fish [--function]`: the shell integration, kept in shell/ (one
//! file per shell, embedded here) with this binary's path, the directory of the `aws` link and
//! the state directory filled in, followed by the completions of aws-shim's own subcommands.
//!
//! Without `--function` the hook puts the directory holding the `aws` link first in PATH;
//! when that link is missing (or points elsewhere), it is created here, in
//! `config::data_dir()/bin`, so that `init` works with nothing but the binary on PATH. With
//! `--function` (or when no link can be made) the hook defines a shell function `aws` instead.

use crate::cli::{Init, InitShell};
use crate::cmd::Run;
use crate::config;
use anyhow::Context as _;
use clap::CommandFactory;
use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

const BASH: &str = include_str!("../../shell/aws-shim.bash");
const ZSH: &str = include_str!("../../shell/aws-shim.zsh");
const FISH: &str = include_str!("../../shell/aws-shim.fish");

impl Run for Init {
    fn run(self) -> anyhow::Result<i32> {
        let exe = std::env::current_exe().context("could not find aws-shim's own executable")?;
        let link_dir = if self.function {
            None
        } else {
            ensure_link(&exe)
        };
        let quote = match self.shell {
            InitShell::Fish => quote_fish,
            InitShell::Bash | InitShell::Zsh => quote_posix,
        };
        let path_text = |p: Option<&Path>| {
            quote(
                &p.map(|p| p.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            )
        };
        let template = match self.shell {
            InitShell::Bash => BASH,
            InitShell::Zsh => ZSH,
            InitShell::Fish => FISH,
        };
        let script = template
            .replace("@AWS_SHIM_BIN@", &path_text(Some(&exe)))
            .replace("@AWS_SHIM_LINK_DIR@", &path_text(link_dir.as_deref()))
            .replace(
                "@AWS_SHIM_STATE_DIR@",
                &path_text(config::state_dir().as_deref()),
            );
        let mut out = Vec::with_capacity(script.len() + 8192);
        out.extend_from_slice(script.as_bytes());
        completions(self.shell, &mut out);
        std::io::stdout()
            .lock()
            .write_all(&out)
            .context("could not write the shell code")?;
        Ok(0)
    }
}

/// The completions of aws-shim's own subcommands. zsh's need `compdef` (from compinit); they
/// are registered only when it is there, so sourcing stays silent.
fn completions(shell: InitShell, out: &mut Vec<u8>) {
    let mut cmd = crate::cli::Cli::command();
    let mut generated = Vec::new();
    match shell {
        InitShell::Bash => clap_complete::generate(
            clap_complete::Shell::Bash,
            &mut cmd,
            "aws-shim",
            &mut generated,
        ),
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
}

/// The directory holding an `aws` link to `exe`, created when missing; `None` when there is
/// no data directory or the link cannot be made (the hook then defines a function).
pub fn ensure_link(exe: &Path) -> Option<PathBuf> {
    let dir = config::data_dir()?.join("bin");
    let link = dir.join("aws");
    if same_file(&link, exe) {
        return Some(dir);
    }
    // Only a link of ours (or nothing) is replaced; a foreign file is left alone.
    if std::fs::symlink_metadata(&link).is_ok_and(|m| !m.file_type().is_symlink()) {
        return None;
    }
    std::fs::create_dir_all(&dir).ok()?;
    let tmp = dir.join(format!(".aws.{}.tmp", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    std::os::unix::fs::symlink(exe, &tmp).ok()?;
    if std::fs::rename(&tmp, &link).is_err() {
        let _ = std::fs::remove_file(&tmp);
        return None;
    }
    Some(dir)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// `text` as one word for bash and zsh: single quotes, `'` as `'\''`.
pub fn quote_posix(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// `text` as one word for fish: single quotes, with `\` and `'` escaped.
pub fn quote_fish(text: &str) -> String {
    format!("'{}'", text.replace('\\', r"\\").replace('\'', r"\'"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(quote_posix("/a b/it's"), r"'/a b/it'\''s'");
        assert_eq!(quote_posix(""), "''");
        assert_eq!(quote_fish(r"/a\b/it's"), r"'/a\\b/it\'s'");
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
