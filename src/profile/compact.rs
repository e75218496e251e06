//! The compiled form of a profile: the same data as its JSON, checked once by the compiler
//! (`gov-it-check compile`) and written as a plain sequence of values that a few small readers
//! decode, with no field names, no general deserialiser and no cross-checks left to run.
//!
//! The built-in regulations ship only in this form (`src/compiled/*.govit`, embedded in the
//! module and beside it as `profiles/*.govit` for one-jurisdiction pages), so the module a browser
//! downloads carries none of serde's derived deserialisers for the profile types, which were its
//! largest code. A county's own profile is compiled by the CLI, or read from JSON by the module
//! built with the `profile-json` feature (the package's Node entry and `init({ profileJson: true })`).
//!
//! The encoding: a magic header with the format version, the string tables, then the [`Profile`]
//! as its fields in declaration order. Integers are LEB128, strings and lists a length then their items, an
//! `Option` or an enum a tag byte then its payload. Decoding is defensive, because compiled bytes
//! may come from a caller: every length is checked against the bytes left, nesting is bounded,
//! strings are checked as UTF-8, field and enum tags as known, so a truncated or altered file is
//! an error at a byte offset, never a panic or an allocation out of proportion to its size.
//!
//! A profile's English texts (the fields marked `#[en]` below) have a table of their own, written
//! either inside the file or apart from it ([`encode_apart`]: `<id>.govit` and `<id>.en.govit`),
//! so that a page showing Chinese only downloads none of them. Decoded without them, a profile
//! reads as one that gives no English texts: English answers carry its Chinese ones
//! ([`crate::messages::Locale::pick`]). The file names the English texts that belong to it by a
//! digest, and a supplement of another build is refused.
//!
//! Adding a field to a profile type fails to compile here until its encoding is added, and
//! `tests/compiled_profiles.rs` checks that each compiled file is what compiling its JSON gives.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::*;
use crate::codes::Severity;
use crate::limits::MAX_CONDITION_DEPTH as MAX_DEPTH;
use crate::model::Field;
use crate::sorted::SortedMap;

/// `GOVIT` + format version. A file of another version is refused with a message that says to
/// recompile it with this package's `gov-it-check compile`.
pub const MAGIC: &[u8; 8] = b"GOVITPF\x09";

/// The header of a profile's English texts kept apart (`<id>.en.govit`), same format version.
pub const ENGLISH_MAGIC: &[u8; 8] = b"GOVITEN\x09";

/// Why compiled bytes could not be read, and at which byte of which file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub at: usize,
    pub what: &'static str,
    /// In the English texts kept apart (`<id>.en.govit`) rather than in the profile.
    pub in_english: bool,
}

/// The first error a [`Reader`] met; which file it was in is added where the file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadError {
    at: usize,
    what: &'static str,
}

impl From<ReadError> for DecodeError {
    fn from(error: ReadError) -> DecodeError {
        DecodeError {
            at: error.at,
            what: error.what,
            in_english: false,
        }
    }
}

impl DecodeError {
    fn in_english(error: ReadError) -> DecodeError {
        DecodeError {
            in_english: true,
            ..DecodeError::from(error)
        }
    }
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let file = if self.in_english {
            "compiled profile's English texts"
        } else {
            "compiled profile"
        };
        write!(f, "{file}, byte {}: {}", self.at, self.what)
    }
}

/// The English section's tag: the table follows, or is kept apart (its count and digest follow).
const ENGLISH_INSIDE: u8 = 0;
const ENGLISH_APART: u8 = 1;

/// Writes a profile in compiled form, its English texts inside: the header, the string table
/// (every distinct text once, their lengths then their bytes, so that the texts sit together and
/// compress well), the English texts' table, then the profile, whose strings are indexes into
/// the tables.
pub fn encode(profile: &Profile) -> Vec<u8> {
    let w = Writer::of(profile);
    let mut out = MAGIC.to_vec();
    table(&mut out, &w.strings.strings);
    out.push(ENGLISH_INSIDE);
    table(&mut out, &w.english.strings);
    out.extend_from_slice(&w.out);
    out
}

/// Writes a profile in compiled form with its English texts apart: the profile (`<id>.govit`),
/// which names them by their count and digest, and the English texts (`<id>.en.govit`).
pub fn encode_apart(profile: &Profile) -> (Vec<u8>, Vec<u8>) {
    let w = Writer::of(profile);
    let mut english_table = Vec::new();
    table(&mut english_table, &w.english.strings);
    let digest = crate::fingerprint::of_bytes(&english_table);
    let mut out = MAGIC.to_vec();
    table(&mut out, &w.strings.strings);
    out.push(ENGLISH_APART);
    varint(&mut out, w.english.strings.len() as u64);
    out.extend_from_slice(&digest.to_le_bytes());
    out.extend_from_slice(&w.out);
    let mut english = ENGLISH_MAGIC.to_vec();
    varint(&mut english, profile.id.len() as u64);
    english.extend_from_slice(profile.id.as_bytes());
    english.extend_from_slice(&digest.to_le_bytes());
    english.extend_from_slice(&english_table);
    (out, english)
}

/// A string table: the count, each length, then the texts one after the other.
fn table(out: &mut Vec<u8>, strings: &[String]) {
    varint(out, strings.len() as u64);
    for text in strings {
        varint(out, text.len() as u64);
    }
    for text in strings {
        out.extend_from_slice(text.as_bytes());
    }
}

#[derive(Default)]
pub struct Writer {
    out: Vec<u8>,
    strings: Strings,
    english: Strings,
}

#[derive(Default)]
struct Strings {
    strings: Vec<String>,
    index: std::collections::HashMap<String, u64>,
}

impl Strings {
    /// A table of `strings` ordered to compress well: ASCII first, then by length, each in the
    /// order given. Grouped rather than sorted: only the compiler writes profiles, and another
    /// caller of the crate's one sort changed how the browser modules inline it.
    fn ordered(strings: Vec<String>) -> Strings {
        let mut groups: std::collections::BTreeMap<(bool, usize), Vec<String>> = Default::default();
        for text in strings {
            groups
                .entry((!text.is_ascii(), text.len()))
                .or_default()
                .push(text);
        }
        let strings: Vec<String> = groups.into_values().flatten().collect();
        let index = (0u64..)
            .zip(&strings)
            .map(|(i, s)| (s.clone(), i))
            .collect();
        Strings { strings, index }
    }

    /// The text's position in the table, added at the end the first time.
    fn position(&mut self, text: &str) -> u64 {
        let next = self.strings.len() as u64;
        let index = *self.index.entry(text.to_string()).or_insert(next);
        if index == next {
            self.strings.push(text.to_string());
        }
        index
    }
}

impl Writer {
    /// The profile written twice: once to gather its texts, then with each table in the order
    /// that compresses best of those measured (ASCII keys and ids first, then the texts by length,
    /// each kind in the order first met): the five regulations' files 1.2 KB smaller gzipped one by
    /// one than in the order first met, 0.9 KB together (BENCHMARKS.md). The order is the
    /// encoder's choice; the reader takes the tables as they come.
    fn of(profile: &Profile) -> Writer {
        let mut first = Writer::default();
        profile.write(&mut first);
        let mut w = Writer {
            out: Vec::new(),
            strings: Strings::ordered(first.strings.strings),
            english: Strings::ordered(first.english.strings),
        };
        profile.write(&mut w);
        w
    }

    fn push(&mut self, byte: u8) {
        self.out.push(byte);
    }

    /// A field marked `#[en]`: its text goes to the English table.
    fn english_text(&mut self, text: &str) {
        let index = self.english.position(text);
        varint(&mut self.out, index);
    }
}

/// Reads a profile in compiled form; the bytes must hold exactly one. Where its English texts are
/// kept apart, it reads as a profile that gives none ([`decode_with_english`] reads both).
pub fn decode(bytes: &[u8]) -> Result<Profile, DecodeError> {
    decode_with_english(bytes, None)
}

/// Reads a profile in compiled form together with its English texts kept apart
/// ([`encode_apart`]); `english` must be the ones the profile names, and is refused for a profile
/// that carries its own.
pub fn decode_with_english(bytes: &[u8], english: Option<&[u8]>) -> Result<Profile, DecodeError> {
    let body = match bytes.strip_prefix(MAGIC.as_slice()) {
        Some(body) => body,
        None if bytes.starts_with(&MAGIC[..7]) => {
            return Err(DecodeError::from(ReadError {
                at: 7,
                what: "compiled by another version of the package; compile the profile again with this version's `gov-it-check compile`",
            }))
        }
        None => {
            return Err(DecodeError::from(ReadError {
                at: 0,
                what: "not a compiled profile (it does not start with GOVITPF); a JSON profile is given as text, not as its bytes",
            }))
        }
    };
    let mut r = Reader::new(body);
    r.strings = r.string_table();
    let id = match r.tag(2) {
        ENGLISH_INSIDE => {
            r.english = r.string_table();
            r.english_count = r.english.len();
            r.finish()?;
            if english.is_some() {
                return Err(r
                    .error("the profile carries its English texts; give none beside it")
                    .into());
            }
            None
        }
        _ => {
            r.english_count = r.len();
            let digest = u64::from_le_bytes(r.array());
            r.finish()?;
            match english {
                Some(bytes) => {
                    let supplement = read_english(bytes, digest, r.english_count)
                        .map_err(DecodeError::in_english)?;
                    r.english = supplement.texts;
                    Some(supplement.id)
                }
                None => None,
            }
        }
    };
    let mut profile = Profile::read(&mut r);
    r.finish()?;
    if r.at != body.len() {
        return Err(r.error("bytes after the end of the profile").into());
    }
    profile.english_not_loaded = r.english.len() < r.english_count || profile.lacks_english();
    if id.is_some_and(|id| id != profile.id) {
        return Err(DecodeError::in_english(ReadError {
            at: ENGLISH_MAGIC.len(),
            what: "the English texts of another profile",
        }));
    }
    Ok(profile)
}

/// A profile's English texts kept apart, as read from `<id>.en.govit`.
struct English<'a> {
    id: &'a str,
    texts: Vec<&'a str>,
}

/// The id of the profile whose English texts `bytes` hold, read from their header.
pub fn english_texts_of(bytes: &[u8]) -> Result<&str, DecodeError> {
    let mut r = english_header(bytes).map_err(DecodeError::in_english)?;
    let id = r.text();
    r.finish().map_err(DecodeError::in_english)?;
    Ok(id)
}

/// A reader past the header of English texts kept apart.
fn english_header(bytes: &[u8]) -> Result<Reader<'_>, ReadError> {
    let body = bytes.strip_prefix(ENGLISH_MAGIC.as_slice()).ok_or(ReadError {
        at: 0,
        what: if bytes.starts_with(&ENGLISH_MAGIC[..7]) {
            "English texts compiled by another version of the package; compile the profile again with this version's `gov-it-check compile`"
        } else {
            "not a profile's English texts (they do not start with GOVITEN)"
        },
    })?;
    Ok(Reader::new(body))
}

/// Reads English texts kept apart, checked against the digest and count the profile names.
fn read_english(bytes: &[u8], digest: u64, count: usize) -> Result<English<'_>, ReadError> {
    let mut r = english_header(bytes)?;
    let id = r.text();
    let named = u64::from_le_bytes(r.array());
    let start = r.at;
    let texts = r.string_table();
    r.finish()?;
    if r.at != r.bytes.len() {
        return Err(r.error("bytes after the end of the English texts"));
    }
    let table = r.bytes.get(start..).unwrap_or_default();
    if named != digest || crate::fingerprint::of_bytes(table) != digest || texts.len() != count {
        r.at = start;
        return Err(r.error(
            "not the English texts this profile was compiled with; use the .en.govit file compiled with it",
        ));
    }
    Ok(English { id, texts })
}

/// Reads compiled bytes. A reader latches the first error: a read that fails records where and
/// why, moves to the end of the bytes and returns a placeholder (zero, empty, the first tag), and
/// every read after it fails at once the same way, so the readers of the profile types return
/// plain values, with no error to pass up through every field and no partly read value to drop
/// at each one. The caller asks `Reader::finish` once at the end. Lengths are checked against
/// the bytes left before anything is allocated, so the placeholders after an error cost no more
/// than the bytes given.
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    depth: u32,
    failed: Option<ReadError>,
    strings: Vec<&'a str>,
    /// The English texts: none where they are kept apart and were not given.
    english: Vec<&'a str>,
    /// How many English texts the profile refers to, given or not.
    english_count: usize,
}

impl<'a> Reader<'a> {
    /// A string, by its index in the string table.
    fn string(&mut self) -> &'a str {
        let index = self.varint();
        match usize::try_from(index)
            .ok()
            .and_then(|i| self.strings.get(i))
        {
            Some(text) => text,
            None => {
                self.fail("a string index past the string table");
                ""
            }
        }
    }

    fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader {
            bytes,
            at: 0,
            depth: 0,
            failed: None,
            strings: Vec::new(),
            english: Vec::new(),
            english_count: 0,
        }
    }

    /// An error at the current byte, not recorded: for what the callers find wrong after reading.
    fn error(&self, what: &'static str) -> ReadError {
        ReadError {
            at: self.at + MAGIC.len(),
            what,
        }
    }

    /// Records an error at the current byte, unless one came before, and stops reading.
    #[cold]
    fn fail(&mut self, what: &'static str) {
        if self.failed.is_none() {
            self.failed = Some(self.error(what));
        }
        self.at = self.bytes.len();
    }

    /// The first error met, if any.
    fn finish(&self) -> Result<(), ReadError> {
        self.failed.map_or(Ok(()), Err)
    }

    /// An English text: its index in the English table; empty where the English texts are kept
    /// apart and were not given.
    fn english_text(&mut self) -> &'a str {
        let index = usize::try_from(self.varint()).unwrap_or(usize::MAX);
        if index >= self.english_count {
            self.fail("a string index past the string table");
        }
        self.english.get(index).copied().unwrap_or_default()
    }

    fn array<const N: usize>(&mut self) -> [u8; N] {
        let mut array = [0; N];
        if let Some(bytes) = self.take(N) {
            array.copy_from_slice(bytes);
        }
        array
    }

    /// A text written in place: its length, then its bytes.
    fn text(&mut self) -> &'a str {
        let n = self.len();
        self.utf8(n)
    }

    /// The next `n` bytes, which must be UTF-8 text; an error is at their first byte.
    fn utf8(&mut self, n: usize) -> &'a str {
        let at = self.at;
        let bytes = self.take(n).unwrap_or_default();
        match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(_) => {
                self.at = at;
                self.fail("text that is not UTF-8");
                ""
            }
        }
    }

    fn byte(&mut self) -> u8 {
        match self.bytes.get(self.at) {
            Some(&b) => {
                self.at += 1;
                b
            }
            None => {
                self.fail("unexpected end");
                0
            }
        }
    }

    /// The next `n` bytes; `None` (the reader failed) where fewer are left.
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let slice = self
            .at
            .checked_add(n)
            .and_then(|end| self.bytes.get(self.at..end));
        match slice {
            Some(_) => self.at += n,
            None => self.fail("unexpected end"),
        }
        slice
    }

    fn varint(&mut self) -> u64 {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte();
            value |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return value;
            }
        }
        self.fail("integer too long");
        0
    }

    /// A count of items that follow, each at least one byte: never more than the bytes left.
    fn len(&mut self) -> usize {
        let n = self.varint();
        match usize::try_from(n) {
            Ok(n) if n <= self.bytes.len() - self.at.min(self.bytes.len()) => n,
            _ => {
                self.fail("a length longer than the bytes left");
                0
            }
        }
    }

    fn string_table(&mut self) -> Vec<&'a str> {
        let count = self.len();
        let lengths: Vec<usize> = (0..count).map(|_| self.len()).collect();
        lengths.into_iter().map(|n| self.utf8(n)).collect()
    }

    /// A tag below `count`; 0 where the reader failed.
    fn tag(&mut self, count: u8) -> u8 {
        let tag = self.byte();
        if tag < count {
            tag
        } else {
            self.at -= 1;
            self.fail("unknown tag");
            0
        }
    }
}

fn varint(out: &mut impl Extend<u8>, mut n: u64) {
    while n >= 0x80 {
        out.extend([(n as u8) | 0x80]);
        n >>= 7;
    }
    out.extend([n as u8]);
}

/// A value with a compiled encoding.
pub trait Compact: Sized {
    fn write(&self, out: &mut Writer);
    /// The value at the reader; a placeholder where the bytes are malformed, the error latched
    /// in the reader.
    fn read(r: &mut Reader) -> Self;
}

impl Compact for u32 {
    fn write(&self, out: &mut Writer) {
        varint(&mut out.out, u64::from(*self));
    }
    fn read(r: &mut Reader) -> Self {
        let n = r.varint();
        u32::try_from(n).unwrap_or_else(|_| {
            r.fail("number out of range");
            0
        })
    }
}

impl Compact for bool {
    fn write(&self, out: &mut Writer) {
        out.push(u8::from(*self));
    }
    fn read(r: &mut Reader) -> Self {
        r.tag(2) == 1
    }
}

/// Written as a string; read as its own allocation, shared from then on.
impl Compact for Arc<str> {
    fn write(&self, w: &mut Writer) {
        self.to_string().write(w);
    }
    fn read(r: &mut Reader) -> Self {
        Arc::from(r.string())
    }
}

impl Compact for String {
    fn write(&self, w: &mut Writer) {
        let index = w.strings.position(self);
        varint(&mut w.out, index);
    }
    fn read(r: &mut Reader) -> Self {
        r.string().to_string()
    }
}

impl<T: Compact> Compact for Option<T> {
    fn write(&self, out: &mut Writer) {
        match self {
            None => out.push(0),
            Some(v) => {
                out.push(1);
                v.write(out);
            }
        }
    }
    fn read(r: &mut Reader) -> Self {
        match r.tag(2) {
            0 => None,
            _ => Some(T::read(r)),
        }
    }
}

impl<T: Compact> Compact for Vec<T> {
    fn write(&self, out: &mut Writer) {
        varint(&mut out.out, self.len() as u64);
        for item in self {
            item.write(out);
        }
    }
    fn read(r: &mut Reader) -> Self {
        let n = r.len();
        let mut items = Vec::with_capacity(n);
        for _ in 0..n {
            items.push(T::read(r));
        }
        items
    }
}

impl<K: Compact + Ord, T: Compact> Compact for SortedMap<K, T> {
    fn write(&self, out: &mut Writer) {
        varint(&mut out.out, self.len() as u64);
        for (key, value) in self {
            key.write(out);
            value.write(out);
        }
    }
    fn read(r: &mut Reader) -> Self {
        let n = r.len();
        (0..n).map(|_| (K::read(r), T::read(r))).collect()
    }
}

impl Compact for NaiveDate {
    fn write(&self, out: &mut Writer) {
        // Days from 0001-01-01, never negative for the dates a regulation carries.
        varint(
            &mut out.out,
            u64::try_from(self.num_days_from_ce()).unwrap_or(0),
        );
    }
    fn read(r: &mut Reader) -> Self {
        let days = r.varint();
        i32::try_from(days)
            .ok()
            .and_then(NaiveDate::from_num_days_from_ce_opt)
            .unwrap_or_else(|| {
                r.fail("a date out of range");
                NaiveDate::MIN
            })
    }
}

impl Compact for Decimal {
    fn write(&self, out: &mut Writer) {
        out.out.extend_from_slice(&self.serialize());
    }
    fn read(r: &mut Reader) -> Self {
        let raw: [u8; 16] = r.array();
        // The flags word: bytes 0–1 unused, byte 2 the scale (at most 28), byte 3 the sign bit.
        if raw[..2] != [0, 0] || raw[2] > 28 || raw[3] & 0x7f != 0 {
            r.fail("a malformed decimal number");
            return Decimal::ZERO;
        }
        Decimal::deserialize(raw)
    }
}

impl Compact for FieldRef {
    fn write(&self, out: &mut Writer) {
        varint(&mut out.out, self.0.index() as u64);
    }
    fn read(r: &mut Reader) -> Self {
        let index = r.varint();
        let field = usize::try_from(index).ok().and_then(Field::by_index);
        FieldRef(field.unwrap_or_else(|| {
            r.fail("an unknown application field");
            Field::Year
        }))
    }
}

impl Compact for Cites {
    fn write(&self, out: &mut Writer) {
        self.list.write(out);
    }
    fn read(r: &mut Reader) -> Self {
        Cites::from(Vec::<Cite>::read(r))
    }
}

impl Compact for Condition {
    fn write(&self, out: &mut Writer) {
        match self {
            Condition::Always => out.push(0),
            Condition::All(list) => {
                out.push(1);
                list.write(out);
            }
            Condition::Any(list) => {
                out.push(2);
                list.write(out);
            }
            Condition::Not(inner) => {
                out.push(3);
                inner.write(out);
            }
            Condition::Flag(field) => {
                out.push(4);
                field.write(out);
            }
            Condition::In(c) => {
                out.push(5);
                c.write(out);
            }
            Condition::Amount(c) => {
                out.push(6);
                c.write(out);
            }
            Condition::Number(c) => {
                out.push(7);
                c.write(out);
            }
            Condition::HasDocument(key) => {
                out.push(8);
                key.write(out);
            }
            Condition::Dated(field) => {
                out.push(9);
                field.write(out);
            }
            Condition::Verdict(c) => {
                out.push(10);
                c.write(out);
            }
            Condition::Answered(inner) => {
                out.push(11);
                inner.write(out);
            }
        }
    }
    fn read(r: &mut Reader) -> Self {
        let tag = r.tag(12);
        if r.depth >= MAX_DEPTH {
            r.fail("conditions nested too deeply");
            return Condition::Always;
        }
        r.depth += 1;
        let condition = match tag {
            0 => Condition::Always,
            1 => Condition::All(Vec::read(r)),
            2 => Condition::Any(Vec::read(r)),
            3 => Condition::Not(Box::new(Condition::read(r))),
            4 => Condition::Flag(FieldRef::read(r)),
            5 => Condition::In(InCondition::read(r)),
            6 => Condition::Amount(AmountCondition::read(r)),
            7 => Condition::Number(AmountCondition::read(r)),
            8 => Condition::HasDocument(String::read(r)),
            9 => Condition::Dated(FieldRef::read(r)),
            10 => Condition::Verdict(VerdictCondition::read(r)),
            _ => Condition::Answered(Box::new(Condition::read(r))),
        };
        r.depth -= 1;
        condition
    }
}

impl Compact for Span {
    fn write(&self, out: &mut Writer) {
        let (tag, n) = match *self {
            Span::Days(n) => (0, n),
            Span::WorkingDays(n) => (1, n),
            Span::Months(n) => (2, n),
            Span::Years(n) => (3, n),
        };
        out.push(tag);
        n.write(out);
    }
    fn read(r: &mut Reader) -> Self {
        let tag = r.tag(4);
        let n = u32::read(r);
        match tag {
            0 => Span::Days(n),
            1 => Span::WorkingDays(n),
            2 => Span::Months(n),
            _ => Span::Years(n),
        }
    }
}

impl<T: Compact> Compact for Case<T> {
    fn write(&self, out: &mut Writer) {
        self.id.write(out);
        self.when.write(out);
        self.cite.write(out);
        self.result.write(out);
        self.explanation.write(out);
        out.english_text(&self.explanation_en);
    }
    fn read(r: &mut Reader) -> Self {
        Case {
            id: Compact::read(r),
            when: Compact::read(r),
            cite: Compact::read(r),
            result: Arc::new(Compact::read(r)),
            explanation: Compact::read(r),
            explanation_en: Arc::from(r.english_text()),
            nearest_label: PerLocale::default(),
        }
    }
}

/// A field-less enum, by the position of its value in `$values`.
macro_rules! compact_unit_enum {
    ($ty:ident: $first:ident $(, $variant:ident)*) => {
        impl Compact for $ty {
            fn write(&self, out: &mut Writer) {
                const VALUES: &[$ty] = &[$ty::$first $(, $ty::$variant)*];
                out.push(VALUES.iter().position(|v| v == self).unwrap_or(0) as u8);
            }
            fn read(r: &mut Reader) -> Self {
                const VALUES: &[$ty] = &[$ty::$first $(, $ty::$variant)*];
                let tag = r.tag(VALUES.len() as u8);
                VALUES.get(usize::from(tag)).copied().unwrap_or($ty::$first)
            }
        }
    };
}

compact_unit_enum!(Op: Gt, Ge, Lt, Le);
compact_unit_enum!(Stage: Declaration, Approval, Implementation, Acceptance);
compact_unit_enum!(VerdictOf: Approval, Merge, Supervision, Management);
compact_unit_enum!(
    Table: Approval, Merge, Supervision, Management, ExpertPanel, FinancialReview, Acceptance
);
compact_unit_enum!(Severity: Error, Warning, Info);
compact_unit_enum!(InitialAcceptance: Required, Optional, NotProvided);
compact_unit_enum!(ApprovalNeed: Required, MayBeExempt, NotRequired);
compact_unit_enum!(MergeMode: Merge, Substitute, Lighter, Omit, Separate);
compact_unit_enum!(SupervisionMode: Mandatory, UnifiedService, Central, InPrinciple, NotSpecified);
compact_unit_enum!(ManagementMode: FullProcess, Filing);

/// A struct as its fields in order; `#[en]` marks an English text, written to the English table;
/// `skip` fields are made afresh (caches filled on first use).
macro_rules! compact_struct {
    ($ty:ident { $($(#[$en:ident])? $field:ident),+ $(,)? } $(skip { $($skip:ident),+ })?) => {
        impl Compact for $ty {
            fn write(&self, out: &mut Writer) {
                $(compact_field!(write out, self.$field $(, $en)?);)+
            }
            fn read(r: &mut Reader) -> Self {
                $ty {
                    $($field: compact_field!(read r $(, $en)?),)+
                    $($($skip: Default::default(),)+)?
                }
            }
        }
    };
}

macro_rules! compact_field {
    (write $out:ident, $value:expr) => {
        $value.write($out)
    };
    (write $out:ident, $value:expr, en) => {
        $out.english_text(&$value)
    };
    (read $r:ident) => {
        Compact::read($r)
    };
    (read $r:ident, en) => {
        From::from($r.english_text())
    };
}

compact_struct!(Profile {
    id,
    region,
    fictional,
    versions
} skip { english_not_loaded });
compact_struct!(Version {
    title, #[en] title_en, document_number, issued, in_force, in_force_basis, repealed, replaces,
    articles, annexes, documents, chapters, parameters, outcomes, required_fields, requirements,
    windows, deadlines, enumerations, funding_sums, resource_table, panels, restrictions,
    adjustment, not_formalised, interpretations, field_labels, outcome_names,
} skip { shared });
compact_struct!(OutcomeName {
    outcome,
    name,
    #[en]
    name_en,
    cite
});
compact_struct!(FieldLabel {
    field,
    label,
    #[en]
    label_en,
    cite
});
compact_struct!(Article {
    n,
    label,
    chapter,
    clauses,
    about,
    #[en]
    about_en
});
compact_struct!(Annex { n, title });
compact_struct!(Named {
    name,
    #[en]
    name_en
});
compact_struct!(Cite {
    article,
    clause,
    annex
});
compact_struct!(Parameter {
    value,
    unit,
    label,
    #[en]
    label_en,
    cite
});
compact_struct!(VerdictCondition { of, is });
compact_struct!(InCondition { field, values });
compact_struct!(AmountCondition {
    field,
    superseded_by,
    op,
    param,
    wording,
    boundary_reading,
    #[en]
    boundary_reading_en,
    cite
});
compact_struct!(DecisionTables {
    approval,
    merge,
    supervision,
    management,
    expert_panel,
    financial_review,
    acceptance,
});
compact_struct!(Approval {
    need,
    authority,
    chain,
    steps,
    endorsed_by
});
compact_struct!(Merge {
    mode,
    documents,
    replaces
});
compact_struct!(Supervision {
    mode,
    fee_in_budget,
    provider,
    also_in_budget
});
compact_struct!(Management { mode });
compact_struct!(Panel {
    min_size,
    odd,
    external_only,
    in_principle
});
compact_struct!(FinancialReview { required, by });
compact_struct!(Acceptance {
    organiser,
    initial_acceptance,
    result_filed_with
});
compact_struct!(RequiredFields {
    id,
    stage,
    when,
    fields,
    cite
});
compact_struct!(Requirement {
    id,
    stage,
    document,
    any_of,
    when,
    chapters,
    severity,
    cite,
    why,
    #[en]
    why_en,
});
compact_struct!(Alternative {
    document,
    when,
    cite
});
compact_struct!(Window {
    id,
    from,
    also_after,
    to,
    min,
    max,
    when,
    stages,
    severity,
    qualifier,
    cite,
    description,
    #[en]
    description_en,
    late_action,
    #[en]
    late_action_en,
    postponed_to,
    preceded_by,
    duration,
});
compact_struct!(Deadline {
    id,
    stage,
    by,
    cite,
    description,
    #[en]
    description_en
});
compact_struct!(Enumeration {
    id,
    field,
    values,
    cite
});
compact_struct!(Provision { id, cite });
compact_struct!(ResourceTable {
    id,
    sharing,
    needs_condition,
    needs_reason,
    frequencies,
    cite
});
compact_struct!(PanelCheck {
    id,
    size,
    external,
    cases,
    stages
});
compact_struct!(Restriction {
    id,
    when,
    stages,
    severity,
    paths,
    cite,
    message,
    #[en]
    message_en
});
compact_struct!(Adjustment {
    id,
    max_ratio_param,
    cite,
    simplified,
    #[en]
    simplified_en,
    otherwise,
    #[en]
    otherwise_en,
});
compact_struct!(NotFormalised {
    id,
    cite,
    reason,
    #[en]
    reason_en
});
compact_struct!(Interpretation {
    id,
    cite,
    reading,
    #[en]
    reading_en
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_prefix_of_a_profile_is_an_error_not_a_panic() {
        let json = include_str!("../../tests/fixtures/profiles/example-county.json");
        let profile = crate::profile::parse(json).unwrap();
        let bytes = encode(&profile);
        assert!(decode(&bytes).is_ok());
        for n in 0..bytes.len() {
            assert!(decode(&bytes[..n]).is_err(), "prefix {n}");
        }
    }

    #[test]
    fn the_first_error_met_is_the_one_reported() {
        let json = include_str!("../../tests/fixtures/profiles/example-county.json");
        let profile = crate::profile::parse(json).unwrap();
        let bytes = encode(&profile);
        let w = Writer::of(&profile);
        let body = bytes.len() - w.out.len();
        // The profile's id (its first field) made an index past the string table, and the file
        // cut short: the reader goes on past the first error, and must report it.
        let mut id = Vec::new();
        varint(&mut id, w.strings.index[profile.id.as_str()]);
        assert!(bytes[body..].starts_with(&id));
        let mut index = Vec::new();
        varint(&mut index, w.strings.strings.len() as u64);
        let cut = [
            &bytes[..body],
            &index,
            &bytes[body + id.len()..bytes.len() - 10],
        ]
        .concat();
        let error = decode(&cut).unwrap_err();
        assert_eq!(error.what, "a string index past the string table");
        assert_eq!(error.at, body + index.len());
    }

    #[test]
    fn a_length_beyond_the_bytes_left_is_refused_before_allocating() {
        let mut bytes = MAGIC.to_vec();
        // A string table of 2^40 strings.
        varint(&mut bytes, 1 << 40);
        let error = decode(&bytes).err();
        assert_eq!(
            error.map(|e| e.what),
            Some("a length longer than the bytes left")
        );
    }

    #[test]
    fn deep_nesting_is_refused() {
        let mut condition = Condition::Always;
        for _ in 0..100 {
            condition = Condition::Not(Box::new(condition));
        }
        let mut w = Writer::default();
        condition.write(&mut w);
        let mut r = Reader::new(&w.out);
        Condition::read(&mut r);
        assert_eq!(
            r.finish().err().map(|e| e.what),
            Some("conditions nested too deeply")
        );
    }

    #[test]
    fn another_format_version_says_to_recompile() {
        for magic in [MAGIC, ENGLISH_MAGIC] {
            let mut bytes = magic.to_vec();
            if let Some(version) = bytes.last_mut() {
                *version = version.wrapping_add(1);
            }
            let what = if magic == MAGIC {
                decode(&bytes).unwrap_err().what
            } else {
                english_texts_of(&bytes).unwrap_err().what
            };
            assert!(what.contains("gov-it-check compile"), "{what}");
        }
    }

    fn example_apart() -> (Profile, Vec<u8>, Vec<u8>) {
        let json = include_str!("../../tests/fixtures/profiles/example-county.json");
        let profile = crate::profile::parse(json).unwrap();
        let (bytes, english) = encode_apart(&profile);
        (profile, bytes, english)
    }

    #[test]
    fn every_prefix_of_english_texts_is_an_error_not_a_panic() {
        let (_, bytes, english) = example_apart();
        assert!(decode_with_english(&bytes, Some(&english)).is_ok());
        for n in 0..english.len() {
            let error = decode_with_english(&bytes, Some(&english[..n])).unwrap_err();
            assert!(error.in_english, "prefix {n}: {error}");
        }
    }

    #[test]
    fn english_texts_altered_or_of_another_profile_are_refused() {
        let (mut profile, bytes, mut english) = example_apart();
        let last = english.len() - 1;
        english[last] ^= 1;
        let error = decode_with_english(&bytes, Some(&english)).unwrap_err();
        assert!(error.what.contains("not the English texts"), "{error}");
        english[last] ^= 1;
        profile.id = "another-county".into();
        let (_, theirs) = encode_apart(&profile);
        let error = decode_with_english(&bytes, Some(&theirs)).unwrap_err();
        assert_eq!(error.what, "the English texts of another profile");
        let inside = encode(&profile);
        let error = decode_with_english(&inside, Some(&english)).unwrap_err();
        assert!(!error.in_english);
        assert!(error.what.contains("carries its English texts"), "{error}");
    }
}
