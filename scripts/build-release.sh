#!/usr/bin/env bash
# Build the release binary as it ships: on Linux with glibc, statically linked and not
# position-independent (no dynamic loader and no relocations at start-up: the wrapper runs on
# every `aws` call). A static build needs the C library's static archive, libc.a (the package
# glibc-static on Amazon Linux and Fedora, libc6-dev on Debian and Ubuntu): when the C compiler
# does not find it, an ordinary (dynamically linked) release build, and a line on stderr that
# says so. Elsewhere, an ordinary release build. The binary is in cargo's target directory
# (CARGO_TARGET_DIR, build.target-dir, else ./target), as cargo itself puts it.
#   scripts/build-release.sh               build
#   scripts/build-release.sh --quiet       build, without that line (for a caller that says it)
#   scripts/build-release.sh --print-path  print the binary's path
#   scripts/build-release.sh --linking     print how it links: static, dynamic (not Linux with
#                                          glibc) or "dynamic no-libc.a"
set -euo pipefail

# A relative CARGO_TARGET_DIR is where this was run from, not the checkout it moves to.
if [[ -n ${CARGO_TARGET_DIR:-} && $CARGO_TARGET_DIR != /* ]]; then
    export CARGO_TARGET_DIR=$PWD/$CARGO_TARGET_DIR
fi
cd "$(dirname "$0")/.."

mode=build
quiet=0
case ${1:-} in
'') ;;
--quiet) quiet=1 ;;
--print-path | --linking) mode=${1#--} ;;
*)
    echo "build-release.sh: unknown option: $1 (see the comment at the top)" >&2
    exit 2
    ;;
esac

host=$(rustc -vV | sed -n 's/^host: //p')
# Whether the C compiler (the linker rustc calls) finds libc.a: it prints the archive's path,
# or only the name when it has none.
have_static_libc() {
    local found
    found=$(cc -print-file-name=libc.a 2>/dev/null) || return 1
    [[ $found == /* && -f $found ]]
}
case $host in
*-linux-gnu)
    if have_static_libc; then linking=static; else linking="dynamic no-libc.a"; fi
    ;;
*) linking=dynamic ;;
esac

# cargo's target directory, as cargo works it out.
target_dir() {
    local dir
    dir=$(cargo metadata --format-version 1 --no-deps |
        sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
    if [[ -z $dir || $dir == *\\* ]]; then
        echo "build-release.sh: could not read cargo's target directory (cargo metadata)" >&2
        return 1
    fi
    printf '%s\n' "$dir"
}

case $mode in
linking)
    echo "$linking"
    exit 0
    ;;
print-path)
    dir=$(target_dir)
    if [[ $linking == static ]]; then
        echo "$dir/$host/release/aws-shim"
    else
        echo "$dir/release/aws-shim"
    fi
    exit 0
    ;;
esac

if [[ $linking == static ]]; then
    # With an explicit --target, RUSTFLAGS apply to the binary only, not to build scripts and
    # proc macros (which cannot be static).
    RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+crt-static -C relocation-model=static" \
        cargo build --release --locked --target "$host"
else
    if [[ $linking == *no-libc.a* ]] && ((!quiet)); then
        echo "build-release.sh: building a dynamically linked binary: the C compiler found no libc.a" \
            "for a static one (install glibc-static on Amazon Linux or Fedora, libc6-dev on Debian" \
            "or Ubuntu, for the faster static build)" >&2
    fi
    cargo build --release --locked
fi
