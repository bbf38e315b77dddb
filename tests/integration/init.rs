//! `aws-shim init`: `--lang`, paths that are not UTF-8, and the completions, in real shells.

use crate::support::{Sandbox, have_tool, shim_bin};
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;

fn init(s: &Sandbox, args: &[&str]) -> Vec<u8> {
    crate::support::ok_stdout(
        s.command(shim_bin())
            .arg("init")
            .args(args)
            .output()
            .unwrap(),
    )
}

#[test]
fn lang_is_set_once_in_the_printed_code() {
    let s = Sandbox::new();
    for (shell, line) in [
        ("bash", "export AWS_SHIM_LANG=ja\n"),
        ("zsh", "export AWS_SHIM_LANG=ja\n"),
        ("fish", "set -gx AWS_SHIM_LANG ja\n"),
    ] {
        let code = String::from_utf8(init(&s, &[shell, "--lang", "ja"])).unwrap();
        assert_eq!(
            code.matches("AWS_SHIM_LANG=ja").count(),
            usize::from(shell != "fish")
        );
        assert!(code.starts_with(line), "{shell}");
        let plain = String::from_utf8(init(&s, &[shell])).unwrap();
        assert!(!plain.contains(line.trim_end()), "{shell}");
        if !have_tool(shell) {
            continue;
        }
        let query = if shell == "fish" {
            "aws-shim init fish --lang ja | source; echo $AWS_SHIM_LANG; sh -c 'echo $AWS_SHIM_LANG'"
        } else {
            "eval \"$(aws-shim init SHELL --lang ja)\"; echo $AWS_SHIM_LANG; sh -c 'echo $AWS_SHIM_LANG'"
        };
        let mut cmd = s.command(shell);
        cmd.args(["-c", &query.replace("SHELL", shell)])
            .env_remove("AWS_SHIM_LANG")
            .env(
                "PATH",
                format!("{}:/usr/bin:/bin", shim_bin().parent().unwrap().display()),
            );
        let out = cmd.output().unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stdout), "ja\nja\n", "{shell}");
    }
    let out = s
        .command(shim_bin())
        .args(["init", "bash", "--lang", "fr"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// The binary in a directory whose name is not UTF-8 (and has a quote in it), and a data
/// directory likewise: every shell gets the exact bytes, runs the binary and finds the links.
#[test]
fn paths_that_are_not_utf8_reach_the_shell_intact() {
    let s = Sandbox::new();
    let odd = OsStr::from_bytes(b"d\xff'\xe9 x");
    let bin_dir = s.path().join(odd);
    std::fs::create_dir_all(&bin_dir).unwrap();
    let bin = bin_dir.join("aws-shim");
    std::fs::copy(shim_bin(), &bin).unwrap();
    // Started through a link with a plain name: the shell sees the odd bytes only in what
    // `init` prints (the binary knows its own path).
    let plain = s.path().join("plain-aws-shim");
    std::os::unix::fs::symlink(&bin, &plain).unwrap();
    let data = s.path().join(OsStr::from_bytes(b"data\xfe"));
    std::fs::create_dir_all(&data).unwrap();
    let link_dir: PathBuf = data.join("aws-shim/bin");
    for shell in ["bash", "zsh", "fish"] {
        if !have_tool(shell) {
            continue;
        }
        let script = if shell == "fish" {
            "PLAIN init fish | source; or exit 1
             printf '%s\\n' $__aws_shim_bin $PATH[1] (command -v aws-shim)
             aws-shim --version"
        } else {
            "eval \"$(PLAIN init SHELL)\" || exit 1
             printf '%s\\n' \"$__aws_shim_bin\" \"${PATH%%:*}\" \"$(command -v aws-shim)\"
             aws-shim --version"
        };
        let out = s
            .command(shell)
            .args([
                "-c",
                &script
                    .replace("SHELL", shell)
                    .replace("PLAIN", plain.to_str().unwrap()),
            ])
            .env("XDG_DATA_HOME", &data)
            .env("PATH", "/usr/bin:/bin")
            // fish in the C locale mangles such bytes in the environment it passes on (not in
            // what it reads): a UTF-8 locale, as any fish user has.
            .env("LANG", "C.UTF-8")
            .output()
            .unwrap();
        let mut want = Vec::new();
        for line in [
            bin.as_os_str(),
            link_dir.as_os_str(),
            link_dir.join("aws-shim").as_os_str(),
        ] {
            want.extend_from_slice(line.as_bytes());
            want.push(b'\n');
        }
        assert!(
            out.stdout.starts_with(&want),
            "{shell}: {:?}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            String::from_utf8_lossy(&out.stdout[want.len()..]).starts_with("aws-shim "),
            "{shell}"
        );
    }
}

/// Words bash completes after `aws-shim WORDS...` (the last word being completed).
fn bash_complete(s: &Sandbox, words: &[&str]) -> Vec<String> {
    let script = format!(
        "eval \"$(aws-shim init bash)\"
         COMP_WORDS=(aws-shim {words})
         COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1))
         COMP_LINE=\"${{COMP_WORDS[*]}}\"
         COMP_POINT=${{#COMP_LINE}}
         spec=$(complete -p aws-shim) || exit 3
         case $spec in *' -o '*) echo \"options: $spec\"; exit 4 ;; esac
         fn=${{spec#*-F }}; fn=${{fn%% *}}
         \"$fn\" aws-shim \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        words = words
            .iter()
            .map(|w| format!("'{w}'"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    let out = s
        .command("bash")
        .args(["-c", &script])
        .env(
            "PATH",
            format!("{}:/usr/bin:/bin", shim_bin().parent().unwrap().display()),
        )
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let mut got: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    got.sort();
    got
}

#[test]
fn bash_completes_subcommands_shells_and_languages() {
    if !have_tool("bash") {
        return;
    }
    let s = Sandbox::new();
    s.write("home/initial-file", "");
    let top = bash_complete(&s, &[""]);
    for sub in ["doctor", "init", "prompt", "explain", "demo", "exec"] {
        assert!(top.contains(&sub.to_owned()), "{top:?}");
    }
    assert!(!top.iter().any(|w| w.starts_with("__")), "{top:?}");
    assert!(bash_complete(&s, &["__"]).is_empty());
    assert_eq!(bash_complete(&s, &["init", "b"]), ["bash"]);
    let shells = bash_complete(&s, &["init", ""]);
    for w in ["bash", "zsh", "fish", "--lang", "--function"] {
        assert!(shells.contains(&w.to_owned()), "{shells:?}");
    }
    assert_eq!(bash_complete(&s, &["init", "--lang", ""]), ["en", "ja"]);
    assert_eq!(bash_complete(&s, &["doctor", "--lang", ""]), ["en", "ja"]);
    assert_eq!(bash_complete(&s, &["init", "--lang", "ja", "z"]), ["zsh"]);
    // No file names where nothing fits.
    assert!(bash_complete(&s, &["init", "bash", "i"]).is_empty());
    assert!(
        !bash_complete(&s, &["help", ""])
            .iter()
            .any(|w| w.starts_with("__"))
    );
}

#[test]
fn zsh_and_fish_completions_hide_the_hidden_subcommands() {
    let s = Sandbox::new();
    for shell in ["zsh", "fish"] {
        let code = String::from_utf8(init(&s, &[shell])).unwrap();
        let completions = &code[code.find("# Completions").unwrap()..];
        assert!(!completions.contains("__stand-in"), "{shell}");
        assert!(!completions.contains("__warn"), "{shell}");
    }
    if !have_tool("fish") {
        return;
    }
    let complete = |line: &str| {
        let out = s
            .command("fish")
            .args([
                "-c",
                &format!("aws-shim init fish | source; complete -C '{line}'"),
            ])
            .env(
                "PATH",
                format!("{}:/usr/bin:/bin", shim_bin().parent().unwrap().display()),
            )
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut words: Vec<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| l.split('\t').next().unwrap().to_owned())
            .collect();
        words.sort();
        words
    };
    let top = complete("aws-shim ");
    assert!(top.contains(&"init".to_owned()), "{top:?}");
    assert!(!top.iter().any(|w| w.starts_with("__")), "{top:?}");
    let shells = complete("aws-shim init ");
    for w in ["bash", "zsh", "fish"] {
        assert!(shells.contains(&w.to_owned()), "{shells:?}");
    }
    assert_eq!(complete("aws-shim init --lang "), ["en", "ja"]);
}

/// `--wrap`: a link named after each command beside `aws`; a later `init` without a name
/// removes its link, and a foreign file of that name is left alone (a function stands in).
#[test]
fn wrap_makes_links_and_removes_the_ones_no_longer_named() {
    let s = Sandbox::new();
    let dir = s.path().join("xdg/data/aws-shim/bin");
    let ours = |name: &str| {
        let link = dir.join(name);
        std::fs::symlink_metadata(&link).is_ok_and(|m| m.file_type().is_symlink())
            && std::fs::canonicalize(&link).ok() == std::fs::canonicalize(shim_bin()).ok()
    };
    let code = String::from_utf8(init(&s, &["bash", "--wrap", "cdk,sam"])).unwrap();
    assert!(ours("aws") && ours("cdk") && ours("sam"));
    assert!(!code.contains("run -- cdk"), "links, no functions:\n{code}");
    init(&s, &["zsh", "--wrap", "cdk"]);
    assert!(ours("cdk") && !ours("sam") && !dir.join("sam").exists());
    std::fs::write(dir.join("terraform"), "#!/bin/sh\n").unwrap();
    let code = String::from_utf8(init(&s, &["bash", "--wrap", "terraform"])).unwrap();
    assert_eq!(
        std::fs::read(dir.join("terraform")).unwrap(),
        b"#!/bin/sh\n"
    );
    assert!(!ours("cdk") && ours("aws") && ours("aws-shim"));
    assert!(code.contains("run -- terraform"), "{code}");
    for bad in ["aws", "my-aws-shim", "../x", "-x", "a b"] {
        let out = s
            .command(shim_bin())
            .args(["init", "bash", "--wrap", bad])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad}");
    }
}

/// In each shell, a wrapped command runs through aws-shim with its arguments, output and exit
/// status, by link or by function; an `init` without `--wrap` removes the functions.
#[test]
fn wrapped_commands_run_in_every_shell() {
    let s = Sandbox::new();
    s.write_exe(
        "real/mytool",
        "#!/bin/sh\necho \"out:$*\"\necho \"err:$1\" >&2\nexit 3\n",
    );
    let link = s.path().join("xdg/data/aws-shim/bin/mytool");
    for shell in ["bash", "zsh", "fish"] {
        if !have_tool(shell) {
            continue;
        }
        let script = if shell == "fish" {
            "aws-shim init fish --wrap mytool | source
             mytool a 'b c'; echo rc=$status; command -v mytool
             aws-shim init fish --function --wrap mytool | source
             functions -q mytool; and echo function
             mytool x; echo rc=$status
             aws-shim init fish --function | source
             functions -q mytool; or echo gone"
        } else {
            "eval \"$(aws-shim init SHELL --wrap mytool)\"
             mytool a 'b c'; echo rc=$?; command -v mytool
             eval \"$(aws-shim init SHELL --function --wrap mytool)\"
             typeset -f mytool >/dev/null && echo function
             mytool x; echo rc=$?
             eval \"$(aws-shim init SHELL --function)\"
             typeset -f mytool >/dev/null || echo gone"
        };
        let out = s
            .command(shell)
            .args(["-c", &script.replace("SHELL", shell)])
            .env(
                "PATH",
                format!(
                    "{}:{}:/usr/bin:/bin",
                    shim_bin().parent().unwrap().display(),
                    s.path().join("real").display()
                ),
            )
            .env("LANG", "C.UTF-8")
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            format!(
                "out:a b c\nrc=3\n{}\nfunction\nout:x\nrc=3\ngone\n",
                link.display()
            ),
            "{shell}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "err:a\nerr:x\n",
            "{shell}"
        );
    }
}

/// A bare `init` (no `--wrap`: typed by hand, or a block written before `--wrap` existed)
/// leaves the links that `install.sh --wrap` or an earlier `init --wrap` made; only a
/// `--wrap` list decides which go.
#[test]
fn init_without_wrap_keeps_the_wrapped_links() {
    let s = Sandbox::new();
    let dir = s.path().join("xdg/data/aws-shim/bin");
    init(&s, &["bash", "--wrap", "cdk,sam"]);
    let linked = |name: &str| std::fs::symlink_metadata(dir.join(name)).is_ok();
    assert!(linked("cdk") && linked("sam"));
    for shell in ["bash", "zsh", "fish"] {
        init(&s, &[shell]);
        assert!(
            linked("cdk") && linked("sam"),
            "`init {shell}` without --wrap removed a wrapped link"
        );
        init(&s, &[shell, "--function"]);
        assert!(linked("cdk") && linked("sam"), "`init {shell} --function`");
    }
    init(&s, &["bash", "--wrap", "sam"]);
    assert!(!linked("cdk") && linked("sam"), "--wrap still prunes");
}
