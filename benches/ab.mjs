// Two builds of the package compared on the same machine in the same run: alternating rounds of
// the benchmark's three per-call timings (a full validation of the complete 通州 application, an
// edit typing across 300 万元 on it, the same on an empty form), in Node and in headless Chromium
// (one page holding both builds). Each round times both builds, the one that goes first
// alternating, and gives the ratio time before ÷ time after: above 1, the new build is faster.
// Prints the median ratio over the rounds with its quartiles, and each build's median time;
// writes bench-output/ab.json. A shared, noisy machine moves both builds of a round alike, which
// is why a change is judged by these ratios and not by two runs of bench.sh.
//
//   node benches/ab.mjs BASE_PKG NEW_PKG [ROUNDS]     (ROUNDS: 15; package folders as pkg/ is)
//   bash pkg-scripts/ab.sh REV                        (builds REV and the working tree first)
//
// Then cold start, as the Budgets measure it for a page of one county (benches/cold-pages.mjs):
// headless Chromium, fresh pages of one browser, each build's page with preload hints loaded in
// turn, the one that goes first alternating; the ratio of each pair's package import → first
// report and of its init(), with and without attach(). COLD_ROUNDS pairs (default 4 × ROUNDS: a page load varies by a third).
//
// AB_ONLY=node, AB_ONLY=chromium or AB_ONLY=cold runs one of the three.
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rounds } from './ab-core.mjs';
import { completeApplication } from './inputs.mjs';
import { openChromium } from './chromium.mjs';
import { coldPage, loadCold, ONE_JURISDICTION } from './cold-pages.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'bench-output');
const [baseArg, newArg, roundsArg] = process.argv.slice(2);
if (!baseArg || !newArg) {
  console.error('usage: node benches/ab.mjs BASE_PKG NEW_PKG [ROUNDS]');
  process.exit(2);
}
const ROUNDS = Number(roundsArg ?? 15);
const ONLY = process.env.AB_ONLY;
const COLD_ROUNDS = Number(process.env.COLD_ROUNDS ?? 4 * ROUNDS);
const runs = (part) => ONLY === undefined || ONLY === part;

const quantile = (values, q) => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

function report(env, result) {
  const names = { full: 'full validation', typing: 'typing', emptyTyping: 'typing, an empty form' };
  console.log(`== ${env}, ${ROUNDS} alternating rounds (time before ÷ time after; above 1: the new build is faster)`);
  for (const [kind, name] of Object.entries(names)) {
    const r = result.ratios[kind];
    console.log(`  ${name.padEnd(24)} ${quantile(r, 0.5).toFixed(3)}× (quartiles ${quantile(r, 0.25).toFixed(3)}–${quantile(r, 0.75).toFixed(3)}); `
      + `before ${quantile(result.before[kind], 0.5).toFixed(1)} µs, after ${quantile(result.after[kind], 0.5).toFixed(1)} µs`);
  }
}

const fixture = JSON.parse(await readFile(join(root, 'tests', 'fixtures', 'tongzhou-declaration.json'), 'utf8'));
const application = completeApplication(fixture);
// Both builds under bench-output/ab/, where the page's server reaches them.
const folders = { base: join(out, 'ab', 'base'), new: join(out, 'ab', 'new') };
for (const [name, from] of [['base', baseArg], ['new', newArg]]) {
  if (resolve(from) !== folders[name]) {
    await rm(folders[name], { recursive: true, force: true });
    await mkdir(dirname(folders[name]), { recursive: true });
    await cp(resolve(from), folders[name], { recursive: true });
  }
}
const results = { rounds: ROUNDS, base: baseArg, new: newArg };

if (runs('node')) {
  const a = await import(pathToFileURL(join(folders.base, 'node.js')).href);
  const b = await import(pathToFileURL(join(folders.new, 'node.js')).href);
  results.node = rounds(a, b, application, ROUNDS);
  report('Node', results.node);
}

if (runs('chromium')) {
  const page = `<!doctype html>
<meta charset="utf-8">
<title>gov-it-rules A/B</title>
<script type="module">
  import { rounds } from '/benches/ab-core.mjs';
  import { completeApplication } from '/benches/inputs.mjs';
  const a = await import('/bench-output/ab/base/index.js');
  const b = await import('/bench-output/ab/new/index.js');
  await a.init();
  await b.init();
  const fixture = await (await fetch('/tests/fixtures/tongzhou-declaration.json')).json();
  window.result = rounds(a, b, completeApplication(fixture), ${ROUNDS});
</script>
`;
  await writeFile(join(out, 'ab', 'ab.html'), page);
  const chromium = await openChromium(root, 'ab');
  try {
    const tab = await chromium.browser.newPage();
    tab.on('pageerror', (e) => console.error('page error:', e));
    await tab.goto(`${chromium.url}bench-output/ab/ab.html`);
    await tab.waitForFunction(() => window.result !== undefined, null, { timeout: 0, polling: 1000 });
    results.chromium = await tab.evaluate(() => window.result);
    results.browser = chromium.browser.browser()?.version() ?? 'chromium';
    report(`headless Chromium ${results.browser}`, results.chromium);
  } finally {
    await chromium.close();
  }
}

if (runs('cold')) {
  const pages = {};
  for (const [name, { fetched, init }] of Object.entries(ONE_JURISDICTION)) {
    for (const build of ['base', 'new']) {
      const file = `cold-${name}-${build}.html`;
      await writeFile(join(out, 'ab', file), await coldPage(root, `/bench-output/ab/${build}`, fetched, init));
      (pages[name] ??= {})[build] = `bench-output/ab/${file}`;
    }
  }
  const chromium = await openChromium(root, 'ab-cold');
  const load = async (page) => {
    const cold = await loadCold(chromium.browser, `${chromium.url}${page}`);
    if (!cold.ok) throw new Error(`${page}: the first report has no approval verdict`);
    return cold;
  };
  const figures = { scriptToReport: 'import → first report', initMs: 'init()' };
  try {
    results.cold = {};
    console.log(`== headless Chromium, cold start of a 通州 page, ${COLD_ROUNDS} alternating pairs of fresh pages (time before ÷ time after)`);
    for (const [name, { base, new: after }] of Object.entries(pages)) {
      const result = { before: [], after: [] };
      for (let i = 0; i < COLD_ROUNDS; i++) {
        if (i % 2 === 0) {
          result.before.push(await load(base));
          result.after.push(await load(after));
        } else {
          result.after.push(await load(after));
          result.before.push(await load(base));
        }
      }
      results.cold[name] = result;
      for (const [key, label] of Object.entries(figures)) {
        const ratios = result.before.map((b, i) => b[key] / result.after[i][key]);
        console.log(`  ${(name === 'form' ? 'with attach()' : 'without attach()').padEnd(17)} ${label.padEnd(22)} ${quantile(ratios, 0.5).toFixed(3)}× (quartiles ${quantile(ratios, 0.25).toFixed(3)}–${quantile(ratios, 0.75).toFixed(3)}); `
          + `before ${quantile(result.before.map((c) => c[key]), 0.5).toFixed(1)} ms, after ${quantile(result.after.map((c) => c[key]), 0.5).toFixed(1)} ms`);
      }
    }
  } finally {
    await chromium.close();
  }
}

await writeFile(join(out, 'ab.json'), `${JSON.stringify(results, null, 1)}\n`);
console.log('wrote bench-output/ab.json');
