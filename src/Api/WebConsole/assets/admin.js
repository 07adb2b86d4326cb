// Admin: the tenant's API keys, webhooks and deliveries, LLM providers and their health, usage and cost, the audit log.
import { api } from './api.js';
import { h, clear, time, badge, number, field, alertBox, copyButton } from './dom.js';

const SECTIONS = [['keys', 'API keys'], ['webhooks', 'Webhooks'], ['providers', 'LLM providers'], ['usage', 'Usage and cost'], ['audit', 'Audit log']];
const SCOPES = ['analyses:read', 'analyses:write', 'admin'];

export async function render(main, params, context) {
  const section = params.section ?? 'keys';
  const tabs = h('nav', { class: 'tabs', 'aria-label': 'Admin sections' }, SECTIONS.map(([id, label]) =>
    h('a', { href: `/console/admin/${id}`, 'aria-current': id === section ? 'page' : null }, label)));
  const body = h('div', { class: 'admin-section' });
  clear(main, h('h1', null, 'Admin'), tabs, body);
  const draw = { keys, webhooks, providers, usage, audit }[section];
  if (!draw) {
    clear(body, alertBox('error', `No admin section '${section}'.`));
    return;
  }
  await draw(body, params, context);
}

/** Asks in place (no modal dialog): the question, optional inputs, and a button that does it or one that keeps things as they are. */
function confirmInline(cell, question, action, run, inputs = []) {
  const before = [...cell.childNodes];
  const keep = h('button', { type: 'button', class: 'small', on: { click: () => cell.replaceChildren(...before) } }, 'Keep');
  const form = h('form', { class: 'confirm' }, h('span', null, question), ' ', inputs, ' ',
    h('button', { type: 'submit', class: 'small danger' }, action), ' ', keep);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });
  clear(cell, form);
  (inputs[0]?.querySelector?.('input') ?? form.querySelector('button')).focus();
}

/** A secret the API shows once: displayed with a warning, never stored by the page. */
function shownOnce(title, secret, note) {
  return alertBox('success', h('strong', null, title), h('p', null, 'Copy it now: it is shown only this once.'),
    h('p', { class: 'secret' }, h('code', { class: 'mono', 'data-secret': '' }, secret), ' ', copyButton(secret)), note ? h('p', null, note) : null);
}

async function keys(body, params, context) {
  const notice = h('div', { 'aria-live': 'polite' });
  const list = h('div');
  async function reload() {
    const { items } = await api('/api/v1/keys', { signal: context.signal });
    clear(list, h('div', { class: 'table-wrap' }, h('table', { class: 'keys' },
      h('thead', null, h('tr', null, ['Name', 'Prefix', 'Scopes', 'Status', 'Created', 'Expires', 'Last used', ''].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, items.map((key) => h('tr', { 'data-key': key.id },
        h('td', null, key.name), h('td', { class: 'mono' }, key.prefix), h('td', null, key.scopes.join(', ')),
        h('td', null, badge(key.status, key.status === 'active' ? 'completed' : 'cancelled'), key.replaced_by ? h('small', null, ' replaced') : null),
        h('td', null, time(key.created_at)), h('td', null, key.expires_at ? time(key.expires_at) : 'never'), h('td', null, key.last_used_at ? time(key.last_used_at) : '—'),
        h('td', { class: 'actions' }, key.status === 'active' ? [
          h('button', { type: 'button', class: 'small', 'aria-label': `Rotate ${key.name}`, on: { click: (e) => rotate(key, e.target.closest('td')) } }, 'Rotate'), ' ',
          h('button', { type: 'button', class: 'small danger', 'aria-label': `Revoke ${key.name}`, on: { click: (e) => revoke(key, e.target.closest('td')) } }, 'Revoke')] : null)))))));
  }
  function rotate(key, cell) {
    const grace = h('input', { type: 'number', min: 0, value: 3600, class: 'grace', 'aria-label': 'Seconds the old key keeps working' });
    confirmInline(cell, 'Old key works for', 'Rotate now', () => rotated(key, Number(grace.value)), [h('label', null, grace, ' s')]);
  }
  async function rotated(key, grace) {
    try {
      const issued = await api(`/api/v1/keys/${encodeURIComponent(key.id)}/rotate`, { method: 'POST', body: { grace_period_seconds: grace } });
      clear(notice, shownOnce(`New key for "${issued.name}"`, issued.key,
        issued.replaces?.expires_at ? ['The old key works until ', time(issued.replaces.expires_at), '.'] : null));
      await reload();
    } catch (error) {
      clear(notice, alertBox('error', error.message));
    }
  }
  function revoke(key, cell) {
    confirmInline(cell, `Refuse ${key.prefix}… from now on?`, 'Revoke', () => revoked(key));
  }
  async function revoked(key) {
    try {
      await api(`/api/v1/keys/${encodeURIComponent(key.id)}`, { method: 'DELETE' });
      clear(notice, alertBox('success', `Revoked "${key.name}".`));
      await reload();
    } catch (error) {
      clear(notice, alertBox('error', error.message));
    }
  }
  const name = h('input', { name: 'name', id: 'key-name', required: true, maxLength: 100 });
  const expires = h('input', { name: 'expires_at', id: 'key-expires', type: 'date' });
  const scopes = h('fieldset', { class: 'inline', 'data-field': 'scopes' }, h('legend', null, 'Scopes'),
    SCOPES.map((scope) => h('label', null, h('input', { type: 'checkbox', name: 'scopes', value: scope, checked: scope === 'analyses:read' }), ` ${scope}`)),
    h('p', { class: 'field-error', hidden: true }));
  const create = h('form', { class: 'inline-form' }, h('h2', null, 'Create a key'),
    h('div', { class: 'row' }, field('Name', name), field('Expires (optional)', expires)), scopes,
    h('button', { type: 'submit', class: 'primary' }, 'Create key'));
  create.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(create);
    const request = { name: name.value.trim(), scopes: data.getAll('scopes') };
    if (expires.value) request.expires_at = new Date(`${expires.value}T00:00:00Z`).toISOString();
    try {
      const issued = await api('/api/v1/keys', { method: 'POST', body: request });
      clear(notice, shownOnce(`New key "${issued.name}"`, issued.key));
      create.reset();
      await reload();
    } catch (error) {
      clear(notice, alertBox('error', error.message));
    }
  });
  clear(body, notice, list, create);
  await reload();
}

async function webhooks(body, params, context) {
  const notice = h('div', { 'aria-live': 'polite' });
  const list = h('div');
  const deliveries = h('section', { class: 'deliveries' });
  async function reload() {
    const items = await api('/api/v1/webhooks', { signal: context.signal });
    clear(list, items.length === 0 ? h('p', { class: 'muted' }, 'No webhooks registered.') : h('div', { class: 'table-wrap' }, h('table', null,
      h('thead', null, h('tr', null, ['URL', 'Events', 'Enabled', 'Created', ''].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, items.map((hook) => h('tr', null,
        h('td', { class: 'mono wrap' }, hook.url), h('td', null, hook.events.join(', ')), h('td', null, hook.enabled ? 'yes' : 'no'), h('td', null, time(hook.created_at)),
        h('td', { class: 'actions' },
          h('button', { type: 'button', class: 'small', on: { click: () => showDeliveries(hook) } }, 'Deliveries'), ' ',
          h('button', { type: 'button', class: 'small', on: { click: () => test(hook) } }, 'Send a test'), ' ',
          h('button', { type: 'button', class: 'small danger', on: { click: (e) => confirmInline(e.target.closest('td'), 'Delete this webhook?', 'Delete', () => remove(hook)) } }, 'Delete'))))))));
  }
  async function showDeliveries(hook) {
    const log = await api(`/api/v1/webhooks/${encodeURIComponent(hook.id)}/deliveries`);
    const items = log.items ?? log;
    clear(deliveries, h('h2', null, `Deliveries to ${hook.url}`), items.length === 0 ? h('p', { class: 'muted' }, 'None yet.') : h('div', { class: 'table-wrap' }, h('table', null,
      h('thead', null, h('tr', null, ['At', 'Event', 'Job', 'Attempt', 'Outcome', 'HTTP', 'ms', 'Error'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, items.map((d) => h('tr', null, h('td', null, time(d.at)), h('td', null, d.event), h('td', { class: 'mono' }, d.job_id ?? ''),
        h('td', null, String(d.attempt)), h('td', null, badge(d.status, d.status === 'delivered' ? 'completed' : 'failed')),
        h('td', null, d.response_code ?? ''), h('td', null, number(d.latency_ms)), h('td', null, d.error ?? '')))))));
  }
  async function test(hook) {
    try {
      await api(`/api/v1/webhooks/${encodeURIComponent(hook.id)}/test`, { method: 'POST' });
      clear(notice, alertBox('success', 'A test delivery is on its way; see its deliveries.'));
    } catch (error) {
      clear(notice, alertBox('error', error.message));
    }
  }
  async function remove(hook) {
    try {
      await api(`/api/v1/webhooks/${encodeURIComponent(hook.id)}`, { method: 'DELETE' });
      await reload();
    } catch (error) {
      clear(notice, alertBox('error', error.message));
    }
  }
  const url = h('input', { name: 'url', id: 'hook-url', type: 'url', required: true, placeholder: 'https://example.com/hooks/actors' });
  const events = h('fieldset', { class: 'inline' }, h('legend', null, 'Events'),
    ['analysis.completed', 'analysis.failed', 'budget.reached'].map((e) => h('label', null, h('input', { type: 'checkbox', name: 'events', value: e, checked: e !== 'budget.reached' }), ` ${e}`)));
  const create = h('form', { class: 'inline-form' }, h('h2', null, 'Register a webhook'), field('URL', url), events, h('button', { type: 'submit', class: 'primary' }, 'Register'));
  create.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const created = await api('/api/v1/webhooks', { method: 'POST', body: { url: url.value.trim(), events: new FormData(create).getAll('events') } });
      clear(notice, shownOnce('Webhook registered; its signing secret', created.secret));
      create.reset();
      await reload();
    } catch (error) {
      clear(notice, alertBox('error', error.message));
    }
  });
  clear(body, notice, list, deliveries, create);
  await reload();
}

async function providers(body, params, context) {
  const view = await api('/api/v1/providers', { signal: context.signal });
  clear(body,
    h('p', null, `Chain from ${view.source}; this month $${number(view.spent_this_month_usd)} spent`,
      view.monthly_budget_usd != null ? ` of a $${number(view.monthly_budget_usd)} budget.` : ' (no budget).'),
    h('div', { class: 'table-wrap' }, h('table', { class: 'providers' },
      h('thead', null, h('tr', null, ['#', 'Name', 'Kind', 'Model', 'Endpoint', 'Breaker', 'This minute', 'Last error'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, view.chain.map((entry, i) => h('tr', null, h('td', null, String(i + 1)), h('td', null, entry.name), h('td', null, entry.kind),
        h('td', null, entry.model ?? ''), h('td', { class: 'mono wrap' }, entry.endpoint ?? ''),
        h('td', null, entry.breaker ? badge(entry.breaker.state.replace('_', '-'), entry.breaker.state === 'closed' ? 'completed' : 'failed') : badge('always', 'info')),
        h('td', null, entry.limits ? `${entry.limits.requests_this_minute} req · ${number(entry.limits.tokens_this_minute)} tok` : ''),
        h('td', null, entry.last_error ? [entry.last_error.message, ' ', time(entry.last_error.at)] : '')))))),
    h('p', { class: 'muted' }, 'The statistical engine is every chain\'s last tier: jobs complete with every provider down.'));
}

async function usage(body, params, context) {
  const now = new Date();
  const month = params.query.get('month') ?? `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  const groupBy = params.query.get('group_by') ?? 'agent';
  const [year, m] = month.split('-').map(Number);
  const from = new Date(Date.UTC(year, m - 1, 1));
  const to = new Date(Date.UTC(year, m, 1));
  const monthInput = h('input', { type: 'month', id: 'usage-month', name: 'month', value: month });
  const groupInput = h('select', { id: 'usage-group', name: 'group_by' }, ['agent', 'model', 'provider', 'type', 'day'].map((g) => h('option', { value: g, selected: g === groupBy }, g)));
  const form = h('form', { class: 'filters' }, field('Month', monthInput), field('Group by', groupInput), h('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    context.go(`/console/admin/usage?${new URLSearchParams(new FormData(form))}`);
  });
  const report = await api(`/api/v1/usage?${new URLSearchParams({ from: from.toISOString(), to: to.toISOString(), group_by: groupBy })}`, { signal: context.signal });
  const most = Math.max(0, ...report.groups.map((g) => Number(g.cost_usd)));
  clear(body, form,
    h('p', null, `${month}: ${number(report.total.calls)} calls (${number(report.total.cached_calls)} cached), `,
      `${number(report.total.input_tokens)} input and ${number(report.total.output_tokens)} output tokens, $${number(report.total.cost_usd)}.`),
    report.groups.length === 0 ? h('p', { class: 'muted' }, 'No LLM calls in this month.') : h('div', { class: 'table-wrap' }, h('table', null,
      h('thead', null, h('tr', null, [groupBy, 'Calls', 'Cached', 'Input tokens', 'Output tokens', 'Cost (USD)', ''].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, report.groups.map((g) => h('tr', null, h('td', null, g.key), h('td', null, number(g.calls)), h('td', null, number(g.cached_calls)),
        h('td', null, number(g.input_tokens)), h('td', null, number(g.output_tokens)), h('td', null, number(g.cost_usd)),
        h('td', null, h('meter', { min: 0, max: most || 1, value: Number(g.cost_usd), 'aria-label': `Share of cost: ${g.key}` }))))))));
}

async function audit(body, params, context) {
  const cursor = params.query.get('cursor');
  const search = new URLSearchParams({ limit: 50 });
  if (cursor) search.set('cursor', cursor);
  const page = await api(`/api/v1/audit?${search}`, { signal: context.signal });
  clear(body,
    h('p', null, h('a', { class: 'button', href: '/api/v1/audit/export', download: 'audit.csv' }, 'Export as CSV')),
    h('div', { class: 'table-wrap' }, h('table', { class: 'audit' },
      h('thead', null, h('tr', null, ['At', 'Actor', 'Action', 'Resource', 'Outcome', 'Status', 'Request'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, page.items.map((e) => h('tr', null, h('td', null, time(e.at)), h('td', { class: 'mono' }, e.actor), h('td', null, e.action),
        h('td', { class: 'mono wrap' }, e.resource), h('td', null, badge(e.outcome, e.outcome === 'success' ? 'completed' : 'failed')), h('td', null, String(e.status)),
        h('td', { class: 'mono' }, e.request_id)))))),
    page.next_cursor ? h('nav', { class: 'pager' }, h('a', { href: `/console/admin/audit?cursor=${encodeURIComponent(page.next_cursor)}` }, 'Older →')) : null);
}
