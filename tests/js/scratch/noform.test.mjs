// The module without the form component (init({ form: false }), gov_it_rules_noform_bg.wasm):
// the same validation through the same wrapper and glue, attach() refused with a clear error, and
// what it saves in size (deterministic, so asserted).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const dir = dirname(createRequire(import.meta.url).resolve('gov-it-rules/package.json'));
const api = await import(pathToFileURL(join(dir, 'index.js')).href);
const noform = readFileSync(join(dir, 'gov_it_rules_noform_bg.wasm'));
api.initSync(noform);
const fixture = JSON.parse(readFileSync(new URL('./fixtures/tongzhou-declaration.json', import.meta.url), 'utf8'));
const options = { jurisdiction: 'tongzhou', asOf: '2025-06-01' };

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
  const gzipKb = (bytes) => gzipSync(bytes, { level: 9 }).length / 1024;
  const full = gzipKb(readFileSync(join(dir, 'gov_it_rules_bg.wasm')));
  const without = gzipKb(noform);
  console.log(`# without the form component: ${without.toFixed(1)} KB gzip, the default module ${full.toFixed(1)} KB`);
  assert.ok(full - without >= 30, `${(full - without).toFixed(1)} KB saved`);
});
