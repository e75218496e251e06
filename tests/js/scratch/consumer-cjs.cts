// A typed CommonJS consumer (a .cts file, module node16): require('gov-it-rules') resolves to the
// CommonJS build and its types, index.d.cts, with no TS1479 "ESM imported from CommonJS" error.
// Compiled by `tsc --noEmit` (tsconfig.cjs.json); never run.
import { validate, createValidator, type Options, type Report } from 'gov-it-rules';
// gov-it-rules/noform, as code shared with the browser imports it: its CommonJS types, noform.d.cts.
import { schema } from 'gov-it-rules/noform';

const options: Options = { jurisdiction: 'tongzhou', asOf: '2025-06-01' };
const report: Report = validate({ totalInvestment: '300.0001' }, options);
const merge: string | undefined = report.outcomes.merge?.status;
createValidator(options).set('totalInvestment', '300');
const standard = schema({ jurisdiction: 'tongzhou', fields: ['totalInvestment'] })['~standard'];
export { merge, standard };
