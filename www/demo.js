// The demo page uses the package exactly as a portal would: init, attach to its own form, and
// switch options when the user picks another regulation.
import { init, attach, jurisdictions, loadProfile } from './pkg/index.js';

const SAMPLES = [
  ['tongzhou', '通州 · 市场监管平台'],
  ['shexian', '歙县 · 应急指挥平台'],
  ['tinghu', '亭湖 · 智慧教育数据中台'],
  ['jiangjin', '江津 · 智慧城管平台'],
  ['xiangcheng', '相城 · 市场监管平台'],
];
// Parameters the texts name but leave to other rules; a real portal supplies its own values.
const PORTAL_PARAMETERS = { decentralizedProcurementLimit: '100', governmentProcurementLimit: '100' };

// The module that also reads JSON profiles, so that a county's profile can be tried here as it is
// written; a portal ships the smaller default module and compiled profiles (js/README.md).
await init({ profileJson: true });

const form = document.getElementById('application');
const picker = document.getElementById('jurisdiction');
const regulation = document.getElementById('regulation');
const documentsBox = document.getElementById('documents');
const rows = document.getElementById('resource-rows');
const rowTemplate = document.getElementById('resource-row');
let catalogue = jurisdictions();

function fillPicker() {
  const options = catalogue.map((j) => {
    const option = document.createElement('option');
    option.value = j.id;
    option.textContent = `${j.region.replace(/^.*省|^重庆市/, '')} · ${j.title}`;
    return option;
  });
  picker.replaceChildren(...options);
}
fillPicker();
const initial = new URLSearchParams(location.search).get('j');
picker.value = catalogue.some((j) => j.id === initial) ? initial : 'tongzhou';

function current() {
  return catalogue.find((j) => j.id === picker.value);
}

function showRegulation() {
  const j = current();
  const parts = [`《${j.title}》`, j.documentNumber ?? '文号：原文未载明', j.inForce ? `自 ${j.inForce} 起施行` : '施行日期：原文未载明'];
  regulation.textContent = parts.join('　');
  fillNature();
}

// 项目性质 offers what the regulation's form lists (jurisdictions()' choices). A value chosen
// before that the regulation does not list stays chosen, so that its message says so.
function fillNature() {
  const select = document.getElementById('f-nature');
  const chosen = select.value;
  const values = current().choices.nature ?? ['新建', '续建', '维护', '往年未支付'];
  const listed = chosen && !values.includes(chosen) ? [...values, chosen] : values;
  select.replaceChildren(new Option('请选择', ''), ...listed.map((value) => new Option(value, value)));
  select.value = chosen;
}

// The documents ticked, kept across a switch of regulation: one the next regulation does not list
// is ticked again when a regulation that lists it comes back.
const ticked = new Set();

function renderDocuments() {
  for (const box of documentsBox.querySelectorAll('input')) {
    if (box.checked) ticked.add(box.value);
    else ticked.delete(box.value);
  }
  const checked = ticked;
  const items = Object.entries(current().documents).map(([key, name]) => {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.name = 'documents';
    box.value = key;
    box.checked = checked.has(key);
    label.append(box, ` ${name}`);
    return label;
  });
  documentsBox.replaceChildren(...items);
}

function addRow(values = {}) {
  const row = rowTemplate.content.firstElementChild.cloneNode(true);
  for (const cell of row.querySelectorAll('[data-gov-cell]')) {
    const value = values[cell.dataset.govCell] ?? (cell.dataset.govCell === 'condition' ? values.reason : undefined);
    if (value !== undefined) cell.value = value;
  }
  nameReasonCell(row);
  rows.append(row);
  return row;
}

// One column holds the condition of 有条件共享 or the reason of 不予共享.
function nameReasonCell(row) {
  const sharing = row.querySelector('[data-gov-cell="sharing"]');
  const cell = row.querySelector('[data-gov-cell="condition"], [data-gov-cell="reason"]');
  cell.dataset.govCell = sharing.value === '不予共享' ? 'reason' : 'condition';
}

form.addEventListener('change', (event) => {
  if (event.target.dataset.govCell === 'sharing') nameReasonCell(event.target.closest('tr'));
}, { capture: true });

rows.addEventListener('click', (event) => {
  const button = event.target.closest('.remove-row');
  if (!button) return;
  const row = button.closest('tr');
  edited = true;
  const next = row.nextElementSibling?.querySelector('input') ?? document.getElementById('add-resource');
  row.remove();
  next.focus();
});
document.getElementById('add-resource').addEventListener('click', () => {
  edited = true;
  addRow().querySelector('input').focus();
});

function fill(application) {
  form.reset();
  ticked.clear();
  rows.replaceChildren();
  const flat = (obj, prefix = '') => Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' && !Array.isArray(v) ? flat(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v]]);
  for (const [path, value] of flat(application)) {
    if (path === 'documents' || path === 'resources') continue;
    const controls = [...form.elements].filter((c) => c.name === path);
    for (const c of controls) {
      if (c.type === 'checkbox') c.checked = Array.isArray(value) ? value.includes(c.value) : value === true;
      else c.value = String(value);
    }
  }
  renderDocuments();
  const onFile = new Map((application.documents ?? []).map((d) => (typeof d === 'string' ? [d, []] : [d.kind, d.chapters ?? []])));
  for (const box of documentsBox.querySelectorAll('input')) {
    box.checked = onFile.has(box.value);
    // Keep the chapters the sample's documents declare, as a portal's checklist would.
    const chapters = onFile.get(box.value) ?? [];
    if (chapters.length) box.dataset.govChapters = chapters.join(',');
    else delete box.dataset.govChapters;
  }
  for (const row of application.resources ?? []) addRow(row);
}

// What the user typed, ticked or added is not replaced by a sample without asking.
let edited = false;
for (const type of ['input', 'change']) {
  form.addEventListener(type, (event) => {
    if (event.isTrusted) edited = true;
  });
}

for (const [id, label] of SAMPLES) {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = label;
  button.dataset.sample = id;
  button.addEventListener('click', async () => {
    if (edited && !confirm(`载入示例「${label}」将替换表单中已填写的内容。是否继续？`)) return;
    const response = await fetch(`samples/${id}-declaration.json`);
    const application = await response.json();
    picker.value = id;
    showRegulation();
    fill(application);
    edited = false;
    handle.setOptions({ jurisdiction: id });
  });
  document.getElementById('samples').append(button);
}

showRegulation();
renderDocuments();
addRow();

const debounce = new URLSearchParams(location.search).get('debounce');
const handle = attach(form, {
  jurisdiction: picker.value,
  parameters: PORTAL_PARAMETERS,
  // The application as checked, posted with the form for the portal's server to re-check.
  applicationField: 'govitApplication',
  ...(debounce === null ? {} : { debounce: Number(debounce) }),
});

picker.addEventListener('change', () => {
  showRegulation();
  renderDocuments();
  handle.setOptions({ jurisdiction: picker.value });
  history.replaceState(null, '', `?j=${picker.value}`);
});

// A valid submit (attach() stops one with errors) is sent nowhere: the page says so and shows the
// application the form would post for a portal's server to re-check (its hidden field).
const confirmation = document.getElementById('submitted');
form.addEventListener('submit', (event) => {
  event.preventDefault();
  const application = JSON.parse(new FormData(form).get('govitApplication'));
  confirmation.querySelector('pre').textContent = JSON.stringify(application, null, 2);
  confirmation.hidden = false;
  confirmation.focus();
});
form.addEventListener('input', () => {
  confirmation.hidden = true;
});

// A county's own rules, written as a profile (docs/profile-format.md), loaded at run time.
const status = document.getElementById('profile-status');
document.getElementById('profile-file').addEventListener('change', async (event) => {
  const file = event.target.files[0];
  if (!file) return;
  // A compiled profile (gov-it-check compile) or the JSON itself.
  const result = file.name.endsWith('.govit')
    ? loadProfile(new Uint8Array(await file.arrayBuffer()))
    : loadProfile(await file.text());
  if (!result.ok) {
    const list = document.createElement('ul');
    for (const e of result.errors) {
      const li = document.createElement('li');
      li.textContent = `${e.path}：${e.message}`;
      list.append(li);
    }
    const title = document.createElement('p');
    title.textContent = `规则文件「${file.name}」未载入，原因：`;
    status.replaceChildren(title, list);
    return;
  }
  catalogue = jurisdictions();
  fillPicker();
  picker.value = result.id;
  const title = document.createElement('p');
  title.textContent = `已载入规则文件「${file.name}」（${result.id}）。`;
  status.replaceChildren(title);
  showRegulation();
  renderDocuments();
  handle.setOptions({ jurisdiction: result.id });
});

// Integrators' tests reach the handle here; a portal would keep it in its own module.
window.govItDemo = { handle, attach, form };
document.documentElement.dataset.ready = 'true';
