// Usage: node pkg-scripts/short-names.mjs GLUE MODULE... [--keep-exports NAME,...] [--write-names FILE]
//        node pkg-scripts/short-names.mjs GLUE [MODULE...] --names-of FILE [--keep-exports NAME,...]
//
// Gives the imports and exports that wasm-bindgen's glue (--target web) and the modules sharing
// it name each other by short names, the same in the glue and in every module. wasm-bindgen names
// each import after the function it binds and a hash (`__wbg_setAttribute_2f8e…`), set from one
// module, `./gov_it_rules_bg.js`, and each export after what it binds (`validator_setScalar`,
// `wasm_bindgen__convert__closures_____invoke__he29…`). Each name is written in the module and
// again in the glue, and the hashes are random to a compressor: the 124 imports were 4.3 KB gzip
// of every page, the exports 0.5 KB (BENCHMARKS.md, "the glue's imports named short", "the glue's
// exports named short too"). Short names are given in the order the glue first names them, so one glue drives all
// five modules as before. The exports `--keep-exports` lists (those the wrapper reads from an
// instance itself) and `memory` keep their names. A module importing a name the glue does not
// give, or a glue not shaped as this expects, fails the build here.
// The hashes also kept a module from linking to the glue of a build with other imports (a cached
// file of an older version): the module the imports come from is named after a digest of the
// names they replace, so such a pair still fails to instantiate rather than call the wrong function.
// `--write-names` saves the names given; `--names-of` gives another glue (wasm-bindgen's for a
// module without the form component, which imports and calls a subset) the same ones, so that it
// drives the modules already renamed: a name the file does not hold fails the build.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { importTypes, lebBytes, nameBytes, readLeb, readName, sectionBytes, sections } from './wasm-binary.mjs';

const args = process.argv.slice(2);
/** The value of `--name VALUE`, taken out of the arguments. */
const option = (name) => {
  const at = args.indexOf(name);
  return at < 0 ? undefined : (args.splice(at, 2)[1] ?? '');
};
const listed = (option('--keep-exports') ?? '').split(',').filter(Boolean);
const kept = new Set(['memory', ...listed]);
const namesOf = option('--names-of');
const writeNames = option('--write-names');
const [gluePath, ...modulePaths] = args;
if (!gluePath || (modulePaths.length === 0 && namesOf === undefined)) {
  console.error('usage: node pkg-scripts/short-names.mjs GLUE MODULE... [--keep-exports NAME,...] [--write-names FILE | --names-of FILE]');
  process.exit(2);
}
const fail = (message) => {
  console.error(`short-names: ${message}`);
  process.exit(1);
};

let glue = readFileSync(gluePath, 'utf8');
const object = /^function __wbg_get_imports\(\) \{\n    const import0 = \{\n([^]*?)\n    \};\n    return \{\n        __proto__: null,\n        "([^"]+)": import0,\n    \};\n\}$/m.exec(glue);
if (!object) fail(`${gluePath}: no import object of the shape wasm-bindgen writes for --target web`);
const [, members, moduleName] = object;
const key = /^        ([A-Za-z_$][\w$]*): function\(/gm;
const names = [...members.matchAll(key)].map((match) => match[1]);
if (names.length === 0) fail(`${gluePath}: the import object names no function`);

/** The n-th short name: a…z, A…Z, then two letters. */
const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const short = (n) => (n < letters.length ? letters[n] : letters[Math.floor(n / letters.length) - 1] + letters[n % letters.length]);
// The names another run gave, for this glue to give the same.
const given = namesOf === undefined ? undefined : JSON.parse(readFileSync(namesOf, 'utf8'));
const givenImports = new Map(Object.entries(given?.imports ?? {}));
const givenExports = new Map(Object.entries(given?.exports ?? {}));
const renamed = new Map(names.map((name, n) => [name, given ? givenImports.get(name) : short(n)]));
for (const [name, to] of renamed) {
  if (to === undefined) fail(`${gluePath}: imports ${name}, which ${namesOf} does not name`);
}
const shortModule = given?.module ?? `w${createHash('sha256').update(names.join('\n')).digest('hex').slice(0, 8)}`;

if (renamed.size !== names.length) fail(`${gluePath}: an import is a key of the import object twice`);
for (const name of names) {
  if (glue.split(name).length !== 2) fail(`${gluePath}: ${name} is named outside the import object`);
}
const newMembers = members.replace(key, (_, name) => `        ${renamed.get(name)}: function(`);
// Replaced by functions: a replacement string would read `$&` and the like in the glue's code.
glue = glue.replace(object[0], () =>
  object[0].replace(members, () => newMembers).replace(`"${moduleName}": import0`, () => `${shortModule}: import0`),
);

// The exports, wherever the glue reads them from the instance (`wasm.name`).
const exported = new Map();
for (const [, name] of glue.matchAll(/\bwasm\.([A-Za-z_$][\w$]*)/g)) {
  if (kept.has(name) || exported.has(name)) continue;
  const to = given ? givenExports.get(name) : short(exported.size);
  if (to === undefined) fail(`${gluePath}: calls the export ${name}, which ${namesOf} does not name`);
  exported.set(name, to);
}
glue = glue.replace(/\bwasm\.([A-Za-z_$][\w$]*)/g, (whole, name) => (exported.has(name) ? `wasm.${exported.get(name)}` : whole));
writeFileSync(gluePath, glue);
if (writeNames !== undefined) {
  const saved = { module: shortModule, imports: Object.fromEntries(renamed), exports: Object.fromEntries(exported) };
  writeFileSync(writeNames, `${JSON.stringify(saved, null, 1)}\n`);
}

/** The import section at `start`…`end` renamed as in the glue; every import must be a function. */
function renameImports(path, bytes, start, end) {
  let [count, p] = readLeb(bytes, start);
  const entries = [lebBytes(count)];
  for (; count > 0; count--) {
    let module, field;
    [module, p] = readName(bytes, p);
    [field, p] = readName(bytes, p);
    if (module !== moduleName) fail(`${path}: imports from ${module}, not the glue's ${moduleName}`);
    if (bytes[p] !== 0x00) fail(`${path}: ${field} is not a function import`);
    const to = renamed.get(field);
    if (to === undefined) fail(`${path}: imports ${field}, which the glue does not give`);
    const [, after] = readLeb(bytes, p + 1);
    entries.push(nameBytes(shortModule), nameBytes(to), bytes.subarray(p, after));
    p = after;
  }
  if (p !== end) fail(`${path}: the import section has bytes after its entries`);
  return sectionBytes(2, Buffer.concat(entries));
}

/** The export section at `start`…`end`, the exports the glue calls renamed as in the glue. */
function renameExports(path, bytes, start, end) {
  let [count, p] = readLeb(bytes, start);
  const entries = [lebBytes(count)];
  for (; count > 0; count--) {
    let field;
    [field, p] = readName(bytes, p);
    const [, after] = readLeb(bytes, p + 1);
    entries.push(nameBytes(exported.get(field) ?? field), bytes.subarray(p, after));
    p = after;
  }
  if (p !== end) fail(`${path}: the export section has bytes after its entries`);
  return sectionBytes(7, Buffer.concat(entries));
}

/** The module at `path` with its imports and exports renamed, written in place and returned. */
function rewrite(path) {
  const bytes = readFileSync(path);
  const parts = [bytes.subarray(0, 8)];
  let found;
  try {
    found = [...sections(bytes)];
  } catch (error) {
    fail(`${path}: ${error.message}`);
  }
  for (const { id, at, start, end } of found) {
    if (id === 2) parts.push(renameImports(path, bytes, start, end));
    else if (id === 7) parts.push(renameExports(path, bytes, start, end));
    else parts.push(bytes.subarray(at, end));
  }
  const written = Buffer.concat(parts);
  writeFileSync(path, written);
  return written;
}
const exportedSomewhere = new Set();
// One glue drives every module only if each name it gives means one thing to all of them:
// wasm-bindgen numbers some imports per module (its casts, `__wbindgen_cast_0000…1`), so two
// modules may import one name with different types, and a value would cross as another (an f64
// read as a closure).
const importedAs = new Map();
const originalOf = new Map([...renamed].map(([name, to]) => [to, name]));
for (const path of modulePaths) {
  const written = rewrite(path);
  for (const [field, type] of importTypes(written)) {
    const seen = importedAs.get(field);
    if (seen === undefined) importedAs.set(field, { type, path });
    else if (seen.type !== type) {
      const name = originalOf.get(field) ?? field;
      fail(`${path} imports ${name} as ${type}, ${seen.path} as ${seen.type}: one glue cannot drive both`);
    }
  }
  const compiled = new WebAssembly.Module(written);
  WebAssembly.Module.imports(compiled).forEach(({ module, name: field }) => {
    if (module !== shortModule || !/^[A-Za-z]{1,2}$/.test(field)) fail(`${path}: ${module}.${field} was not renamed`);
  });
  WebAssembly.Module.exports(compiled).forEach(({ name: field }) => exportedSomewhere.add(field));
}
for (const name of listed) {
  if (modulePaths.length > 0 && !exportedSomewhere.has(name)) fail(`no module exports ${name}, which --keep-exports keeps`);
}
