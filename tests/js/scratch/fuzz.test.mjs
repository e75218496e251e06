// Property-based test of the JS boundary (fast-check): generated JavaScript values (objects,
// arrays, Maps, Dates, typed arrays, getters that return or throw, Proxies, cycles, objects
// shared by many others, huge strings, lone surrogates, BigInts, symbols, functions) passed as
// the application, as the options' values and as live edits. Each call must answer with a report
// or delta, or throw a TypeError or RangeError that says where; never trap, never throw anything
// else, and answer within PER_CALL_MS. Afterwards the module must validate the fixture exactly as
// before. The suite's run is bounded and seeded; a long campaign:
//   GOVIT_FUZZ_RUNS=20000 GOVIT_FUZZ_SEED=$RANDOM node --test fuzz.test.mjs   (in tests/js/.work)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { validate, createValidator } from 'gov-it-rules';

const RUNS = Number(process.env.GOVIT_FUZZ_RUNS ?? 150);
const SEED = Number(process.env.GOVIT_FUZZ_SEED ?? 20261130);
const PER_CALL_MS = 2000;

const fixture = JSON.parse(readFileSync(new URL('./fixtures/tongzhou-declaration.json', import.meta.url), 'utf8'));
const options = { jurisdiction: 'tongzhou', asOf: '2025-06-01' };
const expected = validate(fixture, options);
const FIELDS = [...Object.keys(fixture), 'funding.thisYear.total', 'resources[0].sharing', 'resources', 'documents'];

const key = fc.oneof(
  fc.constantFrom(...FIELDS, '__proto__', 'constructor', 'toJSON', 'then', 'length', '0'),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
);

// Generated as descriptions (plain data, which fast-check can show and shrink) and built into
// the hostile values inside each run: fast-check itself must not touch a revoked Proxy.
const scalar = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom('300', '300.0001', '三百万', '1e400', '-5', '2025-02-30', ''),
  fc.double(),
  fc.constantFrom(Infinity, -Infinity, NaN, -0, 2 ** 53 + 2, 1e21, 1e-7),
  fc.integer(),
  fc.bigInt(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);

/** Built values that are not plain data. */
const ATOMS = {
  symbol: () => Symbol('s'),
  function: () => function named() {},
  bytes: () => new Uint8Array([1, 2]),
  floats: () => new Float64Array(2),
  date: () => new Date(0),
  'invalid date': () => new Date(NaN),
  // Huge strings: 1 MB of text and of digits.
  'huge text': () => '字'.repeat(1 << 20),
  'huge digits': () => '9'.repeat(1 << 20),
  'revoked proxy': () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    return proxy;
  },
};

/** Wraps a built value in something odd: a getter, a Proxy, a Map, a shared or cyclic link. */
const WRAPS = {
  getter: (value) => Object.defineProperty({}, 'total', { enumerable: true, get: () => value }),
  'throwing getter': () =>
    Object.defineProperty({}, 'total', {
      enumerable: true,
      get: () => {
        throw new Error('boom');
      },
    }),
  proxy: (value) => (typeof value === 'object' && value !== null ? new Proxy(value, {}) : value),
  'throwing proxy': (value) =>
    new Proxy(
      { a: value },
      {
        ownKeys() {
          throw new RangeError('no keys');
        },
      },
    ),
  map: (value) => new Map([['total', value], [1, value]]),
  dag: (value) => {
    let node = { value };
    for (let i = 0; i < 22; i++) node = { a: node, b: node };
    return node;
  },
  cycle: (value) => {
    const node = { value };
    node.self = node;
    return node;
  },
  deep: (value) => {
    let node = value;
    for (let i = 0; i < 200; i++) node = [node];
    return node;
  },
  wide: (value) => new Array(100_001).fill(value),
  class: (value) => {
    class Thing {
      constructor() {
        this.total = value;
      }
    }
    return new Thing();
  },
  promise: (value) => {
    // Resolving with a revoked Proxy rejects; that is this test's own doing, not the package's.
    const promise = Promise.resolve(value);
    promise.catch(() => {});
    return promise;
  },
};

const spec = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar.map((v) => ({ scalar: v })),
    fc.constantFrom(...Object.keys(ATOMS)).map((atom) => ({ atom })),
    tie('array'),
    tie('object'),
    tie('wrapped'),
  ),
  array: fc.array(tie('value'), { maxLength: 4 }).map((items) => ({ items })),
  object: fc.array(fc.tuple(key, tie('value')), { maxLength: 5 }).map((entries) => ({ entries })),
  wrapped: fc.tuple(fc.constantFrom(...Object.keys(WRAPS)), tie('value')).map(([wrap, inner]) => ({ wrap, inner })),
})).value;

function build(description) {
  if ('scalar' in description) return description.scalar;
  if ('atom' in description) return ATOMS[description.atom]();
  if ('items' in description) return description.items.map(build);
  if ('entries' in description) {
    const object = {};
    for (const [name, item] of description.entries) Object.defineProperty(object, name, { value: build(item), enumerable: true, writable: true, configurable: true });
    return object;
  }
  return WRAPS[description.wrap](build(description.inner));
}

/** An application: the fixture with some fields replaced by generated values, or any value. */
const application = fc.oneof(fc.array(fc.tuple(key, spec), { maxLength: 4 }).map((changes) => ({ changes })), spec);

function buildApplication(description) {
  if (!('changes' in description)) return build(description);
  const app = structuredClone(fixture);
  for (const [name, item] of description.changes) Object.defineProperty(app, name, { value: build(item), enumerable: true, writable: true, configurable: true });
  return app;
}

const settings = fc.oneof(
  fc.constant({}),
  fc.record({ jurisdiction: fc.constantFrom('tongzhou', 'shexian', 'nowhere'), stage: spec }),
  fc.record({ messages: spec, parameters: spec }),
);

function buildSettings(description) {
  const built = { ...options };
  for (const [name, item] of Object.entries(description)) built[name] = typeof item === 'string' ? item : build(item);
  return built;
}

/** Runs `call`; passes when it answers, or throws a located TypeError or RangeError, in time. */
function answers(call, where) {
  const started = performance.now();
  let answer;
  try {
    answer = call();
  } catch (error) {
    assert.ok(!(error instanceof WebAssembly.RuntimeError), `trap: ${error}`);
    assert.ok(!/internal error/.test(String(error?.message)), `internal error: ${error?.message}`);
    assert.ok(error instanceof TypeError || error instanceof RangeError, `not a TypeError or RangeError: ${error}`);
    assert.ok(where.some((w) => error.message.startsWith(w)), `not located (${where.join(' | ')}): ${error.message.slice(0, 300)}`);
  }
  const took = performance.now() - started;
  assert.ok(took < PER_CALL_MS, `took ${took.toFixed(0)} ms`);
  if (answer !== undefined) assert.equal(typeof answer.summary?.errors, 'number');
}

test(`validate(): ${RUNS} generated applications and options (seed ${SEED}) answer, or throw located, in time`, () => {
  fc.assert(
    fc.property(application, settings, (app, opts) => {
      answers(() => validate(buildApplication(app), buildSettings(opts)), ['application', 'options', 'gov-it-rules: options']);
    }),
    { numRuns: RUNS, seed: SEED },
  );
  assert.deepEqual(validate(fixture, options), expected);
});

test(`validator.set(): ${RUNS} generated edits (seed ${SEED}) answer, or throw located, and the validator stays right`, () => {
  const validator = createValidator(options, fixture);
  fc.assert(
    fc.property(fc.constantFrom(...FIELDS), spec, (path, edit) => {
      answers(() => validator.set(path, build(edit)), [path.slice(0, 40), `set(${JSON.stringify(path)})`, 'value', 'gov-it-rules']);
    }),
    { numRuns: RUNS, seed: SEED + 1 },
  );
  validator.replace(fixture);
  assert.deepEqual(validator.report(), expected);
  validator.free();
  assert.deepEqual(validate(fixture, options), expected);
});
