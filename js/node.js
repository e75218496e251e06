// gov-it-rules for Node: the same API as index.js, ready on import (the wasm is read from beside
// this file and instantiated synchronously). Its module also reads JSON profiles, so
// loadProfile(json) works as it always has; it has no form component (there is no page to attach
// to) and is built for speed rather than size, which no applicant downloads: a server re-checks
// with it (BENCHMARKS.md, "Node's module built for speed"). The bindings are re-declared here
// rather than re-exported so that a bundler honouring "sideEffects": false cannot skip this
// module's set-up.
import { readFileSync } from 'node:fs';
import * as api from './index.js';

api.initSync(readFileSync(new URL('./gov_it_rules_node_bg.wasm', import.meta.url)));

export const init = api.init;
export const initSync = api.initSync;
export const loadLocale = api.loadLocale;
export const validate = api.validate;
export const createValidator = api.createValidator;
export const jurisdictions = api.jurisdictions;
export const rules = api.rules;
export const schema = api.schema;
export const loadProfile = api.loadProfile;
export const labels = api.labels;
export const elementRules = api.elementRules;
// Node has no page to attach a form to, and its module no form component.
export function attach() {
  throw new Error("gov-it-rules: attach() binds a form on a page, and there is none in Node: Node's module has no form component");
}
