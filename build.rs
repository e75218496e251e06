//! Writes the built-in profiles without the whitespace between tokens, for `BUILTIN_PROFILES` to
//! embed: the indentation of the readable sources is 30 % of their bytes, which the wasm would
//! carry as data.

use std::error::Error;
use std::path::Path;

const PROFILES: &[&str] = &["tongzhou", "shexian", "tinghu", "jiangjin", "xiangcheng"];

fn main() -> Result<(), Box<dyn Error>> {
    let out = std::env::var("OUT_DIR")?;
    for id in PROFILES {
        let source = format!("profiles/{id}.json");
        println!("cargo:rerun-if-changed={source}");
        let text = std::fs::read_to_string(&source)?;
        std::fs::write(Path::new(&out).join(format!("{id}.json")), minify(&text))?;
    }
    Ok(())
}

/// The JSON text without the whitespace outside strings; strings, numbers and key order stay as
/// written, so the embedded profile reads exactly as the source does.
fn minify(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
        } else if matches!(c, ' ' | '\t' | '\r' | '\n') {
            continue;
        }
        out.push(c);
    }
    out
}
