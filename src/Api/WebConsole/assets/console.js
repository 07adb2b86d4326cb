// The console's shell: who is signed in, the navigation their role allows, and a router over the pages.
import { api, useSession, ApiProblem } from './api.js';
import { h, clear, alertBox } from './dom.js';
import * as jobs from './jobs.js';
import * as job from './job.js';
import * as submit from './submit.js';
import * as ask from './ask.js';
import * as teams from './teams.js';
import * as admin from './admin.js';

const BASE = '/console';

const routes = [
  { pattern: /^\/?$/, page: jobs },
  { pattern: /^\/jobs\/?$/, page: jobs },
  { pattern: /^\/jobs\/(?<id>[^/]+)$/, page: job },
  { pattern: /^\/submit$/, page: submit, role: 'analyst' },
  { pattern: /^\/ask(?:\/(?<id>[^/]+))?$/, page: ask },
  { pattern: /^\/teams(?:\/(?<name>[^/]+))?$/, page: teams },
  { pattern: /^\/admin(?:\/(?<section>[a-z]+))?$/, page: admin, role: 'admin' },
];

const rank = { viewer: 0, analyst: 1, admin: 2 };

const context = {
  session: null,
  /** Whether the session's role is at least `role`. */
  can(role) {
    return rank[context.session.role] >= rank[role];
  },
  go(path, { replace = false } = {}) {
    history[replace ? 'replaceState' : 'pushState'](null, '', path);
    render();
  },
};

let leave = null;

function navigation() {
  const links = [
    ['Jobs', '/jobs'],
    context.can('analyst') && ['Submit', '/submit'],
    ['Ask', '/ask'],
    ['Teams', '/teams'],
    context.can('admin') && ['Admin', '/admin'],
  ].filter(Boolean);
  const here = location.pathname.slice(BASE.length) || '/jobs';
  return h('ul', null, links.map(([label, path]) => h('li', null,
    h('a', { href: BASE + path, 'aria-current': here === path || (path !== '/jobs' && here.startsWith(path)) || (path === '/jobs' && (here === '/' || here.startsWith('/jobs'))) ? 'page' : null }, label))));
}

async function render() {
  leave?.();
  leave = null;
  const main = document.getElementById('main');
  clear(document.getElementById('nav'), navigation());
  const path = location.pathname.slice(BASE.length);
  const route = routes.find((r) => r.pattern.test(path));
  if (!route) {
    clear(main, h('h1', null, 'Not found'), h('p', null, 'No console page at this address. ', h('a', { href: `${BASE}/jobs` }, 'Go to the jobs.')));
    return;
  }
  if (route.role && !context.can(route.role)) {
    clear(main, h('h1', null, 'Not allowed'), alertBox('error', `This page needs the ${route.role} role; you are signed in as ${context.session.role}.`));
    return;
  }
  const params = { ...(path.match(route.pattern).groups ?? {}), query: new URLSearchParams(location.search) };
  const controller = new AbortController();
  leave = () => controller.abort();
  clear(main, h('p', { class: 'muted' }, 'Loading…'));
  try {
    await route.page.render(main, params, { ...context, signal: controller.signal });
  } catch (error) {
    if (controller.signal.aborted) return;
    clear(main, h('h1', null, error instanceof ApiProblem && error.status === 404 ? 'Not found' : 'Something went wrong'),
      alertBox('error', error.message, error.requestId ? h('small', null, ` (request ${error.requestId})`) : null));
  }
  if (document.activeElement === document.body) main.focus({ preventScroll: true });
}

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[href]');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || !url.pathname.startsWith(`${BASE}/`) || url.pathname.startsWith(`${BASE}/assets/`)
    || link.hasAttribute('download') || link.target) return;
  event.preventDefault();
  context.go(url.pathname + url.search);
});

window.addEventListener('popstate', render);

async function start() {
  context.session = await api('/console/session');
  useSession(context.session);
  document.querySelector('#sign-out input[name=csrf_token]').value = context.session.csrf_token;
  clear(document.getElementById('who'),
    h('span', { class: 'tenant' }, context.session.tenant_id), ' · ',
    h('span', { class: 'role', 'data-role': context.session.role }, context.session.role), ' · ',
    h('span', { class: 'actor' }, context.session.name));
  await render();
}

start().catch(() => location.assign(`/console/sign-in?return_to=${encodeURIComponent(location.pathname)}`));
