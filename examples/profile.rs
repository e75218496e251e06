//! The benchmark's two workloads on the native core, for profilers that count instructions
//! (`valgrind --tool=callgrind`), which are repeatable where wall-clock times on a shared machine
//! are not. BENCHMARKS.md shows how to run it.
//!
//! `full FILE N`: N validations of the application in FILE (JSON text in, JSON text out, as the
//! package's `validate` does, with the writer it uses). `edit FILE N`: the application in FILE held by a live validator,
//! then N edits of the total investment typing across 300 万元 and back, each delta written as
//! JSON text. Prints the mean time per operation, which is only indicative.

use std::error::Error;
use std::time::Instant;

use gov_it_rules::live::LiveValidator;
use gov_it_rules::{builtin, json_text, Options};
use serde_json::{json, Value};

/// The benchmark's typing sequence (benches/inputs.mjs).
const TYPING: [&str; 12] = [
    "3", "30", "300", "300.", "300.0", "300.01", "300.0", "300.", "300", "30", "3", "",
];

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [mode, file, count] = args.as_slice() else {
        return Err("usage: profile full|edit FILE N".into());
    };
    let count: usize = count.parse()?;
    let text = std::fs::read_to_string(file)?;
    let options = Options::from_json(&json!({ "jurisdiction": "tongzhou", "asOf": "2026-06-01" }))?;
    let registry = builtin();
    let start = Instant::now();
    let mut bytes = 0;
    match mode.as_str() {
        "full" => {
            for _ in 0..count {
                bytes += json_text::to_vec(&registry.validate_str(&text, &options))?.len();
            }
        }
        "edit" => {
            let mut live = LiveValidator::new(registry, options);
            live.replace_text(&text);
            let values: Vec<Value> = TYPING.iter().map(|t| Value::from(*t)).collect();
            for value in values.iter().cycle().take(count) {
                bytes += json_text::to_vec(&live.set("totalInvestment", value)?)?.len();
            }
        }
        other => return Err(format!("unknown workload `{other}`: full or edit").into()),
    }
    let micros = start.elapsed().as_secs_f64() * 1e6 / count as f64;
    println!("{mode}: {count} operations, {micros:.1} µs each, {bytes} bytes of JSON written");
    Ok(())
}
