// The console's only way to the API: same-origin fetch through the gateway, the key in a header.
import { h } from './dom.js';

const USER_KEY = 'budai.apiKey';
const ADMIN_KEY = 'budai.adminKey';

/** Keys live in sessionStorage: gone when the tab closes, never in a URL or a cookie. */
export const session = {
  get apiKey() { return sessionStorage.getItem(USER_KEY); },
  set apiKey(value) { value ? sessionStorage.setItem(USER_KEY, value) : sessionStorage.removeItem(USER_KEY); },
  get adminKey() { return sessionStorage.getItem(ADMIN_KEY); },
  set adminKey(value) { value ? sessionStorage.setItem(ADMIN_KEY, value) : sessionStorage.removeItem(ADMIN_KEY); },
  signOut() { sessionStorage.removeItem(USER_KEY); sessionStorage.removeItem(ADMIN_KEY); },
};

/** An RFC 9457 problem from the API (or one the console makes up for a network failure). */
export class ApiProblem extends Error {
  constructor(status, problem = {}) {
    const detail = typeof problem.detail === 'string' ? problem.detail
      : problem.detail !== undefined ? JSON.stringify(problem.detail) : '';
    super(`${problem.title || 'Request failed'}${detail ? `: ${detail}` : ''}`);
    this.status = status;
    this.title = problem.title || (status ? `Request failed (HTTP ${status})` : 'Request failed');
    this.detail = detail;
    this.type = problem.type;
    this.instance = problem.instance;
    this.correlationId = problem.correlationId;
    this.problem = problem;
  }
}

let unauthorizedHandler = () => {};

/** Called with (which: 'user'|'admin', problem) when the API answers 401. */
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

/**
 * Calls the API. options: method, body (sent as JSON), query (object), admin (use the admin key),
 * redirectOn401 (false on sign-in forms, which show the refusal themselves).
 * Resolves to the parsed JSON (null for an empty answer); rejects with an ApiProblem.
 */
export async function api(path, { method = 'GET', body, query, admin = false, signal, redirectOn401 = true } = {}) {
  const key = admin ? session.adminKey : session.apiKey;
  const which = admin ? 'admin' : 'user';
  if (!key) {
    const problem = new ApiProblem(401, { title: 'Signed out', detail: admin ? 'Enter the admin key.' : 'Sign in with an API key.' });
    if (redirectOn401) unauthorizedHandler(which, problem);
    throw problem;
  }
  const url = new URL(path, location.origin);
  for (const [name, value] of Object.entries(query || {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, value);
  }
  const headers = { Accept: 'application/json, application/problem+json' };
  headers[admin ? 'X-Admin-API-Key' : 'X-API-Key'] = key;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(url, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store', credentials: 'omit', redirect: 'error', signal,
    });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiProblem(0, { title: 'Network error', detail: `The gateway could not be reached (${error.message}).` });
  }
  const text = await response.text();
  let json = null;
  if (text && (response.headers.get('Content-Type') || '').includes('json')) {
    try { json = JSON.parse(text); } catch { json = null; }
  }
  if (!response.ok) {
    const problem = new ApiProblem(response.status, {
      ...(json && typeof json === 'object' ? json : { detail: text.slice(0, 500) }),
      title: (json && json.title) || response.statusText || undefined,
      // fetch joins repeated headers with ", ": show each id once.
      correlationId: [...new Set((response.headers.get('X-Correlation-Id') || '').split(',').map((id) => id.trim()).filter(Boolean))].join(', ') || undefined,
    });
    if (response.status === 401) {
      if (admin) session.adminKey = null; else session.apiKey = null;
      if (redirectOn401) unauthorizedHandler(which, problem);
    }
    throw problem;
  }
  return json;
}

/** A problem as people read it: title, detail, status and correlation id. */
export function problemView(error, { title } = {}) {
  const problem = error instanceof ApiProblem ? error
    : new ApiProblem(0, { title: 'Something went wrong', detail: String(error && error.message || error) });
  return h('div', { class: 'problem', role: 'alert', dataset: { status: problem.status } },
    h('p', { class: 'problem-title' }, title ? `${title}: ${problem.title}` : problem.title),
    problem.detail ? h('p', { class: 'problem-detail' }, problem.detail) : null,
    h('p', { class: 'problem-meta muted' },
      problem.status ? `HTTP ${problem.status}` : null,
      problem.correlationId ? ` · correlation id ${problem.correlationId}` : null));
}
