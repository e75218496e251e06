//! The application's scalar fields: one table, read by the parser, the rules, the profiles (which
//! name fields by path) and the live validator.

/// The kind of value a field holds, and how it is parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// 万元, exact decimal; see [`crate::money`].
    Money,
    /// `YYYY-MM-DD`.
    Date,
    /// `YYYY-MM` (启动年月, 计划完成年月).
    YearMonth,
    Bool,
    /// A whole number within the range.
    Count(i32, i32),
    /// One of the listed keys.
    Choice(&'static [&'static str]),
    /// Any number of the listed keys.
    Choices(&'static [&'static str]),
    /// Any number of answers in the form's own words (a row of check boxes whose labels the
    /// regulation's form fixes, e.g. 相城 联网方式): a list of strings, or one string with the
    /// answers separated by 、，, or ；.
    Texts,
}

/// 项目类别 the rules turn on (not the 项目性质 wording of a form, which is the `nature` field).
pub const PROJECT_KINDS: &[&str] = &[
    "new",                // 新建
    "continuation",       // 续建
    "upgrade",            // 升级改造 / 改扩建
    "operations",         // 运维
    "serviceProcurement", // 购买服务
    "priorYearUnpaid",    // 往年未支付
];
pub const UNIT_KINDS: &[&str] = &[
    "department",  // 部门、直属单位
    "township",    // 乡镇、街道
    "subordinate", // 部门下属单位
    "enterprise",  // 区（县）管企事业单位
    "other",
];
pub const LEVELS: &[&str] = &["national", "provincial", "municipal", "county"];
pub const STAGES: &[&str] = crate::profile::Stage::KEYS;
pub const ADJUSTMENT_REASONS: &[&str] = &[
    "superiorDeployment",    // 根据上级部署确需改变建设内容
    "technicalOptimisation", // 确需对原技术方案完善优化
    "businessDevelopment",   // 业务发展需要，在已批复框架下调整
    "other",
];

macro_rules! fields {
    ($( $variant:ident => $path:literal, $kind:expr, $zh:literal, $en:literal; )*) => {
        /// A scalar field of the application.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Field { $( $variant, )* }

        /// Every scalar field, in form order.
        pub const FIELDS: &[FieldSpec] = &[
            $( FieldSpec { field: Field::$variant, path: $path, kind: $kind, zh: $zh, en: $en }, )*
        ];
    };
}

/// How a field is named, parsed and labelled.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    pub field: Field,
    /// Dotted JSON path in camelCase, e.g. `funding.thisYear.total`.
    pub path: &'static str,
    pub kind: Kind,
    /// Label as the 申报表 writes it.
    pub zh: &'static str,
    pub en: &'static str,
}

fields! {
    Year => "year", Kind::Count(2000, 2100), "年度", "Plan year";
    Unit => "unit", Kind::Text, "申报部门", "Applying unit";
    UnitKind => "unitKind", Kind::Choice(UNIT_KINDS), "申报单位类别", "Kind of applying unit";
    ProjectLead => "projectLead", Kind::Text, "项目负责人", "Project lead";
    ContactPhone => "contactPhone", Kind::Text, "联系电话", "Contact phone";
    Name => "name", Kind::Text, "项目名称", "Project name";
    Site => "site", Kind::Text, "项目实施地址", "Project site";
    ParticipatingDepartments => "participatingDepartments", Kind::Text, "参与部门", "Participating departments";
    Nature => "nature", Kind::Text, "项目性质", "Project nature (as on the form)";
    ProjectKind => "kind", Kind::Choice(PROJECT_KINDS), "项目类别", "Project kind";
    MlpsLevel => "mlpsLevel", Kind::Count(1, 5), "信息系统网络安全等级保护测评拟定级", "Proposed MLPS level";
    PurposeAndContent => "purposeAndContent", Kind::Text, "项目建设目的和内容", "Purpose and content";
    StartMonth => "startMonth", Kind::YearMonth, "启动年月", "Start month";
    PlannedCompletionMonth => "plannedCompletionMonth", Kind::YearMonth, "计划完成年月", "Planned completion month";
    PlanCompiled => "preparation.planCompiled", Kind::Bool, "前期准备：规划编制", "Preparation: plan compiled";
    PlanExpertReviewed => "preparation.planExpertReviewed", Kind::Bool, "前期准备：规划通过专家论证", "Preparation: plan reviewed by experts";
    TotalInvestment => "totalInvestment", Kind::Money, "预计总投资", "Estimated total investment";
    AnnualFunding => "annualFunding", Kind::Money, "年度需要资金", "Funding needed this year";
    PriorTotal => "funding.priorYears.total", Kind::Money, "历年已安排资金：合计", "Funding in prior years: total";
    PriorFiscal => "funding.priorYears.fiscal", Kind::Money, "历年已安排资金：申请财政拨款", "Funding in prior years: fiscal";
    PriorSelfRaised => "funding.priorYears.selfRaised", Kind::Money, "历年已安排资金：单位自筹", "Funding in prior years: self-raised";
    PriorNational => "funding.priorYears.national", Kind::Money, "历年已安排资金：国家下拨", "Funding in prior years: national";
    PriorOther => "funding.priorYears.other", Kind::Money, "历年已安排资金：其它", "Funding in prior years: other";
    ThisTotal => "funding.thisYear.total", Kind::Money, "本年度申请资金：合计", "Funding applied for this year: total";
    ThisFiscal => "funding.thisYear.fiscal", Kind::Money, "本年度申请资金：申请财政拨款", "Funding applied for this year: fiscal";
    ThisSelfRaised => "funding.thisYear.selfRaised", Kind::Money, "本年度申请资金：单位自筹", "Funding applied for this year: self-raised";
    ThisNational => "funding.thisYear.national", Kind::Money, "本年度申请资金：国家下拨", "Funding applied for this year: national";
    ThisOther => "funding.thisYear.other", Kind::Money, "本年度申请资金：其它", "Funding applied for this year: other";
    FundingNote => "fundingNote", Kind::Text, "资金落实情况说明", "How the funding is secured";
    NetworkType => "networkType", Kind::Texts, "联网方式", "Network";
    ClassificationLevel => "classificationLevel", Kind::Text, "密级要求", "Classification";
    MandatedBy => "mandatedBy", Kind::Choices(LEVELS), "明确要求建设的上级", "Levels that explicitly require the project";
    Urgent => "urgent", Kind::Bool, "情况紧急、确需增补", "Urgent addition";
    Emergency => "emergency", Kind::Bool, "应对突发事件紧急建设", "Emergency response";
    GovernmentConsent => "governmentConsent", Kind::Bool, "已经区（县）政府同意", "Consent of the district government";
    InAnnualPlan => "inAnnualPlan", Kind::Bool, "已列入年度建设计划", "In the annual plan";
    CrossDepartment => "crossDepartment", Kind::Bool, "跨部门共建共享", "Built jointly across departments";
    CrossLevel => "crossLevel", Kind::Bool, "跨层级共享协同", "Shared across government levels";
    Classified => "classified", Kind::Bool, "涉及国家秘密", "Involves state secrets";
    NewCivilWorks => "newCivilWorks", Kind::Bool, "涉及新建土建工程", "Includes new civil works";
    HighEnergyUse => "highEnergyUse", Kind::Bool, "高耗能项目", "High energy use";
    ImportantDomainCrypto => "importantDomainCrypto", Kind::Bool, "重要领域网络与信息系统", "System in an important domain (crypto)";
    StandaloneMobileApp => "standaloneMobileApp", Kind::Bool, "另行开发移动端应用（APP、小程序、快应用）", "Builds its own mobile app or mini-program";
    OfficeEquipmentOnly => "officeEquipmentOnly", Kind::Bool, "仅采购办公设备或耗材", "Only buys office equipment or consumables";
    MajorProject => "majorProject", Kind::Bool, "重大项目", "Major project";
    OnGovernmentCloud => "onGovernmentCloud", Kind::Bool, "部署在政务云", "Deployed on the government cloud";
    DesignerImplements => "designerImplements", Kind::Bool, "设计单位同时承担实施", "Designer also implements";
    DesignerQualified => "designerQualified", Kind::Bool, "建议书由具有相关资质的设计单位编制", "Proposal compiled by a qualified design unit";
    Stage => "stage", Kind::Choice(STAGES), "阶段", "Stage";
    ExpertPanelSize => "expertPanel.size", Kind::Count(0, 999), "评审专家人数", "Review panel size";
    AcceptancePanelSize => "acceptancePanel.size", Kind::Count(0, 999), "终验专家组人数", "Final-acceptance panel size";
    AcceptancePanelExternal => "acceptancePanel.external", Kind::Count(0, 999), "终验外部专家人数", "External experts on the final-acceptance panel";
    ApprovalDate => "dates.approval", Kind::Date, "立项批复日期", "Approval date";
    FeasibilityApprovalDate => "dates.feasibilityApproval", Kind::Date, "可行性研究报告批复日期", "Feasibility study approved";
    BasicInfoFiledDate => "dates.basicInfoFiled", Kind::Date, "项目基本情况备案表报送日期", "Basic-information filing date";
    ContractSignedDate => "dates.contractSigned", Kind::Date, "合同签订日期", "Contract signed";
    ContractFiledDate => "dates.contractFiled", Kind::Date, "合同备案日期", "Contract filed";
    CompletionDate => "dates.completion", Kind::Date, "项目建成日期", "Completion date";
    InitialAcceptanceDate => "dates.initialAcceptance", Kind::Date, "初验日期", "Initial acceptance";
    TrialRunStartDate => "dates.trialRunStart", Kind::Date, "试运行开始日期", "Trial run start";
    TrialRunEndDate => "dates.trialRunEnd", Kind::Date, "试运行结束日期", "Trial run end";
    GoLiveDate => "dates.goLive", Kind::Date, "上线运行日期", "Go-live date";
    AcceptanceApplicationDate => "dates.acceptanceApplication", Kind::Date, "验收申请日期", "Acceptance application date";
    FinalAcceptanceDate => "dates.finalAcceptance", Kind::Date, "竣工（终）验收日期", "Final acceptance date";
    ReportUploadedDate => "dates.reportUploaded", Kind::Date, "验收报告上传日期", "Acceptance report uploaded";
    SelfEvaluationDate => "dates.selfEvaluation", Kind::Date, "自评价报告日期", "Self-evaluation report date";
    AcceptancePostponedTo => "dates.acceptancePostponedTo", Kind::Date, "经批准延期验收的期限", "Acceptance postponed (approved) until";
    ApprovedBudget => "approvedBudget", Kind::Money, "批复概算总投资", "Approved budget estimate";
    AdjustmentAmount => "adjustment.amount", Kind::Money, "调整资金数额", "Amount adjusted";
    AdjustmentReason => "adjustment.reason", Kind::Choice(ADJUSTMENT_REASONS), "调整情形", "Reason for the adjustment";
    AdjustmentGoalsUnchanged => "adjustment.goalsUnchanged", Kind::Bool, "建设目标不变", "Construction goals unchanged";
    AdjustmentWithinBudget => "adjustment.withinApprovedBudget", Kind::Bool, "投资规模未超出概算批复", "Investment stays within the approved estimate";
    FreeMaintenanceYears => "freeMaintenanceYears", Kind::Count(0, 99), "免费运维期（年）", "Free maintenance period (years)";
    FirstPeriod => "firstPeriod", Kind::Bool, "首期运维或服务（无上一期合同）", "First period of operations or service (no previous contract)";
}

impl Field {
    pub fn spec(self) -> &'static FieldSpec {
        // FIELDS is generated in declaration order, so the discriminant is the index.
        match FIELDS.get(self as usize) {
            Some(spec) => spec,
            None => &FALLBACK,
        }
    }

    pub fn path(self) -> &'static str {
        self.spec().path
    }

    pub fn by_path(path: &str) -> Option<Field> {
        Field::by_parts("", path)
    }

    /// The field at `prefix.key` (or `key` when `prefix` is empty), without building the path.
    /// Every member of an application is looked up here: only the paths of its length are read.
    pub fn by_parts(prefix: &str, key: &str) -> Option<Field> {
        let length = if prefix.is_empty() {
            key.len()
        } else {
            prefix.len() + 1 + key.len()
        };
        let (places, starts) = &BY_LENGTH;
        let start = usize::from(*starts.get(length)?);
        let end = usize::from(*starts.get(length + 1)?);
        places
            .get(start..end)?
            .iter()
            .filter_map(|&i| FIELDS.get(usize::from(i)))
            .find(|s| joins(s.path, prefix, key))
            .map(|s| s.field)
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// The field whose [`index`](Field::index) this is.
    pub fn by_index(index: usize) -> Option<Field> {
        FIELDS.get(index).map(|s| s.field)
    }
}

/// How many fields hold money.
const MONEY_COUNT: usize = {
    let mut count = 0;
    let mut rest = FIELDS;
    while let [spec, tail @ ..] = rest {
        if matches!(spec.kind, Kind::Money) {
            count += 1;
        }
        rest = tail;
    }
    count
};

// A set of the money fields fits in 16 bits.
const _: () = assert!(MONEY_COUNT <= 16);

/// Each field's bit in a set of the money fields ([`crate::condition::MoneySet`]), 0 for a field
/// that holds no money; and, by bit, the money fields' indices.
// Indexing in a constant: out of range, it fails the build, not a run.
#[allow(clippy::indexing_slicing)]
pub(crate) const MONEY_BITS: ([u16; FIELDS.len()], [u8; MONEY_COUNT]) = {
    let mut bits = [0; FIELDS.len()];
    let mut indices = [0; MONEY_COUNT];
    let (mut index, mut rank) = (0, 0);
    while index < FIELDS.len() {
        if matches!(FIELDS[index].kind, Kind::Money) {
            bits[index] = 1 << rank;
            indices[rank] = index as u8;
            rank += 1;
        }
        index += 1;
    }
    (bits, indices)
};

/// The longest path.
const LONGEST: usize = {
    let mut longest = 0;
    let mut rest = FIELDS;
    while let [spec, tail @ ..] = rest {
        if spec.path.len() > longest {
            longest = spec.path.len();
        }
        rest = tail;
    }
    longest
};

/// Each field's place in [`FIELDS`], by the length of its path (form order within a length), and
/// where the paths of each length start: a path is looked up among the few of its length, each
/// compared once. Built when the crate is compiled.
// Indexing in a constant is evaluated by the compiler: out of range, the build fails.
#[allow(clippy::indexing_slicing)]
const BY_LENGTH: ([u8; FIELDS.len()], [u8; LONGEST + 2]) = {
    assert!(FIELDS.len() < 256, "a field's place is held in a byte");
    let mut starts = [0u8; LONGEST + 2];
    let mut i = 0;
    while i < FIELDS.len() {
        starts[FIELDS[i].path.len() + 1] += 1;
        i += 1;
    }
    let mut length = 1;
    while length < starts.len() {
        starts[length] += starts[length - 1];
        length += 1;
    }
    let mut places = [0u8; FIELDS.len()];
    let mut next = starts;
    let mut i = 0;
    while i < FIELDS.len() {
        let length = FIELDS[i].path.len();
        places[next[length] as usize] = i as u8;
        next[length] += 1;
        i += 1;
    }
    (places, starts)
};

/// Whether `path`, of the same length, is `prefix.key`, or `key` when `prefix` is empty.
fn joins(path: &str, prefix: &str, key: &str) -> bool {
    if prefix.is_empty() {
        return path == key;
    }
    path.starts_with(prefix)
        && path.ends_with(key)
        && path.as_bytes().get(prefix.len()) == Some(&b'.')
}

/// A group of fields: the part of their paths before a dot, named as the 申报表 heads it.
#[derive(Debug, Clone, Copy)]
pub struct GroupSpec {
    /// Dotted JSON path in camelCase, e.g. `funding.thisYear`.
    pub path: &'static str,
    /// Label as the 申报表 writes it (the heading of its fields).
    pub zh: &'static str,
    pub en: &'static str,
}

/// Every group of fields, in form order: each dotted prefix of a field's path, once, as the build
/// checks against [`FIELDS`] (a group a new field opens needs its labels here).
pub const GROUPS: &[GroupSpec] = &[
    GroupSpec {
        path: "preparation",
        zh: "前期准备",
        en: "Preparation",
    },
    GroupSpec {
        path: "funding",
        zh: "资金来源",
        en: "Sources of funding",
    },
    GroupSpec {
        path: "funding.priorYears",
        zh: "历年已安排资金",
        en: "Funding in prior years",
    },
    GroupSpec {
        path: "funding.thisYear",
        zh: "本年度申请资金",
        en: "Funding applied for this year",
    },
    GroupSpec {
        path: "expertPanel",
        zh: "评审专家组",
        en: "Review panel",
    },
    GroupSpec {
        path: "acceptancePanel",
        zh: "终验专家组",
        en: "Final-acceptance panel",
    },
    GroupSpec {
        path: "dates",
        zh: "审批、实施与验收日期",
        en: "Dates of approval, implementation and acceptance",
    },
    GroupSpec {
        path: "adjustment",
        zh: "概算调整",
        en: "Budget adjustment",
    },
];

/// Whether `prefix.key` (or `key` when `prefix` is empty) is a group of fields: `funding`,
/// `funding.thisYear`, `dates` … An application's reading asks this of each group it holds.
pub fn is_group(prefix: &str, key: &str) -> bool {
    group_by_parts(prefix, key).is_some()
}

/// The group at `path` (`funding.thisYear`), for its labels.
pub fn group_by_path(path: &str) -> Option<&'static GroupSpec> {
    group_by_parts("", path)
}

/// The group at `prefix.key` (or `key` when `prefix` is empty), without building the path: each
/// group of the path's length compared once.
fn group_by_parts(prefix: &str, key: &str) -> Option<&'static GroupSpec> {
    let length = if prefix.is_empty() {
        key.len()
    } else {
        prefix.len() + 1 + key.len()
    };
    GROUPS
        .iter()
        .find(|group| group.path.len() == length && joins(group.path, prefix, key))
}

/// Whether the first `length` bytes of two paths are the same.
const fn same_start(a: &str, b: &str, length: usize) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() < length || b.len() < length {
        return false;
    }
    let mut i = 0;
    while i < length {
        // In a constant: `i` is below both lengths, checked above.
        #[allow(clippy::indexing_slicing)]
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The groups of fields, each once, in form order: the part of a path before one of its dots, as
/// the place in [`FIELDS`] of the first field in it and its length; and how many there are, which
/// a first call with `N` 0 counts. Built when the crate is compiled, to check [`GROUPS`].
// Indexing in a constant is evaluated by the compiler: out of range, the build fails.
#[allow(clippy::indexing_slicing)]
const fn groups<const N: usize>() -> ([(u8, u8); N], usize) {
    assert!(
        FIELDS.len() < 256 && LONGEST < 256,
        "a place and a length are held in a byte"
    );
    let mut groups = [(0u8, 0u8); N];
    let mut count = 0;
    let mut i = 0;
    while i < FIELDS.len() {
        let path = FIELDS[i].path.as_bytes();
        let mut dot = 0;
        while dot < path.len() {
            if path[dot] == b'.' {
                // Known when a field before this one is in the same group.
                let mut known = false;
                let mut j = 0;
                while j < i {
                    let other = FIELDS[j].path;
                    if other.len() > dot
                        && other.as_bytes()[dot] == b'.'
                        && same_start(other, FIELDS[i].path, dot)
                    {
                        known = true;
                    }
                    j += 1;
                }
                if !known {
                    if count < N {
                        groups[count] = (i as u8, dot as u8);
                    }
                    count += 1;
                }
            }
            dot += 1;
        }
        i += 1;
    }
    (groups, count)
}

/// How many groups the fields' paths make.
const GROUP_COUNT: usize = groups::<0>().1;

// [`GROUPS`] is the groups the fields' paths make, in the same order: no group without its labels,
// none that no field is in. Checked when the crate is compiled.
#[allow(clippy::indexing_slicing)]
const _: () = {
    let made = groups::<GROUP_COUNT>().0;
    assert!(
        GROUPS.len() == GROUP_COUNT,
        "GROUPS lists each group of FIELDS once"
    );
    let mut i = 0;
    while i < GROUP_COUNT {
        let (field, length) = made[i];
        let path = GROUPS[i].path;
        assert!(
            path.len() == length as usize
                && same_start(path, FIELDS[field as usize].path, length as usize),
            "GROUPS lists the groups of FIELDS in form order"
        );
        i += 1;
    }
};

const FALLBACK: FieldSpec = FieldSpec {
    field: Field::Year,
    path: "year",
    kind: Kind::Text,
    zh: "",
    en: "",
};

/// The repeated tables of the application and the keys of their cells.
pub const DOCUMENT_KEYS: &[&str] = &["kind", "chapters", "title"];
pub const RESOURCE_KEYS: &[&str] = &[
    "name",
    "description",
    "updateFrequency",
    "sharing",
    "condition",
    "reason",
    "note",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_found_from_prefix_and_key_without_building_the_path() {
        assert_eq!(
            Field::by_parts("", "totalInvestment"),
            Some(Field::TotalInvestment)
        );
        assert_eq!(
            Field::by_parts("funding.thisYear", "total"),
            Some(Field::ThisTotal)
        );
        assert_eq!(Field::by_parts("funding", "total"), None);
        assert_eq!(Field::by_parts("funding.thisYea", "r.total"), None);
        assert_eq!(
            Field::by_parts("dates", "completion"),
            Some(Field::CompletionDate)
        );
        assert_eq!(Field::by_path("datesXcompletion"), None);
    }

    /// The paths by length are every field's, once, each among those of its length; a path is
    /// found from any split into prefix and key at a dot, and nothing near it is.
    #[test]
    fn the_paths_by_length_are_every_field_once_and_found_from_their_parts() {
        let (places, starts) = BY_LENGTH;
        let mut seen: Vec<usize> = places.iter().map(|&i| usize::from(i)).collect();
        seen.sort_unstable();
        assert_eq!(seen, (0..FIELDS.len()).collect::<Vec<_>>());
        for length in 0..=LONGEST {
            let range = usize::from(starts[length])..usize::from(starts[length + 1]);
            for &i in &places[range] {
                assert_eq!(FIELDS[usize::from(i)].path.len(), length);
            }
        }
        for spec in FIELDS {
            for (dot, _) in spec.path.match_indices('.') {
                let (prefix, key) = (&spec.path[..dot], &spec.path[dot + 1..]);
                assert_eq!(
                    Field::by_parts(prefix, key),
                    Some(spec.field),
                    "{}",
                    spec.path
                );
                assert_eq!(Field::by_parts(key, prefix), None, "{}", spec.path);
            }
            for near in [
                format!("{}x", spec.path),
                format!("{}.", spec.path),
                spec.path[1..].to_string(),
            ] {
                assert_eq!(Field::by_path(&near), None, "{near}");
            }
            assert_eq!(Field::by_path(spec.path), Some(spec.field));
        }
        for (prefix, key) in [
            ("", ""),
            ("", "funding"),
            ("funding", ""),
            ("funding.thisYear", ""),
        ] {
            assert_eq!(Field::by_parts(prefix, key), None, "{prefix:?} {key:?}");
        }
    }

    #[test]
    fn table_is_in_declaration_order_and_paths_are_unique() {
        for (i, spec) in FIELDS.iter().enumerate() {
            assert_eq!(spec.field.index(), i, "{}", spec.path);
            assert_eq!(Field::by_path(spec.path), Some(spec.field));
        }
        let mut paths: Vec<_> = FIELDS.iter().map(|s| s.path).collect();
        paths.sort_unstable();
        paths.dedup();
        assert_eq!(paths.len(), FIELDS.len());
    }

    #[test]
    fn groups_are_the_dotted_prefixes_of_field_paths() {
        assert!(is_group("", "funding"));
        assert!(is_group("funding", "priorYears"));
        assert!(!is_group("funding", "priorYearsX"));
        assert!(
            !is_group("funding.priorYears", "total"),
            "a field, not a group"
        );
        assert!(!is_group("", "fund"));
        assert!(!is_group("", "totalInvestment"));
        assert!(!is_group("", ""));
        assert!(!is_group("priorYears", "total"), "only from the root");
    }

    #[test]
    fn the_groups_table_holds_each_dotted_prefix_once() {
        let mut prefixes: Vec<&str> = FIELDS
            .iter()
            .flat_map(|spec| {
                let path = spec.path;
                path.match_indices('.').map(move |(dot, _)| &path[..dot])
            })
            .collect();
        prefixes.sort_unstable();
        prefixes.dedup();
        let mut table: Vec<&str> = GROUPS.iter().map(|group| group.path).collect();
        table.sort_unstable();
        assert_eq!(table, prefixes);
        assert!(prefixes.contains(&"funding.thisYear"));
        for group in prefixes {
            let (prefix, key) = group.rsplit_once('.').unwrap_or(("", group));
            assert!(is_group(prefix, key), "{group}");
        }
        for spec in FIELDS {
            let (prefix, key) = spec.path.rsplit_once('.').unwrap_or(("", spec.path));
            assert!(!is_group(prefix, key), "{} is a field", spec.path);
        }
    }

    #[test]
    fn each_group_is_labelled_in_both_locales() {
        for group in GROUPS {
            assert!(!group.zh.is_ascii(), "{}", group.path);
            assert!(!group.en.is_empty(), "{}", group.path);
            assert_eq!(
                group_by_path(group.path).map(|found| found.path),
                Some(group.path)
            );
        }
        assert_eq!(
            group_by_path("funding.thisYear").map(|g| g.zh),
            Some("本年度申请资金")
        );
        assert_eq!(group_by_path("preparation").map(|g| g.zh), Some("前期准备"));
        assert!(group_by_path("thisYear").is_none());
        assert!(group_by_path("funding.thisYear.total").is_none());
    }
}
