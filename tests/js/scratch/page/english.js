// A page that shows English: init({ locales }) fetches the regulations' English texts, with all
// five regulations (?mode=all) or one (?mode=one); without it (?mode=chinese), English answers
// give the regulations' texts in Chinese with a JU006 notice, and no English texts are fetched.
import { init, validate, jurisdictions } from 'gov-it-rules';

const mode = new URLSearchParams(location.search).get('mode');
const settings = {
  all: { locales: ['zh-CN', 'en'] },
  one: { jurisdictions: ['tongzhou'], locales: ['zh-CN', 'en'] },
  chinese: { locales: ['zh-CN'] },
}[mode];

window.result = (async () => {
  const refused = await init({ locales: ['fr'] }).then(() => 'loaded', (e) => `${e.name}: ${e.message}`);
  await init(settings);
  const application = await (await fetch('./fixture.json')).json();
  const report = validate(application, { jurisdiction: 'tongzhou', asOf: '2025-06-01', locale: 'en' });
  return {
    refused,
    title: report.jurisdiction.title,
    notices: report.notices.map((n) => n.code),
    summary: report.outcomes.approval.because[0].citations[0].summary,
    titles: jurisdictions({ locale: 'en', asOf: '2025-06-01' }).map((j) => j.title),
  };
})();
