// Live, cited feedback inside a portal's existing <form>.
//
// attach(form, options) maps the form's controls to application fields, keeps a validator in step
// with every edit, shows derived verdicts while the applicant types (debounced, announced politely)
// and shows field errors when a field is left or changed and on submit, never on every keystroke.
// User text only ever reaches the page through textContent.

import { createValidator, labels } from './index.js';

const TEXT = {
  'zh-CN': {
    summaryTitle: '存在以下问题',
    errorPrefix: '错误：',
    warningPrefix: '提示：',
    titlePrefix: '错误：',
    basis: '依据',
    verdicts: '审核结论（随填写实时更新）',
    pending: '待填写',
    approval: '审批层级',
    merge: '合并编报',
    supervision: '工程监理',
    management: '管理方式',
    expertPanel: '专家评审',
    financialReview: '财政评审',
    acceptance: '验收',
    adjustment: '调整',
    documents: '本阶段所需材料',
    windows: '时限',
    notices: '请注意',
    present: '已提交',
    missing: '缺少',
    conditional: '视情况需要',
    feeInBudget: '监理费用纳入投资概算',
    feeNotInBudget: '监理费用不由项目列支',
    authority: '审批部门',
    chain: '文件',
    panel: (p) => `不少于${p.minSize}人${p.odd ? '单数' : ''}${p.externalOnly ? '外部' : ''}专家`,
    review: (r) => (r.required ? `须报${r.by || ''}财政评审` : '无需财政评审'),
    organiser: '组织验收',
    windowStatus: {
      pending: '待起算',
      open: '进行中',
      met: '符合',
      early: '过早',
      late: '超期',
      overdue: '已逾期',
      conditional: '视情况适用',
    },
    by: '截止',
  },
  en: {
    summaryTitle: 'There is a problem',
    errorPrefix: 'Error: ',
    warningPrefix: 'Note: ',
    titlePrefix: 'Error: ',
    basis: 'Basis',
    verdicts: 'Verdicts (updated as you type)',
    pending: 'Still needed',
    approval: 'Approval',
    merge: 'Merged compilation',
    supervision: 'Supervision',
    management: 'Management',
    expertPanel: 'Expert panel',
    financialReview: 'Financial review',
    acceptance: 'Acceptance',
    adjustment: 'Adjustment',
    documents: 'Documents for this stage',
    windows: 'Time limits',
    notices: 'Please note',
    present: 'on file',
    missing: 'missing',
    conditional: 'may be needed',
    feeInBudget: 'fee in the budget estimate',
    feeNotInBudget: 'fee not paid by the project',
    authority: 'Approved by',
    chain: 'Documents',
    panel: (p) => `at least ${p.minSize}${p.odd ? ', odd' : ''}${p.externalOnly ? ', external' : ''}`,
    review: (r) => (r.required ? `required (${r.by || ''})` : 'not required'),
    organiser: 'Organised by',
    windowStatus: {
      pending: 'not started',
      open: 'open',
      met: 'met',
      early: 'too early',
      late: 'too late',
      overdue: 'overdue',
      conditional: 'may apply',
    },
    by: 'by',
  },
};

const OUTCOMES = ['approval', 'merge', 'supervision', 'management', 'expertPanel', 'financialReview', 'acceptance', 'adjustment'];
const TABLES = ['documents', 'resources'];

let uid = 0;

/**
 * Binds live validation to an existing form.
 * @param {HTMLFormElement} form
 * @param {object} options validation options (jurisdiction, stage, asOf, locale, parameters …) plus
 *   `fields` (path → selector or element), `debounce` (ms, default 150), `outcomes` (an element to
 *   render verdicts into; default: a region inserted at the top of the form; `false`: none),
 *   `summary` (an element for the error summary; default: inserted at the top of the form),
 *   `citations` (show the basis of each message; default true).
 */
export function attach(form, options = {}) {
  if (!(form instanceof HTMLFormElement)) {
    throw new TypeError('attach(form, options): form must be a <form> element');
  }
  const { fields: fieldMap = {}, debounce = 150, outcomes: outcomesOption, summary: summaryOption, citations = true, ...validation } = options;
  let settings = { ...validation };
  const doc = form.ownerDocument;
  const locale = () => (settings.locale === 'en' ? 'en' : 'zh-CN');
  const t = () => TEXT[locale()];
  // Verdict values are labelled by the package's labels(), the one list of them.
  const verdictLabel = (verdict, key) => labels(locale()).verdicts[verdict]?.[key] ?? key;

  let validator = createValidator(settings);
  let state = null;
  const shown = new Set();
  const unknown = new Set();
  const pending = new Map();
  let timer = null;
  let submitted = false;
  const originalTitle = doc.title;
  const inserted = [];
  const described = new Map();

  const outcomesRegion = outcomesOption === false ? null : outcomesOption || insertRegion('section', 'gov-verdicts');
  if (outcomesRegion) {
    outcomesRegion.setAttribute('aria-live', 'polite');
    outcomesRegion.classList.add('gov-verdicts');
  }
  const summaryRegion = summaryOption || insertRegion('div', 'gov-summary');
  summaryRegion.hidden = true;
  summaryRegion.setAttribute('tabindex', '-1');

  function insertRegion(tag, className) {
    const el = doc.createElement(tag);
    el.className = className;
    form.insertBefore(el, form.firstChild);
    inserted.push(el);
    return el;
  }

  // ---- reading the form ------------------------------------------------------------------

  function pathOf(control) {
    for (const [path, target] of Object.entries(fieldMap)) {
      const targets = typeof target === 'string' ? form.querySelectorAll(target) : [].concat(target);
      if ([...targets].includes(control)) return path;
    }
    if (control.closest('[data-gov-table]')) return control.closest('[data-gov-table]').dataset.govTable;
    return control.dataset.govField || control.name || null;
  }

  function controlsFor(path) {
    const mapped = fieldMap[path];
    if (mapped) return typeof mapped === 'string' ? [...form.querySelectorAll(mapped)] : [].concat(mapped);
    return [...form.elements].filter((c) => !c.closest('[data-gov-table]') && (c.dataset.govField || c.name) === path);
  }

  function valueOf(path) {
    if (TABLES.includes(path) && form.querySelector(`[data-gov-table="${path}"]`)) return readTable(path);
    const controls = controlsFor(path);
    if (controls.length === 0) return null;
    const first = controls[0];
    if (first.type === 'checkbox') {
      const boxes = controls.filter((c) => c.type === 'checkbox');
      if (boxes.length > 1 || TABLES.includes(path) || first.dataset.govMulti !== undefined) {
        // A document's checkbox may say which chapters it contains: data-gov-chapters="a,b".
        return boxes.filter((c) => c.checked).map((c) => (c.dataset.govChapters
          ? { kind: c.value, chapters: c.dataset.govChapters.split(',').filter(Boolean) }
          : c.value));
      }
      return first.checked;
    }
    if (first.type === 'radio') {
      const checked = controls.find((c) => c.checked);
      return checked ? checked.value : null;
    }
    if (first.multiple) return [...first.selectedOptions].map((o) => o.value);
    return first.value === '' ? null : first.value;
  }

  function readTable(path) {
    const table = form.querySelector(`[data-gov-table="${path}"]`);
    return [...table.querySelectorAll('[data-gov-row]')].map((row) => {
      const out = {};
      for (const cell of row.querySelectorAll('[data-gov-cell]')) {
        if (cell.value !== '') out[cell.dataset.govCell] = cell.value;
      }
      return out;
    });
  }

  function allPaths() {
    const paths = new Set(Object.keys(fieldMap));
    for (const c of form.elements) {
      const p = pathOf(c);
      if (p) paths.add(p);
    }
    for (const table of form.querySelectorAll('[data-gov-table]')) paths.add(table.dataset.govTable);
    return [...paths].filter((p) => !unknown.has(p));
  }

  function readForm() {
    const app = {};
    for (const path of allPaths()) {
      const value = valueOf(path);
      // An empty group of checkboxes is an answer (none ticked: 「无」); only a blank is left out.
      if (value === null) continue;
      setPath(app, path, value);
    }
    return app;
  }

  // Own properties only, defined rather than assigned: a control named `__proto__.x` or
  // `constructor.prototype.x` makes keys of those names, which the core reports as unknown
  // fields, and never reaches Object.prototype.
  function setPath(obj, path, value) {
    const parts = path.split('.');
    const own = (node, name, v) =>
      Object.defineProperty(node, name, { value: v, writable: true, enumerable: true, configurable: true });
    let node = obj;
    for (const part of parts.slice(0, -1)) {
      const next = Object.hasOwn(node, part) ? node[part] : undefined;
      if (next === null || typeof next !== 'object') own(node, part, {});
      node = node[part];
    }
    own(node, parts[parts.length - 1], value);
  }

  // ---- keeping the validator in step --------------------------------------------------------

  function key(d) {
    return `${d.code}|${d.path}|${d.rule ?? ''}|${JSON.stringify(d.params)}`;
  }

  function apply(delta) {
    const drop = (list, changes) => {
      const gone = new Set(changes.removed.map(key));
      return list.filter((d) => !gone.has(key(d))).concat(changes.added);
    };
    state.diagnostics = drop(state.diagnostics, delta.diagnostics);
    state.notices = drop(state.notices, delta.notices);
    for (const [name, value] of Object.entries(delta.outcomes)) state.outcomes[name] = value;
    // Row tables: entries changed or added, and the ids of those gone.
    const patch = (list, change, id) => {
      const removed = new Set(change.removed);
      const changed = new Map(change.changed.map((row) => [id(row), row]));
      const rows = list.filter((row) => !removed.has(id(row))).map((row) => changed.get(id(row)) ?? row);
      for (const row of change.changed) if (!rows.some((r) => id(r) === id(row))) rows.push(row);
      return rows;
    };
    for (const table of ['requiredDocuments', 'windows']) {
      state.outcomes[table] = patch(state.outcomes[table], delta[table], (row) => row.rule);
    }
    state.nearest = patch(state.nearest, delta.nearest, (row) => row.key);
    state.stage = delta.stage;
    state.summary = delta.summary;
  }

  function flush() {
    clearTimeout(timer);
    timer = null;
    if (pending.size === 0) return false;
    for (const [path, value] of pending) {
      const delta = validator.set(path, value);
      if (delta.diagnostics.added.some((d) => d.code === 'IN005' && d.path === path)) {
        // A control of the portal's own (a token, a search box) that is not an application field.
        unknown.add(path);
        apply(validator.set(path, null));
        state.diagnostics = state.diagnostics.filter((d) => !(d.code === 'IN005' && d.path === path));
        continue;
      }
      apply(delta);
    }
    pending.clear();
    return true;
  }

  function load() {
    validator.replace(readForm());
    state = validator.report();
    // Controls of the portal's own that are not application fields: left alone from now on.
    for (const d of state.diagnostics) {
      if (d.code === 'IN005') unknown.add(d.path.split('.')[0]);
    }
    state.diagnostics = state.diagnostics.filter((d) => d.code !== 'IN005');
  }

  // ---- events ----------------------------------------------------------------------------

  function onInput(event) {
    const path = pathOf(event.target);
    if (!path || unknown.has(path)) return;
    pending.set(path, valueOf(path));
    clearTimeout(timer);
    timer = setTimeout(() => {
      const started = performance.now();
      if (flush()) renderOutcomes(started);
    }, debounce);
  }

  function onLeave(event) {
    const path = pathOf(event.target);
    if (!path || unknown.has(path)) return;
    pending.set(path, valueOf(path));
    flush();
    shown.add(path);
    renderOutcomes();
    renderFieldErrors();
  }

  function onSubmit(event) {
    const report = validate();
    if (report.summary.errors > 0) {
      event.preventDefault();
      event.stopImmediatePropagation();
      form.dispatchEvent(new CustomEvent('govit:invalid', { detail: { report } }));
    }
  }

  // Rows added or removed by the portal's own script. Our messages inside the table are not rows.
  const isRow = (node) => node.nodeType === 1 && (node.matches('[data-gov-row]') || node.querySelector('[data-gov-row]'));
  const observer = new MutationObserver((records) => {
    const tables = new Set();
    for (const record of records) {
      if ([...record.addedNodes, ...record.removedNodes].some(isRow)) {
        const table = record.target.closest?.('[data-gov-table]') ?? record.target.querySelector?.('[data-gov-table]');
        if (table) tables.add(table.dataset.govTable);
      }
    }
    if (tables.size === 0) return;
    for (const path of tables) pending.set(path, readTable(path));
    // Row indexes shift when a row goes: errors shown for rows are recomputed from scratch.
    flush();
    renderOutcomes();
    renderFieldErrors();
  });

  form.addEventListener('input', onInput);
  form.addEventListener('change', onLeave);
  form.addEventListener('focusout', onLeave);
  form.addEventListener('submit', onSubmit, { capture: true });
  for (const table of form.querySelectorAll('[data-gov-table]')) {
    observer.observe(table, { childList: true, subtree: true });
  }

  // ---- rendering -------------------------------------------------------------------------

  function el(tag, className, text) {
    const node = doc.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function citeText(citations) {
    if (!citations || citations.length === 0) return '';
    const parts = citations.map((c) => `《${c.regulation}》${c.article}`);
    return `${t().basis}：${[...new Set(parts)].join('、')}`;
  }

  function docName(key) {
    return state.documentNames[key] || key;
  }

  // `started`: when this update began, so that the event can say how long it took (the debounce
  // delay excluded).
  function renderOutcomes(started = performance.now()) {
    if (outcomesRegion) renderVerdicts();
    emit('govit:report', { report: state, elapsedMs: performance.now() - started });
  }

  function renderVerdicts() {
    const tx = t();
    const box = el('div', 'gov-verdicts-body');
    box.append(el('h2', 'gov-verdicts-title', tx.verdicts));
    const list = el('dl', 'gov-outcomes');
    for (const name of OUTCOMES) {
      const outcome = state.outcomes[name];
      if (!outcome) continue;
      const dt = el('dt', null, tx[name]);
      dt.dataset.outcome = name;
      const dd = el('dd');
      dd.dataset.outcome = name;
      dd.dataset.status = outcome.status;
      if (outcome.status === 'undetermined') {
        const labels = outcome.missing.map(labelOf);
        dd.append(el('span', 'gov-pending', `${tx.pending}：${labels.join('、')}`));
      } else {
        dd.append(el('strong', 'gov-verdict', describe(name, outcome.value)));
        dd.dataset.value = verdictKey(name, outcome.value);
        for (const step of outcome.because) {
          const why = el('p', 'gov-because', step.explanation);
          dd.append(why);
          if (citations) dd.append(el('p', 'gov-cite', citeText(step.citations)));
        }
        // How far the amount is from the thresholds where this verdict would change.
        const nearest = state.nearest.filter((n) => n.outcome === name);
        nearest.sort((a, b) => (a.direction === b.direction ? 0 : a.direction === 'below' ? -1 : 1));
        for (const n of nearest) {
          const line = el('p', 'gov-nearest', n.message);
          line.dataset.direction = n.direction;
          dd.append(line);
        }
      }
      list.append(dt, dd);
    }
    box.append(list);
    const docs = state.outcomes.requiredDocuments;
    if (docs.length > 0) {
      box.append(el('h3', null, tx.documents));
      const ul = el('ul', 'gov-documents');
      for (const d of docs) {
        const li = el('li', `gov-doc gov-doc-${d.status}`);
        li.dataset.document = d.document;
        li.dataset.status = d.status;
        li.append(el('span', 'gov-doc-status', `${tx[d.status]}：`), doc.createTextNode(d.name));
        if (d.dependsOn?.length) {
          li.append(el('span', 'gov-pending', `（${tx.pending}：${d.dependsOn.map(labelOf).join('、')}）`));
        }
        ul.append(li);
      }
      box.append(ul);
    }
    const windows = state.outcomes.windows.filter((w) => w.status !== 'pending');
    if (windows.length > 0) {
      box.append(el('h3', null, tx.windows));
      const ul = el('ul', 'gov-windows');
      for (const w of windows) {
        const range = [w.earliest, w.latest].filter(Boolean).join(' ~ ');
        ul.append(el('li', null, `${w.description}（${tx.windowStatus[w.status]}${range ? `，${range}` : ''}）`));
      }
      box.append(ul);
    }
    if (state.notices.length > 0) {
      box.append(el('h3', null, tx.notices));
      const ul = el('ul', 'gov-notices');
      for (const n of state.notices) {
        const li = el('li', null, n.message);
        li.dataset.code = n.code;
        ul.append(li);
      }
      box.append(ul);
    }
    outcomesRegion.replaceChildren(box);
  }

  // A missing field is named as the portal's own form names it.
  function labelOf(path) {
    if (path.startsWith('parameter:')) return path.slice('parameter:'.length);
    const control = anchorFor(path);
    const label = control?.labels?.[0]?.textContent || control?.getAttribute('aria-label');
    return label ? label.trim() : path;
  }

  function verdictKey(name, v) {
    switch (name) {
      case 'approval': return v.need;
      case 'merge': case 'supervision': case 'management': return v.mode;
      case 'adjustment': return v.route;
      case 'financialReview': return String(v.required);
      case 'expertPanel': return String(v.minSize);
      default: return '';
    }
  }

  function describe(name, v) {
    const tx = t();
    switch (name) {
      case 'approval': {
        const parts = [verdictLabel('approval', v.need)];
        if (v.authority) parts.push(`${tx.authority}：${v.authority}`);
        if (v.chain.length) parts.push(`${tx.chain}：${v.chain.map(docName).join(' → ')}`);
        return parts.concat(v.steps || []).join('；');
      }
      case 'merge': {
        const docs = v.documents.map(docName).join('、');
        const replaced = (v.replaces || []).map(docName).join('、');
        return `${verdictLabel('merge', v.mode)}${docs ? `：${docs}` : ''}${replaced ? `（→ ${replaced}）` : ''}`;
      }
      case 'supervision': {
        const fee = v.feeInBudget === true ? tx.feeInBudget : v.feeInBudget === false ? tx.feeNotInBudget : '';
        return [verdictLabel('supervision', v.mode), v.provider, fee].filter(Boolean).join('；');
      }
      case 'management': return verdictLabel('management', v.mode);
      case 'expertPanel': return tx.panel(v);
      case 'financialReview': return tx.review(v);
      case 'acceptance': return [`${tx.organiser}：${v.organiser}`, v.initialAcceptance !== 'notProvided' && verdictLabel('initialAcceptance', v.initialAcceptance)].filter(Boolean).join('；');
      case 'adjustment': return v.procedure;
      default: return '';
    }
  }

  function anchorFor(path) {
    if (path === '') return null;
    const row = /^(resources|documents)\[(\d+)\](?:\.(\w+))?/.exec(path);
    if (row) {
      const table = form.querySelector(`[data-gov-table="${row[1]}"]`);
      const rowEl = table?.querySelectorAll('[data-gov-row]')[Number(row[2])];
      if (rowEl) return (row[3] && rowEl.querySelector(`[data-gov-cell="${row[3]}"]`)) || rowEl.querySelector('[data-gov-cell]');
      return controlsFor(row[1])[0] || null;
    }
    for (let p = path; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
      const controls = controlsFor(p);
      if (controls.length) return controls[0];
      const table = form.querySelector(`[data-gov-table="${p}"]`);
      if (table) return table.querySelector('[data-gov-cell]') || table;
    }
    return null;
  }

  function fieldOf(path) {
    const row = /^(resources|documents)(\[\d+\])?/.exec(path);
    return row ? row[0] : path;
  }

  function visible(d) {
    if (d.severity === 'info') return false;
    if (submitted) return true;
    const field = fieldOf(d.path);
    return shown.has(field) || shown.has(field.replace(/\[\d+\]$/, '')) || [...shown].some((s) => field.startsWith(`${s}.`));
  }

  function ensureId(control) {
    if (!control.id) control.id = `gov-field-${++uid}`;
    return control.id;
  }

  function clearFieldErrors() {
    for (const node of form.querySelectorAll('.gov-error')) node.remove();
    for (const [control, ids] of described) {
      const rest = (control.getAttribute('aria-describedby') || '').split(/\s+/).filter((id) => id && !ids.includes(id));
      if (rest.length) control.setAttribute('aria-describedby', rest.join(' '));
      else control.removeAttribute('aria-describedby');
      control.removeAttribute('aria-invalid');
    }
    described.clear();
  }

  function renderFieldErrors() {
    clearFieldErrors();
    const tx = t();
    for (const d of state.diagnostics.filter(visible)) {
      const control = anchorFor(d.path);
      if (!control) continue;
      const message = el('p', `gov-error gov-${d.severity}`);
      message.id = `gov-msg-${++uid}`;
      message.append(el('span', 'gov-visually-hidden', d.severity === 'error' ? tx.errorPrefix : tx.warningPrefix));
      message.append(el('span', 'gov-error-text', d.message));
      if (citations && d.citations?.length) message.append(el('span', 'gov-cite', citeText(d.citations)));
      message.dataset.code = d.code;
      message.dataset.path = d.path;
      const slot = form.querySelector(`[data-gov-error-for="${CSS.escape(fieldOf(d.path))}"]`);
      if (slot) slot.append(message);
      else (control.closest('fieldset:not([data-gov-table])') && control.type === 'checkbox' ? control.closest('fieldset') : control).after(message);
      if (d.severity === 'error') control.setAttribute('aria-invalid', 'true');
      const ids = (control.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
      control.setAttribute('aria-describedby', [...ids, message.id].join(' '));
      described.set(control, [...(described.get(control) || []), message.id]);
    }
  }

  function renderSummary() {
    const errors = state.diagnostics.filter((d) => d.severity === 'error');
    const tx = t();
    if (errors.length === 0) {
      summaryRegion.hidden = true;
      summaryRegion.replaceChildren();
      summaryRegion.removeAttribute('role');
      doc.title = originalTitle;
      return;
    }
    summaryRegion.hidden = false;
    summaryRegion.setAttribute('role', 'alert');
    const titleId = `gov-summary-title-${++uid}`;
    summaryRegion.setAttribute('aria-labelledby', titleId);
    const h = el('h2', 'gov-summary-title', tx.summaryTitle);
    h.id = titleId;
    const ul = el('ul', 'gov-summary-list');
    for (const d of errors) {
      const li = el('li');
      const control = anchorFor(d.path);
      if (control) {
        const a = el('a', null, d.message);
        a.href = `#${ensureId(control)}`;
        a.addEventListener('click', (e) => {
          e.preventDefault();
          control.focus();
          control.scrollIntoView?.({ block: 'center' });
        });
        li.append(a);
      } else {
        li.textContent = d.message;
      }
      ul.append(li);
    }
    summaryRegion.replaceChildren(h, ul);
    doc.title = originalTitle.startsWith(tx.titlePrefix) ? originalTitle : `${tx.titlePrefix}${originalTitle}`;
    summaryRegion.focus();
  }

  function emit(name, detail) {
    form.dispatchEvent(new CustomEvent(name, { detail }));
  }

  // ---- the handle --------------------------------------------------------------------------

  function validate() {
    for (const path of allPaths()) pending.set(path, valueOf(path));
    flush();
    submitted = true;
    renderOutcomes();
    renderFieldErrors();
    renderSummary();
    return state;
  }

  load();
  renderOutcomes();

  return {
    /** Validates the whole form, shows every error and the summary, and returns the report. */
    validate,
    /** The report on the form as it stands. */
    get report() {
      flush();
      return state;
    },
    /** Changes validation options (jurisdiction, stage, locale …) and re-checks the form. */
    setOptions(changes) {
      settings = { ...settings, ...changes };
      const next = createValidator(settings);
      validator.free();
      validator = next;
      unknown.clear();
      load();
      renderOutcomes();
      renderFieldErrors();
      if (submitted) renderSummary();
    },
    /** Removes every listener and everything attach() added; the form is left as it was. */
    detach() {
      clearTimeout(timer);
      observer.disconnect();
      form.removeEventListener('input', onInput);
      form.removeEventListener('change', onLeave);
      form.removeEventListener('focusout', onLeave);
      form.removeEventListener('submit', onSubmit, { capture: true });
      clearFieldErrors();
      for (const node of inserted) node.remove();
      if (outcomesRegion && !inserted.includes(outcomesRegion)) outcomesRegion.replaceChildren();
      doc.title = originalTitle;
      validator.free();
    },
  };
}
