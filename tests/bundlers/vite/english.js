// One county's page that shows English: 通州's profile and its English texts, both copied by Vite
// from the package.
import * as govItRules from 'gov-it-rules';
import { check } from '../shared/check.js';

check(govItRules, { jurisdictions: ['tongzhou'], locales: ['zh-CN', 'en'] });
