//! Compact JSON text, exactly as `serde_json::to_string` writes it, in a fraction of the time:
//! serde_json looks up every byte of every string to see whether it needs escaping, which was
//! most of the cost of writing a report or a delta; here a string is checked eight bytes at a time
//! and, having nothing to escape (nearly every string), copied whole. Scalars other than strings
//! are few and go to serde_json itself. The npm package writes every answer with it; a server
//! can too.
//!
//! ```
//! use gov_it_rules::{builtin, json_text, Options};
//! let options = Options::from_json(&serde_json::json!({ "jurisdiction": "tongzhou" })).unwrap();
//! let report = builtin().validate_str(r#"{"totalInvestment": "268.5"}"#, &options);
//! let text = json_text::to_vec(&report).unwrap();
//! assert_eq!(text, serde_json::to_vec(&report).unwrap());
//! ```

use std::fmt::Display;

use serde::ser::{self, Serialize};

#[derive(Debug)]
pub struct Error(String);

impl Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(message: T) -> Self {
        Error(message.to_string())
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error(e.to_string())
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

/// The name serde_json's `Number` serialises under when it keeps numbers as their text.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

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

    /// A scalar as serde_json writes it.
    fn scalar<T: Serialize>(&mut self, value: T) -> Result<(), Error> {
        serde_json::to_writer(&mut self.out, &value)?;
        Ok(())
    }
}

/// Whether no byte is a quote, a backslash or a control character, eight bytes at a time.
fn needs_no_escape(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let has_zero = |word: u64| word.wrapping_sub(ONES) & !word & HIGHS;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let Ok(&word) = <&[u8; 8]>::try_from(chunk) else {
            return false;
        };
        let word = u64::from_le_bytes(word);
        let control = word.wrapping_sub(ONES * 0x20) & !word & HIGHS;
        if control | has_zero(word ^ (ONES * 0x22)) | has_zero(word ^ (ONES * 0x5C)) != 0 {
            return false;
        }
    }
    chunks
        .remainder()
        .iter()
        .all(|&b| b >= 0x20 && b != b'"' && b != b'\\')
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

    fn field<T: ?Sized + Serialize>(&mut self, key: &str, value: &T) -> Result<(), Error> {
        let start = self.key(key);
        value.serialize(&mut *self.writer)?;
        self.unquote_number(start);
        Ok(())
    }

    /// Writes `,"key":` (or nothing for a number) and returns where the value starts.
    fn key(&mut self, key: &str) -> usize {
        if !self.number {
            self.comma();
            self.writer.string(key);
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
        self.scalar(v)
    }

    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.scalar(v)
    }

    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.scalar(v)
    }

    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.scalar(v)
    }

    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        self.scalar(v)
    }

    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.scalar(v)
    }

    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.scalar(v)
    }

    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.scalar(v)
    }

    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.scalar(v)
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
        self.string(variant);
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
        self.string(variant);
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
        self.string(variant);
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
        self.string(variant);
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
        // A string key is written as a string value is; any other key as serde_json writes it
        // (integers quoted, or its error).
        if self.writer.out.get(start) != Some(&b'"') {
            self.writer.out.truncate(start);
            let text = serde_json::to_string(&KeyOnly(key))?;
            let inner = text
                .strip_prefix('{')
                .and_then(|t| t.strip_suffix(":null}"))
                .unwrap_or_default();
            self.writer.out.extend_from_slice(inner.as_bytes());
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

/// A one-entry map `{key: null}`, for serde_json to write a key that is not a string.
struct KeyOnly<'a, T: ?Sized>(&'a T);

impl<T: ?Sized + Serialize> Serialize for KeyOnly<'_, T> {
    fn serialize<S: ser::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(self.0, &())?;
        map.end()
    }
}
