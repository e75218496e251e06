// webpack 5 with no loaders: it copies the .wasm modules and profiles the package names with
// new URL('./…', import.meta.url) as assets by itself.
import { join } from 'node:path';

export default {
  mode: 'production',
  context: import.meta.dirname,
  entry: { index: './index.js', one: './one.js', english: './english.js' },
  output: { path: join(import.meta.dirname, 'dist'), clean: true, publicPath: 'auto' },
};
