//! Writes the npm package's types, js/index.d.ts, whole: the wrapper's own API from the template
//! js/index.api.d.ts, and in it, where a `// @generate NAME` line stands, the declarations that
//! mirror the core: the report, delta and catalogue types from their Rust definitions (fields,
//! serde's names and what serde leaves out, doc comments), and the unions from the Rust tables
//! (fields, choices, codes, verdict values, stages, locales, outcome names, built-in
//! jurisdictions, options).

mod rust;

use std::collections::BTreeSet;
use std::fmt::Write;

use gov_it_rules::codes::CODES;
use gov_it_rules::labels::{verdict_values, TABLES};
use gov_it_rules::messages::Locale;
use gov_it_rules::model::fields::{self, Kind, DOCUMENT_KEYS, RESOURCE_KEYS};
use gov_it_rules::model::FIELDS;
use gov_it_rules::outcomes::OUTCOMES;
use gov_it_rules::profile::{
    ApprovalNeed, InitialAcceptance, ManagementMode, MergeMode, Stage, SupervisionMode,
};
use gov_it_rules::BUILTIN_JURISDICTIONS;
use syn::Type;

use rust::{path_of, Crate};

pub const DTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/js/index.d.ts");
const TEMPLATE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/js/index.api.d.ts");

const WIDTH: usize = 100;

const HEADER: &str = "\
// Types of gov-it-rules: cited validation of government IT-project applications (政务信息化项目).
//
// Generated: do not edit. tests/wasm_types.rs writes this file from the wrapper's own API
// (js/index.api.d.ts) and, from the Rust core, the types that mirror it: the report, delta,
// catalogue and label types from their definitions (src/lib.rs, src/report.rs, src/live.rs,
// src/catalogue.rs, src/labels.rs, src/profile/mod.rs) with their doc comments, and the unions
// from the Rust tables (fields and choices in src/model/fields.rs, codes in src/codes.rs, verdict
// values and stages in src/profile/mod.rs, outcome names in src/outcomes.rs, locales in
// src/messages.rs, options in src/options.rs, the built-in jurisdictions in src/registry.rs).
// After changing any of them, or js/index.api.d.ts:
//   UPDATE_TYPES=1 cargo test --test wasm_types
";

/// The unions of the keyed enums (`keyed_values!` in src/profile/mod.rs), from their `KEYS`.
const KEYED: &[(&str, &[&str], &str)] = &[
    (
        "ApprovalNeed",
        ApprovalNeed::KEYS,
        "Whether the project needs approval: `Approval.need`.",
    ),
    (
        "MergeMode",
        MergeMode::KEYS,
        "How the documents may be compiled: `Merge.mode`.",
    ),
    (
        "SupervisionMode",
        SupervisionMode::KEYS,
        "How the project is supervised: `Supervision.mode`.",
    ),
    (
        "ManagementMode",
        ManagementMode::KEYS,
        "How the project is managed: `Management.mode`.",
    ),
    (
        "InitialAcceptance",
        InitialAcceptance::KEYS,
        "Whether an initial acceptance comes first: `Acceptance.initialAcceptance`.",
    ),
];

/// Fields whose Rust type says less than their values do (a `&'static str` that is a code, a
/// stage or one of a few words; a date as text). The unions of words are checked against real
/// reports by tests/wasm_types.rs.
const FIELD_TYPES: &[(&str, &str)] = &[
    ("Diagnostic.code", "Code"),
    (
        "RequiredDocument.status",
        "'present' | 'missing' | 'conditional'",
    ),
    ("WindowReport.fromDate", "DateString"),
    ("WindowReport.earliest", "DateString"),
    ("WindowReport.latest", "DateString"),
    ("WindowReport.actual", "DateString"),
    (
        "WindowReport.status",
        "'pending' | 'open' | 'met' | 'early' | 'late' | 'overdue' | 'conditional'",
    ),
    ("AdjustmentVerdict.route", "'simplified' | 'full'"),
    ("NearestThreshold.direction", "'below' | 'above'"),
    ("JurisdictionInfo.issued", "DateString"),
    ("JurisdictionInfo.inForce", "DateString"),
    (
        "JurisdictionInfo.outcomeNames",
        "Partial<Record<OutcomeName, string>>",
    ),
    ("Report.asOf", "DateString"),
    ("Report.stage", "Stage"),
    ("Delta.stage", "Stage"),
    ("JurisdictionEntry.id", "JurisdictionId | (string & {})"),
    ("JurisdictionEntry.issued", "DateString | null"),
    ("JurisdictionEntry.inForce", "DateString | null"),
    ("JurisdictionEntry.repealed", "DateString | null"),
    (
        "JurisdictionEntry.choices",
        "Partial<Record<FieldPath, string[]>>",
    ),
    (
        "JurisdictionEntry.outcomeNames",
        "Partial<Record<OutcomeName, string>>",
    ),
    (
        "JurisdictionEntry.resourceChoices",
        "Partial<Record<'sharing' | 'updateFrequency', string[]>>",
    ),
    ("VersionEntry.issued", "DateString | null"),
    ("VersionEntry.inForce", "DateString | null"),
    ("VersionEntry.repealed", "DateString | null"),
    ("CodeEntry.code", "Code"),
    ("CodeEntry.family", "CodeFamily"),
    ("ProvisionEntry.codes", "Code[]"),
    ("Delta.asOf", "DateString"),
];

/// What the package's types say of a type whose Rust doc speaks of Rust (the borrowing of the
/// delta's types, in src/live.rs) or that has none (in src/rules/, which the generator only reads).
const TYPE_DOCS: &[(&str, &str)] = &[
    (
        "Delta",
        "What one edit changed. Two diagnostics are the same when their code, path, rule and params \
         are. An outcome is present only when it changed in any way (verdict, status, reasons or \
         what is missing); `null` when it no longer applies.",
    ),
    (
        "OutcomeChanges",
        "The outcomes that changed, each with its new value; `null` when it no longer applies. \
         Unchanged ones are absent.",
    ),
    (
        "AdjustmentVerdict",
        "Whether a budget adjustment may take the simplified route.",
    ),
];

/// The whole of js/index.d.ts.
pub fn generate() -> String {
    let template = std::fs::read_to_string(TEMPLATE).unwrap();
    // The template's own opening comment, up to the first blank line, says what it is.
    let body = template
        .split_once("\n\n")
        .map_or(template.as_str(), |(_, rest)| rest);
    let krate = Crate::read();
    let mut out = String::from(HEADER);
    out.push('\n');
    let mut used = BTreeSet::new();
    for line in body.split_inclusive('\n') {
        let Some(name) = line.trim().strip_prefix("// @generate ") else {
            out.push_str(line);
            continue;
        };
        assert!(used.insert(name.to_string()), "@generate {name} twice");
        out.push_str(&match name {
            "application" => application(),
            "options" => options(&krate),
            "codes" => codes(),
            "report" => report(&krate),
            "live" => live(&krate),
            "catalogue" => catalogue(&krate),
            "labels" => labels(&krate),
            "shipped" => shipped(),
            other => panic!("js/index.api.d.ts: unknown `// @generate {other}`"),
        });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Declarations

/// `/** … */` before a declaration or member, at `indent`; the doc's paragraphs are kept, its
/// lines filled to the width.
fn jsdoc(out: &mut String, doc: &str, indent: usize) {
    let doc = plain(doc);
    if doc.is_empty() {
        return;
    }
    let pad = " ".repeat(indent);
    let paragraphs: Vec<String> = doc.split("\n\n").map(joined).collect();
    if let [one] = paragraphs.as_slice() {
        if indent + one.chars().count() + 7 <= WIDTH {
            let _ = writeln!(out, "{pad}/** {one} */");
            return;
        }
    }
    let _ = writeln!(out, "{pad}/**");
    for (i, paragraph) in paragraphs.iter().enumerate() {
        if i > 0 {
            let _ = writeln!(out, "{pad} *");
        }
        let mut line = String::new();
        for word in paragraph.split(' ') {
            if !line.is_empty()
                && indent + 3 + line.chars().count() + 1 + word.chars().count() > WIDTH
            {
                let _ = writeln!(out, "{pad} * {line}");
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        let _ = writeln!(out, "{pad} * {line}");
    }
    let _ = writeln!(out, "{pad} */");
}

/// A paragraph's lines as one: a line break is a space, except between two Chinese characters.
fn joined(paragraph: &str) -> String {
    let mut out = String::new();
    for line in paragraph.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let cjk = |c: Option<char>| c.is_some_and(|c| !c.is_ascii());
        let between_chinese = cjk(out.chars().last()) && cjk(line.chars().next());
        if !out.is_empty() && !between_chinese {
            out.push(' ');
        }
        out.push_str(&line.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    out
}

/// A Rust doc comment as plain Markdown: intra-doc links (`[`Report`]`, `[`key`](Stage::key)`)
/// become their code spans.
fn plain(doc: &str) -> String {
    let mut out = String::new();
    let mut rest = doc;
    while let Some(start) = rest.find("[`") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find("`]") else {
            out.push_str(&rest[start..]);
            return out;
        };
        out.push_str(&after[..end + 1]);
        rest = &after[end + 2..];
        if rest.starts_with('(') {
            if let Some(close) = rest.find(')') {
                rest = &rest[close + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn union(keys: &[&str]) -> String {
    keys.iter()
        .map(|k| format!("'{k}'"))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// `export type NAME = 'a' | 'b';`, with its doc.
fn union_decl(out: &mut String, name: &str, keys: &[&str], doc: &str) {
    jsdoc(out, doc, 0);
    let _ = writeln!(out, "export type {name} = {};", union(keys));
}

/// The TypeScript type of a Rust type, in a declaration whose type parameters are `generics`.
fn ts(krate: &Crate, ty: &Type, generics: &[String]) -> String {
    match ty {
        Type::Reference(r) => ts(krate, &r.elem, generics),
        Type::Slice(s) => array(ts(krate, &s.elem, generics)),
        Type::Path(_) => {
            let (name, args) = path_of(ty).unwrap();
            let arg = |i: usize| ts(krate, args[i], generics);
            match name.as_str() {
                // A fact is written as its text, an amount and a date as theirs, a nearest
                // threshold's key as `outcome:field:direction`.
                "String" | "str" | "Fact" | "Decimal" | "NaiveDate" | "NearestKey" => {
                    "string".into()
                }
                "bool" => "boolean".into(),
                "usize" | "u8" | "u16" | "u32" | "u64" | "i32" | "i64" | "f64" => "number".into(),
                "Option" => format!("{} | null", arg(0)),
                "Vec" => array(arg(0)),
                "Arc" | "Box" | "Rc" | "Cow" => arg(0),
                "BTreeMap" | "HashMap" | "SortedMap" => format!("Record<{}, {}>", arg(0), arg(1)),
                _ if generics.contains(&name) => name,
                // An alias the package's types declare too (`Notice`) stays.
                "Notice" => name,
                _ if krate.alias(&name).is_some() => {
                    ts(krate, krate.alias(&name).unwrap(), generics)
                }
                _ => {
                    let mut args: Vec<String> = (0..args.len()).map(arg).collect();
                    // Trailing arguments that are their parameters' defaults are left to them.
                    let defaults = krate.generic_defaults(&name);
                    while let (Some(last), Some(Some(default))) =
                        (args.last(), defaults.get(args.len().wrapping_sub(1)))
                    {
                        if *last != ts(krate, default, generics) {
                            break;
                        }
                        args.pop();
                    }
                    if args.is_empty() {
                        name
                    } else {
                        format!("{name}<{}>", args.join(", "))
                    }
                }
            }
        }
        other => panic!(
            "no TypeScript for {}",
            quote::ToTokens::to_token_stream(other)
        ),
    }
}

fn array(element: String) -> String {
    if element.contains(' ') {
        format!("Array<{element}>")
    } else {
        format!("{element}[]")
    }
}

/// `export interface NAME<T> { … }` from the Rust struct: its doc, and each field serde writes
/// with its doc; a field serde leaves out when empty is optional, and its `Option` is taken off.
fn interface(out: &mut String, krate: &Crate, name: &str) {
    let doc = TYPE_DOCS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or_else(|| krate.doc(name), |(_, d)| d.to_string());
    jsdoc(out, &doc, 0);
    let generics = krate.generics(name);
    let params = if generics.is_empty() {
        String::new()
    } else {
        let defaults = krate.generic_defaults(name);
        let params: Vec<String> = (generics.iter().zip(defaults))
            .map(|(param, default)| match default {
                Some(ty) => format!("{param} = {}", ts(krate, &ty, &generics)),
                None => param.clone(),
            })
            .collect();
        format!("<{}>", params.join(", "))
    };
    let _ = writeln!(out, "export interface {name}{params} {{");
    for field in krate.fields(name) {
        let ty = match FIELD_TYPES
            .iter()
            .find(|(f, _)| *f == format!("{name}.{}", field.name))
        {
            Some((_, ty)) => ty.to_string(),
            None => {
                let ty = match path_of(&field.ty) {
                    Some((outer, args)) if field.optional && outer == "Option" => args[0].clone(),
                    _ => field.ty.clone(),
                };
                ts(krate, &ty, &generics)
            }
        };
        let ty = match (name, field.name.as_str()) {
            // The verdicts a threshold can change: those a decision table decides.
            ("NearestThreshold", "outcome") => {
                let others: Vec<&str> = OUTCOMES
                    .iter()
                    .filter(|o| o.table.is_none())
                    .map(|o| o.key)
                    .collect();
                format!("Exclude<OutcomeName, {}>", union(&others))
            }
            _ => ty,
        };
        jsdoc(out, &field.doc, 2);
        let optional = if field.optional { "?" } else { "" };
        let _ = writeln!(out, "  {}{optional}: {ty};", field.name);
    }
    out.push_str("}\n");
}

/// Every field override names a field of its type.
pub fn check_overrides() {
    let krate = Crate::read();
    for (path, _) in FIELD_TYPES {
        let (ty, field) = path.split_once('.').unwrap();
        assert!(
            krate.fields(ty).iter().any(|f| f.name == field),
            "FIELD_TYPES: {path} is no field"
        );
    }
    for (ty, _) in TYPE_DOCS {
        let _ = krate.doc(ty);
    }
}

// ---------------------------------------------------------------------------------------------
// The sections

const CHOICE_LISTS: &[(&str, &[&str])] = &[
    ("ProjectKind", fields::PROJECT_KINDS),
    ("UnitKind", fields::UNIT_KINDS),
    ("Level", fields::LEVELS),
    ("Stage", Stage::KEYS),
    ("AdjustmentReason", fields::ADJUSTMENT_REASONS),
];

fn list_name(keys: &[&str]) -> &'static str {
    CHOICE_LISTS
        .iter()
        .find(|(_, list)| *list == keys)
        .map(|(name, _)| *name)
        .unwrap_or_else(|| panic!("name the choice list {keys:?} in CHOICE_LISTS"))
}

fn field_type(kind: Kind) -> String {
    match kind {
        Kind::Text => "string".into(),
        Kind::Money => "Amount".into(),
        Kind::Date => "DateString".into(),
        Kind::YearMonth => "YearMonthString".into(),
        // A blank string is not filled in (src/model/mod.rs, read_scalar), as a form's empty
        // select or unanswered radio group gives it; the other kinds' types already take ''.
        Kind::Bool => "Flag | ''".into(),
        Kind::Count(..) => "Whole".into(),
        Kind::Choice(keys) => format!("{0} | {0}Label | ''", list_name(keys)),
        Kind::Choices(keys) => format!("({0} | {0}Label)[] | {0} | {0}Label | ''", list_name(keys)),
        Kind::Texts => "string[] | string".into(),
    }
}

/// A group of the field tree: scalar fields and nested groups, in form order.
#[derive(Default)]
struct Group {
    entries: Vec<(String, Entry)>,
}

enum Entry {
    Field(&'static fields::FieldSpec),
    Group(Group),
}

impl Group {
    fn insert(&mut self, parts: &[&str], spec: &'static fields::FieldSpec) {
        match parts {
            [leaf] => self.entries.push((leaf.to_string(), Entry::Field(spec))),
            [head, rest @ ..] => {
                let existing = self.entries.iter_mut().find(|(k, _)| k == head);
                if let Some((_, Entry::Group(g))) = existing {
                    g.insert(rest, spec);
                } else {
                    let mut g = Group::default();
                    g.insert(rest, spec);
                    self.entries.push((head.to_string(), Entry::Group(g)));
                }
            }
            [] => {}
        }
    }

    fn emit(&self, out: &mut String, indent: usize) {
        let pad = " ".repeat(indent);
        for (key, entry) in &self.entries {
            match entry {
                Entry::Field(spec) => {
                    let _ = writeln!(out, "{pad}/** {} — {}. */", spec.zh, spec.en);
                    let _ = writeln!(out, "{pad}{key}?: {} | null;", field_type(spec.kind));
                }
                Entry::Group(g) => {
                    let _ = writeln!(out, "{pad}{key}?: {{");
                    g.emit(out, indent + 2);
                    let _ = writeln!(out, "{pad}}} | null;");
                }
            }
        }
    }
}

/// The application (from src/model/fields.rs): the choice unions and the interfaces.
fn application() -> String {
    let mut tree = Group::default();
    for spec in FIELDS {
        let parts: Vec<&str> = spec.path.split('.').collect();
        tree.insert(&parts, spec);
    }
    let mut out = String::new();
    for (name, keys) in CHOICE_LISTS {
        let _ = writeln!(out, "export type {name} = {};", union(keys));
        let labels: Vec<&str> = keys
            .iter()
            .map(|k| {
                gov_it_rules::labels::choice_label(k)
                    .unwrap_or_else(|| panic!("{k} has no label"))
                    .0
            })
            .collect();
        let _ = writeln!(
            out,
            "/** The labels a form shows for {{@link {name}}} (e.g. 「{}」), read as their keys. */\nexport type {name}Label = {};",
            labels[0],
            union(&labels)
        );
    }
    out.push_str(
        "\n/**\n * An application (申报表 and the facts the rules turn on). Every field is optional: a form is\n * validated as it is filled in. `null` or an empty string means not filled in.\n */\n",
    );
    out.push_str("export interface Application {\n");
    tree.emit(&mut out, 2);
    out.push_str("  /** 材料清单 — documents on file: a kind (e.g. `proposal`) or an object. */\n");
    out.push_str("  documents?: Array<string | DocumentOnFile> | null;\n");
    out.push_str("  /** 信息资源表 — information-resource table. */\n");
    out.push_str("  resources?: ResourceRow[] | null;\n}\n\n");
    out.push_str("export interface DocumentOnFile {\n");
    for key in DOCUMENT_KEYS {
        let ty = match *key {
            "kind" => "string",
            "chapters" => "string[]",
            _ => "string | null",
        };
        let optional = if *key == "kind" { "" } else { "?" };
        let _ = writeln!(out, "  {key}{optional}: {ty};");
    }
    out.push_str("}\n\nexport interface ResourceRow {\n");
    for key in RESOURCE_KEYS {
        let _ = writeln!(out, "  {key}?: string | null;");
    }
    out.push_str("}\n");
    out
}

/// The codes (from src/codes.rs).
fn codes() -> String {
    let mut out = String::from("export type Code =\n");
    for c in CODES {
        let _ = writeln!(out, "  | '{}' // {}, {:?}", c.id, c.name, c.severity);
    }
    out.push_str("  ;\n\n");
    let mut families: Vec<&str> = CODES.iter().map(|c| c.family).collect();
    families.dedup();
    let _ = writeln!(out, "export type CodeFamily = {};", union(&families));
    out
}

/// The built-in jurisdictions, the locales and the options (src/registry.rs, src/messages.rs,
/// src/options.rs).
fn options(krate: &Crate) -> String {
    let mut out = String::new();
    union_decl(
        &mut out,
        "JurisdictionId",
        BUILTIN_JURISDICTIONS,
        "The built-in jurisdictions.",
    );
    let tags: Vec<&str> = Locale::TAGS.iter().map(|(tag, _)| *tag).collect();
    union_decl(
        &mut out,
        "LocaleTag",
        &tags,
        "Locales options accept; reports say `zh-CN` or `en`.",
    );
    // A report names each locale by its first tag.
    let mut locales: Vec<(&str, Locale)> = Vec::new();
    for (tag, locale) in Locale::TAGS {
        if !locales.iter().any(|(_, l)| l == locale) {
            locales.push((tag, *locale));
        }
    }
    let names: Vec<&str> = locales.iter().map(|(tag, _)| *tag).collect();
    union_decl(
        &mut out,
        "Locale",
        &names,
        "The language of messages and labels, as reports name it.",
    );
    out.push('\n');
    jsdoc(&mut out, &krate.doc("Options"), 0);
    out.push_str("export interface Options {\n");
    for option in gov_it_rules::OPTIONS {
        jsdoc(&mut out, option.doc, 2);
        if option.required {
            let _ = writeln!(out, "  {}: {};", option.key, option.ts);
        } else {
            let _ = writeln!(out, "  {}?: {} | null | undefined;", option.key, option.ts);
        }
    }
    out.push_str("}\n");
    out
}

/// The report (src/report.rs, src/lib.rs, the verdicts in src/profile/mod.rs).
fn report(krate: &Crate) -> String {
    let mut out = String::new();
    let severities = krate.variants("Severity");
    let severities: Vec<&str> = severities.iter().map(String::as_str).collect();
    union_decl(&mut out, "Severity", &severities, &krate.doc("Severity"));
    out.push('\n');
    interfaces(&mut out, krate, &["Citation", "Diagnostic"]);
    jsdoc(&mut out, &krate.doc("Notice"), 0);
    out.push_str("export type Notice = Diagnostic;\n\n");
    interface(&mut out, krate, "Trace");
    out.push('\n');
    outcome(&mut out, krate);
    out.push('\n');
    let keyed = |out: &mut String, name: &str| {
        let (_, keys, doc) = KEYED.iter().find(|(n, _, _)| *n == name).unwrap();
        union_decl(out, name, keys, doc);
    };
    for (verdict, values) in [
        ("Approval", Some("ApprovalNeed")),
        ("Merge", Some("MergeMode")),
        ("Supervision", Some("SupervisionMode")),
        ("Management", Some("ManagementMode")),
        ("Panel", None),
        ("FinancialReview", None),
        ("Acceptance", Some("InitialAcceptance")),
        ("AdjustmentVerdict", None),
    ] {
        if let Some(values) = values {
            keyed(&mut out, values);
        }
        interface(&mut out, krate, verdict);
        out.push('\n');
    }
    interfaces(
        &mut out,
        krate,
        &["RequiredDocument", "WindowReport", "Outcomes"],
    );
    let keys: Vec<&str> = OUTCOMES.iter().map(|o| o.key).collect();
    jsdoc(
        &mut out,
        "The names of the verdicts in `Outcomes`, in their order.",
        0,
    );
    out.push_str("export type OutcomeName =\n");
    let last = keys.len() - 1;
    for (i, key) in keys.iter().enumerate() {
        let end = if i == last { ";" } else { "" };
        let _ = writeln!(out, "  | '{key}'{end}");
    }
    out.push('\n');
    interfaces(
        &mut out,
        krate,
        &[
            "NearestThreshold",
            "NearestVerdict",
            "JurisdictionInfo",
            "Summary",
            "Report",
        ],
    );
    out.pop();
    out
}

/// `Outcome<T>`: the Rust struct with its `status`, as a union by status, so that a determined
/// outcome has its value and an undetermined one has none.
fn outcome(out: &mut String, krate: &Crate) {
    let statuses = krate.variants("Status");
    let [determined, undetermined] = statuses.as_slice() else {
        panic!("Status: teach the generator its values {statuses:?}");
    };
    let fields = krate.fields("Outcome");
    let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        ["status", "value", "because", "missing"],
        "Outcome: teach the generator its fields"
    );
    let generics = krate.generics("Outcome");
    let because = ts(krate, &fields[2].ty, &generics);
    jsdoc(out, &krate.doc("Outcome"), 0);
    let _ = writeln!(out, "export type Outcome<T> =");
    let _ = writeln!(
        out,
        "  | {{ status: '{determined}'; value: T; because: {because}; missing?: never }}"
    );
    let _ = writeln!(out, "  | {{");
    let _ = writeln!(out, "      status: '{undetermined}';");
    let _ = writeln!(out, "      value?: never;");
    let _ = writeln!(out, "      because: {because};");
    jsdoc(out, &fields[3].doc, 6);
    let _ = writeln!(out, "      missing?: string[];");
    let _ = writeln!(out, "    }};");
}

/// The interfaces of `names`, each followed by a blank line.
fn interfaces(out: &mut String, krate: &Crate, names: &[&str]) {
    for name in names {
        interface(out, krate, name);
        out.push('\n');
    }
}

/// The delta (src/live.rs).
fn live(krate: &Crate) -> String {
    let mut out = String::new();
    interfaces(
        &mut out,
        krate,
        &["Changes", "RowChanges", "OutcomeChanges", "Delta"],
    );
    out.pop();
    out
}

/// The catalogue (src/catalogue.rs).
fn catalogue(krate: &Crate) -> String {
    let mut out = String::new();
    interfaces(
        &mut out,
        krate,
        &[
            "JurisdictionEntry",
            "ParameterEntry",
            "VersionEntry",
            "CodeEntry",
            "ProvisionEntry",
            "Catalogue",
        ],
    );
    out.pop();
    out
}

/// The labels (src/labels.rs): the Rust struct's fields, each typed by the tables its labels
/// come from (the fields and tables, the choice lists, the verdict values, the stages).
fn labels(krate: &Crate) -> String {
    let mut out = String::new();
    jsdoc(&mut out, &krate.doc("Labels"), 0);
    out.push_str("export interface Labels {\n");
    let tables: Vec<&str> = TABLES.iter().map(|t| t.0).collect();
    for field in krate.fields("Labels") {
        let ty = match field.name.as_str() {
            "locale" => "Locale".to_string(),
            "fields" => format!("Record<FieldPath | {}, string>", union(&tables)),
            "groups" => {
                let groups: Vec<&str> = fields::GROUPS.iter().map(|g| g.path).collect();
                format!("Record<{}, string>", union(&groups))
            }
            "cells" => {
                let mut ty = String::from("{\n");
                for table in &tables {
                    let row = match *table {
                        "documents" => "DocumentOnFile",
                        "resources" => "ResourceRow",
                        other => panic!("labels: name the row type of the table {other}"),
                    };
                    let _ = writeln!(ty, "    {table}: Record<keyof {row} & string, string>;");
                }
                ty + "  }"
            }
            "choices" => {
                let mut ty = String::from("{\n");
                for spec in FIELDS {
                    if let Kind::Choice(keys) | Kind::Choices(keys) = spec.kind {
                        let key = if spec.path.contains('.') {
                            format!("'{}'", spec.path)
                        } else {
                            spec.path.to_string()
                        };
                        let _ = writeln!(ty, "    {key}: Record<{}, string>;", list_name(keys));
                    }
                }
                ty + "  }"
            }
            "verdicts" => {
                let mut ty = String::from("{\n");
                for (verdict, values) in verdict_values() {
                    let keys: Vec<&str> = values.iter().map(|(k, _)| *k).collect();
                    let (name, _, _) = KEYED
                        .iter()
                        .find(|(_, k, _)| *k == keys.as_slice())
                        .unwrap_or_else(|| panic!("labels: no union has the values of {verdict}"));
                    let _ = writeln!(ty, "    {verdict}: Record<{name}, string>;");
                }
                ty + "  }"
            }
            "stages" => "Record<Stage, string>".to_string(),
            "documents" | "chapters" => {
                "Record<JurisdictionId | (string & {}), Record<string, string>>".to_string()
            }
            "jurisdictionFields" => {
                "Record<JurisdictionId | (string & {}), Partial<Record<FieldPath, string>>>"
                    .to_string()
            }
            other => panic!("labels: teach the generator the type of `{other}`"),
        };
        jsdoc(&mut out, &field.doc, 2);
        let _ = writeln!(out, "  {}: {ty};", field.name);
    }
    out.push_str("}\n");
    out
}

/// The regulations whose profiles ship with the package.
fn shipped() -> String {
    let mut out = String::new();
    union_decl(
        &mut out,
        "ShippedJurisdiction",
        BUILTIN_JURISDICTIONS,
        "The regulations whose profiles ship with the package, in `profiles/`.",
    );
    out
}
