#!/usr/bin/env bash
# How often lines of stdout and stderr come out in another order than the CLI wrote them, when
# both go to the same pipe (`aws ... 2>&1 | tee log`). Directly, the CLI's writes reach the
# pipe in the order they were made; through aws-shim stderr takes a detour through its relay.
#   benches/interleave.sh            100 runs of each CLI
#   RUNS=20 benches/interleave.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-100}

./scripts/build-release.sh >/dev/null 2>&1
bin=$(./scripts/build-release.sh --print-path)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/home"
ln -s "$bin" "$work/bin/aws"
export HOME=$work/home XDG_STATE_HOME=$work/state AWS_SHIM_MODE=append

# A CLI that interleaves as fast as a shell can: 50 pairs of lines, no pause.
cat >"$work/tight" <<'SH'
#!/bin/sh
i=0
while [ $i -lt 50 ]; do
    echo "out $i"
    echo "err $i" >&2
    i=$((i + 1))
done
SH
# A CLI that writes the way the AWS CLI does: a line of output, then some work (1 ms) before
# the next message on stderr.
cat >"$work/paced" <<'SH'
#!/bin/sh
i=0
while [ $i -lt 20 ]; do
    echo "out $i"
    sleep 0.001
    echo "err $i" >&2
    sleep 0.001
    i=$((i + 1))
done
SH
chmod +x "$work/tight" "$work/paced"

for cli in tight paced; do
    expected=$("$work/$cli" 2>&1)
    direct_diff=0 shim_diff=0
    for ((r = 0; r < runs; r++)); do
        [[ $("$work/$cli" 2>&1 | cat) == "$expected" ]] || direct_diff=$((direct_diff + 1))
        [[ $(AWS_SHIM_REAL_AWS=$work/$cli "$work/bin/aws" 2>&1 | cat) == "$expected" ]] ||
            shim_diff=$((shim_diff + 1))
    done
    echo "$cli: runs whose order differs from the CLI's: directly $direct_diff of $runs, through aws-shim $shim_diff of $runs"
done
