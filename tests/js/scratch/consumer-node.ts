// A typed consumer on a server: compiled by `tsc --noEmit` without the DOM lib or @types/node
// (tsconfig.node.json), so the package's types must name no browser global. Never run.
import {
  init,
  initSync,
  validate,
  createValidator,
  jurisdictions,
  rules,
  schema,
  labels,
  elementRules,
  attach,
  type Application,
  type InitInput,
  type Options,
  type Report,
  type StandardSchemaV1,
} from 'gov-it-rules';

await init();
initSync(new Uint8Array(8));
initSync(new ArrayBuffer(8));

const draft: Application = { kind: '', unitKind: '', urgent: '', mandatedBy: '', totalInvestment: '' };
// A choice may be given as the label the form shows.
export const labelled: Application = { kind: '新建', mandatedBy: ['国家', 'provincial'], unitKind: '乡镇、街道', stage: '审批' };
// @ts-expect-error: neither a key nor a label
export const misspelt: Application = { kind: '旧建' };
const options: Options = { jurisdiction: 'tongzhou', parameters: undefined, locale: undefined, asOf: undefined };
export const report: Report = validate(draft, options);
export const listed = jurisdictions({ asOf: undefined }).map((j) => j.id);
export const codes = rules({ jurisdiction: undefined }).codes.length;
createValidator(options, draft).free();
// With esnext.disposable in the libs (tsconfig.node.json), a validator is disposable.
export function checkOnce(application: Application): Report {
  using validator = createValidator(options, application);
  return validator.report();
}

const applicationSchema = schema({ jurisdiction: 'xiangcheng', locale: undefined });
export const input: StandardSchemaV1.InferInput<typeof applicationSchema> = draft;
export const output: StandardSchemaV1.InferOutput<typeof applicationSchema> = { kind: 'new', urgent: null, mandatedBy: [], totalInvestment: '300' };
// A server checks one step's fields, and lists labels; neither needs the DOM lib.
export const stepSchema = schema({ jurisdiction: 'tongzhou', fields: ['totalInvestment', 'funding'] });
export const mergeLabel: string = labels('en').verdicts.merge.merge;
export const rulesForForm = elementRules({ jurisdiction: 'tongzhou', model: () => draft });

// Without the DOM lib the platform objects are not there: init takes text or bytes.
export const where: InitInput = '/assets/gov_it_rules_bg.wasm';
// @ts-expect-error: attach() binds a browser <form>; a server has none to give it
attach({}, { jurisdiction: 'tongzhou' });
