//! What to tell the user: from a recognised line and the credential context to a situation
//! (a catalogue message with `.why`), numbered steps and a documentation link. Pure; the
//! words live in locales/.

use crate::context::{Context, SourceKind};
use crate::rules::{Family, Recognised, Topic};

/// One step of the remedy: a catalogue message id and its arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub id: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Step {
    fn new(id: &'static str) -> Step {
        Step {
            id,
            args: Vec::new(),
        }
    }

    fn arg(mut self, name: &'static str, value: impl Into<String>) -> Step {
        self.args.push((name, value.into()));
        self
    }
}

/// The explanation of one failure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Advice {
    /// The catalogue message for what happened; its `.why` attribute says why.
    pub situation: &'static str,
    pub args: Vec<(&'static str, String)>,
    pub steps: Vec<Step>,
    pub doc: &'static str,
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
pub const DOC_AUTH: &str =
    "https://docs.aws.amazon.com/cli/latest/userguide/cli-chap-authentication.html";
pub const DOC_TEMP: &str =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp.html";
pub const DOC_CLOCK: &str = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/set-time.html";

/// The facts about a recognised line that advice needs (owned, so that `explain` can build
/// one from a code alone).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub family: Family,
    pub topic: Topic,
    pub code: Option<String>,
    pub message: String,
}

impl From<&Recognised<'_>> for Failure {
    fn from(found: &Recognised<'_>) -> Failure {
        Failure {
            family: found.family(),
            topic: found.rule.topic,
            code: found.code.map(str::to_owned),
            message: found.message.to_owned(),
        }
    }
}

/// Decide the explanation.
pub fn advise(failure: &Failure, ctx: &Context) -> Advice {
    let profile = ctx.profile.as_str();
    let kind = ctx.source.kind;
    // In Cloud9 the managed credentials are in play when the default profile resolves to them
    // or when nothing else was found.
    let cloud9 = ctx.cloud9.as_ref().filter(|_| {
        matches!(
            kind,
            SourceKind::Cloud9Managed | SourceKind::None | SourceKind::FileSession
        ) && !ctx.profile_explicit_non_default()
    });
    let sso_login = || Step::new("step-sso-login").arg("command", sso_login_command(ctx));

    match (failure.family, failure.topic) {
        (Family::Expired, Topic::LoginExpired) => Advice {
            situation: "login-expired",
            args: vec![],
            steps: vec![Step::new("step-aws-login").arg("command", with_profile("aws login", ctx))],
            doc: DOC_AUTH,
        },
        (Family::Expired, Topic::SsoExpired) => Advice {
            situation: "sso-expired",
            args: vec![("profile", profile.to_owned())],
            steps: vec![sso_login()],
            doc: DOC_SSO,
        },
        (Family::Expired, _) if cloud9.is_some_and(|c| c.edited) => Advice {
            situation: "cloud9-edited",
            args: vec![],
            steps: cloud9_restore_steps(),
            doc: DOC_CLOUD9_CREDENTIALS,
        },
        (Family::Expired, _) if cloud9.is_some() => Advice {
            situation: "cloud9-expired",
            args: vec![],
            steps: vec![
                Step::new("step-cloud9-ask-owner"),
                Step::new("step-cloud9-retry"),
                Step::new("step-cloud9-lasting"),
            ],
            doc: DOC_CLOUD9,
        },
        (Family::Expired, Topic::RefreshedStillExpired) => Advice {
            situation: "refreshed-still-expired",
            args: vec![],
            steps: exported_steps(ctx),
            doc: DOC_ENV,
        },
        (Family::Expired, _) => expired_by_kind(ctx, sso_login),
        (Family::Invalid, _) if cloud9.is_some() => Advice {
            situation: "cloud9-invalid",
            args: vec![],
            steps: vec![
                Step::new("step-cloud9-blocked-action"),
                Step::new("step-cloud9-ask-owner"),
                Step::new("step-cloud9-lasting"),
            ],
            doc: DOC_CLOUD9,
        },
        (Family::Invalid, _) => Advice {
            situation: if failure.code.as_deref() == Some("InvalidToken") {
                "invalid-token"
            } else {
                "invalid-key"
            },
            args: vec![],
            steps: invalid_steps(ctx),
            doc: DOC_AUTH,
        },
        (Family::Clock, _) => Advice {
            situation: "clock-skew",
            args: vec![],
            steps: vec![Step::new("step-clock-check"), Step::new("step-clock-sync")],
            doc: DOC_CLOCK,
        },
        (Family::Missing, _) if cloud9.is_some() => Advice {
            situation: "cloud9-missing",
            args: vec![],
            steps: vec![
                Step::new("step-cloud9-enable"),
                Step::new("step-cloud9-lasting"),
            ],
            doc: DOC_CLOUD9_CREDENTIALS,
        },
        (Family::Missing, _) => Advice {
            situation: "no-credentials",
            args: vec![("profile", profile.to_owned())],
            steps: vec![
                Step::new("step-configure-sso")
                    .arg("command", with_profile("aws configure sso", ctx)),
                Step::new("step-configure-keys").arg("command", with_profile("aws configure", ctx)),
                Step::new("step-check-profile"),
            ],
            doc: DOC_AUTH,
        },
        (Family::Provider, Topic::SsoTokenMissing) => Advice {
            situation: "sso-token-missing",
            args: vec![("profile", profile.to_owned())],
            steps: vec![sso_login()],
            doc: DOC_SSO,
        },
        (Family::Provider, Topic::MfaRequired) => Advice {
            situation: "mfa-required",
            args: vec![("profile", profile.to_owned())],
            steps: vec![Step::new("step-mfa-terminal")],
            doc: DOC_ROLE,
        },
        (Family::Ambiguous, _) => Advice {
            situation: "s3-head-unclear",
            args: vec![("profile", profile.to_owned())],
            steps: vec![
                Step::new("step-check-identity")
                    .arg("command", with_profile("aws sts get-caller-identity", ctx)),
            ],
            doc: DOC_TEMP,
        },
        (Family::Provider, _) => Advice {
            situation: "credential-process-failed",
            args: vec![("detail", process_detail(&failure.message))],
            steps: vec![
                Step::new("step-process-run").arg(
                    "command",
                    ctx.source
                        .process
                        .clone()
                        .unwrap_or_else(|| "credential_process".to_owned()),
                ),
            ],
            doc: DOC_PROCESS,
        },
    }
}

fn expired_by_kind(ctx: &Context, sso_login: impl Fn() -> Step) -> Advice {
    let s = &ctx.source;
    match s.kind {
        SourceKind::Sso => Advice {
            situation: "sso-expired",
            args: vec![("profile", ctx.profile.clone())],
            steps: vec![sso_login()],
            doc: DOC_SSO,
        },
        SourceKind::ExportedSession | SourceKind::ExportedKeys => Advice {
            situation: "exported-expired",
            args: vec![],
            steps: exported_steps(ctx),
            doc: DOC_ENV,
        },
        SourceKind::AssumeRole => {
            let mut steps = Vec::new();
            if let Some(file) = &s.cache_file {
                steps.push(Step::new("step-remove-cache").arg("file", file.display().to_string()));
            }
            steps.push(match &s.mfa_serial {
                Some(serial) => Step::new("step-new-mfa-code")
                    .arg("profile", ctx.profile.clone())
                    .arg("serial", serial.clone()),
                None => Step::new("step-rerun-role").arg("profile", ctx.profile.clone()),
            });
            Advice {
                situation: "assume-role-expired",
                args: vec![("profile", ctx.profile.clone())],
                steps,
                doc: DOC_ROLE,
            }
        }
        SourceKind::FileSession => Advice {
            situation: "file-session-expired",
            args: vec![("profile", ctx.profile.clone())],
            steps: vec![Step::new("step-file-session-refresh").arg("profile", ctx.profile.clone())],
            doc: DOC_TEMP,
        },
        SourceKind::CredentialProcess => Advice {
            situation: "process-expired",
            args: vec![],
            steps: vec![
                Step::new("step-process-run").arg(
                    "command",
                    s.process
                        .clone()
                        .unwrap_or_else(|| "credential_process".to_owned()),
                ),
            ],
            doc: DOC_PROCESS,
        },
        SourceKind::WebIdentity => Advice {
            situation: "web-identity-expired",
            args: vec![("profile", ctx.profile.clone())],
            steps: vec![
                Step::new("step-web-identity-token"),
                Step::new("step-clock-check"),
            ],
            doc: DOC_ROLE,
        },
        SourceKind::Container => Advice {
            situation: "container-expired",
            args: vec![],
            steps: vec![
                Step::new("step-container-renew"),
                Step::new("step-clock-check"),
            ],
            doc: DOC_TEMP,
        },
        SourceKind::InstanceProfile => Advice {
            situation: "instance-profile-expired",
            args: vec![],
            steps: vec![
                Step::new("step-clock-check"),
                Step::new("step-check-which")
                    .arg("command", with_profile("aws configure list", ctx)),
            ],
            doc: DOC_CLOCK,
        },
        SourceKind::FileKeys => Advice {
            situation: "expired",
            args: vec![],
            // Long-term keys do not expire: the session token came from somewhere else.
            steps: vec![
                Step::new("step-check-which")
                    .arg("command", with_profile("aws configure list", ctx)),
            ],
            doc: DOC_TEMP,
        },
        _ => Advice {
            situation: "expired",
            args: vec![],
            // Most likely first: SSO profiles are the common source of temporary credentials,
            // then exported session variables, then assume-role with MFA.
            steps: vec![
                sso_login(),
                Step::new("step-export-refresh"),
                Step::new("step-rerun-mfa").arg("profile", ctx.profile.clone()),
            ],
            doc: DOC_TEMP,
        },
    }
}

fn exported_steps(ctx: &Context) -> Vec<Step> {
    let vars = if ctx.source.exported_vars.is_empty() {
        "AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN".to_owned()
    } else {
        ctx.source.exported_vars.join(" ")
    };
    vec![
        Step::new("step-export-refresh"),
        Step::new("step-export-unset").arg("vars", vars),
    ]
}

fn invalid_steps(ctx: &Context) -> Vec<Step> {
    let mut steps =
        vec![Step::new("step-check-which").arg("command", with_profile("aws configure list", ctx))];
    if matches!(
        ctx.source.kind,
        SourceKind::ExportedSession | SourceKind::ExportedKeys
    ) {
        steps.push(Step::new("step-export-refresh"));
    } else {
        steps.push(Step::new("step-new-keys"));
    }
    steps
}

fn cloud9_restore_steps() -> Vec<Step> {
    vec![
        Step::new("step-cloud9-restore-file"),
        Step::new("step-cloud9-ask-owner"),
    ]
}

/// The one-line hint for an ambiguous failure (S3's bare `400 Bad Request` on a HEAD
/// request): only when the credentials in use are temporary and expired or of unknown expiry.
/// A catalogue message id and its arguments.
pub fn hint(failure: &Failure, ctx: &Context) -> Option<Step> {
    if failure.family != Family::Ambiguous
        || !ctx.source.kind.is_temporary()
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

/// `aws sso login` for the context: `--sso-session NAME` when the profile names a session and
/// no explicit profile is needed, else `--profile NAME` when a profile was named.
pub fn sso_login_command(ctx: &Context) -> String {
    match (&ctx.source.sso_session, ctx.profile_explicit()) {
        (_, true) => format!("aws sso login --profile {}", ctx.profile),
        (Some(session), false) => format!("aws sso login --sso-session {session}"),
        (None, false) => "aws sso login".to_owned(),
    }
}

fn with_profile(command: &str, ctx: &Context) -> String {
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
