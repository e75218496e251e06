// A page for one county: the module without embedded regulations and only 通州's profile. A
// county's own profile loads compiled (gov-it-check compile); this module reads no JSON profile.
import { init, validate, jurisdictions, loadProfile } from 'gov-it-rules';

window.result = (async () => {
  const refused = await init({ jurisdictions: ['example-county'] }).then(() => 'loaded', (e) => `${e.name}: ${e.message}`);
  await init({ jurisdictions: ['tongzhou'] });
  const application = await (await fetch('./fixture.json')).json();
  const options = { jurisdiction: 'tongzhou', asOf: '2025-06-01' };
  const ids = jurisdictions().map((j) => j.id);
  const json = loadProfile(await (await fetch('./example-county.json')).text());
  const county = loadProfile(new Uint8Array(await (await fetch('./example-county.govit')).arrayBuffer()));
  return {
    refused,
    ids,
    json: json.ok ? 'loaded' : json.errors.map((e) => e.message),
    county: county.ok ? jurisdictions().map((j) => j.id) : county.errors,
    report: validate(application, options),
    other: validate(application, { ...options, jurisdiction: 'shexian' }).diagnostics.map((d) => d.code),
  };
})();
