//! Shell integration in the real shells: `aws-shim init bash|zsh|fish` sourced twice under
//! strict options, PATH, existing hooks, the fork-free prompt cache, `aws-shim prompt`, an
//! interactive bash and zsh in a pseudo-terminal, and the linters over the scripts.

use crate::support::{Sandbox, have_tool, shim_bin};
use expectrl::session::OsSession;
use expectrl::{Expect, Regex, Session};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The directory `init` puts first in PATH.
fn link_dir(s: &Sandbox) -> PathBuf {
    s.path().join("xdg/data/aws-shim/bin")
}

/// Run `script` in a shell of the sandbox, with the shim's path in `$SHIM`.
fn run_shell(s: &Sandbox, shell: &str, args: &[&str], script: &str) -> Output {
    s.command(shell)
        .args(args)
        .arg(script)
        .env("SHIM", shim_bin())
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "status {:?}\nstdout: {}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

const BASH_STRICT: &[&str] = &["--noprofile", "--norc", "-e", "-u", "-o", "pipefail", "-c"];

/// Sourcing twice prints nothing and succeeds; the link directory is first in PATH exactly
/// once, even when it was already in PATH further back; `aws` is the shim.
#[test]
fn bash_sourced_twice_under_strict_options() {
    if !have_tool("bash") {
        return;
    }
    let s = Sandbox::new();
    let dir = link_dir(&s);
    let script = format!(
        r#"PATH="/usr/bin:{dir}:$PATH"
        out=$(eval "$("$SHIM" init bash)"; eval "$("$SHIM" init bash)"; echo "PATH=$PATH"; command -v aws)
        eval "$("$SHIM" init bash)" 2>&1
        eval "$("$SHIM" init bash)" 2>&1
        printf '%s\n' "$out""#,
        dir = dir.display()
    );
    let out = run_shell(&s, "bash", BASH_STRICT, &script);
    let text = stdout(&out);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut lines = text.lines();
    let path = lines
        .next()
        .unwrap()
        .strip_prefix("PATH=")
        .unwrap()
        .to_owned();
    let entries: Vec<&str> = path.split(':').collect();
    assert_eq!(entries[0], dir.to_str().unwrap(), "{path}");
    assert_eq!(
        entries
            .iter()
            .filter(|e| **e == dir.to_str().unwrap())
            .count(),
        1,
        "{path}"
    );
    assert_eq!(lines.next(), Some(dir.join("aws").to_str().unwrap()));
    assert_eq!(
        std::fs::canonicalize(dir.join("aws")).unwrap(),
        std::fs::canonicalize(shim_bin()).unwrap()
    );
}

#[test]
fn zsh_sourced_twice() {
    if !have_tool("zsh") {
        return;
    }
    let s = Sandbox::new();
    let dir = link_dir(&s);
    let script = format!(
        r#"setopt err_exit no_unset
        path=(/usr/bin {dir} $path)
        precmd_functions=(user_hook)
        eval "$("$SHIM" init zsh)"
        eval "$("$SHIM" init zsh)"
        print -r -- "PATH=$PATH"
        whence -p aws
        print -r -- "precmd=$precmd_functions"
        print -r -- "preexec=$preexec_functions""#,
        dir = dir.display()
    );
    let out = run_shell(&s, "zsh", &["--no-rcs", "-c"], &script);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    let path = lines[0].strip_prefix("PATH=").unwrap();
    let entries: Vec<&str> = path.split(':').collect();
    assert_eq!(entries[0], dir.to_str().unwrap());
    assert_eq!(
        entries
            .iter()
            .filter(|e| **e == dir.to_str().unwrap())
            .count(),
        1,
        "{path}"
    );
    assert_eq!(lines[1], dir.join("aws").to_str().unwrap());
    assert_eq!(
        lines[2], "precmd=user_hook __aws_shim_hook",
        "the user's hook is kept"
    );
    assert_eq!(lines[3], "preexec=__aws_shim_preexec");
}

#[test]
fn fish_sourced_twice() {
    if !have_tool("fish") {
        return;
    }
    let s = Sandbox::new();
    let dir = link_dir(&s);
    let script = format!(
        r#"set -gx PATH /usr/bin {dir} $PATH
        $SHIM init fish | source
        $SHIM init fish | source
        string join : $PATH
        command -v aws
        functions -q __aws_shim_hook; and echo hook"#,
        dir = dir.display()
    );
    let out = run_shell(&s, "fish", &["--no-config", "-c"], &script);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    let entries: Vec<&str> = lines[0].split(':').collect();
    assert_eq!(entries[0], dir.to_str().unwrap());
    assert_eq!(
        entries
            .iter()
            .filter(|e| **e == dir.to_str().unwrap())
            .count(),
        1,
        "{}",
        lines[0]
    );
    assert_eq!(lines[1], dir.join("aws").to_str().unwrap());
    assert_eq!(lines[2], "hook");
}

/// PROMPT_COMMAND as a string and as an array keeps the user's hooks and gains ours once;
/// user completions for `aws` (aws_completer) stay, aws-shim's own are added.
#[test]
fn bash_prompt_command_string_and_array() {
    if !have_tool("bash") {
        return;
    }
    let s = Sandbox::new();
    let script = r#"PROMPT_COMMAND='user_hook;'
        complete -C /usr/local/bin/aws_completer aws
        eval "$("$SHIM" init bash)"; eval "$("$SHIM" init bash)"
        printf 'string=%s\n' "${PROMPT_COMMAND//$'\n'/|}"
        complete -p aws
        complete -p aws-shim >/dev/null && echo completions
        if ((BASH_VERSINFO[0] > 5 || (BASH_VERSINFO[0] == 5 && BASH_VERSINFO[1] >= 1))); then
            PROMPT_COMMAND=(first second)
            eval "$("$SHIM" init bash)"; eval "$("$SHIM" init bash)"
            printf 'array=%s\n' "${PROMPT_COMMAND[*]}"
        else
            echo 'array=first second __aws_shim_hook'
        fi"#;
    let text = stdout(&run_shell(&s, "bash", BASH_STRICT, script));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "string=user_hook;|__aws_shim_hook");
    assert_eq!(lines[1], "complete -C '/usr/local/bin/aws_completer' aws");
    assert_eq!(lines[2], "completions");
    assert_eq!(lines[3], "array=first second __aws_shim_hook");
}

/// `--function`: a shell function `aws` instead of a PATH change.
#[test]
fn function_mode_leaves_path_alone() {
    if !have_tool("bash") {
        return;
    }
    let s = Sandbox::new();
    let script = r#"before=$PATH
        eval "$("$SHIM" init bash --function)"
        [[ $PATH == "$before" ]] && echo same-path
        type -t aws
        AWS_SHIM_STAND_IN='[{"out":"via function\n"}]' aws s3 ls"#;
    let text = stdout(&run_shell(&s, "bash", BASH_STRICT, script));
    assert_eq!(text, "same-path\nfunction\nvia function\n");
    assert!(!link_dir(&s).exists(), "no link is made in function mode");
}

/// The hook reads the cache without starting a process: with the binary made unreachable,
/// the segment (time left included) is still right, and it matches `aws-shim prompt`.
#[test]
fn the_prompt_hook_reads_the_cache_without_a_process() {
    let s = Sandbox::new();
    let expiry = jiff::Timestamp::now().as_second() + 2 * 3600 + 30;
    let expiry = jiff::Timestamp::from_second(expiry).unwrap().to_string();
    let env = |cmd: &mut Command| {
        cmd.env("AWS_PROFILE", "dev")
            .env("AWS_ACCESS_KEY_ID", "ASIAEXAMPLE")
            .env("AWS_SECRET_ACCESS_KEY", "secret")
            .env("AWS_SESSION_TOKEN", "token")
            .env("AWS_CREDENTIAL_EXPIRATION", &expiry);
    };
    let mut prompt = s.command(shim_bin());
    env(&mut prompt);
    let direct = stdout(&prompt.arg("prompt").output().unwrap());
    assert_eq!(
        direct, "aws dev 2h1m\n",
        "ASCII symbols outside a UTF-8 locale"
    );
    for (shell, args) in [
        ("bash", BASH_STRICT),
        ("zsh", &["--no-rcs", "-e", "-u", "-c"][..]),
    ] {
        if !have_tool(shell) {
            continue;
        }
        let script = format!(
            r#"eval "$("$SHIM" init {shell})"
            __aws_shim_bin=/nonexistent/aws-shim
            __aws_shim_hook
            printf '%s\n' "$AWS_SHIM_PROMPT""#
        );
        let mut cmd = s.command(shell);
        env(&mut cmd);
        let out = cmd
            .args(args)
            .arg(script)
            .env("SHIM", shim_bin())
            .output()
            .unwrap();
        assert_eq!(stdout(&out), direct, "{shell}");
    }
    // With the cache gone, the hook falls back to `aws-shim prompt`, which writes it again.
    std::fs::remove_file(s.state_dir().join("dev.prompt")).unwrap();
    if have_tool("bash") {
        let mut cmd = s.command("bash");
        env(&mut cmd);
        let script =
            r#"eval "$("$SHIM" init bash)"; __aws_shim_hook; printf '%s\n' "$AWS_SHIM_PROMPT""#;
        let out = cmd
            .args(BASH_STRICT)
            .arg(script)
            .env("SHIM", shim_bin())
            .output()
            .unwrap();
        assert_eq!(stdout(&out), direct);
        assert!(s.state_dir().join("dev.prompt").exists());
    }
}

#[test]
fn prompt_says_nothing_when_there_is_nothing_to_say() {
    let s = Sandbox::new();
    let out = s.command(shim_bin()).arg("prompt").output().unwrap();
    assert_eq!(
        (out.status.code(), out.stdout.as_slice()),
        (Some(0), b"".as_slice())
    );
    let out = s
        .command(shim_bin())
        .args(["prompt", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (
            v["version"].as_i64(),
            v["status"].as_str(),
            v["text"].as_str()
        ),
        (Some(1), Some("ok"), Some(""))
    );
}

#[test]
fn prompt_after_a_failure_and_with_a_format() {
    let s = Sandbox::new();
    let fail = json!([{ "err": "\nAn error occurred (ExpiredToken) when calling the ListBuckets operation: The provided token has expired.\n" }, { "exit": 254 }]);
    assert_eq!(
        s.aws_cmd(&fail)
            .args(["s3", "ls", "--profile", "dev"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(254)
    );
    let run = |args: &[&str], extra: &[(&str, &str)]| {
        let mut cmd = s.command(shim_bin());
        cmd.arg("prompt").args(args).envs(extra.iter().copied());
        stdout(&cmd.output().unwrap())
    };
    assert_eq!(run(&["--profile", "dev"], &[]), "aws:x dev\n");
    assert_eq!(
        run(&["--profile", "dev"], &[("LANG", "en_US.UTF-8")]),
        "\u{2717} dev\n"
    );
    assert_eq!(
        run(&["--profile=dev", "--format", "[{status}:{profile}]"], &[]),
        "[expired:dev]\n"
    );
    assert_eq!(
        run(
            &["--profile", "dev"],
            &[("AWS_SHIM_PROMPT_SYMBOLS", "expired=DEAD")]
        ),
        "DEAD dev\n"
    );
    let v: serde_json::Value =
        serde_json::from_str(&run(&["--json", "--profile", "dev"], &[])).unwrap();
    assert_eq!(v["status"], "expired");
    assert_eq!(v["failure"]["code"], "ExpiredToken");
    assert_eq!(v["failure"]["family"], "expired");
    // clap still handles what the fast path does not.
    let out = s
        .command(shim_bin())
        .args(["prompt", "--bogus"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

const EXPIRED_STAND_IN: &str = r#"[{"err":"\nAn error occurred (ExpiredToken) when calling the ListBuckets operation: The provided token has expired.\n"},{"exit":254}]"#;

/// Drive an interactive shell whose prompt is `<P:$?:$AWS_SHIM_PROMPT:P>`.
fn interactive(s: &Sandbox, mut cmd: Command) {
    cmd.env("AWS_PROFILE", "dev")
        .env("TERM", "dumb")
        .env("NO_COLOR", "1")
        .env("HISTFILE", "/dev/null");
    let mut p = Session::spawn(cmd).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(20)));
    let prompt = |p: &mut OsSession, status: &str, segment: &str| -> String {
        let found = p.expect(format!("<P:{status}:{segment}:P>")).unwrap();
        String::from_utf8_lossy(found.before()).into_owned()
    };
    prompt(&mut p, "0", "aws dev");
    p.send_line("false").unwrap();
    prompt(&mut p, "1", "aws dev");
    p.send_line(format!("export AWS_SHIM_STAND_IN='{EXPIRED_STAND_IN}'"))
        .unwrap();
    prompt(&mut p, "0", "aws dev");
    p.send_line("aws s3 ls").unwrap();
    prompt(&mut p, "254", "aws:x dev");
    // The warning: not before another command...
    p.send_line("echo he''llo").unwrap();
    let before = prompt(&mut p, "0", "aws:x dev");
    assert!(
        before.contains("hello") && !before.contains("aws-shim: the last aws call"),
        "{before}"
    );
    // ... but before the next aws call, ahead of the CLI's own error.
    p.send_line("aws s3 ls").unwrap();
    let found = p
        .expect(Regex(
            "aws-shim: the last aws call with profile dev failed with ExpiredToken[^\r\n]*",
        ))
        .unwrap();
    assert!(!String::from_utf8_lossy(found.before()).contains("An error occurred"));
    let after = prompt(&mut p, "254", "aws:x dev");
    assert!(
        !after.contains("aws-shim: the last aws call"),
        "once per prompt: {after}"
    );
    // Turned off by the variable.
    p.send_line("export AWS_SHIM_NO_WARN=1").unwrap();
    prompt(&mut p, "0", "aws:x dev");
    p.send_line("aws s3 ls").unwrap();
    let quiet = prompt(&mut p, "254", "aws:x dev");
    assert!(!quiet.contains("aws-shim: the last aws call"), "{quiet}");
    p.send_line("unset AWS_SHIM_NO_WARN; export AWS_SHIM_STAND_IN='[]'")
        .unwrap();
    prompt(&mut p, "0", "aws:x dev");
    // A success clears the marker.
    p.send_line("aws s3 ls").unwrap();
    prompt(&mut p, "0", "aws dev");
    p.send_line("aws s3 ls").unwrap();
    let clean = prompt(&mut p, "0", "aws dev");
    assert!(!clean.contains("aws-shim:"), "{clean}");
    p.send_line("exit").unwrap();
    let _ = s;
}

#[test]
fn interactive_bash() {
    if !have_tool("bash") {
        return;
    }
    let s = Sandbox::new();
    let rc = s.write(
        "bashrc",
        format!(
            "eval \"$('{}' init bash)\"\nPS1='<P:$?:$AWS_SHIM_PROMPT:P>'\n",
            shim_bin().display()
        ),
    );
    let mut cmd = s.command("bash");
    cmd.arg("--noprofile").arg("--rcfile").arg(rc).arg("-i");
    interactive(&s, cmd);
}

#[test]
fn interactive_zsh() {
    if !have_tool("zsh") {
        return;
    }
    let s = Sandbox::new();
    s.write(
        "zdot/.zshrc",
        format!(
            "eval \"$('{}' init zsh)\"\nsetopt prompt_subst\nunsetopt prompt_sp\nPROMPT='<P:%?:${{AWS_SHIM_PROMPT}}:P>'\n",
            shim_bin().display()
        ),
    );
    let mut cmd = s.command("zsh");
    cmd.arg("-i").env("ZDOTDIR", s.path().join("zdot"));
    interactive(&s, cmd);
}

#[test]
fn shellcheck_and_shfmt() {
    let scripts = [
        repo().join("shell/aws-shim.bash"),
        repo().join("install.sh"),
    ];
    if have_tool("shellcheck") {
        // --norc: the user's ~/.shellcheckrc must not change the verdict.
        let out = Command::new("shellcheck")
            .arg("--norc")
            .args(&scripts)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    if have_tool("shfmt") {
        let out = Command::new("shfmt")
            .arg("-d")
            .args(&scripts)
            .current_dir(repo())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn zsh_and_fish_scripts_parse() {
    if have_tool("fish") {
        let out = Command::new("fish")
            .arg("--no-execute")
            .arg(repo().join("shell/aws-shim.fish"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        // The whole init output too, completions included.
        let s = Sandbox::new();
        let init = s
            .command(shim_bin())
            .args(["init", "fish"])
            .output()
            .unwrap();
        let file = s.write("init.fish", &init.stdout);
        let out = Command::new("fish")
            .arg("--no-execute")
            .arg(file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    if have_tool("zsh") {
        // --no-rcs: no startup file of the machine or the user is read.
        let out = Command::new("zsh")
            .args(["--no-rcs", "-n"])
            .arg(repo().join("shell/aws-shim.zsh"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// The hooks leave the user's shell alone: `$_` still means the last argument after the
/// DEBUG trap (bash), a user's own `aws` function survives `init`, and PATH entries with
/// spaces stay whole in zsh even with `sh_word_split`.
#[test]
fn hooks_leave_the_users_shell_alone() {
    let s = Sandbox::new();
    if have_tool("bash") {
        let script = r#"aws() { echo mine; }
            eval "$("$SHIM" init bash)"
            type -t aws
            mkdir -p "$HOME/made/here" && cd $_ && pwd"#;
        let text = stdout(&run_shell(&s, "bash", BASH_STRICT, script));
        let home = s.home().display().to_string();
        assert_eq!(text, format!("function\n{home}/made/here\n"));
    }
    if have_tool("zsh") {
        let script = r#"setopt sh_word_split
            PATH="/opt/my tools/bin:$PATH"
            eval "$("$SHIM" init zsh)"
            print -rl -- "$path[2]""#;
        let text = stdout(&run_shell(
            &s,
            "zsh",
            &["--no-rcs", "-e", "-u", "-c"],
            script,
        ));
        assert_eq!(text, "/opt/my tools/bin\n");
    }
}
