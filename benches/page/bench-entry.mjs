// The in-page benchmark (bundled by esbuild into bench-output/page/bench.js): the package is
// loaded from /pkg/ as a portal would, the peers are bundled.
import * as zod from '../peers/zod.mjs';
import * as valibot from '../peers/valibot.mjs';
import { agreement, runAll } from '../core.mjs';
import { JURISDICTIONS } from '../inputs.mjs';

window.runBench = async (quick) => {
  const pkg = '/pkg/index.js';
  const gov = await import(pkg);
  await gov.init();
  const fixtures = {};
  for (const j of JURISDICTIONS) fixtures[j] = await (await fetch(`/tests/fixtures/${j}-declaration.json`)).json();
  const peers = { 'zod 4': zod, valibot };
  return { agreement: agreement(gov, peers, fixtures), rows: runAll(gov, peers, fixtures, { quick }) };
};
