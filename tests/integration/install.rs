//! install.sh in a temporary HOME with existing rc files: install, install again (no byte
//! changes), new interactive bash and zsh resolve `aws` to the shim even with another `aws`
//! earlier in PATH, and uninstall leaves the rc files byte-identical.

use crate::support::{Sandbox, have_tool, shim_bin};
use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
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

/// install.sh run in the sandbox (its stdout, stderr and status).
fn install_cmd(s: &Sandbox) -> std::process::Command {
    let mut cmd = s.command("sh");
    cmd.arg(install_sh());
    cmd
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A manifest changed by hand (or by anything else) that lists a file elsewhere with its
/// right checksum, a link elsewhere to the binary, an empty directory elsewhere and a line of
/// no kind: uninstall removes what install.sh put in place, leaves all of those, and says so.
#[test]
fn uninstall_removes_only_what_install_puts_where_it_puts_it() {
    let s = Sandbox::new();
    let before = snapshot(s.path());
    run_install(&s, &["--bin", shim_bin().to_str().unwrap()]);
    let elsewhere = s.path().join("elsewhere");
    let notes = s.write("elsewhere/notes.txt", "my notes\n");
    let empty = elsewhere.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let link = elsewhere.join("aws");
    std::os::unix::fs::symlink(s.home().join(".local/bin/aws-shim"), &link).unwrap();
    let cksum = std::process::Command::new("cksum")
        .arg(&notes)
        .output()
        .unwrap();
    let sum: Vec<String> = String::from_utf8(cksum.stdout)
        .unwrap()
        .split(' ')
        .take(2)
        .map(str::to_owned)
        .collect();
    let manifest = s.path().join("xdg/data/aws-shim/installed");
    let mut listed = std::fs::read_to_string(&manifest).unwrap();
    listed += &format!(
        "file {} {} {}\nlink {}\ndir {}\nrun rm -rf /\n",
        sum[0],
        sum[1],
        notes.display(),
        link.display(),
        empty.display()
    );
    std::fs::write(&manifest, listed).unwrap();
    let _ = std::fs::remove_dir_all(s.state_dir());

    let out = run_install(&s, &["--uninstall"]);
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "my notes\n");
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert!(empty.is_dir());
    for path in [&notes, &link, &empty] {
        assert!(
            out.contains(&format!("left {} alone", path.display())),
            "{out}"
        );
    }
    assert!(out.contains("'run rm -rf /'"), "{out}");
    // Everything else install.sh had put in place is gone.
    std::fs::remove_dir_all(&elsewhere).unwrap();
    assert_eq!(snapshot(s.path()), before);
}

/// A relative PREFIX is taken from the working directory: the links lead to the binary.
#[test]
fn a_relative_prefix_is_made_absolute() {
    let s = Sandbox::new();
    std::fs::create_dir_all(s.path().join("work")).unwrap();
    let out = install_cmd(&s)
        .args(["--bin", shim_bin().to_str().unwrap(), "--no-modify-rc"])
        .env("PREFIX", "opt/../tools")
        .current_dir(s.path().join("work"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let bin = s.path().join("work/tools/bin/aws-shim");
    let link = s.path().join("xdg/data/aws-shim/bin/aws");
    assert_eq!(std::fs::read_link(&link).unwrap(), bin);
    assert_eq!(
        std::fs::read(&link).unwrap(),
        std::fs::read(shim_bin()).unwrap()
    );
    let out = text(&out);
    assert!(
        out.contains(&format!("'{}' init bash", bin.display())),
        "{out}"
    );
    assert!(out.contains("relative"), "{out}");
    // Uninstall, from anywhere, removes it again.
    run_install(&s, &["--uninstall"]);
    assert!(!bin.exists() && !s.path().join("work/tools").exists());
}

/// Run `sh install.sh ARGS` with `dir` read-only: a read-only bind mount in a user and mount
/// namespace of its own (as a read-only store of configurations is), else, for a user other
/// than root, without write permission. None (with a skip line) when neither can be had.
fn install_with_read_only(s: &Sandbox, dir: &Path, args: &[&str]) -> Option<Output> {
    let probe = std::process::Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "true"])
        .output();
    if probe.is_ok_and(|o| o.status.success()) {
        let script = "mount --bind \"$1\" \"$1\" && mount -o remount,ro,bind \"$1\" \"$1\" && shift && exec sh \"$@\"";
        let out = s
            .command("unshare")
            .args([
                "--user",
                "--map-root-user",
                "--mount",
                "sh",
                "-c",
                script,
                "sh",
            ])
            .arg(dir)
            .arg(install_sh())
            .args(args)
            .output()
            .unwrap();
        return Some(out);
    }
    let uid = std::process::Command::new("id").arg("-u").output().unwrap();
    if String::from_utf8_lossy(&uid.stdout).trim() == "0" {
        crate::support::skip_line(
            "unshare cannot make a read-only mount here, and root writes anywhere",
        );
        return None;
    }
    let mode = |m| {
        for entry in std::fs::read_dir(dir).unwrap() {
            let p = entry.unwrap().path();
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(m & 0o666)).unwrap();
        }
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(m)).unwrap();
    };
    mode(0o555);
    let out = install_cmd(s).args(args).output().unwrap();
    mode(0o755);
    Some(out)
}

/// `~/.bashrc` as a link into a read-only place: install goes on to the end, prints the lines
/// to add instead, and changes nothing there; uninstall then says what to remove by hand.
#[test]
fn a_read_only_rc_file_gets_the_lines_printed() {
    let s = Sandbox::new();
    let store = s.path().join("store");
    let target = s.write("store/bashrc", "export A=1\n");
    std::os::unix::fs::symlink(&target, s.home().join(".bashrc")).unwrap();
    let bin = shim_bin();
    let Some(out) = install_with_read_only(&s, &store, &["--bin", bin.to_str().unwrap()]) else {
        return;
    };
    let said = text(&out);
    assert!(out.status.success(), "{said}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "export A=1\n");
    assert!(said.contains("read-only"), "{said}");
    assert!(
        said.contains("# >>> aws-shim >>>") && said.contains("init bash)\""),
        "{said}"
    );
    assert!(said.contains("to start using it"), "{said}");
    assert!(s.path().join("xdg/data/aws-shim/bin/aws").exists());

    // Installed while writable, then read-only: uninstall removes the rest and says what to do.
    let _ = std::fs::remove_dir_all(s.state_dir());
    run_install(&s, &["--uninstall"]);
    run_install(&s, &["--bin", bin.to_str().unwrap()]);
    let with_block = std::fs::read_to_string(&target).unwrap();
    assert!(with_block.contains("# >>> aws-shim >>>"));
    let _ = std::fs::remove_dir_all(s.state_dir());
    let out = install_with_read_only(&s, &store, &["--uninstall"]).unwrap();
    let said = text(&out);
    assert!(out.status.success(), "{said}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), with_block);
    assert!(said.contains("remove the lines from"), "{said}");
    assert!(!s.home().join(".local/bin/aws-shim").exists(), "{said}");
}

/// The directory holding the toolchain's cargo and rustc, for a PATH without the caller's.
fn toolchain_dir() -> PathBuf {
    let cargo = PathBuf::from(env!("CARGO"));
    let dir = cargo.parent().unwrap().to_path_buf();
    assert!(
        dir.join("rustc").exists(),
        "no rustc beside {}",
        cargo.display()
    );
    dir
}

/// PATH: `fake` (stand-ins for cargo or cc), the toolchain, the system.
fn path_with(s: &Sandbox, fake: &Path) -> std::ffi::OsString {
    std::env::join_paths([
        fake.to_path_buf(),
        toolchain_dir(),
        s.path().join("real"),
        "/usr/local/bin".into(),
        "/usr/bin".into(),
        "/bin".into(),
    ])
    .unwrap()
}

/// A stand-in for cargo: `metadata` is the real one's; `build` writes a small program where
/// cargo would put the binary (under CARGO_TARGET_DIR, in TRIPLE/ with --target TRIPLE) and
/// notes its arguments in `cargo-args`; with `fails`, every build fails.
fn fake_cargo(s: &Sandbox, fails: bool) -> PathBuf {
    let real = toolchain_dir().join("cargo");
    let build = if fails {
        "echo 'error: could not compile' >&2; exit 101".to_owned()
    } else {
        format!(
            "echo \"$*\" >>'{log}'\n    sub=\n    while [ $# -gt 0 ]; do\n        case $1 in --target) sub=$2/ ;; esac\n        shift\n    done\n    d=$CARGO_TARGET_DIR/${{sub}}release\n    mkdir -p \"$d\"\n    printf '#!/bin/sh\\necho built by the stand-in\\n' >\"$d/aws-shim\"\n    chmod 755 \"$d/aws-shim\"",
            log = s.path().join("cargo-args").display()
        )
    };
    s.write_exe(
        "fake/cargo",
        &format!(
            "#!/bin/sh\ncase $1 in\nmetadata) exec '{}' \"$@\" ;;\nbuild)\n    {build}\n    ;;\n*) exit 1 ;;\nesac\n",
            real.display()
        ),
    );
    s.path().join("fake")
}

/// `build-release.sh --print-path` names the binary in CARGO_TARGET_DIR (a relative one taken
/// from where the script is run), and install.sh installs the binary it built there.
#[test]
fn the_release_build_follows_cargo_target_dir() {
    let s = Sandbox::new();
    let fake = fake_cargo(&s, false);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/build-release.sh");
    let print = |dir: &str| {
        let out = s
            .command("bash")
            .arg(&script)
            .arg("--print-path")
            .env("PATH", path_with(&s, &fake))
            .env("CARGO_TARGET_DIR", dir)
            .current_dir(s.path())
            .output()
            .unwrap();
        String::from_utf8(crate::support::ok_stdout(out)).unwrap()
    };
    for dir in [s.path().join("t1").to_str().unwrap(), "t2"] {
        let path = print(dir);
        assert!(
            path.starts_with(s.path().join(dir.trim_start_matches('/')).to_str().unwrap())
                || path.starts_with(&format!("{dir}/")),
            "{dir}: {path}"
        );
        assert!(path.trim_end().ends_with("release/aws-shim"), "{path}");
    }

    let out = install_cmd(&s)
        .arg("--no-modify-rc")
        .env("PATH", path_with(&s, &fake))
        .env("CARGO_TARGET_DIR", "built")
        .current_dir(s.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(
        std::fs::read_to_string(s.home().join(".local/bin/aws-shim")).unwrap(),
        "#!/bin/sh\necho built by the stand-in\n"
    );
    assert!(s.path().join("built").is_dir());
}

/// Without libc.a (glibc-static not installed) the release build is an ordinary dynamic one,
/// said in one line, and the path printed is that build's; install.sh says it in its language.
#[test]
fn without_libc_a_the_build_is_dynamic() {
    let s = Sandbox::new();
    let fake = fake_cargo(&s, false);
    // A C compiler that finds no libc.a prints only the name it was asked for.
    s.write_exe(
        "fake/cc",
        "#!/bin/sh\ncase $1 in -print-file-name=*) echo \"${1#*=}\" ;; *) exit 1 ;; esac\n",
    );
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/build-release.sh");
    let target = s.path().join("t");
    let run = |arg: Option<&str>| {
        let mut cmd = s.command("bash");
        cmd.arg(&script)
            .args(arg)
            .env("PATH", path_with(&s, &fake))
            .env("CARGO_TARGET_DIR", &target);
        cmd.output().unwrap()
    };
    let path = String::from_utf8(crate::support::ok_stdout(run(Some("--print-path")))).unwrap();
    assert_eq!(
        path.trim_end(),
        target.join("release/aws-shim").to_str().unwrap()
    );
    let out = run(None);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("dynamically linked"), "{}", text(&out));
    let args = std::fs::read_to_string(s.path().join("cargo-args")).unwrap();
    assert!(!args.contains("--target"), "{args}");
    assert!(target.join("release/aws-shim").exists());

    let out = install_cmd(&s)
        .args(["--no-modify-rc", "--lang", "ja"])
        .env("PATH", path_with(&s, &fake))
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .unwrap();
    let said = text(&out);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains("動的リンク") && said.contains("glibc-static"),
        "{said}"
    );
    assert!(!said.contains("dynamically linked"), "{said}");
}

/// A build that fails, or a run that stops half-way, leaves nothing behind: no data directory,
/// no manifest, no binary.
#[test]
fn a_failed_install_leaves_nothing_half_made() {
    let s = Sandbox::new();
    s.write("home/.bashrc", "export A=1\n");
    let before = snapshot(s.path());
    let fake = fake_cargo(&s, true);
    let out = install_cmd(&s)
        .env("PATH", path_with(&s, &fake))
        .env("CARGO_TARGET_DIR", s.path().join("t"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("cargo build failed"), "{}", text(&out));
    std::fs::remove_dir_all(s.path().join("fake")).unwrap();
    assert_eq!(snapshot(s.path()), before);

    // The binary's directory cannot be made (a file is in the way) after the links' was.
    s.write("blocker", "a file\n");
    let before = snapshot(s.path());
    let out = install_cmd(&s)
        .args(["--bin", shim_bin().to_str().unwrap()])
        .env("PREFIX", s.path().join("blocker/sub"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert_eq!(snapshot(s.path()), before, "{}", text(&out));
}

/// `--lang ja`: the line to run now starts aws-shim in Japanese, as the block does.
#[test]
fn the_start_line_keeps_the_language() {
    let s = Sandbox::new();
    let out = run_install(&s, &["--bin", shim_bin().to_str().unwrap(), "--lang", "ja"]);
    let line = out
        .lines()
        .rev()
        .find(|l| l.contains("eval"))
        .unwrap_or_else(|| panic!("no eval line: {out}"));
    assert!(line.contains(" init bash --lang ja)"), "{line}");
    if have_tool("bash") {
        let run = s
            .command("bash")
            .args(["-c", &format!("{line}\necho \"lang=$AWS_SHIM_LANG\"")])
            .env_remove("AWS_SHIM_LANG")
            .output()
            .unwrap();
        assert!(
            String::from_utf8_lossy(&run.stdout).contains("lang=ja"),
            "{}",
            text(&run)
        );
    }
}

/// The README's Install section names the minimum Rust version, the one Cargo.toml declares.
#[test]
fn the_readme_names_the_minimum_rust_version() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let version = manifest
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .expect("Cargo.toml has a rust-version");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let install = readme
        .split("\n## ")
        .find(|s| s.starts_with("Install\n"))
        .expect("README has an Install section");
    assert!(
        install.contains(&format!("Rust {version} or newer")),
        "the Install section should say `Rust {version} or newer`"
    );
}

fn has_japanese(line: &str) -> bool {
    line.chars()
        .any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'))
}

/// Every line install.sh writes of its own is Japanese when `--lang ja` is given or the locale
/// says Japanese in UTF-8 (as aws-shim chooses its own language), and English otherwise: the
/// messages of install, uninstall, the errors and --help.
#[test]
fn messages_follow_the_language() {
    let bin = shim_bin();
    let bin = bin.to_str().unwrap();
    let own_lines = |said: &str| -> Vec<String> {
        said.lines()
            .filter_map(|l| l.strip_prefix("aws-shim install: "))
            .map(str::to_owned)
            .collect()
    };
    type Case<'a> = (
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
        bool,
    );
    // (--lang, AWS_SHIM_LANG, LC_ALL, LANG, Japanese?)
    let cases: [Case; 6] = [
        (Some("ja"), Some("en"), None, None, true),
        (None, None, None, Some("ja_JP.UTF-8"), true),
        (None, Some("ja"), None, Some("en_US.UTF-8"), true),
        (None, None, Some("C"), Some("ja_JP.UTF-8"), false),
        (None, None, None, Some("ja_JP.eucJP"), false),
        (Some("en"), None, None, Some("ja_JP.UTF-8"), false),
    ];
    for (flag, shim_lang, lc_all, lang, japanese) in cases {
        let s = Sandbox::new();
        s.write("home/.bashrc", "alias x='aws-shim doctor'\n");
        let with_env = |args: &[&str]| {
            let mut cmd = install_cmd(&s);
            cmd.args(args).env_remove("AWS_SHIM_LANG");
            if let Some(l) = flag {
                cmd.args(["--lang", l]);
            }
            for (name, value) in [
                ("AWS_SHIM_LANG", shim_lang),
                ("LC_ALL", lc_all),
                ("LANG", lang),
            ] {
                if let Some(v) = value {
                    cmd.env(name, v);
                }
            }
            cmd.output().unwrap()
        };
        let case =
            format!("--lang {flag:?} AWS_SHIM_LANG {shim_lang:?} LC_ALL {lc_all:?} LANG {lang:?}");
        let mut lines = Vec::new();
        for args in [&["--bin", bin][..], &["--bin", bin], &["--uninstall"]] {
            let out = with_env(args);
            assert!(out.status.success(), "{case}: {}", text(&out));
            lines.extend(own_lines(&text(&out)));
        }
        let failed = with_env(&["--bin", "/nonexistent/aws-shim"]);
        assert_eq!(failed.status.code(), Some(1), "{case}");
        lines.extend(own_lines(&text(&failed)));
        let unknown = with_env(&["--frobnicate"]);
        lines.extend(own_lines(&text(&unknown)));
        assert!(lines.len() > 10, "{case}: {lines:?}");
        for line in &lines {
            assert_eq!(has_japanese(line), japanese, "{case}: {line}");
        }
        let help = String::from_utf8(crate::support::ok_stdout(with_env(&["--help"]))).unwrap();
        for option in ["--bin", "--lang", "--wrap", "--no-modify-rc", "--uninstall"] {
            assert!(help.contains(option), "{case}: {help}");
        }
        assert_eq!(has_japanese(&help), japanese, "{case}: {help}");
        if japanese {
            assert!(help.contains("インストールします"), "{help}");
        }
    }
}

/// install.sh keeps its messages in one place, each in both languages with the same values:
/// every id it says is there, and each has an English and a Japanese text with as many `%s`.
#[test]
fn every_message_is_there_in_both_languages() {
    let script = std::fs::read_to_string(install_sh()).unwrap();
    let body = script
        .split_once("\nmsg() {\n")
        .expect("install.sh has a msg function")
        .1;
    let body = body.split_once("\n    esac\n").unwrap().0;
    let mut defined = BTreeMap::new();
    let mut id = String::new();
    let mut texts: Vec<String> = Vec::new();
    let mut current: Option<String> = None;
    for line in body.lines() {
        let trimmed = line.trim();
        if line.starts_with("    ") && !line.starts_with("     ") && trimmed.ends_with(')') {
            id = trimmed.trim_end_matches(')').to_owned();
            texts.clear();
            continue;
        }
        if let Some(rest) = trimmed
            .strip_prefix("en=")
            .or_else(|| trimmed.strip_prefix("ja="))
        {
            current = Some(rest.to_owned());
        } else if let Some(t) = current.as_mut() {
            t.push('\n');
            t.push_str(line);
        }
        if let Some(t) = current.as_ref() {
            let quote = t.chars().next().unwrap();
            if t.len() > 1 && t.ends_with(quote) {
                texts.push(current.take().unwrap());
                if texts.len() == 2 {
                    defined.insert(id.clone(), texts.clone());
                }
            }
        }
    }
    assert!(defined.len() > 30, "{:?}", defined.keys());
    for (id, t) in &defined {
        if id == "*" {
            continue;
        }
        assert!(
            !has_japanese(&t[0]),
            "{id}: the English text has Japanese: {}",
            t[0]
        );
        assert!(
            has_japanese(&t[1]),
            "{id}: the Japanese text is not Japanese: {}",
            t[1]
        );
        assert_eq!(
            t[0].matches("%s").count(),
            t[1].matches("%s").count(),
            "{id}: {t:?}"
        );
    }
    // Where a command starts: a line's start, after `|| `, `&& `, `; `, `$(`, `then`, `else`.
    let used =
        regex::Regex::new(r"(?m)(?:^\s*|[|&;(]\s*|\bthen\s+|\belse\s+)(?:say|die|msg) ([a-z_]+)")
            .unwrap();
    // The texts themselves and the comments are not looked at.
    let (head, rest) = script.split_once("\nmsg() {\n").unwrap();
    let code: String = format!("{head}\n{}", rest.split_once("\n}\n").unwrap().1)
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    let mut count = 0;
    for cap in used.captures_iter(&code) {
        let id = &cap[1];
        count += 1;
        assert!(
            defined.contains_key(id),
            "install.sh says `{id}`, which msg does not hold"
        );
    }
    assert!(count > 30, "{count}");
}

/// --uninstall says what it leaves: aws-shim's state and cache directories, and the lines
/// that mention aws-shim in the start-up files that install.sh did not write.
#[test]
fn uninstall_says_what_it_leaves() {
    let s = Sandbox::new();
    s.write("home/.bashrc", "export A=1\n");
    run_install(&s, &["--bin", shim_bin().to_str().unwrap()]);
    let mut with_block = std::fs::read_to_string(s.home().join(".bashrc")).unwrap();
    with_block += "alias ad='aws-shim doctor'\n";
    std::fs::write(s.home().join(".bashrc"), &with_block).unwrap();
    s.write("home/.profile", "export AWS_SHIM_LANG=ja\n");
    s.write("xdg/state/aws-shim/dev.failure", "x");
    s.write("xdg/cache/aws-shim/real-aws.version", "x");
    let out = run_install(&s, &["--uninstall"]);
    // The line as it is numbered now, in the file without install.sh's block.
    let bashrc = std::fs::read_to_string(s.home().join(".bashrc")).unwrap();
    assert_eq!(bashrc, "export A=1\nalias ad='aws-shim doctor'\n");
    assert!(out.contains(&s.state_dir().display().to_string()), "{out}");
    assert!(
        out.contains(&s.path().join("xdg/cache/aws-shim").display().to_string()),
        "{out}"
    );
    let line = bashrc
        .lines()
        .position(|l| l.starts_with("alias ad"))
        .unwrap()
        + 1;
    let at = format!("{} line {line}", s.home().join(".bashrc").display());
    assert!(out.contains(&at), "{at}: {out}");
    assert!(
        out.contains(&format!("{} line 1", s.home().join(".profile").display())),
        "{out}"
    );
    assert!(s.state_dir().join("dev.failure").exists());
}

/// The release build script passes shellcheck and shfmt (the repository's .editorconfig).
#[test]
fn the_release_script_is_clean() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scripts = ["scripts/build-release.sh"];
    if have_tool("shellcheck") {
        let out = std::process::Command::new("shellcheck")
            .arg("--norc")
            .args(scripts)
            .current_dir(root)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out));
    }
    if have_tool("shfmt") {
        let out = std::process::Command::new("shfmt")
            .arg("-d")
            .args(scripts)
            .current_dir(root)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out));
    }
}
