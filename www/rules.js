// The rule reference page: every provision of a regulation with its citations, and every code with
// its message template, from the package's own catalogue.
import { init, jurisdictions, labels, rules } from './pkg/index.js';

// The page shows both locales: the regulations' English texts are fetched with the module.
await init({ locales: ['zh-CN', 'en'] });
const picker = document.getElementById('jurisdiction');
const localePicker = document.getElementById('locale');

// Each cell carries its column's name, which narrow screens show above it (demo.css).
function row(table, texts) {
  const names = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
  const tr = document.createElement('tr');
  tr.append(...texts.map((text, i) => {
    const td = document.createElement('td');
    td.dataset.label = names[i];
    td.textContent = text;
    return td;
  }));
  return tr;
}

// How a provision is checked and how grave a code is, in the page's language; the keys are the
// catalogue's (a program reads those).
const KINDS = {
  outcome: ['结论', 'verdict'],
  requirement: ['所需材料', 'required document'],
  window: ['时限', 'time limit'],
  deadline: ['申报期限', 'deadline'],
  restriction: ['限制', 'restriction'],
  requiredFields: ['必填字段', 'required fields'],
  enumeration: ['可选值', 'listed values'],
  fundingSums: ['资金合计', 'funding sums'],
  resourceTable: ['信息资源表', 'resource table'],
  panel: ['专家组', 'expert panel'],
  adjustment: ['概算调整', 'budget adjustment'],
  notFormalised: ['未作检查', 'not checked'],
};
const VERDICTS = {
  approval: ['审批层级', 'approval'],
  merge: ['合并编报', 'merged compilation'],
  supervision: ['工程监理', 'supervision'],
  management: ['管理方式', 'management'],
  expertPanel: ['专家评审', 'expert panel'],
  financialReview: ['财政评审', 'financial review'],
  acceptance: ['验收', 'acceptance'],
  adjustment: ['调整', 'adjustment'],
};
const SEVERITIES = { error: ['错误', 'error'], warning: ['警告', 'warning'], info: ['提示', 'information'] };

function kindText(kind, locale, names, outcomeNames) {
  const [family, detail] = kind.split('.');
  const en = locale === 'en' ? 1 : 0;
  const label = KINDS[family]?.[en] ?? family;
  if (detail === undefined) return label;
  // outcome.approval: the verdict's heading; requirement.declaration: the stage.
  // outcome.merge: the verdict as the regulation names it (江津 可研与初步设计), else the heading.
  const of = family === 'outcome' ? outcomeNames[detail] ?? VERDICTS[detail]?.[en] : names.stages[detail];
  return en ? `${label} (${of ?? detail})` : `${label}（${of ?? detail}）`;
}

function render() {
  const locale = localePicker.value;
  const j = jurisdictions({ locale }).find((x) => x.id === picker.value);
  document.getElementById('regulation').textContent =
    `《${j.title}》 ${j.documentNumber ?? '（文号原文未载明）'} ${j.inForce ? `自 ${j.inForce} 起施行` : '（施行日期原文未载明）'}`;
  const catalogue = rules({ jurisdiction: j.id, locale });
  const names = labels(locale);
  const provisions = document.getElementById('provisions');
  const rows = catalogue.provisions.map((p) => {
    const cites = p.citations.map((c) => `${c.article}：${c.summary}`).join('\n');
    const tr = row(provisions, [p.rule, kindText(p.kind, locale, names, j.outcomeNames), p.codes.join(' ') || '—', cites, p.summary]);
    tr.dataset.rule = p.rule;
    return tr;
  });
  provisions.tBodies[0].replaceChildren(...rows);
  const codeTable = document.getElementById('codes');
  const codes = catalogue.codes.map((c) => {
    const tr = row(codeTable, [c.code, c.name, SEVERITIES[c.severity]?.[locale === 'en' ? 1 : 0] ?? c.severity, c.template]);
    tr.dataset.code = c.code;
    return tr;
  });
  codeTable.tBodies[0].replaceChildren(...codes);
  // The catalogue's text is in the chosen language; the page around it stays Chinese.
  for (const table of [provisions, codeTable]) table.tBodies[0].lang = locale;
}

for (const j of jurisdictions()) {
  const option = document.createElement('option');
  option.value = j.id;
  option.textContent = `${j.region} · ${j.title}`;
  picker.append(option);
}
picker.addEventListener('change', render);
localePicker.addEventListener('change', render);
render();
document.documentElement.dataset.ready = 'true';
