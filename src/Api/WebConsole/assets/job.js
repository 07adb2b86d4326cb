// One job: its status, the event timeline live, then the report with its charts and provenance.
import { api, follow } from './api.js';
import { h, clear, time, badge, number, alertBox } from './dom.js';
import { progressBar, statusBadge, cancel } from './jobs.js';
import { TERMINAL } from './vocabulary.js';

const KNOWN = ['queued', 'started', 'progress', 'step', 'completed', 'failed', 'cancelled'];
// Fields every job event has; anything else an event carries (an agent's step, a tool call) is shown as it comes.
const COMMON = ['job_id', 'sequence', 'event', 'status', 'progress', 'current_step', 'message', 'error', 'timestamp'];

export async function render(main, params, context) {
  const id = params.id;
  const path = `/api/v1/analyses/${encodeURIComponent(id)}`;
  const status = await api(path, { signal: context.signal });

  const bar = progressBar(status.progress, 'Job progress');
  const percent = h('span', { class: 'percent', 'aria-hidden': 'true' }, `${status.progress} %`);
  const statusCell = h('dd', { class: 'status' }, statusBadge(status.status));
  const stepCell = h('dd', { class: 'step' }, status.current_step ?? '—');
  const queueCell = h('dd', { class: 'queue' }, queueText(status));
  const errorBox = h('div', { 'aria-live': 'assertive' });
  const actions = h('div', { class: 'actions' });
  const timeline = h('ol', { class: 'timeline', 'aria-label': 'Event timeline' });
  const liveState = h('span', { class: 'live-state', 'data-state': 'connecting' }, 'connecting…');
  const report = h('section', { class: 'report', 'aria-labelledby': 'report-title' });

  function showActions(current) {
    clear(actions, context.can('analyst') && !TERMINAL.includes(current)
      ? h('button', { type: 'button', class: 'danger', id: 'cancel-job',
        on: { click: () => cancel(id, (error) => errorBox.append(alertBox('error', `Could not cancel: ${error.message}`))) } }, 'Cancel job')
      : null);
  }
  showActions(status.status);

  clear(main,
    h('p', { class: 'crumbs' }, h('a', { href: '/console/jobs' }, 'Jobs'), ' / ', h('span', { class: 'mono' }, id)),
    h('div', { class: 'page-head' }, h('h1', null, `${status.type}`), liveState, actions),
    h('div', { class: 'progress-line' }, bar, percent),
    h('dl', { class: 'facts' },
      h('dt', null, 'Status'), statusCell,
      h('dt', null, 'Current step'), stepCell,
      h('dt', null, 'Queue position'), queueCell,
      h('dt', null, 'Priority'), h('dd', null, status.priority),
      h('dt', null, 'Attempts'), h('dd', null, String(status.attempts)),
      h('dt', null, 'Created'), h('dd', null, time(status.created_at))),
    errorBox,
    h('section', { class: 'events', 'aria-labelledby': 'timeline-title' }, h('h2', { id: 'timeline-title' }, 'Timeline'), timeline),
    report);

  if (status.status === 'completed') showReport(report, id, context);
  if (status.error) errorBox.append(alertBox('error', `${status.error.code}: ${status.error.message}`));

  await follow(`${path}/events`, ({ event, data }) => {
    timeline.append(timelineEntry(event, data));
    if (typeof data !== 'object' || data === null) return;
    if (typeof data.progress === 'number') {
      bar.value = data.progress;
      bar.textContent = percent.textContent = `${data.progress} %`;
    }
    if (data.status) {
      clear(statusCell, statusBadge(data.status));
      showActions(data.status);
      if (data.status === 'queued') api(path).then((s) => { queueCell.textContent = queueText(s); }).catch(() => {});
      else queueCell.textContent = queueText(data);
    }
    if ('current_step' in data) stepCell.textContent = data.current_step ?? '—';
    if (data.error) errorBox.append(alertBox('error', `${data.error.code}: ${data.error.message}`));
    if (event === 'completed' && !report.hasChildNodes()) showReport(report, id, context);
  }, {
    signal: context.signal,
    isLast: ({ event }) => TERMINAL.includes(event),
    onState: (state) => {
      liveState.dataset.state = state;
      liveState.textContent = state === 'live' ? '● live' : state === 'reconnecting' ? 'reconnecting…' : 'finished';
    },
  });
}

function queueText(status) {
  if (status.status === 'queued') return status.position_in_queue != null ? `#${status.position_in_queue} in the tenant's queue` : 'queued';
  return '—';
}

function timelineEntry(event, data) {
  const known = KNOWN.includes(event);
  const extra = typeof data === 'object' && data !== null
    ? Object.fromEntries(Object.entries(data).filter(([name, value]) => !COMMON.includes(name) && value !== null))
    : { data };
  return h('li', { class: ['event', `event-${known ? event : 'other'}`], 'data-event': event },
    h('span', { class: 'event-kind' }, badge(event, known ? event : 'other')),
    h('span', { class: 'event-text' },
      data?.message ?? '', data?.current_step && data.message !== `finished ${data.current_step}` ? h('span', { class: 'muted' }, ` · ${data.current_step}`) : null,
      typeof data?.progress === 'number' ? h('span', { class: 'muted' }, ` · ${data.progress} %`) : null),
    data?.timestamp ? h('span', { class: 'event-time' }, time(data.timestamp)) : null,
    Object.keys(extra).length > 0 ? h('dl', { class: 'event-data' }, Object.entries(extra).map(([name, value]) => [
      h('dt', null, name), h('dd', null, typeof value === 'object' ? h('code', null, JSON.stringify(value)) : String(value))])) : null);
}

async function showReport(section, id, context) {
  const path = `/api/v1/analyses/${encodeURIComponent(id)}/result`;
  clear(section, h('h2', { id: 'report-title' }, 'Report'), h('p', { class: 'muted' }, 'Loading the report…'));
  let result;
  try {
    result = await api(path, { signal: context.signal });
  } catch (error) {
    clear(section, h('h2', { id: 'report-title' }, 'Report'), alertBox('error', error.message));
    return;
  }
  const charts = h('div', { class: 'charts' });
  clear(section,
    h('div', { class: 'page-head' }, h('h2', { id: 'report-title' }, 'Report'),
      h('div', { class: 'downloads' }, 'Download: ',
        h('a', { href: `${path}?format=md`, download: `${id}.md` }, 'Markdown'), ' · ',
        h('a', { href: `${path}?format=html`, download: `${id}.html` }, 'HTML'), ' · ',
        h('a', { href: path, download: `${id}.json` }, 'JSON'))),
    h('p', { class: 'summary' }, result.summary ?? ''),
    h('div', { class: 'kpis' }, (result.kpis ?? []).map((kpi) => h('div', { class: 'kpi' },
      h('span', { class: 'kpi-value' }, number(kpi.value)), kpi.unit ? h('span', { class: 'kpi-unit' }, kpi.unit) : null,
      h('span', { class: 'kpi-name' }, kpi.name)))),
    h('h3', null, 'Findings'),
    (result.findings ?? []).length === 0 ? h('p', { class: 'muted' }, 'No findings.') : h('ul', { class: 'findings' },
      result.findings.map((f) => h('li', { class: ['finding', f.severity] },
        h('strong', null, f.title), ' ', badge(f.severity, f.severity), h('p', null, f.detail),
        f.evidence ? h('details', null, h('summary', null, 'Evidence'), h('pre', null, JSON.stringify(f.evidence, null, 2))) : null))),
    h('h3', null, 'Recommendations'),
    (result.recommendations ?? []).length === 0 ? h('p', { class: 'muted' }, 'No recommendations.') : h('ul', { class: 'recommendations' },
      result.recommendations.map((r) => h('li', null, h('strong', null, r.title), h('p', null, r.detail),
        h('p', { class: 'muted' }, `Impact: ${r.impact ?? '—'} · effort: ${r.effort ?? '—'}`)))),
    h('h3', null, 'Charts'), charts,
    provenance(result),
    h('details', { class: 'metrics' }, h('summary', null, 'Metrics (machine-readable)'), h('pre', null, JSON.stringify(result.metrics, null, 2))));
  await drawCharts(charts, path, context);
}

/**
 * The report's charts are the API's own SVG drawings (the HTML rendering); only their figures are
 * taken, and only SVG shapes and text within them, so nothing of that page runs here.
 */
async function drawCharts(container, path, context) {
  let page;
  try {
    page = await api(`${path}?format=html`, { headers: { Accept: 'text/html' }, signal: context.signal });
  } catch (error) {
    clear(container, alertBox('error', `The charts could not be loaded: ${error.message}`));
    return;
  }
  const parsed = new DOMParser().parseFromString(page, 'text/html');
  const figures = [...parsed.querySelectorAll('figure')].filter((f) => f.querySelector('svg'));
  if (figures.length === 0) {
    clear(container, h('p', { class: 'muted' }, 'This report has no charts.'));
    return;
  }
  clear(container, figures.map((figure) => {
    const svg = figure.querySelector('svg');
    for (const node of svg.querySelectorAll('*')) {
      if (['script', 'foreignObject', 'a', 'use', 'image'].includes(node.localName)) node.remove();
    }
    for (const node of [svg, ...svg.querySelectorAll('*')]) {
      for (const attribute of [...node.attributes]) if (/^on|href$/i.test(attribute.name)) node.removeAttribute(attribute.name);
    }
    return h('figure', { class: 'chart' }, h('figcaption', null, figure.querySelector('figcaption')?.textContent ?? ''), document.importNode(svg, true));
  }));
}

function provenance(result) {
  const p = result.provenance ?? {};
  const usage = result.usage ?? {};
  const steps = p.steps ?? [];
  return h('section', { class: 'provenance' }, h('h3', null, 'Provenance'),
    h('dl', { class: 'facts' },
      h('dt', null, 'Engine'), h('dd', null, p.engine ?? '—'),
      p.team ? [h('dt', null, 'Team'), h('dd', null, `${p.team.name} (${p.team.strategy}${p.team.manager ? `, manager ${p.team.manager}` : ''})`)] : null,
      h('dt', null, 'Tools'), h('dd', null, (p.tools ?? []).join(', ') || '—'),
      h('dt', null, 'Tokens'), h('dd', null, `${number(usage.input_tokens ?? 0)} in · ${number(usage.output_tokens ?? 0)} out`),
      h('dt', null, 'Cost'), h('dd', null, `$${number(usage.cost_usd ?? 0)}`)),
    steps.length === 0 ? null : h('div', { class: 'table-wrap' }, h('table', null,
      h('thead', null, h('tr', null, ['Step', 'Agents', 'Engine', 'Review', 'Notes'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, steps.map((step) => h('tr', null,
        h('td', null, step.name ?? step.tool ?? step.step ?? ''),
        h('td', null, (step.agents ?? (step.agent ? [step.agent] : [])).join(', ')),
        h('td', null, step.engine ?? ''),
        h('td', null, step.reviewer ? `${step.reviewer} (${step.review_rounds ?? 0} rounds)` : ''),
        h('td', null, [step.skipped ? 'skipped' : null, step.fallback_reason, ...(step.tool_calls ?? []).map((c) => `${c.name}(${JSON.stringify(c.arguments ?? {})})`)]
          .filter(Boolean).join('; '))))))));
}
