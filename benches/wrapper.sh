#!/usr/bin/env bash
# Benchmarks of the wrapper as it ships (scripts/build-release.sh): added time per call, stderr
# throughput against `cat`, peak memory, binary size. Needs hyperfine and GNU time.
#   benches/wrapper.sh            all
#   RUNS=300 benches/wrapper.sh   fewer runs
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-1000}

./scripts/build-release.sh >/dev/null 2>&1
bin=$(./scripts/build-release.sh --print-path)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/home"
ln -s "$bin" "$work/bin/aws"
export HOME=$work/home XDG_STATE_HOME=$work/home/state

echo "## Added time per call: /bin/true directly and through the shim"
AWS_SHIM_REAL_AWS=/bin/true hyperfine -N --warmup 100 --runs "$runs" --export-json "$work/call.json" \
  '/bin/true' "$work/bin/aws" >/dev/null
python3 - "$work/call.json" <<'PY'
import json, statistics, sys
r = json.load(open(sys.argv[1]))["results"]
med = [statistics.median(x["times"]) * 1000 for x in r]
for x, m in zip(r, med):
    print(f"  {x['command']:<40} median {m:.3f} ms  mean {x['mean']*1000:.3f} ms")
print(f"  added by the shim: median {med[1]-med[0]:.3f} ms")
PY

echo "## 256 MiB of realistic stderr: through the shim vs through cat"
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
AWS_SHIM_REAL_AWS=/bin/sh hyperfine -N --warmup 2 --runs 10 --export-json "$work/tp.json" \
  "sh -c 'cat $work/stderr.log >&2 2>/dev/null' " \
  "sh -c '(cat $work/stderr.log >&2) 2>&1 >/dev/null | cat >/dev/null'" \
  "sh -c '$work/bin/aws -c \"cat $work/stderr.log >&2\" 2>/dev/null'" >/dev/null
python3 - "$work/tp.json" <<'PY'
import json, statistics, sys
r = json.load(open(sys.argv[1]))["results"]
names = ["child alone (stderr to /dev/null)", "child stderr through cat", "child stderr through aws-shim"]
med = [statistics.median(x["times"]) * 1000 for x in r]
for n, m in zip(names, med):
    print(f"  {n:<40} median {m:.1f} ms  ({256/ (m/1000):.0f} MiB/s)")
print(f"  shim / cat: {med[2]/med[1]:.2f}x")
PY

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
