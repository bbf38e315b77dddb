//! aws-shim's integration tests: one test binary, one module per area.

mod cloud9;
mod context;
mod demo;
mod doctor;
mod fail_open;
mod filter;
mod follow;
mod hostile;
mod init;
mod install;
mod language;
mod layout;
mod one_failure;
mod places;
mod pty;
mod real_cli;
mod relogin;
mod shell;
mod state;
mod support;
mod tools;
mod wrapper;
