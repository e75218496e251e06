// A county's own profile loaded at run time through the installed package, in Node: the fictional
// example county of tests/fixtures/profiles/example-county.json.
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

test('a compiled profile (gov-it-check compile) loads as bytes, and altered bytes are refused, located', () => {
  const compiled = readFileSync(new URL('./fixtures/example-county.govit', import.meta.url));
  const bytes = new Uint8Array(compiled.buffer, compiled.byteOffset, compiled.byteLength);
  const copy = bytes.slice();
  // The id's text is in the string table; compiled under another id by changing it in place.
  const at = Buffer.from(copy).indexOf('example-county');
  copy.set(new TextEncoder().encode('example-compil'), at);
  assert.deepEqual(loadProfile(copy.buffer), { ok: true, id: 'example-compil', errors: [] });
  assert.equal(
    validate({ totalInvestment: '250' }, { jurisdiction: 'example-compil', asOf: '2025-01-01' }).outcomes.approval.value.need,
    'required',
  );
  const cut = loadProfile(bytes.subarray(0, bytes.length - 3));
  assert.equal(cut.ok, false);
  assert.match(cut.errors[0].message, /^compiled profile, byte \d+: unexpected end$/);
  const notCompiled = loadProfile(new TextEncoder().encode('{"id":"x"}'));
  assert.match(notCompiled.errors[0].message, /not a compiled profile .*a JSON profile is given as text, not as its bytes/);
  assert.throws(() => loadProfile(42), /must be a compiled profile's bytes \(a Uint8Array or ArrayBuffer\), JSON text or an object/);
});

test('a profile object holding Infinity or a negative threshold is refused, located, not read as "left to the portal"', () => {
  for (const [value, id] of [[Infinity, 'example-infinite'], ['-100', 'example-negative'], ['100.00001', 'example-fine']]) {
    const bad = JSON.parse(text);
    bad.id = id;
    bad.versions[1].parameters.approvalThreshold.value = value;
    const result = loadProfile(bad);
    assert.equal(result.ok, false, `${value}`);
    assert.deepEqual(result.errors.map((e) => e.path), ['versions[1].parameters.approvalThreshold.value'], `${value}`);
  }
});

test("a compiled profile with its English texts apart loads with them (loadProfile(bytes, english)); without them it answers English with its Chinese texts and says so", () => {
  const shipped = (file) => readFileSync(new URL(`./node_modules/gov-it-rules/profiles/${file}`, import.meta.url));
  const [profile, english, other] = ['tongzhou.govit', 'tongzhou.en.govit', 'shexian.en.govit'].map(shipped);
  const fixture = JSON.parse(readFileSync(new URL('./fixtures/tongzhou-declaration.json', import.meta.url), 'utf8'));
  const options = { jurisdiction: 'tongzhou', asOf: '2025-06-01', locale: 'en' };
  const embedded = validate(fixture, options);
  assert.match(embedded.jurisdiction.title, /^Measures of Tongzhou District/);
  assert.ok(!embedded.notices.some((n) => n.code === 'JU006'));
  try {
    assert.deepEqual(loadProfile(profile), { ok: true, id: 'tongzhou', errors: [] });
    const chinese = validate(fixture, options);
    assert.equal(chinese.jurisdiction.title, '通州区政务信息化项目建设管理办法');
    const notice = chinese.notices.find((n) => n.code === 'JU006');
    assert.match(notice.message, /^The English texts of 通州区政务信息化项目建设管理办法 were not loaded/);
    // Only texts differ: the same verdicts.
    assert.deepEqual(
      Object.values(chinese.outcomes).map((o) => o?.value),
      Object.values(embedded.outcomes).map((o) => o?.value),
    );

    const refused = loadProfile(profile, other);
    assert.equal(refused.ok, false);
    assert.match(refused.errors[0].message, /^compiled profile's English texts, byte \d+: not the English texts this profile was compiled with/);
    assert.throws(() => loadProfile(profile, 'English'), TypeError);
    assert.throws(() => loadProfile(text, english), /English texts kept apart go with a compiled profile/);

    assert.deepEqual(loadProfile(profile, english), { ok: true, id: 'tongzhou', errors: [] });
    assert.deepEqual(validate(fixture, options), embedded);
  } finally {
    // The embedded regulation back, for the tests after this one.
    loadProfile(profile, english);
  }
});
