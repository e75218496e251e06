import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  logLevel: 'warn',
  // Relative URLs, so that the built page works from any folder of the portal.
  base: './',
  // Vite's dev server pre-bundles dependencies into node_modules/.vite/deps/, away from the
  // files the package names beside itself; served as it is, the package finds them.
  optimizeDeps: { exclude: ['gov-it-rules'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, 'index.html'),
        one: resolve(import.meta.dirname, 'one.html'),
        english: resolve(import.meta.dirname, 'english.html'),
      },
    },
  },
});
