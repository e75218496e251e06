// Memory you can reason about (not a test; run by pkg-scripts/bench.sh after run.mjs): the wasm
// memory of the Node module measured around each workload, read from the instance itself
// (WebAssembly.Instance is wrapped before the package is imported; the package does not expose
// its memory). Wasm memory only grows, so "after" is the high-water mark a workload leaves.
//   - the registry: one county profile loaded, then loaded again 100 times under the same id;
//   - one validator's footprint: 1,000 validators holding the 通州 fixture, held, then freed; and
//     1,000 holding an empty form;
//   - soak: 1,000,000 edits on one validator, and 100,000 validators created, edited and freed.
// Each soak must leave memory flat: within FLAT_MB of its level before. QUICK=1 runs a tenth.
// Prints a table and writes bench-output/soak.json.
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const QUICK = process.env.QUICK === '1';
const FLAT_MB = 2;
const MB = 1024 * 1024;

const instances = [];
const RealInstance = WebAssembly.Instance;
WebAssembly.Instance = function Instance(module, imports) {
  const instance = new RealInstance(module, imports);
  instances.push(instance);
  return instance;
};
const gov = await import(pathToFileURL(join(root, 'pkg', 'node.js')).href);
const memory = () => instances.at(-1).exports.memory.buffer.byteLength;
const mb = (bytes) => (bytes / MB).toFixed(1);

const fixture = JSON.parse(readFileSync(join(root, 'tests', 'fixtures', 'tongzhou-declaration.json'), 'utf8'));
const county = readFileSync(join(root, 'tests', 'fixtures', 'profiles', 'example-county.json'), 'utf8');
const options = { jurisdiction: 'tongzhou', asOf: '2026-06-01' };
const rows = [];
const row = (what, before, after, extra = {}) => {
  rows.push({ what, beforeMB: Number(mb(before)), afterMB: Number(mb(after)), ...extra });
  const note = Object.entries(extra).map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`soak: ${what.padEnd(58)} ${mb(before).padStart(7)} MB → ${mb(after).padStart(7)} MB  ${note}`);
};

gov.validate(fixture, options);
const start = memory();
row('start (import, one validation)', start, start);

// The registry.
let before = memory();
if (!gov.loadProfile(county).ok) throw new Error('the county profile was refused');
const afterOne = memory();
row('registry: one county profile (21 KB JSON) loaded', before, afterOne);
const LOADS = 100;
for (let i = 0; i < LOADS; i++) gov.loadProfile(county);
row(`registry: loaded again ${LOADS}× under the same id`, afterOne, memory(), {
  perLoadKB: (((memory() - afterOne) / LOADS) / 1024).toFixed(1),
});

// One validator's footprint.
const HELD = 1000;
before = memory();
const held = [];
for (let i = 0; i < HELD; i++) held.push(gov.createValidator(options, fixture));
const heldAfter = memory();
for (const validator of held) validator.free();
held.length = 0;
row(`${HELD} validators holding the fixture, held`, before, heldAfter, {
  perValidatorKB: (((heldAfter - before) / HELD) / 1024).toFixed(2),
});
const reused = memory();
for (let i = 0; i < HELD; i++) held.push(gov.createValidator(options, fixture));
for (const validator of held) validator.free();
held.length = 0;
row(`… freed, then ${HELD} more made and freed (memory reused)`, heldAfter, memory(), { grew: memory() > reused ? 'yes' : 'no' });
// An empty form, what a page holds before the applicant types: its report is mostly diagnostics.
// Measured on top of the fixture's validators made again, so that the memory they freed is taken
// and the growth is the empty forms' own.
for (let i = 0; i < HELD; i++) held.push(gov.createValidator(options, fixture));
before = memory();
for (let i = 0; i < HELD; i++) held.push(gov.createValidator(options, {}));
const emptyAfter = memory();
for (const validator of held) validator.free();
held.length = 0;
row(`${HELD} validators holding an empty form, held`, before, emptyAfter, {
  emptyPerValidatorKB: (((emptyAfter - before) / HELD) / 1024).toFixed(2),
});

// Soak: edits on one validator.
const EDITS = QUICK ? 100_000 : 1_000_000;
const validator = gov.createValidator(options, fixture);
const amounts = ['268.5', '300', '300.0001', '三百万', '', '1e400', '50'];
before = memory();
let t = performance.now();
const samples = [];
for (let i = 0; i < EDITS; i++) {
  switch (i % 5) {
    case 0:
      validator.set('totalInvestment', amounts[i % amounts.length]);
      break;
    case 1:
      validator.set('name', `项目${i}`);
      break;
    case 2:
      validator.set(`resources[${fixture.resources.length}]`, { name: `资源${i}`, sharing: '无条件共享' });
      break;
    case 3:
      validator.set(`resources[${fixture.resources.length}]`, null);
      break;
    default:
      validator.set('funding.thisYear.total', String(i % 1000));
  }
  if ((i + 1) % (EDITS / 10) === 0) samples.push(Number(mb(memory())));
}
const editMs = performance.now() - t;
validator.free();
const editsAfter = memory();
row(`${EDITS.toLocaleString('en')} edits on one validator`, before, editsAfter, {
  perEditUs: ((editMs * 1000) / EDITS).toFixed(1),
  seconds: (editMs / 1000).toFixed(1),
  samplesMB: samples.join('/'),
  flat: editsAfter - before <= FLAT_MB * MB ? 'yes' : 'NO',
});

// Soak: validators created, edited and freed.
const MADE = QUICK ? 10_000 : 100_000;
before = memory();
t = performance.now();
for (let i = 0; i < MADE; i++) {
  const v = gov.createValidator(options, fixture);
  v.set('totalInvestment', amounts[i % amounts.length]);
  v.free();
}
const madeMs = performance.now() - t;
const madeAfter = memory();
row(`${MADE.toLocaleString('en')} validators created, edited, freed`, before, madeAfter, {
  perValidatorUs: ((madeMs * 1000) / MADE).toFixed(0),
  seconds: (madeMs / 1000).toFixed(1),
  flat: madeAfter - before <= FLAT_MB * MB ? 'yes' : 'NO',
});

mkdirSync(join(root, 'bench-output'), { recursive: true });
writeFileSync(join(root, 'bench-output', 'soak.json'), `${JSON.stringify({ quick: QUICK, flatMB: FLAT_MB, rows }, null, 2)}\n`);
if (rows.some((r) => r.flat === 'NO')) {
  console.log(`soak: memory grew by more than ${FLAT_MB} MB in a soak (above)`);
  process.exitCode = 1;
}
