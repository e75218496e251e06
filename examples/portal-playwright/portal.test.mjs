// An integrator's end-to-end test of a portal form with gov-it-rules attached, in headless
// Chromium through playwright-core. It relies only on what the package promises to keep stable:
// the `govit:report` event after every update, and the data-* attributes on what attach()
// renders (docs/testing-integrations.md). Run: node --test portal.test.mjs (after
// `bash pkg-scripts/build.sh`, with playwright-core installed and Chromium at /usr/bin/chromium).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, '..', '..', 'pkg');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json' };

let server;
let base;
let browser;
let profile;

/** The portal page from this folder, the package from /pkg/; on 127.0.0.1 only. */
function serve() {
  return new Promise((resolve) => {
    const s = createServer(async (req, res) => {
      const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
      const file = path.startsWith('/pkg/') ? join(pkg, path.slice(5)) : join(here, path === '/' ? 'portal.html' : path);
      try {
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
}

before(async () => {
  server = await serve();
  base = `http://127.0.0.1:${server.address().port}/`;
  profile = await mkdtemp(join(tmpdir(), 'portal-e2e-'));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
  await rm(profile, { recursive: true, force: true });
});

async function open() {
  const page = await browser.newPage();
  await page.goto(base);
  await page.waitForSelector('html[data-ready="true"]');
  return page;
}

/**
 * Resolves with the report of the next `govit:report` the form dispatches, so a test waits for
 * the package rather than for a guessed delay (typing is debounced).
 */
function nextReport(page) {
  return page.evaluate(() => new Promise((resolve) => {
    document.querySelector('#apply').addEventListener('govit:report', (e) => resolve(e.detail.report), { once: true });
  }));
}

/** A verdict as attach() renders it: `data-value` on the outcome's <dd>. */
const verdict = (page, name) => page.locator(`dd[data-outcome="${name}"]`).getAttribute('data-value');

test("the portal loads of the package the module without regulations and 通州's profile", async () => {
  const page = await browser.newPage();
  const fetched = [];
  page.on('request', (r) => /\.(wasm|govit)$/.test(r.url()) && fetched.push(r.url().split('/').pop()));
  await page.goto(base);
  await page.waitForSelector('html[data-ready="true"]');
  assert.deepEqual(fetched.sort(), ['gov_it_rules_core_bg.wasm', 'tongzhou.govit']);
  await page.close();
});

test('the merge verdict follows the amount the applicant types, with its article', async () => {
  const page = await open();
  let report = nextReport(page);
  await page.fill('#amount', '300');
  assert.equal((await report).outcomes.merge.value.mode, 'merge');
  assert.equal(await verdict(page, 'merge'), 'merge');
  report = nextReport(page);
  await page.fill('#amount', '300.01');
  const after = await report;
  assert.equal(after.outcomes.merge.value.mode, 'separate');
  assert.ok(after.outcomes.merge.because[0].citations.some((c) => c.article === '第十一条'));
  assert.equal(await verdict(page, 'merge'), 'separate');
  await page.close();
});

test('a combined document does not stand in above 300 万元: the submit is stopped and says why', async () => {
  const page = await open();
  await page.fill('#name', '示例项目');
  await page.fill('#unit', '示例局');
  await page.fill('#amount', '500');
  // Leaving a field updates the verdicts above the form, which moves what is below it: leave the
  // field and wait for that update before clicking further down.
  const settled = nextReport(page);
  await page.locator('#amount').blur();
  await settled;
  await page.check('input[name="documents"][value="applicationForm"]');
  await page.check('input[name="documents"][value="combinedDocument"]');
  const invalid = page.evaluate(() => new Promise((resolve) => {
    document.querySelector('#apply').addEventListener('govit:invalid', (e) => resolve(e.detail.report), { once: true });
  }));
  await page.click('button[type="submit"]');
  const report = await invalid;
  assert.ok(report.diagnostics.some((d) => d.code === 'DC003' && d.params.documentKey === 'proposal'));
  // The message is on the page, marked with its code and path, and the portal's handler never ran.
  await page.waitForSelector('[data-code="DC003"][data-path="documents"]');
  assert.equal(await page.evaluate(() => document.body.dataset.submitted), undefined);
  await page.close();
});

test('a field left empty is reported at the field on submit, and clears once filled in', async () => {
  const page = await open();
  await page.click('button[type="submit"]');
  await page.waitForSelector('[data-code="FM001"][data-path="name"]');
  const report = nextReport(page);
  await page.fill('#name', '示例项目');
  await page.locator('#name').blur();
  await report;
  assert.equal(await page.locator('[data-code="FM001"][data-path="name"]').count(), 0);
  await page.close();
});

test('the server re-checks the application attach() checked, posted in its hidden field, and reaches the same verdicts', async () => {
  // The back office: the package in Node, as a portal's server runs it.
  const { validate } = await import(join(pkg, 'node.js'));
  const page = await open();
  // At the implementation stage a project of 80 万元 needs nothing this short form lacks.
  await page.selectOption('#stage', 'implementation');
  await page.fill('#name', '示例项目');
  await page.fill('#unit', '示例局');
  await page.fill('#amount', '80');
  // The report of the submit: the last before the portal's own handler posts.
  await page.evaluate(() => document.querySelector('#apply').addEventListener('govit:report', (e) => {
    window.lastReport = e.detail.report;
  }));
  await page.click('button[type="submit"]');
  await page.waitForFunction(() => document.body.dataset.posted !== undefined);
  const checked = await page.evaluate(() => window.lastReport);
  assert.equal(checked.summary.errors, 0);
  const posted = new URLSearchParams(await page.evaluate(() => document.body.dataset.posted));
  const options = { jurisdiction: 'tongzhou', asOf: '2025-06-01' };
  const server = validate(JSON.parse(posted.get('govitApplication')), options);
  assert.deepEqual(server.outcomes, checked.outcomes);
  assert.deepEqual(server.diagnostics, checked.diagnostics);
  // The loose fields are not the application: no 上级 and no document ticked post nothing, which
  // a server would read as not answered; the page read them as answered, with none.
  const application = JSON.parse(posted.get('govitApplication'));
  assert.deepEqual([application.mandatedBy, application.documents], [[], []]);
  assert.deepEqual([posted.has('mandatedBy'), posted.has('documents')], [false, false]);
  await page.close();
});

test('a saved draft put into the form by script is read when the portal calls refresh()', async () => {
  const page = await open();
  const report = nextReport(page);
  await page.click('#load-draft');
  assert.equal((await report).outcomes.merge.value.mode, 'separate');
  assert.equal(await verdict(page, 'merge'), 'separate');
  // The applicant has not met an error yet: none is shown.
  assert.equal(await page.locator('.gov-error').count(), 0);
  await page.close();
});
