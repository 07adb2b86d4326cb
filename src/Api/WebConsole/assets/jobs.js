// The tenant's jobs: filters, paging, and each row's progress fed live by the tenant's event stream.
import { api, follow } from './api.js';
import { h, clear, time, badge, alertBox } from './dom.js';
import { ANALYSIS_TYPES, STATUSES, TERMINAL } from './vocabulary.js';

const PER_PAGE = 20;

export function progressBar(value, label) {
  return h('progress', { class: 'bar', max: 100, value, 'aria-label': label }, `${value} %`);
}

export function statusBadge(status) {
  return badge(status, status);
}

/** Cancels a job; the row or page updates from the event that follows. */
export async function cancel(id, onError) {
  try {
    await api(`/api/v1/analyses/${encodeURIComponent(id)}`, { method: 'DELETE' });
  } catch (error) {
    onError(error);
  }
}

export async function render(main, params, context) {
  const query = params.query;
  const page = Math.max(1, Number(query.get('page')) || 1);
  const status = query.get('status') ?? '';
  const type = query.get('type') ?? '';

  const filters = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter jobs' },
    h('div', { class: 'field inline' }, h('label', { for: 'filter-status' }, 'Status'),
      h('select', { id: 'filter-status', name: 'status' }, h('option', { value: '' }, 'Any'),
        STATUSES.map((s) => h('option', { value: s, selected: s === status }, s)))),
    h('div', { class: 'field inline' }, h('label', { for: 'filter-type' }, 'Type'),
      h('select', { id: 'filter-type', name: 'type' }, h('option', { value: '' }, 'Any'),
        ANALYSIS_TYPES.map((t) => h('option', { value: t, selected: t === type }, t)),
        type && !ANALYSIS_TYPES.includes(type) ? h('option', { value: type, selected: true }, type) : null)),
    h('button', { type: 'submit' }, 'Filter'));
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [name, value] of new FormData(filters)) if (value) next.set(name, value);
    context.go(`/console/jobs${next.size ? `?${next}` : ''}`);
  });

  const search = new URLSearchParams({ page, per_page: PER_PAGE });
  if (status) search.set('status', status);
  if (type) search.set('type', type);
  const list = await api(`/api/v1/analyses?${search}`, { signal: context.signal });

  const notice = h('div', { class: 'notices', 'aria-live': 'polite' });
  const rows = new Map();
  const body = h('tbody');
  for (const item of list.items) {
    const row = jobRow(item, context, notice);
    rows.set(item.job_id, row);
    body.append(row.node);
  }
  const live = h('span', { class: 'live-state', 'data-state': 'connecting' }, 'connecting…');
  const table = list.items.length === 0
    ? h('p', { class: 'empty' }, status || type ? 'No jobs match these filters.' : 'No jobs yet. ',
      context.can('analyst') && !status && !type ? h('a', { href: '/console/submit' }, 'Submit the first one.') : null)
    : h('div', { class: 'table-wrap' }, h('table', { class: 'jobs' },
      h('caption', { class: 'visually-hidden' }, 'Jobs, newest first'),
      h('thead', null, h('tr', null, ['Job', 'Type', 'Status', 'Progress', 'Step', 'Queue', 'Created', ''].map((c) => h('th', { scope: 'col' }, c)))),
      body));

  const last = Math.max(1, Math.ceil(list.total / list.per_page));
  const pageLink = (n, label) => {
    const next = new URLSearchParams(query);
    next.set('page', n);
    return h('a', { href: `/console/jobs?${next}`, rel: n < page ? 'prev' : 'next' }, label);
  };
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' },
    page > 1 ? pageLink(page - 1, '← Newer') : null,
    h('span', null, `Page ${page} of ${last} · ${list.total} job${list.total === 1 ? '' : 's'}`),
    page < last ? pageLink(page + 1, 'Older →') : null);

  clear(main,
    h('div', { class: 'page-head' }, h('h1', null, 'Jobs'), live,
      context.can('analyst') ? h('a', { class: 'button primary', href: '/console/submit' }, 'Submit an analysis') : null),
    filters, notice, table, list.total > 0 ? pager : null);

  for (const row of rows.values()) if (row.status === 'queued') row.refreshPosition();

  let refreshing = null;
  follow('/api/v1/events', ({ event, data }) => {
    if (typeof data !== 'object' || !data?.job_id) return;
    const row = rows.get(data.job_id);
    if (row) {
      row.update(data);
    } else if (event === 'queued' && page === 1 && !status && !type && !refreshing) {
      // A job submitted elsewhere: show it, once the burst of its first events has passed.
      refreshing = setTimeout(() => context.go(location.pathname + location.search, { replace: true }), 500);
    }
  }, {
    signal: context.signal,
    onState: (state) => {
      // The tenant stream is live only: what happened between reading the list and subscribing is read back.
      if (state === 'live') for (const row of rows.values()) if (!TERMINAL.includes(row.status)) row.refresh();
      live.dataset.state = state;
      live.textContent = state === 'live' ? '● live' : state === 'reconnecting' ? 'reconnecting…' : '';
    },
  }).catch((error) => notice.append(alertBox('error', `Live updates stopped: ${error.message}`)));
}

function jobRow(item, context, notice) {
  const bar = progressBar(item.progress, `Progress of ${item.job_id}`);
  const statusCell = h('td', null, statusBadge(item.status));
  const stepCell = h('td', { class: 'step' }, item.current_step ?? '');
  const queueCell = h('td', { class: 'queue' });
  const actions = h('td');
  const row = {
    status: item.status,
    node: h('tr', { 'data-job': item.job_id },
      h('td', null, h('a', { href: `/console/jobs/${item.job_id}`, class: 'mono' }, item.job_id)),
      h('td', null, item.type), statusCell, h('td', null, bar), stepCell, queueCell, h('td', null, time(item.created_at)), actions),
    update(event) {
      row.status = event.status;
      bar.value = event.progress;
      bar.textContent = `${event.progress} %`;
      clear(statusCell, statusBadge(event.status));
      stepCell.textContent = event.current_step ?? '';
      if (event.status === 'queued') row.refreshPosition();
      else queueCell.textContent = '';
      renderActions();
    },
    async refresh() {
      const current = await api(`/api/v1/analyses/${item.job_id}`, { signal: context.signal }).catch(() => null);
      // Only forward: an event that arrived meanwhile is newer than this answer.
      if (current && !TERMINAL.includes(row.status) && current.progress >= bar.value
        && (current.status !== row.status || current.progress > bar.value)) row.update(current);
    },
    async refreshPosition() {
      const current = await api(`/api/v1/analyses/${item.job_id}`, { signal: context.signal }).catch(() => null);
      queueCell.textContent = current?.status === 'queued' && current.position_in_queue != null ? `#${current.position_in_queue}` : '';
    },
  };
  function renderActions() {
    clear(actions, context.can('analyst') && !TERMINAL.includes(row.status)
      ? h('button', { type: 'button', class: 'small danger', 'aria-label': `Cancel ${item.job_id}`,
        on: { click: () => cancel(item.job_id, (error) => notice.append(alertBox('error', `Could not cancel ${item.job_id}: ${error.message}`))) } }, 'Cancel')
      : null);
  }
  renderActions();
  return row;
}
