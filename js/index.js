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

// ---- Where the package's files are ------------------------------------------------------------
// Each file is named by a literal `new URL('./…', import.meta.url)`, the pattern Vite, webpack 5
// and Parcel recognise: they copy the file into the build and rewrite the URL, so a page needs no
// manual copying, not even of the profiles a one-jurisdiction page loads. esbuild leaves the URLs
// to resolve beside the bundle. In a bundle that is not a module (an IIFE, a plain <script>, the
// package's dist/gov-it-rules.iife.js) import.meta.url is undefined, and the files are looked for
// beside the script that holds this code instead.

/** The script that is running this module, if it is a classic <script>; read while it runs. */
const script = typeof document === 'undefined' ? undefined : document.currentScript?.src;

/** `file` beside this module's script, for a bundle without import.meta.url. */
function beside(file) {
  return new URL(file, script ?? globalThis.location?.href);
}

const FULL_WASM = () =>
  import.meta.url ? new URL('./gov_it_rules_bg.wasm', import.meta.url) : beside('./gov_it_rules_bg.wasm');
const CORE_WASM = () =>
  import.meta.url ? new URL('./gov_it_rules_core_bg.wasm', import.meta.url) : beside('./gov_it_rules_core_bg.wasm');

/** The jurisdictions whose profiles ship in profiles/ beside this file, and where each is. */
const PROFILES = {
  tongzhou: () =>
    import.meta.url ? new URL('./profiles/tongzhou.json', import.meta.url) : beside('./profiles/tongzhou.json'),
  shexian: () =>
    import.meta.url ? new URL('./profiles/shexian.json', import.meta.url) : beside('./profiles/shexian.json'),
  tinghu: () => (import.meta.url ? new URL('./profiles/tinghu.json', import.meta.url) : beside('./profiles/tinghu.json')),
  jiangjin: () =>
    import.meta.url ? new URL('./profiles/jiangjin.json', import.meta.url) : beside('./profiles/jiangjin.json'),
  xiangcheng: () =>
    import.meta.url ? new URL('./profiles/xiangcheng.json', import.meta.url) : beside('./profiles/xiangcheng.json'),
};
const SHIPPED = Object.keys(PROFILES);

// ---- Loading ----------------------------------------------------------------------------------

/**
 * Loads the WebAssembly module. With no argument it is fetched from beside this file
 * (`new URL('./gov_it_rules_bg.wasm', import.meta.url)`); pass a URL, a Response, the bytes or a
 * compiled WebAssembly.Module to load it from elsewhere. Safe to call more than once.
 *
 * `init({ jurisdictions: ['tongzhou'] })` loads instead the module without the embedded
 * regulations and only the named ones' profiles (profiles/<id>.json), fetched in parallel with
 * it: a page for one county downloads its own regulation and not all five. `wasm` and
 * `profiles` (a folder URL) say where those files are when they are not beside this file.
 */
export async function init(input) {
  if (ready) return;
  loading ??= load(input).then(
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

async function load(input) {
  const isObject = input !== null && typeof input === 'object';
  // `jurisdictions: undefined` is left out, as JavaScript APIs read undefined.
  if (!isObject || input.jurisdictions === undefined) {
    await instantiate(input ?? FULL_WASM());
    return;
  }
  const { jurisdictions: ids, wasm, profiles } = input;
  if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => !SHIPPED.includes(id))) {
    throw new TypeError(
      `gov-it-rules: init({ jurisdictions }) takes a list of one or more of ${SHIPPED.join(', ')}; load a county's own profile with loadProfile() after init()`,
    );
  }
  const folder =
    profiles === undefined ? undefined : new URL(profiles, globalThis.location?.href ?? import.meta.url ?? script);
  const texts = ids.map(async (id) => {
    const url = folder === undefined ? PROFILES[id]() : new URL(`${id}.json`, folder);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`gov-it-rules: fetching the ${id} profile: HTTP ${response.status} ${response.url}`);
    const text = await response.text();
    // Another page answered (a dev server's fallback page): say which URL, not "bad JSON".
    if (!text.trimStart().startsWith('{')) {
      throw new Error(
        `gov-it-rules: fetching the ${id} profile: ${response.url} is not a profile (JSON); a server may have answered with another page: with Vite's dev server, add optimizeDeps: { exclude: ['gov-it-rules'] } to vite.config.js, or pass init({ profiles }) the folder that holds <id>.json`,
      );
    }
    return text;
  });
  // Awaited below, after the module; a failed fetch is reported there, not as unhandled.
  for (const text of texts) text.catch(() => {});
  await instantiate(wasm ?? CORE_WASM());
  for (const text of await Promise.all(texts)) {
    const result = parse(guard(() => wasmLoadProfile(text)));
    if (!result.ok) throw new Error(`gov-it-rules: a shipped profile was refused: ${JSON.stringify(result.errors)}`);
  }
}

/**
 * Instantiates the module from `source`. What is fetched in its place (a dev server's fallback
 * page, a login page) is reported with its URL and the likely cause, not as a bad magic word.
 */
async function instantiate(source) {
  try {
    await wasmInit({ module_or_path: source });
  } catch (error) {
    if (!(error instanceof WebAssembly.CompileError)) throw error;
    const what = typeof source === 'string' || source instanceof URL ? String(source) : 'the module given to init()';
    throw new Error(
      `gov-it-rules: ${what} is not the WebAssembly module (${error.message}); a server may have answered with another page: with Vite's dev server, add optimizeDeps: { exclude: ['gov-it-rules'] } to vite.config.js, or pass init() the module's URL`,
      { cause: error },
    );
  }
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

// Values cross into the module as JSON text and come back as JSON text: one copy each way per
// call rather than one crossing per property. The text must stand for exactly what the module
// reads from a value, so the common case (plain objects and arrays of strings, booleans, null
// and ordinary numbers) goes to JSON.stringify after a quick scan, and anything else is read
// carefully: a getter or Proxy trap that throws, a cycle, nesting deeper than MAX_DEPTH or more
// than MAX_ITEMS items becomes a TypeError located at the value (`application.funding.a`);
// Infinity is the number 1e400 (which the module refuses, located), a Map is an object, a Date
// or any other object is its own enumerable keys (toJSON is not called), and functions, symbols,
// typed arrays and BigInts beyond 64 bits are refused, located. Nothing a caller's object does
// can run while the WebAssembly module is mid-call. And should the module ever trap (a panic;
// none is reachable from any input), the call throws an Error with the panic's message instead
// of an opaque WebAssembly.RuntimeError; the module keeps working.

/** As serde_json limits JSON text: objects and arrays nested at most this deep. */
const MAX_DEPTH = 127;
/** No field or table of an application holds anywhere near this many items (tables: 2,000 rows). */
const MAX_ITEMS = 100_000;
const PLAIN = 'pass plain data (objects, arrays, strings, numbers, booleans, null)';

/**
 * Whether JSON.stringify prints the number as the module reads it: integers below 2 ** 53 and
 * decimals from 1e-5, 0, and NaN (null).
 */
function ordinary(number) {
  const size = number < 0 ? -number : number;
  return (size >= 1e-5 && size < 9007199254740992) || size === 0 || size !== size;
}

// What the scan finds: JSON.stringify would misstate the value, would not, or would once told to
// write undefined as null rather than drop the key.
const MISSTATED = 0;
const EXACT = 1;
const EXACT_AS_NULL = 2;

/**
 * Whether JSON.stringify gives the text the careful reading would: plain objects and arrays,
 * within the limits, of strings, booleans, null, ordinary numbers and undefined.
 */
function scan(value, depth) {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return EXACT;
    case 'number':
      return ordinary(value) ? EXACT : MISSTATED;
    case 'undefined':
      return EXACT_AS_NULL;
    case 'object':
      break;
    default:
      return MISSTATED;
  }
  if (value === null) return EXACT;
  if (depth >= MAX_DEPTH || value.toJSON !== undefined) return MISSTATED;
  let found = EXACT;
  if (Array.isArray(value)) {
    const length = value.length;
    if (length > MAX_ITEMS || Object.getPrototypeOf(value) !== Array.prototype) return MISSTATED;
    for (let i = 0; i < length; i++) {
      const item = scan(value[i], depth + 1);
      if (item === MISSTATED) return MISSTATED;
      if (item === EXACT_AS_NULL) found = item;
    }
    return found;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return MISSTATED;
  let count = 0;
  for (const name in value) {
    const item = ++count > MAX_ITEMS ? MISSTATED : scan(value[name], depth + 1);
    if (item === MISSTATED) return MISSTATED;
    if (item === EXACT_AS_NULL) found = item;
  }
  return found;
}

function undefinedAsNull(name, value) {
  return value === undefined ? null : value;
}

/**
 * `value` as JSON text. What the module could not read at all (a getter that throws, nesting too
 * deep) throws a located TypeError; what it refuses once reading it (a function, a typed array)
 * is returned as a TypeError, for the caller to throw after anything the module raises first
 * (bad options). `at` names the value in the first kind of message, `root` in the second, as the
 * module names it.
 */
function encode(value, at, root = at) {
  try {
    const found = scan(value, 0);
    if (found !== MISSTATED) {
      const text = found === EXACT ? JSON.stringify(value) : JSON.stringify(value, undefinedAsNull);
      if (typeof text === 'string') return text;
    }
  } catch {
    // A getter or Proxy trap threw, or the value changed under JSON.stringify: read it carefully.
  }
  const walk = new Walk(at, root);
  const text = walk.value(value, 0);
  return walk.refusal ?? text;
}

function describe(error) {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    return 'an exception';
  }
}

/** Keys are shown at most 40 characters long. */
function key(name) {
  return name.length > 40 ? `${name.slice(0, 40)}…` : name;
}

/** A string as the module holds it: each lone surrogate replaced by U+FFFD. */
function wellFormed(text) {
  return text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF]/g, (unit) => (unit.length === 2 ? unit : '\uFFFD'));
}

/** The first 40 characters (code points) of a key, as a refusal locates a value. */
function clip(name) {
  const chars = [...wellFormed(name)];
  return chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : chars.join('');
}

const I64_MIN = -(2n ** 63n);
const U64_END = 2n ** 64n;

/**
 * A number as JSON text, as the module reads numbers: NaN is null, ±Infinity is ±1e400, integers
 * beyond 2 ** 53 keep every digit of the value held, others are the shortest digits that read
 * back the same, in exponent form outside 1e-5 to 1e16.
 */
function number(value) {
  if (Number.isSafeInteger(value)) return String(value);
  if (value !== value) return 'null';
  if (value === Infinity) return '1e400';
  if (value === -Infinity) return '-1e400';
  const size = value < 0 ? -value : value;
  if (Number.isInteger(value) && size < 1e21) return BigInt(value).toString();
  return size >= 1e-5 && size < 1e16 ? String(value) : value.toExponential();
}

/** How a refusal names a value. */
function debug(value) {
  switch (typeof value) {
    case 'number':
    case 'boolean':
    case 'undefined':
      return `${value}`;
    case 'string':
      return JSON.stringify(value);
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return value.description !== undefined ? `Symbol(${value.description})` : 'Symbol';
    case 'function':
      return typeof value.name === 'string' && value.name !== '' ? `Function(${value.name})` : 'Function';
    default: {
      if (value === null) return 'null';
      if (Array.isArray(value)) return `[${Array.from(value, debug).join(', ')}]`;
      if (value instanceof Error) return `${value.name}: ${value.message}\n${value.stack}`;
      const tag = Object.prototype.toString.call(value);
      const name = /\[object ([^\]]+)\]/.exec(tag)?.[1];
      if (name === undefined) return tag;
      if (name !== 'Object') return name;
      try {
        return `Object(${JSON.stringify(value)})`;
      } catch {
        return 'Object';
      }
    }
  }
}

/** How a refusal names a map key that is not a string. */
function unexpected(value) {
  switch (typeof value) {
    case 'undefined':
      return 'unit value';
    case 'boolean':
      return `boolean \`${value}\``;
    case 'number':
      return `floating point \`${decimal(value)}\``;
    default:
      if (value === null) return 'unit value';
      if (value instanceof Uint8Array || value instanceof ArrayBuffer) return 'byte array';
      return `JsValue(${debug(value)})`;
  }
}

/** A number with a decimal point and no exponent, as Rust prints an f64 (1 → 1.0, 1e21 → 1000…0.0). */
function decimal(value) {
  if (value !== value) return 'NaN';
  if (value === Infinity || value === -Infinity) return value > 0 ? 'inf' : '-inf';
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  let text = String(value < 0 ? -value : value);
  const parts = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (parts) {
    const digits = parts[1] + (parts[2] ?? '');
    const exponent = Number(parts[3]);
    text = exponent >= 0
      ? digits + '0'.repeat(exponent - digits.length + 1)
      : `0.${'0'.repeat(-exponent - 1)}${digits}`;
  }
  return sign + (text.includes('.') ? text : `${text}.0`);
}

/**
 * The careful reading: each getter and Proxy trap runs once and may throw; an object that is not
 * an array or a Map is its own enumerable string keys; the first value the module refuses is
 * kept in `refusal` while the rest is still read, since an error reading the value comes first.
 */
class Walk {
  constructor(at, root) {
    this.at = at;
    this.root = root;
    /** Keys (strings) and indexes (numbers) from the root to the value being read. */
    this.path = [];
    this.refusal = undefined;
  }

  /** `root` and the path to the value being read, each key shown by `show`. */
  located(root, show) {
    return root + this.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${show(p)}`)).join('');
  }

  /** Where the value being read is, as this wrapper's messages show it. */
  where() {
    return this.located(this.at, key);
  }

  fail(message, cause) {
    return new TypeError(`${this.where()}: ${message}; ${PLAIN}`, cause === undefined ? undefined : { cause });
  }

  threw(error) {
    return this.fail(`reading it threw ${describe(error)}`, error);
  }

  /** Keeps the first refusal, located as the module locates values; the value reads as null. */
  refuse(message) {
    if (this.refusal === undefined) {
      const at = this.located(clip(this.root), clip);
      this.refusal = new TypeError(wellFormed(`${at}: Error: ${message}; ${PLAIN}`));
    }
    return 'null';
  }

  get(object, name) {
    try {
      return object[name];
    } catch (error) {
      throw this.threw(error);
    }
  }

  value(value, depth) {
    const text = scalarText(value);
    if (text !== undefined) return text;
    switch (typeof value) {
      case 'bigint':
        if (value >= I64_MIN && value < U64_END) return value.toString();
        return this.refuse("Couldn't deserialize i64 or u64 from a BigInt outside i64::MIN..u64::MAX bounds");
      case 'object':
        break;
      default:
        return this.refuse(`invalid type: JsValue(${debug(value)}), expected plain data`);
    }
    if (ArrayBuffer.isView(value)) return this.view(value, depth);
    if (depth >= MAX_DEPTH) throw this.fail(`nested deeper than ${MAX_DEPTH} levels`);
    let array;
    let map;
    try {
      array = Array.isArray(value);
      map = !array && value instanceof Map;
    } catch (error) {
      throw this.threw(error);
    }
    const parts = [];
    if (array) {
      const length = this.get(value, 'length');
      if (!(length <= MAX_ITEMS)) throw this.fail(`more than ${MAX_ITEMS} items`);
      for (let i = 0; i < length; i++) {
        this.path.push(i);
        parts.push(this.value(this.get(value, i), depth + 1));
        this.path.pop();
      }
      return `[${parts.join(',')}]`;
    }
    let entries;
    try {
      entries = map ? [...value] : Object.keys(value);
    } catch (error) {
      throw this.threw(error);
    }
    if (map) {
      for (const [name, item] of entries) {
        if (typeof name !== 'string') this.refuse(`invalid type: ${unexpected(name)}, expected a string`);
        parts.push(this.member(String(name), () => item, depth));
      }
    } else {
      if (entries.length > MAX_ITEMS) throw this.fail(`more than ${MAX_ITEMS} keys`);
      for (const name of entries) parts.push(this.member(name, () => this.get(value, name), depth));
    }
    return `{${parts.join(',')}}`;
  }

  /** `"name":value`, the value read by `read` once the path names it. */
  member(name, read, depth) {
    this.path.push(name);
    const text = `${JSON.stringify(name)}:${this.value(read(), depth + 1)}`;
    this.path.pop();
    return text;
  }

  /** A typed array is refused; a DataView reads as its own enumerable keys. */
  view(value, depth) {
    if (value instanceof Uint8Array) return this.refuse('invalid type: byte array, expected plain data');
    if (Symbol.iterator in value) return this.refuse(`invalid type: JsValue(${debug(value)}), expected plain data`);
    if (depth >= MAX_DEPTH) return this.refuse(`nested deeper than ${MAX_DEPTH} levels`);
    const parts = Object.entries(value).map(([name, item]) => this.member(name, () => item, depth));
    return `{${parts.join(',')}}`;
  }
}

/** The JSON text of a string, number, boolean, null or undefined; undefined for anything else. */
function scalarText(value) {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return number(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return 'null';
    default:
      return value === null ? 'null' : undefined;
  }
}

/** The JSON text of a value set by a live edit; a scalar without further ado. */
function encodeEdit(value, path) {
  return (
    scalarText(value) ?? (typeof path === 'string' ? encode(value, key(path), path) : encode(value, 'value'))
  );
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

const decoder = new TextDecoder();

/** A report, delta or listing from the module's JSON text (UTF-8 bytes). */
function parse(bytes) {
  return JSON.parse(decoder.decode(bytes));
}

/** Throws what encode() returned in place of text. */
function need(text) {
  if (typeof text !== 'string') throw text;
  return text;
}

/** The module's validator, with every value encoded on the way in and every answer parsed. */
class GuardedValidator extends Validator {
  set(path, value) {
    const text = encodeEdit(value, path);
    if (typeof path !== 'string') {
      throw new TypeError(
        'validator.set(path, value): path must be a string such as "funding.thisYear.total" or "resources[0].sharing"',
      );
    }
    return parse(guard(() => super.set(path, need(text))));
  }

  replace(application) {
    if (typeof application === 'string') return parse(guard(() => super.replace(application, false)));
    const text = need(encode(application, 'application'));
    return parse(guard(() => super.replace(text, true)));
  }

  report() {
    return parse(guard(() => super.report()));
  }
}

/** Validates a whole application (an object, or JSON text) and returns the report. */
export function validate(application, options) {
  needInit();
  const text = typeof application === 'string' ? application : encode(application, 'application');
  const settings = need(encode(options, 'options'));
  if (typeof text !== 'string') {
    // The module checks the options before it reads the application: bad ones are reported first.
    guard(() => wasmValidate('null', false, settings));
    throw text;
  }
  return parse(guard(() => wasmValidate(text, typeof application !== 'string', settings)));
}

/**
 * A validator for a live form, configured by `options` and holding `application` (default: an
 * empty one): `set(path, value)` after each edit returns only what changed; `report()` returns
 * the whole report. Call `free()` when the form goes away (it is also freed when
 * garbage-collected).
 */
export function createValidator(options, application) {
  needInit();
  const settings = encode(options, 'options');
  const given = application !== undefined && application !== null;
  const text = !given || typeof application === 'string' ? application : encode(application, 'application');
  need(settings);
  if (given && typeof text !== 'string') {
    // As in validate(): bad options are reported first.
    guard(() => new Validator(settings, undefined, false)).free();
    throw text;
  }
  return guard(() => new GuardedValidator(settings, given ? text : undefined, typeof application !== 'string'));
}

/** The options of a listing, which may be left out. */
function listing(options) {
  return options === undefined || options === null ? undefined : need(encode(options, 'options'));
}

/** The jurisdictions with the regulation in force, its document number and dates. */
export function jurisdictions(options) {
  needInit();
  const settings = listing(options);
  return parse(guard(() => wasmJurisdictions(settings)));
}

/** The rule catalogue: every code with severity and message template, every provision with its citations. */
export function rules(options) {
  needInit();
  const settings = listing(options);
  return parse(guard(() => wasmRules(settings)));
}

/**
 * Loads a jurisdiction profile (JSON text or an object, format in docs/profile-format.md) so that
 * options can name its id. Returns `{ ok: true, id }`, or `{ ok: false, errors }` with each error
 * located by its JSON path in the profile; a rejected profile changes nothing.
 */
export function loadProfile(profile) {
  needInit();
  let text = profile;
  if (typeof profile !== 'string') {
    if (profile === null || typeof profile !== 'object') {
      throw new TypeError('loadProfile(profile): profile must be JSON text or an object');
    }
    try {
      text = JSON.stringify(profile);
    } catch {
      text = undefined;
    }
    if (typeof text !== 'string') {
      throw new TypeError('loadProfile(profile): the profile object cannot be turned into JSON');
    }
  }
  return parse(guard(() => wasmLoadProfile(text)));
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
