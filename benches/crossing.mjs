// How each kind of value crosses between JavaScript and the module, measured both ways in one run
// (Node): as the JSON text the package sends, and as the JavaScript value itself, read or built
// by serde-wasm-bindgen. Four paths: a live edit's value, the options, a live edit's delta, and a
// county's profile given as an object. The last three use the module pkg-scripts/build-crossing.sh
// builds (bench-output/crossing/: the Node module's features and `crossing`, whose exports take
// the other way), so both ways run in one module; each way's answer is checked to be the same.
// Not a test; figures for BENCHMARKS.md. Run by bench.sh; alone, after a build:
// `bash pkg-scripts/build-crossing.sh && node benches/crossing.mjs`.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { completeApplication, TYPING, AS_OF } from './inputs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const url = (...parts) => pathToFileURL(join(root, ...parts)).href;
const pkg = await import(url('pkg', 'node.js'));
const { Validator: PackageModuleValidator } = await import(url('pkg', 'gov_it_rules.js'));
const crossing = await import(url('bench-output', 'crossing', 'crossing.js'));
crossing.initSync({ module: readFileSync(join(root, 'bench-output', 'crossing', 'crossing_bg.wasm')) });

const fixture = readFileSync(join(root, 'tests', 'fixtures', 'tongzhou-declaration.json'), 'utf8');
const application = completeApplication(JSON.parse(fixture));
const options = { jurisdiction: 'tongzhou', asOf: AS_OF, locale: 'zh-CN', stage: 'declaration' };
const optionsText = JSON.stringify(options);
const decoder = new TextDecoder();
const parse = (bytes) => JSON.parse(decoder.decode(bytes));

/** Median µs per call of `op` (called with the call's index), over `batches` batches of `n`, after a warm-up. */
function time(op, { n, batches }) {
  for (let i = 0; i < n; i++) op(i);
  const per = [];
  for (let b = 0; b < batches; b++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) op(i);
    per.push(((performance.now() - t0) / n) * 1000);
  }
  return median(per);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/**
 * Both ways timed in alternating rounds, so that both see the same state of a shared, noisy
 * machine; the ratio is the median of each round's own, with the middle half of them.
 */
function compare(title, text, value, sizes, rounds = 15) {
  const t = [];
  const v = [];
  for (let round = 0; round < rounds; round++) {
    t.push(time(text.op, sizes));
    v.push(time(value.op, sizes));
  }
  const ratios = t.map((x, i) => x / v[i]).sort((a, b) => a - b);
  const quartile = (q) => ratios[Math.floor((ratios.length - 1) * q)].toFixed(2);
  console.log(`  ${title}: ${text.name} ${median(t).toFixed(2)} µs; ${value.name} ${median(v).toFixed(2)} µs; text ÷ value ${median(ratios).toFixed(2)} (${quartile(0.25)}–${quartile(0.75)})`);
}

function agree(what, a, b) {
  if (!isDeepStrictEqual(a, b)) {
    console.error(`crossing: the two ways give different ${what}:\n${JSON.stringify(a)}\n${JSON.stringify(b)}`);
    process.exit(1);
  }
}

console.log('== values crossing into and out of the module (Node, µs per call, medians of alternating rounds)');

// A live edit's value, in the package's own module: what a form control gives.
{
  const v = new PackageModuleValidator(optionsText, JSON.stringify(application), true);
  const typed = (i) => TYPING[i % TYPING.length];
  compare(
    "a live edit's value (typing across 300 万元)",
    { name: 'as JSON text (set)', op: (i) => v.set('totalInvestment', JSON.stringify(typed(i))) },
    { name: 'as the string, serde-wasm-bindgen (setScalar)', op: (i) => v.setScalar('totalInvestment', typed(i)) },
    { n: 240, batches: 5 },
  );
  v.free();
}

// The options, as createValidator and validate take them.
{
  crossing.__optionsFromText(optionsText);
  crossing.__optionsFromValue(options);
  compare(
    'the options',
    { name: 'JSON.stringify and the text read', op: () => crossing.__optionsFromText(JSON.stringify(options)) },
    { name: 'the object read by serde-wasm-bindgen', op: () => crossing.__optionsFromValue(options) },
    { n: 2000, batches: 5 },
  );
}

// A live edit's delta. The module's answer: compact JSON text decoded and parsed, against the same
// compact answer built as objects by serde-wasm-bindgen. And as the caller gets it: through the
// package (the compact text parsed, the numbered texts put back by the wrapper), against the whole
// delta built as objects, its texts written out.
{
  const make = () => new crossing.Validator(optionsText, JSON.stringify(application), true);
  const [text, compact, whole] = [make(), make(), make()];
  const packaged = pkg.createValidator(options, application);
  const typed = (i) => TYPING[i % TYPING.length];
  for (const amount of TYPING) {
    agree(`compact deltas at ${JSON.stringify(amount)}`, parse(text.setScalar('totalInvestment', amount)), compact.__setScalarCompactValue('totalInvestment', amount));
    agree(`deltas at ${JSON.stringify(amount)}`, packaged.set('totalInvestment', amount), whole.__setScalarAsValue('totalInvestment', amount));
  }
  compare(
    "a live edit's compact answer (typing across 300 万元)",
    { name: 'JSON text, decoded and parsed', op: (i) => parse(text.setScalar('totalInvestment', typed(i))) },
    { name: 'objects, serde-wasm-bindgen', op: (i) => compact.__setScalarCompactValue('totalInvestment', typed(i)) },
    { n: 240, batches: 5 },
  );
  compare(
    "a live edit's delta as the caller gets it (the same typing)",
    { name: 'through the package', op: (i) => packaged.set('totalInvestment', typed(i)) },
    { name: 'the whole delta as objects, serde-wasm-bindgen', op: (i) => whole.__setScalarAsValue('totalInvestment', typed(i)) },
    { n: 240, batches: 5 },
  );
  agree('compact reports', parse(text.report()), compact.__reportCompactValue());
  compare(
    'a compact report (the complete 通州 application)',
    { name: 'JSON text, decoded and parsed', op: () => parse(text.report()) },
    { name: 'objects, serde-wasm-bindgen', op: () => compact.__reportCompactValue() },
    { n: 100, batches: 5 },
  );
  for (const v of [text, compact, whole, packaged]) v.free();
}

// A county's profile given as an object (loadProfile). The built-in 通州 profile under another
// id, and the example county of the tests.
for (const [name, file, id] of [
  ['tongzhou', join(root, 'src', 'profiles', 'tongzhou.json'), 'tongzhou-crossing'],
  ['example county', join(root, 'tests', 'fixtures', 'profiles', 'example-county.json'), undefined],
]) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  if (id) profile.id = id;
  agree(`answers loading ${name}`, parse(crossing.loadProfile(JSON.stringify(profile))), crossing.__loadProfileValue(profile));
  if (!crossing.__loadProfileValue(profile).ok) {
    console.error(`crossing: ${name} did not load`);
    process.exit(1);
  }
  compare(
    `a profile given as an object, ${name} (${(Buffer.byteLength(JSON.stringify(profile)) / 1024).toFixed(0)} KB as JSON)`,
    { name: 'JSON.stringify, the text read', op: () => parse(crossing.loadProfile(JSON.stringify(profile))) },
    { name: 'the object read by serde-wasm-bindgen', op: () => crossing.__loadProfileValue(profile) },
    { n: 10, batches: 5 },
  );
}
