// react-hook-form over the whole application, started from the saved draft: bundled by esbuild
// and run in Chromium (browser.test.mjs). The READMEs' example is examples/react-hook-form/.
import { createRoot } from 'react-dom/client';
import { useForm } from 'react-hook-form';
import { standardSchemaResolver } from '@hookform/resolvers/standard-schema';
import { init, schema } from 'gov-it-rules';

// In the browser the module must be loaded before the schema checks anything (in Node it is
// ready on import), so load it before the form is rendered.
await init();

const resolver = standardSchemaResolver(schema({ jurisdiction: 'tongzhou' }));

function ApplicationForm({ draft, onSave }) {
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm({ defaultValues: draft, resolver });
  return (
    <form onSubmit={handleSubmit(onSave)}>
      <label>
        项目名称 <input {...register('name')} />
      </label>
      <p>{errors.name?.message}</p>
      <label>
        预计总投资（万元） <input {...register('totalInvestment')} />
      </label>
      <p>{errors.totalInvestment?.message}</p>
      <button type="submit">提交</button>
    </form>
  );
}

// The schema checks the whole application (申报表), so the form starts from the one saved so far.
const draft = await fetch('/api/applications/draft').then((response) => response.json());
const save = (application) =>
  fetch('/api/applications', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(application),
  });
createRoot(document.getElementById('root')).render(<ApplicationForm draft={draft} onSave={save} />);
