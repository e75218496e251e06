// What a module's code is made of, by where each function comes from: the crate's own functions,
// Rust's collections and iterators compiled for the crate's types, std's precompiled code, and
// each library. Reads a module built with its functions' names kept (BENCHMARKS.md, "How to
// run": wasm-bindgen --keep-debug, then wasm-opt -g) and prints, for each origin, its functions,
// their raw bytes and share of the code, and their bytes gzip -9 compressed alone; with --own,
// the crate's own functions by module too.
//
// wasm-opt inlines small callees into their callers, so a function's bytes count for the one
// whose name it kept: the shares are approximate, the totals exact.
//
//   node benches/code-origin.mjs /tmp/named/opt.wasm [--own]
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { functionBodies, importedFunctions, readLeb, readName, sections } from '../pkg-scripts/wasm-binary.mjs';

const [file, ...flags] = process.argv.slice(2);
if (!file) {
  console.error('usage: node benches/code-origin.mjs MODULE.wasm [--own]');
  process.exit(2);
}
const bytes = readFileSync(file);

/** The module's function bodies, its functions' names (by index) and its data section's size. */
function read(buf) {
  let imported = 0;
  let bodies = [];
  const names = new Map();
  let data = 0;
  for (const { id, start, end } of sections(buf)) {
    if (id === 2) imported = importedFunctions(buf, start, file);
    else if (id === 10) bodies = functionBodies(buf, start);
    else if (id === 11) data = end - start;
    else if (id === 0 && readName(buf, start)[0] === 'name') {
      // The name section's subsections, of which the function names are kind 1.
      for (let at = readName(buf, start)[1]; at < end; ) {
        const kind = buf[at];
        const [length, contents] = readLeb(buf, at + 1);
        if (kind === 1) {
          let [count, p] = readLeb(buf, contents);
          for (; count > 0; count--) {
            let index, text;
            [index, p] = readLeb(buf, p);
            [text, p] = readName(buf, p);
            names.set(index, text);
          }
        }
        at = contents + length;
      }
    }
  }
  return { bodies, name: (i) => names.get(i + imported) ?? '', data };
}

const STD = /^(core|alloc|std)$/;
const GLUE = /^(__wbg|__wbindgen|__externref|__citations|__takeInternalError|__formLayout|__englishEmbedded)/;

/** Where a function comes from, read off its demangled name. */
function origin(name) {
  const precompiled = /\[[0-9a-f]{16}\]/.test(name);
  const plain = name.replace(/\[[0-9a-f]{16}\]/g, '').replace(/::h[0-9a-f]{16}$/, '');
  const impl = /^<(.+?) as (.+?)>::/.exec(plain);
  const crates = (impl ? [impl[1], impl[2]] : [plain]).map(
    (path) => path.replace(/^[<&*[(]+(mut |const )?/, '').split(/::|</)[0],
  );
  if (crates.includes('gov_it_rules')) return 'the crate';
  if (name === '' || /^f\d+$/.test(plain)) return 'unnamed';
  if (GLUE.test(plain) || crates.some((c) => /^(wasm_bindgen|js_sys)$/.test(c))) return 'wasm-bindgen and the exports';
  if (crates[0] === '__rustc' || /^(__\w+|mem\w+)$/.test(plain)) return "the compiler's builtins and allocator shims";
  // The exports: one small function each, under the name the JS calls.
  if (!plain.includes('::')) return 'wasm-bindgen and the exports';
  // A generic parameter or a primitive names no crate: the trait's crate does.
  const library = crates.find((c) => !/^([A-Z]\w*$|[a-z]\d*$|[ui]\d+|[ui]size|f\d+|char|str|bool|dyn )/.test(c));
  if (library === undefined || STD.test(library)) {
    return precompiled ? "std's precompiled code (panics, formatting, …)" : "Rust's core, alloc and std compiled for the crate's types";
  }
  return library;
}

/** KB, gzip -9 of `bodies` compressed together. */
const gzipKb = (bodies) => (gzipSync(Buffer.concat(bodies), { level: 9 }).length / 1024).toFixed(1);

function table(groups, total, indent = '') {
  for (const [label, { bodies, raw }] of [...groups].sort((a, b) => b[1].raw - a[1].raw)) {
    console.log(
      `${indent}${label.padEnd(58 - indent.length)} ${String(bodies.length).padStart(5)} functions ${(raw / 1024).toFixed(1).padStart(7)} KB ${((100 * raw) / total).toFixed(1).padStart(5)} %  ${gzipKb(bodies).padStart(6)} KB gzip alone`,
    );
  }
}

function add(groups, key, body) {
  const group = groups.get(key) ?? { bodies: [], raw: 0 };
  group.bodies.push(body);
  group.raw += body.length;
  groups.set(key, group);
}

const { bodies, name, data } = read(bytes);
const code = bodies.reduce((sum, body) => sum + body.length, 0);
const byOrigin = new Map();
const byModule = new Map();
bodies.forEach((body, i) => {
  const which = origin(name(i));
  add(byOrigin, which, body);
  if (which === 'the crate') {
    const path = /gov_it_rules::(\w+)(?:::(\w+))?/.exec(name(i));
    const nested = path && ['rules', 'model', 'profile', 'form'].includes(path[1]) && /^[a-z_]+$/.test(path[2] ?? '');
    add(byModule, path ? (nested ? `${path[1]}::${path[2]}` : path[1]) : '?', body);
  }
});
console.log(
  `${file}: ${bodies.length} functions, code ${(code / 1024).toFixed(1)} KB raw (${gzipKb(bodies)} KB gzip alone), data ${(data / 1024).toFixed(1)} KB raw`,
);
if (bodies.length > 0 && byOrigin.get('unnamed')?.bodies.length === bodies.length) {
  console.error('no function names: build the module with its names kept (BENCHMARKS.md, "How to run")');
  process.exit(1);
}
table(byOrigin, code);
if (flags.includes('--own')) {
  console.log('the crate, by module:');
  table(byModule, code, '  ');
}
