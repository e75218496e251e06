// VeeValidate 4 takes a schema as a "typed schema" ({ __type: 'VVTypedSchema', parse }), which
// its own packages make from Zod, Yup or Valibot; this one makes it from any Standard Schema, such
// as gov-it-rules' schema(). (VeeValidate 5 takes a Standard Schema as it is.)
export function toTypedSchema(schema) {
  return {
    __type: 'VVTypedSchema',
    async parse(values) {
      const result = await schema['~standard'].validate(values);
      if (!result.issues) return { value: result.value, errors: [] };
      // Issues by field, as VeeValidate names fields: 'funding.thisYear.total', 'resources[0].sharing'.
      const byPath = new Map();
      for (const issue of result.issues) {
        const path = (issue.path ?? [])
          .map((segment) => (typeof segment === 'object' ? segment.key : segment))
          .reduce((at, key) => (typeof key === 'number' ? `${at}[${key}]` : at === '' ? key : `${at}.${key}`), '');
        if (!byPath.has(path)) byPath.set(path, { path, errors: [] });
        byPath.get(path).errors.push(issue.message);
      }
      return { errors: [...byPath.values()] };
    },
  };
}
