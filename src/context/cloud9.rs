//! AWS Cloud9 detection: the `C9_*` variables and the managed-credentials header.

use super::{Cloud9, Inputs};
use jiff::Timestamp;
use std::path::PathBuf;

/// The first words of the header Cloud9 writes at the top of its managed credentials file.
const HEADER_START: &str =
    "# Do not modify this file, if this file is modified it will not be updated.";

/// The credentials file the AWS CLI reads.
pub fn credentials_file(inputs: &Inputs) -> Option<PathBuf> {
    match inputs.var("AWS_SHARED_CREDENTIALS_FILE") {
        Some(path) => Some(expand_home(path, inputs)),
        None => Some(inputs.home.as_ref()?.join(".aws").join("credentials")),
    }
}

pub(crate) fn expand_home(path: &str, inputs: &Inputs) -> PathBuf {
    match (path.strip_prefix("~/"), &inputs.home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(path),
    }
}

/// Cloud9 facts, or `None` outside Cloud9: the `C9_*` variables, or the managed header at the
/// top of the credentials file (whose bytes are given, when the file exists).
pub fn detect(inputs: &Inputs, credentials: Option<&[u8]>) -> Option<Cloud9> {
    let header = credentials.map(|c| String::from_utf8_lossy(&c[..c.len().min(1024)]).into_owned());
    let by_env = inputs.var("C9_PID").is_some()
        || inputs.var("C9_PROJECT").is_some()
        || inputs.var("C9_USER").is_some()
        || inputs.var("C9_HOSTNAME").is_some();
    let managed_header = header
        .as_deref()
        .is_some_and(|h| h.starts_with(HEADER_START));
    if !by_env && !managed_header {
        return None;
    }
    let header_time = header
        .as_deref()
        .filter(|_| managed_header)
        .and_then(header_time);
    Some(Cloud9 {
        // Only an id of the form Cloud9 gives: it goes into the IDE's address.
        environment_id: inputs
            .var("C9_PID")
            .filter(|id| is_environment_id(id))
            .map(str::to_owned),
        environment_name: inputs.var("C9_PROJECT").map(str::to_owned),
        managed_header,
        header_time,
        edited: header.is_some() && !managed_header,
        region: None,
    })
}

/// Whether `text` is a Cloud9 environment id: 8 to 32 letters and digits (the API's
/// `^[a-zA-Z0-9]{8,32}$`).
pub fn is_environment_id(text: &str) -> bool {
    (8..=32).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Whether `text` has the form of an AWS region name, `^[a-z]+(-[a-z]+)+-[0-9]+$`:
/// `ap-northeast-1`, `us-gov-west-1`, `cn-north-1`, `eusc-de-east-1`. Nothing else may
/// become the host name of an address aws-shim writes.
pub fn is_region(text: &str) -> bool {
    let words: Vec<&str> = text.split('-').collect();
    let letters = |w: &&str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase());
    let Some((number, names)) = words.split_last() else {
        return false;
    };
    names.len() >= 2
        && names.iter().all(letters)
        && !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
}

/// The date in `... it will be recreated on Sun Jun 20 2021 06:39:58 GMT+0000 (Coordinated
/// Universal Time).`, written by JavaScript's `Date.toString()`.
pub fn header_time(header: &str) -> Option<Timestamp> {
    let line = header.lines().next()?;
    let after = line.split(" recreated on ").nth(1)?;
    let date = after.split(" (").next()?.trim_end_matches('.');
    // `Sun Jun 20 2021 06:39:58 GMT+0000`
    jiff::fmt::strtime::parse("%a %b %d %Y %H:%M:%S GMT%z", date)
        .ok()?
        .to_timestamp()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_names_of_every_partition_and_nothing_else() {
        // Every partition's regions as botocore lists them (endpoints.json), 2026-12.
        for region in [
            "us-east-1",
            "ap-northeast-1",
            "ap-southeast-7",
            "mx-central-1",
            "us-gov-west-1",
            "cn-north-1",
            "cn-northwest-1",
            "us-iso-east-1",
            "us-isob-east-1",
            "eu-isoe-west-1",
            "us-isof-south-1",
            "eusc-de-east-1",
        ] {
            assert!(is_region(region), "{region}");
        }
        for not in [
            "",
            "us",
            "us-east",
            "east-1",
            "-east-1",
            "us--1",
            "US-EAST-1",
            "us-east-1a",
            "us-east-1 ",
            "evil.example/phish?x=",
            "us-east-1.evil.example",
            "evil.example/phish?x=us-east-1",
            "us-east-1/x",
            "us-east-1\n",
            "us_east-1",
        ] {
            assert!(!is_region(not), "{not:?}");
        }
    }

    #[test]
    fn environment_ids_are_letters_and_digits() {
        assert!(is_environment_id("0123456789abcdef"));
        assert!(is_environment_id("f1c5a2b7e3d84c6a9b0e1d2c3f4a5b6c"));
        for not in [
            "",
            "abc1234",
            "0123456789abcdef\nEvil",
            "0123456789abcdef/../x",
            &"a".repeat(33),
        ] {
            assert!(!is_environment_id(not), "{not:?}");
        }
    }

    #[test]
    fn reads_the_header_date() {
        let h = "# Do not modify this file, if this file is modified it will not be updated. If the file is deleted, it will be recreated on Sun Jun 20 2021 06:39:58 GMT+0000 (Coordinated Universal Time).\n";
        assert_eq!(header_time(h).unwrap().to_string(), "2021-06-20T06:39:58Z");
        let h9 = h.replace("06:39:58 GMT+0000", "15:39:58 GMT+0900");
        assert_eq!(
            header_time(&h9).unwrap().to_string(),
            "2021-06-20T06:39:58Z"
        );
    }
}
