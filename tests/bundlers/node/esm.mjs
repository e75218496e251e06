// Node ESM: ready on import.
import { readFileSync } from 'node:fs';
import { validate, jurisdictions } from 'gov-it-rules';

const application = JSON.parse(readFileSync(new URL('../../fixtures/tongzhou-declaration.json', import.meta.url), 'utf8'));
const options = { jurisdiction: 'tongzhou', asOf: '2025-06-01' };
const above = validate({ ...application, totalInvestment: '300.0001', annualFunding: '300.0001' }, options);
console.log(JSON.stringify({
  loaded: jurisdictions().map((j) => j.id),
  errors: validate(application, options).summary.errors,
  approval: above.outcomes.approval.value.need,
  above: above.outcomes.merge.value.mode,
}));
