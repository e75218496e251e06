// A county's own profile loaded at run time through the installed package, in Node: the fictional
// example county of fixtures/profiles/example-county.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadProfile, validate, jurisdictions, createValidator } from 'gov-it-rules';

const text = readFileSync(new URL('./fixtures/example-county.json', import.meta.url), 'utf8');
const need = (amount, asOf) =>
  validate({ totalInvestment: amount }, { jurisdiction: 'example-county', asOf }).outcomes.approval.value.need;

test('loads, lists and validates with the version in force', () => {
  const result = loadProfile(text);
  assert.deepEqual(result, { ok: true, id: 'example-county', errors: [] });
  const listed = jurisdictions().find((j) => j.id === 'example-county');
  assert.equal(listed.fictional, true);
  assert.equal(need('100', '2023-01-01'), 'notRequired');
  assert.equal(need('100.0001', '2023-01-01'), 'required');
  assert.equal(need('200', '2025-01-01'), 'notRequired');
  assert.equal(need('200.0001', '2025-01-01'), 'required');
  const live = createValidator({ jurisdiction: 'example-county', asOf: '2025-01-01' });
  assert.equal(live.set('totalInvestment', '250').outcomes.approval.value.need, 'required');
  live.free();
});

test('an object is accepted as well as JSON text', () => {
  const profile = JSON.parse(text);
  profile.id = 'example-object';
  assert.equal(loadProfile(profile).ok, true);
});

test('a bad profile is refused whole, with errors located in it', () => {
  const bad = JSON.parse(text);
  bad.id = 'example-broken';
  bad.versions[1].parameters.approvalThreshold.cite = [{ article: 42 }];
  const result = loadProfile(bad);
  assert.equal(result.ok, false);
  assert.deepEqual(result.errors.map((e) => e.path), ['versions[1].parameters.approvalThreshold.cite[0].article']);
  assert.equal(jurisdictions().some((j) => j.id === 'example-broken'), false);
  const report = validate({}, { jurisdiction: 'example-broken', asOf: '2025-01-01' });
  assert.equal(report.diagnostics[0].code, 'JU001');
  assert.throws(() => loadProfile(42), TypeError);
});
