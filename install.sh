#!/bin/sh
# Install aws-shim for the current user: the binary, the `aws` and `aws-shim` links in a
# directory of its own, and one marked block in ~/.bashrc and ~/.zshrc (and a fish conf.d
# file when fish is installed) that runs `aws-shim init`. Never touches the real AWS CLI.
# `./install.sh --help` says how to use it (the text is the message `usage` in msg below).
#
# Every message goes through msg, which holds each one in English and Japanese; the language
# is chosen as aws-shim chooses its own (see ui_lang).
set -eu

BEGIN_MARK='# >>> aws-shim >>>'
END_MARK='# <<< aws-shim <<<'
FISH_HEADER="# Added by aws-shim's install.sh; \`install.sh --uninstall\` removes this file."

# The text of message $1 in the language of the messages ($ui), with $2... put in place of
# its %s, in order. Each message is here in both languages, side by side.
# shellcheck disable=SC2016 # backquotes and $ in the texts are for the reader
msg() {
    id=$1
    shift
    case $id in
    usage)
        en='Install aws-shim for the current user: the binary, the `aws` and `aws-shim` links in a
directory of its own, and one marked block in ~/.bashrc and ~/.zshrc (and a fish conf.d
file when fish is installed) that runs `aws-shim init`. Never touches the real AWS CLI.

  ./install.sh                 build with cargo (release) and install
  ./install.sh --bin PATH      install the given aws-shim binary instead of building
  ./install.sh --lang ja|en    also set AWS_SHIM_LANG in the block (each run writes it anew)
  ./install.sh --wrap cdk,sam  wrap these commands too: links beside `aws`, --wrap in the block
  ./install.sh --relogin       also export AWS_SHIM_RELOGIN=ask in the block: on a terminal,
                               offer to sign in again and run the command again
  ./install.sh --no-modify-rc  install the files only; print the line to add by hand
  ./install.sh --uninstall     remove exactly what install.sh added; say what it leaves

The binary goes to ${PREFIX:-$HOME/.local}/bin/aws-shim; the links to
${XDG_DATA_HOME:-$HOME/.local/share}/aws-shim/bin. What was installed where is recorded in
.../aws-shim/installed, and --uninstall removes that and nothing else. Running it twice
changes nothing. Messages are in Japanese with --lang ja, or when AWS_SHIM_LANG, LC_ALL,
LC_MESSAGES or LANG (the first that names a language) says ja_JP.UTF-8.'
        ja='aws-shim を現在のユーザーにインストールします。バイナリ、専用のディレクトリに置く `aws` と
`aws-shim` のリンク、そして `aws-shim init` を実行する目印付きのブロックを ~/.bashrc と
~/.zshrc に 1 つずつ (fish がインストールされていれば fish の conf.d にファイルを 1 つ)
追加します。AWS CLI 本体には一切手を加えません。

  ./install.sh                 cargo でビルド (release) してインストールします
  ./install.sh --bin PATH      ビルドせず、指定した aws-shim のバイナリをインストールします
  ./install.sh --lang ja|en    ブロックで AWS_SHIM_LANG も設定します (実行のたびに書き直します)
  ./install.sh --wrap cdk,sam  これらのコマンドもラップします (`aws` と同じ場所にリンクを作り、ブロックに --wrap を加えます)
  ./install.sh --relogin       ブロックで AWS_SHIM_RELOGIN=ask も export します (端末では、
                               サインインし直してコマンドをもう一度実行するかを確認します)
  ./install.sh --no-modify-rc  ファイルだけをインストールし、手で追加する行を表示します
  ./install.sh --uninstall     install.sh が追加したものだけを削除し、残したものを表示します

バイナリは ${PREFIX:-$HOME/.local}/bin/aws-shim に、リンクは
${XDG_DATA_HOME:-$HOME/.local/share}/aws-shim/bin に置きます。何をどこにインストールしたかを
.../aws-shim/installed に記録し、--uninstall はそこに記録されたものだけを削除します。
何度実行しても結果は同じです。--lang ja を指定したとき、または AWS_SHIM_LANG、LC_ALL、
LC_MESSAGES、LANG のうち言語を示す最初のものが ja_JP.UTF-8 などのときは、メッセージを
日本語で表示します。'
        ;;
    needs_path)
        en='--bin needs a path'
        ja='--bin にはパスを指定してください'
        ;;
    needs_lang)
        en='--lang needs ja or en'
        ja='--lang には ja か en を指定してください'
        ;;
    needs_wrap)
        en='--wrap needs a list of commands, such as cdk,sam,terraform'
        ja='--wrap にはコマンド名の一覧 (cdk,sam,terraform など) を指定してください'
        ;;
    unknown_option)
        en='unknown option: %s (see --help)'
        ja='不明なオプションです: %s (--help を参照してください)'
        ;;
    bad_lang)
        en="--lang takes ja or en, not '%s'"
        ja="--lang に指定できるのは ja か en です ('%s' は指定できません)"
        ;;
    wrap_always)
        en='--wrap: %s is always wrapped; name other commands'
        ja='--wrap: %s は常にラップされます。ほかのコマンドを指定してください'
        ;;
    wrap_bad_name)
        en="--wrap: '%s' is not a command name"
        ja="--wrap: '%s' はコマンド名ではありません"
        ;;
    no_home)
        en='HOME is not set'
        ja='HOME が設定されていません'
        ;;
    newline_path)
        en='a path with a newline in it is not supported: %s'
        ja='改行を含むパスには対応していません: %s'
        ;;
    prefix_relative)
        en='PREFIX %s is a relative path: installing under %s'
        ja='PREFIX の %s は相対パスのため、%s にインストールします'
        ;;
    no_end_mark)
        en="%s has the line '%s' but not '%s': mend the file by hand, then run install.sh again"
        ja="%s には '%s' の行がありますが、'%s' の行がありません。ファイルを手で直してから、install.sh をもう一度実行してください"
        ;;
    rc_dangling)
        en='left %s alone: it is a link to %s, which is not a file; once it is, run install.sh again, or add these lines to it:'
        ja='%s は変更していません。ファイルではない %s へのリンクです。ファイルができてから install.sh をもう一度実行するか、次の行を追加してください:'
        ;;
    rc_not_file)
        en='left %s alone: it is not a regular file; add these lines to your %s start-up instead:'
        ja='%s は通常のファイルではないため、変更していません。代わりに %s の起動ファイルに次の行を追加してください:'
        ;;
    rc_read_only)
        en='left %s alone: it cannot be written (read-only); add these lines to your %s start-up by hand:'
        ja='%s は書き込みできない (読み取り専用の) ため、変更していません。%s の起動ファイルに次の行を手で追加してください:'
        ;;
    rc_link_read_only)
        en='left %s alone: it is a link to %s, which cannot be written (read-only); add these lines to your %s start-up by hand:'
        ja='%s は変更していません。書き込みできない (読み取り専用の) %s へのリンクです。%s の起動ファイルに次の行を手で追加してください:'
        ;;
    rc_read_only_uninstall)
        en="could not remove the aws-shim block from %s: it cannot be written (read-only); remove the lines from '%s' to '%s' by hand"
        ja="%s は書き込みできない (読み取り専用の) ため、aws-shim のブロックを削除できませんでした。'%s' の行から '%s' の行までを手で削除してください"
        ;;
    fish_read_only)
        en='left %s alone: its directory cannot be written (read-only); add this line to your fish configuration by hand:'
        ja='%s はディレクトリに書き込みできない (読み取り専用の) ため、作成していません。fish の設定に次の行を手で追加してください:'
        ;;
    unchanged)
        en='unchanged: %s'
        ja='変更はありません: %s'
        ;;
    block_updated)
        en='updated the aws-shim block in %s'
        ja='%s の aws-shim のブロックを更新しました'
        ;;
    block_added)
        en='added the aws-shim block to %s'
        ja='%s に aws-shim のブロックを追加しました'
        ;;
    block_removed)
        en='removed the aws-shim block from %s'
        ja='%s から aws-shim のブロックを削除しました'
        ;;
    rc_removed_created)
        en='removed %s (install.sh had created it)'
        ja='%s を削除しました (install.sh が作成したファイルです)'
        ;;
    removed)
        en='removed %s'
        ja='%s を削除しました'
        ;;
    changed_since)
        en='left %s alone: it changed since install.sh wrote it'
        ja='%s は install.sh が書き込んだ後に変更されているため、削除していません'
        ;;
    refused_file)
        en='left %s alone: %s lists it, but install.sh writes no such file'
        ja='%s は削除していません。%s に記載されていますが、install.sh がこのファイルを書くことはありません'
        ;;
    refused_link)
        en='left %s alone: %s lists it, but install.sh makes no such link'
        ja='%s は削除していません。%s に記載されていますが、install.sh がこのリンクを作ることはありません'
        ;;
    refused_dir)
        en='left %s alone: %s lists it, but install.sh creates no such directory'
        ja='%s は削除していません。%s に記載されていますが、install.sh がこのディレクトリを作ることはありません'
        ;;
    refused_entry)
        en="%s: ignored the line '%s', which install.sh does not write"
        ja="%s: '%s' の行は install.sh が書くものではないため、無視しました"
        ;;
    nothing_recorded)
        en='nothing recorded in %s: no files to remove'
        ja='%s に記録がないため、削除するファイルはありません'
        ;;
    uninstall_done)
        en='done. Open a new shell: this one still has aws-shim on its PATH and its hooks.'
        ja='完了しました。新しいシェルを開いてください (このシェルには aws-shim の PATH とフックが残っています)。'
        ;;
    kept_state)
        en="kept %s: aws-shim's record of failed credentials and its prompt cache; remove it by hand if you no longer need it"
        ja='%s は残しています (aws-shim が記録した認証情報のエラーの状態と、プロンプト用のキャッシュです)。不要であれば手で削除してください'
        ;;
    kept_cache)
        en="kept %s: aws-shim's cache (which AWS CLI is installed); remove it by hand if you no longer need it"
        ja='%s は残しています (インストールされている AWS CLI の情報を aws-shim がキャッシュしたものです)。不要であれば手で削除してください'
        ;;
    kept_data)
        en='kept %s: it holds files install.sh did not put there'
        ja='%s は残しています。install.sh が置いたものではないファイルがあります'
        ;;
    kept_line)
        en='kept %s line %s, which install.sh did not write: %s'
        ja='%s の %s 行目は install.sh が書いたものではないため、残しています: %s'
        ;;
    cargo_missing)
        en='cargo is not installed: install Rust (https://rustup.rs) or pass --bin PATH'
        ja='cargo がインストールされていません。Rust をインストールする (https://rustup.rs) か、--bin PATH を指定してください'
        ;;
    no_cargo_toml)
        en='no Cargo.toml beside install.sh: pass --bin PATH'
        ja='install.sh と同じディレクトリに Cargo.toml がありません。--bin PATH を指定してください'
        ;;
    building)
        en='building with cargo (release)...'
        ja='cargo でビルドしています (release)...'
        ;;
    building_dynamic)
        en='libc.a (the C library for static linking) was not found: building a dynamically linked binary instead; for the static one, which starts faster, install glibc-static (Amazon Linux, Fedora) or libc6-dev (Debian, Ubuntu) and run install.sh again'
        ja='静的リンクに必要な C ライブラリ (libc.a) が見つからないため、動的リンクのバイナリをビルドします。起動の速い静的リンクのバイナリにするには、glibc-static (Amazon Linux、Fedora) または libc6-dev (Debian、Ubuntu) をインストールしてから、install.sh をもう一度実行してください'
        ;;
    build_failed)
        en='cargo build failed; nothing was installed'
        ja='cargo build に失敗しました。何もインストールしていません'
        ;;
    not_executable)
        en='not an executable file: %s'
        ja='実行可能なファイルではありません: %s'
        ;;
    rolled_back)
        en='stopped; everything this run had made is removed again'
        ja='中断しました。今回の実行で作成したものはすべて削除しました'
        ;;
    installed)
        en='installed %s'
        ja='%s をインストールしました'
        ;;
    not_a_link)
        en='%s exists and is not a link; remove it first'
        ja='%s は既に存在し、リンクではありません。先に削除してください'
        ;;
    linked)
        en='linked %s -> %s'
        ja='リンクを作成しました: %s -> %s'
        ;;
    wrote)
        en='wrote %s'
        ja='%s を書き込みました'
        ;;
    removed_unwrapped)
        en='removed %s (not in --wrap)'
        ja='%s を削除しました (--wrap に含まれていません)'
        ;;
    no_modify_rc)
        en='left the shell start-up files alone (--no-modify-rc); add this line to yours:'
        ja='シェルの起動ファイルは変更していません (--no-modify-rc)。次の行を起動ファイルに追加してください:'
        ;;
    start_now)
        en='to start using it in this shell now, run:'
        ja='このシェルですぐに使い始めるには、次を実行してください:'
        ;;
    *)
        en="(message $id)"
        ja=$en
        ;;
    esac
    if [ "$ui" = ja ]; then f=$ja; else f=$en; fi
    # shellcheck disable=SC2059 # the format is one of the messages above
    printf -- "$f" "$@"
}

say() { printf 'aws-shim install: %s\n' "$(msg "$@")"; }
die() {
    printf 'aws-shim install: %s\n' "$(msg "$@")" >&2
    exit 1
}

# The language a locale value names (ja or en; nothing when it names neither): the part
# before `_`, `-`, `.` or `@`; C and POSIX are English.
lang_of() {
    case $1 in
    C | C[.@]* | POSIX | POSIX[.@]*) echo en ;;
    [Jj][Aa] | [Jj][Aa][_.@-]*) echo ja ;;
    [Ee][Nn] | [Ee][Nn][_.@-]*) echo en ;;
    esac
}

# The language of the messages, as aws-shim chooses its own (src/i18n.rs): --lang, else the
# first of AWS_SHIM_LANG, LC_ALL, LC_MESSAGES and LANG that names a language, else English;
# and English when the character set (LC_ALL, LC_CTYPE or LANG, the first set) is named and is
# not UTF-8, since the terminal would show Japanese as garbage.
ui_lang() {
    chosen=en
    for v in "$1" "${AWS_SHIM_LANG-}" "${LC_ALL-}" "${LC_MESSAGES-}" "${LANG-}"; do
        l=$(lang_of "$v")
        if [ -n "$l" ]; then
            chosen=$l
            break
        fi
    done
    ctype=${LC_ALL:-${LC_CTYPE:-${LANG-}}}
    ctype=${ctype%%@*}
    case $ctype in
    *.*)
        case $(printf '%s' "${ctype#*.}" | tr '[:upper:]' '[:lower:]') in
        utf-8 | utf8) ;;
        *) chosen=en ;;
        esac
        ;;
    esac
    echo "$chosen"
}

# --lang first, so that every message, those about the other options included, is in it.
lang=
prev=
for a in "$@"; do
    case $prev in --lang) lang=$a ;; esac
    case $a in --lang=*) lang=${a#--lang=} ;; esac
    prev=$a
done
case $lang in ja | en) ui=$(ui_lang "$lang") ;; *) ui=$(ui_lang '') ;; esac

bin_src=
lang=
wrap=
relogin=
modify_rc=1
action=install
while [ $# -gt 0 ]; do
    case $1 in
    --bin)
        [ $# -ge 2 ] || die needs_path
        bin_src=$2
        shift
        ;;
    --bin=*) bin_src=${1#--bin=} ;;
    --lang)
        [ $# -ge 2 ] || die needs_lang
        lang=$2
        shift
        ;;
    --lang=*) lang=${1#--lang=} ;;
    --wrap)
        [ $# -ge 2 ] || die needs_wrap
        wrap=$2
        shift
        ;;
    --wrap=*) wrap=${1#--wrap=} ;;
    --relogin) relogin=1 ;;
    --no-modify-rc) modify_rc=0 ;;
    --uninstall) action=uninstall ;;
    -h | --help)
        msg usage
        echo
        exit 0
        ;;
    *) die unknown_option "$1" ;;
    esac
    shift
done

case $lang in '' | ja | en) ;; *) die bad_lang "$lang" ;; esac

# The commands to wrap besides aws: plain names, as `aws-shim init --wrap` takes them.
wrap_names=$(printf '%s' "$wrap" | tr ',' ' ')
for name in $wrap_names; do
    case $name in
    aws | *aws-shim*) die wrap_always "$name" ;;
    [!A-Za-z0-9_]* | *[!A-Za-z0-9_.-]*) die wrap_bad_name "$name" ;;
    esac
done
wrap=$(printf '%s' "$wrap_names" | tr -s ' ' ',')
wrap=${wrap#,}
wrap=${wrap%,}
# The arguments of `aws-shim init SHELL` besides the shell, for the block and the start line.
if [ -n "$wrap" ]; then wrap_arg=" --wrap $wrap"; else wrap_arg=; fi

# $1 as an absolute path (a relative one taken from the working directory), without empty,
# `.` or `..` components (`..` taken as the parent in the path as written).
absolute() {
    case $1 in /*) p=$1 ;; *) p=$(pwd)/$1 ;; esac
    out=
    set -f
    old_ifs=$IFS
    IFS=/
    for c in $p; do
        case $c in
        '' | .) ;;
        ..) out=${out%/*} ;;
        *) out=$out/$c ;;
        esac
    done
    IFS=$old_ifs
    set +f
    printf '%s\n' "${out:-/}"
}

# Whether $1 is an absolute path as absolute writes it.
plain_path() {
    case $1 in /*) ;; *) return 1 ;; esac
    [ "$(absolute "$1")" = "$1" ]
}

[ -n "${HOME-}" ] || die no_home
home=$(absolute "$HOME")
prefix=${PREFIX:-$home/.local}
case $prefix in
/*) prefix=$(absolute "$prefix") ;;
*)
    # A relative prefix would make links that lead nowhere (they are read from their own
    # directory): it is taken from the working directory, and said so.
    given=$prefix
    prefix=$(absolute "$prefix")
    if [ "$action" = install ]; then say prefix_relative "$given" "$prefix"; fi
    ;;
esac
bin_dir=$prefix/bin
bin=$bin_dir/aws-shim
# The same rule as aws-shim's own directories: XDG_*_HOME when absolute.
xdg_dir() {
    case $1 in
    /*) absolute "$1" ;;
    *) printf '%s\n' "$home/$2" ;;
    esac
}
data_home=$(xdg_dir "${XDG_DATA_HOME-}" .local/share)
config_home=$(xdg_dir "${XDG_CONFIG_HOME-}" .config)
state_dir=$(xdg_dir "${XDG_STATE_HOME-}" .local/state)/aws-shim
cache_dir=$(xdg_dir "${XDG_CACHE_HOME-}" .cache)/aws-shim
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
'*) die newline_path "$bin_dir" ;;
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

# Whether $1 could be created or written: it is writable, or it does not exist and the
# nearest directory above it that does is writable. (A link into a read-only place, such as
# a configuration managed elsewhere, is not.)
can_write() {
    if [ -e "$1" ] || [ -L "$1" ]; then
        [ -w "$1" ]
        return
    fi
    d=$(dirname "$1")
    while [ ! -e "$d" ]; do d=$(dirname "$d"); done
    [ -d "$d" ] && [ -w "$d" ]
}

# $1 as one single-quoted shell word.
quote() {
    printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# The arguments of `aws-shim init SHELL` after the shell, for the start line: the language
# (which the block sets as a variable instead) and the commands to wrap.
lang_arg() {
    if [ -n "$lang" ]; then printf ' --lang %s' "$lang"; fi
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
    grep -qx -- "$END_MARK" "$1" || die no_end_mark "$1" "$BEGIN_MARK" "$END_MARK"
}

# The lines to add by hand, indented, for the shell $1.
print_block() {
    printf '%s\n%s\n' "$BEGIN_MARK" "$(rc_block "$1")" | sed 's/^/  /'
}

# Write the lines of the file $2 to the rc file $1, in place (a link stays a link). Fails,
# having changed nothing, when the file cannot be written.
write_rc() {
    can_write "$1" || return 1
    (cat "$2" >"$1") 2>/dev/null
}

# Say that the rc file $1 cannot be written, and print the lines to add for shell $2.
read_only() {
    if [ -L "$1" ]; then
        say rc_link_read_only "$1" "$(readlink "$1")" "$2"
    else
        say rc_read_only "$1" "$2"
    fi
    print_block "$2"
}

# Add (or bring up to date) the block in rc file $1 for shell $2.
#
# An rc file that is a link to nothing (a dotfiles repository not checked out yet, say) is
# left alone: writing through it would create a file in someone else's tree, which the link
# and the repository do not expect, and uninstall could then not tell it from the user's own.
# So is one that cannot be written (a link into a read-only place, as configurations managed
# by other tools are). The lines to add by hand are printed instead. A link to an existing
# file is written through (the link stays as it is), and so is restored through on --uninstall.
add_block() {
    rc=$1
    want=$(rc_block "$2")
    if [ -L "$rc" ] || [ -e "$rc" ]; then
        if [ ! -f "$rc" ]; then
            if [ -L "$rc" ]; then
                say rc_dangling "$rc" "$(readlink "$rc")"
            else
                say rc_not_file "$rc" "$2"
            fi
            print_block "$2"
            return
        fi
    fi
    if ! can_write "$rc"; then
        read_only "$rc" "$2"
        return
    fi
    tmp=$rc.aws-shim.$$
    if has_block "$rc"; then
        current=$(awk -v begin="$BEGIN_MARK" -v end="$END_MARK" '
            index($0, begin) == 1 { inside = 1; next }
            inside { print }
            inside && $0 == end { inside = 0 }' "$rc")
        if [ "$current" = "$want" ]; then
            say unchanged "$rc"
            return
        fi
        mark=$(grep "^$BEGIN_MARK" "$rc" | head -n 1)
        strip_block "$rc" >"$tmp"
        # Put the block back with the same marks, so that uninstall still restores the file.
        case $mark in *"[newline]"*) printf '\n' >>"$tmp" ;; esac
        done_msg=block_updated
    else
        mark=$BEGIN_MARK
        if [ ! -e "$rc" ]; then
            mark="$mark [created]"
            : >"$tmp"
        else
            cat "$rc" >"$tmp"
            if [ -s "$rc" ] && [ -n "$(tail -c 1 "$rc")" ]; then
                mark="$mark [newline]"
                printf '\n' >>"$tmp"
            fi
        fi
        done_msg=block_added
    fi
    printf '%s\n%s\n' "$mark" "$want" >>"$tmp"
    if write_rc "$rc" "$tmp"; then
        rm -f "$tmp"
        say "$done_msg" "$rc"
    else
        rm -f "$tmp"
        read_only "$rc" "$2"
    fi
}

remove_block() {
    rc=$1
    has_block "$rc" || return 0
    if ! can_write "$rc"; then
        say rc_read_only_uninstall "$rc" "$BEGIN_MARK" "$END_MARK"
        return
    fi
    mark=$(grep "^$BEGIN_MARK" "$rc" | head -n 1)
    tmp=$rc.aws-shim.$$
    strip_block "$rc" >"$tmp"
    case $mark in
    *"[created]"*)
        # Only the file install.sh created goes, never a link the user put in its place.
        if [ ! -s "$tmp" ] && [ ! -L "$rc" ]; then
            rm -f "$tmp" "$rc"
            say rc_removed_created "$rc"
            return
        fi
        ;;
    esac
    if write_rc "$rc" "$tmp"; then
        say block_removed "$rc"
    else
        say rc_read_only_uninstall "$rc" "$BEGIN_MARK" "$END_MARK"
    fi
    rm -f "$tmp"
}

# What install.sh may remove is known by its shape, whatever the manifest says: the binary
# (PREFIX/bin/aws-shim), the fish file (.../fish/conf.d/aws-shim.fish, starting with the line
# install.sh writes), the links in the link directory to a binary of that shape, and the
# directories on the way to those. Anything else in the manifest was not written by
# install.sh and is left alone, and said so.
expected_file() {
    plain_path "$1" || return 1
    case $1 in
    */bin/aws-shim) ;;
    */fish/conf.d/aws-shim.fish)
        [ ! -f "$1" ] || [ "$(head -n 1 "$1")" = "$FISH_HEADER" ]
        ;;
    *) return 1 ;;
    esac
}

expected_link() {
    plain_path "$1" && [ "$(dirname "$1")" = "$link_dir" ] || return 1
    [ -L "$1" ] || return 0
    target=$(readlink "$1")
    case $target in */bin/aws-shim) plain_path "$target" ;; *) return 1 ;; esac
}

# Whether the directory $1 may be removed (when empty): it holds, or is on the way to, one of
# the places of an expected entry ($anchors), and it is not HOME nor above it.
expected_dir() {
    plain_path "$1" || return 1
    case $home/ in "$1"/*) return 1 ;; esac
    printf '%s\n' "$anchors" | {
        while IFS= read -r a; do
            case $a/ in "$1"/*) exit 0 ;; esac
        done
        exit 1
    }
}

# Remove what the manifest lists and has the expected shape: files only while they are as
# install.sh wrote them, links only while they are links, then the directories it created,
# when empty. Sets $bins, the binaries it lists, $dirs, the directories, and $anchors.
# shellcheck disable=SC2094 # the manifest's name is said, not written to
remove_recorded() {
    anchors="$link_dir
$bin_dir
$(dirname "$fish_file")"
    bins=
    dirs=
    while IFS= read -r entry; do
        kind=${entry%% *}
        path=${entry#* }
        case $kind in
        file)
            sum=${path%"${path#* * }"}
            sum=${sum% }
            path=${path#* * }
            if ! expected_file "$path"; then
                say refused_file "$path" "$manifest"
                continue
            fi
            anchors="$anchors
$(dirname "$path")"
            case $path in */bin/aws-shim) bins="$bins $path " ;; esac
            if [ -f "$path" ] && [ ! -L "$path" ]; then
                if [ "$(checksum "$path")" = "$sum" ]; then
                    rm -f "$path"
                    say removed "$path"
                else
                    say changed_since "$path"
                fi
            fi
            ;;
        link)
            if ! expected_link "$path"; then
                say refused_link "$path" "$manifest"
                continue
            fi
            if [ -L "$path" ]; then
                rm -f "$path"
                say removed "$path"
            fi
            ;;
        dir)
            dirs="$dirs$path
"
            ;;
        *)
            [ -z "$entry" ] || say refused_entry "$manifest" "$entry"
            ;;
        esac
    done <"$manifest"
    rm -f "$manifest"
}

# Lines that mention aws-shim in the shell start-up files outside install.sh's block: written
# by hand, kept, and said so.
report_lines() {
    for f in "$home/.bashrc" "$home/.bash_profile" "$home/.bash_login" "$home/.profile" \
        "$home/.zshrc" "$home/.zprofile" "$home/.zshenv" "$home/.zlogin" \
        "$config_home/fish/config.fish"; do
        if [ ! -f "$f" ] || [ ! -r "$f" ]; then continue; fi
        awk -v begin="$BEGIN_MARK" -v end="$END_MARK" '
            index($0, begin) == 1 { inside = 1; next }
            inside && $0 == end { inside = 0; next }
            inside { next }
            /aws-shim|AWS_SHIM_/ { print NR ":" $0 }' "$f" | while IFS= read -r hit; do
            say kept_line "$f" "${hit%%:*}" "${hit#*:}"
        done
    done
}

uninstall() {
    # A block without its end mark stops everything before anything is changed.
    has_block "$home/.bashrc" || :
    has_block "$home/.zshrc" || :
    remove_block "$home/.bashrc"
    remove_block "$home/.zshrc"
    bins=
    dirs=
    anchors="$link_dir
$bin_dir
$(dirname "$fish_file")"
    if [ -f "$manifest" ]; then
        remove_recorded
    else
        say nothing_recorded "$manifest"
        # Earlier versions kept no list; their fish file says who wrote it.
        if [ -f "$fish_file" ] && [ ! -L "$fish_file" ] &&
            [ "$(head -n 1 "$fish_file")" = "$FISH_HEADER" ]; then
            rm -f "$fish_file"
            say removed "$fish_file"
        fi
    fi
    # Links that `aws-shim init --wrap` made beside the recorded ones.
    for l in "$link_dir"/*; do
        if [ -L "$l" ]; then
            case " $bin $bins " in
            *" $(readlink "$l") "*)
                rm -f "$l"
                say removed "$l"
                ;;
            esac
        fi
    done
    if [ -f "$old_manifest" ]; then
        dirs="$dirs$(cat "$old_manifest")
"
        rm -f "$old_manifest"
    fi
    remove_created_dirs
    say uninstall_done
    [ ! -d "$state_dir" ] || say kept_state "$state_dir"
    [ ! -d "$cache_dir" ] || say kept_cache "$cache_dir"
    if [ -d "$data_home/aws-shim" ] && [ -n "$(ls -A "$data_home/aws-shim")" ]; then
        say kept_data "$data_home/aws-shim"
    fi
    report_lines
}

# Remove the directories in $dirs that may go, deepest first, when empty; say which ones the
# manifest should not have listed.
remove_created_dirs() {
    printf '%s' "$dirs" | sort -r -u | while IFS= read -r d; do
        [ -n "$d" ] || continue
        if expected_dir "$d"; then
            rmdir "$d" 2>/dev/null || true
        else
            say refused_dir "$d" "$manifest"
        fi
    done
}

# The binary to install: --bin, or one built with cargo (as it ships when bash is there to
# run scripts/build-release.sh), in cargo's target directory. Nothing is written outside it.
find_binary() {
    if [ -z "$bin_src" ]; then
        command -v cargo >/dev/null 2>&1 || die cargo_missing
        src_dir=$(cd "$(dirname "$0")" && pwd)
        [ -f "$src_dir/Cargo.toml" ] || die no_cargo_toml
        # A relative CARGO_TARGET_DIR is where the user is, not where the sources are.
        case ${CARGO_TARGET_DIR-} in
        '' | /*) ;;
        *)
            CARGO_TARGET_DIR=$(absolute "$CARGO_TARGET_DIR")
            export CARGO_TARGET_DIR
            ;;
        esac
        say building
        if [ -x "$src_dir/scripts/build-release.sh" ] && command -v bash >/dev/null 2>&1; then
            # The build as it ships: static and non-PIE on Linux (faster start-up).
            build=$src_dir/scripts/build-release.sh
            linking=$("$build" --linking) || die build_failed
            case $linking in *no-libc.a*) say building_dynamic ;; esac
            "$build" --quiet >/dev/null || die build_failed
            bin_src=$("$build" --print-path) || die build_failed
        else
            (cd "$src_dir" && cargo build --release --quiet) || die build_failed
            target_dir=$(cd "$src_dir" && cargo metadata --format-version 1 --no-deps |
                sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p') || die build_failed
            bin_src=$target_dir/release/aws-shim
        fi
    fi
    if [ ! -f "$bin_src" ] || [ ! -x "$bin_src" ]; then
        die not_executable "$bin_src"
    fi
}

install_binary() {
    make_dir "$bin_dir"
    if [ -f "$bin" ] && cmp -s "$bin_src" "$bin"; then
        say unchanged "$bin"
    else
        cp "$bin_src" "$bin.tmp.$$"
        chmod 755 "$bin.tmp.$$"
        mv -f "$bin.tmp.$$" "$bin"
        say installed "$bin"
    fi
    record "file $(checksum "$bin")" "$bin"
}

# The link $1 to the binary, in the link directory (which the hook puts first in PATH, so
# that `aws-shim` is found there too, whatever PATH held before).
install_link() {
    make_dir "$link_dir"
    if [ -L "$1" ] && [ "$(readlink "$1")" = "$bin" ]; then
        say unchanged "$1"
    else
        if [ -e "$1" ] && [ ! -L "$1" ]; then
            die not_a_link "$1"
        fi
        ln -s "$bin" "$1.tmp.$$"
        mv -f "$1.tmp.$$" "$1"
        say linked "$1" "$bin"
    fi
    record link "$1"
}

# The fish line that starts aws-shim (the language as in the block).
fish_line() {
    printf '%s init fish%s%s | source' "$(quote "$bin")" "$(lang_arg)" "$wrap_arg"
}

install_fish() {
    command -v fish >/dev/null 2>&1 || return 0
    q=$(quote "$bin")
    want=$FISH_HEADER
    if [ -n "$lang" ]; then want="$want
set -gx AWS_SHIM_LANG $lang"; fi
    if [ -n "$relogin" ]; then want="$want
set -gx AWS_SHIM_RELOGIN ask"; fi
    want="$want
if test -x $q; $q init fish$wrap_arg | source; end"
    if [ -f "$fish_file" ] && [ "$(cat "$fish_file")" = "$want" ]; then
        say unchanged "$fish_file"
        record "file $(checksum "$fish_file")" "$fish_file"
        return
    fi
    if ! can_write "$fish_file"; then
        say fish_read_only "$fish_file"
        printf '  %s\n' "$(fish_line)"
        return
    fi
    make_dir "$(dirname "$fish_file")"
    printf '%s\n' "$want" >"$fish_file"
    say wrote "$fish_file"
    record "file $(checksum "$fish_file")" "$fish_file"
}

if [ "$action" = uninstall ]; then
    uninstall
    exit 0
fi

# The one line that starts aws-shim in the user's shell, with the language of the block.
start_line() {
    if [ "$shell_name" = fish ]; then
        printf '  %s\n' "$(fish_line)"
    else
        # shellcheck disable=SC2016 # the $( ) is for the user's shell
        printf '  eval "$(%s init %s%s%s)"\n' "$(quote "$bin")" "$shell_name" "$(lang_arg)" "$wrap_arg"
    fi
}

# Everything that can stop the run is looked at before anything is written: the binary (built
# if need be) and the rc files' blocks.
find_binary
if [ "$modify_rc" = 1 ]; then
    has_block "$home/.bashrc" || :
    has_block "$home/.zshrc" || :
fi

# A run that stops half-way on a machine where nothing was installed yet takes back what it
# had made, so that nothing half-made is left (a later run finds it as before).
roll_back() {
    trap - EXIT
    if [ "$1" != 0 ] && [ -f "$manifest" ]; then
        remove_recorded >/dev/null 2>&1 || :
        remove_created_dirs >/dev/null 2>&1 || :
        say rolled_back >&2
    fi
    exit "$1"
}
if [ ! -e "$manifest" ]; then
    trap 'roll_back $?' EXIT
fi

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
            say removed_unwrapped "$l"
            ;;
        esac
    fi
done
for name in $wrap_names; do
    install_link "$link_dir/$name"
done
trap - EXIT
shell_name=$(basename "${SHELL:-sh}")
case $shell_name in zsh | fish) ;; *) shell_name=bash ;; esac
if [ "$modify_rc" = 1 ]; then
    add_block "$home/.bashrc" bash
    if [ -f "$home/.zshrc" ] || command -v zsh >/dev/null 2>&1; then
        add_block "$home/.zshrc" zsh
    fi
    install_fish
else
    say no_modify_rc
    start_line
fi
say start_now
start_line
