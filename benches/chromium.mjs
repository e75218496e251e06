// Headless Chromium for the benchmarks that time code in a page: a static server on the
// repository, cross-origin isolated so that performance.now() is fine-grained in the page, and a
// browser with a fresh profile. `close()` stops both and removes the profile.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from '../tests/js/e2e/server.mjs';

export async function openChromium(root, name) {
  const playwright = join(root, 'tests', 'js', 'node_modules', 'playwright-core', 'index.mjs');
  const { chromium } = await import(pathToFileURL(playwright).href);
  const server = await serve(root, {
    headers: { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' },
  });
  const profile = await mkdtemp(join(tmpdir(), `gov-it-${name}-`));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const close = async () => {
    await browser.close();
    await server.close();
    await rm(profile, { recursive: true, force: true });
  };
  return { url: server.url, browser, close };
}
