//! One validation: the profile's version in force, the decision tables, then every rule that may
//! turn on their verdicts, and the report.
//!
//! An evaluation is a fixed sequence of steps ([`Step`]: each decision table, then each rule
//! mechanism). Each step records what it read (the application's fields and tables, the verdicts,
//! whether a path was rejected) and what it wrote (its diagnostics and notices, its outcome, the
//! amounts it found on a threshold). After an edit, [`Evaluation::update`] runs again only the
//! steps that read something the edit changed, or that are given the output of a step whose output
//! changed; the rest of the report moves over as it was, and what was replaced is kept, so that a
//! live validator's delta compares only those parts. A full validation is the same sequence with
//! every step due, so both always agree.

use std::ops::Range;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::codes::{Code, Severity};
use crate::condition::{FieldSet, Parameters, Verdicts};
use crate::messages::{self, Locale};
use crate::model::{Application, Field, Reads};
use crate::profile::{
    Acceptance, Approval, Case, FinancialReview, Management, Merge, Panel, Profile, Stage,
    Supervision, VerdictOf, Version,
};
use crate::report::{
    Diagnostic, JurisdictionInfo, NearestThreshold, Notice, Outcome, RequiredDocument, WindowReport,
};
use crate::rules::budget_adjustment::AdjustmentVerdict;
use crate::rules::nearest_threshold::{Compared, NearestKey, Table, Walk};
use crate::rules::{self, Boundary, Ctx, Mechanism, Rejected, Sink};
use crate::sorted::SortedSet;
use crate::{calendar, Options, Outcomes, Registry, Report, Summary};

/// Validates an application already read, together with the problems found reading it, against
/// a registry's profiles.
pub(crate) fn validate(
    registry: &Registry,
    app: &Application,
    input_problems: Vec<Diagnostic>,
    options: &Options,
) -> Report {
    run(registry, app, input_problems, options, None).0.report
}

/// A step of an evaluation: a decision table, or one of the checks after them. They run in the
/// order of [`Step::index`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Decide(Table),
    Check(Check),
}

/// The steps after the decision tables, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    Adjustment,
    RequiredDocuments,
    Windows,
    RequiredFields,
    UnknownDocuments,
    FormEnumerations,
    FundingSums,
    MonthOrder,
    ResourceTable,
    PanelComposition,
    Restrictions,
    AnnualDeadline,
    AmountOnBoundary,
    NearestThresholds,
}

const TABLES: usize = Table::Acceptance as usize + 1;
const STEPS: usize = TABLES + Check::NearestThresholds as usize + 1;

impl Step {
    /// Its place in the order steps run, and in an evaluation's records.
    fn index(self) -> usize {
        match self {
            Step::Decide(table) => table as usize,
            Step::Check(check) => TABLES + check as usize,
        }
    }

    /// The decision table it decides, if it is one.
    fn table(self) -> Option<Table> {
        match self {
            Step::Decide(table) => Some(table),
            Step::Check(_) => None,
        }
    }

    /// The steps whose output this step is given as an argument, rather than reading it through
    /// the verdicts: it runs again whenever one of those outputs changed.
    fn given(self) -> Range<usize> {
        match self {
            Step::Check(Check::PanelComposition) => {
                let panel = Step::Decide(Table::ExpertPanel).index();
                panel..panel + 1
            }
            // Every amount on a threshold found before it.
            Step::Check(Check::AmountOnBoundary) => 0..self.index(),
            // The decision tables' outcomes and the fields they compared.
            Step::Check(Check::NearestThresholds) => 0..TABLES,
            _ => 0..0,
        }
    }
}

/// What one step read and wrote.
#[derive(Debug, Clone, Default, PartialEq)]
struct StepRecord {
    /// The fields it read, and whether it read each table: [`Reads`] laid out flat, so that the
    /// flags share a word with these below (28 bytes a record in wasm, rather than 36).
    fields: FieldSet,
    documents: bool,
    resources: bool,
    /// The verdicts it looked up, as a mask of [`VerdictOf::bit`]s.
    verdicts: u8,
    /// Whether it asked if a path was rejected.
    rejected: bool,
    /// How many diagnostics and notices it wrote; they sit in the report in step order. Two
    /// bytes each (a record is 24 bytes in wasm rather than 28); a step that wrote
    /// [`u16::MAX`] or more leaves the evaluation without records, so that the next is whole.
    diagnostics: u16,
    notices: u16,
    /// What only a few steps write, boxed so that the other records, and a validator that holds
    /// 21 of them, stay small. (The fields a decision compared are [`Steps::compared`], by table:
    /// seven entries rather than one in each of the 21 records.)
    rare: Option<Box<RareOutputs>>,
}

/// Outputs of a step that most steps do not write.
#[derive(Debug, Clone, Default, PartialEq)]
struct RareOutputs {
    boundaries: Vec<Boundary>,
    missing_parameters: SortedSet<(String, String, String)>,
    /// The nearest thresholds' walk, kept so that an amount that moves between the same two
    /// thresholds needs none.
    walk: Option<Walk>,
}

impl StepRecord {
    /// Whether its counts are exact ([`StepRecord::diagnostics`]).
    fn counted(&self) -> bool {
        self.diagnostics < u16::MAX && self.notices < u16::MAX
    }

    fn reads(&self) -> Reads {
        Reads {
            fields: self.fields,
            documents: self.documents,
            resources: self.resources,
        }
    }

    fn boundaries(&self) -> &[Boundary] {
        self.rare.as_ref().map_or(&[], |r| &r.boundaries)
    }

    fn missing_parameters(&self) -> impl Iterator<Item = &(String, String, String)> {
        self.rare.iter().flat_map(|r| r.missing_parameters.iter())
    }

    fn walk(&self) -> Option<&Walk> {
        self.rare.as_ref()?.walk.as_ref()
    }
}

/// An evaluation's report with what it takes to evaluate it again after an edit.
#[derive(Debug, Clone)]
pub(crate) struct Evaluation {
    pub(crate) report: Report,
    /// Absent when no version of a profile applied (an unknown jurisdiction), or a step wrote too
    /// many diagnostics for its record to count ([`StepRecord::counted`]): then the next
    /// evaluation is a whole one.
    steps: Option<Steps>,
}

#[derive(Debug, Clone)]
struct Steps {
    records: Vec<StepRecord>,
    /// The money fields each decision table compared.
    compared: Compared,
    /// The report's diagnostics begin with the problems reading the input, and its notices with
    /// the version's, then each step's in order, then one per missing portal parameter.
    input_problems: usize,
    version_notices: usize,
    verdicts: Verdicts,
    rejected: Rejected,
    stage: Stage,
}

/// What an evaluation replaced of the report before it, so that a delta compares only those
/// parts: everything, after a whole evaluation.
#[derive(Debug, Clone, Default)]
pub(crate) struct Replaced {
    /// The diagnostics replaced, and which of them and of the report's the parts evaluated again
    /// no longer hold and newly hold ([`write_messages`]).
    pub diagnostics: Vec<Diagnostic>,
    pub diagnostic_changes: Changed,
    /// As `diagnostics`, of the notices.
    pub notices: Vec<Notice>,
    pub notice_changes: Changed,
    /// For each part of the report evaluated again, where its old diagnostics are in
    /// `diagnostics` and where its new ones are in the report; compared once it is complete.
    diagnostic_parts: Vec<(Range<usize>, Range<usize>)>,
    notice_parts: Vec<(Range<usize>, Range<usize>)>,
    /// Each outcome evaluated again, with its value before.
    pub outcomes: PriorOutcomes,
    pub nearest: Option<Vec<NearestThreshold>>,
}

/// The diagnostics (or notices) an edit changed, as a multiset: where those it removed are among
/// the replaced ones, and where those it added are in the report.
#[derive(Debug, Clone, Default)]
pub(crate) struct Changed {
    pub removed: Vec<usize>,
    pub added: Vec<usize>,
}

#[derive(Debug, Clone, Default)]
#[allow(clippy::option_option)]
pub(crate) struct PriorOutcomes {
    pub approval: Option<Option<Outcome<Approval>>>,
    pub merge: Option<Option<Outcome<Merge>>>,
    pub supervision: Option<Option<Outcome<Supervision>>>,
    pub management: Option<Option<Outcome<Management>>>,
    pub expert_panel: Option<Option<Outcome<Panel>>>,
    pub financial_review: Option<Option<Outcome<FinancialReview>>>,
    pub acceptance: Option<Option<Outcome<Acceptance>>>,
    pub adjustment: Option<Option<Outcome<AdjustmentVerdict>>>,
    pub required_documents: Option<Vec<RequiredDocument>>,
    pub windows: Option<Vec<WindowReport>>,
}

impl PriorOutcomes {
    /// Whether each decision table evaluated again came to the verdict it had before (whatever
    /// its reasons, which quote the amounts).
    fn same_verdicts(&self, now: &Outcomes) -> bool {
        fn same<T: PartialEq>(
            before: &Option<Option<Outcome<T>>>,
            now: &Option<Outcome<T>>,
        ) -> bool {
            let now = now.as_ref().map(|o| &o.value);
            before
                .as_ref()
                .is_none_or(|before| before.as_ref().map(|o| &o.value) == now)
        }
        same(&self.approval, &now.approval)
            && same(&self.merge, &now.merge)
            && same(&self.supervision, &now.supervision)
            && same(&self.management, &now.management)
            && same(&self.expert_panel, &now.expert_panel)
            && same(&self.financial_review, &now.financial_review)
            && same(&self.acceptance, &now.acceptance)
    }
}

impl Evaluation {
    /// The report, with the keys of its nearest thresholds in their order as the walk that found
    /// them kept them (`None` where none is kept).
    pub(crate) fn report_and_nearest_keys(
        &mut self,
    ) -> (&mut Report, Option<impl Iterator<Item = NearestKey> + '_>) {
        let step = Step::Check(Check::NearestThresholds).index();
        let walk = (self.steps.as_ref()).and_then(|steps| steps.records.get(step)?.walk());
        (&mut self.report, walk.map(Walk::keys))
    }

    /// A whole evaluation.
    pub(crate) fn new(
        registry: &Registry,
        app: &Application,
        input_problems: Vec<Diagnostic>,
        options: &Options,
    ) -> Evaluation {
        run(registry, app, input_problems, options, None).0
    }

    /// Evaluates again after an edit that changed what `changed` names of `app` (and, with it,
    /// the problems reading the input), with the same registry and options as before, or wholly
    /// when `changed` is `None`; returns what it replaced.
    pub(crate) fn update(
        &mut self,
        registry: &Registry,
        app: &Application,
        input_problems: Vec<Diagnostic>,
        options: &Options,
        changed: Option<Reads>,
    ) -> Replaced {
        let (next, replaced) = run(
            registry,
            app,
            input_problems,
            options,
            Some((self, changed)),
        );
        *self = next;
        replaced
    }
}

/// The report before an edit, taken apart to be moved over or replaced part by part.
struct Old {
    diagnostics: std::vec::IntoIter<Diagnostic>,
    notices: std::vec::IntoIter<Notice>,
    outcomes: Outcomes,
    nearest: Vec<NearestThreshold>,
    steps: Steps,
    changed: Reads,
    /// The verdicts that differ from before, once the first four tables are decided.
    verdicts_changed: u8,
    rejected_changed: bool,
}

/// A step's typed output: where it is in the report before, and where the replaced value goes.
struct Slot<T> {
    old: fn(&mut Old) -> &mut T,
    replaced: fn(&mut Replaced) -> &mut Option<T>,
}

/// One evaluation in progress.
struct Run<'e> {
    app: &'e Application,
    old: Option<Old>,
    records: Vec<StepRecord>,
    /// The money fields each decision table compared, as its step ran or was kept.
    compared: Compared,
    /// Whether each step that ran wrote a different output than before (its outcome, the amounts
    /// it found on a threshold, the fields it compared).
    output_changed: [bool; STEPS],
    diagnostics: Vec<Diagnostic>,
    notices: Vec<Notice>,
    replaced: Replaced,
}

impl Run<'_> {
    fn due(&self, step: Step) -> bool {
        let Some(old) = &self.old else { return true };
        let Some(record) = old.steps.records.get(step.index()) else {
            return true;
        };
        record.reads().meets(old.changed)
            || record.verdicts & old.verdicts_changed != 0
            || (record.rejected && old.rejected_changed)
            || self
                .output_changed
                .get(step.given())
                .is_some_and(|given| given.contains(&true))
    }

    /// Runs `step` if it is due, else moves over what it wrote before; returns its output. Only
    /// the typed output is handled here; the rest is in functions that are not generic, so that
    /// each step adds little code.
    fn step<T: PartialEq + Default>(
        &mut self,
        ctx: &Ctx,
        step: Step,
        mechanism: &Mechanism,
        slot: Option<Slot<T>>,
        check: impl FnOnce(&Ctx, &mut Sink) -> T,
    ) -> T {
        if !self.due(step) && self.keep(step) {
            return match (slot, &mut self.old) {
                (Some(slot), Some(old)) => std::mem::take((slot.old)(old)),
                _ => T::default(),
            };
        }
        let mut output = None;
        let mut check = Some(check);
        let (sink, record) = self.execute(ctx, step, mechanism, &mut |ctx, sink| {
            if let Some(check) = check.take() {
                output = Some(check(ctx, sink));
            }
        });
        let output = output.unwrap_or_default();
        let output_differs = match (slot, &mut self.old) {
            (Some(slot), Some(old)) => {
                let previous = std::mem::take((slot.old)(old));
                let differs = previous != output;
                *(slot.replaced)(&mut self.replaced) = Some(previous);
                differs
            }
            _ => false,
        };
        self.finish(step, sink, record, output_differs);
        output
    }

    /// Moves over what `step` wrote in the evaluation before; false when there is none.
    fn keep(&mut self, step: Step) -> bool {
        debug_assert_eq!(self.records.len(), step.index(), "steps run in order");
        let Some(old) = &mut self.old else {
            return false;
        };
        let record = old
            .steps
            .records
            .get_mut(step.index())
            .map(std::mem::take)
            .unwrap_or_default();
        self.diagnostics
            .extend(old.diagnostics.by_ref().take(record.diagnostics.into()));
        self.notices
            .extend(old.notices.by_ref().take(record.notices.into()));
        if let Some(table) = step.table() {
            self.compared.set(table, old.steps.compared.get(table));
        }
        self.records.push(record);
        true
    }

    /// Runs a step's check, recording what it read; returns what it wrote, its messages not yet
    /// rendered ([`write_messages`]).
    fn execute(
        &mut self,
        ctx: &Ctx,
        step: Step,
        mechanism: &Mechanism,
        check: &mut dyn FnMut(&Ctx, &mut Sink),
    ) -> (Sink, StepRecord) {
        debug_assert_eq!(self.records.len(), step.index(), "steps run in order");
        let mut sink = Sink::default();
        self.app.take_reads();
        if let Some(verdicts) = ctx.verdicts {
            verdicts.take_consulted();
        }
        ctx.rejected.take_consulted();
        sink.run(mechanism, |sink| check(ctx, sink));
        let reads = self.app.take_reads();
        let record = StepRecord {
            fields: reads.fields,
            documents: reads.documents,
            resources: reads.resources,
            verdicts: ctx.verdicts.map_or(0, Verdicts::take_consulted),
            rejected: ctx.rejected.take_consulted(),
            diagnostics: u16::try_from(sink.diagnostics.len()).unwrap_or(u16::MAX),
            notices: u16::try_from(sink.notices.len()).unwrap_or(u16::MAX),
            rare: {
                let rare = RareOutputs {
                    boundaries: std::mem::take(&mut sink.boundaries),
                    missing_parameters: std::mem::take(&mut sink.missing_parameters),
                    walk: sink.walk.take(),
                };
                (rare != RareOutputs::default()).then(|| Box::new(rare))
            },
        };
        (sink, record)
    }

    /// Places what a step that ran wrote in the report, and what it replaced in `replaced`.
    fn finish(&mut self, step: Step, mut sink: Sink, record: StepRecord, output_differs: bool) {
        let changed = match &mut self.old {
            None => true,
            Some(old) => {
                let before = old.steps.records.get(step.index());
                let (diagnostics, notices) =
                    before.map_or((0, 0), |r| (r.diagnostics.into(), r.notices.into()));
                let compared_alike = step
                    .table()
                    .is_none_or(|table| old.steps.compared.get(table) == sink.compared);
                let wrote_alike =
                    compared_alike && before.is_some_and(|r| r.boundaries() == record.boundaries());
                let here = self.diagnostics.len();
                replace_part(
                    &mut old.diagnostics,
                    diagnostics,
                    &mut self.replaced.diagnostics,
                    &mut self.replaced.diagnostic_parts,
                    here..here + sink.diagnostics.len(),
                );
                let here = self.notices.len();
                replace_part(
                    &mut old.notices,
                    notices,
                    &mut self.replaced.notices,
                    &mut self.replaced.notice_parts,
                    here..here + sink.notices.len(),
                );
                output_differs || !wrote_alike
            }
        };
        if let Some(flag) = self.output_changed.get_mut(step.index()) {
            *flag = changed;
        }
        if let Some(table) = step.table() {
            self.compared.set(table, sink.compared);
        }
        self.diagnostics.append(&mut sink.diagnostics);
        self.notices.append(&mut sink.notices);
        self.records.push(record);
    }

    /// A decision table's outcome, noting the money fields the decision compared.
    fn decide<T: PartialEq>(
        &mut self,
        ctx: &Ctx,
        table: Table,
        cases: &[Case<T>],
        slot: Slot<Option<Outcome<T>>>,
    ) -> Option<Outcome<T>> {
        self.step(
            ctx,
            Step::Decide(table),
            &rules::decision::MECHANISM,
            Some(slot),
            |ctx, sink| {
                let decided = rules::decision::decide_traced(
                    ctx,
                    sink,
                    ctx.version.outcome_line(table),
                    cases,
                );
                sink.compared = decided.compared;
                decided.outcome
            },
        )
    }

    /// The nearest thresholds, given the decision tables' outcomes and the money fields each
    /// compared. When only amounts the walk before walked from moved, each between the same two
    /// thresholds, and the verdicts and compared fields are the same, a new walk would find what
    /// that one found: its entries are measured again from the amounts now instead.
    fn nearest(
        &mut self,
        ctx: &Ctx,
        outcomes: &Outcomes,
        compared: &Compared,
    ) -> Vec<NearestThreshold> {
        let step = Step::Check(Check::NearestThresholds);
        if self.due(step) {
            if let Some(nearest) = self.remeasure(ctx, step, outcomes, compared) {
                return nearest;
            }
        }
        self.step(
            ctx,
            step,
            &rules::nearest_threshold::MECHANISM,
            Some(Slot {
                old: |old| &mut old.nearest,
                replaced: |replaced| &mut replaced.nearest,
            }),
            |ctx, sink| {
                let (found, walk) =
                    rules::nearest_threshold::find_with_walk(ctx, outcomes, compared);
                sink.walk = Some(walk);
                found
            },
        )
    }

    /// The nearest thresholds before, measured again from the amounts now, with the step's record
    /// (what it read, the walk) moved over; `None` where the step must walk afresh.
    fn remeasure(
        &mut self,
        ctx: &Ctx,
        step: Step,
        outcomes: &Outcomes,
        compared: &Compared,
    ) -> Option<Vec<NearestThreshold>> {
        let old = self.old.as_ref()?;
        let record = old.steps.records.get(step.index())?;
        let walk = record.walk()?;
        let tables_read = Reads {
            fields: FieldSet::default(),
            ..record.reads()
        };
        // Only fields the walk read may have changed, and no verdict: the decisions' outputs
        // differ anyway, as their reasons quote the amounts.
        let unchanged = !tables_read.meets(old.changed)
            && record.verdicts & old.verdicts_changed == 0
            && !(record.rejected && old.rejected_changed)
            && self.replaced.outcomes.same_verdicts(outcomes);
        if !unchanged {
            return None;
        }
        let moved = record.fields.intersection(old.changed.fields);
        let nearest = walk.remeasure(ctx, outcomes, moved, compared)?;
        self.keep(step);
        let before = self
            .old
            .as_mut()
            .map(|old| std::mem::take(&mut old.nearest))
            .unwrap_or_default();
        if let Some(flag) = self.output_changed.get_mut(step.index()) {
            *flag = before != nearest;
        }
        self.replaced.nearest = Some(before);
        Some(nearest)
    }

    /// The money fields a decision compared.
    fn compared(&self, table: Table) -> FieldSet {
        self.compared.get(table)
    }
}

/// An evaluation, whole or (given the one before and what the edit changed) of what the edit may
/// have changed, with what it replaced of the report before.
fn run(
    registry: &Registry,
    app: &Application,
    input_problems: Vec<Diagnostic>,
    options: &Options,
    prior: Option<(&mut Evaluation, Option<Reads>)>,
) -> (Evaluation, Replaced) {
    let as_of = options.as_of.unwrap_or_else(today);
    let stage = options
        .stage
        .or_else(|| app.text(Field::Stage).and_then(Stage::from_key))
        .unwrap_or(Stage::Declaration);
    let rejected = Rejected::new(input_problems.iter().map(|d| d.path.clone()));
    // Input refused whole (over a limit, not JSON, not an object) leaves nothing read: no rule is
    // derived from the blanks that leaves, which would call a filled-in form empty.
    let unread = input_problems.iter().any(crate::model::refuses_whole);
    let found = registry
        .get(&options.jurisdiction)
        .and_then(|profile| profile.version_on(as_of).map(|v| (profile, v)));
    // The report before, taken apart; a whole evaluation replaces all of it.
    let mut whole_old: Option<Report> = None;
    let mut old = None;
    let had_prior = prior.is_some();
    if let Some((prior, changed)) = prior {
        let steps = prior.steps.take();
        let report = take_report(&mut prior.report);
        match (steps, changed) {
            // A new day (a validator left open past midnight) moves every window and deadline.
            (Some(steps), Some(changed))
                if found.is_some() && steps.stage == stage && report.as_of == as_of && !unread =>
            {
                let rejected_changed = !steps.rejected.same_paths(&rejected);
                old = Some(Old {
                    diagnostics: report.diagnostics.into_iter(),
                    notices: report.notices.into_iter(),
                    outcomes: report.outcomes,
                    nearest: report.nearest,
                    steps,
                    changed,
                    verdicts_changed: 0,
                    rejected_changed,
                });
            }
            _ => whole_old = Some(report),
        }
    }
    let mut replaced = Replaced::default();
    if old.is_some() {
        // A part for the input problems or the parameters' notices, and one for each step run.
        replaced.diagnostic_parts.reserve_exact(STEPS + 1);
        replaced.notice_parts.reserve_exact(STEPS + 1);
    }
    let mut run = Run {
        app,
        old,
        records: Vec::with_capacity(STEPS),
        compared: Compared::default(),
        output_changed: [false; STEPS],
        diagnostics: Vec::new(),
        notices: Vec::new(),
        replaced,
    };
    let mut outcomes = Outcomes::default();
    let mut nearest = Vec::new();
    let mut jurisdiction = None;
    let mut document_names = Arc::default();
    let mut steps = None;
    match found {
        None => {
            run.diagnostics = input_problems;
            let known: Vec<&str> = registry.ids().collect();
            run.diagnostics.push(
                Diagnostic::new(Code::UnknownJurisdiction, "")
                    .param("input", crate::limits::clip_path(&options.jurisdiction))
                    .param("allowed", known.join(", ")),
            );
        }
        Some((profile, version)) => {
            let params = parameters(version, options);
            let ctx = Ctx {
                profile,
                version,
                app,
                params: &params,
                stage,
                as_of,
                calendar: &options.calendar,
                locale: options.locale,
                rejected: &rejected,
                verdicts: None,
                moved: None,
            };
            // The problems reading the input, evaluated again each time.
            let mut problems = input_problems;
            cite_input_problems(&ctx, &mut problems);
            let input_problems = problems.len();
            if let Some(old) = &mut run.old {
                replace_part(
                    &mut old.diagnostics,
                    old.steps.input_problems,
                    &mut run.replaced.diagnostics,
                    &mut run.replaced.diagnostic_parts,
                    0..input_problems,
                );
            }
            run.diagnostics = problems;
            // As many as before, most likely: room for them made at once, rather than grown to.
            let before = run.old.as_ref().map_or(0, |old| old.diagnostics.len());
            run.diagnostics.reserve_exact(before);
            // The version's notices depend on the date and options alone.
            let version_notices = match &mut run.old {
                Some(old) => {
                    let mut notices = Vec::with_capacity(old.notices.len());
                    notices.extend(old.notices.by_ref().take(old.steps.version_notices));
                    notices
                }
                None => {
                    let mut notices = Vec::new();
                    version_notices(profile, version, as_of, options.locale, &mut notices);
                    notices
                }
            };
            let version_count = version_notices.len();
            run.notices = version_notices;
            let shared = &version.shared;
            jurisdiction = Some(Arc::clone(shared.info.get(options.locale, || {
                Arc::new(info(profile, version, options.locale))
            })));
            document_names = Arc::clone(shared.document_names.get(options.locale, || {
                Arc::new(version.document_names(options.locale))
            }));
            // Without steps run there are no outcomes and no records: the next evaluation of a
            // live validator is a whole one.
            if !unread {
                let (o, verdicts) = run_steps(&mut run, &ctx);
                (outcomes, nearest) = o;
                let here = run.notices.len();
                parameter_notices(&mut run, &ctx, options);
                if let Some(old) = &mut run.old {
                    // The parameters' notices are the last of the report before.
                    replace_part(
                        &mut old.notices,
                        usize::MAX,
                        &mut run.replaced.notices,
                        &mut run.replaced.notice_parts,
                        here..run.notices.len(),
                    );
                }
                let counted = run.records.iter().all(StepRecord::counted);
                steps = counted.then(|| Steps {
                    records: std::mem::take(&mut run.records),
                    compared: run.compared,
                    input_problems,
                    version_notices: version_count,
                    verdicts,
                    rejected: Rejected::default(),
                    stage,
                });
            }
        }
    }
    if let Some(steps) = &mut steps {
        steps.rejected = rejected;
    }
    // A live validator holds the report between edits: no room kept for more.
    let (mut diagnostics, mut notices, mut nearest) = (run.diagnostics, run.notices, nearest);
    diagnostics.shrink_to_fit();
    notices.shrink_to_fit();
    nearest.shrink_to_fit();
    outcomes.required_documents.shrink_to_fit();
    outcomes.windows.shrink_to_fit();
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    let summary = Summary {
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        infos: count(Severity::Info),
        complete: count(Severity::Error) == 0,
    };
    let mut report = Report {
        jurisdiction,
        as_of,
        stage: stage.key(),
        locale: options.locale,
        outcomes,
        nearest,
        diagnostics,
        notices,
        document_names,
        summary,
    };
    let mut replaced = run.replaced;
    if let Some(old) = whole_old {
        replaced = Replaced::whole(old, &report);
    }
    let version = found.map(|(_, version)| version);
    write_messages(
        &mut report,
        had_prior.then_some(&mut replaced),
        options,
        version,
    );
    (Evaluation { report, steps }, replaced)
}

/// One notice for each portal parameter a verdict waits for.
fn parameter_notices(run: &mut Run, ctx: &Ctx, options: &Options) {
    let mut missing = SortedSet::default();
    for record in &run.records {
        missing.extend(record.missing_parameters().cloned());
    }
    for (param, _, outcome) in missing {
        let parameter = ctx.version.parameters.get(&*param);
        let label = parameter.map_or(param.clone(), |p| {
            options.locale.pick(&p.label, &p.label_en).to_string()
        });
        let cites = parameter.map(|p| ctx.cite(&p.cite)).unwrap_or_default();
        // A verdict's name is a heading (「Merge-eligibility」); in an English sentence, lower case.
        let outcome = if options.locale.is_en() {
            lower_first(&outcome)
        } else {
            outcome
        };
        let notice = Diagnostic::new(Code::ParameterMissing, "")
            .rule(&Arc::from(param.as_str()), cites)
            .param("parameter", label)
            .param("outcome", outcome)
            .param("parameterKey", param.as_str());
        run.notices.push(notice);
    }
}

/// `Approval tier` → `approval tier` (ASCII only: the names are the crate's own).
fn lower_first(text: &str) -> String {
    let mut text = text.to_string();
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_lowercase();
    }
    text
}

/// Each step in order: the four tables later rules may read, then the rest.
fn run_steps(run: &mut Run, ctx: &Ctx) -> ((Outcomes, Vec<NearestThreshold>), Verdicts) {
    use rules::*;
    macro_rules! slot {
        ($($path:ident).+) => {
            Slot {
                old: |old| &mut old.outcomes.$($path).+,
                replaced: |replaced| &mut replaced.outcomes.$($path).+,
            }
        };
    }
    let o = &ctx.version.outcomes;
    let approval = run.decide(ctx, Table::Approval, &o.approval, slot!(approval));
    let merge = run.decide(ctx, Table::Merge, &o.merge, slot!(merge));
    let supervision = run.decide(ctx, Table::Supervision, &o.supervision, slot!(supervision));
    let management = run.decide(ctx, Table::Management, &o.management, slot!(management));
    let mut verdicts = Verdicts::default();
    verdicts.record(
        VerdictOf::Approval,
        approval.as_ref(),
        |a: &Approval| a.need.key(),
        run.compared(Table::Approval),
    );
    verdicts.record(
        VerdictOf::Merge,
        merge.as_ref(),
        |m: &Merge| m.mode.key(),
        run.compared(Table::Merge),
    );
    verdicts.record(
        VerdictOf::Supervision,
        supervision.as_ref(),
        |s: &Supervision| s.mode.key(),
        run.compared(Table::Supervision),
    );
    verdicts.record(
        VerdictOf::Management,
        management.as_ref(),
        |m: &Management| m.mode.key(),
        run.compared(Table::Management),
    );
    if let Some(old) = &mut run.old {
        old.verdicts_changed = verdicts.differing(&old.steps.verdicts);
    }
    let ctx = &Ctx {
        verdicts: Some(&verdicts),
        ..*ctx
    };
    let expert_panel = run.decide(
        ctx,
        Table::ExpertPanel,
        &o.expert_panel,
        slot!(expert_panel),
    );
    let financial_review = run.decide(
        ctx,
        Table::FinancialReview,
        &o.financial_review,
        slot!(financial_review),
    );
    let acceptance = run.decide(ctx, Table::Acceptance, &o.acceptance, slot!(acceptance));
    let adjustment = run.step(
        ctx,
        Step::Check(Check::Adjustment),
        &budget_adjustment::MECHANISM,
        Some(slot!(adjustment)),
        budget_adjustment::check,
    );
    let required_documents = run.step(
        ctx,
        Step::Check(Check::RequiredDocuments),
        &missing_document::MECHANISM,
        Some(slot!(required_documents)),
        missing_document::check,
    );
    let windows = run.step(
        ctx,
        Step::Check(Check::Windows),
        &timing_window::MECHANISM,
        Some(slot!(windows)),
        timing_window::check,
    );
    let outcomes = Outcomes {
        approval,
        merge,
        supervision,
        management,
        expert_panel,
        financial_review,
        acceptance,
        adjustment,
        required_documents,
        windows,
    };
    type CheckFn = fn(&Ctx, &mut Sink);
    let checks: [(Step, &Mechanism, CheckFn); 6] = [
        (
            Step::Check(Check::RequiredFields),
            &required_field::MECHANISM,
            required_field::check,
        ),
        (
            Step::Check(Check::UnknownDocuments),
            &unknown_document::MECHANISM,
            unknown_document::check,
        ),
        (
            Step::Check(Check::FormEnumerations),
            &form_enumeration::MECHANISM,
            form_enumeration::check,
        ),
        (
            Step::Check(Check::FundingSums),
            &funding_sum::MECHANISM,
            funding_sum::check,
        ),
        (
            Step::Check(Check::MonthOrder),
            &month_order::MECHANISM,
            month_order::check,
        ),
        (
            Step::Check(Check::ResourceTable),
            &resource_table::MECHANISM,
            resource_table::check,
        ),
    ];
    for (step, mechanism, check) in checks {
        run.step(ctx, step, mechanism, None::<Slot<()>>, check);
    }
    run.step(
        ctx,
        Step::Check(Check::PanelComposition),
        &expert_panel::MECHANISM,
        None::<Slot<()>>,
        |ctx, sink| expert_panel::check(ctx, sink, outcomes.expert_panel.as_ref()),
    );
    run.step(
        ctx,
        Step::Check(Check::Restrictions),
        &restriction::MECHANISM,
        None::<Slot<()>>,
        restriction::check,
    );
    run.step(
        ctx,
        Step::Check(Check::AnnualDeadline),
        &annual_deadline::MECHANISM,
        None::<Slot<()>>,
        annual_deadline::check,
    );
    // The amounts on a threshold every step before found (rarely any), which the notices take.
    let boundaries: Vec<Boundary> = run
        .records
        .iter()
        .flat_map(|r| r.boundaries().iter().cloned())
        .collect();
    run.step(
        ctx,
        Step::Check(Check::AmountOnBoundary),
        &amount_on_boundary::MECHANISM,
        None::<Slot<()>>,
        |ctx, sink| {
            sink.boundaries = boundaries;
            amount_on_boundary::report(ctx, sink);
        },
    );
    let compared = run.compared;
    let nearest = run.nearest(ctx, &outcomes, &compared);
    ((outcomes, nearest), verdicts)
}

/// Compares each part of the report an edit evaluated again (`replaced`) with what it held before,
/// and writes the messages the report and the edit's delta need. A message is a function of the
/// rest of its diagnostic: one a part held before is moved over rather than rendered again (blank
/// if the validator let go of it, [`crate::live::LiveValidator::release_messages`]); one new to
/// the part is rendered, and so is one the part no longer holds whose message was let go of,
/// which a delta writes as gone. After an evaluation with none before it (`replaced` is `None`),
/// renders every message.
fn write_messages(
    report: &mut Report,
    replaced: Option<&mut Replaced>,
    options: &Options,
    version: Option<&Version>,
) {
    // A diagnostic's parameters are complete once it is rendered; a validator holds them between
    // edits, so the room they grew into and do not use is given back then.
    let render = |d: &mut Diagnostic| {
        messages::render(d, options.locale, &options.messages, version);
        d.params.shrink_to_fit();
    };
    let Some(replaced) = replaced else {
        report
            .diagnostics
            .iter_mut()
            .chain(&mut report.notices)
            .for_each(render);
        return;
    };
    let Replaced {
        diagnostics,
        diagnostic_changes,
        notices,
        notice_changes,
        diagnostic_parts,
        notice_parts,
        ..
    } = replaced;
    for (new, old, parts, changed) in [
        (
            &mut report.diagnostics,
            diagnostics,
            std::mem::take(diagnostic_parts),
            diagnostic_changes,
        ),
        (
            &mut report.notices,
            notices,
            std::mem::take(notice_parts),
            notice_changes,
        ),
    ] {
        for (before, after) in parts {
            let (Some(new), Some(old)) = (new.get_mut(after.clone()), old.get_mut(before.clone()))
            else {
                continue;
            };
            let (first_added, first_removed) = (changed.added.len(), changed.removed.len());
            let mut moves = Vec::new();
            crate::report::pair_diagnostics(new, old, &mut |at, pair| match pair {
                None => changed.added.push(after.start + at),
                Some(j) if old.get(j).is_some_and(|d| !d.message.is_empty()) => {
                    moves.push((at, j));
                }
                Some(_) => {}
            });
            crate::report::pair_diagnostics(old, new, &mut |at, pair| {
                if pair.is_none() {
                    changed.removed.push(before.start + at);
                }
            });
            for (at, j) in moves {
                if let (Some(d), Some(before)) = (new.get_mut(at), old.get_mut(j)) {
                    d.message = std::mem::take(&mut before.message);
                }
            }
            let added = changed.added.get(first_added..).unwrap_or_default();
            let removed = changed.removed.get(first_removed..).unwrap_or_default();
            let written = [(new, added, after.start), (old, removed, before.start)];
            for (list, positions, start) in written {
                for at in positions {
                    if let Some(d) = list.get_mut(at - start).filter(|d| d.message.is_empty()) {
                        render(d);
                    }
                }
            }
        }
    }
}

/// Moves the next `count` diagnostics (or notices) of the report before to the end of `replaced`,
/// and records the part: where they are now in `replaced`, and `new`, where those that replace
/// them are in the report.
fn replace_part(
    old: &mut std::vec::IntoIter<Diagnostic>,
    count: usize,
    replaced: &mut Vec<Diagnostic>,
    parts: &mut Vec<(Range<usize>, Range<usize>)>,
    new: Range<usize>,
) {
    let moved = replaced.len();
    replaced.extend(old.by_ref().take(count));
    parts.push((moved..replaced.len(), new));
}

impl Replaced {
    /// All of `old`, replaced by `new`.
    fn whole(old: Report, new: &Report) -> Replaced {
        let o = old.outcomes;
        Replaced {
            diagnostic_parts: vec![(0..old.diagnostics.len(), 0..new.diagnostics.len())],
            diagnostics: old.diagnostics,
            diagnostic_changes: Changed::default(),
            notice_parts: vec![(0..old.notices.len(), 0..new.notices.len())],
            notices: old.notices,
            notice_changes: Changed::default(),
            outcomes: PriorOutcomes {
                approval: Some(o.approval),
                merge: Some(o.merge),
                supervision: Some(o.supervision),
                management: Some(o.management),
                expert_panel: Some(o.expert_panel),
                financial_review: Some(o.financial_review),
                acceptance: Some(o.acceptance),
                adjustment: Some(o.adjustment),
                required_documents: Some(o.required_documents),
                windows: Some(o.windows),
            },
            nearest: Some(old.nearest),
        }
    }
}

/// The report, leaving an empty one in its place.
fn take_report(report: &mut Report) -> Report {
    std::mem::replace(
        report,
        Report {
            jurisdiction: None,
            as_of: NaiveDate::default(),
            stage: report.stage,
            locale: report.locale,
            outcomes: Outcomes::default(),
            nearest: Vec::new(),
            diagnostics: Vec::new(),
            notices: Vec::new(),
            document_names: Arc::default(),
            summary: report.summary.clone(),
        },
    )
}

/// A malformed value in a field the regulation's form asks for cites that form, so that every
/// message shows its basis; input problems elsewhere (dates, facts) have none to cite.
fn cite_input_problems(ctx: &Ctx, diagnostics: &mut [Diagnostic]) {
    for d in diagnostics
        .iter_mut()
        .filter(|d| d.citations.is_empty() && d.rule.is_none())
    {
        let Some(field) = Field::by_path(&d.path) else {
            continue;
        };
        let asking = ctx
            .version
            .required_fields
            .iter()
            .find(|r| r.fields.iter().any(|f| f.0 == field));
        if let Some(rule) = asking {
            d.citations = ctx.cite(&rule.cite);
        }
    }
}

/// The notices about the version in force on `as_of`: not yet in force or repealed, and what its
/// text does not print.
fn version_notices(
    profile: &Profile,
    version: &Version,
    as_of: NaiveDate,
    locale: Locale,
    notices: &mut Vec<Notice>,
) {
    let title = locale.pick(&version.title, &version.title_en).to_string();
    if locale.is_en() && profile.english_not_loaded {
        notices
            .push(Diagnostic::new(Code::EnglishNotLoaded, "").param("regulation", title.as_str()));
    }
    match (version.in_force, version.repealed) {
        (Some(start), _) if as_of < start => notices.push(
            Diagnostic::new(Code::NotYetInForce, "")
                .param("regulation", title.as_str())
                .param("inForce", calendar::iso(start))
                .param("asOf", calendar::iso(as_of)),
        ),
        (_, Some(end)) if as_of >= end => notices.push(
            Diagnostic::new(Code::Repealed, "")
                .param("regulation", title.as_str())
                .param("repealed", calendar::iso(end))
                .param("asOf", calendar::iso(as_of)),
        ),
        _ => {}
    }
    let unprinted: Vec<&str> = [
        (
            version.document_number.is_none(),
            locale.pick("文号", "document number"),
        ),
        (
            version.issued.is_none(),
            locale.pick("印发日期", "issue date"),
        ),
        (
            version.in_force.is_none(),
            locale.pick("施行日期", "in-force date"),
        ),
    ]
    .into_iter()
    .filter_map(|(absent, what)| absent.then_some(what))
    .collect();
    if !unprinted.is_empty() {
        notices.push(
            Diagnostic::new(Code::DateNotPrinted, "")
                .param("regulation", title)
                .param("what", messages::enumerate(&unprinted, locale)),
        );
    }
}

fn parameters<'v>(version: &'v Version, options: &Options) -> Parameters<'v> {
    Parameters::from_sorted(
        version
            .parameters
            .iter()
            .map(|(name, p)| {
                (
                    name,
                    p.value.or_else(|| options.parameters.get(&**name).copied()),
                )
            })
            .collect(),
    )
}

fn info(profile: &Profile, version: &Version, locale: Locale) -> JurisdictionInfo {
    JurisdictionInfo {
        id: profile.id.clone(),
        title: locale.pick(&version.title, &version.title_en).to_string(),
        region: profile.region.clone(),
        document_number: version.document_number.clone(),
        issued: version.issued.map(calendar::iso),
        in_force: version.in_force.map(calendar::iso),
        in_force_basis: version.in_force_basis.clone(),
        outcome_names: version.outcome_names(locale),
    }
}

/// Today's date in China, for a validation given no `asOf`.
fn today() -> NaiveDate {
    calendar::today_in_china().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::model::Input;

    /// Where the nearest thresholds' walk of an evaluation is kept: the same place after an
    /// update means it was not walked again.
    fn walk(evaluation: &Evaluation) -> Option<*const Walk> {
        let steps = evaluation.steps.as_ref()?;
        let record = steps
            .records
            .get(Step::Check(Check::NearestThresholds).index())?;
        record.walk().map(std::ptr::from_ref)
    }

    #[test]
    fn the_walk_is_kept_while_the_amount_stays_between_the_same_thresholds() {
        let registry = crate::builtin();
        let options = Options {
            jurisdiction: "tongzhou".into(),
            as_of: Some("2025-06-01".parse().unwrap()),
            ..Options::default()
        };
        let mut problems = Vec::new();
        let mut app = Application::from_json(
            &json!({ "totalInvestment": "60", "mandatedBy": [] }),
            &mut problems,
        );
        let mut evaluation = Evaluation::new(registry, &app, problems, &options);
        let mut changed = Reads::default();
        changed.fields.insert(Field::TotalInvestment);
        // 通州 compares the total investment with 50, 100 and 300 万元.
        for (amount, kept) in [
            ("70", true),
            ("99.9999", true),
            ("100", false),
            ("100.0", true),
            ("100.0001", false),
            ("299.9999", true),
            ("300", false),
            ("1000", false),
            ("5000", true),
            ("", false),
            ("5000", false),
            ("三百万", false),
            ("3", false),
            ("0", true),
        ] {
            let before = walk(&evaluation);
            let problems = app.set_path("totalInvestment", &Input::from_json(&json!(amount)));
            evaluation.update(registry, &app, problems.clone(), &options, Some(changed));
            assert_eq!(walk(&evaluation) == before, kept, "{amount}");
            let whole = Evaluation::new(registry, &app, problems, &options);
            assert_eq!(evaluation.report.nearest, whole.report.nearest, "{amount}");
        }
        // Another field the walk reads: walked again.
        let before = walk(&evaluation);
        let problems = app.set_path("mandatedBy", &Input::from_json(&json!(["provincial"])));
        let mut changed = Reads::default();
        changed.fields.insert(Field::MandatedBy);
        evaluation.update(registry, &app, problems, &options, Some(changed));
        assert_ne!(walk(&evaluation), before);
    }
}
