// Usage: node pkg-scripts/order-functions.mjs IN OUT
//
// Names each function of the module IN by its place in an order that puts alike functions side by
// side, and writes the module with that name section to OUT; `wasm-opt --reorder-functions-by-name`
// (pkg-scripts/optimise.sh) then lays the code out in that order. gzip finds repeats only within
// its last 32 KB, and the module's code comes in the order the compiler emitted it: functions
// that share most of their bytes (a Vec's methods for each element type, each rule's step, each
// reader) lie far apart. Placed next to each other they compress as one: 3.7 KB gzip less for the
// module a one-jurisdiction page loads (BENCHMARKS.md, "alike functions side by side").
//
// Alike is measured on each body's instructions (its locals' declarations left out) as the share
// of its 5-byte runs it has in common with another's, estimated by MinHash with 256 hashes; the
// order is a greedy walk from the first function to the most alike one not yet placed. It is
// deterministic: the same module gives the same order, and the size test stays exact.
import { readFileSync, writeFileSync } from 'node:fs';
import {
  functionBodies,
  importedFunctions,
  lebBytes,
  nameBytes,
  readLeb,
  readName,
  sectionBytes,
  sections,
  vectorBytes,
} from './wasm-binary.mjs';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node pkg-scripts/order-functions.mjs IN OUT');
  process.exit(2);
}
const RUN = 5;
const HASHES = 256;

const bytes = readFileSync(input);

// The functions imported (numbered first) and the instructions of those defined.
let imported = 0;
let bodies = [];
for (const { id, start } of sections(bytes)) {
  if (id === 0 && readName(bytes, start)[0] === 'name') {
    throw new Error(`${input}: already has a name section; order it after --strip-debug`);
  }
  if (id === 2) imported = importedFunctions(bytes, start, input);
  else if (id === 10) bodies = functionBodies(bytes, start).map(instructions);
}
/** A body without its locals' declarations: the instructions. */
function instructions(body) {
  let [groups, p] = readLeb(body, 0);
  for (; groups > 0; groups--) {
    [, p] = readLeb(body, p);
    p++;
  }
  return body.subarray(p);
}

// Each body's sketch: for each of HASHES hash functions, the least hash of its RUN-byte runs.
const seeds = Array.from({ length: HASHES }, (_, k) => Math.imul(k + 1, 0x9e3779b1) >>> 0);
const sketches = bodies.map((body) => {
  const least = new Uint32Array(HASHES).fill(0xffffffff);
  for (let p = 0; p + RUN <= body.length; p++) {
    let run = 2166136261;
    for (let q = 0; q < RUN; q++) run = Math.imul(run ^ body[p + q], 16777619) >>> 0;
    for (let k = 0; k < HASHES; k++) {
      const hash = (Math.imul(run ^ seeds[k], 0x85ebca6b) ^ (run >>> 13)) >>> 0;
      if (hash < least[k]) least[k] = hash;
    }
  }
  return least;
});
const alike = (a, b) => {
  let same = 0;
  for (let k = 0; k < HASHES; k++) if (a[k] === b[k]) same++;
  return same;
};

// The walk: from the first function, each time to the most alike of those left (the first of
// them in the module's order on a tie).
const order = bodies.length === 0 ? [] : [0];
const left = bodies.map((_, i) => i).slice(1);
while (left.length > 0) {
  const here = sketches[order[order.length - 1]];
  let best = 0;
  let bestScore = -1;
  for (let j = 0; j < left.length; j++) {
    const score = alike(here, sketches[left[j]]);
    if (score > bestScore) {
      bestScore = score;
      best = j;
    }
  }
  order.push(left[best]);
  left.splice(best, 1);
}

// The name section's function names, in the order of the functions' indices as the format has
// it: each defined function named by its place, zero-padded so that names sort as numbers.
const place = new Array(bodies.length);
order.forEach((defined, at) => {
  place[defined] = at;
});
const width = String(bodies.length).length;
const names = place.map((at, defined) =>
  Buffer.concat([lebBytes(imported + defined), nameBytes(String(at).padStart(width, '0'))]),
);
const functionNames = sectionBytes(1, vectorBytes(names));
writeFileSync(output, Buffer.concat([bytes, sectionBytes(0, Buffer.concat([nameBytes('name'), functionNames]))]));
