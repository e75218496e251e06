// Hostile sizes through the package in Node (pkg/node.js), not a test: how long a refusal takes,
// and whether cost grows linearly below the limits. Each case is timed as the median of several
// runs; the figures go to BENCHMARKS.md.
//
//   node benches/hostile.mjs            (after pkg-scripts/build.sh; bench.sh runs it)
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const gov = await import(pathToFileURL(join(root, 'pkg', 'node.js')).href);
const options = { jurisdiction: 'tongzhou', asOf: '2025-06-01' };

const unknownKeys = (n) => {
  const parts = ['{"name":"项目"'];
  for (let i = 0; i < n; i++) parts.push(`,"k${i}":1`);
  parts.push('}');
  return parts.join('');
};

function median(f, runs = 7) {
  const times = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = f();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], result };
}

const lines = [];

// 1. Ten megabytes of unknown keys as JSON text: refused by the scan before parsing.
const tenMb = unknownKeys(1_000_000);
const refused = median(() => gov.validate(tenMb, options));
const code = refused.result.diagnostics[0].code;
lines.push(`10 MB application of 1,000,000 unknown keys (JSON text): ${code} in ${refused.ms.toFixed(1)} ms (median of 7)`);
// The same as a JavaScript object: the package's own budget refuses it before encoding.
const object = JSON.parse(tenMb);
const objectRefusal = median(() => {
  try {
    return gov.validate(object, options).diagnostics[0].code;
  } catch (e) {
    return e.name;
  }
}, 3);
lines.push(`the same as a JavaScript object: ${objectRefusal.result} in ${objectRefusal.ms.toFixed(1)} ms (median of 3)`);
const fixture = (await import('node:fs')).readFileSync(join(root, 'tests', 'fixtures', 'tongzhou-declaration.json'), 'utf8');
const after = gov.validate(fixture, options);
lines.push(`the next validation of the 通州 fixture: ${after.summary.errors} errors, complete ${after.summary.complete}`);

// 2. Below the limits, cost against the number of unknown keys: linear means the per-key time
// stays flat as the count grows.
const perKey = [];
for (const n of [5_000, 10_000, 20_000, 40_000]) {
  const text = unknownKeys(n);
  const { ms, result } = median(() => gov.validate(text, options), 5);
  const listed = result.diagnostics.filter((d) => d.code === 'IN005').length;
  const omitted = result.diagnostics.find((d) => d.code === 'IN013')?.params.count ?? 0;
  perKey.push(`${n} keys ${ms.toFixed(2)} ms (${((ms / n) * 1000).toFixed(2)} µs/key; ${listed} listed, ${omitted} counted)`);
}
lines.push(`unknown keys below the limit, validate(JSON text): ${perKey.join('; ')}`);

// 3. A live validator holding 40,000 unknown keys: one more edit.
const live = gov.createValidator(options, unknownKeys(40_000));
const edit = median(() => live.set('totalInvestment', '300.01'), 7);
const extra = median(() => live.set(`extra${Math.random()}`, 'x'), 7);
lines.push(`live validator holding 40,000 unknown keys: set(totalInvestment) ${edit.ms.toFixed(2)} ms, set(an unknown key) ${extra.ms.toFixed(2)} ms (medians of 7)`);
live.free();

console.log('== hostile sizes (Node, pkg/node.js)');
for (const line of lines) console.log(`  ${line}`);
