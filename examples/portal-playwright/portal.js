// The portal's own script: the package attached to the form it already has. attach() stops a
// submit that has errors before the portal's own handler sees it; submitting a valid form is the
// portal's business, and here it only records that it happened.
import { init, attach } from '/pkg/index.js';

// A portal for one county loads its own regulation: the module without the others and 通州's
// compiled profile (about 215 KB gzip of the package rather than 252 KB).
await init({ jurisdictions: ['tongzhou'] });
const form = document.querySelector('#apply');
// The application attach() checked goes with the post, in a hidden field the server re-checks.
const handle = attach(form, { jurisdiction: 'tongzhou', asOf: '2025-06-01', applicationField: 'govitApplication' });
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
  // What the portal would post: the form's fields, the carried application among them.
  document.body.dataset.posted = new URLSearchParams(new FormData(form)).toString();
});
document.documentElement.dataset.ready = 'true';
