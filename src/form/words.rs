//! What the form component writes on the page, in each locale: its fixed texts, each verdict as
//! one line, and the sentence announced when a verdict changes. Pure, so that it is tested
//! natively; the DOM code in [`super`] only places these strings.

use std::ops::Range;

use chrono::NaiveDate;

use crate::calendar::iso;
use crate::messages::Locale;
use crate::profile::{
    Acceptance, Approval, FinancialReview, InitialAcceptance, Merge, MergeMode, Panel,
};
use crate::report::{Citation, Outcome, Status};
use crate::{Outcomes, Report};

/// The component's fixed texts in one locale.
pub struct Words {
    /// The language tag of what the component writes (WCAG 3.1.2: a page in Chinese may show it
    /// in English).
    pub lang: &'static str,
    pub summary_title: &'static str,
    pub error_prefix: &'static str,
    pub warning_prefix: &'static str,
    pub title_prefix: &'static str,
    pub basis: &'static str,
    pub verdicts: &'static str,
    pub pending: &'static str,
    pub documents: &'static str,
    pub windows: &'static str,
    pub notices: &'static str,
    pub authority: &'static str,
    pub chain: &'static str,
    pub organiser: &'static str,
    pub fee_in_budget: &'static str,
    pub fee_not_in_budget: &'static str,
    /// Before a window's only date: its earliest, or its latest; between its two dates.
    pub earliest: &'static str,
    pub latest: &'static str,
    pub until: &'static str,
    /// Separates a label from its value: 「：」 or ": ".
    pub colon: &'static str,
    /// Separates items of a list: 「、」 or ", ".
    pub comma: &'static str,
    /// Separates clauses: 「；」 or "; ".
    pub semicolon: &'static str,
}

const ZH: Words = Words {
    lang: "zh-CN",
    summary_title: "存在以下问题",
    error_prefix: "错误：",
    warning_prefix: "提示：",
    title_prefix: "错误：",
    basis: "依据",
    verdicts: "审核结论（随填写实时更新）",
    pending: "待填写",
    documents: "本阶段所需材料",
    windows: "时限",
    notices: "请注意",
    authority: "审批部门",
    chain: "文件",
    organiser: "组织验收",
    fee_in_budget: "监理费用纳入投资概算",
    fee_not_in_budget: "监理费用不由项目列支",
    earliest: "最早",
    latest: "最迟",
    until: "至",
    colon: "：",
    comma: "、",
    semicolon: "；",
};

const EN: Words = Words {
    lang: "en",
    summary_title: "There is a problem",
    error_prefix: "Error: ",
    warning_prefix: "Note: ",
    title_prefix: "Error: ",
    basis: "Basis",
    verdicts: "Verdicts (updated as you type)",
    pending: "Still needed",
    documents: "Documents for this stage",
    windows: "Time limits",
    notices: "Please note",
    authority: "Approved by",
    chain: "Documents",
    organiser: "Organised by",
    fee_in_budget: "fee in the budget estimate",
    fee_not_in_budget: "fee not paid by the project",
    earliest: "from",
    latest: "by",
    until: "to",
    colon: ": ",
    comma: ", ",
    semicolon: "; ",
};

/// The prefixes a page's title gets while the summary shows errors, in each locale.
pub const TITLE_PREFIXES: [&str; 2] = [ZH.title_prefix, EN.title_prefix];

pub fn words(locale: Locale) -> &'static Words {
    if locale.is_en() {
        &EN
    } else {
        &ZH
    }
}

/// The verdicts the component shows, in the order it shows them: the key a report uses, and the
/// heading in each locale ([`crate::outcomes::OUTCOMES`]).
pub const VERDICTS: [(&str, &str, &str); 8] = crate::outcomes::HEADINGS;

/// A required document's status, as shown before its name.
pub fn document_status(status: &str, locale: Locale) -> &'static str {
    match (status, locale.is_en()) {
        ("present", false) => "已提交",
        ("missing", false) => "缺少",
        ("present", true) => "on file",
        ("missing", true) => "missing",
        (_, false) => "视情况需要",
        (_, true) => "may be needed",
    }
}

/// A timing window as the panel lists it: its description, then its status and dates
/// (「建成后半年内申请竣工验收（已逾期；最迟 2025-07-10）」); a lone date says which end it is.
pub fn window_line(
    description: &str,
    status: &str,
    earliest: Option<NaiveDate>,
    latest: Option<NaiveDate>,
    locale: Locale,
) -> String {
    let w = words(locale);
    let dates = match (earliest, latest) {
        (Some(a), Some(b)) => format!("{} {} {}", iso(a), w.until, iso(b)),
        (Some(a), None) => format!("{} {}", w.earliest, iso(a)),
        (None, Some(b)) => format!("{} {}", w.latest, iso(b)),
        (None, None) => String::new(),
    };
    let status = window_status(status, locale);
    let (open, close) = if locale.is_en() {
        (" (", ")")
    } else {
        ("（", "）")
    };
    if dates.is_empty() {
        format!("{description}{open}{status}{close}")
    } else {
        format!("{description}{open}{status}{}{dates}{close}", w.semicolon)
    }
}

/// A timing window's status.
fn window_status(status: &str, locale: Locale) -> &'static str {
    let zh = match status {
        "pending" => "待起算",
        "open" => "进行中",
        "met" => "符合",
        "early" => "过早",
        "late" => "超期",
        "overdue" => "已逾期",
        _ => "视情况适用",
    };
    if !locale.is_en() {
        return zh;
    }
    match status {
        "pending" => "not started",
        "open" => "open",
        "met" => "met",
        "early" => "too early",
        "late" => "too late",
        "overdue" => "overdue",
        _ => "may apply",
    }
}

/// One verdict as the component shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerdictLine {
    /// `determined` or `undetermined`.
    pub status: &'static str,
    /// The value's key (`data-value`): `separate`, `mandatory`, a panel's size …
    pub key: String,
    /// The verdict in words; empty while undetermined.
    pub verdict: String,
    /// Where in `verdict` its value is, as an announcement says it: the verdict without the
    /// label before it and the documents and steps after it.
    pub said: Range<usize>,
    /// Each reason with its citation text.
    pub because: Vec<(String, String)>,
    /// The paths still needed, while undetermined.
    pub missing: Vec<String>,
    /// The first fact the verdict turned on (`预计总投资 300.01 万元，属于…`), for the announcement.
    pub fact: Option<String>,
    /// How far the amount is from the thresholds where the verdict would change: the direction
    /// (`below`, `above`) and the message, the nearest below first.
    pub nearest: Vec<(&'static str, String)>,
}

impl VerdictLine {
    /// The verdict's value, as an announcement says it.
    pub fn said(&self) -> &str {
        self.verdict.get(self.said.clone()).unwrap_or(&self.verdict)
    }

    /// The same line, but for how far the amount is from the thresholds.
    pub fn same_but_nearest(&self, other: &VerdictLine) -> bool {
        self.status == other.status
            && self.key == other.key
            && self.verdict == other.verdict
            && self.because == other.because
            && self.missing == other.missing
    }

    /// Everything the line shows, as one string: equal when the line would look the same.
    pub fn signature(&self) -> String {
        let mut parts: Vec<&str> = vec![self.status, &self.key, &self.verdict];
        for (why, cite) in &self.because {
            parts.push(why);
            parts.push(cite);
        }
        parts.extend(self.missing.iter().map(String::as_str));
        for (direction, message) in &self.nearest {
            parts.push(direction);
            parts.push(message);
        }
        parts.join("\u{1f}")
    }
}

fn lang(locale: Locale, pair: (&'static str, &'static str)) -> &'static str {
    if locale.is_en() {
        pair.1
    } else {
        pair.0
    }
}

/// The heading of the verdict named `name` (a key of [`VERDICTS`]) in `report`: its regulation's
/// own name where it has one (江津's 「可研与初步设计」 for 合并编报), else `zh` or `en`.
pub fn heading<'r>(report: &'r Report, (name, zh, en): (&str, &'r str, &'r str)) -> &'r str {
    report
        .jurisdiction
        .as_ref()
        .and_then(|j| j.outcome_names.get(name))
        .map_or_else(|| report.locale.pick(zh, en), String::as_str)
}

/// The verdict named `name` (a key of [`VERDICTS`]) in `report`, as one line; `None` where the
/// regulation has no such verdict.
pub fn verdict_line(name: &str, report: &Report) -> Option<VerdictLine> {
    let locale = report.locale;
    let doc = |key: &String| -> String {
        report
            .document_names
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.clone())
    };
    let w = words(locale);
    let mut line = line_of(name, report, locale, w, doc)?;
    line.nearest = report
        .nearest
        .iter()
        .filter(|n| n.outcome == name)
        .map(|n| (n.direction, n.message.clone()))
        .collect();
    crate::sorted::sort_by(&mut line.nearest, |(a, _), (b, _)| {
        (*a != "below").cmp(&(*b != "below"))
    });
    Some(line)
}

fn line_of(
    name: &str,
    report: &Report,
    locale: Locale,
    w: &Words,
    doc: impl Fn(&String) -> String,
) -> Option<VerdictLine> {
    let o = &report.outcomes;
    match name {
        "approval" => line(o.approval.as_ref(), locale, |v: &Approval| {
            let mut parts = vec![lang(locale, v.need.label()).to_string()];
            if let Some(authority) = &v.authority {
                parts.push(format!("{}{}{authority}", w.authority, w.colon));
            }
            if !v.chain.is_empty() {
                let chain: Vec<String> = v.chain.iter().map(&doc).collect();
                parts.push(format!("{}{}{}", w.chain, w.colon, chain.join(" → ")));
            }
            let said = 0..parts.first().map_or(0, String::len);
            parts.extend(v.steps.iter().cloned());
            (v.need.key().to_string(), parts.join(w.semicolon), said)
        }),
        "merge" => line(o.merge.as_ref(), locale, |v: &Merge| {
            let mut text = lang(locale, v.mode.label()).to_string();
            let said = 0..text.len();
            let docs: Vec<String> = v.documents.iter().map(&doc).collect();
            let replaced: Vec<String> = v.replaces.iter().map(&doc).collect();
            // 「无需编制」 names what is not needed, and then what is compiled; the other modes
            // name what is compiled, and what it stands in for.
            let (named, then) = if v.mode == MergeMode::Omit {
                (replaced, docs)
            } else {
                (docs, replaced)
            };
            if !named.is_empty() {
                text.push_str(w.colon);
                text.push_str(&named.join(w.comma));
            }
            if !then.is_empty() {
                let (open, close) = match (v.mode == MergeMode::Omit, locale.is_en()) {
                    (true, false) => ("（编制", "）"),
                    (true, true) => (" (compile ", ")"),
                    (false, _) => ("（→ ", "）"),
                };
                text.push_str(&format!("{open}{}{close}", then.join(w.comma)));
            }
            (v.mode.key().to_string(), text, said)
        }),
        "supervision" => line(o.supervision.as_ref(), locale, |v| {
            let mut parts = vec![lang(locale, v.mode.label()).to_string()];
            let said = 0..parts.first().map_or(0, String::len);
            parts.extend(v.provider.iter().cloned());
            match v.fee_in_budget {
                Some(true) => parts.push(w.fee_in_budget.to_string()),
                Some(false) => parts.push(w.fee_not_in_budget.to_string()),
                None => {}
            }
            (v.mode.key().to_string(), parts.join(w.semicolon), said)
        }),
        "management" => line(o.management.as_ref(), locale, |v| {
            let text = lang(locale, v.mode.label()).to_string();
            let said = 0..text.len();
            (v.mode.key().to_string(), text, said)
        }),
        "expertPanel" => line(o.expert_panel.as_ref(), locale, |v: &Panel| {
            let text = if locale.is_en() {
                format!(
                    "at least {}{}{}",
                    v.min_size,
                    if v.odd { ", odd" } else { "" },
                    if v.external_only { ", external" } else { "" }
                )
            } else {
                format!(
                    "不少于{}人{}{}专家",
                    v.min_size,
                    if v.odd { "单数" } else { "" },
                    if v.external_only { "外部" } else { "" }
                )
            };
            let said = 0..text.len();
            (v.min_size.to_string(), text, said)
        }),
        "financialReview" => line(
            o.financial_review.as_ref(),
            locale,
            |v: &FinancialReview| {
                let by = v.by.as_deref().unwrap_or("");
                let text = match (v.required, locale.is_en()) {
                    (true, false) => format!("须报{by}财政评审"),
                    (true, true) => format!("required ({by})"),
                    (false, false) => "无需财政评审".to_string(),
                    (false, true) => "not required".to_string(),
                };
                let said = 0..text.len();
                (v.required.to_string(), text, said)
            },
        ),
        "acceptance" => line(o.acceptance.as_ref(), locale, |v: &Acceptance| {
            let mut text = format!("{}{}", w.organiser, w.colon);
            let said = text.len()..text.len() + v.organiser.len();
            text.push_str(&v.organiser);
            if v.initial_acceptance != InitialAcceptance::NotProvided {
                text.push_str(w.semicolon);
                text.push_str(lang(locale, v.initial_acceptance.label()));
            }
            (v.initial_acceptance.key().to_string(), text, said)
        }),
        "adjustment" => line(o.adjustment.as_ref(), locale, |v| {
            let said = 0..first_clause(&v.procedure, w);
            (v.route.to_string(), v.procedure.clone(), said)
        }),
        _ => None,
    }
}

fn line<T>(
    outcome: Option<&Outcome<T>>,
    locale: Locale,
    describe: impl FnOnce(&T) -> (String, String, Range<usize>),
) -> Option<VerdictLine> {
    let outcome = outcome?;
    let (key, mut verdict, said) = match (&outcome.status, &outcome.value) {
        (Status::Determined, Some(value)) => describe(value),
        _ => (String::new(), String::new(), 0..0),
    };
    // An English verdict stands alone in the panel: a sentence's capital.
    if let Some(first) = verdict.get_mut(..1).filter(|_| locale.is_en()) {
        first.make_ascii_uppercase();
    }
    let determined = outcome.status == Status::Determined;
    Some(VerdictLine {
        status: if determined {
            "determined"
        } else {
            "undetermined"
        },
        key,
        verdict,
        said,
        because: if determined {
            outcome
                .because
                .iter()
                .map(|step| {
                    (
                        step.explanation.to_string(),
                        cite_text(&step.citations, locale),
                    )
                })
                .collect()
        } else {
            Vec::new()
        },
        missing: outcome.missing.to_vec(),
        fact: outcome
            .because
            .iter()
            .flat_map(|step| step.facts.first())
            .next()
            .map(|fact| fact.as_str().to_owned()),
        nearest: Vec::new(),
    })
}

/// `依据：《…》第十一条、《…》第十二条`, each citation once; empty without citations.
pub fn cite_text(citations: &[Citation], locale: Locale) -> String {
    let list = cited(citations, locale);
    if list.is_empty() {
        return list;
    }
    let w = words(locale);
    format!("{}{}{list}", w.basis, w.colon)
}

/// The regulations and articles cited, each once: 「《…》第七条、《…》第九条」.
pub fn cited(citations: &[Citation], locale: Locale) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in citations {
        let part = format!("《{}》{}", c.regulation, c.article);
        if !parts.contains(&part) {
            parts.push(part);
        }
    }
    parts.join(words(locale).comma)
}

/// The sentence a screen reader hears when the verdict `name` changes from `before` to `after`,
/// or `None` when its value did not change (new reasons or a new amount within the same verdict
/// are not announced). `heading` is the verdict's heading in the locale.
pub fn announcement(
    heading: &str,
    before: Option<&VerdictLine>,
    after: Option<&VerdictLine>,
    locale: Locale,
) -> Option<String> {
    let after = after?;
    if after.status != "determined"
        || before.is_some_and(|b| {
            b.status == after.status && b.key == after.key && b.verdict == after.verdict
        })
    {
        return None;
    }
    let w = words(locale);
    let mut sentence = format!("{heading}{}{}", w.colon, after.said());
    if let Some(fact) = &after.fact {
        sentence.push_str(if locale.is_en() { " (" } else { "（" });
        sentence.push_str(fact);
        sentence.push_str(if locale.is_en() { ")" } else { "）" });
    }
    Some(sentence)
}

/// The length of a text's first clause: up to its first semicolon or colon.
fn first_clause(text: &str, w: &Words) -> usize {
    [w.semicolon, w.colon]
        .iter()
        .filter_map(|sep| crate::find_str(text, sep))
        .min()
        .unwrap_or(text.len())
}

/// Whether any verdict of `outcomes` exists at all (a regulation with none shows no panel).
pub fn has_verdicts(outcomes: &Outcomes) -> bool {
    outcomes.approval.is_some()
        || outcomes.merge.is_some()
        || outcomes.supervision.is_some()
        || outcomes.management.is_some()
        || outcomes.expert_panel.is_some()
        || outcomes.financial_review.is_some()
        || outcomes.acceptance.is_some()
        || outcomes.adjustment.is_some()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;
    use crate::{validate_json, Options};

    fn report(json: &str, locale: Locale) -> Report {
        let mut options = Options::for_jurisdiction("tongzhou");
        options.locale = locale;
        validate_json(json, &options)
    }

    #[test]
    fn supervision_line_names_the_mode_and_the_fee() {
        let r = report(
            r#"{"totalInvestment": "300.01", "kind": "new", "nature": "新建"}"#,
            Locale::ZhCn,
        );
        let line = verdict_line("supervision", &r).unwrap();
        assert_eq!(line.status, "determined");
        assert_eq!(line.key, "mandatory");
        assert_eq!(line.verdict, "必须实行工程监理；监理费用纳入投资概算");
        assert!(
            line.because[0].1.starts_with("依据：《"),
            "{:?}",
            line.because
        );
        assert!(line.fact.as_deref().unwrap().contains("300.01"));
        assert!(
            line.nearest
                .iter()
                .any(|(d, m)| *d == "below" && m.contains("100 万元")),
            "{:?}",
            line.nearest
        );
    }

    #[test]
    fn a_merge_verdict_of_omit_names_what_is_not_needed_then_what_is_compiled() {
        let mut options = Options::for_jurisdiction("shexian");
        options.parameters.insert(
            "decentralizedProcurementLimit".into(),
            "100".parse().unwrap(),
        );
        let r = validate_json(
            r#"{"kind": "new", "totalInvestment": "280", "inAnnualPlan": false, "urgent": false, "emergency": false}"#,
            &options,
        );
        let line = verdict_line("merge", &r).unwrap();
        assert_eq!(line.key, "omit");
        assert_eq!(line.verdict, "无需编制：初步设计方案（编制可行性研究报告）");
    }

    #[test]
    fn an_acceptance_announcement_says_who_organises_it() {
        let r = report(
            r#"{"totalInvestment": "300", "kind": "new", "nature": "新建"}"#,
            Locale::En,
        );
        let line = verdict_line("acceptance", &r).unwrap();
        assert!(
            line.verdict.starts_with("Organised by: "),
            "{}",
            line.verdict
        );
        let organiser = &r
            .outcomes
            .acceptance
            .as_ref()
            .unwrap()
            .value
            .as_ref()
            .unwrap()
            .organiser;
        assert_eq!(line.said(), organiser);
        let said = announcement("Acceptance", None, Some(&line), Locale::En).unwrap();
        assert!(
            said.starts_with(&format!("Acceptance: {organiser}")),
            "{said}"
        );
    }

    #[test]
    fn an_announcement_only_when_the_value_changes() {
        let low = report(
            r#"{"totalInvestment": "99", "kind": "new", "nature": "新建"}"#,
            Locale::ZhCn,
        );
        let high = report(
            r#"{"totalInvestment": "300.01", "kind": "new", "nature": "新建"}"#,
            Locale::ZhCn,
        );
        let higher = report(
            r#"{"totalInvestment": "400", "kind": "new", "nature": "新建"}"#,
            Locale::ZhCn,
        );
        let (a, b, c) = (
            verdict_line("supervision", &low),
            verdict_line("supervision", &high),
            verdict_line("supervision", &higher),
        );
        let said = announcement("工程监理", a.as_ref(), b.as_ref(), Locale::ZhCn).unwrap();
        assert!(
            said.starts_with("工程监理：必须实行工程监理（预计总投资 300.01 万元"),
            "{said}"
        );
        assert_eq!(
            announcement("工程监理", b.as_ref(), c.as_ref(), Locale::ZhCn),
            None
        );
    }

    #[test]
    fn english_lines_use_english_labels() {
        let r = report(
            r#"{"totalInvestment": "300.01", "kind": "new", "nature": "新建"}"#,
            Locale::En,
        );
        let line = verdict_line("supervision", &r).unwrap();
        assert_eq!(
            line.verdict,
            "Supervision mandatory; fee in the budget estimate"
        );
        assert!(cite_text(
            &r.outcomes.supervision.unwrap().because[0].citations,
            Locale::En
        )
        .starts_with("Basis: "));
    }

    #[test]
    fn a_window_says_which_end_a_lone_date_is() {
        let day = |d: &str| d.parse::<NaiveDate>().ok();
        assert_eq!(
            window_line(
                "建成后半年内申请竣工验收",
                "overdue",
                None,
                day("2025-07-10"),
                Locale::ZhCn
            ),
            "建成后半年内申请竣工验收（已逾期；最迟 2025-07-10）"
        );
        assert_eq!(
            window_line(
                "x",
                "open",
                day("2025-01-01"),
                day("2025-07-10"),
                Locale::ZhCn
            ),
            "x（进行中；2025-01-01 至 2025-07-10）"
        );
        assert_eq!(
            window_line(
                "Within 6 months",
                "early",
                day("2025-01-01"),
                None,
                Locale::En
            ),
            "Within 6 months (too early; from 2025-01-01)"
        );
        assert_eq!(
            window_line("x", "met", None, None, Locale::ZhCn),
            "x（符合）"
        );
    }

    #[test]
    fn an_undetermined_verdict_lists_what_it_waits_for() {
        let r = report("{}", Locale::ZhCn);
        let line = verdict_line("merge", &r).unwrap();
        assert_eq!(line.status, "undetermined");
        assert!(
            line.missing.iter().any(|m| m == "totalInvestment"),
            "{:?}",
            line.missing
        );
        assert_eq!(
            announcement("合并编报", None, Some(&line), Locale::ZhCn),
            None
        );
    }
}
