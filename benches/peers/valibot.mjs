// The 通州 rules written with Valibot, the same way as zod.mjs: one schema for the whole 申报表,
// re-run on the whole object at every edit (valibotResolver → safeParse), plus the verdicts.
import * as v from 'valibot';
import { amount, blank, operations, verdicts, sumMismatch, YEAR_MONTH, NATURES, LEVELS, PROJECT_KINDS, UNIT_KINDS } from './tongzhou-rules.mjs';

const kind = (iss) => (iss.input === undefined ? 'required' : 'invalid');
const pre = (f, schema) => v.pipe(v.unknown(), v.transform(f), schema);
const text = pre(blank, v.pipe(v.string(kind), v.maxLength(2000, 'invalid')));
const optText = v.optional(pre(blank, v.optional(v.pipe(v.string(kind), v.maxLength(2000, 'invalid')))));
const money = pre(amount, v.number(kind));
const optMoney = v.optional(pre(amount, v.optional(v.number(kind))));
const month = pre(blank, v.pipe(v.string(kind), v.trim(), v.regex(YEAR_MONTH, 'invalid')));
const optBool = v.optional(pre(blank, v.optional(v.boolean(kind))));
const optDate = v.optional(pre(blank, v.optional(v.pipe(v.string(kind), v.isoDate('invalid')))));
const level = pre(blank, v.pipe(v.number(kind), v.integer('invalid'), v.minValue(1, 'invalid'), v.maxValue(5, 'invalid')));
const count = (max) => v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(max)));

const fundingRow = v.pipe(
  v.object({ total: optMoney, fiscal: optMoney, selfRaised: optMoney, national: optMoney, other: optMoney }, kind),
  v.forward(v.check((row) => !sumMismatch(row), 'fundingSum'), ['total']),
);

/** This year's row: its 合计 is a field of the 申报表 (附件1), so it must be filled in. */
const thisYearRow = v.pipe(
  v.object({ total: money, fiscal: optMoney, selfRaised: optMoney, national: optMoney, other: optMoney }, kind),
  v.forward(v.check((row) => !sumMismatch(row), 'fundingSum'), ['total']),
);
const orEmpty = (x) => x ?? {};

const resource = v.object({
  name: text,
  description: optText,
  updateFrequency: optText,
  sharing: v.picklist(['无条件共享', '有条件共享', '不予共享'], kind),
  condition: optText,
  reason: optText,
}, kind);

export const schema = v.object({
  year: v.optional(v.pipe(v.number(kind), v.integer(), v.minValue(2000), v.maxValue(2100))),
  unit: text,
  unitKind: v.optional(v.picklist(UNIT_KINDS, kind)),
  projectLead: text,
  contactPhone: text,
  name: text,
  site: optText,
  participatingDepartments: optText,
  nature: pre(blank, v.picklist(NATURES, (iss) => (iss.input === undefined ? 'required' : 'notInFormList'))),
  kind: v.optional(v.picklist(PROJECT_KINDS, kind)),
  mlpsLevel: level,
  purposeAndContent: text,
  startMonth: month,
  plannedCompletionMonth: month,
  preparation: v.optional(v.object({ planCompiled: optBool, planExpertReviewed: optBool })),
  totalInvestment: money,
  annualFunding: money,
  funding: v.optional(pre(orEmpty, v.object({ priorYears: v.optional(fundingRow), thisYear: v.optional(pre(orEmpty, thisYearRow), {}) })), {}),
  fundingNote: optText,
  networkType: optText,
  classificationLevel: optText,
  mandatedBy: v.optional(v.array(v.picklist(LEVELS, kind))),
  inAnnualPlan: optBool,
  crossDepartment: optBool,
  classified: optBool,
  designerQualified: optBool,
  onGovernmentCloud: optBool,
  documents: v.optional(v.array(v.union([v.string(), v.object({ kind: v.string(), title: optText })]))),
  resources: v.optional(v.array(resource)),
  expertPanel: v.optional(v.object({ size: count(999) })),
  acceptancePanel: v.optional(v.object({ size: count(999), external: count(999) })),
  freeMaintenanceYears: count(99),
  dates: v.optional(v.record(v.string(), optDate)),
}, kind); // missing keys are reported with the object's message: required

const verdictSchema = v.object({ totalInvestment: optMoney, mandatedBy: v.optional(v.array(v.picklist(LEVELS))) });

export function validate(app) {
  const parsed = v.safeParse(schema, app);
  const facts = v.safeParse(verdictSchema, app);
  const issues = parsed.success ? [] : parsed.issues.map((i) => ({ kind: i.message, path: v.getDotPath(i) ?? '' }));
  const out = facts.success ? verdicts(facts.output.totalInvestment, facts.output.mandatedBy, operations(app)) : verdicts(undefined, undefined, operations(app));
  return { verdicts: out, issues };
}
