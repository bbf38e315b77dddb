# aws-shim messages, English.
# Every message here exists in every other locales/*.ftl with the same variables.

## Labels of the explanation block

label-why = Why
label-next = What to do
label-more = More
label-expired-at = Expired at { $time } ({ $ago } ago).
label-cloud9-overdue = Cloud9 was due to renew ~/.aws/credentials at { $time } and has not ({ $ago } since): the environment owner most likely does not have the IDE open.
label-file-cut = Note: { $file } is larger than { $limit }; aws-shim read only its first { $limit }, so what it says of the profiles after that may be wrong.

## What happened (the message) and why (.why)

cloud9-expired = The AWS managed temporary credentials of this AWS Cloud9 environment have expired.
    .why = In Cloud9 every AWS call must be allowed both by your IAM identity and by the environment's managed temporary credentials. Cloud9 refreshes those every 5 minutes only while the environment owner has the IDE open; soon after the owner leaves (15 minutes, per the current AWS documentation) they expire, whatever permissions your IAM user has.
cloud9-edited = Cloud9 no longer updates ~/.aws/credentials, so its temporary credentials have expired.
    .why = Cloud9 keeps a header at the top of the managed credentials file and stops refreshing the file once it has been edited (by `aws configure`, for example). The keys left in it expire and are never replaced.
cloud9-invalid = AWS rejected the token of this AWS Cloud9 environment's managed temporary credentials.
    .why = Managed temporary credentials do not allow some actions even when your IAM identity does: most IAM actions, sts:AssumeRole and most Cloud9 actions. Such a call fails with InvalidClientTokenId, which looks like a broken key but is not. The credentials may also have expired because the environment owner is not connected.
cloud9-missing = This AWS Cloud9 environment has no AWS managed temporary credentials.
    .why = Cloud9 removes the managed credentials file when they are turned off, or when someone other than the owner adds a member; environments in a private subnet or reached over SSH never have them.
expired = The temporary AWS credentials in use have expired.
    .why = Temporary credentials (an SSO session, an assumed role, exported session keys) carry a session token that stops working at a fixed time. AWS refuses every request signed with them until new credentials are fetched.
sso-expired = The IAM Identity Center (SSO) session of profile { $profile } has expired.
    .why = The CLI gets role credentials from a cached SSO token. That token has expired and could not be refreshed, so the CLI cannot fetch new credentials until you sign in again.
sso-token-missing = There is no IAM Identity Center (SSO) sign-in for profile { $profile } on this machine.
    .why = The profile uses SSO, but the CLI found no cached token for its session: nobody has signed in here yet, or the cache was cleared.
login-expired = The `aws login` session has expired.
    .why = The CLI signed in with your console credentials, and that session has reached its end.
exported-expired = The session credentials exported in this shell have expired.
    .why = AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN are set in the environment, and the CLI uses them before any profile of the config and credentials files (only --profile on the command line comes before them). The session they belong to has ended, and nothing renews the values of those variables.
refreshed-still-expired = The credentials the CLI received are already past their expiry.
    .why = The CLI fetched credentials again, but they were expired on arrival. This usually means AWS_CREDENTIAL_EXPIRATION (or a session) exported in this shell lies in the past.
assume-role-expired = The assumed-role session of profile { $profile } has expired.
    .why = The CLI caches the role's temporary credentials and reuses them until they expire, then assumes the role again by itself. That it did not means it could not without you: most likely the role needs an MFA code, which the CLI asks for only when a command starts.
file-session-expired = The session keys stored for profile { $profile } have expired.
    .why = The profile holds temporary keys (an access key starting with ASIA and a session token) copied into the credentials file. Nothing renews copied keys.
process-expired = The credentials returned by credential_process have expired.
    .why = The profile runs an external command for its credentials, and that command returned credentials that are past their expiry.
credential-process-failed = The credential_process command of this profile failed: { $detail }
    .why = The CLI runs an external command to get credentials and stopped because that command reported an error.
mfa-required = The role session of profile { $profile } expired while the command was running, and a new one needs an MFA code.
    .why = The CLI asks for the MFA code only when a command starts. When the role's session ends in the middle of a long command (a large s3 sync, say), the CLI cannot renew it by itself, because that needs a new MFA code, and stops.
invalid-key = AWS does not recognise the access key or session token in use.
    .why = The key may have been deleted or deactivated, mistyped, or paired with a session token from another session. Long-term keys (AKIA...) do not expire; temporary ones (ASIA...) need their matching session token.
invalid-token = The session token in use is malformed or has been revoked.
    .why = The token sent with the request is damaged (truncated when copied, for example) or no longer valid.
no-credentials = The AWS CLI found no credentials for profile { $profile }.
    .why = It looked in the environment, the config and credentials files, the container endpoint and the instance metadata, and found nothing to sign requests with.
no-credentials-tool = { $tool } found no AWS credentials for profile { $profile }.
    .why = The AWS SDKs and tools look where the AWS CLI does: the environment, the config and credentials files, the container endpoint and the instance metadata. None of them held credentials to sign requests with.
signature-mismatch = AWS calculated a different signature for this request than the one the CLI sent.
    .why = The CLI signs every request with the secret access key. The usual reason for a mismatch is a secret access key that does not belong to the access key ID in use: a typo, an old value after the key was rotated, or the ID and the secret read from two different places (an exported variable and a file, for example). Less often, a proxy changes the request on its way.
login-password-changed = The `aws login` session ended because your password was changed.
    .why = A password change ends the sessions signed in with the old password, so the CLI cannot refresh its credentials until you sign in again with the new one.
login-permission = Your identity is not allowed to get credentials through `aws login`.
    .why = `aws login` gets its credentials with the signin:CreateOAuth2Token action, and no policy that applies to your IAM user or role allows it.
login-session-missing = There is no `aws login` session for profile { $profile } on this machine.
    .why = The profile is set up for `aws login`, but the CLI found no saved session for it: nobody has signed in here yet, the session was signed out, or its cache was removed.
sso-login-timeout = The IAM Identity Center (SSO) sign-in was not completed in time.
    .why = `aws sso login` waits for you to approve the request in the browser. The request is valid only for a few minutes, and this one ran out before it was approved.
clock-skew = AWS rejected the request because this machine's clock is wrong.
    .why = Every request is signed with the current time, and AWS refuses signatures more than a few minutes away from its own clock. The credentials themselves may be fine.

## Steps

step-cloud9-ask-owner = If you were invited to this environment, ask its owner to open it in the AWS Cloud9 console. If you are the owner, reload the IDE's browser tab.
step-cloud9-lasting = To stop depending on the owner: the owner turns off "AWS managed temporary credentials" (Preferences > AWS Settings > Credentials) and the environment uses an instance profile (an IAM role attached to the EC2 instance) or each member's own credentials.
step-cloud9-blocked-action = If the command manages IAM, assumes a role (sts:AssumeRole) or manages Cloud9 itself, managed credentials cannot run it: use an instance profile or your own credentials for it.
step-cloud9-restore-file = Move the edited file away (mv ~/.aws/credentials ~/.aws/credentials.bak); Cloud9 writes a new one while the owner has the IDE open.
step-cloud9-enable = The environment owner can turn "AWS managed temporary credentials" back on (Preferences > AWS Settings > Credentials).
step-cloud9-own-credentials = Or do without them: the owner attaches an instance profile (an IAM role) to the environment's EC2 instance, or you set up credentials of your own: aws configure
step-sso-login = Sign in again: { $command }
step-aws-login = Sign in again: { $command }
step-export-refresh = Fetch new session credentials and export them again (from the tool or portal that gave you the current ones).
step-export-unset = Or, to use a profile instead, remove them from this shell: unset { $vars }
step-rerun-mfa = If profile { $profile } assumes a role with MFA, run the command again and type a fresh code when asked.
step-rerun-role = Run the command again: the CLI assumes the role anew for profile { $profile }.
step-new-mfa-code = Run the command again: the CLI assumes the role of profile { $profile } anew and asks for a fresh MFA code from { $serial }.
step-remove-cache = Remove the stale cached session so that the CLI starts a new one: rm { $file }
step-file-session-refresh = Get new temporary keys for profile { $profile } and replace all three values (key, secret and session token) in the credentials file.
step-process-run = Run the command yourself to see its full output: { $command }
step-check-which = See which credentials the CLI uses and where they come from: { $command }
step-new-keys = If the key was deleted or deactivated, create a new access key in the IAM console (or ask your administrator) and configure it again.
step-token-refresh = Get new temporary credentials from where the current ones came from, and replace the access key, the secret access key and the session token together (copy the token whole).
step-clock-check = Compare this machine's time with the real time: date -u
step-clock-sync = Turn on time synchronisation (sudo timedatectl set-ntp true) or, with chrony, step the clock now: sudo chronyc makestep
step-configure-sso = For IAM Identity Center (SSO): { $command }
step-configure-keys = For access keys: { $command }
step-check-profile = If you meant another profile, check AWS_PROFILE and the --profile option.
step-mfa-terminal = Run the command again and type a fresh MFA code when asked. For long runs, ask for a longer session: duration_seconds in the profile, up to the role's maximum session duration.
step-sso-login-v1 = AWS CLI v1 cannot sign in to IAM Identity Center itself. Sign in with AWS CLI v2 ({ $command }): AWS CLI v1 then uses the token that v2 caches. Or copy short-term credentials from the AWS access portal and export them in this shell.
step-sso-login-either = Sign in again with AWS CLI v2: { $command } (AWS CLI v1 has no sso login, but it uses the token that v2 caches).
step-sso-login-again = Run it again and approve the request in the browser right away: { $command }
step-aws-login-console = If you sign in to the AWS Management Console, sign the CLI in with the same identity: { $command }
step-configure-sso-v2 = For IAM Identity Center (SSO), with AWS CLI v2: { $command }
step-login-permission = Ask your administrator to allow the signin:CreateOAuth2Token action for your IAM user or role (the AWS managed policy SignInLocalDevelopmentAccess includes it), then sign in again: { $command }
step-keys-same-source = Set the access key ID and its secret access key again, both from the same source (the IAM console shows a secret access key only when the key is created): { $command }
step-export-same-source = Export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN, if any) again, all from the same source.

note-unnamed = this environment
note-since = The AWS Cloud9 environment { $env } was due to renew its AWS managed temporary credentials at { $time } and has not ({ $ago } since), so the AWS commands of everyone invited to it fail with ExpiredToken.
note-expired = The AWS managed temporary credentials of the AWS Cloud9 environment { $env } have expired, so the AWS commands of everyone invited to it fail with ExpiredToken.
note-open = Cloud9 renews these credentials only while the owner has the environment open. Could you open it and keep the tab open while we work?
note-open-console = Cloud9 renews these credentials only while the owner has the environment open. Could you open it from the AWS Cloud9 console and keep the tab open while we work?
note-lasting = For a lasting fix, the owner can turn off "AWS managed temporary credentials" (Preferences > AWS Settings > Credentials) and attach an instance profile (an IAM role) to the environment's EC2 instance.
step-cloud9-note = To ask the owner, send the note this prints: aws-shim cloud9 note
step-cloud9-wait = Cloud9 renews the credentials within a few minutes of the owner opening the environment. To wait for that and then run your command: aws-shim wait && (your command)
note-not-needed = The credentials of profile { $profile } work now: they are in place, have not expired, and no failure is recorded for them. There is nothing to ask the environment owner; to write the note anyway: aws-shim cloud9 note --force

wait-start = Waiting until the credentials of profile { $profile } work again (Ctrl-C to stop)...
wait-status = waiting for { $elapsed }
wait-done = The credentials of profile { $profile } work again.
wait-timeout = Gave up: the credentials of profile { $profile } did not come back in time.
wait-exported = The credentials of profile { $profile } are exported in this shell; nothing can renew them while you wait. Export fresh ones, or unset them to use a profile.
wait-works = The credentials of profile { $profile } work: they are in place, have not expired, and no failure is recorded for them.
wait-unknown-profile = Profile { $profile } is in neither the AWS CLI's config file nor its credentials file (or those cannot be read), so there is nothing to wait for. Check the name; to see what aws-shim finds: aws-shim doctor --profile { $profile }
wait-no-credentials = No credentials were found for profile { $profile }, so there is nothing to wait for. To see where they are looked for: aws-shim doctor --profile { $profile }
wait-gone = Stopped waiting: the credentials of profile { $profile } can no longer be found (the profile or its credentials were removed, or their files cannot be read).
wait-bad-timeout = invalid value '{ $value }' for '--timeout <DURATION>': { $why }
wait-timeout-not-a-duration = give 90s, 10m, 1h30m or seconds
wait-timeout-negative = a timeout cannot be negative
wait-timeout-too-long = at most a year (8784h)

hint-switch-to-ja = To read this in Japanese: export AWS_SHIM_LANG=ja (export AWS_SHIM_LANG=en keeps English and hides this line)

## Durations

duration-minutes = { $m }m
duration-hours = { $h }h{ $m }m
duration-days = { $d }d{ $h }h
duration-seconds = { $s }s
duration-minutes-seconds = { $m }m{ $s }s
duration-hours-minutes-seconds = { $h }h{ $m }m{ $s }s

## Credential context (doctor, remedies by source)

web-identity-expired = The web identity session of profile { $profile } has expired.
    .why = The CLI trades an OIDC token from a file (AWS_WEB_IDENTITY_TOKEN_FILE or web_identity_token_file) for role credentials. It does so again when they end, so an expired session usually means the token in the file is itself stale: whatever writes that file (EKS, a CI runner) has stopped renewing it.
step-web-identity-token = Check that the token file is still being renewed by the platform that provides it, then run the command again.
container-expired = The container credentials in use have expired.
    .why = These credentials come from the container credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI or RELATIVE_URI: an ECS task role, CloudShell). The platform renews them by itself; expired ones mean the endpoint stopped renewing them or the clock is wrong.
step-container-renew = In CloudShell, reload the browser tab or restart the session; in ECS, check the task role and let the task restart.
instance-profile-expired = The temporary credentials in use have expired, on a machine whose credentials come from an EC2 instance profile.
    .why = EC2 renews instance profile credentials well before they expire, so this usually means the clock of this machine is wrong, or the credentials came from somewhere else than the instance profile.
s3-head-unclear = S3 refused the request without saying why.
    .why = A HEAD request (used before a download) gets no response body, so the CLI can only print the status: 400 Bad Request or 403 Forbidden. Expired temporary credentials are one possible cause; missing permissions or a wrong region are others.
step-check-identity = Check whether the credentials still work: { $command }
hint-s3-head-expired = S3 gives no reason on a HEAD request, but the temporary credentials of profile { $profile } have expired: that is the likely cause. Check with: { $command }
hint-s3-head-unknown = S3 gives no reason on a HEAD request; the temporary credentials of profile { $profile } may have expired. Check with: { $command }
doctor-real-aws-not-found = The real AWS CLI is not on PATH (aws-shim only forwards to it).
    .why = Every aws command fails without the AWS CLI; aws-shim adds explanations, it does not replace the CLI.
doctor-real-aws-bad-override = AWS_SHIM_REAL_AWS names { $path }, which is not an executable file.
    .why = When AWS_SHIM_REAL_AWS is set, aws-shim runs exactly that file, so every aws command fails until it points at the real AWS CLI.
doctor-real-aws-is-shim = AWS_SHIM_REAL_AWS names { $path }, which is aws-shim itself.
    .why = aws-shim would only call itself again, so every aws command fails until AWS_SHIM_REAL_AWS points at the real AWS CLI.
doctor-real-aws-loop = `aws` leads back to aws-shim again ({ $depth } nested calls).
    .why = Another copy of aws-shim comes before the real AWS CLI on PATH, so the copies keep calling each other.
step-install-cli = Install the AWS CLI, or set AWS_SHIM_REAL_AWS to the path of the real one.
doctor-not-shim = The `aws` found first on PATH is not aws-shim, so errors are shown without explanations.
    .why = The shell runs the first `aws` on PATH. aws-shim only explains errors when its `aws` link comes before the real AWS CLI.
step-path-first = Put { $dir }, which holds the `aws` link to aws-shim, first on PATH: add export PATH="{ $dir }:$PATH" to your shell's start-up file, then open a new shell.
step-path-init = Add eval "$(aws-shim init bash)" to your shell's start-up file (zsh: init zsh; fish: aws-shim init fish | source), then open a new shell: it makes the `aws` link to aws-shim and puts its directory first on PATH.
doctor-env-overrides-profile = { $var } names profile { $profile }, but the keys exported in this shell are used instead.
    .why = The AWS CLI uses AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY before any profile named by { $var }; only --profile on the command line skips them.
doctor-bad-lang = AWS_SHIM_LANG is set to { $value }, which names no language aws-shim has, so it writes in { $lang }.
    .why = aws-shim writes only in the languages it has messages for. A value it does not know is passed over, and the next setting (LC_ALL, LC_MESSAGES, LANG) decides.
list-separator = {", "}
step-fix-lang = Set AWS_SHIM_LANG to one of { $values }, or unset it.
doctor-version-from = { $version } (from { $from })
doctor-cloud9-overdue = The AWS managed temporary credentials of this AWS Cloud9 environment have most likely expired: Cloud9 has not renewed them when it was due to.
    .why = Cloud9 renews ~/.aws/credentials every few minutes, but only while the environment owner has the IDE open. The time written in the file's header has passed without a renewal, so the owner has been away, and the managed credentials expire soon after the owner leaves (15 minutes, per the current AWS documentation).
doctor-cloud9-expiry = renewed by Cloud9 every few minutes while the owner has the IDE open
doctor-cloud9-expiry-overdue = most likely expired: Cloud9 was due to renew them at { $time } ({ $ago } ago) and has not
doctor-cloud9-renewed = by Cloud9, while the owner has the IDE open
doctor-no-expiry = none: long-term access keys do not expire
doctor-not-needed = not needed
doctor-no-problems-online = None, offline or online.
step-unset-for-profile = To use profile { $profile }, remove the exported keys from this shell: unset { $vars }
step-profile-option = To use profile { $profile } for one command only, keep the keys and name it on the command line: aws ... --profile { $profile }
doctor-reason-var = set by { $name }
doctor-title = aws-shim doctor ({ $version })
doctor-shim = aws-shim
doctor-real-aws = Real AWS CLI
doctor-real-aws-version = Real AWS CLI version
doctor-aws-on-path = `aws` on PATH
doctor-aws-is-shim = { $path } (aws-shim)
doctor-aws-is-not-shim = { $path } (not aws-shim)
doctor-aws-none = none
doctor-wrapped = Also wrapped
doctor-wrapped-none = nothing but aws (aws-shim init SHELL --wrap cdk,sam adds others)
doctor-wrapped-value = { $name } → { $real }
doctor-wrapped-missing = no other { $name } on PATH: calls to it end with exit status 127
doctor-language = Language
doctor-place = Place
doctor-place-none = none recognised (aws-shim recognises CloudShell, SageMaker, ECS, EKS, EC2, GitHub Actions, GitLab CI, CodeBuild and containers that mount ~/.aws)
doctor-place-not-source = { $place }; the credentials in use do not come from it, so its remedies are not given
doctor-place-job = { $place }; the credentials in use do not come from the job, but nobody can sign in in a job: its own way to credentials is given instead
doctor-place-no-credentials = { $place }; no credentials were found that come from it, so its remedies are not given
doctor-place-evidence = Recognised by
doctor-place-token-expires = Service account token expiry
doctor-place-id-token-expires = The job's ID token expiry
doctor-chosen-by = { $value } ({ $reason })
doctor-reason-system = the system locale
doctor-reason-default = the default, as nothing chose another
doctor-profile = Profile { $profile } ({ $reason })
doctor-source = Credentials
doctor-origin = Found in
doctor-sso-session = SSO session
doctor-role = Role
doctor-mfa = MFA device
doctor-process = Command
doctor-exported = Exported variables
doctor-cache = Cache file
doctor-cache-by-content = { $file } (matched by its role, not by name)
doctor-expires = Expiry
doctor-expires-sso = SSO token expiry
doctor-expires-in = { $time } ({ $left } left)
doctor-expired-ago = { $time } (expired { $ago } ago)
doctor-unknown = unknown
doctor-refreshable = Renewed without you
doctor-yes = yes
doctor-no = no
doctor-refresh-token-expired = no: the token these credentials are exchanged for has expired
doctor-last-failure = Last failure
doctor-last-failure-none = none recorded
doctor-last-failure-value = { $family } ({ $code }) at { $time }
family-expired = expired
family-invalid = credentials rejected
family-clock = clock skew
family-missing = no credentials
family-provider = credentials could not be fetched
family-ambiguous = refused without a reason
doctor-cloud9-environment = Environment
doctor-cloud9-file = Managed credentials file
doctor-cloud9-header = header present, dated { $time }
doctor-cloud9-header-undated = header present (no date read)
doctor-cloud9-edited = edited (no header): Cloud9 no longer updates it
doctor-cloud9-no-header = absent
doctor-online = Online check
doctor-caller = Caller identity
doctor-caller-failed = failed: { $error }
doctor-problems = Problems found: { $count }
doctor-no-problems = None offline. `aws-shim doctor --online` also asks AWS.
kind-cloud9-managed = AWS Cloud9 managed temporary credentials
kind-sso = IAM Identity Center (SSO)
kind-assume-role = assumed role
kind-web-identity = web identity (OIDC token file)
kind-exported-session = session credentials exported in the shell
kind-exported-keys = long-term access keys exported in the shell
kind-file-session = session keys copied into a file (ASIA with a session token)
kind-file-keys = long-term access keys in a file (AKIA)
kind-credential-process = credential_process
kind-container = container credentials endpoint (ECS, CloudShell)
kind-instance-profile = EC2 instance profile
kind-login = aws login (console sign-in)
kind-none = none found
doctor-file-too-large = { $file } is larger than { $limit }, so aws-shim read only its first { $limit }.
    .why = The AWS CLI reads the whole file; aws-shim stops at { $limit } so that a runaway file cannot take up memory on every aws call. The profiles after that point are unknown to aws-shim: it may say they do not exist, and what it explains about them may be wrong.
step-file-too-large = Remove the profiles you no longer use from { $file }, so that it is smaller than { $limit }.

## Shell integration (prompt segment, warning line)

shell-warn-failed = aws-shim: the last aws call with profile { $profile } failed with { $code }; its credentials do not work now. { $remedy }
shell-warn-failed-text = aws-shim: the last aws call with profile { $profile } failed: { $what }. { $remedy }
what-service = a service refused the credentials
what-sso-expired = the SSO session expired
what-sso-token-missing = no SSO sign-in on this machine
what-login-expired = the aws login session expired
what-login-password-changed = the aws login session ended with a password change
what-login-permission = aws login is not permitted
what-login-session-missing = no aws login session
what-credential-process = credential_process failed
what-mfa-required = a new MFA code is needed
what-refreshed-still-expired = the credentials were expired on arrival
what-no-credentials = no credentials were found
what-s3-head-no-reason = S3 refused without a reason
what-signature-mismatch = the signature did not match
what-sso-login-timed-out = the SSO sign-in was not completed in time
what-credentials-expired = the credentials have expired
what-cdk-no-account = the AWS CDK could not find the account
shell-warn-expired = aws-shim: the credentials of profile { $profile } expired { $ago } ago. { $remedy }
shell-remedy-sso = Sign in again first: { $command }
shell-remedy-sso-v1 = Sign in again first, with AWS CLI v2 ({ $command }) or through the AWS access portal.
shell-remedy-sso-either = Sign in again first, with AWS CLI v2: { $command }
shell-remedy-login = Sign in again first: { $command }
shell-remedy-cloud9 = If you were invited, ask the environment owner to open this Cloud9 environment; if you are the owner, reload the IDE tab. Then try again.
shell-remedy-exported = Export fresh session credentials in this shell first, or unset the old ones.
shell-remedy-role = The next call assumes the role again; type a new MFA code if asked.
shell-remedy-mfa = Run the command again and type a fresh MFA code when asked.
shell-remedy-clock = Check this machine's clock first: date -u
shell-remedy-other = To see why: aws-shim doctor --profile { $profile }
shell-remedy-place-cloudshell = Sign in to the AWS Management Console again, then reopen CloudShell.
shell-remedy-place-sagemaker-studio = Stop this space in SageMaker Studio and run it again: its new session gets new credentials.
shell-remedy-place-sagemaker-notebook = Restart the notebook's kernel; if that is not enough, stop the notebook instance and start it again.
shell-remedy-place-ecs = If the clock is right (date -u), stop this task: its service starts a new one with fresh credentials.
shell-remedy-place-eks-token-expired = The pod's service account token { $command } has expired: delete the pod so that a new one gets a fresh token.
shell-remedy-place-ec2-imds-variable = Unset AWS_EC2_METADATA_DISABLED first: it keeps the CLI from asking the instance metadata service.
shell-remedy-place-ec2-hop-limit = If the instance has an IAM role: in a container on an EC2 instance that requires IMDSv2, the instance metadata needs a PUT response hop limit of 2 or more: { $command }
shell-remedy-place-ec2-role = This EC2 instance gave no credentials: check its IAM role (instance profile): { $command }
shell-remedy-place-github-duration = The job's role session ended before the job: ask for a longer one with role-duration-seconds in aws-actions/configure-aws-credentials.
shell-remedy-place-github-oidc = No credentials reached this job: add an aws-actions/configure-aws-credentials step with role-to-assume (and permissions: id-token: write).
shell-remedy-place-gitlab-duration = The job's role session ended before the job: ask for a longer one with --duration-seconds on aws sts assume-role-with-web-identity.
shell-remedy-place-gitlab-oidc = No credentials reached this job: write its ID token to a file and set AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE.
shell-remedy-place-codebuild-chaining = The role assumed in this build ended before the build (a chained role session lasts at most one hour). For long builds, give the service role the permissions instead of assuming another role.
shell-remedy-place-mounted-aws = This container reads ~/.aws from its host: sign in again on the host ({ $command } there).
shell-remedy-place-ci-token-expired = The job's ID token { $command } has expired: write a fresh one to that file; a longer role session would not help.
shell-remedy-place-github-no-sign-in = A GitHub Actions job cannot sign in: give it credentials with aws-actions/configure-aws-credentials (role-to-assume, and permissions: id-token: write).
shell-remedy-place-gitlab-no-sign-in = A GitLab CI job cannot sign in: give it an ID token in a file, with AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE set.
shell-remedy-place-codebuild-no-sign-in = A CodeBuild build cannot sign in: use its project's service role (no profile, or credential_source = EcsContainer).
shell-remedy-place-codebuild-role = A build's credentials come from its project's service role through AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: run the command where that variable is set.

## Signing in again and running the command again (AWS_SHIM_RELOGIN=ask)

relogin-sign-in = Sign in again now ({ $command })? [Y/n]
relogin-again = Run "{ $command }" again? [y/N]
relogin-again-safe = Run "{ $command }" again? [Y/n]

## Help of the command line (aws-shim --help, aws-shim COMMAND --help)

help-heading-usage = Usage
help-heading-commands = Commands
help-heading-arguments = Arguments
help-heading-options = Options
help-value-command = COMMAND
help-exit-status = Exit status:
help-arg-help = Print help
help-arg-version = Print version
help-arg-lang = Language of the text: { $values } (default: from AWS_SHIM_LANG, LC_ALL, LC_MESSAGES, LANG)
help-arg-profile = The profile (default: AWS_PROFILE, AWS_DEFAULT_PROFILE, else default)
help-aws-shim = A transparent `aws` wrapper that explains expired AWS credentials
    .long = A transparent `aws` wrapper that explains expired AWS credentials. Installed as a link named `aws` ahead of the AWS CLI on PATH, it forwards every call unchanged and, when the CLI reports expired or broken credentials, says what happened, why and what to do, in Japanese or English.
    .after = Language: --lang, else AWS_SHIM_LANG ({ $values }), else the locale (LC_ALL, LC_MESSAGES, LANG).
help-help = Print this help, or the help of the given command
help-help-subcommand = The command to print the help of
help-exec = Run the AWS CLI with these arguments, as the `aws` link does
help-exec-args = Arguments for the AWS CLI
help-run = Run any command (cdk, sam, terraform, a script) the wrapper's way: its output passes unchanged, and a credential failure in its stderr is explained after it
help-run-command = The command and its arguments (after `--`)
help-explain = Explain an error code (ExpiredToken) or a whole error line
    .after = Examples:
        aws-shim explain ExpiredToken
        aws-shim explain 'An error occurred (ExpiredToken) when calling the ListBuckets operation: The provided token has expired.'
        aws s3 ls 2>&1 | aws-shim explain
help-explain-error = An error code (ExpiredToken, RequestExpired, ...), a whole error line (in quotes), or - to read the CLI's whole output from standard input (also when nothing is given)
help-explain-list = Print the error codes and messages it explains
help-demo = Show what an expired-credentials error looks like through aws-shim
help-doctor = Check the setup and the credentials of a profile, offline unless --online
    .exit = 0: no problem found
        1: a problem found (each is listed with its remedy)
        2: usage error
help-doctor-json = Write JSON (schema in docs/doctor-json.md) instead of text
help-doctor-online = Also ask AWS: the AWS CLI's version and `aws sts get-caller-identity`
help-prompt = Print the prompt segment: profile, time left, expired or offline marker
help-prompt-format = Format with {"{"}symbol{"}"}, {"{"}profile{"}"}, {"{"}left{"}"}, {"{"}status{"}"} (default: AWS_SHIM_PROMPT_FORMAT or "{"{"}symbol{"}"} {"{"}profile{"}"} {"{"}left{"}"}")
help-prompt-json = Print a JSON object instead (schema version 1, see docs/shell.md)
help-init = Print the shell integration for `eval "$(aws-shim init bash)"`
help-init-shell = The shell to print the integration for: { $values }
help-init-function = Define a shell function `aws` instead of putting the `aws` link first in PATH
help-init-lang = Set AWS_SHIM_LANG to this language in the shell, once, instead of the locale's: { $values }
help-init-wrap = Wrap these commands too (`cdk,sam,terraform`): a link named after each beside the `aws` link (or a shell function with --function). Default: `aws` only
help-cloud9 = AWS Cloud9: a note for the environment owner, ready to send
help-cloud9-note = Print a note for the environment owner: which environment, since when its managed credentials have not been renewed, what to do
help-cloud9-note-json = Write JSON (the same facts, for scripts) instead of the text
help-cloud9-note-force = Write the note even when the credentials work now (otherwise: say so and exit 1)
help-wait = Wait until the credentials of the profile work again (Cloud9 renewed them, a new SSO sign-in), then ring the bell and exit 0
    .after = Example:
        aws-shim wait --timeout 30m && aws s3 sync ./out s3://bucket/out
    .exit = 0: the credentials are in place and not expired (the bell rings)
        1: any other error
        2: usage error, or the credentials are exported in the shell (nothing renews them)
        3: there are none to wait for: an unknown profile, no credentials, or they vanished while waiting
        124: --timeout ran out
        130: stopped with Ctrl-C
help-wait-timeout = Give up after this long (90s, 10m, 1h, or seconds): exit 124
help-wait-online = Then confirm with `aws sts get-caller-identity` through the AWS CLI
help-completions = Print the completions of aws-shim's own commands for a shell
help-completions-shell = The shell to print the completions for: { $values }

## A command line that cannot be taken (in English clap's own words are shown; these are the same)

usage-error-unknown-argument = unexpected argument '{ $arg }'
usage-error-unknown-command = unrecognized subcommand '{ $command }'
usage-error-invalid-value = invalid value '{ $value }' for '{ $arg }' (possible values: { $valid })
usage-error-missing-argument = the following required arguments were not provided: { $arg }
usage-error-missing-command = a command is needed
usage-error-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
usage-error-other = the command line could not be read ({ $arg })
usage-error-more = For more information, try '--help'.

## explain, cloud9 note

explain-usage = Give an error code or a whole error line (in quotes), or pipe the CLI's output: aws s3 ls 2>&1 | aws-shim explain
explain-nothing-found = No credential error that aws-shim explains was found in the input.
explain-unknown = { $text } is not an error that aws-shim explains.
explain-needs-line = { $code } means different things depending on its message: give the whole error line, in quotes.
explain-known-codes = Error codes it explains:
explain-known-messages = Messages it explains:
note-not-cloud9 = This is not an AWS Cloud9 environment (no C9_* variables, no managed credentials file).

## Places
## Where this shell runs, when that decides the remedy (context/place.rs); step-place-*
## replace the remedies that do not name the place.

place-cloudshell = AWS CloudShell
place-sagemaker-studio = a SageMaker Studio space
place-sagemaker-notebook = a SageMaker notebook instance
place-ecs = an Amazon ECS task
place-eks-pod-identity = an EKS pod (EKS Pod Identity)
place-eks-irsa = an EKS pod (IAM roles for service accounts)
place-ec2 = an EC2 instance (instance profile)
place-ec2-container = a container on an EC2 instance (instance profile)
place-github-actions = a GitHub Actions job
place-gitlab-ci = a GitLab CI job
place-codebuild = an AWS CodeBuild build
place-mounted-aws = a container that mounts ~/.aws from its host
step-place-cloudshell-sign-in = CloudShell uses the credentials of your console session, which end with that session. Sign in to the AWS Management Console again, then reopen CloudShell (or choose Actions > Restart).
step-place-cloudshell-not-here = Do not run aws configure or aws sso login in CloudShell for this: they do not renew the console session's credentials.
step-place-sagemaker-restart-space = Stop the space { $space } in SageMaker Studio and run it again: a new session of the space fetches new credentials of the execution role.
step-place-sagemaker-restart-kernel = Restart the notebook's kernel, then run the cell again.
step-place-sagemaker-restart-notebook = If that is not enough, stop the notebook instance and start it again: aws sagemaker stop-notebook-instance --notebook-instance-name { $name } (then start-notebook-instance once it has stopped)
step-place-sagemaker-session = A long job can outlast one session of the execution role: see the role's maximum session duration (in seconds): { $command }
step-place-ecs-new-task = The ECS agent renews the task role's credentials before they expire. If the clock is right, stop the task; its service starts a new one with fresh credentials.
step-place-eks-token-expired = The pod's service account token { $file } expired at { $time } (read from the token itself): the kubelet stopped renewing it. Delete the pod so that a new one gets a fresh token.
step-place-eks-token-valid = The pod's service account token { $file } is valid until { $time } (read from the token itself), so the token is not the cause.
step-place-eks-token-unread = The pod's service account token { $file } could not be read: check that it is mounted in this container.
step-place-eks-pod-identity-agent = EKS Pod Identity credentials come from the EKS Pod Identity Agent on the node: check that it runs on this pod's node: kubectl get pods -n kube-system -o wide | grep eks-pod-identity-agent
step-place-eks-irsa-annotation = Check that the service account { $namespace }/{ $account } still names the role { $role } in its eks.amazonaws.com/role-arn annotation: kubectl describe serviceaccount { $account } -n { $namespace }
step-place-eks-irsa-annotation-any = Check that the pod's service account still names the role { $role } in its eks.amazonaws.com/role-arn annotation, and that the role's trust policy accepts this cluster's OIDC provider.
step-place-ec2-imds-variable = AWS_EC2_METADATA_DISABLED=true in this shell keeps the CLI from asking the instance metadata service for the instance profile's credentials: unset AWS_EC2_METADATA_DISABLED
step-place-ec2-hop-limit = This shell runs in a container ({ $evidence }) on an EC2 instance. When the instance requires IMDSv2 (HttpTokens=required) and its PUT response hop limit is 1 (set by a launch template, an account default or by hand; instances from AMIs that require IMDSv2 get 2), the metadata service's token does not reach a container, so the CLI finds no credentials here (it falls back to IMDSv1 only where the instance allows it). From a machine with permission on the instance, raise the hop limit: { $command }
step-place-ec2-role-check = This EC2 instance gave no credentials: it may have no IAM role (instance profile) attached. See which is attached: { $command }
step-place-ec2-role-attach = Attach an instance profile if there is none: { $command }
step-place-github-duration = The role session of this job ended before the job did (one hour unless set). Ask for a longer one with role-duration-seconds in the aws-actions/configure-aws-credentials step (up to 43200). With role-chaining: true the session cannot exceed one hour.
step-place-gitlab-duration = The role session of this job ended before the job did (one hour unless set). Ask for a longer one with --duration-seconds on aws sts assume-role-with-web-identity (up to 43200).
step-place-codebuild-chaining = The role assumed in this build ended before the build did. Assuming a role with the credentials of the build's service role is role chaining, which AWS caps at one hour; for longer builds, give the service role the permissions instead.
step-place-ci-max-session = The duration asked for cannot exceed the role's maximum session duration (one hour by default, up to 12 hours); an administrator raises it with: aws iam update-role --role-name ROLE_NAME --max-session-duration 43200
step-place-github-oidc = No credentials reached this job. Add an aws-actions/configure-aws-credentials step with role-to-assume, and give the job permissions: id-token: write.
step-place-gitlab-oidc = No credentials reached this job. Give the job an ID token (id_tokens, with the audience your IAM OIDC provider expects), write it to a file, and set AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE: the CLI exchanges the token by itself.
step-place-github-token-expired = The job's ID token in { $file } expired at { $time } (read from the token itself). The CLI exchanges that token for a new role session by itself whenever one ends, so a longer role session does not help: the token is stale. Write a fresh ID token to the file before the commands that call AWS (request one with ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN, which need permissions: id-token: write), or let aws-actions/configure-aws-credentials with role-to-assume get the credentials.
step-place-gitlab-token-expired = The job's ID token in { $file } expired at { $time } (read from the token itself). The CLI exchanges that token for a new role session by itself whenever one ends, so a longer role session does not help: the token is stale. Write this job's own ID token (its id_tokens variable) to the file before the commands that call AWS, not one saved by an earlier job in a cache or an artifact.
step-place-ci-token-valid = The job's ID token in { $file } is valid until { $time } (read from the token itself), so the token is not the cause.
step-place-ci-token-unread = The job's ID token { $file } could not be read: check that the job writes it before the commands that call AWS.
step-place-github-no-sign-in = A GitHub Actions job cannot sign in interactively: nobody is there to sign in in a browser or type an MFA code. Give the job credentials of its own instead: an aws-actions/configure-aws-credentials step with role-to-assume, and permissions: id-token: write for the job.
step-place-gitlab-no-sign-in = A GitLab CI job cannot sign in interactively: nobody is there to sign in in a browser or type an MFA code. Give the job credentials of its own instead: an ID token (id_tokens) written to a file, with AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE set; the CLI exchanges the token by itself.
step-place-codebuild-no-sign-in = A CodeBuild build cannot sign in interactively: nobody is there to sign in in a browser or type an MFA code. A build's credentials are its project's service role, which CodeBuild serves through AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: use them (no profile, or a profile with credential_source = EcsContainer) and give the service role the permissions the build needs. The project's service role: { $command }
step-place-codebuild-role = A build's credentials are its project's service role, which CodeBuild serves through AWS_CONTAINER_CREDENTIALS_RELATIVE_URI; that variable is not set in this shell (a container the build starts does not inherit it unless it is passed on). Run the command in the build's own environment, or pass AWS_CONTAINER_CREDENTIALS_RELATIVE_URI to the container. The project's service role: { $command }
step-place-mounted-aws-host-ro = This container reads ~/.aws from its host, mounted read-only: sign in again on the host ({ $command } there). The container sees the new token through the mount.
step-place-mounted-aws-host = This container reads ~/.aws from its host: sign in again on the host ({ $command } there), where a browser can open. The container sees the new token through the mount.
