// A page bundled by esbuild from the installed package: verdicts written into the page. The
// react-hook-form example is its own page (form.jsx), as the README shows it.
import { init, validate, createValidator, jurisdictions, rules } from 'gov-it-rules';
import fixture from '../fixtures/tongzhou-declaration.json';

const options = { jurisdiction: 'tongzhou', asOf: '2025-06-01' };
const show = (id, text) => {
  document.getElementById(id).textContent = text;
};

async function main() {
  try {
    validate(fixture, options);
    show('before-init', 'no error');
  } catch (e) {
    show('before-init', e.message);
  }
  await init();
  const report = validate(fixture, options);
  show('approval', report.outcomes.approval.value.need);
  show('approval-article', report.outcomes.approval.because[0].citations[0].article);
  show('merge', report.outcomes.merge.value.mode);
  show('supervision', report.outcomes.supervision.value.mode);
  show('errors', String(report.summary.errors));
  const validator = createValidator(options, fixture);
  show('merge-after', validator.set('totalInvestment', '300.01').outcomes.merge.value.mode);
  show('bad-amount', validator.set('totalInvestment', '三百万').diagnostics.added.map((d) => d.code).join(','));
  // JavaScript values that JSON.stringify alone would misrepresent, through the bundled wrapper.
  const input = (app, path) => validate(app, options).diagnostics.find((d) => d.path === path)?.params;
  const cyclic = { ...fixture };
  cyclic.self = cyclic;
  let cycle;
  try {
    validate(cyclic, options);
  } catch (e) {
    cycle = `${e.name}: ${e.message.slice(0, 37)}`;
  }
  show('values', JSON.stringify({
    infinity: input({ ...fixture, totalInvestment: -Infinity }, 'totalInvestment').input,
    map: validate({ ...fixture, funding: new Map(Object.entries(fixture.funding)) }, options).summary.errors,
    // A date picker's Date is the day picked where the page runs: no amount.
    date: input({ ...fixture, totalInvestment: new Date(2026, 0, 5) }, 'totalInvestment').input,
    undefined: validate({ ...fixture, name: undefined }, options).diagnostics.find((d) => d.path === 'name').code,
    lone: validator.set('totalInvestment', '3\uD800').diagnostics.added[0].params.input,
    bigint: input({ ...fixture, totalInvestment: 2n ** 60n }, 'totalInvestment').input,
    cycle,
  }));
  validator.free();
  show('document-number', jurisdictions().find((j) => j.id === 'tongzhou').documentNumber);
  show('codes', String(rules().codes.length));
  const status = document.getElementById('status');
  status.textContent = 'done';
  status.dataset.state = 'done';
}

main().catch((e) => {
  const status = document.getElementById('status');
  status.textContent = `failed: ${e.stack ?? e}`;
  status.dataset.state = 'failed';
});
