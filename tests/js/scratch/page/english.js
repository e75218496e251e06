// A page that shows English: init({ locales }) fetches the regulations' English texts, with all
// five regulations (?mode=all) or one (?mode=one); without it (?mode=chinese), English answers
// give the regulations' texts in Chinese with a JU006 notice, and no English texts are fetched;
// loadLocale('en') fetches them when first asked for, after init() (?mode=later, later-one).
import { init, validate, jurisdictions, loadLocale } from 'gov-it-rules';

const mode = new URLSearchParams(location.search).get('mode');
const settings = {
  all: { locales: ['zh-CN', 'en'] },
  one: { jurisdictions: ['tongzhou'], locales: ['zh-CN', 'en'] },
  chinese: { locales: ['zh-CN'] },
  later: {},
  'later-one': { jurisdictions: ['tongzhou'] },
}[mode];
const failure = (promise) => promise.then(() => 'loaded', (e) => `${e.name}: ${e.message}`);

window.result = (async () => {
  const refused = await failure(init({ locales: ['fr'] }));
  await init(settings);
  const application = await (await fetch('./fixture.json')).json();
  const answer = () => {
    const report = validate(application, { jurisdiction: 'tongzhou', asOf: '2025-06-01', locale: 'en' });
    return {
      title: report.jurisdiction.title,
      notices: report.notices.map((n) => n.code),
      summary: report.outcomes.approval.because[0].citations[0].summary,
      titles: jurisdictions({ locale: 'en', asOf: '2025-06-01' }).map((j) => j.title),
    };
  };
  const result = { refused, ...answer() };
  if (mode.startsWith('later')) {
    result.fetchedAtInit = performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => path.startsWith('/profiles/'));
    await loadLocale('en');
    await loadLocale('en');
    result.later = answer();
    result.wrongLocale = await failure(loadLocale('fr'));
  }
  return result;
})();
