// gov-it-rules: cited validation of government IT-project applications (政务信息化项目).
// Browser and bundler entry: call `await init()` (or `initSync(bytes)`) once, then the rest.
// Node uses node.js, which is ready on import. Types: index.d.ts.
import wasmInit, {
  initSync as wasmInitSync,
  validate as wasmValidate,
  Validator,
  jurisdictions as wasmJurisdictions,
  rules as wasmRules,
  loadProfile as wasmLoadProfile,
} from './gov_it_rules.js';

let ready = false;
let loading = null;

/**
 * Loads the WebAssembly module. With no argument it is fetched from beside this file
 * (`new URL('gov_it_rules_bg.wasm', import.meta.url)`); pass a URL, a Response, the bytes or a
 * compiled WebAssembly.Module to load it from elsewhere. Safe to call more than once.
 */
export async function init(input) {
  if (ready) return;
  loading ??= wasmInit(input === undefined ? undefined : { module_or_path: input }).then(
    () => {
      ready = true;
    },
    (error) => {
      loading = null;
      throw error;
    },
  );
  await loading;
}

/** Loads the WebAssembly module synchronously from its bytes or a compiled WebAssembly.Module. */
export function initSync(bytes) {
  if (ready) return;
  if (bytes === undefined || bytes === null) {
    throw new TypeError(
      'gov-it-rules: initSync(bytes) needs the bytes of gov_it_rules_bg.wasm (an ArrayBuffer or typed array) or a WebAssembly.Module',
    );
  }
  wasmInitSync({ module: bytes });
  ready = true;
}

export { attach } from './attach.js';

function needInit() {
  if (!ready) {
    throw new Error(
      'gov-it-rules: call await init() first (or initSync(bytes) with the bytes of gov_it_rules_bg.wasm); in Node, import "gov-it-rules" is ready on import',
    );
  }
}

/** Validates a whole application (an object, or JSON text) and returns the report. */
export function validate(application, options) {
  needInit();
  return wasmValidate(application, options);
}

/**
 * A validator for a live form, configured by `options` and holding `application` (default: an
 * empty one): `set(path, value)` after each edit returns only what changed; `report()` returns
 * the whole report. Call `free()` when the form goes away (it is also freed when
 * garbage-collected).
 */
export function createValidator(options, application) {
  needInit();
  return new Validator(options, application);
}

/** The jurisdictions with the regulation in force, its document number and dates. */
export function jurisdictions(options) {
  needInit();
  return wasmJurisdictions(options);
}

/** The rule catalogue: every code with severity and message template, every provision with its citations. */
export function rules(options) {
  needInit();
  return wasmRules(options);
}

/**
 * Loads a jurisdiction profile (JSON text or an object, format in docs/profile-format.md) so that
 * options can name its id. Returns `{ ok: true, id }`, or `{ ok: false, errors }` with each error
 * located by its JSON path in the profile; a rejected profile changes nothing.
 */
export function loadProfile(profile) {
  needInit();
  return wasmLoadProfile(profile);
}

/**
 * A Standard Schema v1 (https://standardschema.dev) for the given options, for form libraries
 * (react-hook-form's standardSchemaResolver, TanStack Form, VeeValidate). Errors are issues;
 * warnings and notices are not (use validate() or createValidator() for those).
 */
export function schema(options) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(
      'gov-it-rules: schema(options) needs an options object such as { jurisdiction: "tongzhou" }',
    );
  }
  const fixed = { ...options };
  return {
    '~standard': {
      version: 1,
      vendor: 'gov-it-rules',
      validate(value) {
        const report = validate(value, fixed);
        const issues = report.diagnostics
          .filter((d) => d.severity === 'error')
          .map((d) => (d.path === '' ? { message: d.message } : { message: d.message, path: pathSegments(d.path) }));
        return issues.length > 0 ? { issues } : { value };
      },
    },
  };
}

/** `resources[2].sharing` → ['resources', 2, 'sharing']. */
function pathSegments(path) {
  const segments = [];
  for (const part of path.split('.')) {
    const [key, ...indexes] = part.split('[');
    if (key !== '') segments.push(key);
    for (const index of indexes) segments.push(Number(index.slice(0, -1)));
  }
  return segments;
}
