import { h, replace, heading, table, time, facts, field } from '../dom.js';
import { api, session, problemView } from '../api.js';
import { adminSignIn } from './signin.js';

const EXPIRY = [['', 'never'], [String(86400), '1 day'], [String(30 * 86400), '30 days'], [String(365 * 86400), '1 year']];

/** Asks for the admin key when the tab has none; true when one is there. */
function needAdminKey(main, ctx) {
  if (session.adminKey) return true;
  const input = h('input', { type: 'password', id: 'admin-key', autocomplete: 'off', required: true });
  const status = h('div', { 'aria-live': 'polite' });
  replace(main, heading('Admin'),
    h('form', { class: 'card stack narrow', id: 'admin-signin-form', onsubmit: async (event) => {
      event.preventDefault();
      if (await adminSignIn(input.value.trim(), status)) ctx.navigate(location.pathname + location.search, { replace: true });
    } },
    h('p', {}, 'The admin section needs the operator’s key (', h('code', {}, 'X-Admin-API-Key'), '). It stays in this tab only.'),
    field('Admin key', input), h('button', { type: 'submit', class: 'primary' }, 'Continue'), status));
  input.focus();
  return false;
}

function leaveAdmin(ctx) {
  return h('button', { type: 'button', class: 'link-button', onclick: () => {
    session.adminKey = null;
    ctx.navigate(session.apiKey ? '/meetings' : '/signin', { notice: { message: 'The admin key was removed from this tab.', tone: 'info' } });
  } }, 'Leave admin');
}

/** GET /admin/users and POST /admin/users. */
export async function adminView(main, ctx) {
  if (!needAdminKey(main, ctx)) return;
  const list = h('div', { id: 'users-list' });
  const email = h('input', { type: 'email', id: 'new-user-email', name: 'email', required: true, autocomplete: 'off' });
  const name = h('input', { type: 'text', id: 'new-user-name', name: 'name', autocomplete: 'off' });
  const bots = h('input', { type: 'number', id: 'new-user-bots', name: 'max_concurrent_bots', min: 0, max: 1000, placeholder: 'default' });
  const status = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'stack', id: 'create-user-form', onsubmit: async (event) => {
    event.preventDefault();
    const body = { email: email.value.trim(), name: name.value.trim() || undefined };
    if (bots.value !== '') body.max_concurrent_bots = Number(bots.value);
    try {
      const user = await api('/admin/users', { method: 'POST', body, admin: true });
      ctx.navigate(`/admin/users/${user.id}`, { notice: { message: `User ${user.email} is ready (id ${user.id}). Mint them a key below.`, tone: 'ok' } });
    } catch (error) {
      replace(status, problemView(error, { title: 'User not created' }));
    }
  } }, field('Email', email, 'An existing user with this address is opened instead.'), field('Name', name), field('Concurrent bots', bots),
  h('button', { type: 'submit', class: 'primary' }, 'Create user'), status);

  replace(main, heading('Admin', leaveAdmin(ctx)),
    h('div', { class: 'grid-2' },
      h('section', { class: 'card' }, h('h2', {}, 'Users'), list),
      h('section', { class: 'card' }, h('h2', {}, 'New user'), form)));
  try {
    const users = await api('/admin/users', { admin: true, query: { limit: 500 }, signal: ctx.signal });
    replace(list, table([
      { label: 'Id', cell: (u) => h('span', { class: 'mono' }, String(u.id)) },
      { label: 'Email', cell: (u) => h('a', { href: `/console/admin/users/${u.id}` }, u.email) },
      { label: 'Name', cell: (u) => u.name || '—' },
      { label: 'Bots', cell: (u) => String(u.max_concurrent_bots ?? '—') },
      { label: 'Created', cell: (u) => time(u.created_at) },
    ], users, { caption: 'Users', empty: 'No users yet.' }));
  } catch (error) {
    if (error.name !== 'AbortError') replace(list, problemView(error));
  }
}

/** GET /admin/users/{id} with its keys; POST …/tokens (the secret shown once); DELETE /admin/tokens/{id}. */
export async function adminUserView(main, ctx) {
  if (!needAdminKey(main, ctx)) return;
  const id = ctx.params.id;
  const details = h('div');
  const keys = h('div', { id: 'user-keys' });
  const minted = h('div', { id: 'minted', 'aria-live': 'polite' });
  const scopeBoxes = ['bot', 'tx'].map((scope) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'scope', value: scope, checked: true }), ` ${scope}`));
  const keyName = h('input', { type: 'text', id: 'key-name', name: 'name', value: 'console', autocomplete: 'off' });
  const expiry = h('select', { id: 'key-expiry', name: 'expires_in' }, EXPIRY.map(([value, label]) => h('option', { value }, label)));
  const mintStatus = h('div', { 'aria-live': 'polite' });

  const load = async () => {
    const user = await api(`/admin/users/${encodeURIComponent(id)}`, { admin: true, signal: ctx.signal });
    replace(details, facts([['Id', String(user.id)], ['Email', user.email], ['Name', user.name], ['Concurrent bots', String(user.max_concurrent_bots ?? '—')], ['Created', time(user.created_at)]]));
    replace(keys, table([
      { label: 'Key', cell: (t) => h('span', { class: 'mono' }, `${t.token_prefix}…`) },
      { label: 'Name', cell: (t) => t.name || '—' },
      { label: 'Scopes', cell: (t) => (t.scopes || []).join(', ') },
      { label: 'Created', cell: (t) => time(t.created_at) },
      { label: 'Expires', cell: (t) => (t.expires_at ? time(t.expires_at) : 'never') },
      { label: 'Last used', cell: (t) => time(t.last_used_at) },
      { label: '', cell: (t) => revokeButton(t, ctx, load) },
    ], user.api_tokens || [], { caption: 'API keys', empty: 'This user has no API key.' }));
    return user;
  };

  const form = h('form', { class: 'stack', id: 'mint-key-form', onsubmit: async (event) => {
    event.preventDefault();
    const scopes = scopeBoxes.map((box) => box.querySelector('input')).filter((box) => box.checked).map((box) => box.value);
    const body = { scopes, name: keyName.value.trim() || undefined };
    if (expiry.value) body.expires_in = Number(expiry.value);
    try {
      const token = await api(`/admin/users/${encodeURIComponent(id)}/tokens`, { method: 'POST', body, admin: true });
      replace(mintStatus);
      replace(minted, h('div', { class: 'secret', role: 'status' },
        h('p', {}, h('strong', {}, 'New API key'), ` (scopes ${token.scopes.join(', ')}). It is shown this once: copy it now.`),
        h('code', { class: 'secret-value', id: 'minted-key' }, token.token),
        h('div', { class: 'actions' },
          h('button', { type: 'button', onclick: async (e) => {
            try { await navigator.clipboard.writeText(token.token); e.currentTarget.textContent = 'Copied'; } catch { e.currentTarget.textContent = 'Select the key and copy it'; }
          } }, 'Copy'),
          h('button', { type: 'button', id: 'use-minted-key', onclick: () => {
            session.apiKey = token.token;
            ctx.navigate('/meetings', { notice: { message: `Signed in with the new key of user ${id}.`, tone: 'ok' } });
          } }, 'Sign in with this key'),
          h('button', { type: 'button', class: 'link-button', onclick: () => replace(minted) }, 'Hide it'))));
      await load();
    } catch (error) {
      replace(mintStatus, problemView(error, { title: 'No key minted' }));
    }
  } },
  h('fieldset', {}, h('legend', {}, 'Scopes'), scopeBoxes),
  field('Name', keyName), field('Expires', expiry),
  h('button', { type: 'submit', class: 'primary', id: 'mint-key' }, 'Mint a key'), mintStatus);

  replace(main, h('p', { class: 'crumbs' }, h('a', { href: '/console/admin' }, 'Admin')), heading(`User ${id}`, leaveAdmin(ctx)),
    details, minted,
    h('section', { class: 'card' }, h('h2', {}, 'API keys'), keys),
    h('section', { class: 'card narrow' }, h('h2', {}, 'Mint a key'), form));
  try {
    await load();
  } catch (error) {
    if (error.name !== 'AbortError') replace(details, problemView(error));
  }
}

/** Revoking takes two clicks (no modal dialog): "Revoke", then "Confirm revoke". */
function revokeButton(token, ctx, reload) {
  const button = h('button', { type: 'button', class: 'small', dataset: { tokenId: token.id } }, 'Revoke');
  button.addEventListener('click', async () => {
    if (button.dataset.armed !== 'true') {
      button.dataset.armed = 'true';
      button.textContent = 'Confirm revoke';
      button.classList.add('danger');
      return;
    }
    button.disabled = true;
    try {
      await api(`/admin/tokens/${encodeURIComponent(token.id)}`, { method: 'DELETE', admin: true });
      ctx.notify(`Key ${token.token_prefix}… revoked: it stops working at once.`, 'ok');
      await reload();
    } catch (error) {
      button.disabled = false;
      ctx.notify(`${error.title}: ${error.detail}`, 'error');
    }
  });
  return button;
}
