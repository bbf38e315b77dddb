#!/bin/sh
# Install aws-shim for the current user: the binary, the `aws` and `aws-shim` links in a
# directory of its own, and one marked block in ~/.bashrc and ~/.zshrc (and a fish conf.d
# file when fish is installed) that runs `aws-shim init`. Never touches the real AWS CLI.
#
#   ./install.sh                 build with cargo (release) and install
#   ./install.sh --bin PATH      install the given aws-shim binary instead of building
#   ./install.sh --lang ja|en    also set AWS_SHIM_LANG in the block (each run writes it anew)
#   ./install.sh --wrap cdk,sam  wrap these commands too: links beside `aws`, --wrap in the block
#   ./install.sh --relogin       also export AWS_SHIM_RELOGIN=ask in the block: on a terminal,
#                                offer to sign in again and run the command again
#   ./install.sh --no-modify-rc  install the files only; print the line to add by hand
#   ./install.sh --uninstall     remove exactly what install.sh added
#
# The binary goes to ${PREFIX:-$HOME/.local}/bin/aws-shim; the links to
# ${XDG_DATA_HOME:-$HOME/.local/share}/aws-shim/bin. What was installed where is recorded in
# .../aws-shim/installed, and --uninstall removes that and nothing else. Running it twice
# changes nothing.
set -eu

BEGIN_MARK='# >>> aws-shim >>>'
END_MARK='# <<< aws-shim <<<'

say() { printf 'aws-shim install: %s\n' "$*"; }
die() {
    printf 'aws-shim install: %s\n' "$*" >&2
    exit 1
}

usage() {
    sed -n '2,19s/^# \{0,1\}//p' "$0"
}

bin_src=
lang=
wrap=
relogin=
modify_rc=1
action=install
while [ $# -gt 0 ]; do
    case $1 in
    --bin)
        [ $# -ge 2 ] || die "--bin needs a path"
        bin_src=$2
        shift
        ;;
    --bin=*) bin_src=${1#--bin=} ;;
    --lang)
        [ $# -ge 2 ] || die "--lang needs ja or en"
        lang=$2
        shift
        ;;
    --lang=*) lang=${1#--lang=} ;;
    --wrap)
        [ $# -ge 2 ] || die "--wrap needs a list of commands, such as cdk,sam,terraform"
        wrap=$2
        shift
        ;;
    --wrap=*) wrap=${1#--wrap=} ;;
    --relogin) relogin=1 ;;
    --no-modify-rc) modify_rc=0 ;;
    --uninstall) action=uninstall ;;
    -h | --help)
        usage
        exit 0
        ;;
    *) die "unknown option: $1 (see --help)" ;;
    esac
    shift
done

case $lang in '' | ja | en) ;; *) die "--lang takes ja or en, not '$lang'" ;; esac

# The commands to wrap besides aws: plain names, as `aws-shim init --wrap` takes them.
wrap_names=$(printf '%s' "$wrap" | tr ',' ' ')
for name in $wrap_names; do
    case $name in
    aws | *aws-shim*) die "--wrap: $name is always wrapped; name other commands" ;;
    [!A-Za-z0-9_]* | *[!A-Za-z0-9_.-]*) die "--wrap: '$name' is not a command name" ;;
    esac
done
wrap=$(printf '%s' "$wrap_names" | tr -s ' ' ',')
wrap=${wrap#,}
wrap=${wrap%,}
if [ -n "$wrap" ]; then wrap_arg=" --wrap $wrap"; else wrap_arg=; fi

[ -n "${HOME-}" ] || die "HOME is not set"
prefix=${PREFIX:-$HOME/.local}
bin_dir=$prefix/bin
bin=$bin_dir/aws-shim
# The same rule as aws-shim's own data directory: XDG_DATA_HOME when absolute.
case ${XDG_DATA_HOME-} in
/*) data_home=$XDG_DATA_HOME ;;
*) data_home=$HOME/.local/share ;;
esac
case ${XDG_CONFIG_HOME-} in
/*) config_home=$XDG_CONFIG_HOME ;;
*) config_home=$HOME/.config ;;
esac
link_dir=$data_home/aws-shim/bin
link=$link_dir/aws

link_shim=$link_dir/aws-shim
fish_file=$config_home/fish/conf.d/aws-shim.fish

# What install.sh put where, one entry a line, so that --uninstall removes exactly that:
#   file CRC SIZE PATH   a file it wrote (removed only while its cksum is still CRC SIZE)
#   link PATH            a symbolic link it made
#   dir PATH             a directory it created (removed when empty)
manifest=$data_home/aws-shim/installed
# The list of directories of earlier versions (read by --uninstall only).
old_manifest=$data_home/aws-shim/.installed-dirs

case $bin_dir$link_dir$fish_file in
*'
'*) die "a path with a newline in it is not supported: $bin_dir" ;;
esac

# Record an entry, in place of the one for the same kind and path (so that a second run leaves
# the manifest as it was).
record() {
    [ -f "$manifest" ] || : >"$manifest"
    ENTRY="$1 $2" KIND=${1%% *} P=$2 awk '
        { k = $0; sub(/ .*/, "", k); p = $0 }
        k == "file" { sub(/^[^ ]* [^ ]* [^ ]* /, "", p) }
        k != "file" { sub(/^[^ ]* /, "", p) }
        k == ENVIRON["KIND"] && p == ENVIRON["P"] {
            if (!done) print ENVIRON["ENTRY"]
            done = 1
            next
        }
        { print }
        END { if (!done) print ENVIRON["ENTRY"] }' "$manifest" >"$manifest.tmp.$$"
    mv -f "$manifest.tmp.$$" "$manifest"
}

# "CRC SIZE" of a file.
checksum() {
    # shellcheck disable=SC2046 # split into its fields on purpose
    set -- $(cksum <"$1")
    printf '%s %s' "$1" "$2"
}

# mkdir -p that records each directory it creates.
make_dir() {
    d=$1
    created=
    while [ ! -d "$d" ]; do
        created="$d
$created"
        d=$(dirname "$d")
    done
    [ -n "$created" ] || return 0
    mkdir -p "$1"
    mkdir -p "$data_home/aws-shim"
    printf '%s' "$created" | while IFS= read -r d; do
        if [ -n "$d" ]; then record dir "$d"; fi
    done
}

# $1 as one single-quoted shell word.
quote() {
    printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# The marked block for a shell (bash or zsh), without its begin mark. The language goes in
# as a plain assignment: read once per shell, nothing per call.
rc_block() {
    q=$(quote "$bin")
    printf '%s\n' "# Added by aws-shim's install.sh; \`install.sh --uninstall\` removes it."
    if [ -n "$lang" ]; then printf 'export AWS_SHIM_LANG=%s\n' "$lang"; fi
    if [ -n "$relogin" ]; then printf 'export AWS_SHIM_RELOGIN=ask\n'; fi
    printf '%s\n' \
        "if [ -x $q ]; then eval \"\$($q init $1$wrap_arg)\"; fi" \
        "$END_MARK"
}

# Prints the file without the aws-shim block, byte for byte as it was before the block was
# added. The begin mark records what adding it changed: [created] the file did not exist,
# [newline] a newline was added after a last line that had none.
strip_block() {
    if [ -z "$(tail -c 1 "$1")" ]; then ends_nl=1; else ends_nl=0; fi
    awk -v begin="$BEGIN_MARK" -v end="$END_MARK" -v ends_nl="$ends_nl" '
        index($0, begin) == 1 { inside = 1; flags = $0; next }
        inside && $0 == end { inside = 0; last_was_block = 1; next }
        inside { next }
        { n++; line[n] = $0; last_was_block = 0 }
        END {
            for (i = 1; i <= n; i++) {
                printf "%s", line[i]
                if (i < n) printf "\n"
            }
            if (n == 0) exit
            if (last_was_block && index(flags, "[newline]")) exit
            if (!last_was_block && !ends_nl) exit
            printf "\n"
        }' "$1"
}

has_block() {
    [ -f "$1" ] && grep -q "^$BEGIN_MARK" "$1" || return 1
    # Without its end mark the block's extent is unknown: touch nothing.
    grep -qx -- "$END_MARK" "$1" ||
        die "$1 has the line '$BEGIN_MARK' but not '$END_MARK': mend the file by hand, then run install.sh again"
}

# Add (or bring up to date) the block in rc file $1 for shell $2.
#
# An rc file that is a link to nothing (a dotfiles repository not checked out yet, say) is
# left alone: writing through it would create a file in someone else's tree, which the link
# and the repository do not expect, and uninstall could then not tell it from the user's own.
# The lines to add by hand are printed instead. A link to an existing file is written
# through (the link stays as it is), and so is restored through on --uninstall.
add_block() {
    rc=$1
    want=$(rc_block "$2")
    if [ -L "$rc" ] || [ -e "$rc" ]; then
        if [ ! -f "$rc" ]; then
            if [ -L "$rc" ]; then
                say "left $rc alone: it is a link to $(readlink "$rc"), which is not a file; once it is, run install.sh again, or add these lines to it:"
            else
                say "left $rc alone: it is not a regular file; add these lines to your $2 start-up instead:"
            fi
            printf '%s\n%s\n' "$BEGIN_MARK" "$want" | sed 's/^/  /'
            return
        fi
    fi
    if has_block "$rc"; then
        current=$(awk -v begin="$BEGIN_MARK" -v end="$END_MARK" '
            index($0, begin) == 1 { inside = 1; next }
            inside { print }
            inside && $0 == end { inside = 0 }' "$rc")
        if [ "$current" = "$want" ]; then
            say "unchanged: $rc"
            return
        fi
        mark=$(grep "^$BEGIN_MARK" "$rc" | head -n 1)
        tmp=$rc.aws-shim.$$
        strip_block "$rc" >"$tmp"
        # Put the block back with the same marks, so that uninstall still restores the file.
        case $mark in *"[newline]"*) printf '\n' >>"$tmp" ;; esac
        printf '%s\n%s\n' "$mark" "$want" >>"$tmp"
        cat "$tmp" >"$rc"
        rm -f "$tmp"
        say "updated the aws-shim block in $rc"
        return
    fi
    mark=$BEGIN_MARK
    if [ ! -e "$rc" ]; then
        mark="$mark [created]"
        : >"$rc"
    elif [ -s "$rc" ] && [ -n "$(tail -c 1 "$rc")" ]; then
        mark="$mark [newline]"
        printf '\n' >>"$rc"
    fi
    printf '%s\n%s\n' "$mark" "$want" >>"$rc"
    say "added the aws-shim block to $rc"
}

remove_block() {
    rc=$1
    has_block "$rc" || return 0
    mark=$(grep "^$BEGIN_MARK" "$rc" | head -n 1)
    tmp=$rc.aws-shim.$$
    strip_block "$rc" >"$tmp"
    case $mark in
    *"[created]"*)
        # Only the file install.sh created goes, never a link the user put in its place.
        if [ ! -s "$tmp" ] && [ ! -L "$rc" ]; then
            rm -f "$tmp" "$rc"
            say "removed $rc (install.sh had created it)"
            return
        fi
        ;;
    esac
    cat "$tmp" >"$rc"
    rm -f "$tmp"
    say "removed the aws-shim block from $rc"
}

# Remove what the manifest lists: files only while they are as install.sh wrote them, links
# only while they are links, then the directories it created, when empty.
uninstall() {
    remove_block "$HOME/.bashrc"
    remove_block "$HOME/.zshrc"
    dirs=
    if [ -f "$manifest" ]; then
        while IFS= read -r entry; do
            kind=${entry%% *}
            path=${entry#* }
            case $kind in
            file)
                sum=${path%"${path#* * }"}
                sum=${sum% }
                path=${path#* * }
                if [ -f "$path" ] && [ ! -L "$path" ]; then
                    if [ "$(checksum "$path")" = "$sum" ]; then
                        rm -f "$path"
                        say "removed $path"
                    else
                        say "left $path alone: it changed since install.sh wrote it"
                    fi
                fi
                ;;
            link)
                if [ -L "$path" ]; then
                    rm -f "$path"
                    say "removed $path"
                fi
                ;;
            dir) dirs="$dirs$path
" ;;
            esac
        done <"$manifest"
        rm -f "$manifest"
    else
        say "nothing recorded in $manifest: no files to remove"
        # Earlier versions kept no list; their fish file says who wrote it.
        if [ -f "$fish_file" ] && [ ! -L "$fish_file" ] &&
            [ "$(head -n 1 "$fish_file")" = "# Added by aws-shim's install.sh; \`install.sh --uninstall\` removes this file." ]; then
            rm -f "$fish_file"
            say "removed $fish_file"
        fi
    fi
    # Links that `aws-shim init --wrap` made beside the recorded ones.
    for l in "$link_dir"/*; do
        if [ -L "$l" ] && [ "$(readlink "$l")" = "$bin" ]; then
            rm -f "$l"
            say "removed $l"
        fi
    done
    if [ -f "$old_manifest" ]; then
        dirs="$dirs$(cat "$old_manifest")
"
        rm -f "$old_manifest"
    fi
    printf '%s' "$dirs" | sort -r -u | while IFS= read -r d; do
        if [ -n "$d" ]; then rmdir "$d" 2>/dev/null || true; fi
    done
    say "done. Open a new shell; the failure state under \${XDG_STATE_HOME:-~/.local/state}/aws-shim is left in place."
}

install_binary() {
    if [ -z "$bin_src" ]; then
        command -v cargo >/dev/null 2>&1 ||
            die "cargo is not installed: install Rust (https://rustup.rs) or pass --bin PATH"
        src_dir=$(cd "$(dirname "$0")" && pwd)
        [ -f "$src_dir/Cargo.toml" ] || die "no Cargo.toml beside install.sh: pass --bin PATH"
        say "building with cargo (release)..."
        if [ -x "$src_dir/scripts/build-release.sh" ] && command -v bash >/dev/null 2>&1; then
            # The build as it ships: static and non-PIE on Linux (faster start-up).
            "$src_dir/scripts/build-release.sh" >/dev/null || die "cargo build failed"
            bin_src=$("$src_dir/scripts/build-release.sh" --print-path)
        else
            (cd "$src_dir" && cargo build --release --quiet) || die "cargo build failed"
            bin_src=$src_dir/target/release/aws-shim
        fi
    fi
    if [ ! -f "$bin_src" ] || [ ! -x "$bin_src" ]; then
        die "not an executable file: $bin_src"
    fi
    make_dir "$bin_dir"
    if [ -f "$bin" ] && cmp -s "$bin_src" "$bin"; then
        say "unchanged: $bin"
    else
        cp "$bin_src" "$bin.tmp.$$"
        chmod 755 "$bin.tmp.$$"
        mv -f "$bin.tmp.$$" "$bin"
        say "installed $bin"
    fi
    record "file $(checksum "$bin")" "$bin"
}

# The link $1 to the binary, in the link directory (which the hook puts first in PATH, so
# that `aws-shim` is found there too, whatever PATH held before).
install_link() {
    make_dir "$link_dir"
    if [ -L "$1" ] && [ "$(readlink "$1")" = "$bin" ]; then
        say "unchanged: $1"
    else
        if [ -e "$1" ] && [ ! -L "$1" ]; then
            die "$1 exists and is not a link; remove it first"
        fi
        ln -s "$bin" "$1.tmp.$$"
        mv -f "$1.tmp.$$" "$1"
        say "linked $1 -> $bin"
    fi
    record link "$1"
}

install_fish() {
    command -v fish >/dev/null 2>&1 || return 0
    q=$(quote "$bin")
    want="# Added by aws-shim's install.sh; \`install.sh --uninstall\` removes this file."
    if [ -n "$lang" ]; then want="$want
set -gx AWS_SHIM_LANG $lang"; fi
    if [ -n "$relogin" ]; then want="$want
set -gx AWS_SHIM_RELOGIN ask"; fi
    want="$want
if test -x $q; $q init fish$wrap_arg | source; end"
    if [ -f "$fish_file" ] && [ "$(cat "$fish_file")" = "$want" ]; then
        say "unchanged: $fish_file"
        record "file $(checksum "$fish_file")" "$fish_file"
        return
    fi
    make_dir "$(dirname "$fish_file")"
    printf '%s\n' "$want" >"$fish_file"
    say "wrote $fish_file"
    record "file $(checksum "$fish_file")" "$fish_file"
}

if [ "$action" = uninstall ]; then
    uninstall
    exit 0
fi

# The one line that starts aws-shim in the user's shell.
start_line() {
    if [ "$shell_name" = fish ]; then
        printf '  %s init fish%s | source\n' "$(quote "$bin")" "$wrap_arg"
    else
        # shellcheck disable=SC2016 # the $( ) is for the user's shell
        printf '  eval "$(%s init %s%s)"\n' "$(quote "$bin")" "$shell_name" "$wrap_arg"
    fi
}

# First the directory that holds the manifest, so that it is recorded too.
make_dir "$link_dir"
install_binary
install_link "$link"
install_link "$link_shim"
# Links of ours to commands no longer named in --wrap go (as `aws-shim init` does).
for l in "$link_dir"/*; do
    if [ -L "$l" ] && [ "$(readlink "$l")" = "$bin" ]; then
        case " aws aws-shim $wrap_names " in
        *" ${l##*/} "*) ;;
        *)
            rm -f "$l"
            say "removed $l (not in --wrap)"
            ;;
        esac
    fi
done
for name in $wrap_names; do
    install_link "$link_dir/$name"
done
shell_name=$(basename "${SHELL:-sh}")
case $shell_name in zsh | fish) ;; *) shell_name=bash ;; esac
if [ "$modify_rc" = 1 ]; then
    add_block "$HOME/.bashrc" bash
    if [ -f "$HOME/.zshrc" ] || command -v zsh >/dev/null 2>&1; then
        add_block "$HOME/.zshrc" zsh
    fi
    install_fish
else
    say "left the shell start-up files alone (--no-modify-rc); add this line to yours:"
    start_line
fi
say "to start using it in this shell now, run:"
start_line
