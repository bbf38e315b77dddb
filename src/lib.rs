//! aws-shim: a transparent `aws` wrapper that explains expired AWS credentials.
//!
//! The data's path, one module per stage: [`real_aws`] finds the real CLI, [`run`] runs it,
//! [`filter`] watches its stderr, [`rules`] recognises an error line, [`context`] works out
//! where the credentials come from, [`advice`] and [`render`] say what to do in the user's
//! language ([`i18n`]), [`state`] remembers failures, and [`prompt`] turns them into a prompt segment.

pub mod advice;
pub mod args;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod context;
pub mod fail_open;
pub mod filter;
pub mod i18n;
pub mod prompt;
pub mod real_aws;
pub mod render;
pub mod rules;
pub mod run;
pub mod stand_in;
pub mod state;
