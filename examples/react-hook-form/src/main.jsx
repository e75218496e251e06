// The react-hook-form example that README.md and js/README.md quote from the line after this
// comment: a 申报 form whose fields gov-it-rules checks against 通州's regulation.
import { createRoot } from 'react-dom/client';
import { useForm } from 'react-hook-form';
import { standardSchemaResolver } from '@hookform/resolvers/standard-schema';
import { init, schema } from 'gov-it-rules/noform';

// Load the WebAssembly module and 通州's regulation before the form is shown: a form library's
// page needs no attach() (gov-it-rules/noform) and one county's regulation, not all five (in Node
// it is ready on import).
await init({ jurisdictions: ['tongzhou'] });

// The fields this form has: the schema checks these and nothing else of the 申报表.
const fields = ['name', 'unit', 'totalInvestment', 'annualFunding']; // TypeScript: `as const`
const resolver = standardSchemaResolver(schema({ jurisdiction: 'tongzhou', fields }));

function Field({ name, label, register, errors }) {
  const error = errors[name]?.message;
  return (
    <p>
      <label htmlFor={name}>{label}</label>
      <input id={name} {...register(name)} aria-invalid={error ? 'true' : 'false'} aria-describedby={`${name}-error`} />
      <span id={`${name}-error`} className="error">
        {error}
      </span>
    </p>
  );
}

function ApplicationForm({ onSave }) {
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitSuccessful },
  } = useForm({
    defaultValues: { name: '', unit: '', totalInvestment: '', annualFunding: '' },
    resolver,
  });
  const props = { register, errors };
  // onSave receives the values in canonical form: 「３００ 」 arrives as "300".
  return (
    <form onSubmit={handleSubmit(onSave)} noValidate>
      <Field name="name" label="项目名称" {...props} />
      <Field name="unit" label="申报部门" {...props} />
      <Field name="totalInvestment" label="预计总投资（万元）" {...props} />
      <Field name="annualFunding" label="年度需要资金（万元）" {...props} />
      <button type="submit">提交</button>
      {isSubmitSuccessful && <p role="status">已提交</p>}
    </form>
  );
}

const save = (application) =>
  fetch('/api/applications', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(application),
  });
createRoot(document.getElementById('root')).render(<ApplicationForm onSave={save} />);
