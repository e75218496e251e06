import { createApp } from 'vue';
import 'ant-design-vue/dist/reset.css';
import { init } from 'gov-it-rules/noform';
import FundingForm from './AntDesignFunding.vue';

await init({ jurisdictions: ['tongzhou'] });
createApp(FundingForm).mount('#app');
