// gov-it-rules for Node: the same API as index.js, ready on import (the wasm is read from beside
// this file and instantiated synchronously). It is the module that also reads JSON profiles:
// a server does not pay for its size, and loadProfile(json) works as it always has. The bindings are re-declared here rather than
// re-exported so that a bundler honouring "sideEffects": false cannot skip this module's set-up.
import { readFileSync } from 'node:fs';
import * as api from './index.js';

api.initSync(readFileSync(new URL('./gov_it_rules_json_bg.wasm', import.meta.url)));

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
export const attach = api.attach;
