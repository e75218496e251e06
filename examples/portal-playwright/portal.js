// The portal's own script: the package attached to the form it already has. attach() stops a
// submit that has errors before the portal's own handler sees it; submitting a valid form is the
// portal's business, and here it only records that it happened.
import { init, attach } from '/pkg/index.js';

// A portal for one county loads its own regulation: the module without the others and 通州's
// compiled profile (about 201 KB gzip of the package rather than 238 KB).
await init({ jurisdictions: ['tongzhou'] });
const form = document.querySelector('#apply');
const handle = attach(form, { jurisdiction: 'tongzhou', asOf: '2025-06-01' });
// A draft the applicant saved, put back into the form by script: setting a value fires no event,
// so the form is read again.
const DRAFT = { name: '某区智慧城管平台', unit: '某区城市管理局', totalInvestment: '480' };
document.querySelector('#load-draft').addEventListener('click', () => {
  for (const [name, value] of Object.entries(DRAFT)) form.elements.namedItem(name).value = value;
  handle.refresh();
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  document.body.dataset.submitted = 'true';
});
document.documentElement.dataset.ready = 'true';
