//! The application (申报表 and the facts the rules turn on), read leniently from JSON.
//!
//! A bad value never stops the read: it becomes a located diagnostic, the field is treated as not
//! filled in, and every other field is still read and checked.

// A rejected value's diagnostic is the product here, built once per bad input; boxing it would
// only add indirection.
#![allow(clippy::result_large_err)]

pub mod fields;
pub mod input;
mod json_reader;

use std::borrow::Cow;
use std::cell::Cell;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::Value as Json;

pub use fields::{Field, FieldSpec, Kind, FIELDS};
pub use input::Input;

use crate::condition::FieldSet;

use crate::codes::{Code, Severity};
use crate::report::Diagnostic;
use crate::trim;

/// Limits on the size of an application, so that hostile input is refused with a located error
/// rather than exhausting memory or time.
pub const MAX_TEXT_CHARS: usize = 10_000;
pub const MAX_ROWS: usize = 2_000;
pub const MAX_CHAPTERS: usize = 100;

/// A parsed scalar value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Money(Decimal),
    Date(NaiveDate),
    YearMonth(i32, u32),
    Bool(bool),
    Count(i32),
    Choice(&'static str),
    /// The answers read, and whether an answer given could not be read (it is reported): an
    /// answer not among those read may then be the one meant.
    Choices {
        chosen: Vec<&'static str>,
        unread: bool,
    },
    Texts(Vec<String>),
}

/// A document on file (项目建议书, 可行性研究报告 …) and the chapters it contains. Boxed texts and
/// list, which keep no spare room: a live validator holds every document between edits (28 bytes
/// each in wasm rather than 40).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DocumentOnFile {
    pub kind: Box<str>,
    pub chapters: Box<[Box<str>]>,
    pub title: Option<Box<str>>,
    /// Its row in `documents` as given, which a diagnostic's path names: a row that could not be
    /// read is not held, so the rows after it are not at their own index here.
    pub row: u32,
}

/// A row of the information-resource table (相城 附件2 四(1)). Its cells' texts, trimmed, are held
/// in one string: a row is one allocation rather than one for each of its cells (a table has up
/// to [`MAX_ROWS`] rows).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ResourceRow {
    texts: Box<str>,
    /// Where each cell's text ends in `texts`, the cells in the order of
    /// [`fields::RESOURCE_KEYS`]; a cell with no text is not filled in.
    ends: [u32; RESOURCE_CELLS],
}

/// The cells of a resource row that are kept: the keys of [`fields::RESOURCE_KEYS`] but its last,
/// `note`, which the form has and no rule reads.
const RESOURCE_CELLS: usize = 6;

impl ResourceRow {
    /// A row of these cells' texts, in the order of [`fields::RESOURCE_KEYS`]; `None` or an
    /// empty text where a cell is not filled in.
    pub fn new(cells: [Option<&str>; RESOURCE_CELLS]) -> ResourceRow {
        let mut texts = String::with_capacity(cells.iter().flatten().map(|t| t.len()).sum());
        let mut ends = [0; RESOURCE_CELLS];
        for (end, cell) in ends.iter_mut().zip(cells) {
            texts.push_str(cell.unwrap_or_default());
            // Each text is at most `MAX_TEXT_CHARS` characters: six fit in a `u32`.
            *end = u32::try_from(texts.len()).unwrap_or(u32::MAX);
        }
        ResourceRow {
            texts: texts.into_boxed_str(),
            ends,
        }
    }

    fn cell(&self, at: usize) -> Option<&str> {
        let start = match at.checked_sub(1) {
            Some(before) => *self.ends.get(before)?,
            None => 0,
        };
        let end = *self.ends.get(at)?;
        self.texts
            .get(start as usize..end as usize)
            .filter(|text| !text.is_empty())
    }

    pub fn name(&self) -> Option<&str> {
        self.cell(0)
    }

    pub fn description(&self) -> Option<&str> {
        self.cell(1)
    }

    pub fn update_frequency(&self) -> Option<&str> {
        self.cell(2)
    }

    pub fn sharing(&self) -> Option<&str> {
        self.cell(3)
    }

    pub fn condition(&self) -> Option<&str> {
        self.cell(4)
    }

    pub fn reason(&self) -> Option<&str> {
        self.cell(5)
    }

    /// Each cell kept, by its key, with its text where it is filled in.
    pub fn cells(&self) -> impl Iterator<Item = (&'static str, Option<&str>)> + '_ {
        fields::RESOURCE_KEYS
            .iter()
            .take(RESOURCE_CELLS)
            .enumerate()
            .map(|(at, &key)| (key, self.cell(at)))
    }
}

/// The application as the rules see it.
#[derive(Debug, Clone)]
pub struct Application {
    /// For each field, where its value is in `values`, plus one; 0 where it is not filled in. The
    /// values of the fields filled in are held, not a value's room for every field of the form.
    slots: [u8; FIELDS.len()],
    values: Vec<Value>,
    documents: Vec<DocumentOnFile>,
    resources: Vec<ResourceRow>,
    read: ReadLog,
}

/// What was read of an application: its fields and its two tables. The engine takes it after each
/// step of an evaluation, so that an edit re-runs only the steps that read what the edit changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reads {
    pub fields: FieldSet,
    pub documents: bool,
    pub resources: bool,
}

impl Reads {
    /// Whether anything read here is in `changed`.
    pub fn meets(self, changed: Reads) -> bool {
        self.fields.meets(changed.fields)
            || (self.documents && changed.documents)
            || (self.resources && changed.resources)
    }

    pub fn union(self, other: Reads) -> Reads {
        Reads {
            fields: self.fields.union(other.fields),
            documents: self.documents || other.documents,
            resources: self.resources || other.resources,
        }
    }
}

// Every field's slot can name any position in `values`.
const _: () = assert!(FIELDS.len() < u8::MAX as usize);

impl Default for Application {
    fn default() -> Application {
        Application {
            slots: [0; FIELDS.len()],
            values: Vec::new(),
            documents: Vec::new(),
            resources: Vec::new(),
            read: ReadLog::default(),
        }
    }
}

/// Two applications are equal when each field holds the same value, whatever order the fields
/// were filled in, and the tables are the same.
impl PartialEq for Application {
    fn eq(&self, other: &Application) -> bool {
        FIELDS
            .iter()
            .all(|spec| self.value(spec.field) == other.value(spec.field))
            && self.documents == other.documents
            && self.resources == other.resources
    }
}

/// The reads since the last [`Application::take_reads`]. Not part of the application's value: a
/// copy starts with none, and two applications compare equal whatever was read of them.
#[derive(Debug, Default)]
struct ReadLog(Cell<Reads>);

impl Clone for ReadLog {
    fn clone(&self) -> ReadLog {
        ReadLog::default()
    }
}

impl PartialEq for ReadLog {
    fn eq(&self, _: &ReadLog) -> bool {
        true
    }
}

impl Application {
    pub fn get(&self, field: Field) -> Option<&Value> {
        self.mark(field);
        self.value(field)
    }

    /// The value of `field`, not recorded as read.
    fn value(&self, field: Field) -> Option<&Value> {
        let slot = *self.slots.get(field.index())?;
        self.values.get(usize::from(slot).checked_sub(1)?)
    }

    /// Records a read of `field` that does not go through [`Application::get`] (an amount moved
    /// into it for a what-if reading still depends on where it was).
    pub(crate) fn mark(&self, field: Field) {
        let mut reads = self.read.0.get();
        reads.fields.insert(field);
        self.read.0.set(reads);
    }

    /// What was read since the last call, and starts recording afresh.
    pub(crate) fn take_reads(&self) -> Reads {
        self.read.0.take()
    }

    /// The documents on file (`documents`), in the order given.
    pub fn documents(&self) -> &[DocumentOnFile] {
        let mut reads = self.read.0.get();
        reads.documents = true;
        self.read.0.set(reads);
        &self.documents
    }

    /// The rows of the information-resource table (`resources`), in the order given.
    pub fn resources(&self) -> &[ResourceRow] {
        let mut reads = self.read.0.get();
        reads.resources = true;
        self.read.0.set(reads);
        &self.resources
    }

    /// What the fields' values count towards the limits of an application's text: each value's
    /// text, and room for its key (a path is at most some thirty bytes).
    pub fn fields_size(&self) -> crate::limits::Size {
        self.values
            .iter()
            .fold(crate::limits::Size::default(), |size, value| {
                let bytes = match value {
                    Value::Text(text) => text.len() + 2,
                    Value::Texts(texts) => texts.iter().map(|t| t.len() + 3).sum::<usize>() + 2,
                    Value::Choices { chosen, .. } => {
                        chosen.iter().map(|c| c.len() + 3).sum::<usize>() + 2
                    }
                    _ => 12,
                };
                size.plus(crate::limits::Size {
                    bytes: bytes + 32,
                    values: 1,
                })
            })
    }

    pub fn set(&mut self, field: Field, value: Option<Value>) {
        let Some(slot) = self.slots.get_mut(field.index()) else {
            return;
        };
        match (usize::from(*slot).checked_sub(1), value) {
            (Some(at), Some(value)) => {
                if let Some(held) = self.values.get_mut(at) {
                    *held = value;
                }
            }
            (None, Some(value)) => {
                self.values.push(value);
                *slot = u8::try_from(self.values.len()).unwrap_or(0);
            }
            (Some(at), None) if at < self.values.len() => {
                *slot = 0;
                self.values.swap_remove(at);
                // The last value moved to where the removed one was: its field's slot follows.
                // (When the removed one was the last, no slot names that position any more.)
                let positions = (u8::try_from(self.values.len() + 1), u8::try_from(at + 1));
                if let (Ok(from), Ok(to)) = positions {
                    if let Some(moved) = self.slots.iter_mut().find(|s| **s == from) {
                        *moved = to;
                    }
                }
            }
            _ => {}
        }
    }

    pub fn money(&self, field: Field) -> Option<Decimal> {
        match self.get(field) {
            Some(Value::Money(m)) => Some(*m),
            _ => None,
        }
    }

    pub fn date(&self, field: Field) -> Option<NaiveDate> {
        match self.get(field) {
            Some(Value::Date(d)) => Some(*d),
            _ => None,
        }
    }

    pub fn flag(&self, field: Field) -> Option<bool> {
        match self.get(field) {
            Some(Value::Bool(b)) => Some(*b),
            _ => None,
        }
    }

    pub fn count(&self, field: Field) -> Option<i64> {
        match self.get(field) {
            Some(Value::Count(n)) => Some(i64::from(*n)),
            _ => None,
        }
    }

    pub fn text(&self, field: Field) -> Option<&str> {
        match self.get(field) {
            Some(Value::Text(t)) => Some(t),
            Some(Value::Choice(c)) => Some(c),
            _ => None,
        }
    }

    /// The answers of a multi-answer text field (or of a text field, as one answer).
    pub fn texts(&self, field: Field) -> Vec<&str> {
        match self.get(field) {
            Some(Value::Texts(items)) => items.iter().map(String::as_str).collect(),
            Some(Value::Text(t)) => vec![t.as_str()],
            _ => Vec::new(),
        }
    }

    pub fn choices(&self, field: Field) -> &[&'static str] {
        match self.get(field) {
            Some(Value::Choices { chosen, .. }) => chosen,
            _ => &[],
        }
    }

    /// Where the first document of this kind sits in `documents`, given by its key or by `name`,
    /// the name the regulation gives it (a portal's checklist may send what it shows).
    pub fn document_index(&self, kind: &str, name: &str) -> Option<usize> {
        self.documents()
            .iter()
            .position(|d| &*d.kind == kind || &*d.kind == name)
    }

    pub fn document(&self, kind: &str) -> Option<&DocumentOnFile> {
        self.documents().iter().find(|d| &*d.kind == kind)
    }

    /// Reads an application. Problems are appended to `diagnostics`; the returned application
    /// holds every value that could be read.
    pub fn read(input: &Input, diagnostics: &mut Vec<Diagnostic>) -> Application {
        let mut app = Application::default();
        match input {
            Input::Object(_) => read_object(&mut app, input, "", diagnostics),
            other => diagnostics.push(wrong_type("", "object", other)),
        }
        settle_problems(diagnostics);
        app
    }

    /// Reads an application from a `serde_json::Value`, as [`Application::read`].
    pub fn from_json(json: &Json, diagnostics: &mut Vec<Diagnostic>) -> Application {
        Application::read(&Input::from_json(json), diagnostics)
    }

    /// Sets one field from JSON, as a form does on each edit. `null` clears it. Returns the
    /// problems with the new value (empty when it was accepted).
    pub fn set_path(&mut self, path: &str, json: &Input) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        match path {
            "documents" => self.documents = read_documents(json, &mut diagnostics),
            "resources" => self.resources = read_resources(json, &mut diagnostics),
            _ => match Field::by_path(path) {
                Some(field) => return self.set_field(field, json),
                None => diagnostics.push(unknown_field(path)),
            },
        }
        diagnostics
    }

    /// Sets every field under a group (`funding.thisYear`) from an object, read exactly as it
    /// is read inside a whole application, so that the problems and their paths are the same; a
    /// field the object leaves out is cleared. Returns the problems with the new value.
    pub fn set_group(&mut self, path: &str, json: &Input) -> Vec<Diagnostic> {
        for spec in FIELDS.iter().filter(|s| within(s.path, path)) {
            self.set(spec.field, None);
        }
        let mut diagnostics = Vec::new();
        match json {
            Input::Object(_) => read_object(self, json, path, &mut diagnostics),
            Input::Null => {}
            other => diagnostics.push(wrong_type(path, "object", other)),
        }
        crate::limits::cap_unknown_fields(&mut diagnostics);
        diagnostics
    }

    /// Sets one known field from JSON; as [`Application::set_path`] with its path.
    pub fn set_field(&mut self, field: Field, json: &Input) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        let value = read_scalar(field.spec(), json, field.path(), &mut diagnostics);
        self.set(field, value);
        diagnostics
    }
}

/// `inner` is `outer` or lies under it (`outer.x`, `outer[i]`).
/// Puts reading problems in the order of their paths as a whole application is read (keys as
/// sorted, rows by number), and caps the unknown fields listed: a live validator's problems, each
/// edit's added where they belong, then stand as `validate()` lists them.
pub(crate) fn settle_problems(problems: &mut Vec<Diagnostic>) {
    crate::sorted::sort_by(problems, |a, b| reading_order(&a.path, &b.path));
    crate::limits::cap_unknown_fields(problems);
}

/// Paths compared as their steps are: a key's characters, where `.` and `[` end a step and sort
/// before any character, and a row's number by its value (`resources[2]` before `resources[10]`).
fn reading_order(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let at = |s: &[u8], i: usize| s.get(i).copied();
    let digits = |s: &[u8], i: usize| {
        s.get(i..)
            .map_or(0, |r| r.iter().take_while(|c| c.is_ascii_digit()).count())
    };
    let (mut i, mut j) = (0, 0);
    loop {
        let (x, y) = match (at(a, i), at(b, j)) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => (x, y),
        };
        let row = i > 0 && at(a, i - 1) == Some(b'[') && j > 0 && at(b, j - 1) == Some(b'[');
        let (m, n) = (digits(a, i), digits(b, j));
        if row && m > 0 && n > 0 {
            // Row numbers as given carry no leading zeros: the longer is the larger.
            let order = m
                .cmp(&n)
                .then_with(|| a.get(i..i + m).cmp(&b.get(j..j + n)));
            if order != Ordering::Equal {
                return order;
            }
            (i, j) = (i + m, j + n);
            continue;
        }
        let rank = |c: u8| {
            if matches!(c, b'.' | b'[') {
                0
            } else {
                u16::from(c) + 1
            }
        };
        match rank(x).cmp(&rank(y)) {
            Ordering::Equal => (i, j) = (i + 1, j + 1),
            order => return order,
        }
    }
}

pub(crate) fn within(inner: &str, outer: &str) -> bool {
    inner
        .strip_prefix(outer)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

/// Whether `problem` kept the whole input from being read: text over a limit, text that is not
/// JSON, or a value that is not an object.
pub fn refuses_whole(problem: &Diagnostic) -> bool {
    problem.code == Code::InputTooLarge
        || (problem.code == Code::WrongType && problem.path.is_empty())
}

/// An application's JSON text, read as the core reads it: refused before it is parsed when it is
/// over a limit of [`crate::limits`], a leading byte-order mark ignored, and a syntax error one
/// diagnostic at the root with its line and column.
pub fn json_from_text(text: &str) -> Result<Input<'_>, Diagnostic> {
    if let Some(refused) = crate::limits::refusal(text) {
        return Err(refused);
    }
    Input::parse(crate::strip_bom(text)).map_err(|e| {
        Diagnostic::new(Code::WrongType, "")
            .param("expected", "object")
            .param(
                "got",
                format!("invalid JSON (line {}, column {})", e.line(), e.column()),
            )
            .severity(Severity::Error)
    })
}

/// An application's JSON text, read as [`json_from_text`] does; text from `JSON.stringify`
/// (`stringified`) that fails to parse is read again with its lone surrogates replaced
/// ([`input::replace_lone_surrogates`]; only then, so that ordinary text pays nothing). What is
/// read borrows from the text, or from the repaired copy, and is handed to `then`.
pub fn read_application_text<T>(
    text: &str,
    stringified: bool,
    then: impl FnOnce(Result<Input, Diagnostic>) -> T,
) -> T {
    match json_from_text(text) {
        Err(problem) if stringified => match input::replace_lone_surrogates(text) {
            Some(repaired) => then(json_from_text(&repaired)),
            None => then(Err(problem)),
        },
        read => then(read),
    }
}

fn read_object(app: &mut Application, json: &Input, prefix: &str, diags: &mut Vec<Diagnostic>) {
    let Input::Object(map) = json else { return };
    // Paths are static for known fields; a dotted path is only built for a group to descend into
    // or a key to report.
    let join = |key: &str| {
        if prefix.is_empty() {
            key.to_string()
        } else {
            format!("{prefix}.{key}")
        }
    };
    for (key, value) in map {
        if prefix.is_empty() && key == "documents" {
            app.documents = read_documents(value, diags);
        } else if prefix.is_empty() && key == "resources" {
            app.resources = read_resources(value, diags);
        } else if let Some(field) = Field::by_parts(prefix, key) {
            let parsed = read_scalar(field.spec(), value, field.path(), diags);
            app.set(field, parsed);
        } else if fields::is_group(prefix, key) {
            match value {
                Input::Object(_) => read_object(app, value, &join(key), diags),
                Input::Null => {}
                other => diags.push(wrong_type(&join(key), "object", other)),
            }
        } else {
            diags.push(unknown_field(&join(key)));
        }
    }
}

fn read_scalar(
    spec: &FieldSpec,
    json: &Input,
    path: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Value> {
    if let Input::Null = json {
        return None;
    }
    if let Input::String(s) = json {
        if trim(s).is_empty() && spec.kind != Kind::Text {
            return None;
        }
    }
    let result =
        match spec.kind {
            Kind::Text => match json {
                Input::String(s) if too_long(s) => Err(Diagnostic::new(Code::TextTooLong, path)
                    .param("max", MAX_TEXT_CHARS.to_string())),
                Input::String(s) if trim(s).is_empty() => return None,
                Input::String(s) => Ok(Value::Text(trim(s).to_string())),
                other => Err(wrong_type(path, "string", other)),
            },
            Kind::Money => read_money(json, path).inspect(|value| {
                if let Value::Money(amount) = value {
                    if let Some(d) = likely_in_yuan(*amount, path) {
                        diags.push(d);
                    }
                }
            }),
            Kind::Date => read_date(json, path),
            Kind::YearMonth => read_year_month(json, path),
            Kind::Bool => match json {
                Input::Bool(b) => Ok(Value::Bool(*b)),
                Input::String(s) => match trim(s) {
                    // `on`: what a ticked check box without a `value` posts.
                    "true" | "是" | "on" => Ok(Value::Bool(true)),
                    "false" | "否" => Ok(Value::Bool(false)),
                    _ => Err(wrong_type(path, "boolean", json)),
                },
                other => Err(wrong_type(path, "boolean", other)),
            },
            Kind::Count(min, max) => read_count(json, path, min, max),
            Kind::Choice(keys) => read_choice(json, path, keys).map(Value::Choice),
            Kind::Choices(keys) => match json {
                // A group of checkboxes none of which was ticked, as form libraries report it.
                Input::Bool(false) => Ok(Value::Choices {
                    chosen: Vec::new(),
                    unread: false,
                }),
                Input::Array(items) => {
                    let mut chosen = Vec::new();
                    let mut unread = false;
                    for (i, item) in items.iter().enumerate() {
                        match read_choice(item, &format!("{path}[{i}]"), keys) {
                            Ok(key) if !chosen.contains(&key) => chosen.push(key),
                            Ok(_) => {}
                            Err(d) => {
                                unread = true;
                                diags.push(d);
                            }
                        }
                    }
                    Ok(Value::Choices { chosen, unread })
                }
                other => read_choice(other, path, keys).map(|k| Value::Choices {
                    chosen: vec![k],
                    unread: false,
                }),
            },
            Kind::Texts => read_texts(json, path, diags),
        };
    match result {
        Ok(v) => Some(v),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

/// A list of answers: an array of strings, or one string whose answers are separated by 、，, or ；.
/// Blank answers are dropped; none at all is no value. More than [`MAX_CHAPTERS`] different answers
/// are refused, so that finding each answer's duplicate stays a short look.
fn read_texts(json: &Input, path: &str, diags: &mut Vec<Diagnostic>) -> Result<Value, Diagnostic> {
    let mut items = Vec::new();
    let too_many =
        || Diagnostic::new(Code::TooManyRows, path).param("max", MAX_CHAPTERS.to_string());
    match json {
        Input::Bool(false) => {}
        Input::String(s) => {
            if !push_answers(&mut items, s, path, diags) {
                return Err(too_many());
            }
        }
        Input::Array(list) => {
            if list.len() > MAX_CHAPTERS {
                return Err(too_many());
            }
            for (i, item) in list.iter().enumerate() {
                match item {
                    Input::String(s) => {
                        if !push_answers(&mut items, s, &format!("{path}[{i}]"), diags) {
                            return Err(too_many());
                        }
                    }
                    Input::Null => {}
                    other => diags.push(wrong_type(&format!("{path}[{i}]"), "string", other)),
                }
            }
        }
        other => return Err(wrong_type(path, "string", other)),
    }
    Ok(Value::Texts(items))
}

/// Adds the answers `text` holds to `items`, each once; false where they would be more than
/// [`MAX_CHAPTERS`].
fn push_answers(
    items: &mut Vec<String>,
    text: &str,
    at: &str,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    if too_long(text) {
        diags.push(Diagnostic::new(Code::TextTooLong, at).param("max", MAX_TEXT_CHARS.to_string()));
        return true;
    }
    for part in text.split(['、', '，', ',', '；', ';']) {
        let part = trim(part);
        if part.is_empty() || items.iter().any(|i| i == part) {
            continue;
        }
        if items.len() == MAX_CHAPTERS {
            return false;
        }
        items.push(part.to_string());
    }
    true
}

fn read_money(json: &Input, path: &str) -> Result<Value, Diagnostic> {
    let text = match json {
        Input::String(s) | Input::Number(s) => s.to_string(),
        other => return Err(wrong_type(path, "amount", other)),
    };
    crate::money::parse(&text).map(Value::Money).map_err(|e| {
        let d = Diagnostic::new(Code::InvalidAmount, path)
            .param("reason", e.key())
            .param("input", clip(&text));
        match e {
            crate::money::MoneyError::TooManyDecimals(n) => d.param("places", n.to_string()),
            _ => d,
        }
    })
}

/// `IN014` for an amount that reads as if written in 元 ([`crate::limits::AMOUNT_LIKELY_IN_YUAN`]).
fn likely_in_yuan(amount: rust_decimal::Decimal, path: &str) -> Option<Diagnostic> {
    if amount < rust_decimal::Decimal::from(crate::limits::AMOUNT_LIKELY_IN_YUAN) {
        return None;
    }
    let divided = amount.checked_div(rust_decimal::Decimal::from(10_000))?;
    Some(
        Diagnostic::new(Code::AmountInYuan, path)
            .param("input", crate::money::format(&amount))
            .param("divided", crate::money::format(&divided)),
    )
}

fn read_date(json: &Input, path: &str) -> Result<Value, Diagnostic> {
    let Input::String(s) = json else {
        return Err(wrong_type(path, "date", json));
    };
    let folded = folded_digits(s);
    let date = form_date(&folded)
        .ok_or_else(|| Diagnostic::new(Code::InvalidDate, path).param("input", clip(s)))?;
    within_years(chrono::Datelike::year(&date), s, path).map(|()| Value::Date(date))
}

/// `IN015` for a year outside [`crate::limits::DATE_YEARS`], a typing slip.
fn within_years(year: i32, typed: &str, path: &str) -> Result<(), Diagnostic> {
    let (earliest, latest) = crate::limits::DATE_YEARS;
    if (earliest..=latest).contains(&year) {
        Ok(())
    } else {
        Err(Diagnostic::new(Code::DateOutOfRange, path)
            .param("input", clip(typed))
            .param("min", earliest.to_string())
            .param("max", latest.to_string()))
    }
}

/// A date as forms and people write it: `2026-01-05`, `2026/1/5`, `2026.1.5`, 「2026年1月5日」, a
/// date-time picker's `2026-01-05 00:00:00` (the time of day dropped), or an instant in ISO 8601
/// with its offset, as `JSON.stringify` writes a picked `Date` (`2026-01-04T16:00:00.000Z`),
/// which is the day it falls on in China (UTC+8), where the rules' own dates are read.
fn form_date(text: &str) -> Option<NaiveDate> {
    if let Some((day, time)) = text.split_once(['T', 't']) {
        return instant_in_china(crate::parse_date(day)?, time);
    }
    let day = match text.split_once(' ') {
        Some((day, time)) => {
            clock(time)?;
            day
        }
        None => text,
    };
    let (year, month, date) = match day.strip_suffix('日') {
        Some(rest) => {
            let (year, rest) = rest.split_once('年')?;
            let (month, date) = rest.split_once('月')?;
            (year, month, date)
        }
        None => {
            let separator = day.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
            let mut parts = day.split(separator);
            let parts = (parts.next()?, parts.next()?, parts.next()?, parts.next());
            match parts {
                (year, month, date, None) => (year, month, date),
                _ => return None,
            }
        }
    };
    let (year, month) = year_month(year, month)?;
    if !(1..=2).contains(&date.len()) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, digits(date)?)
}

/// A year written in four digits and a month in one or two, 1 to 12.
fn year_month(year: &str, month: &str) -> Option<(i32, u32)> {
    let read_year = digits(year)
        .filter(|_| year.len() == 4)
        .and_then(|y| i32::try_from(y).ok())?;
    let read_month = digits(month)
        .filter(|m| (1..=12).contains(m))
        .filter(|_| (1..=2).contains(&month.len()))?;
    Some((read_year, read_month))
}

/// The day in China (UTC+8) of `day` at `time`, an ISO 8601 time of day with its offset:
/// `16:00:00.000Z`, `00:00:00+08:00`. Without an offset the time is the form's own, and the day
/// is `day`.
fn instant_in_china(day: NaiveDate, time: &str) -> Option<NaiveDate> {
    let at = time.find(['Z', 'z', '+', '-']).unwrap_or(time.len());
    let (time, offset) = time.split_at_checked(at)?;
    let minutes = i64::from(clock(time)?);
    if offset.is_empty() {
        return Some(day);
    }
    let offset = match offset.split_at_checked(1)? {
        ("Z" | "z", "") => 0,
        (sign @ ("+" | "-"), rest) => {
            let (hours, minutes) = match rest.split_once(':') {
                Some(parts) => parts,
                None => rest.split_at_checked(2.min(rest.len()))?,
            };
            let minutes = if minutes.is_empty() {
                Some(0)
            } else {
                two_digits(minutes)
            };
            let (hours, minutes) = (two_digits(hours)?, minutes?);
            if hours > 14 || minutes > 59 {
                return None;
            }
            let offset = i64::from(hours * 60 + minutes);
            if sign == "-" {
                -offset
            } else {
                offset
            }
        }
        _ => return None,
    };
    const CHINA: i64 = 8 * 60;
    match (minutes - offset + CHINA).div_euclid(24 * 60) {
        0 => Some(day),
        shift if shift > 0 => day.checked_add_days(chrono::Days::new(shift.unsigned_abs())),
        shift => day.checked_sub_days(chrono::Days::new(shift.unsigned_abs())),
    }
}

/// A time of day, `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fraction`, as minutes after midnight.
fn clock(time: &str) -> Option<u32> {
    let mut fields = time.splitn(3, ':');
    let hours = two_digits(fields.next()?)?;
    let minutes = two_digits(fields.next()?)?;
    if let Some(seconds) = fields.next() {
        let (whole, fraction) = seconds.split_once('.').unwrap_or((seconds, "0"));
        if two_digits(whole)? > 59
            || fraction.is_empty()
            || !fraction.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
    }
    (hours <= 23 && minutes <= 59).then_some(hours * 60 + minutes)
}

/// Exactly two ASCII digits as a number.
fn two_digits(text: &str) -> Option<u32> {
    if text.len() == 2 {
        digits(text)
    } else {
        None
    }
}

/// A run of ASCII digits as a number; `None` for anything else (a sign, a space, nothing).
fn digits(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn read_year_month(json: &Input, path: &str) -> Result<Value, Diagnostic> {
    let bad =
        || Diagnostic::new(Code::InvalidYearMonth, path).param("input", clip(&json_text(json)));
    let Input::String(s) = json else {
        return Err(bad());
    };
    let folded = folded_digits(s);
    // A month picker's value is its first day, and a date written whole names its month.
    let (year, month) = match form_date(&folded) {
        Some(date) => (
            chrono::Datelike::year(&date),
            chrono::Datelike::month(&date),
        ),
        None => {
            let text = folded.strip_suffix('月').unwrap_or(&folded);
            let (y, m) = text.split_once(['-', '/', '.', '年']).ok_or_else(bad)?;
            year_month(y, m).ok_or_else(bad)?
        }
    };
    within_years(year, s, path).map(|()| Value::YearMonth(year, month))
}

fn read_count(json: &Input, path: &str, min: i32, max: i32) -> Result<Value, Diagnostic> {
    let text = match json {
        Input::Number(n) => Cow::Borrowed(&**n),
        Input::String(s) => folded_digits(s),
        other => return Err(wrong_type(path, "integer", other)),
    };
    match text.parse::<i32>() {
        Ok(n) if (min..=max).contains(&n) => Ok(Value::Count(n)),
        _ => Err(Diagnostic::new(Code::OutOfRange, path)
            .param("input", clip(&text))
            .param("min", min.to_string())
            .param("max", max.to_string())),
    }
}

fn read_choice(
    json: &Input,
    path: &str,
    keys: &[&'static str],
) -> Result<&'static str, Diagnostic> {
    let Input::String(s) = json else {
        return Err(wrong_type(path, "string", json));
    };
    let wanted = trim(s);
    // The key, or the label a form shows for it (「新建」 for `new`): a portal's select may hold
    // either, and the message lists the labels.
    let by_label = || {
        keys.iter()
            .copied()
            .find(|k| crate::labels::choice_label(k).is_some_and(|(zh, _)| zh == wanted))
    };
    keys.iter()
        .copied()
        .find(|k| *k == wanted)
        .or_else(by_label)
        .ok_or_else(|| {
            Diagnostic::new(Code::UnknownChoice, path)
                .param("input", clip(s))
                .param("allowed", keys.join(", "))
        })
}

fn read_documents(json: &Input, diags: &mut Vec<Diagnostic>) -> Vec<DocumentOnFile> {
    // One document's box ticked, as a form post sends it: its name once, not a list.
    let items = match json {
        Input::String(_) => Some(std::slice::from_ref(json)),
        _ => read_rows(json, "documents", diags),
    };
    let Some(items) = items else {
        return Vec::new();
    };
    let mut documents = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        // Paths are written only for a problem to report.
        let path = || format!("documents[{i}]");
        // Fewer than `MAX_ROWS`.
        let row = u32::try_from(i).unwrap_or(u32::MAX);
        match item {
            Input::String(kind) if !trim(kind).is_empty() => documents.push(DocumentOnFile {
                kind: trim(kind).into(),
                row,
                ..Default::default()
            }),
            Input::Object(map) => {
                let mut doc = DocumentOnFile {
                    row,
                    ..Default::default()
                };
                for (key, value) in map {
                    let cell = || format!("documents[{i}].{key}");
                    match (key.as_ref(), value) {
                        ("kind", Input::String(k)) => doc.kind = trim(k).into(),
                        ("title", Input::String(t)) => doc.title = Some(clip(t).into()),
                        ("title", Input::Null) => {}
                        ("chapters", Input::Array(chapters)) if chapters.len() <= MAX_CHAPTERS => {
                            let mut read = Vec::with_capacity(chapters.len());
                            for (j, chapter) in chapters.iter().enumerate() {
                                match chapter {
                                    Input::String(c) => read.push(trim(c).into()),
                                    other => diags.push(wrong_type(
                                        &format!("{}[{j}]", cell()),
                                        "string",
                                        other,
                                    )),
                                }
                            }
                            doc.chapters = read.into_boxed_slice();
                        }
                        ("chapters", Input::Array(_)) => diags.push(
                            Diagnostic::new(Code::TooManyRows, &cell())
                                .param("max", MAX_CHAPTERS.to_string()),
                        ),
                        (k, other) if fields::DOCUMENT_KEYS.contains(&k) => {
                            let expected = if k == "chapters" { "array" } else { "string" };
                            diags.push(wrong_type(&cell(), expected, other))
                        }
                        _ => diags.push(unknown_field(&cell())),
                    }
                }
                if doc.kind.is_empty() {
                    diags.push(Diagnostic::new(
                        Code::RequiredCell,
                        &format!("documents[{i}].kind"),
                    ));
                } else {
                    documents.push(doc);
                }
            }
            other => diags.push(wrong_type(&path(), "document", other)),
        }
    }
    documents
}

fn read_resources(json: &Input, diags: &mut Vec<Diagnostic>) -> Vec<ResourceRow> {
    let Some(items) = read_rows(json, "resources", diags) else {
        return Vec::new();
    };
    let mut rows = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let Input::Object(map) = item else {
            diags.push(wrong_type(&format!("resources[{i}]"), "object", item));
            rows.push(ResourceRow::default());
            continue;
        };
        let mut cells = [None; RESOURCE_CELLS];
        for (key, value) in map {
            let cell = || format!("resources[{i}].{key}");
            let text = match value {
                Input::Null => None,
                Input::String(s) if too_long(s) => {
                    diags.push(
                        Diagnostic::new(Code::TextTooLong, &cell())
                            .param("max", MAX_TEXT_CHARS.to_string()),
                    );
                    None
                }
                Input::String(s) => Some(trim(s)),
                other => {
                    if fields::RESOURCE_KEYS.contains(&key.as_ref()) {
                        diags.push(wrong_type(&cell(), "string", other));
                    }
                    None
                }
            };
            // `note`, the last key, lies past the cells kept: accepted, not kept.
            match fields::RESOURCE_KEYS.iter().position(|k| k == key) {
                Some(at) => {
                    if let Some(slot) = cells.get_mut(at) {
                        *slot = text;
                    }
                }
                None => diags.push(unknown_field(&cell())),
            }
        }
        rows.push(ResourceRow::new(cells));
    }
    rows
}

fn read_rows<'a, 'b>(
    json: &'a Input<'b>,
    path: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<&'a [Input<'b>]> {
    match json {
        // A form library's value for a group of checkboxes none of which was ticked.
        Input::Null | Input::Bool(false) => None,
        Input::Array(items) if items.len() > MAX_ROWS => {
            diags.push(Diagnostic::new(Code::TooManyRows, path).param("max", MAX_ROWS.to_string()));
            None
        }
        Input::Array(items) => Some(items),
        other => {
            diags.push(wrong_type(path, "array", other));
            None
        }
    }
}

/// `IN005` at a key the form does not have, echoed clipped: the key is the input's, of any length.
fn unknown_field(path: &str) -> Diagnostic {
    let path = crate::limits::clip_path(path);
    Diagnostic::new(Code::UnknownField, &path).param("field", path.as_str())
}

fn wrong_type(path: &str, expected: &str, got: &Input) -> Diagnostic {
    Diagnostic::new(Code::WrongType, path)
        .param("expected", expected)
        .param("got", got.type_name())
}

fn json_text(json: &Input) -> String {
    match json {
        Input::String(s) => s.to_string(),
        other => crate::json_text::to_string(other).unwrap_or_default(),
    }
}

/// `s` trimmed, its full-width digits and minus folded to ASCII; copied only when it has one.
fn folded_digits(s: &str) -> Cow<'_, str> {
    crate::folded(trim(s), fold_digit)
}

fn fold_digit(c: char) -> char {
    match c {
        '０'..='９' => {
            char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c)
        }
        '－' => '-',
        _ => c,
    }
}

/// Over [`MAX_TEXT_CHARS`] characters; a text of no more bytes than that is not, and is not counted.
fn too_long(text: &str) -> bool {
    text.len() > MAX_TEXT_CHARS && text.chars().count() > MAX_TEXT_CHARS
}

/// The first 40 characters of user input, for echoing in a message.
fn clip(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(MAX).collect();
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_is_read_as_forms_and_people_write_it_and_an_instant_as_its_day_in_china() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        for (text, read) in [
            ("2026-01-05", day(2026, 1, 5)),
            ("2026/1/5", day(2026, 1, 5)),
            ("2026.01.05", day(2026, 1, 5)),
            ("2026年1月5日", day(2026, 1, 5)),
            ("2026-01-05 00:00:00", day(2026, 1, 5)),
            ("2026-01-05 23:59", day(2026, 1, 5)),
            // A picked day's midnight in China, as JSON.stringify writes a Date.
            ("2026-01-04T16:00:00.000Z", day(2026, 1, 5)),
            ("2025-12-31T16:00:00Z", day(2026, 1, 1)),
            ("2026-01-05T00:00:00+08:00", day(2026, 1, 5)),
            ("2026-01-05T23:30:00+0800", day(2026, 1, 5)),
            ("2026-01-05T10:00:00-05:00", day(2026, 1, 5)),
            ("2026-01-05T20:00:00-05:00", day(2026, 1, 6)),
            ("2026-01-05T00:00:00", day(2026, 1, 5)),
            // What names no day, or names it unclearly, is not guessed at.
            ("2026-1-5-", None),
            ("2026/01-05", None),
            ("26-01-05", None),
            ("2026-001-05", None),
            ("20260105", None),
            ("10月9日", None),
            ("2026年1月5", None),
            ("2026-02-30", None),
            ("2026-01-05 noon", None),
            ("2026-01-05T25:00:00Z", None),
            ("2026-01-05T10:00:00+xx", None),
            ("2026-01-05t16:00:00z", day(2026, 1, 6)),
            ("2026-01-05T00:00:00+99:99", None),
            ("2026-01-05T00:00:00+15:00", None),
            ("2026-01-05T00:00:00+14:00", day(2026, 1, 4)),
            ("2026-01-05T00:00:00Z0800", None),
            ("2026-01-05T00:00:00+0800000", None),
            ("2026-01-05T00:00:99Z", None),
            ("2026-01-05T1:2:3Z", None),
            ("2026-01-05T00:00:00.123456789012Z", day(2026, 1, 5)),
            ("2026-01-05 25:99:99", None),
            ("2026-01-05 :", None),
            ("2026-01-05 99:99", None),
            ("2026-01-05Tbad", None),
            ("2026-+1-05", None),
        ] {
            assert_eq!(form_date(text), read, "{text}");
        }
    }

    #[test]
    fn a_resource_row_gives_back_each_cell_it_was_made_of() {
        let row = ResourceRow::new([
            Some("人口基础信息"),
            None,
            Some("每天"),
            Some(""),
            Some("仅向执法协作部门共享"),
            None,
        ]);
        assert_eq!(row.name(), Some("人口基础信息"));
        assert_eq!(row.description(), None);
        assert_eq!(row.update_frequency(), Some("每天"));
        assert_eq!(row.sharing(), None, "an empty text is not filled in");
        assert_eq!(row.condition(), Some("仅向执法协作部门共享"));
        assert_eq!(row.reason(), None);
        let keys: Vec<&str> = row.cells().map(|(key, _)| key).collect();
        assert_eq!(keys, &fields::RESOURCE_KEYS[..RESOURCE_CELLS]);
        assert_eq!(
            ResourceRow::new([None; RESOURCE_CELLS]),
            ResourceRow::default()
        );
    }

    #[test]
    fn an_application_holds_what_each_set_left_in_each_field() {
        // Fields set, replaced and cleared in a scrambled order, against one slot per field.
        let every: Vec<Field> = FIELDS.iter().map(|spec| spec.field).collect();
        let mut app = Application::default();
        let mut slots: Vec<Option<Value>> = vec![None; every.len()];
        let mut seed = 0x9e37_79b9_u32;
        for step in 0..2000 {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            let at = usize::try_from(seed).unwrap() % every.len();
            // Other bits than those that chose the field: with 72 fields, `seed % 3` would keep
            // each field always set or always cleared, and no held value would be cleared.
            let value = ((seed >> 16) % 3 != 0).then_some(Value::Count(step));
            app.set(every[at], value.clone());
            slots[at] = value;
            if step % 100 == 0 {
                for (field, slot) in every.iter().zip(&slots) {
                    assert_eq!(
                        app.get(*field),
                        slot.as_ref(),
                        "{field:?} after step {step}"
                    );
                }
            }
        }
        let filled = slots.iter().filter(|slot| slot.is_some()).count();
        assert_eq!(app.values.len(), filled);
        // The same values set in another order make an equal application.
        let mut again = Application::default();
        for (field, slot) in every.iter().zip(&slots).rev() {
            again.set(*field, slot.clone());
        }
        assert_eq!(again, app);
        again.set(every[0], Some(Value::Bool(true)));
        again.set(every[0], None);
        assert_eq!(again == app, slots[0].is_none());
    }
}
