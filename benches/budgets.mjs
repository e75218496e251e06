// The engine's budgets (BENCHMARKS.md, "Budgets"), each against the figures of this bench run: read
// from bench-output/bench.json (run.mjs) and bench-output/soak.json (soak.mjs), which bench.sh
// writes first. Ratios with the peers are from the same run. Prints one line per budget and writes
// bench-output/budgets.json. A missed budget is reported, not an error: BENCHMARKS.md says why each
// is missed and what would close it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'bench-output');
const bench = JSON.parse(readFileSync(join(out, 'bench.json'), 'utf8'));
const soak = JSON.parse(readFileSync(join(out, 'soak.json'), 'utf8'));

const KB = 1024;
const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;
const us = (row) => `${row.medianUs.toFixed(1)} µs`;
const find = (env, group, impl) => {
  // The full validation of 通州 from an object, as the peers are given it.
  const row = bench.rows[env].find((r) => r.group === group && r.impl === impl && r.jurisdiction === 'tongzhou' && !r.what.includes('JSON'));
  if (!row) throw new Error(`budgets: no ${group} row for ${impl} in ${env}`);
  return row;
};

// [what, met, figure, how far off]
const budgets = [
  ['download, all five regulations (wasm + JS glue, gzip -9) ≤ 96 KB', bench.sizes.total.gzip <= 96 * KB, kb(bench.sizes.total.gzip), `${(bench.sizes.total.gzip / (96 * KB)).toFixed(1)}× the budget`],
  ['download, one jurisdiction (a 通州 page: module, glue, profile) ≤ 64 KB', bench.sizes.oneJurisdiction.gzip <= 64 * KB, kb(bench.sizes.oneJurisdiction.gzip), `${(bench.sizes.oneJurisdiction.gzip / (64 * KB)).toFixed(1)}× the budget`],
  ['download, one jurisdiction, a page without attach() (gov-it-rules/noform, init({ jurisdictions })) ≤ 64 KB', bench.sizes.oneJurisdictionNoForm.gzip <= 64 * KB, kb(bench.sizes.oneJurisdictionNoForm.gzip), `${(bench.sizes.oneJurisdictionNoForm.gzip / (64 * KB)).toFixed(1)}× the budget`],
];
for (const env of ['Node', 'Chromium']) {
  const ours = find(env, 'full', 'gov-it-rules');
  const zod = find(env, 'full', 'zod 4');
  budgets.push([`full validation of the complete 通州 application, ${env}: no slower than Zod 4`, ours.medianUs <= zod.medianUs, `${us(ours)} vs Zod 4 ${us(zod)}`, `${(ours.medianUs / zod.medianUs).toFixed(1)}× Zod's time`]);
}
for (const env of ['Node', 'Chromium']) {
  const ours = find(env, 'edit', 'gov-it-rules');
  const zod = find(env, 'edit', 'zod 4');
  const speedup = zod.medianUs / ours.medianUs;
  budgets.push([`per edit while typing across 300 万元, ${env}: ≥ 3× faster than Zod 4 revalidating the whole object`, speedup >= 3, `${us(ours)}, ${speedup.toFixed(2)}× Zod 4's speed`, `${(3 / speedup).toFixed(1)}× short`]);
}
for (const [page, stats] of [['', bench.cold.browserPreload], [', a one-jurisdiction page without attach()', bench.cold.browserOneNoForm]]) {
  const cold = stats.scriptToReport.median;
  const floor = bench.cold.browserFloor.importMs.median;
  budgets.push([`headless Chromium, package import → first report (preload hints)${page}, median ≤ 10 ms`, cold <= 10, `${cold.toFixed(1)} ms, of which ${floor.toFixed(1)} ms the browser takes to import a one-line module the same way`, `${(cold / 10).toFixed(1)}× the budget`]);
}
const held = soak.rows.find((r) => r.perValidatorKB !== undefined);
if (!held) throw new Error('budgets: soak.json has no per-validator row');
const perValidator = Number(held.perValidatorKB);
const empty = soak.rows.find((r) => r.emptyPerValidatorKB !== undefined);
const emptyNote = empty ? ` (an empty form: ${Number(empty.emptyPerValidatorKB).toFixed(2)} KB)` : '';
budgets.push(['a live validator\'s wasm memory ≤ 4 KB', perValidator <= 4, `${perValidator.toFixed(2)} KB${emptyNote}`, `${(perValidator / 4).toFixed(1)}× the budget`]);

console.log(`\nbudgets (this run, ${bench.date})`);
for (const [what, met, figure, off] of budgets) console.log(`  ${met ? 'met   ' : 'MISSED'}  ${what}: ${figure}${met ? '' : ` (${off})`}`);
writeFileSync(join(out, 'budgets.json'), `${JSON.stringify(budgets.map(([what, met, figure, off]) => ({ what, met, figure, off })), null, 2)}\n`);
console.log('wrote bench-output/budgets.json');
