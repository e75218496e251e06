import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  // For `vite` (the dev server): serve gov-it-rules as installed, so that it finds its .wasm
  // beside itself, rather than pre-bundled into node_modules/.vite/deps/. Builds need nothing.
  optimizeDeps: { exclude: ['gov-it-rules'] },
  plugins: [react()],
});
