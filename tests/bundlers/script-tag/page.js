// The page's checks, shared by index.html (the script tag) and inline.html (its text inserted).
(async function () {
  var result = document.getElementById('result');
  try {
    // ?one: a county's page, with the module without the embedded regulations and its profile;
    // ?english: the five regulations and their English texts.
    var init = { '?one': { jurisdictions: ['tongzhou'] }, '?english': { locales: ['zh-CN', 'en'] } };
    await govItRules.init(window.initInput || init[location.search]);
    var application = await (await fetch('./fixture.json')).json();
    var options = { jurisdiction: 'tongzhou', asOf: '2025-06-01' };
    var at = function (amount) {
      return govItRules.validate(Object.assign({}, application, { totalInvestment: amount, annualFunding: amount }), options);
    };
    var above = at('300.0001');
    result.textContent = JSON.stringify({
      loaded: govItRules.jurisdictions().map(function (j) { return j.id; }),
      errors: govItRules.validate(application, options).summary.errors,
      approval: above.outcomes.approval.value.need,
      below: at('300').outcomes.merge.value.mode,
      above: above.outcomes.merge.value.mode,
      articles: above.outcomes.merge.because.flatMap(function (b) { return b.citations.map(function (c) { return c.article; }); }),
      other: govItRules.validate(application, Object.assign({}, options, { jurisdiction: 'shexian' })).diagnostics.map(function (d) { return d.code; }),
      english: (function (report) {
        return { title: report.jurisdiction.title, notices: report.notices.map(function (n) { return n.code; }) };
      })(govItRules.validate(application, Object.assign({}, options, { locale: 'en' }))),
    });
    result.dataset.state = 'done';
  } catch (error) {
    result.textContent = error.name + ': ' + error.message;
    result.dataset.state = 'failed';
  }
})();
