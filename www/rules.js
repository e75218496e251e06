// The rule reference page: every provision of a regulation with its citations, and every code with
// its message template, from the package's own catalogue.
import { init, jurisdictions, rules } from './pkg/index.js';

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

function render() {
  const locale = localePicker.value;
  const j = jurisdictions({ locale }).find((x) => x.id === picker.value);
  document.getElementById('regulation').textContent =
    `《${j.title}》 ${j.documentNumber ?? '（文号原文未载明）'} ${j.inForce ? `自 ${j.inForce} 起施行` : '（施行日期原文未载明）'}`;
  const catalogue = rules({ jurisdiction: j.id, locale });
  const provisions = document.getElementById('provisions');
  const rows = catalogue.provisions.map((p) => {
    const cites = p.citations.map((c) => `${c.article}：${c.summary}`).join('\n');
    const tr = row(provisions, [p.rule, p.kind, p.codes.join(' ') || '—', cites, p.summary]);
    tr.dataset.rule = p.rule;
    return tr;
  });
  provisions.tBodies[0].replaceChildren(...rows);
  const codeTable = document.getElementById('codes');
  const codes = catalogue.codes.map((c) => {
    const tr = row(codeTable, [c.code, c.name, c.severity, c.template]);
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
