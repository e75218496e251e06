//! The JSON path of a deserialisation error, recovered from the line and column serde_json gives.
//!
//! A profile error must name the value at fault (`versions[0].outcomes.approval[0].when`), and a
//! profile passed to the package as an object arrives as one line of JSON. Tracking the path
//! during deserialisation wraps every visitor of every profile type; reading the text up to the
//! error position again costs nothing until there is an error.

use std::ops::Range;

/// The JSON path of the value a serde_json error from reading `text` is about, as
/// `versions[0].outcomes.approval[0].when`; `""` for the root.
pub fn of_error(text: &str, error: &serde_json::Error) -> String {
    let mut end = offset(text, error.line(), error.column());
    // A syntax error is reported just after the byte at fault. Where that byte is a bracket, the
    // value it opens is the one at fault (an enum written as an array), not its first element.
    if !error.is_data()
        && end
            .checked_sub(1)
            .and_then(|i| text.as_bytes().get(i))
            .is_some_and(|b| matches!(b, b'[' | b'{'))
    {
        end -= 1;
    }
    let spot = locate(text, end);
    let Some(key) = spot.key else {
        return spot.path;
    };
    // Past the colon the key's value is at fault. Before it serde_json reports an unknown field,
    // which its key locates, and a duplicate field or an unknown enum variant, which are faults
    // of the object that holds them.
    if spot.at_value || (error.is_data() && error.to_string().starts_with("unknown field")) {
        join(spot.path, &key)
    } else {
        spot.path
    }
}

/// The JSON path of the value at byte `offset` of `text` (or of the object whose key is there).
pub(crate) fn at_offset(text: &str, offset: usize) -> String {
    let spot = locate(text, offset);
    match spot.key {
        Some(key) if spot.at_value => join(spot.path, &key),
        _ => spot.path,
    }
}

/// Where a position falls in a JSON text.
#[derive(Debug)]
struct Spot {
    /// The path of the innermost container the position is in, `""` for the root.
    path: String,
    /// The last key read in that container, when it is an object.
    key: Option<String>,
    /// Whether the position is past the colon after `key`. serde_json reports an unknown field,
    /// a duplicate field and an unknown enum variant before it.
    at_value: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Member {
    /// After `{` or `,`: a key comes next.
    Key,
    /// After a key: a colon comes next.
    Colon,
    /// After the colon: the value comes next.
    Value,
    /// The value has begun.
    Begun,
}

enum Frame {
    Object {
        /// The byte range of the last key read, quotes included.
        key: Option<Range<usize>>,
        at: Member,
    },
    Array {
        /// Elements begun so far.
        count: usize,
        /// After `[` or `,`: the next element has not begun.
        between: bool,
    },
}

/// The spot of the byte offset `end` in `text`: the path of what the text before it opens.
/// Linear in `end`.
fn locate(text: &str, end: usize) -> Spot {
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        let Some(&b) = bytes.get(i) else { break };
        match b {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            b'"' => {
                let close = string_end(bytes, i);
                match stack.last_mut() {
                    Some(Frame::Object { key, at }) if *at == Member::Key => {
                        if close >= end {
                            break;
                        }
                        *key = Some(i..close + 1);
                        *at = Member::Colon;
                    }
                    top => begin(top),
                }
                i = close + 1;
            }
            b'{' | b'[' => {
                begin(stack.last_mut());
                stack.push(if b == b'{' {
                    Frame::Object {
                        key: None,
                        at: Member::Key,
                    }
                } else {
                    Frame::Array {
                        count: 0,
                        between: true,
                    }
                });
                i += 1;
            }
            b'}' | b']' => {
                stack.pop();
                i += 1;
            }
            b':' => {
                if let Some(Frame::Object { at, .. }) = stack.last_mut() {
                    *at = Member::Value;
                }
                i += 1;
            }
            b',' => {
                match stack.last_mut() {
                    Some(Frame::Object { at, .. }) => *at = Member::Key,
                    Some(Frame::Array { between, .. }) => *between = true,
                    None => {}
                }
                i += 1;
            }
            _ => {
                begin(stack.last_mut());
                i += 1;
                while bytes
                    .get(i)
                    .is_some_and(|c| !b" \t\r\n\",:[]{}".contains(c))
                {
                    i += 1;
                }
            }
        }
    }
    let mut spot = Spot {
        path: String::new(),
        key: None,
        at_value: false,
    };
    for frame in &stack {
        if let Some(key) = spot.key.take() {
            spot.path = join(spot.path, &key);
        }
        match frame {
            Frame::Object { key: Some(k), at } if *at != Member::Key => {
                spot.key = Some(decode(text, k.clone()));
                spot.at_value = *at != Member::Colon;
            }
            Frame::Object { .. } => {}
            Frame::Array { count, between } => {
                let index = if *between {
                    *count
                } else {
                    count.saturating_sub(1)
                };
                spot.path.push_str(&format!("[{index}]"));
            }
        }
    }
    spot
}

/// A value begins in the innermost container.
fn begin(top: Option<&mut Frame>) {
    match top {
        Some(Frame::Object { at, .. }) => *at = Member::Begun,
        Some(Frame::Array { count, between }) if *between => {
            *count += 1;
            *between = false;
        }
        Some(Frame::Array { .. }) | None => {}
    }
}

/// The byte offset of a serde_json error position: `line` counts from 1 and `column` in bytes
/// from the start of the line, 0 before its first byte. No position (line 0) is the start.
fn offset(text: &str, line: usize, column: usize) -> usize {
    let start = match line {
        0 | 1 => 0,
        _ => text
            .bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1),
    };
    start.saturating_add(column).min(text.len())
}

/// The index of the quote closing the string that opens at `open`, or the text's length.
fn string_end(bytes: &[u8], open: usize) -> usize {
    let mut i = open + 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => return i,
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// A key as the text spells it, escapes decoded.
fn decode(text: &str, quoted: Range<usize>) -> String {
    let Some(raw) = text.get(quoted) else {
        return String::new();
    };
    let inner = raw
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .unwrap_or(raw);
    if inner.as_bytes().contains(&b'\\') {
        match crate::model::Input::parse(raw) {
            Ok(crate::model::Input::String(key)) => key.into_owned(),
            _ => inner.to_string(),
        }
    } else {
        inner.to_string()
    }
}

fn join(mut path: String, key: &str) -> String {
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(key);
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The spot at the first `^` in `marked`, which is removed.
    fn at(marked: &str) -> Spot {
        let (before, after) = marked.split_once('^').unwrap();
        let text = format!("{before}{after}");
        let line = before.matches('\n').count() + 1;
        let column = before.len() - before.rfind('\n').map_or(0, |n| n + 1);
        let end = offset(&text, line, column);
        assert_eq!(end, before.len());
        locate(&text, end)
    }

    /// The path of the value at the `^`, pending key included.
    fn path(marked: &str) -> String {
        let spot = at(marked);
        match spot.key {
            Some(key) => join(spot.path, &key),
            None => spot.path,
        }
    }

    #[test]
    fn values_in_objects_and_arrays() {
        assert_eq!(path(r#"{"a": {"b": [1, tru^e]}}"#), "a.b[1]");
        assert_eq!(path(r#"{"a": {"b": [1, true^]}}"#), "a.b[1]");
        assert_eq!(path(r#"{"a": {"b": [1, "x", ^{}]}}"#), "a.b[2]");
        assert_eq!(path(r#"{"a": [{"x": 1}, ^{"x": 2}]}"#), "a[1]");
        assert_eq!(path(r#"{"a": [^[1]]}"#), "a[0]");
        assert_eq!(path(r#"{"a": ^{"b": 1}}"#), "a");
        assert_eq!(path(r#"{"a": 1, "b": "x"^}"#), "b");
        assert_eq!(path("[1, 2, 3^]"), "[2]");
        assert_eq!(path(r#"{"a": [1^]}"#), "a[0]");
        assert_eq!(path(r#"{"a": "[^"}"#), "a");
    }

    #[test]
    fn a_closed_object_is_its_own_path() {
        assert_eq!(path(r#"{"a": [{"x": 1}, {"y": 2}^]}"#), "a[1]");
        assert_eq!(path(r#"{"a": {"b": {}^}}"#), "a.b");
        assert_eq!(path(r#"{"a": 1}^"#), "");
        assert_eq!(path("^"), "");
    }

    #[test]
    fn a_key_without_its_value_is_pending() {
        let spot = at(r#"{"a": {"b": 1, "c"^: 2}}"#);
        assert_eq!(spot.path, "a");
        assert_eq!(spot.key.as_deref(), Some("c"));
        assert!(!spot.at_value);
        assert!(at(r#"{"a": {"b": ^2}}"#).at_value);
        assert_eq!(at(r#"{"a": {"b": 1, ^"c": 2}}"#).key, None);
    }

    #[test]
    fn keys_are_decoded_and_strings_skipped() {
        assert_eq!(path(r#"{"a\"b": {"c\\": [{}^]}}"#), r#"a"b.c\[0]"#);
        assert_eq!(path(r#"{"\u00e9": "{[,\"]}", "x": ^1}"#), "x");
        assert_eq!(path(r#"{"通州": {"条": ^1}}"#), "通州.条");
    }

    #[test]
    fn lines_and_columns() {
        assert_eq!(path("{\n  \"a\": [\n    1,\n    ^2\n  ]\n}"), "a[1]");
        assert_eq!(path("{\n  \"a\": [\n    1,\n^    2\n  ]\n}"), "a[1]");
        assert_eq!(offset("{\"a\": 1}", 0, 0), 0);
        assert_eq!(offset("{\"a\": 1}", 9, 99), 8);
        assert_eq!(offset("{\n\"a\": 1}", 2, 3), 5);
        assert_eq!(path("{\"a\": 1}^"), "");
    }

    #[test]
    fn broken_text_never_panics() {
        for text in [
            "\"", "{\"a", "{\"a\\", "[[[", "]]]}}", "{\"a\":}", ",,,", "\\",
        ] {
            for end in 0..=text.len() + 1 {
                let _ = locate(text, end);
            }
        }
    }
}
