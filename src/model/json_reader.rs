//! JSON text read into an [`Input`], accepting and refusing exactly what serde_json does, at the
//! same line and column and with the same message.
//!
//! serde_json's deserialiser reaches the value through serde's visitor protocol, whose messages
//! for an unexpected value link core's floating-point printing and string-escaping tables into
//! the module (~40 KB of wasm with serde-wasm-bindgen's reader, measured in BENCHMARKS.md). This
//! reader builds the one type the crate reads applications into, borrows every string without an
//! escape and every number without an exponent, and never sees a float. A test compares it with
//! serde_json on valid and invalid text.

use std::borrow::Cow;
use std::fmt;

use super::input::{object, Input};

/// Containers nested in one another that the reader follows, as serde_json's recursion limit:
/// the 128th is refused. The package refuses an application nested deeper than
/// [`crate::limits::MAX_DEPTH`] before parsing it.
const MAX_NESTING: usize = 128;

/// JSON text that is not one well-formed value, with where, as serde_json reports it: line from
/// 1, column the bytes of that line up to and including the one at fault (0 before the first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    fault: Fault,
    line: usize,
    column: usize,
}

impl SyntaxError {
    pub fn line(&self) -> usize {
        self.line
    }

    pub fn column(&self) -> usize {
        self.column
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.fault.message(),
            self.line,
            self.column
        )
    }
}

impl std::error::Error for SyntaxError {}

/// What was wrong, in serde_json's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fault {
    EofWhileParsingList,
    EofWhileParsingObject,
    EofWhileParsingString,
    EofWhileParsingValue,
    ExpectedColon,
    ExpectedListCommaOrEnd,
    ExpectedObjectCommaOrEnd,
    ExpectedSomeIdent,
    ExpectedSomeValue,
    InvalidEscape,
    InvalidNumber,
    ControlCharacterWhileParsingString,
    KeyMustBeAString,
    LoneLeadingSurrogateInHexEscape,
    TrailingComma,
    TrailingCharacters,
    UnexpectedEndOfHexEscape,
    RecursionLimitExceeded,
}

impl Fault {
    fn message(self) -> &'static str {
        match self {
            Fault::EofWhileParsingList => "EOF while parsing a list",
            Fault::EofWhileParsingObject => "EOF while parsing an object",
            Fault::EofWhileParsingString => "EOF while parsing a string",
            Fault::EofWhileParsingValue => "EOF while parsing a value",
            Fault::ExpectedColon => "expected `:`",
            Fault::ExpectedListCommaOrEnd => "expected `,` or `]`",
            Fault::ExpectedObjectCommaOrEnd => "expected `,` or `}`",
            Fault::ExpectedSomeIdent => "expected ident",
            Fault::ExpectedSomeValue => "expected value",
            Fault::InvalidEscape => "invalid escape",
            Fault::InvalidNumber => "invalid number",
            Fault::ControlCharacterWhileParsingString => {
                "control character (\\u0000-\\u001F) found while parsing a string"
            }
            Fault::KeyMustBeAString => "key must be a string",
            Fault::LoneLeadingSurrogateInHexEscape => "lone leading surrogate in hex escape",
            Fault::TrailingComma => "trailing comma",
            Fault::TrailingCharacters => "trailing characters",
            Fault::UnexpectedEndOfHexEscape => "unexpected end of hex escape",
            Fault::RecursionLimitExceeded => "recursion limit exceeded",
        }
    }
}

type Read<T> = Result<T, SyntaxError>;

/// Reads `text`, which must hold one value and nothing after it but whitespace.
pub fn read(text: &str) -> Read<Input<'_>> {
    let mut reader = Reader {
        text,
        at: 0,
        nesting: 0,
    };
    let value = reader.value()?;
    match reader.whitespace() {
        Some(_) => Err(reader.peek_error(Fault::TrailingCharacters)),
        None => Ok(value),
    }
}

struct Reader<'a> {
    text: &'a str,
    /// The next byte to read.
    at: usize,
    nesting: usize,
}

impl<'a> Reader<'a> {
    // `peek` and `next` inlined: at opt-level z they were calls, each as long as the load it
    // makes, and the reader makes one at each byte.
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    #[inline(always)]
    fn next(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.at += 1;
        Some(byte)
    }

    /// The next byte that is not JSON whitespace, not consumed.
    fn whitespace(&mut self) -> Option<u8> {
        loop {
            match self.peek()? {
                b' ' | b'\n' | b'\t' | b'\r' => self.at += 1,
                other => return Some(other),
            }
        }
    }

    /// A fault in the byte just read.
    #[cold]
    fn error(&self, fault: Fault) -> SyntaxError {
        self.error_at(fault, self.at)
    }

    /// A fault in the byte about to be read.
    #[cold]
    fn peek_error(&self, fault: Fault) -> SyntaxError {
        self.error_at(fault, (self.at + 1).min(self.text.len()))
    }

    fn error_at(&self, fault: Fault, at: usize) -> SyntaxError {
        let before = self.text.as_bytes().get(..at).unwrap_or_default();
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |newline| newline + 1);
        let lines = before.iter().filter(|&&b| b == b'\n').count();
        SyntaxError {
            fault,
            line: lines + 1,
            column: at - line_start,
        }
    }

    fn value(&mut self) -> Read<Input<'a>> {
        let Some(peek) = self.whitespace() else {
            return Err(self.peek_error(Fault::EofWhileParsingValue));
        };
        match peek {
            b'n' => self.ident(b"null").map(|()| Input::Null),
            b't' => self.ident(b"true").map(|()| Input::Bool(true)),
            b'f' => self.ident(b"false").map(|()| Input::Bool(false)),
            b'-' | b'0'..=b'9' => self.number().map(Input::Number),
            b'"' => {
                self.at += 1;
                self.string().map(Input::String)
            }
            b'[' | b'{' => {
                self.nesting += 1;
                if self.nesting >= MAX_NESTING {
                    return Err(self.peek_error(Fault::RecursionLimitExceeded));
                }
                self.at += 1;
                let value = if peek == b'[' {
                    self.array()
                } else {
                    self.object()
                }?;
                // The closing bracket, which the loop stopped at.
                self.at += 1;
                self.nesting -= 1;
                Ok(value)
            }
            _ => Err(self.peek_error(Fault::ExpectedSomeValue)),
        }
    }

    fn ident(&mut self, ident: &[u8]) -> Read<()> {
        for &expected in ident {
            match self.next() {
                None => return Err(self.error(Fault::EofWhileParsingValue)),
                Some(byte) if byte != expected => return Err(self.error(Fault::ExpectedSomeIdent)),
                Some(_) => {}
            }
        }
        Ok(())
    }

    /// After `[`, up to the closing `]`.
    fn array(&mut self) -> Read<Input<'a>> {
        let mut items = Vec::new();
        loop {
            let Some(peek) = self.whitespace() else {
                return Err(self.peek_error(Fault::EofWhileParsingList));
            };
            if peek == b']' {
                return Ok(Input::Array(items));
            }
            if !items.is_empty() {
                if peek != b',' {
                    return Err(self.peek_error(Fault::ExpectedListCommaOrEnd));
                }
                self.at += 1;
                match self.whitespace() {
                    Some(b']') => return Err(self.peek_error(Fault::TrailingComma)),
                    Some(_) => {}
                    None => return Err(self.peek_error(Fault::EofWhileParsingValue)),
                }
            }
            items.push(self.value()?);
        }
    }

    /// After `{`, up to the closing `}`.
    fn object(&mut self) -> Read<Input<'a>> {
        // Most objects of an application are a row of a table or a group of a few fields.
        let mut members = Vec::with_capacity(8);
        loop {
            let Some(peek) = self.whitespace() else {
                return Err(self.peek_error(Fault::EofWhileParsingObject));
            };
            if peek == b'}' {
                return Ok(object(members));
            }
            let key_follows = if members.is_empty() {
                peek == b'"'
            } else if peek == b',' {
                self.at += 1;
                match self.whitespace() {
                    Some(b'"') => true,
                    Some(b'}') => return Err(self.peek_error(Fault::TrailingComma)),
                    Some(_) => false,
                    None => return Err(self.peek_error(Fault::EofWhileParsingValue)),
                }
            } else {
                return Err(self.peek_error(Fault::ExpectedObjectCommaOrEnd));
            };
            if !key_follows {
                return Err(self.peek_error(Fault::KeyMustBeAString));
            }
            self.at += 1;
            let key = self.string()?;
            match self.whitespace() {
                Some(b':') => self.at += 1,
                Some(_) => return Err(self.peek_error(Fault::ExpectedColon)),
                None => return Err(self.peek_error(Fault::EofWhileParsingObject)),
            }
            members.push((key, self.value()?));
        }
    }

    /// A number, its text as written but for an exponent, written as serde_json writes it
    /// (`e`, then its sign): `1E400` is `1e+400`.
    fn number(&mut self) -> Read<Cow<'a, str>> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.next() {
            None => return Err(self.error(Fault::EofWhileParsingValue)),
            Some(b'0') => {
                if self.peek().is_some_and(|b| b.is_ascii_digit()) {
                    return Err(self.peek_error(Fault::InvalidNumber));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            Some(_) => return Err(self.error(Fault::InvalidNumber)),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            let first = self.at;
            self.digits();
            if self.at == first {
                return Err(match self.peek() {
                    Some(_) => self.peek_error(Fault::InvalidNumber),
                    None => self.peek_error(Fault::EofWhileParsingValue),
                });
            }
        }
        let mantissa = self.text.get(start..self.at).unwrap_or_default();
        if !matches!(self.peek(), Some(b'e' | b'E')) {
            return Ok(Cow::Borrowed(mantissa));
        }
        self.at += 1;
        let sign = match self.peek() {
            Some(sign @ (b'+' | b'-')) => {
                self.at += 1;
                sign
            }
            _ => b'+',
        };
        let first = self.at;
        match self.next() {
            None => return Err(self.error(Fault::EofWhileParsingValue)),
            Some(b'0'..=b'9') => self.digits(),
            Some(_) => return Err(self.error(Fault::InvalidNumber)),
        }
        let exponent = self.text.get(first..self.at).unwrap_or_default();
        Ok(Cow::Owned(format!(
            "{mantissa}e{}{exponent}",
            char::from(sign)
        )))
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
    }

    /// After the opening quote, up to and past the closing one: borrowed unless it has an escape.
    fn string(&mut self) -> Read<Cow<'a, str>> {
        let bytes = self.text.as_bytes();
        let mut unescaped: Option<String> = None;
        let mut from = self.at;
        loop {
            let rest = bytes.get(self.at..).unwrap_or_default();
            let Some(offset) = crate::json_text::first_special(rest) else {
                self.at = bytes.len();
                return Err(self.error(Fault::EofWhileParsingString));
            };
            self.at += offset;
            // An ASCII byte, so both slices below end on a character boundary.
            let run = self.text.get(from..self.at).unwrap_or_default();
            match bytes.get(self.at) {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(match unescaped {
                        None => Cow::Borrowed(run),
                        Some(mut text) => {
                            text.push_str(run);
                            Cow::Owned(text)
                        }
                    });
                }
                Some(b'\\') => {
                    let text = unescaped.get_or_insert_with(String::new);
                    text.push_str(run);
                    self.at += 1;
                    let decoded = self.escape()?;
                    text.push(decoded);
                    from = self.at;
                }
                _ => {
                    self.at += 1;
                    return Err(self.error(Fault::ControlCharacterWhileParsingString));
                }
            }
        }
    }

    /// After a backslash: the character the escape stands for.
    fn escape(&mut self) -> Read<char> {
        Ok(match self.next() {
            None => return Err(self.error(Fault::EofWhileParsingString)),
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => return self.unicode_escape(),
            Some(_) => return Err(self.error(Fault::InvalidEscape)),
        })
    }

    /// After `\u`: a character, or a surrogate pair written as two escapes.
    fn unicode_escape(&mut self) -> Read<char> {
        let first = self.hex()?;
        if (0xDC00..=0xDFFF).contains(&first) {
            return Err(self.error(Fault::LoneLeadingSurrogateInHexEscape));
        }
        if !(0xD800..=0xDBFF).contains(&first) {
            return char::from_u32(u32::from(first))
                .ok_or_else(|| self.error(Fault::InvalidEscape));
        }
        for expected in [b'\\', b'u'] {
            match self.next() {
                None => return Err(self.error(Fault::EofWhileParsingString)),
                Some(byte) if byte != expected => {
                    return Err(self.error(Fault::UnexpectedEndOfHexEscape))
                }
                Some(_) => {}
            }
        }
        let second = self.hex()?;
        if !(0xDC00..=0xDFFF).contains(&second) {
            return Err(self.error(Fault::LoneLeadingSurrogateInHexEscape));
        }
        let scalar = ((u32::from(first) - 0xD800) << 10 | (u32::from(second) - 0xDC00)) + 0x1_0000;
        char::from_u32(scalar).ok_or_else(|| self.error(Fault::InvalidEscape))
    }

    /// Four hexadecimal digits.
    fn hex(&mut self) -> Read<u16> {
        let Some(digits) = self.text.as_bytes().get(self.at..self.at + 4) else {
            self.at = self.text.len();
            return Err(self.error(Fault::EofWhileParsingString));
        };
        self.at += 4;
        digits
            .iter()
            .try_fold(0u16, |n, &b| {
                let digit = char::from(b).to_digit(16)?;
                Some(n << 4 | digit as u16)
            })
            .ok_or_else(|| self.error(Fault::InvalidEscape))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value as Json;

    /// Valid and invalid text, each fault serde_json has for it, at line ends and ends of text.
    const TEXTS: &[&str] = &[
        "null",
        "true",
        "false",
        "0",
        "-0",
        "12",
        "-12.5",
        "1e5",
        "1E-5",
        "2.5e+3",
        "-0.0e0",
        "12345678901234567890123",
        "\"\"",
        "\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"",
        "\"\\u0041\\u00e9\\u901a\"",
        "\"\\ud83d\\ude00\"",
        "\"通州\"",
        "[]",
        "{}",
        " [1, [2, [3]], {\"a\": {}}] ",
        "{\"z\": 1, \"a\": 2, \"z\": 3}",
        "\t\r\n{\n\"a\"\n:\n1\n}\n",
        "",
        " ",
        "n",
        "nul",
        "nulx",
        "tru",
        "fals",
        "x",
        "-",
        "-x",
        "01",
        "-01",
        "1.",
        "1.x",
        "1e",
        "1e+",
        "1ex",
        "1.5E",
        ".5",
        "+1",
        "\"abc",
        "\"a\\",
        "\"a\\x\"",
        "\"\\u12\"",
        "\"\\u12G4\"",
        "\"\\ud800\"",
        "\"\\ud800x\"",
        "\"\\ud800\\x\"",
        "\"\\ud800\\u0041\"",
        "\"\\udc00\"",
        "\"\\ud800",
        "\"a\u{1}b\"",
        "\"a\nb\"",
        "[",
        "[1",
        "[1,",
        "[1,]",
        "[1 2]",
        "[,1]",
        "{",
        "{\"a\"",
        "{\"a\":",
        "{\"a\" 1}",
        "{\"a\":1,}",
        "{\"a\":1 \"b\":2}",
        "{1:2}",
        "{\"a\":1,2}",
        "{,}",
        "{} x",
        "[] ]",
        "1 2",
        "{\"a\":1}\n\n  }",
        "[\n  1,\n  oops\n]",
        "{\"a\": tru}",
        "\u{feff}{}",
        "{\"a\":\"\\u00\"}",
        "[1,\n",
        "\"\\",
    ];

    fn theirs(text: &str) -> Result<Json, String> {
        serde_json::from_str::<Json>(text).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_and_refuses_as_serde_json_does() {
        for text in TEXTS {
            let ours = read(text)
                .map(|input| input.to_json())
                .map_err(|e| e.to_string());
            assert_eq!(ours, theirs(text), "{text:?}");
        }
    }

    #[test]
    fn nesting_is_refused_where_serde_json_refuses_it() {
        for depth in [126, 127, 128, 200] {
            for (open, close) in [("[", "]"), ("{\"k\":", "}")] {
                let text = format!("{}1{}", open.repeat(depth), close.repeat(depth));
                let ours = read(&text)
                    .map(|input| input.to_json())
                    .map_err(|e| e.to_string());
                assert_eq!(ours, theirs(&text), "{depth} {open}");
            }
        }
    }

    #[test]
    fn numbers_and_strings_without_escapes_or_exponents_are_borrowed() {
        let input = read(r#"{"n": -12.50, "e": 1E5, "s": "通州", "t": "a\nb"}"#).unwrap();
        let borrowed = |key| {
            matches!(
                input.get(key),
                Some(Input::Number(Cow::Borrowed(_)) | Input::String(Cow::Borrowed(_)))
            )
        };
        assert!(borrowed("n") && borrowed("s"));
        assert!(!borrowed("e") && !borrowed("t"));
        assert_eq!(input.get("e"), Some(&Input::Number("1e+5".into())));
    }

    /// Any text a small alphabet of JSON's pieces can spell is read or refused as serde_json does.
    #[test]
    fn random_texts_are_read_and_refused_as_serde_json_does() {
        use proptest::prelude::*;
        const PIECES: &[&str] = &[
            "{", "}", "[", "]", ",", ":", " ", "\n", "\"", "\"k\"", "\"v\"", "\\", "\\u", "d800",
            "dc00", "0041", "1", "0", "-", ".", "e", "+", "null", "tru", "x", "\u{1}", "通",
        ];
        proptest!(|(picks in proptest::collection::vec(0..PIECES.len(), 0..24))| {
            let text: String = picks.iter().filter_map(|&i| PIECES.get(i).copied()).collect();
            let ours = read(&text).map(|input| input.to_json()).map_err(|e| e.to_string());
            prop_assert_eq!(ours, theirs(&text), "{:?}", text);
        });
    }
}
