//! The entry point. `no_main`: the wrapper runs on every `aws` call, and std's start-up
//! (which parses /proc/self/maps to guard the main thread's stack) costs more than the rest of
//! the wrapper's own work. What it did that matters here is done below.
#![no_main]

use std::ffi::{CStr, OsStr, OsString, c_char, c_int};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

// SAFETY (no_mangle): with `no_main` this is the program's only `main` symbol, and it has the
// C signature the C runtime calls it with.
#[unsafe(no_mangle)]
/// # Safety
/// Called by the C runtime only, with its argc and argv.
pub unsafe extern "C" fn main(argc: c_int, argv: *const *const c_char) -> c_int {
    // As std's start-up does: a write to a closed pipe is an error, not a death. Children get
    // the default action back (std resets SIGPIPE when it spawns or execs).
    // SAFETY: SIG_IGN installs no code of ours, and no other thread exists yet.
    let caller_sigpipe = unsafe { libc::signal(libc::SIGPIPE, libc::SIG_IGN) };
    // The CLI gets the caller's disposition back: the default, or SIG_IGN when the caller
    // ignored SIGPIPE (as without aws-shim).
    aws_shim::wrapper::caller_ignores_sigpipe(caller_sigpipe == libc::SIG_IGN);
    // From main's own arguments: std fills `std::env::args` without its start-up only on some
    // targets (glibc on Linux, macOS).
    let mut args = (0..usize::try_from(argc).unwrap_or(0)).filter_map(|i| {
        // SAFETY: the C runtime passes an array of at least argc pointers, and i < argc.
        let arg = unsafe { *argv.add(i) };
        if arg.is_null() {
            return None;
        }
        // SAFETY: a non-null argv entry is a NUL-terminated string that stays valid and
        // unchanged for the life of the process; it is copied before use.
        let arg = unsafe { CStr::from_ptr(arg) };
        Some(OsStr::from_bytes(arg.to_bytes()).to_owned())
    });
    let argv0 = args.next().unwrap_or_default();
    // Under the name `aws` the binary is the wrapper: no option parsing of its own. Under a
    // name without `aws-shim` in it (a link named `cdk`, `sam`, `terraform`), it wraps that
    // command; any name with `aws-shim` in it (`aws-shim-0.4`, `my-aws-shim`) is itself.
    let name = Path::new(&argv0).file_name().unwrap_or_default();
    if name == "aws" {
        aws_shim::wrapper::wrap(args.collect::<Vec<OsString>>());
    }
    if !name.is_empty() && !contains(name.as_encoded_bytes(), b"aws-shim") {
        aws_shim::wrapper::wrap_tool(name, args.collect::<Vec<OsString>>());
    }
    let rest: Vec<OsString> = args.collect();
    // `aws-shim run -- COMMAND ...` runs as often as `aws`: no clap either.
    if rest.len() > 2 && rest[0] == "run" && rest[1] == "--" {
        aws_shim::wrapper::wrap_tool(&rest[2], rest[3..].to_vec());
    }
    // `aws-shim prompt` runs before every prompt that finds its cache stale: skip clap.
    if rest.first().is_some_and(|a| a == "prompt")
        && let Some(prompt) = aws_shim::cmd::prompt::parse_fast(&rest[1..])
    {
        exit_with(aws_shim::cmd::Run::run(prompt));
    }
    exit_with(aws_shim::cmd::run(std::iter::once(argv0).chain(rest)));
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn exit_with(result: anyhow::Result<i32>) -> ! {
    let code = match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("aws-shim: {e:#}");
            1
        }
    };
    std::process::exit(code);
}
