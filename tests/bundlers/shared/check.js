// What every browser route checks, given the package's functions as the route imported them: a
// real report for the 通州 fixture, and the approval-tier and merge verdicts on either side of 第十一条's
// 300 万元 line, written into the page as JSON for the test to read (#result, data-state).
import application from '../../fixtures/tongzhou-declaration.json';

const english = (report) => ({ title: report.jurisdiction.title, notices: report.notices.map((n) => n.code) });

export async function check({ init, validate, jurisdictions }, initArgument) {
  const result = document.getElementById('result');
  try {
    await init(initArgument);
    const options = { jurisdiction: 'tongzhou', asOf: '2025-06-01' };
    const at = (amount) =>
      validate({ ...application, totalInvestment: amount, annualFunding: amount }, options);
    const below = at('300');
    const above = at('300.0001');
    const merge = above.outcomes.merge;
    result.textContent = JSON.stringify({
      loaded: jurisdictions().map((j) => j.id),
      errors: validate(application, options).summary.errors,
      approval: above.outcomes.approval.value.need,
      below: below.outcomes.merge.value.mode,
      above: merge.value.mode,
      articles: merge.because.flatMap((b) => b.citations.map((c) => c.article)),
      other: validate(application, { ...options, jurisdiction: 'shexian' }).diagnostics.map((d) => d.code),
      // In English: the regulation's own texts in English where the page asked for them
      // (init({ locales })), in Chinese with a JU006 notice where it did not.
      english: english(validate(application, { ...options, locale: 'en' })),
    });
    result.dataset.state = 'done';
  } catch (error) {
    result.textContent = `${error.name}: ${error.message}`;
    result.dataset.state = 'failed';
  }
}
