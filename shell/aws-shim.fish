# aws-shim shell integration for fish. Activate with:  aws-shim init fish | source
# `aws-shim init fish` fills in the three @...@ values below and appends the completions.
#
# What it does:
#   - the directory holding the `aws` link goes first in PATH, exactly once (or, with
#     `aws-shim init fish --function`, a function `aws` runs `aws-shim exec`);
#   - on each fish_prompt event, AWS_SHIM_PROMPT is set by `aws-shim prompt` (fish has no
#     clock builtin to check the cache against, so this one costs a process) and
#     `aws_shim_prompt` prints it, for fish_prompt or fish_right_prompt;
#   - when the credentials are dead, one line is printed before the next `aws` command
#     (fish_preexec; AWS_SHIM_NO_WARN=1 turns it off).
#
# Opt-in: with `set -gx AWS_SHIM_RELOGIN ask` (or `install.sh --relogin`), after a failure whose
# remedy is a sign-in, `aws` on a terminal offers to sign in again and run the command again.

set -g __aws_shim_bin @AWS_SHIM_BIN@
set -g __aws_shim_link_dir @AWS_SHIM_LINK_DIR@
set -g __aws_shim_state_dir @AWS_SHIM_STATE_DIR@
set -q AWS_SHIM_PROMPT; or set -g AWS_SHIM_PROMPT ''
set -g __aws_shim_warning ''
set -g __aws_shim_warned ''

if test -n "$__aws_shim_link_dir"
    # Only our own `aws` function (from an earlier --function), never the user's.
    if set -q __aws_shim_function
        functions -e aws
        set -e __aws_shim_function
    end
    while set -l i (contains -i -- $__aws_shim_link_dir $PATH)
        set -e PATH[$i]
    end
    set -gx PATH $__aws_shim_link_dir $PATH
else
    set -g __aws_shim_function 1
    function aws
        $__aws_shim_bin exec -- $argv
    end
end

function __aws_shim_hook --on-event fish_prompt
    set -l __aws_shim_status $status
    set -g __aws_shim_warned ''
    set -g __aws_shim_warning ''
    set -l profile default
    if test -n "$AWS_PROFILE"
        set profile $AWS_PROFILE
    else if test -n "$AWS_DEFAULT_PROFILE"
        set profile $AWS_DEFAULT_PROFILE
    end
    # The profile goes in the environment, as `aws` sees it (an option would also make the CLI
    # ignore exported keys); AWS_PROFILE may be a variable the shell did not export.
    set -l name $profile
    test "$name" = default -a -z "$AWS_PROFILE$AWS_DEFAULT_PROFILE"; and set name ''
    set -g AWS_SHIM_PROMPT (AWS_PROFILE=$name $__aws_shim_bin prompt 2>/dev/null)
    set profile (string replace -a -- % %25 $profile | string replace -a -- / %2F)
    set -l file "$__aws_shim_state_dir/$profile.prompt"
    if test -n "$__aws_shim_state_dir" -a -f "$file" -a -r "$file"
        read -l --line magic before after warning <$file
        and string match -q -- 'aws-shim-prompt-2 *' $magic
        and set -g __aws_shim_warning $warning
    end
    return $__aws_shim_status
end

# The segment followed by a space, or nothing: for fish_prompt or fish_right_prompt.
function aws_shim_prompt
    test -n "$AWS_SHIM_PROMPT"; and printf '%s ' $AWS_SHIM_PROMPT
    return 0
end

# The warning line before an `aws` command, at most once per prompt.
function __aws_shim_preexec --on-event fish_preexec
    test -n "$__aws_shim_warning" -a -z "$__aws_shim_warned"; or return 0
    set -q AWS_SHIM_NO_WARN; and test -n "$AWS_SHIM_NO_WARN"; and return 0
    if string match -qr -- '(^|[;|&(]\s*|\b(command|time|builtin|exec)\s+)\\\\?aws(\s|$)' $argv[1]
        set -g __aws_shim_warned 1
        # aws-shim decides, with the CLI's own reading of the arguments and a fresh look at
        # the credentials (none for `aws sso login`, `aws --version`, ...).
        set -l rest (string replace -r -- '^.*?\baws(\s|$)' '' $argv[1])
        set -l name $AWS_PROFILE
        test -z "$name"; and set name $AWS_DEFAULT_PROFILE
        AWS_PROFILE=$name $__aws_shim_bin __warn -- (string split -n ' ' -- $rest) </dev/null >&2
    end
    return 0
end
