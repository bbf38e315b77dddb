#!/usr/bin/env bash
# Prompt benchmarks, release build, warm caches, in a temporary HOME:
#   1. `aws-shim prompt` beside a hello-world Rust binary (hyperfine, side by side);
#   2. the bash and zsh prompt hooks with a warm cache: 500 hook runs against 500 runs of an
#      empty function, per prompt (goal: at most 0.1 ms); with valgrind, also counted in
#      instructions per prompt (callgrind), which load on the machine does not blur;
#   3. `eval "$(aws-shim init zsh)"` at shell start (goal: at most 5 ms), against an empty zsh.
#   4. `aws-shim prompt` beside `starship module aws` on the same profile, when starship is on
#      PATH (or STARSHIP names it).
# Usage: benches/prompt.sh [path/to/aws-shim]   (default: the shipped build, scripts/build-release.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

command -v hyperfine >/dev/null || {
    echo "hyperfine is needed" >&2
    exit 1
}
if [[ $# -ge 1 ]]; then
    shim=$(realpath "$1")
else
    ./scripts/build-release.sh >/dev/null 2>&1
    shim=$(./scripts/build-release.sh --print-path)
fi

# The toolchain stays where it is when HOME moves to the temporary one.
export RUSTUP_HOME=${RUSTUP_HOME:-$HOME/.rustup} CARGO_HOME=${CARGO_HOME:-$HOME/.cargo}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work/home XDG_STATE_HOME=$work/state XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config
mkdir -p "$HOME/.aws"
printf '[profile dev]\nregion = us-east-1\n' >"$HOME/.aws/config"
# A profile with exported session credentials two hours from expiry: the segment has
# something to say and the hook computes the time left itself.
export AWS_PROFILE=dev AWS_ACCESS_KEY_ID=ASIAEXAMPLE AWS_SECRET_ACCESS_KEY=x AWS_SESSION_TOKEN=y
AWS_CREDENTIAL_EXPIRATION=$(date -u -d '+2 hours' +%Y-%m-%dT%H:%M:%SZ)
export AWS_CREDENTIAL_EXPIRATION

# 1. aws-shim prompt vs hello world.
hello=$work/hello
mkdir -p "$hello/src"
printf '[package]\nname = "hello"\nversion = "0.1.0"\nedition = "2021"\n[profile.release]\nstrip = true\n' >"$hello/Cargo.toml"
printf 'fn main() {\n    println!("hello");\n}\n' >"$hello/src/main.rs"
(cd "$hello" && CARGO_TARGET_DIR=$hello/target cargo build --release --quiet)
"$shim" prompt >/dev/null # warm the cache
echo "== aws-shim prompt vs a hello-world Rust binary"
hyperfine -N --warmup 50 --runs 1000 "$hello/target/release/hello" "$shim prompt"

# 2. The prompt hook, cache warm.
runs=500
echo
echo "== prompt hook, $runs runs (per prompt = (hook - empty) / $runs)"
bash_hook="eval \"\$('$shim' init bash)\"; empty() { :; }; __aws_shim_hook
    for ((i = 0; i < $runs; i++)); do"
zsh_hook="eval \"\$('$shim' init zsh)\"; empty() { :; }; __aws_shim_hook
    for ((i = 0; i < $runs; i++)); do"
hyperfine -N --warmup 5 --runs 30 \
    -n "bash empty x$runs" "bash --norc --noprofile -c '$bash_hook empty; done'" \
    -n "bash hook x$runs" "bash --norc --noprofile -c '$bash_hook __aws_shim_hook; done'" \
    -n "zsh empty x$runs" "zsh --no-rcs -c '$zsh_hook empty; done'" \
    -n "zsh hook x$runs" "zsh --no-rcs -c '$zsh_hook __aws_shim_hook; done'" \
    --export-json "$work/hook.json"
python3 - "$work/hook.json" "$runs" <<'EOF'
import json, sys
res = {r["command"]: r["mean"] for r in json.load(open(sys.argv[1]))["results"]}
runs = int(sys.argv[2])
for shell in ("bash", "zsh"):
    per = (res[f"{shell} hook x{runs}"] - res[f"{shell} empty x{runs}"]) / runs * 1000
    print(f"{shell}: {per:.4f} ms per prompt (goal <= 0.1 ms)")
EOF

# 2b. The same hooks counted in instructions (callgrind, user space), which a busy machine does
# not blur: (300 hook runs - 300 empty runs) / 300.
if command -v valgrind >/dev/null; then
    echo
    echo "== prompt hook, instructions per prompt (callgrind)"
    count() {
        valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
            sed -n 's/.*Collected : //p' | tail -1
    }
    for shell in bash zsh; do
        if [[ $shell == bash ]]; then set -- bash --norc --noprofile -c; else set -- zsh --no-rcs -c; fi
        setup="eval \"\$('$shim' init $shell)\"; empty() { :; }; __aws_shim_hook; for ((i = 0; i < 300; i++)); do"
        empty=$(count "$@" "$setup empty; done")
        hook=$(count "$@" "$setup __aws_shim_hook; done")
        echo "$shell: $(((hook - empty) / 300)) instructions per prompt"
    done
fi

# 3. eval "$(aws-shim init zsh)" at shell start.
echo
echo "== zsh start with and without eval \"\$(aws-shim init zsh)\""
hyperfine -N --warmup 20 --runs 300 \
    -n "zsh -c exit" "zsh --no-rcs -c exit" \
    -n "zsh + init" "zsh --no-rcs -c 'eval \"\$($shim init zsh)\"'" \
    -n "bash + init" "bash --norc --noprofile -c 'eval \"\$($shim init bash)\"'" \
    -n "bash -c exit" "bash --norc --noprofile -c exit" \
    --export-json "$work/init.json"
python3 - "$work/init.json" <<'EOF'
import json, sys
res = {r["command"]: r["mean"] for r in json.load(open(sys.argv[1]))["results"]}
print(f"zsh init cost: {(res['zsh + init'] - res['zsh -c exit']) * 1000:.2f} ms (goal <= 5 ms)")
print(f"bash init cost: {(res['bash + init'] - res['bash -c exit']) * 1000:.2f} ms")
EOF

# 4. Against starship's own aws module, same profile and environment.
starship=${STARSHIP:-$(command -v starship || true)}
if [[ -n $starship ]]; then
    echo
    echo "== aws-shim prompt vs starship module aws"
    mkdir -p "$XDG_CONFIG_HOME"
    # shellcheck disable=SC2016 # starship's own variables, not the shell's
    printf '[aws]\nformat = "$symbol$profile $duration "\n' >"$XDG_CONFIG_HOME/starship.toml"
    STARSHIP_CONFIG=$XDG_CONFIG_HOME/starship.toml "$starship" module aws
    echo
    STARSHIP_CONFIG=$XDG_CONFIG_HOME/starship.toml hyperfine -N --warmup 50 --runs 1000 \
        "$starship module aws" "$shim prompt"
else
    echo
    echo "starship is not installed: skipping the comparison with starship module aws"
fi
