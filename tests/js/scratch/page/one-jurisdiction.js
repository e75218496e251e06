// A page for one county: the module without embedded regulations and only 通州's profile; with
// ?form=false, the module without the form component either. A county's own profile loads
// compiled (gov-it-check compile); these modules read no JSON profile.
import { attach, init, validate, jurisdictions, loadProfile } from 'gov-it-rules';

const form = new URLSearchParams(location.search).get('form') !== 'false';

window.result = (async () => {
  const refused = await init({ jurisdictions: ['example-county'], form }).then(() => 'loaded', (e) => `${e.name}: ${e.message}`);
  await init({ jurisdictions: ['tongzhou'], form });
  // An init() on another route, for another county: it loads nothing, and says so.
  const warned = [];
  const warn = console.warn;
  console.warn = (message) => warned.push(String(message));
  await init({ jurisdictions: ['tongzhou'], form });
  await init({ jurisdictions: ['shexian'], form });
  console.warn = warn;
  const application = await (await fetch('./fixture.json')).json();
  const options = { jurisdiction: 'tongzhou', asOf: '2025-06-01' };
  const ids = jurisdictions().map((j) => j.id);
  const json = loadProfile(await (await fetch('./example-county.json')).text());
  const county = loadProfile(new Uint8Array(await (await fetch('./example-county.govit')).arrayBuffer()));
  let attached;
  if (!form) {
    try {
      attach(document.createElement('form'), options);
    } catch (e) {
      attached = e.message;
    }
  }
  return {
    warned,
    refused,
    attach: attached,
    ids,
    json: json.ok ? 'loaded' : json.errors.map((e) => e.message),
    county: county.ok ? jurisdictions().map((j) => j.id) : county.errors,
    report: validate(application, options),
    other: validate(application, { ...options, jurisdiction: 'shexian' }).diagnostics.map((d) => d.code),
  };
})();
