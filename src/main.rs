use std::ffi::OsString;
use std::path::Path;

fn main() {
    let mut args = std::env::args_os();
    let argv0 = args.next().unwrap_or_default();
    // Under the name `aws` the binary is the wrapper: no option parsing of its own.
    if Path::new(&argv0).file_name() == Some("aws".as_ref()) {
        aws_shim::cmd::exec::wrap(args.collect::<Vec<OsString>>());
    }
    let code = match aws_shim::cli::run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("aws-shim: {e:#}");
            1
        }
    };
    std::process::exit(code);
}
