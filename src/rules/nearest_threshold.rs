//! ## What it computes
//! For each verdict of a decision table (approval tier, merge-eligibility, supervision, management
//! mode, expert panel, financial review, acceptance) that an amount filled in decides, the nearest
//! threshold below the amount and the nearest above it at which the verdict would be different:
//! how far away it is, exactly, whether the threshold itself is already on the other side, and
//! what the verdict would be there, cited. It emits no diagnostic; the report carries the result
//! (`nearest`), and a live validator's delta its changes.
//!
//! A decision compares amounts with thresholds, and while none of the comparisons it made changes
//! its answer, the same case decides. So a verdict whose decision compared no amount does not turn
//! on one, and otherwise it can change only at a threshold of its table (or of a verdict its table
//! reads). Between two neighbouring thresholds every comparison keeps its answer and the verdict is
//! the same throughout; the threshold itself may not be (以下 and 超过 put it on opposite sides).
//! So the table is read again, with the amount moved (the application is not copied), once at each
//! threshold and once inside each interval, walking away from the amount until the verdict differs.
//! Where the verdict there would turn on something not filled in yet, the entry says what.
//!
//! What the walk found is kept ([`Walk`]): where each entry lies and which case gives its verdict
//! there, enough to write the entry again without the entries themselves, which a live validator
//! lets go of once an answer has carried them. After a live edit that changed nothing else the
//! walk read or was given, and moved amounts it walked from without any crossing or reaching a
//! threshold that a decision table compares that field with, every comparison the walk would make
//! answers as before, so it would find the same thresholds and verdicts: the entries are written
//! again from where they lie, measured from the amounts now, instead. The stretch over which a
//! verdict stays the same is not enough: where a table compares two amounts, one can cross a
//! threshold with the verdict kept while the other's nearest threshold moves.
//!
//! ## Legal basis
//! The thresholds, their wording and the verdicts on either side are the profile's decision tables
//! and parameters, e.g. 通州 第八条 (approval over 50 万元), 第十一条 (合并编报 at 300 万元 and
//! below), 第二十五条 (监理 over 100 万元); 亭湖 第4条, 第8条, 第10条, 第19条; 江津 第九条, 第二十五条.
//! 以上/以下 include the number and 超过/不满 exclude it, as each condition's comparison records.
//!
//! ## Example
//! `{"totalInvestment": "300.01", "mandatedBy": []}` under 通州: merge-eligibility is `separate`,
//! and 0.01 万元 lower, at 300 万元 and below, the documents may be compiled as one (第十一条).
//!
//! ```
//! use gov_it_rules::{validate_json, Options};
//! let options = Options::for_jurisdiction("tongzhou");
//! let report = validate_json(r#"{"totalInvestment": "300.01", "mandatedBy": []}"#, &options);
//! let merge = report.nearest.iter().find(|n| n.outcome == "merge").expect("merge turns on the amount");
//! assert_eq!((merge.direction, merge.threshold.to_string().as_str(), merge.inclusive), ("below", "300", true));
//! assert_eq!(merge.distance.to_string(), "0.01");
//! assert_eq!(merge.becomes.as_ref().map(|b| b.value.as_ref()), Some("merge"));
//! assert_eq!(merge.message, "超出合并编报的界线 0.01 万元：300 万元及以下时，可以合并编报（第十一条）");
//! ```

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use crate::condition::{FieldSet, MoneySet, Verdicts};
use crate::model::Field;
use crate::money;
use crate::profile::{
    Acceptance, Approval, Case, Condition, FinancialReview, InitialAcceptance, Management, Merge,
    MergeMode, Panel, Supervision, VerdictOf,
};
use crate::report::{Citations, NearestThreshold, NearestVerdict};
use crate::Outcomes;

use super::decision::{pick, pick_case, Cases};
use super::Ctx;

/// This mechanism and the codes it may emit (the engine checks, in debug builds, that it emits no
/// other).
pub const MECHANISM: super::Mechanism = super::Mechanism {
    name: "nearest_threshold",
    codes: &[],
};

/// The decision tables, in the order the engine decides them and [`crate::outcomes::OUTCOMES`]
/// lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Table {
    Approval,
    Merge,
    Supervision,
    Management,
    ExpertPanel,
    FinancialReview,
    Acceptance,
}

/// The money fields each decision compared, by table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Compared([MoneySet; 7]);

impl Compared {
    pub fn set(&mut self, table: Table, fields: FieldSet) {
        if let Some(slot) = self.0.get_mut(table as usize) {
            *slot = MoneySet::of(fields);
        }
    }

    pub fn get(&self, table: Table) -> FieldSet {
        self.0
            .get(table as usize)
            .map_or_else(FieldSet::default, |set| set.fields())
    }
}

/// A decision table's result as a verdict: the value that names it and what it means.
trait Verdict: PartialEq {
    /// The value a report's outcome writes for it (`need`, `mode` …).
    fn key(&self) -> Cow<'static, str>;
    /// What it means, in the context's locale.
    fn label(&self, ctx: &Ctx) -> String;
}

/// Document names as a list, e.g. `项目建议书、可行性研究报告` (in English `…, … and …`).
fn documents(ctx: &Ctx, keys: &[String]) -> String {
    let names: Vec<&str> = keys
        .iter()
        .map(|k| ctx.version.document_name(k, ctx.locale))
        .collect();
    crate::messages::enumerate(&names, ctx.locale)
}

impl Verdict for Approval {
    fn key(&self) -> Cow<'static, str> {
        Cow::Borrowed(self.need.key())
    }

    fn label(&self, ctx: &Ctx) -> String {
        let (zh, en) = self.need.label();
        let need = ctx.text(zh, en);
        if self.chain.is_empty() {
            need.to_string()
        } else {
            format!(
                "{need}{}{}",
                ctx.text("：", ": "),
                documents(ctx, &self.chain)
            )
        }
    }
}

impl Verdict for Merge {
    fn key(&self) -> Cow<'static, str> {
        Cow::Borrowed(self.mode.key())
    }

    fn label(&self, ctx: &Ctx) -> String {
        let docs = || documents(ctx, &self.documents);
        let replaces = || documents(ctx, &self.replaces);
        match (self.mode, ctx.locale.is_en()) {
            (MergeMode::Substitute, false) => format!("{}可代替{}", docs(), replaces()),
            (MergeMode::Substitute, true) => {
                format!("{} may stand in for {}", docs(), replaces())
            }
            (MergeMode::Lighter, false) => format!("以{}代替{}", docs(), replaces()),
            (MergeMode::Lighter, true) => format!("{} instead of {}", docs(), replaces()),
            (MergeMode::Omit, false) => format!("无需编制{}", replaces()),
            (MergeMode::Omit, true) => format!("{} not needed", replaces()),
            (MergeMode::Merge | MergeMode::Separate, _) => {
                let (zh, en) = self.mode.label();
                ctx.text(zh, en).to_string()
            }
        }
    }
}

impl Verdict for Supervision {
    fn key(&self) -> Cow<'static, str> {
        Cow::Borrowed(self.mode.key())
    }

    fn label(&self, ctx: &Ctx) -> String {
        let (zh, en) = self.mode.label();
        ctx.text(zh, en).to_string()
    }
}

impl Verdict for Management {
    fn key(&self) -> Cow<'static, str> {
        Cow::Borrowed(self.mode.key())
    }

    fn label(&self, ctx: &Ctx) -> String {
        let (zh, en) = self.mode.label();
        ctx.text(zh, en).to_string()
    }
}

impl Verdict for Panel {
    fn key(&self) -> Cow<'static, str> {
        Cow::Owned(self.min_size.to_string())
    }

    fn label(&self, ctx: &Ctx) -> String {
        let n = self.min_size;
        if ctx.locale.is_en() {
            format!(
                "a panel of at least {n}{}{}",
                if self.odd { ", an odd number" } else { "" },
                if self.external_only {
                    ", all external experts"
                } else {
                    ""
                }
            )
        } else {
            format!(
                "专家评审不少于 {n} 人{}{}",
                if self.odd { "单数" } else { "" },
                if self.external_only {
                    "，全部为外部专家"
                } else {
                    ""
                }
            )
        }
    }
}

impl Verdict for FinancialReview {
    fn key(&self) -> Cow<'static, str> {
        Cow::Borrowed(if self.required {
            "required"
        } else {
            "notRequired"
        })
    }

    fn label(&self, ctx: &Ctx) -> String {
        if self.required {
            ctx.text("须经财政评审", "financial review required")
        } else {
            ctx.text("无须财政评审", "no financial review")
        }
        .to_string()
    }
}

impl Verdict for Acceptance {
    fn key(&self) -> Cow<'static, str> {
        Cow::Borrowed(self.initial_acceptance.key())
    }

    fn label(&self, ctx: &Ctx) -> String {
        let organiser = if ctx.locale.is_en() {
            format!("organised by {}", self.organiser)
        } else {
            format!("由{}组织验收", self.organiser)
        };
        if self.initial_acceptance == InitialAcceptance::NotProvided {
            return organiser;
        }
        let (zh, en) = self.initial_acceptance.label();
        format!("{organiser}{}{}", ctx.text("；", "; "), ctx.text(zh, en))
    }
}

/// For every verdict of `outcomes` that a money field decides, the nearest thresholds below and
/// above the amount where the verdict would change. `ctx` is the context the later tables were
/// decided in (with the verdicts); `compared` says which money fields each decision compared.
pub fn find(ctx: &Ctx, outcomes: &Outcomes, compared: &Compared) -> Vec<NearestThreshold> {
    find_with_walk(ctx, outcomes, compared).0
}

/// As [`find`], with the walk that found them, which the engine keeps with them.
pub(crate) fn find_with_walk<'a>(
    ctx: &Ctx<'a>,
    outcomes: &Outcomes,
    compared: &Compared,
) -> (Vec<NearestThreshold>, Walk) {
    let mut found = Vec::new();
    let mut walk = Walk {
        compared: *compared,
        ..Walk::default()
    };
    each_decided(ctx, outcomes, &mut |table, walked| {
        walk_table(ctx, table, walked, &mut found, &mut walk);
    });
    // A live validator keeps the walk between edits.
    walk.amounts.shrink_to_fit();
    walk.places.shrink_to_fit();
    (found, walk)
}

/// Calls `visit` with each decision table that decided a verdict, in the order the engine decides
/// them, and that verdict.
fn each_decided(ctx: &Ctx, outcomes: &Outcomes, visit: &mut dyn FnMut(Table, &dyn Walked)) {
    fn decided<T>(outcome: &Option<crate::report::Outcome<T>>) -> Option<&T> {
        outcome.as_ref().and_then(|o| o.value.as_deref())
    }
    let tables = &ctx.version.outcomes;
    // Each table with its outcome, which are of a different type each.
    macro_rules! visit {
        ($table:expr, $name:ident) => {
            if let Some(current) = decided(&outcomes.$name) {
                let table = WalkedTable {
                    cases: &tables.$name,
                    current,
                };
                visit($table, &table);
            }
        };
    }
    visit!(Table::Approval, approval);
    visit!(Table::Merge, merge);
    visit!(Table::Supervision, supervision);
    visit!(Table::Management, management);
    visit!(Table::ExpertPanel, expert_panel);
    visit!(Table::FinancialReview, financial_review);
    visit!(Table::Acceptance, acceptance);
}

/// What a walk found besides its entries: what it was given, the amounts it walked from, and where
/// each entry lies, from which the entries can be written again.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Walk {
    /// The money fields each decision compared, as the walk was given them.
    compared: Compared,
    /// Each amount walked from, once per field.
    amounts: Vec<(Field, Decimal)>,
    /// Where each entry lies and what decides there, in the order of the entries.
    places: Vec<Place>,
}

impl Walk {
    /// The key of each entry the walk found, in the order of the entries.
    pub(crate) fn keys(&self) -> impl Iterator<Item = NearestKey> + '_ {
        self.places.iter().map(|place| place.key)
    }

    /// This walk's entries, written again from where they lie and measured from the amounts now,
    /// where a new walk would find the same thresholds and verdicts; `None` where it might not.
    /// `moved` are the fields the walk read that changed since: each must be an amount it walked
    /// from, still filled in, that did not cross or reach any threshold a decision table compares
    /// it with (then every comparison the walk made answers as before), and the decisions must
    /// have compared the same fields. The verdicts the walk was given, `outcomes` now, are the
    /// caller's to check; `ctx` must have the profile and parameters the walk had.
    pub(crate) fn remeasure(
        &self,
        ctx: &Ctx,
        outcomes: &Outcomes,
        moved: FieldSet,
        compared: &Compared,
    ) -> Option<Vec<NearestThreshold>> {
        if self.compared != *compared {
            return None;
        }
        let walked = self
            .amounts
            .iter()
            .fold(FieldSet::default(), |mut set, &(field, _)| {
                set.insert(field);
                set
            });
        if moved.union(walked) != walked {
            return None;
        }
        for &(field, then) in &self.amounts {
            if !moved.contains(field) {
                continue;
            }
            let now = ctx.app.money(field)?;
            if now != then && separated(ctx, field, then, now) {
                return None;
            }
        }
        // The places are in the order the tables were walked, which is the order they are
        // visited in.
        let mut entries = Vec::with_capacity(self.places.len());
        each_decided(ctx, outcomes, &mut |table, walked| {
            for place in self.places.iter().filter(|p| p.key.table == table) {
                if let Some(amount) = ctx.app.money(place.key.field) {
                    entries.extend(entry(ctx, place, amount, walked));
                }
            }
        });
        (entries.len() == self.places.len()).then_some(entries)
    }
}

/// Whether a threshold that any decision table compares `field` with lies between the amounts
/// `a` and `b` or on either.
fn separated(ctx: &Ctx, field: Field, a: Decimal, b: Decimal) -> bool {
    let (low, high) = if a <= b { (a, b) } else { (b, a) };
    let tables = &ctx.version.outcomes;
    let conditions = (tables.approval.iter().map(|c| &c.when))
        .chain(tables.merge.iter().map(|c| &c.when))
        .chain(tables.supervision.iter().map(|c| &c.when))
        .chain(tables.management.iter().map(|c| &c.when))
        .chain(tables.expert_panel.iter().map(|c| &c.when))
        .chain(tables.financial_review.iter().map(|c| &c.when))
        .chain(tables.acceptance.iter().map(|c| &c.when));
    let mut thresholds = Vec::new();
    for condition in conditions {
        collect(ctx, condition, field, false, &mut thresholds);
    }
    thresholds.iter().any(|&(t, _)| low <= t && t <= high)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Below,
    Above,
}

impl Direction {
    fn key(self) -> &'static str {
        match self {
            Direction::Below => "below",
            Direction::Above => "above",
        }
    }
}

/// A threshold a table compares a field with, and the parameter that fixes it, by its place among
/// the evaluation's parameters.
type Threshold = (Decimal, usize);

/// A stretch of amounts over which the verdict is the same: one threshold (`inclusive`, the
/// threshold itself) or the open interval beyond it, away from the amount; `probe` is an amount in
/// it, `None` where none can be computed.
struct Region {
    probe: Option<Decimal>,
    threshold: usize,
    inclusive: bool,
}

/// A decision table and the verdict it gave, apart from the verdict's type: the walk is compiled
/// once rather than once for each of the seven.
trait Walked {
    fn cases(&self) -> &dyn Cases;
    /// Whether `case` gives the verdict the table gave.
    fn gives_current(&self, case: usize) -> bool;
    /// The verdict `case` gives.
    fn verdict(&self, ctx: &Ctx, case: usize) -> Option<NearestVerdict>;
}

struct WalkedTable<'a, T> {
    cases: &'a [Case<T>],
    current: &'a T,
}

impl<T: Verdict> Walked for WalkedTable<'_, T> {
    fn cases(&self) -> &dyn Cases {
        &self.cases
    }

    fn gives_current(&self, case: usize) -> bool {
        self.cases
            .get(case)
            .is_some_and(|c| *c.result == *self.current)
    }

    fn verdict(&self, ctx: &Ctx, case: usize) -> Option<NearestVerdict> {
        let case = self.cases.get(case)?;
        let label = case
            .nearest_label
            .get(ctx.locale, || case.result.label(ctx).into());
        Some(NearestVerdict {
            value: case.result.key(),
            label: Arc::clone(label),
        })
    }
}

/// The nearest thresholds of one table's verdict, for each money field its decision compared.
fn walk_table(
    ctx: &Ctx,
    table: Table,
    walked: &dyn Walked,
    into: &mut Vec<NearestThreshold>,
    walk: &mut Walk,
) {
    let cases = walked.cases();
    let reads_verdicts = ctx.verdicts.is_some()
        && (0..cases.count()).any(|case| cases.when(case).is_some_and(reads_verdict));
    for field in walk.compared.get(table).iter() {
        let Some(amount) = ctx.app.money(field) else {
            continue;
        };
        if !walk.amounts.iter().any(|&(f, _)| f == field) {
            walk.amounts.push((field, amount));
        }
        let thresholds = thresholds(ctx, cases, field);
        for direction in [Direction::Below, Direction::Above] {
            let nearest = regions(amount, &thresholds, direction)
                .into_iter()
                .find_map(|region| {
                    let Some(probe) = region.probe else {
                        // No amount to ask about: stop rather than pass a stretch unread.
                        return Some(None);
                    };
                    let at = verdict_at(ctx, cases, reads_verdicts, field, probe);
                    match at {
                        Ok(case) if walked.gives_current(case) => None,
                        _ => Some(Some((region, at))),
                    }
                })
                .flatten();
            let Some((region, at)) = nearest else {
                continue;
            };
            let Some(&(threshold, parameter)) = thresholds.get(region.threshold) else {
                continue;
            };
            let at = match at {
                Ok(case) => match u16::try_from(case) {
                    Ok(case) => Ok(case),
                    Err(_) => continue,
                },
                Err(missing) => Err(missing.into_boxed_slice()),
            };
            let place = Place {
                key: NearestKey {
                    table,
                    field,
                    direction,
                },
                threshold,
                inclusive: region.inclusive,
                parameter,
                at,
            };
            if let Some(found) = entry(ctx, &place, amount, walked) {
                into.push(found);
                walk.places.push(place);
            }
        }
    }
}

/// Which case decides the table when `field` holds `amount`: `Err` with what is missing where none
/// does yet.
fn verdict_at(
    ctx: &Ctx,
    cases: &dyn Cases,
    reads_verdicts: bool,
    field: Field,
    amount: Decimal,
) -> Result<usize, Vec<String>> {
    let moved = Ctx {
        moved: Some((field, amount)),
        verdicts: None,
        ..*ctx
    };
    // A table that reads verdicts reads them as they would be at this amount.
    let recomputed;
    let verdicts = if reads_verdicts {
        recomputed = verdicts_at(&moved);
        Some(&recomputed)
    } else {
        ctx.verdicts
    };
    let at = Ctx { verdicts, ..moved };
    let picked = pick_case(&at, cases);
    picked.case.ok_or(picked.missing)
}

/// The four verdicts later tables may read, decided in `ctx` (its moved amount included).
fn verdicts_at(ctx: &Ctx) -> Verdicts {
    fn record<T: PartialEq>(
        ctx: &Ctx,
        verdicts: &mut Verdicts,
        of: VerdictOf,
        cases: &[Case<T>],
        key: fn(&T) -> &'static str,
    ) {
        if cases.is_empty() {
            return;
        }
        let picked = pick(ctx, cases);
        let verdict = match picked.case {
            Some(case) => Ok(key(&case.result)),
            None => Err(picked.missing),
        };
        verdicts.record_key(of, verdict, picked.compared);
    }
    let tables = &ctx.version.outcomes;
    let mut verdicts = Verdicts::default();
    record(
        ctx,
        &mut verdicts,
        VerdictOf::Approval,
        &tables.approval,
        |a| a.need.key(),
    );
    record(ctx, &mut verdicts, VerdictOf::Merge, &tables.merge, |m| {
        m.mode.key()
    });
    record(
        ctx,
        &mut verdicts,
        VerdictOf::Supervision,
        &tables.supervision,
        |s| s.mode.key(),
    );
    record(
        ctx,
        &mut verdicts,
        VerdictOf::Management,
        &tables.management,
        |m| m.mode.key(),
    );
    verdicts
}

fn reads_verdict(c: &Condition) -> bool {
    match c {
        Condition::Verdict(_) => true,
        Condition::All(cs) | Condition::Any(cs) => cs.iter().any(reads_verdict),
        Condition::Not(inner) => reads_verdict(inner),
        _ => false,
    }
}

/// Every threshold the table compares `field` with, directly or through a verdict it reads, in
/// ascending order, each once. A parameter the portal has not supplied is left out: a comparison
/// with it is unknown at every amount.
fn thresholds<'a>(ctx: &Ctx<'a>, cases: &'a dyn Cases, field: Field) -> Vec<Threshold> {
    let mut found = Vec::new();
    for when in (0..cases.count()).filter_map(|case| cases.when(case)) {
        collect(ctx, when, field, true, &mut found);
    }
    crate::sorted::sort_by(&mut found, |a, b| a.0.cmp(&b.0));
    found.dedup_by(|a, b| a.0 == b.0);
    found
}

fn collect<'a>(
    ctx: &Ctx<'a>,
    c: &'a Condition,
    field: Field,
    follow_verdicts: bool,
    into: &mut Vec<Threshold>,
) {
    match c {
        Condition::All(cs) | Condition::Any(cs) => {
            for inner in cs {
                collect(ctx, inner, field, follow_verdicts, into);
            }
        }
        Condition::Not(inner) => collect(ctx, inner, field, follow_verdicts, into),
        Condition::Amount(a)
            if a.field.0 == field || a.superseded_by.is_some_and(|by| by.0 == field) =>
        {
            if let Some(at) = ctx.params.position(&a.param) {
                if let Some(value) = ctx.params.value_at(at) {
                    into.push((value, at));
                }
            }
        }
        // The tables a verdict comes from read no verdicts themselves.
        Condition::Verdict(v) if follow_verdicts => {
            let tables = &ctx.version.outcomes;
            let cases: &dyn Cases = match v.of {
                VerdictOf::Approval => &tables.approval.as_slice(),
                VerdictOf::Merge => &tables.merge.as_slice(),
                VerdictOf::Supervision => &tables.supervision.as_slice(),
                VerdictOf::Management => &tables.management.as_slice(),
            };
            for inner in (0..cases.count()).filter_map(|case| cases.when(case)) {
                collect(ctx, inner, field, false, into);
            }
        }
        _ => {}
    }
}

/// The stretches of amounts away from `amount` in `direction`, nearest first: the interval just
/// past the amount where it sits on a threshold, then each threshold and the interval beyond it.
/// Amounts are never negative, so nothing below 0 is asked about.
fn regions(amount: Decimal, thresholds: &[Threshold], direction: Direction) -> Vec<Region> {
    let value = |i: usize| thresholds.get(i).map(|t| t.0);
    let half = |a: Decimal, b: Decimal| a.checked_add(b).and_then(|s| s.checked_div(Decimal::TWO));
    // Each threshold and the stretch beyond it, and the one past the amount.
    let mut out = Vec::with_capacity(2 * thresholds.len() + 1);
    match direction {
        Direction::Above => {
            // The interval above threshold `i`, up to the next one.
            let beyond = |i: usize| Region {
                probe: value(i).and_then(|lo| match value(i + 1) {
                    Some(hi) => half(lo, hi),
                    None => lo.checked_add(Decimal::ONE),
                }),
                threshold: i,
                inclusive: false,
            };
            let mut i = thresholds.partition_point(|t| t.0 < amount);
            if value(i) == Some(amount) {
                out.push(beyond(i));
                i += 1;
            }
            for j in i..thresholds.len() {
                out.push(Region {
                    probe: value(j),
                    threshold: j,
                    inclusive: true,
                });
                out.push(beyond(j));
            }
        }
        Direction::Below => {
            // The interval below threshold `i`, down to the one before it, or to 0; none below 0.
            let beyond = |i: usize| {
                let region = |probe| Region {
                    probe,
                    threshold: i,
                    inclusive: false,
                };
                match (i.checked_sub(1).and_then(value), value(i)) {
                    (Some(lo), Some(hi)) => Some(region(half(lo, hi))),
                    (None, Some(hi)) if hi > Decimal::ZERO => Some(region(half(Decimal::ZERO, hi))),
                    _ => None,
                }
            };
            let mut end = thresholds.partition_point(|t| t.0 <= amount);
            if let Some(last) = end.checked_sub(1).filter(|&i| value(i) == Some(amount)) {
                out.extend(beyond(last));
                end = last;
            }
            for j in (0..end).rev() {
                out.push(Region {
                    probe: value(j),
                    threshold: j,
                    inclusive: true,
                });
                out.extend(beyond(j));
            }
        }
    }
    out
}

/// What tells a nearest threshold from the others of a report, and the same one in the next: its
/// table, field and direction. Written out (its `Display`, and in a report), it is e.g.
/// `merge:totalInvestment:above`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NearestKey {
    table: Table,
    field: Field,
    direction: Direction,
}

impl NearestKey {
    /// Whether it is `entry`'s.
    pub(crate) fn is_of(self, entry: &NearestThreshold) -> bool {
        entry.key == self
    }

    /// The verdict, as `outcomes` names it.
    pub fn outcome(self) -> &'static str {
        self.table.key()
    }

    /// Written out, in pieces.
    fn pieces(self) -> [&'static str; 5] {
        let (table, field) = (self.table.key(), self.field.path());
        [table, ":", field, ":", self.direction.key()]
    }
}

impl fmt::Display for NearestKey {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.pieces()
            .iter()
            .try_for_each(|piece| f.write_str(piece))
    }
}

/// The key as written: `merge:totalInvestment:above`.
impl PartialEq<str> for NearestKey {
    fn eq(&self, text: &str) -> bool {
        // A field's path has dots, never a colon.
        let mut parts = text.splitn(3, ':');
        parts.next() == Some(self.table.key())
            && parts.next() == Some(self.field.path())
            && parts.next() == Some(self.direction.key())
    }
}

impl PartialEq<&str> for NearestKey {
    fn eq(&self, text: &&str) -> bool {
        *self == **text
    }
}

impl Serialize for NearestKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.pieces().concat())
    }
}

/// Where a nearest threshold lies, and what decides there.
#[derive(Debug, Clone, PartialEq)]
struct Place {
    key: NearestKey,
    threshold: Decimal,
    inclusive: bool,
    /// The parameter that fixes the threshold, by its place among the evaluation's parameters.
    parameter: usize,
    /// The case of the table that gives the verdict there, or what it would still need (32 bytes
    /// a place in wasm rather than 36, held by a validator between edits).
    at: Result<u16, Box<[String]>>,
}

/// The entry for the nearest threshold at `place` of the table `walked`, seen from `amount`.
fn entry(
    ctx: &Ctx,
    place: &Place,
    amount: Decimal,
    walked: &dyn Walked,
) -> Option<NearestThreshold> {
    let parameter = ctx.params.name_at(place.parameter)?;
    let (becomes, depends_on, rule, citations) = match &place.at {
        &Ok(case) => {
            let case = usize::from(case);
            let rule = walked.cases().rule(case)?;
            let verdict = walked.verdict(ctx, case)?;
            (
                Some(verdict),
                Vec::new(),
                Some(Arc::clone(rule.id)),
                ctx.cite(rule.cite),
            )
        }
        Err(missing) => {
            let citations = ctx
                .version
                .parameters
                .get(&**parameter)
                .map(|p| ctx.cite(&p.cite))
                .unwrap_or_default();
            (None, missing.to_vec(), None, citations)
        }
    };
    let key = place.key;
    let mut entry = NearestThreshold {
        key,
        outcome: key.table.key(),
        field: key.field.path(),
        direction: key.direction.key(),
        amount,
        threshold: place.threshold,
        parameter: Arc::clone(parameter),
        inclusive: place.inclusive,
        distance: Decimal::ZERO,
        becomes,
        depends_on,
        rule,
        citations,
        message: String::new(),
    };
    measure(ctx, place, amount, &mut entry)?;
    Some(entry)
}

/// Writes what in an entry depends on the amount: the amount, its distance from the threshold and
/// the message, which gives the distance.
fn measure(ctx: &Ctx, place: &Place, amount: Decimal, entry: &mut NearestThreshold) -> Option<()> {
    let distance = amount.checked_sub(place.threshold)?.abs();
    let texts = [money::written(&place.threshold), money::written(&distance)];
    entry.message = message(
        ctx,
        place,
        (&texts[0], &texts[1], distance.is_zero()),
        entry.becomes.as_ref().map(|b| &*b.label),
        &entry.depends_on,
        &entry.citations,
    );
    entry.distance = distance;
    entry.amount = amount;
    Some(())
}

/// e.g. 「超出合并编报的界线 0.01 万元：300 万元及以下时，可以合并编报（第十一条）」. `amounts`: the
/// threshold and the distance as written, and whether the distance is zero.
fn message(
    ctx: &Ctx,
    place: &Place,
    (threshold, distance, on_the_line): (&str, &str, bool),
    becomes: Option<&str>,
    depends_on: &[String],
    citations: &Citations,
) -> String {
    use Direction::{Above, Below};
    let en = ctx.locale.is_en();
    let (zh_name, en_name) = ctx.version.outcome_line(place.key.table);
    let lowered;
    let name = if en {
        lowered = lower_first(en_name);
        lowered.as_str()
    } else {
        zh_name
    };
    // How far the line is, then what lies beyond it; written piece by piece, since this runs for
    // every entry of every report.
    let lead: [&str; 5] = match (on_the_line, place.key.direction, en) {
        (true, _, false) => ["恰在", name, "的界线上", "", ""],
        (false, Below, false) => ["超出", name, "的界线 ", distance, " 万元"],
        (false, Above, false) => ["距", name, "的界线还有 ", distance, " 万元"],
        (true, _, true) => ["On the ", name, " line", "", ""],
        (false, Below, true) => [distance, " 万元 over the ", name, " line", ""],
        (false, Above, true) => [distance, " 万元 short of the ", name, " line", ""],
    };
    let side: [&str; 3] = match (place.key.direction, place.inclusive, en) {
        (Below, true, false) => ["", threshold, " 万元及以下"],
        (Below, false, false) => ["不满 ", threshold, " 万元"],
        (Above, true, false) => ["", threshold, " 万元及以上"],
        (Above, false, false) => ["超过 ", threshold, " 万元"],
        (Below, true, true) => ["at ", threshold, " 万元 or less"],
        (Below, false, true) => ["below ", threshold, " 万元"],
        (Above, true, true) => ["at ", threshold, " 万元 or more"],
        (Above, false, true) => ["over ", threshold, " 万元"],
    };
    let mut m = String::with_capacity(192);
    for piece in lead {
        m.push_str(piece);
    }
    m.push_str(ctx.text("：", "; "));
    for piece in side {
        m.push_str(piece);
    }
    m.push_str(ctx.text("时，", ", "));
    match becomes {
        Some(label) => m.push_str(label),
        None => {
            m.push_str(name);
            m.push_str(ctx.text("取决于", " depends on "));
            for (i, what) in depends_on.iter().enumerate() {
                if i > 0 {
                    m.push_str(ctx.text("、", ", "));
                }
                m.push_str(ctx.text("「", "“"));
                m.push_str(&needed(ctx, what));
                m.push_str(ctx.text("」", "”"));
            }
        }
    }
    if !citations.is_empty() {
        m.push_str(ctx.text("（", " ("));
        for (i, c) in citations.iter().enumerate() {
            if i > 0 {
                m.push_str(ctx.text("、", ", "));
            }
            m.push_str(&c.article);
        }
        m.push_str(ctx.text("）", ")"));
    }
    if en {
        m.push('.');
    }
    // Reports hold their entries, a live validator between edits.
    m.shrink_to_fit();
    m
}

/// A field path or `parameter:NAME` as the applicant knows it.
fn needed(ctx: &Ctx, what: &str) -> String {
    match what.strip_prefix("parameter:") {
        Some(param) => ctx
            .version
            .parameters
            .get(param)
            .map_or(param, |p| ctx.text(&p.label, &p.label_en))
            .to_string(),
        None => crate::messages::label_in(what, ctx.locale, Some(ctx.version)).into_owned(),
    }
}

/// A table's English name mid-sentence. The names are ASCII, and lowering only ASCII keeps
/// core's Unicode case tables (~11 KB) out of the module.
fn lower_first(text: &str) -> String {
    let mut lowered = text.to_string();
    if let Some(first) = lowered.get_mut(..1) {
        first.make_ascii_lowercase();
    }
    lowered
}
