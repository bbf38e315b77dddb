//! Resolution, one fixture HOME per kind of credential source.

use super::expiry::{CacheMatch, RoleCall, sso_cache_name};
use super::*;

const NOW: &str = "2026-11-27T08:00:00Z";
const HEADER: &str = "# Do not modify this file, if this file is modified it will not be updated. If the file is deleted, it will be recreated on Fri Nov 27 2026 07:50:00 GMT+0000 (Coordinated Universal Time).\n# 8220f463d27c92d456e0ed80ea067a64888dfe3e4870771adbdb039064ecfeda #\n";
const SESSION_KEYS: &str = "aws_access_key_id=ASIAFIXTUREKEYID0001\naws_secret_access_key=fixtureSecretAccessKey0001\naws_session_token=fixtureSessionToken0001\n";
const LONG_KEYS: &str = "aws_access_key_id = AKIAFIXTUREKEYID0002\naws_secret_access_key = fixtureSecretAccessKey0002\n";

struct Home {
    dir: tempfile::TempDir,
    inputs: Inputs,
}

impl Home {
    fn new() -> Home {
        let dir = tempfile::tempdir().unwrap();
        let inputs = Inputs {
            env: BTreeMap::new(),
            home: Some(dir.path().to_owned()),
            profile_arg: None,
            now: Some(NOW.parse().unwrap()),
            on_ec2: false,
            default_profile_first: false,
        };
        Home { dir, inputs }
    }

    fn write(self, rel: &str, text: &str) -> Home {
        let path = self.dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    fn env(mut self, name: &str, value: &str) -> Home {
        self.inputs.env.insert(name.to_owned(), value.to_owned());
        self
    }

    fn argv(mut self, args: &[&str]) -> Home {
        let args: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
        self.inputs.profile_arg = crate::args::AwsArgs::parse(&args).profile;
        self
    }

    fn resolve(&self) -> Context {
        resolve(&self.inputs)
    }
}

fn ts(text: &str) -> Timestamp {
    text.parse().unwrap()
}

#[test]
fn cloud9_managed_file_with_header() {
    let home = Home::new().write(
        ".aws/credentials",
        &format!("{HEADER}[default]\n{SESSION_KEYS}region=us-east-1\n"),
    );
    let ctx = home.resolve();
    assert_eq!(ctx.source.kind(), SourceKind::Cloud9Managed);
    assert_eq!(ctx.source.origin, "~/.aws/credentials [default]");
    // The header's date is a renewal time, not an expiry.
    assert_eq!(ctx.source.expires_at, None);
    let c9 = ctx.cloud9.clone().unwrap();
    assert!(c9.managed_header && !c9.edited);
    assert_eq!(c9.header_time, Some(ts("2026-11-27T07:50:00Z")));
    assert_eq!(
        c9.renewal_overdue(ctx.now),
        Some(ts("2026-11-27T07:50:00Z"))
    );
    assert_eq!(c9.renewal_overdue(Some(ts("2026-11-27T07:00:00Z"))), None);
}

#[test]
fn cloud9_file_edited() {
    let home = Home::new()
        .env("C9_PID", "0123456789abcdef0123456789abcdef")
        .env("C9_PROJECT", "team")
        .write(".aws/credentials", &format!("[default]\n{SESSION_KEYS}"));
    let ctx = home.resolve();
    assert_eq!(ctx.source.kind(), SourceKind::FileSession);
    let c9 = ctx.cloud9.unwrap();
    assert!(c9.edited && !c9.managed_header);
    assert_eq!(c9.environment_name.as_deref(), Some("team"));
}

#[test]
fn cloud9_with_own_long_term_keys_is_not_an_edited_file() {
    let home = Home::new()
        .env("C9_PID", "x")
        .write(".aws/credentials", &format!("[default]\n{LONG_KEYS}"));
    let ctx = home.resolve();
    assert_eq!(ctx.source.kind(), SourceKind::FileKeys);
    assert!(!ctx.cloud9.unwrap().edited);
}

fn sso_home(token: &str) -> Home {
    Home::new()
        .write(
            ".aws/config",
            "[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Admin\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n",
        )
        .write(&format!(".aws/sso/cache/{}", sso_cache_name("corp")), token)
        .env("AWS_PROFILE", "dev")
}

#[test]
fn sso_session_expired() {
    let ctx = sso_home(r#"{"accessToken": "fixtureAccessToken", "expiresAt": "2026-11-27T07:00:00Z", "region": "us-east-1"}"#).resolve();
    assert_eq!(ctx.source.kind(), SourceKind::Sso);
    assert_eq!(ctx.source.provider.sso_session(), Some("corp"));
    assert_eq!(ctx.source.origin, "~/.aws/config [profile dev]");
    assert_eq!(ctx.profile_from, ProfileFrom::AwsProfile);
    assert_eq!(ctx.source.refreshable, Some(false));
    assert_eq!(ctx.expired(), Some(true));
}

#[test]
fn sso_session_refreshable_is_not_expired() {
    let token = r#"{"accessToken": "a", "expiresAt": "2026-11-27T07:00:00Z", "refreshToken": "r", "clientId": "c", "clientSecret": "s", "registrationExpiresAt": "2027-01-01T00:00:00Z"}"#;
    let ctx = sso_home(token).resolve();
    assert_eq!(ctx.source.refreshable, Some(true));
    assert_eq!(ctx.expired(), Some(false));
    // The same token with its client registration expired cannot be refreshed.
    let stale = token.replace("2027-01-01T00:00:00Z", "2026-11-01T00:00:00Z");
    let ctx = sso_home(&stale).resolve();
    assert_eq!(ctx.source.refreshable, Some(false));
    assert_eq!(ctx.expired(), Some(true));
}

#[test]
fn sso_session_missing_token() {
    let home = sso_home("{}");
    std::fs::remove_file(
        home.dir
            .path()
            .join(".aws/sso/cache")
            .join(sso_cache_name("corp")),
    )
    .unwrap();
    let ctx = home.resolve();
    assert_eq!(ctx.source.kind(), SourceKind::Sso);
    assert_eq!(ctx.source.cache_file, None);
    assert_eq!(ctx.expired(), None);
}

#[test]
fn legacy_sso_never_refreshes() {
    let url = "https://legacy.awsapps.com/start";
    let token = r#"{"accessToken": "a", "expiresAt": "2026-11-27T17:30:00+09:00", "refreshToken": "r", "clientId": "c", "clientSecret": "s", "registrationExpiresAt": "2027-01-01T00:00:00Z"}"#;
    let ctx = Home::new()
        .write(".aws/config", &format!("[default]\nsso_start_url = {url}\nsso_region = us-east-1\nsso_account_id = 1\nsso_role_name = R\n"))
        .write(&format!(".aws/sso/cache/{}", sso_cache_name(url)), token)
        .resolve();
    assert_eq!(ctx.source.kind(), SourceKind::Sso);
    assert_eq!(ctx.source.provider.sso_session(), None);
    assert_eq!(ctx.source.refreshable, Some(false));
    // 17:30+09:00 is 08:30Z: after NOW, although as text it sorts the other way round.
    assert_eq!(ctx.expired(), Some(false));
    assert_eq!(ctx.seconds_left(), Some(1800));
}

const ROLE: &str = "arn:aws:iam::123456789012:role/admin";
const MFA: &str = "arn:aws:iam::123456789012:mfa/alice";

fn role_cache_json(expiration: &str, role: &str) -> String {
    format!(
        r#"{{"Credentials": {{"AccessKeyId": "ASIAFIXTUREKEYID0003", "SecretAccessKey": "fixtureSecretAccessKey0003", "SessionToken": "fixtureSessionToken0003", "Expiration": "{expiration}"}}, "AssumedRoleUser": {{"AssumedRoleId": "AROAFIXTURE:botocore-session-1", "Arn": "arn:aws:sts::123456789012:assumed-role/{role}/botocore-session-1"}}, "ResponseMetadata": {{}}}}"#
    )
}

fn role_home() -> Home {
    Home::new()
        .write(
            ".aws/config",
            &format!(
                "[profile admin]\nrole_arn = {ROLE}\nsource_profile = base\nmfa_serial = {MFA}\n"
            ),
        )
        .write(".aws/credentials", &format!("[base]\n{LONG_KEYS}"))
}

#[test]
fn assume_role_with_mfa_and_its_cache_file() {
    let call = RoleCall {
        role_arn: ROLE.into(),
        mfa_serial: Some(MFA.into()),
        ..RoleCall::default()
    };
    let home = role_home()
        .write(
            &format!(".aws/cli/cache/{}", call.cache_name()),
            &role_cache_json("2026-11-27T07:59:00UTC", "admin"),
        )
        .write(
            ".aws/cli/cache/0000000000000000000000000000000000000000.json",
            &role_cache_json("2026-11-28T00:00:00Z", "other"),
        )
        .argv(&["s3", "ls", "--profile", "admin"]);
    let ctx = home.resolve();
    assert_eq!(ctx.source.kind(), SourceKind::AssumeRole);
    assert_eq!(ctx.profile_from, ProfileFrom::Argument);
    assert_eq!(ctx.source.provider.mfa_serial(), Some(MFA));
    assert_eq!(
        ctx.source
            .provider
            .assume_role()
            .and_then(|r| r.source_profile.as_deref()),
        Some("base")
    );
    assert_eq!(ctx.source.provider.cache_match(), Some(CacheMatch::Key));
    assert!(
        ctx.source
            .cache_file
            .as_ref()
            .unwrap()
            .ends_with(call.cache_name())
    );
    assert_eq!(ctx.source.expires_at, Some(ts("2026-11-27T07:59:00Z")));
    assert_eq!(ctx.expired(), Some(true));
}

#[test]
fn assume_role_cache_found_by_content() {
    let home = role_home()
        .write(
            ".aws/cli/cache/aaaa.json",
            &role_cache_json("2026-11-27T06:00:00Z", "admin"),
        )
        .write(
            ".aws/cli/cache/bbbb.json",
            &role_cache_json("2026-11-27T07:00:00+00:00", "admin"),
        )
        .write(
            ".aws/cli/cache/cccc.json",
            &role_cache_json("2026-11-29T00:00:00Z", "administrator"),
        )
        .write(".aws/cli/cache/dddd.json", "\u{0}garbage")
        .env("AWS_PROFILE", "admin");
    let ctx = home.resolve();
    assert_eq!(ctx.source.provider.cache_match(), Some(CacheMatch::Content));
    assert!(
        ctx.source
            .cache_file
            .as_ref()
            .unwrap()
            .ends_with("bbbb.json")
    );
    assert_eq!(ctx.expired(), Some(true));
}

#[test]
fn exported_session_expiry_with_any_offset() {
    let base = || {
        Home::new()
            .env("AWS_ACCESS_KEY_ID", "ASIAFIXTUREKEYID0004")
            .env("AWS_SECRET_ACCESS_KEY", "fixtureSecretAccessKey0004")
            .env("AWS_SESSION_TOKEN", "fixtureSessionToken0004")
    };
    let past_z = base()
        .env("AWS_CREDENTIAL_EXPIRATION", "2026-11-27T07:30:00Z")
        .resolve();
    assert_eq!(past_z.source.kind(), SourceKind::ExportedSession);
    assert_eq!(past_z.expired(), Some(true));
    assert_eq!(
        past_z.source.provider.exported_vars(),
        [
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN",
            "AWS_CREDENTIAL_EXPIRATION"
        ]
    );
    // 16:30+09:00 is 07:30Z: past, although the text sorts after NOW.
    let past_jst = base()
        .env("AWS_SESSION_EXPIRATION", "2026-11-27T16:30:00+09:00")
        .resolve();
    assert_eq!(past_jst.expired(), Some(true));
    let future_jst = base()
        .env("AWSUME_EXPIRATION", "2026-11-27T18:00:00+09:00")
        .resolve();
    assert_eq!(future_jst.expired(), Some(false));
    let future_z = base()
        .env("AWS_SSO_SESSION_EXPIRATION", "2026-11-27T09:00:00Z")
        .resolve();
    assert_eq!(future_z.expired(), Some(false));
    assert_eq!(future_z.seconds_left(), Some(3600));
}

#[test]
fn exported_keys_lose_to_an_explicit_profile_but_not_to_aws_profile() {
    let home = Home::new()
        .write(".aws/credentials", &format!("[dev]\n{LONG_KEYS}"))
        .env("AWS_ACCESS_KEY_ID", "AKIAFIXTUREKEYID0005")
        .env("AWS_SECRET_ACCESS_KEY", "fixtureSecretAccessKey0005")
        .env("AWS_PROFILE", "dev");
    assert_eq!(home.resolve().source.kind(), SourceKind::ExportedKeys);
    let home = home.argv(&["--profile", "dev", "sts", "get-caller-identity"]);
    let ctx = home.resolve();
    assert_eq!(ctx.source.kind(), SourceKind::FileKeys);
    assert_eq!(ctx.source.origin, "~/.aws/credentials [dev]");
}

#[test]
fn credential_process_comes_after_credentials_file_keys() {
    let home = Home::new().write(
        ".aws/config",
        "[profile tool]\ncredential_process = /opt/bin/get-creds --profile tool\n",
    );
    let ctx = home.env("AWS_PROFILE", "tool").resolve();
    assert_eq!(ctx.source.kind(), SourceKind::CredentialProcess);
    assert_eq!(
        ctx.source.provider.process(),
        Some("/opt/bin/get-creds --profile tool")
    );
    let home = Home::new()
        .write(
            ".aws/config",
            "[profile tool]\ncredential_process = /opt/bin/get-creds\n",
        )
        .write(
            ".aws/credentials",
            &format!("[tool]\n{SESSION_KEYS}expiration = 2026-11-27T10:00:00+01:00\n"),
        )
        .env("AWS_PROFILE", "tool");
    let ctx = home.resolve();
    assert_eq!(ctx.source.kind(), SourceKind::FileSession);
    assert_eq!(ctx.expired(), Some(false));
}

#[test]
fn role_arn_wins_over_sso_and_web_identity_is_its_own_kind() {
    let home = Home::new().write(
        ".aws/config",
        "[profile both]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = s\nsso_session = x\n[profile wi]\nrole_arn = arn:aws:iam::1:role/r\nweb_identity_token_file = /var/run/token\n",
    );
    let home = home.env("AWS_PROFILE", "both");
    assert_eq!(home.resolve().source.kind(), SourceKind::AssumeRole);
    let home = home.env("AWS_PROFILE", "wi");
    assert_eq!(home.resolve().source.kind(), SourceKind::WebIdentity);
    let env_wi = Home::new()
        .env("AWS_ROLE_ARN", "arn:aws:iam::1:role/r")
        .env("AWS_WEB_IDENTITY_TOKEN_FILE", "/t");
    assert_eq!(env_wi.resolve().source.kind(), SourceKind::WebIdentity);
}

#[test]
fn container_instance_profile_and_none() {
    let container = Home::new().env(
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "http://localhost:1338/latest/meta-data/container/security-credentials",
    );
    assert_eq!(container.resolve().source.kind(), SourceKind::Container);
    let mut ec2 = Home::new();
    ec2.inputs.on_ec2 = true;
    assert_eq!(ec2.resolve().source.kind(), SourceKind::InstanceProfile);
    let ec2 = ec2.env("AWS_EC2_METADATA_DISABLED", "true");
    assert_eq!(ec2.resolve().source.kind(), SourceKind::None);
    let none = Home::new().resolve();
    assert_eq!(none.source.kind(), SourceKind::None);
    assert!(none.cloud9.is_none());
}

#[test]
fn long_term_keys_in_the_config_file() {
    let ctx = Home::new()
        .write(".aws/config", &format!("[default]\n{LONG_KEYS}"))
        .resolve();
    assert_eq!(ctx.source.kind(), SourceKind::FileKeys);
    assert_eq!(ctx.source.origin, "~/.aws/config [default]");
    assert_eq!(ctx.expired(), None);
}

#[test]
fn files_named_by_the_environment() {
    let home = Home::new().write("elsewhere/creds", &format!("[default]\n{LONG_KEYS}"));
    let path = home.dir.path().join("elsewhere/creds");
    let ctx = home
        .env("AWS_SHARED_CREDENTIALS_FILE", path.to_str().unwrap())
        .resolve();
    assert_eq!(ctx.source.kind(), SourceKind::FileKeys);
    assert_eq!(ctx.source.origin, "~/elsewhere/creds [default]");
}

#[test]
fn instants_in_the_forms_tools_write() {
    let want = ts("2026-11-27T08:00:00Z");
    for text in [
        "2026-11-27T08:00:00Z",
        "2026-11-27T17:00:00+09:00",
        "2026-11-27T17:00:00+0900",
        "2026-11-27T08:00:00UTC",
        "2026-11-27 08:00:00+00:00",
        "2026-11-27 08:00:00 +0000 UTC",
        "2026-11-27 17:00:00.000 +0900 JST",
        " 2026-11-27T08:00:00.000Z ",
    ] {
        assert_eq!(parse_instant(text), Some(want), "{text}");
    }
    assert_eq!(parse_instant("2026-11-27T08:00:00"), None);
    assert_eq!(parse_instant("garbage"), None);
}

/// A profile with only `login_session` is an `aws login` source carrying its session and its
/// cache file, under the tag `login`; a profile with keys as well keeps its keys' kind and
/// watches the login cache too.
#[test]
fn login_session_is_a_source_of_its_own() {
    let home = Home::new().write(
        ".aws/config",
        "[profile dev]\nlogin_session = arn:aws:iam::123456789012:user/me\n",
    );
    let home = home.env("AWS_PROFILE", "dev");
    let ctx = home.resolve();
    assert_eq!(
        ctx.source.provider,
        Provider::Login {
            session: "arn:aws:iam::123456789012:user/me".into()
        }
    );
    assert_eq!(ctx.source.kind(), SourceKind::Login);
    assert_eq!(SourceKind::parse("login"), Some(SourceKind::Login));
    // State files written before `login` had a tag say `none`: still a kind.
    assert_eq!(SourceKind::parse("none"), Some(SourceKind::None));
    let cache = ctx.source.cache_file.clone().unwrap();
    assert!(cache.starts_with(home.dir.path().join(".aws/login/cache")));
    assert!(!ctx.source.is_missing());
    assert!(ctx.source.watch.contains(&cache));

    let keys = Home::new().write(
        ".aws/config",
        &format!("[profile dev]\nlogin_session = me\n{LONG_KEYS}"),
    );
    let ctx = keys.env("AWS_PROFILE", "dev").resolve();
    assert_eq!(ctx.source.provider, Provider::File { session: false });
    assert!(ctx.source.cache_file.is_some());
}

/// Every tag comes back from the source made of it, so the state file and doctor's JSON keep
/// their values.
#[test]
fn each_kind_is_the_tag_of_its_provider() {
    for kind in SourceKind::ALL {
        assert_eq!(Provider::from(kind).kind(), kind);
    }
}

/// Doctor's rows for a source come from its variant: the role before its MFA device, the
/// exported variables' names, nothing for a source without data of its own.
#[test]
fn doctor_rows_come_from_the_variant() {
    let role = Provider::AssumeRole(AssumeRole {
        role_arn: "arn:aws:iam::123456789012:role/admin".into(),
        mfa_serial: Some("arn:aws:iam::123456789012:mfa/me".into()),
        ..AssumeRole::default()
    });
    assert_eq!(
        role.doctor_rows(),
        [
            (
                "doctor-role",
                "arn:aws:iam::123456789012:role/admin".to_owned()
            ),
            ("doctor-mfa", "arn:aws:iam::123456789012:mfa/me".to_owned()),
        ]
    );
    let exported = Provider::Exported {
        session: false,
        vars: vec!["AWS_ACCESS_KEY_ID".into(), "AWS_SECRET_ACCESS_KEY".into()],
    };
    assert_eq!(
        exported.doctor_rows(),
        [(
            "doctor-exported",
            "AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY".to_owned()
        )]
    );
    assert!(Provider::from(SourceKind::Sso).doctor_rows().is_empty());
    assert!(Provider::Container.doctor_rows().is_empty());
    assert_eq!(
        Provider::Login {
            session: "me".into()
        }
        .doctor_rows(),
        []
    );
}
