//! A tolerant reader for the AWS CLI's INI files (`~/.aws/config`, `~/.aws/credentials`).
//!
//! It never fails: what it cannot understand it skips. Like the CLI's reader it knows
//! `[section]` headers, `key = value` and `key: value` (spacing free, keys case-insensitive),
//! whole-line comments starting with `#` or `;`, and indented lines, which belong to the key
//! above them (a nested sub-section such as `s3 =` followed by `  max_concurrent_requests = 10`,
//! or a continued value); those are ignored, since no credential setting uses them. A
//! section that appears twice is merged, later keys winning.

use std::collections::HashMap;

/// One parsed file: section name to its keys.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ini {
    sections: HashMap<String, HashMap<String, String>>,
}

impl Ini {
    /// Parse a file's bytes (invalid UTF-8 is replaced, not refused).
    pub fn parse(bytes: &[u8]) -> Ini {
        let text = String::from_utf8_lossy(bytes);
        let mut sections: HashMap<String, HashMap<String, String>> = HashMap::new();
        let mut current: Option<String> = None;
        for line in text.split('\n') {
            let line = line.strip_suffix('\r').unwrap_or(line);
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
                continue;
            }
            if line.starts_with([' ', '\t']) {
                continue; // nested sub-section or continuation
            }
            if let Some(rest) = trimmed.strip_prefix('[') {
                current = rest.rfind(']').map(|end| normalise(&rest[..end]));
                if let Some(name) = &current {
                    sections.entry(name.clone()).or_default();
                }
                continue;
            }
            let (Some(section), Some(split)) = (&current, trimmed.find(['=', ':'])) else {
                continue;
            };
            let key = trimmed[..split].trim().to_ascii_lowercase();
            if key.is_empty() {
                continue;
            }
            let value = trimmed[split + 1..].trim().to_owned();
            sections
                .entry(section.clone())
                .or_default()
                .insert(key, value);
        }
        Ini { sections }
    }

    /// The keys of a section, by its exact name.
    pub fn section(&self, name: &str) -> Option<&HashMap<String, String>> {
        self.sections.get(name)
    }

    /// A config-file profile: `[profile NAME]`, or `[default]` for `default` (which may also be
    /// written `[profile default]`, which wins).
    pub fn config_profile(&self, name: &str) -> Option<&HashMap<String, String>> {
        self.section(&format!("profile {name}")).or_else(|| {
            if name == "default" {
                self.section("default")
            } else {
                None
            }
        })
    }

    /// An `[sso-session NAME]` section of the config file.
    pub fn sso_session(&self, name: &str) -> Option<&HashMap<String, String>> {
        self.section(&format!("sso-session {name}"))
    }

    /// Names of the config-file profiles.
    pub fn config_profile_names(&self) -> impl Iterator<Item = &str> {
        self.sections
            .keys()
            .filter_map(|s| match s.strip_prefix("profile ") {
                Some(name) => Some(name),
                None => (s == "default").then_some("default"),
            })
    }
}

/// `profile   dev ` and `profile dev` name the same section.
fn normalise(header: &str) -> String {
    let header = header.trim();
    for prefix in ["profile", "sso-session"] {
        if let Some(rest) = header.strip_prefix(prefix)
            && rest.starts_with([' ', '\t'])
        {
            return format!("{prefix} {}", rest.trim());
        }
    }
    header.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_profiles_sessions_comments_and_spacing() {
        let ini = Ini::parse(
            b"# top comment\n\
              [default]\n\
              region=us-east-1\n\
              [profile dev]\r\n\
              ; a comment\n\
              Sso_Session =  corp \n\
              role_arn: arn:aws:iam::123456789012:role/x\n\
              s3 =\n  max_concurrent_requests = 10\n\
              [sso-session corp]\n\
              sso_start_url=https://corp.awsapps.com/start\n\
              [profile  dev ]\n\
              output = json\n\
              garbage line\n",
        );
        let dev = ini.config_profile("dev").unwrap();
        assert_eq!(dev.get("sso_session").map(String::as_str), Some("corp"));
        assert_eq!(
            dev.get("role_arn").map(String::as_str),
            Some("arn:aws:iam::123456789012:role/x")
        );
        assert_eq!(dev.get("s3").map(String::as_str), Some(""));
        assert!(!dev.contains_key("max_concurrent_requests"));
        assert_eq!(
            ini.config_profile("default")
                .unwrap()
                .get("region")
                .map(String::as_str),
            Some("us-east-1")
        );
        assert_eq!(
            ini.sso_session("corp")
                .unwrap()
                .get("sso_start_url")
                .map(String::as_str),
            Some("https://corp.awsapps.com/start")
        );
        assert!(ini.config_profile("corp").is_none());
        let mut names: Vec<&str> = ini.config_profile_names().collect();
        names.sort();
        assert_eq!(names, ["default", "dev"]);
        assert_eq!(dev.get("output").map(String::as_str), Some("json"));
    }

    #[test]
    fn keys_before_any_section_and_broken_headers_are_ignored() {
        let ini = Ini::parse(b"aws_access_key_id = x\n[broken\nkey = v\n[ok]\nk=v\n\xff\xfe=1\n");
        assert!(ini.section("broken").is_none());
        assert_eq!(
            ini.section("ok").unwrap().get("k").map(String::as_str),
            Some("v")
        );
    }
}
