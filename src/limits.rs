//! The sizes the core accepts, and the checks that enforce them before any work is done.
//!
//! A real application is a few kilobytes: some fifty fields, a list of documents, and an
//! information-resource table of at most [`MAX_ROWS`](crate::model::MAX_ROWS) rows. The limits
//! below are far above that and far below what would make a validation slow or a report large,
//! so that a hostile or careless input (a stored JSON blob with a million keys, a 10 MB string in
//! one field) is refused in time proportional to its size, at the first place it crosses a limit,
//! with a message naming the limit, and the module stays as it was. A long string within them is
//! not refused here: it is one field's problem (a text over its length, an amount that is not
//! one), located at that field with the rest of the form read and checked. Echoes of the input in
//! messages and reports are clipped, so a report is never much larger than the form it is about.

use crate::codes::{Code, Severity};
use crate::messages::Locale;
use crate::report::Diagnostic;

/// JSON text of one application.
pub const MAX_APPLICATION_BYTES: usize = 2 * 1024 * 1024;
/// Objects and arrays nested in one another; an application nests four deep.
pub const MAX_DEPTH: usize = 16;
/// Values in one application, counted as object members plus array items (less one per array).
pub const MAX_VALUES: usize = 50_000;
/// Unknown fields reported one by one; the rest are counted in one `IN013`.
pub const MAX_UNKNOWN_FIELDS: usize = 50;
/// Characters of a key or path echoed in a message or a report's `path`.
pub const MAX_ECHOED_PATH: usize = 100;
/// One profile, as JSON text or compiled.
pub const MAX_PROFILE_BYTES: usize = 4 * 1024 * 1024;
/// A profile's id, which options and reports repeat.
pub const MAX_PROFILE_ID: usize = 64;
/// A threshold in a profile, in 万元 (a ratio is far below it).
pub const MAX_PARAMETER: u64 = 1_000_000_000;
/// Entries the table of a compact answer's numbered texts holds before it starts a new epoch.
/// What it numbers is bounded by the profiles loaded (the five regulations' answers name ~2,200
/// in both languages); past this, something typed was numbered, and the next answer starts the
/// table afresh rather than let it, and the package's copy of it, grow with every answer.
pub const MAX_NUMBERED_TEXTS: usize = 50_000;

/// An amount from which a district's or county's IT project is more likely written in 元 than
/// in 万元: 50,000 万元 is 5 亿元, ten times the largest line the five regulations draw (江津's
/// 3000 万元), and a project of 5 万元 written in 元 reads 50,000. At and above it the amount is
/// read as written and a warning (`IN014`) asks the applicant to check the unit.
pub const AMOUNT_LIKELY_IN_YUAN: u64 = 50_000;
/// The years a date of the application may fall in: a project's approval, contract or acceptance
/// outside them is a typing slip (「0202-09-01」 for 2025, 「2206」 for 2026), refused at its field
/// (`IN015`) rather than read as met, open or decades late.
pub const DATE_YEARS: (i32, i32) = (1990, 2100);
/// How deep a profile's conditions may nest (`all` in `any` in `not` …); the profiles nest four
/// levels at most. The profile check refuses deeper ones, so that what it accepts compiles and
/// loads.
pub const MAX_CONDITION_DEPTH: u32 = 32;

/// What [`span_is_bounded`] allows, as a profile error says it.
pub const SPAN_BOUND: &str =
    "a window is at most 10 years: 3660 days, 2600 working days, 120 months or 10 years";

/// Whether a window's length is within [`SPAN_BOUND`]: the texts' windows are days to a few
/// years, and a working-day window is counted day by day on every validation.
pub fn span_is_bounded(span: crate::profile::Span) -> bool {
    use crate::profile::Span;
    match span {
        Span::Days(n) => n <= 3660,
        Span::WorkingDays(n) => n <= 2600,
        Span::Months(n) => n <= 120,
        Span::Years(n) => n <= 10,
    }
}

/// Which limit an input crossed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    Bytes,
    Depth,
    Values,
}

impl Limit {
    pub fn max(self) -> usize {
        match self {
            Limit::Bytes => MAX_APPLICATION_BYTES,
            Limit::Depth => MAX_DEPTH,
            Limit::Values => MAX_VALUES,
        }
    }

    /// What is limited, as the message names it.
    pub fn label(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (Limit::Bytes, Locale::ZhCn) => "整份申报的字节数",
            (Limit::Bytes, Locale::En) => "bytes in the whole application",
            (Limit::Depth, Locale::ZhCn) => "嵌套层数",
            (Limit::Depth, Locale::En) => "levels of nesting",
            (Limit::Values, Locale::ZhCn) => "字段与行的总数",
            (Limit::Values, Locale::En) => "fields and rows in all",
        }
    }
}

/// Where JSON text first crosses a limit: the limit and the byte offset. One pass over the bytes,
/// before the text is parsed; text that is not JSON is left to the parser to report.
pub fn scan(text: &str) -> Result<(), (Limit, usize)> {
    if text.len() > MAX_APPLICATION_BYTES {
        return Err((Limit::Bytes, MAX_APPLICATION_BYTES));
    }
    let bytes = text.as_bytes();
    let (mut depth, mut values) = (0usize, 0usize);
    // Whether each open container is an array, innermost last: a comma in an array separates
    // items, in an object members, which their colons count.
    let mut in_array = [false; MAX_DEPTH + 1];
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        let value = match b {
            b'"' => {
                at += 1;
                // To the closing quote, skipping escaped characters, eight bytes at a time as the
                // reader looks for it. Most of an application's bytes are inside strings, so this
                // is the scan's loop. A string's length is not limited here (see the module's
                // comment): the whole text's is.
                loop {
                    let rest = bytes.get(at..).unwrap_or_default();
                    let Some(next) = crate::json_text::first_special(rest) else {
                        at = bytes.len();
                        break;
                    };
                    at += next;
                    match bytes.get(at) {
                        Some(b'"') => break,
                        Some(b'\\') => at += 2,
                        // A control character, which the reader refuses: passed over here.
                        _ => at += 1,
                    }
                }
                false
            }
            b'{' | b'[' => {
                depth += 1;
                match in_array.get_mut(depth) {
                    Some(slot) => *slot = b == b'[',
                    None => return Err((Limit::Depth, at)),
                }
                false
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                false
            }
            b':' => true,
            b',' => in_array.get(depth).copied().unwrap_or(false),
            _ => false,
        };
        if value {
            values += 1;
            if values > MAX_VALUES {
                return Err((Limit::Values, at));
            }
        }
        at += 1;
    }
    Ok(())
}

/// What a value held counts towards [`MAX_APPLICATION_BYTES`] and [`MAX_VALUES`]: the bytes and
/// values of its JSON text, as [`scan`] would count them (escapes aside). A live validator holds
/// the tables it is given to the limits a whole application's text is held to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Size {
    pub bytes: usize,
    pub values: usize,
}

impl Size {
    /// The size of `input` written as JSON text. Its depth is bounded: it was read from text or
    /// from JavaScript within [`MAX_DEPTH`].
    pub fn of(input: &crate::model::Input) -> Size {
        use crate::model::Input;
        match input {
            Input::Null => Size {
                bytes: 4,
                values: 0,
            },
            Input::Bool(_) => Size {
                bytes: 5,
                values: 0,
            },
            Input::Number(text) => Size {
                bytes: text.len(),
                values: 0,
            },
            Input::String(text) => Size {
                bytes: text.len() + 2,
                values: 0,
            },
            Input::Array(items) => items.iter().fold(
                Size {
                    bytes: 2 + items.len(),
                    values: items.len(),
                },
                |size, item| size.plus(Size::of(item)),
            ),
            Input::Object(members) => members.iter().fold(
                Size {
                    bytes: 2 + members.len(),
                    values: members.len(),
                },
                |size, (key, value)| {
                    size.plus(Size {
                        bytes: key.len() + 3,
                        values: 0,
                    })
                    .plus(Size::of(value))
                },
            ),
        }
    }

    pub fn plus(self, other: Size) -> Size {
        Size {
            bytes: self.bytes.saturating_add(other.bytes),
            values: self.values.saturating_add(other.values),
        }
    }

    /// The first limit this size is over, if any.
    pub fn over(self) -> Option<Limit> {
        if self.bytes > MAX_APPLICATION_BYTES {
            Some(Limit::Bytes)
        } else if self.values > MAX_VALUES {
            Some(Limit::Values)
        } else {
            None
        }
    }
}

/// Why JSON text is refused, if it is: [`scan`] as one diagnostic that names the limit, its
/// value, and the JSON path of the place where the text crossed it.
pub fn refusal(text: &str) -> Option<Diagnostic> {
    scan(text).err().map(|(limit, offset)| match limit {
        // The size of the whole, wherever the count happens to pass it.
        Limit::Bytes => exceeded(limit, ""),
        _ => exceeded(limit, &crate::json_path::at_offset(text, offset)),
    })
}

/// The diagnostic for an input refused by `limit` at `path`.
pub fn exceeded(limit: Limit, path: &str) -> Diagnostic {
    let path = clip_path(path);
    Diagnostic::new(Code::InputTooLarge, &path)
        .param("limit", limit_key(limit))
        .param("max", limit.max().to_string())
        .param("at", if path.is_empty() { "/".into() } else { path })
        .severity(Severity::Error)
}

/// The `limit` parameter of `IN012`, which messages render with [`Limit::label`].
pub fn limit_key(limit: Limit) -> &'static str {
    match limit {
        Limit::Bytes => "bytes",
        Limit::Depth => "depth",
        Limit::Values => "values",
    }
}

pub fn limit_by_key(key: &str) -> Option<Limit> {
    [Limit::Bytes, Limit::Depth, Limit::Values]
        .into_iter()
        .find(|l| limit_key(*l) == key)
}

/// A key or path as it may be echoed: its first [`MAX_ECHOED_PATH`] characters, then `…`.
pub fn clip_path(path: &str) -> String {
    match path.char_indices().nth(MAX_ECHOED_PATH) {
        None => path.to_string(),
        Some((end, _)) => format!("{}…", path.get(..end).unwrap_or_default()),
    }
}

/// Keeps the first [`MAX_UNKNOWN_FIELDS`] unknown-field diagnostics and counts the others in one
/// `IN013`, updating the count an earlier call left.
pub fn cap_unknown_fields(problems: &mut Vec<Diagnostic>) {
    let mut seen = 0;
    let mut omitted = 0;
    problems.retain(|d| match d.code {
        Code::UnknownField => {
            seen += 1;
            if seen > MAX_UNKNOWN_FIELDS {
                omitted += 1;
            }
            seen <= MAX_UNKNOWN_FIELDS
        }
        Code::UnknownFieldsOmitted => {
            omitted += d
                .params
                .get("count")
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or(0);
            false
        }
        _ => true,
    });
    if omitted > 0 {
        problems.push(
            Diagnostic::new(Code::UnknownFieldsOmitted, "")
                .param("count", omitted.to_string())
                .param("max", MAX_UNKNOWN_FIELDS.to_string()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_limit_is_found_where_it_is_crossed() {
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert_eq!(scan(&deep), Err((Limit::Depth, MAX_DEPTH)));
        let wide = format!(
            "{{{}}}",
            (0..=MAX_VALUES)
                .map(|i| format!("\"k{i}\":1"))
                .collect::<Vec<_>>()
                .join(",")
        );
        assert_eq!(scan(&wide).map_err(|e| e.0), Err(Limit::Values));
        // A long string is a field's problem, not the text's.
        let long = format!("{{\"name\":\"{}\"}}", "字".repeat(200_000));
        assert_eq!(scan(&long), Ok(()));
        let big = " ".repeat(MAX_APPLICATION_BYTES + 1);
        assert_eq!(scan(&big).map_err(|e| e.0), Err(Limit::Bytes));
        // Brackets, colons and commas inside strings, and escaped quotes, count for nothing.
        let quoted = format!(
            "{{\"a\":\"{}\\\"{}\"}}",
            "[{:,".repeat(1000),
            "]".repeat(10)
        );
        assert_eq!(scan(&quoted), Ok(()));
    }

    #[test]
    fn the_place_is_a_json_path() {
        let text = format!(
            "{{\"funding\":{{\"thisYear\":{{\"note\":{}1{}}}}}}}",
            "[".repeat(MAX_DEPTH),
            "]".repeat(MAX_DEPTH)
        );
        let d = refusal(&text).unwrap();
        assert_eq!(d.code, Code::InputTooLarge);
        assert!(d.path.starts_with("funding.thisYear.note["), "{}", d.path);
    }

    #[test]
    fn unknown_fields_beyond_the_cap_are_counted_once() {
        let mut problems: Vec<Diagnostic> = (0..MAX_UNKNOWN_FIELDS + 7)
            .map(|i| Diagnostic::new(Code::UnknownField, &format!("k{i}")))
            .collect();
        cap_unknown_fields(&mut problems);
        assert_eq!(problems.len(), MAX_UNKNOWN_FIELDS + 1);
        assert_eq!(
            problems.last().map(|d| d.code),
            Some(Code::UnknownFieldsOmitted)
        );
        problems.push(Diagnostic::new(Code::UnknownField, "one.more"));
        cap_unknown_fields(&mut problems);
        let summary = problems
            .iter()
            .find(|d| d.code == Code::UnknownFieldsOmitted);
        assert_eq!(
            summary
                .and_then(|d| d.params.get("count"))
                .map(|count| &**count),
            Some("8")
        );
    }

    #[test]
    fn a_path_is_clipped_at_a_character_boundary() {
        let path = "键".repeat(MAX_ECHOED_PATH + 5);
        let clipped = clip_path(&path);
        assert_eq!(clipped.chars().count(), MAX_ECHOED_PATH + 1);
        assert!(clipped.ends_with('…'));
    }
}
