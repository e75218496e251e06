// How each kind of value crosses between JavaScript and the module, measured both ways in one run,
// in Node and in headless Chromium: as the JSON text the package sends, and as the JavaScript value
// itself, read or built by serde-wasm-bindgen (benches/crossing-core.mjs: a live edit's value, the
// options, a live edit's compact answer and its whole delta, a compact report, a county's profile
// given as an object). All but the first use the module pkg-scripts/build-crossing.sh builds
// (bench-output/crossing/: the Node module's features and `crossing`, whose exports take the other
// way), so both ways run in one module; each way's answer is checked to be the same. Not a test;
// figures for BENCHMARKS.md. Run by bench.sh; alone, after a build:
// `bash pkg-scripts/build-crossing.sh && node benches/crossing.mjs`.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, runCrossing } from './crossing-core.mjs';
import { openChromium } from './chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const url = (...parts) => pathToFileURL(join(root, ...parts)).href;
const json = (...parts) => JSON.parse(readFileSync(join(root, ...parts), 'utf8'));

const crossing = await import(url('bench-output', 'crossing', 'crossing.js'));
crossing.initSync({ module: readFileSync(join(root, 'bench-output', 'crossing', 'crossing_bg.wasm')) });
const tongzhou = json('src', 'profiles', 'tongzhou.json');
tongzhou.id = 'tongzhou-crossing';
const node = runCrossing({
  crossing,
  pkg: await import(url('pkg', 'node.js')),
  fixture: json('tests', 'fixtures', 'tongzhou-declaration.json'),
  profiles: [['tongzhou', tongzhou], ['example county', json('tests', 'fixtures', 'profiles', 'example-county.json')]],
});
console.log('== values crossing into and out of the module, Node (µs per call, medians of alternating rounds)');
for (const line of describe(node)) console.log(line);

const esbuild = join(root, 'tests', 'js', 'node_modules', '.bin', 'esbuild');
execFileSync(esbuild, [join(root, 'benches', 'page', 'crossing-entry.mjs'), '--bundle', '--format=iife', `--outfile=${join(root, 'bench-output', 'page', 'crossing.js')}`, '--log-level=warning'], { stdio: 'inherit' });
const chromium = await openChromium(root, 'crossing');
try {
  const page = await chromium.browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e));
  await page.goto(`${chromium.url}benches/page/crossing.html`);
  const rows = await page.evaluate(() => window.runCrossing());
  console.log('== the same, headless Chromium');
  for (const line of describe(rows)) console.log(line);
} finally {
  await chromium.close();
}
