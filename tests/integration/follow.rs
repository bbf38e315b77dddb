//! The prompt and the warning follow the credentials, not only the last call: in real bash,
//! zsh and fish through a pseudo-terminal, a failure shows the expired marker and the
//! warning; once the user has fixed the credentials (Cloud9 renewed its file, the exported
//! variables were unset or their expiry moved ahead, `aws sso login` wrote a fresh token),
//! the next prompt shows the true state and no warning precedes the next `aws` call; and no
//! warning ever precedes `aws sso login`, `aws configure list` or `aws --version`.

use crate::support::{Sandbox, have_tool, shim_bin};
use expectrl::session::OsSession;
use expectrl::{Expect, Regex, Session};
use std::time::Duration;

const EXPIRED: &str = r#"[{"err":"\nAn error occurred (ExpiredToken) when calling the ListBuckets operation: The provided token has expired.\n"},{"exit":254}]"#;
const WARNING: &str = "aws-shim: the last aws call";

#[derive(Clone, Copy)]
enum Shell {
    Bash,
    Zsh,
    Fish,
}

impl Shell {
    fn name(self) -> &'static str {
        match self {
            Shell::Bash => "bash",
            Shell::Zsh => "zsh",
            Shell::Fish => "fish",
        }
    }

    fn set(self, name: &str, value: &str) -> String {
        match self {
            Shell::Fish => format!("set -gx {name} '{value}'"),
            _ => format!("export {name}='{value}'"),
        }
    }

    fn unset(self, names: &[&str]) -> String {
        match self {
            Shell::Fish => names
                .iter()
                .map(|n| format!("set -e {n}"))
                .collect::<Vec<_>>()
                .join("; "),
            _ => format!("unset {}", names.join(" ")),
        }
    }

    /// An interactive shell of this kind with aws-shim's hook and the prompt
    /// `<P:N:$AWS_SHIM_PROMPT:P>`, N counting the prompts (a shell may draw one prompt more
    /// than once: fish draws it again with the line when Enter is pressed).
    fn spawn(self, s: &Sandbox, env: &[(&str, &str)]) -> Term {
        let shim = shim_bin();
        let mut cmd = match self {
            Shell::Bash => {
                let rc = s.write(
                    "bashrc",
                    format!(
                        "eval \"$('{}' init bash)\"\nPS1='<P:$((++n)):$AWS_SHIM_PROMPT:P>'\n",
                        shim.display()
                    ),
                );
                let mut cmd = s.command("bash");
                cmd.arg("--noprofile").arg("--rcfile").arg(rc).arg("-i");
                cmd
            }
            Shell::Zsh => {
                s.write(
                    "zdot/.zshrc",
                    format!(
                        "eval \"$('{}' init zsh)\"\nsetopt prompt_subst\nunsetopt prompt_sp\nPROMPT='<P:$((++n)):${{AWS_SHIM_PROMPT}}:P>'\n",
                        shim.display()
                    ),
                );
                let mut cmd = s.command("zsh");
                cmd.arg("-i").env("ZDOTDIR", s.path().join("zdot"));
                cmd
            }
            Shell::Fish => {
                s.write(
                    "xdg/config/fish/config.fish",
                    format!(
                        "'{}' init fish | source\nset -g n 0\nfunction fish_prompt; set -g n (math $n + 1); printf '<P:%s:%s:P>' $n \"$AWS_SHIM_PROMPT\"; end\nfunction fish_greeting; end\n",
                        shim.display()
                    ),
                );
                s.command("fish")
            }
        };
        cmd.env("TERM", "dumb")
            .env("NO_COLOR", "1")
            .env("HISTFILE", "/dev/null")
            .env("AWS_SHIM_PROMPT_ASCII", "1")
            .env("AWS_EC2_METADATA_DISABLED", "true");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut p = Session::spawn(cmd).unwrap();
        // Wide enough that no command line wraps on the screen.
        let _ = p.get_process_mut().set_window_size(1000, 50);
        p.set_expect_timeout(Some(Duration::from_secs(45)));
        Term { p, n: 0 }
    }
}

/// A shell in a pseudo-terminal, and the number of the last prompt seen.
struct Term {
    p: OsSession,
    n: u64,
}

/// Wait for the next prompt, which must show `segment` (a regular expression); what came
/// before it.
fn prompt(t: &mut Term, segment: &str) -> String {
    t.n += 1;
    let pattern = format!("<P:{}:{segment}:P>", t.n);
    match t.p.expect(Regex(pattern.as_str())) {
        Ok(found) => String::from_utf8_lossy(found.before()).into_owned(),
        Err(e) => {
            let mut buf = vec![0u8; 1 << 16];
            let n = t.p.try_read(&mut buf).unwrap_or(0);
            panic!(
                "{e}: waiting for {pattern}, got:\n{}",
                String::from_utf8_lossy(&buf[..n])
            )
        }
    }
}

/// Run `line` and wait for the next prompt, which must show `segment`; what it printed.
fn run(t: &mut Term, line: &str, segment: &str) -> String {
    t.p.send_line(line).unwrap();
    prompt(t, segment)
}

/// The mtime clock of some file systems counts whole seconds: let the fix come later than
/// the cache that recorded the failure.
fn a_moment() {
    std::thread::sleep(Duration::from_millis(1100));
}

/// The failure, its marker and its warning, and no warning before the commands that do not
/// use the credentials.
fn fail(p: &mut Term, shell: Shell, profile: &str) {
    let dead = format!("aws:x {profile}");
    run(p, &shell.set("AWS_SHIM_STAND_IN", EXPIRED), "[^<>]*");
    run(p, "aws s3 ls", &dead);
    run(p, &shell.set("AWS_SHIM_STAND_IN", "[]"), &dead);
    for harmless in ["aws --version", "aws configure list", "aws sso login"] {
        let out = run(p, harmless, &dead);
        assert!(
            !out.contains(WARNING),
            "{}: {harmless}: {out}",
            shell.name()
        );
    }
    // The next call that uses the credentials: the warning, then the CLI fails again.
    run(p, &shell.set("AWS_SHIM_STAND_IN", EXPIRED), &dead);
    let out = run(p, "aws s3 ls", &dead);
    assert!(out.contains(WARNING), "{}: {out}", shell.name());
    run(p, &shell.set("AWS_SHIM_STAND_IN", "[]"), &dead);
}

fn shells() -> Vec<Shell> {
    [Shell::Bash, Shell::Zsh, Shell::Fish]
        .into_iter()
        .filter(|s| have_tool(s.name()))
        .collect()
}

const KEYS: [(&str, &str); 3] = [
    ("AWS_ACCESS_KEY_ID", "ASIAIOSFODNN7EXAMPLE"),
    (
        "AWS_SECRET_ACCESS_KEY",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    ),
    ("AWS_SESSION_TOKEN", "IQoJb3JpZ2luX2VjEXAMPLETOKEN"),
];

#[test]
fn exported_credentials_unset_or_renewed() {
    for shell in shells() {
        // Unset, as the advice says: the prompt has nothing left to say.
        let s = Sandbox::new();
        let mut p = shell.spawn(&s, &KEYS);
        prompt(&mut p, "");
        fail(&mut p, shell, "default");
        run(
            &mut p,
            &shell.unset(&[
                "AWS_ACCESS_KEY_ID",
                "AWS_SECRET_ACCESS_KEY",
                "AWS_SESSION_TOKEN",
            ]),
            "",
        );
        let out = run(&mut p, "aws s3 ls", "");
        assert!(!out.contains(WARNING), "{}: {out}", shell.name());

        // The expiry variable moved ten minutes ahead: the warning marker, no failure.
        let s = Sandbox::new();
        let past = jiff::Timestamp::now() - jiff::SignedDuration::from_mins(5);
        let mut env = KEYS.to_vec();
        let past = past.to_string();
        env.push(("AWS_CREDENTIAL_EXPIRATION", &past));
        let mut p = shell.spawn(&s, &env);
        prompt(&mut p, "aws:x default");
        fail(&mut p, shell, "default");
        let ahead = (jiff::Timestamp::now() + jiff::SignedDuration::from_mins(10)).to_string();
        run(
            &mut p,
            &shell.set("AWS_CREDENTIAL_EXPIRATION", &ahead),
            "aws! default (10|9)m",
        );
        let out = run(&mut p, "aws s3 ls", "aws! default (10|9)m");
        assert!(!out.contains(WARNING), "{}: {out}", shell.name());
    }
}

#[test]
fn cloud9_renews_its_file() {
    let header = |when: jiff::Timestamp| {
        let date = when.strftime("%a %b %d %Y %H:%M:%S GMT+0000 (Coordinated Universal Time)");
        format!(
            "# Do not modify this file, if this file is modified it will not be updated. If the file is deleted, it will be recreated on {date}.\n# 8220f463d27c92d456e0ed80ea067a64888dfe3e4870771adbdb039064ecfeda #\n[default]\naws_access_key_id=ASIAFIXTUREKEYID0001\naws_secret_access_key=fixtureSecret0001\naws_session_token=fixtureToken0001\n"
        )
    };
    for shell in shells() {
        let s = Sandbox::new();
        let now = jiff::Timestamp::now();
        s.write(
            "home/.aws/credentials",
            header(now - jiff::SignedDuration::from_mins(20)),
        );
        let c9 = [("C9_PID", "0123456789abcdef"), ("C9_PROJECT", "demo")];
        let mut p = shell.spawn(&s, &c9);
        prompt(&mut p, "aws:zz default");
        fail(&mut p, shell, "default");
        // The owner opens the IDE: Cloud9 writes the file anew, with a new date.
        a_moment();
        s.write(
            "home/.aws/credentials",
            header(now + jiff::SignedDuration::from_mins(5)),
        );
        run(&mut p, "true", "");
        let out = run(&mut p, "aws s3 ls", "");
        assert!(!out.contains(WARNING), "{}: {out}", shell.name());
    }
}

#[test]
fn sso_login_writes_a_fresh_token() {
    for shell in shells() {
        let s = Sandbox::new();
        s.write(
            "home/.aws/config",
            "[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Developer\nregion = us-east-1\n\n[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n",
        );
        // The CLI's token cache for a session: sha1 of the session name.
        let cache = |expires: jiff::Timestamp| {
            format!(
                "{{\"startUrl\": \"https://example.awsapps.com/start\", \"region\": \"us-east-1\", \"accessToken\": \"fixture\", \"expiresAt\": \"{}\"}}",
                expires.strftime("%Y-%m-%dT%H:%M:%SZ")
            )
        };
        let token = s.home().join(format!(
            ".aws/sso/cache/{}.json",
            crate::support::python_sha1("corp")
        ));
        let now = jiff::Timestamp::now();
        std::fs::create_dir_all(token.parent().unwrap()).unwrap();
        std::fs::write(&token, cache(now - jiff::SignedDuration::from_hours(1))).unwrap();
        let mut p = shell.spawn(&s, &[("AWS_PROFILE", "dev")]);
        prompt(&mut p, "aws:x dev");
        fail(&mut p, shell, "dev");
        // `aws sso login` writes a fresh token into the same file.
        a_moment();
        std::fs::write(&token, cache(now + jiff::SignedDuration::from_hours(8))).unwrap();
        run(&mut p, "true", "aws dev [78]h[0-9]+m");
        let out = run(&mut p, "aws s3 ls", "aws dev [78]h[0-9]+m");
        assert!(!out.contains(WARNING), "{}: {out}", shell.name());
    }
}

/// `aws-shim prompt --json`: the SSO token's expiry wherever it is known, and a profile that
/// does not exist shown as such.
#[test]
fn prompt_json_knows_sso_expiry_and_missing_profiles() {
    let s = Sandbox::new();
    s.write(
        "home/.aws/config",
        "[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Developer\nregion = us-east-1\n\n[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n",
    );
    let later = jiff::Timestamp::now() + jiff::SignedDuration::from_hours(8);
    s.write(
        &format!("home/.aws/sso/cache/{}.json", crate::support::python_sha1("corp")),
        format!(
            "{{\"startUrl\": \"https://example.awsapps.com/start\", \"region\": \"us-east-1\", \"accessToken\": \"fixture\", \"expiresAt\": \"{}\", \"refreshToken\": \"fixtureRefresh\", \"clientId\": \"c\", \"clientSecret\": \"s\", \"registrationExpiresAt\": \"{}\"}}",
            later.strftime("%Y-%m-%dT%H:%M:%SZ"),
            later.strftime("%Y-%m-%dT%H:%M:%SZ"),
        ),
    );
    let json = |profile: &str| -> serde_json::Value {
        let out = s
            .command(shim_bin())
            .args(["prompt", "--json", "--profile", profile])
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let dev = json("dev");
    let expires: jiff::Timestamp = dev["expires_at"].as_str().unwrap().parse().unwrap();
    assert_eq!(expires.as_second(), later.as_second(), "{dev:#}");
    assert_eq!(dev["source"], "sso");
    let nope = json("nosuch");
    assert_eq!(nope["status"], "missing", "{nope:#}");
    assert_eq!(nope["profile_found"], false);
    let text = s
        .command(shim_bin())
        .args(["prompt", "--profile", "nosuch"])
        .env("AWS_SHIM_PROMPT_ASCII", "1")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&text.stdout), "aws:? nosuch\n");
}
