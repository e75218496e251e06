//! ## What it checks
//! A date falls within its window counted from an earlier date (from the latest of two, where the
//! text names two events: 通过验收并投入运行后): not before that date (`TW007`,
//! for a window with no `min` or a `min` of nothing, which only orders two dates), no earlier than
//! `min` after it (`TW001`), no later than `max` after it (`TW002`); when the later date is still
//! empty and the window has closed by the as-of date, a warning says what to do now (`TW003`).
//! The latest date of a period after an event that falls on a weekend or a supplied holiday runs
//! to the next working day (民法典 第二百零三条); a window that measures a duration (`duration`:
//! a trial run) counts its first and last days. Windows counted in working days say so when the
//! portal has not supplied the holiday calendar for the years they run through (`TW005`), and a
//! late verdict whose last day knew no holidays says that (`TW010`); such a date, no later than
//! the holidays could have moved the last day (the weekday after the season of holidays the last
//! day falls in, at most 11 days on; for a count of working days that runs through a season, 11
//! days), may be on time, and its `TW002` or `TW006` is a warning, not an error. An approved
//! postponement
//! (延期验收) moves the latest date to the one granted, and a date past it, or a step still empty after it, is said by the postponement (`TW008`, `TW009`)
//! rather than by the text's span; a step that must come before
//! the later date (验收申请 before 验收) and already lies past the latest date shows the window missed
//! (`TW006`) before the later date is filled in. A window that applies only to some projects, and
//! turns on something not filled in yet, is listed as `conditional` and reports nothing. Every
//! window is listed in the report with its dates computed where its start is known.
//!
//! ## Legal basis
//! Per profile, e.g. 通州 第三十条 (建成后半年内申请验收), 第三十三条 (6-12个月内自评价); 歙县
//! 第三十九条 (三个月内初验, 试运行不少于一个月); 亭湖 第11条 (立项后10个工作日内备案), 第19条
//! (试运行3至6个月), 第20条 (终验后一个月内上传); 相城 第十八条 (七个工作日内备案), 第二十五条
//! (上线三个月后、一年内验收; 最长不超过一年); 通州 第三十条, 歙县 第三十九条, 江津 第二十五条
//! (延期验收申请).
//!
//! ## Example
//! `{"dates": {"completion": "2024-01-10", "acceptanceApplication": "2024-08-01"}}` under 通州
//! gets `TW002` at `dates.acceptanceApplication` (latest 2024-07-10).
//!
//! ```
//! use gov_it_rules::{validate_json, Options};
//! let mut options = Options::for_jurisdiction("tongzhou");
//! options.stage = Some(gov_it_rules::profile::Stage::Acceptance);
//! let report = validate_json(r#"{"dates": {"completion": "2024-01-10", "acceptanceApplication": "2024-08-01"}}"#, &options);
//! assert!(report.diagnostics.iter().any(|d| d.code == "TW002" && d.path == "dates.acceptanceApplication"));
//! ```

use std::sync::Arc;

use crate::calendar::{self, describe};
use crate::codes::{Code, CodeSet};
use crate::condition::Truth;
use crate::profile::{Span, Window};
use crate::report::{Diagnostic, WindowReport};

use super::{Ctx, Sink};

/// This mechanism and the codes it may emit (the engine checks, in debug builds, that it emits no
/// other).
pub const MECHANISM: super::Mechanism = super::Mechanism {
    name: "timing_window",
    codes: &[
        Code::WindowTooEarly,
        Code::WindowTooLate,
        Code::WindowOverdue,
        Code::WindowMissedBefore,
        Code::WindowBeforeStart,
        Code::WindowTooLatePostponed,
        Code::WindowOverduePostponed,
        Code::WorkingDaysApproximate,
        Code::PeriodEndApproximate,
    ],
};

/// The codes `w` can report, as the check reports them: a window that only orders two dates
/// says a date comes before its start, one with a least span that it comes too early; one with a
/// latest date that it comes too late or is overdue, and, where they apply, that a step before it
/// came too late and that an approved postponement has passed; one counted in working days that
/// its count is approximate; one whose last day moves past rest days, that a late verdict's last
/// day knew no holidays.
pub fn codes(w: &Window) -> CodeSet {
    let mut codes = CodeSet::default().with(if w.min.is_none_or(Span::is_zero) {
        Code::WindowBeforeStart
    } else {
        Code::WindowTooEarly
    });
    if w.max.is_some() {
        codes = codes.with(Code::WindowTooLate).with(Code::WindowOverdue);
        if !w.preceded_by.is_empty() {
            codes = codes.with(Code::WindowMissedBefore);
        }
        if w.postponed_to.is_some() {
            codes = codes
                .with(Code::WindowTooLatePostponed)
                .with(Code::WindowOverduePostponed);
        }
    }
    if counts_working_days(w) {
        codes = codes.with(Code::WorkingDaysApproximate);
    }
    if moves_to_a_working_day(w) {
        codes = codes.with(Code::PeriodEndApproximate);
    }
    codes
}

/// Whether either of the window's spans is counted in working days.
fn counts_working_days(w: &Window) -> bool {
    [w.min, w.max]
        .iter()
        .flatten()
        .any(|s| matches!(s, Span::WorkingDays(_)))
}

/// Whether the window's latest date is moved past rest days: a period after an event, not
/// counted in working days.
fn moves_to_a_working_day(w: &Window) -> bool {
    !w.duration
        && w.max
            .is_some_and(|s| !s.is_zero() && !matches!(s, Span::WorkingDays(_)))
}

/// Where the window's latest date, moved past weekends alone, may be a public holiday the portal
/// has not given, the latest day it could move to.
fn last_day_at_most(ctx: &Ctx, w: &Window, latest: chrono::NaiveDate) -> Option<chrono::NaiveDate> {
    (moves_to_a_working_day(w) && !ctx.calendar.covers(latest, latest))
        .then(|| calendar::last_day_at_most(latest))
        .flatten()
}

pub fn check(ctx: &Ctx, sink: &mut Sink) -> Vec<WindowReport> {
    let mut listed = Vec::new();
    for w in &ctx.version.windows {
        let applies = ctx.holds(&w.when);
        if applies == Truth::False {
            continue;
        }
        listed.push(check_one(ctx, sink, w, applies == Truth::True));
    }
    listed
}

fn check_one(ctx: &Ctx, sink: &mut Sink, w: &Window, applies: bool) -> WindowReport {
    let en = ctx.locale.is_en();
    let (from, from_date, start_known) = start(ctx, w);
    let from_spec = from.spec();
    let to_path = w.to.0.path();
    let actual = ctx.app.date(w.to.0);
    // A duration ends on its last day, counted from its first; a period after an event runs to
    // a working day.
    let (least, most): (End, End) = if w.duration {
        (calendar::through, calendar::through)
    } else {
        (calendar::add, calendar::last_day)
    };
    let earliest = from_date
        .zip(w.min)
        .and_then(|(d, s)| least(d, s, ctx.calendar));
    let granted = w.postponed_to.and_then(|f| ctx.app.date(f.0));
    let by_the_text = from_date
        .filter(|_| start_known)
        .zip(w.max)
        .and_then(|(d, s)| most(d, s, ctx.calendar));
    let latest = by_the_text.map(|l| granted.map_or(l, |g| g.max(l)));
    // An approved postponement past the text's limit is the latest date now, and a date after it
    // is late by the postponement, not by the text's span.
    let postponed = by_the_text.zip(granted).is_some_and(|(l, g)| g > l);
    let reported = applies && ctx.stage_matches(&w.stages);
    // A date past the latest, but no later than holidays the portal has not given could have
    // moved it (a last day on 国庆 moves past it), may be on time: it is said as a warning, and
    // TW005 or TW010 says why.
    let holidays_decide = |latest: chrono::NaiveDate, date: chrono::NaiveDate| {
        let at_most = if counts_working_days(w) {
            from_date
                .filter(|from| !ctx.calendar.covers(*from, latest))
                .and_then(|from| calendar::count_end_at_most(from, latest))
        } else {
            last_day_at_most(ctx, w, latest)
        };
        at_most.is_some_and(|at_most| date <= at_most)
    };
    // Working days move past every holiday in the period; a span of days or months only past one
    // on its last day (民法典 第二百零三条).
    let uncounted = if counts_working_days(w) {
        ctx.text(
            "未计入法定节假日：期限内如有法定节假日，最迟日期相应顺延，该日期可能仍在期限内。",
            " Public holidays are not counted: any in the period move the latest date later, and this date may still be in time.",
        )
    } else {
        ctx.text(
            "未计入法定节假日：最后一日如为法定节假日，顺延至节后第一个工作日，该日期可能仍在期限内。",
            " Public holidays are not counted: a last day that is one moves to the next working day, and this date may still be in time.",
        )
    };
    let unless_holidays = |d: Diagnostic, latest, date| {
        if holidays_decide(latest, date) {
            d.severity(crate::codes::Severity::Warning)
                .param("holidays", uncounted)
        } else {
            d.param("holidays", "")
        }
    };
    let citations = ctx.cite(&w.cite);
    let plain = |code: Code| {
        let d = Diagnostic::new(code, to_path).rule(&w.id, citations.clone());
        match w.severity {
            Some(s) => d.severity(s),
            None => d,
        }
    };
    // 「通常应在…之后」: a window the text states as a rule says so.
    let qualifier = match w.qualifier.as_str() {
        "" => "",
        word => ctx.text(word, " as a rule"),
    };
    let base = |code: Code, span: Option<Span>| {
        let mut d = plain(code).param("from", ctx.label(from));
        if let Some(span) = span {
            let mut span = describe(span, en);
            // 「试运行时间不少于3个月」 counts its first day: 1 January to 31 March is three months.
            if w.duration {
                span.push_str(ctx.text("（含开始当日）", " (its first day counted)"));
            }
            d = d.param("span", span);
        }
        if let Some(f) = from_date {
            d = d.param("fromDate", calendar::iso(f));
        }
        d
    };
    let status = match (from_date, actual) {
        (None, _) => "pending",
        (Some(from), Some(date)) => {
            // 「建成后半年内」: a window opens at its start even where it names no least span; one
            // whose least span is nothing (合同在批复之后签订) says so without 「后0日」.
            if w.min.is_none_or(Span::is_zero) && date < from {
                if reported {
                    sink.diagnostics.push(
                        base(Code::WindowBeforeStart, None)
                            .param("date", calendar::iso(date))
                            .param("qualifier", qualifier),
                    );
                }
                "early"
            } else if let Some((e, span)) = earliest.zip(w.min).filter(|(e, _)| date < *e) {
                if reported {
                    sink.diagnostics.push(
                        base(Code::WindowTooEarly, Some(span))
                            .param("date", calendar::iso(date))
                            .param("earliest", calendar::iso(e))
                            .param("qualifier", qualifier),
                    );
                }
                "early"
            } else if let Some((l, span)) = latest.zip(w.max).filter(|(l, _)| date > *l) {
                if reported {
                    let d = if postponed {
                        plain(Code::WindowTooLatePostponed)
                    } else {
                        // Where the text allows a postponement (延期验收), one approved and not
                        // given is the likeliest reason a date is late (one given, and no later
                        // than the text's limit, is no reason).
                        let asked = w
                            .postponed_to
                            .filter(|f| granted.is_none() && !ctx.rejected.contains(f.0.path()));
                        let postponement = match asked {
                            Some(f) => [
                                ctx.text(
                                    "如已经批准延期，请填写「",
                                    " If a postponement was approved, fill in “",
                                ),
                                ctx.label(f.0),
                                ctx.text("」。", "”."),
                            ]
                            .concat(),
                            None => String::new(),
                        };
                        unless_holidays(base(Code::WindowTooLate, Some(span)), l, date)
                            .param("qualifier", qualifier)
                            .param("postponement", postponement)
                    };
                    sink.diagnostics.push(
                        d.param("date", calendar::iso(date))
                            .param("latest", calendar::iso(l)),
                    );
                }
                "late"
            } else if start_known {
                "met"
            } else {
                "pending"
            }
        }
        (Some(_), None) => match (
            latest.zip(w.max),
            latest.and_then(|l| missed_before(ctx, w, l)),
        ) {
            (Some((l, span)), Some((field, date))) => {
                if reported {
                    let action = ctx.text(&w.late_action, &w.late_action_en).to_string();
                    let d = base(Code::WindowMissedBefore, Some(span));
                    let d = if postponed {
                        d.param("holidays", "")
                    } else {
                        unless_holidays(d, l, date)
                    };
                    sink.diagnostics.push(
                        d.at(field.path())
                            .param("date", calendar::iso(date))
                            .param("target", ctx.label(w.to.0))
                            .param("latest", calendar::iso(l))
                            .param("action", action),
                    );
                }
                "late"
            }
            // A date typed that could not be read is its own problem (IN002), not a blank.
            (Some((l, span)), None) if ctx.as_of > l && !ctx.rejected.contains(to_path) => {
                if reported {
                    // Past an approved postponement, the text's advice to ask for one is spent.
                    let d = if postponed {
                        plain(Code::WindowOverduePostponed)
                    } else {
                        let action = ctx.text(&w.late_action, &w.late_action_en);
                        base(Code::WindowOverdue, Some(span)).param("action", action.to_string())
                    };
                    sink.diagnostics.push(
                        d.severity(crate::codes::Severity::Warning)
                            .param("latest", calendar::iso(l))
                            .param("asOf", calendar::iso(ctx.as_of)),
                    );
                }
                "overdue"
            }
            _ if start_known => "open",
            _ => "pending",
        },
    };
    let status = if applies { status } else { "conditional" };
    // The count runs to the later of its two ends; a calendar that leaves out a year it runs
    // through counts that year's holidays as working days.
    let counted_to = latest.max(earliest).or(from_date);
    let approximate = || {
        from_date
            .zip(counted_to)
            .is_some_and(|(from, to)| !ctx.calendar.covers(from, to))
    };
    if applies && counts_working_days(w) && approximate() {
        let span = [w.max, w.min]
            .into_iter()
            .flatten()
            .next()
            .map(|s| describe(s, en))
            .unwrap_or_default();
        sink.notices.push(
            Diagnostic::new(Code::WorkingDaysApproximate, to_path)
                .rule(&w.id, citations.clone())
                .param("span", span),
        );
    }
    // A late verdict may turn on a holiday the portal has not given: the last day moved past
    // weekends alone, and the date (or today, for one still empty) within a holiday run of it.
    let late = reported && !postponed && matches!(status, "late" | "overdue");
    let holiday_unknown = |latest: &chrono::NaiveDate| {
        let after = actual.unwrap_or(ctx.as_of);
        last_day_at_most(ctx, w, *latest).is_some_and(|at_most| after <= at_most)
    };
    if let Some(latest) = by_the_text.filter(|_| late).filter(holiday_unknown) {
        sink.notices.push(
            Diagnostic::new(Code::PeriodEndApproximate, to_path)
                .rule(&w.id, citations.clone())
                .param("latest", calendar::iso(latest)),
        );
    }
    WindowReport {
        rule: w.id.clone(),
        from: from_spec.path,
        to: to_path,
        from_date,
        earliest,
        latest,
        actual,
        status,
        description: Arc::clone(ctx.locale.pick(&w.description, &w.description_en)),
        citations,
    }
}

/// A window's end from its start and span.
type End = fn(chrono::NaiveDate, Span, &calendar::HolidayCalendar) -> Option<chrono::NaiveDate>;

/// The date the window counts from, and its field: the latest of `from` and `also_after` filled
/// in, and whether all of them are.
fn start(ctx: &Ctx, w: &Window) -> (crate::model::Field, Option<chrono::NaiveDate>, bool) {
    let mut start = (w.from.0, ctx.app.date(w.from.0));
    let mut known = start.1.is_some();
    for f in &w.also_after {
        match ctx.app.date(f.0) {
            Some(d) if start.1.is_none_or(|s| d > s) => start = (f.0, Some(d)),
            Some(_) => {}
            None => known = false,
        }
    }
    (start.0, start.1, known)
}

/// The first step that must come before the window's end and is already dated after `latest`.
fn missed_before(
    ctx: &Ctx,
    w: &Window,
    latest: chrono::NaiveDate,
) -> Option<(crate::model::Field, chrono::NaiveDate)> {
    w.preceded_by
        .iter()
        .find_map(|f| ctx.app.date(f.0).filter(|d| *d > latest).map(|d| (f.0, d)))
}
