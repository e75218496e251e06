// pkg-scripts/short-names.mjs on a glue and modules made here, shaped as wasm-bindgen writes
// them: the renamed pair still binds each import and export to its own function, builds with
// other imports cannot be mixed, and what the renamer does not understand fails the build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { lebBytes, nameBytes, sectionBytes as section, vectorBytes as vector } from '../../pkg-scripts/wasm-binary.mjs';

const script = fileURLToPath(new URL('../../pkg-scripts/short-names.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'short-names-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A module importing `imports` (functions () -> i32, or -> the value type `result`) from `from`,
 * exporting `call<i>` for each.
 */
function module(imports, from = './x_bg.js', result = 0x7f) {
  const bytes = (...values) => Buffer.from(values);
  const body = (i) => Buffer.concat([lebBytes(4), bytes(0, 0x10, i, 0x0b)]);
  return Buffer.concat([
    bytes(0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0),
    section(1, vector([bytes(0x60, 0, 1, result)])),
    section(2, vector(imports.map((name) => Buffer.concat([nameBytes(from), nameBytes(name), bytes(0x00, 0)])))),
    section(3, vector(imports.map(() => bytes(0)))),
    section(7, vector(imports.map((_, i) => Buffer.concat([nameBytes(`call${i}`), bytes(0x00, imports.length + i)])))),
    section(10, vector(imports.map((_, i) => body(i)))),
  ]);
}

/**
 * A glue giving each of `imports` as a function returning its position plus one, and calling each
 * of the module's `calls` exports, as wasm-bindgen's glue calls the instance's.
 */
function glue(imports, from = './x_bg.js', calls = imports.length) {
  const members = imports.map((name, i) => `        ${name}: function() {\n            return ${i + 1};\n        },`);
  const each = Array.from({ length: calls }, (_, i) => `wasm.call${i}()`);
  return `let wasm;
export function init(module) {
    wasm = new WebAssembly.Instance(module, __wbg_get_imports()).exports;
}
export function callEach() {
    return [${each.join(', ')}];
}
function __wbg_get_imports() {
    const import0 = {
        __proto__: null,
${members.join('\n')}
    };
    return {
        __proto__: null,
        "${from}": import0,
    };
}
export { __wbg_get_imports };
`;
}

let made = 0;
function write(glueText, ...modules) {
  made++;
  const gluePath = join(dir, `glue${made}.mjs`);
  writeFileSync(gluePath, glueText);
  const modulePaths = modules.map((bytes, i) => {
    const path = join(dir, `module${made}-${i}.wasm`);
    writeFileSync(path, bytes);
    return path;
  });
  return { gluePath, modulePaths };
}
const rename = ({ gluePath, modulePaths }, ...options) =>
  spawnSync(process.execPath, [script, gluePath, ...modulePaths, ...options], { encoding: 'utf8' });
const glueOf = (gluePath) => import(pathToFileURL(gluePath).href);
const importsOf = async (gluePath) => (await glueOf(gluePath)).__wbg_get_imports();
const exportsOf = (path) => WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(path))).map(({ name }) => name);

const names = ['__wbg_setAttribute_2f8e9a0b1c2d3e4f', '__wbg_get_d7176cfb76d71114', '__wbindgen_generic_0000000000000001'];

test('each module sharing the glue binds each import, renamed, to its own function', async () => {
  // The second module imports a subset, in another order, as the module without attach() does.
  const files = write(glue(names), module(names), module([names[2], names[0]]));
  const result = rename(files);
  assert.equal(result.status, 0, result.stderr);

  const imports = await importsOf(files.gluePath);
  const [from] = Object.keys(imports);
  assert.match(from, /^w[0-9a-f]{8}$/);
  assert.deepEqual(Object.keys(imports[from]), ['a', 'b', 'c']);

  const [whole, subset] = files.modulePaths.map((path) => new WebAssembly.Module(readFileSync(path)));
  assert.deepEqual(
    WebAssembly.Module.imports(subset).map(({ module, name }) => `${module}.${name}`),
    [`${from}.c`, `${from}.a`],
  );
  // Each export in the order the module lists them: export i calls import i.
  const callEach = (compiled) => Object.values(new WebAssembly.Instance(compiled, imports).exports).map((call) => call());
  assert.deepEqual(callEach(whole), [1, 2, 3]);
  assert.deepEqual(callEach(subset), [3, 1]);
});

test("each export the glue calls is renamed in the glue and the module; those kept keep their names", async () => {
  const files = write(glue(names), module(names));
  const result = rename(files, '--keep-exports', 'call1');
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(exportsOf(files.modulePaths[0]), ['a', 'call1', 'b']);
  const renamed = await glueOf(files.gluePath);
  renamed.init(new WebAssembly.Module(readFileSync(files.modulePaths[0])));
  assert.deepEqual(renamed.callEach(), [1, 2, 3]);
});

test('an export kept that no module exports fails the build', () => {
  const result = rename(write(glue(names), module(names)), '--keep-exports', 'formhandle_new');
  assert.equal(result.status, 1);
  assert.match(result.stderr, /no module exports formhandle_new, which --keep-exports keeps/);
});

test("a module does not instantiate with the glue of a build with other imports", async () => {
  const older = write(glue(names), module(names));
  const newer = write(glue([names[1], names[0], names[2]]), module([names[1], names[0], names[2]]));
  assert.equal(rename(older).status, 0);
  assert.equal(rename(newer).status, 0);
  const olderImports = await importsOf(older.gluePath);
  const newerImports = await importsOf(newer.gluePath);
  assert.notDeepEqual(Object.keys(olderImports), Object.keys(newerImports));
  assert.throws(
    () => new WebAssembly.Instance(new WebAssembly.Module(readFileSync(newer.modulePaths[0])), olderImports),
    /module is not an object or function|Import #0/,
  );
});

test('modules importing one name with different types fail the build: one glue cannot drive both', () => {
  // wasm-bindgen numbers its casts per module: one module's cast 1 may take a closure, another's an f64.
  const result = rename(write(glue(names), module(names), module([names[2]], './x_bg.js', 0x7c)));
  assert.equal(result.status, 1);
  assert.match(result.stderr, /imports __wbindgen_generic_0000000000000001 as \(\)->\(7c\), .* as \(\)->\(7f\): one glue cannot drive both/);
});

test('a module importing what the glue does not give fails the build, naming the import', () => {
  const result = rename(write(glue(names.slice(0, 2)), module(names)));
  assert.equal(result.status, 1);
  assert.match(result.stderr, /imports __wbindgen_generic_0000000000000001, which the glue does not give/);
});

test('a glue not shaped as wasm-bindgen writes it fails the build', () => {
  const result = rename(write(glue(names).replace('const import0', 'const imports0'), module(names)));
  assert.equal(result.status, 1);
  assert.match(result.stderr, /no import object of the shape wasm-bindgen writes/);
});

test('a module importing from another module than the glue sets fails the build', () => {
  const result = rename(write(glue(names), module(names, './other_bg.js')));
  assert.equal(result.status, 1);
  assert.match(result.stderr, /imports from \.\/other_bg\.js, not the glue's \.\/x_bg\.js/);
});

test("a second glue given the first's names drives the modules the first renamed", async () => {
  // The glue of the module without attach(): a subset of the imports, in another order, and of
  // the exports it calls.
  const files = write(glue(names), module(names), module([names[2], names[0]]));
  const saved = join(dir, `names${made}.json`);
  assert.equal(rename(files, '--write-names', saved).status, 0);
  const second = write(glue([names[2], names[0]], './x_bg.js', 2));
  const result = rename(second, '--names-of', saved);
  assert.equal(result.status, 0, result.stderr);

  const first = await importsOf(files.gluePath);
  const imports = await importsOf(second.gluePath);
  assert.deepEqual(Object.keys(imports), Object.keys(first));
  const [from] = Object.keys(imports);
  assert.deepEqual(Object.keys(imports[from]), ['c', 'a']);
  const subset = new WebAssembly.Module(readFileSync(files.modulePaths[1]));
  const calls = Object.values(new WebAssembly.Instance(subset, imports).exports).map((call) => call());
  // The second glue's functions return their place in it: import c is its first, a its second.
  assert.deepEqual(calls, [1, 2]);
  const renamed = await glueOf(second.gluePath);
  renamed.init(subset);
  assert.deepEqual(renamed.callEach(), [1, 2]);
});

test('a second glue importing or calling a name the first did not give fails the build, naming it', () => {
  const files = write(glue(names.slice(0, 2)), module(names.slice(0, 2)));
  const saved = join(dir, `names${made}.json`);
  assert.equal(rename(files, '--write-names', saved).status, 0);
  const imports = rename(write(glue(names)), '--names-of', saved);
  assert.equal(imports.status, 1);
  assert.match(imports.stderr, /imports __wbindgen_generic_0000000000000001, which .*names\d+\.json does not name/);
  const calls = rename(write(glue(names.slice(0, 2), './x_bg.js', 3)), '--names-of', saved);
  assert.equal(calls.status, 1);
  assert.match(calls.stderr, /calls the export call2, which .*names\d+\.json does not name/);
});
