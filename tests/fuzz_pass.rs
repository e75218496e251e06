//! The bounded fuzz pass of every test run: the cargo-fuzz targets (`fuzz/src/lib.rs`, included
//! here as a module, so the code under test is the same) over a fixed, deterministic set of
//! inputs: the seeds, then mutations of them drawn from a seeded PRNG, both structure-aware (real
//! fields set to values near the thresholds and malformed ones, table rows added and removed,
//! deep nesting, hostile keys) and byte-level (bit flips, splices, truncation, inserted tokens).
//! Fails on any panic or broken invariant, naming the input and saving it under the target
//! directory; prints how many inputs ran. No nightly toolchain is needed; README ("Security and
//! robustness") says how to fuzz for longer with cargo-fuzz.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../fuzz/src/lib.rs"]
mod targets;

use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use gov_it_rules::model::{Kind, FIELDS};
use serde_json::{Map, Value as Json};

/// Generated inputs per target, besides the seeds. About 15 s per target (profile: 5 s) in a
/// debug build on two cores; the targets run in parallel.
const VALIDATE_INPUTS: usize = 2_000;
const LIVE_INPUTS: usize = 2_000;
/// Each accepted profile validates all five fixtures, so fewer of these.
const PROFILE_INPUTS: usize = 1_000;

#[test]
fn validate_target_never_panics() {
    let seeds = seeds_of("validate");
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let known = Known::from_fixtures();
    let generated = (0..VALIDATE_INPUTS).map(|_| {
        let seed = rng.pick(&seeds).clone();
        if rng.chance(60) {
            if let Ok(json) = serde_json::from_slice::<Json>(&seed) {
                return mutate_application(&mut rng, json, &known);
            }
        }
        let other = rng.pick(&seeds).clone();
        mutate_bytes(&mut rng, seed, &other)
    });
    let inputs: Vec<Vec<u8>> = seeds.iter().cloned().chain(generated).collect();
    run("validate", targets::validate, seeds.len(), &inputs);
}

#[test]
fn live_set_target_never_panics() {
    let seeds = seeds_of("live_set");
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let known = Known::from_fixtures();
    let table = targets::paths();
    let generated = (0..LIVE_INPUTS).map(|_| {
        if rng.chance(25) {
            let seed = rng.pick(&seeds).clone();
            let other = rng.pick(&seeds).clone();
            mutate_bytes(&mut rng, seed, &other)
        } else {
            edit_script(&mut rng, &known, &table)
        }
    });
    let inputs: Vec<Vec<u8>> = seeds.iter().cloned().chain(generated).collect();
    run("live_set", targets::live_set, seeds.len(), &inputs);
}

#[test]
fn profile_target_never_panics() {
    let seeds = seeds_of("profile");
    let mut rng = Rng(0x6a09_e667_f3bc_c908);
    let generated = (0..PROFILE_INPUTS).map(|_| {
        let seed = rng.pick(&seeds).clone();
        if rng.chance(60) {
            if let Ok(mut json) = serde_json::from_slice::<Json>(&seed) {
                let depth = 1 + rng.below(3);
                *random_node(&mut rng, &mut json) = any_value(&mut rng, depth);
                return json.to_string().into_bytes();
            }
        }
        let other = rng.pick(&seeds).clone();
        mutate_bytes(&mut rng, seed, &other)
    });
    let inputs: Vec<Vec<u8>> = seeds.iter().cloned().chain(generated).collect();
    run("profile", targets::profile, seeds.len(), &inputs);
}

/// `fuzz/seeds/` holds exactly the seeds `fuzz/src/lib.rs` defines, for `cargo fuzz run`.
#[test]
fn seeds_on_disk_are_current() {
    for (target, name, bytes) in targets::seeds() {
        let path = seeds_dir().join(target).join(&name);
        let on_disk = std::fs::read(&path).unwrap_or_default();
        assert!(
            on_disk == bytes,
            "{} is stale or missing: cargo test --test fuzz_pass -- --ignored write_seeds",
            path.display()
        );
    }
}

/// Rewrites `fuzz/seeds/` from `fuzz/src/lib.rs`.
#[test]
#[ignore = "writes fuzz/seeds/; run by hand after changing the seeds or the fixtures"]
fn write_seeds() {
    for target in ["validate", "live_set", "profile"] {
        let dir = seeds_dir().join(target);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
    }
    for (target, name, bytes) in targets::seeds() {
        std::fs::write(seeds_dir().join(target).join(name), bytes).unwrap();
    }
}

fn seeds_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds")
}

fn seeds_of(target: &str) -> Vec<Vec<u8>> {
    targets::seeds()
        .into_iter()
        .filter(|(t, _, _)| *t == target)
        .map(|(_, _, bytes)| bytes)
        .collect()
}

/// Runs every input, catching panics so that all failures are counted; then fails naming them.
fn run(name: &str, target: fn(&[u8]), seeds: usize, inputs: &[Vec<u8>]) {
    let start = std::time::Instant::now();
    let mut failures = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        if catch_unwind(AssertUnwindSafe(|| target(input))).is_err() {
            failures.push(i);
        }
    }
    // Written past the test harness's capture, so that the count shows on every run.
    let _ = writeln!(
        std::io::stderr(),
        "fuzz pass: {name}: {} inputs ({seeds} seeds + {} mutations) in {:.1} s, {} failed",
        inputs.len(),
        inputs.len() - seeds,
        start.elapsed().as_secs_f64(),
        failures.len()
    );
    if failures.is_empty() {
        return;
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fuzz-pass-failures");
    let _ = std::fs::create_dir_all(&dir);
    let mut listing = String::new();
    for i in &failures {
        let file = dir.join(format!("{name}-{i}"));
        let _ = std::fs::write(&file, &inputs[*i]);
        let text = String::from_utf8_lossy(&inputs[*i]);
        let clipped: String = text.chars().take(300).collect();
        listing.push_str(&format!(
            "\n--- input {i}, saved as {}:\n{clipped}",
            file.display()
        ));
    }
    panic!(
        "{} of {} {name} inputs panicked (reproduce: cargo fuzz run {name} <file>):{listing}",
        failures.len(),
        inputs.len()
    );
}

/// xorshift64*: deterministic, so every run sees the same inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Document kinds and chapter keys the fixtures use, so that generated tables look real.
struct Known {
    documents: Vec<String>,
    chapters: Vec<String>,
    cells: Vec<String>,
}

impl Known {
    fn from_fixtures() -> Known {
        let mut known = Known {
            documents: Vec::new(),
            chapters: Vec::new(),
            cells: Vec::new(),
        };
        for (_, text) in targets::FIXTURES {
            let json: Json = serde_json::from_str(text).unwrap();
            for doc in json["documents"].as_array().into_iter().flatten() {
                let kind = doc.as_str().or(doc["kind"].as_str());
                known.documents.extend(kind.map(String::from));
                for chapter in doc["chapters"].as_array().into_iter().flatten() {
                    known.chapters.extend(chapter.as_str().map(String::from));
                }
            }
            for row in json["resources"].as_array().into_iter().flatten() {
                for cell in row.as_object().into_iter().flat_map(|m| m.values()) {
                    known.cells.extend(cell.as_str().map(String::from));
                }
            }
        }
        known
    }
}

const AMOUNTS: &[&str] = &[
    "0",
    "1",
    "50",
    "99.9999",
    "100",
    "100.0001",
    "150",
    "200",
    "200.0001",
    "299.9999",
    "300",
    "300.0001",
    "400",
    "500",
    "500.0001",
    "800",
    "1000",
    "1000.0001",
    "2000",
    "3000",
    "5000",
    "10000",
    "999999999999.9999",
    "３００",
    "３００．５万元",
    "50万",
    " 268.5 ",
    "+7",
    "-0",
];
const BAD_AMOUNTS: &[&str] = &[
    "三百万",
    "1e400",
    "-5",
    "12.34567",
    "1,000",
    "3000000元",
    "万元",
    "",
    " ",
    "12.",
    ".5",
    "abc",
    "1234567890123",
    "9007199254740993",
    "NaN",
    "Infinity",
    "0x10",
    "１e３",
    "\u{FFFD}",
];
const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1",
    "-1",
    "1.5",
    "300.0001",
    "1e400",
    "-1e400",
    "1E2",
    "9007199254740993",
    "18446744073709551616",
    "-9223372036854775809",
    "0.00000000000000000000001",
    "2026",
    "3",
];
const STRINGS: &[&str] = &[
    "",
    " ",
    "是",
    "否",
    "true",
    "无条件共享",
    "有条件共享",
    "不予共享",
    "政务外网",
    "互联网",
    "每天",
    "实时",
    "新建",
    "__proto__",
    "constructor",
    "<script>alert(1)</script>",
    "\u{0}",
    "\u{FFFD}",
    "𠀀𝄞🙂",
    "\u{202E}rtl",
    "{field}{input}{",
    "２０２６－０３",
    "2026-3",
    "2024-02-29",
    "2025-02-29",
    "２０２５－０６－０１",
];
/// Inserted by the byte-level mutator.
const TOKENS: &[&str] = &[
    "1e400",
    "-0",
    "9007199254740993",
    "\"三百万\"",
    "\"３００\"",
    "\"\\ud800\"",
    "\"\\udc00\\ud800\"",
    "null",
    "true",
    "[]",
    "{}",
    "[[[[[[[[",
    "\"__proto__\"",
    "\"$serde_json::private::Number\"",
    "300.0001",
    "\"2024-02-29\"",
    "\t",
    "\n---\n",
    "#7\t",
    "resources[3]\t",
    "documents[0].chapters\t",
    "\u{FFFD}",
    "\\u0000",
];

fn number(text: &str) -> Json {
    serde_json::from_str(text).unwrap_or(Json::Null)
}

/// A value for a field of the given kind: mostly well-formed and near the regulations'
/// thresholds, sometimes malformed, sometimes of another type altogether.
fn field_value(rng: &mut Rng, kind: Kind) -> Json {
    if rng.chance(12) {
        return any_value(rng, 2);
    }
    match kind {
        Kind::Money => match rng.below(5) {
            0 => Json::String(rng.pick(BAD_AMOUNTS).to_string()),
            1 => number(rng.pick(AMOUNTS).trim()),
            2 => {
                let units = rng.below(60_000_000);
                Json::String(format!("{}.{:04}", units / 10_000, units % 10_000))
            }
            _ => Json::String(rng.pick(AMOUNTS).to_string()),
        },
        Kind::Date => {
            let text = format!(
                "{:04}-{:02}-{:02}",
                rng.range(2014, 2033),
                rng.range(0, 13),
                rng.range(0, 32)
            );
            Json::String(if rng.chance(10) {
                full_width(&text)
            } else {
                text
            })
        }
        Kind::YearMonth => {
            let text = format!("{:04}-{:02}", rng.range(2014, 2033), rng.range(0, 13));
            Json::String(if rng.chance(10) {
                full_width(&text)
            } else {
                text
            })
        }
        Kind::Bool => match rng.below(6) {
            0 => Json::String(rng.pick(&["是", "否", "true", "maybe"]).to_string()),
            1 => number("1"),
            2 | 3 => Json::Bool(true),
            _ => Json::Bool(false),
        },
        Kind::Count(min, max) => {
            let (min, max) = (i64::from(min), i64::from(max));
            let n = rng.range(min - 2, max.min(min + 40) + 2);
            match rng.below(4) {
                0 => Json::String(full_width(&n.to_string())),
                1 => Json::String(n.to_string()),
                _ => number(&n.to_string()),
            }
        }
        Kind::Choice(keys) | Kind::Choices(keys) => {
            let one = |rng: &mut Rng| {
                Json::String(if rng.chance(85) && !keys.is_empty() {
                    rng.pick(keys).to_string()
                } else {
                    rng.pick(STRINGS).to_string()
                })
            };
            if matches!(kind, Kind::Choices(_)) && rng.chance(60) {
                Json::Array((0..rng.below(5)).map(|_| one(rng)).collect())
            } else {
                one(rng)
            }
        }
        Kind::Text => match rng.below(8) {
            0 => Json::String("字".repeat(rng.pick(&[9_999, 10_000, 10_001, 20_000]).to_owned())),
            1 | 2 => Json::String(rng.pick(STRINGS).to_string()),
            _ => Json::String(format!("项目{}", rng.next() % 1000)),
        },
        Kind::Texts => match rng.below(4) {
            0 => Json::Array(
                (0..rng.below(5))
                    .map(|_| Json::String(rng.pick(STRINGS).to_string()))
                    .collect(),
            ),
            1 => Json::String(format!("{}、{}", rng.pick(STRINGS), rng.pick(STRINGS))),
            _ => Json::String(rng.pick(STRINGS).to_string()),
        },
    }
}

fn full_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(u32::from(c) - u32::from('0') + u32::from('０')).unwrap(),
            '-' => '－',
            other => other,
        })
        .collect()
}

/// Any JSON value, at most `depth` levels deep.
fn any_value(rng: &mut Rng, depth: usize) -> Json {
    match rng.below(if depth == 0 { 4 } else { 6 }) {
        0 => Json::Null,
        1 => Json::Bool(rng.chance(50)),
        2 => {
            let text: &&str = rng.pick(NUMBERS);
            number(text)
        }
        3 => Json::String(rng.pick(STRINGS).to_string()),
        4 => Json::Array(
            (0..rng.below(4))
                .map(|_| any_value(rng, depth - 1))
                .collect(),
        ),
        _ => {
            let mut map = Map::new();
            for _ in 0..rng.below(4) {
                let key = rng.pick(STRINGS).to_string();
                map.insert(key, any_value(rng, depth - 1));
            }
            Json::Object(map)
        }
    }
}

/// Sets `path` (dotted) in `json`, creating or replacing the objects on the way.
fn set_path(json: &mut Json, path: &str, value: Json) {
    let mut node = json;
    let mut parts = path.split('.').peekable();
    while let Some(part) = parts.next() {
        if !node.is_object() {
            *node = Json::Object(Map::new());
        }
        let map = node.as_object_mut().unwrap();
        if parts.peek().is_none() {
            map.insert(part.to_string(), value);
            return;
        }
        node = map.entry(part).or_insert_with(|| Json::Object(Map::new()));
    }
}

/// A random node of the tree, to replace.
fn random_node<'a>(rng: &mut Rng, json: &'a mut Json) -> &'a mut Json {
    let len = match &*json {
        Json::Object(map) => map.len(),
        Json::Array(items) => items.len(),
        _ => 0,
    };
    if len == 0 || !rng.chance(70) {
        return json;
    }
    let i = rng.below(len);
    match json {
        Json::Object(map) => random_node(rng, map.values_mut().nth(i).unwrap()),
        Json::Array(items) => random_node(rng, &mut items[i]),
        other => other,
    }
}

fn table<'a>(json: &'a mut Json, name: &str) -> &'a mut Vec<Json> {
    if !json.is_object() {
        *json = Json::Object(Map::new());
    }
    let map = json.as_object_mut().unwrap();
    let slot = map.entry(name).or_insert_with(|| Json::Array(Vec::new()));
    if !slot.is_array() {
        *slot = Json::Array(Vec::new());
    }
    slot.as_array_mut().unwrap()
}

fn resource_row(rng: &mut Rng, known: &Known) -> Json {
    let mut row = Map::new();
    for key in gov_it_rules::model::fields::RESOURCE_KEYS {
        if rng.chance(60) {
            let value = if rng.chance(80) && !known.cells.is_empty() {
                Json::String(rng.pick(&known.cells).clone())
            } else {
                any_value(rng, 1)
            };
            row.insert((*key).to_string(), value);
        }
    }
    Json::Object(row)
}

fn document(rng: &mut Rng, known: &Known) -> Json {
    let kind = Json::String(if rng.chance(90) && !known.documents.is_empty() {
        rng.pick(&known.documents).clone()
    } else {
        rng.pick(STRINGS).to_string()
    });
    match rng.below(3) {
        0 => kind,
        1 => {
            let chapters: Vec<Json> = (0..rng.below(8))
                .map(|_| match known.chapters.is_empty() || rng.chance(10) {
                    true => any_value(rng, 0),
                    false => Json::String(rng.pick(&known.chapters).clone()),
                })
                .collect();
            serde_json::json!({ "kind": kind, "chapters": chapters, "title": "x" })
        }
        _ => any_value(rng, 2),
    }
}

/// 1–6 structure-aware edits of an application, serialised compactly or pretty-printed.
fn mutate_application(rng: &mut Rng, mut json: Json, known: &Known) -> Vec<u8> {
    for _ in 0..=rng.below(6) {
        match rng.below(10) {
            0..=3 => {
                let spec = rng.pick(FIELDS);
                let value = field_value(rng, spec.kind);
                set_path(&mut json, spec.path, value);
            }
            4 => {
                if let Some(map) = json.as_object_mut() {
                    if let Some(key) = map.keys().nth(rng.below(map.len().max(1))).cloned() {
                        map.remove(&key);
                    }
                }
            }
            5 => *random_node(rng, &mut json) = any_value(rng, 3),
            6 => {
                let rows = table(&mut json, "resources");
                match rng.below(4) {
                    0 if !rows.is_empty() => {
                        let i = rng.below(rows.len());
                        rows.remove(i);
                    }
                    1 => rows.extend((0..rng.below(2_100)).map(|_| Json::Object(Map::new()))),
                    _ => rows.push(resource_row(rng, known)),
                }
            }
            7 => {
                let docs = table(&mut json, "documents");
                if !docs.is_empty() && rng.chance(40) {
                    let i = rng.below(docs.len());
                    docs.remove(i);
                } else {
                    docs.push(document(rng, known));
                }
            }
            8 => {
                let depth = rng.below(200);
                let node = random_node(rng, &mut json);
                for _ in 0..depth {
                    *node = Json::Array(vec![node.take()]);
                }
            }
            _ => {
                let key = rng.pick(STRINGS).to_string();
                set_path(&mut json, &key, any_value(rng, 2));
            }
        }
    }
    let text = if rng.chance(20) {
        serde_json::to_string_pretty(&json)
    } else {
        serde_json::to_string(&json)
    };
    text.unwrap_or_default().into_bytes()
}

/// 1–4 byte-level mutations; `other` is spliced in by one of them.
fn mutate_bytes(rng: &mut Rng, mut bytes: Vec<u8>, other: &[u8]) -> Vec<u8> {
    for _ in 0..=rng.below(4) {
        let len = bytes.len();
        let at = rng.below(len + 1);
        match rng.below(7) {
            0 if len > 0 => {
                let i = rng.below(len);
                bytes[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                bytes[i] = *rng.pick(b"\0\xff\"{}[],:\\0123456789-.eE\t\n#");
            }
            2 => {
                let end = (at + 1 + rng.below(16)).min(len);
                bytes.drain(at..end.max(at));
            }
            3 => {
                let end = (at + 1 + rng.below(64)).min(len);
                let copy = bytes[at..end.max(at)].to_vec();
                let to = rng.below(len + 1);
                bytes.splice(to..to, copy);
            }
            4 => {
                let cut = rng.below(other.len() + 1);
                bytes.truncate(at);
                bytes.extend_from_slice(&other[cut..]);
            }
            5 => bytes.truncate(at),
            _ => {
                let token = rng.pick(TOKENS).as_bytes();
                bytes.splice(at..at, token.iter().copied());
            }
        }
    }
    bytes
}

/// A `live_set` script: sometimes a fixture (or a mutation of one) first, then 1–30 edits of
/// fields, groups, tables, rows and cells, by path or by `#n`.
fn edit_script(rng: &mut Rng, known: &Known, table: &[String]) -> Vec<u8> {
    let mut script = String::new();
    if rng.chance(50) {
        let (_, fixture) = rng.pick(targets::FIXTURES);
        let application = if rng.chance(50) {
            let json = serde_json::from_str(fixture).unwrap();
            String::from_utf8(mutate_application(rng, json, known)).unwrap()
        } else {
            (*fixture).to_string()
        };
        script.push_str(&application);
        script.push_str(targets::APPLICATION_END);
    }
    for _ in 0..=rng.below(30) {
        let (path, value) = match rng.below(10) {
            0..=5 => {
                let spec = rng.pick(FIELDS);
                (spec.path.to_string(), field_value(rng, spec.kind))
            }
            6 | 7 => {
                let path = rng.pick(table).clone();
                let value = if path.ends_with(']') {
                    if path.starts_with("resources") {
                        resource_row(rng, known)
                    } else {
                        document(rng, known)
                    }
                } else if rng.chance(50) && !known.cells.is_empty() {
                    Json::String(rng.pick(&known.cells).clone())
                } else {
                    any_value(rng, 2)
                };
                (path, value)
            }
            8 => (format!("#{}", rng.next() % 1000), any_value(rng, 2)),
            _ => {
                let mut path = rng.pick(table).clone();
                let at = rng.below(path.len() + 1);
                let junk = *rng.pick(&[".", "[", "]", "0", "x"]);
                path.insert_str(at, junk);
                (path, any_value(rng, 2))
            }
        };
        script.push_str(&path);
        match rng.below(20) {
            0 => {}
            1 => script.push_str("\tnot json {"),
            _ => {
                script.push('\t');
                script.push_str(&value.to_string());
            }
        }
        script.push('\n');
    }
    script.into_bytes()
}
