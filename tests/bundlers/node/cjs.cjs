// CommonJS: require() works on every Node version engines names, including those without
// require(esm) (before 20.19), which `node --no-experimental-require-module` simulates.
const { validate, jurisdictions } = require('gov-it-rules');
// gov-it-rules/noform, shared by code that also runs in the browser: in Node, the same instance.
const noform = require('gov-it-rules/noform');
const application = require('../../fixtures/tongzhou-declaration.json');

const options = { jurisdiction: 'tongzhou', asOf: '2025-06-01' };
const above = validate({ ...application, totalInvestment: '300.0001', annualFunding: '300.0001' }, options);
console.log(JSON.stringify({
  loaded: jurisdictions().map((j) => j.id),
  errors: validate(application, options).summary.errors,
  approval: above.outcomes.approval.value.need,
  above: above.outcomes.merge.value.mode,
  noformSame: noform.validate === validate,
}));
