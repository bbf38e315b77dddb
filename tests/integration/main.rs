//! aws-shim's integration tests: one test binary, one module per area.

mod support;
mod state;
mod shell;
mod install;
