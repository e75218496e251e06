// The benchmarks and the agreement check, shared by Node (node.mjs) and headless Chromium
// (page/bench.html): the same inputs, the same loops, the same clock (performance.now()).
import { JURISDICTIONS, AS_OF, TYPING, completeApplication, agreementInputs } from './inputs.mjs';

/**
 * Times `op` (one call = `perCall` operations) in batches long enough for a coarse clock, and
 * returns per-operation figures in microseconds. Warm-up runs first (JIT, lazy profile parsing).
 */
export function measure(op, { perCall = 1, samples = 60, minBatchMs = 4, warmupMs = 150 } = {}) {
  const until = performance.now() + warmupMs;
  let calls = 0;
  while (performance.now() < until) { op(); calls++; }
  // Calls per batch so that one batch lasts about minBatchMs.
  const perBatch = Math.max(1, Math.ceil((calls / warmupMs) * minBatchMs));
  const times = [];
  for (let s = 0; s < samples; s++) {
    const t0 = performance.now();
    for (let i = 0; i < perBatch; i++) op();
    times.push(((performance.now() - t0) * 1000) / (perBatch * perCall));
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { medianUs: at(0.5), p95Us: at(0.95), minUs: times[0], samples, opsPerSample: perBatch * perCall };
}

// --- the agreement check -------------------------------------------------------------------

/** The fields the peers' rules cover: the 通州 申报表's required fields, the funding table, 项目性质, 上级. */
const COVERED = new Set(['unit', 'projectLead', 'contactPhone', 'name', 'nature', 'mlpsLevel', 'purposeAndContent',
  'startMonth', 'plannedCompletionMonth', 'totalInvestment', 'annualFunding', 'mandatedBy']);
const covered = (path) => COVERED.has(path) || path.startsWith('funding.') || path.startsWith('mandatedBy[');
const KIND = { FM001: 'required', FM002: 'notInFormList', FM003: 'fundingSum' };

/** Our report reduced to what the peers decide: the three verdicts and the located errors. */
export function ourVerdicts(report) {
  const verdict = (o, key) => (o && o.status === 'determined' ? o.value[key] : 'undetermined');
  return {
    verdicts: {
      approval: verdict(report.outcomes.approval, 'need'),
      merge: verdict(report.outcomes.merge, 'mode'),
      supervision: verdict(report.outcomes.supervision, 'mode'),
    },
    issues: report.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => ({ kind: KIND[d.code] ?? 'invalid', path: d.path })),
  };
}

const canon = (r) => JSON.stringify({
  verdicts: r.verdicts,
  issues: [...new Set(r.issues.filter((i) => covered(i.path)).map((i) => `${i.kind}@${i.path}`))].sort(),
});

/** Runs every agreement input through the three; returns the inputs where any differs. */
export function agreement(gov, peers, fixtures) {
  const options = { jurisdiction: 'tongzhou', asOf: AS_OF };
  const disagreements = [];
  const inputs = agreementInputs(fixtures.tongzhou);
  for (const [label, app] of inputs) {
    const ours = canon(ourVerdicts(gov.validate(app, options)));
    // The per-edit path too: the live validator must end where a full validation does.
    const live = gov.createValidator(options, completeApplication(fixtures.tongzhou));
    // One field edited: set() it; anything else: replace() the whole application.
    const base = completeApplication(fixtures.tongzhou);
    const oneEdit = 'totalInvestment' in app && JSON.stringify({ ...app, totalInvestment: base.totalInvestment }) === JSON.stringify(base);
    if (oneEdit) live.set('totalInvestment', app.totalInvestment);
    else live.replace(app);
    const viaEdit = canon(ourVerdicts(live.report()));
    live.free();
    const theirs = Object.fromEntries(Object.entries(peers).map(([name, p]) => [name, canon(p.validate(app))]));
    if (viaEdit !== ours || Object.values(theirs).some((t) => t !== ours)) {
      disagreements.push({ input: label, ours: JSON.parse(ours), live: JSON.parse(viaEdit), ...Object.fromEntries(Object.entries(theirs).map(([k, t]) => [k, JSON.parse(t)])) });
    }
  }
  return { inputs: inputs.length, disagreements };
}

// --- the benchmarks ------------------------------------------------------------------------

/** Every figure for one environment: full validation, per-edit update, and the peers on the same inputs. */
export function runAll(gov, peers, fixtures, { quick = false } = {}) {
  const samples = quick ? 15 : 60;
  const rows = [];
  const apps = Object.fromEntries(JURISDICTIONS.map((j) => [j, completeApplication(fixtures[j])]));

  for (const j of JURISDICTIONS) {
    const options = { jurisdiction: j, asOf: AS_OF };
    rows.push({ group: 'full', what: `validate(), ${j}`, impl: 'gov-it-rules', jurisdiction: j, ...measure(() => gov.validate(apps[j], options), { samples }) });
  }
  const tz = { jurisdiction: 'tongzhou', asOf: AS_OF };
  const text = JSON.stringify(apps.tongzhou);
  rows.push({ group: 'full', what: 'validate(JSON text), tongzhou', impl: 'gov-it-rules', jurisdiction: 'tongzhou', ...measure(() => gov.validate(text, tz), { samples }) });
  for (const [name, p] of Object.entries(peers)) {
    rows.push({ group: 'full', what: 'whole-object safeParse + verdicts, tongzhou', impl: name, jurisdiction: 'tongzhou', ...measure(() => p.validate(apps.tongzhou), { samples }) });
  }

  // Per edit: typing the total investment digit by digit across 300 万元 and back.
  const live = gov.createValidator(tz, apps.tongzhou);
  rows.push({ group: 'edit', what: 'validator.set(), one field', impl: 'gov-it-rules', jurisdiction: 'tongzhou',
    ...measure(() => { for (const t of TYPING) live.set('totalInvestment', t); }, { perCall: TYPING.length, samples }) });
  // The value a field already holds, as a form sends it again on change and on blur.
  live.set('totalInvestment', '268.5');
  rows.push({ group: 'repeat', what: 'validator.set(), the value the field holds', impl: 'gov-it-rules', jurisdiction: 'tongzhou',
    ...measure(() => live.set('totalInvestment', '268.5'), { samples }) });
  live.free();
  for (const [name, p] of Object.entries(peers)) {
    let form = apps.tongzhou;
    rows.push({ group: 'edit', what: 'whole-object revalidation per edit', impl: name, jurisdiction: 'tongzhou',
      ...measure(() => { for (const t of TYPING) { form = { ...form, totalInvestment: t }; p.validate(form); } }, { perCall: TYPING.length, samples }) });
  }
  return rows;
}
