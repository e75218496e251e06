//! The stable codes of every check, with severity and message templates in both locales.
//!
//! Codes never change meaning once published; a retired check keeps its code reserved. Templates
//! name their parameters in braces; `{field}`, `{document}` and similar are filled with labels, and
//! the test `every_template_parameter_is_supplied` keeps templates and call sites in step.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// One row of the code table.
pub struct CodeSpec {
    pub code: Code,
    pub id: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    /// Which kind of rule produces it, for the rule reference.
    pub family: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    /// Parameters the templates may use.
    pub params: &'static [&'static str],
    /// How a compact answer sends it.
    pub sent: Sent,
}

/// How a compact answer ([`crate::json_text::to_vec_citing`]) sends a diagnostic of a code.
/// Numbering is always exact (the reader gets the same entry back); what this decides is what
/// the table of numbered texts may hold: only what the profile and the form's fields bound, never
/// something typed, which would add an entry at each keystroke.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sent {
    /// By number, whole: everything in it comes from the profile, the field, the options or a
    /// short list of values (a JSON type's name, a row's number, an amount that equals a
    /// threshold). Never a date or an amount computed from what is typed, nor the as-of date,
    /// which a back office gives anew for each application.
    Number,
    /// By number but for one parameter, the value typed: `[n, value]`, the
    /// message being the fixed texts around the value.
    Around(&'static str),
    /// Written out: more than one value in it is typed or computed from what is.
    Text,
}

macro_rules! codes {
    ($( $variant:ident => $id:literal, $name:literal, $sev:ident, $family:literal, [$($p:literal),*],
        $sent:expr, $zh:literal, $en:literal; )*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $( $variant, )* }

        pub const CODES: &[CodeSpec] = &[
            $( CodeSpec { code: Code::$variant, id: $id, name: $name, severity: Severity::$sev,
                family: $family, zh: $zh, en: $en, params: &[$($p),*], sent: $sent }, )*
        ];
    };
}

use Sent::{Around, Number, Text};

codes! {
    InvalidAmount => "IN001", "invalid-amount", Error, "input", ["field", "input", "reason"], Around("input"),
        "「{field}」填写的「{input}」不是有效金额：{reason}。请填写以万元为单位的阿拉伯数字，最多保留4位小数（精确到1元），例如 300 或 300.5。",
        "“{field}”: “{input}” is not a valid amount: {reason}. Enter Arabic digits in 万元 (10,000 CNY), at most 4 decimal places (1 CNY), e.g. 300 or 300.5.";
    InvalidDate => "IN002", "invalid-date", Error, "input", ["field", "input"], Around("input"),
        "「{field}」填写的「{input}」不是有效日期，请按 2024-03-01 的格式填写（年-月-日，用短横线分隔）。",
        "“{field}”: “{input}” is not a valid date. Use year-month-day, e.g. 2024-03-01.";
    DateOutOfRange => "IN015", "date-out-of-range", Error, "input", ["field", "input", "min", "max"], Around("input"),
        "「{field}」填写的「{input}」不在 {min} 年至 {max} 年之间，请检查年份。",
        "“{field}”: “{input}” is not between the years {min} and {max}; check the year.";
    InvalidYearMonth => "IN003", "invalid-year-month", Error, "input", ["field", "input"], Around("input"),
        "「{field}」填写的「{input}」不是有效年月，请按 2024-03 的格式填写（年-月，用短横线分隔）。",
        "“{field}”: “{input}” is not a valid month. Use year-month, e.g. 2024-03.";
    WrongType => "IN004", "wrong-type", Error, "input", ["field", "expected", "got"], Number,
        "「{field}」应填写{expected}，收到的是{got}。",
        "“{field}” expects {expected} but got {got}.";
    UnknownField => "IN005", "unknown-field", Warning, "input", ["field"], Text,
        "无法识别的字段「{field}」，已忽略；请检查字段名称。",
        "Unknown field “{field}” was ignored; check its name.";
    UnknownChoice => "IN006", "unknown-choice", Error, "input", ["field", "input", "allowed"], Around("input"),
        "「{field}」的值「{input}」不在可选范围内（可选：{allowed}）。",
        "“{field}”: “{input}” is not one of the allowed values ({allowed}).";
    OutOfRange => "IN007", "out-of-range", Error, "input", ["field", "input", "min", "max"], Around("input"),
        "「{field}」应为 {min} 至 {max} 之间的整数，收到的是「{input}」。",
        "“{field}” must be a whole number from {min} to {max}; got “{input}”.";
    TextTooLong => "IN008", "text-too-long", Error, "input", ["field", "max"], Number,
        "「{field}」超过 {max} 个字，请精简或另附说明。",
        "“{field}” is longer than {max} characters; shorten it or attach a note.";
    TooManyRows => "IN009", "too-many-rows", Error, "input", ["field", "max"], Number,
        "「{field}」超过 {max} 行，请拆分或另附表格。",
        "“{field}” has more than {max} rows; split it or attach a table.";
    RequiredCell => "IN010", "required-cell", Error, "input", ["field"], Number,
        "请填写「{field}」。",
        "Fill in “{field}”.";
    UnknownDocument => "IN011", "unknown-document", Warning, "input", ["input", "regulation"], Around("input"),
        "材料类别「{input}」不是《{regulation}》所列材料，已忽略。",
        "Document kind “{input}” is not one that {regulation} names; it was ignored.";
    UnknownChapter => "IN016", "unknown-chapter", Warning, "input", ["document", "input", "regulation"], Around("input"),
        "「{document}」所注明的篇章「{input}」不是《{regulation}》所列篇章，已忽略。",
        "“{document}” lists the chapter “{input}”, which is not one that {regulation} names; it was ignored.";
    AmountInYuan => "IN014", "amount-in-yuan", Warning, "input", ["field", "input", "divided"], Text,
        "「{field}」填写的是 {input} 万元，即 {divided} 亿元。金额以万元为单位：如填写的是元，应为 {divided} 万元。",
        "“{field}” reads {input} 万元, that is {divided} 亿元 ({divided} × 100 million yuan). Amounts are in 万元 (10,000 yuan): if this is in yuan, it is {divided} 万元.";
    InputTooLarge => "IN012", "input-too-large", Error, "input", ["limit", "max", "at"], Text,
        "申报内容超出上限：{limit}最多 {max}，在「{at}」处超出，因此未予读取，请精简后重试。",
        "The application is over a limit: at most {max} {limit}, crossed at “{at}”, so it was not read; reduce it and try again.";
    UnknownFieldsOmitted => "IN013", "unknown-fields-omitted", Warning, "input", ["count", "max"], Text,
        "另有 {count} 个无法识别的字段未逐一列出（最多列出 {max} 个），均已忽略。",
        "{count} more unknown fields were ignored without being listed (at most {max} are listed).";
    UnknownJurisdiction => "JU001", "unknown-jurisdiction", Error, "jurisdiction", ["input", "allowed"], Around("input"),
        "未知的地区「{input}」（可选：{allowed}），无法按地区规定检查。",
        "Unknown jurisdiction “{input}” (known: {allowed}); regional rules were not checked.";
    NotYetInForce => "JU002", "not-yet-in-force", Warning, "jurisdiction", ["regulation", "inForce", "asOf"], Around("asOf"),
        "《{regulation}》自 {inForce} 起施行，申报日期 {asOf} 时尚未施行；以下结论按该办法给出，仅供参考。",
        "{regulation} takes effect on {inForce}; on {asOf} it was not yet in force. The verdicts below apply it for reference only.";
    Repealed => "JU003", "repealed", Warning, "jurisdiction", ["regulation", "repealed", "asOf"], Around("asOf"),
        "《{regulation}》已于 {repealed} 废止，申报日期 {asOf} 时不再适用；请按新规定办理。",
        "{regulation} was repealed on {repealed} and no longer applied on {asOf}; follow the rules that replaced it.";
    DateNotPrinted => "JU004", "date-not-printed", Info, "jurisdiction", ["regulation", "what"], Number,
        "《{regulation}》原文未载明{what}，本检查不作推定。",
        "{regulation} does not print its {what}; none is assumed.";
    ParameterMissing => "JU005", "parameter-missing", Warning, "jurisdiction", ["parameter", "outcome"], Number,
        "{outcome}取决于「{parameter}」，该标准由上级规定、需由门户配置提供，本次未提供，因此暂无法判断。",
        "“{parameter}”, a limit set by a higher authority that the portal must supply, was not supplied, so {outcome} cannot be decided yet.";
    EnglishNotLoaded => "JU006", "english-not-loaded", Info, "jurisdiction", ["regulation"], Number,
        "《{regulation}》的英文文本未加载或未编写，其条文摘要和说明以中文给出。",
        "The English texts of {regulation} were not loaded or not written, so its article summaries and explanations are given in Chinese.";
    RequiredField => "FM001", "required-field", Error, "form", ["field"], Number,
        "请填写「{field}」。",
        "Fill in “{field}”.";
    NotInFormList => "FM002", "not-in-form-list", Error, "form", ["field", "input", "allowed"], Around("input"),
        "「{field}」应选择{allowed}之一，当前为「{input}」。",
        "“{field}” must be one of {allowed}; it is “{input}”.";
    FundingSumMismatch => "FM003", "funding-sum-mismatch", Error, "form", ["field", "total", "sum"], Text,
        "「{field}」为 {total} 万元，与申请财政拨款、单位自筹、国家下拨、其它四项之和 {sum} 万元不一致。",
        "“{field}” is {total} 万元 but its four sources add up to {sum} 万元.";
    AboveTotal => "FM005", "above-total", Warning, "form", ["field", "amount", "total", "of"], Text,
        "「{field}」为 {amount} 万元，大于「{of}」{total} 万元：请核对金额，均以万元填写。",
        "“{field}” is {amount} 万元, more than “{of}” ({total} 万元): check the amounts, all in 万元 (10,000 CNY).";
    TotalTenThousandTimes => "FM006", "total-ten-thousand-times", Warning, "form", ["field", "total", "part", "amount"], Text,
        "「{field}」{total} 万元是「{part}」{amount} 万元的一万倍以上：其中之一可能以元填写，请核对，金额均以万元填写。",
        "“{field}” ({total} 万元) is ten thousand times “{part}” ({amount} 万元) or more: one of them may be in CNY; check them, all in 万元 (10,000 CNY).";
    MonthOrder => "FM004", "month-order", Error, "form", ["end", "start"], Text,
        "计划完成年月 {end} 早于启动年月 {start}：请核对这两个年月，计划完成应在启动之后。",
        "Planned completion {end} is before the start month {start}: check both months; completion comes after the start.";
    MissingDocument => "DC001", "missing-document", Error, "completeness", ["document", "stage", "why"], Number,
        "{stage}阶段需提交「{document}」，目前未上传。{why}",
        "The {stage} stage needs “{document}”; none is on file. {why}";
    MissingChapter => "DC002", "missing-chapter", Error, "completeness", ["document", "chapter", "why"], Number,
        "「{document}」应包含「{chapter}」，目前未注明。{why}",
        "“{document}” must cover “{chapter}”, which is not listed. {why}";
    AlternativeRefused => "DC003", "alternative-not-allowed", Error, "completeness", ["document", "alternative", "because", "stage", "why"], Number,
        "{stage}阶段需提交「{document}」；已上传的「{alternative}」在本项目中不能代替它：{because}{why}",
        "The {stage} stage needs “{document}”; the “{alternative}” on file cannot stand in for it here: {because} {why}";
    ResourceNameMissing => "RS001", "resource-name-missing", Error, "resources", ["row"], Number,
        "信息资源表第 {row} 行未填写信息资源名称。",
        "Row {row} of the information-resource table has no name.";
    ResourceSharingInvalid => "RS002", "resource-sharing-invalid", Error, "resources", ["row", "input", "allowed"], Around("input"),
        "信息资源表第 {row} 行的共享属性「{input}」应为{allowed}之一。",
        "Row {row} of the information-resource table: sharing “{input}” must be one of {allowed}.";
    ResourceConditionMissing => "RS003", "resource-condition-missing", Error, "resources", ["row"], Number,
        "信息资源表第 {row} 行为“有条件共享”，请注明共享条件。",
        "Row {row} of the information-resource table is shared on conditions: state the conditions.";
    ResourceReasonMissing => "RS004", "resource-reason-missing", Error, "resources", ["row"], Number,
        "信息资源表第 {row} 行为“不予共享”，请写明不予共享的原因。",
        "Row {row} of the information-resource table is not shared: state why.";
    ResourceFrequencyInvalid => "RS005", "resource-frequency-invalid", Error, "resources", ["row", "input", "allowed"], Around("input"),
        "信息资源表第 {row} 行的采集更新频率「{input}」应为{allowed}之一。",
        "Row {row} of the information-resource table: update frequency “{input}” must be one of {allowed}.";
    WindowTooEarly => "TW001", "window-too-early", Error, "timing", ["field", "date", "from", "fromDate", "span", "earliest", "qualifier"], Text,
        "「{field}」为 {date}，早于{from}（{fromDate}）后{span}，{qualifier}最早应为 {earliest}。",
        "“{field}” is {date}, earlier than {span} after {from} ({fromDate}); the earliest is {earliest}{qualifier}.";
    WindowTooLate => "TW002", "window-too-late", Error, "timing", ["field", "date", "from", "fromDate", "span", "latest", "qualifier", "holidays", "postponement"], Text,
        "「{field}」为 {date}，晚于{from}（{fromDate}）后{span}，{qualifier}最迟应为 {latest}。{holidays}{postponement}",
        "“{field}” is {date}, later than {span} after {from} ({fromDate}); the latest is {latest}{qualifier}.{holidays}{postponement}";
    WindowOverdue => "TW003", "window-overdue", Warning, "timing", ["field", "from", "fromDate", "span", "latest", "asOf", "action"], Text,
        "{from}为 {fromDate}，「{field}」应在其后{span}内（最迟 {latest}），截至 {asOf} 仍未填写。{action}",
        "{from} was {fromDate}; “{field}” was due within {span} (by {latest}) and is still empty on {asOf}. {action}";
    DeadlinePassed => "TW004", "deadline-passed", Warning, "timing", ["deadline", "asOf", "year"], Text,
        "{year} 年度项目应于 {deadline} 前申报，截至 {asOf} 已过申报期，项目可能无法列入 {year} 年度计划。",
        "Applications for {year} were due by {deadline}; on {asOf} that date has passed, and the project may miss the {year} plan.";
    WorkingDaysApproximate => "TW005", "working-days-approximate", Info, "timing", ["span"], Number,
        "{span}按周一至周五计算，未计入法定节假日及调休；门户提供节假日安排后可精确计算。",
        "{span} counts Monday to Friday only; public holidays and swapped working days are not known until the portal supplies them.";
    WindowMissedBefore => "TW006", "window-missed", Error, "timing", ["field", "date", "target", "from", "fromDate", "span", "latest", "holidays", "action"], Text,
        "「{field}」为 {date}，已晚于「{target}」的最迟日期 {latest}（{from} {fromDate} 后{span}），该期限已过。{holidays}{action}",
        "“{field}” is {date}, after the latest date for “{target}”, {latest} ({span} after {from}, {fromDate}); that time has passed.{holidays} {action}";
    WindowBeforeStart => "TW007", "window-before-start", Error, "timing", ["field", "date", "from", "fromDate", "qualifier"], Text,
        "「{field}」为 {date}，早于{from}（{fromDate}）：{qualifier}应在{from}之后。",
        "“{field}” is {date}, before {from} ({fromDate}); it must come after {from}{qualifier}.";
    WindowTooLatePostponed => "TW008", "window-too-late-postponed", Error, "timing", ["field", "date", "latest"], Text,
        "「{field}」为 {date}，晚于经批准延期后的最迟日期 {latest}。",
        "“{field}” is {date}, after {latest}, the latest date of the approved postponement.";
    WindowOverduePostponed => "TW009", "window-overdue-postponed", Warning, "timing", ["field", "latest", "asOf"], Text,
        "「{field}」经批准延期至 {latest}，截至 {asOf} 仍未填写，已过延期的期限。",
        "“{field}” was postponed to {latest} and is still empty on {asOf}, past the postponement.";
    PeriodEndApproximate => "TW010", "period-end-approximate", Info, "timing", ["latest"], Around("latest"),
        "最后一日 {latest} 只按周末顺延，未计入法定节假日：最后一日为法定节假日的，顺延至节后第一个工作日；门户提供节假日安排后可精确计算。",
        "The last day, {latest}, is moved past weekends only: a last day that is a public holiday moves to the next working day, which the portal's holiday calendar makes exact.";
    RestrictionUnchecked => "RX002", "restriction-unchecked", Info, "restriction", ["needed", "message"], Number,
        "请填写{needed}，以便核对：{message}",
        "Answer {needed} so that this can be checked: {message}";
    Restricted => "RX001", "restricted", Error, "restriction", ["message"], Number,
        "{message}",
        "{message}";
    PanelTooSmall => "EP001", "panel-too-small", Error, "panel", ["field", "size", "min", "principle"], Around("size"),
        "「{field}」为 {size} 人，少于{principle}要求的 {min} 人。",
        "“{field}” is {size}; at least {min} are required{principle}.";
    PanelEven => "EP002", "panel-even", Error, "panel", ["field", "size", "principle"], Around("size"),
        "「{field}」为 {size} 人，{principle}应为单数。",
        "“{field}” is {size}; it must{principle} be an odd number.";
    PanelExternalTooFew => "EP003", "panel-external-too-few", Error, "panel", ["field", "external", "size", "min"], Text,
        "「{field}」为 {external} 人：专家组共 {size} 人，应全部由外部专家组成且不少于 {min} 人。",
        "“{field}” is {external}: the panel of {size} must be at least {min} experts, all of them external.";
    AdjustmentOverLimit => "AD001", "adjustment-over-limit", Warning, "adjustment", ["amount", "ratio", "limit", "procedure"], Text,
        "调整资金 {amount} 万元，占批复概算总投资的 {ratio}，超过 {limit}，不适用简易调整程序：{procedure}",
        "The adjustment of {amount} 万元 is {ratio} of the approved estimate, over {limit}; the simplified route is closed: {procedure}";
    AdjustmentReasonNotListed => "AD002", "adjustment-reason-not-listed", Warning, "adjustment", ["procedure"], Number,
        "调整情形不属于规定的三种情形之一，不适用简易调整程序：{procedure}",
        "The reason is not one of the three listed; the simplified route is closed: {procedure}";
    AdjustmentConditionsUnmet => "AD003", "adjustment-conditions-unmet", Warning, "adjustment", ["procedure"], Number,
        "简易调整要求投资规模未超出概算批复且建设目标不变，本次不满足：{procedure}",
        "The simplified route needs the investment within the approved estimate and unchanged goals; this adjustment does not qualify: {procedure}";
    AmountOnBoundary => "BD001", "amount-on-boundary", Info, "boundary", ["field", "amount", "article", "wording", "reading", "result"], Number,
        "「{field}」恰为 {amount} 万元，正好在{article}「{wording}」的界线上：{reading}，因此{result}。",
        "“{field}” is exactly {amount} 万元, on the line drawn by {article} (“{wording}”): {reading}. {result}.";
}

impl Code {
    pub fn spec(self) -> &'static CodeSpec {
        match CODES.get(self as usize) {
            Some(spec) => spec,
            None => &FALLBACK,
        }
    }

    pub fn id(self) -> &'static str {
        self.spec().id
    }

    pub fn by_id(id: &str) -> Option<Code> {
        CODES.iter().find(|s| s.id == id).map(|s| s.code)
    }
}

/// A set of codes, one bit each by their place in [`CODES`]: what a provision can report. Listed
/// and written in that order, as their ids.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CodeSet(u64);

const _: () = assert!(CODES.len() <= 64, "a CodeSet holds 64 codes");

impl CodeSet {
    pub fn of(codes: &[Code]) -> CodeSet {
        codes
            .iter()
            .fold(CodeSet::default(), |set, code| set.with(*code))
    }

    pub fn with(self, code: Code) -> CodeSet {
        CodeSet(self.0 | 1 << (code as u32))
    }

    pub fn contains(self, code: Code) -> bool {
        self.0 & 1 << (code as u32) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn iter(self) -> impl Iterator<Item = Code> {
        CODES
            .iter()
            .map(|spec| spec.code)
            .filter(move |code| self.contains(*code))
    }
}

impl Serialize for CodeSet {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter().map(Code::id))
    }
}

/// A code is its id where one is compared with text: `d.code == "DC001"`.
impl PartialEq<&str> for Code {
    fn eq(&self, id: &&str) -> bool {
        self.id() == *id
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, id: &str) -> bool {
        self.id() == id
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// Writes a code as its id (`#[serde(serialize_with)]`).
pub fn id<S: serde::Serializer>(code: &Code, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(code.id())
}

const FALLBACK: CodeSpec = CodeSpec {
    code: Code::InvalidAmount,
    id: "",
    name: "",
    severity: Severity::Error,
    family: "",
    zh: "",
    en: "",
    params: &[],
    sent: Sent::Text,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_in_declaration_order_with_unique_ids() {
        let mut ids = Vec::new();
        for (i, spec) in CODES.iter().enumerate() {
            assert_eq!(spec.code as usize, i);
            assert_eq!(Code::by_id(spec.id), Some(spec.code));
            ids.push(spec.id);
        }
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), CODES.len());
    }

    #[test]
    fn a_value_sent_apart_is_a_parameter_of_both_templates() {
        for spec in CODES {
            if let Sent::Around(name) = spec.sent {
                for template in [spec.zh, spec.en] {
                    let uses = crate::messages::placeholders(template).filter(|p| *p == name);
                    assert_eq!(
                        uses.count(),
                        1,
                        "{}: {{{name}}} once in {template}",
                        spec.id
                    );
                }
            }
        }
    }

    #[test]
    fn each_template_uses_exactly_its_declared_parameters_in_both_locales() {
        for spec in CODES {
            assert!(
                !spec.zh.is_empty() && !spec.en.is_empty(),
                "{}: a locale is missing",
                spec.id
            );
            let mut declared: Vec<&str> = spec.params.to_vec();
            declared.sort_unstable();
            for (locale, template) in [("zh-CN", spec.zh), ("en", spec.en)] {
                let mut used: Vec<&str> = crate::messages::placeholders(template).collect();
                used.sort_unstable();
                used.dedup();
                assert_eq!(
                    used, declared,
                    "{} ({locale}): placeholders differ from the declared parameters",
                    spec.id
                );
            }
        }
    }
}
