//! `gov-it-check test`: the built binary run on the example county's cases and on a wrong one.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_gov-it-check");

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn check(args: &[&str]) -> (Option<i32>, String) {
    let Output { status, stdout, .. } = Command::new(BIN).args(args).output().unwrap();
    (status.code(), String::from_utf8(stdout).unwrap())
}

/// A fresh directory of this test's own.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gov-it-check-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_example_county_passes_with_the_cases_beside_its_profile() {
    let profile = root().join("tests/fixtures/profiles/example-county.json");
    let (code, out) = check(&["test", profile.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.trim_end().ends_with(" passed, 0 failed"), "{out}");
    assert!(!out.contains("FAIL"), "{out}");
}

#[test]
fn a_builtin_profile_runs_its_own_cases_by_id() {
    let (code, out) = check(&["test", "tongzhou"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.trim_end().ends_with(" passed, 0 failed"), "{out}");
}

#[test]
fn a_wrong_case_fails_with_its_id_and_mismatch() {
    let dir = scratch("wrong");
    let profile = dir.join("my-county.json");
    std::fs::copy(
        root().join("tests/fixtures/profiles/example-county.json"),
        &profile,
    )
    .unwrap();
    let cases = r#"{
      "profile": "example-county",
      "options": {"asOf": "2025-01-01"},
      "cases": [
        {"id": "my-county.approval.150-needs-approval", "restsOn": [{"article": 3}],
         "description": "deliberately wrong: 150 万元 does not need approval under the 2024 version",
         "stage": "declaration", "application": {"totalInvestment": "150"},
         "expect": {"outcomes": {"approval": {"value": {"need": "required"}}}}},
        {"id": "my-county.approval.250-needs-approval", "restsOn": [{"article": 3}],
         "stage": "declaration", "application": {"totalInvestment": "250"},
         "expect": {"outcomes": {"approval": {"value": {"need": "required"}}}}}
      ]
    }"#;
    std::fs::write(dir.join("my-county.cases.json"), cases).unwrap();
    let (code, out) = check(&["test", profile.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("FAIL my-county.approval.150-needs-approval"),
        "{out}"
    );
    assert!(
        out.contains(
            r#"expect.outcomes.approval.value.need: expected "required", got "notRequired""#
        ),
        "{out}"
    );
    assert!(!out.contains("FAIL my-county.approval.250"), "{out}");
    assert!(out.trim_end().ends_with("1 passed, 1 failed"), "{out}");
    // A case file named on the command line instead of the one beside the profile.
    let other = dir.join("other.json");
    std::fs::write(&other, cases).unwrap();
    let example = root().join("tests/fixtures/profiles/example-county.json");
    let (code, out) = check(&["test", example.to_str().unwrap(), other.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn cases_for_another_profile_are_a_usage_error() {
    let tongzhou = root().join("src/profiles/tongzhou.cases.json");
    let (code, _) = check(&["test", "shexian", tongzhou.to_str().unwrap()]);
    assert_eq!(code, Some(2));
}

#[test]
fn a_case_naming_what_the_profile_does_not_have_fails_rather_than_passing_unread() {
    let dir = scratch("names");
    let cases = r#"{
      "profile": "example-county",
      "options": {"asOf": "2025-01-01"},
      "cases": [
        {"id": "misspelt", "restsOn": [{"article": 3}], "stage": "declaration",
         "application": {"totalInvestment": "150"},
         "expect": {"notFired": ["example-county.approval.requird"],
                    "noDiagnostics": [{"code": "DC01"}],
                    "windows": {"example-county.window.nowhere": null}}},
        {"id": "undetermined", "restsOn": [{"article": 3}], "stage": "declaration",
         "application": {},
         "expect": {"outcomes": {"approval": {"value": {"need": "required"}}}}}
      ]
    }"#;
    let file = dir.join("names.cases.json");
    std::fs::write(&file, cases).unwrap();
    let example = root().join("tests/fixtures/profiles/example-county.json");
    let (code, out) = check(&["test", example.to_str().unwrap(), file.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{out}");
    for at in [
        "expect.notFired[0]: expected a rule id of the profile, got `example-county.approval.requird`",
        "expect.noDiagnostics[0].code: expected a code of RULES.md, got `DC01`",
        "expect.windows.example-county.window.nowhere: expected a window's rule id",
        "(approval undetermined, waiting for totalInvestment)",
    ] {
        assert!(out.contains(at), "{at}\n{out}");
    }
    assert!(out.trim_end().ends_with("0 passed, 2 failed"), "{out}");
    std::fs::write(&file, r#"{"profile": "example-county", "cases": []}"#).unwrap();
    let (code, out) = check(&["test", example.to_str().unwrap(), file.to_str().unwrap()]);
    assert_ne!(code, Some(0), "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_refused_profile_is_shown_where_it_is_wrong_without_the_usage() {
    let dir = scratch("refused");
    let profile = dir.join("broken.json");
    std::fs::write(&profile, "{\n  \"id\": \"x\",\n  \"id\": \"y\"\n}").unwrap();
    let out = Command::new(BIN)
        .args(["compile", profile.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("broken.json: duplicate field `id` at line 3 column 6"),
        "{stderr}"
    );
    assert!(!stderr.contains("usage:"), "{stderr}");
    let out = Command::new(BIN).args(["compile"]).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("usage:"),
        "a usage problem shows the usage: {stderr}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_decision_table_with_no_case_for_the_answers_fails_its_cases() {
    let dir = scratch("gap");
    let example = root().join("tests/fixtures/profiles/example-county.json");
    let mut profile: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(example).unwrap()).unwrap();
    // The fallback case gone: an amount at or below the threshold has no case.
    for version in profile["versions"].as_array_mut().unwrap() {
        let approval = version["outcomes"]["approval"].as_array_mut().unwrap();
        approval.retain(|case| case.get("when").is_some());
    }
    let file = dir.join("gap.json");
    std::fs::write(&file, profile.to_string()).unwrap();
    let cases = r#"{"profile": "example-county", "options": {"asOf": "2025-01-01"}, "cases": [
        {"id": "small", "restsOn": [{"article": 3}], "stage": "declaration",
         "application": {"totalInvestment": "50"}, "expect": {}}]}"#;
    std::fs::write(dir.join("gap.cases.json"), cases).unwrap();
    let (code, out) = check(&["test", file.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("outcomes.approval: expected a case of the table that holds, or a field it waits for, got no case holds"),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A run checks one application: a second file is refused rather than checked in place of the
/// first, and a portal parameter no regulation leaves open is refused as the library refuses it.
#[test]
fn one_application_a_run_and_no_parameter_misspelt() {
    let application = scratch("one-application").join("application.json");
    std::fs::write(&application, "{}").unwrap();
    let path = application.to_str().unwrap();
    let refused = |args: &[&str]| {
        let out = Command::new(BIN).args(args).output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let (code, said) = refused(&["-j", "shexian", path, path]);
    assert_eq!(code, Some(2));
    assert!(said.contains("give one application file per run"), "{said}");
    let (code, said) = refused(&[
        "-j",
        "shexian",
        "--param",
        "decentralisedProcurementLimit=50",
        path,
    ]);
    assert_eq!(code, Some(2));
    assert!(
        said.contains("--param decentralisedProcurementLimit"),
        "{said}"
    );
    let limit = "decentralizedProcurementLimit=50";
    let (code, said) = refused(&["-j", "shexian", "--param", limit, "--param", limit, path]);
    assert_eq!(code, Some(2));
    assert!(said.contains("is given twice"), "{said}");
    let (code, _) = check(&["-j", "shexian", "--param", limit, path]);
    assert!(matches!(code, Some(0 | 1)), "{code:?}");
    // The day as the options take it, YYYY-MM-DD.
    for day in [
        "2025-9-1",
        "+2025-9-01",
        " 2025-9-01",
        "2025-9-01 ",
        "20250901",
    ] {
        let (code, said) = refused(&["-j", "shexian", "--as-of", day, path]);
        assert_eq!(code, Some(2), "{day}");
        assert!(
            said.contains(&format!("--as-of {day} is not YYYY-MM-DD")),
            "{said}"
        );
    }
    let (code, _) = check(&["-j", "shexian", "--as-of", "2025-09-01", path]);
    assert!(matches!(code, Some(0 | 1)), "{code:?}");
}
