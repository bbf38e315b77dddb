//! install.sh in a temporary HOME with existing rc files: install, install again (no byte
//! changes), new interactive bash and zsh resolve `aws` to the shim even with another `aws`
//! earlier in PATH, and uninstall leaves the rc files byte-identical.

use crate::support::{Sandbox, have_tool, shim_bin};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

fn install_sh() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("install.sh")
}

fn run_install(s: &Sandbox, args: &[&str]) -> String {
    let out = s
        .command("sh")
        .arg(install_sh())
        .args(args)
        .output()
        .unwrap();
    String::from_utf8(crate::support::ok_stdout(out)).unwrap()
}

/// Every file and link under the sandbox: its bytes, or where the link points.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut all = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            if meta.file_type().is_symlink() {
                all.insert(
                    path.clone(),
                    std::fs::read_link(&path)
                        .unwrap()
                        .into_os_string()
                        .into_encoded_bytes(),
                );
            } else if meta.is_dir() {
                all.insert(path.clone(), b"<dir>".to_vec());
                stack.push(path);
            } else {
                all.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    all
}

/// A new interactive shell reading the rc files, with a decoy `aws` first in PATH.
fn which_aws(s: &Sandbox, shell: &str, query: &str) -> Output {
    let decoy = s.write_exe("decoy/aws", "#!/bin/sh\necho decoy\n");
    let path = format!(
        "{}:/usr/local/bin:/usr/bin:/bin",
        decoy.parent().unwrap().display()
    );
    s.command(shell)
        .args(["-i", "-c", query])
        .env("PATH", path)
        .output()
        .unwrap()
}

#[test]
fn install_twice_then_uninstall() {
    let s = Sandbox::new();
    // Existing rc files, one without a final newline.
    let bashrc = b"alias ll='ls -l'\nexport EDITOR=vi".to_vec();
    let zshrc = b"setopt extended_glob\n".to_vec();
    s.write("home/.bashrc", &bashrc);
    s.write("home/.zshrc", &zshrc);
    let before = snapshot(s.path());

    let first = run_install(&s, &["--bin", shim_bin().to_str().unwrap()]);
    let bin = s.home().join(".local/bin/aws-shim");
    let link = s.path().join("xdg/data/aws-shim/bin/aws");
    assert_eq!(
        std::fs::read(&bin).unwrap(),
        std::fs::read(shim_bin()).unwrap()
    );
    assert_eq!(std::fs::read_link(&link).unwrap(), bin);
    for rc in [".bashrc", ".zshrc"] {
        let text = std::fs::read_to_string(s.home().join(rc)).unwrap();
        assert_eq!(
            text.matches("# >>> aws-shim >>>").count(),
            1,
            "{rc}: {text}"
        );
        assert!(
            first.contains(&format!(
                "added the aws-shim block to {}",
                s.home().join(rc).display()
            )),
            "{first}"
        );
    }
    assert!(
        first.contains("eval \"$('"),
        "the line to start now: {first}"
    );
    let fish_file = s.path().join("xdg/config/fish/conf.d/aws-shim.fish");
    assert_eq!(fish_file.exists(), have_tool("fish"));

    // A second run changes no byte.
    let installed = snapshot(s.path());
    let second = run_install(&s, &["--bin", shim_bin().to_str().unwrap()]);
    assert_eq!(snapshot(s.path()), installed);
    assert!(second.contains("unchanged"), "{second}");

    // New interactive shells find the shim ahead of another aws.
    for (shell, query) in [("bash", "command -v aws"), ("zsh", "whence -p aws")] {
        if !have_tool(shell) {
            continue;
        }
        let out = which_aws(&s, shell, query);
        let found = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            found.trim_end(),
            link.to_str().unwrap(),
            "{shell}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    std::fs::remove_dir_all(s.path().join("decoy")).unwrap();
    // The shells' start-up may have written aws-shim's own state or data; only ours counts.
    let _ = std::fs::remove_dir_all(s.state_dir());

    let gone = run_install(&s, &["--uninstall"]);
    assert!(gone.contains("removed"), "{gone}");
    assert_eq!(std::fs::read(s.home().join(".bashrc")).unwrap(), bashrc);
    assert_eq!(std::fs::read(s.home().join(".zshrc")).unwrap(), zshrc);
    assert_eq!(
        snapshot(s.path()),
        before,
        "uninstall removes exactly what install added"
    );
}

#[test]
fn missing_rc_files_are_created_and_removed_again() {
    let s = Sandbox::new();
    let before = snapshot(s.path());
    run_install(&s, &["--bin", shim_bin().to_str().unwrap()]);
    assert!(s.home().join(".bashrc").exists());
    run_install(&s, &["--uninstall"]);
    assert_eq!(snapshot(s.path()), before);
}

#[test]
fn no_modify_rc_leaves_rc_files_alone() {
    let s = Sandbox::new();
    s.write("home/.bashrc", "# mine\n");
    let out = run_install(
        &s,
        &["--bin", shim_bin().to_str().unwrap(), "--no-modify-rc"],
    );
    assert_eq!(
        std::fs::read_to_string(s.home().join(".bashrc")).unwrap(),
        "# mine\n"
    );
    assert!(!s.home().join(".zshrc").exists());
    assert!(out.contains("init bash)\""), "{out}");
    assert!(s.home().join(".local/bin/aws-shim").exists());
}

#[test]
fn a_bad_binary_is_refused() {
    let s = Sandbox::new();
    let out = s
        .command("sh")
        .arg(install_sh())
        .args(["--bin", "/nonexistent/aws-shim"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/aws-shim"));
    assert!(!s.home().join(".local/bin/aws-shim").exists());
}

/// A block whose end mark was lost: install.sh refuses to guess where it ends and changes no
/// byte of the file.
#[test]
fn a_block_without_its_end_mark_is_left_alone() {
    let s = Sandbox::new();
    let rc = "export A=1\n# >>> aws-shim >>>\neval \"$(aws-shim init bash)\"\nexport IMPORTANT=1\n";
    let bashrc = s.write("home/.bashrc", rc);
    let bin = shim_bin().display().to_string();
    for args in [&["--bin", bin.as_str()][..], &["--uninstall"]] {
        let out = s
            .command("sh")
            .arg(install_sh())
            .args(args)
            .output()
            .unwrap();
        assert!(!out.status.success(), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("mend the file by hand"));
        assert_eq!(std::fs::read_to_string(&bashrc).unwrap(), rc, "{args:?}");
    }
}

/// `~/.bashrc` as a link into a dotfiles repository whose file does not exist (yet): install
/// leaves the link alone, creates nothing in its target and says what to add; uninstall then
/// finds the link exactly as it was.
#[test]
fn a_dangling_rc_link_is_left_alone() {
    let s = Sandbox::new();
    std::fs::create_dir_all(s.home().join("dotfiles")).unwrap();
    std::os::unix::fs::symlink(s.home().join("dotfiles/bashrc"), s.home().join(".bashrc")).unwrap();
    let before = snapshot(s.path());
    let out = run_install(&s, &["--bin", shim_bin().to_str().unwrap()]);
    assert!(out.contains("left"), "{out}");
    assert!(out.contains("init bash)\""), "the lines to add: {out}");
    assert!(!s.home().join("dotfiles/bashrc").exists());
    assert_eq!(
        std::fs::read_link(s.home().join(".bashrc")).unwrap(),
        s.home().join("dotfiles/bashrc")
    );
    run_install(&s, &["--uninstall"]);
    assert_eq!(snapshot(s.path()), before);
}

/// A link to an existing rc file is written through, and restored through.
#[test]
fn an_rc_link_to_a_file_is_written_through() {
    let s = Sandbox::new();
    let target = s.write("home/dotfiles/bashrc", "export A=1\n");
    std::os::unix::fs::symlink(&target, s.home().join(".bashrc")).unwrap();
    let before = snapshot(s.path());
    run_install(&s, &["--bin", shim_bin().to_str().unwrap()]);
    assert!(
        std::fs::symlink_metadata(s.home().join(".bashrc"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .contains("# >>> aws-shim >>>")
    );
    run_install(&s, &["--uninstall"]);
    assert_eq!(snapshot(s.path()), before);
}

/// Installs under two prefixes are both recorded and both removed.
#[test]
fn every_prefix_installed_to_is_uninstalled() {
    let s = Sandbox::new();
    let before = snapshot(s.path());
    let bin = shim_bin();
    run_install(&s, &["--bin", bin.to_str().unwrap()]);
    let other = s.path().join("opt");
    let out = s
        .command("sh")
        .arg(install_sh())
        .args(["--bin", bin.to_str().unwrap()])
        .env("PREFIX", &other)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(other.join("bin/aws-shim").exists());
    assert!(s.home().join(".local/bin/aws-shim").exists());
    run_install(&s, &["--uninstall"]);
    assert_eq!(snapshot(s.path()), before);
}

/// With nothing installed by install.sh, --uninstall removes no file of the user's; nor a
/// binary that changed since install.sh wrote it.
#[test]
fn uninstall_removes_no_file_it_did_not_write() {
    let s = Sandbox::new();
    let hand = s.write_exe("home/.local/bin/aws-shim", "#!/bin/sh\necho mine\n");
    let before = snapshot(s.path());
    let out = run_install(&s, &["--uninstall"]);
    assert!(out.contains("nothing recorded"), "{out}");
    assert_eq!(snapshot(s.path()), before);

    run_install(&s, &["--bin", shim_bin().to_str().unwrap()]);
    std::fs::write(&hand, "#!/bin/sh\necho replaced by hand\n").unwrap();
    let out = run_install(&s, &["--uninstall"]);
    assert!(out.contains("changed since"), "{out}");
    assert_eq!(
        std::fs::read_to_string(&hand).unwrap(),
        "#!/bin/sh\necho replaced by hand\n"
    );
    assert!(!s.path().join("xdg/data/aws-shim").exists());
}

/// A new shell whose PATH lacks the binary's directory still finds `aws-shim`.
#[test]
fn aws_shim_itself_is_on_path_in_new_shells() {
    let s = Sandbox::new();
    run_install(&s, &["--bin", shim_bin().to_str().unwrap()]);
    let link = s.path().join("xdg/data/aws-shim/bin/aws-shim");
    for (shell, query) in [
        ("bash", "command -v aws-shim && aws-shim --version"),
        ("zsh", "whence -p aws-shim && aws-shim --version"),
    ] {
        if !have_tool(shell) {
            continue;
        }
        let out = s
            .command(shell)
            .args(["-i", "-c", query])
            .env("PATH", "/usr/bin:/bin")
            .output()
            .unwrap();
        let found = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            found.lines().next().unwrap_or(""),
            link.to_str().unwrap(),
            "{shell}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(found.contains("aws-shim "), "{shell}: {found}");
    }
}

/// `--lang ja` goes into the block as one assignment; uninstall still restores the file; an
/// unknown language is refused.
#[test]
fn lang_goes_into_the_block() {
    let s = Sandbox::new();
    let bashrc = s.write("home/.bashrc", "export A=1");
    let before = snapshot(s.path());
    let bin = shim_bin();
    run_install(&s, &["--bin", bin.to_str().unwrap(), "--lang", "ja"]);
    let text = std::fs::read_to_string(&bashrc).unwrap();
    assert!(text.contains("\nexport AWS_SHIM_LANG=ja\n"), "{text}");
    if have_tool("fish") {
        let fish =
            std::fs::read_to_string(s.path().join("xdg/config/fish/conf.d/aws-shim.fish")).unwrap();
        assert!(fish.contains("\nset -gx AWS_SHIM_LANG ja\n"), "{fish}");
    }
    for (shell, rc) in [("bash", ".bashrc"), ("zsh", ".zshrc")] {
        if !have_tool(shell) || !s.home().join(rc).exists() {
            continue;
        }
        let out = s
            .command(shell)
            .args(["-i", "-c", "echo \"$AWS_SHIM_LANG\""])
            .env_remove("AWS_SHIM_LANG")
            .output()
            .unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "ja", "{shell}");
    }
    // Without --lang the block has no language again.
    run_install(&s, &["--bin", bin.to_str().unwrap()]);
    assert!(
        !std::fs::read_to_string(&bashrc)
            .unwrap()
            .contains("AWS_SHIM_LANG")
    );
    run_install(&s, &["--bin", bin.to_str().unwrap(), "--lang=en"]);
    let _ = std::fs::remove_dir_all(s.state_dir());
    run_install(&s, &["--uninstall"]);
    assert_eq!(snapshot(s.path()), before);

    let out = s
        .command("sh")
        .arg(install_sh())
        .args(["--bin", bin.to_str().unwrap(), "--lang", "fr"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ja or en"));
    assert_eq!(snapshot(s.path()), before);
}

/// `--wrap cdk,mytool`: a link for each (recorded), `--wrap` in the block, new shells run the
/// wrapped command through aws-shim; without `--wrap` again the links go; a bad name is
/// refused; uninstall leaves the sandbox as it was.
#[test]
fn wrap_goes_into_the_links_and_the_block() {
    let s = Sandbox::new();
    s.write("home/.bashrc", "export A=1\n");
    s.write_exe("real/mytool", "#!/bin/sh\necho \"mytool:$0:$*\"\nexit 4\n");
    let before = snapshot(s.path());
    let bin = shim_bin();
    let bin = bin.to_str().unwrap();
    let installed = s.home().join(".local/bin/aws-shim");
    let links = s.path().join("xdg/data/aws-shim/bin");
    let out = run_install(&s, &["--bin", bin, "--wrap", "cdk,mytool"]);
    for name in ["cdk", "mytool"] {
        assert_eq!(std::fs::read_link(links.join(name)).unwrap(), installed);
    }
    assert!(out.contains("init bash --wrap cdk,mytool"), "{out}");
    let text = std::fs::read_to_string(s.home().join(".bashrc")).unwrap();
    assert!(text.contains(" init bash --wrap cdk,mytool)"), "{text}");
    // The same run again changes nothing.
    let once = snapshot(s.path());
    run_install(&s, &["--bin", bin, "--wrap=cdk,mytool"]);
    assert_eq!(snapshot(s.path()), once);
    if have_tool("bash") {
        let out = s
            .command("bash")
            .args(["-i", "-c", "command -v mytool; mytool a b; echo rc=$?"])
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            format!(
                "{}\nmytool:{}:a b\nrc=4\n",
                links.join("mytool").display(),
                s.path().join("real/mytool").display()
            ),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    run_install(&s, &["--bin", bin, "--wrap", "mytool"]);
    assert!(!links.join("cdk").exists() && links.join("mytool").exists());
    for bad in ["aws", "x,my-aws-shim", "../x", "a;b"] {
        let out = s
            .command("sh")
            .arg(install_sh())
            .args(["--bin", bin, "--wrap", bad])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{bad}");
    }
    let _ = std::fs::remove_dir_all(s.state_dir());
    run_install(&s, &["--uninstall"]);
    assert_eq!(snapshot(s.path()), before);
}

/// `--relogin` exports `AWS_SHIM_RELOGIN=ask` in the block (and the fish file), which new
/// shells see; without it the block has no such line again; uninstall restores everything.
#[test]
fn relogin_goes_into_the_block() {
    let s = Sandbox::new();
    let bashrc = s.write("home/.bashrc", "export A=1\n");
    let before = snapshot(s.path());
    let bin = shim_bin();
    run_install(&s, &["--bin", bin.to_str().unwrap(), "--relogin"]);
    let text = std::fs::read_to_string(&bashrc).unwrap();
    assert!(text.contains("\nexport AWS_SHIM_RELOGIN=ask\n"), "{text}");
    let fish_file = s.path().join("xdg/config/fish/conf.d/aws-shim.fish");
    if have_tool("fish") {
        let fish = std::fs::read_to_string(&fish_file).unwrap();
        assert!(fish.contains("\nset -gx AWS_SHIM_RELOGIN ask\n"), "{fish}");
        let out = s
            .command("fish")
            .args(["-c", "echo \"$AWS_SHIM_RELOGIN\""])
            .output()
            .unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "ask");
    }
    for (shell, rc) in [("bash", ".bashrc"), ("zsh", ".zshrc")] {
        if !have_tool(shell) || !s.home().join(rc).exists() {
            continue;
        }
        let out = s
            .command(shell)
            .args(["-i", "-c", "echo \"$AWS_SHIM_RELOGIN\""])
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).trim(),
            "ask",
            "{shell}"
        );
    }
    // Running it again the same way changes nothing; without --relogin the line goes.
    let installed = snapshot(s.path());
    run_install(&s, &["--bin", bin.to_str().unwrap(), "--relogin"]);
    assert_eq!(snapshot(s.path()), installed);
    run_install(&s, &["--bin", bin.to_str().unwrap()]);
    assert!(
        !std::fs::read_to_string(&bashrc)
            .unwrap()
            .contains("AWS_SHIM_RELOGIN")
    );
    if have_tool("fish") {
        assert!(
            !std::fs::read_to_string(&fish_file)
                .unwrap()
                .contains("AWS_SHIM_RELOGIN")
        );
    }
    let _ = std::fs::remove_dir_all(s.state_dir());
    // fish keeps its own variables there.
    let _ = std::fs::remove_dir_all(s.path().join("xdg/data/fish"));
    run_install(&s, &["--uninstall"]);
    assert_eq!(snapshot(s.path()), before);
}
