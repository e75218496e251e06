// The example built with Vite (vite build) from the installed package, each page used as an
// applicant would in headless Chromium through playwright-core: an amount in Chinese numerals
// shows the package's message under the field and the form is not sent; corrected, the message
// goes; submitted, the application reaches the back end once. Each page loads of the package only
// what a page for one county needs: the module without regulations or attach(), and 通州's.
// Run: npm install && npm test (Chromium at /usr/bin/chromium, or CHROMIUM=…).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json' };
/** What the pages POSTed to /api/applications. */
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
  profile = mkdtempSync(join(tmpdir(), 'gov-it-rules-vue-'));
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

const AMOUNT = '预计总投资（万元）';
const VALID = {
  项目名称: '通州区智慧市场监管综合平台（二期）',
  申报部门: '南通市通州区市场监督管理局',
  '年度需要资金（万元）': '268.5',
};

/**
 * Fills the page's form with an amount in Chinese numerals, checks the message under the amount
 * field and that submitting sends nothing, corrects it, and submits. `message(page, label)` is
 * the element that holds a field's message, as the page's UI library renders it.
 */
async function applicantFlow(path, message) {
  const page = await context.newPage();
  const problems = [];
  const fetched = [];
  page.on('request', (r) => /\.(wasm|govit)$/.test(r.url()) && fetched.push(r.url().split('/').pop()));
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  saved.length = 0;
  await page.goto(base + path);
  const input = (label) => page.getByLabel(label, { exact: true });
  await input(AMOUNT).waitFor({ timeout: 30_000 });
  for (const [label, value] of Object.entries(VALID)) await input(label).fill(value);
  await input(AMOUNT).fill('三百万');
  await input(AMOUNT).blur();

  const amountMessage = message(page, AMOUNT).filter({ hasText: '请用阿拉伯数字而不是中文数字' });
  await amountMessage.waitFor({ timeout: 10_000 });
  assert.match(await amountMessage.textContent(), /「预计总投资」填写的「三百万」不是有效金额/);
  await page.getByRole('button', { name: /^提\s*交$/ }).click();
  await page.waitForTimeout(300);
  assert.deepEqual(saved, [], 'an application with errors was sent');
  assert.equal(await page.getByRole('status').count(), 0);
  await amountMessage.waitFor();
  // Only the fields this form has are checked: no message under any other field.
  for (const label of Object.keys(VALID)) assert.equal(await message(page, label).count(), 0, `a message under ${label}`);

  await input(AMOUNT).fill('300');
  await input(AMOUNT).blur();
  await message(page, AMOUNT).waitFor({ state: 'detached', timeout: 10_000 });

  await page.getByRole('button', { name: /^提\s*交$/ }).click();
  await page.getByRole('status').filter({ hasText: '已提交' }).waitFor({ timeout: 10_000 });
  assert.equal(saved.length, 1);
  assert.deepEqual(saved[0], {
    name: VALID.项目名称,
    unit: VALID.申报部门,
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
}

/** The message of the form item labelled `label`, in Element Plus or Ant Design Vue. */
const itemMessage = (item, error) => (page, label) =>
  page.locator(item).filter({ has: page.locator('label', { hasText: label }) }).locator(error);

test('Element Plus with elementRules(): message under the field, cleared once corrected, then sent', () =>
  applicantFlow('element-plus.html', itemMessage('.el-form-item', '.el-form-item__error')));

test('Ant Design Vue with elementRules(): message under the field, cleared once corrected, then sent', () =>
  applicantFlow('ant-design-vue.html', itemMessage('.ant-form-item', '.ant-form-item-explain-error')));

test('VeeValidate with schema() (a Standard Schema): message under the field, cleared once corrected, then sent', () =>
  applicantFlow('vee-validate.html', (page, label) => page.locator(`label:text-is("${label}") ~ .error:not(:empty)`)));

test('Ant Design Vue, nested fields named by their parts: the sum\'s message comes, goes once the sources add up, the values are sent nested and reset', async () => {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  saved.length = 0;
  await page.goto(base + 'ant-design-vue-funding.html');
  const TOTAL = '本年度申请资金：合计（万元）';
  const input = (label) => page.getByLabel(label, { exact: true });
  const totalMessage = itemMessage('.ant-form-item', '.ant-form-item-explain-error')(page, TOTAL);
  await input(TOTAL).waitFor({ timeout: 30_000 });
  await input(TOTAL).fill('100');
  await input(TOTAL).blur();
  await totalMessage.filter({ hasText: '不一致' }).waitFor({ timeout: 10_000 });
  await input('申请财政拨款（万元）').fill('60');
  await input('申请财政拨款（万元）').blur();
  await input('单位自筹（万元）').fill('40');
  await input('单位自筹（万元）').blur();
  await totalMessage.waitFor({ state: 'detached', timeout: 10_000 });
  await page.getByRole('button', { name: /^提\s*交$/ }).click();
  await page.getByRole('status').filter({ hasText: '已提交' }).waitFor({ timeout: 10_000 });
  assert.deepEqual(saved, [{ funding: { thisYear: { total: '100', fiscal: '60', selfRaised: '40' } } }]);
  await page.getByRole('button', { name: /^重\s*置$/ }).click();
  assert.equal(await input(TOTAL).inputValue(), '');
  assert.deepEqual(problems, []);
  await page.close();
});

test("elementRules() fits Element Plus's and Ant Design Vue's own rule types (tsc, strict)", () => {
  // Throws, with tsc's errors, where src/rules-types.ts does not compile.
  execFileSync(process.execPath, [join(here, 'node_modules/typescript/bin/tsc'), '-p', join(here, 'tsconfig.json')], { encoding: 'utf8' });
});

test('the index links to the pages', async () => {
  const page = await context.newPage();
  await page.goto(base);
  const links = await page.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(links, ['./element-plus.html', './ant-design-vue.html', './vee-validate.html', './ant-design-vue-funding.html']);
  await page.close();
});

test("README.md's Integrations section quotes the Element Plus and VeeValidate code as it runs here", () => {
  const readme = readFileSync(join(here, '../../README.md'), 'utf8');
  const element = readFileSync(join(here, 'src/ElementPlusForm.vue'), 'utf8');
  const script = element.slice(0, element.indexOf('</script>') + '</script>'.length);
  assert.ok(readme.includes(`\`\`\`vue\n${script}\n\`\`\``), 'README.md does not quote the <script setup> of src/ElementPlusForm.vue');
  const vee = readFileSync(join(here, 'src/VeeValidateForm.vue'), 'utf8');
  const useForm = /const \{ defineField.*?\n\}\);\n/s.exec(vee)[0];
  assert.ok(readme.includes(`\`\`\`js\n${useForm}\`\`\``), 'README.md does not quote the useForm call of src/VeeValidateForm.vue');
});
