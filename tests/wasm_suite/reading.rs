//! Reading a report's JSON, for the wasm suites and the form component's tests.

use serde_json::Value;

/// The codes of the diagnostics at `path`.
pub fn codes_at(report: &Value, path: &str) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["path"] == path)
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}
