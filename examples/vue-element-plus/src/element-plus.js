import { createApp } from 'vue';
import 'element-plus/dist/index.css';
import { init } from 'gov-it-rules/noform';
import ApplicationForm from './ElementPlusForm.vue';

// Load the WebAssembly module and 通州's regulation before the form is shown: this page needs no
// attach() (gov-it-rules/noform) and one county's regulation, not all five.
await init({ jurisdictions: ['tongzhou'] });
createApp(ApplicationForm).mount('#app');
