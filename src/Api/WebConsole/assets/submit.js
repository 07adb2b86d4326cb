// Submit an analysis: type and team, a CSV file (dropped or chosen) or pasted data, a question, priority, options.
import { api, ApiProblem } from './api.js';
import { h, clear, field, alertBox } from './dom.js';
import { ANALYSIS_TYPES, PRIORITIES } from './vocabulary.js';

export async function render(main, params, context) {
  const teams = await api('/api/v1/teams', { signal: context.signal }).catch(() => []);
  const types = [...new Set([...ANALYSIS_TYPES, ...teams.map((t) => t.analysis_type)])];

  const type = h('input', { name: 'type', id: 'submit-type', list: 'submit-types', required: true, value: params.query.get('type') ?? 'data_interpretation', autocomplete: 'off' });
  const typeList = h('datalist', { id: 'submit-types' }, types.map((t) => h('option', { value: t })));
  const team = h('select', { name: 'team', id: 'submit-team' });
  const showTeams = () => clear(team, h('option', { value: '' }, 'The type\'s own team'),
    teams.filter((t) => t.analysis_type === type.value).map((t) => h('option', { value: t.name }, `${t.name}${t.built_in ? ' (built in)' : ''}`)));
  type.addEventListener('input', showTeams);
  showTeams();

  const file = h('input', { type: 'file', name: 'file', id: 'submit-file', accept: '.csv,text/csv,text/plain' });
  const fileName = h('span', { class: 'file-name', 'aria-live': 'polite' }, 'No file chosen');
  const csv = h('textarea', { name: 'csv', id: 'submit-csv', rows: 8, spellcheck: false, placeholder: 'month,revenue\n1,100\n2,120' });
  const drop = h('div', { class: 'drop-zone' },
    h('p', null, 'Drop a CSV file here, or ', h('label', { for: 'submit-file', class: 'link' }, 'choose one'), '.'), file, fileName);
  const question = h('textarea', { name: 'question', id: 'submit-question', rows: 2, maxLength: 2000 });
  const priority = h('select', { name: 'priority', id: 'submit-priority' }, PRIORITIES.map((p) => h('option', { value: p }, p)));
  const options = h('textarea', { name: 'options', id: 'submit-options', rows: 3, spellcheck: false, placeholder: 'time_field=month\nvalue_field=revenue' });

  async function readFile(chosen) {
    if (!chosen) return;
    csv.value = await chosen.text();
    fileName.textContent = `${chosen.name} (${chosen.size.toLocaleString()} bytes) — its contents are below`;
  }
  file.addEventListener('change', () => readFile(file.files[0]));
  for (const name of ['dragenter', 'dragover']) drop.addEventListener(name, (event) => { event.preventDefault(); drop.classList.add('over'); });
  for (const name of ['dragleave', 'drop']) drop.addEventListener(name, () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    readFile(event.dataTransfer.files[0]);
  });

  const summary = h('div', { 'aria-live': 'assertive' });
  const submitButton = h('button', { type: 'submit', class: 'primary' }, 'Submit');
  const form = h('form', { class: 'submit-form', novalidate: true },
    summary,
    h('div', { class: 'row' }, field('Analysis type', type, 'One of the types, or a type this node adds.'), typeList, field('Team', team)),
    h('fieldset', null, h('legend', null, 'Data'), drop,
      field('Or paste CSV (or JSON records: [{"a": 1}, …])', csv)),
    field('Question', question, 'Optional; custom_analysis answers it.'),
    h('div', { class: 'row' }, field('Priority', priority),
      field('Options', options, 'One per line: name=value (e.g. time_field=month).')),
    submitButton);
  // One key per filled-in form: a double click or a retry after a lost answer submits once.
  let idempotencyKey = crypto.randomUUID();
  form.addEventListener('input', () => { idempotencyKey = crypto.randomUUID(); });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form, summary);
    const body = { type: type.value.trim(), priority: priority.value };
    const data = csv.value.trim();
    if (data.startsWith('[')) {
      try {
        body.data = { records: JSON.parse(data) };
      } catch (error) {
        showErrors(form, summary, new ApiProblem(422, { detail: 'The pasted JSON is not valid.', errors: { data: [error.message] } }));
        return;
      }
    } else if (data) {
      body.csv = csv.value;
    }
    if (question.value.trim()) body.question = question.value.trim();
    if (team.value) body.team = team.value;
    const parsed = parseOptions(options.value);
    if (parsed.error) {
      showErrors(form, summary, new ApiProblem(422, { detail: parsed.error, errors: { options: [parsed.error] } }));
      return;
    }
    if (Object.keys(parsed.options).length > 0) body.options = parsed.options;
    submitButton.disabled = true;
    try {
      const submitted = await api('/api/v1/analyses', { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } });
      context.go(`/console/jobs/${submitted.job_id}`);
    } catch (error) {
      showErrors(form, summary, error);
    } finally {
      submitButton.disabled = false;
    }
  });

  clear(main, h('h1', null, 'Submit an analysis'), form);
}

function parseOptions(text) {
  const options = {};
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const at = line.indexOf('=');
    if (at <= 0) return { error: `"${line}" is not name=value.` };
    const name = line.slice(0, at).trim();
    const value = line.slice(at + 1).trim();
    options[name] = value === 'true' ? true : value === 'false' ? false : value !== '' && !Number.isNaN(Number(value)) ? Number(value) : value;
  }
  return { options };
}

// Problem codes that are about one field though they carry no `errors`.
const FIELD_OF_CODE = {
  unsupported_type: 'type', invalid_data: 'data', too_many_records: 'data', too_many_columns: 'data',
  quota_records_per_job: 'data', payload_too_large: 'data', string_too_long: 'data',
};

function fieldFor(form, name) {
  const key = name === 'csv' || name.startsWith('data') ? 'csv' : name.startsWith('options') ? 'options' : name;
  return form.querySelector(`.field[data-field="${CSS.escape(key)}"]`);
}

/** Puts each of the API's complaints beside its field, and the problem's detail at the top. */
export function showErrors(form, summary, error) {
  const errors = { ...(error.errors ?? {}) };
  if (Object.keys(errors).length === 0 && FIELD_OF_CODE[error.code]) errors[FIELD_OF_CODE[error.code]] = [error.message];
  const placed = [];
  for (const [name, messages] of Object.entries(errors)) {
    const holder = fieldFor(form, name);
    const slot = holder?.querySelector('.field-error');
    if (!slot) continue;
    slot.hidden = false;
    slot.textContent = [slot.textContent, ...messages].filter(Boolean).join(' ');
    holder.querySelector('input, select, textarea')?.setAttribute('aria-invalid', 'true');
    placed.push(holder);
  }
  clear(summary, alertBox('error', h('strong', null, error.title ?? 'The request was refused'), ' ', error.message,
    error.requestId ? h('small', null, ` (request ${error.requestId})`) : null));
  (placed[0]?.querySelector('input, select, textarea') ?? summary).focus?.();
}

export function clearErrors(form, summary) {
  clear(summary);
  for (const slot of form.querySelectorAll('.field-error')) {
    slot.hidden = true;
    slot.textContent = '';
  }
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
}
