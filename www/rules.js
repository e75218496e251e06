// The rule reference page: every provision of a regulation with its citations, and every code with
// its message template, from the package's own catalogue.
import { init, jurisdictions, rules } from './pkg/index.js';

await init();
const picker = document.getElementById('jurisdiction');
const localePicker = document.getElementById('locale');

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

function render() {
  const locale = localePicker.value;
  const j = jurisdictions({ locale }).find((x) => x.id === picker.value);
  document.getElementById('regulation').textContent =
    `《${j.title}》 ${j.documentNumber ?? '（文号原文未载明）'} ${j.inForce ? `自 ${j.inForce} 起施行` : '（施行日期原文未载明）'}`;
  const catalogue = rules({ jurisdiction: j.id, locale });
  const rows = catalogue.provisions.map((p) => {
    const tr = document.createElement('tr');
    tr.dataset.rule = p.rule;
    const cites = p.citations.map((c) => `${c.article}：${c.summary}`).join('\n');
    tr.append(cell(p.rule), cell(p.kind), cell(p.codes.join(' ') || '—'), cell(cites), cell(p.summary));
    return tr;
  });
  document.querySelector('#provisions tbody').replaceChildren(...rows);
  const codes = catalogue.codes.map((c) => {
    const tr = document.createElement('tr');
    tr.dataset.code = c.code;
    tr.append(cell(c.code), cell(c.name), cell(c.severity), cell(c.template));
    return tr;
  });
  document.querySelector('#codes tbody').replaceChildren(...codes);
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
