// A typed consumer of the installed package, checked by `tsc --noEmit` (never run). It uses the
// public surface as an application would, and marks what the types must refuse.
import {
  init,
  loadLocale,
  validate,
  createValidator,
  jurisdictions,
  rules,
  schema,
  labels,
  elementRules,
  attach,
  type Application,
  type ElementRule,
  type ElementRules,
  type Labels,
  type Level,
  type NormalizedApplication,
  type ApplicationSchema,
  type Catalogue,
  type Code,
  type Delta,
  type Diagnostic,
  type FieldPath,
  type JurisdictionEntry,
  type Options,
  type Outcome,
  type Approval,
  type Report,
  type StandardSchemaV1 as OwnStandardSchemaV1,
} from 'gov-it-rules';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { useForm } from 'react-hook-form';
import { standardSchemaResolver } from '@hookform/resolvers/standard-schema';

await init();
await init(new URL('https://portal.example/gov_it_rules_bg.wasm'));
await init({ jurisdictions: ['tongzhou'] });
await init({ jurisdictions: ['xiangcheng'], wasm: '/assets/gov_it_rules_core_bg.wasm', profiles: '/assets/profiles/' });
await init({ jurisdictions: ['tongzhou'], locales: ['zh-CN', 'en'] });
await init({ locales: ['zh-CN', 'en'], form: false });
await init(fetch('/assets/gov_it_rules_bg.wasm'));
await loadLocale('en');
// @ts-expect-error: a locale the package does not answer in
await loadLocale('fr');

const app: Application = {
  year: 2026,
  unitKind: 'department',
  kind: 'new',
  mlpsLevel: '2',
  startMonth: '2026-03',
  totalInvestment: '268.5',
  annualFunding: 268.5,
  preparation: { planCompiled: true, planExpertReviewed: '是' },
  funding: { thisYear: { total: '268.5', fiscal: null }, priorYears: null },
  mandatedBy: ['provincial', 'municipal'],
  dates: { approval: '2026-02-28' },
  adjustment: { reason: 'technicalOptimisation' },
  documents: ['applicationForm', { kind: 'proposal', title: '建议书', chapters: ['信息资源共享分析篇'] }],
  resources: [{ name: '市场主体登记信息', sharing: '有条件共享', condition: '仅向执法协作部门共享' }],
};

const options: Options = {
  jurisdiction: 'shexian',
  asOf: '2025-06-01',
  stage: 'declaration',
  locale: 'en',
  parameters: { procurementLimit: '100' },
  holidays: ['2025-10-01'],
  messages: { DC001: 'Missing: {document}' },
};

const report: Report = validate(app, options);
const text: Report = validate(JSON.stringify(app), { jurisdiction: 'tongzhou' });

// Outcomes narrow on their status.
const approval: Outcome<Approval> | null = report.outcomes.approval;
if (approval?.status === 'determined') {
  const need: 'required' | 'mayBeExempt' | 'notRequired' = approval.value.need;
  const article: string | undefined = approval.because[0]?.citations[0]?.article;
  console.log(need, article);
} else if (approval) {
  const missing: string[] | undefined = approval.missing;
  console.log(missing);
}
const merge = report.outcomes.merge;
if (merge?.status === 'determined') {
  const mode: 'merge' | 'substitute' | 'lighter' | 'omit' | 'separate' = merge.value.mode;
  console.log(mode);
}

const errors: Diagnostic[] = report.diagnostics.filter((d) => d.severity === 'error');
const codes: Code[] = errors.map((d) => d.code);
const first = report.outcomes.requiredDocuments[0];
if (first) {
  const status: 'present' | 'missing' | 'conditional' = first.status;
  console.log(status);
}
console.log(text.summary.complete, codes, report.jurisdiction?.documentNumber, report.documentNames['proposal']);

// The live validator.
const validator = createValidator(options, app);
const path: FieldPath = 'funding.thisYear.total';
const delta: Delta = validator.set(path, '300');
validator.set('funding.thisYear', { total: '300' });
validator.set('resources[0].sharing', '不予共享');
validator.set('documents[2]', { kind: 'feasibilityStudy' });
for (const d of delta.diagnostics.added) console.log(d.path, d.message);
const newMerge = delta.outcomes.merge;
if (newMerge !== undefined && newMerge !== null && newMerge.status === 'determined') console.log(newMerge.value.mode);
const whole: Report = validator.report();
validator.replace(app);
validator.free();
console.log(whole.stage);

// The catalogue.
const list: JurisdictionEntry[] = jurisdictions({ asOf: '2025-06-01', locale: 'zh-CN' });
const limit = list.find((j) => j.id === 'shexian')?.parameters.find((p) => p.value === null);
console.log(limit?.key, list[0]?.documentNumber, list[0]?.inForce);
const catalogue: Catalogue = rules({ jurisdiction: 'tongzhou' });
for (const c of catalogue.codes) console.log(c.code, c.severity, c.template);
for (const p of catalogue.provisions) console.log(p.rule, p.codes, p.citations[0]?.article);

// Standard Schema: assignable to the specification's own interface, and usable by react-hook-form.
const s: ApplicationSchema = schema(options);
const spec: StandardSchemaV1<Application, Application> = s;
const result = await s['~standard'].validate(app);
if (result.issues) {
  for (const issue of result.issues) console.log(issue.message, issue.path);
} else {
  const value: Application = result.value;
  const normalized: NormalizedApplication = result.value;
  // Amounts come back as canonical decimal strings, yes/no answers as booleans, groups as arrays
  // (or null, not answered).
  const amount: string | null | undefined = normalized.totalInvestment;
  const total: string | null | undefined = normalized.funding?.thisYear?.total;
  const urgent: boolean | null | undefined = normalized.urgent;
  const year: number | null | undefined = normalized.year;
  const levels: Level[] | null | undefined = normalized.mandatedBy;
  const networks: string[] | null | undefined = normalized.networkType;
  // @ts-expect-error: a group may be null, not answered
  const ticked: Level[] | undefined = normalized.mandatedBy;
  // @ts-expect-error: an amount is never a number once normalised
  const asNumber: number | null | undefined = normalized.totalInvestment;
  console.log(value.totalInvestment, amount, total, urgent, year, levels, networks, ticked, asNumber);
}
// A wizard step: the fields it has, by their paths.
const step: ApplicationSchema = schema({ ...options, fields: ['name', 'totalInvestment', 'funding.thisYear', 'resources'] });
// @ts-expect-error: not a field of the application
schema({ jurisdiction: 'tongzhou', fields: ['projectName'] });
console.log(step);

// Labels as data.
const zh: Labels = labels();
const en: Labels = labels('en');
const mergeLabel: string = zh.verdicts.merge.separate;
const fieldLabel: string = en.fields['funding.thisYear.total'];
const stageLabel: string = zh.stages.acceptance;
const documentName: string | undefined = zh.documents['tongzhou']?.['proposal'];
const choice: string = zh.choices.unitKind.township;
// @ts-expect-error: not a verdict value
console.log(zh.verdicts.merge.sometimes);
// @ts-expect-error: labels come in zh-CN and en
labels('fr');
export function relabel(): void {
  // @ts-expect-error: labels are frozen
  labels().fields.name = '名称';
}
console.log(mergeLabel, fieldLabel, stageLabel, documentName, choice);

// Element Plus / Ant Design Vue rules over a reactive model (or a getter).
const form: Application = { name: '', totalInvestment: '' };
const elRules: ElementRules = elementRules({ jurisdiction: 'tongzhou', model: form, fields: ['name', 'totalInvestment'], trigger: 'blur' });
elementRules({ jurisdiction: 'tongzhou', model: () => form, locale: 'en', trigger: ['blur', 'change'] });
const rule: ElementRule | undefined = elRules['totalInvestment']?.[0];
// async-validator's callback, typed as its own: given an Error, or nothing.
rule?.validator({}, form.totalInvestment, (error) => console.log(error instanceof Error ? error.message : error));
const promised: Promise<void> | undefined = rule?.validator({}, form.totalInvestment);
// @ts-expect-error: the model is the form object or a function returning it
elementRules({ jurisdiction: 'tongzhou', model: 'form' });
console.log(promised);
console.log(spec['~standard'].vendor);

// The schema's input and output types, by the specification's inference and by the package's copy.
type Input = StandardSchemaV1.InferInput<typeof s>;
type Output = StandardSchemaV1.InferOutput<typeof s>;
const input: Input = app;
const output: Output = { totalInvestment: '268.5', year: 2026, urgent: false, mandatedBy: [] };
// @ts-expect-error: the output's amounts are strings
const notOutput: Output = { totalInvestment: 268.5 };
console.log(notOutput);
const ownOutput: OwnStandardSchemaV1.InferOutput<ApplicationSchema> = output;
const roundTrip: Application = ownOutput;
// @ts-expect-error: the input is an Application, with its field names
const notInput: Input = { totalInvestmnt: '1' };
console.log(roundTrip, notInput);

// A form's blank answers: an empty select, an unanswered radio group, an empty box.
const blank: Application = { kind: '', unitKind: '', stage: '', urgent: '', mandatedBy: '', adjustment: { reason: '' }, totalInvestment: '', year: '' };
// Options set to undefined are left out.
validate(blank, { jurisdiction: 'tongzhou', parameters: undefined, locale: undefined, asOf: undefined, stage: undefined });

export function useApplicationForm() {
  return useForm<Application>({ resolver: standardSchemaResolver(schema({ jurisdiction: 'tongzhou' })) });
}

// A validator may start empty; attach() binds one to an existing form.
createValidator({ jurisdiction: 'tongzhou' }).free();
export function bind(form: HTMLFormElement): Report {
  const handle = attach(form, { jurisdiction: 'tongzhou', fields: { totalInvestment: '#amount' }, outcomes: false });
  handle.setOptions({ locale: 'en' });
  handle.refresh();
  const current: Report = handle.report;
  handle.detach();
  return current;
}

// The events attach() dispatches on the form are typed (HTMLElementEventMap): their detail is the
// report, and govit:report's also the update's duration.
export function listen(form: HTMLFormElement): void {
  form.addEventListener('govit:report', (e) => {
    const report: Report = e.detail.report;
    const elapsed: number = e.detail.elapsedMs;
    console.log(report.summary.errors, elapsed);
  });
  form.addEventListener('govit:invalid', (e) => {
    const report: Report = e.detail.report;
    // @ts-expect-error: govit:invalid carries the report only
    console.log(report.outcomes, e.detail.elapsedMs);
  });
  form.addEventListener('govit:report', (e) => {
    // @ts-expect-error: the detail is typed, not any
    const wrong: number = e.detail.report;
    console.log(wrong);
  });
}

// attach() takes a <form>, not any element.
export function bindDiv(div: HTMLDivElement): void {
  // @ts-expect-error: not a form
  attach(div, { jurisdiction: 'tongzhou' });
}

// What the types refuse.
// @ts-expect-error: misspelt option
validate(app, { jurisdiction: 'tongzhou', asof: '2025-06-01' });
// @ts-expect-error: options are required
validate(app);
// @ts-expect-error: not a project kind
const badKind: Application = { kind: 'brandNew' };
// @ts-expect-error: not a field
const badField: Application = { totalInvestmnt: '1' };
// @ts-expect-error: not a path
validator.set('funding.thisYear.totl', '1');
// @ts-expect-error: not a stage
const badStage: Options = { jurisdiction: 'tongzhou', stage: 'building' };
// @ts-expect-error: not a code
const badCode: Code = 'XX001';
console.log(badKind, badField, badStage, badCode);
