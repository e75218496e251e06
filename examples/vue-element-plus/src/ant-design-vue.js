import { createApp } from 'vue';
import 'ant-design-vue/dist/reset.css';
import { init } from 'gov-it-rules';
import ApplicationForm from './AntDesignForm.vue';

// Load the WebAssembly module before the form is shown.
await init();
createApp(ApplicationForm).mount('#app');
