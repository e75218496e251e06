// Recovery after a trap, on a test build of the package (trap/: the same index.js over a debug
// build of the module, whose glue also exports __panicForTests and __exhaustMemoryForTests; the
// package itself has neither). The trap is provoked inside a real call of the wrapper: the
// module reads the clock (new Date()) for the default asOf, and a test clock calls the hook from
// there, so the trap unwinds through validate() exactly as one from the engine would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

// Every instance made (the first, and each after a trap), to read its memory, which the package
// does not expose.
const instances = [];
const RealInstance = WebAssembly.Instance;
WebAssembly.Instance = function Instance(module, imports) {
  const instance = new RealInstance(module, imports);
  instances.push(instance);
  return instance;
};
const api = await import('./trap/index.js');
const hooks = await import('./trap/gov_it_rules.js');
api.initSync(readFileSync(new URL('./trap/gov_it_rules_bg.wasm', import.meta.url)));

const MB = 1024 * 1024;
const memory = () => instances.at(-1).exports.memory.buffer.byteLength;
const fixture = JSON.parse(readFileSync(new URL('./fixtures/tongzhou-declaration.json', import.meta.url), 'utf8'));
const options = { jurisdiction: 'tongzhou', asOf: '2025-06-01' };
const expected = api.validate(fixture, options);

/** validate() without asOf, with a clock whose reading runs `hook` inside the module's call. */
function trapInside(hook) {
  const RealDate = globalThis.Date;
  globalThis.Date = class extends RealDate {
    static now() {
      hook();
      return RealDate.now();
    }
  };
  try {
    return api.validate(fixture, { jurisdiction: 'tongzhou' });
  } finally {
    globalThis.Date = RealDate;
  }
}

test('after a panic traps, the next call runs in a new instance and earlier validators say to create them again', () => {
  const before = instances.length;
  const validator = api.createValidator(options, fixture);
  const county = readFileSync(new URL('./fixtures/example-county.json', import.meta.url), 'utf8');
  assert.equal(api.loadProfile(county).ok, true);
  assert.throws(() => trapInside(() => hooks.__panicForTests('on purpose')), (error) => {
    assert.ok(error instanceof Error && !(error instanceof WebAssembly.RuntimeError));
    assert.match(error.message, /^gov-it-rules: internal error: panicked at .*on purpose/s);
    assert.match(error.message, /the module is loaded afresh on the next call; validators made before must be created again/);
    assert.ok(error.cause instanceof WebAssembly.RuntimeError);
    return true;
  });
  // A validator made before the trap answers with an Error, not a trap, every time, and can be freed.
  for (const call of [() => validator.set('name', 'x'), () => validator.report(), () => validator.replace(fixture)]) {
    assert.throws(call, {
      message: 'gov-it-rules: the module was restarted after an internal error; create the validator again (createValidator)',
    });
  }
  validator.free();
  validator.free();
  // The next call works, in a new instance, with the county's profile loaded again.
  assert.deepEqual(api.validate(fixture, options), expected);
  assert.equal(instances.length, before + 1);
  assert.ok(api.jurisdictions().some((j) => j.id === 'example-county'));
  const again = api.createValidator(options, fixture);
  assert.deepEqual(again.report(), expected);
  again.set('totalInvestment', '300.01');
  again.free();
});

test('after running out of memory the instance is dropped, the next call works and memory is back near its level before', () => {
  const before = memory();
  const validator = api.createValidator(options, fixture);
  let reached = 0;
  assert.throws(
    () =>
      trapInside(() => {
        try {
          hooks.__exhaustMemoryForTests();
        } finally {
          reached = memory();
        }
      }),
    { message: /^gov-it-rules: internal error: WebAssembly trap: unreachable.*loaded afresh on the next call/s },
  );
  assert.ok(reached > 1024 * MB, `only ${reached / MB} MB reached`);
  assert.throws(() => validator.set('name', 'x'), /create the validator again/);
  assert.deepEqual(api.validate(fixture, options), expected);
  console.log(`# memory: ${(before / MB).toFixed(1)} MB before, ${(reached / MB).toFixed(0)} MB at the trap, ${(memory() / MB).toFixed(1)} MB after`);
  assert.ok(memory() < before + 16 * MB, `${memory() / MB} MB after, ${before / MB} MB before`);
  // A validator made after the restart is freed in the instance that made it.
  for (let i = 0; i < 200; i++) api.createValidator(options, fixture).free();
  assert.deepEqual(api.validate(fixture, options), expected);
});

test('a profile loaded with its English texts apart is loaded again with them after a trap', () => {
  const shipped = (file) => readFileSync(new URL(`./node_modules/gov-it-rules/profiles/${file}`, import.meta.url));
  const [profile, english] = [shipped('tongzhou.govit'), shipped('tongzhou.en.govit')];
  const inEnglish = { ...options, locale: 'en' };
  const notices = () => api.validate(fixture, inEnglish).notices.map((n) => n.code);
  const trap = () => assert.throws(() => trapInside(() => hooks.__panicForTests('on purpose')), /on purpose/);
  try {
    assert.equal(api.loadProfile(profile).ok, true);
    trap();
    assert.ok(notices().includes('JU006'), 'loaded again without its English texts');
    assert.equal(api.loadProfile(profile, english).ok, true);
    const before = instances.length;
    trap();
    const report = api.validate(fixture, inEnglish);
    assert.equal(instances.length, before + 1);
    assert.match(report.jurisdiction.title, /^Measures of Tongzhou District/);
    assert.ok(!report.notices.some((n) => n.code === 'JU006'), 'loaded again with its English texts');
  } finally {
    api.loadProfile(profile, english);
  }
});
