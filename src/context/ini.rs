//! A tolerant reader for the AWS CLI's INI files (`~/.aws/config`, `~/.aws/credentials`).
//!
//! It never fails: what it cannot understand it skips. Like the CLI's reader it knows
//! `[section]` headers, `key = value` and `key: value` (spacing free, keys case-insensitive),
//! whole-line comments starting with `#` or `;`, and indented lines, which belong to the key
//! above them (a nested sub-section such as `s3 =` followed by `  max_concurrent_requests = 10`,
//! or a continued value); those are ignored, since no credential setting uses them. A
//! section that appears twice is merged, later keys winning.

//!
//! Files written by tools that sync accounts hold thousands of profiles, and a call needs a
//! few of them: parsing finds the sections only, and a section's keys are read the first
//! time it is asked for.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::ops::Range;

/// One parsed file: section name to its keys.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ini {
    text: String,
    sections: HashMap<String, Section>,
}

/// Where a section's lines are (each time it appears), and its keys once read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Section {
    bodies: Vec<Range<usize>>,
    keys: OnceCell<HashMap<String, String>>,
}

impl Ini {
    /// Parse a file's bytes (invalid UTF-8 is replaced, not refused).
    pub fn parse(bytes: &[u8]) -> Ini {
        let text = String::from_utf8_lossy(bytes).into_owned();
        let mut sections: HashMap<String, Section> = HashMap::new();
        // The section being read, and where its body began.
        let mut current: Option<(String, usize)> = None;
        let mut offset = 0;
        for line in text.split('\n') {
            let start = offset;
            offset += line.len() + 1;
            // A header starts its line; an indented `[` belongs to the key above.
            let Some(rest) = line.strip_prefix('[') else {
                continue;
            };
            close(&mut sections, current.take(), start);
            let rest = rest.trim_end();
            // A broken header (no `]`): its keys belong to no section.
            if let Some(end) = rest.rfind(']') {
                let name = normalise(&rest[..end]);
                sections.entry(name.clone()).or_default();
                current = Some((name, offset.min(text.len())));
            }
        }
        close(&mut sections, current, text.len());
        Ini { text, sections }
    }

    /// The keys of a section, by its exact name.
    pub fn section(&self, name: &str) -> Option<&HashMap<String, String>> {
        let section = self.sections.get(name)?;
        Some(section.keys.get_or_init(|| {
            let mut keys = HashMap::new();
            for body in &section.bodies {
                read_keys(&self.text[body.clone()], &mut keys);
            }
            keys
        }))
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

/// The body of section `current` ends at `end`.
fn close(sections: &mut HashMap<String, Section>, current: Option<(String, usize)>, end: usize) {
    if let Some((name, start)) = current {
        sections.entry(name).or_default().bodies.push(start..end);
    }
}

/// The `key = value` lines of a section's body into `keys` (later lines win): comments,
/// indented lines (sub-sections, continued values) and lines without `=` or `:` are skipped.
fn read_keys(body: &str, keys: &mut HashMap<String, String>) {
    for line in body.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
            continue;
        }
        if line.starts_with([' ', '\t']) {
            continue; // nested sub-section or continuation
        }
        let Some(split) = trimmed.find(['=', ':']) else {
            continue;
        };
        let key = trimmed[..split].trim().to_ascii_lowercase();
        if key.is_empty() {
            continue;
        }
        keys.insert(key, trimmed[split + 1..].trim().to_owned());
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
