//! aws-shim's integration tests: one test binary, one module per area.

mod fail_open;
mod pty;
mod support;
mod wrapper;
