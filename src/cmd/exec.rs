//! `aws-shim exec -- ARGS...` (the wrapper, as `aws ARGS...` is) and `aws-shim run -- TOOL
//! ARGS...` (another AWS tool run the wrapper's way): both hand over to [`crate::wrapper`].

use crate::cli::{Exec, RunTool};
use crate::cmd::Run;
use crate::wrapper;

impl Run for Exec {
    fn run(self) -> anyhow::Result<i32> {
        wrapper::wrap(self.args)
    }
}

impl Run for RunTool {
    fn run(self) -> anyhow::Result<i32> {
        let mut words = self.command.into_iter();
        let name = words.next().unwrap_or_default();
        wrapper::wrap_tool(&name, words.collect())
    }
}
