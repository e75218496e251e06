// End-to-end tests of the demo page in headless Chromium (Debian's, driven by playwright-core):
// live verdicts, the error summary and focus, ARIA wiring, table rows, accessibility (axe-core, no
// violation of any impact), a phone's width (390 px), keyboard-only use and a real mouse click, a
// strict Content-Security-Policy, hostile text, and what the page sends over the network.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const site = join(root, 'target', 'demo');
const output = join(root, 'test-output');
const require = createRequire(import.meta.url);
const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let browser;
let profileDir;
let server;

before(async () => {
  await mkdir(output, { recursive: true });
  profileDir = await mkdtemp(join(tmpdir(), 'gov-it-e2e-'));
  browser = await chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium', headless: true, args: ARGS, viewport: { width: 1280, height: 900 },
  });
  server = await serve(site, { csp: STRICT_CSP });
});

after(async () => {
  await browser?.close();
  await server?.close();
  await rm(profileDir, { recursive: true, force: true });
});

async function open(query = '') {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${server.url}${query}`);
  await page.waitForSelector('html[data-ready="true"]');
  return { page, problems };
}

const verdict = (page, name) => page.locator(`.gov-outcomes dd[data-outcome="${name}"]`).getAttribute('data-value');

async function typeAmount(page, text) {
  const field = page.locator('#f-totalInvestment');
  await field.fill('');
  await field.type(text);
  // Past the debounce; the verdict region then shows the new amount's verdict.
  await page.waitForTimeout(400);
}

test('typing 300 then 300.01 under 通州 flips merge-eligibility', async () => {
  const { page, problems } = await open('?j=tongzhou');
  await typeAmount(page, '300');
  assert.equal(await verdict(page, 'merge'), 'merge');
  const boundary = page.locator('.gov-notices li[data-code="BD001"]');
  assert.match(await boundary.first().textContent(), /300.*包含本数/);
  await typeAmount(page, '300.01');
  assert.equal(await verdict(page, 'merge'), 'separate');
  // The panel is not a live region; a short sentence is announced when a verdict changes.
  assert.equal(await page.locator('.gov-verdicts').getAttribute('aria-live'), null);
  // Said once typing pauses, not at each keystroke.
  await page.waitForFunction(() => document.querySelector('.gov-announce[role="status"]').textContent !== '');
  // The net change since it last spoke: typing 300 then 300.01 without a pause says the verdicts
  // that moved since the form was opened, the merge verdict among them.
  const announcer = page.locator('.gov-announce[role="status"]');
  assert.match(await announcer.textContent(), /合并编报：分别编报/);
  // Beside the amount, as it is typed: the verdict and how far it is from the line.
  const beside = page.locator('.gov-beside[data-gov-for="totalInvestment"] li[data-outcome="merge"]');
  assert.match(await beside.textContent(), /^合并编报：分别编报/);
  assert.match(await beside.locator('.gov-nearest').first().textContent(), /超出合并编报的界线 0\.01 万元：300 万元及以下时，可以合并编报（第十一条）/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('an undetermined verdict names the missing field by its label on the form', async () => {
  const { page } = await open('?j=tongzhou');
  const pending = page.locator('.gov-outcomes dd[data-outcome="merge"] .gov-pending');
  assert.match(await pending.textContent(), /预计总投资/);
  await page.close();
});

test('a control named __proto__.x or constructor.prototype.x never reaches Object.prototype', async () => {
  const { page, problems } = await open('?j=tongzhou');
  await page.evaluate(() => {
    const form = document.querySelector('form');
    for (const name of ['__proto__.polluted', 'constructor.prototype.polluted']) {
      const input = document.createElement('input');
      input.name = name;
      input.value = 'from-a-form-control';
      form.append(input);
    }
  });
  // Switching the regulation reads the whole form again.
  await page.selectOption('#jurisdiction', 'shexian');
  await page.selectOption('#jurisdiction', 'tongzhou');
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => ({}).polluted), undefined);
  assert.equal(await page.evaluate(() => Object.prototype.polluted), undefined);
  assert.deepEqual(problems, []);
  await page.close();
});

test('switching to 江津 changes the chain at 3000', async () => {
  const { page } = await open('?j=tongzhou');
  await page.selectOption('#jurisdiction', 'jiangjin');
  await typeAmount(page, '2999.9999');
  assert.equal(await verdict(page, 'merge'), 'substitute');
  assert.match(await page.locator('.gov-outcomes dd[data-outcome="merge"]').textContent(), /初步设计/);
  // 第九条 has no 合并编报: the heading, and the note beside the amount, say what it has.
  assert.equal(await page.locator('.gov-outcomes dt[data-outcome="merge"]').textContent(), '可研与初步设计');
  const beside = page.locator('.gov-beside[data-gov-for="totalInvestment"] li[data-outcome="merge"]');
  assert.match(await beside.textContent(), /^可研与初步设计：可以替代/);
  assert.match(await beside.textContent(), /距可研与初步设计的界线还有 0\.0001 万元/);
  // Every verdict names its value for a test to read, acceptance by its initialAcceptance.
  assert.equal(await page.locator('.gov-outcomes dd[data-outcome="acceptance"]').getAttribute('data-value'), 'notProvided');
  await typeAmount(page, '3000');
  assert.equal(await verdict(page, 'merge'), 'separate');
  await page.close();
});

test('switching regulation keeps the documents ticked, and 项目性质 offers what each regulation lists', async () => {
  const { page } = await open('?j=tongzhou');
  const natures = () => page.locator('#f-nature option').evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(await natures(), ['', '新建', '续建', '维护']);
  for (const kind of ['applicationForm', 'proposal', 'meetingMinutes']) await page.check(`#documents input[value="${kind}"]`);
  await page.selectOption('#jurisdiction', 'xiangcheng');
  assert.deepEqual(await natures(), ['', '新建', '续建', '往年未支付', '维护']);
  await page.selectOption('#jurisdiction', 'tongzhou');
  const ticked = await page.locator('#documents input:checked').evaluateAll((bs) => bs.map((b) => b.value));
  assert.deepEqual(ticked.sort(), ['applicationForm', 'meetingMinutes', 'proposal']);
  await page.close();
});

test('submitting an incomplete form: summary focused, links focus fields, nothing cleared', async () => {
  const { page } = await open('?j=tongzhou');
  await page.screenshot({ path: join(output, 'demo-before-submit.png'), fullPage: true });
  await page.fill('#f-name', '保留的项目名称');
  await page.fill('#f-totalInvestment', '三百万');
  await page.click('button[type="submit"]');
  const summary = page.locator('.gov-summary');
  await summary.waitFor({ state: 'visible' });
  assert.equal(await summary.locator('h2').textContent(), '存在以下问题');
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('gov-summary')), true);
  assert.match(await page.title(), /^错误：/);
  assert.equal(new URL(page.url()).hash, '', 'the submit was prevented');
  assert.equal(await page.inputValue('#f-name'), '保留的项目名称');
  assert.equal(await page.inputValue('#f-totalInvestment'), '三百万');
  await page.screenshot({ path: join(output, 'demo-after-submit.png'), fullPage: true });
  await page.screenshot({ path: join(output, 'demo-after-submit-top.png') });

  const link = summary.locator('a', { hasText: '预计总投资' }).first();
  await link.click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-totalInvestment');
  const unit = summary.locator('a', { hasText: '申报部门' }).first();
  await unit.click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-unit');
  await page.close();
});

test('field errors are tied to their controls and shown when a field is left, not while typing', async () => {
  const { page } = await open('?j=tongzhou');
  const field = page.locator('#f-totalInvestment');
  await field.type('12.34567');
  await page.waitForTimeout(400);
  assert.equal(await page.locator('.gov-error[data-path="totalInvestment"]').count(), 0, 'no error while typing');
  await field.blur();
  const message = page.locator('.gov-error[data-path="totalInvestment"]');
  await message.waitFor();
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  // The control is described by the message, not by its citation, which is there on demand.
  const id = await message.getAttribute('id');
  assert.ok((await field.getAttribute('aria-describedby')).split(' ').includes(`${id}-text`));
  assert.doesNotMatch(await page.locator(`#${id}-text`).textContent(), /依据/);
  assert.equal(await message.locator('.gov-visually-hidden').textContent(), '错误：');
  assert.match(await message.textContent(), /5 位小数/);
  assert.match(await message.locator('.gov-cite').textContent(), /依据/);
  await field.fill('12.3456');
  await field.blur();
  await page.waitForTimeout(50);
  assert.equal(await field.getAttribute('aria-invalid'), null);
  assert.equal(await page.locator('.gov-error[data-path="totalInvestment"]').count(), 0);
  await page.close();
});

test('resource rows can be added and removed, and their errors follow the rows', async () => {
  const { page } = await open('?j=xiangcheng');
  await page.click('#add-resource');
  const rows = page.locator('#resource-rows tr');
  assert.equal(await rows.count(), 2);
  await rows.nth(1).locator('[data-gov-cell="name"]').fill('企业名录');
  await rows.nth(1).locator('[data-gov-cell="sharing"]').selectOption('有条件共享');
  await rows.nth(1).locator('[data-gov-cell="updateFrequency"]').selectOption('每天');
  await page.click('button[type="submit"]');
  const conditionError = page.locator('.gov-error[data-path="resources[1].condition"]');
  await conditionError.waitFor();
  assert.match(await conditionError.textContent(), /第 2 行.*共享条件/);
  await rows.nth(0).locator('.remove-row').click();
  assert.equal(await rows.count(), 1);
  await page.locator('.gov-error[data-path="resources[0].condition"]').waitFor();
  assert.equal(await page.locator('.gov-error[data-path="resources[1].condition"]').count(), 0);
  await page.close();
});

test('every sample the demo offers loads and validates without errors under its own regulation', async () => {
  const { page } = await open('?j=tongzhou');
  for (const id of ['tongzhou', 'shexian', 'tinghu', 'jiangjin', 'xiangcheng']) {
    await page.click(`button[data-sample="${id}"]`);
    await page.waitForFunction((j) => document.querySelector('#jurisdiction').value === j && document.querySelector('#f-name').value !== '', id);
    await page.waitForTimeout(100);
    const report = await page.evaluate(() => window.govItDemo.handle.validate());
    const errors = report.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.path}: ${d.message}`);
    assert.deepEqual(errors, [], id);
    assert.equal(report.jurisdiction.id, id);
  }
  await page.close();
});

test('a sample replaces what the user typed only once the user agrees; a sample over a sample asks nothing', async () => {
  const { page } = await open('?j=tongzhou');
  const dialogs = [];
  let answer = 'dismiss';
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog[answer]();
  });
  await page.fill('#f-name', '我的项目');
  await page.click('button[data-sample="shexian"]');
  await page.waitForTimeout(200);
  assert.equal(dialogs.length, 1);
  assert.match(dialogs[0], /载入示例「歙县 · 应急指挥平台」将替换表单中已填写的内容/);
  assert.equal(await page.inputValue('#f-name'), '我的项目', 'declined: the typed name stays');
  assert.equal(await page.inputValue('#jurisdiction'), 'tongzhou');

  answer = 'accept';
  await loadSample(page, 'shexian');
  assert.equal(dialogs.length, 2);
  assert.notEqual(await page.inputValue('#f-name'), '我的项目');
  await loadSample(page, 'tinghu');
  assert.equal(dialogs.length, 2, 'a sample over an untouched sample asks nothing');
  await page.click('#add-resource');
  answer = 'dismiss';
  await page.click('button[data-sample="jiangjin"]');
  await page.waitForTimeout(200);
  assert.equal(dialogs.length, 3, 'an added row is the user\'s too');
  assert.equal(await page.inputValue('#jurisdiction'), 'tinghu');
  await page.close();
});

test('a loaded sample validates cleanly and the verdicts cite their articles', async () => {
  const { page } = await open('?j=tongzhou');
  await page.click('button[data-sample="tongzhou"]');
  await page.waitForFunction(() => document.querySelector('#f-name').value !== '');
  await page.waitForTimeout(100);
  const report = await page.evaluate(() => window.govItDemo.handle.validate());
  assert.equal(report.summary.errors, 0, JSON.stringify(report.diagnostics.map((d) => d.message)));
  assert.match(await page.locator('.gov-outcomes dd[data-outcome="supervision"] .gov-cite').first().textContent(), /第二十五条/);
  await page.close();
});

test('a valid submit is sent nowhere: a confirmation shows what the form would send', async () => {
  const { page, problems } = await open('?j=tongzhou');
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.click('button[data-sample="tongzhou"]');
  await page.waitForFunction(() => document.querySelector('#f-name').value !== '');
  await page.waitForTimeout(100);
  const url = page.url();
  await page.click('button[type="submit"]');
  await page.waitForSelector('#submitted:not([hidden])');
  assert.equal(page.url(), url, 'the page did not navigate');
  const shown = JSON.parse(await page.locator('#submitted pre').textContent());
  assert.equal(shown.name, await page.locator('#f-name').inputValue());
  // The application as checked, not the loose fields: the documents ticked as a list.
  assert.ok(Array.isArray(shown.documents) && shown.documents.length > 0);
  assert.equal(shown.govitApplication, undefined);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'submitted');
  const name = encodeURIComponent(shown.name);
  assert.deepEqual(requests.filter((u) => u.includes(name) || u.includes('?stage=')), []);
  assert.deepEqual(problems, []);
  await page.close();
});

// axe-core's default rules at every impact level, and also those it leaves off by default that
// apply to a form like this one: WCAG 2.2's target size, enhanced (7:1) text contrast, duplicate ids.
const AXE_RULES = {
  'target-size': { enabled: true },
  'color-contrast-enhanced': { enabled: true },
  'duplicate-id': { enabled: true },
  'duplicate-id-active': { enabled: true },
};
const axeSource = readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

async function axeViolations(page) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.evaluate(await axeSource);
  const result = await page.evaluate(async (rules) => window.axe.run(document, { resultTypes: ['violations'], rules }), AXE_RULES);
  return result.violations.map((v) => `${v.id} [${v.impact}] ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function loadSample(page, id) {
  await page.click(`button[data-sample="${id}"]`);
  await page.waitForFunction((j) => document.querySelector('#jurisdiction').value === j && document.querySelector('#f-name').value !== '', id);
  await page.waitForTimeout(100);
}

test('axe-core finds no violations of any impact under 通州 and 相城: on load, with a field error, after an empty submit', async () => {
  for (const j of ['tongzhou', 'xiangcheng']) {
    const { page } = await open(`?j=${j}`);
    assert.deepEqual(await axeViolations(page), [], `${j}, on load`);
    await page.fill('#f-totalInvestment', '三百万');
    await page.locator('#f-totalInvestment').blur();
    await page.locator('.gov-error[data-path="totalInvestment"]').waitFor();
    assert.deepEqual(await axeViolations(page), [], `${j}, a field error shown`);
    await page.fill('#f-totalInvestment', '');
    await page.click('button[type="submit"]');
    await page.locator('.gov-summary').waitFor();
    assert.deepEqual(await axeViolations(page), [], `${j}, after an empty submit`);
    await page.close();
  }
});

test('axe-core finds no violations of any impact with each sample loaded, and on its confirmation', async () => {
  const { page } = await open('?j=tongzhou');
  for (const id of ['tongzhou', 'shexian', 'tinghu', 'jiangjin', 'xiangcheng']) {
    await loadSample(page, id);
    assert.deepEqual(await axeViolations(page), [], `${id} sample`);
    await page.click('button[type="submit"]');
    await page.waitForSelector('#submitted:not([hidden])');
    assert.deepEqual(await axeViolations(page), [], `${id} sample, submitted`);
  }
  await page.close();
});

test('under a strict CSP the page works with no violations', async () => {
  const { page, problems } = await open('?j=shexian');
  await page.selectOption('#f-kind', 'new');
  await typeAmount(page, '600');
  assert.ok(await verdict(page, 'approval'));
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('markup typed into every text field never executes and shows as typed', async () => {
  const { page } = await open('?j=xiangcheng');
  const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  const texts = page.locator('form input:not([type]), form input[type="text"], form input[type="tel"], form textarea');
  const n = await texts.count();
  for (let i = 0; i < n; i++) await texts.nth(i).fill(payload);
  await page.click('button[type="submit"]');
  await page.locator('.gov-summary').waitFor();
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('form img').count(), 0);
  assert.equal(await page.inputValue('#f-name'), payload);
  const amountError = page.locator('.gov-error[data-path="totalInvestment"] .gov-error-text');
  assert.match(await amountError.textContent(), /<img src=x/);
  await page.close();
});

test('validating sends nothing over the network', async () => {
  const { page } = await open('?j=tongzhou');
  const seen = [];
  page.on('request', (r) => seen.push(r));
  await page.fill('#f-name', '不应外传的项目名称');
  await typeAmount(page, '123.45');
  await page.click('button[type="submit"]');
  await page.locator('.gov-summary').waitFor();
  for (const r of seen) {
    assert.equal(new URL(r.url()).origin, new URL(server.url).origin, r.url());
    assert.doesNotMatch(r.url() + (r.postData() ?? ''), /123\.45|%E4%B8%8D%E5%BA%94|不应外传/);
  }
  assert.equal(seen.filter((r) => r.method() !== 'GET').length, 0);
  await page.close();
});

test('every file the demo pages ask for, their preload hints included, is served', async () => {
  for (const file of ['index.html', 'rules.html']) {
    const page = await browser.newPage();
    const failed = [];
    page.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
    page.on('requestfailed', (r) => failed.push(`${r.failure()?.errorText} ${r.url()}`));
    await page.goto(`${server.url}${file}`);
    await page.waitForSelector('html[data-ready="true"]');
    await page.waitForLoadState('networkidle');
    const hinted = await page.$$eval('link[rel="modulepreload"], link[rel="preload"]', (links) => links.map((l) => l.href));
    assert.ok(hinted.length >= 2, file);
    assert.deepEqual(failed, [], file);
    await page.close();
  }
});

test('the rule reference page lists every provision with its citation', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}rules.html`);
  await page.waitForSelector('html[data-ready="true"]');
  await page.selectOption('#jurisdiction', 'tongzhou');
  const row = page.locator('#provisions tr[data-rule="tongzhou.merge.small"]');
  assert.match(await row.textContent(), /第十一条/);
  // How it is checked, and a code's gravity, in the page's language.
  assert.match(await row.textContent(), /结论（合并编报）/);
  assert.match(await page.locator('#provisions tr[data-rule="tongzhou.declaration.proposal"]').textContent(), /所需材料（申报）/);
  await page.selectOption('#jurisdiction', 'jiangjin');
  assert.match(await page.locator('#provisions tr[data-rule="jiangjin.merge.substitute"]').textContent(), /结论（可研与初步设计）/);
  await page.selectOption('#jurisdiction', 'tongzhou');
  assert.match(await page.locator('#codes tr[data-code="DC001"]').textContent(), /错误/);
  assert.ok(await page.locator('#provisions tbody tr').count() > 30);
  assert.ok(await page.locator('#codes tr[data-code="BD001"]').count() === 1);
  await page.selectOption('#locale', 'en');
  assert.match(await page.locator('#codes tr[data-code="DC001"]').textContent(), /none is on file/);
  assert.match(await row.textContent(), /verdict \(merged compilation\)/);
  await page.close();
});

test('text an input method is composing (拼音) is not read until its characters are chosen', async () => {
  const { page, problems } = await open('?j=tongzhou');
  await page.click('button[type="submit"]');
  const summary = page.locator('.gov-summary');
  await summary.waitFor({ state: 'visible' });
  const listed = () => summary.locator('li').allTextContents();
  const before = await listed();
  const name = page.locator('#f-name');
  assert.equal(await name.getAttribute('aria-invalid'), 'true');
  await name.focus();
  const events = await page.evaluate(() => {
    window.__composing = [];
    document.querySelector('#f-name').addEventListener('input', (e) => window.__composing.push(e.isComposing));
    return true;
  });
  assert.ok(events);
  const ime = await page.context().newCDPSession(page);
  const compose = (text) => ime.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  await compose('xiang');
  await compose("xiang'mu");
  await page.waitForTimeout(400);
  assert.equal(await name.inputValue(), "xiang'mu");
  assert.ok((await page.evaluate(() => window.__composing)).every(Boolean), 'the input events were of a composition');
  // The field's error stays, the summary says what it said: the pinyin is not yet an answer.
  assert.equal(await name.getAttribute('aria-invalid'), 'true');
  assert.deepEqual(await listed(), before);
  // Esc takes the composition back: the field is as empty as it was, and still marked so.
  await compose('');
  await page.waitForTimeout(400);
  assert.equal(await name.inputValue(), '');
  assert.equal(await name.getAttribute('aria-invalid'), 'true');
  // An update a keystroke before it queued does not read the composition either.
  await name.type('a');
  await name.press('Backspace');
  await compose('xiang');
  await page.waitForTimeout(400);
  assert.equal(await name.getAttribute('aria-invalid'), 'true', 'an earlier keystroke\'s update read the composition');
  assert.deepEqual(await listed(), before);
  await compose('');
  await page.waitForTimeout(400);
  assert.equal(await name.getAttribute('aria-invalid'), 'true');
  // A portal's script validating mid-composition does not take the focus away, which would
  // commit the pinyin as the name.
  await compose('xiang');
  await page.evaluate(() => document.querySelector('#application').requestSubmit());
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-name');
  assert.equal(await name.getAttribute('aria-invalid'), 'true');
  await compose('');
  // Chosen, the characters are the value.
  await compose("xiang'mu");
  await ime.send('Input.insertText', { text: '项目' });
  await page.waitForTimeout(400);
  assert.equal(await name.inputValue(), '项目');
  assert.equal(await name.getAttribute('aria-invalid'), null);
  assert.ok(!(await listed()).some((entry) => entry.includes('项目名称')));
  // In an amount, nothing about 「san'bai」 is said; full-width digits an input method commits are read.
  const amount = page.locator('#f-totalInvestment');
  await amount.focus();
  await compose("san'bai");
  await page.waitForTimeout(400);
  assert.ok(!(await listed()).some((entry) => entry.includes("san'bai")), 'no error about the pinyin');
  await ime.send('Input.insertText', { text: '３００' });
  await page.waitForTimeout(400);
  assert.equal(await verdict(page, 'merge'), 'merge');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the field being typed into stays where it is on screen while the verdicts above it change', async () => {
  for (const scrolled of [false, true]) {
    const { page, problems } = await open('?j=tongzhou');
    const amount = page.locator('#f-totalInvestment');
    const panel = page.locator('.gov-verdicts');
    const top = () => amount.evaluate((e) => e.getBoundingClientRect().top);
    // Scrolled, the browser keeps the focused field in place itself (scroll anchoring); at the
    // page's top it does not, and the component does.
    if (scrolled) {
      await amount.evaluate((e) => e.scrollIntoView({ block: 'center' }));
    } else {
      // Tall enough for the amount to be on screen with the page at its top.
      await page.setViewportSize({ width: 1280, height: 2600 });
    }
    await amount.focus();
    assert.equal(await page.evaluate(() => scrollY > 0), scrolled);
    const height = await panel.evaluate((e) => e.getBoundingClientRect().height);
    const at = await top();
    assert.ok(await panel.evaluate((p, a) => p.getBoundingClientRect().bottom <= a.getBoundingClientRect().top, await amount.elementHandle()), 'the panel is above the amount');
    for (const text of ['3', '30', '300', '3000']) {
      await amount.fill(text);
      await page.waitForTimeout(400);
      assert.ok(Math.abs(await top() - at) < 1, `typing ${text}${scrolled ? ', scrolled' : ''}: the amount moved from ${at} to ${await top()}`);
    }
    assert.notEqual(await panel.evaluate((e) => e.getBoundingClientRect().height), height, 'the panel changed height');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'f-totalInvestment');
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('keeping the field in place scrolls only what scrolls: a clipping container and a first showing stay put', async () => {
  // A field focused before attach() (autofocus): the page opens where it was.
  const page = await browser.newPage();
  // Tall enough for the amount to be on screen with the page at its top.
  await page.setViewportSize({ width: 1280, height: 2600 });
  await page.addInitScript(() => document.addEventListener('DOMContentLoaded', () => {
    document.querySelector('#f-totalInvestment').focus({ preventScroll: true });
  }));
  await page.goto(`${server.url}?j=tongzhou`);
  await page.waitForSelector('html[data-ready="true"]');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-totalInvestment');
  assert.equal(await page.evaluate(() => scrollY), 0, 'attach() scrolled the page it opened on');
  // A layout that clips rather than scrolls (overflow: hidden) is never scrolled, since what it
  // hid could not be scrolled back: the page is.
  await page.evaluate(() => Object.assign(document.querySelector('main').style, { height: '2500px', overflow: 'hidden' }));
  const amount = page.locator('#f-totalInvestment');
  const top = () => amount.evaluate((e) => e.getBoundingClientRect().top);
  const at = await top();
  await page.keyboard.type('3000');
  await page.waitForTimeout(400);
  assert.equal(await page.evaluate(() => document.querySelector('main').scrollTop), 0);
  assert.ok(await page.evaluate(() => scrollY) > 0);
  assert.ok(Math.abs(await top() - at) < 1, `the amount moved from ${at} to ${await top()}`);
  await page.close();
});

test('detach() leaves the form as it was', async () => {
  const { page } = await open('?j=tongzhou');
  await page.fill('#f-totalInvestment', 'abc');
  await page.locator('#f-totalInvestment').blur();
  await page.locator('.gov-error').first().waitFor();
  await page.evaluate(() => window.govItDemo.handle.detach());
  assert.equal(await page.locator('.gov-error, .gov-verdicts, .gov-summary').count(), 0);
  assert.equal(await page.locator('#f-totalInvestment').getAttribute('aria-invalid'), null);
  assert.equal(await page.inputValue('#f-totalInvestment'), 'abc');
  await page.fill('#f-totalInvestment', 'xyz');
  await page.locator('#f-totalInvestment').blur();
  await page.waitForTimeout(300);
  assert.equal(await page.locator('.gov-error').count(), 0, 'no listener is left behind');
  await page.close();
});

test('a county profile loaded from a file works in the demo, and a bad one is refused with located errors', async () => {
  const { page, problems } = await open('?j=tongzhou');
  const fictional = join(root, 'tests', 'fixtures', 'profiles', 'example-county.json');
  await page.setInputFiles('#profile-file', fictional);
  await page.waitForFunction(() => document.querySelector('#jurisdiction').value === 'example-county');
  assert.match(await page.locator('#regulation').textContent(), /虚构示例/);
  // The demo validates as of today, when the fictional county's 2024 version (approval over 200) applies.
  await typeAmount(page, '200');
  assert.equal(await verdict(page, 'approval'), 'notRequired');
  await typeAmount(page, '200.0001');
  assert.equal(await verdict(page, 'approval'), 'required');
  const bad = JSON.parse(await readFile(fictional, 'utf8'));
  bad.id = 'broken-county';
  bad.versions[0].outcomes.merge[0].cite = [{ article: 99 }];
  await page.setInputFiles('#profile-file', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await page.locator('#profile-status li').first().waitFor();
  assert.match(await page.locator('#profile-status').textContent(), /versions\[0\]\.outcomes\.merge\[0\]\.cite\[0\]\.article/);
  assert.equal(await page.locator('#jurisdiction option[value="broken-county"]').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

// ---- a phone's width ----------------------------------------------------------------------------

// Everything visible on the page that reaches past the viewport's edges (visually hidden text, clipped
// to a pixel, aside).
function outsideViewport(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out = [];
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1 || !el.checkVisibility()) continue;
      if (box.left < -0.5 || box.right > width + 0.5) {
        out.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).replace(/ /g, '.')}` : ''} [${Math.round(box.left)}, ${Math.round(box.right)}]`);
      }
    }
    return out;
  });
}

test('at 390 × 844 the page fits the width: tables reflow, nothing is cut off, before and after submitting', async () => {
  const { page, problems } = await open('?j=tongzhou');
  await page.setViewportSize({ width: 390, height: 844 });
  const fits = async (when) => {
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 390, `${when}: the page scrolls sideways`);
    assert.deepEqual(await outsideViewport(page), [], `${when}: elements past the edge`);
  };
  await fits('on load');
  await page.screenshot({ path: join(output, 'demo-390-top.png') });
  // Each row of the resources table is a block of fields, each with its column's name shown.
  const row = page.locator('#resource-rows tr').first();
  for (const cell of await row.locator('td').all()) {
    const box = await cell.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 390, 'a resource cell is within the page');
  }
  const sharing = await row.locator('[data-gov-cell="sharing"]').boundingBox();
  const name = await row.locator('[data-gov-cell="name"]').boundingBox();
  assert.ok(sharing.y > name.y, 'the cells of a row are stacked, not side by side');
  assert.equal(await row.locator('td').first().evaluate((td) => getComputedStyle(td, '::before').content), '"信息资源名称"');

  await page.click('button[type="submit"]');
  await page.locator('.gov-summary').waitFor();
  await fits('after an empty submit');
  await page.screenshot({ path: join(output, 'demo-390-after-submit.png'), fullPage: true });

  await loadSample(page, 'xiangcheng');
  await page.click('#add-resource');
  await page.locator('#resource-rows tr').nth(2).locator('[data-gov-cell="name"]').fill('一个很长的信息资源名称，用来检查窄屏上的换行是否正常，而不会把页面撑宽');
  await page.locator('#resource-rows tr').nth(2).locator('[data-gov-cell="sharing"]').selectOption('不予共享');
  await page.locator('#f-totalInvestment').fill('https://example.invalid/a-very-long-value-without-any-spaces-at-all');
  await page.click('button[type="submit"]');
  await page.locator('.gov-error[data-path="totalInvestment"]').waitFor();
  await fits('a sample, a third row and long values, submitted');
  assert.deepEqual(await axeViolations(page), [], 'axe at 390 px');
  await page.screenshot({ path: join(output, 'demo-390-sample-submitted.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

// ---- the keyboard and the mouse -------------------------------------------------------------------

const focused = (page) => page.evaluate(() => {
  const a = document.activeElement;
  return { tag: a.tagName.toLowerCase(), id: a.id, name: a.getAttribute('name'), value: a.value, type: a.type, className: a.className };
});

// Tab from the top of the page into the form: the skip link, Enter, then Tab to the first field.
async function skipToForm(page) {
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).className, 'skip-link', 'the first Tab reaches the skip link');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).id, 'f-stage', 'after the skip link, Tab goes to the first field');
}

test('keyboard only: a valid 通州 application is filled in with Tab, typing and Space, and submitted with Enter', async () => {
  const { page, problems } = await open('?j=tongzhou');
  const text = (value) => async () => page.keyboard.type(value);
  const down = (times) => async () => { for (let i = 0; i < times; i++) await page.keyboard.press('ArrowDown'); };
  const space = async () => page.keyboard.press('Space');
  // A month field is three stops: month, year (Chromium's en-US order, as here), the picker.
  const month = (year, m) => async () => {
    await page.keyboard.type(m);
    await page.keyboard.press('Tab');
    await page.keyboard.type(year);
  };
  const steps = new Map([
    ['f-unit', text('南通市通州区数据局')],
    ['f-projectLead', text('李明')],
    ['f-contactPhone', text('0513-86000000')],
    ['f-name', text('通州区政务数据共享交换平台')],
    ['f-nature', down(1)],
    ['f-mlpsLevel', down(2)],
    ['f-purposeAndContent', text('建设政务数据共享交换平台。')],
    // 第七条: the proposal's designer is qualified, confirmed by ticking (an unticked box is 否).
    ['designerQualified', space],
    ['f-startMonth', month('2026', '3')],
    ['f-plannedCompletionMonth', month('2026', '12')],
    ['f-totalInvestment', text('120')],
    ['f-annualFunding', text('120')],
    ['funding.thisYear.total', text('120')],
    ['funding.thisYear.fiscal', text('120')],
    ['documents=applicationForm', space],
    ['documents=proposal', space],
    ['documents=meetingMinutes', space],
    ['documents=proposalReview', space],
  ]);
  await skipToForm(page);
  for (let stop = 0; stop < 200; stop++) {
    const at = await focused(page);
    if (at.tag === 'button' && at.type === 'submit') break;
    const key = at.id || (at.name === 'documents' ? `documents=${at.value}` : at.name);
    const step = steps.get(key);
    if (step) {
      steps.delete(key);
      await step();
    }
    await page.keyboard.press('Tab');
  }
  assert.deepEqual([...steps.keys()], [], 'every field was reached by Tab');
  assert.equal((await focused(page)).type, 'submit', 'Tab reaches 提交申报');
  assert.equal(await page.inputValue('#f-startMonth'), '2026-03');
  assert.equal(await page.inputValue('#f-nature'), '新建');
  assert.equal(await page.inputValue('#f-mlpsLevel'), '2');

  await page.keyboard.press('Enter');
  await page.waitForSelector('#submitted:not([hidden])');
  assert.equal((await focused(page)).id, 'submitted', 'the confirmation has focus');
  const shown = JSON.parse(await page.locator('#submitted pre').textContent());
  assert.equal(shown.name, '通州区政务数据共享交换平台');
  assert.deepEqual([...shown.documents].sort(), ['applicationForm', 'meetingMinutes', 'proposal', 'proposalReview']);
  assert.ok(await page.locator('.gov-summary').isHidden());
  assert.deepEqual(problems, []);
  await page.close();
});

test('keyboard only: Enter on an incomplete form focuses the error summary, and Enter on a summary link focuses its field', async () => {
  const { page } = await open('?j=tongzhou');
  await skipToForm(page);
  while ((await focused(page)).id !== 'f-name') await page.keyboard.press('Tab');
  await page.keyboard.type('只填了名称的项目');
  await page.keyboard.press('Enter');
  await page.locator('.gov-summary').waitFor();
  assert.match((await focused(page)).className, /gov-summary/, 'the summary has focus');
  assert.equal(new URL(page.url()).hash, '#application', 'the submit was stopped (only the skip link changed the URL)');

  await page.keyboard.press('Tab');
  const link = await page.evaluate(() => ({ tag: document.activeElement.tagName, href: document.activeElement.getAttribute('href'), inSummary: Boolean(document.activeElement.closest('.gov-summary')) }));
  assert.deepEqual([link.tag, link.inSummary], ['A', true], 'Tab from the summary reaches its first link');
  await page.keyboard.press('Enter');
  assert.equal(`#${(await focused(page)).id}`, link.href, 'Enter on the link focuses its control');

  // Back up into the summary to the link to 申报部门, and follow it.
  const href = () => page.evaluate(() => document.activeElement.getAttribute('href'));
  for (let i = 0; i < 120 && (await href()) !== '#f-unit'; i++) await page.keyboard.press('Shift+Tab');
  assert.equal(await href(), '#f-unit');
  await page.keyboard.press('Enter');
  assert.equal((await focused(page)).id, 'f-unit');
  assert.equal(await page.inputValue('#f-name'), '只填了名称的项目', 'nothing typed was cleared');
  await page.close();
});

test('a real click on 提交申报 right after leaving a field that then shows an error is not lost', async () => {
  const { page } = await open('?j=tongzhou');
  await loadSample(page, 'tongzhou');
  await page.locator('#f-approvedBudget').fill('abc');
  // The pointer goes down on the button where it is now; leaving the field shows its error above.
  const button = page.locator('button[type="submit"]');
  await button.scrollIntoViewIfNeeded();
  const box = await button.boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.locator('.gov-error[data-path="approvedBudget"]').waitFor();
  const handled = await page.waitForFunction(() => !document.querySelector('.gov-summary').hidden || !document.getElementById('submitted').hidden, null, { timeout: 2000 })
    .then(() => true, () => false);
  const moved = (await button.boundingBox()).y - box.y;
  assert.ok(handled, `the submit was lost: no error summary and no confirmation (the button moved ${Math.round(moved)} px during the click)`);
  await page.close();
});

test('tabbing through empty fields without typing shows no field errors (they come after a change, or on submit)', async () => {
  const { page } = await open('?j=tongzhou');
  await skipToForm(page);
  for (let i = 0; i < 40; i++) await page.keyboard.press('Tab');
  const errors = await page.locator('.gov-error').evaluateAll((els) => els.map((e) => e.dataset.path));
  const invalid = await page.locator('[aria-invalid="true"]').evaluateAll((els) => els.map((e) => e.id || e.name));
  assert.deepEqual({ errors, invalid }, { errors: [], invalid: [] });
  await page.close();
});

test('the rule reference page: no axe violations in Chinese and English for 通州 and 相城, and it fits 390 px', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}rules.html`);
  await page.waitForSelector('html[data-ready="true"]');
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 844 });
    for (const j of ['tongzhou', 'xiangcheng']) {
      for (const locale of ['zh-CN', 'en']) {
        await page.selectOption('#jurisdiction', j);
        await page.selectOption('#locale', locale);
        assert.equal(await page.locator('#codes tbody').getAttribute('lang'), locale);
        if (width === 1280) assert.deepEqual(await axeViolations(page), [], `${j}, ${locale}`);
        else {
          assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 390, `${j}, ${locale}: the page scrolls sideways`);
          assert.deepEqual(await outsideViewport(page), [], `${j}, ${locale} at 390 px`);
        }
      }
    }
  }
  assert.deepEqual(await axeViolations(page), [], 'at 390 px');
  await page.close();
});

test('the summary is in form order, each missing document links to its own checkbox, and only a changed verdict is announced', async () => {
  const { page, problems } = await open('?j=tongzhou');
  await page.click('button[type="submit"]');
  await page.locator('.gov-summary').waitFor({ state: 'visible' });
  const order = await page.evaluate(() => {
    const targets = [...document.querySelectorAll('.gov-summary-list a')].map((a) => document.querySelector(a.getAttribute('href')));
    const inOrder = targets.every((t, i) => i === 0 || t === targets[i - 1]
      || (targets[i - 1].compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0);
    const documents = targets.filter((t) => t.name === 'documents').map((t) => t.value);
    return { inOrder, documents, links: targets.length };
  });
  assert.ok(order.inOrder, 'summary entries follow the form');
  assert.ok(order.documents.length >= 2, `document errors link to checkboxes: ${order.documents}`);
  assert.equal(new Set(order.documents).size, order.documents.length, `each document its own checkbox: ${order.documents}`);

  // 通州's supervision turns on the project's nature (a 维护 project has no construction to
  // supervise) and on the amount.
  await page.selectOption('#f-nature', '新建');
  const announcer = page.locator('.gov-announce');
  await page.evaluate(() => { document.querySelector('.gov-announce').textContent = 'unchanged'; });
  await page.locator('#f-name').type('智慧城市平台');
  await page.waitForTimeout(400);
  assert.equal(await announcer.textContent(), 'unchanged', 'typing the name changes no verdict and announces nothing');
  await typeAmount(page, '300.01');
  await page.waitForFunction(() => document.querySelector('.gov-announce').textContent !== 'unchanged');
  assert.match(await announcer.textContent(), /工程监理：必须实行工程监理/);
  assert.deepEqual(problems, []);
  await page.close();
});
