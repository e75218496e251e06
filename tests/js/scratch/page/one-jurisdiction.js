// A page for one county: the module without embedded regulations and only 通州's profile.
import { init, validate, jurisdictions, loadProfile } from 'gov-it-rules';

window.result = (async () => {
  const refused = await init({ jurisdictions: ['example-county'] }).then(() => 'loaded', (e) => `${e.name}: ${e.message}`);
  await init({ jurisdictions: ['tongzhou'] });
  const application = await (await fetch('./fixture.json')).json();
  const options = { jurisdiction: 'tongzhou', asOf: '2025-06-01' };
  const ids = jurisdictions().map((j) => j.id);
  const county = loadProfile(await (await fetch('./example-county.json')).text());
  return {
    refused,
    ids,
    county: county.ok ? jurisdictions().map((j) => j.id) : county.errors,
    report: validate(application, options),
    other: validate(application, { ...options, jurisdiction: 'shexian' }).diagnostics.map((d) => d.code),
  };
})();
