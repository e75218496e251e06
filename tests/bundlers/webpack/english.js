import * as govItRules from 'gov-it-rules';
import { check } from '../shared/check.js';

check(govItRules, { jurisdictions: ['tongzhou'], locales: ['zh-CN', 'en'] });
