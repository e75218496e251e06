import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// Five pages: an index, the same 申报 form with Element Plus, Ant Design Vue and VeeValidate, and
// a funding group of nested fields in Ant Design Vue.
const page = (name) => resolve(import.meta.dirname, `${name}.html`);
export default defineConfig({
  root: import.meta.dirname,
  // For `vite` (the dev server): serve gov-it-rules as installed, so that it finds its .wasm
  // beside itself, rather than pre-bundled into node_modules/.vite/deps/. Builds need nothing.
  optimizeDeps: { exclude: ['gov-it-rules'] },
  plugins: [vue()],
  build: {
    rollupOptions: {
      input: { index: page('index'), element: page('element-plus'), antd: page('ant-design-vue'), vee: page('vee-validate'), funding: page('ant-design-vue-funding') },
    },
  },
});
