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

/// The command lines of the warning's table: each with whether the warning comes before it
/// while the credentials of `dev` are known to be dead.
const WARN_TABLE: &[(&str, bool)] = &[
    ("aws s3 ls", true),
    ("aws --version; echo hi", false),
    ("aws --version", false),
    ("aws s3 ls && echo done", true),
    ("aws s3 ls|head", true),
    ("aws s3 ls | head -n 1", true),
    ("aws s3 ls 2>&1 | head", true),
    ("FOO=1 aws s3 ls", true),
    ("command aws s3 ls", true),
    ("\\aws s3 ls", true),
    ("time aws s3 ls", true),
    ("aws 's3' \"ls\"", true),
    ("aws s3 ls --query 'Buckets[?Name==`a;b`]'", true),
    ("aws --profile dev s3 ls", true),
    ("aws --profile=dev s3 ls", true),
    ("aws --profile other s3 ls", false),
    ("AWS_PROFILE=other aws s3 ls", false),
    ("aws sso login", false),
    ("aws configure list", false),
    ("aws help", false),
    ("aws sso login && aws s3 ls", false),
    ("aws --version && aws s3 ls", true),
    ("echo hi; aws s3 ls", true),
    ("x=$(aws s3 ls)", true),
    ("echo aws s3 ls", false),
    ("awsume dev", false),
    ("aws-shim doctor", false),
    ("command -v aws", false),
    ("echo 'aws s3 ls'", false),
    ("aws s3 ls # then aws sso login", true),
];

/// One tokenizer for the three shells: the same command lines through the bash, zsh and fish
/// hooks (as their preexec receives them) give the same decisions, those of the table.
#[test]
fn the_warning_decides_alike_in_every_shell() {
    let s = Sandbox::new();
    let out = s
        .aws_cmd(&serde_json::from_str(EXPIRED_STAND_IN).unwrap())
        .args(["s3", "ls"])
        .env("AWS_PROFILE", "dev")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(254));
    let body = |shell: &str| match shell {
        "fish" => {
            "for i in (seq 0 (math $N - 1))
                 set -l v L$i
                 set -g __aws_shim_warned ''
                 set -g __aws_shim_warning pending
                 echo \"== $i\"
                 __aws_shim_preexec $$v 2>&1
             end"
        }
        "zsh" => {
            "for ((i = 0; i < N; i++)); do
                 v=L$i; __aws_shim_warned=; __aws_shim_warning=pending
                 print -r -- \"== $i\"
                 __aws_shim_preexec \"${(P)v}\" 2>&1
             done"
        }
        _ => {
            "for ((i = 0; i < N; i++)); do
                 v=L$i; __aws_shim_warned=; __aws_shim_warning=pending
                 printf '== %s\\n' \"$i\"
                 __aws_shim_preexec \"${!v}\" 2>&1
             done"
        }
    };
    let mut decisions = Vec::new();
    for shell in ["bash", "zsh", "fish"] {
        if !have_tool(shell) {
            continue;
        }
        let init = if shell == "fish" {
            "$SHIM init fish | source"
        } else {
            "eval \"$(\"$SHIM\" init SHELL)\""
        }
        .replace("SHELL", shell);
        let mut cmd = s.command(shell);
        cmd.arg("-c")
            .arg(format!("{init}\n{}", body(shell)))
            .env("SHIM", shim_bin())
            .env("AWS_PROFILE", "dev")
            .env("N", WARN_TABLE.len().to_string());
        for (i, (line, _)) in WARN_TABLE.iter().enumerate() {
            cmd.env(format!("L{i}"), line);
        }
        let text = stdout(&cmd.output().unwrap());
        let warned: Vec<bool> = text
            .split("== ")
            .skip(1)
            .map(|block| block.contains("aws-shim: the last aws call with profile dev"))
            .collect();
        assert_eq!(warned.len(), WARN_TABLE.len(), "{shell}: {text}");
        for ((line, expected), got) in WARN_TABLE.iter().zip(&warned) {
            assert_eq!(got, expected, "{shell}: {line}");
        }
        decisions.push((shell, warned));
    }
    for pair in decisions.windows(2) {
        assert_eq!(pair[0].1, pair[1].1, "{} and {}", pair[0].0, pair[1].0);
    }
}

/// AWS CLI v1 reads AWS_DEFAULT_PROFILE before AWS_PROFILE: with a v1 CLI behind `aws` and
/// both variables set, `aws-shim prompt`, the bash, zsh and fish hooks and the warning name
/// the profile the CLI uses (the wrapper already does).
#[test]
fn the_prompt_follows_cli_v1s_profile_order() {
    let s = Sandbox::new();
    // A v1 stand-in: its path names the version, as a pip or Homebrew install's does.
    let v1 = s.write_exe(
        "v1/awscli/1.44.0/bin/aws",
        &format!(
            "#!/bin/sh\nexec '{}' __stand-in \"$@\"\n",
            shim_bin().display()
        ),
    );
    std::fs::remove_file(s.path().join("real/aws")).unwrap();
    std::os::unix::fs::symlink(&v1, s.path().join("real/aws")).unwrap();
    s.write(
        "home/.aws/config",
        "[profile first]\nregion = us-east-1\n[profile second]\nregion = us-east-1\n",
    );
    let both = |cmd: &mut Command| {
        cmd.env("AWS_PROFILE", "first")
            .env("AWS_DEFAULT_PROFILE", "second");
    };
    let mut failing = s.aws_cmd(&serde_json::from_str(EXPIRED_STAND_IN).unwrap());
    both(&mut failing);
    assert_eq!(
        failing.args(["s3", "ls"]).output().unwrap().status.code(),
        Some(254)
    );
    assert!(s.state_dir().join("second.failure").exists());
    let mut prompt = s.command(shim_bin());
    both(&mut prompt);
    assert_eq!(
        stdout(&prompt.arg("prompt").output().unwrap()),
        "aws:x second\n"
    );
    for shell in ["bash", "zsh", "fish"] {
        if !have_tool(shell) {
            continue;
        }
        // Two prompts: the second with the binary out of reach (from the cache alone in bash
        // and zsh); then the warning before `aws s3 ls`.
        let script = if shell == "fish" {
            "$SHIM init fish | source
             __aws_shim_hook; echo \"1:$AWS_SHIM_PROMPT\"
             __aws_shim_hook; echo \"2:$AWS_SHIM_PROMPT\"
             __aws_shim_preexec 'aws s3 ls' 2>&1"
        } else {
            "eval \"$(\"$SHIM\" init SHELL)\"
             __aws_shim_hook; echo \"1:$AWS_SHIM_PROMPT\"
             real_bin=$__aws_shim_bin; __aws_shim_bin=/nonexistent/aws-shim
             __aws_shim_hook; echo \"2:$AWS_SHIM_PROMPT\"
             __aws_shim_bin=$real_bin
             __aws_shim_preexec 'aws s3 ls' 2>&1"
        };
        let mut cmd = s.command(shell);
        both(&mut cmd);
        let out = cmd
            .arg("-c")
            .arg(script.replace("SHELL", shell))
            .env("SHIM", shim_bin())
            // fish sets a UTF-8 locale of its own: the same symbols in the three shells.
            .env("AWS_SHIM_PROMPT_ASCII", "1")
            .output()
            .unwrap();
        let text = stdout(&out);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[..2], ["1:aws:x second", "2:aws:x second"], "{shell}");
        assert!(
            lines[2].contains("the last aws call with profile second failed"),
            "{shell}: {text}"
        );
    }
}

/// Nothing from a cache or a profile name reaches the terminal as a control sequence: the
/// writer keeps control characters out of the cache, and the bash and zsh hooks keep them out
/// of `AWS_SHIM_PROMPT` whatever the file holds (zsh also doubles `%`, for PROMPT); no hook
/// reads more than 16 KiB of a cache.
#[test]
fn hostile_profile_names_and_caches_stay_inert() {
    let s = Sandbox::new();
    let hostile = "\u{1b}]0;owned\u{7}%F{red}$(id)";
    let out = s
        .command(shim_bin())
        .arg("prompt")
        .env("AWS_PROFILE", hostile)
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(
        !text.trim_end_matches('\n').chars().any(char::is_control),
        "{text:?}"
    );
    assert!(text.contains("%F{red}$(id)"), "{text:?}");
    for entry in std::fs::read_dir(s.state_dir()).unwrap() {
        let body = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        assert!(
            !body.chars().any(|c| c.is_control() && c != '\n'),
            "{body:?}"
        );
    }
    // A cache that some other writer filled: the hooks show it inert.
    let until = jiff::Timestamp::now().as_second() + 3600;
    s.write(
        "xdg/state/aws-shim/dev.prompt",
        format!("aws-shim-prompt-2 {until} 0\n\u{1b}[31mred\u{7}%F{{red}}\n\n\n"),
    );
    let hook = r#"eval "$("$SHIM" init SHELL)"
        __aws_shim_bin=/nonexistent/aws-shim
        __aws_shim_hook
        printf '%s\n' "$AWS_SHIM_PROMPT""#;
    for (shell, expected) in [
        ("bash", "?[31mred?%F{red}\n"),
        ("zsh", "?[31mred?%%F{red}\n"),
    ] {
        if !have_tool(shell) {
            continue;
        }
        let out = run_shell_env(&s, shell, &hook.replace("SHELL", shell));
        assert_eq!(stdout(&out), expected, "{shell}");
    }
    // A huge cache (a line of 4 MiB): not read whole, not shown.
    let huge = "x".repeat(4 << 20);
    s.write(
        "xdg/state/aws-shim/dev.prompt",
        format!("aws-shim-prompt-2 {until} 0\n{huge}\n\n{huge}\n"),
    );
    for shell in ["bash", "zsh"] {
        if !have_tool(shell) {
            continue;
        }
        let out = run_shell_env(&s, shell, &hook.replace("SHELL", shell));
        assert_eq!(stdout(&out), "\n", "{shell}: the huge cache was read");
    }
    if have_tool("fish") {
        let script = "$SHIM init fish | source
            set __aws_shim_bin /nonexistent/aws-shim
            __aws_shim_hook
            echo (string length -- \"$__aws_shim_warning\")";
        let out = run_shell_env(&s, "fish", script);
        assert_eq!(stdout(&out), "0\n", "fish: the huge cache was read");
    }
}

/// `script` in `shell -c`, with the profile `dev`.
fn run_shell_env(s: &Sandbox, shell: &str, script: &str) -> Output {
    s.command(shell)
        .arg("-c")
        .arg(script)
        .env("SHIM", shim_bin())
        .env("AWS_PROFILE", "dev")
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap()
}
