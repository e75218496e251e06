//! What a validation returns: derived outcomes with the reasons behind them, diagnostics located
//! at fields, and notices. Everything here serialises to camelCase JSON.

use std::borrow::Cow;
use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::codes::{Code, Sent, Severity};
use crate::json_text;
use crate::rules::nearest_threshold::NearestKey;
use crate::sorted::SortedMap;

/// A provision of a regulation, resolved against its article index.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Citation {
    pub jurisdiction: String,
    /// 《…》 title of the regulation.
    pub regulation: String,
    /// The regulation's document number; absent where the text prints none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document_number: Option<String>,
    /// e.g. `第二十条（一）`, `附件1`.
    pub article: String,
    /// What the article is about, in our own words.
    pub summary: String,
}

/// The citations of one provision, resolved once and shared by every report that cites it.
pub type Citations = Arc<[Citation]>;

/// A problem with the application, located at a field.
// `remote = "Self"`: the derived writer is the declaration the package's types are generated
// from; `DiagnosticEntry` writes it, and a test holds the two to the same text.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase", remote = "Self")]
pub struct Diagnostic {
    /// Path of the field, e.g. `funding.thisYear.total`, `resources[2].sharing`; `''` for the whole
    /// application.
    pub path: String,
    // Held as the `Code`, written as its id, equal to its id in Rust: `d.code == "DC001"`.
    #[serde(serialize_with = "crate::codes::id")]
    pub code: Code,
    pub severity: Severity,
    /// The message in the requested locale.
    // A boxed `str` rather than a `String`: reports hold their diagnostics, a live validator
    // between edits, with no room kept for more; 52 bytes a diagnostic in wasm rather than 56.
    pub message: Box<str>,
    /// The provision that produced it, when a regulation's rule did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<Arc<str>>,
    #[serde(
        skip_serializing_if = "no_citations",
        serialize_with = "crate::json_text::citations"
    )]
    pub citations: Citations,
    /// The raw values the message was made from, by the names the code's message declares.
    pub params: SortedMap<&'static str, Arc<str>>,
}

impl Diagnostic {
    pub fn new(code: Code, path: &str) -> Diagnostic {
        let spec = code.spec();
        Diagnostic {
            path: path.to_string(),
            code,
            severity: spec.severity,
            message: Box::default(),
            rule: None,
            citations: Citations::default(),
            params: SortedMap::default(),
        }
    }

    /// A value the message is made from. A text the profile holds (a document's name, a reason)
    /// is given as its `Arc<str>` and shared rather than copied: diagnostics are most of what a
    /// validator holds for a form not yet filled in.
    pub fn param(mut self, name: &'static str, value: impl Into<Arc<str>>) -> Diagnostic {
        self.params.insert(name, value.into());
        self
    }

    /// The provision that produced it, with its citations; the profile's id is shared, not copied.
    pub fn rule(mut self, id: &Arc<str>, citations: Citations) -> Diagnostic {
        self.rule = Some(Arc::clone(id));
        self.citations = citations;
        self
    }

    /// Moves the diagnostic to another field.
    pub fn at(mut self, path: &str) -> Diagnostic {
        self.path = path.to_string();
        self
    }

    pub fn severity(mut self, severity: Severity) -> Diagnostic {
        self.severity = severity;
        self
    }
}

type Identity<'a> = (
    Code,
    &'a str,
    Option<&'a Arc<str>>,
    &'a SortedMap<&'static str, Arc<str>>,
);

/// What a diagnostic is but for its message and severity: the message is a function of it (and of
/// the locale and message overrides), so diagnostics with the same identity read the same.
fn identity(d: &Diagnostic) -> Identity<'_> {
    // Compared in this order, the code and the path tell most diagnostics apart; the rule and the
    // parameters' texts, most often the profile's own, are compared by content (`Arc`'s `==`
    // compares addresses first only for a sized type that is `Eq`, not for a `str`).
    (d.code, &d.path, d.rule.as_ref(), &d.params)
}

/// Pairs each of `a`'s diagnostics with one of `b`'s of the same identity, each of `b`'s taken
/// at most once, in `a`'s order: `each(i, Some(j))` for a pair, `each(i, None)` where `b` does
/// not hold `a[i]` as many times as `a` does.
pub(crate) fn pair_diagnostics(
    a: &[Diagnostic],
    b: &[Diagnostic],
    each: &mut dyn FnMut(usize, Option<usize>),
) {
    // An edit leaves most of a part's diagnostics as they were, in the same order: those at the
    // start and at the end that pair up one to one are matched without the sort below.
    let same = |(x, y): (&Diagnostic, &Diagnostic)| identity(x) == identity(y);
    let start = a.iter().zip(b).take_while(|&pair| same(pair)).count();
    let (a_rest, b_rest) = (
        a.get(start..).unwrap_or_default(),
        b.get(start..).unwrap_or_default(),
    );
    let end = a_rest
        .iter()
        .rev()
        .zip(b_rest.iter().rev())
        .take_while(|&pair| same(pair))
        .count();
    let middle = a_rest.len() - end;
    let (a_rest, b_rest) = (
        a_rest.get(..middle).unwrap_or_default(),
        b_rest.get(..b_rest.len() - end).unwrap_or_default(),
    );
    for at in 0..start {
        each(at, Some(at));
    }
    if b_rest.is_empty() {
        for at in start..start + middle {
            each(at, None);
        }
    } else {
        // The rest of `b` sorted, each of its diagnostics taken by at most one of `a`'s: a sort,
        // where a map of counts would be one more map's code in the module.
        let mut left: Vec<(Identity, Option<usize>)> = b_rest
            .iter()
            .enumerate()
            .map(|(at, d)| (identity(d), Some(start + at)))
            .collect();
        crate::sorted::sort_by(&mut left, |x, y| x.0.cmp(&y.0));
        for (at, d) in a_rest.iter().enumerate() {
            let id = identity(d);
            let from = left.partition_point(|(x, _)| *x < id);
            let free = left.get_mut(from..).and_then(|rest| {
                rest.iter_mut()
                    .take_while(|(x, _)| *x == id)
                    .find(|(_, free)| free.is_some())
            });
            each(start + at, free.and_then(|(_, free)| free.take()));
        }
    }
    let (a_end, b_end) = (start + middle, b.len() - end);
    for offset in 0..end {
        each(a_end + offset, Some(b_end + offset));
    }
}

/// In a compact answer ([`json_text::to_vec_citing`]), as its code's table row says
/// ([`Sent`]): `n`, the whole diagnostic being entry `n`; or `[n, value]`, entry `n` having the
/// value's parameter `null` and its message as `[a, b]`, the fixed texts around the value.
/// Otherwise, or when the value is not in the message, written out.
impl Serialize for Diagnostic {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let whole = DiagnosticEntry {
            diagnostic: self,
            apart: None,
        };
        let numbered = match self.code.spec().sent {
            _ if !json_text::writing_compact() => None,
            Sent::Number => whole.number().map(|n| (n, None)),
            Sent::Around(name) => self.params.get(name).and_then(|value| {
                let (before, after) = crate::split_once_str(&self.message, value)?;
                let part = DiagnosticEntry {
                    diagnostic: self,
                    apart: Some((name, before, after)),
                };
                Some((part.number()?, Some(value)))
            }),
            Sent::Text => None,
        };
        match numbered {
            None => whole.serialize(serializer),
            Some((number, None)) => number.serialize(serializer),
            Some((number, Some(value))) => (number, value).serialize(serializer),
        }
    }
}

/// A diagnostic as the derived writer of its fields writes it, or, `apart` from the value of its
/// parameter `name`, as a compact answer's entry: that parameter `null`, the message the fixed
/// texts before and after the value. One writer for both, so that the two cannot differ but there.
struct DiagnosticEntry<'a> {
    diagnostic: &'a Diagnostic,
    apart: Option<(&'static str, &'a str, &'a str)>,
}

impl Serialize for DiagnosticEntry<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let d = self.diagnostic;
        let mut entry = serializer.serialize_struct("Diagnostic", 7)?;
        entry.serialize_field("path", &d.path)?;
        entry.serialize_field("code", d.code.id())?;
        entry.serialize_field("severity", &d.severity)?;
        match self.apart {
            Some((_, before, after)) => {
                let around = (json_text::FixedText(before), json_text::FixedText(after));
                entry.serialize_field("message", &around)?;
            }
            None => entry.serialize_field("message", &d.message)?,
        }
        if let Some(rule) = &d.rule {
            entry.serialize_field("rule", rule)?;
        }
        if !d.citations.is_empty() {
            entry.serialize_field("citations", &json_text::Cited(&d.citations))?;
        }
        let params = ParamsBut {
            params: &d.params,
            name: self.apart.map(|(name, _, _)| name),
        };
        entry.serialize_field("params", &params)?;
        entry.end()
    }
}

impl DiagnosticEntry<'_> {
    /// Its number in the table of a compact answer ([`json_text::number_of_kept`]): an edit makes
    /// its diagnostics again, and writes those that changed, most of them seen before.
    fn number(&self) -> Option<u32> {
        json_text::number_of_kept(
            &|kept| matches!(kept, Kept::Diagnostic(kept) if kept.is_of(self)),
            &|| Kept::Diagnostic(DiagnosticKept::of(self)),
            self,
        )
    }

    /// The message, or the texts before and after the value written apart.
    fn texts(&self) -> (&str, &str) {
        self.apart
            .map_or((&*self.diagnostic.message, ""), |(_, before, after)| {
                (before, after)
            })
    }
}

/// What a diagnostic's entry ([`DiagnosticEntry`]) is made from, kept by the table that numbered
/// it: all of the diagnostic but its message, and the message whole or, where the value of a
/// parameter is written apart, the texts around it. The rule and the citations are told apart by
/// address, as a nearest threshold's ([`NearestKept`]).
#[derive(Debug, Clone)]
pub(crate) struct DiagnosticKept {
    code: Code,
    severity: Severity,
    path: Box<str>,
    rule: Option<Arc<str>>,
    citations: Citations,
    params: SortedMap<&'static str, Arc<str>>,
    apart: Option<&'static str>,
    /// The message, or the texts before and after the value written apart.
    texts: (Box<str>, Box<str>),
}

impl DiagnosticKept {
    fn of(entry: &DiagnosticEntry) -> DiagnosticKept {
        let d = entry.diagnostic;
        let (before, after) = entry.texts();
        DiagnosticKept {
            code: d.code,
            severity: d.severity,
            path: d.path.as_str().into(),
            rule: d.rule.clone(),
            citations: Arc::clone(&d.citations),
            params: d.params.clone(),
            apart: entry.apart.map(|(name, _, _)| name),
            texts: (before.into(), after.into()),
        }
    }

    /// Whether `entry` is the one this was kept for.
    fn is_of(&self, entry: &DiagnosticEntry) -> bool {
        let d = entry.diagnostic;
        let apart = entry.apart.map(|(name, _, _)| name);
        let (before, after) = entry.texts();
        // The value written apart is not in the entry.
        let same_params = self.params.len() == d.params.len()
            && (self.params.iter().zip(d.params.iter()))
                .all(|((a, x), (b, y))| same_name(a, b) && (Some(*a) == apart || same(x, y)));
        // What tells entries apart at once first: numbers and addresses, then texts.
        self.code == d.code
            && self.severity == d.severity
            && same_shared(self.rule.as_ref(), d.rule.as_ref())
            && same_citations(&self.citations, &d.citations)
            && self.apart == apart
            && *self.path == *d.path
            && *self.texts.0 == *before
            && *self.texts.1 == *after
            && same_params
    }
}

/// What a fixed part that each edit makes anew is made from, kept by the table that numbered it
/// ([`json_text::number_of_kept`]).
#[derive(Debug, Clone)]
pub(crate) enum Kept {
    Nearest(NearestKept),
    Diagnostic(DiagnosticKept),
}

/// Whether two parts the profile shares, or their absence, are the same: by address.
fn same_shared(a: Option<&Arc<str>>, b: Option<&Arc<str>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
        (a, b) => a.is_none() && b.is_none(),
    }
}

/// Whether two citation lists are the same: by address, or both empty.
fn same_citations(a: &Citations, b: &Citations) -> bool {
    Arc::ptr_eq(a, b) || (a.is_empty() && b.is_empty())
}

/// A diagnostic's parameters, the value of `name` left `null`.
struct ParamsBut<'a> {
    params: &'a SortedMap<&'static str, Arc<str>>,
    name: Option<&'static str>,
}

impl Serialize for ParamsBut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(
            self.params
                .iter()
                .map(|(key, value)| (key, (Some(*key) != self.name).then_some(value))),
        )
    }
}

/// Something the applicant should know that is not a fault: an amount on a boundary, a date the
/// text does not print, a parameter the portal did not supply.
pub type Notice = Diagnostic;

/// One step of the reasoning behind an outcome.
// `remote = "Self"`: the derived writer is `Trace::serialize`, called by the `Serialize` below
// for an answer written out in full.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase", remote = "Self")]
pub struct Trace {
    /// The provision (decision-table case) that applied.
    pub rule: Arc<str>,
    #[serde(serialize_with = "crate::json_text::citations")]
    pub citations: Citations,
    /// The facts it turned on, e.g. `预计总投资 300.0001 万元 …`.
    pub facts: Vec<Fact>,
    /// Why, in plain words.
    #[serde(serialize_with = "crate::json_text::fixed_text")]
    pub explanation: Arc<str>,
}

/// In a compact answer ([`json_text::to_vec_citing`]), `[n, facts]`: the rule, citations and
/// explanation, the same at every keystroke, are entry `n` of the table. An array rather than an
/// object, here as for a numbered diagnostic and nearest threshold: no keys to write or to read,
/// and the reader makes the object anyway.
impl Serialize for Trace {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // A decision's three are the profile's, shared by every trace of its case: numbered once
        // by their addresses. Pieces this trace alone holds (a budget adjustment's procedure,
        // written for the amounts) are numbered by their text, and not kept by the table.
        let (rule, citations, explanation) = (&self.rule, &self.citations, &self.explanation);
        let shared = Arc::strong_count(rule) > 1
            && Arc::strong_count(citations) > 1
            && Arc::strong_count(explanation) > 1;
        let number = if shared {
            let addresses = [
                json_text::address(rule),
                json_text::address(citations),
                json_text::address(explanation),
            ];
            let pin = || {
                let pieces = (
                    Arc::clone(rule),
                    Arc::clone(citations),
                    Arc::clone(explanation),
                );
                Arc::new(pieces) as Arc<dyn std::any::Any + Send + Sync>
            };
            json_text::number_of_pieces(addresses, pin, &TraceFixed(self))
        } else {
            json_text::number_of_part(&TraceFixed(self))
        };
        match number {
            Some(number) => (number, &self.facts).serialize(serializer),
            None => Trace::serialize(self, serializer),
        }
    }
}

/// A fact an outcome turned on, e.g. `预计总投资 300.01 万元，属于「投资金额超过50万元」（50 万元）`:
/// a text, written out in full, in which the form gives one value (here `300.01`) and the profile
/// the rest. In a compact answer ([`json_text::to_vec_citing`]) it is `[a, value, b]`, `a` and `b`
/// the numbers of the fixed texts around the value; the number of the whole text where the form
/// gives none (a verdict's explanation); the text where it gives more than one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    text: Box<str>,
    /// Where the value is in the text, in bytes; `None` for a text written out.
    value: Option<(u32, u32)>,
}

impl Fact {
    /// `label`, `between`, the value the form gives, then `after`: e.g. `预计总投资`, ` `,
    /// `300.01`, ` 万元，属于…`.
    pub(crate) fn around(label: &str, between: &str, value: &str, after: &str) -> Fact {
        let capacity = label.len() + between.len() + value.len() + after.len();
        Fact::composed(
            capacity,
            |text| {
                text.push_str(label);
                text.push_str(between);
            },
            |text| text.push_str(value),
            |text| text.push_str(after),
        )
    }

    /// A fact written in one text: what `before` writes, the value the form gives as `value`
    /// writes it, then what `after` writes; `capacity` is room enough for it, and what is left
    /// over is given back, since reports hold their facts. For a fact that quotes amounts, written
    /// without a text of their own.
    pub(crate) fn composed(
        capacity: usize,
        before: impl FnOnce(&mut String),
        value: impl FnOnce(&mut String),
        after: impl FnOnce(&mut String),
    ) -> Fact {
        let mut text = String::with_capacity(capacity);
        before(&mut text);
        let start = text.len();
        value(&mut text);
        let end = text.len();
        after(&mut text);
        let value = u32::try_from(start).ok().zip(u32::try_from(end).ok());
        Fact {
            text: text.into_boxed_str(),
            value,
        }
    }

    /// A fact the profile gives whole (a verdict's explanation, whether a document is on file).
    pub(crate) fn fixed(text: String) -> Fact {
        Fact {
            text: text.into_boxed_str(),
            value: Some((0, 0)),
        }
    }

    /// A fact with more than one value from the form in it, written out in a compact answer too.
    pub(crate) fn written(text: String) -> Fact {
        Fact {
            text: text.into_boxed_str(),
            value: None,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The value the form gives in it, e.g. `300.01`; `""` where the profile gives it whole, and
    /// `None` where it holds more than one value.
    pub fn value(&self) -> Option<&str> {
        self.parts().map(|(_, value, _)| value)
    }

    /// The text before the value, the value and the text after it.
    fn parts(&self) -> Option<(&str, &str, &str)> {
        let (start, end) = self.value?;
        let (start, end) = (usize::try_from(start).ok()?, usize::try_from(end).ok()?);
        Some((
            self.text.get(..start)?,
            self.text.get(start..end)?,
            self.text.get(end..)?,
        ))
    }
}

impl std::ops::Deref for Fact {
    type Target = str;

    fn deref(&self) -> &str {
        &self.text
    }
}

impl std::fmt::Display for Fact {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for Fact {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.parts().filter(|_| json_text::writing_compact()) {
            Some((_, "", _)) => json_text::fixed_text(&self.text, serializer),
            Some((before, value, after)) => (
                json_text::FixedText(before),
                value,
                json_text::FixedText(after),
            )
                .serialize(serializer),
            _ => serializer.serialize_str(&self.text),
        }
    }
}

/// What of a trace the profile fixes, as the table's entry.
struct TraceFixed<'a>(&'a Trace);

impl Serialize for TraceFixed<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut entry = serializer.serialize_struct("Trace", 3)?;
        entry.serialize_field("rule", &self.0.rule)?;
        entry.serialize_field("citations", &json_text::Cited(&self.0.citations))?;
        entry.serialize_field("explanation", &json_text::FixedText(&self.0.explanation))?;
        entry.end()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Status {
    /// The rules settle it.
    Determined,
    /// It turns on a field or a portal parameter that is not filled in yet.
    Undetermined,
}

/// A derived verdict with its reasons; `undetermined` while a field or portal parameter it needs is
/// missing.
// `remote = "Self"`, as for `Trace`. Equality as derived: a verdict's value is the profile's,
// shared, and of a sized type that is `Eq` ([`VerdictValue`]), which `Arc`'s `==` compares by
// address first.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase", remote = "Self")]
pub struct Outcome<T> {
    pub status: Status,
    /// Where a decision table gives it, the profile's own result, shared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Arc<T>>,
    // Boxed slices rather than `Vec`s: a validator holds eight outcomes inline, 24 bytes each in
    // wasm rather than 32, and a list made by pushing keeps no spare room.
    pub because: Box<[Trace]>,
    /// Fields (paths) or `parameter:key`s still needed.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub missing: Box<[String]>,
}

// Equality as derived, but the parts the profile shares are compared by address first: an edit
// compares each outcome it evaluates again, and its traces, with the one before, which shares
// them. `Arc`'s own `==` compares addresses first only for a sized type that is `Eq`, as a
// verdict's value is ([`VerdictValue`]), not for a `str` or a slice.
impl PartialEq for Trace {
    fn eq(&self, other: &Self) -> bool {
        same(&self.rule, &other.rule)
            && same(&self.citations, &other.citations)
            && self.facts == other.facts
            && same(&self.explanation, &other.explanation)
    }
}

/// Whether two names the crate writes are the same: most often the same text in the binary.
fn same_name(a: &'static str, b: &'static str) -> bool {
    std::ptr::eq(a, b) || a == b
}

/// Whether two texts or lists the profile shares are equal: the same one, or equal ones.
fn same<T: PartialEq + ?Sized>(a: &Arc<T>, b: &Arc<T>) -> bool {
    Arc::ptr_eq(a, b) || a == b
}

/// The value of a verdict: whether the profile fixes it (a decision table's result), so that a
/// compact answer names it by number, the same at every keystroke while the verdict holds. Each
/// verdict's type has it from the table of outcomes (`src/outcomes.rs`).
///
/// `Eq`, so that two outcomes sharing the profile's value compare equal by its address: `Arc`'s
/// `==` compares addresses first only for a sized type that is `Eq`.
pub trait VerdictValue: Serialize + Eq + Send + Sync + 'static {
    const FROM_PROFILE: bool;
}

/// In a compact answer ([`json_text::to_vec_citing`]), a value the profile fixes is written as its
/// number in the table.
impl<T: VerdictValue> Serialize for Outcome<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let number = match &self.value {
            Some(value) if T::FROM_PROFILE => json_text::number_of_shared(value),
            _ => None,
        };
        match number {
            Some(number) => numbered_outcome(
                self.status,
                number,
                &self.because,
                &self.missing,
                serializer,
            ),
            None => Outcome::serialize(self, serializer),
        }
    }
}

/// An outcome with its value by number; apart from the value's type, so that there is one copy.
/// Determined (as an outcome with a value is) and wanting nothing, `[value, because]`, the status
/// implied, as a numbered trace is an array; otherwise an object.
fn numbered_outcome<S: Serializer>(
    status: Status,
    value: u32,
    because: &[Trace],
    missing: &[String],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    if status == Status::Determined && missing.is_empty() {
        return (value, because).serialize(serializer);
    }
    let mut outcome = serializer.serialize_struct("Outcome", 4)?;
    outcome.serialize_field("status", &status)?;
    outcome.serialize_field("value", &value)?;
    outcome.serialize_field("because", because)?;
    if !missing.is_empty() {
        outcome.serialize_field("missing", missing)?;
    }
    outcome.end()
}

/// Whether a document required at this stage is on file.
#[derive(Debug, Clone, PartialEq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequiredDocument {
    pub rule: Arc<str>,
    /// The document's key, e.g. `proposal`.
    pub document: Arc<str>,
    /// Its name in the regulation, e.g. 项目建议书.
    #[serde(serialize_with = "crate::json_text::fixed_text")]
    pub name: Arc<str>,
    /// Other documents that satisfy the same requirement (some only where a verdict allows).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<Arc<str>>,
    /// `present`, `missing`, or `conditional` when the rule, or whether a document on file may
    /// stand in for it, turns on something not filled in.
    pub status: &'static str,
    /// The document on file that satisfies the requirement, where it is one of `alternatives`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub satisfied_by: Option<Arc<str>>,
    /// For `conditional`: the fields (or `parameter:NAME`) the answer waits for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<String>,
    #[serde(serialize_with = "crate::json_text::citations")]
    pub citations: Citations,
    #[serde(serialize_with = "crate::json_text::fixed_text")]
    pub why: Arc<str>,
}

/// A timing window with its dates computed where the start is known.
#[derive(Debug, Clone, PartialEq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WindowReport {
    pub rule: Arc<str>,
    /// Field paths of the start and end dates.
    pub from: &'static str,
    pub to: &'static str,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::json_text::some_date"
    )]
    pub from_date: Option<NaiveDate>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::json_text::some_date"
    )]
    pub earliest: Option<NaiveDate>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::json_text::some_date"
    )]
    pub latest: Option<NaiveDate>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::json_text::some_date"
    )]
    pub actual: Option<NaiveDate>,
    /// `pending` (start unknown), `open`, `met`, `early`, `late`, `overdue`, or `conditional`
    /// when whether the window applies turns on something not filled in yet.
    pub status: &'static str,
    #[serde(serialize_with = "crate::json_text::fixed_text")]
    pub description: Arc<str>,
    #[serde(serialize_with = "crate::json_text::citations")]
    pub citations: Citations,
}

/// The nearest amount, below or above the one filled in, at which a verdict decided by that amount
/// would be different, and what it would be there. A verdict has at most one entry per money field
/// and direction, and none when the amount does not decide it.
// `remote = "Self"`, as for `Trace`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase", remote = "Self")]
pub struct NearestThreshold {
    /// `outcome:field:direction` written out, e.g. `merge:totalInvestment:above`: what
    /// identifies the entry from one report to the next (a delta's `removed` lists these).
    pub key: NearestKey,
    /// The verdict, as `outcomes` names it.
    pub outcome: &'static str,
    /// The money field, e.g. `totalInvestment`.
    pub field: &'static str,
    /// `below`: lowering the amount reaches the line; `above`: raising it does.
    pub direction: &'static str,
    /// The amount filled in, in 万元, e.g. `'300.01'`.
    #[serde(serialize_with = "crate::json_text::money")]
    pub amount: Decimal,
    /// Where the line is, in 万元, e.g. `'300'`.
    #[serde(serialize_with = "crate::json_text::money")]
    pub threshold: Decimal,
    /// The profile parameter that fixes the threshold, e.g. `mergeThreshold`.
    pub parameter: Arc<str>,
    /// Whether the threshold itself already gets the other verdict: `true` for 「300万元及以下」
    /// seen from above 300, `false` for 「超过300万元」 seen from 300 or below, where the other
    /// verdict starts only past the threshold.
    pub inclusive: bool,
    /// How far the amount is from the threshold, exactly: `|amount − threshold|`, in 万元, e.g.
    /// `'0.01'`.
    #[serde(serialize_with = "crate::json_text::money")]
    pub distance: Decimal,
    /// The verdict on the other side: its value as the outcome writes it and what it means.
    /// Absent when it would turn on something not filled in yet (`dependsOn`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub becomes: Option<NearestVerdict>,
    /// What the verdict on the other side would still need (fields, or `parameter:NAME`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<String>,
    /// The provision (decision-table case) that gives the verdict on the other side.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<Arc<str>>,
    /// Its citations; where no case decides there, those of the threshold's parameter.
    #[serde(serialize_with = "crate::json_text::citations")]
    pub citations: Citations,
    /// e.g. 「超出合并编报的界线 0.01 万元：300 万元及以下时，可以合并编报（第十一条）」
    pub message: String,
}

/// In a compact answer ([`json_text::to_vec_citing`]),
/// `[n, amount, distance, [a, b]]`: the rest, the same while the amount stays on the same side of
/// the same threshold, is entry `n` of the table, and the message is fixed text `a`, the
/// distance, fixed text `b`.
impl Serialize for NearestThreshold {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let number = json_text::number_of_kept(
            &|kept| matches!(kept, Kept::Nearest(kept) if kept.is_of(self)),
            &|| Kept::Nearest(NearestKept::of(self)),
            &NearestFixed(self),
        );
        match number {
            Some(number) => {
                let distance = crate::money::written(&self.distance);
                let message = json_text::TextAround {
                    text: &self.message,
                    value: &distance,
                };
                let amount = json_text::Money(&self.amount);
                (number, amount, &*distance, message).serialize(serializer)
            }
            None => NearestThreshold::serialize(self, serializer),
        }
    }
}

/// What of a nearest threshold the profile fixes, as the table's entry, in the entry's order.
struct NearestFixed<'a>(&'a NearestThreshold);

/// What a nearest threshold's fixed part ([`NearestFixed`]) is made from, kept by the table that
/// numbered it: an entry with the same is given the same number without the part being written
/// again (each keystroke on an amount measures its entries again). The rule, the citations, the
/// parameter's name and the verdict's label are the profile's, told apart by address; holding them
/// keeps the addresses from being reused.
#[derive(Debug, Clone)]
pub(crate) struct NearestKept {
    /// Which also says its outcome, field and direction.
    key: NearestKey,
    threshold: Decimal,
    parameter: Arc<str>,
    inclusive: bool,
    becomes: Option<NearestVerdict>,
    depends_on: Vec<String>,
    rule: Option<Arc<str>>,
    citations: Citations,
}

impl NearestKept {
    fn of(n: &NearestThreshold) -> NearestKept {
        NearestKept {
            key: n.key,
            threshold: n.threshold,
            parameter: n.parameter.clone(),
            inclusive: n.inclusive,
            becomes: n.becomes.clone(),
            depends_on: n.depends_on.clone(),
            rule: n.rule.clone(),
            citations: Arc::clone(&n.citations),
        }
    }

    /// Whether `n`'s fixed part is the one this was kept for.
    fn is_of(&self, n: &NearestThreshold) -> bool {
        // What tells entries apart at once first: addresses and numbers, then texts.
        same_shared(self.rule.as_ref(), n.rule.as_ref())
            && same_citations(&self.citations, &n.citations)
            && self.threshold == n.threshold
            && self.threshold.scale() == n.threshold.scale()
            && self.inclusive == n.inclusive
            && self.key == n.key
            && Arc::ptr_eq(&self.parameter, &n.parameter)
            && match (&self.becomes, &n.becomes) {
                (Some(a), Some(b)) => Arc::ptr_eq(&a.label, &b.label) && a.value == b.value,
                (a, b) => a.is_none() && b.is_none(),
            }
            && self.depends_on == n.depends_on
    }
}

impl Serialize for NearestFixed<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let n = self.0;
        let mut entry = serializer.serialize_struct("NearestThreshold", 10)?;
        entry.serialize_field("key", &n.key)?;
        entry.serialize_field("outcome", n.outcome)?;
        entry.serialize_field("field", n.field)?;
        entry.serialize_field("direction", n.direction)?;
        entry.serialize_field("threshold", &json_text::Money(&n.threshold))?;
        entry.serialize_field("parameter", &n.parameter)?;
        entry.serialize_field("inclusive", &n.inclusive)?;
        if let Some(becomes) = &n.becomes {
            entry.serialize_field("becomes", becomes)?;
        }
        if !n.depends_on.is_empty() {
            entry.serialize_field("dependsOn", &n.depends_on)?;
        }
        if let Some(rule) = &n.rule {
            entry.serialize_field("rule", rule)?;
        }
        entry.serialize_field("citations", &json_text::Cited(&n.citations))?;
        entry.end()
    }
}

/// A verdict on the other side of a threshold: its value as `outcomes` writes it (`need` of an
/// approval, `mode` of a merge, supervision or management, `initialAcceptance` of an acceptance,
/// `minSize` of an expert panel, `required` or `notRequired` for a financial review) and what it
/// means, in the report's locale.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NearestVerdict {
    pub value: Cow<'static, str>,
    #[serde(serialize_with = "crate::json_text::fixed_text")]
    pub label: Arc<str>,
}

/// The regulation a report was made under.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JurisdictionInfo {
    pub id: String,
    pub title: String,
    pub region: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issued: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_force: Option<String>,
    pub in_force_basis: String,
    /// The verdicts this regulation names otherwise than the package's headings, by outcome key
    /// (江津's `merge` is 「可研与初步设计」); a form's heading for them.
    #[serde(skip_serializing_if = "SortedMap::is_empty")]
    pub outcome_names: SortedMap<String, String>,
}

fn no_citations(citations: &Citations) -> bool {
    citations.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fields as derived (the declaration the package's types are generated from).
    struct Derived<'a>(&'a Diagnostic);

    impl Serialize for Derived<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            Diagnostic::serialize(self.0, serializer)
        }
    }

    /// A verdict's value whose equality counts its calls.
    #[derive(Debug, Default)]
    struct Counted(std::sync::atomic::AtomicU32);

    impl Counted {
        fn calls(&self) -> u32 {
            self.0.load(std::sync::atomic::Ordering::Relaxed)
        }
    }

    impl PartialEq for Counted {
        fn eq(&self, other: &Counted) -> bool {
            self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            std::ptr::eq(self, other)
        }
    }

    impl Eq for Counted {}

    #[test]
    fn outcomes_sharing_a_value_compare_equal_by_its_address() {
        let value = Arc::new(Counted::default());
        let outcome = |value: &Arc<Counted>| Outcome {
            status: Status::Determined,
            value: Some(Arc::clone(value)),
            because: Box::default(),
            missing: Box::default(),
        };
        assert_eq!(outcome(&value), outcome(&value));
        assert_eq!(value.calls(), 0, "the shared value was compared by content");
        assert_ne!(outcome(&value), outcome(&Arc::new(Counted::default())));
        assert_eq!(value.calls(), 1);
    }

    #[test]
    fn a_fact_knows_where_the_value_from_the_form_is() {
        let fact = Fact::around("预计总投资", " ", "300.01", " 万元，属于「超过300万元」");
        assert_eq!(fact.as_str(), "预计总投资 300.01 万元，属于「超过300万元」");
        assert_eq!(fact.value(), Some("300.01"));
        assert_eq!(Fact::fixed("合并编报".into()).value(), Some(""));
        assert_eq!(Fact::written("a / b = 5%".into()).value(), None);
        // Written out, it is its text.
        assert_eq!(
            json_text::to_vec(&fact).ok(),
            serde_json::to_vec(fact.as_str()).ok()
        );
    }

    #[test]
    fn a_diagnostic_written_out_is_its_fields_as_derived() {
        let citation = Citation {
            jurisdiction: "tongzhou".into(),
            regulation: "通州区政务信息化项目建设管理办法".into(),
            document_number: None,
            article: "第十一条".into(),
            summary: "合并编报".into(),
        };
        let mut amount = Diagnostic::new(Code::InvalidAmount, "totalInvestment")
            .param("input", "300.")
            .param("reason", "notANumber");
        amount.message = "「预计总投资」填写的「300.」不是有效金额".into();
        let cited = Diagnostic::new(Code::AmountOnBoundary, "totalInvestment")
            .rule(
                &Arc::from("tongzhou.merge.small"),
                Arc::from(vec![citation]),
            )
            .severity(Severity::Warning);
        for diagnostic in [amount, cited, Diagnostic::new(Code::UnknownField, "")] {
            assert_eq!(
                json_text::to_vec(&diagnostic).ok(),
                json_text::to_vec(&Derived(&diagnostic)).ok()
            );
        }
    }
}
