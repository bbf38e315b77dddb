//! Language choice and the message catalogues (Fluent, one `locales/LANG.ftl` per language,
//! embedded in the binary and parsed only when a message is needed).

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};

include!(concat!(env!("OUT_DIR"), "/catalogues.rs"));

/// A language aws-shim has a catalogue for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lang(&'static str);

impl Lang {
    pub const EN: Lang = Lang("en");
    pub const JA: Lang = Lang("ja");

    /// The catalogue language for a code like `ja`, `ja_JP.UTF-8`, `en-US`.
    pub fn from_code(code: &str) -> Option<Lang> {
        let base = code
            .split(['_', '-', '.', '@'])
            .next()?
            .to_ascii_lowercase();
        CATALOGUES
            .iter()
            .find(|(lang, _)| *lang == base)
            .map(|(lang, _)| Lang(lang))
    }

    pub fn code(self) -> &'static str {
        self.0
    }

    pub fn all() -> impl Iterator<Item = Lang> {
        CATALOGUES.iter().map(|(lang, _)| Lang(lang))
    }

    /// The codes of every catalogue (`en`, `ja`): the values `--lang` takes.
    pub fn codes() -> Vec<&'static str> {
        Lang::all().map(Lang::code).collect()
    }
}

/// How the language was chosen, for `doctor`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub lang: Lang,
    pub reason: Reason,
}

/// What decided the language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// `--lang`.
    Flag,
    /// This environment variable (`AWS_SHIM_LANG`, `LC_ALL`, `LC_MESSAGES`, `LANG`).
    Var(&'static str),
    /// The system's locale setting.
    System,
    /// Nothing did: English.
    Default,
    /// The language chosen needs UTF-8, and the locale's character set is another.
    NotUtf8,
}

impl Reason {
    /// As written to JSON: `--lang`, the variable's name, `system locale` or `default`.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Flag => "--lang",
            Reason::Var(name) => name,
            Reason::System => "system locale",
            Reason::Default => "default",
            Reason::NotUtf8 => "character set not UTF-8",
        }
    }
}

/// Whether a language or locale value (`ja`, `en_US.UTF-8`, `C`) means a language aws-shim
/// has; an empty value means nothing and is no mistake.
pub fn understood(value: &str) -> bool {
    value.trim().is_empty() || interpret(value).is_some()
}

/// What a locale value says about the language.
fn interpret(value: &str) -> Option<Lang> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let base = value.split(['.', '@']).next().unwrap_or(value);
    if base == "C" || base == "POSIX" {
        return Some(Lang::EN);
    }
    Lang::from_code(value)
}

/// `AWS_SHIM_LANG`, then `LC_ALL`, `LC_MESSAGES`, `LANG` (C and POSIX mean English; an
/// unknown value falls through), then the system locale, then English. `explicit` (from
/// `--lang`) wins over all.
pub fn choose(
    explicit: Option<&str>,
    vars: &[(&'static str, Option<String>)],
    system: impl FnOnce() -> Option<String>,
) -> Choice {
    if let Some(lang) = explicit.and_then(interpret) {
        return Choice {
            lang,
            reason: Reason::Flag,
        };
    }
    for (name, value) in vars {
        if let Some(lang) = value.as_deref().and_then(interpret) {
            return Choice {
                lang,
                reason: Reason::Var(name),
            };
        }
    }
    if let Some(lang) = system().as_deref().and_then(interpret) {
        return Choice {
            lang,
            reason: Reason::System,
        };
    }
    Choice {
        lang: Lang::EN,
        reason: Reason::Default,
    }
}

/// The language for this process. Japanese needs a terminal that shows UTF-8: with a
/// character set that is not (`ja_JP.eucJP`, `ja_JP.SJIS`) aws-shim writes English rather
/// than bytes the terminal would show as garbage.
pub fn current(explicit: Option<&str>) -> Choice {
    let choice = choose(explicit, &crate::config::language_vars(), system_locale);
    if choice.lang != Lang::EN && crate::config::charset_is_not_utf8() {
        return Choice {
            lang: Lang::EN,
            reason: Reason::NotUtf8,
        };
    }
    choice
}

/// The system's locale where it is kept outside the environment (macOS, Windows).
#[cfg(not(target_os = "linux"))]
fn system_locale() -> Option<String> {
    sys_locale::get_locale()
}

/// On Linux the system locale is the environment's `LC_ALL`, `LC_MESSAGES` and `LANG`,
/// already consulted; `LANGUAGE` counts only when those name a locale (as in gettext).
#[cfg(target_os = "linux")]
fn system_locale() -> Option<String> {
    None
}

/// One language's parsed catalogue.
pub struct Catalogue {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
}

impl Catalogue {
    pub fn load(lang: Lang) -> Catalogue {
        let source = CATALOGUES
            .iter()
            .find(|(code, _)| *code == lang.0)
            .map_or("", |(_, s)| s);
        let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(res, _)| res);
        let langid = lang.0.parse().unwrap_or_default();
        let mut bundle = FluentBundle::new(vec![langid]);
        bundle.set_use_isolating(false);
        // A duplicate id is a catalogue bug caught by the tests; keep the first.
        let _ = bundle.add_resource(resource);
        Catalogue { lang, bundle }
    }

    /// Whether the catalogue has this message (or `message.attribute`).
    pub fn has(&self, id: &str) -> bool {
        match id.split_once('.') {
            Some((m, a)) => self
                .bundle
                .get_message(m)
                .is_some_and(|m| m.get_attribute(a).is_some()),
            None => self
                .bundle
                .get_message(id)
                .is_some_and(|m| m.value().is_some()),
        }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The text of a message (or `message.attribute`), with arguments. A missing message
    /// gives `None`. The arguments are values from files and the environment (profile names,
    /// role ARNs, commands, paths): their control characters are shown escaped
    /// ([`crate::render::escape_controls`]), so that no message can carry them to a terminal.
    /// A message rendered without one of its arguments (Fluent then writes `{$name}`) is a bug
    /// of the caller: debug builds, and so every test, stop on it.
    pub fn get(&self, id: &str, args: &[(&str, &str)]) -> Option<String> {
        let (msg_id, attr) = match id.split_once('.') {
            Some((m, a)) => (m, Some(a)),
            None => (id, None),
        };
        let message = self.bundle.get_message(msg_id)?;
        let pattern = match attr {
            Some(a) => message.get_attribute(a)?.value(),
            None => message.value()?,
        };
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            fargs.set(*k, FluentValue::from(crate::render::escape_controls(v)));
        }
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, Some(&fargs), &mut errors);
        debug_assert!(
            errors.is_empty(),
            "{}: message {id} rendered with {args:?}: {errors:?}",
            self.lang.code()
        );
        Some(text.into_owned())
    }

    /// Items joined as a list in this language (`list-separator`: `, ` in English, `、` in
    /// Japanese).
    pub fn list(&self, items: &[&str]) -> String {
        items.join(
            &self
                .get("list-separator", &[])
                .unwrap_or_else(|| ", ".to_owned()),
        )
    }

    /// The text of a message with owned arguments (as advice carries them); a missing
    /// message gives its id, so that a gap shows instead of vanishing.
    pub fn text(&self, id: &str, args: &[(&'static str, String)]) -> String {
        let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.get(id, &args).unwrap_or_else(|| id.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(
        all: Option<&str>,
        messages: Option<&str>,
        lang: Option<&str>,
    ) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("AWS_SHIM_LANG", None),
            ("LC_ALL", all.map(str::to_owned)),
            ("LC_MESSAGES", messages.map(str::to_owned)),
            ("LANG", lang.map(str::to_owned)),
        ]
    }

    #[test]
    #[allow(clippy::type_complexity)]
    fn the_locale_table() {
        let cases: &[(Option<&str>, Option<&str>, Option<&str>, Option<&str>, &str)] = &[
            (None, None, Some("ja_JP.UTF-8"), None, "ja"),
            (None, None, Some("ja_JP.eucJP"), None, "ja"),
            (None, None, Some("ja_JP.SJIS"), None, "ja"),
            (None, None, Some("ja"), None, "ja"),
            (Some("C"), None, Some("ja_JP.UTF-8"), None, "en"),
            (Some("POSIX"), None, Some("ja_JP.UTF-8"), None, "en"),
            (None, Some("C.UTF-8"), Some("ja_JP.UTF-8"), None, "en"),
            (None, Some("en_US.UTF-8"), Some("ja_JP.UTF-8"), None, "en"),
            (Some("xx_YY"), None, Some("ja_JP.UTF-8"), None, "ja"),
            (Some(""), None, Some("ja_JP.UTF-8"), None, "ja"),
            (None, None, None, Some("ja-JP"), "ja"),
            (None, None, None, None, "en"),
            (None, None, Some("de_DE.UTF-8"), Some("fr-FR"), "en"),
        ];
        for (all, messages, lang, system, want) in cases {
            let got = choose(None, &vars(*all, *messages, *lang), || {
                system.map(str::to_owned)
            });
            assert_eq!(
                got.lang.code(),
                *want,
                "{all:?} {messages:?} {lang:?} {system:?}"
            );
        }
    }

    /// The variables of each message and attribute (`id`, `id.why`) of a catalogue.
    fn variables(lang: Lang) -> std::collections::BTreeMap<String, Vec<String>> {
        let cat = Catalogue::load(lang);
        let var = regex::Regex::new(r"\{\s*\$([A-Za-z0-9_-]+)\s*\}").unwrap();
        let source = CATALOGUES
            .iter()
            .find(|(c, _)| *c == lang.code())
            .unwrap()
            .1;
        let mut all = std::collections::BTreeMap::new();
        let mut current = String::new();
        for line in source.lines() {
            let (id, value) = if let Some((id, value)) = line
                .split_once(" = ")
                .filter(|_| !line.starts_with([' ', '#']))
            {
                current = id.to_owned();
                (id.to_owned(), value)
            } else if let Some((attr, value)) = line
                .trim_start()
                .strip_prefix('.')
                .and_then(|l| l.split_once(" = "))
            {
                (format!("{current}.{attr}"), value)
            } else {
                continue;
            };
            assert!(cat.has(&id), "{id} in {} does not parse", lang.code());
            let mut vars: Vec<String> = var.captures_iter(value).map(|c| c[1].to_owned()).collect();
            vars.sort();
            vars.dedup();
            all.insert(id, vars);
        }
        all
    }

    /// Every message id written in src/ (passed to the catalogue, to a step or an advice, or
    /// chosen in a match) exists in every catalogue, with the same variables in each.
    #[test]
    fn every_message_id_in_the_source_exists_in_every_catalogue() {
        let catalogues: Vec<_> = Lang::all().map(|l| (l, variables(l))).collect();
        let en = &catalogues.iter().find(|(l, _)| *l == Lang::EN).unwrap().1;
        for (lang, vars) in &catalogues {
            assert_eq!(vars, en, "{} and en differ", lang.code());
        }
        // Ids with a message prefix anywhere, and any id where a situation is named.
        let prefixed = regex::Regex::new(
            r#""((?:label|step|doctor|note|wait|hint|shell|duration|help|explain|cloud9-note|value)-[a-z0-9-]+(?:\.why)?)""#,
        )
        .unwrap();
        let situation =
            regex::Regex::new(r#"(?:Advice::new\(|situation = )\s*"([a-z0-9-]+)""#).unwrap();
        let mut files = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        let mut used = std::collections::BTreeSet::new();
        while let Some(path) = files.pop() {
            if path.is_dir() {
                files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for re in [&prefixed, &situation] {
                    for c in re.captures_iter(&text) {
                        used.insert((c[1].to_owned(), path.display().to_string()));
                    }
                }
            }
        }
        assert!(used.len() > 100, "{used:?}");
        for (id, file) in &used {
            assert!(
                en.contains_key(id),
                "{id} (used in {file}) is in no catalogue"
            );
        }
        // Ids made from parts: each credential kind, each family of failures.
        for rule in crate::rules::RULES {
            let id = format!("family-{}", rule.family.as_str());
            assert!(en.contains_key(&id), "{id} is in no catalogue");
        }
        for kind in crate::context::SourceKind::ALL {
            let id = format!("kind-{}", kind.as_str());
            assert!(en.contains_key(&id), "{id} is in no catalogue");
        }
    }

    #[test]
    fn aws_shim_lang_and_explicit_win() {
        let mut v = vars(None, None, Some("en_US.UTF-8"));
        v[0].1 = Some("ja".to_owned());
        assert_eq!(choose(None, &v, || None).lang.code(), "ja");
        assert_eq!(choose(Some("en"), &v, || None).lang.code(), "en");
    }
}
