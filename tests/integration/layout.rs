//! The shape of the source: the subcommands (`src/cmd/`) are leaves. Each parses its options
//! and calls the library; no subcommand file uses another, and the library never uses them.
//! Only the dispatch (`src/cmd/mod.rs`: `run` and the `Run` trait) is shared.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The uses of `cmd::...` in `text` other than the dispatch's `Run` trait.
fn uses_of_cmd(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices("cmd::") {
        let before = &text[..at];
        // `crate::cmd::`, `aws_shim::cmd::`, `super::` from a sibling: a path into cmd.
        if !(before.ends_with("crate::") || before.ends_with("aws_shim::")) {
            continue;
        }
        let rest: String = text[at + "cmd::".len()..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if rest != "Run" && rest != "run" {
            found.push(format!("cmd::{rest}"));
        }
    }
    found
}

#[test]
fn subcommands_are_leaves_and_the_library_does_not_use_them() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 10, "{files:?}");
    let mut wrong = Vec::new();
    for file in &files {
        let rel = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(file).unwrap();
        let in_cmd = rel.starts_with("cmd/");
        if rel == "cmd/mod.rs" || rel == "main.rs" {
            // The dispatch, and the entry point that calls it.
            continue;
        }
        for used in uses_of_cmd(&text) {
            wrong.push(format!("{rel}: {used}"));
        }
        if in_cmd && text.contains("super::") && !text.contains("mod tests") {
            wrong.push(format!("{rel}: super::"));
        }
        if !in_cmd && (text.contains("use crate::cmd") || text.contains("crate::cmd::Run")) {
            wrong.push(format!("{rel}: uses the dispatch"));
        }
    }
    assert!(wrong.is_empty(), "subcommands used as a library: {wrong:?}");
}

#[test]
fn the_check_sees_a_use_of_another_subcommand() {
    assert_eq!(
        uses_of_cmd("crate::cmd::exec::known_cli_version(p); use crate::cmd::Run;"),
        ["cmd::exec"]
    );
    assert_eq!(uses_of_cmd("aws_shim::cmd::doctor::human"), ["cmd::doctor"]);
    assert!(uses_of_cmd("use crate::cmd::Run; cmd::exec").is_empty());
}
