// The 通州 rules written with Zod 4, as a react-hook-form user would: one schema for the whole
// 申报表, re-run on the whole object at every edit (zodResolver → safeParse), plus the verdicts
// derived from the parsed amount. Returns { verdicts, issues: [{ kind, path }] } for the agreement
// check; kinds: required, invalid, notInFormList, fundingSum.
import * as z from 'zod';
import { amount, blank, operations, verdicts, sumMismatch, YEAR_MONTH, NATURES, LEVELS, PROJECT_KINDS, UNIT_KINDS } from './tongzhou-rules.mjs';

const kind = (iss) => (iss.input === undefined ? 'required' : 'invalid');
const text = z.preprocess(blank, z.string({ error: kind }).max(2000, 'invalid'));
const optText = z.preprocess(blank, z.string({ error: kind }).max(2000, 'invalid').optional());
const money = z.preprocess(amount, z.number({ error: kind }));
const optMoney = z.preprocess(amount, z.number({ error: kind }).optional());
const month = z.preprocess(blank, z.string({ error: kind }).trim().regex(YEAR_MONTH, 'invalid'));
const optBool = z.preprocess(blank, z.boolean({ error: kind }).optional());
const optDate = z.preprocess(blank, z.iso.date({ error: kind }).optional());
const level = z.preprocess(blank, z.number({ error: kind }).int('invalid').min(1, 'invalid').max(5, 'invalid'));

const fundingRow = z
  .object({ total: optMoney, fiscal: optMoney, selfRaised: optMoney, national: optMoney, other: optMoney })
  .superRefine((row, ctx) => {
    if (sumMismatch(row)) ctx.addIssue({ code: 'custom', message: 'fundingSum', path: ['total'] });
  });

/** This year's row: its 合计 is a field of the 申报表 (附件1), so it must be filled in. */
const thisYearRow = z
  .object({ total: money, fiscal: optMoney, selfRaised: optMoney, national: optMoney, other: optMoney })
  .superRefine((row, ctx) => {
    if (sumMismatch(row)) ctx.addIssue({ code: 'custom', message: 'fundingSum', path: ['total'] });
  });
const orEmpty = (v) => v ?? {};

const resource = z.object({
  name: text,
  description: optText,
  updateFrequency: optText,
  sharing: z.enum(['无条件共享', '有条件共享', '不予共享'], { error: kind }),
  condition: optText,
  reason: optText,
});

export const schema = z.object({
  year: z.number({ error: kind }).int().min(2000).max(2100).optional(),
  unit: text,
  unitKind: z.enum(UNIT_KINDS, { error: kind }).optional(),
  projectLead: text,
  contactPhone: text,
  name: text,
  site: optText,
  participatingDepartments: optText,
  nature: z.preprocess(blank, z.enum(NATURES, { error: (iss) => (iss.input === undefined ? 'required' : 'notInFormList') })),
  kind: z.enum(PROJECT_KINDS, { error: kind }).optional(),
  mlpsLevel: level,
  purposeAndContent: text,
  startMonth: month,
  plannedCompletionMonth: month,
  preparation: z.object({ planCompiled: optBool, planExpertReviewed: optBool }).optional(),
  totalInvestment: money,
  annualFunding: money,
  funding: z.preprocess(orEmpty, z.object({ priorYears: fundingRow.optional(), thisYear: z.preprocess(orEmpty, thisYearRow) })),
  fundingNote: optText,
  networkType: optText,
  classificationLevel: optText,
  mandatedBy: z.array(z.enum(LEVELS, { error: kind })).optional(),
  inAnnualPlan: optBool,
  crossDepartment: optBool,
  classified: optBool,
  designerQualified: optBool,
  onGovernmentCloud: optBool,
  documents: z.array(z.union([z.string(), z.object({ kind: z.string(), title: optText })])).optional(),
  resources: z.array(resource).optional(),
  expertPanel: z.object({ size: z.number().int().min(0).max(999).optional() }).optional(),
  acceptancePanel: z.object({ size: z.number().int().min(0).max(999).optional(), external: z.number().int().min(0).max(999).optional() }).optional(),
  freeMaintenanceYears: z.number().int().min(0).max(99).optional(),
  dates: z.record(z.string(), optDate).optional(),
});

/** The verdicts need only the amount and the mandating levels, so they are read on their own. */
const verdictSchema = z.object({ totalInvestment: optMoney, mandatedBy: z.array(z.enum(LEVELS)).optional() });

export function validate(app) {
  const parsed = schema.safeParse(app);
  const facts = verdictSchema.safeParse(app);
  const issues = parsed.success ? [] : parsed.error.issues.map((i) => ({ kind: i.message, path: i.path.join('.') }));
  const v = facts.success ? verdicts(facts.data.totalInvestment, facts.data.mandatedBy, operations(app)) : verdicts(undefined, undefined, operations(app));
  return { verdicts: v, issues };
}
