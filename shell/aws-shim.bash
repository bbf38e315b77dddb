# shellcheck shell=bash
# aws-shim shell integration for bash. Activate with:  eval "$(aws-shim init bash)"
# `aws-shim init bash` fills in the three @...@ values below and appends the completions.
#
# What it does, fork-free at every prompt:
#   - the directory holding the `aws` link goes first in PATH, exactly once (or, with
#     `aws-shim init bash --function`, a shell function `aws` runs `aws-shim exec`);
#   - before each prompt, AWS_SHIM_PROMPT is set from the prompt cache (read -N and
#     $EPOCHSECONDS; `aws-shim prompt` runs only when the cache is missing or stale) and
#     `aws_shim_prompt` prints it, for PS1;
#   - when the cache says the credentials are dead, one line is printed before the next `aws`
#     command (AWS_SHIM_NO_WARN=1 turns it off).
#
# Opt-in: with `export AWS_SHIM_RELOGIN=ask` (or `install.sh --relogin`), after a failure whose
# remedy is a sign-in, `aws` on a terminal offers to sign in again and run the command again.

__aws_shim_bin=@AWS_SHIM_BIN@
__aws_shim_link_dir=@AWS_SHIM_LINK_DIR@
__aws_shim_state_dir=@AWS_SHIM_STATE_DIR@
AWS_SHIM_PROMPT=${AWS_SHIM_PROMPT-}
__aws_shim_warning=${__aws_shim_warning-}
__aws_shim_warned=${__aws_shim_warned-}
__aws_shim_retry_at=${__aws_shim_retry_at-0}
__aws_shim_sig=${__aws_shim_sig-}
__aws_shim_profile=
__aws_shim_file=
# The cache's text as last read, and what __aws_shim_parse made of it.
__aws_shim_buf=
__aws_shim_seen=
__aws_shim_until=0
__aws_shim_expires=0
__aws_shim_before=
__aws_shim_after=
__aws_shim_pending=
__aws_shim_watch=()

if [[ -n $__aws_shim_link_dir ]]; then
    # Only our own `aws` function (from an earlier --function), never the user's.
    if [[ -n ${__aws_shim_function-} ]]; then
        \builtin unset -f aws
        \builtin unset __aws_shim_function
    fi
    __aws_shim_path=":${PATH-}:"
    while [[ $__aws_shim_path == *":$__aws_shim_link_dir:"* ]]; do
        __aws_shim_path=${__aws_shim_path//":$__aws_shim_link_dir:"/:}
    done
    __aws_shim_path=${__aws_shim_path#:}
    __aws_shim_path=${__aws_shim_path%:}
    PATH="$__aws_shim_link_dir${__aws_shim_path:+:$__aws_shim_path}"
    \builtin export PATH
    \builtin unset __aws_shim_path
else
    __aws_shim_function=1
    aws() {
        "$__aws_shim_bin" exec -- "$@"
    }
fi

# Before each prompt: AWS_SHIM_PROMPT and the warning from the prompt cache of the current
# profile, with no process (the file is read by one builtin; the time left is computed
# here). Only a missing or stale cache runs `aws-shim prompt`, which rewrites it; when even
# that leaves no usable cache (an unwritable state directory), not again within a minute.
# One function on purpose: this runs at every prompt (the text is taken apart by
# __aws_shim_parse only when it changes).
__aws_shim_hook() {
    local __aws_shim_status=$?
    local now pass=0 printed='' fresh=1 minutes left='' watched
    # Exported credentials and the files' locations, as one string: when they change, the
    # cache no longer says anything about the credentials in use.
    local sig="${AWS_ACCESS_KEY_ID-}|${AWS_SECRET_ACCESS_KEY-}|${AWS_SESSION_TOKEN-}|${AWS_SECURITY_TOKEN-}|${AWS_CREDENTIAL_EXPIRATION-}|${AWS_SESSION_EXPIRATION-}|${AWSUME_EXPIRATION-}|${AWS_SSO_SESSION_EXPIRATION-}|${AWS_CONFIG_FILE-}|${AWS_SHARED_CREDENTIALS_FILE-}"
    if [[ $sig != "${__aws_shim_sig-}" ]]; then
        __aws_shim_sig=$sig
        fresh=0
    fi
    __aws_shim_warned=
    if [[ -n ${EPOCHSECONDS-} ]]; then
        now=$EPOCHSECONDS
    else
        \builtin printf -v now '%(%s)T' -1
    fi
    while :; do
        # The cache of the profile `aws` uses: AWS_PROFILE, else AWS_DEFAULT_PROFILE; AWS CLI
        # v1 the other way round, which the state directory marks (aws-shim keeps the mark).
        # Worked out when the variables change, and again after `aws-shim prompt` ran.
        if [[ ${AWS_PROFILE-}$'\n'${AWS_DEFAULT_PROFILE-} != "$__aws_shim_profile" ]]; then
            __aws_shim_profile=${AWS_PROFILE-}$'\n'${AWS_DEFAULT_PROFILE-}
            __aws_shim_file=${AWS_PROFILE:-${AWS_DEFAULT_PROFILE:-default}}
            [[ -n ${AWS_DEFAULT_PROFILE-} && $__aws_shim_file != "$AWS_DEFAULT_PROFILE" &&
                -e $__aws_shim_state_dir/cli-v1 ]] && __aws_shim_file=$AWS_DEFAULT_PROFILE
            __aws_shim_file=${__aws_shim_file//[%]/%25}
            __aws_shim_file="$__aws_shim_state_dir/${__aws_shim_file//\//%2F}.prompt"
        fi
        # A regular file only: a FIFO planted in its place must not hang the prompt. At most
        # 16 KiB of it (aws-shim writes less).
        if [[ -f $__aws_shim_file ]]; then
            { \builtin read -r -N 16384 __aws_shim_buf <"$__aws_shim_file"; } 2>/dev/null || :
        else
            __aws_shim_buf=
        fi
        [[ $__aws_shim_buf == "$__aws_shim_seen" ]] || __aws_shim_parse
        # A file the credentials come from changed after the cache was written: stale.
        for watched in "${__aws_shim_watch[@]}"; do
            [[ $watched -nt $__aws_shim_file ]] && fresh=0 && break
        done
        ((now < __aws_shim_until && (fresh || pass))) && break
        if ((pass)); then
            AWS_SHIM_PROMPT=${printed//[[:cntrl:]]/?}
            __aws_shim_warning=
            __aws_shim_retry_at=$((now + 60))
            return "$__aws_shim_status"
        fi
        ((now < __aws_shim_retry_at)) && return "$__aws_shim_status"
        pass=1
        __aws_shim_profile=
        # The profile variables go in the environment as the shell has them (an option would
        # also make the CLI ignore exported keys; the shell may not have exported them).
        printed=$(AWS_PROFILE=${AWS_PROFILE-} AWS_DEFAULT_PROFILE=${AWS_DEFAULT_PROFILE-} \
            "$__aws_shim_bin" prompt 2>/dev/null) || printed=
    done
    __aws_shim_retry_at=0
    if ((__aws_shim_expires > 0)); then
        minutes=$(((__aws_shim_expires - now + 59) / 60))
        if ((minutes < 60)); then
            left=${minutes}m
        elif ((minutes < 1440)); then
            left=$((minutes / 60))h$((minutes % 60))m
        else
            left=$((minutes / 1440))d$((minutes / 60 % 24))h
        fi
    fi
    AWS_SHIM_PROMPT=$__aws_shim_before$left$__aws_shim_after
    __aws_shim_warning=$__aws_shim_pending
    return "$__aws_shim_status"
}

# The cache's text (__aws_shim_buf) taken apart into the __aws_shim_* values the hook uses;
# __aws_shim_until stays 0 when it is not a cache of aws-shim's (a file that fills the 16 KiB
# read is not). Control characters never reach the terminal, whatever the file holds.
__aws_shim_parse() {
    local rest=$__aws_shim_buf magic valid_until expires
    local -a lines=()
    __aws_shim_seen=$__aws_shim_buf
    __aws_shim_until=0
    __aws_shim_expires=0
    __aws_shim_before=
    __aws_shim_after=
    __aws_shim_pending=
    __aws_shim_watch=()
    ((${#rest} < 16384)) || return 0
    while [[ $rest == *$'\n'* ]] && ((${#lines[@]} < 64)); do
        lines+=("${rest%%$'\n'*}")
        rest=${rest#*$'\n'}
    done
    magic=${lines[0]-}
    valid_until=${magic#* }
    expires=${valid_until#* }
    valid_until=${valid_until%% *}
    if [[ ${magic%% *} == aws-shim-prompt-2 && -n $valid_until && -n $expires &&
        $valid_until$expires != *[!0-9]* && $valid_until != 0?* && $expires != 0?* ]]; then
        __aws_shim_until=$valid_until
        __aws_shim_expires=$expires
        __aws_shim_before=${lines[1]-}
        __aws_shim_before=${__aws_shim_before//[[:cntrl:]]/?}
        __aws_shim_after=${lines[2]-}
        __aws_shim_after=${__aws_shim_after//[[:cntrl:]]/?}
        __aws_shim_pending=${lines[3]-}
        __aws_shim_watch=("${lines[@]:4}")
    fi
    return 0
}

# The segment followed by a space, or nothing: for PS1 or a prompt framework.
aws_shim_prompt() {
    local __aws_shim_status=$?
    [[ -n $AWS_SHIM_PROMPT ]] && \builtin printf '%s ' "$AWS_SHIM_PROMPT"
    return "$__aws_shim_status"
}

# The warning line before an `aws` command, at most once per prompt. aws-shim reads the
# command line (the same reading for bash, zsh and fish) and decides, with a fresh look at the
# credentials: one process, only while a warning is pending and the line names `aws`. It
# succeeds once the prompt's question is settled (the warning printed, or a sign-in ahead).
__aws_shim_preexec() {
    [[ -n $__aws_shim_warning && -z $__aws_shim_warned && -z ${AWS_SHIM_NO_WARN-} ]] || return 0
    case $1 in
    aws | aws[!-[:alnum:]_./]* | *[!-[:alnum:]_./]aws | *[!-[:alnum:]_./]aws[!-[:alnum:]_./]*)
        AWS_PROFILE=${AWS_PROFILE-} AWS_DEFAULT_PROFILE=${AWS_DEFAULT_PROFILE-} \
            "$__aws_shim_bin" __warn -- "$1" </dev/null >&2 && __aws_shim_warned=1
        ;;
    esac
    return 0
}

# The trap passes `$_` in and the last command puts it back: a DEBUG trap must not change
# what `$_` means at the prompt (`mkdir -p d && cd $_`).
__aws_shim_debug() {
    [[ -n $__aws_shim_warning ]] && __aws_shim_preexec "$BASH_COMMAND"
    : "$1"
}

if [[ ${PROMPT_COMMAND[*]-} != *__aws_shim_hook* ]]; then
    if [[ -n ${PROMPT_COMMAND[1]+set} ]]; then
        PROMPT_COMMAND+=(__aws_shim_hook)
    else
        # A string, or an array of one: element 0 is the string either way.
        # shellcheck disable=SC2128,SC2178
        PROMPT_COMMAND="${PROMPT_COMMAND:+$PROMPT_COMMAND$'\n'}__aws_shim_hook"
    fi
fi

# The warning needs the command about to run: bash-preexec's preexec_functions when it is
# loaded; else a DEBUG trap of our own, but only when no other tool has one (never replaced).
if [[ -n ${bash_preexec_imported-}${__bp_imported-} ]]; then
    if [[ " ${preexec_functions[*]-} " != *" __aws_shim_preexec "* ]]; then
        preexec_functions+=(__aws_shim_preexec)
    fi
else
    __aws_shim_trap=$(\builtin trap -p DEBUG)
    if [[ -z $__aws_shim_trap ]]; then
        \builtin trap '__aws_shim_debug "$_"' DEBUG
    fi
    \builtin unset __aws_shim_trap
fi
