// Teams: each template drawn as a graph of its steps, and an editor that saves a tenant's own, validated by the API.
import { api } from './api.js';
import { h, s, clear, badge, field, alertBox } from './dom.js';
import { STRATEGIES } from './vocabulary.js';

export async function render(main, params, context) {
  const [teams, agents] = await Promise.all([
    api('/api/v1/teams', { signal: context.signal }),
    api('/api/v1/agents', { signal: context.signal }).then((a) => a.items ?? a).catch(() => []),
  ]);
  const mode = params.query.get('edit') !== null ? 'edit' : params.query.get('copy') !== null ? 'copy' : params.query.get('new') !== null ? 'new' : null;
  if (mode && context.can('admin')) {
    const base = params.name ? teams.find((t) => t.name === params.name) : null;
    editor(main, teams, agents, mode === 'new' ? null : base, mode, context);
    return;
  }
  const shown = params.name ? teams.filter((t) => t.name === params.name) : teams;
  if (params.name && shown.length === 0) {
    clear(main, h('h1', null, 'Not found'), alertBox('error', `No team '${params.name}' for this tenant.`));
    return;
  }
  clear(main,
    h('div', { class: 'page-head' }, h('h1', null, params.name ? `Team ${params.name}` : 'Teams'),
      context.can('admin') ? h('a', { class: 'button primary', href: '/console/teams?new' }, 'New team') : null),
    params.name ? h('p', { class: 'crumbs' }, h('a', { href: '/console/teams' }, 'All teams')) : null,
    h('div', { class: 'team-list' }, shown.map((team) => h('article', { class: 'team', 'data-team': team.name },
      h('h2', null, h('a', { href: `/console/teams/${team.name}` }, team.name), ' ', team.built_in ? badge('built in', 'info') : badge('this tenant', 'completed')),
      h('p', { class: 'muted' }, `${team.analysis_type} · ${team.strategy}${team.manager ? ` · manager ${team.manager}` : ''}`),
      team.description ? h('p', null, team.description) : null,
      graph(team),
      context.can('admin') ? h('p', null, team.built_in
        ? h('a', { href: `/console/teams/${team.name}?copy` }, 'Copy into the editor')
        : h('a', { href: `/console/teams/${team.name}?edit` }, 'Edit')) : null))));
}

/** Steps in columns by how many dependencies deep they are; arrows from a dependency to its dependant. */
export function graph(team) {
  const steps = team.steps ?? [];
  const depth = new Map();
  const depthOf = (tool, seen = new Set()) => {
    if (depth.has(tool)) return depth.get(tool);
    if (seen.has(tool)) return 0; // A cycle: the API refuses it; draw it flat meanwhile.
    seen.add(tool);
    const step = steps.find((x) => x.tool === tool);
    const d = step && (step.depends_on ?? []).length ? 1 + Math.max(...step.depends_on.map((t) => depthOf(t, seen))) : 0;
    depth.set(tool, d);
    return d;
  };
  steps.forEach((step) => depthOf(step.tool));
  const columns = [];
  for (const step of steps) (columns[depth.get(step.tool)] ??= []).push(step);
  const W = 170, H = 64, GX = 60, GY = 26, PAD = 12;
  const place = new Map();
  columns.forEach((column, x) => column.forEach((step, y) => place.set(step.tool, { x: PAD + x * (W + GX), y: PAD + y * (H + GY) })));
  const width = PAD * 2 + Math.max(1, columns.length) * (W + GX) - GX;
  const height = PAD * 2 + Math.max(1, ...columns.map((c) => c.length)) * (H + GY) - GY + 14;
  const markerId = `arrow-${Math.random().toString(36).slice(2, 8)}`;
  const edges = steps.flatMap((step) => (step.depends_on ?? []).filter((d) => place.has(d)).map((dependency) => {
    const from = place.get(dependency), to = place.get(step.tool);
    return s('line', { x1: from.x + W, y1: from.y + H / 2, x2: to.x - 4, y2: to.y + H / 2, class: 'edge', 'marker-end': `url(#${markerId})` });
  }));
  const nodes = steps.map((step) => {
    const at = place.get(step.tool);
    const who = step.agents ? step.agents.join(' + ') : step.agent ?? '';
    return s('g', { class: ['node', step.when && 'conditional', step.review && 'reviewed'], transform: `translate(${at.x},${at.y})`, 'data-step': step.tool },
      s('title', null, `${step.tool}: ${step.task ?? ''}${step.when ? ` (when ${step.when})` : ''}`),
      s('rect', { width: W, height: H, rx: 8 }),
      s('text', { x: 10, y: 22, class: 'node-title' }, step.tool),
      s('text', { x: 10, y: 40, class: 'node-agent' }, who.length > 24 ? `${who.slice(0, 23)}…` : who),
      step.when ? s('text', { x: 10, y: 56, class: 'node-when' }, `when ${step.when}`.slice(0, 28)) : null,
      step.review ? s('text', { x: W - 8, y: 22, class: 'node-review', 'text-anchor': 'end' }, `⟲ ${step.review.agent}`.slice(0, 14)) : null);
  });
  return h('figure', { class: 'team-graph' },
    s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `${team.name}: ${steps.map((x) => x.tool).join(', ')} (${team.strategy})` },
      s('defs', null, s('marker', { id: markerId, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto' },
        s('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow-head' }))),
      edges, nodes),
    h('figcaption', null, `${team.strategy}${team.manager ? `, managed by ${team.manager}` : ''}: `,
      steps.map((x) => x.tool).join(' → ') || 'no steps'));
}

function toolsOf(type, teams) {
  const builtIn = teams.find((t) => t.built_in && t.analysis_type === type) ?? teams.find((t) => t.analysis_type === type);
  return builtIn ? builtIn.steps.map((x) => x.tool) : [];
}

function editor(main, teams, agents, base, mode, context) {
  const types = [...new Set(teams.map((t) => t.analysis_type))];
  const agentNames = agents.map((a) => a.name);
  const draft = base ? structuredClone(base) : { name: '', analysis_type: types[0] ?? 'data_interpretation', strategy: 'sequential', steps: [] };
  if (mode === 'copy') draft.name = `${base.name}_copy`.slice(0, 64);
  delete draft.built_in;

  const problems = h('div', { 'aria-live': 'assertive' });
  const preview = h('div', { class: 'preview' });
  const json = h('pre', { class: 'json' });
  const stepsBox = h('div', { class: 'steps' });

  const name = h('input', { id: 'team-name', name: 'name', value: draft.name, required: true, pattern: '[a-z0-9_]{1,64}', readOnly: mode === 'edit' });
  const type = h('select', { id: 'team-type', name: 'analysis_type' }, types.map((t) => h('option', { value: t, selected: t === draft.analysis_type }, t)));
  const strategy = h('select', { id: 'team-strategy', name: 'strategy' }, STRATEGIES.map((x) => h('option', { value: x, selected: x === draft.strategy }, x)));
  const manager = h('select', { id: 'team-manager', name: 'manager' }, h('option', { value: '' }, '—'), agentNames.map((a) => h('option', { value: a, selected: a === draft.manager }, a)));
  const description = h('input', { id: 'team-description', name: 'description', value: draft.description ?? '' });

  function agentSelect(value, label) {
    return h('select', { 'aria-label': label }, h('option', { value: '' }, '—'), agentNames.map((a) => h('option', { value: a, selected: a === value }, a)));
  }

  function stepEditor(step, index) {
    const tools = toolsOf(draft.analysis_type, teams);
    const others = draft.steps.filter((x, i) => i !== index && x.tool);
    const tool = h('select', { 'aria-label': `Step ${index + 1} tool`, 'data-part': 'tool' }, h('option', { value: '' }, 'choose a tool'),
      [...new Set([...tools, step.tool].filter(Boolean))].map((t) => h('option', { value: t, selected: t === step.tool }, t)));
    const agent = step.agents
      ? h('input', { 'aria-label': `Step ${index + 1} agents (comma-separated)`, value: step.agents.join(', ') })
      : agentSelect(step.agent, `Step ${index + 1} agent`);
    const when = h('input', { 'aria-label': `Step ${index + 1} condition`, value: step.when ?? '', placeholder: 'profile.rows > 10' });
    const reviewer = agentSelect(step.review?.agent, `Step ${index + 1} reviewer`);
    const rounds = h('input', { type: 'number', min: 1, max: 5, value: step.review?.max_rounds ?? 2, 'aria-label': `Step ${index + 1} review rounds` });
    const depends = h('fieldset', { class: 'depends' }, h('legend', null, 'Depends on'),
      others.length === 0 ? h('span', { class: 'muted' }, 'nothing yet') : others.map((o) => h('label', null,
        h('input', { type: 'checkbox', value: o.tool, checked: (step.depends_on ?? []).includes(o.tool) }), ` ${o.tool}`)));
    const sync = () => {
      const retooled = step.tool !== tool.value;
      step.tool = tool.value;
      if (step.agents) step.agents = agent.value.split(',').map((x) => x.trim()).filter(Boolean);
      else step.agent = agent.value || undefined;
      step.when = when.value.trim() || undefined;
      step.review = reviewer.value ? { agent: reviewer.value, max_rounds: Number(rounds.value) || 2 } : undefined;
      step.depends_on = [...depends.querySelectorAll('input:checked')].map((c) => c.value);
      if (step.depends_on.length === 0) delete step.depends_on;
      // A new tool changes what the other steps may depend on: redraw them, keeping the focus where it was.
      refresh(retooled);
      if (retooled) stepsBox.querySelector(`.step-editor[data-index="${index}"] select[data-part=tool]`)?.focus();
    };
    const node = h('fieldset', { class: 'step-editor', 'data-index': index },
      h('legend', null, `Step ${index + 1}`),
      h('div', { class: 'row' }, h('label', null, 'Tool ', tool), h('label', null, step.agents ? 'Agents ' : 'Agent ', agent),
        h('button', { type: 'button', class: 'small', on: { click: () => {
          if (step.agents) { step.agent = step.agents[0]; delete step.agents; } else { step.agents = step.agent ? [step.agent] : []; delete step.agent; }
          refresh(true);
        } } }, step.agents ? 'One agent' : 'Several agents')),
      depends,
      h('div', { class: 'row' }, h('label', null, 'When ', when), h('label', null, 'Reviewer ', reviewer), h('label', null, 'Rounds ', rounds)),
      h('button', { type: 'button', class: 'small danger', on: { click: () => { draft.steps.splice(index, 1); refresh(true); } } }, `Remove step ${index + 1}`));
    node.addEventListener('change', sync);
    node.addEventListener('input', (event) => { if (event.target.tagName === 'INPUT' && event.target.type !== 'checkbox') sync(); });
    return node;
  }

  function body() {
    const team = { name: name.value.trim(), analysis_type: type.value, strategy: strategy.value, steps: draft.steps.map((x) => ({ ...x })) };
    if (manager.value) team.manager = manager.value;
    if (description.value.trim()) team.description = description.value.trim();
    for (const step of team.steps) for (const key of Object.keys(step)) if (step[key] === undefined) delete step[key];
    return team;
  }

  function refresh(rebuildSteps) {
    draft.name = name.value;
    draft.analysis_type = type.value;
    draft.strategy = strategy.value;
    draft.manager = manager.value || undefined;
    if (rebuildSteps) clear(stepsBox, draft.steps.map(stepEditor));
    const team = body();
    clear(preview, graph(team));
    json.textContent = JSON.stringify(team, null, 2);
  }

  const form = h('form', { class: 'team-editor', novalidate: true },
    problems,
    h('div', { class: 'row' }, field('Name', name, 'a-z, 0-9 and _; saving a name again replaces that team.'), field('Analysis type', type), field('Strategy', strategy)),
    h('div', { class: 'row' }, field('Manager (hierarchical)', manager), field('Description', description)),
    h('h2', null, 'Steps'), stepsBox,
    h('button', { type: 'button', id: 'add-step', on: { click: () => { draft.steps.push({ tool: '', agent: agentNames[0] }); refresh(true); } } }, 'Add a step'),
    h('h2', null, 'Preview'), preview,
    h('details', null, h('summary', null, 'As JSON'), json),
    h('button', { type: 'submit', class: 'primary' }, 'Save team'));
  for (const input of [name, type, strategy, manager, description]) input.addEventListener('change', () => refresh(input === type));
  name.addEventListener('input', () => refresh(false));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(problems);
    try {
      const saved = await api('/api/v1/teams', { method: 'POST', body: body() });
      context.go(`/console/teams/${saved.name}`);
    } catch (error) {
      const list = error.problems?.length ? error.problems : Object.entries(error.errors ?? {}).map(([f, m]) => `${f}: ${[].concat(m).join(' ')}`);
      clear(problems, alertBox('error', h('strong', null, error.title ?? 'Not saved'), list.length
        ? h('ul', { class: 'problems' }, list.map((p) => h('li', null, p)))
        : h('p', null, error.message)));
      problems.querySelector('.alert')?.setAttribute('tabindex', '-1');
      problems.querySelector('.alert')?.focus();
    }
  });
  clear(main, h('p', { class: 'crumbs' }, h('a', { href: '/console/teams' }, 'Teams'), ' / editor'),
    h('h1', null, mode === 'edit' ? `Edit team ${draft.name}` : 'New team'), form);
  refresh(true);
}
