//! The benchmark's two workloads on the native core, for profilers that count instructions
//! (`valgrind --tool=callgrind`), which are repeatable where wall-clock times on a shared machine
//! are not. BENCHMARKS.md shows how to run it.
//!
//! `full FILE N`: N validations of the application in FILE (JSON text in, JSON text out, as the
//! package's `validate` does, with the writer it uses). `edit FILE N`: the application in FILE
//! held by a live validator, then N edits of the total investment typing across 300 万元 and back,
//! each delta written as JSON text, after which the validator lets go of what the package's
//! validator does (`release_answered`). `other FILE N`: as `edit`, but N edits of a field no
//! decision reads (项目负责人, two names in turn). `full-compact`, `edit-compact` and
//! `other-compact` write each answer as the npm package does, with citations by number
//! (`json_text::to_vec_citing`). `load FILE N`: N loads of the compiled
//! profile in FILE (`src/compiled/*.govit`) into a registry, decoded and checked as a
//! one-jurisdiction page's `init()` loads it. Prints the mean time per operation, which is
//! only indicative.

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
        return Err("usage: profile full|edit|other[-compact]|load FILE N".into());
    };
    let count: usize = count.parse()?;
    if mode == "load" {
        return load(&std::fs::read(file)?, count);
    }
    let text = std::fs::read_to_string(file)?;
    let options = Options::from_json(&json!({ "jurisdiction": "tongzhou", "asOf": "2026-06-01" }))?;
    let registry = builtin();
    let start = Instant::now();
    let mut bytes = 0;
    let mut table = json_text::CitationTable::default();
    let compact = mode.ends_with("-compact");
    let mut write = |value: &dyn erased::Answer| -> Result<usize, json_text::Error> {
        Ok(if compact {
            value.compact(&mut table)?.len()
        } else {
            value.full()?.len()
        })
    };
    match mode.trim_end_matches("-compact") {
        "full" => {
            for _ in 0..count {
                bytes += write(&registry.validate_str(&text, &options))?;
            }
        }
        "edit" => {
            let mut live = LiveValidator::new(registry, options);
            live.replace_text(&text);
            let values: Vec<Value> = TYPING.iter().map(|t| Value::from(*t)).collect();
            for value in values.iter().cycle().take(count) {
                bytes += write(&live.set("totalInvestment", value)?)?;
                live.release_answered();
            }
        }
        "other" => {
            let mut live = LiveValidator::new(registry, options);
            live.replace_text(&text);
            let values = [Value::from("王建国"), Value::from("李四")];
            for value in values.iter().cycle().take(count) {
                bytes += write(&live.set("projectLead", value)?)?;
                live.release_answered();
            }
        }
        other => {
            return Err(format!(
                "unknown workload `{other}`: full, edit or other, or any of them -compact"
            )
            .into())
        }
    }
    let micros = start.elapsed().as_secs_f64() * 1e6 / count as f64;
    println!("{mode}: {count} operations, {micros:.1} µs each, {bytes} bytes of JSON written");
    Ok(())
}

/// `load`: the compiled profile `bytes` loaded `count` times into an empty registry.
fn load(bytes: &[u8], count: usize) -> Result<(), Box<dyn Error>> {
    let start = Instant::now();
    for _ in 0..count {
        let mut registry = gov_it_rules::Registry::default();
        if let Err(errors) = registry.load_compiled(bytes) {
            return Err(format!("the profile was refused: {errors:?}").into());
        }
    }
    let micros = start.elapsed().as_secs_f64() * 1e6 / count as f64;
    println!("load: {count} loads, {micros:.1} µs each");
    Ok(())
}

/// A report or a delta, written either way.
mod erased {
    use gov_it_rules::json_text::{self, CitationTable, Error};
    use serde::Serialize;

    pub trait Answer {
        fn full(&self) -> Result<Vec<u8>, Error>;
        fn compact(&self, table: &mut CitationTable) -> Result<Vec<u8>, Error>;
    }

    impl<T: Serialize> Answer for T {
        fn full(&self) -> Result<Vec<u8>, Error> {
            json_text::to_vec(self)
        }

        fn compact(&self, table: &mut CitationTable) -> Result<Vec<u8>, Error> {
            json_text::to_vec_citing(self, table)
        }
    }
}
