//! Fail open: aws-shim's own trouble (a panic in the filter, the advice or the rendering)
//! must never reach the CLI's output. A leaf module: it depends on nothing of aws-shim's.

use std::sync::atomic::{AtomicUsize, Ordering};

/// How many [`fail_open`] calls are running; while any is, a panic prints nothing.
static GUARDS: AtomicUsize = AtomicUsize::new(0);

/// Run `f`, turning a panic into `None`. While a guard is active the panic message is not
/// printed either (see [`quiet_panics`]).
pub fn fail_open<R>(f: impl FnOnce() -> R) -> Option<R> {
    GUARDS.fetch_add(1, Ordering::SeqCst);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok();
    GUARDS.fetch_sub(1, Ordering::SeqCst);
    result
}

/// On the wrapper path: a panic caught by [`fail_open`] prints nothing; any other prints one
/// short line.
pub fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        if GUARDS.load(Ordering::SeqCst) == 0 {
            eprintln!("aws-shim: internal error: {info}");
        }
    }));
}
