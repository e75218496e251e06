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

const [file, ...flags] = process.argv.slice(2);
if (!file) {
  console.error('usage: node benches/code-origin.mjs MODULE.wasm [--own]');
  process.exit(2);
}
const bytes = readFileSync(file);

/** The module's function bodies, its functions' names (by index) and its data segments' bytes. */
function sections(buf) {
  let at = 8;
  const leb = () => {
    let value = 0;
    let shift = 0;
    let byte;
    do {
      byte = buf[at++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return value;
  };
  const skipName = () => {
    const length = leb();
    at += length;
  };
  const skipLimits = () => {
    const flags = buf[at++];
    leb();
    if (flags & 1) leb();
  };
  let imported = 0;
  const bodies = [];
  const names = new Map();
  let data = 0;
  while (at < buf.length) {
    const id = buf[at++];
    const size = leb();
    const end = at + size;
    if (id === 2) {
      for (let n = leb(); n > 0; n--) {
        skipName();
        skipName();
        const kind = buf[at++];
        if (kind === 0) {
          leb();
          imported++;
        } else if (kind === 1) {
          at++;
          skipLimits();
        } else if (kind === 2) {
          skipLimits();
        } else {
          at += 2;
        }
      }
    } else if (id === 10) {
      for (let n = leb(); n > 0; n--) {
        const length = leb();
        bodies.push(buf.subarray(at, at + length));
        at += length;
      }
    } else if (id === 11) {
      data = size;
    } else if (id === 0) {
      const length = leb();
      const name = buf.subarray(at, at + length).toString();
      at += length;
      while (name === 'name' && at < end) {
        const kind = buf[at++];
        const length = leb();
        const subEnd = at + length;
        if (kind === 1) {
          for (let n = leb(); n > 0; n--) {
            const index = leb();
            const length = leb();
            names.set(index, buf.subarray(at, at + length).toString());
            at += length;
          }
        }
        at = subEnd;
      }
    }
    at = end;
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

function table(groups, total, indent = '') {
  for (const [label, { bodies, raw }] of [...groups].sort((a, b) => b[1].raw - a[1].raw)) {
    const alone = gzipSync(Buffer.concat(bodies), { level: 9 }).length;
    console.log(
      `${indent}${label.padEnd(58 - indent.length)} ${String(bodies.length).padStart(5)} functions ${(raw / 1024).toFixed(1).padStart(7)} KB ${((100 * raw) / total).toFixed(1).padStart(5)} %  ${(alone / 1024).toFixed(1).padStart(6)} KB gzip alone`,
    );
  }
}

function add(groups, key, body) {
  const group = groups.get(key) ?? { bodies: [], raw: 0 };
  group.bodies.push(body);
  group.raw += body.length;
  groups.set(key, group);
}

const { bodies, name, data } = sections(bytes);
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
const gz = (b) => (gzipSync(b, { level: 9 }).length / 1024).toFixed(1);
console.log(
  `${file}: ${bodies.length} functions, code ${(code / 1024).toFixed(1)} KB raw (${gz(Buffer.concat(bodies))} KB gzip alone), data ${(data / 1024).toFixed(1)} KB raw`,
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
