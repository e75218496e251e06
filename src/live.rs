//! A validator for live forms that takes one edit at a time and answers with what changed. The
//! catalogue of jurisdictions and rules that help pages list is [`crate::catalogue`].
//!
//! The npm package's `createValidator`, `jurisdictions` and `rules` are thin wrappers over these
//! modules (`src/wasm.rs`); everything here is pure and tested natively.
//!
//! ## Cost of an edit
//! [`LiveValidator::set`] re-reads only the edited field (or the edited table), keeps the other
//! fields' parsed values and input problems, and evaluates again only the steps of the evaluation
//! (decision tables and rule mechanisms, `src/engine.rs`) that read what the edit changed, or that
//! are given an output that changed; the rest of the report is kept as it was. The [`Delta`]
//! compares only those parts, borrowing from the report and from what the edit replaced: only
//! what changed crosses to JavaScript, and nothing is copied to say what changed. What the rules
//! put in a report and does not depend on the form (citations, document names, the regulation's
//! description) is made once per profile and locale and shared, and an outcome's facts are written
//! only for the case that decides it. A field set to the value it already holds (a form sends it
//! again on change and on blur) evaluates nothing.

use std::borrow::Cow;
use std::hash::Hash;
use std::sync::Arc;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use serde_json::Value as Json;

use crate::engine::{Changed, Evaluation, Replaced};
use crate::fingerprint::{self, Fingerprint};
use crate::json_text;
use crate::model::{within, Application, Input, Reads, Value, FIELDS};
use crate::profile::{
    Acceptance, Approval, FinancialReview, Management, Merge, Panel, Supervision,
};
use crate::report::{
    Diagnostic, NearestThreshold, Notice, Outcome, RequiredDocument, WindowReport,
};
use crate::rules::budget_adjustment::AdjustmentVerdict;
use crate::rules::nearest_threshold::NearestKey;
use crate::{Options, Registry, Report, Summary};

/// A validator that holds one application and takes one edit at a time.
#[derive(Debug, Clone)]
pub struct LiveValidator {
    /// A copy of the registry it was made with, sharing that registry's profiles.
    registry: Registry,
    options: Options,
    app: Application,
    /// Problems reading the input, each at the path it was found.
    problems: Vec<Diagnostic>,
    /// A table as last given, kept only while reading it found a problem, so that when one row or
    /// cell is edited the problems of the others stay where they were. A table read without one
    /// is written again from what was read of it (`as_read`), which reads the same. Boxed: most
    /// validators hold neither.
    documents: Option<Box<Input<'static>>>,
    resources: Option<Box<Input<'static>>>,
    evaluation: Evaluation,
    /// What the last edit replaced of the report, which the delta's removals refer to; boxed, and
    /// let go of once the delta is written, so that a validator kept between edits holds none of
    /// its (mostly inline) parts.
    replaced: Option<Box<Replacement>>,
    /// The parts of the report an answer already carried that [`LiveValidator::release_answered`]
    /// let go of, each by its fingerprint.
    let_go: Option<Box<LetGo>>,
    /// Given no `asOf`, it validates as of today, read again at each edit: a form left open past
    /// midnight moves on to the next day's windows and deadlines, as a back office checking it
    /// then would.
    follows_today: bool,
}

/// What an edit replaced of the report, and the fingerprints of those replaced parts that had
/// been let go of: the delta compares with these.
#[derive(Debug, Clone)]
struct Replacement {
    replaced: Replaced,
    let_go: LetGo,
    /// The keys of the nearest thresholds let go of that the report no longer has, for the delta.
    nearest_removed: Vec<NearestKey>,
}

/// What of its report a validator kept between edits lets go of once an answer has carried it,
/// and what it keeps instead: a fingerprint of each required document and each window, by its
/// rule, and of each nearest threshold, by its key. These are names, texts, dates and amounts a
/// report shows and that no later step reads (the nearest thresholds' walk keeps where each lies,
/// from which an edit that moves the amount between the same thresholds writes them again); the
/// next edit that evaluates them again tells from the fingerprints which rows changed.
#[derive(Debug, Clone, Default)]
struct LetGo {
    required_documents: Option<Vec<(Arc<str>, Fingerprint)>>,
    windows: Option<Vec<(Arc<str>, Fingerprint)>>,
    /// Each by its key as the walk that found them knows it ([`NearestKey`], three bytes).
    nearest: Option<Vec<(NearestKey, Fingerprint)>>,
}

impl LetGo {
    /// Lets go of each part of `report` still held, keeping its fingerprints; `nearest` are the
    /// keys of its nearest thresholds.
    fn let_go_of(
        &mut self,
        report: &mut Report,
        nearest: Option<impl Iterator<Item = NearestKey>>,
    ) {
        fn prints<T: Hash>(
            rows: Vec<T>,
            rule: fn(&T) -> &Arc<str>,
        ) -> Vec<(Arc<str>, Fingerprint)> {
            rows.iter()
                .map(|row| (Arc::clone(rule(row)), fingerprint::of(row)))
                .collect()
        }
        let outcomes = &mut report.outcomes;
        if self.required_documents.is_none() {
            let rows = std::mem::take(&mut outcomes.required_documents);
            self.required_documents = Some(prints(rows, |d| &d.rule));
        }
        if self.windows.is_none() {
            self.windows = Some(prints(std::mem::take(&mut outcomes.windows), |w| &w.rule));
        }
        // Held, should the walk's keys not be the entries'.
        let prints = match (&self.nearest, nearest) {
            (None, Some(keys)) => nearest_prints(&report.nearest, keys),
            _ => None,
        };
        if prints.is_some() {
            report.nearest = Vec::new();
            self.nearest = prints;
        }
    }

    /// Takes out the fingerprints of the parts an evaluation evaluated again, which the report
    /// now holds whole.
    fn take_evaluated(&mut self, replaced: &Replaced) -> LetGo {
        let o = &replaced.outcomes;
        LetGo {
            required_documents: o
                .required_documents
                .as_ref()
                .and_then(|_| self.required_documents.take()),
            windows: o.windows.as_ref().and_then(|_| self.windows.take()),
            nearest: replaced.nearest.as_ref().and_then(|_| self.nearest.take()),
        }
    }
}

impl LiveValidator {
    /// A validator holding an empty application; give it one with [`LiveValidator::replace`].
    /// It keeps the registry's profiles as they are now, whatever is loaded into it later.
    pub fn new(registry: &Registry, mut options: Options) -> LiveValidator {
        let follows_today = options.as_of.is_none();
        if follows_today {
            options.as_of = crate::calendar::today_in_china();
        }
        let app = Application::read(&Input::Object(Vec::new()), &mut Vec::new());
        let evaluation = Evaluation::new(registry, &app, Vec::new(), &options);
        LiveValidator {
            registry: registry.clone(),
            options,
            app,
            problems: Vec::new(),
            documents: None,
            resources: None,
            evaluation,
            replaced: None,
            let_go: None,
            follows_today,
        }
    }

    /// Validates again as of today where the day has changed since the last evaluation and no
    /// `asOf` was given, for a caller that shows the whole report again rather than a delta (the
    /// form component); whether it did.
    pub fn follow_today(&mut self) -> bool {
        if self.new_day().is_none() {
            return false;
        }
        self.revalidate(None);
        self.replaced = None;
        true
    }

    /// Today, where it follows today and today is another day than the one it validated as of.
    fn new_day(&self) -> Option<chrono::NaiveDate> {
        if !self.follows_today {
            return None;
        }
        crate::calendar::today_in_china().filter(|t| self.options.as_of != Some(*t))
    }

    /// The report on the application as it stands; after [`LiveValidator::release_answered`],
    /// without what that let go of until [`LiveValidator::restore_answered`].
    pub fn report(&self) -> &Report {
        &self.evaluation.report
    }

    /// Replaces the whole application.
    pub fn replace(&mut self, application: &Json) -> Delta<'_> {
        self.replace_input(&Input::from_json(application))
    }

    /// [`LiveValidator::replace`] with the application as read from JSON text or from a form.
    pub fn replace_input(&mut self, application: &Input) -> Delta<'_> {
        self.read(application);
        self.revalidate(None)
    }

    fn read(&mut self, application: &Input) {
        let mut problems = Vec::new();
        self.app = Application::read(application, &mut problems);
        self.problems = problems;
        let given = |name| {
            let troubled = has_problem(&self.problems, name);
            application
                .get(name)
                .filter(|_| troubled)
                .map(|table| Box::new(table.clone().into_owned()))
        };
        self.documents = given("documents");
        self.resources = given("resources");
    }

    /// Replaces the whole application with JSON text. A syntax error is reported as a diagnostic
    /// at the root with its line and column, as [`Registry::validate_str`] does, and text over a
    /// limit of [`crate::limits`] is refused the same way, before it is parsed.
    pub fn replace_text(&mut self, text: &str) -> Delta<'_> {
        self.replace_read(crate::model::json_from_text(text))
    }

    /// Replaces the whole application as read from its text: the value, or the one problem that
    /// kept it from being read, with an empty application.
    pub(crate) fn replace_read(&mut self, read: Result<Input, Diagnostic>) -> Delta<'_> {
        match read {
            Ok(input) => self.read(&input),
            Err(problem) => {
                self.read(&Input::Object(Vec::new()));
                self.problems = vec![problem];
            }
        }
        self.revalidate(None)
    }

    /// Sets one value, as a form does on each edit, and returns what changed. `path` is a field
    /// (`funding.thisYear.total`), a group of fields (`funding.thisYear`, set from an object), a
    /// table (`documents`, `resources`), a row (`resources[2]`; `null` removes it, the index one
    /// past the end appends) or a cell (`resources[2].sharing`; `null` clears it). `null` clears
    /// a field. A bad value is not an error here: it becomes a diagnostic in the delta.
    ///
    /// Errs only on a row index more than one past the end of its table.
    pub fn set(&mut self, path: &str, value: &Json) -> Result<Delta<'_>, String> {
        self.set_input(path, &Input::from_json(value))
    }

    /// [`LiveValidator::set`] with the value as read from JSON text or from JavaScript.
    pub fn set_input(&mut self, path: &str, input: &Input) -> Result<Delta<'_>, String> {
        let mut changed = Reads::default();
        let (scope, fresh) = if let Some(field) = crate::model::Field::by_path(path) {
            changed.fields.insert(field);
            let before = self.app.get(field).cloned();
            let fresh = self.app.set_field(field, input);
            let same_problems = self
                .problems
                .iter()
                .filter(|d| related(&d.path, path))
                .eq(fresh.iter());
            if same_problems
                && identical(before.as_ref(), self.app.get(field))
                && self.new_day().is_none()
            {
                // The value the field holds, again: a form sends it on input and once more on
                // change and on blur. Nothing the report depends on has changed.
                return Ok(Delta::unchanged(self.report()));
            }
            (path, fresh)
        } else if let Some((table, row, cell)) = table_path(path)? {
            let before = self.table_before(table);
            self.edit_table(table, row, cell, input)?;
            let rows = self.table(table).clone();
            let fresh = self.app.set_path(table, &rows);
            self.within_limits(path, table, before)?;
            changed = table_read(table);
            (table, fresh)
        } else if path == "documents" || path == "resources" {
            let before = self.table_before(path);
            *self.given(path) = Some(Box::new(input.clone().into_owned()));
            let fresh = self.app.set_path(path, input);
            self.within_limits(path, path, before)?;
            changed = table_read(path);
            (path, fresh)
        } else if crate::model::fields::is_group("", path) {
            for spec in FIELDS.iter().filter(|s| within(s.path, path)) {
                changed.fields.insert(spec.field);
            }
            (path, self.app.set_group(path, input))
        } else if input.is_null() {
            // Clearing a field the form does not have removes its warning and adds none.
            (path, Vec::new())
        } else {
            (path, self.app.set_path(path, input))
        };
        // Problems of the whole input (a syntax error, a limit crossed) go with any edit; the
        // count of unknown fields not listed is of all of them, and stays.
        self.problems.retain(|d| {
            (!related(&d.path, scope) && !crate::model::refuses_whole(d))
                || d.code == crate::codes::Code::UnknownFieldsOmitted
        });
        self.problems.extend(fresh);
        crate::model::settle_problems(&mut self.problems);
        self.forget_tables_read_whole();
        Ok(self.revalidate(Some(changed)))
    }

    /// Lets go of what the last edit replaced, which only that edit's [`Delta`] refers to: a
    /// validator kept between edits then holds its report and not the one before it too.
    pub fn release(&mut self) {
        self.replaced = None;
    }

    /// Lets go of all an answer already written holds, as the wasm validator does after each
    /// answer: what the last edit replaced ([`LiveValidator::release`]), the report's rendered
    /// messages ([`LiveValidator::release_messages`]), and its required documents, windows and
    /// nearest thresholds, keeping a fingerprint of each row. Deltas are the same as a
    /// validator's that keeps them; [`LiveValidator::restore_answered`] writes the report whole
    /// again.
    pub fn release_answered(&mut self) {
        self.release();
        self.release_messages();
        let (report, nearest) = self.evaluation.report_and_nearest_keys();
        self.let_go
            .get_or_insert_with(Box::default)
            .let_go_of(report, nearest);
    }

    /// Lets go of the report's rendered messages (its diagnostics', notices' and nearest
    /// thresholds'), which an answer already written holds. Each is a function of the rest of its
    /// row and the validator's locale and message overrides: the next edit renders again the
    /// diagnostics its delta removes (a removed threshold goes by its key), and
    /// [`LiveValidator::restore_answered`] the whole report. The wasm validator does this after
    /// each answer; [`LiveValidator::report`] then holds blank messages until
    /// [`LiveValidator::restore_answered`].
    pub fn release_messages(&mut self) {
        let report = &mut self.evaluation.report;
        for d in report.diagnostics.iter_mut().chain(&mut report.notices) {
            d.message = Box::default();
        }
        for threshold in &mut report.nearest {
            threshold.message = String::new();
        }
    }

    /// Writes again what [`LiveValidator::release_answered`] or
    /// [`LiveValidator::release_messages`] let go of, by evaluating the application whole again
    /// (a nearest threshold's message needs the profile's texts): the same report, from the same
    /// application and reading problems.
    pub fn restore_answered(&mut self) {
        let report = &self.evaluation.report;
        let let_go = self.let_go.is_some()
            || report
                .diagnostics
                .iter()
                .chain(&report.notices)
                .any(|d| d.message.is_empty())
            || report.nearest.iter().any(|t| t.message.is_empty());
        if let_go {
            self.evaluation = Evaluation::new(
                &self.registry,
                &self.app,
                self.problems.clone(),
                &self.options,
            );
            self.replaced = None;
            self.let_go = None;
        }
    }

    /// The options it validates with.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The table `name` (`documents` or `resources`) as given, if it is kept.
    fn held(&self, name: &str) -> &Option<Box<Input<'static>>> {
        if name == "documents" {
            &self.documents
        } else {
            &self.resources
        }
    }

    /// Where the table `name` (`documents` or `resources`) is kept as given.
    fn given(&mut self, name: &str) -> &mut Option<Box<Input<'static>>> {
        if name == "documents" {
            &mut self.documents
        } else {
            &mut self.resources
        }
    }

    /// A table as given, or as read when it was read without a problem.
    fn table(&mut self, name: &str) -> &mut Input<'static> {
        // Read first: the slot borrows the whole validator, the application with it.
        let read = self.given(name).is_none().then(|| as_read(&self.app, name));
        self.given(name)
            .get_or_insert_with(|| Box::new(read.unwrap_or(Input::Null)))
    }

    /// Lets go of each table as given that reading found no problem in.
    fn forget_tables_read_whole(&mut self) {
        if !has_problem(&self.problems, "documents") {
            self.documents = None;
        }
        if !has_problem(&self.problems, "resources") {
            self.resources = None;
        }
    }

    /// A table as it stands before an edit, and whether it was kept as given, for
    /// [`LiveValidator::within_limits`] to put back.
    fn table_before(&self, table: &str) -> (Input<'static>, bool) {
        match self.held(table) {
            Some(held) => ((**held).clone(), true),
            None => (as_read(&self.app, table), false),
        }
    }

    /// Puts `table` back as it was `before` when the edit of `path` has taken the application
    /// over a limit of [`crate::limits`], which a validation's text is held to: the validator then
    /// holds no more than a validation would read, and the edit is refused as one value over a
    /// limit is. Tables are what an edit can make grow (rows, and cells no field reads); the
    /// fields' texts are bounded each.
    fn within_limits(
        &mut self,
        path: &str,
        table: &str,
        before: (Input<'static>, bool),
    ) -> Result<(), String> {
        let mut size = self.app.fields_size();
        for name in ["documents", "resources"] {
            size = size.plus(match self.held(name) {
                Some(held) => crate::limits::Size::of(held),
                None => crate::limits::Size::of(&as_read(&self.app, name)),
            });
        }
        let Some(limit) = size.over() else {
            return Ok(());
        };
        let (rows, given) = before;
        self.app.set_path(table, &rows);
        *self.given(table) = given.then(|| Box::new(rows));
        Err(format!(
            "{}: with this value the application would be over its limit of {} {}; it was not set",
            crate::limits::clip_path(path),
            limit.max(),
            limit.label(crate::messages::Locale::En)
        ))
    }

    fn edit_table(
        &mut self,
        table: &str,
        row: usize,
        cell: Option<&str>,
        value: &Input,
    ) -> Result<(), String> {
        let owned = || value.clone().into_owned();
        let rows = self.table(table);
        if !matches!(rows, Input::Array(_)) {
            *rows = Input::Array(Vec::new());
        }
        let Input::Array(rows) = rows else {
            return Ok(());
        };
        let len = rows.len();
        if row > len {
            let has = crate::messages::counted(len as u64, "row");
            return Err(format!(
                "{table}[{row}]: the table has {has}; set {table}[{len}] to add a row, or set \
                 {table} to the whole array"
            ));
        }
        let Some(key) = cell else {
            match (row < len, value.is_null()) {
                (true, true) => {
                    rows.remove(row);
                }
                (true, false) => {
                    if let Some(slot) = rows.get_mut(row) {
                        *slot = owned();
                    }
                }
                (false, false) => rows.push(owned()),
                (false, true) => {}
            }
            return Ok(());
        };
        if row == len {
            if value.is_null() {
                return Ok(());
            }
            rows.push(Input::Object(Vec::new()));
        }
        let Some(slot) = rows.get_mut(row) else {
            return Ok(());
        };
        if !matches!(slot, Input::Object(_)) {
            // A document given by its kind alone becomes an object with that kind.
            let kind = match slot {
                Input::String(kind) => vec![(Cow::Borrowed("kind"), Input::String(kind.clone()))],
                _ => Vec::new(),
            };
            *slot = Input::Object(kind);
        }
        if let Input::Object(cells) = slot {
            match (
                crate::model::input::find_member(cells, key),
                value.is_null(),
            ) {
                (Ok(at), true) => {
                    cells.remove(at);
                }
                (Ok(at), false) => {
                    if let Some((_, cell)) = cells.get_mut(at) {
                        *cell = owned();
                    }
                }
                (Err(at), false) => cells.insert(at, (Cow::Owned(key.to_string()), owned())),
                (Err(_), true) => {}
            }
        }
        Ok(())
    }

    /// Evaluates again what an edit that changed `changed` may have changed (everything, for
    /// `None`), and says what changed.
    fn revalidate(&mut self, changed: Option<Reads>) -> Delta<'_> {
        // A new day moves every window and deadline: everything is evaluated again.
        let new_day = self.new_day();
        let changed = match new_day {
            Some(today) => {
                self.options.as_of = Some(today);
                None
            }
            None => changed,
        };
        let replaced = self.evaluation.update(
            &self.registry,
            &self.app,
            self.problems.clone(),
            &self.options,
            changed,
        );
        let let_go = self
            .let_go
            .as_mut()
            .map(|held| held.take_evaluated(&replaced))
            .unwrap_or_default();
        let now = &self.evaluation.report.nearest;
        let gone = |(key, _): &&(NearestKey, _)| !now.iter().any(|row| key.is_of(row));
        let nearest_removed = (let_go.nearest.iter().flatten().filter(gone))
            .map(|&(key, _)| key)
            .collect();
        let last = self.replaced.insert(Box::new(Replacement {
            replaced,
            let_go,
            nearest_removed,
        }));
        let mut delta = Delta::from_replaced(&self.evaluation.report, last);
        if new_day.is_some() {
            delta.as_of = Some(self.evaluation.report.as_of);
        }
        delta
    }
}

/// Whether a problem lies at `path` or under it.
fn has_problem(problems: &[Diagnostic], path: &str) -> bool {
    problems.iter().any(|d| within(&d.path, path))
}

/// A table written from what was read of it: reading it again gives the same rows, and no
/// problem, as reading it as given did (the cells trimmed and clipped as read, a document's kind
/// given by itself as an object with that kind, cells a row does not read left out).
fn as_read(app: &Application, table: &str) -> Input<'static> {
    let row = |cells: Vec<(&'static str, Option<Input<'static>>)>| {
        crate::model::input::object(
            cells
                .into_iter()
                .filter_map(|(key, value)| Some((Cow::Borrowed(key), value?)))
                .collect(),
        )
    };
    let text = |text: &str| Input::String(Cow::Owned(text.to_string()));
    let rows = if table == "documents" {
        app.documents()
            .iter()
            .map(|d| {
                let chapters = d.chapters.iter().map(|c| text(c)).collect();
                row(vec![
                    ("kind", Some(text(&d.kind))),
                    ("title", d.title.as_deref().map(text)),
                    ("chapters", Some(Input::Array(chapters))),
                ])
            })
            .collect()
    } else {
        app.resources()
            .iter()
            .map(|r| row(r.cells().map(|(key, t)| (key, t.map(text))).collect()))
            .collect()
    };
    Input::Array(rows)
}

/// What an edit of a table changes.
fn table_read(table: &str) -> Reads {
    Reads {
        documents: table == "documents",
        resources: table == "resources",
        ..Reads::default()
    }
}

/// Equal and shown alike: 300 and 300.0 are the same amount, but a report shows each as typed.
fn identical(a: Option<&Value>, b: Option<&Value>) -> bool {
    match (a, b) {
        (Some(Value::Money(x)), Some(Value::Money(y))) => x == y && x.scale() == y.scale(),
        _ => a == b,
    }
}

/// `resources[2]` → (`resources`, 2, None); `resources[2].sharing` → (…, Some(`sharing`)).
type TablePath<'p> = (&'static str, usize, Option<&'p str>);

fn table_path(path: &str) -> Result<Option<TablePath<'_>>, String> {
    for table in ["documents", "resources"] {
        let Some(rest) = path.strip_prefix(table).and_then(|r| r.strip_prefix('[')) else {
            continue;
        };
        let bad = || {
            format!(
                "`{path}` is not a path of the {table} table; use {table}[i], {table}[i].column or \
                 {table}"
            )
        };
        let (index, tail) = rest.split_once(']').ok_or_else(bad)?;
        let row: usize = index.parse().map_err(|_| bad())?;
        let cell = match tail.strip_prefix('.') {
            None if tail.is_empty() => None,
            Some(key) if !key.is_empty() && !key.contains(['.', '[', ']']) => Some(key),
            _ => return Err(bad()),
        };
        return Ok(Some((table, row, cell)));
    }
    Ok(None)
}

/// Whether an input problem at `problem` is superseded by an edit at `edited`: it lies under the
/// edit, or the edit lies under it (a group that was not an object is one now), or it is about the
/// whole input.
fn related(problem: &str, edited: &str) -> bool {
    problem.is_empty() || within(problem, edited) || within(edited, problem)
}

/// What one edit changed, borrowed from the validator's reports before and after it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase", remote = "Self")]
pub struct Delta<'r> {
    /// Diagnostics that appeared and that went away. Two diagnostics are the same when their
    /// code, path, rule and params are.
    pub diagnostics: Changes<&'r Diagnostic>,
    pub notices: Changes<&'r Notice>,
    /// The outcomes that changed in any way (verdict, status, reasons or what is missing), with
    /// their new value; `null` where the outcome no longer applies. Unchanged ones are absent.
    pub outcomes: OutcomeChanges<'r>,
    /// Required documents whose entry changed or appeared, and the rules of those that went away.
    pub required_documents: RowChanges<'r, RequiredDocument>,
    pub windows: RowChanges<'r, WindowReport>,
    /// Nearest thresholds that changed (moved, or the amount's distance to them did) or appeared,
    /// and the keys of those that went away.
    pub nearest: RowChanges<'r, NearestThreshold, NearestKey>,
    /// The stage now applied (the application's `stage` field may have been edited).
    pub stage: &'static str,
    pub summary: Summary,
    /// The day the report is now of, where it moved with this edit: a validator given no `asOf`
    /// follows today, and the first edit after midnight evaluates everything as of the new day.
    /// Where a new version of the regulation came into force that day, its citations and names
    /// are in `report()`, not repeated here.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::json_text::some_date"
    )]
    pub as_of: Option<chrono::NaiveDate>,
}

/// In a compact answer ([`json_text::to_vec_citing`]), the lists with nothing in them are left
/// out; the reader puts them back empty. Otherwise as derived (the derived writer, named
/// `Delta::serialize` by `remote = "Self"`, is what the type generator reads, and goes unused).
impl Serialize for Delta<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let all = !json_text::writing_compact();
        let mut delta = serializer.serialize_struct("Delta", 9)?;
        if all || !self.diagnostics.is_empty() {
            delta.serialize_field("diagnostics", &self.diagnostics)?;
        }
        if all || !self.notices.is_empty() {
            delta.serialize_field("notices", &self.notices)?;
        }
        delta.serialize_field("outcomes", &self.outcomes)?;
        if all || !self.required_documents.is_empty() {
            delta.serialize_field("requiredDocuments", &self.required_documents)?;
        }
        if all || !self.windows.is_empty() {
            delta.serialize_field("windows", &self.windows)?;
        }
        if all || !self.nearest.is_empty() {
            delta.serialize_field("nearest", &self.nearest)?;
        }
        delta.serialize_field("stage", self.stage)?;
        delta.serialize_field("summary", &self.summary)?;
        if let Some(day) = self.as_of {
            delta.serialize_field("asOf", &crate::calendar::iso(day))?;
        }
        delta.end()
    }
}

/// What appeared and what went away.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Changes<T> {
    pub added: Vec<T>,
    pub removed: Vec<T>,
}

impl<T> Changes<T> {
    fn none() -> Self {
        Changes {
            added: Vec::new(),
            removed: Vec::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
    }
}

/// The entries of a list that changed or appeared, and those that went away.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowChanges<'r, T, K = &'r str> {
    /// Entries that changed or appeared, as they are now.
    pub changed: Vec<&'r T>,
    /// The entries that went away: their `rule` (documents, windows) or `key` (nearest thresholds).
    pub removed: Vec<K>,
}

impl<T, K> RowChanges<'_, T, K> {
    fn none() -> Self {
        RowChanges {
            changed: Vec::new(),
            removed: Vec::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.removed.is_empty()
    }
}

/// `Some(new)` for each outcome that changed; `Some(None)` when it no longer applies.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
#[allow(clippy::option_option)]
pub struct OutcomeChanges<'r> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approval: Option<Option<&'r Outcome<Approval>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merge: Option<Option<&'r Outcome<Merge>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supervision: Option<Option<&'r Outcome<Supervision>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub management: Option<Option<&'r Outcome<Management>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expert_panel: Option<Option<&'r Outcome<Panel>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub financial_review: Option<Option<&'r Outcome<FinancialReview>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acceptance: Option<Option<&'r Outcome<Acceptance>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adjustment: Option<Option<&'r Outcome<AdjustmentVerdict>>>,
}

/// What a delta compares of a report before an edit with the report after it: the diagnostics and
/// notices the edit added and removed, and each outcome or list where it may have changed, with
/// what a validator let go of it ([`LetGo`]).
struct Before<'r> {
    diagnostics: Changes<&'r Diagnostic>,
    notices: Changes<&'r Notice>,
    approval: Option<&'r Option<Outcome<Approval>>>,
    merge: Option<&'r Option<Outcome<Merge>>>,
    supervision: Option<&'r Option<Outcome<Supervision>>>,
    management: Option<&'r Option<Outcome<Management>>>,
    expert_panel: Option<&'r Option<Outcome<Panel>>>,
    financial_review: Option<&'r Option<Outcome<FinancialReview>>>,
    acceptance: Option<&'r Option<Outcome<Acceptance>>>,
    adjustment: Option<&'r Option<Outcome<AdjustmentVerdict>>>,
    required_documents: Option<Rows<'r, RequiredDocument>>,
    windows: Option<Rows<'r, WindowReport>>,
    nearest: Option<NearestBefore<'r>>,
}

/// The rows of a list before an edit: held, with what makes two the same; or let go of, each by
/// its key and fingerprint, with what gives a row's.
enum Rows<'r, T> {
    Held(&'r [T], fn(&T, &T) -> bool),
    LetGo(&'r [(Arc<str>, Fingerprint)], fn(&T) -> Fingerprint),
}

impl<'r, T: PartialEq + Hash> Rows<'r, T> {
    /// Held, or let go of where `let_go` has them; the same when equal.
    fn of(held: &'r [T], let_go: Option<&'r [(Arc<str>, Fingerprint)]>) -> Rows<'r, T> {
        match let_go {
            Some(prints) => Rows::LetGo(prints, fingerprint::of),
            None => Rows::Held(held, T::eq),
        }
    }
}

/// The nearest thresholds before an edit: held, or let go of, each by its key and fingerprint,
/// with the keys of those the report no longer has.
enum NearestBefore<'r> {
    Held(&'r [NearestThreshold]),
    LetGo(&'r [(NearestKey, Fingerprint)], &'r [NearestKey]),
}

impl<'r> Delta<'r> {
    /// What differs from `old` to `new`.
    pub fn between(old: &'r Report, new: &'r Report) -> Delta<'r> {
        let o = &old.outcomes;
        Delta::from_before(
            new,
            Before {
                diagnostics: changes(&old.diagnostics, &new.diagnostics),
                notices: changes(&old.notices, &new.notices),
                approval: Some(&o.approval),
                merge: Some(&o.merge),
                supervision: Some(&o.supervision),
                management: Some(&o.management),
                expert_panel: Some(&o.expert_panel),
                financial_review: Some(&o.financial_review),
                acceptance: Some(&o.acceptance),
                adjustment: Some(&o.adjustment),
                required_documents: Some(Rows::of(&o.required_documents, None)),
                windows: Some(Rows::of(&o.windows, None)),
                nearest: Some(NearestBefore::Held(&old.nearest)),
            },
        )
    }

    /// What an evaluation that replaced `replaced` of the report before changed, now that the
    /// report is `new`: the diagnostics and notices the evaluation found added and removed, and
    /// the outcomes and lists it evaluated again, those let go of by their fingerprints in
    /// `let_go`.
    fn from_replaced(new: &'r Report, replacement: &'r Replacement) -> Delta<'r> {
        fn found<'r>(
            old: &'r [Diagnostic],
            new: &'r [Diagnostic],
            changed: &Changed,
        ) -> Changes<&'r Diagnostic> {
            let at = |list: &'r [Diagnostic], positions: &[usize]| {
                positions.iter().filter_map(|&at| list.get(at)).collect()
            };
            Changes {
                added: at(new, &changed.added),
                removed: at(old, &changed.removed),
            }
        }
        let Replacement {
            replaced,
            let_go,
            nearest_removed,
        } = replacement;
        let o = &replaced.outcomes;
        Delta::from_before(
            new,
            Before {
                diagnostics: found(
                    &replaced.diagnostics,
                    &new.diagnostics,
                    &replaced.diagnostic_changes,
                ),
                notices: found(&replaced.notices, &new.notices, &replaced.notice_changes),
                approval: o.approval.as_ref(),
                merge: o.merge.as_ref(),
                supervision: o.supervision.as_ref(),
                management: o.management.as_ref(),
                expert_panel: o.expert_panel.as_ref(),
                financial_review: o.financial_review.as_ref(),
                acceptance: o.acceptance.as_ref(),
                adjustment: o.adjustment.as_ref(),
                required_documents: o
                    .required_documents
                    .as_deref()
                    .map(|held| Rows::of(held, let_go.required_documents.as_deref())),
                windows: o
                    .windows
                    .as_deref()
                    .map(|held| Rows::of(held, let_go.windows.as_deref())),
                nearest: replaced
                    .nearest
                    .as_deref()
                    .map(|held| match let_go.nearest.as_deref() {
                        Some(prints) => NearestBefore::LetGo(prints, nearest_removed),
                        None => NearestBefore::Held(held),
                    }),
            },
        )
    }

    fn from_before(new: &'r Report, before: Before<'r>) -> Delta<'r> {
        let n = &new.outcomes;
        Delta {
            diagnostics: before.diagnostics,
            notices: before.notices,
            outcomes: OutcomeChanges {
                approval: changed(before.approval, &n.approval),
                merge: changed(before.merge, &n.merge),
                supervision: changed(before.supervision, &n.supervision),
                management: changed(before.management, &n.management),
                expert_panel: changed(before.expert_panel, &n.expert_panel),
                financial_review: changed(before.financial_review, &n.financial_review),
                acceptance: changed(before.acceptance, &n.acceptance),
                adjustment: changed(before.adjustment, &n.adjustment),
            },
            required_documents: rows(before.required_documents, &n.required_documents, |d| {
                &d.rule
            }),
            windows: rows(before.windows, &n.windows, |w| &w.rule),
            nearest: nearest_rows(before.nearest, &new.nearest),
            stage: new.stage,
            summary: new.summary.clone(),
            as_of: None,
        }
    }

    /// No change to `report`: only its stage and summary, which a delta always gives.
    pub fn unchanged(report: &'r Report) -> Delta<'r> {
        Delta {
            diagnostics: Changes::none(),
            notices: Changes::none(),
            outcomes: OutcomeChanges::default(),
            required_documents: RowChanges::none(),
            windows: RowChanges::none(),
            nearest: RowChanges::none(),
            stage: report.stage,
            summary: report.summary.clone(),
            as_of: None,
        }
    }

    /// The outcomes that changed, by the names reports give them (`merge`, `expertPanel` …).
    pub fn changed_outcomes(&self) -> Vec<&'static str> {
        crate::outcomes::KEYS
            .into_iter()
            .zip(self.outcomes.changed())
            .filter_map(|(name, changed)| changed.then_some(name))
            .collect()
    }

    /// Nothing but the summary and stage, which are always given.
    pub fn is_empty(&self) -> bool {
        self.diagnostics.is_empty()
            && self.notices.is_empty()
            && self.outcomes == OutcomeChanges::default()
            && self.required_documents.is_empty()
            && self.windows.is_empty()
            && self.nearest.is_empty()
    }
}

/// The new value of an outcome that may have changed (`old` given) and did.
fn changed<'r, T: PartialEq>(old: Option<&Option<T>>, new: &'r Option<T>) -> Option<Option<&'r T>> {
    old.filter(|old| *old != new).map(|_| new.as_ref())
}

/// A multiset difference: a diagnostic reported twice and now once is one removal.
fn changes<'r>(old: &'r [Diagnostic], new: &'r [Diagnostic]) -> Changes<&'r Diagnostic> {
    let minus = |a: &'r [Diagnostic], b| -> Vec<&'r Diagnostic> {
        unmatched(a, b)
            .into_iter()
            .filter_map(|at| a.get(at))
            .collect()
    };
    Changes {
        added: minus(new, old),
        removed: minus(old, new),
    }
}

/// The positions of `a`'s diagnostics that `b` does not hold as many times, in order.
fn unmatched(a: &[Diagnostic], b: &[Diagnostic]) -> Vec<usize> {
    let mut unmatched = Vec::new();
    crate::report::pair_diagnostics(a, b, &mut |at, pair| {
        if pair.is_none() {
            unmatched.push(at);
        }
    });
    unmatched
}

/// The rows of a list that may have changed (`old` given) that did, and those that went.
fn rows<'r, T>(old: Option<Rows<'r, T>>, new: &'r [T], key: fn(&T) -> &str) -> RowChanges<'r, T> {
    let Some(old) = old else {
        return RowChanges::none();
    };
    let keys: Vec<&str> = match &old {
        Rows::Held(rows, _) => rows.iter().map(key).collect(),
        Rows::LetGo(prints, _) => prints.iter().map(|(rule, _)| &**rule).collect(),
    };
    let after = sorted_positions(new.iter().map(key).collect());
    let removed = keys
        .iter()
        .copied()
        .filter(|k| last_position(&after, k).is_none())
        .collect();
    let before = sorted_positions(keys);
    let same = |at: usize, row: &T| match &old {
        Rows::Held(rows, same) => rows.get(at).is_some_and(|o| same(o, row)),
        Rows::LetGo(prints, print) => prints.get(at).is_some_and(|(_, p)| *p == print(row)),
    };
    RowChanges {
        changed: new
            .iter()
            .filter(|r| !last_position(&before, key(r)).is_some_and(|at| same(at, r)))
            .collect(),
        removed,
    }
}

/// The nearest thresholds that changed or appeared, and those that went away.
fn nearest_rows<'r>(
    old: Option<NearestBefore<'r>>,
    new: &'r [NearestThreshold],
) -> RowChanges<'r, NearestThreshold, NearestKey> {
    // A report has a few entries, each key once (at most one per table, money field and
    // direction): found by looking along them.
    match old {
        None => RowChanges::none(),
        Some(NearestBefore::Held(old)) => RowChanges {
            changed: new
                .iter()
                .filter(|row| !old.iter().any(|o| same_but_message(o, row)))
                .collect(),
            removed: (old.iter().map(|o| o.key))
                .filter(|key| !new.iter().any(|row| key.is_of(row)))
                .collect(),
        },
        Some(NearestBefore::LetGo(prints, removed)) => {
            let same = |row: &NearestThreshold| {
                let before = prints.iter().find(|(key, _)| key.is_of(row));
                before.is_some_and(|(_, print)| *print == nearest_print(row))
            };
            RowChanges {
                changed: new.iter().filter(|row| !same(row)).collect(),
                removed: removed.to_vec(),
            }
        }
    }
}

/// Equal but for the message, which is a function of the rest and the validator's locale, and
/// which a validator may have let go of ([`LiveValidator::release_messages`]).
fn same_but_message(a: &NearestThreshold, b: &NearestThreshold) -> bool {
    let NearestThreshold {
        key,
        outcome,
        field,
        direction,
        amount,
        threshold,
        parameter,
        inclusive,
        distance,
        becomes,
        depends_on,
        rule,
        citations,
        message: _,
    } = a;
    (key, outcome, field, direction, amount, threshold, parameter)
        == (
            &b.key,
            &b.outcome,
            &b.field,
            &b.direction,
            &b.amount,
            &b.threshold,
            &b.parameter,
        )
        && (inclusive, distance, becomes, depends_on, rule, citations)
            == (
                &b.inclusive,
                &b.distance,
                &b.becomes,
                &b.depends_on,
                &b.rule,
                &b.citations,
            )
}

/// A nearest threshold's fingerprint, of what [`same_but_message`] compares but for the key, by
/// which rows are paired before their fingerprints are, and what follows from the rest within one
/// validator (one profile, its parameters, one locale): the threshold, from the parameter; the
/// distance, from the amount and the threshold; the verdict's label and the citations, from the
/// rule that gives the verdict, or from the parameter where none does yet. Hashing the citations'
/// texts at every keystroke took four times as long.
fn nearest_print(n: &NearestThreshold) -> Fingerprint {
    let verdict = n.becomes.as_ref().map(|b| &b.value);
    fingerprint::of(&(
        (&n.amount, &n.parameter, n.inclusive),
        (verdict, &n.depends_on, &n.rule),
    ))
}

/// Each nearest threshold's key and fingerprint, the keys in the order of the entries; `None`
/// where they are not the entries'.
fn nearest_prints(
    rows: &[NearestThreshold],
    mut keys: impl Iterator<Item = NearestKey>,
) -> Option<Vec<(NearestKey, Fingerprint)>> {
    let mut prints = Vec::with_capacity(rows.len());
    for row in rows {
        let key = keys.next().filter(|key| key.is_of(row))?;
        prints.push((key, nearest_print(row)));
    }
    keys.next().is_none().then_some(prints)
}

/// Each key with its position, sorted, for [`last_position`]. Not a map: this one instance serves
/// every kind of row, where a map would be built again for each.
fn sorted_positions(keys: Vec<&str>) -> Vec<(&str, usize)> {
    let mut sorted: Vec<(&str, usize)> =
        keys.into_iter().enumerate().map(|(i, k)| (k, i)).collect();
    crate::sorted::sort(&mut sorted);
    sorted
}

/// Where the last row with `key` is, as a map built from the rows in order would have it.
fn last_position(sorted: &[(&str, usize)], key: &str) -> Option<usize> {
    let end = sorted.partition_point(|(k, _)| *k <= key);
    let (found, at) = sorted.get(..end)?.last()?;
    (*found == key).then_some(*at)
}
