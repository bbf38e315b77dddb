//! One file per subcommand.

pub mod demo;
pub mod doctor;
pub mod exec;
pub mod explain;
pub mod init;
pub mod prompt;

/// A subcommand: run it and return the process's exit code.
pub trait Run {
    fn run(self) -> anyhow::Result<i32>;
}

impl Run for crate::cli::StandIn {
    fn run(self) -> anyhow::Result<i32> {
        crate::stand_in::run()
    }
}
