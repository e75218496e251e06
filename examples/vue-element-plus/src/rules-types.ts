// elementRules() as a typed Vue project uses it: its rules assigned to Element Plus's FormRules
// and to Ant Design Vue's rules, with a portal rule of its own beside them. Compiled by tsc
// (tsconfig.json) in form.test.mjs; never run.
import type { FormRules } from 'element-plus';
import type { Rule } from 'ant-design-vue/es/form/interface';
import { elementRules } from 'gov-it-rules/noform';

const form = { name: '', funding: { thisYear: { total: '', fiscal: '' } } };
const rules = elementRules({ jurisdiction: 'tongzhou', model: form, trigger: 'blur' });

// Element Plus: <el-form :rules="element">, the package's rule for the name and a length limit.
export const element: FormRules<typeof form> = {
  ...rules,
  name: [...(rules['name'] ?? []), { max: 50, message: '项目名称不超过50字', trigger: 'blur' }],
};

// Ant Design Vue: <a-form :rules="ant">.
export const ant: Record<string, Rule | Rule[]> = rules;

// Called directly: with async-validator's callback, or awaited without one.
rules['name']?.[0]?.validator({}, form.name, (error) => error && console.warn(error));
export const checked: Promise<void> | undefined = rules['name']?.[0]?.validator({}, form.name);
