// The packed package, bundled by esbuild into pages that headless Chromium loads through
// playwright-core: the verdicts are asserted on one page, and a react-hook-form page over the
// whole application (page/form.jsx) is used as an applicant would on another. The README's
// react-hook-form example is the app in examples/react-hook-form/, tested on its own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };
let server;
let context;
let base;
let profile;
/** What page/form.jsx POSTed to /api/applications. */
const saved = [];

before(async () => {
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist);
  const build = (entry, outfile, options = {}) =>
    esbuild.build({
      entryPoints: [join(here, entry)],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      minify: true,
      outfile: join(dist, outfile),
      logLevel: 'error',
      ...options,
    });
  await build('page/app.js', 'app.js');
  copyFileSync(join(here, 'page/index.html'), join(dist, 'index.html'));
  await build('page/form.jsx', 'form.js', { jsx: 'automatic', define: { 'process.env.NODE_ENV': '"production"' } });
  copyFileSync(join(here, 'page/form.html'), join(dist, 'form.html'));
  // The test build with trap hooks (recovery.test.mjs), for a form attached across a trap.
  cpSync(join(here, 'trap'), join(dist, 'trap'), { recursive: true });
  writeFileSync(join(dist, 'trap.html'), '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>trap</title>');
  // A second page, for one jurisdiction: the module without embedded regulations and one profile;
  // with ?form=false, the one without the form component either.
  await build('page/one-jurisdiction.js', 'one.js');
  writeFileSync(join(dist, 'one.html'), '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="./one.js"></script>');
  // The same page over gov-it-rules/noform, the entry without the form component.
  await build('page/one-jurisdiction.js', 'one-noform.js', { alias: { 'gov-it-rules': 'gov-it-rules/noform' } });
  writeFileSync(join(dist, 'one-noform.html'), '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="./one-noform.js"></script>');
  // The form component's imports (its DOM calls) are not in it.
  assert.ok(!readFileSync(join(dist, 'one-noform.js'), 'utf8').includes('compareDocumentPosition'), 'the form component\'s glue in the noform bundle');
  assert.ok(readFileSync(join(dist, 'one.js'), 'utf8').includes('compareDocumentPosition'));
  // A page that shows English (init({ locales })), in three modes.
  await build('page/english.js', 'english.js');
  writeFileSync(join(dist, 'english.html'), '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="./english.js"></script>');
  const installed = join(here, 'node_modules/gov-it-rules');
  copyFileSync(join(installed, 'gov_it_rules_core_bg.wasm'), join(dist, 'gov_it_rules_core_bg.wasm'));
  copyFileSync(join(installed, 'gov_it_rules_core_noform_bg.wasm'), join(dist, 'gov_it_rules_core_noform_bg.wasm'));
  cpSync(join(installed, 'profiles'), join(dist, 'profiles'), { recursive: true });
  copyFileSync(join(here, 'fixtures/tongzhou-declaration.json'), join(dist, 'fixture.json'));
  copyFileSync(join(here, 'fixtures/example-county.json'), join(dist, 'example-county.json'));
  copyFileSync(join(here, 'fixtures/example-county.govit'), join(dist, 'example-county.govit'));
  // The glue fetches the wasm from beside the bundle (new URL(..., import.meta.url)).
  copyFileSync(join(here, 'node_modules/gov-it-rules/gov_it_rules_bg.wasm'), join(dist, 'gov_it_rules_bg.wasm'));
  // "sideEffects": false lets the bundler leave out what a page does not use (attach()'s wrapper).
  for (const file of ['app.js', 'form.js']) {
    const bundle = readFileSync(join(dist, file));
    assert.ok(!bundle.toString().includes('options.debounce must be'), `attach() was bundled into ${file} though unused`);
    console.log(`# esbuild bundle ${file}${file === 'form.js' ? ' (React and react-hook-form included)' : ''}: ${(bundle.length / 1024).toFixed(1)} KB, ${(gzipSync(bundle, { level: 9 }).length / 1024).toFixed(1)} KB gzip`);
  }

  server = createServer((req, res) => {
    // The portal's API, as page/form.jsx uses it: the saved draft, and the submission.
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
    if (pathname === '/api/applications/draft') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(readFileSync(join(dist, 'fixture.json')));
      return;
    }
    const path = join(dist, new URL(req.url, 'http://x').pathname.replace(/^\/$/, '/index.html'));
    try {
      const body = readFileSync(path);
      const headers = { 'content-type': types[extname(path)] ?? 'application/octet-stream' };
      // SECURITY.md's policy: no inline script, no eval; compiling WebAssembly allowed. (The
      // test page's own favicon is a data: URL, hence img-src; the package loads no image.)
      if (new URL(req.url, 'http://x').searchParams.has('csp')) {
        headers['content-security-policy'] = `${STRICT_CSP}; img-src 'self' data:`;
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}/`;

  profile = mkdtempSync(join(tmpdir(), 'gov-it-rules-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

after(async () => {
  await context?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function open(query = '') {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${base}${query}`);
  await page.waitForSelector('#status:not([data-state="loading"])', { timeout: 30_000 });
  return { page, problems };
}

test('the bundled page shows the verdicts of the 通州 fixture', async () => {
  const { page, problems } = await open();
  const text = (id) => page.textContent(`#${id}`);
  assert.equal(await page.getAttribute('#status', 'data-state'), 'done', await text('status'));
  assert.match(await text('before-init'), /call await init\(\) first/);
  assert.equal(await text('approval'), 'required');
  assert.equal(await text('approval-article'), '第八条');
  assert.equal(await text('merge'), 'merge');
  assert.equal(await text('supervision'), 'mandatory');
  assert.equal(await text('errors'), '0');
  assert.equal(await text('merge-after'), 'separate');
  assert.equal(await text('bad-amount'), 'IN001');
  assert.equal(await text('document-number'), '通政办发〔2023〕7号');
  assert.ok(Number(await text('codes')) > 30);
  assert.deepEqual(JSON.parse(await text('values')), {
    infinity: `-1${'0'.repeat(38)}…`,
    map: 0,
    date: '2026-01-05',
    undefined: 'FM001',
    lone: '3\uFFFD',
    bigint: '1152921504606846976',
    cycle: 'TypeError: application.self: contains the object',
  });
  assert.deepEqual(problems, []);
  await page.close();
});

test("under Content-Security-Policy script-src 'self' 'wasm-unsafe-eval' the package works with no violation and fetches only its own files", async () => {
  const { page, problems } = await open('?csp');
  assert.equal(await page.getAttribute('#status', 'data-state'), 'done', await page.textContent('#status'));
  assert.equal(await page.textContent('#approval'), 'required');
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(problems, []);
  // The policy is in force: an inline script is blocked and reported.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inline = 1';
    document.body.append(script);
  });
  await page.waitForFunction(() => window.__csp.length > 0);
  assert.equal(await page.evaluate(() => window.__inline), undefined);
  assert.match((await page.evaluate(() => window.__csp)).join(), /^script-src-elem inline$/);
  const fetched = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  assert.ok(fetched.some((url) => url.endsWith('.wasm')), fetched.join());
  for (const url of fetched) assert.equal(new URL(url).origin, new URL(base).origin, url);
  await page.close();
});

test('a react-hook-form page over the whole application: located errors on submit, saved once fixed', async () => {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  saved.length = 0;
  await page.goto(`${base}form.html`);
  const name = page.getByLabel('项目名称');
  const amount = page.getByLabel('预计总投资（万元）');
  const error = (label) => page.locator(`label:has-text("${label}") + p`);
  await amount.waitFor({ timeout: 30_000 });
  assert.equal(await amount.inputValue(), '268.5', 'the draft fills the form');

  await amount.fill('三百万');
  await name.fill('');
  await page.getByRole('button', { name: '提交' }).click();
  await error('预计总投资').filter({ hasText: /阿拉伯数字/ }).waitFor();
  assert.match(await error('项目名称').textContent(), /项目名称/);
  assert.deepEqual(saved, [], 'an application with errors was saved');

  await amount.fill('300');
  await name.fill('通州区智慧市场监管综合平台（二期）');
  await page.getByRole('button', { name: '提交' }).click();
  await page.waitForFunction(() => document.querySelectorAll('form p:not(:empty)').length === 0);
  for (let i = 0; i < 100 && saved.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(saved.length, 1);
  assert.equal(saved[0].totalInvestment, '300');
  assert.equal(saved[0].name, '通州区智慧市场监管综合平台（二期）');
  assert.deepEqual(problems, []);
  await page.close();
});

/** Opens `path`, and awaits its `window.result`, with the page's errors and the paths it requested. */
async function visit(path) {
  const page = await context.newPage();
  const problems = [];
  const requested = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.goto(`${base}${path}`);
  const result = await page.evaluate(() => window.result);
  return { page, result, problems, requested };
}

for (const [path, module, other] of [
  ['one.html', 'gov_it_rules_core_bg.wasm', 'gov_it_rules_core_noform_bg.wasm'],
  ['one.html?form=false', 'gov_it_rules_core_noform_bg.wasm', 'gov_it_rules_core_bg.wasm'],
  ['one-noform.html?form=false', 'gov_it_rules_core_noform_bg.wasm', 'gov_it_rules_core_bg.wasm'],
]) {
  const query = path.includes('?');
  const entry = path.startsWith('one-noform') ? ' through gov-it-rules/noform' : '';
  test(`a page for one jurisdiction${query ? ' without attach()' : ''}${entry} loads ${module} and only that profile`, async () => {
    const { page, result, problems, requested } = await visit(path);
    assert.deepEqual(problems, []);
    assert.ok(requested.includes(`/${module}`), requested.join(' '));
    assert.ok(!requested.includes(`/${other}`), `${other} was fetched`);
    assert.ok(requested.includes('/profiles/tongzhou.govit'), requested.join(' '));
    assert.ok(!requested.includes('/gov_it_rules_bg.wasm'), 'the module with all five regulations was fetched');
    assert.deepEqual(requested.filter((p) => p.startsWith('/profiles/')), ['/profiles/tongzhou.govit']);
    assert.match(result.refused, /^TypeError: .*one or more of tongzhou, shexian, tinghu, jiangjin, xiangcheng; load a county's own profile with loadProfile\(\)/);
    assert.deepEqual(result.ids, ['tongzhou']);
    assert.equal(result.warned.length, 1, 'the same init() again is quiet');
    assert.match(result.warned[0], /without shexian; a later init\(\) loads nothing/);
    assert.deepEqual(result.county, ['tongzhou', 'example-county'], 'a compiled county profile loads beside it');
    assert.equal(result.json.length, 1);
    assert.match(result.json[0], /compiled profiles only: compile the profile with `gov-it-check compile`/);
    assert.deepEqual(result.other, ['JU001']);
    if (entry) assert.match(result.attach, /gov-it-rules\/noform has no attach\(\)/);
    else if (query) assert.match(result.attach, /attach\(\) is not in the module loaded by init\(\{ form: false \}\)/);
    else assert.equal(result.attach, undefined);
    // The same report as the package with all five regulations embedded gives in Node.
    const { validate } = await import('gov-it-rules');
    const fixture = JSON.parse(readFileSync(join(here, 'fixtures/tongzhou-declaration.json'), 'utf8'));
    assert.deepEqual(result.report, validate(fixture, { jurisdiction: 'tongzhou', asOf: '2025-06-01' }));
    await page.close();
  });
}

/** What a page answers in English with the regulations' English texts, or without them. */
function assertEnglish(answer, loaded, regulations) {
  if (loaded) {
    assert.match(answer.title, /^Measures of Tongzhou District/);
    assert.ok(!answer.notices.includes('JU006'), answer.notices.join(' '));
    assert.match(answer.summary, /^Projects with investment over 500,000 yuan/);
    assert.equal(answer.titles.length, regulations);
    for (const title of answer.titles) assert.doesNotMatch(title, /[\u4e00-\u9fff]/);
  } else {
    assert.equal(answer.title, '通州区政务信息化项目建设管理办法');
    assert.ok(answer.notices.includes('JU006'), answer.notices.join(' '));
    assert.match(answer.summary, /^投资金额超过50万元/);
  }
}

const ENGLISH_FILES = ['tongzhou', 'shexian', 'tinghu', 'jiangjin', 'xiangcheng'].map((id) => `/profiles/${id}.en.govit`);
for (const [mode, fetched, what] of [
  ['all', ENGLISH_FILES, "with 'en' fetches the English texts of all five regulations"],
  ['one', ['/profiles/tongzhou.govit', '/profiles/tongzhou.en.govit'], "with 'en' fetches the English texts of the one regulation"],
  ['chinese', [], "without 'en' fetches no English texts, and English answers say so"],
]) {
  test(`init({ locales }) ${what}`, async () => {
    const { page, result, problems, requested } = await visit(`english.html?mode=${mode}`);
    assert.deepEqual(problems, []);
    assert.match(result.refused, /^TypeError: gov-it-rules: init\(\{ locales \}\) takes a list of the locales the page shows/);
    assert.deepEqual(requested.filter((p) => p.startsWith('/profiles/')).sort(), [...fetched].sort());
    assert.ok(requested.includes(mode === 'one' ? '/gov_it_rules_core_bg.wasm' : '/gov_it_rules_bg.wasm'), requested.join(' '));
    assertEnglish(result, mode !== 'chinese', mode === 'all' ? 5 : 1);
    await page.close();
  });
}

for (const [mode, atInit, later] of [
  ['later', [], ENGLISH_FILES],
  ['later-one', ['/profiles/tongzhou.govit'], ['/profiles/tongzhou.en.govit']],
]) {
  test(`loadLocale('en') after init(${mode === 'later' ? '' : "{ jurisdictions: ['tongzhou'] }"}) fetches the English texts then, once`, async () => {
    const { page, result, problems, requested } = await visit(`english.html?mode=${mode}`);
    assert.deepEqual(problems, []);
    assert.deepEqual(result.fetchedAtInit, atInit);
    assertEnglish(result, false);
    assert.deepEqual(requested.filter((p) => p.startsWith('/profiles/')).sort(), [...atInit, ...later].sort());
    assertEnglish(result.later, true, mode === 'later' ? 5 : 1);
    assert.match(result.wrongLocale, /^TypeError: gov-it-rules: loadLocale\(locale\) takes 'zh-CN' or 'en'/);
    await page.close();
  });
}

/** A blank page beside the test build of the package (trap/), and the errors it logs. */
async function trapPage() {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  await page.goto(`${base}trap.html`);
  return { page, problems };
}

test('a form attached before a trap is attached again in the new instance, once, and keeps working', async () => {
  const { page, problems } = await trapPage();
  const result = await page.evaluate(async () => {
    const api = await import('./trap/index.js');
    const hooks = await import('./trap/gov_it_rules.js');
    await api.init();
    document.body.innerHTML = '<form><label for="a">预计总投资</label><input id="a" name="totalInvestment">'
      + '<select name="kind"><option value="new" selected>新建</option></select><button>提交</button></form>';
    const form = document.querySelector('form');
    const handle = api.attach(form, { jurisdiction: 'tongzhou', asOf: '2026-11-30', debounce: 0 });
    // A trap inside a real call: the module reads the clock for the default asOf.
    const RealDate = Date;
    globalThis.Date = class extends RealDate {
      static now() {
        hooks.__panicForTests('a trap for the test');
        return RealDate.now();
      }
    };
    let threw = '';
    try {
      api.validate({}, { jurisdiction: 'tongzhou' });
    } catch (error) {
      threw = error.message;
    } finally {
      globalThis.Date = RealDate;
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
    const input = form.querySelector('#a');
    input.value = '300.01';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('focusout', { bubbles: true }));
    return {
      threw: /a trap for the test/.test(threw),
      panels: form.querySelectorAll('.gov-verdicts').length,
      summaries: form.querySelectorAll('.gov-summary').length,
      shown: form.querySelector('dd[data-outcome="supervision"]')?.dataset.value,
      report: handle.report.outcomes.supervision?.value?.mode,
    };
  });
  assert.deepEqual(result, { threw: true, panels: 1, summaries: 1, shown: 'mandatory', report: 'mandatory' });
  assert.deepEqual(problems.filter((p) => !/a trap for the test/.test(p)), []);
  await page.close();
});

test('a form attached by another copy of the package is refused; markup cloned from an attached form is not attached', async () => {
  const { page, problems } = await trapPage();
  const result = await page.evaluate(async () => {
    const first = await import('./trap/index.js');
    // The same files under another URL: a second copy of the package, as a script-tag build beside
    // a bundled one is.
    const second = await import('./trap/index.js?another-copy');
    await first.init();
    await second.init();
    document.body.innerHTML = '<form id="one"><label for="amount">预计总投资</label><input id="amount" name="totalInvestment"></form>';
    const form = document.querySelector('#one');
    const options = { jurisdiction: 'tongzhou', asOf: '2026-11-30', debounce: 0 };
    const handle = first.attach(form, options);
    let refused = '';
    try {
      second.attach(form, options);
    } catch (error) {
      refused = error.message;
    }
    const panels = form.querySelectorAll('.gov-verdicts').length;
    const copy = form.cloneNode(true);
    copy.id = 'copy';
    copy.querySelectorAll('.gov-verdicts, .gov-summary, .gov-announce').forEach((e) => e.remove());
    document.body.append(copy);
    const copyHandle = second.attach(copy, options);
    copyHandle.detach();
    handle.detach();
    const again = second.attach(form, options);
    again.detach();
    return { refused, panels, attribute: form.getAttributeNames().filter((n) => n.startsWith('data-gov')) };
  });
  assert.match(result.refused, /attached already by another copy of gov-it-rules/);
  assert.equal(result.panels, 1);
  assert.deepEqual(result.attribute, []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('applicationField refuses a name the form has already, as a control or as a property (submit, elements)', async () => {
  const { page, problems } = await trapPage();
  const result = await page.evaluate(async () => {
    const api = await import('./trap/index.js');
    await api.init();
    document.body.innerHTML = '<form id="one"><input name="totalInvestment"><input name="app"></form>';
    const form = document.querySelector('#one');
    const refusal = (name) => {
      try {
        api.attach(form, { jurisdiction: 'tongzhou', applicationField: name }).detach();
        return '';
      } catch (error) {
        return error.message;
      }
    };
    const refused = ['submit', 'elements', 'addEventListener', 'app', '__proto__'].map(refusal);
    const accepted = refusal('govitApplication');
    return { refused, accepted, left: form.children.length, submit: typeof form.submit };
  });
  for (const message of result.refused) assert.match(message, /is a control or a property of the form already/);
  assert.equal(result.accepted, '');
  assert.equal(result.left, 2, 'nothing left behind');
  assert.equal(result.submit, 'function');
  assert.deepEqual(problems, []);
  await page.close();
});

test('in a single-page app: two forms keep their own ids, detach() from a listener of validate() completes, the router\'s title is kept, a summary link finds a replaced control', async () => {
  const { page, problems } = await trapPage();
  const result = await page.evaluate(async () => {
    const api = await import('./trap/index.js');
    await api.init();
    const markup = '<label for="PFX-name">项目名称</label><input id="PFX-name" name="name">'
      + '<label for="PFX-amount">预计总投资</label><input id="PFX-amount" name="totalInvestment"><button>提交</button>';
    document.body.innerHTML = `<form id="one">${markup.replaceAll('PFX', 'one')}</form><form id="two">${markup.replaceAll('PFX', 'two')}</form>`;
    const [one, two] = document.querySelectorAll('form');
    const options = { jurisdiction: 'tongzhou', asOf: '2026-11-30', debounce: 0 };
    const a = api.attach(one, options);
    const b = api.attach(two, options);
    a.validate();
    b.validate();
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
    const describedBy = two.querySelector('#two-name').getAttribute('aria-describedby');
    const describedInOwnForm = describedBy.split(' ').every((id) => two.contains(document.getElementById(id)));

    // The router retitles the page while errors are shown; the component keeps the new title.
    const titledWithErrors = document.title;
    document.title = '我的项目 - 门户';
    b.detach();
    const titleAfterDetach = document.title;

    // A framework replaces a control: the summary link focuses the one now at its path.
    const old = one.querySelector('#one-name');
    const fresh = old.cloneNode();
    fresh.id = 'one-name-2';
    old.replaceWith(fresh);
    const before = location.href;
    one.querySelector('.gov-summary-list a').click();
    const focusedFresh = document.activeElement === fresh;
    const navigated = location.href !== before;

    // detach() from a govit:report listener fired by validate(): done once validate() returns.
    one.addEventListener('govit:report', () => a.detach(), { once: true });
    let threw = '';
    try {
      a.validate();
    } catch (error) {
      threw = error.message;
    }
    return {
      duplicates,
      describedInOwnForm,
      titledWithErrors: titledWithErrors.startsWith('错误：'),
      titleAfterDetach,
      focusedFresh,
      navigated,
      threw,
      left: document.querySelectorAll('.gov-verdicts, .gov-summary, .gov-announce, .gov-field-errors, [aria-invalid]').length,
      reattached: (() => { const h = api.attach(one, options); h.detach(); return true; })(),
    };
  });
  assert.deepEqual(result, {
    duplicates: [],
    describedInOwnForm: true,
    titledWithErrors: true,
    titleAfterDetach: '我的项目 - 门户',
    focusedFresh: true,
    navigated: false,
    threw: '',
    left: 0,
    reattached: true,
  });
  assert.deepEqual(problems, []);
  await page.close();
});
