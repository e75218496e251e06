// The benchmark harness: sizes, Node, headless Chromium (in-page figures and cold start over many
// fresh page loads), the agreement check against the Zod 4 and Valibot peers. Prints
// a table and writes bench-output/bench.json. Run it through `bash pkg-scripts/bench.sh`, which
// installs and builds first. Environment: QUICK=1 for a short run, COLD=N page loads (default 40).
import { readFile, writeFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { JURISDICTIONS } from './inputs.mjs';
import { agreement, runAll } from './core.mjs';
import * as zod from './peers/zod.mjs';
import * as valibot from './peers/valibot.mjs';
import { serve } from '../tests/js/e2e/server.mjs';
import { coldPage, loadCold, ONE_JURISDICTION } from './cold-pages.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'bench-output');
const QUICK = process.env.QUICK === '1';
const COLD = Number(process.env.COLD ?? (QUICK ? 10 : 40));
const peers = { 'zod 4': zod, valibot };
const fixtures = {};
for (const j of JURISDICTIONS) fixtures[j] = JSON.parse(await readFile(join(root, 'tests', 'fixtures', `${j}-declaration.json`), 'utf8'));
await mkdir(join(out, 'page'), { recursive: true });

// --- sizes -------------------------------------------------------------------------------------
const size = async (...files) => {
  const bytes = Buffer.concat(await Promise.all(files.map((f) => readFile(join(root, 'pkg', f)))));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
// The JS: index.js, with wasm-bindgen's glue bundled in.
const sizes = { wasm: await size('gov_it_rules_bg.wasm'), glue: await size('index.js') };
sizes.total = { raw: sizes.wasm.raw + sizes.glue.raw, gzip: sizes.wasm.gzip + sizes.glue.gzip };
// A page for one county: the module without embedded regulations, the glue and its one profile.
sizes.core = await size('gov_it_rules_core_bg.wasm');
sizes.profiles = Object.fromEntries(await Promise.all(JURISDICTIONS.map(async (j) => [j, await size(`profiles/${j}.govit`)])));
sizes.oneJurisdiction = { gzip: sizes.core.gzip + sizes.glue.gzip + sizes.profiles.tongzhou.gzip };
// The same page for a portal that never calls attach() (init({ jurisdictions, form: false })).
sizes.coreNoForm = await size('gov_it_rules_core_noform_bg.wasm');
// Its JS: gov-it-rules/noform (noform.js), the entry without the form component's glue.
sizes.noformEntry = await size('noform.js');
sizes.oneJurisdictionNoForm = { gzip: sizes.coreNoForm.gzip + sizes.noformEntry.gzip + sizes.profiles.tongzhou.gzip };
// What a page that shows English fetches besides (init({ locales: ['zh-CN', 'en'] })).
sizes.english = Object.fromEntries(await Promise.all(JURISDICTIONS.map(async (j) => [j, await size(`profiles/${j}.en.govit`)])));
sizes.englishAll = { gzip: JURISDICTIONS.reduce((sum, j) => sum + sizes.english[j].gzip, 0) };

// --- Node --------------------------------------------------------------------------------------
// Cold start in Node: fresh processes, import of the package (reads and compiles the wasm) to the
// first report.
const coldNode = [];
for (let i = 0; i < (QUICK ? 5 : 15); i++) {
  const script = `const t0 = performance.now(); const g = await import(${JSON.stringify(pathToFileURL(join(root, 'pkg', 'node.js')).href)});
const t1 = performance.now(); g.validate({ totalInvestment: '268.5' }, { jurisdiction: 'tongzhou', asOf: '2026-06-01' });
console.log(JSON.stringify({ importMs: t1 - t0, firstValidateMs: performance.now() - t1, total: performance.now() - t0 }));`;
  coldNode.push(JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })));
}
const gov = await import(pathToFileURL(join(root, 'pkg', 'node.js')).href);
const nodeAgreement = agreement(gov, peers, fixtures);
const nodeRows = runAll(gov, peers, fixtures, { quick: QUICK });

// --- headless Chromium -------------------------------------------------------------------------
const esbuild = join(root, 'tests', 'js', 'node_modules', '.bin', 'esbuild');
execFileSync(esbuild, [join(root, 'benches', 'page', 'bench-entry.mjs'), '--bundle', '--format=iife', '--minify', `--outfile=${join(out, 'page', 'bench.js')}`, '--log-level=warning'], { stdio: 'inherit' });
const { chromium } = await import(pathToFileURL(join(root, 'tests', 'js', 'node_modules', 'playwright-core', 'index.mjs')).href);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// Cross-origin isolation, so that performance.now() is fine-grained in the page.
const server = await serve(root, {
  headers: { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' },
});
// The cold-start page again with preload hints for the package's files in its head
// (benches/cold-pages.mjs).
await writeFile(join(out, 'page', 'cold-preload.html'), await coldPage(root, '/pkg', [['gov_it_rules_bg.wasm', 'application/wasm']]));
// And as a page for one county loads it: the module without regulations and 通州's profile; and
// for a county's portal that never calls attach(): the module without regulations nor the form.
for (const [file, { fetched, init }] of [['cold-one.html', ONE_JURISDICTION.form], ['cold-one-noform.html', ONE_JURISDICTION.noForm]]) {
  await writeFile(join(out, 'page', file), await coldPage(root, '/pkg', fetched, init));
}
// And for a county's page that shows English: its profile and the profile's English texts, the
// first report in English.
const oneEnglishPage = (await coldPage(root, '/pkg', [...ONE_JURISDICTION.form.fetched, ['profiles/tongzhou.en.govit']], "{ jurisdictions: ['tongzhou'], locales: ['zh-CN', 'en'] }"))
  .replace("asOf: '2026-06-01' }", "asOf: '2026-06-01', locale: 'en' }");
if (!oneEnglishPage.includes("locale: 'en' }")) throw new Error("cold.html's options are no longer what the English page rewrites");
await writeFile(join(out, 'page', 'cold-one-english.html'), oneEnglishPage);
// The browser's own floor: a one-line module imported as the cold pages import the package, with
// a modulepreload hint, timed the same way; no code of the package runs.
await writeFile(join(out, 'page', 'floor.mjs'), 'export const loaded = true;\n');
const floorPage = `<!doctype html>
<meta charset="utf-8">
<title>gov-it-rules cold start floor</title>
<link rel="modulepreload" href="/bench-output/page/floor.mjs">
<script type="module">
  const t0 = performance.now();
  const m = await import('/bench-output/page/floor.mjs');
  const t1 = performance.now();
  const lastResponse = Math.max(0, ...performance.getEntriesByType('resource').map((e) => e.responseEnd));
  window.cold = { navToReport: t1, navToScript: t0, scriptToReport: t1 - t0, importMs: t1 - t0, initMs: 0, firstValidateMs: 0, lastResponse, ok: m.loaded };
</script>
`;
await writeFile(join(out, 'page', 'floor.html'), floorPage);
const profile = await mkdtemp(join(tmpdir(), 'gov-it-bench-'));
const browser = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
let browserVersion, pageResult;
const coldRuns = [];
const coldPreload = [];
const coldOne = [];
const coldOneNoForm = [];
const coldOneEnglish = [];
const coldFloor = [];
try {
  browserVersion = browser.browser()?.version() ?? 'chromium';
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e));
  await page.goto(`${server.url}benches/page/bench.html`);
  pageResult = await page.evaluate((quick) => window.runBench(quick), QUICK);
  await page.close();
  // The plain page and the same page with preload hints for the package's files, alternately.
  for (let i = 0; i < COLD; i++) {
    for (const [page, runs] of [['benches/page/cold.html', coldRuns], ['bench-output/page/cold-preload.html', coldPreload], ['bench-output/page/cold-one.html', coldOne], ['bench-output/page/cold-one-noform.html', coldOneNoForm], ['bench-output/page/cold-one-english.html', coldOneEnglish], ['bench-output/page/floor.html', coldFloor]]) {
      runs.push(await loadCold(browser, `${server.url}${page}`));
    }
  }
} finally {
  await browser.close();
  await server.close();
  await rm(profile, { recursive: true, force: true });
}
browserVersion ??= execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim();

// --- report ------------------------------------------------------------------------------------
const stats = (values) => {
  const v = [...values].sort((a, b) => a - b);
  const at = (q) => v[Math.min(v.length - 1, Math.floor(q * v.length))];
  return { n: v.length, median: at(0.5), p95: at(0.95), min: v[0], max: v[v.length - 1] };
};
const pageStats = (runs) => Object.fromEntries(['navToReport', 'navToScript', 'scriptToReport', 'importMs', 'initMs', 'firstValidateMs', 'lastResponse'].map((k) => [k, stats(runs.map((c) => c[k]))]));
const cold = {
  browser: pageStats(coldRuns),
  browserPreload: pageStats(coldPreload),
  browserOne: pageStats(coldOne),
  browserOneNoForm: pageStats(coldOneNoForm),
  browserOneEnglish: pageStats(coldOneEnglish),
  browserFloor: pageStats(coldFloor),
  node: Object.fromEntries(['importMs', 'firstValidateMs', 'total'].map((k) => [k, stats(coldNode.map((c) => c[k]))])),
};

const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const us = (r) => (r.medianUs >= 1000 ? `${(r.medianUs / 1000).toFixed(2)} ms` : `${r.medianUs.toFixed(r.medianUs < 10 ? 2 : 1)} µs`);
const find = (rows, group, impl, what) => rows.find((r) => r.group === group && r.impl === impl && (what === undefined || r.what.includes(what)));
const envs = { Node: nodeRows, Chromium: pageResult.rows };

console.log(`\ngov-it-rules benchmarks, ${new Date().toISOString()}; node ${process.versions.node}, ${browserVersion}, ${cpus().length}× ${cpus()[0]?.model ?? 'cpu'}`);
console.log(`\nsize: wasm ${kb(sizes.wasm.raw)} raw, ${kb(sizes.wasm.gzip)} gzip -9; JS (index.js, the glue bundled in) ${kb(sizes.glue.raw)} raw, ${kb(sizes.glue.gzip)} gzip -9; together ${kb(sizes.total.gzip)} gzip`);
console.log(`size, one jurisdiction: wasm without regulations ${kb(sizes.core.raw)} raw, ${kb(sizes.core.gzip)} gzip -9; profiles ${JURISDICTIONS.map((j) => `${j} ${kb(sizes.profiles[j].gzip)}`).join(', ')} gzip -9; a 通州 page downloads ${kb(sizes.oneJurisdiction.gzip)} gzip with the glue, ${kb(sizes.oneJurisdictionNoForm.gzip)} without attach() through gov-it-rules/noform (wasm ${kb(sizes.coreNoForm.gzip)}, noform.js ${kb(sizes.noformEntry.gzip)} gzip -9)`);
console.log(`size, English: the regulations' English texts, fetched only by a page that shows English, ${JURISDICTIONS.map((j) => `${j} ${kb(sizes.english[j].gzip)}`).join(', ')} gzip -9: ${kb(sizes.englishAll.gzip)} more for the five, ${kb(sizes.english.tongzhou.gzip)} for a 通州 page`);
console.log('\n| benchmark | env | gov-it-rules median (p95) | Zod 4 median | Valibot median | Zod ÷ ours | Valibot ÷ ours |');
console.log('|---|---|---|---|---|---|---|');
for (const [env, rows] of Object.entries(envs)) {
  const z = find(rows, 'full', 'zod 4'); const v = find(rows, 'full', 'valibot');
  for (const r of rows.filter((r) => r.group === 'full' && r.impl === 'gov-it-rules')) {
    const peer = r.jurisdiction === 'tongzhou' && !r.what.includes('JSON');
    console.log(`| full validation, ${r.what.replace('validate(), ', '').replace('validate(JSON text), ', 'JSON text, ')} | ${env} | ${us(r)} (${us({ medianUs: r.p95Us })}) | ${peer ? us(z) : ''} | ${peer ? us(v) : ''} | ${peer ? `${(z.medianUs / r.medianUs).toFixed(2)}×` : ''} | ${peer ? `${(v.medianUs / r.medianUs).toFixed(2)}×` : ''} |`);
  }
  const e = find(rows, 'edit', 'gov-it-rules'); const ze = find(rows, 'edit', 'zod 4'); const ve = find(rows, 'edit', 'valibot');
  console.log(`| per edit (typing across 300 万元), tongzhou | ${env} | ${us(e)} (${us({ medianUs: e.p95Us })}) | ${us(ze)} | ${us(ve)} | ${(ze.medianUs / e.medianUs).toFixed(2)}× | ${(ve.medianUs / e.medianUs).toFixed(2)}× |`);
  const r = find(rows, 'repeat', 'gov-it-rules');
  console.log(`| per edit, the value the field holds (change, blur), tongzhou | ${env} | ${us(r)} (${us({ medianUs: r.p95Us })}) | ${us(ze)} | ${us(ve)} | ${(ze.medianUs / r.medianUs).toFixed(2)}× | ${(ve.medianUs / r.medianUs).toFixed(2)}× |`);
}
const cb = cold.browser; const cn = cold.node;
const coldLine = (label, c) => `${label}: navigation → first report median ${c.navToReport.median.toFixed(1)} ms, p95 ${c.navToReport.p95.toFixed(1)} ms, of which the page's own load before its script starts ${c.navToScript.median.toFixed(1)} ms; package import → first report median ${c.scriptToReport.median.toFixed(1)} ms, p95 ${c.scriptToReport.p95.toFixed(1)} ms (import ${c.importMs.median.toFixed(1)}, init ${c.initMs.median.toFixed(1)}, first validate ${c.firstValidateMs.median.toFixed(1)} ms, medians); the last file fetched arrived at ${c.lastResponse.median.toFixed(1)} ms, median`;
console.log(`\ncold start, headless Chromium, ${cb.navToReport.n} fresh page loads each`);
console.log(coldLine('  plain page', cb));
console.log(coldLine('  with preload hints', cold.browserPreload));
console.log(coldLine('  one jurisdiction (init({ jurisdictions: [\'tongzhou\'] })), with preload hints', cold.browserOne));
console.log(coldLine('  one jurisdiction without attach() (init({ jurisdictions: [\'tongzhou\'], form: false })), with preload hints', cold.browserOneNoForm));
console.log(coldLine('  one jurisdiction in English (init({ jurisdictions: [\'tongzhou\'], locales: [\'zh-CN\', \'en\'] }), the report in English), with preload hints', cold.browserOneEnglish));
console.log(`  the floor, a one-line module imported the same way with a modulepreload hint (no code of the package): import median ${cold.browserFloor.importMs.median.toFixed(1)} ms, p95 ${cold.browserFloor.importMs.p95.toFixed(1)} ms`);
console.log(`cold start, Node, ${cn.total.n} fresh processes: import → first report median ${cn.total.median.toFixed(1)} ms, p95 ${cn.total.p95.toFixed(1)} ms (import ${cn.importMs.median.toFixed(1)}, first validate ${cn.firstValidateMs.median.toFixed(1)} ms, medians)`);

const agreements = { Node: nodeAgreement, Chromium: pageResult.agreement };
let agreed = true;
for (const [env, a] of Object.entries(agreements)) {
  console.log(`agreement (${env}): ${a.inputs} inputs, ${a.disagreements.length} disagreements between gov-it-rules, Zod 4 and Valibot`);
  if (a.disagreements.length > 0) {
    agreed = false;
    for (const d of a.disagreements) console.error(JSON.stringify(d));
  }
}
const result = {
  date: new Date().toISOString(), machine: { cpus: cpus().length, model: cpus()[0]?.model, memGB: Math.round(totalmem() / 2 ** 30) },
  node: process.versions.node, browser: browserVersion, sizes, cold, rows: envs, agreement: agreements,
};
await writeFile(join(out, 'bench.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(`\nwrote bench-output/bench.json`);
if (!agreed) {
  console.error('bench: the three implementations disagree on some inputs (above); the comparison is not valid');
  process.exit(1);
}
