//! Compact JSON text, exactly as `serde_json::to_string` writes it, in a fraction of the time:
//! serde_json looks up every byte of every string to see whether it needs escaping, which was
//! most of the cost of writing a report or a delta; here a string is checked eight bytes at a time
//! and, having nothing to escape (nearly every string), copied whole. Integers up to 64 bits and
//! map keys are written here too; floating-point and 128-bit numbers, which no answer has, go to
//! serde_json itself, so that the browser modules link none of serde_json. The npm package writes
//! every answer with it; a server can too.
//!
//! ```
//! use gov_it_rules::{builtin, json_text, Options};
//! let options = Options::from_json(&serde_json::json!({ "jurisdiction": "tongzhou" })).unwrap();
//! let report = builtin().validate_str(r#"{"totalInvestment": "268.5"}"#, &options);
//! let text = json_text::to_vec(&report).unwrap();
//! assert_eq!(text, serde_json::to_vec(&report).unwrap());
//! ```
//!
//! ## Compact answers
//! A report names the same few dozen citations again and again (each diagnostic, trace, required
//! document, window and nearest threshold carries its provision's), and a live form's delta names
//! them again at every keystroke. [`to_vec_citing`] writes each citation as a number instead, its
//! place in a [`CitationTable`] that numbers each citation's text the first time an answer names
//! it: the same text keeps its number for as long as the table is kept, so that a reader fetches
//! each text once ([`CitationTable::to_vec_from`]) and puts it back wherever its number stands.
//! Everything else is written as [`to_vec`] writes it. The npm package's reports and deltas are
//! written this way, and its JavaScript wrapper puts the citations back, so that what its callers
//! get is exactly the report with every citation written out.
//!
//! Texts that come from the profile and do not depend on the form are numbered in the same table
//! ([`fixed_text`]): an outcome's explanation, a required document's name and reason, a window's
//! description and the label of what a verdict becomes past a threshold. Each is the same at every
//! keystroke while its outcome holds, where the facts and messages around it change. Numbers in
//! those five places stand for a text; in a `citations` list, for a citation.
//!
//! Whole parts of an entry that the profile fixes are numbered too ([`number_of_part`]): a
//! trace's rule, citations and explanation (`[n, facts]`), all of a nearest threshold but its
//! amount, distance and message (`[n, amount, distance, message]`), and a verdict's value where a
//! decision table gives it (`"value": n`, or a determined verdict as `[n, because]`); a numbered
//! diagnostic is `n`, or `[n, value]`. A keystroke on an amount changes the facts and the
//! distances; what goes with them is sent once. A part's entry is its JSON text with its own
//! citations and texts by number. So are two parts of a report that depend on the profile and the
//! locale alone ([`shared`], [`some_shared`]): the jurisdiction's description
//! (`"jurisdiction": n`) and the names of the documents (`"documentNames": n`), which were most of
//! a report's Chinese text.
//!
//! A provision's citations are one list shared by every report that cites it (resolved once per
//! profile and locale, [`Citations`]), so the table also remembers each list it has numbered, by
//! the list's address, and a list it has seen is written as its numbers without its text being
//! written or looked at again. It holds on to each such list, so that no other list can take its
//! address while it is remembered.
//!
//! ```
//! use gov_it_rules::{builtin, json_text, Options};
//! let options = Options::from_json(&serde_json::json!({ "jurisdiction": "tongzhou" })).unwrap();
//! let report = builtin().validate_str(r#"{"totalInvestment": "268.5"}"#, &options);
//! let mut table = json_text::CitationTable::default();
//! let compact = json_text::to_vec_citing(&report, &mut table).unwrap();
//! assert!(compact.len() < json_text::to_vec(&report).unwrap().len());
//! // `[epoch,report]`, the report's jurisdiction numbered 0.
//! assert!(compact.starts_with(b"[0,{\"jurisdiction\":0,"));
//! assert!(table.to_vec_from(0).starts_with(b"[0,[{\"id\":\"tongzhou\""));
//! ```

use std::any::Any;
use std::cell::RefCell;
use std::fmt::Display;
use std::sync::Arc;

use serde::ser::{self, Serialize};

use crate::report::{Citations, Kept};

/// A value JSON text cannot hold: a map key that is not a string, a number or a boolean, or a
/// type's own refusal. No type of the crate writes one. It holds no message, so that a `Result` of the
/// writer is one byte and every `?` of every serialiser stays cheap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Error;

impl Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(
            "a value JSON text cannot hold (a map key that is not a string, a number or a boolean)",
        )
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(_message: T) -> Self {
        Error
    }
}

impl From<serde_json::Error> for Error {
    fn from(_: serde_json::Error) -> Self {
        Error
    }
}

/// The JSON text of `value`, in UTF-8.
pub fn to_vec<T: ?Sized + Serialize>(value: &T) -> Result<Vec<u8>, Error> {
    let mut writer = Writer {
        out: Vec::with_capacity(4096),
    };
    value.serialize(&mut writer)?;
    Ok(writer.out)
}

/// The JSON text of `value`.
pub fn to_string<T: ?Sized + Serialize>(value: &T) -> Result<String, Error> {
    String::from_utf8(to_vec(value)?).map_err(|_| Error)
}

/// The name serde_json's `Number` serialises under when it keeps numbers as their text.
pub(crate) const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// Writes bytes rather than a `String`, whose `push` of a character costs far more here.
pub struct Writer {
    out: Vec<u8>,
}

impl Writer {
    fn string(&mut self, text: &str) {
        self.out.push(b'"');
        if needs_no_escape(text.as_bytes()) {
            self.out.extend_from_slice(text.as_bytes());
        } else {
            self.escaped(text.as_bytes());
        }
        self.out.push(b'"');
    }

    /// A name the crate's types give a field or a variant: a camelCase identifier, with nothing
    /// to escape, copied as it is. Most of the strings an answer writes are these.
    fn name(&mut self, name: &'static str) {
        debug_assert!(needs_no_escape(name.as_bytes()), "{name}");
        self.out.reserve(name.len() + 2);
        self.out.push(b'"');
        self.out.extend_from_slice(name.as_bytes());
        self.out.push(b'"');
    }

    fn escaped(&mut self, text: &[u8]) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        for &byte in text {
            let escape: &[u8] = match byte {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                0x08 => b"\\b",
                0x0C => b"\\f",
                b'\n' => b"\\n",
                b'\r' => b"\\r",
                b'\t' => b"\\t",
                0..=0x1F => b"",
                _ => {
                    self.out.push(byte);
                    continue;
                }
            };
            if escape.is_empty() {
                self.out.extend_from_slice(b"\\u00");
                for nibble in [byte >> 4, byte & 0xF] {
                    self.out
                        .push(HEX.get(usize::from(nibble)).copied().unwrap_or(b'0'));
                }
            } else {
                self.out.extend_from_slice(escape);
            }
        }
    }

    /// A floating-point or 128-bit number, as serde_json writes it.
    fn scalar<T: Serialize>(&mut self, value: T) -> Result<(), Error> {
        serde_json::to_writer(&mut self.out, &value)?;
        Ok(())
    }

    /// A signed integer, as serde_json writes it.
    fn signed(&mut self, value: i64) -> Result<(), Error> {
        if value < 0 {
            self.out.push(b'-');
        }
        self.unsigned(value.unsigned_abs())
    }

    /// An unsigned integer, in decimal digits as serde_json writes it (counts, citation numbers).
    fn unsigned(&mut self, mut value: u64) -> Result<(), Error> {
        let start = self.out.len();
        loop {
            self.out.push(b'0' + u8::try_from(value % 10).unwrap_or(0));
            value /= 10;
            if value == 0 {
                break;
            }
        }
        if let Some(digits) = self.out.get_mut(start..) {
            digits.reverse();
        }
        Ok(())
    }
}

/// The high bit of each of the eight bytes of `word` (little-endian) that is a quote, a backslash
/// or a control character, the bytes JSON escapes in a string and ends it at; exact for the first
/// such byte, while a byte after it may be marked when it is not one (a borrow carried up).
pub(crate) fn special_bytes(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let has_zero = |word: u64| word.wrapping_sub(ONES) & !word & HIGHS;
    let control = word.wrapping_sub(ONES * 0x20) & !word & HIGHS;
    control | has_zero(word ^ (ONES * 0x22)) | has_zero(word ^ (ONES * 0x5C))
}

/// Where the first quote, backslash or control character of `bytes` is, eight bytes at a time
/// ([`special_bytes`]), the last few one by one.
pub(crate) fn first_special(bytes: &[u8]) -> Option<usize> {
    let mut at = 0;
    while let Some(word) = bytes
        .get(at..at + 8)
        .and_then(|b| <[u8; 8]>::try_from(b).ok())
    {
        let special = special_bytes(u64::from_le_bytes(word));
        if special != 0 {
            return Some(at + special.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    let rest = bytes.get(at..)?;
    rest.iter()
        .position(|&b| special(b))
        .map(|offset| at + offset)
}

/// Whether `byte` is a quote, a backslash or a control character; [`special_bytes`] for eight.
pub(crate) fn special(byte: u8) -> bool {
    byte == b'"' || byte == b'\\' || byte < 0x20
}

/// Whether none of the eight bytes of `word` is a quote, a backslash or a control character.
fn plain(word: u64) -> bool {
    special_bytes(word) == 0
}

/// Whether no byte is a quote, a backslash or a control character, eight bytes at a time; the
/// last bytes as one word overlapping the one before, and a text of four to seven bytes (most
/// keys) as its first and last four, so that no byte is looked at alone but in a text under four.
fn needs_no_escape(bytes: &[u8]) -> bool {
    let word = |at: usize| {
        bytes
            .get(at..at + 8)
            .and_then(|b| <[u8; 8]>::try_from(b).ok())
            .map(u64::from_le_bytes)
    };
    let half = |at: usize| {
        bytes
            .get(at..at + 4)
            .and_then(|b| <[u8; 4]>::try_from(b).ok())
            .map(|b| u64::from(u32::from_le_bytes(b)))
    };
    let len = bytes.len();
    if len >= 8 {
        let mut at = 0;
        while at + 8 <= len {
            if !word(at).is_some_and(plain) {
                return false;
            }
            at += 8;
        }
        at == len || word(len - 8).is_some_and(plain)
    } else if len >= 4 {
        half(0)
            .zip(half(len - 4))
            .is_some_and(|(first, last)| plain(first | last << 32))
    } else {
        !bytes.iter().copied().any(special)
    }
}

/// An object or array being written; `first` until an entry is.
pub struct Compound<'a> {
    writer: &'a mut Writer,
    first: bool,
    /// The closing text: `]`, `}`, or `}}` / `]}` for a variant wrapped in an object.
    end: &'static str,
    /// serde_json's `Number`, written as its text.
    number: bool,
}

impl Compound<'_> {
    fn comma(&mut self) {
        if self.first {
            self.first = false;
        } else {
            self.writer.out.push(b',');
        }
    }

    fn field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        let start = self.key(key);
        value.serialize(&mut *self.writer)?;
        self.unquote_number(start);
        Ok(())
    }

    /// Writes `,"key":` (or nothing for a number) and returns where the value starts.
    fn key(&mut self, key: &'static str) -> usize {
        if !self.number {
            self.comma();
            self.writer.name(key);
            self.writer.out.push(b':');
        }
        self.writer.out.len()
    }

    /// A number's text was written as a string of digits, sign, point and exponent (nothing to
    /// escape): drops the quotes.
    fn unquote_number(&mut self, start: usize) {
        let out = &mut self.writer.out;
        if self.number && out.get(start) == Some(&b'"') && out.last() == Some(&b'"') {
            out.pop();
            out.remove(start);
        }
    }

    fn finish(self) -> Result<(), Error> {
        if !self.number {
            self.writer.out.extend_from_slice(self.end.as_bytes());
        }
        Ok(())
    }
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }

    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.signed(i64::from(v))
    }

    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.signed(i64::from(v))
    }

    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.signed(i64::from(v))
    }

    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.signed(v)
    }

    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        self.scalar(v)
    }

    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.unsigned(u64::from(v))
    }

    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.unsigned(u64::from(v))
    }

    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.unsigned(u64::from(v))
    }

    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.unsigned(v)
    }

    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        self.scalar(v)
    }

    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.scalar(v)
    }

    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.scalar(v)
    }

    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.string(v);
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        self.scalar(v)
    }

    fn serialize_none(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        self.serialize_none()
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_none()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.name(variant);
        Ok(())
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.out.push(b'{');
        self.name(variant);
        self.out.push(b':');
        value.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        self.out.push(b'[');
        Ok(Compound {
            writer: self,
            first: true,
            end: "]",
            number: false,
        })
    }

    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.out.push(b'{');
        self.name(variant);
        self.out.extend_from_slice(b":[");
        Ok(Compound {
            writer: self,
            first: true,
            end: "]}",
            number: false,
        })
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        self.out.push(b'{');
        Ok(Compound {
            writer: self,
            first: true,
            end: "}",
            number: false,
        })
    }

    fn serialize_struct(self, name: &'static str, len: usize) -> Result<Compound<'a>, Error> {
        if name == NUMBER_TOKEN {
            return Ok(Compound {
                writer: self,
                first: true,
                end: "",
                number: true,
            });
        }
        self.serialize_map(Some(len))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.out.push(b'{');
        self.name(variant);
        self.out.extend_from_slice(b":{");
        Ok(Compound {
            writer: self,
            first: true,
            end: "}}",
            number: false,
        })
    }
}

/// Arrays, tuples and tuple variants are written alike: elements between commas.
macro_rules! impl_sequence {
    ($($trait:ident::$method:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Error;

            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
                self.comma();
                value.serialize(&mut *self.writer)
            }

            fn end(self) -> Result<(), Error> {
                self.finish()
            }
        }
    )*};
}

impl_sequence!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// Structs and struct variants are written alike: named fields.
macro_rules! impl_struct {
    ($($trait:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Error;

            fn serialize_field<T: ?Sized + Serialize>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.field(key, value)
            }

            fn end(self) -> Result<(), Error> {
                self.finish()
            }
        }
    )*};
}

impl_struct!(SerializeStruct, SerializeStructVariant);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Error> {
        self.comma();
        let start = self.writer.out.len();
        key.serialize(&mut *self.writer)?;
        // A string key is written as a string value is; a number or a boolean quoted, as
        // serde_json writes them; anything else is not a key.
        match self.writer.out.get(start) {
            Some(b'"') => {}
            Some(b'-' | b'0'..=b'9' | b't' | b'f') => {
                self.writer.out.insert(start, b'"');
                self.writer.out.push(b'"');
            }
            _ => return Err(Error),
        }
        self.writer.out.push(b':');
        Ok(())
    }

    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.writer)
    }

    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

// ---- Compact answers ------------------------------------------------------------------------

thread_local! {
    /// The table of the compact answer being written on this thread, lent by [`to_vec_citing`]
    /// for as long as it writes; [`citations`] numbers with it.
    static CITING: RefCell<Option<CitationTable>> = const { RefCell::new(None) };
}

/// The JSON text of `[epoch, value]`, with each citation list in `value` written as the numbers of
/// its citations in `table` (numbered there when new) and `epoch` the table's: a compact answer.
/// With the numbers replaced by the texts the table gives, it is exactly [`to_vec`]'s text of
/// `[epoch, value]`.
pub fn to_vec_citing<T: ?Sized + Serialize>(
    value: &T,
    table: &mut CitationTable,
) -> Result<Vec<u8>, Error> {
    let epoch = table.epoch;
    citing(table, || to_vec(&(epoch, value)))
}

/// Runs `write` with `table` lent to the answers it writes, through any serializer: each
/// citation list and fixed part they write goes as its number in `table`.
pub fn citing<R>(table: &mut CitationTable, write: impl FnOnce() -> R) -> R {
    let lent = Lent::new(table);
    let written = write();
    drop(lent);
    written
}

/// A table lent to [`CITING`] until it is dropped, also when writing unwinds.
struct Lent<'t> {
    table: &'t mut CitationTable,
    /// What the thread held before (nothing, unless a compact answer is written while another
    /// is), or `None` when the table could not be lent and the answer is written out in full.
    previous: Option<Option<CitationTable>>,
}

impl<'t> Lent<'t> {
    fn new(table: &'t mut CitationTable) -> Lent<'t> {
        let previous = CITING.with(|slot| {
            let mut slot = slot.try_borrow_mut().ok()?;
            Some(slot.replace(std::mem::take(table)))
        });
        Lent { table, previous }
    }
}

impl Drop for Lent<'_> {
    fn drop(&mut self) {
        let Some(previous) = self.previous.take() else {
            return;
        };
        let returned = CITING.with(|slot| {
            let mut slot = slot.try_borrow_mut().ok()?;
            std::mem::replace(&mut *slot, previous)
        });
        if let Some(table) = returned {
            *self.table = table;
        }
    }
}

/// Writes a provision's citations (the `serialize_with` of every `citations` field of a
/// report): while [`to_vec_citing`] writes, as the numbers of the citations in its table, and
/// otherwise as the list of citations, as a derived `Serialize` would.
pub fn citations<S: ser::Serializer>(list: &Citations, serializer: S) -> Result<S::Ok, S::Error> {
    if list.is_empty() {
        return list.serialize(serializer);
    }
    let numbers = CITING.with(|slot| slot.try_borrow_mut().ok()?.as_mut()?.numbers_of(list));
    match numbers {
        Some(numbers) => serializer.collect_seq(numbers.iter()),
        None => list.serialize(serializer),
    }
}

/// Writes an amount a report holds as the regulations write it (`money::format`): the
/// `serialize_with` of a nearest threshold's amounts.
pub fn money<S: ser::Serializer>(
    value: &rust_decimal::Decimal,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&crate::money::written(value))
}

/// An amount written as [`money`] writes it: for an entry written by hand.
pub struct Money<'a>(pub &'a rust_decimal::Decimal);

impl Serialize for Money<'_> {
    fn serialize<S: ser::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        money(self.0, serializer)
    }
}

/// Writes a date a report holds as `YYYY-MM-DD` (the `serialize_with` of its dates).
pub fn date<S: ser::Serializer>(
    date: &chrono::NaiveDate,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match crate::calendar::iso_digits(*date) {
        Some(digits) => serializer.serialize_str(std::str::from_utf8(&digits).unwrap_or_default()),
        None => serializer.serialize_str(&crate::calendar::iso(*date)),
    }
}

/// [`date`], for a date a report may leave out (`skip_serializing_if = "Option::is_none"`).
pub fn some_date<S: ser::Serializer>(
    value: &Option<chrono::NaiveDate>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => date(value, serializer),
        None => serializer.serialize_none(),
    }
}

/// Writes a part of a report that the profile fixes and shares whole (the `serialize_with` of the
/// document names): while [`to_vec_citing`] writes, as its number in the table
/// ([`number_of_shared`]), whose entry is the part's JSON text; otherwise as the part.
pub fn shared<T, S>(part: &Arc<T>, serializer: S) -> Result<S::Ok, S::Error>
where
    T: Serialize + Send + Sync + 'static,
    S: ser::Serializer,
{
    match number_of_shared(part) {
        Some(number) => serializer.serialize_u32(number),
        None => part.serialize(serializer),
    }
}

/// [`shared`], for a part a report may lack (the jurisdiction's description, `null` for an unknown
/// jurisdiction).
pub fn some_shared<T, S>(part: &Option<Arc<T>>, serializer: S) -> Result<S::Ok, S::Error>
where
    T: Serialize + Send + Sync + 'static,
    S: ser::Serializer,
{
    match part {
        Some(part) => shared(part, serializer),
        None => serializer.serialize_none(),
    }
}

/// Writes a text of the profile that does not depend on the form (the `serialize_with` of an
/// explanation, a reason, a description and a verdict's label): while [`to_vec_citing`] writes, as
/// its number in the table, whose entry is the text's JSON string; otherwise as the string.
pub fn fixed_text<S: ser::Serializer>(text: &str, serializer: S) -> Result<S::Ok, S::Error> {
    if text.is_empty() {
        return serializer.serialize_str(text);
    }
    let number = CITING.with(|slot| slot.try_borrow_mut().ok()?.as_mut()?.number_of_text(text));
    match number {
        Some(number) => serializer.serialize_u32(number),
        None => serializer.serialize_str(text),
    }
}

/// The number of the part of a report's entry that the profile fixes (a trace's rule, citations
/// and explanation; all of a nearest threshold but its amount, distance and message): while
/// [`to_vec_citing`] writes, its number in the table, whose entry is the part's JSON text with its
/// own citations and fixed texts by number; otherwise `None`, and the entry is written out. An
/// entry's `Serialize` asks for it and writes `n` in place of the part.
pub fn number_of_part<T: ?Sized + Serialize>(part: &T) -> Option<u32> {
    // Written while the table is not borrowed (the part's citations are numbered through it), into
    // the table's scratch buffer.
    let mut writer = Writer {
        out: take_scratch()?,
    };
    let written = part.serialize(&mut writer);
    number_of_written(writer.out, written.is_ok())
}

/// The number of a fixed part that each edit makes anew, `part` ([`number_of_part`]): a nearest
/// threshold's (each walk and each new amount makes its entries again) or a diagnostic's (each
/// evaluation makes its diagnostics again). Remembered by what it is made from ([`Kept`]) rather
/// than by address, so that a part seen before is not written again to be numbered: `is_of` tells
/// whether a kept part is this one, `keep` makes what is kept of it.
pub(crate) fn number_of_kept<T: ?Sized + Serialize>(
    is_of: &dyn Fn(&Kept) -> bool,
    keep: &dyn Fn() -> Kept,
    part: &T,
) -> Option<u32> {
    if let Some(known) = kept_number(is_of)? {
        return Some(known);
    }
    let number = number_of_part(part)?;
    CITING.with(|slot| {
        if let Some(table) = slot.try_borrow_mut().ok()?.as_mut() {
            // A cache of the parts now in reports: let go of whole when it has grown past them.
            if table.kept.len() >= REMEMBERED_PARTS {
                table.kept.clear();
            }
            table.kept.push((keep(), number));
        }
        Some(())
    });
    Some(number)
}

/// The number of the kept part `is_of` picks; `None` where no compact answer is being written.
fn kept_number(is_of: &dyn Fn(&Kept) -> bool) -> Option<Option<u32>> {
    CITING.with(|slot| {
        let slot = slot.try_borrow().ok()?;
        let table = slot.as_ref()?;
        let found = table.kept.iter().find(|(kept, _)| is_of(kept));
        Some(found.map(|&(_, number)| number))
    })
}

/// The number of a part the profile fixes and shares ([`number_of_part`]): remembered by the
/// part's address, as a citation list is, so that a part seen before is not written again.
pub fn number_of_shared<T: Serialize + Send + Sync + 'static>(part: &Arc<T>) -> Option<u32> {
    let pin = || Arc::clone(part) as Arc<dyn Any + Send + Sync>;
    number_of_pieces([address(part), 0, 0], pin, &**part)
}

/// The number of a part written from up to three pieces the profile shares (a trace's rule,
/// citations and explanation), remembered by their `addresses`, as [`number_of_shared`]
/// remembers a part by its one: `pin` holds the pieces while their number is remembered, so
/// that no other piece takes an address meanwhile.
pub fn number_of_pieces<T: ?Sized + Serialize>(
    addresses: [usize; 3],
    pin: impl FnOnce() -> Arc<dyn Any + Send + Sync>,
    part: &T,
) -> Option<u32> {
    let known = CITING.with(|slot| slot.try_borrow().ok()?.as_ref()?.shared_number(addresses))?;
    if let Some(number) = known {
        return Some(number);
    }
    let number = number_of_part(part)?;
    CITING.with(|slot| {
        slot.try_borrow_mut()
            .ok()?
            .as_mut()?
            .remember_shared(addresses, pin(), number);
        Some(number)
    })
}

/// Where a shared piece is, for [`number_of_pieces`].
pub fn address<T: ?Sized>(piece: &Arc<T>) -> usize {
    Arc::as_ptr(piece).cast::<u8>() as usize
}

/// Whether a compact answer is being written on this thread: for a `Serialize` that leaves out
/// what the reader of a compact answer puts back.
pub fn writing_compact() -> bool {
    CITING.with(|slot| slot.try_borrow().is_ok_and(|table| table.is_some()))
}

/// The scratch buffer of the table lent to [`CITING`], or `None` if no compact answer is being
/// written on this thread.
fn take_scratch() -> Option<Vec<u8>> {
    CITING.with(|slot| {
        Some(std::mem::take(
            &mut slot.try_borrow_mut().ok()?.as_mut()?.scratch,
        ))
    })
}

/// The number of a part's JSON text, `written` into the scratch buffer, which goes back to the
/// table.
fn number_of_written(mut text: Vec<u8>, written: bool) -> Option<u32> {
    CITING.with(|slot| {
        let mut slot = slot.try_borrow_mut().ok()?;
        let table = slot.as_mut()?;
        let number = if written { table.number(&text) } else { None };
        text.clear();
        table.scratch = text;
        number
    })
}

/// A provision's citations, written as [`citations`] writes them: for an entry's fixed part
/// written by hand.
pub struct Cited<'a>(pub &'a Citations);

impl Serialize for Cited<'_> {
    fn serialize<S: ser::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        citations(self.0, serializer)
    }
}

/// A text that is fixed but for one value in it (a nearest threshold's message, but for the
/// distance): while [`to_vec_citing`] writes, `[a, b]`, the numbers of the fixed texts before and
/// after the value's first occurrence, or the number of the whole text where the value is not in
/// it; otherwise the text. The reader puts the value, which the entry also carries, between the
/// two.
pub struct TextAround<'a> {
    pub text: &'a str,
    pub value: &'a str,
}

impl Serialize for TextAround<'_> {
    fn serialize<S: ser::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !self.value.is_empty() && writing_compact() {
            if let Some((before, after)) = crate::split_once_str(self.text, self.value) {
                return (FixedText(before), FixedText(after)).serialize(serializer);
            }
            return fixed_text(self.text, serializer);
        }
        serializer.serialize_str(self.text)
    }
}

/// A fixed text, written as [`fixed_text`] writes it: for an entry's fixed part written by hand.
pub struct FixedText<'a>(pub &'a str);

impl Serialize for FixedText<'_> {
    fn serialize<S: ser::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        fixed_text(self.0, serializer)
    }
}

/// How many citation lists a table remembers by address before it forgets those nobody else
/// holds any more (a list made for one report); a profile's own lists are far fewer.
const REMEMBERED_LISTS: usize = 256;

/// How many parts a table remembers by value ([`number_of_kept`]) before it starts again: a
/// delta holds a few, a report a few nearest thresholds and its diagnostics.
const REMEMBERED_PARTS: usize = 64;

/// The citations and fixed texts compact answers name by number ([`to_vec_citing`]): each one's
/// JSON text, numbered from 0 in the order answers first named them. A number holds until the table is
/// [cleared](CitationTable::clear), which starts a new epoch, so that a reader holding texts by
/// number knows when to let them go. The texts are the profiles' citations, fixed texts and fixed
/// parts, so the table never holds more than the profiles that answers were made under give.
#[derive(Debug, Clone, Default)]
pub struct CitationTable {
    epoch: u32,
    texts: Vec<Box<[u8]>>,
    /// (fingerprint of a text, its number), in order of fingerprint; the text itself is compared
    /// before a number is given. Sorted lists rather than maps: they are short, and a map of
    /// these types would add its own code to the module.
    numbers: Vec<(u64, u32)>,
    /// (address, list, its numbers) of the lists already numbered, in order of address; each is
    /// held, so that no other list takes its address.
    lists: Vec<(usize, Citations, Arc<[u32]>)>,
    /// (fingerprint of a fixed text as given, its number, whether its entry is the text between
    /// quotes, with nothing escaped), in order of fingerprint, so that a text seen before is found
    /// without writing it as JSON again.
    fixed: Vec<(u64, u32, bool)>,
    /// Where a fixed part is written to be numbered ([`number_of_part`]), kept between parts.
    scratch: Vec<u8>,
    /// (addresses, pieces, their number) of the shared parts already numbered
    /// ([`number_of_pieces`]), in order of addresses; each is held, as the lists are.
    shared: Vec<([usize; 3], Arc<dyn Any + Send + Sync>, u32)>,
    /// (what a part was made from, its number) of the parts remembered by value
    /// ([`number_of_kept`]), in the order they were first numbered.
    kept: Vec<(Kept, u32)>,
}

impl CitationTable {
    /// Starts at 0 and counts the clears.
    pub fn epoch(&self) -> u32 {
        self.epoch
    }

    /// How many entries (citations and fixed texts) are numbered.
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// The JSON text of entry `number`: a citation, or a fixed text.
    pub fn get(&self, number: usize) -> Option<&[u8]> {
        self.texts.get(number).map(AsRef::as_ref)
    }

    /// Forgets every number, in a new epoch: for when the citations named so far need not be
    /// named again (a profile was replaced), so that the table does not keep them.
    pub fn clear(&mut self) {
        self.texts.clear();
        self.numbers.clear();
        self.lists.clear();
        self.fixed.clear();
        self.shared.clear();
        self.kept.clear();
        self.epoch = self.epoch.wrapping_add(1);
    }

    /// The JSON text of `[epoch, [citation, …]]`, the citations numbered `from` on.
    pub fn to_vec_from(&self, from: usize) -> Vec<u8> {
        let tail = self.texts.get(from..).unwrap_or_default();
        let mut out = Vec::with_capacity(16 + tail.iter().map(|t| t.len() + 1).sum::<usize>());
        out.push(b'[');
        out.extend_from_slice(self.epoch.to_string().as_bytes());
        out.extend_from_slice(b",[");
        for (i, text) in tail.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(text);
        }
        out.extend_from_slice(b"]]");
        out
    }

    /// The numbers of a list's citations: remembered for the list, or numbered now and
    /// remembered. `None` (the list is written out) only if one cannot be numbered.
    fn numbers_of(&mut self, list: &Citations) -> Option<Arc<[u32]>> {
        let address = address(list);
        if let Ok(at) = self.lists.binary_search_by_key(&address, |entry| entry.0) {
            return self.lists.get(at).map(|entry| Arc::clone(&entry.2));
        }
        let mut numbers = Vec::with_capacity(list.len());
        for citation in list.iter() {
            numbers.push(self.number(&to_vec(citation).ok()?)?);
        }
        let numbers: Arc<[u32]> = numbers.into();
        if self.lists.len() >= REMEMBERED_LISTS {
            // Lists made for reports no longer held; then, should there still be too many, all.
            self.lists.retain(|entry| Arc::strong_count(&entry.1) > 1);
            if self.lists.len() >= REMEMBERED_LISTS {
                self.lists.clear();
            }
        }
        let at = self.lists.partition_point(|entry| entry.0 < address);
        self.lists
            .insert(at, (address, Arc::clone(list), Arc::clone(&numbers)));
        Some(numbers)
    }

    /// `Some(number)` of a shared part remembered at `addresses`, `Some(None)` if none is.
    fn shared_number(&self, addresses: [usize; 3]) -> Option<Option<u32>> {
        Some(
            self.shared
                .binary_search_by_key(&addresses, |entry| entry.0)
                .ok()
                .and_then(|at| self.shared.get(at))
                .map(|entry| entry.2),
        )
    }

    /// Remembers a shared part's number by its pieces' addresses, holding the pieces.
    fn remember_shared(
        &mut self,
        addresses: [usize; 3],
        pieces: Arc<dyn Any + Send + Sync>,
        number: u32,
    ) {
        if self.shared.len() >= REMEMBERED_LISTS {
            // Parts no one else holds any more (a trace's pieces, held through the table's own
            // tuple, go too, to be numbered again when next written); then, should there still
            // be too many, all.
            self.shared.retain(|entry| Arc::strong_count(&entry.1) > 1);
            if self.shared.len() >= REMEMBERED_LISTS {
                self.shared.clear();
            }
        }
        let at = self.shared.partition_point(|entry| entry.0 < addresses);
        if self.shared.get(at).is_none_or(|entry| entry.0 != addresses) {
            self.shared.insert(at, (addresses, pieces, number));
        }
    }

    /// The number of a fixed text, given it if it is new; `None` (the text is written out) only
    /// as for [`CitationTable::number`].
    fn number_of_text(&mut self, text: &str) -> Option<u32> {
        let print = fingerprint(text.as_bytes());
        if let Ok(at) = self.fixed.binary_search_by_key(&print, |entry| entry.0) {
            let &(_, n, plain) = self.fixed.get(at)?;
            let known = self.texts.get(usize::try_from(n).ok()?)?;
            return is_json_of(known, text, plain).then_some(n);
        }
        let json = to_vec(text).ok()?;
        let plain = json.len() == text.len() + 2;
        let n = self.number(&json)?;
        let at = self.fixed.partition_point(|entry| entry.0 < print);
        self.fixed.insert(at, (print, n, plain));
        Some(n)
    }

    /// The number of a citation's text, given it if it is new. `None` only for another text
    /// with the same fingerprint, which is unlikely, or beyond 2^32 citations.
    fn number(&mut self, text: &[u8]) -> Option<u32> {
        let print = fingerprint(text);
        match self.numbers.binary_search_by_key(&print, |entry| entry.0) {
            Ok(at) => {
                let n = self.numbers.get(at)?.1;
                let known = self.texts.get(usize::try_from(n).ok()?)?;
                (known.as_ref() == text).then_some(n)
            }
            Err(at) => {
                let n = u32::try_from(self.texts.len()).ok()?;
                self.texts.push(text.into());
                self.numbers.insert(at, (print, n));
                Some(n)
            }
        }
    }
}

/// Whether `json`, a table's entry, is the JSON string of `text`. Where the entry is `plain`,
/// without an escape in it, the text is what stands between its quotes, and the two are compared
/// without writing the text as JSON.
fn is_json_of(json: &[u8], text: &str, plain: bool) -> bool {
    if plain {
        json.len() == text.len() + 2 && json.get(1..json.len() - 1) == Some(text.as_bytes())
    } else {
        to_vec(text).is_ok_and(|written| written == json)
    }
}

/// A 64-bit fingerprint of a text, eight bytes at a time (FxHash's mixing).
fn fingerprint(bytes: &[u8]) -> u64 {
    const SEED: u64 = 0x517c_c1b7_2722_0a95;
    let mix = |hash: u64, word: u64| (hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    let mut hash = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        hash = mix(
            hash,
            <[u8; 8]>::try_from(chunk).map_or(0, u64::from_le_bytes),
        );
    }
    for &byte in chunks.remainder() {
        hash = mix(hash, u64::from(byte));
    }
    hash
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::codes::Code;
    use crate::report::{Citation, Diagnostic};

    /// The word-at-a-time search finds the first byte a string stops at, whatever the bytes
    /// around it (a borrow marks bytes after the first, never before).
    #[test]
    fn the_first_special_byte_is_found_eight_at_a_time_as_one_by_one() {
        use proptest::prelude::*;
        let bytes = proptest::sample::select(vec![
            0u8, 0x1f, 0x20, 0x21, b'"', b'\\', b'a', 0x7f, 0x80, 0xa0, 0xe9, 0xff,
        ]);
        proptest!(|(text in proptest::collection::vec(bytes, 0..40))| {
            let one_by_one = text.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20);
            prop_assert_eq!(first_special(&text), one_by_one);
        });
    }

    fn citation(article: &str) -> Citation {
        Citation {
            jurisdiction: "j".into(),
            regulation: "r".into(),
            document_number: None,
            article: article.into(),
            summary: "s".into(),
        }
    }

    fn cited(list: &Citations) -> Diagnostic {
        Diagnostic::new(Code::UnknownJurisdiction, "").rule(&Arc::from("rule"), Arc::clone(list))
    }

    #[test]
    fn lists_made_for_one_answer_are_numbered_by_their_text_and_not_kept() {
        let mut table = CitationTable::default();
        let kept: Citations = vec![citation("第一条"), citation("第二条")].into();
        let first = to_vec_citing(&cited(&kept), &mut table).unwrap();
        assert!(first.ends_with(br#""citations":[0,1],"params":{}}]"#));
        for i in 0..1_000 {
            // A new list each time, as a report that joins two provisions' citations makes.
            let article = ["第一条", "第二条", "第三条"][i % 3];
            let made: Citations = vec![citation("第二条"), citation(article)].into();
            let text =
                String::from_utf8(to_vec_citing(&cited(&made), &mut table).unwrap()).unwrap();
            let expected = ["[1,0]", "[1,1]", "[1,2]"][i % 3];
            assert!(
                text.contains(&format!(r#""citations":{expected}"#)),
                "{i}: {text}"
            );
            assert!(table.lists.len() <= REMEMBERED_LISTS);
        }
        assert_eq!(table.len(), 3);
        // The list a profile holds is still remembered by its address.
        assert!(table.lists.iter().any(|entry| Arc::ptr_eq(&entry.1, &kept)));
        assert_eq!(to_vec_citing(&cited(&kept), &mut table).unwrap(), first);
    }

    /// An amount the reader refused, as the engine makes the diagnostic, its message rendered.
    fn invalid_amount(input: &str, reason: &str) -> Diagnostic {
        let mut d = Diagnostic::new(Code::InvalidAmount, "totalInvestment")
            .param("input", input)
            .param("reason", reason);
        d.message = format!("「预计总投资」填写的「{input}」不是有效金额").into();
        d
    }

    #[test]
    fn a_diagnostic_made_again_is_numbered_from_what_the_table_kept() {
        let mut table = CitationTable::default();
        let mut answer = |d: &Diagnostic| String::from_utf8(to_vec_citing(d, &mut table).unwrap());
        let first = answer(&invalid_amount("300.", "notANumber")).unwrap();
        // Entries 0 and 1 are the texts around the value.
        assert!(first.ends_with(r#"[2,"300."]]"#), "{first}");
        // Made again, as the next evaluation makes it: the same answer, from the part kept.
        assert_eq!(
            answer(&invalid_amount("300.", "notANumber")).unwrap(),
            first
        );
        // Another value written apart: the same entry.
        let other = answer(&invalid_amount("3..", "notANumber")).unwrap();
        assert!(other.ends_with(r#"[2,"3.."]]"#), "{other}");
        // Another parameter: another entry.
        let reason = answer(&invalid_amount("300.", "tooManyDecimals")).unwrap();
        assert!(reason.ends_with(r#"[3,"300."]]"#), "{reason}");
        // Texts around the value of their own: another entry (4 is the new text before it).
        let mut moved = invalid_amount("300.", "notANumber");
        moved.message = "「300.」不是有效金额".into();
        let moved = answer(&moved).unwrap();
        assert!(moved.ends_with(r#"[5,"300."]]"#), "{moved}");
        assert_eq!(table.kept.len(), 3);
        assert_eq!(table.len(), 6);
    }

    /// A nearest threshold made again at the next keystroke shares its parameter's name and its
    /// verdict's label with the profile, so the table finds what it kept of it by address.
    #[test]
    fn a_nearest_threshold_made_again_is_numbered_from_what_the_table_kept() {
        use crate::live::LiveValidator;
        let options = crate::Options::for_jurisdiction("tongzhou");
        let mut live = LiveValidator::new(crate::builtin(), options);
        let mut table = CitationTable::default();
        let mut kept = Vec::new();
        for amount in ["299", "298", "297"] {
            let delta = live.set("totalInvestment", &amount.into()).unwrap();
            let merge = delta.nearest.changed.iter().find(|n| n.outcome == "merge");
            assert!(merge.is_some_and(|n| n.key == "merge:totalInvestment:above"));
            to_vec_citing(&delta, &mut table).unwrap();
            kept.push(table.kept.len());
            live.release_answered();
        }
        // Each keystroke after the first moves the same entries: nothing more to keep.
        assert!(kept[0] > 0, "{kept:?}");
        assert_eq!(kept[1], kept[0], "{kept:?}");
        assert_eq!(kept[2], kept[0], "{kept:?}");
    }

    #[test]
    fn outside_a_compact_answer_citations_are_written_out() {
        let list: Citations = vec![citation("第一条")].into();
        let mut table = CitationTable::default();
        to_vec_citing(&cited(&list), &mut table).unwrap();
        assert_eq!(
            to_vec(&cited(&list)).unwrap(),
            serde_json::to_vec(&cited(&list)).unwrap()
        );
        assert!(String::from_utf8(to_vec(&cited(&list)).unwrap())
            .unwrap()
            .contains(r#""citations":[{"jurisdiction":"j""#));
    }

    #[test]
    fn a_traces_fixed_part_is_numbered_once_by_its_pieces_and_alike_by_its_text() {
        use crate::report::Trace;
        let trace = |rule: &Arc<str>, list: &Citations, why: &Arc<str>| Trace {
            rule: Arc::clone(rule),
            citations: Arc::clone(list),
            facts: Vec::new(),
            explanation: Arc::clone(why),
        };
        let (rule, why): (Arc<str>, Arc<str>) =
            (Arc::from("tz-merge-1"), Arc::from("可以合并编报"));
        let list: Citations = vec![citation("第十一条")].into();
        let mut table = CitationTable::default();
        let first = to_vec_citing(&trace(&rule, &list, &why), &mut table).unwrap();
        assert_eq!(first, br#"[0,[2,[]]]"#);
        assert_eq!(table.shared.len(), 1);
        // Held by the table, so that no other piece takes their addresses while it remembers them.
        assert_eq!(Arc::strong_count(&rule), 2);
        let again = to_vec_citing(&trace(&rule, &list, &why), &mut table).unwrap();
        assert_eq!(again, first);
        assert_eq!((table.shared.len(), table.len()), (1, 3));
        // The same texts in other pieces: the same number, found by the text.
        let (rule2, why2): (Arc<str>, Arc<str>) =
            (Arc::from("tz-merge-1"), Arc::from("可以合并编报"));
        let list2: Citations = vec![citation("第十一条")].into();
        let other = to_vec_citing(&trace(&rule2, &list2, &why2), &mut table).unwrap();
        assert_eq!(other, first);
        assert_eq!((table.shared.len(), table.len()), (2, 3));
        // Another explanation with the same rule and citations: another part.
        let why3: Arc<str> = Arc::from("应当分别编报");
        let third = to_vec_citing(&trace(&rule, &list, &why3), &mut table).unwrap();
        assert_eq!(third, br#"[0,[4,[]]]"#);
        assert_eq!(table.len(), 5);
        // An explanation nobody else holds (written for one report): by its text, not kept.
        let shared = table.shared.len();
        let alone = Trace {
            explanation: Arc::from("应当分别编报"),
            ..trace(&rule, &list, &why3)
        };
        let written = to_vec_citing(&alone, &mut table).unwrap();
        assert_eq!(written, third);
        assert_eq!((table.shared.len(), table.len()), (shared, 5));
    }

    #[test]
    fn a_fingerprint_shared_by_two_texts_leaves_the_second_written_out() {
        let mut table = CitationTable::default();
        assert_eq!(table.number(b"a"), Some(0));
        let print = fingerprint(b"b");
        // Pretend "b" has the fingerprint of "a".
        table.numbers = vec![(print, 0)];
        assert_eq!(table.number(b"b"), None);
        assert_eq!(table.len(), 1);
    }

    #[test]
    fn a_fixed_text_is_found_again_with_or_without_characters_to_escape() {
        let mut table = CitationTable::default();
        for text in ["通州", "a\"b", "行\n二", "a\\\"b"] {
            let n = table.number_of_text(text);
            assert!(n.is_some(), "{text:?}");
            assert_eq!(table.number_of_text(text), n, "{text:?}");
            let plain = !text.contains(['"', '\\', '\n']);
            assert!(is_json_of(
                table.get(n.unwrap() as usize).unwrap(),
                text,
                plain
            ));
        }
        assert_eq!(table.len(), 4);
        // The JSON of one text is not taken for another whose bytes it holds between its quotes.
        assert!(!is_json_of(br#""a\"b""#, r#"a\"b"#, false));
        assert!(is_json_of(br#""a\"b""#, r#"a"b"#, false));
        assert!(!is_json_of(br#""ab""#, "a\"b", true));
    }

    #[test]
    fn unsigned_integers_are_written_as_serde_json_writes_them() {
        for n in [0u64, 7, 10, 99, 100, 4_294_967_295, u64::MAX] {
            assert_eq!(to_vec(&n).unwrap(), serde_json::to_vec(&n).unwrap());
        }
    }
}
