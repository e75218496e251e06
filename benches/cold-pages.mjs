// The cold-start pages, and one load of one: benches/page/cold.html for a package folder the
// server reaches, with preload hints in its head for the package's JS modules and for the files
// init() fetches, as js/README.md advises portals that load the package unbundled, and init()'s
// options. Used by benches/run.mjs (the package in pkg/) and benches/ab.mjs (two builds side by
// side).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The cold-start page for the package at `folder` (its path on the server, as '/pkg'), with hints
 * for `fetched` (`[file, type]` pairs, relative to the folder) and `init` as init()'s argument
 * (text), or init() without one.
 */
export async function coldPage(root, folder, fetched, init) {
  const template = await readFile(join(root, 'benches', 'page', 'cold.html'), 'utf8');
  if (!template.includes("import('/pkg/index.js')") || !template.includes('await gov.init();')) {
    throw new Error('benches/page/cold.html no longer imports /pkg/index.js and calls gov.init() as the cold pages expect');
  }
  const hints = [
    // The package's JS modules: index.js, and wasm-bindgen's glue beside it in builds before
    // 2026-12-03, which imported it as a module of its own.
    ...['index.js', 'gov_it_rules.js']
      .filter((f) => existsSync(join(root, folder, f)))
      .map((f) => `<link rel="modulepreload" href="${folder}/${f}">`),
    ...fetched.map(([f, type]) => `<link rel="preload" href="${folder}/${f}" as="fetch"${type ? ` type="${type}"` : ''} crossorigin>`),
  ];
  return template
    .replace('</title>', `</title>\n${hints.join('\n')}`)
    .replace("import('/pkg/index.js')", `import('${folder}/index.js')`)
    .replace('await gov.init();', `await gov.init(${init ?? ''});`);
}

/** One load of a cold page at `url` in a fresh page of `browser`: what it put in `window.cold`. */
export async function loadCold(browser, url) {
  const tab = await browser.newPage();
  try {
    await tab.goto(url);
    await tab.waitForFunction(() => window.cold !== undefined);
    return await tab.evaluate(() => window.cold);
  } finally {
    await tab.close();
  }
}

/** The pages of one county (通州), with and without attach(): what each fetches and init()'s options. */
export const ONE_JURISDICTION = {
  form: { fetched: [['gov_it_rules_core_bg.wasm'], ['profiles/tongzhou.govit']], init: "{ jurisdictions: ['tongzhou'] }" },
  noForm: { fetched: [['gov_it_rules_core_noform_bg.wasm'], ['profiles/tongzhou.govit']], init: "{ jurisdictions: ['tongzhou'], form: false }" },
};
