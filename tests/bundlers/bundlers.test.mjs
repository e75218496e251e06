// Every way a page or a program loads gov-it-rules, from the packed package (installed by
// pkg-scripts/test-bundlers.sh into each route's node_modules): each route is built with its
// bundler here, then its page is opened in headless Chromium through playwright-core and must show
// a real report: the 通州 fixture without errors, 须审批, and the merge verdict on either side of
// 第十一条's 300 万元 line. The Node routes run in a child process.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { build as viteBuild, createServer as viteServer } from 'vite';
import webpack from 'webpack';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = join(here, '../fixtures/tongzhou-declaration.json');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };

/** The file served for a URL path. */
const fileOf = (path) => (path.endsWith('/fixture.json') ? fixture : join(here, normalize(path)));

let server;
let base;
let context;
let profile;

before(async () => {
  // This folder, as a static site; any fixture.json is the 通州 fixture.
  server = createServer((req, res) => {
    const file = fileOf(decodeURIComponent(new URL(req.url, 'http://x').pathname));
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
  profile = mkdtempSync(join(tmpdir(), 'gov-it-rules-bundlers-'));
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

/** Opens the page at `path` (or a URL), waits for its result; returns it with the files it fetched. */
async function run(path, { expect = 'done' } = {}) {
  const page = await context.newPage();
  const problems = [];
  const fetched = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('response', (r) => fetched.push(`${r.status()} ${new URL(r.url()).pathname}`));
  await page.goto(new URL(path, base).href);
  await page.waitForSelector('#result:not([data-state="loading"])', { timeout: 30_000 });
  const state = await page.getAttribute('#result', 'data-state');
  const text = await page.textContent('#result');
  await page.close();
  assert.equal(state, expect, text);
  if (expect !== 'done') return { text };
  assert.deepEqual(problems, []);
  return { result: JSON.parse(text), fetched };
}

const ALL = ['tongzhou', 'shexian', 'tinghu', 'jiangjin', 'xiangcheng'];

/** The report every route must show; in English, the regulation's texts in English only if asked for. */
function assertReport(result, loaded = ALL, english = false) {
  if (english) {
    assert.match(result.english.title, /^Measures of Tongzhou District/);
    assert.ok(!result.english.notices.includes('JU006'), result.english.notices.join(' '));
  } else {
    assert.equal(result.english.title, '通州区政务信息化项目建设管理办法');
    assert.ok(result.english.notices.includes('JU006'), result.english.notices.join(' '));
  }
  assert.deepEqual(result.loaded.slice().sort(), loaded.slice().sort());
  assert.equal(result.errors, 0);
  assert.equal(result.approval, 'required');
  assert.equal(result.below, 'merge');
  assert.equal(result.above, 'separate');
  assert.ok(result.articles.includes('第十一条'), `merge verdict cites ${result.articles}`);
  // A jurisdiction not loaded is unknown (JU001); with all five, 歙县's rules answer instead.
  assert.equal(result.other.includes('JU001'), !loaded.includes('shexian'));
}

const installed = (file) => readFileSync(join(here, 'node/node_modules/gov-it-rules', file));

/** What the page fetched as `path` (bundlers rename files: they are told apart by content). */
const served = (fetched, suffix) =>
  fetched
    .filter((f) => f.startsWith('200 ') && f.endsWith(suffix) && existsSync(fileOf(f.slice(4))) && !f.endsWith('/'))
    .map((f) => readFileSync(fileOf(f.slice(4))));

/** Only the module a page needs is fetched: the full one, or the one without regulations. */
function assertWasm(fetched, wanted) {
  const wasm = served(fetched, '.wasm');
  assert.equal(wasm.length, 1, fetched.join(', '));
  const expected = installed(wanted === 'core' ? 'gov_it_rules_core_bg.wasm' : 'gov_it_rules_bg.wasm');
  assert.ok(wasm[0].equals(expected), `the page fetched the wrong module: ${fetched.join(', ')}`);
}

/** What a page fetched that starts as a compiled profile (GOVITPF) or its English texts (GOVITEN) do. */
const compiled = (fetched, magic) => served(fetched, '').filter((body) => body.subarray(0, 7).toString() === magic);

/** A one-jurisdiction page fetches 通州's compiled profile and no other, and no English texts. */
function assertProfile(fetched) {
  const english = compiled(fetched, 'GOVITEN');
  assert.equal(english.length, 0, `English texts were fetched by a page that shows Chinese: ${fetched.join(', ')}`);
  const profiles = compiled(fetched, 'GOVITPF');
  assert.equal(profiles.length, 1, fetched.join(', '));
  assert.ok(profiles[0].equals(installed('profiles/tongzhou.govit')), 'the page fetched another profile');
}

/** A page that shows English fetched the English texts of `ids`, as the package ships them. */
function assertEnglishTexts(fetched, ids) {
  const english = compiled(fetched, 'GOVITEN');
  assert.equal(english.length, ids.length, fetched.join(', '));
  for (const id of ids) {
    const shipped = installed(`profiles/${id}.en.govit`);
    assert.ok(english.some((body) => body.equals(shipped)), `${id}'s English texts were not fetched: ${fetched.join(', ')}`);
  }
}

/**
 * The page with the whole package reports as the package does and fetches the full module; the
 * one-jurisdiction page fetches the module without regulations and only 通州's profile.
 * `files` maps what a page fetched to the files it stands for (a dev server serves them elsewhere).
 */
async function assertBothPages(fullPage, onePage, files = (fetched) => fetched) {
  const full = await run(fullPage);
  assertReport(full.result);
  assertWasm(files(full.fetched), 'full');
  const one = await run(onePage);
  assertReport(one.result, ['tongzhou']);
  assertWasm(files(one.fetched), 'core');
  assertProfile(files(one.fetched));
}

/** A page that shows English (init({ locales })): with one regulation, or all five. */
async function assertEnglishPage(path, loaded, files = (fetched) => fetched) {
  const page = await run(path);
  assertReport(page.result, loaded, true);
  assertWasm(files(page.fetched), loaded.length === 1 ? 'core' : 'full');
  assertEnglishTexts(files(page.fetched), loaded);
}

test('Vite: the whole package, and a one-jurisdiction page with nothing copied by hand, in Chinese and in English', async () => {
  await viteBuild({ configFile: join(here, 'vite/vite.config.js') });
  await assertBothPages('vite/dist/index.html', 'vite/dist/one.html');
  await assertEnglishPage('vite/dist/english.html', ['tongzhou']);
});

test("Vite's dev server: both pages, with gov-it-rules left out of the pre-bundling", async () => {
  const server = await viteServer({ configFile: join(here, 'vite/vite.config.js'), server: { host: '127.0.0.1', port: 0 } });
  try {
    await server.listen();
    const url = server.resolvedUrls.local[0];
    // What the dev server served from the package, as files under this folder.
    const files = (fetched) =>
      fetched.filter((f) => f.includes(' /node_modules/gov-it-rules/')).map((f) => f.replace(' /', ' /vite/'));
    await assertBothPages(`${url}index.html`, `${url}one.html`, files);
  } finally {
    await server.close();
  }
});

test("Vite's dev server, pre-bundling the package: the error says what to add to vite.config.js", async () => {
  const server = await viteServer({
    configFile: false,
    root: join(here, 'vite'),
    logLevel: 'silent',
    cacheDir: join(here, 'vite/node_modules/.vite-prebundled'),
    server: { host: '127.0.0.1', port: 0 },
  });
  try {
    await server.listen();
    const { text } = await run(`${server.resolvedUrls.local[0]}index.html`, { expect: 'failed' });
    assert.match(text, /gov_it_rules_bg\.wasm is not the WebAssembly module .*optimizeDeps: \{ exclude: \['gov-it-rules'\] \}/);
  } finally {
    await server.close();
  }
});

test('webpack 5: the whole package, and a one-jurisdiction page, in Chinese and in English', async () => {
  const { default: config } = await import('./webpack/webpack.config.js');
  const stats = await new Promise((resolve, reject) =>
    webpack(config, (error, result) => (error ? reject(error) : resolve(result))));
  assert.ok(!stats.hasErrors(), stats.toString('errors-only'));
  for (const name of ['index', 'one', 'english']) copyFileSync(join(here, `webpack/${name}.html`), join(here, `webpack/dist/${name}.html`));
  await assertBothPages('webpack/dist/index.html', 'webpack/dist/one.html');
  await assertEnglishPage('webpack/dist/english.html', ['tongzhou']);
});

/** esbuild leaves `new URL(…, import.meta.url)` alone: the wasm is copied beside the bundle. */
async function esbuildRoute(format) {
  const out = join(here, 'esbuild', format);
  rmSync(out, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [join(here, 'esbuild/page.js')],
    bundle: true,
    format,
    platform: 'browser',
    minify: true,
    outdir: out,
    logLevel: 'error',
  });
  copyFileSync(join(here, 'esbuild/node_modules/gov-it-rules/gov_it_rules_bg.wasm'), join(out, 'gov_it_rules_bg.wasm'));
  const { result, fetched } = await run(`esbuild/${format}.html`);
  assertReport(result);
  assertWasm(fetched, 'full');
}

test('esbuild, ESM bundle', () => esbuildRoute('esm'));

test('esbuild, IIFE bundle (a classic script): the files are found beside the script', () => esbuildRoute('iife'));

test('a plain <script> tag: dist/gov-it-rules.iife.js and the global govItRules', async () => {
  await assertBothPages('script-tag/index.html', 'script-tag/index.html?one');
  await assertEnglishPage('script-tag/index.html?english', ALL);
  // Its text inserted as an inline script, as a portal's loader may do: no src to find the files
  // beside, so init() is given the module's URL.
  const inline = await run('script-tag/inline.html');
  assertReport(inline.result);
  assertWasm(inline.fetched, 'full');
});

function node(args) {
  return JSON.parse(execFileSync(process.execPath, args, { cwd: join(here, 'node'), encoding: 'utf8' }));
}

test('Node ESM: ready on import', () => {
  const result = node(['esm.mjs']);
  assert.deepEqual(result, { loaded: ALL, errors: 0, approval: 'required', above: 'separate' });
});

test('CommonJS: require() without require(esm), as on Node before 20.19, gov-it-rules/noform too', () => {
  const result = node(['--no-experimental-require-module', 'cjs.cjs']);
  assert.deepEqual(result, { loaded: ALL, errors: 0, approval: 'required', above: 'separate', noformSame: true });
});
