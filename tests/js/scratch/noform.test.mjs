// The modules without the form component (init({ form: false }), gov_it_rules_noform_bg.wasm, and
// with one jurisdiction gov_it_rules_core_noform_bg.wasm): the same validation through the same
// wrapper and glue, attach() refused with a clear error, and what each saves in size
// (deterministic, so asserted); then gov-it-rules/noform, the entry that loads only them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { fetching } from './fetching.mjs';

const dir = dirname(createRequire(import.meta.url).resolve('gov-it-rules/package.json'));
const api = await import(pathToFileURL(join(dir, 'index.js')).href);
const noform = readFileSync(join(dir, 'gov_it_rules_noform_bg.wasm'));
api.initSync(noform);
const fixture = JSON.parse(readFileSync(new URL('./fixtures/tongzhou-declaration.json', import.meta.url), 'utf8'));
const options = { jurisdiction: 'tongzhou', asOf: '2025-06-01' };
/** A file of the installed package, in KB of gzip -9. */
const gzipKb = (file) => gzipSync(readFileSync(join(dir, file)), { level: 9 }).length / 1024;

test('without the form component, the five regulations validate as with it', () => {
  const report = api.validate(fixture, options);
  assert.equal(report.outcomes.merge.value.mode, 'merge');
  assert.equal(report.outcomes.supervision.value.mode, 'mandatory');
  assert.equal(report.summary.errors, 0);
  const v = api.createValidator(options, fixture);
  const delta = v.set('totalInvestment', '300.01');
  assert.equal(delta.outcomes.merge.value.mode, 'separate');
  v.free();
  assert.equal(api.jurisdictions().length, 5);
});

test('attach() says it is not in this module', () => {
  assert.throws(() => api.attach({}, { jurisdiction: 'tongzhou' }), /attach\(\) is not in the module loaded by init\(\{ form: false \}\)/);
});

test('the module without the form component is at least 30 KB gzip smaller', () => {
  const full = gzipKb('gov_it_rules_bg.wasm');
  const without = gzipKb('gov_it_rules_noform_bg.wasm');
  console.log(`# without the form component: ${without.toFixed(1)} KB gzip, the default module ${full.toFixed(1)} KB`);
  assert.ok(full - without >= 30, `${(full - without).toFixed(1)} KB saved`);
});

// The module without the regulations nor the form component (init({ jurisdictions, form: false })),
// in a process of its own: the glue holds one instance, and this file's is the module above.
test('one jurisdiction without the form component: its profile loads and the report is the same', () => {
  const script = `
    import { readFileSync } from 'node:fs';
    const api = await import(${JSON.stringify(pathToFileURL(join(dir, 'index.js')).href)});
    api.initSync(readFileSync(${JSON.stringify(join(dir, 'gov_it_rules_core_noform_bg.wasm'))}));
    const before = api.jurisdictions().map((j) => j.id);
    const loaded = api.loadProfile(readFileSync(${JSON.stringify(join(dir, 'profiles', 'tongzhou.govit'))}));
    let attach;
    try { api.attach({}, { jurisdiction: 'tongzhou' }); } catch (e) { attach = e.message; }
    const fixture = JSON.parse(readFileSync(${JSON.stringify(fileURLToPath(new URL('./fixtures/tongzhou-declaration.json', import.meta.url)))}, 'utf8'));
    process.stdout.write(JSON.stringify({
      before, loaded: loaded.ok, after: api.jurisdictions().map((j) => j.id), attach,
      report: api.validate(fixture, ${JSON.stringify(options)}),
    }));`;
  const got = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
  assert.deepEqual(got.before, []);
  assert.equal(got.loaded, true);
  assert.deepEqual(got.after, ['tongzhou']);
  assert.match(got.attach, /attach\(\) is not in the module loaded by init\(\{ form: false \}\)/);
  assert.deepEqual(got.report, api.validate(fixture, options));
});

test('the module for one jurisdiction without the form component is at least 30 KB gzip smaller than with it', () => {
  const core = gzipKb('gov_it_rules_core_bg.wasm');
  const without = gzipKb('gov_it_rules_core_noform_bg.wasm');
  console.log(`# one jurisdiction without the form component: ${without.toFixed(1)} KB gzip, with it ${core.toFixed(1)} KB`);
  assert.ok(core - without >= 30, `${(core - without).toFixed(1)} KB saved`);
});

// ---- gov-it-rules/noform: the entry without the form component -------------------------------

/** A fresh copy of the entry (its own glue and instance). */
const noformEntry = (tag) => import(`${pathToFileURL(join(dir, 'noform.js')).href}?${tag}`);

test('gov-it-rules/noform is the browser entry without the form component; in Node, Node\'s entry', () => {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  assert.deepEqual(pkg.exports['./noform'], {
    node: {
      import: { types: './noform.d.ts', default: './node.js' },
      require: { types: './noform.d.cts', default: './node.cjs' },
    },
    types: './noform.d.ts',
    default: './noform.js',
  });
  // require() gets the CommonJS build, the same instance as require('gov-it-rules').
  const require = createRequire(import.meta.url);
  assert.equal(require.resolve('gov-it-rules/noform'), join(dir, 'node.cjs'));
  assert.equal(require('gov-it-rules/noform').validate, require('gov-it-rules').validate);
});

test('gov-it-rules/noform: init() loads the module with the five regulations without the component', async () => {
  const entry = await noformEntry('five');
  assert.deepEqual(await fetching(() => entry.init()), ['gov_it_rules_noform_bg.wasm']);
  assert.equal(entry.validate(fixture, options).outcomes.merge.value.mode, 'merge');
  const v = entry.createValidator(options, fixture);
  assert.equal(v.set('totalInvestment', '300.01').outcomes.merge.value.mode, 'separate');
  v.free();
  assert.throws(() => entry.attach({}, options), /gov-it-rules\/noform has no attach\(\); import 'gov-it-rules' for it/);
});

test('gov-it-rules/noform: init({ jurisdictions }) loads the module without regulations and the profile', async () => {
  const entry = await noformEntry('one');
  const fetched = await fetching(() => entry.init({ jurisdictions: ['tongzhou'] }));
  assert.deepEqual(fetched.sort(), ['gov_it_rules_core_noform_bg.wasm', 'tongzhou.govit']);
  assert.deepEqual(entry.jurisdictions().map((j) => j.id), ['tongzhou']);
  assert.equal(entry.validate(fixture, options).summary.errors, 0);
});

test('gov-it-rules/noform refuses a module with the form component, saying which it loads', async () => {
  const entry = await noformEntry('refuses');
  await assert.rejects(entry.init({ form: true }), { name: 'TypeError', message: /init\(\{ form: true \}\): gov-it-rules\/noform has no attach\(\)/ });
  await assert.rejects(entry.init({ profileJson: true }), { name: 'TypeError', message: /gov-it-rules\/noform has no attach\(\)/ });
  assert.throws(
    () => entry.initSync(readFileSync(join(dir, 'gov_it_rules_bg.wasm'))),
    /gov-it-rules\/noform loads gov_it_rules_noform_bg\.wasm or gov_it_rules_core_noform_bg\.wasm, not a module with attach\(\)/,
  );
  entry.initSync(noform);
  assert.equal(entry.validate(fixture, options).summary.errors, 0);
});

test('gov-it-rules/noform imports nothing and is at least 1.4 KB gzip smaller than index.js', () => {
  assert.doesNotMatch(readFileSync(join(dir, 'noform.js'), 'utf8'), /\bfrom\s*["']\.\.?\//);
  const saved = gzipKb('index.js') - gzipKb('noform.js');
  console.log(`# noform.js ${gzipKb('noform.js').toFixed(2)} KB gzip, ${saved.toFixed(2)} KB less than index.js`);
  assert.ok(saved >= 1.4, `${saved.toFixed(2)} KB`);
});
