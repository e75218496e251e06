import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// Four pages: an index, and the same 申报 form with Element Plus, Ant Design Vue and VeeValidate.
const page = (name) => resolve(import.meta.dirname, `${name}.html`);
export default defineConfig({
  root: import.meta.dirname,
  plugins: [vue()],
  build: {
    rollupOptions: {
      input: { index: page('index'), element: page('element-plus'), antd: page('ant-design-vue'), vee: page('vee-validate') },
    },
  },
});
