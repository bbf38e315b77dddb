//! The doctor's report (`aws-shim doctor`): what aws-shim sees, and every problem it finds
//! with its remedy.
//!
//! Offline by default: [`examine`] reads local files only and starts no process. `--online`
//! adds the real CLI's version and `aws sts get-caller-identity` through the real CLI.
//! `--json` writes the schema documented in docs/doctor-json.md ([`SCHEMA_VERSION`]).

use crate::advice::{self, Advice, Step};
use crate::context::expiry::CacheMatch;
use crate::context::place::{self, Place};
use crate::context::{self, Context, Provider, SourceKind};
use crate::i18n::{self, Catalogue, Lang};
use crate::render::Look;
use crate::rules::{self, Failure, Rule};
use crate::state::Recorded;
use crate::{config, real_aws, render};
use jiff::Timestamp;
use serde_json::{Value, json};
use std::ffi::OsStr;
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
    /// What locates the real CLI and tells which it is (`real_aws::Settings::from_env`).
    pub cli: real_aws::Settings,
    pub language: i18n::Choice,
    /// aws-shim's state directory (where the last failure is recorded), if any.
    pub state_dir: Option<PathBuf>,
    /// `AWS_SHIM_LANG` as set (a value that means nothing is a problem to report).
    pub shim_lang: Option<String>,
    /// The directory of the links that `aws-shim init` makes (`aws`, and `--wrap`'s).
    pub link_dir: Option<PathBuf>,
    /// The variables place detection reads ([`config::place_env`]).
    pub place_env: std::collections::BTreeMap<String, String>,
    /// The machine's files as place detection reads them ([`config::machine_files`]).
    pub machine: place::RootedFs,
}

impl Facts {
    /// The facts of this process; `profile` as given with `--profile`.
    pub fn gather(profile: Option<&str>, lang: Option<&str>) -> Facts {
        Facts {
            inputs: config::context_inputs(profile),
            shim_path: std::env::current_exe().ok(),
            cli: real_aws::Settings::from_env(),
            language: i18n::current(lang),
            state_dir: config::state_dir(),
            shim_lang: config::shim_lang(),
            link_dir: config::data_dir().map(|d| d.join("bin")),
            place_env: config::place_env(),
            machine: config::machine_files(),
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
            if facts.cli.own_id != Some((meta.dev(), meta.ino())) {
                return None;
            }
            let real = real_aws::locate_tool(
                OsStr::new(&name),
                facts.cli.path.as_deref(),
                facts.cli.own_id,
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
    std::fs::metadata(path).is_ok_and(|meta| facts.cli.own_id == Some((meta.dev(), meta.ino())))
}

/// One problem and its remedy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub advice: Advice,
    /// The failure it is, when it is one (seen, recorded or inferred from the files): its
    /// text is the explanation of that failure ([`crate::explain::text`]).
    pub failure: Option<Failure>,
}

impl Problem {
    /// A problem of the setup (or one inferred from the files), not a failure.
    fn setup(advice: Advice) -> Problem {
        Problem {
            advice,
            failure: None,
        }
    }

    /// A failure, advised as its explanation is ([`crate::explain::advice`]).
    fn failure(failure: Failure, ctx: &Context) -> Problem {
        Problem {
            advice: crate::explain::advice(&failure, ctx),
            failure: Some(failure),
        }
    }
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
    /// The context; its `place` only when the place serves the credentials in use (then
    /// the remedies are the place's, as when a call fails).
    pub context: Context,
    /// Where this shell runs, when recognised, whether or not its credentials are in use.
    pub place: Option<Place>,
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
    // Located from the facts' settings (`real_aws::Settings::from_env`), so that a test can
    // give its own.
    let located = real_aws::Cli::new(facts.cli.clone());
    let real = located
        .program()
        .map(Path::to_path_buf)
        .map_err(Clone::clone);
    let cli = located.version();
    let mut ctx = context::resolve_for_cli(&facts.inputs, cli.clone());
    // The place, as the failure path recognises it (`context::locate`); kept in the context
    // only when it serves the credentials in use. The place shown is the one kept, else the
    // first recognised.
    let found = place::candidates(&facts.place_env, &facts.machine, ctx.now);
    (ctx.source.place, ctx.source.job) = context::keep(&found, ctx.source.kind());
    let place = ctx
        .source
        .place
        .clone()
        .or_else(|| found.into_iter().next());
    let first = real_aws::first_on_path(facts.cli.path.as_deref());
    let aws_is_shim = first
        .as_ref()
        .is_some_and(|(_, id)| facts.cli.own_id == Some(*id));
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
        place,
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
    let mut found: Vec<Problem> = Vec::new();
    if let Err(error) = &report.real_aws {
        let (situation, args) = locate_error_message(error);
        let mut advice = Advice::new(
            situation,
            "https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html",
        )
        .step(Step::new("step-install-cli"));
        advice.args = args;
        found.push(Problem::setup(advice));
    }
    if let Some(value) = &report.bad_shim_lang {
        found.push(Problem::setup(
            Advice::new("doctor-bad-lang", "aws-shim --help")
                .arg("value", value.clone())
                .arg("lang", report.language.lang.code())
                .step(Step::new("step-fix-lang").arg("values", Lang::codes().join(", "))),
        ));
    }
    if !ctx.source.partly_read.is_empty() {
        let files = render::shown_paths(&ctx.source.partly_read);
        let limit = crate::files::max_config_shown();
        found.push(Problem::setup(
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
        ));
    }
    if !report.aws_is_shim {
        // The directory to put first, when the link is there; else the hook that makes it.
        let step = match &report.link_dir {
            Some(dir) => Step::new("step-path-first").arg("dir", dir.display().to_string()),
            None => Step::new("step-path-init"),
        };
        found.push(Problem::setup(
            Advice::new("doctor-not-shim", "aws-shim init --help").step(step),
        ));
    }
    let exported = ctx.source.provider.is_exported();
    if exported && ctx.profile_from.is_variable() {
        found.push(Problem::setup(
            Advice::new("doctor-env-overrides-profile", advice::DOC_ENV)
                .arg("profile", ctx.profile.clone())
                .arg("var", ctx.profile_from.as_str())
                .step(
                    Step::new("step-unset-for-profile")
                        .arg("vars", ctx.source.provider.exported_vars().join(" "))
                        .arg("profile", ctx.profile.clone()),
                )
                .step(Step::new("step-profile-option").arg("profile", ctx.profile.clone())),
        ));
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
        found.push(Problem::setup(inferred));
    }
    // What the credentials' state says now, as the failure the CLI would report.
    let edited_cloud9 = ctx.cloud9.as_ref().is_some_and(|c| c.edited);
    let rule = match ctx.source.kind() {
        SourceKind::None => Some("no-credentials"),
        // An `aws login` profile without a saved session: nobody has signed in here.
        SourceKind::Login if !ctx.source.cache_file.as_deref().is_some_and(Path::is_file) => {
            Some("login-session-missing")
        }
        SourceKind::Sso if ctx.source.cache_file.is_none() => Some("sso-token-missing"),
        SourceKind::Sso if ctx.expired() == Some(true) => Some("sso-session-expired"),
        _ if ctx.expired() == Some(true) || edited_cloud9 => Some("expired-token"),
        // The token the place's credentials are exchanged for (an EKS service account token,
        // a job's ID token) is past its exp: the next exchange fails, whatever the CLI renews.
        _ if place_token_expired(ctx) => Some("expired-token"),
        _ => None,
    };
    found.extend(
        rule.and_then(Rule::by_id)
            .map(|rule| Problem::failure(Failure::of_rule(rule), ctx)),
    );
    if let Some(recorded) = &report.last_failure {
        found.push(Problem::failure(recorded.failure.clone(), ctx));
    }
    if let Some(online) = &report.online {
        let recognised = online
            .error
            .as_deref()
            .and_then(|e| e.lines().find_map(|l| rules::recognise(l.as_bytes())));
        if let Some(failure) = recognised {
            found.push(Problem::failure(failure, ctx));
        }
    }
    // One cause, one problem: a failure seen (recorded, or online) takes the place of the
    // same cause inferred from the files.
    let mut problems: Vec<Problem> = Vec::new();
    for problem in found {
        let situation = problem.advice.situation;
        match problems
            .iter_mut()
            .find(|p| cause(p.advice.situation) == cause(situation))
        {
            Some(p) if is_inferred(p.advice.situation) && !is_inferred(situation) => {
                *p = problem;
            }
            Some(_) => {}
            None => problems.push(problem),
        }
    }
    problems
}

/// Whether the place that serves the credentials in use holds a token past its `exp`.
fn place_token_expired(ctx: &Context) -> bool {
    ctx.source
        .place
        .as_ref()
        .and_then(Place::token)
        .is_some_and(|token| token.expired == Some(true))
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

/// A text for people, worked out but not yet written: the language and the time zone come
/// when it is written ([`Text::write`]).
#[derive(Clone, Debug, PartialEq)]
pub enum Text {
    /// A catalogue message with its arguments, themselves texts; the id itself when the
    /// catalogue has no such message.
    Msg(String, Vec<(&'static str, Text)>),
    /// A catalogue message without arguments, or nothing when the catalogue has none.
    MsgOrEmpty(String),
    /// A value read from a file, the environment or the system: written as it is.
    Plain(String),
    /// An instant, in the time zone of the look.
    Time(Timestamp),
    /// A number of seconds, as `2h13m` in the catalogue's words.
    Duration(i64),
}

impl Text {
    fn msg(id: impl Into<String>) -> Text {
        Text::Msg(id.into(), Vec::new())
    }

    fn with(mut self, name: &'static str, value: Text) -> Text {
        if let Text::Msg(_, args) = &mut self {
            args.push((name, value));
        }
        self
    }

    fn plain(value: impl Into<String>) -> Text {
        Text::Plain(value.into())
    }

    /// The text in the catalogue's language, times in `tz`.
    pub fn write(&self, cat: &Catalogue, tz: &jiff::tz::TimeZone) -> String {
        match self {
            Text::Msg(id, args) => {
                let args: Vec<(&str, String)> =
                    args.iter().map(|(k, v)| (*k, v.write(cat, tz))).collect();
                let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
                cat.get(id, &args).unwrap_or_else(|| id.clone())
            }
            Text::MsgOrEmpty(id) => cat.get(id, &[]).unwrap_or_default(),
            Text::Plain(value) => value.clone(),
            Text::Time(at) => render::local_time(*at, tz),
            Text::Duration(seconds) => render::duration(*seconds, cat),
        }
    }
}

/// A field of the JSON document, at a dotted path (`real_aws.version`).
#[derive(Clone, Debug, PartialEq)]
pub enum Field {
    /// The value at the path.
    Set(&'static str, Value),
    /// One more element of the array at the path.
    Push(&'static str, Value),
    /// A text for people at the path, in the document's language.
    Text(&'static str, Text),
}

/// One row of the report, with its values worked out: what the text shows and what the JSON
/// holds.
#[derive(Clone, Debug)]
pub enum Row<'a> {
    /// A `label: value` line when `shown` (the label a catalogue id), and the JSON fields it
    /// stands for (some are in JSON only, some in text only).
    Fact {
        shown: Option<(&'static str, Text)>,
        json: Vec<Field>,
    },
    /// A line of text alone (text only).
    Note(Text),
    /// A problem: its explanation block in text, `{id, text, why, steps, doc}` in JSON's
    /// `problems`.
    Problem(&'a Problem),
}

impl Row<'_> {
    fn shown(label: &'static str, value: Text, json: Vec<Field>) -> Row<'static> {
        Row::Fact {
            shown: Some((label, value)),
            json,
        }
    }

    fn json_only(json: Vec<Field>) -> Row<'static> {
        Row::Fact { shown: None, json }
    }
}

/// A section of the report: a title (none for JSON-only facts) and its rows.
#[derive(Clone, Debug)]
pub struct Section<'a> {
    pub title: Option<Text>,
    pub rows: Vec<Row<'a>>,
}

/// The report as sections of rows, worked out once; [`human`] and [`json`] write it.
#[derive(Clone, Debug)]
pub struct Sheet<'a> {
    pub sections: Vec<Section<'a>>,
    /// The context of the problems.
    context: &'a Context,
    /// The context of the problems about the setup: without the credentials' expiry (and
    /// Cloud9's overdue renewal) and the note about a file read in part, which belong to
    /// credential problems only.
    setup_context: Context,
}

/// The report's sections and rows.
pub fn sheet(report: &Report) -> Sheet<'_> {
    let ctx = &report.context;
    let mut setup_context = ctx.clone();
    setup_context.source.expires_at = None;
    setup_context.cloud9 = None;
    setup_context.source.partly_read.clear();
    let mut sections = vec![setup_section(report), profile_section(report)];
    sections.push(cloud9_section(ctx));
    sections.push(online_section(report));
    sections.push(problems_section(report));
    Sheet {
        sections,
        context: ctx,
        setup_context,
    }
}

/// The `--json` document (docs/doctor-json.md). Texts are in `lang`; ids and kinds are stable.
pub fn json(report: &Report, lang: Lang) -> Value {
    let cat = Catalogue::load(lang);
    let mut doc = serde_json::Map::new();
    for row in sheet(report).sections.iter().flat_map(|s| &s.rows) {
        match row {
            Row::Fact { json, .. } => {
                for field in json {
                    match field {
                        Field::Set(path, value) => *slot(&mut doc, path) = value.clone(),
                        Field::Push(path, value) => push(slot(&mut doc, path), value.clone()),
                        Field::Text(path, text) => {
                            *slot(&mut doc, path) =
                                Value::String(text.write(&cat, &jiff::tz::TimeZone::UTC));
                        }
                    }
                }
            }
            Row::Note(_) => {}
            Row::Problem(problem) => {
                let a = &problem.advice;
                let steps: Vec<String> = a.steps.iter().map(|s| cat.text(s.id, &s.args)).collect();
                let value = json!({
                    "id": a.situation,
                    "text": cat.text(a.situation, &a.args),
                    "why": cat.text(&format!("{}.why", a.situation), &a.args),
                    "steps": steps,
                    "doc": a.doc,
                });
                push(slot(&mut doc, "problems"), value);
            }
        }
    }
    Value::Object(doc)
}

/// The value at a dotted path of `doc`, made (null) with the objects on its way when absent.
fn slot<'v>(doc: &'v mut serde_json::Map<String, Value>, path: &str) -> &'v mut Value {
    let (parents, last) = match path.rsplit_once('.') {
        Some((parents, last)) => (Some(parents), last),
        None => (None, path),
    };
    let mut map = doc;
    for key in parents.into_iter().flat_map(|p| p.split('.')) {
        let value = map
            .entry(key)
            .or_insert_with(|| Value::Object(serde_json::Map::new()));
        if !value.is_object() {
            *value = Value::Object(serde_json::Map::new());
        }
        map = value.as_object_mut().expect("made an object above");
    }
    map.entry(last).or_insert(Value::Null)
}

fn push(slot: &mut Value, value: Value) {
    match slot {
        Value::Array(items) => items.push(value),
        other => *other = Value::Array(vec![value]),
    }
}

/// The human report, in `look`'s language: the sections with a title, each title painted
/// bold by the renderer.
pub fn human(report: &Report, look: &Look) -> String {
    let cat = Catalogue::load(look.lang);
    let sheet = sheet(report);
    let write = |text: &Text| text.write(&cat, &look.tz);
    sheet
        .sections
        .iter()
        .filter_map(|section| {
            let title = section.title.as_ref()?;
            let mut lines = vec![render::bold(&write(title), look.color)];
            let mut problems = 0;
            for row in &section.rows {
                match row {
                    // Every value shown comes through here, with its control characters
                    // escaped: many are read from files and the environment.
                    Row::Fact {
                        shown: Some((label, value)),
                        ..
                    } => lines.push(format!(
                        "  {}: {}",
                        write(&Text::msg(*label)),
                        render::escape_controls(&write(value))
                    )),
                    Row::Fact { shown: None, .. } => {}
                    Row::Note(text) => lines.push(format!("  {}", write(text))),
                    Row::Problem(problem) => {
                        if problems > 0 {
                            lines.push(String::new());
                        }
                        problems += 1;
                        let block = problem_text(problem, &sheet, look);
                        lines.extend(block.lines().map(|l| format!("  {l}")));
                    }
                }
            }
            Some(lines.join("\n"))
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A problem's explanation, as the wrapper writes it: a failure through
/// [`crate::explain::text`], the one path every explanation takes; a problem of the setup
/// without the credentials' expiry.
fn problem_text(problem: &Problem, sheet: &Sheet, look: &Look) -> String {
    let situation = problem.advice.situation;
    if let Some(failure) = &problem.failure {
        return crate::explain::text(failure, sheet.context, look);
    }
    let about_setup = situation.starts_with("doctor-") && !is_inferred(situation);
    let ctx = if about_setup {
        &sheet.setup_context
    } else {
        sheet.context
    };
    render::explanation(&problem.advice, ctx, look)
}

/// aws-shim itself, the real CLI, what `aws` is on PATH, the wrapped commands, the language.
fn setup_section(report: &Report) -> Section<'static> {
    let ctx = &report.context;
    let mut rows = vec![Row::json_only(vec![
        Field::Set("schema_version", json!(SCHEMA_VERSION)),
        Field::Set("checked_at", rfc3339(ctx.now)),
        Field::Set("shim.version", json!(report.version)),
    ])];
    let shim = report
        .shim_path
        .as_deref()
        .map_or_else(|| "?".to_owned(), |p| p.display().to_string());
    rows.push(Row::shown(
        "doctor-shim",
        Text::plain(shim),
        vec![Field::Set(
            "shim.path",
            path_value(report.shim_path.as_deref()),
        )],
    ));
    let real = match &report.real_aws {
        Ok(path) => Text::plain(path.display().to_string()),
        Err(e) => {
            let (id, args) = locate_error_message(e);
            Text::Msg(
                id.to_owned(),
                args.into_iter().map(|(k, v)| (k, Text::Plain(v))).collect(),
            )
        }
    };
    rows.push(Row::shown(
        "doctor-real-aws",
        real,
        vec![
            Field::Set(
                "real_aws.path",
                path_value(report.real_aws.as_ref().ok().map(PathBuf::as_path)),
            ),
            Field::Set(
                "real_aws.error",
                json!(report.real_aws.as_ref().err().map(ToString::to_string)),
            ),
        ],
    ));
    let online_version = report
        .online
        .as_ref()
        .and_then(|o| o.real_aws_version.clone());
    let version = match (&online_version, &report.cli) {
        (Some(version), _) => Some(Text::plain(version.clone())),
        (None, Some(cli)) => {
            let version = cli
                .version
                .clone()
                .unwrap_or_else(|| format!("{}.x", cli.major));
            Some(
                Text::msg("doctor-version-from")
                    .with("version", Text::Plain(version))
                    .with("from", Text::plain(cli.from.clone())),
            )
        }
        (None, None) => None,
    };
    rows.push(Row::Fact {
        shown: version.map(|v| ("doctor-real-aws-version", v)),
        json: vec![
            Field::Set("real_aws.version", json!(online_version)),
            Field::Set(
                "real_aws.major",
                json!(report.cli.as_ref().map(|c| c.major)),
            ),
            Field::Set(
                "real_aws.cli_version",
                json!(report.cli.as_ref().and_then(|c| c.version.clone())),
            ),
            Field::Set(
                "real_aws.version_from",
                json!(report.cli.as_ref().map(|c| c.from.clone())),
            ),
        ],
    });
    let aws = match &report.aws_on_path {
        Some(path) if report.aws_is_shim => {
            Text::msg("doctor-aws-is-shim").with("path", Text::plain(path.display().to_string()))
        }
        Some(path) => Text::msg("doctor-aws-is-not-shim")
            .with("path", Text::plain(path.display().to_string())),
        None => Text::msg("doctor-aws-none"),
    };
    rows.push(Row::shown(
        "doctor-aws-on-path",
        aws,
        vec![
            Field::Set(
                "aws_on_path.path",
                path_value(report.aws_on_path.as_deref()),
            ),
            Field::Set("aws_on_path.is_shim", json!(report.aws_is_shim)),
        ],
    ));
    if report.wrapped.is_empty() {
        rows.push(Row::shown(
            "doctor-wrapped",
            Text::msg("doctor-wrapped-none"),
            vec![Field::Set("wrapped", json!([]))],
        ));
    }
    for w in &report.wrapped {
        let real = match &w.real {
            Ok(path) => Text::plain(path.display().to_string()),
            Err(_) => Text::msg("doctor-wrapped-missing").with("name", Text::plain(w.name.clone())),
        };
        rows.push(Row::shown(
            "doctor-wrapped",
            Text::msg("doctor-wrapped-value")
                .with("name", Text::plain(w.name.clone()))
                .with("real", real),
            vec![Field::Push(
                "wrapped",
                json!({
                    "name": w.name,
                    "link": path_value(Some(&w.link)),
                    "path": path_value(w.real.as_ref().ok().map(PathBuf::as_path)),
                    "error": w.real.as_ref().err().map(ToString::to_string),
                }),
            )],
        ));
    }
    let lang_reason = match report.language.reason {
        i18n::Reason::System => Text::msg("doctor-reason-system"),
        i18n::Reason::Default => Text::msg("doctor-reason-default"),
        other => Text::msg("doctor-reason-var").with("name", Text::plain(other.as_str())),
    };
    rows.push(Row::shown(
        "doctor-language",
        Text::msg("doctor-chosen-by")
            .with("value", Text::plain(report.language.lang.code()))
            .with("reason", lang_reason),
        vec![
            Field::Set("language.code", json!(report.language.lang.code())),
            Field::Set("language.reason", json!(report.language.reason.as_str())),
        ],
    ));
    rows.extend(place_rows(report));
    Section {
        title: Some(Text::msg("doctor-title").with("version", Text::plain(report.version))),
        rows,
    }
}

/// Where this shell runs: the place's name, what recognised it, and the expiry of a token
/// read offline (an EKS pod's, a CI job's ID token); that none was recognised; in JSON
/// `place` (`null` when none).
fn place_rows(report: &Report) -> Vec<Row<'static>> {
    let ctx = &report.context;
    let Some(place) = &report.place else {
        return vec![Row::shown(
            "doctor-place",
            Text::msg("doctor-place-none"),
            vec![Field::Set("place", Value::Null)],
        )];
    };
    let name = Text::msg(place.name_id());
    let serves = ctx.source.place.is_some();
    // A place whose credentials are not the ones in use is named, but its remedies are not
    // given: say so.
    let job = ctx.source.job.as_ref() == Some(place);
    let shown = if serves {
        name.clone()
    } else if job {
        // A job whose credentials come from elsewhere: still no sign-in there.
        Text::msg("doctor-place-job").with("place", name.clone())
    } else if ctx.source.is_missing() {
        Text::msg("doctor-place-no-credentials").with("place", name.clone())
    } else {
        Text::msg("doctor-place-not-source").with("place", name.clone())
    };
    let evidence = place.evidence();
    let mut rows = vec![
        Row::shown(
            "doctor-place",
            shown,
            vec![
                Field::Set("place.id", json!(place.id())),
                Field::Text("place.name", name),
                Field::Set("place.serves_credentials", json!(serves)),
                Field::Set("place.ci_job", json!(ctx.source.job.is_some())),
            ],
        ),
        Row::shown(
            "doctor-place-evidence",
            Text::plain(evidence.join(", ")),
            vec![Field::Set("place.evidence", json!(evidence))],
        ),
    ];
    let token = place.token();
    let expires = place.token_expires_at();
    let value = match expires {
        Some(at) => expires_text(at, ctx.now),
        None => Text::msg("doctor-unknown"),
    };
    rows.push(Row::Fact {
        shown: token.map(|_| {
            let label = if place.is_ci_job() {
                "doctor-place-id-token-expires"
            } else {
                "doctor-place-token-expires"
            };
            (label, value)
        }),
        json: vec![
            Field::Set("place.token_file", json!(token.map(|t| t.file.clone()))),
            Field::Set("place.token_expires_at", rfc3339(expires)),
            Field::Set("place.token_expired", json!(token.and_then(|t| t.expired))),
        ],
    });
    rows
}

/// The profile: where its credentials come from, their expiry, the last failure.
fn profile_section(report: &Report) -> Section<'static> {
    let ctx = &report.context;
    let s = &ctx.source;
    let provider = &s.provider;
    let profile_reason = match ctx.profile_from {
        context::ProfileFrom::Default => Text::msg("doctor-reason-default"),
        other => Text::msg("doctor-reason-var").with("name", Text::plain(other.as_str())),
    };
    let title = Text::msg("doctor-profile")
        .with("profile", Text::plain(ctx.profile.clone()))
        .with("reason", profile_reason);
    let mut rows = vec![
        Row::json_only(vec![
            Field::Set("profile.name", json!(ctx.profile)),
            Field::Set("profile.chosen_by", json!(ctx.profile_from.as_str())),
        ]),
        Row::shown(
            "doctor-source",
            Text::msg(format!("kind-{}", s.kind().as_str())),
            vec![
                Field::Set("credentials.kind", json!(s.kind().as_str())),
                Field::Set("credentials.temporary", json!(s.kind().is_temporary())),
            ],
        ),
        Row::Fact {
            shown: (!s.origin.is_empty()).then(|| ("doctor-origin", Text::plain(s.origin.clone()))),
            json: vec![Field::Set(
                "credentials.origin",
                json!(Some(s.origin.as_str()).filter(|o| !o.is_empty())),
            )],
        },
    ];
    // What only this kind of source has: its rows in text, its fields (null when it has
    // none) in JSON.
    rows.extend(
        provider
            .doctor_rows()
            .into_iter()
            .map(|(label, value)| Row::shown(label, Text::Plain(value), Vec::new())),
    );
    rows.push(Row::json_only(vec![
        Field::Set("credentials.sso_session", json!(provider.sso_session())),
        Field::Set("credentials.role_arn", json!(provider.role_arn())),
        Field::Set("credentials.mfa_serial", json!(provider.mfa_serial())),
        Field::Set(
            "credentials.source_profile",
            json!(
                provider
                    .assume_role()
                    .and_then(|r| r.source_profile.as_deref())
            ),
        ),
        Field::Set(
            "credentials.credential_source",
            json!(
                provider
                    .assume_role()
                    .and_then(|r| r.credential_source.as_deref())
            ),
        ),
        Field::Set("credentials.credential_process", json!(provider.process())),
        Field::Set("credentials.exported_vars", json!(provider.exported_vars())),
    ]));
    let cache = s.cache_file.as_ref().map(|file| {
        let shown = context::display_path(file, report.home.as_deref());
        let value = match provider.cache_match() {
            Some(CacheMatch::Content) => {
                Text::msg("doctor-cache-by-content").with("file", Text::Plain(shown))
            }
            _ => Text::Plain(shown),
        };
        ("doctor-cache", value)
    });
    rows.push(Row::Fact {
        shown: cache,
        json: vec![
            Field::Set(
                "credentials.cache_file",
                path_value(s.cache_file.as_deref()),
            ),
            Field::Set(
                "credentials.cache_match",
                json!(provider.cache_match().map(|m| match m {
                    CacheMatch::Key => "key",
                    CacheMatch::Content => "content",
                })),
            ),
        ],
    });
    rows.push(Row::shown(
        provider.doctor_expires_label(),
        expiry(ctx),
        vec![
            Field::Set("credentials.expires_at", rfc3339(s.expires_at)),
            Field::Set("credentials.seconds_left", json!(ctx.seconds_left())),
            Field::Set("credentials.expired", json!(ctx.expired())),
        ],
    ));
    // The CLI renews web identity or container credentials by itself only while the token
    // they are exchanged for is valid.
    let (refresh_label, refreshable) = if place_token_expired(ctx) {
        ("doctor-refresh-token-expired", Some(false))
    } else {
        (provider.doctor_refresh_label(s.refreshable), s.refreshable)
    };
    rows.push(Row::shown(
        "doctor-refreshable",
        Text::msg(refresh_label),
        vec![Field::Set("credentials.refreshable", json!(refreshable))],
    ));
    let last = match &report.last_failure {
        Some(r) => {
            let code = match &r.failure.code {
                Some(code) => Text::plain(code.clone()),
                None => Text::MsgOrEmpty(r.failure.what_id()),
            };
            let time = match Timestamp::from_second(r.time) {
                Ok(at) => Text::Time(at),
                Err(_) => Text::plain(""),
            };
            Text::msg("doctor-last-failure-value")
                .with(
                    "family",
                    Text::msg(format!("family-{}", r.failure.family().as_str())),
                )
                .with("code", code)
                .with("time", time)
        }
        None => Text::msg("doctor-last-failure-none"),
    };
    rows.push(Row::shown(
        "doctor-last-failure",
        last,
        vec![Field::Set(
            "last_failure",
            json!(report.last_failure.as_ref().map(|r| json!({
                "family": r.failure.family().as_str(),
                "rule": r.failure.rule.id,
                "code": r.failure.code,
                "time": rfc3339(Timestamp::from_second(r.time).ok()),
                "source_kind": r.source.as_str(),
            }))),
        )],
    ));
    Section {
        title: Some(title),
        rows,
    }
}

/// An expiry at `at`: with the time left, or how long ago it passed, when the time now is
/// known.
fn expires_text(at: Timestamp, now: Option<Timestamp>) -> Text {
    match now.map(|now| at.as_second() - now.as_second()) {
        Some(left) if left > 0 => Text::msg("doctor-expires-in")
            .with("time", Text::Time(at))
            .with("left", Text::Duration(left)),
        Some(left) => Text::msg("doctor-expired-ago")
            .with("time", Text::Time(at))
            .with("ago", Text::Duration(-left)),
        None => Text::Time(at),
    }
}

/// When the credentials expire (or expired), as far as it is known.
fn expiry(ctx: &Context) -> Text {
    let s = &ctx.source;
    match s.expires_at {
        Some(at) => expires_text(at, ctx.now),
        _ if s.provider.is_long_term() => Text::msg("doctor-no-expiry"),
        _ => match ctx
            .cloud9
            .as_ref()
            .filter(|_| s.provider == Provider::Cloud9Managed)
        {
            Some(c9) => match (c9.renewal_overdue(ctx.now), ctx.now) {
                (Some(due), Some(now)) => Text::msg("doctor-cloud9-expiry-overdue")
                    .with("time", Text::Time(due))
                    .with("ago", Text::Duration(now.as_second() - due.as_second())),
                _ => Text::msg("doctor-cloud9-expiry"),
            },
            None => Text::msg("doctor-unknown"),
        },
    }
}

/// The Cloud9 environment, when there is one (in JSON, `null` when there is none).
fn cloud9_section(ctx: &Context) -> Section<'static> {
    let Some(c9) = ctx.cloud9.as_ref() else {
        return Section {
            title: None,
            rows: vec![Row::json_only(vec![Field::Set("cloud9", Value::Null)])],
        };
    };
    let env = match (&c9.environment_id, &c9.environment_name) {
        (Some(id), Some(name)) => Text::plain(format!("{id} ({name})")),
        (Some(id), None) => Text::plain(id.clone()),
        (None, Some(name)) => Text::plain(name.clone()),
        (None, None) => Text::msg("doctor-unknown"),
    };
    let file = if c9.managed_header {
        match c9.header_time {
            Some(time) => Text::msg("doctor-cloud9-header").with("time", Text::Time(time)),
            None => Text::msg("doctor-cloud9-header-undated"),
        }
    } else if c9.edited {
        Text::msg("doctor-cloud9-edited")
    } else {
        Text::msg("doctor-cloud9-no-header")
    };
    Section {
        title: Some(Text::plain("AWS Cloud9")),
        rows: vec![
            Row::shown(
                "doctor-cloud9-environment",
                env,
                vec![
                    Field::Set("cloud9.environment_id", json!(c9.environment_id)),
                    Field::Set("cloud9.environment_name", json!(c9.environment_name)),
                ],
            ),
            Row::shown(
                "doctor-cloud9-file",
                file,
                vec![
                    Field::Set("cloud9.managed_header", json!(c9.managed_header)),
                    Field::Set("cloud9.header_time", rfc3339(c9.header_time)),
                    Field::Set("cloud9.edited", json!(c9.edited)),
                ],
            ),
        ],
    }
}

/// `--online`'s answer, when asked for (in JSON, `null` when not).
fn online_section(report: &Report) -> Section<'static> {
    let Some(online) = report.online.as_ref() else {
        return Section {
            title: None,
            rows: vec![Row::json_only(vec![Field::Set("online", Value::Null)])],
        };
    };
    let value = match (&online.caller_arn, &online.error) {
        (Some(arn), _) => Text::plain(arn.clone()),
        (None, Some(error)) => Text::msg("doctor-caller-failed")
            .with("error", Text::plain(error.lines().last().unwrap_or(""))),
        (None, None) => Text::msg("doctor-unknown"),
    };
    Section {
        title: Some(Text::msg("doctor-online")),
        rows: vec![Row::shown(
            "doctor-caller",
            value,
            vec![
                Field::Set("online.caller_arn", json!(online.caller_arn)),
                Field::Set("online.error", json!(online.error)),
            ],
        )],
    }
}

/// The problems, each with its explanation, or that there is none.
fn problems_section(report: &Report) -> Section<'_> {
    let title =
        Text::msg("doctor-problems").with("count", Text::plain(report.problems.len().to_string()));
    let mut rows = vec![Row::json_only(vec![Field::Set("problems", json!([]))])];
    if report.problems.is_empty() {
        rows.push(Row::Note(Text::msg(if report.online.is_some() {
            "doctor-no-problems-online"
        } else {
            "doctor-no-problems"
        })));
    }
    rows.extend(report.problems.iter().map(Row::Problem));
    Section {
        title: Some(title),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RULES;

    pub(super) fn report(ctx: &Context) -> Report {
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
            place: ctx.source.place.clone(),
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

    /// A failure doctor finds is explained as the wrapper explains its line
    /// ([`crate::explain::text`]): the `aws: [ERROR]:` prefix of an online answer names AWS
    /// CLI v2 when the files did not say which CLI it is.
    #[test]
    fn a_failure_is_explained_as_the_wrapper_explains_it() {
        let line = "aws: [ERROR]: An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The provided token has expired.";
        let failure = rules::recognise(line.as_bytes()).unwrap();
        assert!(failure.v2_prefix);
        let look = Look {
            lang: Lang::EN,
            tz: jiff::tz::TimeZone::UTC,
            color: false,
        };
        let mut told_v2 = 0;
        for ctx in crate::advice::tests::contexts() {
            let mut r = report(&ctx);
            r.online = Some(Online {
                error: Some(line.to_owned()),
                ..Online::default()
            });
            r.problems = problems(&r);
            let online = |p: &&Problem| p.failure.as_ref().is_some_and(|f| f.v2_prefix);
            let Some(problem) = r.problems.iter().find(online) else {
                continue;
            };
            assert_eq!(problem.advice, crate::explain::advice(&failure, &ctx));
            let text = human(&r, &look);
            let block = crate::explain::text(&failure, &ctx, &look);
            let indented: Vec<String> = block.lines().map(|l| format!("  {l}")).collect();
            assert!(text.contains(&indented.join("\n")), "{text}\n---\n{block}");
            if problem.advice != advice::advise(&failure, &ctx) {
                told_v2 += 1;
            }
        }
        assert!(told_v2 > 0, "no context where the prefix decides");
    }

    /// Every fixture's place with a context of each source: every text filled in, the
    /// place named (in JSON too), and its remedies given only where it serves the credentials.
    #[test]
    fn doctor_renders_every_place() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/places");
        let mut seen = Vec::new();
        let contexts: Vec<Context> = crate::advice::tests::contexts()
            .into_iter()
            .filter(|c| {
                let new = !seen.contains(&c.source.kind());
                seen.push(c.source.kind());
                new
            })
            .collect();
        let mut places = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let fixture = entry.unwrap().path();
            let env = std::fs::read_to_string(fixture.join("env"))
                .unwrap()
                .lines()
                .filter_map(|l| l.split_once('='))
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect();
            let fs = place::RootedFs::new(fixture.join("root"));
            let Some(found) = place::detect(&env, &fs, contexts[0].now) else {
                continue;
            };
            places += 1;
            for ctx in &contexts {
                let mut ctx = ctx.clone();
                let serves = context::serves(&found, ctx.source.kind());
                ctx.source.place = serves.then(|| found.clone());
                for rule in ["expired-token", "no-credentials"] {
                    let mut r = report(&ctx);
                    r.place = Some(found.clone());
                    let failure = Failure::of_rule(Rule::by_id(rule).unwrap());
                    r.last_failure = Some(Recorded {
                        failure: failure.clone(),
                        time: 1_800_000_000,
                        source: ctx.source.kind(),
                        stamp: None,
                    });
                    render_all(&mut r);
                    let v = json(&r, Lang::EN);
                    assert_eq!(v["place"]["id"], found.id());
                    assert_eq!(v["place"]["serves_credentials"], serves);
                    let place_steps = place::steps(&found, failure.family(), &ctx);
                    let problem = r
                        .problems
                        .iter()
                        .find(|p| p.failure.as_ref() == Some(&failure));
                    if let Some(problem) = problem.filter(|_| !serves) {
                        assert!(
                            place_steps.is_empty() || problem.advice.steps != place_steps,
                            "{found:?} {rule}"
                        );
                    }
                }
            }
        }
        assert!(places >= 12, "{places} places");
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
