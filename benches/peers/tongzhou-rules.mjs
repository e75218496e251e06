// What the two peer implementations share: the 通州 regulation's numbers and lists (from
// src/profiles/tongzhou.json) and the verdict logic, which neither Zod nor Valibot provides. Each
// peer reads and validates the form with its own library; only these plain facts are common.

/** Thresholds in 万元, as exact integers of 0.0001 万元 (1 元). */
export const APPROVAL = 50 * 10000;
export const MERGE = 300 * 10000;
export const SUPERVISION = 100 * 10000;
export const NATURES = ['新建', '续建', '维护'];
export const LEVELS = ['national', 'provincial', 'municipal', 'county'];
export const MERGE_LEVELS = ['national', 'provincial', 'municipal'];
export const PROJECT_KINDS = ['new', 'continuation', 'upgrade', 'operations', 'serviceProcurement', 'priorYearUnpaid'];
export const UNIT_KINDS = ['department', 'township', 'subordinate', 'enterprise', 'other'];

/** Blank strings and null count as not filled in, as in the core. */
export const blank = (v) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);

const FULL_WIDTH = /[０-９．。－＋\u3000]/g;
const fold = (c) => (c === '．' || c === '。' ? '.' : c === '－' ? '-' : c === '＋' ? '+' : c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0));
const AMOUNT = /^\+?(\d+)(?:\.(\d+))?$/;

/**
 * An amount in 万元 as an integer number of 0.0001 万元, NaN when malformed, undefined when blank:
 * the core's rules (full-width digits, a trailing 万元/万, at most 12 integer digits and 4 decimal
 * places, no exponent, sign or separators). Exact below 2^53 units (9×10^11 万元).
 */
export function amount(v) {
  v = blank(v);
  if (v === undefined) return undefined;
  if (typeof v === 'number') v = String(v);
  if (typeof v !== 'string') return NaN;
  let s = v.trim().replace(FULL_WIDTH, fold);
  s = (s.endsWith('万元') ? s.slice(0, -2) : s.endsWith('万') ? s.slice(0, -1) : s).trim();
  const m = AMOUNT.exec(s);
  if (m === null) return NaN;
  const int = m[1].replace(/^0+/, '');
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (int.length > 12 || frac.length > 4) return NaN;
  return Number(int || '0') * 10000 + Number(frac.padEnd(4, '0'));
}

/** A year-month such as 2026-03. */
export const YEAR_MONTH = /^\d{4}-(0?[1-9]|1[0-2])$/;

/**
 * Whether the applicant says the project is an operations project (项目类别 运维, or 项目性质
 * 「维护」): 第二十五条's supervision is of construction, and a blank is not that claim.
 */
export const operations = (app) =>
  app?.kind === 'operations' || (typeof app?.nature === 'string' && app.nature.trim() === '维护');

/**
 * The three verdicts, from the parsed total investment and mandating levels (undefined: not
 * answered; a blank is never read as 否, so over 300 万元 merge waits for the mandate) and whether
 * the project is one of operations.
 */
export function verdicts(total, mandatedBy, ofOperations = false) {
  const known = total !== undefined && !Number.isNaN(total);
  const mandated = Array.isArray(mandatedBy) && mandatedBy.some((l) => MERGE_LEVELS.includes(l));
  const answered = Array.isArray(mandatedBy);
  return {
    approval: known ? (total > APPROVAL ? 'required' : 'mayBeExempt') : 'undetermined',
    merge: mandated ? 'merge' : known && total <= MERGE ? 'merge' : known && answered ? 'separate' : 'undetermined',
    supervision: ofOperations ? 'notSpecified' : known ? (total > SUPERVISION ? 'mandatory' : 'unifiedService') : 'undetermined',
  };
}

/** The sum rule of the funding table: each parsed source summed against the parsed total. */
export function sumMismatch(row) {
  if (row === undefined || row.total === undefined) return false;
  const sum = (row.fiscal ?? 0) + (row.selfRaised ?? 0) + (row.national ?? 0) + (row.other ?? 0);
  return sum !== row.total;
}
