// The comparisons of benches/crossing.mjs, the same in Node and in a page: each path a value takes
// between JavaScript and the module, timed as the JSON text the package sends and as the
// JavaScript value itself, read or built by serde-wasm-bindgen, in alternating rounds so that
// both see the same state of a shared, noisy machine. Each way's answer is checked to be the same
// before it is timed; a difference throws.
import { completeApplication, TYPING, AS_OF } from './inputs.mjs';

/**
 * `crossing`: the bench module's glue, initialised (bench-output/crossing/); `pkg`: the package's
 * entry, initialised; `fixture`: the parsed 通州 declaration; `profiles`: `[name, profile object]`
 * pairs. Returns a row per comparison.
 */
export function runCrossing({ crossing, pkg, fixture, profiles }) {
  // The package's own module's raw `Validator`: the class of wasm-bindgen's glue (bundled into its
  // index.js) that the package's validators extend.
  const probe = pkg.createValidator({ jurisdiction: 'tongzhou' });
  const PackageValidator = Object.getPrototypeOf(probe.constructor);
  probe.free();
  const application = completeApplication(fixture);
  const options = { jurisdiction: 'tongzhou', asOf: AS_OF, locale: 'zh-CN', stage: 'declaration' };
  const optionsText = JSON.stringify(options);
  const applicationText = JSON.stringify(application);
  const decoder = new TextDecoder();
  const parse = (bytes) => JSON.parse(decoder.decode(bytes));
  const typed = (i) => TYPING[i % TYPING.length];
  const rows = [];
  const compare = (title, text, value, sizes, rounds = 15) => {
    const t = [];
    const v = [];
    for (let round = 0; round < rounds; round++) {
      t.push(time(text.op, sizes));
      v.push(time(value.op, sizes));
    }
    const ratios = t.map((x, i) => x / v[i]).sort((a, b) => a - b);
    const quartile = (q) => ratios[Math.floor((ratios.length - 1) * q)];
    rows.push({
      title,
      text: { name: text.name, us: median(t) },
      value: { name: value.name, us: median(v) },
      ratio: median(ratios),
      middle: [quartile(0.25), quartile(0.75)],
    });
  };

  // A live edit's value, in the package's own module: what a form control gives, as JSON text
  // and read by the value's type (the package's setScalar); then, in the bench module, that read
  // against serde-wasm-bindgen's, which the package's module leaves out for its size.
  {
    const v = new PackageValidator(optionsText, applicationText, true);
    compare(
      "a live edit's value (typing across 300 万元)",
      { name: 'as JSON text (set)', op: (i) => v.set('totalInvestment', JSON.stringify(typed(i))) },
      { name: 'as the string, read by its type (setScalar)', op: (i) => v.setScalar('totalInvestment', typed(i)) },
      { n: 240, batches: 5 },
    );
    v.free();
    const [typedRead, serdeRead] = [0, 1].map(() => new crossing.Validator(optionsText, applicationText, true));
    for (const amount of TYPING) {
      agree(`deltas reading ${JSON.stringify(amount)}`, parse(typedRead.setScalar('totalInvestment', amount)), parse(serdeRead.__setScalarSerde('totalInvestment', amount)));
    }
    compare(
      "the same value, read by its type or by serde-wasm-bindgen",
      { name: 'read by its type (setScalar)', op: (i) => typedRead.setScalar('totalInvestment', typed(i)) },
      { name: 'read by serde-wasm-bindgen', op: (i) => serdeRead.__setScalarSerde('totalInvestment', typed(i)) },
      { n: 240, batches: 5 },
    );
    typedRead.free();
    serdeRead.free();
  }

  // The options, as createValidator and validate take them.
  compare(
    'the options',
    { name: 'JSON.stringify and the text read', op: () => crossing.__optionsFromText(JSON.stringify(options)) },
    { name: 'the object read by serde-wasm-bindgen', op: () => crossing.__optionsFromValue(options) },
    { n: 2000, batches: 5 },
  );

  // A live edit's delta. The module's answer: compact JSON text decoded and parsed, against the
  // same compact answer built as objects. And as the caller gets it: through the package (the
  // compact text parsed, the numbered texts put back by the wrapper), against the whole delta
  // built as objects, its texts written out.
  {
    const make = () => new crossing.Validator(optionsText, applicationText, true);
    const [text, compact, whole] = [make(), make(), make()];
    const packaged = pkg.createValidator(options, application);
    for (const amount of TYPING) {
      agree(`compact deltas at ${JSON.stringify(amount)}`, parse(text.setScalar('totalInvestment', amount)), compact.__setScalarCompactValue('totalInvestment', amount));
      agree(`deltas at ${JSON.stringify(amount)}`, packaged.set('totalInvestment', amount), whole.__setScalarAsValue('totalInvestment', amount));
    }
    compare(
      "a live edit's compact answer (typing across 300 万元)",
      { name: 'JSON text, decoded and parsed', op: (i) => parse(text.setScalar('totalInvestment', typed(i))) },
      { name: 'objects, serde-wasm-bindgen', op: (i) => compact.__setScalarCompactValue('totalInvestment', typed(i)) },
      { n: 240, batches: 5 },
    );
    compare(
      "a live edit's delta as the caller gets it (the same typing)",
      { name: 'through the package', op: (i) => packaged.set('totalInvestment', typed(i)) },
      { name: 'the whole delta as objects, serde-wasm-bindgen', op: (i) => whole.__setScalarAsValue('totalInvestment', typed(i)) },
      { n: 240, batches: 5 },
    );
    agree('compact reports', parse(text.report()), compact.__reportCompactValue());
    compare(
      'a compact report (the complete 通州 application)',
      { name: 'JSON text, decoded and parsed', op: () => parse(text.report()) },
      { name: 'objects, serde-wasm-bindgen', op: () => compact.__reportCompactValue() },
      { n: 100, batches: 5 },
    );
    for (const v of [text, compact, whole, packaged]) v.free();
  }

  // A county's profile given as an object (loadProfile).
  for (const [name, profile] of profiles) {
    agree(`answers loading ${name}`, parse(crossing.loadProfile(JSON.stringify(profile))), crossing.__loadProfileValue(profile));
    if (!crossing.__loadProfileValue(profile).ok) throw new Error(`crossing: ${name} did not load`);
    const kb = new TextEncoder().encode(JSON.stringify(profile)).length / 1024;
    compare(
      `a profile given as an object, ${name} (${kb.toFixed(0)} KB as JSON)`,
      { name: 'JSON.stringify, the text read', op: () => parse(crossing.loadProfile(JSON.stringify(profile))) },
      { name: 'the object read by serde-wasm-bindgen', op: () => crossing.__loadProfileValue(profile) },
      { n: 10, batches: 5 },
    );
  }
  return rows;
}

/** The rows as lines of text. */
export function describe(rows) {
  const us = (x) => `${x.toFixed(2)} µs`;
  return rows.map(
    (r) =>
      `  ${r.title}: ${r.text.name} ${us(r.text.us)}; ${r.value.name} ${us(r.value.us)}; text ÷ value ${r.ratio.toFixed(2)} (${r.middle.map((x) => x.toFixed(2)).join('–')})`,
  );
}

/** Median µs per call of `op` (called with the call's index), over `batches` batches of `n`, after a warm-up. */
function time(op, { n, batches }) {
  for (let i = 0; i < n; i++) op(i);
  const per = [];
  for (let b = 0; b < batches; b++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) op(i);
    per.push(((performance.now() - t0) / n) * 1000);
  }
  return median(per);
}

function median(xs) {
  return [...xs].sort((a, b) => a - b)[xs.length >> 1];
}

function agree(what, a, b) {
  if (!same(a, b)) throw new Error(`crossing: the two ways give different ${what}:\n${JSON.stringify(a)}\n${JSON.stringify(b)}`);
}

/** Whether two values made of objects, arrays and scalars are equal, whatever their keys' order. */
function same(a, b) {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && same(a[k], b[k]));
}
