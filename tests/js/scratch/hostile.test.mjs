// The installed package against values a careless integrator passes: objects shared by many
// others, a forgotten await, getters with side effects, JSON text with a byte-order mark, and a
// clock that gives no date. Each case here once hung, or was read as something it is not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { validate, createValidator, loadProfile } from 'gov-it-rules';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/tongzhou-declaration.json', import.meta.url), 'utf8'));
const options = { jurisdiction: 'tongzhou', asOf: '2025-06-01' };
const expected = validate(fixture, options);

/** The module still validates the fixture exactly as before. */
function stillWorks() {
  assert.deepEqual(validate(fixture, options), expected);
}

/** A chain of `depth` objects, each holding the next twice: 2 ** depth paths to the leaf. */
function dag(depth) {
  let node = { leaf: '1' };
  for (let i = 0; i < depth; i++) node = { a: node, b: node };
  return node;
}

test('an object graph that shares sub-objects is refused, located, within a bound on all the values read', () => {
  for (const [name, make] of [
    ['plain objects', (d) => ({ ...fixture, extra: d })],
    // Not plain: read carefully, under the same budget.
    ['a Map', (d) => ({ ...fixture, extra: new Map([['m', d]]) })],
  ]) {
    const started = performance.now();
    assert.throws(
      () => validate(make(dag(24)), options),
      (error) =>
        error instanceof TypeError &&
        /^application\.extra(\.[ab]|\.m)+(\.leaf)?: more than 250000 values in all \(a shared object counts each time it appears\)/.test(error.message),
      name,
    );
    const took = performance.now() - started;
    assert.ok(took < 2000, `${name}: ${took.toFixed(0)} ms`);
  }
  // The same through a live validator's edit.
  const validator = createValidator(options, fixture);
  assert.throws(() => validator.set('name', dag(24)), { name: 'TypeError', message: /^name(\.[ab])+(\.leaf)?: more than 250000 values in all/ });
  validator.free();
  // A graph within the budget is read as the tree it stands for.
  const small = validate({ ...fixture, extra: dag(4) }, options);
  assert.equal(small.diagnostics.filter((d) => d.code === 'IN005').length, 1);
  stillWorks();
});

test('a Promise, a Date or another built-in passed as the application or the options is a TypeError that says so', async () => {
  const pending = Promise.resolve(fixture);
  assert.throws(() => validate(pending, options), {
    name: 'TypeError',
    message: /^application: is a Promise: await it and pass the value it resolves to/,
  });
  assert.throws(() => createValidator(options, pending), { name: 'TypeError', message: /^application: is a Promise/ });
  assert.throws(() => validate(fixture, Promise.resolve(options)), { name: 'TypeError', message: /^options: is a Promise/ });
  for (const odd of [new Date(), /x/, new Set([1]), new Error('x'), new String('{}')]) {
    const tag = Object.prototype.toString.call(odd).slice(8, -1);
    assert.throws(() => validate(odd, options), {
      name: 'TypeError',
      message: new RegExp(`^application: is a ${tag}, not an object of fields`),
    });
  }
  // Deeper, a Promise is refused where it is.
  assert.throws(() => validate({ ...fixture, funding: pending }, options), { name: 'TypeError', message: /^application\.funding: is a Promise/ });
  const validator = createValidator(options, fixture);
  assert.throws(() => validator.set('totalInvestment', pending), { name: 'TypeError', message: /^totalInvestment: is a Promise/ });
  validator.free();
  // A Date is a date picker's day, which no amount is.
  assert.equal(validate({ ...fixture, totalInvestment: new Date() }, options).diagnostics.some((d) => d.path === 'totalInvestment' && d.code === 'IN001'), true);
  // A class instance is still its own enumerable keys, at the root too.
  class Form {
    constructor() {
      Object.assign(this, fixture);
    }
  }
  assert.deepEqual(validate(new Form(), options), expected);
  await pending;
  stillWorks();
});

test('each getter is read exactly once, and toJSON is never called, whichever way the value is written', () => {
  for (const [name, extra] of [
    ['plain data', {}],
    // A value that JSON.stringify would misstate sends the copy to the careful writer.
    ['with Infinity elsewhere', { extra: Infinity }],
    ['with a Map elsewhere', { extra: new Map([['k', 'v']]) }],
  ]) {
    let reads = 0;
    const application = { ...fixture, ...extra };
    Object.defineProperty(application, 'totalInvestment', {
      enumerable: true,
      get() {
        reads++;
        // First a plain value, then an object whose toJSON would change the answer.
        return reads === 1 ? '268.5' : { toJSON: () => '三百万' };
      },
    });
    const report = validate(application, options);
    assert.equal(reads, 1, name);
    assert.ok(!report.diagnostics.some((d) => d.path === 'totalInvestment'), `${name}: ${JSON.stringify(report.diagnostics)}`);
    assert.equal(report.outcomes.approval.value.need, 'required', name);
  }
  // A Proxy's get trap runs once per key too.
  const counts = new Map();
  const proxy = new Proxy(structuredClone(fixture), {
    get(target, key, receiver) {
      counts.set(key, (counts.get(key) ?? 0) + 1);
      return Reflect.get(target, key, receiver);
    },
  });
  validate(proxy, options);
  for (const key of Object.keys(fixture)) assert.equal(counts.get(key), 1, `${key} read ${counts.get(key)} times`);
  // toJSON put on Object.prototype by some script is not called either.
  Object.prototype.toJSON = () => ({ name: 'polluted' });
  try {
    assert.deepEqual(validate(structuredClone(fixture), options), expected);
  } finally {
    delete Object.prototype.toJSON;
  }
});

test('JSON text that starts with a byte-order mark is read as the text after it', () => {
  const text = `\uFEFF${JSON.stringify(fixture)}`;
  assert.deepEqual(validate(text, options), expected);
  const validator = createValidator(options, text);
  assert.deepEqual(validator.report(), expected);
  validator.replace(`\uFEFF${JSON.stringify({ ...fixture, name: '改名' })}`);
  assert.equal(validator.report().summary.errors, 0);
  validator.free();
  const profile = readFileSync(new URL('./fixtures/example-county.json', import.meta.url), 'utf8');
  assert.equal(loadProfile(`\uFEFF${profile}`).ok, true);
  // A mark anywhere else is content, as before.
  assert.equal(validate(`${JSON.stringify(fixture)}\uFEFF`, options).diagnostics[0].path, '');
});

test('a clock that gives no date (fake timers at NaN, year 275760) is a RangeError asking for asOf, not 1970-01-01', () => {
  const RealDate = globalThis.Date;
  const { asOf, ...noDate } = options;
  const today = new RealDate(RealDate.now() + 8 * 3600e3).toISOString().slice(0, 10);
  assert.equal(validate(fixture, noDate).asOf, today);
  for (const time of [NaN, 8.64e15]) {
    // As fake timers do it: `new Date()` and `Date.now()` alike.
    globalThis.Date = class extends RealDate {
      constructor(...args) {
        if (args.length === 0) super(time);
        else super(...args);
      }
      static now() {
        return time;
      }
    };
    try {
      assert.throws(() => validate(fixture, noDate), {
        name: 'RangeError',
        message: /^gov-it-rules: the clock gives no usable date for the default asOf \(Date\.now\(\) is (NaN|8640000000000000)\); pass options\.asOf, such as "2025-06-01"$/,
      });
      assert.throws(() => createValidator(noDate), RangeError);
      // With asOf given, the clock is not read.
      assert.equal(validate(fixture, options).asOf, asOf);
    } finally {
      globalThis.Date = RealDate;
    }
  }
  stillWorks();
});

test("the default asOf is the day in China (UTC+8) whatever the host's time zone", () => {
  const RealDate = globalThis.Date;
  const zone = process.env.TZ;
  const { asOf, ...noDate } = options;
  try {
    for (const tz of ['UTC', 'America/Los_Angeles', 'Asia/Shanghai']) {
      process.env.TZ = tz;
      for (const [at, day] of [['2025-10-31T15:59:59Z', '2025-10-31'], ['2025-10-31T16:00:00Z', '2025-11-01']]) {
        globalThis.Date = class extends RealDate {
          constructor(...args) {
            if (args.length === 0) super(at);
            else super(...args);
          }
          static now() {
            return RealDate.parse(at);
          }
        };
        assert.equal(validate(fixture, noDate).asOf, day, `${at} with TZ=${tz}`);
      }
    }
  } finally {
    globalThis.Date = RealDate;
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  }
});
