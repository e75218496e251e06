// The portal's own script: the package attached to the form it already has. attach() stops a
// submit that has errors before the portal's own handler sees it; submitting a valid form is the
// portal's business, and here it only records that it happened.
import { init, attach } from '/pkg/index.js';

// A portal for one county loads its own regulation: the module without the others and 通州's
// compiled profile (about 192 KB gzip of the package rather than 222 KB).
await init({ jurisdictions: ['tongzhou'] });
const form = document.querySelector('#apply');
attach(form, { jurisdiction: 'tongzhou', asOf: '2025-06-01' });
form.addEventListener('submit', (event) => {
  event.preventDefault();
  document.body.dataset.submitted = 'true';
});
document.documentElement.dataset.ready = 'true';
