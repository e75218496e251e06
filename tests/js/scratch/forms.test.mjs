// The package's form-library surface, from the packed package in Node: schema() (Standard Schema)
// with `fields`, before and after init, normalised values and issues in form order; labels() in
// both locales against the regulations' own data; elementRules() run by real async-validator as
// Element Plus and Ant Design Vue run it (one form-item's prop at a time).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import AsyncValidator from 'async-validator';
import { validate, createValidator, jurisdictions, schema, labels, elementRules } from 'gov-it-rules';
import { fetching } from './fetching.mjs';

// async-validator is CommonJS with its class as `default`.
const Schema = AsyncValidator.default ?? AsyncValidator;
const fixture = JSON.parse(readFileSync(new URL('./fixtures/tongzhou-declaration.json', import.meta.url), 'utf8'));
const options = { jurisdiction: 'tongzhou', asOf: '2025-06-01' };
const clone = (v) => structuredClone(v);
const packageDir = dirname(createRequire(import.meta.url).resolve('gov-it-rules/package.json'));
const wasmBytes = () => readFileSync(join(packageDir, 'gov_it_rules_bg.wasm'));
const run = (s, value) => s['~standard'].validate(value);
const paths = (result) => (result.issues ?? []).map((i) => i.path);

test('schema({ fields }): only the named fields are checked, with errors inside a named table or group', () => {
  const empty = validate({}, options);
  assert.ok(empty.diagnostics.filter((d) => d.severity === 'error').length > 5, 'the empty form has many errors');
  const step = schema({ ...options, fields: ['name', 'totalInvestment'] });
  assert.deepEqual(paths(run(step, {})), [['name'], ['totalInvestment']]);
  assert.deepEqual(run(step, { name: '平台', totalInvestment: '100' }).issues, undefined);

  // The rest of the application is wrong, but this step's fields are right.
  const app = clone(fixture);
  app.resources[1].sharing = 5;
  app.funding.thisYear.fiscal = '1';
  app.name = '';
  assert.deepEqual(run(step, { ...app, name: '平台' }).issues, undefined);
  assert.deepEqual(paths(run(step, app)), [['name']]);
  // A table names its rows and cells; a group names its fields (a cross-field sum is reported on its total).
  assert.deepEqual(paths(run(schema({ ...options, fields: ['resources'] }), app)), [['resources', 1, 'sharing']]);
  assert.deepEqual(paths(run(schema({ ...options, fields: ['funding'] }), app)), [['funding', 'thisYear', 'total']]);
  assert.deepEqual(paths(run(schema({ ...options, fields: ['resources[1].sharing'] }), app)), [['resources', 1, 'sharing']]);

  assert.throws(() => schema({ ...options, fields: 'name' }), { name: 'TypeError', message: /schema\(\{ fields \}\) takes a list of field paths/ });
  assert.throws(() => run(schema({ ...options, fields: ['projectName'] }), {}), {
    name: 'TypeError',
    message: /"projectName" is not a field of the application/,
  });
});

test('schema() without fields checks the fields the value has: a five-field form can submit', () => {
  const form = { name: ' 智慧平台 ', unit: '区市场监管局', totalInvestment: '３００ 万元', kind: 'new', unitKind: 'department' };
  assert.ok(validate(form, options).summary.errors > 0, 'the whole application is incomplete');
  const result = run(schema(options), form);
  assert.equal(result.issues, undefined, JSON.stringify(result.issues));
  assert.deepEqual(result.value, { name: '智慧平台', unit: '区市场监管局', totalInvestment: '300', kind: 'new', unitKind: 'department' });
  // A field the form has but left empty (a key set to undefined) is checked.
  assert.deepEqual(paths(run(schema(options), { ...form, name: undefined, projectLead: '' })), [['projectLead'], ['name']]);
  // Fields of a group count one by one.
  assert.deepEqual(paths(run(schema(options), { funding: { thisYear: { total: '10', fiscal: '3' } } })), [['funding', 'thisYear', 'total']]);
});

test('a valid value comes back normalised: canonical amounts, trimmed text, checkbox groups as arrays', () => {
  const app = clone(fixture);
  app.totalInvestment = '２６８．５ 万元';
  app.annualFunding = 268.5;
  app.funding.thisYear.total = ' 268.50 ';
  app.funding.thisYear.fiscal = '248.5000';
  app.name = `  ${fixture.name}\n`;
  app.mandatedBy = false; // react-hook-form's untouched checkbox group
  app.networkType = undefined;
  app.classified = '否';
  app.mlpsLevel = '２';
  const { value, issues } = run(schema(options), app);
  assert.equal(issues, undefined, JSON.stringify(issues));
  assert.equal(value.totalInvestment, '268.5');
  assert.equal(value.annualFunding, '268.5');
  assert.equal(value.funding.thisYear.total, '268.5');
  assert.equal(value.funding.thisYear.fiscal, '248.5');
  assert.equal(value.name, fixture.name);
  assert.deepEqual(value.mandatedBy, []);
  assert.deepEqual(value.networkType, []);
  assert.equal(value.classified, false);
  assert.equal(value.mlpsLevel, 2);
  assert.deepEqual(value.documents, fixture.documents);
  assert.deepEqual(value.resources, fixture.resources);
  // The value given is not changed.
  assert.equal(app.totalInvestment, '２６８．５ 万元');
  assert.equal(app.networkType, undefined);
});

test('a checkbox group given as false or undefined is empty, not unanswered', () => {
  const s = schema({ ...options, fields: ['documents'] });
  for (const empty of [false, undefined, []]) {
    const result = run(s, { ...clone(fixture), documents: empty });
    // No documents on file: the missing ones are reported, not a type error.
    assert.ok(result.issues.length > 0);
    assert.ok(result.issues.every((i) => i.path[0] === 'documents'));
    assert.ok(result.issues.every((i) => !/列表|是\/否/.test(i.message)), result.issues[0].message);
    assert.deepEqual(
      result.issues.map((i) => i.message),
      run(s, { ...clone(fixture), documents: [] }).issues.map((i) => i.message),
    );
  }
});

test('a checkbox group given as null stays unanswered in the value that comes back, and is checked so', () => {
  const over = { ...clone(fixture), totalInvestment: '300.01' };
  for (const given of [null, '']) {
    const app = { ...over, mandatedBy: given };
    const { value } = run(schema({ ...options, fields: ['mandatedBy', 'totalInvestment'] }), app);
    assert.equal(value.mandatedBy, null, JSON.stringify(given));
    // The server re-checking the stored value reaches the verdict the page showed.
    assert.deepEqual(validate(value, options).outcomes.merge, validate(app, options).outcomes.merge);
  }
  assert.equal(validate({ ...over, mandatedBy: null }, options).outcomes.merge.status, 'undetermined');
});

test('messages for odd input name the field and, in Chinese, hold no English', () => {
  const odd = { mandatedBy: [true, '银河'], unitKind: '某类', classified: 3, startMonth: 202603 };
  const { issues } = run(schema({ ...options, fields: Object.keys(odd) }), odd);
  assert.deepEqual(issues.map((i) => i.path), [['unitKind'], ['startMonth'], ['mandatedBy', 0], ['mandatedBy', 1], ['classified']]);
  const labelled = labels('zh-CN').fields;
  for (const issue of issues) {
    assert.ok(issue.message.includes(labelled[issue.path[0]]), `${issue.path}: ${issue.message}`);
    assert.doesNotMatch(issue.message, /[A-Za-z]/, `${issue.path}: ${issue.message}`);
  }
  const documents = run(schema({ ...options, fields: ['documents'] }), { documents: true }).issues;
  assert.ok(documents.some((i) => i.message === '「材料清单」应填写列表，收到的是勾选值（是/否）。'), JSON.stringify(documents));
  assert.match(issues.find((i) => i.path[0] === 'unitKind').message, /可选：「部门、直属单位」、「乡镇、街道」/);
  const en = run(schema({ ...options, locale: 'en', fields: ['unitKind'] }), odd).issues[0].message;
  assert.match(en, /Kind of applying unit.*department, township/);
});

test('a string or null handed to the schema is a wrong value at the root, named, not JSON text to read', () => {
  const s = schema(options);
  for (const [value, got] of [['{"name":"x"}', '文字'], [null, '空值'], [42, '数字']]) {
    const { issues } = run(s, value);
    assert.equal(issues.length, 1, JSON.stringify(issues));
    assert.equal(issues[0].path, undefined);
    assert.equal(issues[0].message, `「申报内容」应填写对象，收到的是${got}。`);
  }
});

test('a misspelt option is a TypeError when the schema is made, not an issue at its first use', () => {
  assert.throws(() => schema({ ...options, asof: '2025-06-01' }), /unknown option `asof`/);
  assert.throws(() => schema({ ...options, fields: ['nmae'] }), TypeError);
});

test('schema() reads its options once, when it checks them: a later change to them changes nothing', () => {
  const parameters = { decentralizedProcurementLimit: '100' };
  const s = schema({ jurisdiction: 'shexian', asOf: '2025-06-01', parameters });
  const value = { name: '歙县项目', totalInvestment: '50' };
  const first = run(s, clone(value));
  parameters.decentralizedProcurementLimit = 'not an amount';
  assert.deepEqual(run(s, clone(value)), first);
});

test('issues come in the order of the 申报表, each with its path as an array', () => {
  const app = clone(fixture);
  app.resources[1].sharing = 5;
  app.documents.push({ kind: 'proposal', chapters: [1] });
  app.mandatedBy = ['provincial', 'galactic'];
  app.funding.thisYear.total = '1,000';
  app.name = '';
  app.year = 'x';
  const { issues } = run(schema(options), app);
  const got = issues.map((i) => i.path);
  assert.deepEqual(got, [
    ['year'],
    ['name'],
    ['funding', 'thisYear', 'total'],
    ['mandatedBy', 1],
    ['documents', 5, 'chapters', 0],
    ['resources', 1, 'sharing'],
  ]);
  // The report itself lists them in the order the rules ran.
  const reported = validate(app, options).diagnostics.filter((d) => d.severity === 'error').map((d) => d.path);
  assert.notDeepEqual(reported, ['year', 'name', 'funding.thisYear.total', 'mandatedBy[1]', 'documents[5].chapters[0]', 'resources[1].sharing']);
  assert.equal(reported.length, got.length);
});

test('schema() made before init() answers with a Promise that waits for init, then at once', async () => {
  const fresh = await import(new URL('./node_modules/gov-it-rules/index.js?schema-before-init', import.meta.url).href);
  const s = fresh.schema({ ...options, fields: ['totalInvestment'] });
  const loading = fresh.init(wasmBytes());
  const pending = s['~standard'].validate({ totalInvestment: '三百万' });
  assert.ok(pending instanceof Promise);
  const result = await pending;
  await loading;
  assert.deepEqual(result.issues.map((i) => i.path), [['totalInvestment']]);
  assert.match(result.issues[0].message, /阿拉伯数字/);
  const now = s['~standard'].validate({ totalInvestment: ' 300 ' });
  assert.ok(!(now instanceof Promise));
  assert.deepEqual(now, { value: { totalInvestment: '300' } });
});

test('schema() with nobody calling init() calls it, with its defaults', async () => {
  const fresh = await import(new URL('./node_modules/gov-it-rules/index.js?schema-calls-init', import.meta.url).href);
  const s = fresh.schema(options);
  // init() with no argument fetches the module from beside the package's JS: this copy of the
  // browser entry carries its own glue (bundled in), not yet initialised.
  const fetched = await fetching(async () => {
    assert.deepEqual(await s['~standard'].validate(fixture), { value: fixture });
  });
  assert.deepEqual(fetched, ['gov_it_rules_bg.wasm']);
  assert.equal(fresh.validate(fixture, options).summary.complete, true);
});

test('an init() that comes after a validator loaded the package with its defaults says its options were not applied', async () => {
  const fresh = await import(new URL('./node_modules/gov-it-rules/index.js?late-init', import.meta.url).href);
  const rules = fresh.elementRules({ ...options, fields: ['name'] });
  const warned = [];
  const warn = console.warn;
  console.warn = (message) => warned.push(message);
  try {
    await fetching(async () => {
      await new Promise((resolve) => rules.name[0].validator({}, '平台', resolve));
      await fresh.init({ jurisdictions: ['tongzhou'] });
      await fresh.init({ jurisdictions: ['tongzhou'] });
    });
  } finally {
    console.warn = warn;
  }
  assert.equal(warned.length, 1);
  assert.match(warned[0], /init\(\) came after an elementRules\(\) validator had loaded the package with init\(\)'s defaults.*these options were not applied/);
});

/** Every verdict value, document key and field path the shipped regulations name. */
function catalogue() {
  const values = { approval: new Set(), merge: new Set(), supervision: new Set(), management: new Set(), initialAcceptance: new Set() };
  const documents = {};
  const fields = new Set();
  // The regulations as data, from the repository: the package ships them compiled (.govit).
  const profiles = fileURLToPath(new URL('../../../src/profiles/', import.meta.url));
  const collectFields = (node) => {
    if (Array.isArray(node)) return node.forEach(collectFields);
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'field' && typeof value === 'string') fields.add(value);
      else if (key === 'fields' && Array.isArray(value)) value.filter((f) => typeof f === 'string').forEach((f) => fields.add(f));
      else collectFields(value);
    }
  };
  for (const file of readdirSync(profiles).filter((f) => f.endsWith('.json') && !f.endsWith('.cases.json'))) {
    const profile = JSON.parse(readFileSync(join(profiles, file), 'utf8'));
    documents[profile.id] = new Set();
    for (const version of profile.versions) {
      Object.keys(version.documents).forEach((k) => documents[profile.id].add(k));
      const o = version.outcomes ?? {};
      for (const row of o.approval ?? []) values.approval.add(row.result.need);
      for (const name of ['merge', 'supervision', 'management']) for (const row of o[name] ?? []) values[name].add(row.result.mode);
      for (const row of o.acceptance ?? []) values.initialAcceptance.add(row.result.initialAcceptance);
      collectFields(version);
    }
  }
  return { values, documents, fields };
}

test('labels() in both locales cover every verdict value, field and document the regulations name', () => {
  const { values, documents, fields } = catalogue();
  assert.ok(values.merge.size >= 4 && values.supervision.size >= 3 && values.management.size === 2, JSON.stringify([...values.merge]));
  assert.ok(fields.size > 20);
  const zh = labels();
  const en = labels('en');
  assert.equal(zh, labels('zh-CN'), 'shared, not rebuilt on each call');
  assert.ok(Object.isFrozen(zh.verdicts.merge));
  assert.equal(zh.locale, 'zh-CN');
  assert.equal(en.locale, 'en');
  for (const [verdict, keys] of Object.entries(values)) {
    for (const key of keys) {
      assert.match(zh.verdicts[verdict][key] ?? '', /\p{Script=Han}/u, `zh ${verdict}.${key}`);
      assert.match(en.verdicts[verdict][key] ?? '', /^[\x20-\x7e]+$/, `en ${verdict}.${key}`);
    }
  }
  for (const field of fields) {
    assert.ok(zh.fields[field], `zh field ${field}`);
    assert.ok(en.fields[field] && en.fields[field] !== zh.fields[field], `en field ${field}`);
  }
  // Every labelled field is one the validator takes.
  const v = createValidator(options);
  for (const path of Object.keys(zh.fields)) {
    const delta = v.set(path, null);
    assert.ok(!delta.diagnostics.added.some((d) => d.code === 'IN005'), path);
  }
  v.free();
  // Documents, as the catalogue names them in each locale.
  for (const locale of ['zh-CN', 'en']) {
    const named = labels(locale).documents;
    for (const entry of jurisdictions({ asOf: '2025-06-01', locale })) {
      for (const [key, name] of Object.entries(entry.documents)) assert.equal(named[entry.id][key], name, `${locale} ${entry.id}.${key}`);
    }
  }
  for (const [id, keys] of Object.entries(documents)) {
    for (const key of keys) assert.ok(zh.documents[id][key] && en.documents[id][key], `${id}.${key}`);
  }
  // Stages and choices, keyed as the report and the application write them.
  assert.equal(zh.stages[validate({}, options).stage], '申报');
  assert.deepEqual(Object.keys(zh.stages), ['declaration', 'approval', 'implementation', 'acceptance']);
  assert.equal(zh.choices.unitKind.township, '乡镇、街道');
  assert.equal(en.cells.resources.sharing, 'sharing');
  // Groups by their headings on the 申报表, as a message names a group given something else.
  assert.equal(en.groups.funding, 'Sources of funding');
  for (const [group, heading] of Object.entries(zh.groups)) {
    const [top, inner] = group.split('.');
    const value = inner === undefined ? { [top]: 'x' } : { [top]: { [inner]: 'x' } };
    const named = validate(value, options).diagnostics.find((d) => d.path === group);
    assert.ok(named?.message.includes(`「${heading}」`), `${group}: ${named?.message}`);
  }
  // Fields come in form order.
  const order = Object.keys(zh.fields);
  assert.ok(order.indexOf('name') < order.indexOf('totalInvestment') && order.indexOf('totalInvestment') < order.indexOf('documents'));
  assert.throws(() => labels('fr'), { name: 'TypeError', message: /locale must be "zh-CN" or "en"/ });
});

/** Runs one form-item's rules as Element Plus does: async-validator over `{ [prop]: value }`. */
async function validateProp(rules, prop, model) {
  const value = prop.split('.').reduce((node, name) => node?.[name], model);
  try {
    await new Schema({ [prop]: rules[prop] }).validate({ [prop]: value }, { firstFields: true, suppressWarning: true });
    return undefined;
  } catch ({ errors }) {
    return errors;
  }
}

test('elementRules(): async-validator rules that read the whole model, keyed by nested paths', async () => {
  const form = clone(fixture);
  const rules = elementRules({ ...options, model: form });
  assert.ok('funding.thisYear.total' in rules && 'name' in rules && 'resources' in rules);
  assert.deepEqual(rules.name[0].trigger, ['blur', 'change']);
  for (const prop of Object.keys(rules)) assert.equal(await validateProp(rules, prop, form), undefined, prop);

  // The same rules see the model change: an amount in words, and a sum that no longer adds up.
  form.totalInvestment = '三百万';
  form.funding.thisYear.fiscal = '1';
  const amount = await validateProp(rules, 'totalInvestment', form);
  assert.equal(amount.length, 1);
  assert.equal(amount[0].field, 'totalInvestment');
  assert.match(amount[0].message, /预计总投资.*阿拉伯数字/);
  const sum = await validateProp(rules, 'funding.thisYear.total', form);
  assert.match(sum[0].message, /本年度申请资金：合计/);
  // The fiscal cell itself is fine: the sum is reported on the total.
  assert.equal(await validateProp(rules, 'funding.thisYear.fiscal', form), undefined);

  // Promise style (Ant Design Vue 4), without a callback.
  await assert.rejects(rules.totalInvestment[0].validator({}, form.totalInvestment), { message: /阿拉伯数字/ });
  assert.equal(await rules.name[0].validator({}, form.name), undefined);
  // Callback style, called once.
  const calls = [];
  assert.equal(rules.totalInvestment[0].validator({}, form.totalInvestment, (e) => calls.push(e)), undefined);
  assert.equal(calls.length, 1);
  assert.ok(calls[0] instanceof Error);
});

test('elementRules(): fields, a model getter, the locale and the trigger; without a model, the value alone', async () => {
  let form = { totalInvestment: '1e3', name: '' };
  const rules = elementRules({ ...options, locale: 'en', fields: ['totalInvestment', 'name'], model: () => form, trigger: 'blur' });
  assert.deepEqual(Object.keys(rules), ['totalInvestment', 'name']);
  assert.equal(rules.name[0].trigger, 'blur');
  assert.match((await validateProp(rules, 'totalInvestment', form))[0].message, /scientific notation/);
  assert.match((await validateProp(rules, 'name', form))[0].message, /Fill in “Project name”/);
  form = { totalInvestment: '1000', name: '平台' };
  assert.equal(await validateProp(rules, 'totalInvestment', form), undefined);

  // Without a model, async-validator's `{ 'dates.approval': value }` is read as the nested field.
  const alone = elementRules({ ...options, fields: ['dates.approval'] });
  assert.equal(await validateProp(alone, 'dates.approval', { dates: { approval: '2026-02-28' } }), undefined);
  assert.match((await validateProp(alone, 'dates.approval', { dates: { approval: '2026-02-30' } }))[0].message, /立项批复日期.*不是有效日期/);
  // Ant Design Vue hands a validator (rule, value, callback) and no source: the value alone.
  const answers = [];
  alone['dates.approval'][0].validator({}, '2026-02-30', (e) => answers.push(e));
  alone['dates.approval'][0].validator({}, '2026-02-28', (e) => answers.push(e));
  assert.match(answers[0]?.message, /立项批复日期.*不是有效日期/);
  assert.equal(answers[1], undefined);
  assert.equal(answers.length, 2);

  // Ant Design Vue's :name="['funding', 'thisYear', 'total']" finds the same rules part by part;
  // listing the rules still gives each path once.
  const nested = elementRules({ ...options, fields: ['name', 'funding.thisYear.total', 'funding.thisYear.fiscal', 'resources[0].sharing'] });
  assert.deepEqual(Object.keys(nested), ['name', 'funding.thisYear.total', 'funding.thisYear.fiscal', 'resources[0].sharing']);
  assert.equal(nested.funding.thisYear.total, nested['funding.thisYear.total']);
  assert.equal(nested.funding.thisYear.fiscal, nested['funding.thisYear.fiscal']);
  assert.equal(nested.resources[0].sharing, nested['resources[0].sharing']);
  assert.deepEqual(JSON.parse(JSON.stringify(Object.keys(nested))), Object.keys(nested));

  assert.throws(() => elementRules('tongzhou'), { name: 'TypeError', message: /elementRules\(options\) needs an options object/ });
  assert.throws(() => elementRules({ ...options, model: 5 }), { name: 'TypeError', message: /elementRules\(\{ model \}\)/ });

  // A jurisdiction the page does not have is the integrator's mistake, said when the rules first
  // run and when a schema is made, not shown as an issue of every field.
  const unknown = /\(\{ jurisdiction \}\): unknown jurisdiction `atlantis`; known: tongzhou, /;
  const misnamed = elementRules({ ...options, jurisdiction: 'atlantis', model: form });
  assert.throws(() => misnamed.totalInvestment[0].validator({}, form.totalInvestment), { name: 'RangeError', message: unknown });
  assert.throws(() => schema({ ...options, jurisdiction: 'atlantis' }), { name: 'RangeError', message: unknown });
});

test('elementRules() made before init() answers through the callback once the module is loaded', async () => {
  const fresh = await import(new URL('./node_modules/gov-it-rules/index.js?rules-before-init', import.meta.url).href);
  const form = { totalInvestment: '三百万' };
  const rules = fresh.elementRules({ ...options, model: form });
  assert.deepEqual(Object.keys(rules), ['totalInvestment']);
  assert.throws(() => fresh.elementRules({ ...options }), /call await init\(\) first/);
  const loading = fresh.init(wasmBytes());
  const answered = new Promise((resolve) => rules.totalInvestment[0].validator({}, form.totalInvestment, resolve));
  const error = await answered;
  await loading;
  assert.match(error.message, /阿拉伯数字/);
});
