import { createApp } from 'vue';
import { init } from 'gov-it-rules';
import ApplicationForm from './VeeValidateForm.vue';

// Load the WebAssembly module before the form is shown.
await init();
createApp(ApplicationForm).mount('#app');
