// gov-it-rules/noform: the API of gov-it-rules (index.d.ts) without attach(), for pages that check
// forms through a form library (schema(), elementRules()) and never attach the package's own form
// component. Its init() loads the modules without the component; in Node this entry is Node's own.
export type * from './index.js';
export {
  init,
  initSync,
  loadLocale,
  validate,
  createValidator,
  jurisdictions,
  rules,
  loadProfile,
  schema,
  elementRules,
  labels,
} from './index.js';
