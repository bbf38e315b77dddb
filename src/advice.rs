//! What to tell the user: from a recognised line and the credential context to a situation
//! (a catalogue message with `.why`), numbered steps and a documentation link. Pure; the
//! words live in locales/.

use crate::context::{Context, Provider, SourceKind};
use crate::rules::{Failure, Family, Topic};

/// One step of the remedy: a catalogue message id and its arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub id: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Step {
    pub fn new(id: &'static str) -> Step {
        Step {
            id,
            args: Vec::new(),
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<String>) -> Step {
        self.args.push((name, value.into()));
        self
    }
}

/// The explanation of one failure (or one problem `doctor` found).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Advice {
    /// The catalogue message for what happened; its `.why` attribute says why.
    pub situation: &'static str,
    pub args: Vec<(&'static str, String)>,
    pub steps: Vec<Step>,
    pub doc: &'static str,
    /// The command whose failure this explains, when it was not the AWS CLI.
    pub tool: Option<String>,
}

impl Advice {
    pub fn new(situation: &'static str, doc: &'static str) -> Advice {
        Advice {
            situation,
            args: Vec::new(),
            steps: Vec::new(),
            doc,
            tool: None,
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<String>) -> Advice {
        self.args.push((name, value.into()));
        self
    }

    pub fn step(mut self, step: Step) -> Advice {
        self.steps.push(step);
        self
    }

    pub fn steps(mut self, steps: impl IntoIterator<Item = Step>) -> Advice {
        self.steps.extend(steps);
        self
    }
}

pub const DOC_CLOUD9: &str = "https://docs.aws.amazon.com/cloud9/latest/user-guide/security-iam.html#auth-and-access-control-temporary-managed-credentials";
pub const DOC_CLOUD9_CREDENTIALS: &str =
    "https://docs.aws.amazon.com/cloud9/latest/user-guide/credentials.html";
pub const DOC_SSO: &str = "https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sso.html";
pub const DOC_ENV: &str =
    "https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-envvars.html";
pub const DOC_ROLE: &str =
    "https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-role.html";
pub const DOC_PROCESS: &str =
    "https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sourcing-external.html";
pub const DOC_LOGIN: &str =
    "https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sign-in.html";
pub const DOC_AUTH: &str =
    "https://docs.aws.amazon.com/cli/latest/userguide/cli-chap-authentication.html";
pub const DOC_TEMP: &str =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp.html";
pub const DOC_CLOCK: &str = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/set-time.html";

/// Decide the explanation of `failure` in this context.
pub fn advise(failure: &Failure, ctx: &Context) -> Advice {
    let mut advice = advise_cli(failure, ctx);
    // A known place replaces the remedies that cannot name it (see context::place).
    if let Some(place) = &ctx.source.place
        && PLACE_REPLACES.contains(&advice.situation)
    {
        let steps = crate::context::place::steps(place, failure.family(), ctx);
        if !steps.is_empty() {
            advice.steps = steps;
        }
    }
    // In a CI job nobody can sign in or type a code, whatever the source: the job's own way
    // to credentials instead.
    if let Some(job) = &ctx.source.job {
        let steps = std::mem::take(&mut advice.steps);
        advice.steps =
            crate::context::place::in_job(job, failure.family(), steps, ctx.source.place.as_ref());
    }
    if let Some(tool) = &failure.tool {
        // Only the situation that names the AWS CLI says who found nothing.
        if advice.situation == "no-credentials" {
            advice.situation = "no-credentials-tool";
            advice.args.push(("tool", tool.clone()));
        }
        advice.tool = Some(tool.clone());
    }
    advice
}

/// The situations whose steps a known place replaces: those of the credential sources a place
/// serves, and no credentials at all.
const PLACE_REPLACES: &[&str] = &[
    "container-expired",
    "instance-profile-expired",
    "exported-expired",
    "refreshed-still-expired",
    "web-identity-expired",
    "sso-expired",
    "expired",
    "invalid-token",
    "no-credentials",
];

fn advise_cli(failure: &Failure, ctx: &Context) -> Advice {
    let profile = ctx.profile.as_str();
    let kind = ctx.source.kind();
    // In Cloud9 the managed credentials are in play when the default profile resolves to them
    // or when nothing else was found.
    let cloud9 = ctx.cloud9.as_ref().filter(|_| {
        matches!(
            kind,
            SourceKind::Cloud9Managed
                | SourceKind::None
                | SourceKind::Login
                | SourceKind::FileSession
        ) && !ctx.profile_explicit_non_default()
    });
    let sso_login = || sso_login_step(ctx);
    let cloud9_lasting = || Step::new("step-cloud9-lasting");
    let cloud9_ask_owner = || Step::new("step-cloud9-ask-owner");

    let aws_login = || Step::new("step-aws-login").arg("command", with_profile("aws login", ctx));

    match (failure.family(), failure.topic()) {
        (_, Topic::LoginExpired) => Advice::new("login-expired", DOC_LOGIN).step(aws_login()),
        (_, Topic::LoginPasswordChanged) => {
            Advice::new("login-password-changed", DOC_LOGIN).step(aws_login())
        }
        (_, Topic::LoginSessionMissing) => Advice::new("login-session-missing", DOC_LOGIN)
            .arg("profile", profile)
            .step(aws_login()),
        (_, Topic::LoginPermission) => Advice::new("login-permission", DOC_LOGIN).step(
            Step::new("step-login-permission").arg("command", with_profile("aws login", ctx)),
        ),
        (_, Topic::SsoLoginTimedOut) => Advice::new("sso-login-timeout", DOC_SSO)
            .step(Step::new("step-sso-login-again").arg("command", sso_login_command(ctx))),
        (_, Topic::SignatureMismatch) => Advice::new("signature-mismatch", DOC_AUTH)
            .step(check_which(ctx))
            .step(same_source_step(ctx)),
        (Family::Expired, Topic::SsoExpired) => Advice::new("sso-expired", DOC_SSO)
            .arg("profile", profile)
            .step(sso_login()),
        (Family::Expired, _) if cloud9.is_some_and(|c| c.edited) => {
            Advice::new("cloud9-edited", DOC_CLOUD9_CREDENTIALS)
                .step(Step::new("step-cloud9-restore-file"))
                .step(cloud9_ask_owner())
        }
        (Family::Expired, _) if cloud9.is_some() => Advice::new("cloud9-expired", DOC_CLOUD9)
            .step(cloud9_ask_owner())
            .step(Step::new("step-cloud9-note"))
            .step(Step::new("step-cloud9-wait"))
            .step(cloud9_lasting()),
        (Family::Expired, Topic::RefreshedStillExpired) => {
            Advice::new("refreshed-still-expired", DOC_ENV).steps(exported_steps(ctx))
        }
        (Family::Expired, _) => expired_by_kind(ctx, sso_login),
        (Family::Invalid, _) if cloud9.is_some() => Advice::new("cloud9-invalid", DOC_CLOUD9)
            .step(Step::new("step-cloud9-blocked-action"))
            .step(cloud9_ask_owner())
            .step(cloud9_lasting()),
        (Family::Invalid, _) => {
            if failure.code.as_deref() == Some("InvalidToken") {
                Advice::new("invalid-token", DOC_AUTH).steps(invalid_token_steps(ctx))
            } else {
                Advice::new("invalid-key", DOC_AUTH).steps(invalid_steps(ctx))
            }
        }
        (Family::Clock, _) => Advice::new("clock-skew", DOC_CLOCK)
            .step(Step::new("step-clock-check"))
            .step(Step::new("step-clock-sync")),
        (Family::Missing, _) if cloud9.is_some() => {
            // Two ways out, not one after the other: the managed credentials back, or
            // credentials that do not depend on them.
            Advice::new("cloud9-missing", DOC_CLOUD9_CREDENTIALS)
                .step(Step::new("step-cloud9-enable"))
                .step(Step::new("step-cloud9-own-credentials"))
        }
        (Family::Missing, _) => Advice::new("no-credentials", DOC_AUTH)
            .arg("profile", profile)
            .steps(no_credentials_steps(ctx)),
        (Family::Provider, Topic::SsoTokenMissing) => Advice::new("sso-token-missing", DOC_SSO)
            .arg("profile", profile)
            .step(sso_login()),
        (Family::Provider, Topic::MfaRequired) => Advice::new("mfa-required", DOC_ROLE)
            .arg("profile", profile)
            .step(Step::new("step-mfa-terminal")),
        (Family::Ambiguous, _) => Advice::new("s3-head-unclear", DOC_TEMP)
            .arg("profile", profile)
            .step(check_identity(ctx)),
        (Family::Provider, _) => Advice::new("credential-process-failed", DOC_PROCESS)
            .arg("detail", process_detail(&failure.message))
            .step(process_step(ctx)),
    }
}

fn expired_by_kind(ctx: &Context, sso_login: impl Fn() -> Step) -> Advice {
    let s = &ctx.source;
    let profile = ctx.profile.as_str();
    let check_which = || check_which(ctx);
    match &s.provider {
        Provider::Sso { .. } => Advice::new("sso-expired", DOC_SSO)
            .arg("profile", profile)
            .step(sso_login()),
        Provider::Exported { .. } => {
            Advice::new("exported-expired", DOC_ENV).steps(exported_steps(ctx))
        }
        Provider::AssumeRole(role) => {
            Advice::new("assume-role-expired", DOC_ROLE)
                .arg("profile", profile)
                .steps(s.cache_file.as_ref().map(|file| {
                    Step::new("step-remove-cache").arg("file", file.display().to_string())
                }))
                .step(match &role.mfa_serial {
                    Some(serial) => Step::new("step-new-mfa-code")
                        .arg("profile", profile)
                        .arg("serial", serial.clone()),
                    None => Step::new("step-rerun-role").arg("profile", profile),
                })
        }
        Provider::File { session: true } => Advice::new("file-session-expired", DOC_TEMP)
            .arg("profile", profile)
            .step(Step::new("step-file-session-refresh").arg("profile", profile)),
        Provider::Process { .. } => {
            Advice::new("process-expired", DOC_PROCESS).step(process_step(ctx))
        }
        Provider::WebIdentity { .. } => Advice::new("web-identity-expired", DOC_ROLE)
            .arg("profile", profile)
            .step(Step::new("step-web-identity-token"))
            .step(Step::new("step-clock-check")),
        Provider::Container => Advice::new("container-expired", DOC_TEMP)
            .step(Step::new("step-container-renew"))
            .step(Step::new("step-clock-check")),
        Provider::InstanceProfile => Advice::new("instance-profile-expired", DOC_CLOCK)
            .step(Step::new("step-clock-check"))
            .step(check_which()),
        // Long-term keys do not expire: the session token came from somewhere else.
        Provider::File { session: false } => Advice::new("expired", DOC_TEMP).step(check_which()),
        // The CLI renews an `aws login` profile's credentials from its session by itself
        // (the session's own end is recognised by its rules): expired ones mean the session
        // is over, and the profile signs in again the way it signed in.
        Provider::Login { .. } => Advice::new("expired", DOC_LOGIN)
            .step(Step::new("step-aws-login").arg("command", with_profile("aws login", ctx))),
        // Most likely first: SSO profiles are the common source of temporary credentials,
        // then exported session variables, then assume-role with MFA.
        Provider::Cloud9Managed | Provider::None => Advice::new("expired", DOC_TEMP)
            .step(sso_login())
            .step(Step::new("step-export-refresh"))
            .step(Step::new("step-rerun-mfa").arg("profile", profile)),
    }
}

/// Run the profile's credential_process by hand to see its own error.
fn process_step(ctx: &Context) -> Step {
    Step::new("step-process-run").arg(
        "command",
        ctx.source
            .provider
            .process()
            .unwrap_or("credential_process")
            .to_owned(),
    )
}

fn check_which(ctx: &Context) -> Step {
    Step::new("step-check-which").arg("command", with_profile("aws configure list", ctx))
}

/// Sign in to IAM Identity Center again, with a command the user's CLI has: AWS CLI v1 has
/// no `aws sso login` (it reads the token cache that v2 writes).
fn sso_login_step(ctx: &Context) -> Step {
    let id = match ctx.cli.as_ref().map(|c| c.major) {
        Some(2) => "step-sso-login",
        Some(_) => "step-sso-login-v1",
        None => "step-sso-login-either",
    };
    Step::new(id).arg("command", sso_login_command(ctx))
}

/// No credentials at all: the ways to set some up that the user's CLI has. `aws login`
/// (console credentials) comes first from AWS CLI v2.32 on; `aws configure sso` is v2 only.
fn no_credentials_steps(ctx: &Context) -> Vec<Step> {
    let cli = ctx.cli.as_ref();
    let mut steps = Vec::new();
    if cli.and_then(|c| c.at_least(2, 32)) == Some(true) {
        steps.push(
            Step::new("step-aws-login-console").arg("command", with_profile("aws login", ctx)),
        );
    }
    let configure_sso = match cli.map(|c| c.major) {
        Some(2) => Some("step-configure-sso"),
        Some(_) => None,
        None => Some("step-configure-sso-v2"),
    };
    steps.extend(
        configure_sso
            .map(|id| Step::new(id).arg("command", with_profile("aws configure sso", ctx))),
    );
    steps.push(Step::new("step-configure-keys").arg("command", with_profile("aws configure", ctx)));
    steps.push(Step::new("step-check-profile"));
    steps
}

/// After a signature mismatch: set the key id and its secret again from one source.
fn same_source_step(ctx: &Context) -> Step {
    if ctx.source.provider.is_exported() {
        Step::new("step-export-same-source")
    } else {
        Step::new("step-keys-same-source").arg("command", with_profile("aws configure", ctx))
    }
}

fn check_identity(ctx: &Context) -> Step {
    Step::new("step-check-identity")
        .arg("command", with_profile("aws sts get-caller-identity", ctx))
}

fn exported_steps(ctx: &Context) -> Vec<Step> {
    let vars = match ctx.source.provider.exported_vars() {
        [] => "AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN".to_owned(),
        vars => vars.join(" "),
    };
    vec![
        Step::new("step-export-refresh"),
        Step::new("step-export-unset").arg("vars", vars),
    ]
}

fn invalid_steps(ctx: &Context) -> Vec<Step> {
    let mut steps = vec![check_which(ctx)];
    if ctx.source.provider.is_exported() {
        steps.push(Step::new("step-export-refresh"));
    } else {
        steps.push(Step::new("step-new-keys"));
    }
    steps
}

/// A malformed or revoked session token: a session token comes with temporary credentials,
/// so the remedy is new temporary credentials from where these came from, never new
/// long-term keys.
fn invalid_token_steps(ctx: &Context) -> Vec<Step> {
    let mut steps = vec![check_which(ctx)];
    steps.push(match ctx.source.provider {
        Provider::Exported { .. } => Step::new("step-export-refresh"),
        Provider::Sso { .. } => sso_login_step(ctx),
        Provider::File { session: true } => {
            Step::new("step-file-session-refresh").arg("profile", ctx.profile.as_str())
        }
        _ => Step::new("step-token-refresh"),
    });
    steps
}

/// The one-line hint for an ambiguous failure (S3's bare `400 Bad Request` on a HEAD
/// request): only when the credentials in use are temporary and expired or of unknown expiry.
/// A catalogue message id and its arguments.
pub fn hint(failure: &Failure, ctx: &Context) -> Option<Step> {
    if failure.family() != Family::Ambiguous
        || !ctx.source.kind().is_temporary()
        || ctx.expired() == Some(false)
    {
        return None;
    }
    // S3 answers an expired token with 400; a 403 is mostly permissions or a bad signature, so
    // it gets the hint only when the credentials are known to be past their expiry.
    if failure.code.as_deref() == Some("403") && ctx.expired() != Some(true) {
        return None;
    }
    let check = with_profile("aws sts get-caller-identity", ctx);
    let id = if ctx.expired() == Some(true) {
        "hint-s3-head-expired"
    } else {
        "hint-s3-head-unknown"
    };
    Some(
        Step::new(id)
            .arg("profile", ctx.profile.clone())
            .arg("command", check),
    )
}

/// Whether the context alone shows that the credentials in use have expired: a known expiry in
/// the past, or Cloud9's managed credentials overdue for renewal.
pub fn known_expired(ctx: &Context) -> bool {
    ctx.expired() == Some(true)
        || (ctx.source.provider == Provider::Cloud9Managed
            && ctx
                .cloud9
                .as_ref()
                .is_some_and(|c| c.renewal_overdue(ctx.now).is_some()))
}

/// `aws sso login` for the context: `--sso-session NAME` when the profile names a session and
/// no explicit profile is needed, else `--profile NAME` when a profile was named.
pub fn sso_login_command(ctx: &Context) -> String {
    match (ctx.source.provider.sso_session(), ctx.profile_explicit()) {
        (_, true) => format!("aws sso login --profile {}", ctx.profile),
        (Some(session), false) => format!("aws sso login --sso-session {session}"),
        (None, false) => "aws sso login".to_owned(),
    }
}

/// `command` with `--profile NAME` when the profile was chosen (not the default).
pub(crate) fn with_profile(command: &str, ctx: &Context) -> String {
    if ctx.profile_explicit() {
        format!("{command} --profile {}", ctx.profile)
    } else {
        command.to_owned()
    }
}

/// The credential process's own message, after the CLI's prefix.
fn process_detail(message: &str) -> String {
    message
        .strip_prefix("Error when retrieving credentials from custom-process: ")
        .unwrap_or(message)
        .trim()
        .to_owned()
}

impl Context {
    /// A profile other than `default` was chosen, so Cloud9's managed `[default]` profile is
    /// not the one in use.
    pub fn profile_explicit_non_default(&self) -> bool {
        self.profile_explicit() && self.profile != "default"
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::context::{Cloud9, CredentialSource, ProfileFrom};
    use crate::i18n::{Catalogue, Lang};
    use crate::prompt;
    use crate::real_aws::CliVersion;
    use crate::rules::{Failure, RULES};
    use crate::state::Recorded;
    use jiff::Timestamp;

    /// Every context a failure can meet: each credential source, outside Cloud9 and in it
    /// (managed file, edited file), with the default profile and a named one, with and
    /// without the optional facts (MFA serial, cache file, SSO session, process, expiry).
    pub(crate) fn contexts() -> Vec<Context> {
        let now = Timestamp::from_second(1_800_000_000).unwrap();
        let mut all = Vec::new();
        for kind in SourceKind::ALL {
            for cloud9 in [None, Some(false), Some(true)] {
                for (explicit, cli) in [false, true].into_iter().flat_map(|e| {
                    [
                        None,
                        Some((1, "1.45.11")),
                        Some((2, "2.31.0")),
                        Some((2, "2.36.7")),
                    ]
                    .map(move |c| (e, c))
                }) {
                    for facts in [false, true] {
                        let mut source = CredentialSource::new(kind, "test");
                        if facts {
                            source.cache_file = Some("/home/me/.aws/cli/cache/x.json".into());
                            match &mut source.provider {
                                Provider::AssumeRole(role) => {
                                    role.mfa_serial =
                                        Some("arn:aws:iam::123456789012:mfa/me".into());
                                }
                                Provider::Sso { session } => *session = Some("corp".into()),
                                Provider::Process { command } => *command = "helper --json".into(),
                                Provider::Exported { vars, .. } => {
                                    *vars = vec!["AWS_ACCESS_KEY_ID".into()];
                                }
                                _ => {}
                            }
                            source.expires_at = Some(now - jiff::SignedDuration::from_mins(5));
                        }
                        all.push(Context {
                            profile: if explicit { "dev" } else { "default" }.into(),
                            profile_from: if explicit {
                                ProfileFrom::Argument
                            } else {
                                ProfileFrom::Default
                            },
                            source,
                            cloud9: cloud9.map(|edited| Cloud9 {
                                managed_header: !edited,
                                header_time: Some(now - jiff::SignedDuration::from_mins(20)),
                                edited,
                                ..Cloud9::default()
                            }),
                            now: Some(now),
                            cli: cli.map(|(major, version)| CliVersion {
                                major,
                                version: Some(version.into()),
                                from: "test".into(),
                            }),
                            profile_found: true,
                        });
                    }
                }
            }
        }
        all
    }

    /// A message exists in the catalogue and is filled in: no argument left unresolved.
    fn assert_message(cat: &Catalogue, lang: Lang, id: &str, args: &[(&'static str, String)]) {
        let args_ref: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let text = cat
            .get(id, &args_ref)
            .unwrap_or_else(|| panic!("{id} is missing in {}", lang.code()));
        assert!(!text.trim().is_empty(), "{id} is empty in {}", lang.code());
        assert!(
            !text.contains("{$") && !text.contains("{ $"),
            "{id} in {} leaves an argument unresolved: {text}",
            lang.code()
        );
    }

    #[test]
    fn every_message_the_advice_and_the_warning_use_exists_in_every_catalogue() {
        let contexts = contexts();
        for lang in Lang::all() {
            let cat = Catalogue::load(lang);
            for rule in RULES {
                let failure = Failure::of_rule(rule);
                assert_message(&cat, lang, &failure.what_id(), &[]);
                let recorded = Recorded {
                    failure: failure.clone(),
                    time: 0,
                    source: SourceKind::None,
                    stamp: None,
                };
                for ctx in &contexts {
                    let advice = advise(&failure, ctx);
                    assert_message(&cat, lang, advice.situation, &advice.args);
                    let why = format!("{}.why", advice.situation);
                    assert_message(&cat, lang, &why, &advice.args);
                    assert!(!advice.steps.is_empty(), "{} has no step", advice.situation);
                    for step in &advice.steps {
                        assert_message(&cat, lang, step.id, &step.args);
                    }
                    if let Some(step) = hint(&failure, ctx) {
                        assert_message(&cat, lang, step.id, &step.args);
                    }
                    for recorded in [Some(&recorded), None] {
                        let (id, command) = prompt::remedy(ctx, recorded);
                        let args = [("profile", ctx.profile.clone()), ("command", command)];
                        assert_message(&cat, lang, id, &args);
                        let seg = prompt::segment(ctx, recorded, 1_800_000_000);
                        // The whole line once per rule and source (it loads the catalogue).
                        let once =
                            ctx.cloud9.is_none() && ctx.cli.is_none() && ctx.profile_explicit();
                        if once && seg.status == prompt::Status::Expired {
                            let line = prompt::warning(ctx, recorded, &seg, 1_800_000_000, lang);
                            assert!(!line.is_empty(), "no warning in {}", lang.code());
                        }
                    }
                }
            }
            for id in ["label-why", "label-next", "label-more"] {
                assert_message(&cat, lang, id, &[]);
            }
        }
    }

    /// Facts the remedies must get right.
    #[test]
    fn remedies_say_what_is_true() {
        for ctx in contexts() {
            // A broken session token is fixed with new temporary credentials, not new keys.
            let ids: Vec<&str> = {
                let failure = Failure::of_rule(crate::rules::Rule::by_id("invalid-token").unwrap());
                advise(&failure, &ctx).steps.iter().map(|s| s.id).collect()
            };
            assert!(!ids.contains(&"step-new-keys"), "{ids:?}");
            // Cloud9 without its managed credentials: turn them on, or do without them;
            // not on and then off again.
            let missing = step_ids("no-credentials", &ctx);
            if missing.contains(&"step-cloud9-enable") {
                assert!(!missing.contains(&"step-cloud9-lasting"), "{missing:?}");
            }
        }
        // An `aws login` profile whose credentials expired signs in again with `aws login`,
        // never with `aws sso login`.
        for ctx in contexts()
            .into_iter()
            .filter(|c| c.source.kind() == SourceKind::Login && c.cloud9.is_none())
        {
            let ids = step_ids("expired-token", &ctx);
            assert_eq!(ids, ["step-aws-login"], "{ids:?}");
        }
        let en = Catalogue::load(Lang::EN);
        // Exported keys come before the profiles of the files, but --profile comes first.
        let why = en.text("exported-expired.why", &[]);
        assert!(!why.contains("every profile"), "{why}");
        assert!(why.contains("--profile"), "{why}");
        // The warning after "no credentials" says none were found, not that they fail.
        let ctx = with_cli(SourceKind::None, None);
        let failure = Failure::of_rule(crate::rules::Rule::by_id("no-credentials").unwrap());
        let recorded = Recorded {
            failure,
            time: 0,
            source: SourceKind::None,
            stamp: None,
        };
        let seg = prompt::Segment {
            status: prompt::Status::Expired,
            ..prompt::segment(&ctx, Some(&recorded), 1_800_000_000)
        };
        for lang in Lang::all() {
            let line = prompt::warning(&ctx, Some(&recorded), &seg, 1_800_000_000, lang);
            let cat = Catalogue::load(lang);
            assert!(
                line.contains(&cat.text("what-no-credentials", &[])),
                "{line}"
            );
            assert!(
                !line.contains("do not work") && !line.contains("使えません"),
                "{line}"
            );
        }
    }

    /// The expiry line of an SSO profile is about the SSO token, not "these credentials".
    #[test]
    fn the_expiry_line_of_an_sso_profile_does_not_call_the_token_credentials() {
        let ctx = contexts()
            .into_iter()
            .find(|c| {
                c.source.kind() == SourceKind::Sso
                    && c.cloud9.is_none()
                    && c.source.expires_at.is_some()
            })
            .unwrap();
        let failure = Failure::of_rule(crate::rules::Rule::by_id("sso-session-expired").unwrap());
        let advice = advise(&failure, &ctx);
        let look = crate::render::Look {
            lang: Lang::EN,
            tz: jiff::tz::TimeZone::UTC,
            color: false,
        };
        let text = crate::render::explanation(&advice, &ctx, &look);
        assert!(text.contains("(5m ago)"), "{text}");
        assert!(!text.contains("These credentials"), "{text}");
    }

    fn with_cli(kind: SourceKind, version: Option<&str>) -> Context {
        let mut ctx = contexts()
            .into_iter()
            .find(|c| c.source.kind() == kind && c.cloud9.is_none() && c.profile_explicit())
            .unwrap();
        ctx.cli = version.map(|v| CliVersion {
            major: v[..1].parse().unwrap(),
            version: Some(v.into()),
            from: "test".into(),
        });
        ctx
    }

    fn step_ids(rule: &str, ctx: &Context) -> Vec<&'static str> {
        let failure = Failure::of_rule(crate::rules::Rule::by_id(rule).unwrap());
        advise(&failure, ctx).steps.iter().map(|s| s.id).collect()
    }

    #[test]
    fn remedies_fit_the_cli_that_runs() {
        // SSO: v2 signs in; v1 cannot and is told so; unknown names v2 explicitly.
        let sso = |v| step_ids("sso-token-missing", &with_cli(SourceKind::Sso, v));
        assert_eq!(sso(Some("2.36.7")), ["step-sso-login"]);
        assert_eq!(sso(Some("1.45.11")), ["step-sso-login-v1"]);
        assert_eq!(sso(None), ["step-sso-login-either"]);
        // No credentials: `aws login` first from v2.32, no `configure sso` on v1.
        let none = |v| step_ids("no-credentials", &with_cli(SourceKind::None, v));
        assert_eq!(none(Some("2.36.7"))[0], "step-aws-login-console");
        assert!(!none(Some("2.31.0")).contains(&"step-aws-login-console"));
        let v1 = none(Some("1.45.11"));
        assert!(
            !v1.iter()
                .any(|id| id.contains("sso") || id.contains("login")),
            "{v1:?}"
        );
        assert!(none(None).contains(&"step-configure-sso-v2"));
    }
}
