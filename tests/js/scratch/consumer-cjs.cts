// A typed CommonJS consumer (a .cts file, module node16): require('gov-it-rules') resolves to the
// CommonJS build and its types, index.d.cts, with no TS1479 "ESM imported from CommonJS" error.
// Compiled by `tsc --noEmit` (tsconfig.cjs.json); never run.
import { validate, createValidator, type Options, type Report } from 'gov-it-rules';

const options: Options = { jurisdiction: 'tongzhou', asOf: '2025-06-01' };
const report: Report = validate({ totalInvestment: '300.0001' }, options);
const merge: string | undefined = report.outcomes.merge?.status;
createValidator(options).set('totalInvestment', '300');
export { merge };
