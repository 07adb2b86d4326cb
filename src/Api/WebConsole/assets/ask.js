// Ask: a conversation on one or more finished jobs, each answer streaming in as it is written.
import { api, stream } from './api.js';
import { h, clear, time, alertBox } from './dom.js';

export async function render(main, params, context) {
  if (params.id) {
    await conversation(main, params.id, context);
    return;
  }
  const [conversations, jobs] = await Promise.all([
    api('/api/v1/conversations?per_page=20', { signal: context.signal }),
    api('/api/v1/analyses?status=completed&per_page=50', { signal: context.signal }),
  ]);
  const preselected = params.query.getAll('job');
  const problem = h('div', { 'aria-live': 'assertive' });
  const start = h('form', { class: 'start-conversation' },
    h('fieldset', null, h('legend', null, 'Jobs to ask about'),
      jobs.items.length === 0 ? h('p', { class: 'muted' }, 'No completed jobs yet.') : h('ul', { class: 'choices' },
        jobs.items.map((job) => h('li', null, h('label', null,
          h('input', { type: 'checkbox', name: 'job', value: job.job_id, checked: preselected.includes(job.job_id) }),
          ' ', h('span', { class: 'mono' }, job.job_id), ` · ${job.type} · `, time(job.completed_at)))))),
    problem,
    context.can('analyst') ? h('button', { type: 'submit', class: 'primary' }, 'Start a conversation') : h('p', { class: 'muted' }, 'Asking needs the analyst role.'));
  start.addEventListener('submit', async (event) => {
    event.preventDefault();
    const jobIds = new FormData(start).getAll('job');
    try {
      const created = await api('/api/v1/conversations', { method: 'POST', body: { job_ids: jobIds } });
      context.go(`/console/ask/${created.conversation_id}`);
    } catch (error) {
      clear(problem, alertBox('error', error.message));
    }
  });
  clear(main, h('h1', null, 'Ask'), start,
    h('h2', null, 'Conversations'),
    conversations.items.length === 0 ? h('p', { class: 'muted' }, 'None yet.') : h('ul', { class: 'conversations' },
      conversations.items.map((c) => h('li', null, h('a', { href: `/console/ask/${c.conversation_id}` }, c.title || c.conversation_id),
        h('span', { class: 'muted' }, ` · ${c.message_count} messages · `), time(c.updated_at)))));
}

async function conversation(main, id, context) {
  const view = await api(`/api/v1/conversations/${encodeURIComponent(id)}`, { signal: context.signal });
  const log = h('ol', { class: 'messages', 'aria-live': 'polite', 'aria-label': 'Messages' });
  if (view.summary) log.append(h('li', { class: 'summary muted' }, `Earlier: ${view.summary}`));
  for (const message of view.messages) log.append(messageNode(message));

  const text = h('textarea', { id: 'question', name: 'text', rows: 2, required: true, maxLength: 4000 });
  const problem = h('div', { 'aria-live': 'assertive' });
  const send = h('button', { type: 'submit', class: 'primary' }, 'Ask');
  const form = h('form', { class: 'ask-form' }, h('label', { for: 'question' }, 'Your question'), text, problem, send);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const question = text.value.trim();
    if (!question) return;
    clear(problem);
    send.disabled = true;
    log.append(messageNode({ role: 'user', text: question, created_at: new Date().toISOString() }));
    const answerText = h('p', { class: 'text' });
    const meta = h('p', { class: 'meta muted' }, 'writing…');
    const answer = h('li', { class: 'message assistant streaming', 'aria-busy': 'true' }, h('span', { class: 'sender' }, 'Actors'), answerText, meta);
    log.append(answer);
    text.value = '';
    try {
      await stream(`/api/v1/conversations/${encodeURIComponent(id)}/messages`, ({ event, data }) => {
        if (event === 'delta') answerText.append(data.text);
        else if (event === 'reset') answerText.textContent = '';
        else if (event === 'progress') meta.textContent = `analysis ${data.job_id}: ${data.status} ${data.progress} %`;
        else if (event === 'message') {
          answerText.textContent = data.text;
          clear(meta, metaOf(data));
        } else if (event === 'error') clear(problem, alertBox('error', data.detail ?? 'The answer failed.'));
      }, { method: 'POST', body: { text: question }, signal: context.signal });
    } catch (error) {
      clear(problem, alertBox('error', error.message));
      meta.textContent = 'no answer';
    } finally {
      answer.classList.remove('streaming');
      answer.removeAttribute('aria-busy');
      send.disabled = false;
    }
  });

  clear(main,
    h('p', { class: 'crumbs' }, h('a', { href: '/console/ask' }, 'Ask'), ' / ', h('span', { class: 'mono' }, id)),
    h('h1', null, 'Conversation'),
    h('p', { class: 'muted' }, 'About: ', view.job_ids.length === 0 ? 'no job' : view.job_ids.map((j, i) => [i ? ', ' : '', h('a', { href: `/console/jobs/${j}`, class: 'mono' }, j)])),
    log, context.can('analyst') ? form : h('p', { class: 'muted' }, 'Asking needs the analyst role.'));
}

function messageNode(message) {
  const mine = message.role === 'user';
  return h('li', { class: ['message', mine ? 'user' : 'assistant'] },
    h('span', { class: 'sender' }, mine ? 'You' : 'Actors'), h('p', { class: 'text' }, message.text),
    h('p', { class: 'meta muted' }, mine ? time(message.created_at) : metaOf(message)));
}

function metaOf(message) {
  return [message.answered_by && `answered by ${message.answered_by}`, message.routed_by && `routed by ${message.routed_by}`,
    message.grounding && `grounding: ${message.grounding}`].filter(Boolean).join(' · ');
}
