// The example built with Vite (vite build) from the installed package and used as an applicant
// would, in headless Chromium through playwright-core: a bad amount shows its message next to the
// field and nothing is sent; fixed, the message goes and the application is sent once, in
// canonical form; the page loads of the package the module without regulations or attach() and
// 通州's regulation. Also checks that the READMEs quote src/main.jsx as it is.
// Run: npm install && npm test (Chromium at /usr/bin/chromium, or CHROMIUM=…).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json' };
/** What the form POSTed to /api/applications. */
const saved = [];
let server;
let base;
let context;
let profile;

before(async () => {
  await build({ configFile: join(here, 'vite.config.js'), logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } });
  server = createServer((req, res) => {
    const { pathname } = new URL(req.url, 'http://x');
    if (req.method === 'POST' && pathname === '/api/applications') {
      const chunks = [];
      req.on('data', (chunk) => chunks.push(chunk));
      req.on('end', () => {
        saved.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        res.writeHead(201).end();
      });
      return;
    }
    const file = join(dist, normalize(pathname === '/' ? '/index.html' : pathname));
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}/`;
  profile = mkdtempSync(join(tmpdir(), 'gov-it-rules-react-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await context?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test('a bad amount shows its message next to the field; fixed, the application is sent', async () => {
  const page = await context.newPage();
  const problems = [];
  const fetched = [];
  page.on('request', (r) => /\.(wasm|govit)$/.test(r.url()) && fetched.push(r.url().split('/').pop()));
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  saved.length = 0;
  await page.goto(base);
  const input = (label) => page.getByLabel(label, { exact: true });
  // A field's message: the element its input names in aria-describedby.
  const message = async (label) => page.locator(`#${await input(label).getAttribute('aria-describedby')}`);
  await input('项目名称').waitFor({ timeout: 30_000 });

  await input('项目名称').fill('通州区智慧市场监管综合平台（二期）');
  await input('申报部门').fill('南通市通州区市场监督管理局');
  await input('预计总投资（万元）').fill('三百万');
  await input('年度需要资金（万元）').fill('268.5');
  await page.getByRole('button', { name: '提交' }).click();
  const amountMessage = await message('预计总投资（万元）');
  await amountMessage.filter({ hasText: '请用阿拉伯数字而不是中文数字' }).waitFor();
  assert.match(await amountMessage.textContent(), /「预计总投资」填写的「三百万」不是有效金额/);
  assert.equal(await input('预计总投资（万元）').getAttribute('aria-invalid'), 'true');
  // Only the fields this form has are checked: no message anywhere else.
  assert.equal(await page.locator('.error:not(:empty)').count(), 1);
  assert.equal(await page.getByRole('status').count(), 0);
  assert.deepEqual(saved, [], 'an application with errors was sent');

  // Fixing the field clears its message as the applicant types (react-hook-form re-checks on change).
  await input('预计总投资（万元）').fill('３００ ');
  await page.waitForFunction(() => document.querySelectorAll('.error:not(:empty)').length === 0);
  assert.equal(await input('预计总投资（万元）').getAttribute('aria-invalid'), 'false');

  await page.getByRole('button', { name: '提交' }).click();
  await page.getByRole('status').filter({ hasText: '已提交' }).waitFor();
  for (let i = 0; i < 100 && saved.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(saved.length, 1);
  assert.deepEqual(saved[0], {
    name: '通州区智慧市场监管综合平台（二期）',
    unit: '南通市通州区市场监督管理局',
    totalInvestment: '300',
    annualFunding: '268.5',
  });
  assert.deepEqual(problems, []);
  // What the page loads of the package: the module without regulations or attach() and 通州's
  // regulation (Vite names each file with a hash of its content).
  assert.deepEqual(
    fetched.map((file) => file.replace(/-[\w-]{8}(\.\w+)$/, '$1')).sort(),
    ['gov_it_rules_core_noform_bg.wasm', 'tongzhou.govit'],
  );
  await page.close();
});

test('an empty required field is named in its message', async () => {
  const page = await context.newPage();
  await page.goto(base);
  await page.getByLabel('项目名称', { exact: true }).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: '提交' }).click();
  await page.locator('#name-error').filter({ hasText: '请填写「项目名称」' }).waitFor();
  await page.close();
});

test('README.md and js/README.md quote src/main.jsx as it runs here', () => {
  const example = readFileSync(join(here, 'src/main.jsx'), 'utf8').replace(/^(\/\/.*\n)+/, '');
  const fenced = `\`\`\`jsx\n${example}\`\`\``;
  for (const readme of ['../../README.md', '../../js/README.md', 'node_modules/gov-it-rules/README.md']) {
    assert.ok(readFileSync(join(here, readme), 'utf8').includes(fenced), `${readme} does not quote src/main.jsx`);
  }
});
