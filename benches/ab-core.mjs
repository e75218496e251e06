// The timings benches/ab.mjs compares two builds by, the same in Node and in the browser.
import { measure } from './core.mjs';
import { TYPING, AS_OF } from './inputs.mjs';

const OPTIONS = { jurisdiction: 'tongzhou', asOf: AS_OF };
const SAMPLES = 30;

/** The three timings of one build, in µs per call: `gov` is the package's API. */
export function timings(gov, application) {
  const full = measure(() => gov.validate(application, OPTIONS), { samples: SAMPLES }).medianUs;
  const typing = (validator) => {
    const median = measure(() => {
      for (const amount of TYPING) validator.set('totalInvestment', amount);
    }, { perCall: TYPING.length, samples: SAMPLES }).medianUs;
    validator.free();
    return median;
  };
  return {
    full,
    typing: typing(gov.createValidator(OPTIONS, application)),
    emptyTyping: typing(gov.createValidator(OPTIONS)),
  };
}

/** Alternating rounds of `timings` over builds `a` (before) and `b` (after). */
export function rounds(a, b, application, count) {
  const kinds = ['full', 'typing', 'emptyTyping'];
  const result = { ratios: {}, before: {}, after: {} };
  for (const kind of kinds) {
    result.ratios[kind] = [];
    result.before[kind] = [];
    result.after[kind] = [];
  }
  for (let i = 0; i < count; i++) {
    const [first, second] = i % 2 === 0 ? [a, b] : [b, a];
    const x = timings(first, application);
    const y = timings(second, application);
    const [before, after] = first === a ? [x, y] : [y, x];
    for (const kind of kinds) {
      result.ratios[kind].push(before[kind] / after[kind]);
      result.before[kind].push(before[kind]);
      result.after[kind].push(after[kind]);
    }
  }
  return result;
}

