// The crossing comparisons in a page (bundled by esbuild into bench-output/page/crossing.js): the
// bench module from /bench-output/crossing/, the package from /pkg/ as a portal loads it.
import { runCrossing } from '../crossing-core.mjs';

window.runCrossing = async () => {
  // Through variables, so that esbuild leaves the imports to the page.
  const [benchGlue, pkgEntry] = ['/bench-output/crossing/crossing.js', '/pkg/index.js'];
  const crossing = await import(benchGlue);
  await crossing.default({ module_or_path: '/bench-output/crossing/crossing_bg.wasm' });
  const pkg = await import(pkgEntry);
  await pkg.init();
  const json = async (path) => (await fetch(path)).json();
  const tongzhou = await json('/src/profiles/tongzhou.json');
  tongzhou.id = 'tongzhou-crossing';
  return runCrossing({
    crossing,
    pkg,
    fixture: await json('/tests/fixtures/tongzhou-declaration.json'),
    profiles: [['tongzhou', tongzhou], ['example county', await json('/tests/fixtures/profiles/example-county.json')]],
  });
};
