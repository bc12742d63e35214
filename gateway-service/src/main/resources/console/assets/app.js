// The console's shell: client-side routes under /console, navigation, sign-in state, notices.
import { h, replace, heading } from './dom.js';
import { session, onUnauthorized, api, problemView } from './api.js';
import { signInView } from './views/signin.js';
import { meetingsView } from './views/meetings.js';
import { meetingView } from './views/meeting.js';
import { botsView } from './views/bots.js';
import { searchView } from './views/search.js';
import { workflowsView, workflowView } from './views/workflows.js';
import { accountView } from './views/account.js';
import { outboxView } from './views/outbox.js';
import { adminView, adminUserView } from './views/admin.js';

const BASE = '/console';

/** [pattern, view, needs] — needs: 'user' (an API key), 'admin' (views ask for the key themselves) or null. */
const ROUTES = [
  [/^\/?$/, home, null],
  [/^\/signin\/?$/, signInView, null],
  [/^\/meetings\/?$/, meetingsView, 'user'],
  [/^\/meetings\/([^/]+)\/([^/]+)\/?$/, meetingView, 'user', ['platform', 'nativeId']],
  [/^\/bots\/?$/, botsView, 'user'],
  [/^\/search\/?$/, searchView, 'user'],
  [/^\/workflows\/?$/, workflowsView, 'user'],
  [/^\/workflows\/([^/]+)\/?$/, workflowView, 'user', ['id']],
  [/^\/outbox\/?$/, outboxView, 'user'],
  [/^\/account\/?$/, accountView, 'user'],
  [/^\/admin\/?$/, adminView, null],
  [/^\/admin\/users\/([^/]+)\/?$/, adminUserView, null, ['id']],
];

const main = document.getElementById('main');
const noticeEl = document.getElementById('notice');
let current = { cleanups: [], controller: null, token: 0 };

function home(_main, ctx) {
  if (session.apiKey) return ctx.navigate('/meetings', { replace: true });
  if (session.adminKey) return ctx.navigate('/admin', { replace: true });
  return ctx.navigate('/signin', { replace: true });
}

function notFound(target) {
  replace(target, heading('Page not found'),
    h('p', {}, 'The console has no page at ', h('code', {}, location.pathname), '.'),
    h('p', {}, h('a', { href: `${BASE}/`, 'data-nav': '' }, 'Go to the console’s start page')));
}

/** Shows a short message above the page (role=status; errors use the page's own alerts). */
export function notify(message, tone = 'info') {
  replace(noticeEl, message ? h('p', { class: `notice-${tone}` }, message,
    h('button', { type: 'button', class: 'link-button', 'aria-label': 'Dismiss', onclick: () => notify('') }, '×')) : null);
}

function navigate(path, { replace: replaceState = false, notice } = {}) {
  const url = path.startsWith(BASE) ? path : BASE + path;
  if (replaceState) history.replaceState({}, '', url); else history.pushState({}, '', url);
  if (notice !== undefined) notify(notice.message, notice.tone);
  else notify('');
  render();
}

async function render() {
  current.cleanups.forEach((cleanup) => { try { cleanup(); } catch { /* already gone */ } });
  current.controller?.abort();
  const controller = new AbortController();
  const token = current.token + 1;
  current = { cleanups: [], controller, token };
  updateChrome();
  closeMenu();

  const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : location.pathname;
  const match = ROUTES.map(([pattern, view, needs, names = []]) => {
    const found = pattern.exec(path);
    if (!found) return null;
    const params = {};
    names.forEach((name, i) => { params[name] = decodeURIComponent(found[i + 1]); });
    return { view, needs, params };
  }).find(Boolean);

  const ctx = {
    navigate, notify,
    params: match ? match.params : {},
    query: new URLSearchParams(location.search),
    signal: controller.signal,
    isCurrent: () => current.token === token,
    onCleanup: (fn) => current.cleanups.push(fn),
  };
  if (!match) {
    notFound(main);
  } else if (match.needs === 'user' && !session.apiKey) {
    return navigate(`/signin?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
  } else {
    replace(main, h('p', { class: 'muted' }, 'Loading…'));
    try {
      await match.view(main, ctx);
    } catch (error) {
      if (error.name !== 'AbortError' && ctx.isCurrent()) {
        replace(main, heading('Something went wrong'), problemView(error));
      }
    }
  }
  if (ctx.isCurrent()) {
    const title = main.querySelector('h1');
    document.title = title ? `${title.textContent} · BudAI console` : 'BudAI console';
    markCurrentLink();
    if (document.activeElement === document.body || !main.contains(document.activeElement)) title?.focus({ preventScroll: true });
  }
}

let whoLoadedFor = null;

function updateChrome() {
  const signedIn = Boolean(session.apiKey);
  document.querySelectorAll('[data-needs="user"]').forEach((item) => { item.hidden = !signedIn; });
  document.getElementById('sign-out').hidden = !signedIn && !session.adminKey;
  const who = document.getElementById('who');
  if (!signedIn) {
    who.textContent = session.adminKey ? 'Admin' : '';
    whoLoadedFor = null;
    return;
  }
  if (whoLoadedFor === session.apiKey) return;
  whoLoadedFor = session.apiKey;
  api('/usage/quote').then((quote) => {
    who.textContent = `User ${quote.user_id}${quote.plan ? ` · ${quote.plan}` : ''}${session.adminKey ? ' · admin' : ''}`;
  }, () => { who.textContent = ''; });
}

function markCurrentLink() {
  document.querySelectorAll('#nav a').forEach((link) => {
    const here = location.pathname === link.pathname || location.pathname.startsWith(`${link.pathname}/`);
    if (here) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  });
}

function closeMenu() {
  document.getElementById('menu-toggle').setAttribute('aria-expanded', 'false');
  document.getElementById('nav').classList.remove('open');
}

onUnauthorized((which, problem) => {
  updateChrome();
  const message = `${problem.title}: ${problem.detail || 'the key was refused.'}`;
  if (which === 'admin') {
    navigate('/admin', { replace: true, notice: { message, tone: 'error' } });
  } else {
    const next = location.pathname.startsWith(`${BASE}/signin`) ? '' : `?next=${encodeURIComponent(location.pathname + location.search)}`;
    navigate(`/signin${next}`, { replace: true, notice: { message, tone: 'error' } });
  }
});

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[href]');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  if (link.origin !== location.origin || !(link.pathname === BASE || link.pathname.startsWith(`${BASE}/`)) || link.target) return;
  event.preventDefault();
  navigate(link.pathname + link.search);
});

document.getElementById('menu-toggle').addEventListener('click', (event) => {
  const open = event.currentTarget.getAttribute('aria-expanded') !== 'true';
  event.currentTarget.setAttribute('aria-expanded', String(open));
  document.getElementById('nav').classList.toggle('open', open);
});

document.getElementById('sign-out').addEventListener('click', () => {
  session.signOut();
  navigate('/signin', { notice: { message: 'Signed out. The keys were removed from this tab.', tone: 'info' } });
});

window.addEventListener('popstate', render);
render();
