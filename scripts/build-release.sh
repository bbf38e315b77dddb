#!/usr/bin/env bash
# Build the release binary as it ships: on Linux with glibc, statically linked and not
# position-independent (no dynamic loader and no relocations at start-up: the wrapper runs on
# every `aws` call). Elsewhere, an ordinary release build.
#   scripts/build-release.sh               build
#   scripts/build-release.sh --print-path  print the binary's path
set -euo pipefail
cd "$(dirname "$0")/.."

host=$(rustc -vV | sed -n 's/^host: //p')
case $host in
  *-linux-gnu) static=1 ;;
  *) static=0 ;;
esac

if [[ ${1:-} == --print-path ]]; then
  if ((static)); then echo "$PWD/target/$host/release/aws-shim"; else echo "$PWD/target/release/aws-shim"; fi
  exit 0
fi

if ((static)); then
  # With an explicit --target, RUSTFLAGS apply to the binary only, not to build scripts and
  # proc macros (which cannot be static).
  RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+crt-static -C relocation-model=static" \
    cargo build --release --locked --target "$host"
else
  cargo build --release --locked
fi
