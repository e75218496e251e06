// One county's page: the module without the embedded regulations and 通州's profile only. Vite
// copies both from the package; nothing is copied by hand and no URL is passed.
import * as govItRules from 'gov-it-rules';
import { check } from '../shared/check.js';

check(govItRules, { jurisdictions: ['tongzhou'] });
