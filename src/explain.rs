//! The one explanation path: a recognised failure in its context, advised and rendered
//! ([`explain`]), and the wrapper's responder that calls it when the filter recognises a line
//! ([`Explainer`]). `aws`, `run -- TOOL`, `demo` and `explain` all explain through here.

use crate::config::Mode;
use crate::context::Context;
use crate::fail_open::fail_open;
use crate::filter::Responder;
use crate::i18n::{self, Lang};
use crate::render::{self, Look};
use crate::rules::{Failure, Family};
use crate::{advice, real_aws};

/// What there is to say about a failure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Explanation {
    /// Nothing known: the line stays as it came, alone.
    Nothing,
    /// A line that also has other causes: it stays, and one line of hint follows.
    Hint(String),
    /// The explanation. `replaces` whether it takes the line's place when asked to (the
    /// replace mode); else the line stays before it.
    Text { text: String, replaces: bool },
}

/// What the wrapper says about `failure` in `ctx`, written in `look`: a failure that also has
/// other causes gets a hint, or (a tool's message that stands for an expiry) the expiry's
/// explanation when the context knows the credentials have expired; any other its [`text`].
pub fn explain(failure: &Failure, ctx: &Context, look: &Look) -> Explanation {
    if let Some(rule) = failure.rule.if_expired() {
        // A tool's message that also has other causes (the CDK's "Unable to resolve AWS
        // account"): explained only when the context knows the credentials have expired,
        // and then as what is known, the expiry.
        if !advice::known_expired(ctx) {
            return Explanation::Nothing;
        }
        let mut expired = Failure::of_rule(rule);
        expired.tool = failure.tool.clone();
        return Explanation::Text {
            text: text(&expired, ctx, look),
            replaces: false,
        };
    }
    if failure.family() == Family::Ambiguous {
        return match advice::hint(failure, ctx) {
            Some(hint) => Explanation::Hint(render::hint_line(&hint, look)),
            None => Explanation::Nothing,
        };
    }
    Explanation::Text {
        text: text(failure, ctx, look),
        replaces: true,
    }
}

/// The whole explanation block of `failure` in `ctx` (advise, then render), as `explain CODE`
/// shows it too. The CLI that wrote the line is the one `ctx.cli` names, unless the line's
/// own prefix says it is AWS CLI v2.
pub fn text(failure: &Failure, ctx: &Context, look: &Look) -> String {
    let ctx = context_of(failure, ctx);
    let advice = advice::advise(failure, &ctx);
    render::explanation(&advice, &ctx, look)
}

/// The advice that [`text`] writes (doctor's JSON gives its parts).
pub fn advice(failure: &Failure, ctx: &Context) -> advice::Advice {
    advice::advise(failure, &context_of(failure, ctx))
}

/// `ctx` as the failure's line tells it: the CLI that wrote the line is the one `ctx.cli`
/// names, unless the line's own prefix says it is AWS CLI v2.
fn context_of(failure: &Failure, ctx: &Context) -> Context {
    let mut ctx = ctx.clone();
    ctx.cli = real_aws::CliVersion::from_line(failure.v2_prefix, ctx.cli.take());
    ctx
}

/// `ctx` with the place of a failure recognised ([`crate::config::located`]: on the failure
/// path only; a successful call never looks).
pub fn with_place(mut ctx: Context) -> Context {
    crate::config::located(&ctx).apply(&mut ctx);
    ctx
}

/// The responder of the wrapper: resolves the context (its place included: see
/// [`with_place`]) only when a line is recognised, then [`explain`]s it. Whatever fails
/// inside it leaves the line as it came.
pub struct Explainer<F: Fn() -> Context> {
    /// `Replace` or `Append` (`Off` never reaches the explainer).
    pub mode: Mode,
    /// Whether stderr is a terminal (colour, unless `NO_COLOR`).
    pub tty: bool,
    /// The language, or `None` to choose it from the environment when a line is recognised.
    pub lang: Option<Lang>,
    pub context: F,
}

impl<F: Fn() -> Context> Explainer<F> {
    /// Whether the language is English only because nothing chose another: not by
    /// `AWS_SHIM_LANG` or `--lang` (a locale variable or the default decided).
    fn english_by_inference(&self) -> bool {
        if self.lang.is_some() {
            return false;
        }
        let choice = i18n::current(None);
        choice.lang == Lang::EN
            && !matches!(
                choice.reason,
                i18n::Reason::Flag | i18n::Reason::Var("AWS_SHIM_LANG")
            )
    }

    fn look(&self) -> Look {
        match self.lang {
            Some(lang) => Look::in_lang(lang, self.tty),
            None => Look::from_env(None, self.tty),
        }
    }
}

impl<F: Fn() -> Context> Responder for Explainer<F> {
    fn respond(&mut self, failure: &Failure, line: &[u8], out: &mut Vec<u8>) -> Option<Vec<u8>> {
        let found = fail_open(|| {
            let ctx = (self.context)();
            let look = self.look();
            let mut explanation = explain(failure, &ctx, &look);
            if let Explanation::Text { text, .. } = &mut explanation
                && ctx.cloud9.is_some()
                && self.english_by_inference()
            {
                // Cloud9 terminals run with an English locale: say once, in Japanese, how
                // to switch.
                let ja = i18n::Catalogue::load(Lang::JA);
                text.push_str("\n  ");
                text.push_str(&ja.text("hint-switch-to-ja", &[]));
            }
            (explanation, look.color)
        });
        match found {
            Some((Explanation::Text { text, replaces }, color)) => {
                if replaces && self.mode == Mode::Replace {
                    out.extend_from_slice(render::headline(&failure.headline(), color).as_bytes());
                } else {
                    out.extend_from_slice(line);
                }
                Some(text.into_bytes())
            }
            Some((Explanation::Hint(hint), _)) => {
                out.extend_from_slice(line);
                Some(hint.into_bytes())
            }
            // Fail open: the line as it came.
            Some((Explanation::Nothing, _)) | None => {
                out.extend_from_slice(line);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{RULES, Rule, TOOL_RULES};

    fn look() -> Look {
        Look {
            lang: Lang::EN,
            tz: jiff::tz::TimeZone::UTC,
            color: false,
        }
    }

    /// Each kind of failure takes its branch: a hint for one with other causes, nothing for a
    /// tool's message while the credentials are not known to have expired, else the text.
    #[test]
    fn each_failure_takes_its_branch() {
        let ctx = crate::advice::tests::contexts()
            .into_iter()
            .find(|c| !advice::known_expired(c))
            .unwrap();
        for rule in RULES.iter().chain(TOOL_RULES) {
            let failure = Failure::of_rule(rule);
            let got = explain(&failure, &ctx, &look());
            match got {
                Explanation::Nothing => {
                    assert!(rule.if_expired().is_some() || rule.family == Family::Ambiguous)
                }
                Explanation::Hint(_) => assert_eq!(rule.family, Family::Ambiguous, "{}", rule.id),
                Explanation::Text { text, replaces } => {
                    assert!(replaces && rule.if_expired().is_none(), "{}", rule.id);
                    assert_eq!(text, crate::explain::text(&failure, &ctx, &look()));
                }
            }
        }
    }

    /// The line's `aws: [ERROR]:` prefix names AWS CLI v2 whatever the context thought.
    #[test]
    fn the_v2_prefix_decides_the_cli() {
        let rule = Rule::by_id("sso-session-expired").unwrap();
        let mut ctx = crate::advice::tests::contexts()
            .into_iter()
            .find(|c| c.source.kind() == crate::context::SourceKind::Sso)
            .unwrap();
        ctx.cli = None;
        let mut failure = Failure::of_rule(rule);
        let unknown = text(&failure, &ctx, &look());
        failure.v2_prefix = true;
        let mut v2 = ctx.clone();
        v2.cli = real_aws::CliVersion::from_line(true, None);
        assert_eq!(
            text(&failure, &ctx, &look()),
            render::explanation(&advice::advise(&failure, &v2), &v2, &look())
        );
        assert_ne!(text(&failure, &ctx, &look()), unknown);
    }
}
