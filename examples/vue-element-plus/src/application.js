// What the three pages share: the fields of the form, its empty values, and where it is sent.

/** The fields this form has, as the application names them. */
export const fields = ['name', 'unit', 'totalInvestment', 'annualFunding'];

export const empty = () => ({ name: '', unit: '', totalInvestment: '', annualFunding: '' });

/** Sends the application to the portal's back end. */
export const save = (application) =>
  fetch('/api/applications', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(application),
  });
