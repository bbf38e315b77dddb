#!/usr/bin/env bash
# Benchmarks of the wrapper as it ships (scripts/build-release.sh): added time per call, stderr
# throughput against `cat`, peak memory, binary size. Needs hyperfine and GNU time.
#   benches/wrapper.sh            all
#   RUNS=300 benches/wrapper.sh   fewer runs
#   benches/wrapper.sh throughput only the stderr throughput (aws, aws-shim run, cat)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-1000}

./scripts/build-release.sh >/dev/null 2>&1
bin=$(./scripts/build-release.sh --print-path)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/home"
ln -s "$bin" "$work/bin/aws"
# The toolchain stays where it is when HOME moves to the temporary one.
export RUSTUP_HOME=${RUSTUP_HOME:-$HOME/.rustup} CARGO_HOME=${CARGO_HOME:-$HOME/.cargo}
export HOME=$work/home XDG_STATE_HOME=$work/home/state

# Another tool wrapped the same way: a link named `true` (found as /usr/bin/true or /bin/true
# on PATH, skipping the link) and `aws-shim run -- /bin/true`.
mkdir -p "$work/tools"
ln -s "$bin" "$work/tools/true"
export PATH="$work/tools:$PATH"

if [[ ${1:-} != throughput ]]; then
echo "## Added time per call: /bin/true directly, through a bare spawn-and-wait, through the shim"
echo "## as aws, through aws-shim run, through a link named true"
# The floor: a minimal static Rust program that spawns /bin/true with stderr piped and waits,
# built the way the shim is. Whatever the shim adds beyond it is the shim's own work.
floor=$work/floor
mkdir -p "$floor/src"
printf '[package]\nname = "floor"\nversion = "0.1.0"\nedition = "2021"\n[profile.release]\nstrip = true\n' >"$floor/Cargo.toml"
cat >"$floor/src/main.rs" <<'RS'
fn main() {
    let mut child = std::process::Command::new("/bin/true")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::process::exit(child.wait().unwrap().code().unwrap_or(1));
}
RS
host=$(rustc -vV | sed -n 's/^host: //p')
# The same program with a no-op pre_exec hook: std then forks instead of using posix_spawn
# (vfork). aws-shim needs such a hook (the CLI's parent-death signal, the caller's ignored
# SIGPIPE), so this is the floor of a wrapper that keeps those.
mkdir -p "$floor/src/bin"
cat >"$floor/src/bin/floor-fork.rs" <<'RS'
use std::os::unix::process::CommandExt;
fn main() {
    let mut command = std::process::Command::new("/bin/true");
    command.stderr(std::process::Stdio::piped());
    // SAFETY: the hook does nothing.
    unsafe { command.pre_exec(|| Ok(())) };
    let mut child = command.spawn().unwrap();
    std::process::exit(child.wait().unwrap().code().unwrap_or(1));
}
RS
floor_dir=$floor/target/release
if [[ $host == *-linux-gnu ]]; then
    (cd "$floor" && RUSTFLAGS="-C target-feature=+crt-static -C relocation-model=static" \
        CARGO_TARGET_DIR=$floor/target cargo build --quiet --release --target "$host")
    floor_dir=$floor/target/$host/release
else
    (cd "$floor" && CARGO_TARGET_DIR=$floor/target cargo build --quiet --release)
fi
floor_bin=$floor_dir/floor
fork_bin=$floor_dir/floor-fork
for round in 1 2 3; do
    AWS_SHIM_REAL_AWS=/bin/true hyperfine -N --warmup 100 --runs "$runs" --export-json "$work/call$round.json" \
        '/bin/true' "$floor_bin" "$fork_bin" "$work/bin/aws" "$bin run -- /bin/true" "$work/tools/true" >/dev/null 2>&1
done
python3 - "$work"/call[123].json <<'PY'
import json, statistics, sys
rounds = [json.load(open(p))["results"] for p in sys.argv[1:]]
for i, r in enumerate(rounds, 1):
    true, floor, fork, shim, run, link = (statistics.median(x["times"]) * 1000 for x in r)
    print(f"  round {i}: /bin/true {true:.3f} ms, bare spawn {floor:.3f} ms, bare fork {fork:.3f} ms,"
          f" shim {shim:.3f} ms; added by the shim {shim - true:.3f} ms, beyond the bare spawn"
          f" {shim - floor:.3f} ms ({100 * (shim / floor - 1):+.1f}%), beyond the bare fork"
          f" {shim - fork:.3f} ms ({100 * (shim / fork - 1):+.1f}%); added by aws-shim run"
          f" {run - true:.3f} ms, by a link named true {link - true:.3f} ms")
PY
fi

echo "## 256 MiB of realistic stderr: through the shim (as aws, and aws-shim run) vs through cat"
python3 - "$work/stderr.log" <<'PY'
import sys
lines = [
    "2026-11-27 08:09:10,123 - MainThread - botocore.endpoint - DEBUG - Making request for OperationModel(name=ListObjectsV2) with params: {'url_path': '/bucket', 'method': 'GET'}\n",
    "2026-11-27 08:09:10,125 - MainThread - urllib3.connectionpool - DEBUG - https://s3.amazonaws.com:443 \"GET /bucket?list-type=2 HTTP/1.1\" 200 None\n",
    "Traceback (most recent call last):\n",
    "  File \"/usr/lib/python3/dist-packages/awscli/clidriver.py\", line 207, in main\n",
    "botocore.exceptions.ClientError: An error occurred (ExpiredToken) when calling the ListBuckets operation: The provided token has expired.\n",
    "Completed 1.2 MiB/4.0 MiB (2.1 MiB/s) with 1 file(s) remaining\r",
]
block = "".join(lines).encode()
with open(sys.argv[1], "wb") as f:
    total = 256 * 1024 * 1024
    f.write(block * (total // len(block)))
PY
# The same without the failure line: a wrapped tool's scanner then looks at every line.
grep -v 'ExpiredToken' "$work/stderr.log" >"$work/plain.log"
AWS_SHIM_REAL_AWS=/bin/sh hyperfine -N --warmup 2 --runs 10 --export-json "$work/tp.json" \
    "sh -c 'cat $work/stderr.log >&2 2>/dev/null' " \
    "sh -c '(cat $work/stderr.log >&2) 2>&1 >/dev/null | cat >/dev/null'" \
    "sh -c '$work/bin/aws -c \"cat $work/stderr.log >&2\" 2>/dev/null'" \
    "sh -c '$bin run -- sh -c \"cat $work/stderr.log >&2\" 2>/dev/null'" \
    "sh -c '(cat $work/plain.log >&2) 2>&1 >/dev/null | cat >/dev/null'" \
    "sh -c '$bin run -- sh -c \"cat $work/plain.log >&2\" 2>/dev/null'" >/dev/null
python3 - "$work/tp.json" <<'PY'
import json, statistics, sys
r = json.load(open(sys.argv[1]))["results"]
names = ["child alone (stderr to /dev/null)", "child stderr through cat", "child stderr through aws-shim",
         "child stderr through aws-shim run", "no failure: through cat", "no failure: through aws-shim run"]
med = [statistics.median(x["times"]) * 1000 for x in r]
for n, m in zip(names, med):
    print(f"  {n:<40} median {m:.1f} ms  ({256/ (m/1000):.0f} MiB/s)")
# Budget: at least half of cat's throughput (at most twice its time), for aws as for run.
print(f"  time through the shim / through cat: aws {med[2]/med[1]:.2f}x; run {med[3]/med[1]:.2f}x;"
      f" run without a failure {med[5]/med[4]:.2f}x (budget: at most 2x, i.e. at least 0.5x cat's throughput)")
PY

[[ ${1:-} == throughput ]] && exit 0
echo "## Peak memory (max RSS)"
AWS_SHIM_REAL_AWS=/bin/true /usr/bin/time -o "$work/rss1" -f "%M" "$work/bin/aws"
echo "  /bin/true through the shim: $(cat "$work/rss1") KiB"
head -c $((64 * 1024 * 1024)) /dev/zero | tr '\0' 'x' >"$work/long.line"
AWS_SHIM_REAL_AWS=/bin/sh /usr/bin/time -o "$work/rss2" -f "%M" \
    "$work/bin/aws" -c "cat $work/long.line >&2" 2>/dev/null
echo "  a 64 MiB stderr line without newline: $(cat "$work/rss2") KiB"
AWS_SHIM_REAL_AWS=/bin/sh /usr/bin/time -o "$work/rss3" -f "%M" \
    "$work/bin/aws" -c "cat $work/stderr.log >&2" 2>/dev/null
echo "  256 MiB of realistic stderr: $(cat "$work/rss3") KiB"

echo "## Release binary size"
echo "  $(stat -c %s "$bin") bytes ($bin)"
