//! Turning a code and its parameters into a sentence in the requested locale. Portals may replace
//! any template by code without touching the rules.

use std::borrow::Cow;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::codes::Code;
use crate::model::Field;
use crate::report::Diagnostic;
use crate::sorted::SortedMap;

/// The locales and the tags options accept for each: the first is the one a report names.
macro_rules! locales {
    ($($(#[$meta:meta])* $variant:ident: $name:literal $(| $tag:literal)*;)*) => {
        /// The language of messages and labels, as reports name it.
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
        pub enum Locale {
            $($(#[$meta])* #[serde(rename = $name)] $variant,)*
        }

        impl Locale {
            /// The tags options accept, each with the locale it means.
            pub const TAGS: &'static [(&'static str, Locale)] =
                &[$(($name, Locale::$variant), $(($tag, Locale::$variant),)*)*];

            pub fn from_tag(tag: &str) -> Option<Locale> {
                match tag {
                    $($name $(| $tag)* => Some(Locale::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

locales! {
    #[default]
    ZhCn: "zh-CN" | "zh" | "zh-Hans";
    En: "en" | "en-US" | "en-GB";
}

impl Locale {
    pub fn is_en(self) -> bool {
        self == Locale::En
    }

    /// Picks the English text where it exists and English is asked for.
    pub fn pick<'a, T: AsRef<str> + ?Sized>(self, zh: &'a T, en: &'a T) -> &'a T {
        if self.is_en() && !en.as_ref().is_empty() {
            en
        } else {
            zh
        }
    }
}

/// The `{name}` placeholders of a template.
pub fn placeholders(template: &str) -> impl Iterator<Item = &str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
}

/// Between quoted names joined as alternatives (「a」或「b」), in Chinese and in English; a template
/// quotes the whole as one value, and [`fill`] splits it at this to leave a title in 《》
/// unquoted.
pub const OR_BETWEEN_QUOTED: (&str, &str) = ("」或「", "” or “");

/// Fills a template; a placeholder with no value is left visible so that a gap is noticed.
pub fn fill(template: &str, params: &SortedMap<String, String>) -> String {
    fill_with(template, |name| {
        params.get(name).map(|v| Cow::Borrowed(v.as_str()))
    })
}

/// Fills a template with the value `value` gives for each placeholder, asked only for those the
/// template has.
fn fill_with<'a>(template: &str, value: impl Fn(&str) -> Option<Cow<'a, str>>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(rest.get(..start).unwrap_or_default());
        let after = rest.get(start + 1..).unwrap_or_default();
        match after.split_once('}') {
            Some((name, tail)) => {
                match value(name) {
                    // A document's name that is a title in 《》 is not quoted again: 「《项目基本情况
                    // 备案表》」 reads 《项目基本情况备案表》, also among names joined 「a」或「b」 (what
                    // the applicant typed is quoted as typed).
                    Some(value)
                        if matches!(name, "document" | "alternative")
                            && out.ends_with('「')
                            && tail.starts_with('」') =>
                    {
                        out.pop();
                        let mut names: &str = &value;
                        loop {
                            let (one, more) =
                                match crate::split_once_str(names, OR_BETWEEN_QUOTED.0) {
                                    Some((one, more)) => (one, Some(more)),
                                    None => (names, None),
                                };
                            let title = one.starts_with('《') && one.ends_with('》');
                            if !title {
                                out.push('「');
                            }
                            out.push_str(one);
                            if !title {
                                out.push('」');
                            }
                            let Some(more) = more else {
                                break;
                            };
                            out.push('或');
                            names = more;
                        }
                        rest = tail.get('」'.len_utf8()..).unwrap_or_default();
                        continue;
                    }
                    Some(value) => out.push_str(&value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = tail;
            }
            None => {
                out.push_str(rest.get(start..).unwrap_or_default());
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// So many of `unit` in English: `1 month`, `6 months`.
pub fn counted(n: u64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// A list in running text: `a、b、c`; in English `a, b and c`.
pub fn enumerate(items: &[&str], locale: Locale) -> String {
    match items.split_last() {
        Some((last, rest)) if locale.is_en() && !rest.is_empty() => {
            format!("{} and {last}", rest.join(", "))
        }
        _ => items.join("、"),
    }
}

/// Formats a diagnostic's message in place. Parameters that name a field path or a reason key are
/// shown as their label; the raw values stay in `params` for programs.
/// A field is named as `version`'s regulation words it, where given.
pub fn render(
    d: &mut Diagnostic,
    locale: Locale,
    overrides: &SortedMap<String, String>,
    version: Option<&crate::profile::Version>,
) {
    let spec = d.code.spec();
    let template = overrides
        .get(spec.id)
        .map(String::as_str)
        .unwrap_or(if locale.is_en() { spec.en } else { spec.zh });
    let params = &d.params;
    let field = params
        .get("field")
        .map(|value| &**value)
        .or_else(|| spec.params.contains(&"field").then_some(d.path.as_str()));
    let mut message = fill_with(template, |name| {
        let raw = params.get(name);
        Some(match name {
            "field" => label_in(field?, locale, version),
            "reason" => Cow::Owned(reason_text(raw?, params, locale)),
            "expected" | "got" => type_text(raw?, locale),
            "stage" => Cow::Borrowed(stage_name(raw?, locale)),
            "limit" if spec.code == Code::InputTooLarge => {
                Cow::Borrowed(crate::limits::limit_by_key(raw?)?.label(locale))
            }
            "allowed" if spec.code == Code::UnknownChoice => allowed_text(raw?, locale),
            _ => Cow::Borrowed(&**raw?),
        })
    });
    message.truncate(message.trim_end().len());
    d.message = message.into_boxed_str();
}

/// [`field_label`], a field named as `version`'s regulation words it where one is given
/// (相城's 「预算总投资」).
pub fn label_in<'v>(
    path: &str,
    locale: Locale,
    version: Option<&'v crate::profile::Version>,
) -> Cow<'v, str> {
    match (version, Field::by_path(path)) {
        (Some(version), Some(field)) => Cow::Borrowed(version.field_label(field, locale)),
        _ => Cow::Owned(field_label(path, locale)),
    }
}

/// `funding.thisYear.total` → 本年度申请资金：合计; `funding.thisYear` → 本年度申请资金;
/// `resources[2].sharing` → 信息资源表第3行：共享属性.
pub fn field_label(path: &str, locale: Locale) -> String {
    if path.is_empty() {
        return locale.pick("申报内容", "The application").to_string();
    }
    if let Some(field) = Field::by_path(path) {
        let spec = field.spec();
        return locale.pick(spec.zh, spec.en).to_string();
    }
    if let Some(group) = crate::model::fields::group_by_path(path) {
        return locale.pick(group.zh, group.en).to_string();
    }
    if let Some(label) = item_label(path, locale) {
        return label;
    }
    for &(table, zh, en, cells) in crate::labels::TABLES {
        if let Some(rest) = path.strip_prefix(table) {
            let Some(rest) = rest.strip_prefix('[') else {
                return locale.pick(zh, en).to_string();
            };
            let (index, cell) = rest.split_once(']').unwrap_or((rest, ""));
            let row = index.parse::<usize>().map(|i| i + 1).unwrap_or(0);
            let cell = cell.trim_start_matches('.');
            let cell_name = cell_label(cell, cells, locale);
            return if locale.is_en() {
                format!(
                    "{en} row {row}{}{cell_name}",
                    if cell.is_empty() { "" } else { ": " }
                )
            } else {
                format!(
                    "{zh}第{row}行{}{cell_name}",
                    if cell.is_empty() { "" } else { "：" }
                )
            };
        }
    }
    path.to_string()
}

/// A cell's label where it is one of its table's `cells` (a document row's `name` is not the
/// resource table's 信息资源名称), else the key as given.
fn cell_label<'c>(cell: &'c str, cells: &[&str], locale: Locale) -> &'c str {
    let key = cell.split('[').next().unwrap_or(cell);
    match crate::labels::cell_label(key).filter(|_| cells.contains(&key)) {
        Some((zh, en)) => locale.pick(zh, en),
        None => cell,
    }
}

/// `mandatedBy[1]` → 明确要求建设的上级第2项, for an item of a field that holds a list.
fn item_label(path: &str, locale: Locale) -> Option<String> {
    let (field, rest) = path.split_once('[')?;
    let index = rest.strip_suffix(']')?.parse::<usize>().ok()?;
    let spec = Field::by_path(field)?.spec();
    Some(if locale.is_en() {
        format!("{}, item {}", spec.en, index + 1)
    } else {
        format!("{}第{}项", spec.zh, index + 1)
    })
}

/// The keys a field may take, as the message's reader knows them: in Chinese, each key's label
/// (「乡镇、街道」); in English, the keys a program sends.
fn allowed_text<'a>(raw: &'a str, locale: Locale) -> Cow<'a, str> {
    if locale.is_en() {
        return Cow::Borrowed(raw);
    }
    let labels: Option<Vec<String>> = raw
        .split(',')
        .map(|key| key.strip_prefix(' ').unwrap_or(key))
        .map(|key| crate::labels::choice_label(key).map(|(zh, _)| format!("「{zh}」")))
        .collect();
    labels.map_or(Cow::Borrowed(raw), |labels| Cow::Owned(labels.join("、")))
}

fn reason_text(reason: &str, params: &SortedMap<&'static str, Arc<str>>, locale: Locale) -> String {
    let places = params.get("places").map_or("", |places| &**places);
    let (zh, en) = match reason {
        "empty" => ("没有数字".to_string(), "no digits".to_string()),
        "chineseNumerals" => (
            "请用阿拉伯数字而不是中文数字".to_string(),
            "use Arabic digits, not Chinese numerals".to_string(),
        ),
        "wrongUnit" => (
            "单位应为万元（例如 300 万元写作 300）".to_string(),
            "the unit is 万元 (write 3,000,000 CNY as 300)".to_string(),
        ),
        "exponent" => (
            "不支持科学计数法".to_string(),
            "scientific notation is not accepted".to_string(),
        ),
        "thousandsSeparator" => (
            "请勿使用千位分隔符".to_string(),
            "leave out thousands separators".to_string(),
        ),
        "decimalComma" => (
            "小数请用小数点（例如 300.5）".to_string(),
            "write decimals with a point (e.g. 300.5)".to_string(),
        ),
        "negative" => (
            "金额不能为负数".to_string(),
            "amounts cannot be negative".to_string(),
        ),
        "tooManyDecimals" => (
            format!("有 {places} 位小数，超过4位"),
            format!("{places} decimal places, more than 4"),
        ),
        "tooLarge" => (
            "数值过大".to_string(),
            "the number is too large".to_string(),
        ),
        _ => ("格式不正确".to_string(), "it is not a number".to_string()),
    };
    if locale.is_en() {
        en
    } else {
        zh
    }
}

/// A type name, or the position of a syntax error (`invalid JSON (line 3, column 15)`, kept
/// so in the parameter for programs), in the message's language.
fn type_text(raw: &str, locale: Locale) -> Cow<'_, str> {
    let position = raw
        .strip_prefix("invalid JSON (line ")
        .and_then(|rest| rest.strip_suffix(')'))
        .and_then(|rest| crate::split_once_str(rest, ", column "));
    match position {
        Some((line, column)) if !locale.is_en() => Cow::Owned(format!(
            "无法解析的 JSON 文本（第 {line} 行第 {column} 列）"
        )),
        Some((line, column)) => Cow::Owned(format!(
            "JSON text that cannot be parsed (line {line}, column {column})"
        )),
        None => Cow::Borrowed(type_name(raw, locale)),
    }
}

fn type_name(kind: &str, locale: Locale) -> &str {
    let (zh, en) = match kind {
        "object" => ("对象", "an object"),
        "array" => ("列表", "a list"),
        "string" => ("文字", "text"),
        "number" => ("数字", "a number"),
        "boolean" => ("勾选值（是/否）", "true or false"),
        "null" => ("空值", "null"),
        "amount" => ("金额（数字或文字）", "an amount (number or text)"),
        "date" => ("日期文字（年-月-日）", "a date string (YYYY-MM-DD)"),
        "integer" => ("整数", "a whole number"),
        "document" => ("材料类别或材料对象", "a document kind or object"),
        other => (other, other),
    };
    locale.pick(zh, en)
}

pub fn stage_name(stage: &str, locale: Locale) -> &str {
    match stage_label(stage) {
        Some((zh, en)) => locale.pick(zh, en),
        None => stage,
    }
}

/// A stage's name in both locales.
pub fn stage_label(stage: &str) -> Option<(&'static str, &'static str)> {
    crate::profile::Stage::from_key(stage).map(crate::profile::Stage::label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_in_book_marks_is_not_quoted_again() {
        let params: SortedMap<String, String> = crate::sorted::gathered([
            ("document".to_string(), "《项目基本情况备案表》".to_string()),
            ("other".to_string(), "可行性研究报告".to_string()),
        ]);
        assert_eq!(
            fill("请提交「{document}」和「{other}」。", &params),
            "请提交《项目基本情况备案表》和「可行性研究报告」。"
        );
        assert_eq!(
            fill("（{document}）", &params),
            "（《项目基本情况备案表》）"
        );
        let joined: SortedMap<String, String> = crate::sorted::gathered([(
            "document".to_string(),
            "测评报告」或「《涉密信息系统审查合格证》".to_string(),
        )]);
        assert_eq!(
            fill("需提交「{document}」。", &joined),
            "需提交「测评报告」或《涉密信息系统审查合格证》。"
        );
        let typed: SortedMap<String, String> =
            crate::sorted::gathered([("input".to_string(), "《》".to_string())]);
        assert_eq!(fill("填写的「{input}」", &typed), "填写的「《》」");
    }

    #[test]
    fn fills_and_keeps_unknown_placeholders_visible() {
        let mut p = SortedMap::default();
        p.insert("a".to_string(), "1".to_string());
        assert_eq!(fill("x{a}y{b}z", &p), "x1y{b}z");
        assert_eq!(fill("no braces", &p), "no braces");
        assert_eq!(fill("open { end", &p), "open { end");
        assert_eq!(
            placeholders("{a} and {b}").collect::<Vec<_>>(),
            vec!["a", "b"]
        );
    }

    #[test]
    fn odd_input_is_named_in_chinese_without_english() {
        let options = crate::Options::for_jurisdiction("tongzhou");
        let report = crate::validate_json(
            r#"{"mandatedBy": [true, "银河"], "unitKind": "某类", "documents": true, "classified": 3}"#,
            &options,
        );
        let message = |path: &str| {
            report
                .diagnostics
                .iter()
                .find(|d| d.path == path)
                .map(|d| d.message.to_string())
                .unwrap_or_default()
        };
        assert_eq!(
            message("mandatedBy[0]"),
            "「明确要求建设的上级第1项」应填写文字，收到的是勾选值（是/否）。"
        );
        assert!(message("unitKind").contains("（可选：「部门、直属单位」、「乡镇、街道」"));
        assert_eq!(
            message("documents"),
            "「材料清单」应填写列表，收到的是勾选值（是/否）。"
        );
        for path in [
            "mandatedBy[0]",
            "mandatedBy[1]",
            "unitKind",
            "documents",
            "classified",
        ] {
            let text = message(path);
            assert!(!text.is_empty(), "{path}");
            assert!(
                !text.chars().any(|c| c.is_ascii_alphabetic()),
                "{path}: {text}"
            );
        }
    }

    /// An amount in Arabic digits with words around them is not a number; one written in Chinese
    /// numerals, in whole or in part, is told to use Arabic digits.
    #[test]
    fn amounts_name_chinese_numerals_only_where_they_are() {
        let amount = |input: &str, locale: Locale| {
            let mut options = crate::Options::for_jurisdiction("tongzhou");
            options.locale = locale;
            let app = serde_json::json!({ "totalInvestment": input }).to_string();
            crate::validate_json(&app, &options)
                .diagnostics
                .iter()
                .find(|d| d.path == "totalInvestment" && d.code == Code::InvalidAmount)
                .map(|d| {
                    let reason = d.params.get("reason").map(|r| r.to_string());
                    (reason.unwrap_or_default(), d.message.to_string())
                })
                .unwrap_or_default()
        };
        for input in ["300万元整", "300万元人民币", "300 万 元", "３００万元整"] {
            let (reason, message) = amount(input, Locale::ZhCn);
            assert_eq!(reason, "notANumber", "{input}");
            assert!(message.contains("格式不正确"), "{message}");
            assert!(!message.contains("中文数字"), "{message}");
            let (_, message) = amount(input, Locale::En);
            assert!(message.contains("it is not a number"), "{message}");
        }
        for input in ["三百万", "三百", "叁佰万元", "3百万"] {
            let (reason, message) = amount(input, Locale::ZhCn);
            assert_eq!(reason, "chineseNumerals", "{input}");
            assert!(
                message.contains("请用阿拉伯数字而不是中文数字"),
                "{message}"
            );
        }
        assert_eq!(amount("300元", Locale::ZhCn).0, "wrongUnit");
        assert_eq!(amount("1.5亿", Locale::ZhCn).0, "wrongUnit");
        assert_eq!(amount("1.5亿元", Locale::ZhCn).0, "wrongUnit");
        assert_eq!(amount("一亿", Locale::ZhCn).0, "chineseNumerals");
        assert_eq!(amount("3,000", Locale::ZhCn).0, "thousandsSeparator");
    }

    /// A group given something other than an object is named by its label, as its fields are, in
    /// either locale; a key the form does not have keeps its own name.
    #[test]
    fn groups_are_named_by_their_label() {
        let app = r#"{"funding": "abc", "preparation": 1, "expertPanel": true, "dates": [],
            "adjustment": "x", "acceptancePanel": 3, "fundingX": {"a": 1}}"#;
        let thisyear = r#"{"funding": {"thisYear": "abc", "priorYears": 5, "other": {}}}"#;
        let messages = |text: &str, locale: Locale| {
            let mut options = crate::Options::for_jurisdiction("tongzhou");
            options.locale = locale;
            crate::validate_json(text, &options)
                .diagnostics
                .iter()
                .map(|d| (d.path.to_string(), d.message.to_string()))
                .collect::<Vec<_>>()
        };
        let message = |text: &str, locale: Locale, path: &str| {
            messages(text, locale)
                .into_iter()
                .find(|(at, _)| at == path)
                .map(|(_, message)| message)
                .unwrap_or_default()
        };
        let zh = Locale::ZhCn;
        let en = Locale::En;
        for (text, locale, path, expected) in [
            (app, zh, "funding", "「资金来源」应填写对象，收到的是文字。"),
            (
                app,
                en,
                "funding",
                "“Sources of funding” expects an object but got text.",
            ),
            (
                app,
                zh,
                "preparation",
                "「前期准备」应填写对象，收到的是数字。",
            ),
            (
                app,
                en,
                "preparation",
                "“Preparation” expects an object but got a number.",
            ),
            (
                thisyear,
                zh,
                "funding.thisYear",
                "「本年度申请资金」应填写对象，收到的是文字。",
            ),
            (
                thisyear,
                en,
                "funding.thisYear",
                "“Funding applied for this year” expects an object but got text.",
            ),
        ] {
            assert_eq!(message(text, locale, path), expected, "{path}");
        }
        assert!(message(thisyear, zh, "funding.priorYears").starts_with("「历年已安排资金」"));
        for (path, label) in [
            ("expertPanel", "「评审专家组」"),
            ("acceptancePanel", "「终验专家组」"),
            ("dates", "「审批、实施与验收日期」"),
            ("adjustment", "「概算调整」"),
        ] {
            let text = message(app, zh, path);
            assert!(text.starts_with(label), "{path}: {text}");
            assert!(!text.chars().any(|c| c.is_ascii_alphabetic()), "{text}");
        }
        // A key the form does not have, alone or inside a group, is named as it was written.
        assert!(message(app, zh, "fundingX").contains("fundingX"));
        assert!(message(thisyear, zh, "funding.other").contains("funding.other"));
        assert_eq!(field_label("funding.thisYearX", zh), "funding.thisYearX");
        for group in crate::model::fields::GROUPS {
            assert_eq!(field_label(group.path, zh), group.zh);
            assert_eq!(field_label(group.path, en), group.en);
        }
    }

    #[test]
    fn labels_table_cells() {
        assert_eq!(
            field_label("resources[2].sharing", Locale::ZhCn),
            "信息资源表第3行：共享属性"
        );
        // A key of the other table's is no cell of this one (an upload list's `name` in documents).
        assert_eq!(
            field_label("documents[0].name", Locale::ZhCn),
            "材料清单第1行：name"
        );
        assert_eq!(
            field_label("resources[0].kind", Locale::ZhCn),
            "信息资源表第1行：kind"
        );
        assert_eq!(
            field_label("documents[1].chapters[2]", Locale::ZhCn),
            "材料清单第2行：篇章"
        );
        assert_eq!(field_label("totalInvestment", Locale::ZhCn), "预计总投资");
        assert_eq!(
            field_label("totalInvestment", Locale::En),
            "Estimated total investment"
        );
    }
}
