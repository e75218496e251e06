// Benchmark (not a test): per simulated keystroke on the demo form in headless Chromium, the time
// from the input event to the updated verdicts in the DOM, the debounce delay excluded. Prints the
// median and p95 and writes test-output/keystroke-bench.json. Run: bash pkg-scripts/bench-page.sh
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const ROUNDS = Number(process.env.ROUNDS ?? 40);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const server = await serve(join(root, 'target', 'demo'));
const profile = await mkdtemp(join(tmpdir(), 'gov-it-bench-'));
const browser = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
const results = {};
try {
  for (const j of ['tongzhou', 'xiangcheng']) {
    const page = await browser.newPage();
    await page.goto(`${server.url}?j=${j}&debounce=0`);
    await page.waitForSelector('html[data-ready="true"]');
    await page.click(`button[data-sample="${j}"]`);
    await page.waitForFunction(() => document.querySelector('#f-name').value !== '');
    // Typing an amount digit by digit across the 300 万元 line, then deleting it, ROUNDS times.
    const samples = await page.evaluate(async (rounds) => {
      const field = document.querySelector('#f-totalInvestment');
      const form = field.form;
      const times = [];
      const keystroke = (value) => new Promise((resolve) => {
        form.addEventListener('govit:report', (e) => resolve(e.detail.elapsedMs), { once: true });
        const t0 = performance.now();
        field.value = value;
        field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
        const inputHandler = performance.now() - t0;
        times.push(inputHandler);
      }).then((update) => { times[times.length - 1] += update; });
      for (let r = 0; r < rounds; r++) {
        for (const text of ['3', '30', '300', '300.', '300.0', '300.01', '300.0', '300', '30', '3']) await keystroke(text);
      }
      return times;
    }, ROUNDS);
    samples.sort((a, b) => a - b);
    const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
    results[j] = { keystrokes: samples.length, medianMs: at(0.5), p95Ms: at(0.95), maxMs: samples[samples.length - 1] };
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
  await rm(profile, { recursive: true, force: true });
}
console.log('keystroke → updated verdicts in the DOM (debounce excluded), headless Chromium');
console.log('jurisdiction  keystrokes  median ms  p95 ms  max ms');
for (const [j, r] of Object.entries(results)) {
  console.log(`${j.padEnd(12)}  ${String(r.keystrokes).padStart(10)}  ${r.medianMs.toFixed(3).padStart(9)}  ${r.p95Ms.toFixed(3).padStart(6)}  ${r.maxMs.toFixed(3).padStart(6)}`);
}
await mkdir(join(root, 'test-output'), { recursive: true });
await writeFile(join(root, 'test-output', 'keystroke-bench.json'), `${JSON.stringify({ date: new Date().toISOString(), results }, null, 2)}\n`);
