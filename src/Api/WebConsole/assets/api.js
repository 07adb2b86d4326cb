// The public HTTP API, called with the session cookie. Changes carry the session's anti-forgery token.
let session = null;

export function useSession(value) {
  session = value;
}

/** An RFC 7807 problem the API answered with. */
export class ApiProblem extends Error {
  constructor(status, body) {
    super(body?.detail || body?.title || `HTTP ${status}`);
    this.status = status;
    this.code = body?.code ?? null;
    this.title = body?.title ?? null;
    this.errors = body?.errors ?? {};
    this.problems = body?.problems ?? [];
    this.requestId = body?.request_id ?? null;
    this.body = body ?? {};
  }
}

function headersFor(method, extra) {
  const headers = { Accept: 'application/json', ...extra };
  if (!['GET', 'HEAD'].includes(method) && session) headers[session.csrf_header] = session.csrf_token;
  return headers;
}

async function problemOf(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = { detail: `${response.status} ${response.statusText}` };
  }
  return new ApiProblem(response.status, body);
}

function signInAgain() {
  location.assign(`/console/sign-in?return_to=${encodeURIComponent(location.pathname + location.search)}`);
}

/** Sends a request; answers the parsed JSON (or text), throws an ApiProblem for an error answer. */
export async function api(path, { method = 'GET', body, headers, signal } = {}) {
  const init = { method, headers: headersFor(method, headers), credentials: 'same-origin', signal };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (response.status === 401 && path !== '/console/session') signInAgain();
  if (!response.ok) throw await problemOf(response);
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') ?? '';
  return type.includes('json') ? response.json() : response.text();
}

/** Reads Server-Sent Events from a response body, calling onEvent({id, event, data}) for each, whatever its name. */
export async function readEvents(response, onEvent) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      const message = { id: null, event: 'message', data: '' };
      const data = [];
      for (const line of frame.split(/\r?\n/)) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const name = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (name === 'id') message.id = text;
        else if (name === 'event') message.event = text;
        else if (name === 'data') data.push(text);
      }
      if (data.length === 0) continue;
      message.raw = data.join('\n');
      try {
        message.data = JSON.parse(message.raw);
      } catch {
        message.data = message.raw;
      }
      onEvent(message);
    }
  }
}

/** Opens an event stream (GET, or POST with a body) and reads it to its end. */
export async function stream(path, onEvent, { method = 'GET', body, lastEventId, signal, onOpen = () => {} } = {}) {
  const headers = headersFor(method, { Accept: 'text/event-stream' });
  if (lastEventId) headers['Last-Event-ID'] = String(lastEventId);
  const init = { method, headers, credentials: 'same-origin', signal, cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (response.status === 401) signInAgain();
  if (!response.ok) throw await problemOf(response);
  onOpen();
  if (!(response.headers.get('Content-Type') ?? '').startsWith('text/event-stream')) return onEvent({ event: 'message', data: await response.json() });
  return readEvents(response, onEvent);
}

/**
 * Follows a stream until `isLast(event)` or `signal` aborts, resuming after the last id on a broken
 * connection (the API replays what was missed). `onState` hears 'live' (once the server has
 * subscribed: it answers only then), 'reconnecting' and 'ended'.
 */
export async function follow(path, onEvent, { signal, isLast = () => false, onState = () => {} } = {}) {
  let lastId = null;
  let ended = false;
  let failures = 0;
  while (!ended && !signal?.aborted) {
    try {
      await stream(path, (message) => {
        if (message.id) lastId = message.id;
        failures = 0;
        onEvent(message);
        if (isLast(message)) ended = true;
      }, { lastEventId: lastId, signal, onOpen: () => onState('live') });
      // Closed before its last event (the node restarted, a proxy timed out): come back after a pause.
      if (!ended) failures += 1;
    } catch (error) {
      if (signal?.aborted) return;
      if (error instanceof ApiProblem && error.status < 500 && error.status !== 429) throw error;
      failures += 1;
    }
    if (ended || signal?.aborted) break;
    onState('reconnecting');
    await new Promise((resolve) => setTimeout(resolve, Math.min(500 * 2 ** failures, 10000)));
  }
  onState('ended');
}
