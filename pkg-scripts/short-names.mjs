// Usage: node pkg-scripts/short-names.mjs GLUE MODULE... [--keep-exports NAME,...]
//
// Gives the imports and exports that wasm-bindgen's glue (--target web) and the modules sharing
// it name each other by short names, the same in the glue and in every module. wasm-bindgen names
// each import after the function it binds and a hash (`__wbg_setAttribute_2f8e…`), set from one
// module, `./gov_it_rules_bg.js`, and each export after what it binds (`validator_setScalar`,
// `wasm_bindgen__convert__closures_____invoke__he29…`). Each name is written in the module and
// again in the glue, and the hashes are random to a compressor: the 124 imports were 4.3 KB gzip
// of every page, the exports 0.5 KB (BENCHMARKS.md, "the glue's imports named short", "… and its
// exports"). Short names are given in the order the glue first names them, so one glue drives all
// five modules as before. The exports `--keep-exports` lists (those the wrapper reads from an
// instance itself) and `memory` keep their names. A module importing a name the glue does not
// give, or a glue not shaped as this expects, fails the build here.
// The hashes also kept a module from linking to the glue of a build with other imports (a cached
// file of an older version): the module the imports come from is named after a digest of the
// names they replace, so such a pair still fails to instantiate rather than call the wrong function.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const keepAt = args.indexOf('--keep-exports');
const listed = keepAt < 0 ? [] : (args.splice(keepAt, 2)[1] ?? '').split(',').filter(Boolean);
const kept = new Set(['memory', ...listed]);
const [gluePath, ...modulePaths] = args;
if (!gluePath || modulePaths.length === 0) {
  console.error('usage: node pkg-scripts/short-names.mjs GLUE MODULE... [--keep-exports NAME,...]');
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
const names = [...members.matchAll(/^        ([A-Za-z_$][\w$]*): function\(/gm)].map((match) => match[1]);
if (names.length === 0) fail(`${gluePath}: the import object names no function`);

/** The n-th short name: a…z, A…Z, then two letters. */
const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const short = (n) => (n < letters.length ? letters[n] : letters[Math.floor(n / letters.length) - 1] + letters[n % letters.length]);
const renamed = new Map(names.map((name, n) => [name, short(n)]));
const shortModule = `w${createHash('sha256').update(names.join('\n')).digest('hex').slice(0, 8)}`;

let newMembers = members;
for (const [name, to] of renamed) {
  const key = new RegExp(`^        ${name.replace(/\$/g, '\\$')}: function\\(`, 'gm');
  const found = newMembers.match(key)?.length ?? 0;
  if (found !== 1) fail(`${gluePath}: the import ${name} is a key ${found} times`);
  newMembers = newMembers.replace(key, `        ${to}: function(`);
  if (glue.split(name).length !== 2) fail(`${gluePath}: ${name} is named outside the import object`);
}
// Replaced by functions: a replacement string would read `$&` and the like in the glue's code.
glue = glue.replace(object[0], () =>
  object[0].replace(members, () => newMembers).replace(`"${moduleName}": import0`, () => `${shortModule}: import0`),
);

// The exports, wherever the glue reads them from the instance (`wasm.name`).
const exported = new Map();
for (const [, name] of glue.matchAll(/\bwasm\.([A-Za-z_$][\w$]*)/g)) {
  if (!kept.has(name) && !exported.has(name)) exported.set(name, short(exported.size));
}
glue = glue.replace(/\bwasm\.([A-Za-z_$][\w$]*)/g, (whole, name) => (exported.has(name) ? `wasm.${exported.get(name)}` : whole));
writeFileSync(gluePath, glue);

/** Reads an unsigned LEB128 at `at`: [value, the offset after it]. */
function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    if (byte === undefined) throw new Error('a number runs past the end');
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if ((byte & 0x80) === 0) return [value, at];
  }
}
function writeLeb(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return Buffer.from(out);
}
const name = (text) => {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([writeLeb(bytes.length), bytes]);
};

/** The export section at `start`…`end`, its names renamed as in the glue, whole with its header. */
function renameExports(path, bytes, start, end) {
  let [count, p] = leb(bytes, start);
  const entries = [writeLeb(count)];
  for (; count > 0; count--) {
    let length;
    [length, p] = leb(bytes, p);
    const field = bytes.toString('utf8', p, p + length);
    p += length;
    const [, after] = leb(bytes, p + 1);
    entries.push(name(exported.get(field) ?? field), bytes.subarray(p, after));
    p = after;
  }
  if (p !== end) fail(`${path}: the export section has bytes after its entries`);
  const payload = Buffer.concat(entries);
  return Buffer.concat([Buffer.from([7]), writeLeb(payload.length), payload]);
}

/** The module with its imports' and exports' names replaced; every import must be a function. */
function rewrite(path) {
  const bytes = readFileSync(path);
  if (bytes.readUInt32LE(0) !== 0x6d736100) fail(`${path}: not a wasm module`);
  const parts = [bytes.subarray(0, 8)];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, start] = leb(bytes, at + 1);
    const end = start + size;
    if (id === 7) {
      parts.push(renameExports(path, bytes, start, end));
      at = end;
      continue;
    }
    if (id !== 2) {
      parts.push(bytes.subarray(at, end));
      at = end;
      continue;
    }
    let [count, p] = leb(bytes, start);
    const entries = [writeLeb(count)];
    for (; count > 0; count--) {
      let length;
      [length, p] = leb(bytes, p);
      const module = bytes.toString('utf8', p, p + length);
      p += length;
      [length, p] = leb(bytes, p);
      const field = bytes.toString('utf8', p, p + length);
      p += length;
      if (module !== moduleName) fail(`${path}: imports from ${module}, not the glue's ${moduleName}`);
      if (bytes[p] !== 0x00) fail(`${path}: ${field} is not a function import`);
      const to = renamed.get(field);
      if (to === undefined) fail(`${path}: imports ${field}, which the glue does not give`);
      const [, after] = leb(bytes, p + 1);
      entries.push(name(shortModule), name(to), bytes.subarray(p, after));
      p = after;
    }
    if (p !== end) fail(`${path}: the import section has bytes after its entries`);
    const payload = Buffer.concat(entries);
    parts.push(Buffer.from([2]), writeLeb(payload.length), payload);
    at = end;
  }
  writeFileSync(path, Buffer.concat(parts));
}
const exportedSomewhere = new Set();
for (const path of modulePaths) {
  rewrite(path);
  const compiled = new WebAssembly.Module(readFileSync(path));
  WebAssembly.Module.imports(compiled).forEach(({ module, name: field }) => {
    if (module !== shortModule || !/^[A-Za-z]{1,2}$/.test(field)) fail(`${path}: ${module}.${field} was not renamed`);
  });
  WebAssembly.Module.exports(compiled).forEach(({ name: field }) => exportedSomewhere.add(field));
}
for (const name of listed) {
  if (!exportedSomewhere.has(name)) fail(`no module exports ${name}, which --keep-exports keeps`);
}
