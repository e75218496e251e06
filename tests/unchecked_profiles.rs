//! Profiles whose cross-references are wrong: citations of articles that do not exist, documents
//! and parameters never declared, conditions on fields of another kind, decision tables turning on
//! verdicts, rule ids used twice, versions out of order.
//!
//! `gov-it-check compile` refuses every one of them, and so does a build with the `profile-check`
//! feature (the default: the Rust crate, Node's module) when one is loaded. The browser modules
//! are built without it and check only a profile's bounds (`profile::bounds`), so a profile
//! written by other means reaches their engine as it is: its answers may be wrong, but each
//! fixture validates, live edits answer, and the live validator ends where a fresh validation
//! does, with no panic. So do compiled files altered at random places that still load, among
//! them some whose cross-references the alteration broke. `pkg-scripts/test.sh` runs this file in
//! both builds:
//!
//! ```text
//! cargo test --test unchecked_profiles
//! cargo test --no-default-features --features builtin-profiles --test unchecked_profiles
//! ```
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::sync::Arc;

use gov_it_rules::model::{Field, Kind, FIELDS};
use gov_it_rules::profile::{
    AmountCondition, Case, Cite, Cites, Condition, FieldRef, InCondition, Op, Profile, Span,
    VerdictCondition, VerdictOf, Version,
};
use gov_it_rules::{builtin, Registry, BUILTIN_PROFILES};

/// One way a profile's cross-references can be wrong.
type Break = (&'static str, fn(&mut Profile));

const BREAKS: &[Break] = &[
    ("citations of an article the regulation lacks", |p| {
        each_cites(p, |c| *c = cite(Some(999), Some("九十九"), None));
    }),
    ("citations of a clause the article lacks", |p| {
        each_cites(p, |c| *c = cite(Some(1), Some("九十九"), None));
    }),
    ("citations of an annex the regulation lacks", |p| {
        each_cites(p, |c| *c = cite(None, None, Some(99)));
    }),
    ("citations of an article and an annex at once", |p| {
        each_cites(p, |c| *c = cite(Some(1), None, Some(1)));
    }),
    ("citations of nothing", |p| {
        each_cites(p, |c| *c = cite(None, None, None));
    }),
    ("rules without a citation", |p| {
        each_cites(p, |c| *c = Cites::default());
    }),
    (
        "no articles, annexes, documents, chapters or parameters",
        |p| {
            for v in &mut p.versions {
                v.articles.clear();
                v.annexes.clear();
                v.documents = Default::default();
                v.chapters = Default::default();
                v.parameters = Default::default();
            }
        },
    ),
    (
        "articles numbered out of order, versions out of date order",
        |p| {
            for v in &mut p.versions {
                v.articles.reverse();
            }
            let earliest = p.versions.first().cloned();
            p.versions.extend(earliest);
        },
    ),
    ("documents and chapters named but never declared", |p| {
        for v in &mut p.versions {
            for case in &mut v.outcomes.approval {
                Arc::make_mut(&mut case.result).chain.push("nowhere".into());
            }
            for case in &mut v.outcomes.merge {
                let merge = Arc::make_mut(&mut case.result);
                merge.documents.push("nowhere".into());
                merge.replaces.push("elsewhere".into());
            }
            for r in &mut v.requirements {
                r.document = "nowhere".into();
                r.chapters.push("no-chapter".into());
                for alternative in &mut r.any_of {
                    alternative.document = "elsewhere".into();
                }
                r.when = Condition::HasDocument("nowhere".into());
            }
        }
    }),
    (
        "conditions on fields of another kind, values and parameters not declared",
        |p| {
            let wrong = Condition::Any(vec![
                Condition::Flag(field(|k| matches!(k, Kind::Money))),
                Condition::In(InCondition {
                    field: field(|k| matches!(k, Kind::Money)),
                    values: vec!["x".into()],
                }),
                Condition::In(InCondition {
                    field: field(|k| matches!(k, Kind::Choice(_))),
                    values: vec!["not-a-value".into()],
                }),
                Condition::Amount(amount(field(|k| matches!(k, Kind::Bool)), "nowhere")),
                Condition::Amount(amount(field(|k| matches!(k, Kind::Text)), "nowhere")),
                Condition::Number(amount(field(|k| matches!(k, Kind::Money)), "nowhere")),
                Condition::Dated(field(|k| matches!(k, Kind::Text))),
            ]);
            each_condition(p, |c| *c = Condition::All(vec![c.clone(), wrong.clone()]));
            for v in &mut p.versions {
                for w in &mut v.windows {
                    w.from = field(|k| matches!(k, Kind::Money));
                    w.to = field(|k| matches!(k, Kind::Bool));
                }
                for e in &mut v.enumerations {
                    e.field = field(|k| matches!(k, Kind::Money));
                }
                if let Some(a) = &mut v.adjustment {
                    a.max_ratio_param = "nowhere".into();
                }
                for panel in &mut v.panels {
                    panel.size = field(|k| matches!(k, Kind::Date));
                }
            }
        },
    ),
    (
        "decision tables turning on verdicts, their own among them",
        |p| {
            let verdicts = |is: &str| {
                Condition::Any(
                    VerdictOf::ALL
                        .into_iter()
                        .map(|of| {
                            Condition::Verdict(VerdictCondition {
                                of,
                                is: vec![is.into()],
                            })
                        })
                        .collect(),
                )
            };
            each_condition(p, |c| {
                *c = Condition::Any(vec![verdicts("bogus"), verdicts("required"), c.clone()]);
            });
            for v in &mut p.versions {
                v.outcomes.management.clear();
            }
        },
    ),
    (
        "panels without cases or an expert panel table, empty decision tables",
        |p| {
            for v in p.versions.iter_mut().filter(|v| !v.panels.is_empty()) {
                v.outcomes.approval.clear();
                v.outcomes.merge.clear();
                v.outcomes.expert_panel.clear();
                for panel in &mut v.panels {
                    panel.cases.clear();
                }
            }
        },
    ),
    (
        "windows without a length, deadlines without a day, a resource table's values not its own",
        |p| {
            for v in &mut p.versions {
                for w in &mut v.windows {
                    w.min = None;
                    w.max = None;
                }
                for d in &mut v.deadlines {
                    d.by = "13-45".into();
                }
                if let Some(t) = &mut v.resource_table {
                    t.needs_condition = "nowhere".into();
                    t.needs_reason = "elsewhere".into();
                    t.sharing.clear();
                }
            }
        },
    ),
    (
        "one rule id for every rule, windows at the bounds' edges",
        |p| {
            let id: Arc<str> = "the-one-rule".into();
            let spans = [
                Span::WorkingDays(2600),
                Span::Days(3660),
                Span::Months(120),
                Span::Years(10),
            ];
            for v in &mut p.versions {
                for case in &mut v.outcomes.approval {
                    case.id = Arc::clone(&id);
                }
                for case in &mut v.outcomes.merge {
                    case.id = Arc::clone(&id);
                }
                for r in &mut v.requirements {
                    r.id = Arc::clone(&id);
                }
                for r in &mut v.restrictions {
                    r.id = Arc::clone(&id);
                }
                for r in &mut v.required_fields {
                    r.id = Arc::clone(&id);
                }
                for (i, w) in v.windows.iter_mut().enumerate() {
                    w.id = Arc::clone(&id);
                    w.max = spans.get(i % spans.len()).copied();
                    w.min = spans.get((i + 1) % spans.len()).copied();
                }
            }
        },
    ),
];

fn cite(article: Option<u32>, clause: Option<&str>, annex: Option<u32>) -> Cites {
    Cites::from(vec![Cite {
        article,
        clause: clause.map(Into::into),
        annex,
    }])
}

/// The first field of a kind.
fn field(kind: fn(&Kind) -> bool) -> FieldRef {
    FieldRef(
        FIELDS
            .iter()
            .find(|spec| kind(&spec.kind))
            .map_or(Field::TotalInvestment, |spec| spec.field),
    )
}

fn amount(field: FieldRef, param: &str) -> AmountCondition {
    AmountCondition {
        field,
        superseded_by: None,
        op: Op::Ge,
        param: param.into(),
        wording: "".into(),
        boundary_reading: "".into(),
        boundary_reading_en: "".into(),
        // A citation of nothing the regulation has: the boundary notice must still be written.
        cite: cite(Some(999), Some("九"), None),
    }
}

fn each_case<T>(cases: &mut [Case<T>], f: &mut impl FnMut(&mut Cites, &mut Condition)) {
    for case in cases {
        f(&mut case.cite, &mut case.when);
    }
}

/// Every rule's citations and condition, in every version.
fn each_rule(p: &mut Profile, mut f: impl FnMut(&mut Cites, &mut Condition)) {
    for v in &mut p.versions {
        each_rule_of(v, &mut f);
    }
}

fn each_rule_of(v: &mut Version, f: &mut impl FnMut(&mut Cites, &mut Condition)) {
    let o = &mut v.outcomes;
    each_case(&mut o.approval, f);
    each_case(&mut o.merge, f);
    each_case(&mut o.supervision, f);
    each_case(&mut o.management, f);
    each_case(&mut o.expert_panel, f);
    each_case(&mut o.financial_review, f);
    each_case(&mut o.acceptance, f);
    for panel in &mut v.panels {
        each_case(&mut panel.cases, f);
    }
    for r in &mut v.requirements {
        f(&mut r.cite, &mut r.when);
    }
    for r in &mut v.required_fields {
        f(&mut r.cite, &mut r.when);
    }
    for w in &mut v.windows {
        f(&mut w.cite, &mut w.when);
    }
    for r in &mut v.restrictions {
        f(&mut r.cite, &mut r.when);
    }
    let mut always = Condition::Always;
    for d in &mut v.deadlines {
        f(&mut d.cite, &mut always);
    }
    for e in &mut v.enumerations {
        f(&mut e.cite, &mut always);
    }
    let names: Vec<Arc<str>> = v.parameters.keys().cloned().collect();
    for name in names {
        if let Some(p) = v.parameters.get_mut(&name) {
            f(&mut p.cite, &mut always);
        }
    }
    if let Some(a) = &mut v.adjustment {
        f(&mut a.cite, &mut always);
    }
}

fn each_cites(p: &mut Profile, mut f: impl FnMut(&mut Cites)) {
    each_rule(p, |cites, _| f(cites));
}

fn each_condition(p: &mut Profile, mut f: impl FnMut(&mut Condition)) {
    each_rule(p, |_, when| f(when));
}

/// Each built-in regulation broken one way, under the id `broken`; a regulation the break finds
/// nothing to change in is left out.
fn broken(apply: fn(&mut Profile)) -> Vec<Profile> {
    BUILTIN_PROFILES
        .iter()
        .filter_map(|(id, _)| {
            let mut profile = builtin().get(id)?.clone();
            profile.id = "broken".into();
            let before = format!("{profile:?}");
            apply(&mut profile);
            (format!("{profile:?}") != before).then_some(profile)
        })
        .collect()
}

#[test]
fn every_break_changes_some_regulation() {
    for (name, apply) in BREAKS {
        assert!(!broken(*apply).is_empty(), "{name}: no regulation changed");
    }
}

/// What the engine relies on to finish and stay exact is checked in every build.
#[test]
fn every_build_refuses_a_profile_out_of_bounds() {
    let mut profile = builtin().get("tongzhou").unwrap().clone();
    profile.id = "broken county".into();
    let v = &mut profile.versions[0];
    v.windows[0].max = Some(Span::WorkingDays(u32::MAX));
    let name = v.parameters.keys().next().unwrap().clone();
    v.parameters.get_mut(&name).unwrap().value = Some(rust_decimal::Decimal::MAX);
    let errors = Registry::default().add(profile).map(|_| ()).unwrap_err();
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "id".to_string(),
            format!("versions[0].parameters.{name}.value"),
            "versions[0].windows[0].max".to_string(),
        ]
    );
}

#[cfg(feature = "profile-check")]
#[test]
fn a_build_that_checks_profiles_refuses_each_break() {
    for (name, apply) in BREAKS {
        for profile in broken(*apply) {
            let region = profile.region.clone();
            let errors = Registry::default()
                .add(profile)
                .map(|_| ())
                .expect_err(name);
            assert!(!errors.is_empty(), "{name} ({region})");
        }
    }
}

const FIXTURES: &[&str] = &[
    include_str!("fixtures/tongzhou-declaration.json"),
    include_str!("fixtures/shexian-declaration.json"),
    include_str!("fixtures/tinghu-declaration.json"),
    include_str!("fixtures/jiangjin-declaration.json"),
    include_str!("fixtures/xiangcheng-declaration.json"),
];

#[cfg(not(feature = "profile-check"))]
#[test]
fn a_build_without_the_check_validates_with_each_break_and_no_panic() {
    use gov_it_rules::live::LiveValidator;
    use gov_it_rules::profile::Stage;
    use gov_it_rules::Options;
    use serde_json::json;

    let stages = [
        None,
        Some(Stage::Declaration),
        Some(Stage::Approval),
        Some(Stage::Implementation),
        Some(Stage::Acceptance),
    ];
    let edits = [
        ("totalInvestment", json!("300")),
        ("totalInvestment", json!("3000.5")),
        ("totalInvestment", json!(null)),
        ("funding.thisYear.total", json!("10")),
        ("documents", json!([])),
        ("resources", json!([])),
    ];
    for (name, apply) in BREAKS {
        for profile in broken(*apply) {
            let region = profile.region.clone();
            let mut registry = Registry::default();
            let id = registry.add(profile).map(|p| p.id.clone());
            assert_eq!(id.as_deref(), Ok("broken"), "{name} ({region})");
            for (i, fixture) in FIXTURES.iter().enumerate() {
                let options = Options {
                    jurisdiction: "broken".into(),
                    stage: stages[i % stages.len()],
                    ..Options::default()
                };
                let report = registry.validate_str(fixture, &options);
                let jurisdiction = report.jurisdiction.as_ref().map(|j| j.id.as_str());
                assert_eq!(jurisdiction, Some("broken"), "{name} ({region})");
                serde_json::to_string(&report).expect("the report serialises");

                let mut live = LiveValidator::new(&registry, options.clone());
                live.replace_text(fixture);
                for (path, value) in &edits {
                    let delta = live.set(path, value).expect("a field's path");
                    serde_json::to_string(&delta).expect("the delta serialises");
                }
                live.replace_text(fixture);
                assert!(
                    live.report() == &registry.validate_str(fixture, &options),
                    "{name} ({region}): after the edits the live validator answers otherwise than a fresh validation"
                );
            }
        }
    }
}

/// Each built-in regulation's compiled bytes altered at a few places (a seeded generator, so
/// every run is the same): whatever a build accepts validates fixtures and answers live edits.
/// Among them are profiles whose bounds pass and whose cross-references do not (an index or a
/// key altered), which only the build without the check loads: the default build counts them,
/// so that this test fails should the alterations stop reaching that path.
#[test]
fn altered_compiled_profiles_that_load_validate_without_a_panic() {
    use gov_it_rules::live::LiveValidator;
    use gov_it_rules::profile::{bounds, compact};
    use gov_it_rules::Options;
    use serde_json::json;

    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let (mut loaded_count, mut bounds_only) = (0, 0);
    for (id, compiled) in BUILTIN_PROFILES {
        for _ in 0..1000 {
            let mut bytes = compiled.to_vec();
            for _ in 0..1 + next() % 3 {
                let at = (next() % bytes.len() as u64) as usize;
                bytes[at] = next() as u8;
            }
            let within_bounds = compact::decode(&bytes).is_ok_and(|p| bounds(&p).is_empty());
            let mut registry = Registry::default();
            let loaded = registry.load_compiled(&bytes).map(|p| p.id.clone());
            if cfg!(feature = "profile-check") {
                bounds_only += usize::from(within_bounds && loaded.is_err());
            } else {
                assert_eq!(loaded.is_ok(), within_bounds, "{id}");
            }
            let Ok(loaded) = loaded else { continue };
            loaded_count += 1;
            let options = Options {
                jurisdiction: loaded,
                ..Options::default()
            };
            // 通州's and 亭湖's.
            for fixture in [FIXTURES[0], FIXTURES[2]] {
                let report = registry.validate_str(fixture, &options);
                assert!(report.jurisdiction.is_some(), "{id}");
                let mut live = LiveValidator::new(&registry, options.clone());
                live.replace_text(fixture);
                for amount in ["300", "3000.5", "50"] {
                    live.set("totalInvestment", &json!(amount))
                        .expect("a field");
                }
                live.replace_text(fixture);
                assert!(
                    live.report() == &registry.validate_str(fixture, &options),
                    "{id}: the live validator answers otherwise than a fresh validation"
                );
            }
        }
    }
    assert!(loaded_count > 0);
    if cfg!(feature = "profile-check") {
        assert!(
            bounds_only > 0,
            "no alteration reached the path without the check"
        );
    }
}
