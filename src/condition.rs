//! Evaluating profile conditions against an application, three-valued: a fact that is not filled
//! in yet leaves the answer unknown, and the evaluation records which facts it turned on.

use std::cell::Cell;
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::model::{Application, Field, Value, FIELDS};
use crate::money;
use crate::profile::{AmountCondition, Condition, Op, VerdictCondition, VerdictOf, Version};
use crate::report::Fact;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Truth {
    True,
    False,
    Unknown,
}

impl From<bool> for Truth {
    fn from(b: bool) -> Truth {
        if b {
            Truth::True
        } else {
            Truth::False
        }
    }
}

/// An amount that sits exactly on a threshold the evaluation compared it with.
#[derive(Debug, Clone, PartialEq)]
pub struct BoundaryHit {
    pub field: crate::model::Field,
    pub amount: Decimal,
    pub param: Arc<str>,
    pub op: Op,
    pub wording: Arc<str>,
    pub boundary_reading: Arc<str>,
    pub boundary_reading_en: Arc<str>,
    pub held: bool,
    /// The provisions the wording quotes: the condition's own citation, or, for a case of a
    /// decision table the amount just failed, that case's; `None` for the rule's own. Resolved
    /// through the profile's own list, so that each notice shares its citations, as a compact
    /// answer numbers them by address.
    pub cite: Option<crate::report::Citations>,
}

/// A set of the application's fields, one bit each in as many 32-bit words as the fields need
/// (three for 72 fields): evaluations record in it which amounts they compared, and most
/// evaluations compare none, so it must cost nothing to make. Words of 32 bits rather than two
/// `u64`s or a `u128` (whose shifts are library calls in wasm32): a step record, which holds one,
/// then aligns to 4 bytes and is 28 bytes in wasm rather than 32, 21 of them in every validator.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FieldSet([u32; FIELD_WORDS]);

/// The words a [`FieldSet`] needs for every field to have a bit.
const FIELD_WORDS: usize = FIELDS.len().div_ceil(32);
const _: () = assert!(
    FIELD_WORDS == 3,
    "FieldSet's union, intersection and is_empty name its three words"
);

impl FieldSet {
    /// The word and the bit in it of `field`.
    fn bit(field: Field) -> (usize, u32) {
        let index = field.index();
        (index / 32, 1u32 << (index % 32))
    }

    pub fn insert(&mut self, field: Field) {
        let (word, bit) = FieldSet::bit(field);
        if let Some(word) = self.0.get_mut(word) {
            *word |= bit;
        }
    }

    pub fn contains(self, field: Field) -> bool {
        let (word, bit) = FieldSet::bit(field);
        self.0.get(word).is_some_and(|word| word & bit != 0)
    }

    // The three words by name: each step of each edit asks these, and the size-optimised module
    // leaves a loop over `zip` and an array's `==` (a `memcmp`) as calls.
    pub fn union(self, other: FieldSet) -> FieldSet {
        let ([a, b, c], [x, y, z]) = (self.0, other.0);
        FieldSet([a | x, b | y, c | z])
    }

    pub fn intersection(self, other: FieldSet) -> FieldSet {
        let ([a, b, c], [x, y, z]) = (self.0, other.0);
        FieldSet([a & x, b & y, c & z])
    }

    /// Whether the two sets share a field.
    pub fn meets(self, other: FieldSet) -> bool {
        !self.intersection(other).is_empty()
    }

    pub fn is_empty(self) -> bool {
        let [a, b, c] = self.0;
        a | b | c == 0
    }

    /// The fields in the set, in form order: lowest bit first, each found from the last without
    /// looking at the fields not in the set.
    pub fn iter(self) -> impl Iterator<Item = Field> {
        let (mut words, mut at) = (self.0, 0);
        std::iter::from_fn(move || loop {
            let word = words.get_mut(at)?;
            if *word != 0 {
                let bit = word.trailing_zeros();
                *word &= *word - 1;
                return Field::by_index(at * 32 + usize::try_from(bit).ok()?);
            }
            at += 1;
        })
    }
}

/// A set of the money fields, in 16 bits: what a decision compared with a threshold, which a
/// live validator keeps for each table and verdict between edits (a [`FieldSet`] is 12 bytes).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MoneySet(u16);

impl MoneySet {
    /// The money fields of `fields`; it holds no other (a decision compares only amounts).
    pub fn of(fields: FieldSet) -> MoneySet {
        let (bits, _) = &crate::model::fields::MONEY_BITS;
        MoneySet(
            fields
                .iter()
                .filter_map(|field| bits.get(field.index()))
                .fold(0, |set, bit| set | bit),
        )
    }

    pub fn fields(self) -> FieldSet {
        let (_, indices) = &crate::model::fields::MONEY_BITS;
        let mut fields = FieldSet::default();
        let mut rest = self.0;
        while rest != 0 {
            let rank = rest.trailing_zeros() as usize;
            rest &= rest - 1;
            let index = indices.get(rank).map(|i| usize::from(*i));
            if let Some(field) = index.and_then(Field::by_index) {
                fields.insert(field);
            }
        }
        fields
    }
}

/// What one evaluation saw.
#[derive(Debug, Default)]
pub struct Evidence {
    /// Human-readable facts, e.g. `预计总投资 300.01 万元，超过 300 万元`, written only when
    /// asked for: most evaluations decide a case that is not the one shown.
    pub facts: Vec<Fact>,
    explain: bool,
    /// Field paths or `parameter:NAME` still needed.
    pub missing: Vec<String>,
    pub boundaries: Vec<BoundaryHit>,
    /// The money fields the evaluation compared with a threshold, directly or through a verdict
    /// that did: while none of those comparisons changes its answer, neither does the evaluation.
    pub compared: FieldSet,
}

impl Evidence {
    /// Evidence that records the facts as well.
    pub fn explained() -> Evidence {
        Evidence {
            explain: true,
            ..Evidence::default()
        }
    }

    /// The facts, for a trace: without room for more, since reports hold their traces.
    pub fn into_facts(self) -> Vec<Fact> {
        let mut facts = self.facts;
        facts.shrink_to_fit();
        facts
    }

    fn fact(&mut self, write: impl FnOnce() -> Fact) {
        if self.explain {
            self.facts.push(write());
        }
    }
}

/// Portal-supplied and built-in parameter values, by name: a sorted list, made from a version's
/// map of parameters, rather than a map of its own (one more map type is kilobytes of code).
/// The names are the profile's, borrowed: a validation makes its parameters at every edit.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parameters<'p>(Vec<(&'p Arc<str>, Option<Decimal>)>);

impl<'p> Parameters<'p> {
    /// `values` in the order of their names, each name once, as a map gives them.
    pub(crate) fn from_sorted(values: Vec<(&'p Arc<str>, Option<Decimal>)>) -> Parameters<'p> {
        Parameters(values)
    }

    /// The value of the parameter `name`: `None` when the profile has no such parameter,
    /// `Some(None)` when it has one with no value yet.
    pub fn get(&self, name: &str) -> Option<&Option<Decimal>> {
        self.0.get(self.position(name)?).map(|(_, value)| value)
    }

    /// Where the parameter `name` is among them: the same place in every evaluation with the same
    /// profile and options.
    pub(crate) fn position(&self, name: &str) -> Option<usize> {
        // A version has a few parameters, of different lengths mostly: a name of another length is
        // passed over without comparing its text, as a binary search could not.
        self.0
            .iter()
            .position(|(n, _)| n.len() == name.len() && ***n == *name)
    }

    /// The value of the parameter at `position`, where it has one.
    pub(crate) fn value_at(&self, position: usize) -> Option<Decimal> {
        self.0.get(position).and_then(|(_, value)| *value)
    }

    /// The name of the parameter at `position`, the profile's own.
    pub(crate) fn name_at(&self, position: usize) -> Option<&'p Arc<str>> {
        self.0.get(position).map(|(name, _)| *name)
    }
}

/// The decision tables' verdicts, as [`Condition::Verdict`] reads them.
#[derive(Debug, Clone, Default)]
pub struct Verdicts {
    /// Each outcome's verdict, with the money fields its decision compared.
    read: Vec<(VerdictOf, Verdict, MoneySet)>,
    /// The verdicts looked up since [`Verdicts::take_consulted`], one bit each.
    consulted: Cell<u8>,
}

#[derive(Debug, Clone, PartialEq)]
enum Verdict {
    /// The verdict's value (e.g. `separate`) and its explanation, for the facts: the profile's
    /// own text, shared, since a live validator holds its verdicts between edits.
    Decided(&'static str, Option<Arc<str>>),
    /// What the outcome still needs.
    Undetermined(Box<[String]>),
}

impl Verdicts {
    /// The verdicts looked up since the last call, as a mask of [`VerdictOf::bit`]s.
    pub(crate) fn take_consulted(&self) -> u8 {
        self.consulted.take()
    }

    /// The verdicts that differ from `other`'s (decided otherwise, explained otherwise, comparing
    /// other fields, or present in one only), as a mask of [`VerdictOf::bit`]s.
    pub(crate) fn differing(&self, other: &Verdicts) -> u8 {
        fn entry(v: &Verdicts, of: VerdictOf) -> Option<(&Verdict, MoneySet)> {
            v.read
                .iter()
                .find(|(o, _, _)| *o == of)
                .map(|(_, v, c)| (v, *c))
        }
        VerdictOf::ALL
            .iter()
            .filter(|of| entry(self, **of) != entry(other, **of))
            .fold(0, |mask, of| mask | of.bit())
    }

    /// Records an outcome, with the money fields its decision compared; an outcome the regulation
    /// does not have is not recorded, and a condition on it is false.
    pub fn record<T>(
        &mut self,
        of: VerdictOf,
        outcome: Option<&crate::report::Outcome<T>>,
        key: impl Fn(&T) -> &'static str,
        compared: FieldSet,
    ) {
        let Some(outcome) = outcome else { return };
        let verdict = match &outcome.value {
            Some(value) => Verdict::Decided(
                key(value),
                outcome.because.first().map(|t| Arc::clone(&t.explanation)),
            ),
            None => Verdict::Undetermined(outcome.missing.clone()),
        };
        self.read.push((of, verdict, MoneySet::of(compared)));
    }

    /// Records a verdict without its explanation (`Err` with what it still needs where it is not
    /// decided), for an evaluation whose facts nobody reads.
    pub(crate) fn record_key(
        &mut self,
        of: VerdictOf,
        verdict: Result<&'static str, Vec<String>>,
        compared: FieldSet,
    ) {
        let verdict = match verdict {
            Ok(key) => Verdict::Decided(key, None),
            Err(missing) => Verdict::Undetermined(missing.into_boxed_slice()),
        };
        self.read.push((of, verdict, MoneySet::of(compared)));
    }

    fn get(&self, of: VerdictOf) -> Option<(&Verdict, FieldSet)> {
        self.consulted.set(self.consulted.get() | of.bit());
        self.read
            .iter()
            .find(|(o, _, _)| *o == of)
            .map(|(_, v, compared)| (v, compared.fields()))
    }
}

pub struct Evaluator<'a> {
    pub app: &'a Application,
    pub version: &'a Version,
    pub params: &'a Parameters<'a>,
    /// Absent while the decision tables themselves are evaluated.
    pub verdicts: Option<&'a Verdicts>,
    /// An amount read in place of the application's, to ask what a verdict would be if that field
    /// held another amount, without copying the application.
    pub moved: Option<(Field, Decimal)>,
    /// For the citations of a boundary's wording.
    pub jurisdiction: &'a str,
    pub locale: crate::messages::Locale,
    /// The paths whose input could not be read: an answer typed and unreadable is not a blank.
    pub rejected: &'a crate::rules::Rejected,
}

impl<'a> Evaluator<'a> {
    pub fn eval(&self, c: &Condition, ev: &mut Evidence) -> Truth {
        match c {
            Condition::Always => Truth::True,
            // An answer that does not turn on the unknowns before it leaves them out of what is
            // still needed: 通州's 运维 materials are due for 项目性质 「维护」 whatever 项目类别 says.
            Condition::All(cs) => {
                let (mut result, missing) = (Truth::True, ev.missing.len());
                for inner in cs {
                    match self.eval(inner, ev) {
                        Truth::False => {
                            ev.missing.truncate(missing);
                            return Truth::False;
                        }
                        Truth::Unknown => result = Truth::Unknown,
                        Truth::True => {}
                    }
                }
                result
            }
            Condition::Any(cs) => {
                let (mut result, missing) = (Truth::False, ev.missing.len());
                for inner in cs {
                    match self.eval(inner, ev) {
                        Truth::True => {
                            ev.missing.truncate(missing);
                            return Truth::True;
                        }
                        Truth::Unknown => result = Truth::Unknown,
                        Truth::False => {}
                    }
                }
                result
            }
            Condition::Not(inner) => match self.eval(inner, ev) {
                Truth::True => Truth::False,
                Truth::False => Truth::True,
                Truth::Unknown => Truth::Unknown,
            },
            Condition::Flag(f) => {
                let spec = f.0.spec();
                let Some(on) = self.app.flag(f.0) else {
                    push_missing(ev, spec.path);
                    return Truth::Unknown;
                };
                ev.fact(|| Fact::around(self.label(f.0), "：", if on { "是" } else { "否" }, ""));
                on.into()
            }
            Condition::In(i) => {
                let spec = i.field.0.spec();
                match self.app.get(i.field.0) {
                    None => {
                        push_missing(ev, spec.path);
                        Truth::Unknown
                    }
                    Some(Value::Choices { chosen, unread }) => {
                        let hit = chosen.iter().any(|c| i.values.iter().any(|v| v == c));
                        // 「国家」 given as 「国」: not ticked is not known.
                        if !hit && *unread {
                            push_missing(ev, spec.path);
                            return Truth::Unknown;
                        }
                        ev.fact(|| {
                            let listed = if chosen.is_empty() {
                                "无".to_string()
                            } else {
                                let shown: Vec<&str> =
                                    chosen.iter().map(|c| as_on_form(c)).collect();
                                shown.join("、")
                            };
                            Fact::around(self.label(i.field.0), "：", &listed, "")
                        });
                        hit.into()
                    }
                    Some(Value::Texts(items)) if items.is_empty() => {
                        push_missing(ev, spec.path);
                        Truth::Unknown
                    }
                    Some(Value::Texts(items)) => {
                        ev.fact(|| {
                            Fact::around(self.label(i.field.0), "：", &items.join("、"), "")
                        });
                        items.iter().any(|t| i.values.contains(t)).into()
                    }
                    Some(_) => {
                        let text = self.app.text(i.field.0).unwrap_or_default();
                        ev.fact(|| Fact::around(self.label(i.field.0), "：", as_on_form(text), ""));
                        i.values.iter().any(|v| v == text).into()
                    }
                }
            }
            Condition::Answered(inner) => {
                let missing = ev.missing.len();
                match self.eval(inner, ev) {
                    // 「是否紧急」 answered 「maybe」: an answer not read, not a claim not made.
                    Truth::Unknown
                        if inner
                            .field()
                            .is_some_and(|f| self.rejected.rejects_read_field(f.spec().path)) =>
                    {
                        Truth::Unknown
                    }
                    Truth::Unknown => {
                        ev.missing.truncate(missing);
                        if let Some(field) = inner.field() {
                            ev.fact(|| Fact::around(self.label(field), "：", "未填", ""));
                        }
                        Truth::False
                    }
                    answered => answered,
                }
            }
            Condition::Amount(a) => self.amount(a, ev),
            Condition::Number(n) => self.number(n, ev),
            Condition::Verdict(v) => self.verdict(v, ev),
            Condition::Dated(f) => {
                let spec = f.0.spec();
                match self.app.date(f.0) {
                    Some(date) => {
                        ev.fact(|| {
                            Fact::around(self.label(f.0), "：", &crate::calendar::iso(date), "")
                        });
                        Truth::True
                    }
                    None => {
                        push_missing(ev, spec.path);
                        Truth::Unknown
                    }
                }
            }
            Condition::HasDocument(d) => {
                let on = self.version.on_file(self.app, d).is_some();
                ev.fact(|| {
                    let on = if on { "已提交" } else { "未提交" };
                    Fact::around(
                        self.version.document_name(d, crate::messages::Locale::ZhCn),
                        "：",
                        on,
                        "",
                    )
                });
                on.into()
            }
        }
    }

    fn verdict(&self, v: &VerdictCondition, ev: &mut Evidence) -> Truth {
        let Some(verdicts) = self.verdicts else {
            return Truth::Unknown;
        };
        let Some((verdict, compared)) = verdicts.get(v.of) else {
            return Truth::False;
        };
        ev.compared = ev.compared.union(compared);
        match verdict {
            Verdict::Undetermined(missing) => {
                for m in missing {
                    push_missing(ev, m);
                }
                Truth::Unknown
            }
            Verdict::Decided(value, explanation) => {
                ev.fact(|| Fact::fixed(explanation.as_deref().unwrap_or_default().to_string()));
                v.is.iter().any(|x| x == value).into()
            }
        }
    }

    /// A parameter's value, or `None` with the parameter recorded as needed.
    fn threshold(&self, param: &str, ev: &mut Evidence) -> Option<Decimal> {
        let value = self.params.get(param).copied().flatten();
        if value.is_none() {
            push_missing(ev, &format!("parameter:{param}"));
        }
        value
    }

    fn number(&self, n: &AmountCondition, ev: &mut Evidence) -> Truth {
        let spec = n.field.0.spec();
        let Some(count) = self.app.count(n.field.0) else {
            push_missing(ev, spec.path);
            return Truth::Unknown;
        };
        let Some(threshold) = self.threshold(&n.param, ev) else {
            return Truth::Unknown;
        };
        let held = compare(Decimal::from(count), n.op, threshold);
        ev.fact(|| {
            let belongs = if held { "，属于" } else { "，不属于" };
            let after = format!("{belongs}「{}」", n.wording);
            Fact::around(self.label(n.field.0), " ", &count.to_string(), &after)
        });
        held.into()
    }

    /// A money field's amount, or the amount moved into it.
    fn money(&self, field: Field) -> Option<Decimal> {
        match self.moved {
            Some((moved, amount)) if moved == field => {
                self.app.mark(field);
                Some(amount)
            }
            _ => self.app.money(field),
        }
    }

    /// A field's label as the facts quote it: in Chinese, as the regulation words it.
    fn label(&self, field: Field) -> &'a str {
        self.version
            .field_label(field, crate::messages::Locale::ZhCn)
    }

    /// The field an amount condition compares and its amount: the field that supersedes it once
    /// that is given (an unreadable one too, which leaves the comparison unknown rather than
    /// falling back on the amount it replaces). Zero is none given: a number input starts at 0,
    /// and no project is approved at 0 万元.
    fn compared_amount(&self, a: &AmountCondition) -> (Field, Option<Decimal>) {
        let given = |by: Field| self.money(by).filter(|amount| !amount.is_zero());
        match a.superseded_by.map(|by| (by.0, given(by.0))) {
            Some((by, Some(amount))) => (by, Some(amount)),
            Some((by, None)) if self.rejected.rejects_read_field(by.spec().path) => (by, None),
            _ => (a.field.0, self.money(a.field.0)),
        }
    }

    fn amount(&self, a: &AmountCondition, ev: &mut Evidence) -> Truth {
        let (field, amount) = self.compared_amount(a);
        let spec = field.spec();
        let Some(amount) = amount else {
            push_missing(ev, spec.path);
            return Truth::Unknown;
        };
        let Some(threshold) = self.threshold(&a.param, ev) else {
            return Truth::Unknown;
        };
        ev.compared.insert(field);
        let held = compare(amount, a.op, threshold);
        ev.fact(|| {
            let belongs = if held {
                "，属于「"
            } else {
                "，不属于「"
            };
            Fact::composed(
                self.label(field).len() + a.wording.len() + 96,
                |text| {
                    text.push_str(self.label(field));
                    text.push(' ');
                },
                |text| money::push(text, &amount),
                |text| {
                    text.push_str(" 万元");
                    if field != a.field.0 {
                        for piece in ["（代替", self.label(a.field.0), "）"] {
                            text.push_str(piece);
                        }
                    }
                    for piece in [belongs, &a.wording, "」（"] {
                        text.push_str(piece);
                    }
                    money::push(text, &threshold);
                    text.push_str(" 万元）");
                },
            )
        });
        // An evaluation with an amount moved asks what a verdict would be there (the nearest
        // thresholds' walk, which tries each threshold itself): no amount of the application's is
        // on a line because of it.
        if amount == threshold && self.moved.is_none() {
            ev.boundaries.push(BoundaryHit {
                field,
                amount,
                param: a.param.clone(),
                op: a.op,
                wording: a.wording.clone(),
                boundary_reading: a.boundary_reading.clone(),
                boundary_reading_en: a.boundary_reading_en.clone(),
                held,
                cite: (!a.cite.is_empty())
                    .then(|| a.cite.resolve(self.version, self.jurisdiction, self.locale)),
            });
        }
        held.into()
    }
}

fn compare(value: Decimal, op: Op, threshold: Decimal) -> bool {
    match op {
        Op::Gt => value > threshold,
        Op::Ge => value >= threshold,
        Op::Lt => value < threshold,
        Op::Le => value <= threshold,
    }
}

/// A listed value as the 申报表 writes it (`new` → 新建): facts quote the form, in Chinese.
fn as_on_form(key: &str) -> &str {
    crate::labels::choice_label(key).map_or(key, |(zh, _)| zh)
}

fn push_missing(ev: &mut Evidence, what: &str) {
    if !ev.missing.iter().any(|m| m == what) {
        ev.missing.push(what.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_set_gives_its_fields_in_form_order_and_only_those() {
        let mut set = FieldSet::default();
        assert_eq!(set.iter().count(), 0);
        let last = FIELDS.last().map(|spec| spec.field).unwrap();
        let first = FIELDS.first().map(|spec| spec.field).unwrap();
        let middle = FIELDS.get(FIELDS.len() / 2).map(|spec| spec.field).unwrap();
        for field in [last, first, middle] {
            set.insert(field);
        }
        assert_eq!(set.iter().collect::<Vec<_>>(), [first, middle, last]);
        let every = FIELDS.iter().fold(FieldSet::default(), |mut all, spec| {
            all.insert(spec.field);
            all
        });
        assert!(every.iter().eq(FIELDS.iter().map(|spec| spec.field)));
    }

    #[test]
    fn a_money_set_holds_each_money_field_and_no_other() {
        let is_money =
            |field: Field| matches!(field.spec().kind, crate::model::fields::Kind::Money);
        let mut money = FieldSet::default();
        for spec in FIELDS.iter().filter(|spec| is_money(spec.field)) {
            let mut one = FieldSet::default();
            one.insert(spec.field);
            assert_eq!(MoneySet::of(one).fields(), one, "{}", spec.path);
            money.insert(spec.field);
        }
        assert_eq!(money.iter().count(), 14);
        assert_eq!(MoneySet::of(money).fields(), money);
        let every = FIELDS.iter().fold(FieldSet::default(), |mut all, spec| {
            all.insert(spec.field);
            all
        });
        assert_eq!(MoneySet::of(every).fields(), money);
        assert_eq!(MoneySet::default().fields(), FieldSet::default());
    }
}
