# aws-shim shell integration for zsh. Activate with:  eval "$(aws-shim init zsh)"
# `aws-shim init zsh` fills in the three @...@ values below and appends the completions.
#
# What it does, fork-free at every prompt:
#   - the directory holding the `aws` link goes first in PATH, exactly once (or, with
#     `aws-shim init zsh --function`, a shell function `aws` runs `aws-shim exec`);
#   - before each prompt (precmd_functions), AWS_SHIM_PROMPT is set from the prompt cache
#     ($(<file) and $EPOCHSECONDS; `aws-shim prompt` runs only when the cache is
#     missing or stale) and `aws_shim_prompt` prints it, for PROMPT or RPROMPT;
#   - when the cache says the credentials are dead, one line is printed before the next `aws`
#     command (preexec_functions; AWS_SHIM_NO_WARN=1 turns it off).

typeset -g __aws_shim_bin=@AWS_SHIM_BIN@
typeset -g __aws_shim_link_dir=@AWS_SHIM_LINK_DIR@
typeset -g __aws_shim_state_dir=@AWS_SHIM_STATE_DIR@
typeset -g AWS_SHIM_PROMPT=${AWS_SHIM_PROMPT-}
typeset -g __aws_shim_warning=${__aws_shim_warning-}
typeset -g __aws_shim_warned=${__aws_shim_warned-}
typeset -gi __aws_shim_retry_at=${__aws_shim_retry_at:-0}
typeset -g __aws_shim_sig=${__aws_shim_sig-}
typeset -g __aws_shim_profile= __aws_shim_file=
zmodload -F zsh/datetime p:EPOCHSECONDS 2>/dev/null
zmodload -F zsh/system b:sysread 2>/dev/null

if [[ -n $__aws_shim_link_dir ]]; then
    # Only our own `aws` function (from an earlier --function), never the user's.
    if [[ -n ${__aws_shim_function-} ]]; then
        unfunction aws 2>/dev/null
        unset __aws_shim_function
    fi
    path=("$__aws_shim_link_dir" "${(@)path:#${(b)__aws_shim_link_dir}}")
    export PATH
else
    typeset -g __aws_shim_function=1
    aws() {
        "$__aws_shim_bin" exec -- "$@"
    }
fi

# Before each prompt: AWS_SHIM_PROMPT and the warning from the prompt cache of the current
# profile, with no process (the file is read by one builtin; the time left is computed
# here). Only a missing or stale cache runs `aws-shim prompt`, which rewrites it; when even
# that leaves no usable cache (an unwritable state directory), not again within a minute.
# One function on purpose: this runs at every prompt.
__aws_shim_hook() {
    local __aws_shim_status=$?
    emulate -L zsh
    local name now pass=0 printed='' fresh=1 buf=''
    local magic valid_until expires minutes left='' watched
    local -a lines
    # Exported credentials and the files' locations, as one string: when they change, the
    # cache no longer says anything about the credentials in use.
    local sig="${AWS_ACCESS_KEY_ID-}|${AWS_SECRET_ACCESS_KEY-}|${AWS_SESSION_TOKEN-}|${AWS_SECURITY_TOKEN-}|${AWS_CREDENTIAL_EXPIRATION-}|${AWS_SESSION_EXPIRATION-}|${AWSUME_EXPIRATION-}|${AWS_SSO_SESSION_EXPIRATION-}|${AWS_CONFIG_FILE-}|${AWS_SHARED_CREDENTIALS_FILE-}"
    if [[ $sig != "${__aws_shim_sig-}" ]]; then
        __aws_shim_sig=$sig
        fresh=0
    fi
    __aws_shim_warned=
    if (( ${+EPOCHSECONDS} )); then
        now=$EPOCHSECONDS
    else
        now=${(%):-"%D{%s}"}
    fi
    while :; do
        # The profile `aws` uses: AWS_PROFILE, else AWS_DEFAULT_PROFILE; AWS CLI v1 the other
        # way round, which the state directory marks (`aws-shim prompt` keeps the mark).
        name=${AWS_PROFILE:-${AWS_DEFAULT_PROFILE-}}
        if [[ -n ${AWS_PROFILE-} && -n ${AWS_DEFAULT_PROFILE-} && $AWS_PROFILE != "$AWS_DEFAULT_PROFILE" &&
            -e $__aws_shim_state_dir/cli-v1 ]]; then
            name=$AWS_DEFAULT_PROFILE
        fi
        if [[ ${name:-default} != "$__aws_shim_profile" ]]; then
            __aws_shim_profile=${name:-default}
            __aws_shim_file=${__aws_shim_profile//[%]/%25}
            __aws_shim_file="$__aws_shim_state_dir/${__aws_shim_file//\//%2F}.prompt"
        fi
        # A regular file only: a FIFO planted in its place must not hang the prompt. At most
        # 16 KiB of it, in one read (aws-shim writes less): a larger file is not a cache of
        # aws-shim's.
        lines=()
        buf=
        if [[ -f $__aws_shim_file ]]; then
            if (( ${+builtins[sysread]} )); then
                { sysread -s 16384 buf <$__aws_shim_file } 2>/dev/null || :
            else
                { IFS= read -r -k 16384 -u 0 buf <$__aws_shim_file } 2>/dev/null || :
            fi
            (( ${#buf} < 16384 )) || buf=
            lines=("${(@f)buf}")
            lines=("${(@)lines[1,64]}")
        fi
        magic=${lines[1]-}
        valid_until=${magic#* }
        expires=${valid_until#* }
        valid_until=${valid_until%% *}
        # A file the credentials come from changed after the cache was written: stale.
        for watched in "${(@)lines[5,-1]}"; do
            [[ -n $watched && $watched -nt $__aws_shim_file ]] && fresh=0 && break
        done
        if [[ ${magic%% *} == aws-shim-prompt-2 && -n $valid_until && -n $expires &&
            $valid_until$expires != *[^0-9]* && $valid_until != 0?* && $expires != 0?* ]] &&
            (( now < valid_until && (fresh || pass) )); then
            break
        fi
        if (( pass )); then
            # For PROMPT: control characters out, `%` as `%%`.
            printed=${printed//[[:cntrl:]]/?}
            AWS_SHIM_PROMPT=${printed//\%/%%}
            __aws_shim_warning=
            __aws_shim_retry_at=$(( now + 60 ))
            return $__aws_shim_status
        fi
        (( now < __aws_shim_retry_at )) && return $__aws_shim_status
        pass=1
        # The profile variables go in the environment as the shell has them (an option would
        # also make the CLI ignore exported keys; the shell may not have exported them).
        printed=$(AWS_PROFILE=${AWS_PROFILE-} AWS_DEFAULT_PROFILE=${AWS_DEFAULT_PROFILE-} \
            "$__aws_shim_bin" prompt 2>/dev/null) || printed=
    done
    __aws_shim_retry_at=0
    if (( expires > 0 )); then
        minutes=$(((expires - now + 59) / 60))
        if (( minutes < 60 )); then
            left=${minutes}m
        elif (( minutes < 1440 )); then
            left=$((minutes / 60))h$((minutes % 60))m
        else
            left=$((minutes / 1440))d$((minutes / 60 % 24))h
        fi
    fi
    # For PROMPT, whatever the file holds: control characters out, `%` as `%%`.
    printed=${lines[2]-}$left${lines[3]-}
    printed=${printed//[[:cntrl:]]/?}
    AWS_SHIM_PROMPT=${printed//\%/%%}
    __aws_shim_warning=${lines[4]-}
    return $__aws_shim_status
}

# The segment followed by a space, or nothing: for PROMPT, RPROMPT or a prompt framework.
aws_shim_prompt() {
    local __aws_shim_status=$?
    [[ -n $AWS_SHIM_PROMPT ]] && builtin print -rn -- "$AWS_SHIM_PROMPT "
    return $__aws_shim_status
}

# The warning line before an `aws` command, at most once per prompt. aws-shim reads the
# command line (the same reading for bash, zsh and fish) and decides, with a fresh look at the
# credentials: one process, only while a warning is pending and the line names `aws`. It
# succeeds once the prompt's question is settled (the warning printed, or a sign-in ahead).
__aws_shim_preexec() {
    emulate -L zsh
    [[ -n $__aws_shim_warning && -z $__aws_shim_warned && -z ${AWS_SHIM_NO_WARN-} ]] || return 0
    case $1 in
    (aws | aws[^-[:alnum:]_./]* | *[^-[:alnum:]_./]aws | *[^-[:alnum:]_./]aws[^-[:alnum:]_./]*)
        AWS_PROFILE=${AWS_PROFILE-} AWS_DEFAULT_PROFILE=${AWS_DEFAULT_PROFILE-} \
            "$__aws_shim_bin" __warn -- "$1" </dev/null >&2 && __aws_shim_warned=1
        ;;
    esac
    return 0
}

typeset -ga precmd_functions preexec_functions
(( ${precmd_functions[(Ie)__aws_shim_hook]} )) || precmd_functions+=(__aws_shim_hook)
(( ${preexec_functions[(Ie)__aws_shim_preexec]} )) || preexec_functions+=(__aws_shim_preexec)
