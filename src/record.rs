//! The last stage of a call: what it showed, recorded (the failure state, [`crate::state`])
//! and the prompt cache kept in step with it ([`refresh_cache`], also used by `prompt` and
//! the hooks' warning).

use crate::args::CallFacts;
use crate::context::{self, Context, Located};
use crate::prompt::{self, CacheEntry, Segment, Symbols};
use crate::state::{self, Recorded, Store};
use crate::{config, i18n, run};

/// The bookkeeping after the CLI ended: record a failure that means the credentials do not
/// work now (only when the call failed), or clear a recorded one after a success that used
/// them; keep the prompt cache in step. Runs inside `fail_open`: every error is swallowed.
pub(crate) fn after_call(
    store: &Store,
    args: &CallFacts,
    outcome: &run::Outcome,
    resolve: impl Fn() -> Context,
    place: impl Fn() -> Located,
    program_is_v1: impl Fn() -> bool,
) {
    // A profile whose name is not text (a non-UTF-8 --profile or AWS_PROFILE) cannot be
    // told apart from another: record nothing rather than another profile's state.
    if args.profile_unreadable || config::profile_var_unreadable() {
        return;
    }
    let now = jiff::Timestamp::now().as_second();
    // Only a failing call says that the credentials do not work: a call that succeeded may
    // still have shown a credential line on its way (a log tail it printed, an SDK that
    // refreshed its credentials and retried), and it is a success like any other.
    let succeeded = outcome.status.success();
    match &outcome.finding {
        Some(failure) if !succeeded => {
            let ctx = resolve();
            if state::says_credentials_are_dead(failure, &ctx) {
                let recorded = Recorded {
                    failure: failure.clone(),
                    time: now,
                    source: ctx.source.kind(),
                    stamp: Some(ctx.source.stamp.clone()),
                };
                // The failure and the prompt cache change together (a lock around both
                // writes; the cache's text is worked out before, so that the lock is held
                // only while the two files are written, however many calls end at once).
                let cache = Cache::of(&ctx, Some(&recorded), now, &place);
                store.locked(|| {
                    if store.record(&ctx.profile, &recorded).is_ok() {
                        cache.store(store, &ctx);
                    }
                });
            }
        }
        _ if succeeded => {
            // Only the profile's name is worked out here: this runs after every success. The
            // CLI's version decides only when both profile variables name different profiles.
            let mut inputs = config::profile_inputs(args.profile.as_deref());
            if inputs.var("AWS_PROFILE").is_some()
                && inputs.var("AWS_DEFAULT_PROFILE").is_some()
                && inputs.var("AWS_PROFILE") != inputs.var("AWS_DEFAULT_PROFILE")
            {
                inputs.default_profile_first = program_is_v1();
            }
            let (profile, _) = context::profile_choice(&inputs);
            if args.changes_credentials {
                store.forget_prompt(&profile);
            }
            // With nothing recorded this costs one failed stat, and takes no lock.
            if args.uses_credentials && store.has_failure(&profile) {
                let ctx = resolve();
                // A successful call never looks up the place: should the credentials still
                // count as dead (a past expiry in the files), the warning goes without one,
                // but knows a CI job from its variables (no sign-in is offered there).
                let job_only = || Located {
                    place: None,
                    job: config::ci_job(),
                };
                let cache = Cache::of(&ctx, None, now, job_only);
                store.locked(|| {
                    if store.clear(&profile).unwrap_or(false) {
                        cache.store(store, &ctx);
                    }
                });
            }
        }
        _ => {}
    }
}

/// Work out the segment of `ctx.profile` and its warning line, and store the prompt cache
/// entry made of them, in the configured format, symbols and language (written anew each
/// time: the hooks compare the watched files with its time). Errors are the hook's problem:
/// it falls back to `aws-shim prompt` again next minute. With the CLI's version known
/// (`ctx.cli`), the mark of a CLI v1 follows it.
pub fn refresh_cache(
    store: &Store,
    ctx: &Context,
    recorded: Option<&Recorded>,
    now: i64,
    place: impl Fn() -> Located,
) -> (Segment, String) {
    let cache = Cache::of(ctx, recorded, now, place);
    cache.store(store, ctx);
    (cache.segment, cache.warning)
}

/// A prompt cache entry worked out and not yet stored.
struct Cache {
    segment: Segment,
    warning: String,
    text: String,
}

impl Cache {
    fn of(
        ctx: &Context,
        recorded: Option<&Recorded>,
        now: i64,
        place: impl Fn() -> Located,
    ) -> Cache {
        let (segment, warning) = segment_and_warning(ctx, recorded, now, place);
        let format = config::prompt_format();
        let entry = CacheEntry::watching(
            &segment,
            format.as_deref().unwrap_or(prompt::DEFAULT_FORMAT),
            &Symbols::configured(),
            warning.clone(),
            &ctx.source.watch,
        );
        Cache {
            segment,
            warning,
            text: entry.to_text(),
        }
    }

    fn store(&self, store: &Store, ctx: &Context) {
        if store.store_prompt(&ctx.profile, &self.text).is_ok()
            && let (Some(cli), Some(dir)) = (&ctx.cli, store.dir())
        {
            mark_cli_v1(dir, cli.major == 1);
        }
    }
}

/// The prompt segment of `ctx.profile` and the hooks' warning line, in the configured
/// language. Only when the credentials are known to be dead (the warning has something to
/// say) is `place` asked where the shell runs (the caller's lookup, done once a call), so
/// that the warning names the place's own remedy (CloudShell, a container on EC2, ...);
/// every other prompt skips it.
pub fn segment_and_warning(
    ctx: &Context,
    recorded: Option<&Recorded>,
    now: i64,
    place: impl Fn() -> Located,
) -> (Segment, String) {
    let seg = prompt::segment(ctx, recorded, now);
    if seg.status != prompt::Status::Expired {
        return (seg, String::new());
    }
    let mut ctx = ctx.clone();
    place().apply(&mut ctx);
    let warning = prompt::warning(&ctx, recorded, &seg, now, i18n::current(None).lang);
    (seg, warning)
}

/// Create or remove [`prompt::CLI_V1_MARK`] in the state directory `dir` (one `stat` when it
/// is already right).
fn mark_cli_v1(dir: &std::path::Path, v1: bool) {
    let mark = dir.join(prompt::CLI_V1_MARK);
    match (v1, std::fs::symlink_metadata(&mark).is_ok()) {
        (true, false) => {
            let _ = std::fs::write(
                &mark,
                "AWS CLI v1: AWS_DEFAULT_PROFILE before AWS_PROFILE\n",
            );
        }
        (false, true) => {
            let _ = std::fs::remove_file(&mark);
        }
        _ => {}
    }
}
