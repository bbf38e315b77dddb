# aws-shim shell integration for zsh. Activate with:  eval "$(aws-shim init zsh)"
# `aws-shim init zsh` fills in the three @...@ values below and appends the completions.
#
# What it does, fork-free at every prompt:
#   - the directory holding the `aws` link goes first in PATH, exactly once (or, with
#     `aws-shim init zsh --function`, a shell function `aws` runs `aws-shim exec`);
#   - before each prompt (precmd_functions), AWS_SHIM_PROMPT is set from the prompt cache
#     (the `read` builtin and $EPOCHSECONDS; `aws-shim prompt` runs only when the cache is
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
zmodload -F zsh/datetime p:EPOCHSECONDS 2>/dev/null

if [[ -n $__aws_shim_link_dir ]]; then
    (( ${+functions[aws]} )) && unfunction aws
    path=("$__aws_shim_link_dir" ${path:#${(b)__aws_shim_link_dir}})
    export PATH
else
    aws() {
        "$__aws_shim_bin" exec -- "$@"
    }
fi

# Reads the prompt cache of the current profile into the caller's locals.
__aws_shim_read_cache() {
    { { builtin read -r magic valid_until expires &&
        IFS= builtin read -r before &&
        IFS= builtin read -r after &&
        IFS= builtin read -r warning } <"$file" } 2>/dev/null &&
        [[ $magic == aws-shim-prompt-1 && -n $valid_until && -n $expires &&
            $valid_until$expires != *[^0-9]* && $valid_until != 0?* && $expires != 0?* ]]
}

# Sets AWS_SHIM_PROMPT and the warning from the cache; runs `aws-shim prompt` (which rewrites
# the cache) only when the cache is missing or stale, and then not again within a minute.
__aws_shim_refresh() {
    emulate -L zsh
    local name=${AWS_PROFILE:-${AWS_DEFAULT_PROFILE:-}}
    local profile=${name:-default}
    local file now magic valid_until expires before after warning left minutes
    profile=${profile//[%]/%25}
    file="$__aws_shim_state_dir/${profile//\//%2F}.prompt"
    if (( ${+EPOCHSECONDS} )); then
        now=$EPOCHSECONDS
    else
        now=${(%):-"%D{%s}"}
    fi
    if ! __aws_shim_read_cache || (( now >= valid_until )); then
        (( now < __aws_shim_retry_at )) && return 0
        # The profile goes as an option: AWS_PROFILE may be a variable the shell did not export.
        before=$("$__aws_shim_bin" prompt ${name:+--profile} $name 2>/dev/null) || before=
        if ! __aws_shim_read_cache || (( now >= valid_until )); then
            # No usable cache (an unwritable state directory): keep this for a minute.
            AWS_SHIM_PROMPT=$before
            __aws_shim_warning=
            __aws_shim_retry_at=$(( now + 60 ))
            return 0
        fi
    fi
    __aws_shim_retry_at=0
    if (( expires > 0 )); then
        minutes=$(( (expires - now + 59) / 60 ))
        if (( minutes < 60 )); then
            left=${minutes}m
        elif (( minutes < 1440 )); then
            left=$(( minutes / 60 ))h$(( minutes % 60 ))m
        else
            left=$(( minutes / 1440 ))d$(( minutes / 60 % 24 ))h
        fi
    fi
    AWS_SHIM_PROMPT=$before$left$after
    __aws_shim_warning=$warning
}

__aws_shim_hook() {
    local __aws_shim_status=$?
    __aws_shim_warned=
    __aws_shim_refresh
    return $__aws_shim_status
}

# The segment followed by a space, or nothing: for PROMPT, RPROMPT or a prompt framework.
aws_shim_prompt() {
    local __aws_shim_status=$?
    [[ -n $AWS_SHIM_PROMPT ]] && builtin print -rn -- "$AWS_SHIM_PROMPT "
    return $__aws_shim_status
}

# The warning line before an `aws` command, at most once per prompt.
__aws_shim_preexec() {
    emulate -L zsh
    [[ -n $__aws_shim_warning && -z $__aws_shim_warned && -z ${AWS_SHIM_NO_WARN-} ]] || return 0
    case $1 in
    (aws | aws[[:space:]]* | \\aws* | command[[:space:]]aws* | time[[:space:]]aws* | \
        *[\;\|\&\(\`][[:space:]]aws | *[\;\|\&\(\`]aws | \
        *[\;\|\&\(\`][[:space:]]aws[[:space:]]* | *[\;\|\&\(\`]aws[[:space:]]*)
        __aws_shim_warned=1
        builtin print -r -- "$__aws_shim_warning" >&2
        ;;
    esac
    return 0
}

typeset -ga precmd_functions preexec_functions
(( ${precmd_functions[(Ie)__aws_shim_hook]} )) || precmd_functions+=(__aws_shim_hook)
(( ${preexec_functions[(Ie)__aws_shim_preexec]} )) || preexec_functions+=(__aws_shim_preexec)
