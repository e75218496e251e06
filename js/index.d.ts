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

// ---------------------------------------------------------------------------------------------
// The application

/** An amount in 万元 (10,000 CNY): digits as text (exact: "300.0001" is over 300) or a number. */
export type Amount = string | number;
/** A date, `YYYY-MM-DD`. */
export type DateString = string;
/** A month, `YYYY-MM`. */
export type YearMonthString = string;
/** Yes or no; the form's 是/否 is accepted too. */
export type Flag = boolean | 'true' | 'false' | '是' | '否';
/** A whole number, as a number or as digits. */
export type Whole = number | string;

export type ProjectKind = 'new' | 'continuation' | 'upgrade' | 'operations' | 'serviceProcurement' | 'priorYearUnpaid';
/** The labels a form shows for {@link ProjectKind} (e.g. 「新建」), read as their keys. */
export type ProjectKindLabel = '新建' | '续建' | '升级改造' | '运维' | '购买服务' | '往年未支付';
export type UnitKind = 'department' | 'township' | 'subordinate' | 'enterprise' | 'other';
/** The labels a form shows for {@link UnitKind} (e.g. 「部门、直属单位」), read as their keys. */
export type UnitKindLabel = '部门、直属单位' | '乡镇、街道' | '部门下属单位' | '区（县）管企事业单位' | '其他';
export type Level = 'national' | 'provincial' | 'municipal' | 'county';
/** The labels a form shows for {@link Level} (e.g. 「国家」), read as their keys. */
export type LevelLabel = '国家' | '省级' | '市级' | '区（县）级';
export type Stage = 'declaration' | 'approval' | 'implementation' | 'acceptance';
/** The labels a form shows for {@link Stage} (e.g. 「申报」), read as their keys. */
export type StageLabel = '申报' | '审批' | '实施' | '验收';
export type AdjustmentReason = 'superiorDeployment' | 'technicalOptimisation' | 'businessDevelopment' | 'other';
/** The labels a form shows for {@link AdjustmentReason} (e.g. 「根据上级部署确需改变建设内容」), read as their keys. */
export type AdjustmentReasonLabel = '根据上级部署确需改变建设内容' | '确需对原技术方案完善优化' | '业务发展需要，在已批复框架下调整' | '其他';

/**
 * An application (申报表 and the facts the rules turn on). Every field is optional: a form is
 * validated as it is filled in. `null` or an empty string means not filled in.
 */
export interface Application {
  /** 年度 — Plan year. */
  year?: Whole | null;
  /** 申报部门 — Applying unit. */
  unit?: string | null;
  /** 申报单位类别 — Kind of applying unit. */
  unitKind?: UnitKind | UnitKindLabel | '' | null;
  /** 项目负责人 — Project lead. */
  projectLead?: string | null;
  /** 联系电话 — Contact phone. */
  contactPhone?: string | null;
  /** 项目名称 — Project name. */
  name?: string | null;
  /** 项目实施地址 — Project site. */
  site?: string | null;
  /** 参与部门 — Participating departments. */
  participatingDepartments?: string | null;
  /** 项目性质 — Project nature (as on the form). */
  nature?: string | null;
  /** 项目类别 — Project kind. */
  kind?: ProjectKind | ProjectKindLabel | '' | null;
  /** 信息系统网络安全等级保护测评拟定级 — Proposed MLPS level. */
  mlpsLevel?: Whole | null;
  /** 项目建设目的和内容 — Purpose and content. */
  purposeAndContent?: string | null;
  /** 启动年月 — Start month. */
  startMonth?: YearMonthString | null;
  /** 计划完成年月 — Planned completion month. */
  plannedCompletionMonth?: YearMonthString | null;
  preparation?: {
    /** 前期准备：规划编制 — Preparation: plan compiled. */
    planCompiled?: Flag | '' | null;
    /** 前期准备：规划通过专家论证 — Preparation: plan reviewed by experts. */
    planExpertReviewed?: Flag | '' | null;
  } | null;
  /** 预计总投资 — Estimated total investment. */
  totalInvestment?: Amount | null;
  /** 年度需要资金 — Funding needed this year. */
  annualFunding?: Amount | null;
  funding?: {
    priorYears?: {
      /** 历年已安排资金：合计 — Funding in prior years: total. */
      total?: Amount | null;
      /** 历年已安排资金：申请财政拨款 — Funding in prior years: fiscal. */
      fiscal?: Amount | null;
      /** 历年已安排资金：单位自筹 — Funding in prior years: self-raised. */
      selfRaised?: Amount | null;
      /** 历年已安排资金：国家下拨 — Funding in prior years: national. */
      national?: Amount | null;
      /** 历年已安排资金：其它 — Funding in prior years: other. */
      other?: Amount | null;
    } | null;
    thisYear?: {
      /** 本年度申请资金：合计 — Funding applied for this year: total. */
      total?: Amount | null;
      /** 本年度申请资金：申请财政拨款 — Funding applied for this year: fiscal. */
      fiscal?: Amount | null;
      /** 本年度申请资金：单位自筹 — Funding applied for this year: self-raised. */
      selfRaised?: Amount | null;
      /** 本年度申请资金：国家下拨 — Funding applied for this year: national. */
      national?: Amount | null;
      /** 本年度申请资金：其它 — Funding applied for this year: other. */
      other?: Amount | null;
    } | null;
  } | null;
  /** 资金落实情况说明 — How the funding is secured. */
  fundingNote?: string | null;
  /** 联网方式 — Network. */
  networkType?: string[] | string | null;
  /** 密级要求 — Classification. */
  classificationLevel?: string | null;
  /** 明确要求建设的上级 — Levels that explicitly require the project. */
  mandatedBy?: (Level | LevelLabel)[] | Level | LevelLabel | '' | null;
  /** 情况紧急、确需增补 — Urgent addition. */
  urgent?: Flag | '' | null;
  /** 应对突发事件紧急建设 — Emergency response. */
  emergency?: Flag | '' | null;
  /** 已经区（县）政府同意 — Consent of the district government. */
  governmentConsent?: Flag | '' | null;
  /** 已列入年度建设计划 — In the annual plan. */
  inAnnualPlan?: Flag | '' | null;
  /** 跨部门共建共享 — Built jointly across departments. */
  crossDepartment?: Flag | '' | null;
  /** 跨层级共享协同 — Shared across government levels. */
  crossLevel?: Flag | '' | null;
  /** 涉及国家秘密 — Involves state secrets. */
  classified?: Flag | '' | null;
  /** 涉及新建土建工程 — Includes new civil works. */
  newCivilWorks?: Flag | '' | null;
  /** 高耗能项目 — High energy use. */
  highEnergyUse?: Flag | '' | null;
  /** 重要领域网络与信息系统 — System in an important domain (crypto). */
  importantDomainCrypto?: Flag | '' | null;
  /** 另行开发移动端应用（APP、小程序、快应用） — Builds its own mobile app or mini-program. */
  standaloneMobileApp?: Flag | '' | null;
  /** 仅采购办公设备或耗材 — Only buys office equipment or consumables. */
  officeEquipmentOnly?: Flag | '' | null;
  /** 重大项目 — Major project. */
  majorProject?: Flag | '' | null;
  /** 部署在政务云 — Deployed on the government cloud. */
  onGovernmentCloud?: Flag | '' | null;
  /** 设计单位同时承担实施 — Designer also implements. */
  designerImplements?: Flag | '' | null;
  /** 建议书由具有相关资质的设计单位编制 — Proposal compiled by a qualified design unit. */
  designerQualified?: Flag | '' | null;
  /** 阶段 — Stage. */
  stage?: Stage | StageLabel | '' | null;
  expertPanel?: {
    /** 评审专家人数 — Review panel size. */
    size?: Whole | null;
  } | null;
  acceptancePanel?: {
    /** 终验专家组人数 — Final-acceptance panel size. */
    size?: Whole | null;
    /** 终验外部专家人数 — External experts on the final-acceptance panel. */
    external?: Whole | null;
  } | null;
  dates?: {
    /** 立项批复日期 — Approval date. */
    approval?: DateString | null;
    /** 可行性研究报告批复日期 — Feasibility study approved. */
    feasibilityApproval?: DateString | null;
    /** 项目基本情况备案表报送日期 — Basic-information filing date. */
    basicInfoFiled?: DateString | null;
    /** 合同签订日期 — Contract signed. */
    contractSigned?: DateString | null;
    /** 合同备案日期 — Contract filed. */
    contractFiled?: DateString | null;
    /** 项目建成日期 — Completion date. */
    completion?: DateString | null;
    /** 初验日期 — Initial acceptance. */
    initialAcceptance?: DateString | null;
    /** 试运行开始日期 — Trial run start. */
    trialRunStart?: DateString | null;
    /** 试运行结束日期 — Trial run end. */
    trialRunEnd?: DateString | null;
    /** 上线运行日期 — Go-live date. */
    goLive?: DateString | null;
    /** 验收申请日期 — Acceptance application date. */
    acceptanceApplication?: DateString | null;
    /** 竣工（终）验收日期 — Final acceptance date. */
    finalAcceptance?: DateString | null;
    /** 验收报告上传日期 — Acceptance report uploaded. */
    reportUploaded?: DateString | null;
    /** 自评价报告日期 — Self-evaluation report date. */
    selfEvaluation?: DateString | null;
    /** 经批准延期验收的期限 — Acceptance postponed (approved) until. */
    acceptancePostponedTo?: DateString | null;
  } | null;
  /** 批复概算总投资 — Approved budget estimate. */
  approvedBudget?: Amount | null;
  adjustment?: {
    /** 调整资金数额 — Amount adjusted. */
    amount?: Amount | null;
    /** 调整情形 — Reason for the adjustment. */
    reason?: AdjustmentReason | AdjustmentReasonLabel | '' | null;
    /** 建设目标不变 — Construction goals unchanged. */
    goalsUnchanged?: Flag | '' | null;
    /** 投资规模未超出概算批复 — Investment stays within the approved estimate. */
    withinApprovedBudget?: Flag | '' | null;
  } | null;
  /** 免费运维期（年） — Free maintenance period (years). */
  freeMaintenanceYears?: Whole | null;
  /** 首期运维或服务（无上一期合同） — First period of operations or service (no previous contract). */
  firstPeriod?: Flag | '' | null;
  /** 材料清单 — documents on file: a kind (e.g. `proposal`) or an object. */
  documents?: Array<string | DocumentOnFile> | null;
  /** 信息资源表 — information-resource table. */
  resources?: ResourceRow[] | null;
}

export interface DocumentOnFile {
  kind: string;
  chapters?: string[];
  title?: string | null;
}

export interface ResourceRow {
  name?: string | null;
  description?: string | null;
  updateFrequency?: string | null;
  sharing?: string | null;
  condition?: string | null;
  reason?: string | null;
  note?: string | null;
}

/** A scalar field by its dotted path, e.g. `funding.thisYear.total`. */
export type FieldPath = LeafPaths<Application>;
/** A group of fields set from an object, e.g. `funding.thisYear`. */
export type GroupPath = GroupPaths<Application>;
/** Any path `Validator.set` takes: a field, a group, a table, a row or a cell. */
export type Path =
  | FieldPath
  | GroupPath
  | 'documents'
  | 'resources'
  | `documents[${number}]`
  | `documents[${number}].${keyof DocumentOnFile & string}`
  | `resources[${number}]`
  | `resources[${number}].${keyof ResourceRow & string}`;

type Group<T> = Exclude<T, null | undefined>;
type IsGroup<T> = Group<T> extends string | number | boolean | unknown[] ? false : true;
type LeafPaths<T> = {
  [K in keyof T & string]-?: K extends 'documents' | 'resources'
    ? never
    : IsGroup<T[K]> extends true
      ? `${K}.${LeafPaths<Group<T[K]>>}`
      : K;
}[keyof T & string];
type GroupPaths<T> = {
  [K in keyof T & string]-?: IsGroup<T[K]> extends true
    ? K extends 'documents' | 'resources'
      ? never
      : K | `${K}.${GroupPaths<Group<T[K]>>}`
    : never;
}[keyof T & string];

// ---------------------------------------------------------------------------------------------
// Options

/** The built-in jurisdictions. */
export type JurisdictionId = 'tongzhou' | 'shexian' | 'tinghu' | 'jiangjin' | 'xiangcheng';
/** Locales options accept; reports say `zh-CN` or `en`. */
export type LocaleTag = 'zh-CN' | 'zh' | 'zh-Hans' | 'en' | 'en-US' | 'en-GB';
/** The language of messages and labels, as reports name it. */
export type Locale = 'zh-CN' | 'en';

/**
 * How to validate. Unknown keys and wrong types throw a TypeError that says what to change. An
 * option set to `undefined` or `null` is left out: it keeps its default.
 */
export interface Options {
  /** The regulation: one of `jurisdictions()[].id`. An unknown one is reported as `JU001`. */
  jurisdiction: JurisdictionId | (string & {});
  /**
   * The date the application is made; the regulation version in force then applies. Default: today
   * in China (UTC+8), whatever the time zone the code runs in.
   */
  asOf?: DateString | null | undefined;
  /** Overrides the application's own `stage`; default `declaration`. */
  stage?: Stage | null | undefined;
  /** Language of messages and labels; default `zh-CN`. */
  locale?: LocaleTag | null | undefined;
  /**
   * Portal configuration: values for the parameters a regulation names but leaves to the portal
   * (`jurisdictions()[].parameters` with `value: null`, e.g. 歙县's 分散采购限额标准), by key, in the
   * parameter's unit; a portal serving several counties may give all of theirs. A key no regulation
   * loaded leaves open is a TypeError.
   */
  parameters?: Record<string, Amount> | null | undefined;
  /**
   * Public holidays, so that working days are counted exactly and a period whose last day is a
   * holiday runs to the next working day; give every year a count may run into.
   */
  holidays?: DateString[] | null | undefined;
  /** Weekend days that are working days (调休); a day is not in both lists. */
  workdays?: DateString[] | null | undefined;
  /** Replacement message templates by code; `{name}` marks a parameter (see `rules().codes`). */
  messages?: Partial<Record<Code, string>> | null | undefined;
}

/** Options for `jurisdictions()`: the date that picks the version in force, and the locale. */
export interface ListingOptions {
  asOf?: DateString | null | undefined;
  locale?: LocaleTag | null | undefined;
}

/** Options for `rules()`: one jurisdiction's provisions, or every jurisdiction's when left out. */
export interface CatalogueOptions extends ListingOptions {
  jurisdiction?: JurisdictionId | (string & {}) | null | undefined;
}

// ---------------------------------------------------------------------------------------------
// The report

export type Code =
  | 'IN001' // invalid-amount, Error
  | 'IN002' // invalid-date, Error
  | 'IN015' // date-out-of-range, Error
  | 'IN003' // invalid-year-month, Error
  | 'IN004' // wrong-type, Error
  | 'IN005' // unknown-field, Warning
  | 'IN006' // unknown-choice, Error
  | 'IN007' // out-of-range, Error
  | 'IN008' // text-too-long, Error
  | 'IN009' // too-many-rows, Error
  | 'IN010' // required-cell, Error
  | 'IN011' // unknown-document, Warning
  | 'IN016' // unknown-chapter, Warning
  | 'IN014' // amount-in-yuan, Warning
  | 'IN012' // input-too-large, Error
  | 'IN013' // unknown-fields-omitted, Warning
  | 'JU001' // unknown-jurisdiction, Error
  | 'JU002' // not-yet-in-force, Warning
  | 'JU003' // repealed, Warning
  | 'JU004' // date-not-printed, Info
  | 'JU005' // parameter-missing, Warning
  | 'JU006' // english-not-loaded, Info
  | 'FM001' // required-field, Error
  | 'FM002' // not-in-form-list, Error
  | 'FM003' // funding-sum-mismatch, Error
  | 'FM005' // above-total, Warning
  | 'FM006' // total-ten-thousand-times, Warning
  | 'FM004' // month-order, Error
  | 'DC001' // missing-document, Error
  | 'DC002' // missing-chapter, Error
  | 'DC003' // alternative-not-allowed, Error
  | 'RS001' // resource-name-missing, Error
  | 'RS002' // resource-sharing-invalid, Error
  | 'RS003' // resource-condition-missing, Error
  | 'RS004' // resource-reason-missing, Error
  | 'RS005' // resource-frequency-invalid, Error
  | 'TW001' // window-too-early, Error
  | 'TW002' // window-too-late, Error
  | 'TW003' // window-overdue, Warning
  | 'TW004' // deadline-passed, Warning
  | 'TW005' // working-days-approximate, Info
  | 'TW006' // window-missed, Error
  | 'TW007' // window-before-start, Error
  | 'TW008' // window-too-late-postponed, Error
  | 'TW009' // window-overdue-postponed, Warning
  | 'TW010' // period-end-approximate, Info
  | 'RX002' // restriction-unchecked, Info
  | 'RX001' // restricted, Error
  | 'EP001' // panel-too-small, Error
  | 'EP002' // panel-even, Error
  | 'EP003' // panel-external-too-few, Error
  | 'AD001' // adjustment-over-limit, Warning
  | 'AD002' // adjustment-reason-not-listed, Warning
  | 'AD003' // adjustment-conditions-unmet, Warning
  | 'BD001' // amount-on-boundary, Info
  ;

export type CodeFamily = 'input' | 'jurisdiction' | 'form' | 'completeness' | 'resources' | 'timing' | 'restriction' | 'panel' | 'adjustment' | 'boundary';

export type Severity = 'error' | 'warning' | 'info';

/** A provision of a regulation, resolved against its article index. */
export interface Citation {
  jurisdiction: string;
  /** 《…》 title of the regulation. */
  regulation: string;
  /** The regulation's document number; absent where the text prints none. */
  documentNumber?: string;
  /** e.g. `第二十条（一）`, `附件1`. */
  article: string;
  /** What the article is about, in our own words. */
  summary: string;
}

/** A problem with the application, located at a field. */
export interface Diagnostic {
  /**
   * Path of the field, e.g. `funding.thisYear.total`, `resources[2].sharing`; `''` for the whole
   * application.
   */
  path: string;
  code: Code;
  severity: Severity;
  /** The message in the requested locale. */
  message: string;
  /** The provision that produced it, when a regulation's rule did. */
  rule?: string;
  citations?: Citation[];
  /** The raw values the message was made from, by the names the code's message declares. */
  params: Record<string, string>;
}

/**
 * Something the applicant should know that is not a fault: an amount on a boundary, a date the text
 * does not print, a parameter the portal did not supply.
 */
export type Notice = Diagnostic;

/** One step of the reasoning behind an outcome. */
export interface Trace {
  /** The provision (decision-table case) that applied. */
  rule: string;
  citations: Citation[];
  /** The facts it turned on, e.g. `预计总投资 300.0001 万元 …`. */
  facts: string[];
  /** Why, in plain words. */
  explanation: string;
}

/**
 * A derived verdict with its reasons; `undetermined` while a field or portal parameter it needs is
 * missing.
 */
export type Outcome<T> =
  | { status: 'determined'; value: T; because: Trace[]; missing?: never }
  | {
      status: 'undetermined';
      value?: never;
      because: Trace[];
      /** Fields (paths) or `parameter:key`s still needed. */
      missing?: string[];
    };

/** Whether the project needs approval: `Approval.need`. */
export type ApprovalNeed = 'required' | 'mayBeExempt' | 'notRequired';
/** Who approves, through which documents (审批层级). */
export interface Approval {
  need: ApprovalNeed;
  authority?: string;
  /** Document keys in the order they are compiled and approved. */
  chain: string[];
  /** Further procedure, e.g. escalation to the city and province. */
  steps?: string[];
  /** A body whose 审定 comes before the approval is issued (歙县 第十四条: 报县政府审定后，由县数据资源局批复). */
  endorsedBy?: string;
}

/** How the documents may be compiled: `Merge.mode`. */
export type MergeMode = 'merge' | 'substitute' | 'lighter' | 'omit' | 'separate';
/** Merge-eligibility (合并编报). */
export interface Merge {
  mode: MergeMode;
  documents: string[];
  replaces?: string[];
}

/** How the project is supervised: `Supervision.mode`. */
export type SupervisionMode = 'mandatory' | 'unifiedService' | 'central' | 'inPrinciple' | 'notSpecified';
/** Supervision (监理). */
export interface Supervision {
  mode: SupervisionMode;
  /**
   * Whether the supervision fee belongs in the project's budget estimate; `null` where the text
   * does not say.
   */
  feeInBudget: boolean | null;
  provider?: string;
  /** Other fees that go into the estimate (等保测评, 密评, 软件测评 …). */
  alsoInBudget?: string[];
}

/** How the project is managed: `Management.mode`. */
export type ManagementMode = 'fullProcess' | 'filing';
/** 全过程管理 or 报备制管理. */
export interface Management {
  mode: ManagementMode;
}

/** The composition an expert panel must have. */
export interface Panel {
  minSize: number;
  odd: boolean;
  externalOnly: boolean;
  /** The text says 原则上: a panel that falls short is a warning, not an error. */
  inPrinciple?: boolean;
}

export interface FinancialReview {
  required: boolean;
  by?: string;
}

/** Whether an initial acceptance comes first: `Acceptance.initialAcceptance`. */
export type InitialAcceptance = 'required' | 'optional' | 'notProvided';
export interface Acceptance {
  organiser: string;
  initialAcceptance: InitialAcceptance;
  resultFiledWith?: string;
}

/** Whether a budget adjustment may take the simplified route. */
export interface AdjustmentVerdict {
  /** `simplified` or `full`. */
  route: 'simplified' | 'full';
  /** The adjustment as a share of the approved estimate, e.g. `0.1525`. */
  ratio: string;
  procedure: string;
}

/** Whether a document required at this stage is on file. */
export interface RequiredDocument {
  rule: string;
  /** The document's key, e.g. `proposal`. */
  document: string;
  /** Its name in the regulation, e.g. 项目建议书. */
  name: string;
  /** Other documents that satisfy the same requirement (some only where a verdict allows). */
  alternatives?: string[];
  /**
   * `present`, `missing`, or `conditional` when the rule, or whether a document on file may stand
   * in for it, turns on something not filled in.
   */
  status: 'present' | 'missing' | 'conditional';
  /** The document on file that satisfies the requirement, where it is one of `alternatives`. */
  satisfiedBy?: string;
  /** For `conditional`: the fields (or `parameter:NAME`) the answer waits for. */
  dependsOn?: string[];
  citations: Citation[];
  why: string;
}

/** A timing window with its dates computed where the start is known. */
export interface WindowReport {
  rule: string;
  /** Field paths of the start and end dates. */
  from: string;
  to: string;
  fromDate?: DateString;
  earliest?: DateString;
  latest?: DateString;
  actual?: DateString;
  /**
   * `pending` (start unknown), `open`, `met`, `early`, `late`, `overdue`, or `conditional` when
   * whether the window applies turns on something not filled in yet.
   */
  status: 'pending' | 'open' | 'met' | 'early' | 'late' | 'overdue' | 'conditional';
  description: string;
  citations: Citation[];
}

/** Every derived verdict; `null` where the regulation has no such rule. */
export interface Outcomes {
  approval: Outcome<Approval> | null;
  merge: Outcome<Merge> | null;
  supervision: Outcome<Supervision> | null;
  management: Outcome<Management> | null;
  expertPanel: Outcome<Panel> | null;
  financialReview: Outcome<FinancialReview> | null;
  acceptance: Outcome<Acceptance> | null;
  adjustment: Outcome<AdjustmentVerdict> | null;
  requiredDocuments: RequiredDocument[];
  windows: WindowReport[];
}

/** The names of the verdicts in `Outcomes`, in their order. */
export type OutcomeName =
  | 'approval'
  | 'merge'
  | 'supervision'
  | 'management'
  | 'expertPanel'
  | 'financialReview'
  | 'acceptance'
  | 'adjustment';

/**
 * The nearest amount, below or above the one filled in, at which a verdict decided by that amount
 * would be different, and what it would be there. A verdict has at most one entry per money field
 * and direction, and none when the amount does not decide it.
 */
export interface NearestThreshold {
  /**
   * `outcome:field:direction` written out, e.g. `merge:totalInvestment:above`: what identifies the
   * entry from one report to the next (a delta's `removed` lists these).
   */
  key: string;
  /** The verdict, as `outcomes` names it. */
  outcome: Exclude<OutcomeName, 'adjustment'>;
  /** The money field, e.g. `totalInvestment`. */
  field: string;
  /** `below`: lowering the amount reaches the line; `above`: raising it does. */
  direction: 'below' | 'above';
  /** The amount filled in, in 万元, e.g. `'300.01'`. */
  amount: string;
  /** Where the line is, in 万元, e.g. `'300'`. */
  threshold: string;
  /** The profile parameter that fixes the threshold, e.g. `mergeThreshold`. */
  parameter: string;
  /**
   * Whether the threshold itself already gets the other verdict: `true` for 「300万元及以下」 seen from
   * above 300, `false` for 「超过300万元」 seen from 300 or below, where the other verdict starts only
   * past the threshold.
   */
  inclusive: boolean;
  /**
   * How far the amount is from the threshold, exactly: `|amount − threshold|`, in 万元, e.g.
   * `'0.01'`.
   */
  distance: string;
  /**
   * The verdict on the other side: its value as the outcome writes it and what it means. Absent
   * when it would turn on something not filled in yet (`dependsOn`).
   */
  becomes?: NearestVerdict;
  /** What the verdict on the other side would still need (fields, or `parameter:NAME`). */
  dependsOn?: string[];
  /** The provision (decision-table case) that gives the verdict on the other side. */
  rule?: string;
  /** Its citations; where no case decides there, those of the threshold's parameter. */
  citations: Citation[];
  /** e.g. 「超出合并编报的界线 0.01 万元：300 万元及以下时，可以合并编报（第十一条）」 */
  message: string;
}

/**
 * A verdict on the other side of a threshold: its value as `outcomes` writes it (`need` of an
 * approval, `mode` of a merge, supervision or management, `initialAcceptance` of an acceptance,
 * `minSize` of an expert panel, `required` or `notRequired` for a financial review) and what it
 * means, in the report's locale.
 */
export interface NearestVerdict {
  value: string;
  label: string;
}

/** The regulation a report was made under. */
export interface JurisdictionInfo {
  id: string;
  title: string;
  region: string;
  documentNumber?: string;
  issued?: DateString;
  inForce?: DateString;
  inForceBasis: string;
  /**
   * The verdicts this regulation names otherwise than the package's headings, by outcome key (江津's
   * `merge` is 「可研与初步设计」); a form's heading for them.
   */
  outcomeNames?: Partial<Record<OutcomeName, string>>;
}

/** Counts by severity; `complete` when nothing is an error. */
export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
  /** No errors. */
  complete: boolean;
}

/** The result of one validation. */
export interface Report {
  /** `null` when the jurisdiction is unknown (and `JU001` says so). */
  jurisdiction: JurisdictionInfo | null;
  asOf: DateString;
  stage: Stage;
  locale: Locale;
  outcomes: Outcomes;
  /**
   * For each verdict an amount decides, the nearest thresholds below and above the amount where the
   * verdict would change, and what it would become there.
   */
  nearest: NearestThreshold[];
  diagnostics: Diagnostic[];
  notices: Notice[];
  /** Names of the documents the regulation refers to, by key. */
  documentNames: Record<string, string>;
  summary: Summary;
}

// ---------------------------------------------------------------------------------------------
// Live validation

/** What appeared and what went away. */
export interface Changes<T> {
  added: T[];
  removed: T[];
}

/** The entries of a list that changed or appeared, and those that went away. */
export interface RowChanges<T, K = string> {
  /** Entries that changed or appeared, as they are now. */
  changed: T[];
  /**
   * The entries that went away: their `rule` (documents, windows) or `key` (nearest thresholds).
   */
  removed: K[];
}

/**
 * The outcomes that changed, each with its new value; `null` when it no longer applies. Unchanged
 * ones are absent.
 */
export interface OutcomeChanges {
  approval?: Outcome<Approval> | null;
  merge?: Outcome<Merge> | null;
  supervision?: Outcome<Supervision> | null;
  management?: Outcome<Management> | null;
  expertPanel?: Outcome<Panel> | null;
  financialReview?: Outcome<FinancialReview> | null;
  acceptance?: Outcome<Acceptance> | null;
  adjustment?: Outcome<AdjustmentVerdict> | null;
}

/**
 * What one edit changed. Two diagnostics are the same when their code, path, rule and params are.
 * An outcome is present only when it changed in any way (verdict, status, reasons or what is
 * missing); `null` when it no longer applies.
 */
export interface Delta {
  /**
   * Diagnostics that appeared and that went away. Two diagnostics are the same when their code,
   * path, rule and params are.
   */
  diagnostics: Changes<Diagnostic>;
  notices: Changes<Notice>;
  /**
   * The outcomes that changed in any way (verdict, status, reasons or what is missing), with their
   * new value; `null` where the outcome no longer applies. Unchanged ones are absent.
   */
  outcomes: OutcomeChanges;
  /** Required documents whose entry changed or appeared, and the rules of those that went away. */
  requiredDocuments: RowChanges<RequiredDocument>;
  windows: RowChanges<WindowReport>;
  /**
   * Nearest thresholds that changed (moved, or the amount's distance to them did) or appeared, and
   * the keys of those that went away.
   */
  nearest: RowChanges<NearestThreshold>;
  /** The stage now applied (the application's `stage` field may have been edited). */
  stage: Stage;
  summary: Summary;
  /**
   * The day the report is now of, where it moved with this edit: a validator given no `asOf`
   * follows today, and the first edit after midnight evaluates everything as of the new day. Where
   * a new version of the regulation came into force that day, its citations and names are in
   * `report()`, not repeated here.
   */
  asOf?: DateString;
}

/** A validator holding one application, for a live form. */
export type Validator = ValidatorMethods & DisposeMethod;

/**
 * `[Symbol.dispose]()`, the same as `free()`, where the consumer's libs declare `Symbol.dispose`
 * (`esnext.disposable`): `using v = createValidator(…)` frees it at the end of the block.
 */
export type DisposeMethod = SymbolConstructor extends { readonly dispose: infer D extends symbol }
  ? { [K in D]: () => void }
  : unknown;

/** What a validator does. */
export interface ValidatorMethods {
  /**
   * Sets one value and returns what changed: a field (`funding.thisYear.total`), a group
   * (`funding.thisYear`, from an object), a table (`documents`), a row (`resources[2]`; `null`
   * removes it, the index one past the end appends) or a cell (`resources[2].sharing`). `null`
   * clears. A bad value comes back as a diagnostic. A row index past the end, a value over a
   * limit, or an edit of a table that would take the application over one (2 MiB of JSON text,
   * 50,000 values) throws a RangeError, and the validator keeps what it holds.
   */
  set(path: Path, value: unknown): Delta;
  /**
   * Replaces the whole application (an object or JSON text) and returns what changed. One over a
   * limit throws a RangeError, and the validator keeps what it holds.
   */
  replace(application: Application | string): Delta;
  /** The whole report on the application as it stands. */
  report(): Report;
  /** Releases the validator's memory now rather than at garbage collection. */
  free(): void;
}

// ---------------------------------------------------------------------------------------------
// Catalogue

/**
 * A jurisdiction as a portal lists it: the regulation in force on the as-of date, the parameters
 * the portal may have to supply, the documents it names, and every dated version.
 */
export interface JurisdictionEntry {
  id: JurisdictionId | (string & {});
  region: string;
  /** An example profile that describes no real place. */
  fictional: boolean;
  title: string;
  /** `null` where the text prints none. */
  documentNumber: string | null;
  issued: DateString | null;
  inForce: DateString | null;
  /** Where the in-force date comes from, as the text has it. */
  inForceBasis: string;
  repealed: DateString | null;
  /**
   * Thresholds and limits; `value: null` marks one the text leaves to the portal (歙县's 分散采购限额标准),
   * to be passed as `options.parameters[key]`.
   */
  parameters: ParameterEntry[];
  /** Document kinds for the application's `documents` table, with their names. */
  documents: Record<string, string>;
  /**
   * The chapters a document may have to contain, with their names: a document's `chapters` takes
   * the key or the name.
   */
  chapters: Record<string, string>;
  /**
   * The values the regulation's form lists for a field, which the applicant picks from and `FM002`
   * holds it to (项目性质 for `nature`, 联网方式 for `networkType`), by field path; the form's own words,
   * in either locale.
   */
  choices: Partial<Record<FieldPath, string[]>>;
  /**
   * The values it lists for a cell of the information-resource table (`sharing` 共享属性,
   * `updateFrequency` 采集更新频率; `RS002`, `RS005`), by cell.
   */
  resourceChoices: Partial<Record<'sharing' | 'updateFrequency', string[]>>;
  /**
   * The verdicts its regulation names otherwise than the package's headings, by outcome key (江津's
   * `merge` is 「可研与初步设计」).
   */
  outcomeNames: Partial<Record<OutcomeName, string>>;
  /** Every dated version, oldest first. */
  versions: VersionEntry[];
}

export interface ParameterEntry {
  key: string;
  label: string;
  unit: string;
  /** The amount the text fixes, or `null` when the portal must supply it. */
  value: string | null;
  citations: Citation[];
}

export interface VersionEntry {
  title: string;
  documentNumber: string | null;
  issued: DateString | null;
  inForce: DateString | null;
  repealed: DateString | null;
}

export interface CodeEntry {
  code: Code;
  name: string;
  severity: Severity;
  family: CodeFamily;
  /** The message template in the requested locale; `{name}` marks a parameter. */
  template: string;
  params: string[];
  /**
   * The rule mechanism that emits it (`missing_document`, `timing_window` …:
   * `src/rules/<name>.rs`), or `input` (the reader of the application) or `engine` (the
   * jurisdiction checks).
   */
  emittedBy: string;
}

export interface ProvisionEntry {
  jurisdiction: string;
  /** The provision's id, as diagnostics and outcome traces give it in `rule`. */
  rule: string;
  /**
   * How it is checked: `outcome.approval`, `requirement.declaration`, `window`, … or
   * `notFormalised` for a provision deliberately not checked (the summary says why).
   */
  kind: string;
  /** The codes it can report; none for a decision-table case, which decides an outcome. */
  codes: Code[];
  /**
   * What breaking it is: `warning` for a duty the text qualifies (原则上) or checks only as a
   * reminder, where its codes alone would say `error`; `null` for a decision-table case or a
   * provision not checked.
   */
  severity: Severity | null;
  summary: string;
  citations: Citation[];
}

/**
 * The rule catalogue: every code with its severity and message template, and every provision of the
 * regulations with the codes it can report and its citations.
 */
export interface Catalogue {
  codes: CodeEntry[];
  provisions: ProvisionEntry[];
}

// ---------------------------------------------------------------------------------------------
// Standard Schema v1 (https://standardschema.dev), declared here so that no dependency is needed.

export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': StandardSchemaV1.Props<Input, Output>;
}

export declare namespace StandardSchemaV1 {
  export interface Props<Input = unknown, Output = Input> {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => Result<Output> | Promise<Result<Output>>;
    readonly types?: Types<Input, Output> | undefined;
  }
  export type Result<Output> = SuccessResult<Output> | FailureResult;
  export interface SuccessResult<Output> {
    readonly value: Output;
    readonly issues?: undefined;
  }
  export interface FailureResult {
    readonly issues: ReadonlyArray<Issue>;
  }
  export interface Issue {
    readonly message: string;
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }
  export interface PathSegment {
    readonly key: PropertyKey;
  }
  export interface Types<Input = unknown, Output = Input> {
    readonly input: Input;
    readonly output: Output;
  }
  /** The input type of a schema, from its `~standard.types` (e.g. `Application` for `schema()`'s). */
  export type InferInput<Schema extends StandardSchemaV1> = NonNullable<Schema['~standard']['types']>['input'];
  /** The output type of a schema, from its `~standard.types`. */
  export type InferOutput<Schema extends StandardSchemaV1> = NonNullable<Schema['~standard']['types']>['output'];
}

/**
 * The schema `schema()` returns: errors are issues, warnings are not. Before the module is loaded
 * `validate` answers with a Promise (it waits for `init()`, calling it if nobody has); once it is
 * loaded, at once. A valid value comes back in canonical form (`NormalizedApplication`).
 */
export interface ApplicationSchema extends StandardSchemaV1<Application, NormalizedApplication> {
  readonly '~standard': ApplicationSchemaProps;
}

export interface ApplicationSchemaProps extends StandardSchemaV1.Props<Application, NormalizedApplication> {
  readonly validate: (
    value: unknown,
  ) => StandardSchemaV1.Result<NormalizedApplication> | Promise<StandardSchemaV1.Result<NormalizedApplication>>;
}

/**
 * An application as a valid form's value comes back from `schema()`: amounts are canonical
 * decimal strings of 万元 (「３００ 万元」 → `'300'`), text is trimmed, dates are `YYYY-MM-DD`,
 * yes/no answers are booleans, whole numbers are numbers, and checkbox groups and tables are
 * arrays. Keys the rules do not know are kept as given.
 */
export type NormalizedApplication = Normalized<Application>;
type Normalized<T> = { [K in keyof T]: NormalizedField<K, T[K]> };
type Present<T> = Exclude<T, null | undefined>;
/** The labels a form may give for a listed choice, which come back as its key. */
type ChoiceLabel = ProjectKindLabel | UnitKindLabel | LevelLabel | StageLabel | AdjustmentReasonLabel;
type Keyed<T> = T extends readonly (infer E)[] ? Exclude<E, ChoiceLabel>[] : T;
type NormalizedField<K, T> = K extends 'year' | 'mlpsLevel' | 'size' | 'external' | 'freeMaintenanceYears'
  ? number | null
  : [Extract<Present<T>, readonly unknown[]>] extends [never]
    ? [Flag] extends [Present<T>]
      ? boolean | null
      : [Amount] extends [Present<T>]
        ? string | null
        : [Present<T>] extends [object]
          ? Normalized<Present<T>> | Extract<T, null>
          : Exclude<T, ChoiceLabel>
    : // A checkbox group not answered stays `null`; a table left empty is `[]`.
      Keyed<Extract<Present<T>, readonly unknown[]>> | (K extends 'documents' | 'resources' ? never : Extract<T, null>);

/** A field, group, table, row or cell a form has, as `schema({ fields })` and `elementRules({ fields })` name it. */
export type FormField = Path;

/** Options of `schema()`: those of `validate()`, and the fields the form (or this wizard step) has. */
export interface SchemaOptions extends Options {
  /**
   * The fields the form has (e.g. one wizard step's): only errors on them, or inside them (a row
   * or cell of a table, a field of a group), and errors about the whole application are issues.
   * Left out: the fields the value given has. A path that is no field throws a TypeError.
   */
  fields?: readonly FormField[] | undefined;
}

// ---------------------------------------------------------------------------------------------
// async-validator rules (Element Plus, Ant Design Vue)

/**
 * The callback async-validator hands a validator. It is given an `Error` or nothing; typed to take
 * a string too, so that the rules fit Element Plus's types (`string | Error`) and Ant Design Vue's
 * (`string`) alike.
 */
export type ValidateCallback = (error?: string | Error) => void;

/** One rule of async-validator with a validator that checks a field against the regulation. */
export interface ElementRule {
  /**
   * Given async-validator's callback, calls `callback()` or `callback(new Error(message))` and
   * returns nothing. The whole form comes from `model`; without it, from `source` (Element Plus
   * passes it), else from the value alone.
   */
  validator(rule: unknown, value: unknown, callback: ValidateCallback, source?: Record<string, unknown>): void;
  /** Without a callback: a Promise that resolves, or rejects with the field's first error. */
  validator(rule: unknown, value: unknown): Promise<void>;
  trigger: ElementTrigger | ElementTrigger[];
}

/** The events Element Plus and Ant Design Vue validate a form item on. */
export type ElementTrigger = 'blur' | 'change';

/**
 * The `rules` of `<el-form>` and `<a-form>`, by the path a form-item names
 * (`prop="funding.thisYear.total"`); Ant Design Vue's `:name="['funding', 'thisYear', 'total']"`
 * finds the same rules part by part.
 */
export type ElementRules = { [path: string]: ElementRule[] };

export interface ElementRulesOptions extends Options {
  /** The fields to make rules for; left out: those `model` has, else every field. */
  fields?: readonly FormField[] | undefined;
  /**
   * The whole form: the object `<el-form :model>` is given (e.g. a `reactive()` one), or a function
   * returning it (`() => form.value` for a `ref`). Each validator reads it, since the rules are
   * cross-field. Left out, a validator sees only what async-validator hands it: the source
   * (Element Plus passes the form item's), else the value alone (Ant Design Vue).
   */
  model?: Application | (() => Application) | undefined;
  /** When the form library runs the rules; default `['blur', 'change']`. */
  trigger?: ElementTrigger | ElementTrigger[] | undefined;
}

// ---------------------------------------------------------------------------------------------
// Labels

/** Every label a form or a custom UI shows, in one locale. */
export interface Labels {
  locale: Locale;
  /**
   * Every field path of the 申报表 with its label, in form order, then `documents` and `resources`.
   */
  fields: Record<FieldPath | 'documents' | 'resources', string>;
  /**
   * Every group of fields with its heading on the 申报表, in form order (`funding` 资金来源,
   * `funding.thisYear` 本年度申请资金, …), as messages name a group.
   */
  groups: Record<'preparation' | 'funding' | 'funding.priorYears' | 'funding.thisYear' | 'expertPanel' | 'acceptancePanel' | 'dates' | 'adjustment', string>;
  /** The labels of each table's cells. */
  cells: {
    documents: Record<keyof DocumentOnFile & string, string>;
    resources: Record<keyof ResourceRow & string, string>;
  };
  /** The labels of the choices of each field that takes listed keys, by field path. */
  choices: {
    unitKind: Record<UnitKind, string>;
    kind: Record<ProjectKind, string>;
    mandatedBy: Record<Level, string>;
    stage: Record<Stage, string>;
    'adjustment.reason': Record<AdjustmentReason, string>;
  };
  /**
   * The labels of each verdict's values, as `report.outcomes` gives them: `approval` (its `need`),
   * `merge`, `supervision` and `management` (their `mode`), `initialAcceptance` (of the
   * `acceptance` verdict).
   */
  verdicts: {
    approval: Record<ApprovalNeed, string>;
    merge: Record<MergeMode, string>;
    supervision: Record<SupervisionMode, string>;
    management: Record<ManagementMode, string>;
    initialAcceptance: Record<InitialAcceptance, string>;
  };
  stages: Record<Stage, string>;
  /** Each jurisdiction's document names, by document key (every version's). */
  documents: Record<JurisdictionId | (string & {}), Record<string, string>>;
  /**
   * Each jurisdiction's names of the chapters a document may have to contain (a document's
   * `chapters` takes the key or the name), by chapter key (every version's).
   */
  chapters: Record<JurisdictionId | (string & {}), Record<string, string>>;
  /**
   * Each jurisdiction's own labels of the fields its regulation words otherwise than `fields` does
   * (相城's 「预算总投资」 for 预计总投资), by field path (every version's).
   */
  jurisdictionFields: Record<JurisdictionId | (string & {}), Partial<Record<FieldPath, string>>>;
}

// ---------------------------------------------------------------------------------------------
// Platform types, without the DOM lib
//
// A Node or server project compiled without `"lib": ["dom"]` has no `Element`, `Response` or
// `WebAssembly`. Each is taken from the consumer's own globals where its libs declare it (the DOM
// lib, @types/node), and is `never` where they do not: the browser-only `attach()` then takes
// no form, and the rest of the surface is the same.

/** `Element` where the consumer's libs declare it. */
export type DomElement = typeof globalThis extends { Element: { prototype: infer T } } ? T : never;
/** `HTMLFormElement` where the consumer's libs declare it. */
export type DomFormElement = typeof globalThis extends { HTMLFormElement: { prototype: infer T } } ? T : never;
/** `URL` where the consumer's libs declare it. */
export type UrlObject = typeof globalThis extends { URL: { prototype: infer T } } ? T : never;
/** `Request` where the consumer's libs declare it. */
export type RequestObject = typeof globalThis extends { Request: { prototype: infer T } } ? T : never;
/** `Response` where the consumer's libs declare it. */
export type ResponseObject = typeof globalThis extends { Response: { prototype: infer T } } ? T : never;
/** `WebAssembly.Module` where the consumer's libs declare it. */
export type WasmModule = typeof globalThis extends { WebAssembly: { Module: { prototype: infer T } } } ? T : never;
/** The bytes of a module: an ArrayBuffer or a view of one (the DOM lib's `BufferSource`). */
export type Bytes = ArrayBuffer | ArrayBufferView;

// ---------------------------------------------------------------------------------------------
// Functions

/** What `init()` can load the module from: a URL (as text or a `URL`), a request or response, the bytes, or a compiled module. */
export type InitInput = string | UrlObject | RequestObject | ResponseObject | Bytes | WasmModule;

/** The regulations whose profiles ship with the package, in `profiles/`. */
export type ShippedJurisdiction = 'tongzhou' | 'shexian' | 'tinghu' | 'jiangjin' | 'xiangcheng';

/** `init()` for a page that needs only some regulations. */
export interface InitJurisdictions {
  /** The regulations to load; the others are not fetched and are unknown to this page. */
  jurisdictions: ShippedJurisdiction[];
  /**
   * Where `gov_it_rules_core_bg.wasm` (the module without embedded regulations) is, if not beside
   * the package's JS; with `form: false`, `gov_it_rules_core_noform_bg.wasm`.
   */
  wasm?: InitInput | undefined;
  /**
   * The folder holding `<id>.govit` (the compiled profile) and `<id>.en.govit` (its English
   * texts) for each regulation, if not `profiles/` beside the package's JS.
   */
  profiles?: string | UrlObject | undefined;
  /**
   * The locales the page shows. With `'en'`, the regulations' English texts
   * (`profiles/<id>.en.govit`) are fetched too; without it, an English answer gives the
   * regulations' own texts (article summaries, explanations) in Chinese, with a `JU006` notice.
   */
  locales?: Locale[] | undefined;
  profileJson?: false | undefined;
  /** `false`: the module without `attach()` (`gov_it_rules_core_noform_bg.wasm`, 33 KB gzip smaller). */
  form?: boolean | undefined;
}

/** `init()` with the module that also reads JSON profiles (`loadProfile(json)`), for profile authors' tools. */
export interface InitProfileJson {
  profileJson: true;
  /** Where `gov_it_rules_json_bg.wasm` is, if not beside the package's JS. */
  wasm?: InitInput | undefined;
  jurisdictions?: undefined;
  form?: true | undefined;
  /** Accepted for symmetry: this module embeds the regulations' English texts. */
  locales?: Locale[] | undefined;
}

/**
 * `init()` with the default module from elsewhere than beside the package's JS; with
 * `form: false`, the module without `attach()` (`gov_it_rules_noform_bg.wasm`, 33 KB gzip smaller).
 */
export interface InitDefault {
  wasm?: InitInput | undefined;
  jurisdictions?: undefined;
  /** The folder holding `<id>.en.govit` for each regulation, if not `profiles/` beside the package's JS. */
  profiles?: string | UrlObject | undefined;
  /**
   * The locales the page shows. With `'en'`, the regulations' English texts
   * (`profiles/<id>.en.govit`) are fetched too; without it, an English answer gives the
   * regulations' own texts (article summaries, explanations) in Chinese, with a `JU006` notice.
   */
  locales?: Locale[] | undefined;
  profileJson?: false | undefined;
  form?: boolean | undefined;
}

/**
 * Loads the WebAssembly module; call once before anything else in a browser. With no argument it
 * is fetched from beside the package's JS (bundlers that understand `new URL(…, import.meta.url)`
 * copy it). `init({ jurisdictions: ['tongzhou'] })` loads the module without embedded
 * regulations and only the named profiles; `init({ profileJson: true })` the module that also
 * reads JSON profiles; `init({ form: false })` the module without `attach()`, with or without
 * `jurisdictions`; `init({ locales: ['zh-CN', 'en'] })` fetches the regulations' English texts,
 * which a page showing Chinese only does without. In Node the package is ready on import (with the module that reads JSON
 * profiles) and this resolves at once. Imported as `gov-it-rules/noform`, it loads the modules
 * without `attach()` by default and refuses `form: true` and `profileJson: true`. An options object
 * with a key not declared here rejects with a TypeError that names it (`jurisdiction`: did you mean
 * `jurisdictions`?), in Node too; a Promise is awaited, and what it resolves to loaded.
 */
export function init(
  input?: InitInput | Promise<InitInput> | InitJurisdictions | InitProfileJson | InitDefault,
): Promise<void>;

/** Loads the WebAssembly module synchronously from its bytes or a compiled module. */
export function initSync(bytes: Bytes | WasmModule): void;

/**
 * After `init()`, makes the module able to answer in `locale`: for `'en'`, fetches the
 * regulations' English texts that `init({ locales: ['zh-CN', 'en'] })` would have fetched, for a
 * page that switches to English only when asked. Resolves at once where they are already there
 * (Node, `init({ profileJson: true })`) and for `'zh-CN'`.
 */
export function loadLocale(locale: Locale): Promise<void>;

/** Validates a whole application (an object, or JSON text) and returns the report. */
export function validate(application: Application | string, options: Options): Report;

/** A validator for a live form, configured by `options`, holding `application` (default: empty). */
export function createValidator(options: Options, application?: Application | string | null): Validator;

/** The jurisdictions, with title, document number and dates of the regulation in force. */
export function jurisdictions(options?: ListingOptions): JurisdictionEntry[];

/** The rule catalogue: codes with severity and message template; provisions with citations. */
export function rules(options?: CatalogueOptions): Catalogue;

/** A problem in a profile, located by its JSON path (e.g. `versions[0].outcomes.approval[0].cite[0].article`). */
export interface ProfileError {
  path: string;
  message: string;
}
/** What loadProfile() did. */
export type LoadProfileResult = { ok: true; id: string; errors: [] } | { ok: false; errors: ProfileError[] };
/**
 * Loads a jurisdiction profile so that options can name its id: compiled by `gov-it-check
 * compile` (bytes, with `english` the `<id>.en.govit` that `--english-apart` writes beside it),
 * or JSON text or an object (format in docs/profile-format.md) where the module reads JSON
 * profiles (Node, or after `init({ profileJson: true })`; elsewhere the result is one error
 * saying so). The compiler checks a profile's cross-references (citations, declared documents and
 * parameters, fields of their kind); the browser modules check a compiled profile's bytes and
 * bounds, Node's module and `init({ profileJson: true })`'s check both again. A rejected profile
 * changes nothing.
 */
export function loadProfile(profile: string | object | Bytes, english?: Bytes): LoadProfileResult;
/**
 * A Standard Schema v1 for form libraries (react-hook-form, TanStack Form, VeeValidate), for the
 * fields `options.fields` names, or else those the value has. May be made before `init()`.
 */
export function schema(options: SchemaOptions): ApplicationSchema;

/** The `rules` of Element Plus's `<el-form>` and Ant Design Vue's `<a-form>` (async-validator). */
export function elementRules(options: ElementRulesOptions): ElementRules;

/** `T` read-only at every depth, as an object the package freezes is. */
export type Frozen<T> = { readonly [K in keyof T]: Frozen<T[K]> };

/**
 * Every label in `locale` (default `zh-CN`): fields, cells, choices, verdict values, stages,
 * documents. Frozen, and the same object each call.
 */
export function labels(locale?: Locale): Frozen<Labels>;

// ---------------------------------------------------------------------------------------------
// attach(): live, cited feedback inside an existing <form> (the form component in the module, src/form/; styles in attach.css)

export interface AttachOptions extends Options {
  /** Controls by application path, as a selector or an element; by default controls are matched by name. */
  fields?: Record<string, string | DomElement> | undefined;
  /** Milliseconds to wait after typing before verdicts update; default 150. */
  debounce?: number | undefined;
  /** Where verdicts are shown; default a region at the top of the form; `false` for none. */
  outcomes?: DomElement | false | undefined;
  /** Where the error summary is shown; default at the top of the form. */
  summary?: DomElement | undefined;
  /** Show the basis (citations) of each message; default true. */
  citations?: boolean | undefined;
  /**
   * The name of a hidden field attach() adds to the form and fills, at each validation without
   * errors (a submit it lets through, `validate()`), with the application it checked as JSON: the
   * record a server re-checks with `validate(JSON.parse(body[name]), options)` and stores. Absent:
   * no field is added.
   */
  applicationField?: string | undefined;
}

export interface AttachHandle {
  /** Validates the whole form, shows every error and the summary, and returns the report. */
  validate(): Report;
  /** The report on the form as it stands. */
  readonly report: Report;
  /**
   * Reads the whole form again, after your script set its values (a saved draft loaded):
   * setting `value` or `checked` fires no event. Shows no error that was not shown.
   */
  refresh(): void;
  /** Changes validation options (jurisdiction, stage, locale …) and re-checks the form. */
  setOptions(changes: Partial<Options>): void;
  /** Removes every listener and everything attach() added. */
  detach(): void;
}

/** Binds live validation to an existing form (browser only; call `init()` first). */
export function attach(form: DomFormElement, options: AttachOptions): AttachHandle;

/** The `detail` of `govit:report`, dispatched on the form after every update and once by `attach()` itself. */
export interface AttachReportDetail {
  /** The whole report, as `validate()` returns it; made when first read. */
  readonly report: Report;
  /** Milliseconds the update took, debounce excluded. */
  readonly elapsedMs: number;
}

/** The `detail` of `govit:invalid`, dispatched on the form when a submit with errors is stopped. */
export interface AttachInvalidDetail {
  /** The whole report, as `validate()` returns it; made when first read. */
  readonly report: Report;
}

/**
 * A `CustomEvent` whose `detail` is `T`, where the consumer's libs declare `CustomEvent` (without
 * its deprecated `initCustomEvent`, whose `detail` the DOM lib types loosely).
 */
export type AttachEvent<T> = typeof globalThis extends { CustomEvent: { prototype: infer E } }
  ? Omit<E, 'detail' | 'initCustomEvent'> & { readonly detail: T }
  : never;

declare global {
  /** The events `attach()` dispatches on the form (they do not bubble), for `form.addEventListener`. */
  interface HTMLElementEventMap {
    'govit:report': AttachEvent<AttachReportDetail>;
    'govit:invalid': AttachEvent<AttachInvalidDetail>;
  }
}
