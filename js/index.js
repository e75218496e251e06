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
  __takeInternalError as takeInternalError,
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

// Guards at the boundary. Values are copied into plain data here, in JavaScript, before they
// cross: a getter or Proxy trap that throws, a cycle, nesting deeper than MAX_DEPTH or an array
// longer than MAX_ITEMS becomes a TypeError located at the value (`application.funding.a`), and
// nothing a caller's object does can run while the WebAssembly module is mid-call. The module
// applies the same depth limit to values that reach it directly. And should the module ever trap
// (a panic; none is reachable from any input), the call throws an Error with the panic's message
// instead of an opaque WebAssembly.RuntimeError; the module keeps working.

/** As serde_json limits JSON text: objects and arrays nested at most this deep. */
const MAX_DEPTH = 127;
/** No field or table of an application holds anywhere near this many items (tables: 2,000 rows). */
const MAX_ITEMS = 100_000;
const PLAIN = 'pass plain data (objects, arrays, strings, numbers, booleans, null)';

function describe(error) {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    return 'an exception';
  }
}

/** Runs code that may run the caller's getters or Proxy traps. */
function read(at, get) {
  try {
    return get();
  } catch (error) {
    throw new TypeError(`${at}: reading it threw ${describe(error)}; ${PLAIN}`, { cause: error });
  }
}

/** Keys are shown as the module shows them: at most 40 characters. */
function key(name) {
  return name.length > 40 ? `${name.slice(0, 40)}…` : name;
}

/**
 * A plain copy of `value`: arrays stay arrays, Maps stay Maps, typed arrays pass as they are (the
 * module refuses them), and any other object becomes a prototype-less object of its own
 * enumerable string keys, which is what the module reads (so `__proto__` stays an ordinary key).
 */
function plain(value, at, depth = 0) {
  if (value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value)) return value;
  if (depth >= MAX_DEPTH) {
    throw new TypeError(`${at}: nested deeper than ${MAX_DEPTH} levels; ${PLAIN}`);
  }
  if (read(at, () => Array.isArray(value))) {
    const length = read(at, () => value.length);
    if (!(length <= MAX_ITEMS)) {
      throw new TypeError(`${at}: more than ${MAX_ITEMS} items; ${PLAIN}`);
    }
    const copy = new Array(length);
    for (let i = 0; i < length; i++) {
      const where = `${at}[${i}]`;
      copy[i] = plain(read(where, () => value[i]), where, depth + 1);
    }
    return copy;
  }
  if (read(at, () => value instanceof Map)) {
    const copy = new Map();
    for (const [name, item] of read(at, () => [...value])) {
      const where = `${at}.${key(String(name))}`;
      copy.set(name, plain(item, where, depth + 1));
    }
    return copy;
  }
  const names = read(at, () => Object.keys(value));
  if (names.length > MAX_ITEMS) {
    throw new TypeError(`${at}: more than ${MAX_ITEMS} keys; ${PLAIN}`);
  }
  const copy = Object.create(null);
  for (const name of names) {
    const where = `${at}.${key(name)}`;
    copy[name] = plain(read(where, () => value[name]), where, depth + 1);
  }
  return copy;
}

/** Runs a call into the module, turning a trap into an Error with the panic's message. */
function guard(call) {
  try {
    return call();
  } catch (error) {
    if (!(error instanceof WebAssembly.RuntimeError)) throw error;
    let message;
    try {
      message = takeInternalError();
    } catch {
      // The module cannot even say why; report the trap itself.
    }
    throw new Error(message ?? `gov-it-rules: internal error: WebAssembly trap: ${error.message}`, {
      cause: error,
    });
  }
}

/** The module's validator, with every value guarded on the way in and every call guarded. */
class GuardedValidator extends Validator {
  set(path, value) {
    return guard(() => super.set(path, plain(value, typeof path === 'string' ? key(path) : 'value')));
  }

  replace(application) {
    return guard(() => super.replace(plain(application, 'application')));
  }

  report() {
    return guard(() => super.report());
  }
}

/** Validates a whole application (an object, or JSON text) and returns the report. */
export function validate(application, options) {
  needInit();
  return guard(() => wasmValidate(plain(application, 'application'), plain(options, 'options')));
}

/**
 * A validator for a live form, configured by `options` and holding `application` (default: an
 * empty one): `set(path, value)` after each edit returns only what changed; `report()` returns
 * the whole report. Call `free()` when the form goes away (it is also freed when
 * garbage-collected).
 */
export function createValidator(options, application) {
  needInit();
  return guard(() => new GuardedValidator(plain(options, 'options'), plain(application, 'application')));
}

/** The jurisdictions with the regulation in force, its document number and dates. */
export function jurisdictions(options) {
  needInit();
  return guard(() => wasmJurisdictions(plain(options, 'options')));
}

/** The rule catalogue: every code with severity and message template, every provision with its citations. */
export function rules(options) {
  needInit();
  return guard(() => wasmRules(plain(options, 'options')));
}

/**
 * Loads a jurisdiction profile (JSON text or an object, format in docs/profile-format.md) so that
 * options can name its id. Returns `{ ok: true, id }`, or `{ ok: false, errors }` with each error
 * located by its JSON path in the profile; a rejected profile changes nothing.
 */
export function loadProfile(profile) {
  needInit();
  return guard(() => wasmLoadProfile(profile));
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
