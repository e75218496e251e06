// pkg-scripts/order-functions.mjs on modules made here: alike functions are placed side by side,
// the order is the same each run, and the name section it writes is one wasm-opt and the engines read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lebBytes, nameBytes, readLeb, readName, sectionBytes, sections, vectorBytes as vector } from '../../pkg-scripts/wasm-binary.mjs';

const script = fileURLToPath(new URL('../../pkg-scripts/order-functions.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'order-functions-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

/** `i32.const n; drop` for each of `constants`: a body of type () -> (). */
const body = (constants) => {
  const code = Buffer.concat([
    Buffer.from([0]),
    ...constants.map((n) => Buffer.from([0x41, ...lebBytes(n), 0x1a])),
    Buffer.from([0x0b]),
  ]);
  return Buffer.concat([lebBytes(code.length), code]);
};
/** A module of one imported function and the defined functions `bodies`, each exported as `f<i>`. */
function module(bodies) {
  return Buffer.concat([
    Buffer.from([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0]),
    sectionBytes(1, vector([Buffer.from([0x60, 0, 0])])),
    sectionBytes(2, vector([Buffer.concat([nameBytes('env'), nameBytes('f'), Buffer.from([0x00, 0])])])),
    sectionBytes(3, vector(bodies.map(() => Buffer.from([0])))),
    sectionBytes(7, vector(bodies.map((_, i) => Buffer.concat([nameBytes(`f${i}`), Buffer.from([0x00, i + 1])])))),
    sectionBytes(10, Buffer.concat([lebBytes(bodies.length), ...bodies])),
  ]);
}
/** Runs the script; the function names it wrote, by function index. */
function order(bytes) {
  const input = join(dir, 'in.wasm');
  const output = join(dir, 'out.wasm');
  writeFileSync(input, bytes);
  const result = spawnSync(process.execPath, [script, input, output], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const written = readFileSync(output);
  new WebAssembly.Module(written);
  const names = new Map();
  for (const { id, start, end } of sections(written)) {
    if (id !== 0) continue;
    let [section, p] = readName(written, start);
    if (section !== 'name') continue;
    assert.equal(written[p], 1, 'function names');
    [, p] = readLeb(written, p + 1);
    let count;
    [count, p] = readLeb(written, p);
    for (; count > 0; count--) {
      let index, name;
      [index, p] = readLeb(written, p);
      [name, p] = readName(written, p);
      names.set(index, name);
    }
    assert.equal(p, end);
  }
  return names;
}

const run = (from, length) => Array.from({ length }, (_, i) => from + i * 3);
const a = run(1000, 40);
const b = run(50000, 40);

test('each defined function is named by its place, alike ones side by side', () => {
  // Defined in the order a, b, a', b': the walk from a goes to a' then to b.
  const alikeA = [...a.slice(0, 39), 7];
  const alikeB = [...b.slice(0, 39), 9];
  const names = order(module([body(a), body(b), body(alikeA), body(alikeB)]));
  // Function 0 is the import, which keeps no name here.
  assert.deepEqual([...names], [
    [1, '0'],
    [2, '2'],
    [3, '1'],
    [4, '3'],
  ]);
});

test('the same module gives the same order', () => {
  const bodies = Array.from({ length: 12 }, (_, i) => body(run(100 * (i % 4) + 1, 10 + i)));
  assert.deepEqual([...order(module(bodies))], [...order(module(bodies))]);
});

test('a module that already has a name section is refused', () => {
  const named = Buffer.concat([
    module([body(a)]),
    sectionBytes(0, Buffer.concat([nameBytes('name'), sectionBytes(1, vector([Buffer.concat([lebBytes(1), nameBytes('x')])]))])),
  ]);
  const input = join(dir, 'named.wasm');
  writeFileSync(input, named);
  const result = spawnSync(process.execPath, [script, input, join(dir, 'named-out.wasm')], { encoding: 'utf8' });
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /already has a name section/);
});
