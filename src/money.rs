//! Amounts in 万元 (10,000 CNY), exact to 1 元 (four decimal places).
//!
//! Applicants type amounts; integrators send strings or JSON numbers. Both arrive here as text
//! (JSON numbers keep their source digits), so `300.0001` stays `300.0001` and never passes through
//! a float.

use rust_decimal::Decimal;

/// At most this many decimal places: 0.0001 万元 is 1 元.
pub const MAX_DECIMAL_PLACES: u32 = 4;
/// At most this many digits before the decimal point (under one trillion 万元).
pub const MAX_INTEGER_DIGITS: usize = 12;

/// Why a text is not an amount. Each variant has a plain message in the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoneyError {
    Empty,
    /// Chinese numerals such as 「三百万」 or 「3百万」; not 万 after Arabic digits, the unit asked for.
    ChineseNumerals,
    /// Written in 元 (or another unit) where 万元 is asked for.
    WrongUnit,
    /// A digit, `e` and a digit (`3e2`, `1.5E+3`): not a word that has an `e` in it.
    Exponent,
    /// Digits grouped by commas in threes (`3,000`).
    ThousandsSeparator,
    /// A comma before other than three digits (`300,5`): a decimal comma.
    DecimalComma,
    Negative,
    TooManyDecimals(u32),
    TooLarge,
    /// Not an amount for any other reason, such as Arabic digits with words around them
    /// (「300万元整」, 「300 万 元」).
    NotANumber,
}

impl MoneyError {
    /// Stable key of the reason, used as a message parameter.
    pub fn key(&self) -> &'static str {
        match self {
            MoneyError::Empty => "empty",
            MoneyError::ChineseNumerals => "chineseNumerals",
            MoneyError::WrongUnit => "wrongUnit",
            MoneyError::Exponent => "exponent",
            MoneyError::ThousandsSeparator => "thousandsSeparator",
            MoneyError::DecimalComma => "decimalComma",
            MoneyError::Negative => "negative",
            MoneyError::TooManyDecimals(_) => "tooManyDecimals",
            MoneyError::TooLarge => "tooLarge",
            MoneyError::NotANumber => "notANumber",
        }
    }
}

/// Characters rather than a text: `str::contains(c)` for a character of more than one byte links
/// core's text searcher ([`crate::find_str`] says what that costs).
const CHINESE_NUMERALS: [char; 29] = [
    '零', '〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万', '亿',
    '两', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖', '拾', '佰', '仟',
];

/// Parses an amount in 万元.
///
/// Accepts ASCII or full-width digits (「３００」), surrounding spaces and a trailing 「万元」 or
/// 「万」. Rejects everything that would need a guess: Chinese numerals, 元, exponents, thousands
/// separators, negative amounts and more than four decimal places.
pub fn parse(text: &str) -> Result<Decimal, MoneyError> {
    // Most amounts a form sends are digits and a point, in which none of the checks below finds
    // anything: read as they are.
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return from_digits(false, text);
    }
    checked(text)
}

/// [`parse`] of any text: the forms a person types refused by name.
fn checked(text: &str) -> Result<Decimal, MoneyError> {
    // Copied only when a full-width form is there to fold: the amount typed at each keystroke is
    // read here.
    let folded = crate::folded(text, fold_full_width);
    let normalised = crate::trim(&folded);
    let body = normalised
        .strip_suffix("万元")
        .or_else(|| normalised.strip_suffix('万'))
        .unwrap_or(normalised);
    let body = crate::trim(body);
    if body.is_empty() {
        return Err(MoneyError::Empty);
    }
    // After Arabic digits, 万 is the unit the form asks for (「300万元整」 is Arabic digits and
    // words around them, not a Chinese numeral); any other numeral writes part of the number
    // (「3百万」).
    let arabic = body.bytes().any(|b| b.is_ascii_digit());
    // 「1.5亿」 and 「1.5亿元」 are Arabic digits in another unit, not a Chinese numeral.
    if arabic && body.strip_suffix('元').unwrap_or(body).ends_with('亿') {
        return Err(MoneyError::WrongUnit);
    }
    if body
        .chars()
        .any(|c| CHINESE_NUMERALS.contains(&c) && !(arabic && c == '万'))
    {
        return Err(MoneyError::ChineseNumerals);
    }
    let before_unit = body
        .strip_suffix('元')
        .or_else(|| body.strip_suffix("CNY"))
        .or_else(|| body.strip_suffix("RMB"));
    // 「300 万 元」 is in 万元, spaced: not a wrong unit, and not read either.
    if before_unit.is_some_and(|before| !crate::trim(before).ends_with('万')) {
        return Err(MoneyError::WrongUnit);
    }
    if has_exponent(body) {
        return Err(MoneyError::Exponent);
    }
    if let Some(comma) = separator(body) {
        return Err(comma);
    }
    let (negative, digits) = match body.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, body.strip_prefix('+').unwrap_or(body)),
    };
    from_digits(negative, digits)
}

fn has_exponent(body: &str) -> bool {
    let bytes = body.as_bytes();
    (1..bytes.len()).any(|i| {
        let at = |k: usize| bytes.get(k).copied().unwrap_or(0);
        let after = if matches!(at(i + 1), b'+' | b'-') {
            i + 2
        } else {
            i + 1
        };
        at(i - 1).is_ascii_digit() && matches!(at(i), b'e' | b'E') && at(after).is_ascii_digit()
    })
}

/// A comma between digits: a thousands separator where each group after it has three digits,
/// else a decimal comma.
fn separator(body: &str) -> Option<MoneyError> {
    let mut groups = body.split([',', '，']);
    let first = groups.next()?;
    let mut rest = groups.peekable();
    rest.peek()?;
    let ends_in_digit = first.bytes().last().is_some_and(|b| b.is_ascii_digit());
    let mut thousands = true;
    for group in rest {
        let run = group.bytes().take_while(u8::is_ascii_digit).count();
        if run == 0 {
            return Some(MoneyError::ThousandsSeparator);
        }
        thousands &= run == 3;
    }
    Some(if thousands || !ends_in_digit {
        MoneyError::ThousandsSeparator
    } else {
        MoneyError::DecimalComma
    })
}

/// The amount `digits` (with no sign, negative when `negative`) writes: digits, and a point
/// followed by at least one digit.
fn from_digits(negative: bool, digits: &str) -> Result<Decimal, MoneyError> {
    let (integer, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let well_formed = !integer.is_empty()
        && integer.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
        && !(digits.as_bytes().contains(&b'.') && fraction.is_empty());
    if !well_formed {
        return Err(MoneyError::NotANumber);
    }
    let integer = integer.trim_start_matches('0');
    if integer.len() > MAX_INTEGER_DIGITS {
        return Err(MoneyError::TooLarge);
    }
    let significant_fraction = fraction.trim_end_matches('0');
    let places = u32::try_from(significant_fraction.len()).unwrap_or(u32::MAX);
    if places > MAX_DECIMAL_PLACES {
        return Err(MoneyError::TooManyDecimals(places));
    }
    // At most 12 + 4 digits: the mantissa fits an `i64`, the value a `Decimal` of scale ≤ 4,
    // made from its digits rather than from a text written for rust_decimal's parser.
    let mantissa = integer
        .bytes()
        .chain(significant_fraction.bytes())
        .try_fold(0i64, |n, digit| {
            n.checked_mul(10)?.checked_add(i64::from(digit - b'0'))
        })
        .ok_or(MoneyError::TooLarge)?;
    if negative && mantissa != 0 {
        return Err(MoneyError::Negative);
    }
    Decimal::try_new(mantissa, places).map_err(|_| MoneyError::TooLarge)
}

fn fold_full_width(c: char) -> char {
    match c {
        '０'..='９' => {
            char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c)
        }
        '．' | '。' => '.',
        '－' => '-',
        '＋' => '+',
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Formats an amount as the regulations write it: no trailing zeros, no exponent. The same text as
/// `value.normalize().to_string()`, written digit by digit: amounts are formatted for every fact,
/// distance and message at every keystroke, and the formatting machinery cost more than the rest.
pub fn format(value: &Decimal) -> String {
    written(value).to_string()
}

/// Appends `value` to `out` as [`format()`] writes it, for a text that quotes an amount.
pub fn push(out: &mut String, value: &Decimal) {
    out.push_str(&written(value));
}

/// An amount as [`format()`] writes it, held on the stack: for a text that is written into another
/// and dropped (a message's distance, an answer's amounts), with no allocation to make and free.
pub fn written(value: &Decimal) -> Written {
    let value = value.normalize();
    let scale = usize::try_from(value.scale()).unwrap_or(0);
    let mantissa = value.mantissa().unsigned_abs();
    let mut digits = Digits::default();
    match u64::try_from(mantissa) {
        Ok(m) => digits.push(m, scale + 1),
        // A mantissa (96 bits at most) beyond u64 is taken nine digits at a time by long division
        // of its three 32-bit words in u64 arithmetic: dividing the u128 links compiler-builtins'
        // 128-bit division, 1 KB of wasm for amounts past 1.8 × 10^19.
        Err(_) => {
            const NINE_DIGITS: u64 = 1_000_000_000;
            let mut words = [
                (mantissa >> 64) as u32,
                (mantissa >> 32) as u32,
                mantissa as u32,
            ];
            loop {
                let mut rest = 0;
                for word in &mut words {
                    let current = (rest << 32) | u64::from(*word);
                    *word = (current / NINE_DIGITS) as u32;
                    rest = current % NINE_DIGITS;
                }
                if words == [0; 3] {
                    digits.push(rest, scale + 1);
                    break;
                }
                digits.push(rest, digits.len + 9);
            }
        }
    }
    let digits = digits.bytes.get(..digits.len).unwrap_or_default();
    let mut text = Written::default();
    if value.is_sign_negative() && !value.is_zero() {
        text.push(b'-');
    }
    let point = digits.len().saturating_sub(scale);
    for (i, digit) in digits.iter().rev().enumerate() {
        if i == point {
            text.push(b'.');
        }
        text.push(*digit);
    }
    text
}

/// The text of an amount: a sign, 29 digits and a point at most.
#[derive(Default)]
pub struct Written {
    bytes: [u8; 32],
    len: usize,
}

impl Written {
    fn push(&mut self, byte: u8) {
        if let Some(slot) = self.bytes.get_mut(self.len) {
            *slot = byte;
            self.len += 1;
        }
    }
}

impl std::ops::Deref for Written {
    type Target = str;

    fn deref(&self) -> &str {
        // ASCII digits, a sign and a point.
        self.bytes
            .get(..self.len)
            .and_then(|bytes| std::str::from_utf8(bytes).ok())
            .unwrap_or_default()
    }
}

/// An amount's digits, least significant first, at least one before the point: 29 at most (a
/// 96-bit mantissa, or a scale of 28 and the zero before the point), kept on the stack, since
/// amounts are formatted several times at every keystroke.
#[derive(Default)]
struct Digits {
    bytes: [u8; 32],
    len: usize,
}

impl Digits {
    /// Appends the digits of `m` until there are at least `len`.
    fn push(&mut self, mut m: u64, len: usize) {
        while m > 0 || self.len < len {
            let Some(slot) = self.bytes.get_mut(self.len) else {
                return;
            };
            *slot = b'0' + (m % 10) as u8;
            self.len += 1;
            m /= 10;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> String {
        format(&parse(text).unwrap())
    }

    proptest::proptest! {
        /// Digits and points, which skip the checks, read as they would through them.
        #[test]
        fn digits_and_points_read_as_through_the_checks(text in "[0-9.]{1,24}") {
            proptest::prop_assert_eq!(parse(&text), checked(&text));
        }
    }

    /// Mantissas at the edges of the words the long division takes apart.
    #[test]
    fn formats_mantissas_past_u64_as_rust_decimal_prints_them() {
        let edges = [
            u128::from(u64::MAX),
            u128::from(u64::MAX) + 1,
            10u128.pow(19),
            10u128.pow(27),
            10u128.pow(28) + 7,
            (1 << 96) - 1,
        ];
        for mantissa in edges {
            for scale in [0, 1, 9, 18, 19, 28] {
                for sign in [1, -1] {
                    let value = Decimal::from_i128_with_scale(sign * mantissa as i128, scale);
                    assert_eq!(format(&value), value.normalize().to_string());
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn formats_as_rust_decimal_prints_the_normalised_value(
            mantissa in -(1i128 << 96) + 1..(1i128 << 96),
            scale in 0u32..=28,
        ) {
            let value = Decimal::from_i128_with_scale(mantissa, scale);
            proptest::prop_assert_eq!(format(&value), value.normalize().to_string());
        }
    }

    proptest::proptest! {
        /// The digits make the same `Decimal`, scale and all, as rust_decimal's own parser given
        /// the amount's text, normalised.
        #[test]
        fn reads_digits_as_rust_decimal_parses_them(
            text in "[+-]?0{0,3}[0-9]{1,13}(\\.[0-9]{1,5}0{0,40})?",
        ) {
            let (negative, digits) = match text.strip_prefix('-') {
                Some(rest) => (true, rest),
                None => (false, text.strip_prefix('+').unwrap_or(&text)),
            };
            let (integer, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
            let places = fraction.trim_end_matches('0').len();
            let expected = if integer.trim_start_matches('0').len() > MAX_INTEGER_DIGITS {
                Err(MoneyError::TooLarge)
            } else if places > 4 {
                Err(MoneyError::TooManyDecimals(places as u32))
            } else {
                let value = format!("{integer}.{fraction}").parse::<Decimal>().unwrap();
                if negative && !value.is_zero() {
                    Err(MoneyError::Negative)
                } else {
                    Ok(value.abs().normalize())
                }
            };
            let read = parse(&text);
            proptest::prop_assert_eq!(&read, &expected);
            if let (Ok(read), Ok(expected)) = (read, expected) {
                proptest::prop_assert_eq!(read.serialize(), expected.serialize());
            }
        }
    }

    #[test]
    fn formats_zero_small_and_large_amounts() {
        for (text, written) in [
            ("0", "0"),
            ("0.0000", "0"),
            ("0.0001", "0.0001"),
            ("300.0100", "300.01"),
            ("999999999999.9999", "999999999999.9999"),
            ("50", "50"),
        ] {
            assert_eq!(format(&text.parse::<Decimal>().unwrap()), written);
        }
        assert_eq!(format(&Decimal::NEGATIVE_ONE), "-1");
        assert_eq!(format(&Decimal::MAX), Decimal::MAX.to_string());
    }

    #[test]
    fn pushes_after_the_text_there() {
        let mut text = String::from("预计总投资 ");
        push(&mut text, &"300.0100".parse::<Decimal>().unwrap());
        text.push_str(" 万元");
        assert_eq!(text, "预计总投资 300.01 万元");
    }

    #[test]
    fn accepts_plain_full_width_and_unit_suffix() {
        assert_eq!(ok("300"), "300");
        assert_eq!(ok(" 300.0001 "), "300.0001");
        assert_eq!(ok("３００"), "300");
        assert_eq!(ok("３００．５万元"), "300.5");
        assert_eq!(ok("50万"), "50");
        assert_eq!(ok("12.3400"), "12.34");
        assert_eq!(ok("-0"), "0");
        assert_eq!(ok("+7"), "7");
    }

    #[test]
    fn rejects_what_would_need_a_guess() {
        assert_eq!(parse("三百万"), Err(MoneyError::ChineseNumerals));
        assert_eq!(parse("1e400"), Err(MoneyError::Exponent));
        assert_eq!(parse("-5"), Err(MoneyError::Negative));
        assert_eq!(parse("12.34567"), Err(MoneyError::TooManyDecimals(5)));
        assert_eq!(parse("3000000元"), Err(MoneyError::WrongUnit));
        assert_eq!(parse("1,000"), Err(MoneyError::ThousandsSeparator));
        assert_eq!(parse("1,000,000.5"), Err(MoneyError::ThousandsSeparator));
        assert_eq!(parse("300,5"), Err(MoneyError::DecimalComma));
        assert_eq!(parse("300，25"), Err(MoneyError::DecimalComma));
        // A word is not a number, whatever letters it has.
        for word in ["yes", "none", "test", "e", "1e", "e5", "3 e 2"] {
            assert_eq!(parse(word), Err(MoneyError::NotANumber), "{word}");
        }
        assert_eq!(parse("1.5E+3"), Err(MoneyError::Exponent));
        assert_eq!(parse("2e-1"), Err(MoneyError::Exponent));
        assert_eq!(parse(""), Err(MoneyError::Empty));
        assert_eq!(parse("万元"), Err(MoneyError::Empty));
        assert_eq!(parse("12."), Err(MoneyError::NotANumber));
        assert_eq!(parse(".5"), Err(MoneyError::NotANumber));
        assert_eq!(parse("abc"), Err(MoneyError::NotANumber));
        assert_eq!(parse("1234567890123"), Err(MoneyError::TooLarge));
        assert_eq!(parse("9007199254740993"), Err(MoneyError::TooLarge));
    }

    /// Chinese numerals are named only where they write the number; Arabic digits with words
    /// around them, 万 among the words, are not a number, and 万 after them is no wrong unit.
    #[test]
    fn names_chinese_numerals_only_where_they_write_the_number() {
        for text in [
            "三百万",
            "三百",
            "叁佰万元",
            "三百万元整",
            "贰佰陆拾捌万伍仟",
            "二〇二六",
            "3百万",
            "3万5千",
            "3亿5千万",
        ] {
            assert_eq!(parse(text), Err(MoneyError::ChineseNumerals), "{text}");
        }
        // Arabic digits in 亿: a number in another unit.
        for text in ["１.5亿元", "1.5亿", "2 亿元"] {
            assert_eq!(parse(text), Err(MoneyError::WrongUnit), "{text}");
        }
        for text in [
            "300万元整",
            "300万元人民币",
            "300 万 元",
            "300万 元",
            "３００万元整",
            "300万万",
            "300整",
        ] {
            assert_eq!(parse(text), Err(MoneyError::NotANumber), "{text}");
        }
        assert_eq!(parse("300元"), Err(MoneyError::WrongUnit));
        assert_eq!(parse("300 元"), Err(MoneyError::WrongUnit));
        assert_eq!(parse("300RMB"), Err(MoneyError::WrongUnit));
        assert_eq!(parse("3,000万元整"), Err(MoneyError::ThousandsSeparator));
        assert_eq!(parse("3e2万元整"), Err(MoneyError::Exponent));
        assert_eq!(parse("300 万元"), Ok(Decimal::from(300)));
    }

    #[test]
    fn compares_exactly() {
        assert!(parse("300.0001").unwrap() > parse("300").unwrap());
        assert_eq!(parse("300.0000").unwrap(), parse("300").unwrap());
    }
}
