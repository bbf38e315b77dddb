//! The doctor's report (`aws-shim doctor`): what aws-shim sees, and every problem it finds
//! with its remedy.
//!
//! Offline by default: [`examine`] reads local files only and starts no process. `--online`
//! adds the real CLI's version and `aws sts get-caller-identity` through the real CLI.
//! `--json` writes the schema documented in docs/doctor-json.md ([`SCHEMA_VERSION`]).

use crate::advice::{self, Advice, Step};
use crate::context::expiry::CacheMatch;
use crate::context::{self, Context, Provider, SourceKind};
use crate::i18n::{self, Catalogue, Lang};
use crate::render::Look;
use crate::rules::{self, Failure, Rule};
use crate::state::Recorded;
use crate::{config, real_aws, render};
use jiff::Timestamp;
use serde_json::{Value, json};
use std::ffi::{OsStr, OsString};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The version of the `--json` schema. Fields are only ever added within a version; a field
/// that changes meaning or disappears raises it.
pub const SCHEMA_VERSION: u32 = 1;

/// What doctor reads from its own process (the environment, PATH, the executable).
#[derive(Clone, Debug)]
pub struct Facts {
    pub inputs: context::Inputs,
    pub shim_path: Option<PathBuf>,
    pub own_id: Option<real_aws::FileId>,
    pub path_var: Option<OsString>,
    pub real_aws_override: Option<OsString>,
    pub depth: u32,
    pub language: i18n::Choice,
    /// aws-shim's state directory (where the last failure is recorded), if any.
    pub state_dir: Option<PathBuf>,
    /// aws-shim's cache directory (where which CLI a file is is remembered), if any.
    pub cache_dir: Option<PathBuf>,
    /// pyenv's version setting, for a CLI that is pyenv's shim.
    pub pyenv_version: Option<String>,
    /// `AWS_SHIM_LANG` as set (a value that means nothing is a problem to report).
    pub shim_lang: Option<String>,
    /// The directory of the links that `aws-shim init` makes (`aws`, and `--wrap`'s).
    pub link_dir: Option<PathBuf>,
}

impl Facts {
    /// The facts of this process; `profile` as given with `--profile`.
    pub fn gather(profile: Option<&str>, lang: Option<&str>) -> Facts {
        Facts {
            inputs: config::context_inputs(profile),
            shim_path: std::env::current_exe().ok(),
            own_id: real_aws::own_id(),
            path_var: config::path(),
            real_aws_override: config::real_aws_override(),
            depth: config::depth(),
            language: i18n::current(lang),
            state_dir: config::state_dir(),
            cache_dir: config::cache_dir(),
            pyenv_version: config::pyenv_version(),
            shim_lang: config::shim_lang(),
            link_dir: config::data_dir().map(|d| d.join("bin")),
        }
    }
}

/// A command other than `aws` wrapped by a link to aws-shim, and the real one it runs.
#[derive(Clone, Debug)]
pub struct Wrapped {
    pub name: String,
    pub link: PathBuf,
    pub real: Result<PathBuf, real_aws::LocateError>,
}

/// The links to aws-shim in `dir` other than `aws` and `aws-shim`, by name, each with the
/// command it would run.
fn wrapped_in(dir: Option<&Path>, facts: &Facts) -> Vec<Wrapped> {
    let Some(entries) = dir.and_then(|d| std::fs::read_dir(d).ok()) else {
        return Vec::new();
    };
    let mut all: Vec<Wrapped> = entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            if name == "aws" || name == "aws-shim" || name.starts_with('.') {
                return None;
            }
            let link = entry.path();
            let meta = std::fs::metadata(&link).ok()?;
            if facts.own_id != Some((meta.dev(), meta.ino())) {
                return None;
            }
            let real = real_aws::locate_tool(
                OsStr::new(&name),
                facts.path_var.as_deref(),
                facts.own_id,
                0,
            );
            Some(Wrapped { name, link, real })
        })
        .collect();
    all.sort_by(|a, b| a.name.cmp(&b.name));
    all
}

/// Whether `path` is aws-shim itself (a link to it, or the binary).
fn is_link_to_shim(path: &Path, facts: &Facts) -> bool {
    std::fs::metadata(path).is_ok_and(|meta| facts.own_id == Some((meta.dev(), meta.ino())))
}

/// One problem and its remedy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub advice: Advice,
}

/// The result of `aws-shim doctor --online`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Online {
    pub real_aws_version: Option<String>,
    pub caller_arn: Option<String>,
    /// The CLI's error output when get-caller-identity failed.
    pub error: Option<String>,
}

/// Everything doctor reports.
#[derive(Clone, Debug)]
pub struct Report {
    pub shim_path: Option<PathBuf>,
    /// HOME, to show `~/...` paths.
    pub home: Option<PathBuf>,
    pub version: &'static str,
    /// The real AWS CLI, or why it cannot be used.
    pub real_aws: Result<PathBuf, real_aws::LocateError>,
    /// The first `aws` on PATH, and whether it is aws-shim.
    pub aws_on_path: Option<PathBuf>,
    pub aws_is_shim: bool,
    pub language: i18n::Choice,
    /// `AWS_SHIM_LANG` when it is set to something that names no language aws-shim has.
    pub bad_shim_lang: Option<String>,
    /// Which AWS CLI the real one is, read from disk (or from `--online`'s `--version`).
    pub cli: Option<real_aws::CliVersion>,
    pub context: Context,
    pub last_failure: Option<Recorded>,
    pub problems: Vec<Problem>,
    pub online: Option<Online>,
    /// The other commands wrapped by links beside `aws`.
    pub wrapped: Vec<Wrapped>,
    /// The directory that holds an `aws` link to aws-shim (`aws-shim init` makes it).
    pub link_dir: Option<PathBuf>,
}

/// Offline examination: local files only, no process started.
pub fn examine(facts: &Facts) -> Report {
    let real = real_aws::locate(
        facts.real_aws_override.clone(),
        facts.path_var.as_deref(),
        facts.own_id,
        facts.depth,
    );
    // Located from the facts (the same settings `real_aws::Cli::from_env` reads), so that a
    // test can give its own.
    let cli = real.as_deref().ok().and_then(|program| {
        real_aws::known_version(
            program,
            facts.cache_dir.as_deref(),
            facts.pyenv_version.as_deref(),
        )
    });
    let ctx = context::resolve_for_cli(&facts.inputs, cli.clone());
    let first = real_aws::first_on_path(facts.path_var.as_deref());
    let aws_is_shim = first
        .as_ref()
        .is_some_and(|(_, id)| facts.own_id == Some(*id));
    let aws_on_path = first.map(|(path, _)| path);
    let last_failure = facts
        .state_dir
        .as_deref()
        .and_then(|dir| crate::state::Store::at(Some(dir.to_owned())).last_failure(&ctx.profile))
        .filter(|r| r.still_about(&ctx));
    let mut report = Report {
        shim_path: facts.shim_path.clone(),
        home: facts.inputs.home.clone(),
        version: env!("CARGO_PKG_VERSION"),
        real_aws: real,
        aws_on_path,
        aws_is_shim,
        language: facts.language.clone(),
        bad_shim_lang: facts.shim_lang.clone().filter(|v| !i18n::understood(v)),
        cli,
        context: ctx,
        last_failure,
        problems: Vec::new(),
        online: None,
        wrapped: wrapped_in(facts.link_dir.as_deref(), facts),
        link_dir: facts
            .link_dir
            .clone()
            .filter(|dir| is_link_to_shim(&dir.join("aws"), facts)),
    };
    report.problems = problems(&report);
    report
}

/// Every problem that can be seen offline, each once.
fn problems(report: &Report) -> Vec<Problem> {
    let ctx = &report.context;
    let mut found: Vec<Advice> = Vec::new();
    if let Err(error) = &report.real_aws {
        let (situation, args) = locate_error_message(error);
        let mut advice = Advice::new(
            situation,
            "https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html",
        )
        .step(Step::new("step-install-cli"));
        advice.args = args;
        found.push(advice);
    }
    if let Some(value) = &report.bad_shim_lang {
        found.push(
            Advice::new("doctor-bad-lang", "aws-shim --help")
                .arg("value", value.clone())
                .arg("lang", report.language.lang.code())
                .step(Step::new("step-fix-lang")),
        );
    }
    if !ctx.source.partly_read.is_empty() {
        let files = render::shown_paths(&ctx.source.partly_read);
        let limit = crate::files::max_config_shown();
        found.push(
            Advice::new(
                "doctor-file-too-large",
                "https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html",
            )
            .arg("file", files.clone())
            .arg("limit", limit.clone())
            .step(
                Step::new("step-file-too-large")
                    .arg("file", files)
                    .arg("limit", limit),
            ),
        );
    }
    if !report.aws_is_shim {
        // The directory to put first, when the link is there; else the hook that makes it.
        let step = match &report.link_dir {
            Some(dir) => Step::new("step-path-first").arg("dir", dir.display().to_string()),
            None => Step::new("step-path-init"),
        };
        found.push(Advice::new("doctor-not-shim", "aws-shim init --help").step(step));
    }
    let exported = ctx.source.provider.is_exported();
    if exported && ctx.profile_from.is_variable() {
        found.push(
            Advice::new("doctor-env-overrides-profile", advice::DOC_ENV)
                .arg("profile", ctx.profile.clone())
                .arg("var", ctx.profile_from.as_str())
                .step(
                    Step::new("step-unset-for-profile")
                        .arg("vars", ctx.source.provider.exported_vars().join(" "))
                        .arg("profile", ctx.profile.clone()),
                )
                .step(Step::new("step-profile-option").arg("profile", ctx.profile.clone())),
        );
    }
    // Cloud9's managed credentials not renewed in time: the owner is away.
    let overdue = ctx
        .cloud9
        .as_ref()
        .filter(|_| ctx.source.kind() == SourceKind::Cloud9Managed)
        .and_then(|c| c.renewal_overdue(ctx.now));
    if overdue.is_some() {
        // The remedy of the failure this leads to; the situation says it is inferred, and the
        // explanation's expiry line says since when.
        let mut inferred = cloud9_expired(ctx);
        inferred.situation = "doctor-cloud9-overdue";
        found.push(inferred);
    }
    // What the credentials' state says now, as the failure the CLI would report.
    let edited_cloud9 = ctx.cloud9.as_ref().is_some_and(|c| c.edited);
    let rule = match ctx.source.kind() {
        SourceKind::None => Some("no-credentials"),
        SourceKind::Sso if ctx.source.cache_file.is_none() => Some("sso-token-missing"),
        SourceKind::Sso if ctx.expired() == Some(true) => Some("sso-session-expired"),
        _ if ctx.expired() == Some(true) || edited_cloud9 => Some("expired-token"),
        _ => None,
    };
    found.extend(
        rule.and_then(Rule::by_id)
            .map(|rule| advice::advise(&Failure::of_rule(rule), ctx)),
    );
    if let Some(recorded) = &report.last_failure {
        found.push(advice::advise(&recorded.failure, ctx));
    }
    if let Some(online) = &report.online {
        let recognised = online
            .error
            .as_deref()
            .and_then(|e| e.lines().find_map(|l| rules::recognise(l.as_bytes())));
        if let Some(failure) = recognised {
            found.push(advice::advise(&failure, ctx));
        }
    }
    // One cause, one problem: a failure seen (recorded, or online) takes the place of the
    // same cause inferred from the files.
    let mut problems: Vec<Problem> = Vec::new();
    for advice in found {
        match problems
            .iter_mut()
            .find(|p| cause(p.advice.situation) == cause(advice.situation))
        {
            Some(p) if is_inferred(p.advice.situation) && !is_inferred(advice.situation) => {
                p.advice = advice;
            }
            Some(_) => {}
            None => problems.push(Problem { advice }),
        }
    }
    problems
}

/// The cause a problem is about: an overdue Cloud9 renewal is the expiry it leads to.
fn cause(situation: &str) -> &str {
    match situation {
        "doctor-cloud9-overdue" => "cloud9-expired",
        other => other,
    }
}

/// Whether doctor inferred the problem from the files rather than saw it fail.
fn is_inferred(situation: &str) -> bool {
    situation == "doctor-cloud9-overdue"
}

/// What aws-shim explains when a call fails with Cloud9's managed credentials expired.
fn cloud9_expired(ctx: &Context) -> Advice {
    let rule = Rule::by_id("expired-token").expect("the expired-token rule exists");
    advice::advise(&Failure::of_rule(rule), ctx)
}

/// The catalogue message for why the real AWS CLI cannot be run.
fn locate_error_message(
    error: &real_aws::LocateError,
) -> (&'static str, Vec<(&'static str, String)>) {
    match error {
        real_aws::LocateError::NotFound => ("doctor-real-aws-not-found", vec![]),
        real_aws::LocateError::BadOverride(path) => (
            "doctor-real-aws-bad-override",
            vec![("path", path.display().to_string())],
        ),
        real_aws::LocateError::OverrideIsShim(path) => (
            "doctor-real-aws-is-shim",
            vec![("path", path.display().to_string())],
        ),
        real_aws::LocateError::Loop(depth) | real_aws::LocateError::ToolLoop(_, depth) => {
            ("doctor-real-aws-loop", vec![("depth", depth.to_string())])
        }
        // Only locating another command gives this, never locating `aws`.
        real_aws::LocateError::ToolNotFound(_) | real_aws::LocateError::ToolCannotRun(_) => {
            ("doctor-real-aws-not-found", vec![])
        }
    }
}

/// `--online`: the real CLI's version and the caller identity, through the real CLI.
pub fn go_online(report: &mut Report, profile: Option<&str>) {
    let Ok(real) = report.real_aws.clone() else {
        return;
    };
    let mut online = Online::default();
    if let Ok(out) = Command::new(&real)
        .arg("--version")
        .stdin(Stdio::null())
        .output()
    {
        let text = [out.stdout, out.stderr].concat();
        online.real_aws_version = String::from_utf8_lossy(&text)
            .lines()
            .next()
            .map(|l| l.trim().to_owned());
    }
    let mut call = Command::new(&real);
    call.args(["sts", "get-caller-identity", "--output", "json"]);
    if let Some(p) = profile {
        call.args(["--profile", p]);
    }
    match call.stdin(Stdio::inherit()).output() {
        Ok(out) if out.status.success() => {
            let json: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
            online.caller_arn = json.get("Arn").and_then(Value::as_str).map(str::to_owned);
        }
        Ok(out) => online.error = Some(String::from_utf8_lossy(&out.stderr).trim().to_owned()),
        Err(e) => online.error = Some(format!("could not run {}: {e}", real.display())),
    }
    report.online = Some(online);
    report.problems = problems(report);
}

fn rfc3339(ts: Option<Timestamp>) -> Value {
    ts.map_or(Value::Null, |t| Value::String(t.to_string()))
}

fn path_value(path: Option<&Path>) -> Value {
    path.map_or(Value::Null, |p| Value::String(p.display().to_string()))
}

/// The `--json` document (docs/doctor-json.md). Texts are in `lang`; ids and kinds are stable.
pub fn json(report: &Report, lang: Lang) -> Value {
    let ctx = &report.context;
    let s = &ctx.source;
    let provider = &s.provider;
    let cat = Catalogue::load(lang);
    let problems: Vec<Value> = report
        .problems
        .iter()
        .map(|p| {
            let a = &p.advice;
            let steps: Vec<String> = a.steps.iter().map(|s| cat.text(s.id, &s.args)).collect();
            json!({
                "id": a.situation,
                "text": cat.text(a.situation, &a.args),
                "why": cat.text(&format!("{}.why", a.situation), &a.args),
                "steps": steps,
                "doc": a.doc,
            })
        })
        .collect();
    json!({
        "schema_version": SCHEMA_VERSION,
        "checked_at": rfc3339(ctx.now),
        "shim": { "path": path_value(report.shim_path.as_deref()), "version": report.version },
        "real_aws": {
            "path": path_value(report.real_aws.as_ref().ok().map(PathBuf::as_path)),
            "error": report.real_aws.as_ref().err().map(ToString::to_string),
            "version": report.online.as_ref().and_then(|o| o.real_aws_version.clone()),
            "major": report.cli.as_ref().map(|c| c.major),
            "cli_version": report.cli.as_ref().and_then(|c| c.version.clone()),
            "version_from": report.cli.as_ref().map(|c| c.from.clone()),
        },
        "aws_on_path": { "path": path_value(report.aws_on_path.as_deref()), "is_shim": report.aws_is_shim },
        "language": { "code": report.language.lang.code(), "reason": report.language.reason.as_str() },
        "profile": { "name": ctx.profile, "chosen_by": ctx.profile_from.as_str() },
        "credentials": {
            "kind": s.kind().as_str(),
            "origin": Some(s.origin.as_str()).filter(|o| !o.is_empty()),
            "expires_at": rfc3339(s.expires_at),
            "seconds_left": ctx.seconds_left(),
            "expired": ctx.expired(),
            "refreshable": s.refreshable,
            "temporary": s.kind().is_temporary(),
            "sso_session": provider.sso_session(),
            "role_arn": provider.role_arn(),
            "mfa_serial": provider.mfa_serial(),
            "source_profile": provider.assume_role().and_then(|r| r.source_profile.as_deref()),
            "credential_source": provider.assume_role().and_then(|r| r.credential_source.as_deref()),
            "cache_file": path_value(s.cache_file.as_deref()),
            "cache_match": provider.cache_match().map(|m| match m { CacheMatch::Key => "key", CacheMatch::Content => "content" }),
            "credential_process": provider.process(),
            "exported_vars": provider.exported_vars(),
        },
        "last_failure": report.last_failure.as_ref().map(|r| json!({
            "family": r.failure.family().as_str(),
            "rule": r.failure.rule.id,
            "code": r.failure.code,
            "time": rfc3339(Timestamp::from_second(r.time).ok()),
            "source_kind": r.source.as_str(),
        })),
        "cloud9": ctx.cloud9.as_ref().map(|c| json!({
            "environment_id": c.environment_id,
            "environment_name": c.environment_name,
            "managed_header": c.managed_header,
            "header_time": rfc3339(c.header_time),
            "edited": c.edited,
        })),
        "wrapped": report.wrapped.iter().map(|w| json!({
            "name": w.name,
            "link": path_value(Some(&w.link)),
            "path": path_value(w.real.as_ref().ok().map(PathBuf::as_path)),
            "error": w.real.as_ref().err().map(ToString::to_string),
        })).collect::<Vec<Value>>(),
        "problems": problems,
        "online": report.online.as_ref().map(|o| json!({
            "caller_arn": o.caller_arn,
            "error": o.error,
        })),
    })
}

/// One section of the human report: a title (bold on a terminal) and its lines.
struct Section {
    title: String,
    lines: Vec<String>,
}

impl Section {
    fn new(title: String) -> Section {
        Section {
            title,
            lines: Vec::new(),
        }
    }

    /// A `label: value` line. Every value shown comes through here, with its control
    /// characters escaped: many are read from files and the environment.
    fn row(&mut self, label: String, value: &str) {
        self.lines
            .push(format!("  {label}: {}", render::escape_controls(value)));
    }
}

/// The catalogue's text for `id`, or the id itself when it cannot be written.
struct Texts {
    cat: Catalogue,
}

impl Texts {
    fn t(&self, id: &str, args: &[(&str, &str)]) -> String {
        self.cat.get(id, args).unwrap_or_else(|| id.to_owned())
    }
}

/// The human report, in `look`'s language: its sections, computed once, then written.
pub fn human(report: &Report, look: &Look) -> String {
    let texts = Texts {
        cat: Catalogue::load(look.lang),
    };
    let mut sections = vec![setup_section(report, &texts)];
    sections.push(profile_section(report, &texts, &look.tz));
    sections.extend(cloud9_section(&report.context, &texts, &look.tz));
    sections.extend(online_section(report, &texts));
    sections.push(problems_section(report, &texts, look));
    sections
        .into_iter()
        .map(|s| {
            std::iter::once(render::bold(&s.title, look.color))
                .chain(s.lines)
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// aws-shim itself, the real CLI, what `aws` is on PATH, the wrapped commands, the language.
fn setup_section(report: &Report, texts: &Texts) -> Section {
    let t = |id: &str, args: &[(&str, &str)]| texts.t(id, args);
    let mut section = Section::new(t("doctor-title", &[("version", report.version)]));
    let mut row = |label: &str, value: String| section.row(t(label, &[]), &value);
    let shim = report
        .shim_path
        .as_deref()
        .map_or_else(|| "?".to_owned(), |p| p.display().to_string());
    row("doctor-shim", shim);
    row(
        "doctor-real-aws",
        match &report.real_aws {
            Ok(path) => path.display().to_string(),
            Err(e) => {
                let (id, args) = locate_error_message(e);
                let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
                t(id, &args)
            }
        },
    );
    if let Some(version) = report
        .online
        .as_ref()
        .and_then(|o| o.real_aws_version.clone())
    {
        row("doctor-real-aws-version", version);
    } else if let Some(cli) = &report.cli {
        let version = cli
            .version
            .clone()
            .unwrap_or_else(|| format!("{}.x", cli.major));
        row(
            "doctor-real-aws-version",
            t(
                "doctor-version-from",
                &[("version", &version), ("from", &cli.from)],
            ),
        );
    }
    let aws = match &report.aws_on_path {
        Some(path) if report.aws_is_shim => t(
            "doctor-aws-is-shim",
            &[("path", &path.display().to_string())],
        ),
        Some(path) => t(
            "doctor-aws-is-not-shim",
            &[("path", &path.display().to_string())],
        ),
        None => t("doctor-aws-none", &[]),
    };
    row("doctor-aws-on-path", aws);
    if report.wrapped.is_empty() {
        row("doctor-wrapped", t("doctor-wrapped-none", &[]));
    }
    for w in &report.wrapped {
        let real = match &w.real {
            Ok(path) => path.display().to_string(),
            Err(_) => t("doctor-wrapped-missing", &[("name", &w.name)]),
        };
        row(
            "doctor-wrapped",
            t(
                "doctor-wrapped-value",
                &[("name", &w.name), ("real", &real)],
            ),
        );
    }
    let lang_reason = match report.language.reason {
        i18n::Reason::System => t("doctor-reason-system", &[]),
        i18n::Reason::Default => t("doctor-reason-default", &[]),
        other => t("doctor-reason-var", &[("name", other.as_str())]),
    };
    row(
        "doctor-language",
        t(
            "doctor-chosen-by",
            &[
                ("value", report.language.lang.code()),
                ("reason", &lang_reason),
            ],
        ),
    );
    section
}

/// The profile: where its credentials come from, their expiry, the last failure.
fn profile_section(report: &Report, texts: &Texts, tz: &jiff::tz::TimeZone) -> Section {
    let t = |id: &str, args: &[(&str, &str)]| texts.t(id, args);
    let cat = &texts.cat;
    let ctx = &report.context;
    let s = &ctx.source;
    let profile_reason = match ctx.profile_from {
        context::ProfileFrom::Default => t("doctor-reason-default", &[]),
        other => t("doctor-reason-var", &[("name", other.as_str())]),
    };
    let mut section = Section::new(t(
        "doctor-profile",
        &[("profile", &ctx.profile), ("reason", &profile_reason)],
    ));
    let mut prow = |label: &str, value: String| section.row(t(label, &[]), &value);
    prow(
        "doctor-source",
        t(&format!("kind-{}", s.kind().as_str()), &[]),
    );
    if !s.origin.is_empty() {
        prow("doctor-origin", s.origin.clone());
    }
    for (label, value) in s.provider.doctor_rows() {
        prow(label, value);
    }
    if let Some(file) = &s.cache_file {
        let shown = context::display_path(file, report.home.as_deref());
        let value = match s.provider.cache_match() {
            Some(CacheMatch::Content) => t("doctor-cache-by-content", &[("file", &shown)]),
            _ => shown,
        };
        prow("doctor-cache", value);
    }
    prow(s.provider.doctor_expires_label(), expiry(ctx, texts, tz));
    let refresh = s.provider.doctor_refresh_label(s.refreshable);
    prow("doctor-refreshable", t(refresh, &[]));
    let last = match &report.last_failure {
        Some(r) => t(
            "doctor-last-failure-value",
            &[
                (
                    "family",
                    &t(&format!("family-{}", r.failure.family().as_str()), &[]),
                ),
                (
                    "code",
                    &r.failure
                        .code
                        .clone()
                        .or_else(|| cat.get(&r.failure.what_id(), &[]))
                        .unwrap_or_default(),
                ),
                (
                    "time",
                    &Timestamp::from_second(r.time)
                        .map(|at| render::local_time(at, tz))
                        .unwrap_or_default(),
                ),
            ],
        ),
        None => t("doctor-last-failure-none", &[]),
    };
    prow("doctor-last-failure", last);
    section
}

/// When the credentials expire (or expired), as far as it is known.
fn expiry(ctx: &Context, texts: &Texts, tz: &jiff::tz::TimeZone) -> String {
    let t = |id: &str, args: &[(&str, &str)]| texts.t(id, args);
    let cat = &texts.cat;
    let s = &ctx.source;
    match (s.expires_at, ctx.seconds_left()) {
        (Some(at), Some(left)) if left > 0 => t(
            "doctor-expires-in",
            &[
                ("time", &render::local_time(at, tz)),
                ("left", &render::duration(left, cat)),
            ],
        ),
        (Some(at), Some(left)) => t(
            "doctor-expired-ago",
            &[
                ("time", &render::local_time(at, tz)),
                ("ago", &render::duration(-left, cat)),
            ],
        ),
        _ if s.provider.is_long_term() => t("doctor-no-expiry", &[]),
        _ => match ctx
            .cloud9
            .as_ref()
            .filter(|_| s.provider == Provider::Cloud9Managed)
        {
            Some(c9) => match (c9.renewal_overdue(ctx.now), ctx.now) {
                (Some(due), Some(now)) => t(
                    "doctor-cloud9-expiry-overdue",
                    &[
                        ("time", &render::local_time(due, tz)),
                        (
                            "ago",
                            &render::duration(now.as_second() - due.as_second(), cat),
                        ),
                    ],
                ),
                _ => t("doctor-cloud9-expiry", &[]),
            },
            None => t("doctor-unknown", &[]),
        },
    }
}

/// The Cloud9 environment, when there is one.
fn cloud9_section(ctx: &Context, texts: &Texts, tz: &jiff::tz::TimeZone) -> Option<Section> {
    let t = |id: &str, args: &[(&str, &str)]| texts.t(id, args);
    let c9 = ctx.cloud9.as_ref()?;
    let mut section = Section::new("AWS Cloud9".to_owned());
    let env = match (&c9.environment_id, &c9.environment_name) {
        (Some(id), Some(name)) => format!("{id} ({name})"),
        (Some(id), None) => id.clone(),
        (None, Some(name)) => name.clone(),
        (None, None) => t("doctor-unknown", &[]),
    };
    section.row(t("doctor-cloud9-environment", &[]), &env);
    let file = if c9.managed_header {
        match c9.header_time {
            Some(time) => t(
                "doctor-cloud9-header",
                &[("time", &render::local_time(time, tz))],
            ),
            None => t("doctor-cloud9-header-undated", &[]),
        }
    } else if c9.edited {
        t("doctor-cloud9-edited", &[])
    } else {
        t("doctor-cloud9-no-header", &[])
    };
    section.row(t("doctor-cloud9-file", &[]), &file);
    Some(section)
}

/// `--online`'s answer, when asked for.
fn online_section(report: &Report, texts: &Texts) -> Option<Section> {
    let t = |id: &str, args: &[(&str, &str)]| texts.t(id, args);
    let online = report.online.as_ref()?;
    let mut section = Section::new(t("doctor-online", &[]));
    let value = match (&online.caller_arn, &online.error) {
        (Some(arn), _) => arn.clone(),
        (None, Some(error)) => t(
            "doctor-caller-failed",
            &[("error", error.lines().last().unwrap_or(""))],
        ),
        (None, None) => t("doctor-unknown", &[]),
    };
    section.row(t("doctor-caller", &[]), &value);
    Some(section)
}

/// The problems, each with its explanation (as the wrapper writes it), or that there is none.
fn problems_section(report: &Report, texts: &Texts, look: &Look) -> Section {
    let t = |id: &str, args: &[(&str, &str)]| texts.t(id, args);
    let ctx = &report.context;
    let mut section = Section::new(t(
        "doctor-problems",
        &[("count", &report.problems.len().to_string())],
    ));
    if report.problems.is_empty() {
        let none = if report.online.is_some() {
            "doctor-no-problems-online"
        } else {
            "doctor-no-problems"
        };
        section.lines.push(format!("  {}", t(none, &[])));
    }
    // The expiry line (and Cloud9's overdue renewal) belongs to credential problems only.
    let mut setup_ctx = ctx.clone();
    setup_ctx.source.expires_at = None;
    setup_ctx.cloud9 = None;
    setup_ctx.source.partly_read.clear();
    for (i, problem) in report.problems.iter().enumerate() {
        let situation = problem.advice.situation;
        let about_setup = situation.starts_with("doctor-") && !is_inferred(situation);
        let block = render::explanation(
            &problem.advice,
            if about_setup { &setup_ctx } else { ctx },
            look,
        );
        if i > 0 {
            section.lines.push(String::new());
        }
        section
            .lines
            .extend(block.lines().map(|l| format!("  {l}")));
    }
    section
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RULES;

    fn report(ctx: &Context) -> Report {
        Report {
            shim_path: Some("/opt/aws-shim".into()),
            home: Some("/home/me".into()),
            version: "0.0.0",
            real_aws: Ok("/usr/local/bin/aws".into()),
            aws_on_path: Some("/home/me/.local/share/aws-shim/bin/aws".into()),
            aws_is_shim: true,
            link_dir: Some("/home/me/.local/share/aws-shim/bin".into()),
            language: i18n::Choice {
                lang: Lang::EN,
                reason: i18n::Reason::Default,
            },
            bad_shim_lang: None,
            cli: ctx.cli.clone(),
            context: ctx.clone(),
            last_failure: None,
            problems: Vec::new(),
            online: None,
            wrapped: Vec::new(),
        }
    }

    /// Both renderings in both languages; `Catalogue::get` stops on an argument left out.
    fn render_all(report: &mut Report) {
        report.problems = problems(report);
        for lang in Lang::all() {
            let look = Look {
                lang,
                tz: jiff::tz::TimeZone::UTC,
                color: false,
            };
            let text = human(report, &look);
            let json = json(report, lang).to_string();
            for out in [&text, &json] {
                assert!(!out.contains("{$") && !out.contains("{ $"), "{out}");
            }
        }
    }

    /// Doctor in every state: each context (source, Cloud9, profile, CLI, facts), each
    /// setup problem, each recorded failure, an online answer.
    #[test]
    fn doctor_renders_every_state_with_every_argument() {
        let contexts = crate::advice::tests::contexts();
        let errors = [
            real_aws::LocateError::NotFound,
            real_aws::LocateError::BadOverride("/nowhere/aws".into()),
            real_aws::LocateError::OverrideIsShim("/opt/aws-shim".into()),
            real_aws::LocateError::Loop(8),
        ];
        for (i, ctx) in contexts.iter().enumerate() {
            let mut r = report(ctx);
            render_all(&mut r);
            // The setup problems, a few contexts at a time.
            r.real_aws = Err(errors[i % errors.len()].clone());
            r.aws_is_shim = i % 2 == 0;
            r.link_dir = (i % 3 == 0).then(|| "/home/me/bin".into());
            r.bad_shim_lang = Some("klingon".into());
            r.online = Some(Online {
                real_aws_version: Some("aws-cli/2.31.0".into()),
                caller_arn: None,
                error: Some("An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The provided token has expired.".into()),
            });
            render_all(&mut r);
        }
        // Every recorded failure, with one context of each source.
        let mut seen = Vec::new();
        for ctx in contexts.iter().filter(|c| c.cli.is_some()) {
            let key = (ctx.source.kind(), ctx.cloud9.as_ref().map(|c| c.edited));
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            for rule in RULES {
                let mut r = report(ctx);
                r.last_failure = Some(Recorded {
                    failure: Failure::of_rule(rule),
                    time: 1_800_000_000,
                    source: ctx.source.kind(),
                    stamp: None,
                });
                render_all(&mut r);
            }
        }
    }

    /// One cause, one problem: Cloud9's overdue renewal and the ExpiredToken it causes.
    #[test]
    fn an_overdue_cloud9_renewal_and_its_failure_are_one_problem() {
        let ctx = crate::advice::tests::contexts()
            .into_iter()
            .find(|c| {
                c.source.kind() == SourceKind::Cloud9Managed
                    && c.cloud9.as_ref().is_some_and(|c| !c.edited)
                    && !c.profile_explicit()
            })
            .unwrap();
        let rule = Rule::by_id("expired-token").unwrap();
        let mut r = report(&ctx);
        let alone = problems(&r);
        assert_eq!(alone.len(), 1, "{alone:?}");
        assert_eq!(alone[0].advice.situation, "doctor-cloud9-overdue");
        r.last_failure = Some(Recorded {
            failure: Failure::of_rule(rule),
            time: 1_800_000_000,
            source: ctx.source.kind(),
            stamp: None,
        });
        let both = problems(&r);
        assert_eq!(both.len(), 1, "{both:?}");
        assert_eq!(both[0].advice.situation, "cloud9-expired");
    }
}
