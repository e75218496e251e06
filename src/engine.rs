//! One validation: the profile's version in force, the decision tables, then every rule that may
//! turn on their verdicts, and the report.

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::codes::{Code, Severity};
use crate::condition::{Parameters, Verdicts};
use crate::messages::{self, Locale};
use crate::model::{Application, Field};
use crate::profile::{
    Approval, Management, Merge, Profile, Stage, Supervision, VerdictOf, Version,
};
use crate::report::{Diagnostic, JurisdictionInfo, NearestThreshold, Notice};
use crate::rules::nearest_threshold::{Compared, Table};
use crate::rules::{self, Ctx, Sink};
use crate::{calendar, Options, Outcomes, Registry, Report, Summary};

/// Validates an application already read, together with the problems found reading it, against
/// a registry's profiles.
pub(crate) fn validate(
    registry: &Registry,
    app: &Application,
    input_problems: Vec<Diagnostic>,
    options: &Options,
) -> Report {
    let as_of = options.as_of.unwrap_or_else(today);
    let stage = options
        .stage
        .or_else(|| app.text(Field::Stage).and_then(Stage::from_key))
        .unwrap_or(Stage::Declaration);
    let rejected: BTreeSet<String> = input_problems.iter().map(|d| d.path.clone()).collect();
    let mut sink = Sink {
        diagnostics: input_problems,
        ..Sink::default()
    };
    let mut outcomes = Outcomes {
        approval: None,
        merge: None,
        supervision: None,
        management: None,
        expert_panel: None,
        financial_review: None,
        acceptance: None,
        adjustment: None,
        required_documents: Vec::new(),
        windows: Vec::new(),
    };
    let mut nearest = Vec::new();
    let mut jurisdiction = None;
    let mut document_names = Arc::default();
    let found = registry.get(&options.jurisdiction).and_then(|profile| {
        pick_version(profile, as_of, options.locale, &mut sink.notices).map(|v| (profile, v))
    });
    match found {
        None => {
            let known: Vec<&str> = registry.ids().collect();
            sink.diagnostics.push(
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
            (outcomes, nearest) = run_rules(&ctx, &mut sink);
            cite_input_problems(&ctx, &mut sink.diagnostics);
            let shared = &version.shared;
            jurisdiction = Some(Arc::clone(shared.info.get(options.locale, || {
                Arc::new(info(profile, version, options.locale))
            })));
            document_names = Arc::clone(shared.document_names.get(options.locale, || {
                Arc::new(
                    version
                        .documents
                        .iter()
                        .map(|(k, d)| {
                            (
                                k.clone(),
                                options.locale.pick(&d.name, &d.name_en).to_string(),
                            )
                        })
                        .collect(),
                )
            }));
            for (param, outcome) in std::mem::take(&mut sink.missing_parameters) {
                let label = version.parameters.get(&param).map_or(param.clone(), |p| {
                    options.locale.pick(&p.label, &p.label_en).to_string()
                });
                let cites = version
                    .parameters
                    .get(&param)
                    .map(|p| ctx.cite(&p.cite))
                    .unwrap_or_default();
                sink.notices.push(
                    Diagnostic::new(Code::ParameterMissing, "")
                        .rule(&param, cites)
                        .param("parameter", label)
                        .param("outcome", outcome)
                        .param("parameterKey", param.clone()),
                );
            }
        }
    }
    for d in sink.diagnostics.iter_mut().chain(sink.notices.iter_mut()) {
        messages::render(d, options.locale, &options.messages);
    }
    let count = |s: Severity| sink.diagnostics.iter().filter(|d| d.severity == s).count();
    let summary = Summary {
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        infos: count(Severity::Info),
        complete: count(Severity::Error) == 0,
    };
    Report {
        jurisdiction,
        as_of: calendar::iso(as_of),
        stage: stage.key(),
        locale: options.locale,
        outcomes,
        nearest,
        diagnostics: sink.diagnostics,
        notices: sink.notices,
        document_names,
        summary,
    }
}

/// A decision table's verdict, through the decision mechanism, noting which money fields the
/// decision compared.
fn decide<T: Clone + PartialEq>(
    sink: &mut Sink,
    ctx: &Ctx,
    table: Table,
    cases: &[crate::profile::Case<T>],
    compared: &mut Compared,
) -> Option<crate::report::Outcome<T>> {
    let decided = sink.run(&rules::decision::MECHANISM, |sink| {
        rules::decision::decide_traced(ctx, sink, table.name(), cases)
    });
    compared.set(table, decided.compared);
    decided.outcome
}

fn run_rules(ctx: &Ctx, sink: &mut Sink) -> (Outcomes, Vec<NearestThreshold>) {
    use rules::*;
    let o = &ctx.version.outcomes;
    let mut compared = Compared::default();
    let c = &mut compared;
    let approval = decide(sink, ctx, Table::Approval, &o.approval, c);
    let merge = decide(sink, ctx, Table::Merge, &o.merge, c);
    let supervision = decide(sink, ctx, Table::Supervision, &o.supervision, c);
    let management = decide(sink, ctx, Table::Management, &o.management, c);
    let mut verdicts = Verdicts::default();
    verdicts.record(
        VerdictOf::Approval,
        approval.as_ref(),
        |a: &Approval| a.need.key(),
        compared.get(Table::Approval),
    );
    verdicts.record(
        VerdictOf::Merge,
        merge.as_ref(),
        |m: &Merge| m.mode.key(),
        compared.get(Table::Merge),
    );
    verdicts.record(
        VerdictOf::Supervision,
        supervision.as_ref(),
        |s: &Supervision| s.mode.key(),
        compared.get(Table::Supervision),
    );
    verdicts.record(
        VerdictOf::Management,
        management.as_ref(),
        |m: &Management| m.mode.key(),
        compared.get(Table::Management),
    );
    let ctx = &Ctx {
        verdicts: Some(&verdicts),
        ..*ctx
    };
    let c = &mut compared;
    let outcomes = Outcomes {
        approval,
        merge,
        supervision,
        management,
        expert_panel: decide(sink, ctx, Table::ExpertPanel, &o.expert_panel, c),
        financial_review: decide(sink, ctx, Table::FinancialReview, &o.financial_review, c),
        acceptance: decide(sink, ctx, Table::Acceptance, &o.acceptance, c),
        adjustment: sink.run(&budget_adjustment::MECHANISM, |s| {
            budget_adjustment::check(ctx, s)
        }),
        required_documents: sink.run(&missing_document::MECHANISM, |s| {
            missing_document::check(ctx, s)
        }),
        windows: sink.run(&timing_window::MECHANISM, |s| timing_window::check(ctx, s)),
    };
    sink.run(&required_field::MECHANISM, |s| {
        required_field::check(ctx, s)
    });
    sink.run(&unknown_document::MECHANISM, |s| {
        unknown_document::check(ctx, s)
    });
    sink.run(&form_enumeration::MECHANISM, |s| {
        form_enumeration::check(ctx, s)
    });
    sink.run(&funding_sum::MECHANISM, |s| funding_sum::check(ctx, s));
    sink.run(&month_order::MECHANISM, |s| month_order::check(ctx, s));
    sink.run(&resource_table::MECHANISM, |s| {
        resource_table::check(ctx, s)
    });
    sink.run(&expert_panel::MECHANISM, |s| {
        expert_panel::check(ctx, s, outcomes.expert_panel.as_ref())
    });
    sink.run(&restriction::MECHANISM, |s| restriction::check(ctx, s));
    sink.run(&annual_deadline::MECHANISM, |s| {
        annual_deadline::check(ctx, s)
    });
    sink.run(&amount_on_boundary::MECHANISM, |s| {
        amount_on_boundary::report(ctx, s)
    });
    let nearest = sink.run(&nearest_threshold::MECHANISM, |_| {
        nearest_threshold::find(ctx, &outcomes, &compared)
    });
    (outcomes, nearest)
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

/// The version in force on `as_of`, with a notice where none is. `None` only for a profile with no
/// version, which the loader refuses.
fn pick_version<'p>(
    profile: &'p Profile,
    as_of: NaiveDate,
    locale: Locale,
    notices: &mut Vec<Notice>,
) -> Option<&'p Version> {
    let version = profile.version_on(as_of)?;
    let title = locale.pick(&version.title, &version.title_en).to_string();
    match (version.in_force, version.repealed) {
        (Some(start), _) if as_of < start => notices.push(
            Diagnostic::new(Code::NotYetInForce, "")
                .param("regulation", title.clone())
                .param("inForce", calendar::iso(start))
                .param("asOf", calendar::iso(as_of)),
        ),
        (_, Some(end)) if as_of >= end => notices.push(
            Diagnostic::new(Code::Repealed, "")
                .param("regulation", title.clone())
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
                .param("what", unprinted.join(locale.pick("、", ", "))),
        );
    }
    Some(version)
}

fn parameters(version: &Version, options: &Options) -> Parameters {
    version
        .parameters
        .iter()
        .map(|(name, p)| {
            (
                name.clone(),
                p.value.or_else(|| options.parameters.get(name).copied()),
            )
        })
        .collect()
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
    }
}

/// Today's date where the platform has a clock; the pure core never reads it otherwise.
fn today() -> NaiveDate {
    #[cfg(not(target_arch = "wasm32"))]
    {
        chrono::Utc::now().date_naive()
    }
    #[cfg(target_arch = "wasm32")]
    {
        NaiveDate::default()
    }
}
