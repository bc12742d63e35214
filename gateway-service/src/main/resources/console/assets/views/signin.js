import { h, replace, field, heading } from '../dom.js';
import { api, session, problemView } from '../api.js';

/** Sign-in with an API key (and, below, the operator's admin key). */
export async function signInView(main, ctx) {
  const next = safeNext(ctx.query.get('next'));
  const keyInput = h('input', { type: 'password', name: 'api_key', id: 'api-key', autocomplete: 'off', spellcheck: 'false', required: true });
  const userStatus = h('div', { class: 'form-status', 'aria-live': 'polite' });
  const userForm = h('form', { class: 'card stack', id: 'signin-form', 'aria-labelledby': 'signin-user-title',
    onsubmit: async (event) => {
      event.preventDefault();
      const key = keyInput.value.trim();
      if (!key) return;
      const previous = session.apiKey;
      session.apiKey = key;
      replace(userStatus, h('p', { class: 'muted' }, 'Checking the key…'));
      try {
        await api('/usage/quote', { redirectOn401: false });
        ctx.navigate(next || '/meetings', { notice: { message: 'Signed in. The key is kept in this tab only.', tone: 'ok' } });
      } catch (error) {
        if (session.apiKey === key) session.apiKey = previous;
        replace(userStatus, problemView(error, { title: 'Sign-in failed' }));
      }
    } },
  h('h2', { id: 'signin-user-title' }, 'Your API key'),
  h('p', { class: 'muted' }, 'The key is sent as ', h('code', {}, 'X-API-Key'), ' and kept in this browser tab only (sessionStorage); closing the tab signs you out.'),
  field('API key', keyInput, 'Ask your BudAI operator for a key, or mint one in the admin section.'),
  h('button', { type: 'submit', class: 'primary' }, 'Sign in'),
  userStatus);

  const adminInput = h('input', { type: 'password', name: 'admin_key', id: 'admin-key', autocomplete: 'off', spellcheck: 'false', required: true });
  const adminStatus = h('div', { class: 'form-status', 'aria-live': 'polite' });
  const adminForm = h('form', { class: 'card stack', id: 'admin-signin-form', 'aria-labelledby': 'signin-admin-title',
    onsubmit: async (event) => {
      event.preventDefault();
      const ok = await adminSignIn(adminInput.value.trim(), adminStatus);
      if (ok) ctx.navigate('/admin', { notice: { message: 'Admin key accepted.', tone: 'ok' } });
    } },
  h('h2', { id: 'signin-admin-title' }, 'Operator'),
  h('p', { class: 'muted' }, 'The admin key (', h('code', {}, 'ADMIN_API_TOKEN'), ') manages users and API keys.'),
  field('Admin key', adminInput),
  h('button', { type: 'submit' }, 'Open the admin section'),
  adminStatus);

  replace(main, heading('Sign in'), h('div', { class: 'grid-2' }, userForm, adminForm));
  keyInput.focus();
}

/** Checks an admin key with a cheap admin call; keeps it only if it works. */
export async function adminSignIn(key, status) {
  if (!key) return false;
  session.adminKey = key;
  replace(status, h('p', { class: 'muted' }, 'Checking the admin key…'));
  try {
    await api('/admin/users', { admin: true, query: { limit: 1 }, redirectOn401: false });
    replace(status);
    return true;
  } catch (error) {
    session.adminKey = null;
    replace(status, problemView(error, { title: 'Admin key refused' }));
    return false;
  }
}

/** Only console paths are followed after sign-in (no open redirect). */
function safeNext(next) {
  if (!next || !next.startsWith('/console/') || next.startsWith('//') || next.startsWith('/console/signin')) return null;
  return next;
}
