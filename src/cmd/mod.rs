//! One file per subcommand: each parses nothing more than its options and calls the
//! library. No file here imports another, and the library never imports this module
//! (`tests/integration/layout.rs` keeps it so).

mod cloud9;
mod demo;
mod doctor;
mod exec;
mod explain;
mod init;
pub mod prompt;
mod wait;
mod warn;

use crate::cli::Command;
use std::ffi::OsString;

/// Parse the command line and run the subcommand; returns the exit code.
pub fn run(args: impl IntoIterator<Item = OsString>) -> anyhow::Result<i32> {
    let cli = crate::cli::parse(args.into_iter().collect());
    match cli.command {
        Command::Exec(c) => c.run(),
        Command::Run(c) => c.run(),
        Command::Explain(c) => c.run(),
        Command::Demo(c) => c.run(),
        Command::Doctor(c) => c.run(),
        Command::Prompt(c) => c.run(),
        Command::Init(c) => c.run(),
        Command::Cloud9(crate::cli::Cloud9Command::Note(c)) => c.run(),
        Command::Wait(c) => c.run(),
        Command::Completions(c) => c.run(),
        Command::StandIn(c) => c.run(),
        Command::Warn(c) => c.run(),
    }
}

/// A subcommand: run it and return the process's exit code.
pub trait Run {
    fn run(self) -> anyhow::Result<i32>;
}

impl Run for crate::cli::StandIn {
    fn run(self) -> anyhow::Result<i32> {
        crate::stand_in::run()
    }
}
