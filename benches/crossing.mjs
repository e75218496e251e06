// How a live edit's value crosses into the module, measured both ways in one run (Node, the
// package's module without the wrapper): as JSON text the module parses (`set`), and as the
// JavaScript value itself, read by serde-wasm-bindgen (`setScalar`). Not a test; figures for
// BENCHMARKS.md. Typing across 300 万元 on the complete 通州 application.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The Node entry instantiates the module; the glue it shares gives the raw Validator.
await import(pathToFileURL(join(root, 'pkg', 'node.js')).href);
const { Validator } = await import(pathToFileURL(join(root, 'pkg', 'gov_it_rules.js')).href);

const fixture = readFileSync(join(root, 'tests', 'fixtures', 'tongzhou-declaration.json'), 'utf8');
const options = JSON.stringify({ jurisdiction: 'tongzhou', asOf: '2025-06-01' });
const typing = ['3', '30', '300', '300.', '300.0', '300.01', '300.0', '300.', '300', '30', '3', ''];

function time(edit) {
  const v = new Validator(options, fixture, false);
  for (let i = 0; i < 200; i++) edit(v, typing[i % typing.length]);
  const batches = [];
  for (let b = 0; b < 40; b++) {
    const t0 = performance.now();
    for (let i = 0; i < 240; i++) edit(v, typing[i % typing.length]);
    batches.push(((performance.now() - t0) / 240) * 1000);
  }
  v.free();
  batches.sort((a, b) => a - b);
  return batches[batches.length >> 1];
}

// Alternating, so that both see the same state of a shared, noisy machine.
const text = [];
const value = [];
for (let round = 0; round < 3; round++) {
  text.push(time((v, a) => v.set('totalInvestment', JSON.stringify(a))));
  value.push(time((v, a) => v.setScalar('totalInvestment', a)));
}
const mid = (xs) => [...xs].sort((a, b) => a - b)[1];
console.log('== a live edit\'s value crossing into the module (Node, module only, µs per edit, median of 3 rounds)');
console.log(`  as JSON text (set): ${mid(text).toFixed(2)} µs; as the value, serde-wasm-bindgen (setScalar): ${mid(value).toFixed(2)} µs; ratio ${(mid(text) / mid(value)).toFixed(2)}`);
