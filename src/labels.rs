//! Every label a form or a custom UI shows, in both locales, from one place: the field labels of
//! the 申报表 (from [`crate::model::fields`]), the labels of each field's choices, of each verdict
//! value (approval need, merge mode, supervision mode, management mode, initial acceptance), of
//! the stages, and each jurisdiction's document names. The package exports them as `labels()`,
//! and its `attach()` reads its verdict labels from there.

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::messages::{stage_label, Locale};
use crate::model::fields::{DOCUMENT_KEYS, RESOURCE_KEYS, STAGES};
use crate::model::{Kind, FIELDS};
use crate::profile::{ApprovalNeed, InitialAcceptance, ManagementMode, MergeMode, SupervisionMode};
use crate::sorted::SortedMap;
use crate::Registry;

/// The repeated tables, after the scalar fields in form order: label of the table, then of its
/// cells.
pub const TABLES: &[(&str, &str, &str, &[&str])] = &[
    ("documents", "材料清单", "Documents", DOCUMENT_KEYS),
    (
        "resources",
        "信息资源表",
        "Information-resource table",
        RESOURCE_KEYS,
    ),
];

/// The label of a table cell (`sharing` → 共享属性); `None` for a key that is no cell.
pub fn cell_label(cell: &str) -> Option<(&'static str, &'static str)> {
    Some(match cell {
        "name" => ("信息资源名称", "name"),
        "description" => ("信息资源描述", "description"),
        "updateFrequency" => ("采集更新频率", "update frequency"),
        "sharing" => ("共享属性", "sharing"),
        "condition" => ("共享条件", "condition"),
        "reason" => ("不予共享原因", "reason"),
        "note" => ("备注", "note"),
        "kind" => ("材料类别", "kind"),
        "chapters" => ("篇章", "chapters"),
        "title" => ("标题", "title"),
        _ => return None,
    })
}

/// The label of a choice key of a field (`Kind::Choice`/`Kind::Choices`): 项目类别, 申报单位类别,
/// 明确要求建设的上级, 阶段, 调整情形.
pub fn choice_label(key: &str) -> Option<(&'static str, &'static str)> {
    Some(match key {
        "new" => ("新建", "new"),
        "continuation" => ("续建", "continuation"),
        "upgrade" => ("升级改造", "upgrade"),
        "operations" => ("运维", "operations and maintenance"),
        "serviceProcurement" => ("购买服务", "service procurement"),
        "priorYearUnpaid" => ("往年未支付", "unpaid from prior years"),
        "department" => ("部门、直属单位", "department or directly affiliated unit"),
        "township" => ("乡镇、街道", "township or subdistrict"),
        "subordinate" => ("部门下属单位", "unit under a department"),
        "enterprise" => (
            "区（县）管企事业单位",
            "enterprise or institution under the district",
        ),
        "other" => ("其他", "other"),
        "national" => ("国家", "national"),
        "provincial" => ("省级", "provincial"),
        "municipal" => ("市级", "municipal"),
        "county" => ("区（县）级", "district or county"),
        "superiorDeployment" => (
            "根据上级部署确需改变建设内容",
            "a superior's deployment requires it",
        ),
        "technicalOptimisation" => (
            "确需对原技术方案完善优化",
            "the technical plan must be improved",
        ),
        "businessDevelopment" => (
            "业务发展需要，在已批复框架下调整",
            "business needs, within the approved framework",
        ),
        _ => return stage_label(key),
    })
}

/// Each verdict's values with their labels, from the enums' own tables: `approval` (its `need`),
/// `merge`, `supervision` and `management` (their `mode`), `initialAcceptance`.
pub fn verdict_values() -> [(&'static str, Vec<VerdictValue>); 5] {
    fn all<T: Copy>(
        values: &[T],
        key: fn(T) -> &'static str,
        label: fn(T) -> (&'static str, &'static str),
    ) -> Vec<VerdictValue> {
        values.iter().map(|v| (key(*v), label(*v))).collect()
    }
    [
        (
            "approval",
            all(ApprovalNeed::ALL, ApprovalNeed::key, ApprovalNeed::label),
        ),
        (
            "merge",
            all(MergeMode::ALL, MergeMode::key, MergeMode::label),
        ),
        (
            "supervision",
            all(
                SupervisionMode::ALL,
                SupervisionMode::key,
                SupervisionMode::label,
            ),
        ),
        (
            "management",
            all(
                ManagementMode::ALL,
                ManagementMode::key,
                ManagementMode::label,
            ),
        ),
        (
            "initialAcceptance",
            all(
                InitialAcceptance::ALL,
                InitialAcceptance::key,
                InitialAcceptance::label,
            ),
        ),
    ]
}

/// A verdict value's key as reports write it, and its labels in Chinese and English.
pub type VerdictValue = (&'static str, (&'static str, &'static str));

/// Pairs serialized as a JSON object in their order (a form's order matters to a UI).
struct Ordered<V>(Vec<(&'static str, V)>);

impl<V: Serialize> Serialize for Ordered<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// Every label a form or a custom UI shows, in one locale.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Labels {
    locale: Locale,
    /// Every field path of the 申报表 with its label, in form order, then `documents` and
    /// `resources`.
    fields: Ordered<&'static str>,
    /// Every group of fields with its heading on the 申报表, in form order (`funding` 资金来源,
    /// `funding.thisYear` 本年度申请资金, …), as messages name a group.
    groups: Ordered<&'static str>,
    /// The labels of each table's cells.
    cells: Ordered<Ordered<&'static str>>,
    /// The labels of the choices of each field that takes listed keys, by field path.
    choices: Ordered<Ordered<&'static str>>,
    /// The labels of each verdict's values, as `report.outcomes` gives them: `approval` (its
    /// `need`), `merge`, `supervision` and `management` (their `mode`), `initialAcceptance` (of the
    /// `acceptance` verdict).
    verdicts: Ordered<Ordered<&'static str>>,
    stages: Ordered<&'static str>,
    /// Each jurisdiction's document names, by document key (every version's).
    documents: SortedMap<String, SortedMap<String, String>>,
    /// Each jurisdiction's names of the chapters a document may have to contain (a document's
    /// `chapters` takes the key or the name), by chapter key (every version's).
    chapters: SortedMap<String, SortedMap<String, String>>,
    /// Each jurisdiction's own labels of the fields its regulation words otherwise than `fields`
    /// does (相城's 「预算总投资」 for 预计总投资), by field path (every version's).
    jurisdiction_fields: SortedMap<String, SortedMap<String, String>>,
}

fn pick(locale: Locale, (zh, en): (&'static str, &'static str)) -> &'static str {
    locale.pick(zh, en)
}

/// For each jurisdiction `registry` holds, the names `of` each of its versions gives, gathered.
fn by_jurisdiction(
    registry: &Registry,
    of: impl Fn(&crate::profile::Version) -> SortedMap<String, String>,
) -> SortedMap<String, SortedMap<String, String>> {
    crate::sorted::gathered(registry.profiles().into_iter().map(|profile| {
        let mut names = SortedMap::default();
        for version in &profile.versions {
            names.extend(of(version));
        }
        (profile.id.clone(), names)
    }))
}

/// Every label in `locale`; the document names of every jurisdiction `registry` holds.
pub fn labels(registry: &Registry, locale: Locale) -> Labels {
    let mut fields: Vec<_> = FIELDS
        .iter()
        .map(|s| (s.path, locale.pick(s.zh, s.en)))
        .collect();
    fields.extend(
        TABLES
            .iter()
            .map(|(t, zh, en, _)| (*t, locale.pick(*zh, *en))),
    );
    let groups = crate::model::fields::GROUPS
        .iter()
        .map(|g| (g.path, locale.pick(g.zh, g.en)))
        .collect();
    let cells = TABLES
        .iter()
        .map(|(table, _, _, keys)| {
            let cells = keys
                .iter()
                .filter_map(|k| Some((*k, pick(locale, cell_label(k)?))))
                .collect();
            (*table, Ordered(cells))
        })
        .collect();
    let choices = FIELDS
        .iter()
        .filter_map(|s| match s.kind {
            Kind::Choice(keys) | Kind::Choices(keys) => Some((s.path, keys)),
            _ => None,
        })
        .map(|(path, keys)| {
            let labels = keys
                .iter()
                .filter_map(|k| Some((*k, pick(locale, choice_label(k)?))))
                .collect();
            (path, Ordered(labels))
        })
        .collect();
    let verdicts = verdict_values()
        .into_iter()
        .map(|(verdict, values)| {
            let labels = values
                .into_iter()
                .map(|(key, label)| (key, pick(locale, label)))
                .collect();
            (verdict, Ordered(labels))
        })
        .collect();
    let stages = STAGES
        .iter()
        .filter_map(|s| Some((*s, pick(locale, stage_label(s)?))))
        .collect();
    let documents = by_jurisdiction(registry, |v| v.document_names(locale));
    let chapters = by_jurisdiction(registry, |v| v.chapter_names(locale));
    let jurisdiction_fields = by_jurisdiction(registry, |v| {
        crate::sorted::gathered(v.field_labels.iter().map(|l| {
            let field = l.field.0;
            (
                field.path().to_string(),
                v.field_label(field, locale).to_string(),
            )
        }))
    });
    Labels {
        locale,
        fields: Ordered(fields),
        groups: Ordered(groups),
        cells: Ordered(cells),
        choices: Ordered(choices),
        verdicts: Ordered(verdicts),
        stages: Ordered(stages),
        documents,
        chapters,
        jurisdiction_fields,
    }
}

/// What the package's wrapper needs to put issues in form order and to read a form's checkbox
/// groups: every path in form order (scalar fields, then the tables), each table's cells in
/// order, and the paths that hold a list of ticked boxes.
#[derive(serde::Serialize)]
pub struct FormLayout {
    order: Vec<&'static str>,
    cells: Ordered<&'static [&'static str]>,
    lists: Vec<&'static str>,
}

pub fn form_layout() -> FormLayout {
    let mut order: Vec<_> = FIELDS.iter().map(|s| s.path).collect();
    order.extend(TABLES.iter().map(|t| t.0));
    let mut lists: Vec<_> = FIELDS
        .iter()
        .filter(|s| matches!(s.kind, Kind::Choices(_) | Kind::Texts))
        .map(|s| s.path)
        .collect();
    lists.push("documents");
    FormLayout {
        order,
        cells: Ordered(TABLES.iter().map(|t| (t.0, t.3)).collect()),
        lists,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value as Json;

    fn json(locale: Locale) -> Json {
        serde_json::to_value(labels(crate::builtin(), locale)).unwrap_or(Json::Null)
    }

    #[test]
    fn every_verdict_value_has_a_label_in_both_locales() {
        for (verdict, values) in verdict_values() {
            for (key, (zh, en)) in values {
                assert!(!zh.is_empty() && !en.is_empty(), "{verdict}.{key}");
                assert!(!zh.is_ascii(), "{verdict}.{key}: {zh}");
            }
        }
    }

    #[test]
    fn a_regulation_that_words_a_field_otherwise_has_its_own_label() {
        let zh = json(Locale::ZhCn);
        let own = &zh["jurisdictionFields"];
        assert_eq!(own["xiangcheng"]["totalInvestment"], "预算总投资");
        assert_eq!(own["xiangcheng"]["dates.approval"], "项目任务书下达日期");
        assert_eq!(own["tongzhou"]["totalInvestment"], Json::Null);
        assert_eq!(zh["fields"]["totalInvestment"], "预计总投资");
        assert_eq!(
            json(Locale::En)["jurisdictionFields"]["xiangcheng"]["totalInvestment"],
            "Total budget"
        );
    }

    #[test]
    fn every_choice_and_cell_has_a_label() {
        for spec in FIELDS {
            if let Kind::Choice(keys) | Kind::Choices(keys) = spec.kind {
                for key in keys {
                    assert!(choice_label(key).is_some(), "{}: {key}", spec.path);
                }
            }
        }
        for (table, _, _, keys) in TABLES {
            for key in *keys {
                assert!(cell_label(key).is_some(), "{table}.{key}");
            }
        }
    }

    #[test]
    fn fields_come_in_form_order_then_the_tables() {
        let zh = json(Locale::ZhCn);
        let fields = zh["fields"].as_object().cloned().unwrap_or_default();
        let keys: Vec<&str> = fields.keys().map(String::as_str).collect();
        let mut expected: Vec<&str> = FIELDS.iter().map(|s| s.path).collect();
        expected.extend(["documents", "resources"]);
        // serde_json's map may sort; the order is checked on the text below.
        assert_eq!(keys.len(), expected.len());
        let text = crate::json_text::to_vec(&labels(crate::builtin(), Locale::ZhCn))
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        let positions: Vec<usize> = expected
            .iter()
            .filter_map(|p| text.find(&format!("\"{p}\":")))
            .collect();
        assert_eq!(positions.len(), expected.len());
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "form order");
        assert_eq!(
            zh["fields"]["funding.thisYear.total"],
            "本年度申请资金：合计"
        );
        assert_eq!(
            json(Locale::En)["fields"]["totalInvestment"],
            "Estimated total investment"
        );
    }

    #[test]
    fn labels_hold_verdicts_stages_choices_and_each_jurisdictions_documents() {
        let zh = json(Locale::ZhCn);
        assert_eq!(zh["verdicts"]["merge"]["separate"], "分别编报");
        assert_eq!(zh["stages"]["acceptance"], "验收");
        assert_eq!(zh["choices"]["unitKind"]["township"], "乡镇、街道");
        assert_eq!(zh["cells"]["resources"]["sharing"], "共享属性");
        assert_eq!(zh["groups"]["funding.thisYear"], "本年度申请资金");
        assert_eq!(zh["documents"]["tongzhou"]["proposal"], "项目建设建议书");
        let en = json(Locale::En);
        assert_eq!(en["verdicts"]["approval"]["notRequired"], "no approval");
        assert_eq!(en["stages"]["approval"], "approval");
        assert_eq!(en["groups"]["funding"], "Sources of funding");
        let groups = zh["groups"].as_object().cloned().unwrap_or_default();
        // serde_json's map sorts its keys: every group, each once.
        let mut table: Vec<&str> = crate::model::fields::GROUPS
            .iter()
            .map(|g| g.path)
            .collect();
        table.sort_unstable();
        assert!(groups.keys().map(String::as_str).eq(table), "every group");
        for profile in crate::builtin().profiles() {
            let names = en["documents"][&profile.id]
                .as_object()
                .map_or(0, |m| m.len());
            assert!(names > 0, "{}", profile.id);
        }
    }

    #[test]
    fn the_layout_lists_the_checkbox_groups_and_the_cells() {
        let layout = serde_json::to_value(form_layout()).unwrap_or(Json::Null);
        assert_eq!(
            layout["lists"],
            serde_json::json!(["networkType", "mandatedBy", "documents"])
        );
        assert_eq!(layout["cells"]["resources"][3], "sharing");
        assert_eq!(layout["order"][0], "year");
    }
}
