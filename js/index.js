// gov-it-rules: cited validation of government IT-project applications (政务信息化项目).
// Browser and bundler entry: call `await init()` (or `initSync(bytes)`) once, then the rest.
// Node uses node.js, which is ready on import. Types: index.d.ts.
import wasmInit, {
  initSync as wasmInitSync,
  validate as wasmValidate,
  Validator,
  FormHandle,
  jurisdictions as wasmJurisdictions,
  rules as wasmRules,
  loadProfile as wasmLoadProfile,
  loadCompiledProfile as wasmLoadCompiledProfile,
  addEnglishTexts as wasmAddEnglishTexts,
  __englishEmbedded as wasmEnglishEmbedded,
  labels as wasmLabels,
  normalise as wasmNormalise,
  __formLayout as wasmFormLayout,
  __takeInternalError as takeInternalError,
  __citations as wasmCitations,
  __wbg_restart as restartGlue,
} from './gov_it_rules.js';

let ready = false;
let loading = null;
/** Which of the package's own calls loaded the module with init()'s defaults, before the page did. */
let loadedByDefault;

/**
 * Whether this entry has the form component: `gov-it-rules` does; `gov-it-rules/noform` is this
 * file bundled over the glue of the modules without it (js/noform-glue.js), which has no
 * FormHandle, and loads those modules.
 */
const WITH_FORM = FormHandle !== undefined;
const NOFORM_ENTRY = "gov-it-rules/noform has no attach(); import 'gov-it-rules' for it";

// Recovery after a trap. Should a call ever trap (the module out of memory, or a bug), guard()
// drops the instance at once and the next call makes a new one from the same compiled module,
// synchronously, with the profiles loaded into the old one loaded again; validators made before
// answer with an Error that says to create them again. `generation` counts the instances.
let generation = 0;
let trapped = false;
/** The instance's own exports, for freeing validators in the instance that made them. */
let exports;
/**
 * The profiles loaded so far, by id, to load into a new instance: [compiled?, bytes or text,
 * English texts kept apart or undefined].
 */
const loaded = new Map();
/** The built-in regulations' English texts given to the module (init({ locales })), likewise. */
const englishTexts = [];


// ---- Where the package's files are ------------------------------------------------------------
// Each file is named by a literal `new URL('./…', import.meta.url)`, the pattern Vite, webpack 5
// and Parcel recognise: they copy the file into the build and rewrite the URL, so a page needs no
// manual copying, not even of the profiles a one-jurisdiction page loads. esbuild leaves the URLs
// to resolve beside the bundle. In a bundle that is not a module (an IIFE, a plain <script>, the
// package's dist/gov-it-rules.iife.js) import.meta.url is undefined, and the files are looked for
// beside the script that holds this code instead.

/**
 * The script that is running this module, if it is a classic <script src>; read while it runs.
 * An inline <script> (a bundle inserted as text) has no URL of its own: the page's is used.
 */
const script = typeof document === 'undefined' ? undefined : document.currentScript?.src || undefined;

/** `file` beside this module's script, for a bundle without import.meta.url. */
function beside(file) {
  return new URL(file, script ?? globalThis.location?.href);
}

const FULL_WASM = () =>
  import.meta.url ? new URL('./gov_it_rules_bg.wasm', import.meta.url) : beside('./gov_it_rules_bg.wasm');
const CORE_WASM = () =>
  import.meta.url ? new URL('./gov_it_rules_core_bg.wasm', import.meta.url) : beside('./gov_it_rules_core_bg.wasm');
const JSON_WASM = () =>
  import.meta.url ? new URL('./gov_it_rules_json_bg.wasm', import.meta.url) : beside('./gov_it_rules_json_bg.wasm');
const NOFORM_WASM = () =>
  import.meta.url ? new URL('./gov_it_rules_noform_bg.wasm', import.meta.url) : beside('./gov_it_rules_noform_bg.wasm');
const CORE_NOFORM_WASM = () =>
  import.meta.url
    ? new URL('./gov_it_rules_core_noform_bg.wasm', import.meta.url)
    : beside('./gov_it_rules_core_noform_bg.wasm');

/** The jurisdictions whose compiled profiles ship in profiles/ beside this file, and where each is. */
const PROFILES = {
  tongzhou: () =>
    import.meta.url ? new URL('./profiles/tongzhou.govit', import.meta.url) : beside('./profiles/tongzhou.govit'),
  shexian: () =>
    import.meta.url ? new URL('./profiles/shexian.govit', import.meta.url) : beside('./profiles/shexian.govit'),
  tinghu: () => (import.meta.url ? new URL('./profiles/tinghu.govit', import.meta.url) : beside('./profiles/tinghu.govit')),
  jiangjin: () =>
    import.meta.url ? new URL('./profiles/jiangjin.govit', import.meta.url) : beside('./profiles/jiangjin.govit'),
  xiangcheng: () =>
    import.meta.url ? new URL('./profiles/xiangcheng.govit', import.meta.url) : beside('./profiles/xiangcheng.govit'),
};
const SHIPPED = Object.keys(PROFILES);
/** Their English texts, each beside its profile (profiles/<id>.en.govit). */
const ENGLISH = {
  tongzhou: () =>
    import.meta.url ? new URL('./profiles/tongzhou.en.govit', import.meta.url) : beside('./profiles/tongzhou.en.govit'),
  shexian: () =>
    import.meta.url ? new URL('./profiles/shexian.en.govit', import.meta.url) : beside('./profiles/shexian.en.govit'),
  tinghu: () =>
    import.meta.url ? new URL('./profiles/tinghu.en.govit', import.meta.url) : beside('./profiles/tinghu.en.govit'),
  jiangjin: () =>
    import.meta.url ? new URL('./profiles/jiangjin.en.govit', import.meta.url) : beside('./profiles/jiangjin.en.govit'),
  xiangcheng: () =>
    import.meta.url
      ? new URL('./profiles/xiangcheng.en.govit', import.meta.url)
      : beside('./profiles/xiangcheng.en.govit'),
};
const LOCALES = ['zh-CN', 'en'];
/**
 * What loadLocale('en') fetches: the shipped regulations whose English texts the module lacks,
 * where their files are, and whether the regulations are embedded in the module (or loaded from
 * profiles/). A module that embeds the English texts (Node's, init({ profileJson: true })) needs
 * none.
 */
let englishSource = { ids: SHIPPED, folder: undefined, embedded: true };
let englishLoading = null;

// ---- Loading ----------------------------------------------------------------------------------

/**
 * Loads the WebAssembly module. With no argument it is fetched from beside this file
 * (`new URL('./gov_it_rules_bg.wasm', import.meta.url)`); pass a URL, a Request or Response, the
 * bytes or a compiled WebAssembly.Module (or a Promise of one) to load it from elsewhere. Safe to
 * call more than once.
 *
 * `init({ jurisdictions: ['tongzhou'] })` loads instead the module without the embedded
 * regulations and only the named ones' compiled profiles (profiles/<id>.govit), fetched in
 * parallel with it: a page for one county downloads its own regulation and not all five. `wasm`
 * and `profiles` (a folder URL) say where those files are when they are not beside this file.
 *
 * `init({ profileJson: true })` loads the module that also reads profiles as JSON
 * (`loadProfile(json)`), for profile authors' tools; the others read compiled profiles
 * (`gov-it-check compile`), which keeps the JSON reader out of what every applicant downloads.
 * Node's entry always uses it.
 *
 * `init({ form: false })` loads the module without the form component, 33 KB gzip smaller, for
 * pages that never call `attach()` (a form library through `schema()` or `elementRules()`);
 * `attach()` then throws. It combines with `jurisdictions`.
 *
 * `init({ locales: ['zh-CN', 'en'] })` also fetches the regulations' English texts
 * (profiles/<id>.en.govit; with `jurisdictions`, only theirs), which the browser modules leave
 * out: without them an English answer gives the regulations' texts in Chinese, with a JU006
 * notice. It combines with the others; the module that reads JSON profiles embeds them.
 *
 * An options object with a key not among these is a TypeError that names it, in Node too, where
 * the module is loaded already: `init({ jurisdiction: 'tongzhou' })` would otherwise load all
 * five regulations without a word.
 */
export async function init(input) {
  checkInitOptions(input);
  if (input !== undefined && loadedByDefault !== undefined) {
    // Said once: the page's init() lost the race to a validator, and its options (a county's
    // module, English texts, the profiles' folder) were not applied.
    console.warn(
      `gov-it-rules: init() came after ${loadedByDefault} had loaded the package with init()'s defaults (every regulation, no English texts); these options were not applied. Await init() before the form can be validated, e.g. before mounting it.`,
    );
    loadedByDefault = undefined;
  }
  if (ready) {
    // Loaded already (in Node, on import): a Promise given is still awaited, so that its
    // rejection is thrown here rather than left unhandled, and what it gives is checked.
    const given = isThenable(input) ? await input : input;
    if (given !== input) checkInitOptions(given);
    checkInitValues(given);
    warnNotLoaded(input);
    return;
  }
  const later = loading !== null;
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
  if (later) warnNotLoaded(input);
}

/**
 * A later init() loads nothing: said where it names jurisdictions the first one did not load, which
 * would otherwise be 「未知的地区」 (JU001) at their first validation, e.g. an init() on each route.
 */
function warnNotLoaded(input) {
  if (input === null || typeof input !== 'object' || !Array.isArray(input.jurisdictions)) return;
  const loaded = new Set(jurisdictions().map((j) => j.id));
  const missing = input.jurisdictions.filter((id) => !loaded.has(id));
  if (missing.length === 0) return;
  console.warn(
    `gov-it-rules: init() had loaded the package already, without ${missing.join(', ')}; a later init() loads nothing. Name every jurisdiction the app needs in its one init(), or load one later with loadProfile().`,
  );
}

/** The keys of init()'s options (index.d.ts: InitJurisdictions, InitProfileJson, InitDefault). */
const INIT_OPTIONS = 'jurisdictions, wasm, profiles, locales, profileJson, form';

/** Whether `input` is a Promise (or another thenable) of what init() loads the module from. */
function isThenable(input) {
  return input !== null && typeof input === 'object' && typeof input.then === 'function';
}

/**
 * Throws a TypeError naming the first key of init()'s options that it does not take, as
 * validate() names an unknown option (with `jurisdictions` for `jurisdiction`); what is no options
 * object passes.
 */
function checkInitOptions(input) {
  if (input === null || typeof input !== 'object' || isModuleSource(input) || isThenable(input)) return;
  for (const name of Object.keys(input)) {
    const known = INIT_OPTIONS.split(', ');
    if (known.includes(name)) continue;
    const meant = known.includes(`${name}s`) ? ` (did you mean \`${name}s\`?)` : '';
    throw new TypeError(`gov-it-rules: init(): unknown option \`${key(name)}\`${meant}; known options: ${INIT_OPTIONS}`);
  }
}

/**
 * Throws a TypeError for a value of init()'s options it does not take, whether or not init() then
 * loads anything: in Node the package is ready on import, and start-up code shared with a page
 * is refused there as the page would refuse it.
 */
function checkInitValues(input) {
  if (input === null || typeof input !== 'object' || isModuleSource(input) || isThenable(input)) return;
  const { locales, profileJson, form, jurisdictions: ids } = input;
  if (locales !== undefined && (!Array.isArray(locales) || locales.some((locale) => !LOCALES.includes(locale)))) {
    throw new TypeError(
      "gov-it-rules: init({ locales }) takes a list of the locales the page shows, 'zh-CN' and 'en'; with 'en' the regulations' English texts are fetched too",
    );
  }
  if (profileJson !== undefined && profileJson !== false) {
    if (!WITH_FORM) throw new TypeError(`gov-it-rules: init({ profileJson: true }) loads a module with attach(): ${NOFORM_ENTRY}`);
    if (profileJson !== true || ids !== undefined || (form !== undefined && form !== true)) {
      throw new TypeError(
        'gov-it-rules: init({ profileJson: true }) loads the module that reads JSON profiles, which embeds the five regulations, their English texts and attach(); it takes no jurisdictions and no form: false',
      );
    }
    return;
  }
  if (form !== undefined && form !== true && form !== false) {
    throw new TypeError('gov-it-rules: init({ form }) takes true (the default) or false, the module without attach()');
  }
  if (form === true && !WITH_FORM) throw new TypeError(`gov-it-rules: init({ form: true }): ${NOFORM_ENTRY}`);
  if (ids !== undefined && (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => !SHIPPED.includes(id)))) {
    throw new TypeError(
      `gov-it-rules: init({ jurisdictions }) takes a list of one or more of ${SHIPPED.join(', ')}; load a county's own profile with loadProfile() after init()`,
    );
  }
}

async function load(input) {
  // A Promise of the module's source (index.d.ts, InitInput), awaited here: what it resolves to
  // is loaded as if given itself, a URL fetched.
  if (isThenable(input)) {
    const source = await input;
    checkInitOptions(source);
    return load(source);
  }
  const isObject = input !== null && typeof input === 'object' && !isModuleSource(input);
  if (!isObject) {
    await instantiate(input ?? (WITH_FORM ? FULL_WASM() : NOFORM_WASM()));
    return;
  }
  checkInitValues(input);
  const english = input.locales?.includes('en') ?? false;
  // `jurisdictions: undefined` is left out, as JavaScript APIs read undefined.
  if (input.profileJson === true) {
    await instantiate(input.wasm ?? JSON_WASM());
    return;
  }
  const form = WITH_FORM && input.form !== false;
  const { jurisdictions: ids, wasm, profiles } = input;
  const folder =
    profiles === undefined ? undefined : new URL(profiles, globalThis.location?.href ?? import.meta.url ?? script);
  const fetched = (id, kind) => fetchShipped(id, kind, folder);
  // Fetched in parallel with the module, and awaited after it: a failed fetch is reported there,
  // not as unhandled.
  const texts = english ? (ids ?? SHIPPED).map((id) => fetched(id, 'english')) : [];
  const files = (ids ?? []).map((id) => fetched(id, 'profile'));
  for (const file of [...texts, ...files]) file.catch(() => {});
  if (ids === undefined) {
    await instantiate(wasm ?? (form ? FULL_WASM() : NOFORM_WASM()));
    englishSource = { ids: english ? [] : SHIPPED, folder, embedded: true };
    addEnglish(await Promise.all(texts));
    return;
  }
  await instantiate(wasm ?? (form ? CORE_WASM() : CORE_NOFORM_WASM()));
  const given = english ? await Promise.all(texts) : [];
  for (const [i, bytes] of (await Promise.all(files)).entries()) {
    const result = parse(guard(() => wasmLoadCompiledProfile(bytes, given[i])));
    if (!result.ok) throw new Error(`gov-it-rules: a shipped profile was refused: ${JSON.stringify(result.errors)}`);
    remember(result.id, true, bytes, given[i]);
  }
  englishSource = { ids: english ? [] : ids, folder, embedded: false };
}

/**
 * Gives the module the shipped regulations' English texts: to the regulations embedded in it, or
 * to those loaded from profiles/ with their compiled profile again.
 */
function addEnglish(texts, ids = []) {
  for (const [i, bytes] of texts.entries()) {
    const shipped = ids[i] === undefined ? undefined : loaded.get(ids[i]);
    const result = shipped
      ? parse(guard(() => wasmLoadCompiledProfile(shipped[1], bytes)))
      : parse(guard(() => wasmAddEnglishTexts(bytes)));
    if (!result.ok) throw new Error(`gov-it-rules: shipped English texts were refused: ${JSON.stringify(result.errors)}`);
    if (shipped) remember(result.id, true, shipped[1], bytes);
    else englishTexts.push(bytes);
  }
  // The English document names and citations, in place of the Chinese ones given for English.
  labelCache.clear();
  forgetCitations();
}

/**
 * Makes the module able to answer in `locale` after `init()`: for 'en', fetches the regulations'
 * English texts that `init({ locales })` would have (profiles/<id>.en.govit, from `init`'s
 * `profiles` folder), for a page that switches to English only when asked. Resolves at once when
 * they are already there (Node, `init({ profileJson: true })`, `init({ locales: ['zh-CN', 'en'] })`)
 * and for 'zh-CN'. A county's own profile takes its English texts with `loadProfile(bytes, english)`.
 */
export async function loadLocale(locale) {
  needInit();
  if (!LOCALES.includes(locale)) {
    throw new TypeError("gov-it-rules: loadLocale(locale) takes 'zh-CN' or 'en'");
  }
  if (locale !== 'en' || englishSource.ids.length === 0 || guard(() => wasmEnglishEmbedded())) return;
  englishLoading ??= (async () => {
    const { ids, folder, embedded } = englishSource;
    const texts = await Promise.all(ids.map((id) => fetchShipped(id, 'english', folder)));
    addEnglish(texts, embedded ? [] : ids);
    englishSource = { ids: [], folder, embedded };
  })().finally(() => {
    englishLoading = null;
  });
  await englishLoading;
}

/** The first bytes of a compiled profile (profiles/<id>.govit) and of its English texts (<id>.en.govit). */
const MAGIC = { profile: 'GOVITPF', english: 'GOVITEN' };

/** Fetches a shipped regulation's compiled profile or English texts, from `folder` if given. */
async function fetchShipped(id, kind, folder) {
  const file = kind === 'english' ? `${id}.en.govit` : `${id}.govit`;
  const url = folder === undefined ? (kind === 'english' ? ENGLISH : PROFILES)[id]() : new URL(file, folder);
  const what = kind === 'english' ? `the ${id} profile's English texts` : `the ${id} profile`;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`gov-it-rules: fetching ${what}: HTTP ${response.status} ${response.url}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  // Another page answered (a dev server's fallback page): say which URL, not "bad profile".
  if (![...MAGIC[kind]].every((letter, i) => bytes[i] === letter.charCodeAt(0))) {
    throw new Error(
      `gov-it-rules: fetching ${what}: ${response.url} is not ${kind === 'english' ? 'English texts of a compiled profile' : 'a compiled profile'}; a server may have answered with another page: with Vite's dev server, add optimizeDeps: { exclude: ['gov-it-rules'] } to vite.config.js, or pass init({ profiles }) the folder that holds ${file}`,
    );
  }
  return bytes;
}

/** What wasm-bindgen's init takes as the module itself rather than as options. */
function isModuleSource(input) {
  return (
    input instanceof URL ||
    input instanceof ArrayBuffer ||
    ArrayBuffer.isView(input) ||
    input instanceof WebAssembly.Module ||
    (typeof Response === 'function' && input instanceof Response) ||
    (typeof Request === 'function' && input instanceof Request)
  );
}

/**
 * Instantiates the module from `source`. What is fetched in its place (a dev server's fallback
 * page, a login page) is reported with its URL and the likely cause, not as a bad magic word.
 */
async function instantiate(source) {
  try {
    exports = await wasmInit({ module_or_path: source });
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
  if (loading !== null) {
    // A second instance would replace the one init() is setting up, and everything loaded into it.
    throw new Error('gov-it-rules: initSync() while init() is loading the module; await init() instead');
  }
  if (bytes === undefined || bytes === null) {
    throw new TypeError(
      'gov-it-rules: initSync(bytes) needs the bytes of gov_it_rules_bg.wasm (an ArrayBuffer or typed array) or a WebAssembly.Module',
    );
  }
  exports = wasmInitSync({ module: bytes });
  ready = true;
}


function needInit() {
  if (!ready) {
    throw new Error(
      'gov-it-rules: call await init() first (or initSync(bytes) with the bytes of gov_it_rules_bg.wasm); in Node, import "gov-it-rules" is ready on import',
    );
  }
  if (trapped) restart();
}

/** A new instance in place of one that trapped, with the profiles the old one had loaded. */
function restart() {
  // Throws (and the next call tries again) when not even a new instance can be had.
  exports = restartGlue(true);
  trapped = false;
  layoutCache = undefined;
  labelCache.clear();
  forgetCitations();
  for (const bytes of englishTexts) guard(() => wasmAddEnglishTexts(bytes));
  for (const [compiled, source, english] of loaded.values()) {
    // Each was accepted when it was first loaded.
    guard(() => (compiled ? wasmLoadCompiledProfile(source, english) : wasmLoadProfile(source)));
  }
  // The forms attached, attached again: what the applicant typed is in the form itself.
  for (const attachment of attachments) attachment.revive();
}

/** After a trap, a new instance at once where forms are attached, so that they keep working. */
function reviveSoon() {
  if (attachments.size === 0) return;
  queueMicrotask(() => {
    try {
      if (trapped && ready) restart();
    } catch {
      // Not even a new instance: the next call tries again.
    }
  });
}

/** Keeps a loaded profile, to load into a new instance after a trap; the latest load of an id last. */
function remember(id, compiled, source, english) {
  loaded.delete(id);
  loaded.set(id, [compiled, source, english]);
}

/** The bytes of an ArrayBuffer or a typed array, as a Uint8Array; undefined for anything else. */
function bytesOf(value) {
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return undefined;
}

/** JSON text as given, less a byte-order mark (U+FEFF) at its start, which JSON does not allow. */
function unmarked(text) {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

// Values cross into the module as JSON text and come back as JSON text: one copy each way per
// call rather than one crossing per property. The text must stand for exactly what the module
// reads from a value, and each getter and Proxy trap must run once, so the value is first read
// into a copy (snapshot()), and the copy is written: by JSON.stringify when it holds only plain
// objects and arrays of strings, booleans, null and ordinary numbers (toJSON is never called),
// and otherwise carefully (Walk): a getter or Proxy trap that throws, a cycle, nesting deeper
// than MAX_DEPTH, more than MAX_ITEMS items in one array or object, or more than MAX_TOTAL values
// in all becomes a TypeError located at the value (`application.funding.a`); Infinity is the
// number 10^400 written out (which the module refuses, located), a BigInt is its decimal digits as a string
// (exact, and judged as any digits typed are), a Map is an object, a Date or any other object is
// its own enumerable keys, a Promise is refused (a forgotten await), and functions, symbols and
// typed arrays are refused, located. The whole application (or options) must be an object, an
// array or a Map: a Promise or a Date there is a TypeError.
// Nothing a caller's object does can run while the WebAssembly module is mid-call. Should the
// module ever trap (out of memory, or a panic; none is reachable from any input), the call
// throws an Error with the panic's message instead of an opaque WebAssembly.RuntimeError, and
// the next call runs in a new instance (restart()).

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

/**
 * At most this many values are read from one argument in all, counting each item and member
 * (and the value itself) each time it is reached: an object shared by many others (a DAG) is
 * read, and written, once for every place it appears, so this bounds the work of any value,
 * however it is built. Five times the core's own limit (50,000 values, src/limits.rs), which
 * refuses anything between, as a report; an application holds a few thousand.
 */
const MAX_TOTAL = 250_000;

/**
 * At most this many characters of text (strings and keys) are read from one argument in all,
 * each as often as it appears: the JSON text stays far below the longest string JavaScript can
 * hold (about 2 ** 29 characters) and what it takes in wasm memory bounded, however the value is
 * built. Eight times the core's own limit on an application (2 MiB, src/limits.rs), which refuses
 * anything between, as a report.
 */
const MAX_CHARS = 16 * 1024 * 1024;

/** A read that threw, in place of the value it was reading. */
class Threw {
  constructor(error) {
    this.error = error;
  }
}

/** A value that cannot be read (too deep, too large), in place of it; `message` says why. */
class Unreadable {
  constructor(message) {
    this.message = message;
  }
}

/**
 * The Threw and Unreadable in copies: asking this set never touches the value asked about (a
 * revoked Proxy throws at `instanceof`).
 */
const markers = new WeakSet();

function mark(marker) {
  markers.add(marker);
  return marker;
}

const TOO_MUCH_TEXT = `more than ${MAX_CHARS} characters of text in all (a shared object counts each time it appears)`;

/**
 * A copy of `value`, read once: every getter and Proxy trap runs here and nowhere else. Plain
 * objects (prototype Object.prototype or null) and arrays are copied member by member, with
 * undefined as null; strings, booleans, null and ordinary numbers as they are. Anything else (a
 * Map, a Date, a class instance, a typed array, a function, a BigInt, a number JSON.stringify would
 * misstate) is kept as it is, unread, for the careful writer, and clears `state.exact`. A read
 * that throws, nesting too deep and too many items leave a Threw or Unreadable in place and stop
 * the reading (`state.stop`): the writer, which goes in the same order, throws there.
 */
function snapshot(value, depth, state) {
  if (++state.items > MAX_TOTAL) return stop(state, new Unreadable(`more than ${MAX_TOTAL} values in all (a shared object counts each time it appears)`));
  switch (typeof value) {
    case 'string':
      if ((state.chars += value.length) > MAX_CHARS) return stop(state, new Unreadable(TOO_MUCH_TEXT));
      return value;
    case 'boolean':
      return value;
    case 'number':
      if (!ordinary(value)) state.exact = false;
      return value;
    case 'undefined':
      return null;
    case 'object':
      break;
    default:
      state.exact = false;
      return value;
  }
  if (value === null) return null;
  const picked = pickedDate(value);
  if (picked !== undefined) return picked;
  let prototype;
  let array;
  try {
    array = Array.isArray(value);
    prototype = Object.getPrototypeOf(value);
  } catch (error) {
    return stop(state, new Threw(error));
  }
  if (array ? prototype !== Array.prototype : prototype !== Object.prototype && prototype !== null) {
    state.exact = false;
    return value;
  }
  if (state.open.has(value)) return stop(state, new Unreadable(CYCLE));
  if (depth >= MAX_DEPTH) return stop(state, new Unreadable(`nested deeper than ${MAX_DEPTH} levels`));
  state.open.add(value);
  try {
    return array ? snapshotArray(value, depth, state) : snapshotObject(value, depth, state);
  } finally {
    state.open.delete(value);
  }
}

function snapshotArray(value, depth, state) {
  let length;
  try {
    length = value.length;
  } catch (error) {
    return stop(state, new Threw(error));
  }
  if (!(length <= MAX_ITEMS)) return stop(state, new Unreadable(`more than ${MAX_ITEMS} items`));
  const copy = new Array(length);
  for (let i = 0; i < length && !state.stop; i++) {
    let item;
    try {
      item = value[i];
    } catch (error) {
      copy[i] = stop(state, new Threw(error));
      break;
    }
    copy[i] = snapshot(item, depth + 1, state);
  }
  return copy;
}

function snapshotObject(value, depth, state) {
  let names;
  try {
    names = Object.keys(value);
  } catch (error) {
    return stop(state, new Threw(error));
  }
  if (names.length > MAX_ITEMS) return stop(state, new Unreadable(`more than ${MAX_ITEMS} keys`));
  const copy = {};
  for (const name of names) {
    if (state.stop) break;
    if ((state.chars += name.length) > MAX_CHARS) {
      put(copy, name, stop(state, new Unreadable(TOO_MUCH_TEXT)));
      break;
    }
    let item;
    try {
      item = value[name];
    } catch (error) {
      put(copy, name, stop(state, new Threw(error)));
      break;
    }
    put(copy, name, snapshot(item, depth + 1, state));
  }
  return copy;
}

function stop(state, marker) {
  state.exact = false;
  state.stop = true;
  return mark(marker);
}

/** copy[name] = item, as an own data property even for `__proto__`. */
function put(copy, name, item) {
  if (name === '__proto__') {
    Object.defineProperty(copy, name, { value: item, enumerable: true, writable: true, configurable: true });
  } else {
    copy[name] = item;
  }
}

/**
 * Why `value`, the whole application or options, cannot be one, or undefined: a Promise (a
 * forgotten await), a Date, a Set, an Error or another built-in that is not a plain object, an
 * array or a Map. A class instance is read as its own enumerable keys, as deeper values are.
 */
function notAnObject(value) {
  if (value === null || typeof value !== 'object') return undefined;
  try {
    if (value instanceof Promise) return 'is a Promise: await it and pass the value it resolves to';
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return undefined;
    const tag = Object.prototype.toString.call(value).slice(8, -1);
    if (tag === 'Object' || tag === 'Array' || tag === 'Map') return undefined;
    return `is a ${tag}, not an object of fields (was a Promise or a Date passed in its place?)`;
  } catch {
    return undefined;
  }
}

/**
 * `value` as JSON text. What the module could not read at all (a getter that throws, nesting too
 * deep) throws a located TypeError; what it refuses once reading it (a function, a typed array)
 * is returned as a TypeError, for the caller to throw after anything the module raises first
 * (bad options). `at` names the value in the first kind of message, `root` in the second, as the
 * module names it. Each getter runs once: the value is read into a copy, and the copy is written.
 */
function encode(value, at, root = at) {
  const odd = notAnObject(value);
  if (odd !== undefined) throw new TypeError(`${at}: ${odd}; ${PLAIN}`);
  const state = { exact: true, stop: false, items: 0, chars: 0, open: new Set() };
  const copy = snapshot(value, 0, state);
  // JSON.stringify would call a toJSON that a script put on Object.prototype or Array.prototype.
  if (state.exact && Object.prototype.toJSON === undefined && Array.prototype.toJSON === undefined) {
    const text = JSON.stringify(copy);
    if (typeof text === 'string') return text;
  }
  const walk = new Walk(at, root);
  const text = walk.value(copy, 0);
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

/** ±Infinity as a number no field accepts, 10^400, its digits written out. */
const BEYOND = `1${'0'.repeat(400)}`;

/**
 * A number as JSON text, as the module reads numbers: NaN is null, ±Infinity is ±10^400, an
 * integer keeps every digit of the value held, others are the shortest digits that read back the
 * same. All are written out in full: a number field holding 1e21, 1e-7 or Infinity (a number
 * input given 400 nines) is too large or has too many decimals, not in a scientific notation the
 * applicant never typed.
 */
function number(value) {
  if (Number.isSafeInteger(value)) return String(value);
  if (value !== value) return 'null';
  if (value === Infinity) return BEYOND;
  if (value === -Infinity) return `-${BEYOND}`;
  if (Number.isInteger(value)) return BigInt(value).toString();
  // A fraction of 1e-6 or more is written without an exponent; a smaller one has it spelt out.
  if ((value < 0 ? -value : value) >= 1e-6) return String(value);
  const [mantissa, exponent] = value.toExponential().split('e');
  return `${value < 0 ? '-' : ''}0.${'0'.repeat(-Number(exponent) - 1)}${mantissa.replace(/[-.]/g, '')}`;
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
    /** Values and characters read so far, against MAX_TOTAL and MAX_CHARS. */
    this.items = 0;
    this.chars = 0;
    /** The objects being read, from the root down: one met again is a cycle. */
    this.open = new Set();
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

  /**
   * Keeps the first refusal, located as the module locates values; the value reads as null.
   * `plain`: the message is the wrapper's own words, not worded as the module's errors are.
   */
  refuse(message, plain = false) {
    if (this.refusal === undefined) {
      const at = this.located(clip(this.root), clip);
      this.refusal = new TypeError(wellFormed(`${at}: ${plain ? '' : 'Error: '}${message}; ${PLAIN}`));
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
    if (++this.items > MAX_TOTAL) {
      throw this.fail(`more than ${MAX_TOTAL} values in all (a shared object counts each time it appears)`);
    }
    if (typeof value === 'string' && (this.chars += value.length) > MAX_CHARS) throw this.fail(TOO_MUCH_TEXT);
    const text = scalarText(value);
    if (text !== undefined) return text;
    if (markers.has(value)) {
      if (value instanceof Threw) throw this.threw(value.error);
      throw this.fail(value.message);
    }
    switch (typeof value) {
      case 'bigint':
        // Its decimal digits as a string: exact, and judged as digits typed are. One of more than
        // 4096 bits (about 1,233 digits; no amount has near as many) is refused first: the digits of
        // the largest an engine holds take minutes to write, and 16 Mi characters of these 0.3 s.
        if ((value < 0n ? -value : value) >> 4096n !== 0n) throw this.fail('a BigInt of more than 4096 bits');
        value = value.toString();
        if ((this.chars += value.length) > MAX_CHARS) throw this.fail(TOO_MUCH_TEXT);
        return JSON.stringify(value);
      case 'object':
        break;
      case 'function':
        return this.refuse('is a function, not a value', true);
      case 'symbol':
        return this.refuse('is a symbol, not a value', true);
      default:
        return this.refuse(`invalid type: JsValue(${debug(value)}), expected plain data`);
    }
    if (ArrayBuffer.isView(value)) return this.view(value, depth);
    if (this.open.has(value)) throw this.fail(CYCLE);
    if (depth >= MAX_DEPTH) throw this.fail(`nested deeper than ${MAX_DEPTH} levels`);
    this.open.add(value);
    try {
      return this.object(value, depth);
    } finally {
      this.open.delete(value);
    }
  }

  /** An array, a Map or an object's own keys. */
  object(value, depth) {
    let array;
    let map;
    let promise;
    try {
      promise = value instanceof Promise;
      array = Array.isArray(value);
      map = !array && value instanceof Map;
    } catch (error) {
      throw this.threw(error);
    }
    if (promise) throw this.fail('is a Promise: await it and pass the value it resolves to');
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
    if ((this.chars += name.length) > MAX_CHARS) throw this.fail(TOO_MUCH_TEXT);
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

/** What an object that contains itself is told, where it is met again. */
const CYCLE = 'contains the object around it again: a cycle';

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

/** The JSON text of a value set by a live edit; a scalar or a picked date without further ado. */
function encodeEdit(value, path) {
  const picked = pickedDate(value);
  if (picked !== undefined) return JSON.stringify(picked);
  return (
    scalarText(value) ?? (typeof path === 'string' ? encode(value, key(path), path) : encode(value, 'value'))
  );
}

const INVALID_DATE = 'Invalid Date';

/**
 * A date picker's value as the day picked, `YYYY-MM-DD`: a Date (Element Plus's el-date-picker
 * without value-format) holds the picked day's midnight where the page runs, so its calendar
 * fields there, not UTC's (which JSON.stringify writes: the day before, east of Greenwich), name
 * that day; a dayjs or moment object (Ant Design Vue's DatePicker without valueFormat) names it
 * by its own format('YYYY-MM-DD').
 * An invalid one is 'Invalid Date', as it prints, which the module refuses as a date at its field;
 * undefined for anything else.
 */
function pickedDate(value) {
  if (value === null || typeof value !== 'object') return undefined;
  let date;
  try {
    if (Object.prototype.toString.call(value) === '[object Date]') {
      date = value;
    } else if (typeof value.toDate === 'function' && typeof value.isValid === 'function') {
      if (value.isValid() !== true) return INVALID_DATE;
      // Its own calendar, which is UTC's for dayjs.utc() or a zone's in moment-timezone.
      if (typeof value.format === 'function') {
        const day = value.format('YYYY-MM-DD');
        if (typeof day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
      }
      date = value.toDate();
      if (Object.prototype.toString.call(date) !== '[object Date]') return INVALID_DATE;
    } else {
      return undefined;
    }
    const year = Date.prototype.getFullYear.call(date);
    if (!(year >= 1 && year <= 9999)) return INVALID_DATE;
    const two = (n) => String(n).padStart(2, '0');
    const month = Date.prototype.getMonth.call(date) + 1;
    return `${String(year).padStart(4, '0')}-${two(month)}-${two(Date.prototype.getDate.call(date))}`;
  } catch {
    return undefined;
  }
}

/**
 * Runs a call into the module. A trap becomes an Error with the panic's message (an
 * out-of-memory trap has none: the trap's own), and the instance is dropped at once, so its
 * memory can be reclaimed; the next call makes a new one (restart()).
 */
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
    generation++;
    trapped = true;
    exports = undefined;
    restartGlue(false);
    reviveSoon();
    throw new Error(
      `${message ?? `gov-it-rules: internal error: WebAssembly trap: ${error.message}`} (the module is loaded afresh on the next call; validators made before must be created again)`,
      { cause: error },
    );
  }
}

const decoder = new TextDecoder();

/** A listing, or a load's result, from the module's JSON text (UTF-8 bytes). */
function parse(bytes) {
  return JSON.parse(decoder.decode(bytes));
}

// Reports and deltas come from the module as compact answers, `[epoch, value]`, with each
// citation written as its number in the module's table of the citations answers have named
// (src/json_text.rs, "Compact answers"): a keystroke's delta would otherwise repeat the same
// citations in full at each keystroke. The table's texts are fetched once, when an answer names
// a number not held here, and each number is replaced by a copy of its citation, so that a report
// or delta is exactly the one with every citation written out. The same table numbers the texts
// of the profile that do not change with the form (explanations, reasons, descriptions, labels),
// put back the same way. The module clears its table when a
// profile is loaded, which starts a new epoch; a new instance (restart()) starts its own.

/** The citations held, by number, from the module table's epoch `citationEpoch`. */
let citationEpoch = -1;
let citationList = [];

function forgetCitations() {
  citationEpoch = -1;
  citationList = [];
}

/** Fetches the citations of `epoch` not held yet (all of them, when another epoch is held). */
function fetchCitations(epoch) {
  if (epoch !== citationEpoch) forgetCitations();
  const [current, more] = parse(guard(() => wasmCitations(citationList.length)));
  if (current !== epoch) {
    throw new Error(`gov-it-rules: internal error: an answer names citations of epoch ${epoch}, the module holds ${current}`);
  }
  citationEpoch = epoch;
  // Appended in place: a copy of the list at each new entry made each answer slower than the last.
  for (const item of more) citationList.push(item);
}

/** Entry `number` of the module's table in `epoch`: a citation, or a fixed text. */
function entry(epoch, number) {
  if (epoch !== citationEpoch || number >= citationList.length) fetchCitations(epoch);
  const found = citationList[number];
  if (found === undefined) {
    throw new Error(`gov-it-rules: internal error: the module has no entry ${number} in epoch ${epoch}`);
  }
  return found;
}

/** A copy of the citation numbered `citation`; a citation written out stays as it is. */
function citationOf(epoch, citation) {
  return typeof citation === 'number' ? { ...entry(epoch, citation) } : citation;
}

/** Replaces each citation number in `list` by a copy of its citation. */
function cite(epoch, list) {
  for (let i = 0; i < list.length; i++) list[i] = citationOf(epoch, list[i]);
}

/**
 * A text of the profile an answer names by number (an explanation, a reason, a description, a
 * verdict's label: the same at every keystroke, so sent once); a text written out (an empty one)
 * stays as it is.
 */
function fixedText(epoch, text) {
  return typeof text === 'number' ? entry(epoch, text) : text;
}

/** Puts back the fixed text an item names by number at `key`. */
function text(epoch, item, key) {
  if (typeof item[key] === 'number') item[key] = fixedText(epoch, item[key]);
}

/** The citations of each required document or window, and its fixed text at `key`. */
function citeEach(epoch, items, key) {
  for (const item of items) {
    cite(epoch, item.citations);
    text(epoch, item, key);
    // A required document's name in the regulation, by number too (a window has none).
    text(epoch, item, 'name');
  }
}

// The parts of a trace, a nearest threshold and a diagnostic that the profile fixes come as the
// number of an entry that holds them (with their own citations and texts by number), in an array
// with what the form changes (a trace `[n, facts]`, a nearest threshold `[n, amount, distance,
// message]`, a diagnostic `n` or `[n, value]`), and so does an outcome's value where a decision
// table gives it (a determined verdict `[value, because]`); each is put back here as the object
// it stands for, in the order of the answer written out in full. What is written out is an object.


/**
 * A part the profile fixes whole (a verdict's value, a report's jurisdiction and document names):
 * for its number, a copy of the entry; a part written out stays as it is.
 */
function shared(epoch, part) {
  return typeof part === 'number' ? copied(entry(epoch, part)) : part;
}

/** A copy of a table entry made of objects, arrays and scalars. */
function copied(value) {
  if (Array.isArray(value)) return value.map(copied);
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const key of Object.keys(value)) out[key] = copied(value[key]);
  return out;
}

/**
 * An outcome with its value and traces put back: a determined one whose value a decision table
 * gives comes as `[value, because]`, the value by number; one written out is an object; `null` is
 * an outcome that does not apply.
 */
function readOutcome(epoch, sent) {
  if (sent == null) return sent;
  let outcome = sent;
  if (Array.isArray(sent)) {
    outcome = { status: 'determined', value: shared(epoch, sent[0]), because: sent[1] };
  } else if (outcome.value !== undefined) {
    // A value the outcome lacks (undetermined) stays absent.
    outcome.value = shared(epoch, outcome.value);
  }
  const steps = outcome.because;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    if (!Array.isArray(step)) {
      cite(epoch, step.citations);
      text(epoch, step, 'explanation');
      step.facts = step.facts.map((f) => fact(epoch, f));
      continue;
    }
    // By index: destructuring would go through the array's iterator.
    const fixed = entry(epoch, step[0]);
    steps[i] = {
      rule: fixed.rule,
      citations: fixed.citations.map((c) => citationOf(epoch, c)),
      facts: step[1].map((f) => fact(epoch, f)),
      explanation: fixedText(epoch, fixed.explanation),
    };
  }
  return outcome;
}

/**
 * A fact: `[a, value, b]`, the value the form gives between the fixed texts around it; the number
 * of a fixed text; or the text.
 */
function fact(epoch, sent) {
  if (Array.isArray(sent)) return fixedText(epoch, sent[0]) + sent[1] + fixedText(epoch, sent[2]);
  return fixedText(epoch, sent);
}

/**
 * A text fixed but for `value` in it: `[a, b]`, the fixed texts before and after the value, or the
 * number of the whole text when the value is not in it.
 */
function around(epoch, text, value) {
  if (Array.isArray(text)) return fixedText(epoch, text[0]) + value + fixedText(epoch, text[1]);
  return fixedText(epoch, text);
}

/** Nearest thresholds, each with its fixed part and message put back. */
function citeNearest(epoch, list) {
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (!Array.isArray(item)) {
      cite(epoch, item.citations);
      if (item.becomes !== undefined) text(epoch, item.becomes, 'label');
      continue;
    }
    const fixed = entry(epoch, item[0]);
    const amount = item[1];
    const distance = item[2];
    const whole = {
      key: fixed.key,
      outcome: fixed.outcome,
      field: fixed.field,
      direction: fixed.direction,
      amount,
      threshold: fixed.threshold,
      parameter: fixed.parameter,
      inclusive: fixed.inclusive,
      distance,
    };
    // A threshold past which the verdict is not decided yet has no `becomes`.
    if (fixed.becomes !== undefined) whole.becomes = { value: fixed.becomes.value, label: fixedText(epoch, fixed.becomes.label) };
    if (fixed.dependsOn !== undefined) whole.dependsOn = fixed.dependsOn.slice();
    if (fixed.rule !== undefined) whole.rule = fixed.rule;
    whole.citations = fixed.citations.map((c) => citationOf(epoch, c));
    whole.message = around(epoch, item[3], distance);
    list[i] = whole;
  }
}

/**
 * Diagnostics or notices, each put back: a diagnostic by number (`n`) is a copy of its entry, and
 * one sent but for a value (what was typed, `[n, value]`) has the value put in its message and in
 * the parameter the entry leaves `null`.
 */
function citeDiagnostics(epoch, list) {
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const numbered = typeof item === 'number';
    if (!numbered && !Array.isArray(item)) {
      if (item.citations !== undefined) cite(epoch, item.citations);
      continue;
    }
    const whole = copied(entry(epoch, numbered ? item : item[0]));
    if (whole.citations !== undefined) cite(epoch, whole.citations);
    const value = numbered ? undefined : item[1];
    if (value !== undefined) {
      whole.message = around(epoch, whole.message, value);
      for (const name of Object.keys(whole.params)) if (whole.params[name] === null) whole.params[name] = value;
    }
    list[i] = whole;
  }
}

/** A report from the module's compact answer, with its citations. */
function readReport(bytes) {
  const [epoch, report] = parse(bytes);
  // The jurisdiction's description and the document names depend on the profile and the locale
  // alone: sent once, by number.
  report.jurisdiction = shared(epoch, report.jurisdiction);
  report.documentNames = shared(epoch, report.documentNames);
  report.summary = summaryOf(report.summary);
  const { outcomes } = report;
  // Own keys only: a script may have put an enumerable property on Object.prototype.
  for (const name of Object.keys(outcomes)) {
    // requiredDocuments and windows are lists; the rest are verdicts.
    if (name === 'requiredDocuments') citeEach(epoch, outcomes[name], 'why');
    else if (name === 'windows') citeEach(epoch, outcomes[name], 'description');
    else outcomes[name] = readOutcome(epoch, outcomes[name]);
  }
  citeNearest(epoch, report.nearest);
  citeDiagnostics(epoch, report.diagnostics);
  citeDiagnostics(epoch, report.notices);
  return report;
}

/**
 * A live validator's delta from the module's compact answer, with its citations, and the lists with
 * nothing in them, which the module leaves out, put back in the delta's order.
 */
function readDelta(bytes) {
  const [epoch, sent] = parse(bytes);
  const delta = {
    diagnostics: sent.diagnostics ?? { added: [], removed: [] },
    notices: sent.notices ?? { added: [], removed: [] },
    outcomes: sent.outcomes,
    requiredDocuments: sent.requiredDocuments ?? { changed: [], removed: [] },
    windows: sent.windows ?? { changed: [], removed: [] },
    nearest: sent.nearest ?? { changed: [], removed: [] },
    stage: sent.stage,
    summary: summaryOf(sent.summary),
  };
  if (sent.asOf !== undefined) delta.asOf = sent.asOf;
  citeDiagnostics(epoch, delta.diagnostics.added);
  citeDiagnostics(epoch, delta.diagnostics.removed);
  citeDiagnostics(epoch, delta.notices.added);
  citeDiagnostics(epoch, delta.notices.removed);
  for (const name of Object.keys(delta.outcomes)) delta.outcomes[name] = readOutcome(epoch, delta.outcomes[name]);
  citeEach(epoch, delta.requiredDocuments.changed, 'why');
  citeEach(epoch, delta.windows.changed, 'description');
  citeNearest(epoch, delta.nearest.changed);
  return delta;
}

/** A report's counts by severity, sent as `[errors, warnings, infos]`. */
function summaryOf(sent) {
  if (!Array.isArray(sent)) return sent;
  return { errors: sent[0], warnings: sent[1], infos: sent[2], complete: sent[0] === 0 };
}

/** A report from a compact answer, for its diagnostics only: the rest left as sent. */
function readDiagnostics(bytes) {
  const [epoch, report] = parse(bytes);
  citeDiagnostics(epoch, report.diagnostics);
  return report;
}

/** Throws what encode() returned in place of text. */
function need(text) {
  if (typeof text !== 'string') throw text;
  return text;
}

/**
 * Frees a validator or form handle nobody holds any more, in the instance that made it: not in one made after a
 * trap, where its pointer means nothing. The glue's own finaliser would free it in whichever
 * instance is current, so each validator is taken out of the glue's registry into this one.
 */
const finalization =
  typeof FinalizationRegistry === 'undefined'
    ? undefined
    : new FinalizationRegistry(({ ptr, made, free = '__wbg_validator_free' }) => {
        if (made === generation && exports !== undefined) exports[free](ptr, 1);
      });

/**
 * The instance (generation) that holds each validator. A WeakMap rather than a private field,
 * which Firefox 79 (js/README.md, "Browsers") does not have.
 */
const madeIn = new WeakMap();

/** Throws when `validator` was freed, or the instance that held it trapped and was replaced. */
function current(validator) {
  if (!madeIn.has(validator)) {
    throw new TypeError(
      "gov-it-rules: not called on a validator: call it on what createValidator() returned (v.set(…), not a method taken off it), from the same import of the package",
    );
  }
  if (validator.__wbg_ptr === 0) {
    throw new Error('gov-it-rules: this validator was freed (free() or [Symbol.dispose]()); create another with createValidator()');
  }
  if (madeIn.get(validator) !== generation) {
    throw new Error(
      'gov-it-rules: the module was restarted after an internal error; create the validator again (createValidator)',
    );
  }
}

/** The module's validator, with every value encoded on the way in and every answer parsed. */
class GuardedValidator extends Validator {
  constructor(settings, text, encoded) {
    super(settings, text, encoded);
    const ptr = this.__destroy_into_raw();
    this.__wbg_ptr = ptr;
    madeIn.set(this, generation);
    finalization?.register(this, { ptr, made: generation }, this);
  }

  /** Frees the validator's memory; freeing it again does nothing. */
  free() {
    finalization?.unregister(this);
    if (this.__wbg_ptr === 0) return;
    if (madeIn.get(this) !== generation) {
      this.__wbg_ptr = 0;
      return;
    }
    super.free();
  }

  set(path, value) {
    current(this);
    // What form controls give (text, a checkbox's true/false, null or undefined for empty) is
    // read by the module from the value itself; numbers (whose exact digits the wrapper writes)
    // and objects are encoded as JSON text.
    const scalar = typeof value === 'string' || typeof value === 'boolean' || value == null;
    const text = scalar ? undefined : encodeEdit(value, path);
    if (typeof path !== 'string') {
      throw new TypeError(
        'validator.set(path, value): path must be a string such as "funding.thisYear.total" or "resources[0].sharing"',
      );
    }
    if (scalar) return readDelta(guard(() => super.setScalar(path, value ?? null)));
    return readDelta(guard(() => super.set(path, need(text))));
  }

  replace(application) {
    current(this);
    if (typeof application === 'string') return readDelta(guard(() => super.replace(unmarked(application), false)));
    const text = need(encode(application, 'application'));
    return readDelta(guard(() => super.replace(text, true)));
  }

  report() {
    current(this);
    return readReport(guard(() => super.report()));
  }
}
if (typeof Symbol.dispose === 'symbol') GuardedValidator.prototype[Symbol.dispose] = GuardedValidator.prototype.free;

/** Validates a whole application (an object, or JSON text) and returns the report. */
export function validate(application, options) {
  needInit();
  const text = typeof application === 'string' ? unmarked(application) : encode(application, 'application');
  const settings = need(encode(options, 'options'));
  if (typeof text !== 'string') {
    // The module checks the options before it reads the application: bad ones are reported first.
    guard(() => wasmValidate('null', false, settings));
    throw text;
  }
  return readReport(guard(() => wasmValidate(text, typeof application !== 'string', settings)));
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
  const text = !given ? application : typeof application === 'string' ? unmarked(application) : encode(application, 'application');
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
 * Loads a jurisdiction profile so that options can name its id: compiled (`gov-it-check
 * compile`, a Uint8Array or ArrayBuffer), or JSON text or an object (format in
 * docs/profile-format.md) where the module reads JSON profiles (Node, or `init({ profileJson:
 * true })`). Returns `{ ok: true, id }`, or `{ ok: false, errors }` with each error located by its
 * JSON path in the profile; a rejected profile changes nothing. The browser modules check a
 * compiled profile's bytes and bounds; its cross-references are what `gov-it-check compile`
 * checked (Node's module checks them again).
 */
export function loadProfile(profile, english) {
  needInit();
  const texts = english === undefined ? undefined : bytesOf(english);
  if (english !== undefined && texts === undefined) {
    throw new TypeError('loadProfile(profile, english): english must be the bytes of the profile\'s .en.govit (a Uint8Array or ArrayBuffer)');
  }
  const bytes = bytesOf(profile);
  if (bytes !== undefined) {
    const result = parse(guard(() => wasmLoadCompiledProfile(bytes, texts)));
    if (result.ok) {
      labelCache.clear();
      forgetCitations();
      remember(result.id, true, bytes.slice(), texts?.slice());
    }
    return result;
  }
  if (texts !== undefined) {
    throw new TypeError('loadProfile(profile, english): English texts kept apart go with a compiled profile, not with JSON');
  }
  let text = typeof profile === 'string' ? unmarked(profile) : profile;
  if (typeof profile !== 'string') {
    if (profile === null || typeof profile !== 'object') {
      throw new TypeError('loadProfile(profile): profile must be a compiled profile\'s bytes (a Uint8Array or ArrayBuffer), JSON text or an object');
    }
    // The careful encoding an application gets: Infinity is the number 10^400 (which the profile
    // reader refuses, located) rather than JSON.stringify's null, which would read as a
    // threshold the text leaves to the portal.
    text = need(encode(profile, 'profile'));
  }
  const result = parse(guard(() => wasmLoadProfile(text)));
  // A county's documents are among the labels now.
  if (result.ok) {
    labelCache.clear();
    forgetCitations();
    remember(result.id, false, text);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Form libraries: Standard Schema, async-validator rules (Element Plus, Ant Design Vue), labels

/** The form's layout from the module, once: paths in form order, each table's cells, checkbox groups. */
let layoutCache;
function layout() {
  needInit();
  if (layoutCache === undefined) {
    const { order, cells, lists } = parse(guard(() => wasmFormLayout()));
    layoutCache = {
      order,
      rank: new Map(order.map((path, i) => [path, i])),
      cells: new Map(Object.entries(cells).map(([table, keys]) => [table, new Map(keys.map((k, i) => [k, i]))])),
      lists,
    };
  }
  return layoutCache;
}

/** Where a path comes in the 申报表: the field's place (a group: its first field's), the row, the cell. */
function formPlace(path, { rank, cells }) {
  if (path === '') return [-1, -1, -1];
  const bracket = path.indexOf('[');
  const base = bracket < 0 ? path : path.slice(0, bracket);
  let place = rank.get(base);
  if (place === undefined) {
    place = Infinity;
    for (const [field, i] of rank) if (i < place && field.startsWith(`${base}.`)) place = i;
  }
  let row = -1;
  let cell = -1;
  const rest = bracket < 0 ? null : /^\[(\d+)\](?:\.(\w+))?/.exec(path.slice(bracket));
  if (rest) {
    row = Number(rest[1]);
    if (rest[2] !== undefined) cell = cells.get(base)?.get(rest[2]) ?? Infinity;
  }
  return [place, row, cell];
}

/** The errors of a report whose path is within `scope` (all when it is null), in form order. */
function errorsWithin(report, scope) {
  const shape = layout();
  const errors = report.diagnostics.filter((d) => d.severity === 'error' && within(d.path, scope));
  const places = new Map(errors.map((d) => [d, formPlace(d.path, shape)]));
  return errors.sort((a, b) => {
    const x = places.get(a);
    const y = places.get(b);
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  });
}

/**
 * Whether a diagnostic at `path` belongs to a form that has the fields `scope`: its path is one of
 * them or inside one (a row or cell of a table, a field of a group). An error about the whole
 * application (path '': not an object, an unknown jurisdiction) belongs to every form.
 */
function within(path, scope) {
  if (scope === null || path === '') return true;
  return scope.some((field) => path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`));
}

function isRecord(value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The paths of the fields a value has: its keys, and within groups (`funding.thisYear.total`) theirs. */
function presentPaths(value, prefix = '', out = [], depth = 0) {
  for (const name of Object.keys(value)) {
    const path = prefix === '' ? name : `${prefix}.${name}`;
    const item = value[name];
    if (depth < 8 && isRecord(item)) presentPaths(item, path, out, depth + 1);
    else out.push(path);
  }
  return out;
}

/** The fields a form has, from the value it submits (an object, or JSON text); null: all. */
function fieldsOf(value) {
  let object = value;
  if (typeof value === 'string') {
    try {
      object = JSON.parse(unmarked(value));
    } catch {
      return null;
    }
  }
  return isRecord(object) ? presentPaths(object) : null;
}

/**
 * A form's value as the rules read a form: a checkbox group the form holds as `undefined` (no box
 * ticked, as form libraries report an untouched group) is `[]`; `false` already reads so.
 */
function formValue(value) {
  if (!isRecord(value)) return value;
  let copy = value;
  for (const list of layout().lists) {
    if (list in value && value[list] === undefined) {
      if (copy === value) copy = { ...value };
      copy[list] = [];
    }
  }
  return copy;
}

/** `fields` as given to schema() or elementRules(): left out, or a list of field paths. */
function fieldList(fields, who) {
  if (fields === undefined) return undefined;
  if (!Array.isArray(fields) || fields.some((f) => typeof f !== 'string' || f === '')) {
    throw new TypeError(
      `gov-it-rules: ${who}({ fields }) takes a list of field paths as the application names them, such as ["name", "totalInvestment", "funding.thisYear.total", "resources"]`,
    );
  }
  return [...fields];
}

/** Throws a TypeError naming the first of `fields` that is no field, group, table, row or cell. */
function checkFields(fields, who) {
  const { order, cells } = layout();
  for (const field of fields) {
    const row = /^(\w+)\[\d+\](?:\.(\w+))?$/.exec(field);
    const known = row
      ? cells.has(row[1]) && (row[2] === undefined || cells.get(row[1]).has(row[2]))
      : order.some((path) => path === field || path.startsWith(`${field}.`));
    if (!known) {
      throw new TypeError(
        `gov-it-rules: ${who}({ fields }): "${key(field)}" is not a field of the application; see labels().fields for every field path`,
      );
    }
  }
}

/** `options`, checked to be an options object; `example` shows one in the message. */
function splitOptions(options, who, example) {
  if (!isRecord(options)) {
    throw new TypeError(`gov-it-rules: ${who}(options) needs an options object such as ${example}`);
  }
  return options;
}

/**
 * A Standard Schema v1 (https://standardschema.dev) for form libraries (react-hook-form's
 * standardSchemaResolver, TanStack Form, VeeValidate). `options` are validate()'s, plus `fields`:
 * the field paths the form (or this wizard step) has. Without `fields`, the fields the value has
 * are checked. An error is an issue when its path is one of those fields or inside one, or is
 * about the whole application; issues come in the 申报表's order with path arrays. Warnings and
 * notices are not issues (use validate() or createValidator() for those). A valid value comes
 * back in canonical form (amounts as decimal strings, text trimmed, checkbox groups as arrays).
 * Before the module is loaded, validation waits for it (calling init() if nobody has) and
 * answers with a Promise; after, it answers at once.
 */
export function schema(options) {
  const { fields, ...settings } = splitOptions(options, 'schema', '{ jurisdiction: "tongzhou" }');
  const named = fieldList(fields, 'schema');
  // The options as the module reads them, encoded once they have been checked.
  let optionsText;
  // Misspelt options and unknown fields are the integrator's mistakes: said when the schema is
  // made if the module is loaded, else at the first validation, never as an applicant's issue.
  function checkOptions() {
    if (optionsText !== undefined) return;
    needInit();
    if (named !== undefined) checkFields(named, 'schema');
    optionsText = checkedOptions(settings, 'schema');
  }
  if (ready) checkOptions();
  function check(value) {
    needInit();
    checkOptions();
    const application = formValue(value);
    // A form library hands the form's value, never JSON text: a string is a wrong value (an issue
    // at the root), not text to parse. The value is read once, here, so that each getter runs
    // once and the value returned is the one validated.
    const text = typeof application === 'string' ? JSON.stringify(application) : need(encode(application, 'application'));
    const report = readDiagnostics(guard(() => wasmValidate(text, true, optionsText)));
    const issues = errorsWithin(report, named ?? (isRecord(application) ? fieldsOf(text) : [])).map((d) =>
      d.path === '' ? { message: d.message } : { message: d.message, path: pathSegments(d.path) },
    );
    return issues.length > 0 ? { issues } : { value: parse(guard(() => wasmNormalise(text, true))) };
  }
  return {
    '~standard': {
      version: 1,
      vendor: 'gov-it-rules',
      validate(value) {
        return ready ? check(value) : initFor('a schema() validation').then(() => check(value));
      },
    },
  };
}

/**
 * The options encoded as the module reads them, once checked: throws when they are refused, or
 * name a jurisdiction the page has not loaded, an integrator's mistake said as such rather than
 * shown to the applicant as an issue of every field.
 */
function checkedOptions(settings, who) {
  const settingsText = need(encode(settings, 'options'));
  const { diagnostics } = readDiagnostics(guard(() => wasmValidate('{}', false, settingsText)));
  const unknown = diagnostics.find((d) => d.code === 'JU001');
  if (unknown !== undefined) {
    throw new RangeError(
      `gov-it-rules: ${who}({ jurisdiction }): unknown jurisdiction \`${unknown.params.input}\`; known: ${unknown.params.allowed}`,
    );
  }
  return settingsText;
}

/** init() with its defaults, for `who`'s validation before the page has called it. */
function initFor(who) {
  if (!ready && loading === null) loadedByDefault = who;
  return init();
}

/** `resources[2].sharing` → ['resources', 2, 'sharing']. */
function pathSegments(path) {
  const segments = [];
  for (const part of path.split('.')) {
    const [name, ...indexes] = part.split('[');
    if (name !== '') segments.push(name);
    for (const index of indexes) segments.push(Number(index.slice(0, -1)));
  }
  return segments;
}

/** `{ 'funding.thisYear.total': '1' }` (async-validator's source for one prop) → nested objects. */
function unflatten(source) {
  const out = {};
  if (!isRecord(source)) return out;
  for (const [path, value] of Object.entries(source)) {
    const names = path.split('.');
    let node = out;
    names.slice(0, -1).forEach((name) => {
      node = isRecord(node[name]) ? node[name] : (node[name] = {});
    });
    node[names[names.length - 1]] = value;
  }
  return out;
}

/**
 * Rules for Element Plus's `<el-form :rules>` and Ant Design Vue's `<a-form :rules>` (the rules
 * of async-validator): `{ [fieldPath]: [{ validator, trigger }] }`, keyed by the paths the
 * form-items name (`prop="funding.thisYear.total"`), and part by part for Ant Design Vue's
 * `:name="['funding', 'thisYear', 'total']"`. Rules are cross-field, so each validator reads the
 * whole form from `model` (the reactive form object, or a function returning it); without `model`
 * it sees only what async-validator hands it (the source, else the value alone).
 * Keys: `fields`, else the fields `model` has when the rules are made, else every field (after
 * init()). A validator reports the first error on its field or inside it: given async-validator's
 * callback it calls `callback()` or `callback(new Error(message))`, and otherwise returns a
 * Promise that resolves, or rejects with that Error.
 */
export function elementRules(options) {
  const { fields, model, trigger = ['blur', 'change'], ...settings } = splitOptions(
    options,
    'elementRules',
    '{ jurisdiction: "tongzhou", model: form }',
  );
  const named = fieldList(fields, 'elementRules');
  if (model !== undefined && (model === null || (typeof model !== 'object' && typeof model !== 'function'))) {
    throw new TypeError(
      'gov-it-rules: elementRules({ model }) takes the form object (e.g. the reactive() model of <el-form :model>) or a function returning it',
    );
  }
  const current = typeof model === 'function' ? model : model === undefined ? undefined : () => model;
  let keys = named;
  if (keys === undefined && current !== undefined && isRecord(current())) keys = presentPaths(current());
  if (keys === undefined) {
    needInit();
    keys = layout().order;
  }
  let checked = named === undefined;
  let optionsText;
  let lastText;
  let lastReport;
  function firstError(path, value, source) {
    if (!checked) {
      checkFields(named, 'elementRules');
      checked = true;
    }
    needInit();
    optionsText ??= checkedOptions(settings, 'elementRules');
    // Without `model`: the source async-validator hands over (Element Plus's), else the value
    // alone (Ant Design Vue passes no source).
    const given = () => unflatten(isRecord(source) ? source : { [path]: value });
    const application = formValue(current === undefined ? given() : current());
    const text = need(encode(application, 'application'));
    if (text !== lastText) {
      lastReport = readDiagnostics(guard(() => wasmValidate(text, true, optionsText)));
      lastText = text;
    }
    const [error] = errorsWithin(lastReport, [path]);
    return error === undefined ? undefined : new Error(error.message);
  }
  const rules = {};
  for (const path of keys) {
    rules[path] = [
      {
        trigger,
        validator(rule, value, callback, source) {
          const answer = () => firstError(path, value, source);
          const report = typeof callback === 'function';
          if (ready) {
            const error = answer();
            if (report) return void callback(error);
            return error === undefined ? Promise.resolve() : Promise.reject(error);
          }
          const later = initFor('an elementRules() validator').then(answer);
          if (report) return void later.then(callback, callback);
          return later.then((error) => (error === undefined ? undefined : Promise.reject(error)));
        },
      },
    ];
  }
  nameParts(rules, keys);
  return rules;
}

/**
 * Makes each nested path's rules reachable part by part too, as Ant Design Vue looks them up for
 * `:name="['funding', 'thisYear', 'total']"` (Element Plus finds `prop="funding.thisYear.total"`
 * by its key). The parts hang off `rules` as properties that are not enumerable, so that listing
 * the rules (Object.keys, Ant Design Vue's useForm) still gives each path once.
 */
function nameParts(rules, paths) {
  for (const path of paths) {
    const parts = pathSegments(path).map(String);
    if (parts.length < 2) continue;
    let node = rules;
    for (const [i, part] of parts.slice(0, -1).entries()) {
      if (!Object.prototype.hasOwnProperty.call(node, part)) {
        Object.defineProperty(node, part, { value: {}, enumerable: i > 0, writable: true, configurable: true });
      }
      node = node[part];
      if (!isRecord(node)) break;
    }
    if (isRecord(node)) node[parts[parts.length - 1]] = rules[path];
  }
}

const labelCache = new Map();

function freeze(value) {
  if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) freeze(item);
    Object.freeze(value);
  }
  return value;
}

/**
 * Every label a form or a custom UI shows, in `locale` ('zh-CN', the default, or 'en'): each
 * field's (by path, in form order) and each table cell's, each choice's, each verdict value's
 * (approval need, merge, supervision and management mode, initial acceptance), each stage's,
 * and each jurisdiction's document names. The object is frozen and shared.
 */
export function labels(locale) {
  needInit();
  if (locale !== undefined && typeof locale !== 'string') {
    throw new TypeError('gov-it-rules: labels(locale): locale must be "zh-CN" or "en"');
  }
  const tag = locale ?? 'zh-CN';
  let found = labelCache.get(tag);
  if (found === undefined) {
    found = freeze(parse(guard(() => wasmLabels(tag))));
    labelCache.set(tag, found);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// attach(): the form component, in the module (src/form/); styles in attach.css.

const COMPONENT_OPTIONS = ['fields', 'debounce', 'outcomes', 'summary', 'citations', 'applicationField'];

/** Forms attached and their handles: a form keeps its component alive until detach(). */
const attachedForms = new WeakMap();
/** The mark of a form attached, whichever copy of the package on the page attached it. */
const ATTACHED = Symbol.for('gov-it-rules.attached');

/** The attachments to make again in a new instance after a trap. */
const attachments = new Set();

/**
 * A trap inside the form component's own listener reaches the page as an uncaught error, not
 * through guard(): when the module's panic hook says it was ours, the instance is dropped and the
 * forms attached again.
 */
let watchingTraps = false;
function watchTraps() {
  if (watchingTraps || typeof addEventListener !== 'function') return;
  watchingTraps = true;
  addEventListener('error', (event) => {
    if (!(event.error instanceof WebAssembly.RuntimeError) || exports === undefined) return;
    let message;
    try {
      message = takeInternalError();
    } catch {
      return;
    }
    if (message === undefined) return;
    generation++;
    trapped = true;
    exports = undefined;
    restartGlue(false);
    reviveSoon();
  });
}

/** Takes off the page what an instance that trapped had added to `form`. */
function clearComponent(form, ui) {
  for (const node of form.querySelectorAll('.gov-announce, .gov-field-errors, .gov-beside, [data-gov-application]')) node.remove();
  for (const [name, className] of [['outcomes', 'gov-verdicts'], ['summary', 'gov-summary']]) {
    const given = ui[name];
    if (given instanceof Element) {
      given.replaceChildren();
      given.classList.remove(className);
    } else {
      for (const node of form.querySelectorAll(`:scope > .${className}`)) node.remove();
    }
  }
  for (const control of form.querySelectorAll('[aria-invalid], [aria-describedby]')) {
    control.removeAttribute('aria-invalid');
    const own = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id && !/^gov-\d+-msg-/.test(id));
    if (own.length) control.setAttribute('aria-describedby', own.join(' '));
    else control.removeAttribute('aria-describedby');
  }
}

/**
 * Binds live, cited validation to an existing form. Options are the validation options
 * (jurisdiction, stage, asOf, locale, parameters …) and the component's own: `fields`,
 * `debounce`, `outcomes`, `summary`, `citations` (index.d.ts, AttachOptions).
 */
export function attach(form, options = {}) {
  needInit();
  if (!WITH_FORM) throw new Error(`gov-it-rules: ${NOFORM_ENTRY}`);
  if (typeof exports?.formhandle_new !== 'function') {
    throw new Error('gov-it-rules: attach() is not in the module loaded by init({ form: false }); call init() without it');
  }
  if (typeof HTMLFormElement === 'undefined' || !(form instanceof HTMLFormElement)) {
    throw new TypeError('attach(form, options): form must be a <form> element');
  }
  if (options === null || typeof options !== 'object') {
    throw new TypeError('attach(form, options): options must be an object, e.g. { jurisdiction: "tongzhou" }');
  }
  const ui = {};
  let settings = {};
  for (const [name, value] of Object.entries(options)) {
    if (COMPONENT_OPTIONS.includes(name)) ui[name] = value;
    else settings[name] = value;
  }
  if (ui.debounce !== undefined && !(typeof ui.debounce === 'number' && ui.debounce >= 0 && ui.debounce <= 60_000)) {
    throw new TypeError('attach(): options.debounce must be a number of milliseconds from 0 to 60000');
  }
  if (ui.citations !== undefined && typeof ui.citations !== 'boolean') {
    throw new TypeError('attach(): options.citations must be true or false');
  }
  const carrier = ui.applicationField;
  if (carrier !== undefined && !(typeof carrier === 'string' && /^[A-Za-z_][\w.-]{0,99}$/.test(carrier))) {
    throw new TypeError('attach(): options.applicationField must be the name of the hidden field the application is posted in, such as "govitApplication" (letters, digits, _ . -)');
  }
  // A control's name is also a property of its form: `submit` would hide form.submit(), and a
  // name the form has already would post two values.
  if (carrier !== undefined && (carrier in form || carrier in HTMLFormElement.prototype)) {
    throw new TypeError(`attach(): options.applicationField "${carrier}" is a control or a property of the form already; choose another name, such as "govitApplication"`);
  }
  for (const name of ['outcomes', 'summary']) {
    const value = ui[name];
    const ok = value === undefined || value instanceof Element || (name === 'outcomes' && value === false);
    if (!ok) throw new TypeError(`attach(): options.${name} must be an element${name === 'outcomes' ? ' or false' : ''}`);
  }
  if (attachedForms.has(form)) {
    throw new Error('attach(): this form is attached already; call detach() on its handle first');
  }
  // Marked on the form itself, which another copy of the package on the page (the script-tag
  // build beside a bundled one) sees too: two would show every message and verdict twice. A
  // property under a registered symbol, not an attribute: markup saved, restored or cloned from
  // an attached form is not attached.
  if (form[ATTACHED]) {
    throw new Error('attach(): this form is attached already by another copy of gov-it-rules on this page; call detach() on that copy\'s handle first');
  }
  let handle;
  // An event's detail: its report is made only when a listener reads it.
  ui.detail = (name, elapsedMs) => {
    let report;
    const read = () => (report ??= parse(guard(() => handle.report())));
    return name === 'govit:invalid'
      ? { get report() { return read(); } }
      : { elapsedMs, get report() { return read(); } };
  };
  const make = () => {
    handle = guard(() => new FormHandle(form, need(encode(settings, 'options')), ui));
    // Out of the glue's finaliser, which would free it in whichever instance is current.
    const ptr = handle.__destroy_into_raw();
    handle.__wbg_ptr = ptr;
    finalization?.register(handle, { ptr, made: generation, free: '__wbg_formhandle_free' }, handle);
    attachedForms.set(form, handle);
    form[ATTACHED] = true;
    guard(() => handle.start());
  };
  make();
  const attachment = {
    revive() {
      clearComponent(form, ui);
      ui.revived = true;
      make();
    },
  };
  attachments.add(attachment);
  watchTraps();
  let attached = true;
  // A call into the handle in progress: its govit:* listeners may call detach(), which then
  // waits for the call to return rather than reach into the handle while it is in use.
  let calls = 0;
  let detachWhenDone = false;
  const release = () => {
    finalization?.unregister(handle);
    guard(() => handle.detach());
    handle.free();
  };
  const call = (f) => {
    if (!attached) throw new Error('gov-it-rules: this form was detached; attach() it again');
    calls++;
    try {
      return f(handle);
    } finally {
      calls--;
      if (calls === 0 && detachWhenDone) {
        detachWhenDone = false;
        release();
      }
    }
  };
  return {
    validate() {
      return parse(guard(() => call((h) => h.validate())));
    },
    get report() {
      return parse(guard(() => call((h) => h.report())));
    },
    refresh() {
      guard(() => call((h) => h.refresh()));
    },
    setOptions(changes) {
      const next = { ...settings, ...changes };
      guard(() => call((h) => h.setOptions(need(encode(next, 'options')))));
      settings = next;
    },
    detach() {
      if (!attached) return;
      attached = false;
      attachedForms.delete(form);
      delete form[ATTACHED];
      attachments.delete(attachment);
      if (calls > 0) detachWhenDone = true;
      else release();
    },
  };
}
