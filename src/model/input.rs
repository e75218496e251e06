//! An application's JSON as given, read straight from its text.
//!
//! The reader (the module `json_reader`) borrows the text's strings (a copy is made only of a string
//! with escapes) and keeps each number as written, so that `300.0001` or `1e400` reaches the money
//! parser digit for digit: none of the `serde_json::Value` whose every string and map node would
//! be allocated and then freed once the application is read.
//! A live edit's value from a form control is read from the JavaScript value into the same type.

use std::borrow::Cow;

use serde::ser::{Serialize, SerializeStruct, Serializer};
use serde_json::Value as Json;

pub use super::json_reader::SyntaxError;

/// A JSON value borrowing from the text it was read from.
#[derive(Debug, Clone, PartialEq)]
pub enum Input<'a> {
    Null,
    Bool(bool),
    /// As written in the text.
    Number(Cow<'a, str>),
    String(Cow<'a, str>),
    Array(Vec<Input<'a>>),
    /// The members sorted by key, the last of equal keys kept, as a `serde_json::Map` holds them:
    /// the problems found reading an object come in the same order whatever order its members
    /// were written in.
    Object(Vec<(Cow<'a, str>, Input<'a>)>),
}

impl<'a> Input<'a> {
    /// Parses JSON text, which must hold one value and nothing after it but whitespace.
    /// It accepts and refuses what serde_json does, with the same line, column and message.
    pub fn parse(text: &'a str) -> Result<Input<'a>, SyntaxError> {
        super::json_reader::read(text)
    }

    /// Parses JSON text written by `JSON.stringify`: as [`Input::parse`], and where that fails,
    /// again with [`replace_lone_surrogates`] (only then, so that ordinary text pays nothing). Owns
    /// what it read, which may come from the repaired copy.
    pub fn parse_stringified(text: &str) -> Result<Input<'static>, SyntaxError> {
        Input::parse(text).map(Input::into_owned).or_else(|e| {
            replace_lone_surrogates(text)
                .and_then(|repaired| Input::parse(&repaired).map(Input::into_owned).ok())
                .ok_or(e)
        })
    }

    /// A `serde_json::Value` seen as an input, borrowing its strings.
    pub fn from_json(json: &'a Json) -> Input<'a> {
        match json {
            Json::Null => Input::Null,
            Json::Bool(b) => Input::Bool(*b),
            Json::Number(n) => Input::Number(Cow::Borrowed(n.as_str())),
            Json::String(s) => Input::String(Cow::Borrowed(s)),
            Json::Array(items) => Input::Array(items.iter().map(Input::from_json).collect()),
            Json::Object(map) => Input::Object(
                map.iter()
                    .map(|(k, v)| (Cow::Borrowed(k.as_str()), Input::from_json(v)))
                    .collect(),
            ),
        }
    }

    /// The same value as a `serde_json::Value`.
    pub fn to_json(&self) -> Json {
        match self {
            Input::Null => Json::Null,
            Input::Bool(b) => Json::Bool(*b),
            Input::Number(n) => n.parse().map_or(Json::Null, Json::Number),
            Input::String(s) => Json::String(s.to_string()),
            Input::Array(items) => Json::Array(items.iter().map(Input::to_json).collect()),
            Input::Object(members) => Json::Object(crate::sorted::gathered(
                members.iter().map(|(k, v)| (k.to_string(), v.to_json())),
            )),
        }
    }

    /// The text of a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Input::String(text) => Some(text),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Input::Null)
    }

    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Input<'a>> {
        let Input::Object(members) = self else {
            return None;
        };
        let at = find_member(members, key).ok()?;
        members.get(at).map(|(_, v)| v)
    }

    /// The member `key` of an object, to change.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Input<'a>> {
        let Input::Object(members) = self else {
            return None;
        };
        let at = find_member(members, key).ok()?;
        members.get_mut(at).map(|(_, v)| v)
    }

    /// The JSON type's name, as a wrong type's diagnostic says it.
    pub fn type_name(&self) -> &'static str {
        match self {
            Input::Null => "null",
            Input::Bool(_) => "boolean",
            Input::Number(_) => "number",
            Input::String(_) => "string",
            Input::Array(_) => "array",
            Input::Object(_) => "object",
        }
    }

    /// Owns what it borrowed.
    pub fn into_owned(self) -> Input<'static> {
        let own = |s: Cow<'a, str>| Cow::Owned(s.into_owned());
        match self {
            Input::Null => Input::Null,
            Input::Bool(b) => Input::Bool(b),
            Input::Number(n) => Input::Number(own(n)),
            Input::String(s) => Input::String(own(s)),
            Input::Array(items) => Input::Array(items.into_iter().map(Input::into_owned).collect()),
            Input::Object(members) => Input::Object(
                members
                    .into_iter()
                    .map(|(k, v)| (own(k), v.into_owned()))
                    .collect(),
            ),
        }
    }
}

/// JSON text with every `\uXXXX` escape of an unpaired surrogate replaced by `\ufffd`; `None`
/// when it has none. `JSON.stringify` writes a lone surrogate as such an escape, which is not
/// Unicode and which serde_json refuses; read as U+FFFD, it arrives as an invalid character does
/// in decoded text, or a lone surrogate in a string handed to the module directly.
pub fn replace_lone_surrogates(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let unit = |at: usize| -> Option<u16> {
        let hex = text.get(at + 2..at + 6)?;
        let escape = bytes.get(at) == Some(&b'\\') && bytes.get(at + 1) == Some(&b'u');
        (escape && hex.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| u16::from_str_radix(hex, 16).ok())
            .flatten()
    };
    let mut out = String::new();
    let mut copied = 0;
    let mut at = 0;
    while let Some(offset) = text.get(at..).and_then(|rest| rest.find('\\')) {
        at += offset;
        let lone = match unit(at) {
            Some(0xD800..=0xDBFF) if matches!(unit(at + 6), Some(0xDC00..=0xDFFF)) => {
                at += 12;
                continue;
            }
            Some(0xD800..=0xDFFF) => true,
            Some(_) => false,
            None => {
                // Any other escape is two characters, `\\` included.
                at += 2;
                continue;
            }
        };
        if lone {
            out.push_str(text.get(copied..at)?);
            out.push_str("\\ufffd");
            copied = at + 6;
        }
        at += 6;
    }
    if copied == 0 {
        return None;
    }
    out.push_str(text.get(copied..)?);
    Some(out)
}

/// Where `key` is among an object's members, which are kept in the order of their keys; `Err`
/// with where it would go.
pub(crate) fn find_member(
    members: &[(Cow<'_, str>, Input<'_>)],
    key: &str,
) -> Result<usize, usize> {
    members.binary_search_by(|(k, _)| k.as_ref().cmp(key))
}

/// Written as JSON, numbers as their text: the same text as its [`Input::to_json`] writes. A
/// number is serde_json's `Number` as its `arbitrary_precision` feature serialises it, which
/// `json_text` writes as serde_json does.
impl Serialize for Input<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Input::Null => serializer.serialize_unit(),
            Input::Bool(b) => serializer.serialize_bool(*b),
            Input::Number(text) => {
                let token = crate::json_text::NUMBER_TOKEN;
                let mut number = serializer.serialize_struct(token, 1)?;
                number.serialize_field(token, text.as_ref())?;
                number.end()
            }
            Input::String(text) => serializer.serialize_str(text),
            Input::Array(items) => serializer.collect_seq(items),
            Input::Object(members) => {
                serializer.collect_map(members.iter().map(|(key, value)| (key.as_ref(), value)))
            }
        }
    }
}

/// An object of `members` in the order of their keys, a later member replacing an earlier one of
/// the same key.
pub(crate) fn object<'a>(mut members: Vec<(Cow<'a, str>, Input<'a>)>) -> Input<'a> {
    // A stable sort keeps equal keys in the order written.
    crate::sorted::sort_by(&mut members, |a, b| a.0.cmp(&b.0));
    members.dedup_by(|later, earlier| {
        let equal = later.0 == earlier.0;
        if equal {
            std::mem::swap(later, earlier);
        }
        equal
    });
    Input::Object(members)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_keeps_every_digit() {
        let text = r#"{"a": 300.0001, "b": 1e400, "c": -0, "d": 12345678901234567890123}"#;
        let input = Input::parse(text).unwrap();
        let number = |key| match input.get(key) {
            Some(Input::Number(n)) => n.to_string(),
            other => format!("{other:?}"),
        };
        assert_eq!(number("a"), "300.0001");
        // serde_json writes the exponent's sign; the value is the one written.
        assert_eq!(number("b"), "1e+400");
        assert_eq!(number("c"), "-0");
        assert_eq!(number("d"), "12345678901234567890123");
        assert_eq!(input.to_json(), serde_json::from_str::<Json>(text).unwrap());
    }

    #[test]
    fn an_input_is_written_as_its_json_value_is() {
        let text = r#"{"z": [1.50, -0, 1e400, 12345678901234567890123], "a": {"s": "通州\n\"", "t": true, "n": null}}"#;
        let input = Input::parse(text).unwrap();
        let expected = serde_json::to_vec(&input.to_json()).unwrap();
        assert_eq!(serde_json::to_vec(&input).unwrap(), expected);
        assert_eq!(crate::json_text::to_vec(&input).unwrap(), expected);
        assert!(String::from_utf8(expected)
            .unwrap()
            .contains("[1.50,-0,1e+400,"));
    }

    #[test]
    fn strings_without_escapes_are_borrowed() {
        let input = Input::parse(r#"{"plain": "通州", "escaped": "a\"b"}"#).unwrap();
        assert!(matches!(
            input.get("plain"),
            Some(Input::String(Cow::Borrowed("通州")))
        ));
        assert!(matches!(input.get("escaped"), Some(Input::String(Cow::Owned(s))) if s == "a\"b"));
    }

    #[test]
    fn members_are_sorted_and_the_last_of_equal_keys_wins_as_in_serde_json() {
        let text =
            r#"{"z": 1, "a": [true, null, {"k": "v"}], "m": "x", "a": {"b": 2, "b": 3}, "z": 4}"#;
        let input = Input::parse(text).unwrap();
        let json: Json = serde_json::from_str(text).unwrap();
        assert_eq!(input.to_json(), json);
        assert_eq!(Input::from_json(&json), input);
        let Input::Object(members) = &input else {
            panic!("an object")
        };
        let keys: Vec<&str> = members.iter().map(|(k, _)| k.as_ref()).collect();
        assert_eq!(keys, ["a", "m", "z"]);
    }

    #[test]
    fn a_lone_surrogate_escape_reads_as_the_replacement_character() {
        assert_eq!(
            replace_lone_surrogates(r#"["\ud800"]"#).as_deref(),
            Some(r#"["\ufffd"]"#)
        );
        assert_eq!(
            replace_lone_surrogates(r#"["a\udc00b\ud83d"]"#).as_deref(),
            Some(r#"["a\ufffdb\ufffd"]"#)
        );
        // A pair, and escapes that are not surrogates, stay.
        assert_eq!(
            replace_lone_surrogates(r#"["\ud83d\ude00 \\ud800 \u0041"]"#),
            None
        );
        let read = Input::parse_stringified(r#"{"name": "\ud800x"}"#).unwrap();
        assert_eq!(read.get("name"), Some(&Input::String("\u{fffd}x".into())));
        assert!(Input::parse_stringified(r#"{"name": "\ud800x""#).is_err());
    }
}
