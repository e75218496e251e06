// Compact answers: the module writes each citation of a report or delta as its number in a table
// of the citations answers have named (src/json_text.rs), and the wrapper puts the citations
// back. Checked here: the bytes a keystroke's delta takes, on the installed package; and, on the
// test build (trap/: the same index.js over a debug build of the module, whose
// __fullAnswersForTests makes it write every citation in full), that what the wrapper returns is
// exactly the answer with every citation written out, across jurisdictions, locales, a profile
// load (a new epoch of the table) and a restart after a trap (a new instance, a new table).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createValidator as packageValidator } from 'gov-it-rules';
import { completeApplication, TYPING, AS_OF, JURISDICTIONS } from './bench-inputs.mjs';

const fixtureOf = (j) => JSON.parse(readFileSync(new URL(`./fixtures/${j}-declaration.json`, import.meta.url), 'utf8'));
const tongzhou = completeApplication(fixtureOf('tongzhou'));
const options = { jurisdiction: 'tongzhou', asOf: AS_OF };

// The module's own answer, before the wrapper: the class of wasm-bindgen's glue (bundled into the
// package's index.js) that the package's validators extend, over the instance its Node entry made.
const probe = packageValidator(options);
const glue = { Validator: Object.getPrototypeOf(probe.constructor) };
probe.free();

// 2026-11-30: 3711 bytes, against 6832 with each citation written out (BENCHMARKS.md, "Compact
// answers"); 3240 with the explanations and the labels of the nearest thresholds by number too;
// 1944 with the fixed parts of traces and nearest thresholds, and the verdicts' values, by number;
// 1518 with the nearest thresholds' messages as the fixed texts around their distance and the
// delta's empty lists left out; 846 with the notice that goes away (BD001, on the line) by number
// rather than written out (src/codes.rs, `Sent`); 699 with each fact as the amount between the
// fixed texts around it; 2026-12-02: 527 with each numbered trace, nearest threshold and
// diagnostic an array (`[n, facts]`, `[n, amount, distance, message]`, `n`) rather than an object
// with its keys; 407 with each determined verdict whose value is numbered `[value, because]`; 363
// with the summary's counts `[errors, warnings, infos]`. The
// numbers are the first this process's module gives, so the count is exact; the ceiling leaves
// room only for a few more digits.
const DELTA_CEILING = 390;

test(`a keystroke's delta across 300 万元 (300 → 300.01, the complete 通州 application) is at most ${DELTA_CEILING} bytes`, () => {
  const raw = new glue.Validator(JSON.stringify(options), JSON.stringify(tongzhou), true);
  raw.setScalar('totalInvestment', '300');
  const bytes = raw.setScalar('totalInvestment', '300.01');
  raw.free();
  console.log(`# the delta 300 → 300.01: ${bytes.length} bytes`);
  assert.ok(bytes.length <= DELTA_CEILING, `${bytes.length} bytes`);
  const [epoch, delta] = JSON.parse(new TextDecoder().decode(bytes));
  assert.equal(typeof epoch, 'number');
  // The verdict's value, its trace's rule, citations and explanation, and all of a nearest
  // threshold but its amount, distance and message, by number.
  // A determined verdict: [its value, its traces]; a trace: [its entry, its facts].
  const [value, because] = delta.outcomes.merge;
  assert.equal(delta.outcomes.merge.length, 2);
  assert.ok(Number.isInteger(value));
  const [trace, facts] = because[0];
  assert.equal(because[0].length, 2);
  assert.ok(Number.isInteger(trace) && Array.isArray(facts));
  // A fact: the amount between the fixed texts around it, by number.
  const [before, amount, after] = delta.outcomes.approval[1][0][1][0];
  assert.deepEqual([typeof before, amount, typeof after], ['number', '300.01', 'number']);
  // A diagnostic the profile fixes whole: its entry's number.
  assert.ok(Number.isInteger(delta.notices.removed[0]));
  // A nearest threshold: [its entry, the amount, the distance, the fixed texts around the distance].
  for (const n of delta.nearest.changed) {
    assert.equal(n.length, 4);
    assert.ok(Number.isInteger(n[0]));
    assert.equal(n[1], '300.01');
    assert.equal(typeof n[2], 'string');
    assert.ok(n[3].every(Number.isInteger), 'the fixed texts around the distance, by number');
  }
  // Lists with nothing in them are left out; the wrapper puts them back.
  assert.equal(delta.windows, undefined);
  // The summary's counts: errors, warnings, infos (complete when no error).
  assert.deepEqual(delta.summary, [0, 1, 0]);
  // Within one interval: what changed is the facts, the distances and the amounts.
  const again = new glue.Validator(JSON.stringify(options), JSON.stringify(tongzhou), true);
  again.setScalar('totalInvestment', '300.01');
  const within = again.setScalar('totalInvestment', '300.02');
  again.free();
  console.log(`# the delta 300.01 → 300.02: ${within.length} bytes`);
  assert.ok(within.length <= 300, `${within.length} bytes`);
  // Through the wrapper the same edit has its citations in full.
  const v = packageValidator(options, tongzhou);
  v.set('totalInvestment', '300');
  const resolved = v.set('totalInvestment', '300.01');
  v.free();
  assert.equal(resolved.outcomes.merge.value.mode, 'separate');
  assert.deepEqual(
    resolved.outcomes.merge.because[0].citations.map((c) => c.article),
    ['第九条', '第十一条'],
  );
  assert.equal(resolved.outcomes.merge.because[0].citations[0].documentNumber, '通政办发〔2023〕7号');
  assert.match(resolved.outcomes.merge.because[0].explanation, /300万元/);
  assert.ok(resolved.nearest.changed.every((n) => typeof n.becomes.label === 'string' && n.becomes.label !== ''));
  assert.equal(
    resolved.nearest.changed.find((n) => n.key === 'merge:totalInvestment:below').message,
    '超出合并编报的界线 0.01 万元：300 万元及以下时，可以合并编报（第十一条）',
  );
  assert.deepEqual(resolved.windows, { changed: [], removed: [] });
  assert.deepEqual(resolved.summary, { errors: 0, warnings: 1, infos: 0, complete: true });
});

// ---- The test build: compact against full -----------------------------------------------------

const api = await import('./trap/index.js');
const hooks = await import('./trap/gov_it_rules.js');
api.initSync(readFileSync(new URL('./trap/gov_it_rules_bg.wasm', import.meta.url)));

/** What `answer()` gives when the module writes every citation in full. */
function inFull(answer) {
  hooks.__fullAnswersForTests(true);
  try {
    return answer();
  } finally {
    hooks.__fullAnswersForTests(false);
  }
}

/** The same answer both ways, equal in every value and in key order. */
function same(compact, full, what) {
  assert.deepStrictEqual(compact, full, what);
  assert.equal(JSON.stringify(compact), JSON.stringify(full), what);
}

test('the raw delta is the smaller by the citations, and the wrapper makes it the full one', () => {
  const raw = new hooks.Validator(JSON.stringify(options), JSON.stringify(tongzhou), true);
  raw.setScalar('totalInvestment', '300');
  const compact = raw.setScalar('totalInvestment', '300.01');
  raw.setScalar('totalInvestment', '300');
  const full = inFull(() => raw.setScalar('totalInvestment', '300.01'));
  raw.free();
  console.log(`# the delta 300 → 300.01: ${compact.length} bytes, ${full.length} with every citation in full`);
  assert.ok(compact.length * 10 < full.length * 6, `${compact.length} of ${full.length} bytes`);

  const a = api.createValidator(options, tongzhou);
  const b = api.createValidator(options, tongzhou);
  for (const amount of [...TYPING, '5000', '300.01']) {
    same(a.set('totalInvestment', amount), inFull(() => b.set('totalInvestment', amount)), amount);
  }
  same(a.report(), inFull(() => b.report()), 'report');
  a.free();
  b.free();
});

test('what a caller does to an answer does not reach the next one: the parts put back are copies', () => {
  const a = api.createValidator(options, tongzhou);
  const b = api.createValidator(options, tongzhou);
  const first = a.set('totalInvestment', '300.01');
  first.outcomes.approval.value.chain.push('changed');
  first.outcomes.approval.value.need = 'changed';
  first.outcomes.approval.because[0].citations[0].article = 'changed';
  first.outcomes.approval.because[0].facts.push('changed');
  first.nearest.changed[0].becomes.label = 'changed';
  first.nearest.changed[0].citations.pop();
  b.set('totalInvestment', '300.01');
  // A notice by number, and an error sent but for what was typed.
  for (const amount of ['300', '300.']) {
    const answer = a.set('totalInvestment', amount);
    same(answer, inFull(() => b.set('totalInvestment', amount)), amount);
    for (const item of [...answer.notices.added, ...answer.diagnostics.added]) {
      item.params.amount = 'changed';
      item.params.input = 'changed';
      item.citations?.pop();
    }
  }
  for (const amount of ['300.02', '300', '300.', '5000', '300.01']) {
    same(a.set('totalInvestment', amount), inFull(() => b.set('totalInvestment', amount)), amount);
  }
  same(a.report(), inFull(() => b.report()), 'report');
  a.free();
  b.free();
});

test('every jurisdiction, both locales: reports, edits of every kind and replace', () => {
  for (const j of JURISDICTIONS) {
    for (const locale of ['zh-CN', 'en']) {
      const settings = { jurisdiction: j, asOf: AS_OF, locale };
      const app = completeApplication(fixtureOf(j));
      same(api.validate(app, settings), inFull(() => api.validate(app, settings)), `${j} ${locale}`);
      same(api.validate({}, settings), inFull(() => api.validate({}, settings)), `${j} ${locale} empty`);
      const a = api.createValidator(settings, app);
      const b = api.createValidator(settings, app);
      for (const [path, value] of [
        ['totalInvestment', '300.01'],
        ['totalInvestment', '300.'],
        ['documents[1]', null],
        ['stage', 'approval'],
        ['stage', 'acceptance'],
        ['name', null],
        ['funding.thisYear', { total: '1', fiscal: 'x' }],
        ['resources[0]', null],
      ]) {
        same(a.set(path, value), inFull(() => b.set(path, value)), `${j} ${locale} ${path}`);
      }
      same(a.replace({}), inFull(() => b.replace({})), `${j} ${locale} replace`);
      same(a.report(), inFull(() => b.report()), `${j} ${locale} report`);
      a.free();
      b.free();
    }
  }
});

test('a profile load starts the table afresh; a validator made before it still gets its own citations', () => {
  const a = api.createValidator(options, tongzhou);
  const b = api.createValidator(options, tongzhou);
  same(a.set('totalInvestment', '300.01'), inFull(() => b.set('totalInvestment', '300.01')));
  const [before] = JSON.parse(new TextDecoder().decode(hooks.__citations(0)));
  const county = readFileSync(new URL('./fixtures/example-county.json', import.meta.url), 'utf8');
  assert.equal(api.loadProfile(county).ok, true);
  assert.deepEqual(JSON.parse(new TextDecoder().decode(hooks.__citations(0))), [before + 1, []]);
  // English first, so that numbers held from before the load would name other citations.
  const en = { ...options, locale: 'en' };
  same(api.validate(tongzhou, en), inFull(() => api.validate(tongzhou, en)));
  same(a.set('totalInvestment', '300'), inFull(() => b.set('totalInvestment', '300')));
  same(a.report(), inFull(() => b.report()));
  const county2 = { jurisdiction: 'example-county', asOf: '2025-01-01' };
  same(api.validate({ totalInvestment: '250' }, county2), inFull(() => api.validate({ totalInvestment: '250' }, county2)));
  a.free();
  b.free();
});

test('after a trap the new instance numbers its own citations, and none held from before is used', () => {
  const en = { ...options, locale: 'en' };
  same(api.validate(tongzhou, en), inFull(() => api.validate(tongzhou, en)));
  // A trap inside a call of the wrapper: the module reads the clock for the default asOf.
  const RealDate = globalThis.Date;
  globalThis.Date = class extends RealDate {
    static now() {
      hooks.__panicForTests('on purpose');
      return RealDate.now();
    }
  };
  try {
    assert.throws(() => api.validate(tongzhou, { jurisdiction: 'tongzhou' }), /internal error/);
  } finally {
    globalThis.Date = RealDate;
  }
  // The new instance's table starts with Chinese citations where the old one had English ones.
  const zh = api.validate(tongzhou, options);
  same(zh, inFull(() => api.validate(tongzhou, options)));
  assert.equal(zh.outcomes.merge.because[0].citations[0].regulation, '通州区政务信息化项目建设管理办法');
  same(api.validate(tongzhou, en), inFull(() => api.validate(tongzhou, en)));
});
