//! Live validators held, for a heap profiler: `footprint validators N` makes N validators holding
//! the 通州 fixture and keeps them until the end, `footprint empty N` N holding an empty form (what
//! a page holds before the applicant types: most of its report is diagnostics); `footprint
//! reports N` keeps N copies of one's report instead, `footprint tables N` N copies of the
//! fixture's two tables as given, and `footprint applications N` N applications read from it. Run
//! it under `valgrind --tool=dhat` with N = 0 and N = 100: the difference in "At t-end" over 100 is
//! the bytes one holds (natively: pointers are 8 bytes here, 4 in the wasm module). Each validator
//! lets go of what its answer held, as the wasm validator does after writing it.

use std::error::Error;

use gov_it_rules::live::LiveValidator;
use gov_it_rules::{builtin, Options};

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [mode, count] = args.as_slice() else {
        return Err("usage: footprint validators|empty|reports|tables|applications N".into());
    };
    let count: usize = count.parse()?;
    let text = std::fs::read_to_string("tests/fixtures/tongzhou-declaration.json")?;
    let options = Options::for_jurisdiction("tongzhou");
    let registry = builtin();
    // The profile is decoded on first use, once for every validator.
    drop(registry.validate_str(&text, &options));
    let mut one = LiveValidator::new(registry, options.clone());
    drop(one.replace_text(&text));
    one.release();
    let json: serde_json::Value = serde_json::from_str(&text)?;
    let mut validators = Vec::new();
    let mut reports = Vec::new();
    let mut tables = Vec::new();
    let mut applications = Vec::new();
    for _ in 0..count {
        match mode.as_str() {
            "validators" => {
                let mut validator = LiveValidator::new(registry, options.clone());
                drop(validator.replace_text(&text));
                validator.release_answered();
                validators.push(validator);
            }
            "empty" => {
                let mut validator = LiveValidator::new(registry, options.clone());
                drop(validator.replace_text("{}"));
                validator.release_answered();
                validators.push(validator);
            }
            "reports" => reports.push(one.report().clone()),
            "tables" => tables.push((
                json.get("documents").cloned(),
                json.get("resources").cloned(),
            )),
            "applications" => {
                let input = gov_it_rules::model::Input::parse(&text)?;
                let mut problems = Vec::new();
                applications.push((
                    gov_it_rules::model::Application::read(&input, &mut problems),
                    problems,
                ));
            }
            other => return Err(format!("unknown mode `{other}`").into()),
        }
    }
    println!("{} {} {}", validators.len(), reports.len(), tables.len());
    // Still held when the profiler takes its count at the end.
    std::mem::forget((validators, reports, tables, applications));
    Ok(())
}
