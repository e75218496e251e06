// Writes the bench's complete application for each jurisdiction to bench-output/inputs/<j>.json,
// for the native profiling workload (examples/profile.rs; BENCHMARKS.md).
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JURISDICTIONS, completeApplication } from './inputs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'bench-output', 'inputs');
await mkdir(out, { recursive: true });
for (const j of JURISDICTIONS) {
  const fixture = JSON.parse(await readFile(join(root, 'tests', 'fixtures', `${j}-declaration.json`), 'utf8'));
  await writeFile(join(out, `${j}.json`), `${JSON.stringify(completeApplication(fixture), null, 2)}\n`);
}
console.log(`wrote ${JURISDICTIONS.length} applications to bench-output/inputs/`);
