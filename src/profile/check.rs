//! What a profile is checked for when it is loaded.
//!
//! Two kinds of check. [`bounds`]: what the engine relies on to finish and to stay exact (a
//! window's length, a threshold's size, the id); every build makes it. [`check`]: that and the
//! cross-references serde cannot check (citations name articles and clauses that exist,
//! documents, chapters and parameters are declared, conditions read fields of their kind, ids are
//! unique, versions are in date order), which `gov-it-check compile` makes before it writes a
//! compiled profile, and which builds with the `profile-check` feature make again on load. The
//! browser modules leave it out: a profile that fails it is refused by the compiler, and one that
//! reaches the engine all the same (written by other means) gets answers that may be wrong but
//! never a panic, a trap or a hang (`tests/unchecked_profiles.rs`).
//!
//! Each check is handed the path of what it checks as a [`Path`], a chain of steps on the stack,
//! and writes it out only when it reports an error there: a profile that passes, which is every
//! profile a page loads, is checked without writing a path.

use std::fmt::{self, Write};

#[cfg(feature = "profile-check")]
use chrono::NaiveDate;

use super::*;
#[cfg(feature = "profile-check")]
use crate::model::Kind;

/// What the engine relies on to finish and to stay exact: an id of 1 to
/// [`MAX_PROFILE_ID`](crate::limits::MAX_PROFILE_ID) ASCII letters, digits or '-', at least one
/// version, thresholds in 万元 as the texts fix them, windows within
/// [`SPAN_BOUND`](crate::limits::SPAN_BOUND) (a working-day window is counted day by day).
pub fn bounds(profile: &Profile) -> Vec<ProfileError> {
    let mut errors = Vec::new();
    let mut err = |path: Path, message: String| {
        errors.push(ProfileError {
            path: path.to_string(),
            message,
        });
    };
    if profile.id.is_empty()
        || profile.id.len() > crate::limits::MAX_PROFILE_ID
        || !profile
            .id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        err(
            Path::root("id"),
            format!(
                "must be 1 to {} ASCII letters, digits or '-'",
                crate::limits::MAX_PROFILE_ID
            ),
        );
    }
    if profile.versions.is_empty() {
        err(
            Path::root("versions"),
            "at least one version is required".into(),
        );
    }
    let versions = Path::root("versions");
    for (vi, version) in profile.versions.iter().enumerate() {
        let at = versions.index(vi);
        let parameters = at.key("parameters");
        for (name, p) in &version.parameters {
            // An amount in 万元 or a ratio as the texts fix them: never negative, at most 4
            // decimal places (1 元) as an application's amounts, and below 10 亿万元.
            if let Some(value) = p.value {
                let bad = value.is_sign_negative()
                    || value.normalize().scale() > 4
                    || value >= rust_decimal::Decimal::from(crate::limits::MAX_PARAMETER);
                if bad {
                    err(
                        parameters.key(name).key("value"),
                        format!(
                            "`{}` is not a threshold: it must be at least 0, below {}, with at most 4 decimal places",
                            &*crate::money::written(&value),
                            crate::limits::MAX_PARAMETER
                        ),
                    );
                }
            }
        }
        let windows = at.key("windows");
        for (wi, w) in version.windows.iter().enumerate() {
            for (name, span) in [("min", w.min), ("max", w.max)] {
                if span.is_some_and(|s| !crate::limits::span_is_bounded(s)) {
                    err(
                        windows.index(wi).key(name),
                        crate::limits::SPAN_BOUND.into(),
                    );
                }
            }
        }
    }
    errors
}

/// The fewest and the most days a span can take from any start: a month or a year as the
/// calendar counts them from each day of a four-year cycle (a month after 31 January ends on the
/// last day of February); a working day at least a day, and with no most, holidays being the
/// portal's.
#[cfg(feature = "profile-check")]
fn days_between(span: Span) -> (i64, i64) {
    use chrono::Datelike;
    let months = match span {
        Span::Days(n) => return (i64::from(n), i64::from(n)),
        Span::WorkingDays(n) => return (i64::from(n), i64::MAX),
        Span::Months(n) => n,
        Span::Years(n) => n.saturating_mul(12),
    };
    let mut range = (i64::MAX, i64::MIN);
    let mut day = NaiveDate::from_ymd_opt(2000, 1, 1);
    while let Some(start) = day.filter(|d| d.year() < 2004) {
        if let Some(end) = start.checked_add_months(chrono::Months::new(months)) {
            let days = (end - start).num_days();
            range = (range.0.min(days), range.1.max(days));
        }
        day = start.succ_opt();
    }
    range
}

/// Whether a window's `min` is longer than its `max` from every start, so no date could meet it.
#[cfg(feature = "profile-check")]
fn min_exceeds_max(min: Span, max: Span) -> bool {
    match (min, max) {
        (Span::WorkingDays(a), Span::WorkingDays(b)) => a > b,
        _ => days_between(min).0 > days_between(max).1,
    }
}

/// [`bounds`], and the cross-reference checks serde cannot make: citations name articles and
/// clauses that exist, documents, chapters and parameters are declared, ids are unique, versions
/// are in date order.
#[cfg(feature = "profile-check")]
pub fn check(profile: &Profile) -> Vec<ProfileError> {
    let mut errors = bounds(profile);
    let mut previous: Option<NaiveDate> = None;
    for (vi, version) in profile.versions.iter().enumerate() {
        let versions = Path::root("versions");
        let at = versions.index(vi);
        if let (Some(prev), Some(start)) = (previous, version.in_force) {
            if start <= prev {
                errors.push(ProfileError {
                    path: at.key("inForce").to_string(),
                    message: "versions must be in order of their in-force dates".into(),
                });
            }
        }
        if let (Some(start), Some(end)) = (version.in_force, version.repealed) {
            if end <= start {
                errors.push(ProfileError {
                    path: at.key("repealed").to_string(),
                    message: "repealed on or before the day it came into force".into(),
                });
            }
        }
        previous = version.in_force.or(previous);
        let mut checker = Checker {
            v: version,
            errors: Vec::new(),
            ids: Vec::new(),
            verdicts_readable: false,
        };
        checker.version(at);
        errors.extend(checker.errors);
    }
    errors
}

/// One step of a [`Path`]: a member's name, or a list's index.
#[derive(Debug, Clone, Copy)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// Where in the profile a check is: `parent`, then `step`. Written out (`versions[0].cite[1]`)
/// only when an error names it.
#[derive(Debug, Clone, Copy)]
struct Path<'p, 'a> {
    parent: Option<&'p Path<'p, 'a>>,
    step: Step<'a>,
}

impl<'a> Path<'_, 'a> {
    fn root(key: &'a str) -> Path<'static, 'a> {
        Path {
            parent: None,
            step: Step::Key(key),
        }
    }

    /// The member `key` of what this path names.
    fn key<'p>(&'p self, key: &'a str) -> Path<'p, 'a> {
        Path {
            parent: Some(self),
            step: Step::Key(key),
        }
    }

    /// Item `index` of the list this path names.
    fn index<'p>(&'p self, index: usize) -> Path<'p, 'a> {
        Path {
            parent: Some(self),
            step: Step::Index(index),
        }
    }

    /// The steps from the root, kept where the path must outlive the walk (a rule's id, in case
    /// another rule has the same).
    fn steps(&self) -> Vec<Step<'a>> {
        let mut steps = self.parent.map_or_else(Vec::new, Path::steps);
        steps.push(self.step);
        steps
    }
}

/// `versions[0].outcomes.approval[2].cite`: members after a dot, indexes in brackets.
fn write_steps<'a>(steps: impl IntoIterator<Item = Step<'a>>, out: &mut impl Write) -> fmt::Result {
    for (i, step) in steps.into_iter().enumerate() {
        match step {
            Step::Key(key) if i == 0 => out.write_str(key)?,
            Step::Key(key) => write!(out, ".{key}")?,
            Step::Index(index) => write!(out, "[{index}]")?,
        }
    }
    Ok(())
}

impl fmt::Display for Path<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_steps(self.steps(), f)
    }
}

#[cfg(feature = "profile-check")]
struct Checker<'a> {
    v: &'a Version,
    errors: Vec<ProfileError>,
    /// Each rule's id, and where it is.
    ids: Vec<(&'a str, Vec<Step<'a>>)>,
    /// Whether the conditions being checked are read after the verdicts they may turn on.
    verdicts_readable: bool,
}

#[cfg(feature = "profile-check")]
impl<'a> Checker<'a> {
    fn err(&mut self, path: Path, message: String) {
        self.errors.push(ProfileError {
            path: path.to_string(),
            message,
        });
    }

    /// A rule: its id is unique, its citations resolve, its condition refers to what exists.
    fn rule(&mut self, id: &'a str, cite: &[Cite], when: &Condition, path: Path<'_, 'a>) {
        // Cases, reports and portals name a rule by its id: a word of the profile's own.
        let word = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_');
        if id.is_empty() || !id.bytes().all(word) {
            self.err(
                path.key("id"),
                "a rule's id is ASCII letters, digits, `.`, `-` or `_`, e.g. `my-county.approval.required`".into(),
            );
        }
        self.ids.push((id, path.steps()));
        self.cites(cite, path.key("cite"));
        self.condition(when, path.key("when"));
    }

    fn cites(&mut self, cite: &[Cite], path: Path) {
        if cite.is_empty() {
            self.err(path, "a citation is required".into());
        }
        for (i, c) in cite.iter().enumerate() {
            self.cite(c, path.index(i));
        }
    }

    fn cite(&mut self, c: &Cite, path: Path) {
        match (c.article, c.annex) {
            (Some(n), None) => match self.v.article(n) {
                None => self.err(
                    path.key("article"),
                    format!("the regulation has no article {n}"),
                ),
                Some(a) => {
                    if let Some(clause) = c.clause.as_ref().filter(|cl| !a.clauses.contains(cl)) {
                        let message = format!("{} has no clause ({clause})", a.label);
                        self.err(path.key("clause"), message);
                    }
                }
            },
            (None, Some(n)) => {
                if !self.v.annexes.iter().any(|a| a.n == n) {
                    self.err(
                        path.key("annex"),
                        format!("the regulation has no annex {n}"),
                    );
                }
            }
            _ => self.err(path, "cite exactly one of `article` or `annex`".into()),
        }
    }

    fn document(&mut self, key: &str, path: Path) {
        if !self.v.documents.contains_key(key) {
            self.err(
                path,
                format!("document `{key}` is not declared in `documents`"),
            );
        }
    }

    fn documents(&mut self, keys: &[String], path: Path) {
        for (j, d) in keys.iter().enumerate() {
            self.document(d, path.index(j));
        }
    }

    fn parameter(&mut self, name: &str, path: Path) {
        if !self.v.parameters.contains_key(name) {
            self.err(
                path,
                format!("parameter `{name}` is not declared in `parameters`"),
            );
        }
    }

    /// A parameter compared with what is in `unit` (an amount in 万元, a share as a 比例).
    fn parameter_in(&mut self, name: &str, unit: &str, path: Path) {
        self.parameter(name, path);
        if let Some(p) = self.v.parameters.get(name).filter(|p| p.unit != unit) {
            let message = if unit == "万元" {
                format!(
                    "parameter `{name}` is in `{}`; it is compared with an amount, in 万元 (2000000 元 is 200 万元)",
                    p.unit
                )
            } else {
                format!(
                    "parameter `{name}` is in `{}`; it is used as a `{unit}`",
                    p.unit
                )
            };
            self.err(path, message);
        }
    }

    fn condition(&mut self, c: &Condition, path: Path) {
        self.nested(c, path, 0);
    }

    /// A condition `depth` levels inside a rule's.
    fn nested(&mut self, c: &Condition, path: Path, depth: u32) {
        if depth >= crate::limits::MAX_CONDITION_DEPTH {
            let message = format!(
                "conditions nested more than {} levels deep",
                crate::limits::MAX_CONDITION_DEPTH
            );
            self.err(path, message);
            return;
        }
        match c {
            Condition::Always => {}
            Condition::All(cs) | Condition::Any(cs) => {
                let key = if matches!(c, Condition::All(_)) {
                    "all"
                } else {
                    "any"
                };
                let list = path.key(key);
                if cs.is_empty() {
                    // `all` of nothing always holds and `any` of nothing never does: neither is
                    // what a text says.
                    let message = format!(
                        "an empty `{key}`: give it conditions, or write \"always\" for a case that always applies"
                    );
                    self.err(list, message);
                }
                for (i, inner) in cs.iter().enumerate() {
                    self.nested(inner, list.index(i), depth + 1);
                }
            }
            Condition::Not(inner) => self.nested(inner, path.key("not"), depth + 1),
            Condition::Answered(inner) => {
                let at = path.key("answered");
                if inner.field().is_none() {
                    let message = "`answered` reads one `flag` or `in`: what an applicant claims by a tick or a choice".into();
                    self.err(at, message);
                }
                self.nested(inner, at, depth + 1);
            }
            Condition::Flag(f) => {
                if f.0.spec().kind != Kind::Bool {
                    self.err(
                        path.key("flag"),
                        format!("`{}` is not a yes/no field", f.0.path()),
                    );
                }
            }
            Condition::In(i) => {
                let at = path.key("in");
                match i.field.0.spec().kind {
                    Kind::Choice(keys) | Kind::Choices(keys) => {
                        let values = at.key("values");
                        for (j, value) in i.values.iter().enumerate() {
                            if !keys.contains(&value.as_str()) {
                                let message =
                                    format!("`{value}` is not a value of `{}`", i.field.0.path());
                                self.err(values.index(j), message);
                            }
                        }
                    }
                    Kind::Text | Kind::Texts => {}
                    _ => {
                        let message =
                            format!("`{}` is not a choice or text field", i.field.0.path());
                        self.err(at.key("field"), message);
                    }
                }
            }
            Condition::Amount(a) => {
                let at = path.key("amount");
                if a.field.0.spec().kind != Kind::Money {
                    let message = format!("`{}` is not an amount field", a.field.0.path());
                    self.err(at.key("field"), message);
                }
                if let Some(by) = a.superseded_by {
                    if by.0.spec().kind != Kind::Money || by == a.field {
                        let message = format!(
                            "`{}` is not another amount field to compare instead of `{}`",
                            by.0.path(),
                            a.field.0.path()
                        );
                        self.err(at.key("supersededBy"), message);
                    }
                }
                self.parameter_in(&a.param, "万元", at.key("param"));
                for (i, c) in a.cite.iter().enumerate() {
                    self.cite(c, at.key("cite").index(i));
                }
            }
            Condition::Number(n) => {
                let at = path.key("number");
                if !matches!(n.field.0.spec().kind, Kind::Count(..)) {
                    let message = format!("`{}` is not a whole-number field", n.field.0.path());
                    self.err(at.key("field"), message);
                }
                if n.superseded_by.is_some() {
                    let message = "a whole-number condition reads its own field: `supersededBy` is for amounts";
                    self.err(at.key("supersededBy"), message.to_string());
                }
                self.parameter(&n.param, at.key("param"));
            }
            Condition::HasDocument(d) => self.document(d, path.key("hasDocument")),
            Condition::Dated(f) => {
                if f.0.spec().kind != Kind::Date {
                    self.err(
                        path.key("dated"),
                        format!("`{}` is not a date field", f.0.path()),
                    );
                }
            }
            Condition::Verdict(v) => self.verdict(v, path.key("verdict")),
        }
    }

    fn verdict(&mut self, v: &VerdictCondition, path: Path) {
        if !self.verdicts_readable {
            let message = "the approval, merge, supervision and management tables may not turn on a verdict; the rules after them may".into();
            self.err(path, message);
        }
        let o = &self.v.outcomes;
        let defined = match v.of {
            VerdictOf::Approval => !o.approval.is_empty(),
            VerdictOf::Merge => !o.merge.is_empty(),
            VerdictOf::Supervision => !o.supervision.is_empty(),
            VerdictOf::Management => !o.management.is_empty(),
        };
        if !defined {
            let message = format!("the regulation has no `outcomes.{}`", v.of.key());
            self.err(path.key("of"), message);
        }
        let is = path.key("is");
        for (i, value) in v.is.iter().enumerate() {
            if !v.of.values().contains(&value.as_str()) {
                let message = format!(
                    "`{value}` is not a verdict of `{}` ({})",
                    v.of.key(),
                    v.of.values().join(", ")
                );
                self.err(is.index(i), message);
            }
        }
    }

    fn table<T>(
        &mut self,
        cases: &'a [Case<T>],
        path: Path<'_, 'a>,
        mut extra: impl FnMut(&mut Self, &T, Path<'_, 'a>),
    ) {
        for (i, case) in cases.iter().enumerate() {
            let at = path.index(i);
            self.rule(&case.id, &case.cite, &case.when, at);
            extra(self, &case.result, at);
        }
        // The first case that holds decides: one without `when` holds for every application, so
        // a case after it never applies.
        if let Some(always) = cases
            .iter()
            .position(|c| matches!(c.when, Condition::Always))
        {
            if always + 1 < cases.len() {
                self.err(
                    path.index(always + 1),
                    format!(
                        "this case never applies: `{}` before it has no `when` and decides every application (put the case without `when` last)",
                        path.index(always)
                    ),
                );
            }
        }
    }

    /// A list of rules of one kind, each checked as a rule and by `extra`.
    fn rules<T>(
        &mut self,
        items: &'a [T],
        path: Path<'_, 'a>,
        mut extra: impl FnMut(&mut Self, &'a T, Path<'_, 'a>),
    ) {
        for (i, item) in items.iter().enumerate() {
            extra(self, item, path.index(i));
        }
    }

    /// A regulation's own words for a field or a verdict: each cited, not blank, and given once
    /// for its `key_field` (the keys are few, so the ones seen are a short list).
    fn named_once<T, K: PartialEq + Copy>(
        &mut self,
        items: &'a [T],
        path: Path<'_, 'a>,
        (key_field, text_field): (&'static str, &'static str),
        read: impl Fn(&'a T) -> (K, &'a str, &'a Cites),
        twice: impl Fn(K) -> String,
    ) {
        let mut seen: Vec<K> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let (key, text, cite) = read(item);
            let at = path.index(i);
            self.cites(cite, at.key("cite"));
            if text.trim().is_empty() {
                self.err(at.key(text_field), format!("a {text_field} is required"));
            }
            if seen.contains(&key) {
                self.err(at.key(key_field), twice(key));
            } else {
                seen.push(key);
            }
        }
    }

    fn version(&mut self, at: Path<'_, 'a>) {
        let v = self.v;
        let articles = at.key("articles");
        for (i, a) in v.articles.iter().enumerate() {
            if usize::try_from(a.n).ok() != Some(i + 1) {
                self.err(
                    articles.index(i).key("n"),
                    format!("expected article {} here", i + 1),
                );
            }
        }
        let parameters = at.key("parameters");
        for (name, p) in &v.parameters {
            self.cites(&p.cite, parameters.key(name).key("cite"));
        }
        // An application gives a document or a chapter by its key or by its name: a name two of
        // them share would find the first alone.
        for (table, named) in [("documents", &v.documents), ("chapters", &v.chapters)] {
            let mut names: Vec<(&str, &String)> =
                named.iter().map(|(key, n)| (&*n.name, key)).collect();
            crate::sorted::sort_by(&mut names, |a, b| a.cmp(b));
            for pair in names.windows(2) {
                if let [(a, _), (b, key)] = pair {
                    if a == b {
                        let message = format!("the name 「{b}」 is given twice");
                        self.err(at.key(table).key(key).key("name"), message);
                    }
                }
            }
        }
        let o = &v.outcomes;
        let outcomes = at.key("outcomes");
        self.table(&o.approval, outcomes.key("approval"), |c, r, p| {
            c.documents(&r.chain, p.key("result").key("chain"));
        });
        self.table(&o.merge, outcomes.key("merge"), |c, r, p| {
            let result = p.key("result");
            c.documents(&r.documents, result.key("documents"));
            c.documents(&r.replaces, result.key("replaces"));
        });
        self.table(&o.supervision, outcomes.key("supervision"), |_, _, _| {});
        self.table(&o.management, outcomes.key("management"), |_, _, _| {});
        self.verdicts_readable = true;
        self.table(&o.expert_panel, outcomes.key("expertPanel"), |_, _, _| {});
        self.table(
            &o.financial_review,
            outcomes.key("financialReview"),
            |_, _, _| {},
        );
        self.table(&o.acceptance, outcomes.key("acceptance"), |_, _, _| {});
        self.rules(
            &v.required_fields,
            at.key("requiredFields"),
            |c, r, path| {
                c.rule(&r.id, &r.cite, &r.when, path);
            },
        );
        self.rules(&v.requirements, at.key("requirements"), |c, r, path| {
            c.rule(&r.id, &r.cite, &r.when, path);
            c.document(&r.document, path.key("document"));
            let any_of = path.key("anyOf");
            for (j, alt) in r.any_of.iter().enumerate() {
                let at = any_of.index(j);
                c.document(&alt.document, at.key("document"));
                c.condition(&alt.when, at.key("when"));
                let cite = at.key("cite");
                for (k, citation) in alt.cite.iter().enumerate() {
                    c.cite(citation, cite.index(k));
                }
            }
            let chapters = path.key("chapters");
            for (j, chapter) in r.chapters.iter().enumerate() {
                if !v.chapters.contains_key(chapter) {
                    c.err(
                        chapters.index(j),
                        format!("chapter `{chapter}` is not declared in `chapters`"),
                    );
                }
            }
        });
        self.rules(&v.windows, at.key("windows"), |c, w, path| {
            c.rule(&w.id, &w.cite, &w.when, path);
            let later = w
                .postponed_to
                .iter()
                .map(|f| ("postponedTo", *f))
                .chain(w.also_after.iter().map(|f| ("alsoAfter", *f)))
                .chain(w.preceded_by.iter().map(|f| ("precededBy", *f)));
            for (name, f) in [("from", w.from), ("to", w.to)].into_iter().chain(later) {
                if f.0.spec().kind != Kind::Date {
                    c.err(
                        path.key(name),
                        format!("`{}` is not a date field", f.0.path()),
                    );
                }
            }
            if w.from == w.to {
                c.err(
                    path.key("to"),
                    format!(
                        "`{}` is the window's own `from`: a window is between two dates",
                        w.to.0.path()
                    ),
                );
            }
            if w.min.is_none() && w.max.is_none() {
                c.err(path, "a window needs `min`, `max` or both".into());
            }
            if let (Some(min), Some(max)) = (w.min, w.max) {
                let bounded =
                    crate::limits::span_is_bounded(min) && crate::limits::span_is_bounded(max);
                if bounded && min_exceeds_max(min, max) {
                    c.err(
                        path.key("min"),
                        "`min` is longer than `max`: no date could meet the window".into(),
                    );
                }
            }
            if !w.qualifier.is_empty() && w.severity != Some(Severity::Warning) {
                c.err(
                    path.key("qualifier"),
                    "a window stated as a rule (`qualifier`) is not strict: give it `\"severity\": \"warning\"`".into(),
                );
            }
            if w.also_after.contains(&w.to) {
                c.err(
                    path.key("alsoAfter"),
                    format!(
                        "`{}` is the window's own `to`: a window counts from other dates",
                        w.to.0.path()
                    ),
                );
            }
        });
        self.rules(&v.deadlines, at.key("deadlines"), |c, d, path| {
            c.rule(&d.id, &d.cite, &Condition::Always, path);
            match parse_month_day(&d.by) {
                None => c.err(
                    path.key("by"),
                    "expected `MM-DD`, a day every year has".into(),
                ),
                // Three years in four have no 29 February: the deadline would never fall.
                Some((2, 29)) => c.err(
                    path.key("by"),
                    "`02-29` is no day in three years of four: for 2月底 write `02-28`".into(),
                ),
                Some(_) => {}
            }
        });
        self.rules(&v.enumerations, at.key("enumerations"), |c, e, path| {
            c.rule(&e.id, &e.cite, &Condition::Always, path);
            if e.values.is_empty() {
                c.err(
                    path.key("values"),
                    "no values: list those the form offers".into(),
                );
            }
            if !matches!(e.field.0.spec().kind, Kind::Text | Kind::Texts) {
                c.err(
                    path.key("field"),
                    format!("`{}` is not a text field", e.field.0.path()),
                );
            }
        });
        if let Some(f) = &v.funding_sums {
            self.rule(&f.id, &f.cite, &Condition::Always, at.key("fundingSums"));
        }
        if let Some(t) = &v.resource_table {
            let path = at.key("resourceTable");
            self.rule(&t.id, &t.cite, &Condition::Always, path);
            for (name, value) in [
                ("needsCondition", &t.needs_condition),
                ("needsReason", &t.needs_reason),
            ] {
                if !t.sharing.contains(value) {
                    self.err(path.key(name), format!("`{value}` is not one of `sharing`"));
                }
            }
        }
        self.rules(&v.panels, at.key("panels"), |c, p, path| {
            c.ids.push((&p.id, path.steps()));
            let cases = path.key("cases");
            c.table(&p.cases, cases, |_, _, _| {});
            if p.cases.is_empty() && v.outcomes.expert_panel.is_empty() {
                c.err(
                    cases,
                    "no cases here and no `outcomes.expertPanel` to use".into(),
                );
            }
        });
        self.rules(&v.restrictions, at.key("restrictions"), |c, r, path| {
            c.rule(&r.id, &r.cite, &r.when, path);
        });
        if let Some(a) = &v.adjustment {
            let path = at.key("adjustment");
            self.rule(&a.id, &a.cite, &Condition::Always, path);
            self.parameter_in(&a.max_ratio_param, "比例", path.key("maxRatioParam"));
        }
        self.rules(
            &v.interpretations,
            at.key("interpretations"),
            |c, n, path| {
                c.rule(&n.id, &n.cite, &Condition::Always, path);
            },
        );
        self.rules(&v.not_formalised, at.key("notFormalised"), |c, n, path| {
            c.rule(&n.id, &n.cite, &Condition::Always, path);
        });
        self.named_once(
            &v.field_labels,
            at.key("fieldLabels"),
            ("field", "label"),
            |l| (l.field.0, &*l.label, &l.cite),
            |field| format!("`{}` is labelled twice", field.path()),
        );
        self.named_once(
            &v.outcome_names,
            at.key("outcomeNames"),
            ("outcome", "name"),
            |n| (n.outcome, &*n.name, &n.cite),
            |outcome| format!("`{}` is named twice", outcome.key()),
        );
        let mut ids = std::mem::take(&mut self.ids);
        crate::sorted::sort_by(&mut ids, |a, b| a.0.cmp(b.0));
        for pair in ids.windows(2) {
            if let [(a, _), (b, steps)] = pair {
                if a == b {
                    let mut path = String::new();
                    // Writing to a String does not fail.
                    let _ = write_steps(steps.iter().copied(), &mut path);
                    self.errors.push(ProfileError {
                        path,
                        message: format!("rule id `{b}` is used twice"),
                    });
                }
            }
        }
    }
}

#[cfg(test)]
#[cfg(feature = "profile-check")]
mod tests {
    use super::*;
    use crate::model::Field;

    fn tongzhou() -> Profile {
        super::super::compact::decode(include_bytes!("../compiled/tongzhou.govit")).unwrap()
    }

    fn paths(profile: &Profile) -> Vec<String> {
        paths_of(check(profile))
    }

    fn paths_of(errors: Vec<ProfileError>) -> Vec<String> {
        errors.into_iter().map(|e| e.path).collect()
    }

    #[test]
    fn a_shipped_profile_passes() {
        assert_eq!(paths(&tongzhou()), Vec::<String>::new());
    }

    #[test]
    fn an_error_names_the_path_to_what_is_wrong() {
        let mut profile = tongzhou();
        let v = &mut profile.versions[0];
        v.outcomes.approval[0].when = Condition::Any(vec![
            Condition::Always,
            Condition::Not(Box::new(Condition::Flag(FieldRef(Field::TotalInvestment)))),
        ]);
        v.outcomes.merge[0].cite = Cites::from(vec![Cite {
            article: Some(999),
            clause: None,
            annex: None,
        }]);
        v.windows[0].min = None;
        v.windows[0].max = None;
        let name = v.parameters.keys().next().unwrap().clone();
        v.parameters.get_mut(&name).unwrap().cite = Cites::default();
        assert_eq!(
            paths(&profile),
            [
                format!("versions[0].parameters.{name}.cite"),
                "versions[0].outcomes.approval[0].when.any[1].not.flag".into(),
                "versions[0].outcomes.merge[0].cite[0].article".into(),
                "versions[0].windows[0]".into(),
            ]
        );
    }

    #[test]
    fn a_window_stated_as_a_rule_is_a_warning() {
        let mut profile = tongzhou();
        let w = &mut profile.versions[0].windows[0];
        w.qualifier = "通常".into();
        w.severity = None;
        assert_eq!(paths(&profile), ["versions[0].windows[0].qualifier"]);
        profile.versions[0].windows[0].severity = Some(Severity::Warning);
        assert_eq!(paths(&profile), Vec::<String>::new());
    }

    #[test]
    fn a_threshold_out_of_bounds_is_quoted_as_written() {
        let mut profile = tongzhou();
        let v = &mut profile.versions[0];
        let name = v.parameters.keys().next().unwrap().clone();
        v.parameters.get_mut(&name).unwrap().value = Some("-300.50".parse().unwrap());
        let errors = bounds(&profile);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(
            errors[0].path,
            format!("versions[0].parameters.{name}.value")
        );
        assert!(
            errors[0].message.starts_with("`-300.5` is not a threshold"),
            "{errors:?}"
        );
    }

    #[test]
    fn conditions_nested_deeper_than_a_compiled_profile_holds_are_refused() {
        let nest = |levels: u32| {
            let mut profile = tongzhou();
            let when = &mut profile.versions[0].outcomes.approval[0].when;
            for _ in 0..levels {
                *when = Condition::Not(Box::new(std::mem::take(when)));
            }
            let errors = check(&profile);
            (profile, errors)
        };
        let deepest = crate::limits::MAX_CONDITION_DEPTH - 1;
        assert_eq!(paths_of(nest(deepest).1), Vec::<String>::new());
        // What the check accepts compiles and loads.
        let compiled = super::super::compact::encode(&nest(deepest).0);
        assert!(super::super::compact::decode(&compiled).is_ok());
        let (profile, errors) = nest(deepest + 1);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].message.contains("nested more than 32"),
            "{errors:?}"
        );
        let compiled = super::super::compact::encode(&profile);
        assert!(super::super::compact::decode(&compiled).is_err());
    }

    #[test]
    fn a_case_after_one_without_a_condition_is_refused() {
        let mut profile = tongzhou();
        let merge = &mut profile.versions[0].outcomes.merge;
        let last = merge.len() - 1;
        assert!(matches!(merge[last].when, Condition::Always));
        merge.swap(0, last);
        let errors = check(&profile);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].path, "versions[0].outcomes.merge[1]");
        assert!(errors[0].message.contains("never applies"), "{errors:?}");
    }

    #[test]
    fn what_loads_but_could_never_mean_what_a_text_says_is_refused() {
        let mut profile = tongzhou();
        let v = &mut profile.versions[0];
        v.outcomes.approval[0].when = Condition::All(Vec::new());
        v.windows[0].to = v.windows[0].from;
        v.deadlines[0].by = "02-29".into();
        v.enumerations[0].values.clear();
        v.repealed = v.in_force;
        v.restrictions[0].when = Condition::Answered(Box::new(Condition::Always));
        for name in ["approvalThreshold", "adjustmentMaxRatio"] {
            if let Some(p) = v.parameters.get_mut(name) {
                p.unit = "元".into();
            }
        }
        let errors = check(&profile);
        let said = |path: &str, words: &str| {
            errors
                .iter()
                .any(|e| e.path == path && e.message.contains(words))
        };
        assert!(
            said(
                "versions[0].outcomes.approval[0].when.all",
                "an empty `all`"
            ),
            "{errors:?}"
        );
        assert!(
            said("versions[0].windows[0].to", "the window's own `from`"),
            "{errors:?}"
        );
        assert!(
            said("versions[0].deadlines[0].by", "write `02-28`"),
            "{errors:?}"
        );
        assert!(
            said("versions[0].enumerations[0].values", "no values"),
            "{errors:?}"
        );
        assert!(
            said("versions[0].repealed", "repealed on or before"),
            "{errors:?}"
        );
        assert!(
            said(
                "versions[0].restrictions[0].when.answered",
                "`answered` reads one `flag` or `in`"
            ),
            "{errors:?}"
        );
        assert!(
            errors.iter().any(|e| e
                .message
                .contains("in `元`; it is compared with an amount, in 万元")),
            "{errors:?}"
        );
        assert!(
            errors
                .iter()
                .any(|e| e.path.ends_with("adjustment.maxRatioParam")
                    && e.message.contains("used as a `比例`")),
            "{errors:?}"
        );
    }

    #[test]
    fn a_rule_id_used_twice_is_reported_where_it_is_used_again() {
        let mut profile = tongzhou();
        let v = &mut profile.versions[0];
        v.restrictions[0].id = Arc::clone(&v.outcomes.approval[1].id);
        let errors = check(&profile);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].path, "versions[0].restrictions[0]");
        assert!(errors[0].message.contains("is used twice"), "{errors:?}");
    }
}
