//! Every profile's test cases, `src/profiles/<id>.cases.json` and the example county's
//! `tests/fixtures/profiles/example-county.cases.json`, run natively through
//! `gov_it_rules::cases`.
//! The same files run in wasm (tests/wasm_suite) and from `gov-it-check test`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use gov_it_rules::{cases, Registry};

/// The date the built-in case files assume (their file-level `asOf`).
const AS_OF: &str = "2025-06-01";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The built-in profiles and the example county, loaded as a portal would load its own.
fn registry() -> Registry {
    let mut registry = Registry::builtin();
    let example = read(&root().join("tests/fixtures/profiles/example-county.json"));
    registry.load(&example).unwrap();
    registry
}

/// Every case file: each `src/profiles/*.cases.json` and the example county's.
fn case_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("src/profiles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".cases.json"))
        .collect();
    gov_it_rules::sorted::sort(&mut files);
    files.push(root().join("tests/fixtures/profiles/example-county.cases.json"));
    files
}

#[test]
fn every_case_passes() {
    let registry = registry();
    let mut failures = Vec::new();
    let mut total = 0;
    for path in case_files() {
        let results = cases::run_str(&registry, &read(&path))
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        total += results.len();
        for result in results.iter().filter(|r| !r.passed()) {
            failures.push(format!("{result}\n  in {}", path.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {total} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // Over every case of every profile, each mechanism emitted only the codes it declares.
    assert_eq!(gov_it_rules::rules::take_undeclared_codes(), []);
}

/// Each code a regulation's rule reports belongs to exactly one mechanism, which declares it
/// beside its code; the codes of the input reader (`input`, bar a required table cell, which the
/// resource table reports) and of the engine (`jurisdiction`) to none.
#[test]
fn every_rule_code_is_declared_by_one_mechanism() {
    use gov_it_rules::codes::CODES;
    use gov_it_rules::rules::MECHANISMS;
    for spec in CODES {
        let owners: Vec<&str> = MECHANISMS
            .iter()
            .filter(|m| m.codes.contains(&spec.code))
            .map(|m| m.name)
            .collect();
        let reader_or_engine = matches!(spec.family, "input" | "jurisdiction");
        let ok = if reader_or_engine {
            owners.len() <= 1
        } else {
            owners.len() == 1
        };
        assert!(ok, "{} is declared by {owners:?}", spec.id);
    }
}

#[test]
fn every_builtin_profile_has_its_cases_beside_it() {
    for (id, _) in gov_it_rules::BUILTIN_PROFILES {
        let path = root().join(format!("src/profiles/{id}.cases.json"));
        let file = cases::parse(&read(&path)).unwrap();
        assert_eq!(file.profile, *id, "{}", path.display());
    }
}

/// A comparison of the cases with the profile's list of rules, not a case itself: every rule of
/// a built-in profile has a case where it applies and one where it does not (or applies on an
/// empty application, for a rule that always applies).
#[test]
fn every_rule_of_a_builtin_profile_fires_and_stays_quiet_in_some_case() {
    let registry = registry();
    for (id, _) in gov_it_rules::BUILTIN_PROFILES {
        let path = root().join(format!("src/profiles/{id}.cases.json"));
        let file = cases::parse(&read(&path)).unwrap();
        let uncovered = cases::uncovered(&registry, &file, AS_OF);
        assert!(
            uncovered.is_empty(),
            "{id}: rules without a case that fires them and one that does not: {uncovered:?}"
        );
    }
}
