import { createApp } from 'vue';
import 'element-plus/dist/index.css';
import { init } from 'gov-it-rules/noform';
import ApplicationForm from './ElementPlusForm.vue';

// Load the WebAssembly module before the form is shown.
await init();
createApp(ApplicationForm).mount('#app');
