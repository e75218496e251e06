//! The cross-reference checks serde cannot make.

use chrono::NaiveDate;

use super::*;
use crate::model::Kind;

/// Cross-reference checks serde cannot make: citations name articles and clauses that exist,
/// documents, chapters and parameters are declared, ids are unique, versions are in date order.
pub fn check(profile: &Profile) -> Vec<ProfileError> {
    let mut errors = Vec::new();
    if profile.id.is_empty()
        || profile.id.len() > crate::limits::MAX_PROFILE_ID
        || !profile
            .id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        errors.push(ProfileError {
            path: "id".into(),
            message: format!(
                "must be 1 to {} ASCII letters, digits or '-'",
                crate::limits::MAX_PROFILE_ID
            ),
        });
    }
    if profile.versions.is_empty() {
        errors.push(ProfileError {
            path: "versions".into(),
            message: "at least one version is required".into(),
        });
    }
    let mut previous: Option<NaiveDate> = None;
    for (vi, version) in profile.versions.iter().enumerate() {
        let at = format!("versions[{vi}]");
        if let (Some(prev), Some(start)) = (previous, version.in_force) {
            if start <= prev {
                errors.push(ProfileError {
                    path: format!("{at}.inForce"),
                    message: "versions must be in order of their in-force dates".into(),
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
        checker.version(&at);
        errors.extend(checker.errors);
    }
    errors
}

struct Checker<'a> {
    v: &'a Version,
    errors: Vec<ProfileError>,
    ids: Vec<(String, String)>,
    /// Whether the conditions being checked are read after the verdicts they may turn on.
    verdicts_readable: bool,
}

impl Checker<'_> {
    fn err(&mut self, path: String, message: String) {
        self.errors.push(ProfileError { path, message });
    }

    /// A rule: its id is unique, its citations resolve, its condition refers to what exists.
    fn rule(&mut self, id: &str, cite: &[Cite], when: &Condition, path: &str) {
        self.ids.push((id.to_string(), path.to_string()));
        self.cites(cite, &format!("{path}.cite"));
        self.condition(when, &format!("{path}.when"));
    }

    fn cites(&mut self, cite: &[Cite], path: &str) {
        if cite.is_empty() {
            self.err(path.to_string(), "a citation is required".into());
        }
        for (i, c) in cite.iter().enumerate() {
            self.cite(c, &format!("{path}[{i}]"));
        }
    }

    fn cite(&mut self, c: &Cite, path: &str) {
        match (c.article, c.annex) {
            (Some(n), None) => match self.v.article(n) {
                None => self.err(
                    format!("{path}.article"),
                    format!("the regulation has no article {n}"),
                ),
                Some(a) => {
                    if let Some(clause) = c.clause.as_ref().filter(|cl| !a.clauses.contains(cl)) {
                        let message = format!("{} has no clause ({clause})", a.label);
                        self.err(format!("{path}.clause"), message);
                    }
                }
            },
            (None, Some(n)) => {
                if !self.v.annexes.iter().any(|a| a.n == n) {
                    self.err(
                        format!("{path}.annex"),
                        format!("the regulation has no annex {n}"),
                    );
                }
            }
            _ => self.err(
                path.to_string(),
                "cite exactly one of `article` or `annex`".into(),
            ),
        }
    }

    fn document(&mut self, key: &str, path: String) {
        if !self.v.documents.contains_key(key) {
            self.err(
                path,
                format!("document `{key}` is not declared in `documents`"),
            );
        }
    }

    fn documents(&mut self, keys: &[String], path: &str) {
        for (j, d) in keys.iter().enumerate() {
            self.document(d, format!("{path}[{j}]"));
        }
    }

    fn parameter(&mut self, name: &str, path: String) {
        if !self.v.parameters.contains_key(name) {
            self.err(
                path,
                format!("parameter `{name}` is not declared in `parameters`"),
            );
        }
    }

    fn condition(&mut self, c: &Condition, path: &str) {
        match c {
            Condition::Always => {}
            Condition::All(cs) | Condition::Any(cs) => {
                let key = if matches!(c, Condition::All(_)) {
                    "all"
                } else {
                    "any"
                };
                for (i, inner) in cs.iter().enumerate() {
                    self.condition(inner, &format!("{path}.{key}[{i}]"));
                }
            }
            Condition::Not(inner) => self.condition(inner, &format!("{path}.not")),
            Condition::Flag(f) => {
                if f.0.spec().kind != Kind::Bool {
                    self.err(
                        format!("{path}.flag"),
                        format!("`{}` is not a yes/no field", f.0.path()),
                    );
                }
            }
            Condition::In(i) => match i.field.0.spec().kind {
                Kind::Choice(keys) | Kind::Choices(keys) => {
                    for (j, value) in i.values.iter().enumerate() {
                        if !keys.contains(&value.as_str()) {
                            let message =
                                format!("`{value}` is not a value of `{}`", i.field.0.path());
                            self.err(format!("{path}.in.values[{j}]"), message);
                        }
                    }
                }
                Kind::Text | Kind::Texts => {}
                _ => {
                    let message = format!("`{}` is not a choice or text field", i.field.0.path());
                    self.err(format!("{path}.in.field"), message);
                }
            },
            Condition::Amount(a) => {
                if a.field.0.spec().kind != Kind::Money {
                    let message = format!("`{}` is not an amount field", a.field.0.path());
                    self.err(format!("{path}.amount.field"), message);
                }
                self.parameter(&a.param, format!("{path}.amount.param"));
            }
            Condition::Number(n) => {
                if !matches!(n.field.0.spec().kind, Kind::Count(..)) {
                    let message = format!("`{}` is not a whole-number field", n.field.0.path());
                    self.err(format!("{path}.number.field"), message);
                }
                self.parameter(&n.param, format!("{path}.number.param"));
            }
            Condition::HasDocument(d) => self.document(d, format!("{path}.hasDocument")),
            Condition::Dated(f) => {
                if f.0.spec().kind != Kind::Date {
                    self.err(
                        format!("{path}.dated"),
                        format!("`{}` is not a date field", f.0.path()),
                    );
                }
            }
            Condition::Verdict(v) => self.verdict(v, &format!("{path}.verdict")),
        }
    }

    fn verdict(&mut self, v: &VerdictCondition, path: &str) {
        if !self.verdicts_readable {
            let message = "the approval, merge, supervision and management tables may not turn on a verdict; the rules after them may".into();
            self.err(path.to_string(), message);
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
            self.err(format!("{path}.of"), message);
        }
        for (i, value) in v.is.iter().enumerate() {
            if !v.of.values().contains(&value.as_str()) {
                let message = format!(
                    "`{value}` is not a verdict of `{}` ({})",
                    v.of.key(),
                    v.of.values().join(", ")
                );
                self.err(format!("{path}.is[{i}]"), message);
            }
        }
    }

    fn table<T>(
        &mut self,
        cases: &[Case<T>],
        path: &str,
        mut extra: impl FnMut(&mut Self, &T, &str),
    ) {
        for (i, case) in cases.iter().enumerate() {
            let at = format!("{path}[{i}]");
            self.rule(&case.id, &case.cite, &case.when, &at);
            extra(self, &case.result, &at);
        }
    }

    fn version(&mut self, at: &str) {
        let v = self.v;
        for (i, a) in v.articles.iter().enumerate() {
            if usize::try_from(a.n).ok() != Some(i + 1) {
                self.err(
                    format!("{at}.articles[{i}].n"),
                    format!("expected article {} here", i + 1),
                );
            }
        }
        for (name, p) in &v.parameters {
            self.cites(&p.cite, &format!("{at}.parameters.{name}.cite"));
            // An amount in 万元 or a ratio as the texts fix them: never negative, at most 4
            // decimal places (1 元) as an application's amounts, and below 10 亿万元.
            if let Some(value) = p.value {
                let bad = value.is_sign_negative()
                    || value.normalize().scale() > 4
                    || value >= rust_decimal::Decimal::from(crate::limits::MAX_PARAMETER);
                if bad {
                    self.err(
                        format!("{at}.parameters.{name}.value"),
                        format!(
                            "`{value}` is not a threshold: it must be at least 0, below {}, with at most 4 decimal places",
                            crate::limits::MAX_PARAMETER
                        ),
                    );
                }
            }
        }
        let o = &v.outcomes;
        self.table(
            &o.approval,
            &format!("{at}.outcomes.approval"),
            |c, r, p| c.documents(&r.chain, &format!("{p}.result.chain")),
        );
        self.table(&o.merge, &format!("{at}.outcomes.merge"), |c, r, p| {
            c.documents(&r.documents, &format!("{p}.result.documents"));
            c.documents(&r.replaces, &format!("{p}.result.replaces"));
        });
        self.table(
            &o.supervision,
            &format!("{at}.outcomes.supervision"),
            |_, _, _| {},
        );
        self.table(
            &o.management,
            &format!("{at}.outcomes.management"),
            |_, _, _| {},
        );
        self.verdicts_readable = true;
        self.table(
            &o.expert_panel,
            &format!("{at}.outcomes.expertPanel"),
            |_, _, _| {},
        );
        self.table(
            &o.financial_review,
            &format!("{at}.outcomes.financialReview"),
            |_, _, _| {},
        );
        self.table(
            &o.acceptance,
            &format!("{at}.outcomes.acceptance"),
            |_, _, _| {},
        );
        for (i, r) in v.required_fields.iter().enumerate() {
            self.rule(
                &r.id,
                &r.cite,
                &r.when,
                &format!("{at}.requiredFields[{i}]"),
            );
        }
        for (i, r) in v.requirements.iter().enumerate() {
            let path = format!("{at}.requirements[{i}]");
            self.rule(&r.id, &r.cite, &r.when, &path);
            self.document(&r.document, format!("{path}.document"));
            for (j, alt) in r.any_of.iter().enumerate() {
                let at = format!("{path}.anyOf[{j}]");
                self.document(&alt.document, format!("{at}.document"));
                self.condition(&alt.when, &format!("{at}.when"));
                for (k, c) in alt.cite.iter().enumerate() {
                    self.cite(c, &format!("{at}.cite[{k}]"));
                }
            }
            for (j, c) in r.chapters.iter().enumerate() {
                if !v.chapters.contains_key(c) {
                    self.err(
                        format!("{path}.chapters[{j}]"),
                        format!("chapter `{c}` is not declared in `chapters`"),
                    );
                }
            }
        }
        for (i, w) in v.windows.iter().enumerate() {
            let path = format!("{at}.windows[{i}]");
            self.rule(&w.id, &w.cite, &w.when, &path);
            let later = w
                .postponed_to
                .iter()
                .map(|f| ("postponedTo", *f))
                .chain(w.preceded_by.iter().map(|f| ("precededBy", *f)));
            for (name, f) in [("from", w.from), ("to", w.to)].into_iter().chain(later) {
                if f.0.spec().kind != Kind::Date {
                    self.err(
                        format!("{path}.{name}"),
                        format!("`{}` is not a date field", f.0.path()),
                    );
                }
            }
            for (name, span) in [("min", w.min), ("max", w.max)] {
                if span.is_some_and(|s| !crate::limits::span_is_bounded(s)) {
                    self.err(format!("{path}.{name}"), crate::limits::SPAN_BOUND.into());
                }
            }
            if w.min.is_none() && w.max.is_none() {
                self.err(path, "a window needs `min`, `max` or both".into());
            }
        }
        for (i, d) in v.deadlines.iter().enumerate() {
            let path = format!("{at}.deadlines[{i}]");
            self.rule(&d.id, &d.cite, &Condition::Always, &path);
            if parse_month_day(&d.by).is_none() {
                self.err(format!("{path}.by"), "expected `MM-DD`".into());
            }
        }
        for (i, e) in v.enumerations.iter().enumerate() {
            let path = format!("{at}.enumerations[{i}]");
            self.rule(&e.id, &e.cite, &Condition::Always, &path);
            if !matches!(e.field.0.spec().kind, Kind::Text | Kind::Texts) {
                self.err(
                    format!("{path}.field"),
                    format!("`{}` is not a text field", e.field.0.path()),
                );
            }
        }
        if let Some(f) = &v.funding_sums {
            self.rule(
                &f.id,
                &f.cite,
                &Condition::Always,
                &format!("{at}.fundingSums"),
            );
        }
        if let Some(t) = &v.resource_table {
            self.rule(
                &t.id,
                &t.cite,
                &Condition::Always,
                &format!("{at}.resourceTable"),
            );
            for (name, value) in [
                ("needsCondition", &t.needs_condition),
                ("needsReason", &t.needs_reason),
            ] {
                if !t.sharing.contains(value) {
                    self.err(
                        format!("{at}.resourceTable.{name}"),
                        format!("`{value}` is not one of `sharing`"),
                    );
                }
            }
        }
        for (i, p) in v.panels.iter().enumerate() {
            let path = format!("{at}.panels[{i}]");
            self.ids.push((p.id.clone(), path.clone()));
            self.table(&p.cases, &format!("{path}.cases"), |_, _, _| {});
            if p.cases.is_empty() && v.outcomes.expert_panel.is_empty() {
                self.err(
                    format!("{path}.cases"),
                    "no cases here and no `outcomes.expertPanel` to use".into(),
                );
            }
        }
        for (i, r) in v.restrictions.iter().enumerate() {
            self.rule(&r.id, &r.cite, &r.when, &format!("{at}.restrictions[{i}]"));
        }
        if let Some(a) = &v.adjustment {
            self.rule(
                &a.id,
                &a.cite,
                &Condition::Always,
                &format!("{at}.adjustment"),
            );
            self.parameter(&a.max_ratio_param, format!("{at}.adjustment.maxRatioParam"));
        }
        for (i, n) in v.interpretations.iter().enumerate() {
            self.rule(
                &n.id,
                &n.cite,
                &Condition::Always,
                &format!("{at}.interpretations[{i}]"),
            );
        }
        for (i, n) in v.not_formalised.iter().enumerate() {
            self.rule(
                &n.id,
                &n.cite,
                &Condition::Always,
                &format!("{at}.notFormalised[{i}]"),
            );
        }
        let mut ids = std::mem::take(&mut self.ids);
        crate::sorted::sort(&mut ids);
        for pair in ids.windows(2) {
            if let [(a, _), (b, path)] = pair {
                if a == b {
                    self.err(path.clone(), format!("rule id `{b}` is used twice"));
                }
            }
        }
    }
}
