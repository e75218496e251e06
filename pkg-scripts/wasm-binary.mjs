// Reading and writing the parts of a wasm binary that the build's post-passes touch
// (pkg-scripts/short-names.mjs, pkg-scripts/order-functions.mjs) and benches/code-origin.mjs
// reads: unsigned LEB128 numbers, names, the sections, the imported functions and the bodies, as
// the binary format defines them.

/** The unsigned LEB128 number in `bytes` at `at`: [value, the offset after it]. */
export function readLeb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    if (byte === undefined) throw new Error('a number runs past the end of the module');
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if ((byte & 0x80) === 0) return [value, at];
  }
}

/** `value` as unsigned LEB128. */
export function lebBytes(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return Buffer.from(out);
}

/** The name in `bytes` at `at`, as the format writes it (its length, then UTF-8): [text, after]. */
export function readName(bytes, at) {
  const [length, start] = readLeb(bytes, at);
  return [bytes.toString('utf8', start, start + length), start + length];
}

/** `text` as the format writes a name. */
export function nameBytes(text) {
  const utf8 = Buffer.from(text, 'utf8');
  return Buffer.concat([lebBytes(utf8.length), utf8]);
}

/** `items` (each already encoded) as the format writes a vector: their count, then each. */
export function vectorBytes(items) {
  return Buffer.concat([lebBytes(items.length), ...items]);
}

/** A section with id `id` and contents `payload`, whole with its header. */
export function sectionBytes(id, payload) {
  return Buffer.concat([Buffer.from([id]), lebBytes(payload.length), payload]);
}

/**
 * The sections of the module `bytes`, in order: each { id, at, start, end } (`at` where its header
 * begins, `start`…`end` its contents). Throws on what is not a wasm module.
 */
export function* sections(bytes) {
  if (bytes.length < 8 || bytes.readUInt32LE(0) !== 0x6d736100) throw new Error('not a wasm module');
  for (let at = 8; at < bytes.length; ) {
    const id = bytes[at];
    const [size, start] = readLeb(bytes, at + 1);
    yield { id, at, start, end: start + size };
    at = start + size;
  }
}

/**
 * How many functions the import section whose contents begin at `start` imports: they are numbered
 * before the module's own. `where` names the module in the error an unknown kind of import throws.
 */
export function importedFunctions(bytes, start, where) {
  let imported = 0;
  let [count, p] = readLeb(bytes, start);
  const limits = (at) => {
    const flags = bytes[at++];
    [, at] = readLeb(bytes, at);
    if (flags & 1) [, at] = readLeb(bytes, at);
    return at;
  };
  for (; count > 0; count--) {
    [, p] = readName(bytes, p);
    [, p] = readName(bytes, p);
    const kind = bytes[p++];
    // What follows each kind: a function's type, a table's or a memory's limits, a global's type.
    if (kind === 0x00) {
      imported++;
      [, p] = readLeb(bytes, p);
    } else if (kind === 0x01) p = limits(p + 1);
    else if (kind === 0x02) p = limits(p);
    else if (kind === 0x03) p += 2;
    else throw new Error(`${where}: an import of kind ${kind}`);
  }
  return imported;
}

/**
 * The type of each imported function of the module `bytes`, by the import's field name, written
 * as `(params)->(results)` in the format's value-type bytes: `(7c)->(6f)` takes an f64 and gives
 * an externref.
 */
export function importTypes(bytes) {
  const types = [];
  const imports = new Map();
  for (const { id, start } of sections(bytes)) {
    if (id === 1) {
      let [count, p] = readLeb(bytes, start);
      for (; count > 0; count--) {
        p++; // 0x60, a function type
        const list = () => {
          const [n, at] = readLeb(bytes, p);
          p = at + n;
          return bytes.subarray(at, at + n).toString('hex');
        };
        const params = list();
        types.push(`(${params})->(${list()})`);
      }
    } else if (id === 2) {
      let [count, p] = readLeb(bytes, start);
      for (; count > 0; count--) {
        let field;
        [, p] = readName(bytes, p);
        [field, p] = readName(bytes, p);
        const kind = bytes[p++];
        if (kind === 0x00) {
          let type;
          [type, p] = readLeb(bytes, p);
          imports.set(field, types[type]);
        } else {
          // Past a table's, memory's or global's description, as importedFunctions reads it.
          if (kind === 0x01) p++;
          if (kind === 0x01 || kind === 0x02) {
            const flags = bytes[p++];
            [, p] = readLeb(bytes, p);
            if (flags & 1) [, p] = readLeb(bytes, p);
          } else if (kind === 0x03) p += 2;
          else throw new Error(`an import of kind ${kind}`);
        }
      }
    }
  }
  return imports;
}

/** The function bodies of the code section whose contents begin at `start`, each whole. */
export function functionBodies(bytes, start) {
  const bodies = [];
  let [count, p] = readLeb(bytes, start);
  for (; count > 0; count--) {
    let length;
    [length, p] = readLeb(bytes, p);
    bodies.push(bytes.subarray(p, p + length));
    p += length;
  }
  return bodies;
}
