//! aws-shim: a transparent `aws` wrapper that explains expired AWS credentials.
//!
//! # The data's path
//!
//! One `aws` call takes one path, wired by [`wrapper`]; each stage is a module that knows
//! nothing of the stages after it (docs/architecture.md has the map):
//!
//! ```text
//!  args ──────────────── the aws command line, parsed once (profile, error format, command)
//!  real_aws ──────────── locate the real CLI (AWS_SHIM_REAL_AWS, else PATH without ourselves)
//!  run ───────────────── spawn it: stdin/stdout untouched, stderr through the filter, exact exit
//!   └ filter ────────── pass bytes at once, hold only what may become an error line
//!      └ rules ──────── recognise a line: a rules::Failure (the one failure type)
//!  context ───────────── where the credentials come from (a context::Provider, one variant per
//!                        kind of source, with its own data), when they expire, Cloud9 (pure)
//!  explain ───────────── the one way from a failure to its text:
//!   ├ advice ────────── the failure in its context: what happened, why, the steps
//!   └ render ────────── the advice as text, in a Look (language, time zone, colour; pure)
//!  record ────────────── after the call: the failure file and the prompt cache, together
//!   ├ state ─────────── owns both files
//!   └ prompt ────────── the prompt segment and its cache text, from the context and state
//! ```
//!
//! Beside the path: [`config`] reads every environment variable, [`i18n`] chooses the
//! language and holds the catalogues, `fail_open` keeps aws-shim's own trouble out of the
//! CLI's output, `files` reads small files without ever blocking, `cli` holds the clap types,
//! [`tools`] is what aws-shim knows of each other tool it wraps (read by [`args`] and
//! [`scan`]), [`doctor`] builds doctor's report, and [`cmd`] has one file per subcommand, each a leaf
//! that calls the library. After the path, with `AWS_SHIM_RELOGIN=ask` only, `relogin`
//! offers on the terminal to sign in again and run the call again.

pub mod advice;
pub mod args;
pub(crate) mod cli;
pub mod cmd;
pub mod config;
pub mod context;
pub mod doctor;
pub mod explain;
pub(crate) mod fail_open;
pub(crate) mod files;
pub mod filter;
pub mod i18n;
pub(crate) mod prompt;
pub mod real_aws;
pub(crate) mod record;
pub(crate) mod relogin;
pub mod render;
pub mod rules;
pub(crate) mod run;
pub(crate) mod scan;
pub(crate) mod stand_in;
pub(crate) mod state;
pub mod tools;
pub mod wrapper;
