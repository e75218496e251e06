// A typed consumer of gov-it-rules/noform, the entry without attach(), checked by `tsc --noEmit`
// (never run): the same API and types as gov-it-rules, and attach() refused.
import * as noform from 'gov-it-rules/noform';
import { init, validate, elementRules, schema, type Options, type Report } from 'gov-it-rules/noform';

const options: Options = { jurisdiction: 'tongzhou', asOf: '2026-06-01' };

export async function check(application: Record<string, unknown>): Promise<Report> {
  await init({ jurisdictions: ['tongzhou'] });
  const rules = elementRules({ ...options, model: application });
  const standard = schema(options)['~standard'];
  void rules;
  void standard;
  return validate(application, options);
}

export function attachHere(form: HTMLFormElement) {
  // @ts-expect-error attach() is not in this entry
  noform.attach(form, options);
}
