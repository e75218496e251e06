// The bench inputs, the same in Node and in the browser: for each jurisdiction a complete,
// realistic application (its fixture, every field of the 申报表 filled in, 20 information-resource
// rows, the acceptance-stage dates), and the edit sequences the per-edit benchmark types.
// `fixtures` maps a jurisdiction to the parsed tests/fixtures/<j>-declaration.json.

export const JURISDICTIONS = ['tongzhou', 'shexian', 'tinghu', 'jiangjin', 'xiangcheng'];
export const AS_OF = '2026-06-01';

const SHARING = [
  { sharing: '无条件共享' },
  { sharing: '有条件共享', condition: '仅向执法协作部门共享' },
  { sharing: '不予共享', reason: '涉及个人信息，依法应予保密' },
];

/** 20 rows of the 信息资源目录 table. */
export function resourceRows() {
  return Array.from({ length: 20 }, (_, i) => ({
    name: `业务信息资源${i + 1}`,
    description: `第${i + 1}类业务数据：主体、事项、办理结果及时间`,
    updateFrequency: ['实时', '每天', '每周', '每月'][i % 4],
    ...SHARING[i % 3],
  }));
}

/** A complete application for `j`, built from its fixture. */
export function completeApplication(fixture) {
  return {
    ...fixture,
    site: fixture.site ?? '区政务服务中心',
    participatingDepartments: fixture.participatingDepartments ?? '区数据局、区财政局',
    fundingNote: fixture.fundingNote ?? '财政资金已列入年度预算，自筹部分由单位自有资金解决',
    networkType: fixture.networkType ?? '政务外网',
    classificationLevel: fixture.classificationLevel ?? '非涉密',
    preparation: fixture.preparation ?? { planCompiled: true, planExpertReviewed: true },
    expertPanel: { size: 5 },
    acceptancePanel: { size: 5, external: 3 },
    freeMaintenanceYears: 1,
    resources: resourceRows(),
    dates: {
      approval: '2026-02-10',
      contractSigned: '2026-03-05',
      contractFiled: '2026-03-12',
      completion: '2026-11-20',
      initialAcceptance: '2026-11-25',
      trialRunStart: '2026-11-26',
      trialRunEnd: '2027-02-26',
      goLive: '2027-02-27',
      acceptanceApplication: '2027-03-05',
      finalAcceptance: '2027-03-20',
      reportUploaded: '2027-03-25',
    },
  };
}

/**
 * The 通州 inputs the agreement check runs on, as [label, application]: the complete application,
 * the amount on and around every threshold, malformed and missing values, a funding sum that does
 * not add up, a 项目性质 not on the form's list, a mandated project, and an empty form.
 */
export function agreementInputs(tongzhou) {
  const base = completeApplication(tongzhou);
  const out = [['complete', base]];
  for (const amount of ['0', '49.9999', '50', '50.0001', '99', '100', '100.0001', '268.5', '300', '300.0001', '301', '5000', 300, 12.5, '300.', 'abc', '-1', '1e3', ' 120 ', '120万元', '']) {
    out.push([`totalInvestment=${JSON.stringify(amount)}`, { ...base, totalInvestment: amount }]);
  }
  out.push(['totalInvestment missing', omit(base, 'totalInvestment')]);
  out.push(['mandated, 5000', { ...base, totalInvestment: '5000', mandatedBy: ['provincial'] }]);
  out.push(['mandated county only, 5000', { ...base, totalInvestment: '5000', mandatedBy: ['county'] }]);
  out.push(['mandate unanswered, 500', omit({ ...base, totalInvestment: '500' }, 'mandatedBy')]);
  out.push(['mandate unanswered, 300', omit({ ...base, totalInvestment: '300' }, 'mandatedBy')]);
  out.push(['nature not on list', { ...base, nature: '升级改造' }]);
  out.push(['nature 维护', { ...base, nature: '维护' }]);
  out.push(['sum mismatch this year', { ...base, funding: { ...base.funding, thisYear: { ...base.funding.thisYear, fiscal: '200' } } }]);
  out.push(['sum mismatch prior years', { ...base, funding: { ...base.funding, priorYears: { total: '10', fiscal: '5' } } }]);
  out.push(['sum with empty sources', { ...base, funding: { thisYear: { total: '268.5', fiscal: '268.5' } } }]);
  out.push(['sum with a malformed source', { ...base, funding: { thisYear: { total: '268.5', fiscal: 'x' } } }]);
  out.push(['no name, unit, phone', omit(base, 'name', 'unit', 'contactPhone')]);
  out.push(['blank texts', { ...base, name: '', projectLead: '' }]);
  out.push(['mlpsLevel missing', omit(base, 'mlpsLevel')]);
  out.push(['empty form', {}]);
  for (const text of TYPING) out.push([`typing ${text}`, { ...base, totalInvestment: text }]);
  return out;
}

/** Typing an amount digit by digit across the 300 万元 line and back (one keystroke each). */
export const TYPING = ['3', '30', '300', '300.', '300.0', '300.01', '300.0', '300.', '300', '30', '3', ''];

function omit(object, ...keys) {
  const copy = { ...object };
  for (const k of keys) delete copy[k];
  return copy;
}
