import { h, replace, heading, table, badge, time, facts, field } from '../dom.js';
import { api, problemView } from '../api.js';

const EVENTS = ['meeting.started', 'meeting.completed', 'meeting.status_change', 'bot.failed'];

/** Usage against the plan (/usage/quote), webhook settings (/user/webhook) and deliveries. */
export async function accountView(main, ctx) {
  const usage = h('div', { id: 'usage' });
  const webhook = h('div', { id: 'webhook' });
  const deliveries = h('div', { id: 'deliveries' });
  replace(main, heading('Account'),
    h('section', { class: 'card' }, h('h2', {}, 'Usage this month'), usage),
    h('div', { class: 'grid-2' },
      h('section', { class: 'card' }, h('h2', {}, 'Webhook'), webhook),
      h('section', { class: 'card' }, h('div', { class: 'section-head' }, h('h2', {}, 'Webhook deliveries'),
        h('button', { type: 'button', onclick: () => loadDeliveries(deliveries, ctx) }, 'Refresh')), deliveries)));
  await Promise.all([loadUsage(usage, ctx), loadWebhook(webhook, ctx), loadDeliveries(deliveries, ctx)]);
}

async function loadUsage(slot, ctx) {
  try {
    const quote = await api('/usage/quote', { signal: ctx.signal });
    const totals = Object.entries(quote.totals || {});
    replace(slot,
      facts([['User', String(quote.user_id)], ['Plan', quote.plan || 'none'], ['Period', h('span', {}, time(quote.period_start), ' – ', time(quote.period_end))],
        ['Concurrent bots', quote.max_concurrent_bots !== null && quote.max_concurrent_bots !== undefined ? String(quote.max_concurrent_bots) : 'unlimited'],
        ...totals.map(([kind, amount]) => [kind.replaceAll('_', ' '), Number(amount).toLocaleString()])]),
      (quote.quotas || []).length ? table([
        { label: 'Model', cell: (q) => q.model || 'any' },
        { label: 'Transcription', cell: (q) => `${fmt(q.used_transcription_minutes)} / ${limit(q.monthly_transcription_minutes)} min` },
        { label: 'LLM tokens', cell: (q) => `${fmt(q.used_llm_tokens)} / ${limit(q.monthly_llm_tokens)}` },
        { label: 'State', cell: (q) => h('span', { class: `badge badge-${q.exhausted ? 'bad' : 'ok'}` }, q.exhausted ? 'exhausted' : 'within quota') },
      ], quote.quotas, { caption: 'Quotas' }) : h('p', { class: 'muted' }, 'Your plan sets no monthly quotas.'));
  } catch (error) {
    if (error.name !== 'AbortError') replace(slot, problemView(error));
  }
}

const fmt = (n) => (n === null || n === undefined ? '0' : Number(n).toLocaleString(undefined, { maximumFractionDigits: 1 }));
const limit = (n) => (n === null || n === undefined ? '∞' : Number(n).toLocaleString());

async function loadWebhook(slot, ctx) {
  try {
    const current = await api('/user/webhook', { signal: ctx.signal });
    const url = h('input', { type: 'url', id: 'webhook-url', name: 'webhook_url', value: current.webhook_url || '', placeholder: 'https://example.com/budai-hook' });
    const selected = new Set(current.events && current.events.length ? current.events : EVENTS);
    const boxes = EVENTS.map((event) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: event, checked: selected.has(event) }), ` ${event}`));
    const status = h('div', { 'aria-live': 'polite' });
    replace(slot,
      h('p', { class: 'muted' }, current.webhook_url ? `Signed deliveries go to this URL${current.has_secret ? ' (a signing secret is set)' : ''}.` : 'No webhook is set.'),
      h('form', { class: 'stack', id: 'webhook-form', onsubmit: async (event) => {
        event.preventDefault();
        const events = boxes.map((box) => box.querySelector('input')).filter((box) => box.checked).map((box) => box.value);
        try {
          const saved = await api('/user/webhook', { method: 'PUT', body: { webhook_url: url.value.trim() || null, events } });
          replace(status, saved && saved.webhook_secret
            ? h('div', { class: 'secret', role: 'status' }, h('p', {}, 'Saved. The signing secret, shown this once:'), h('code', { class: 'secret-value' }, saved.webhook_secret))
            : h('p', { class: 'notice-ok' }, url.value.trim() ? 'Webhook saved.' : 'Webhook removed.'));
        } catch (error) {
          replace(status, problemView(error, { title: 'Webhook not saved' }));
        }
      } },
      field('URL', url, 'Leave empty to remove the webhook. Private and loopback addresses are refused.'),
      h('fieldset', {}, h('legend', {}, 'Events'), boxes),
      h('button', { type: 'submit', class: 'primary' }, 'Save webhook'), status));
  } catch (error) {
    if (error.name !== 'AbortError') replace(slot, problemView(error));
  }
}

async function loadDeliveries(slot, ctx) {
  try {
    const page = await api('/user/webhook/deliveries', { query: { limit: 50 }, signal: ctx.signal });
    replace(slot, table([
      { label: 'Event', cell: (d) => d.event_type },
      { label: 'Status', cell: (d) => badge(d.status) },
      { label: 'Attempts', cell: (d) => String(d.attempts) },
      { label: 'Last answer', cell: (d) => d.last_status_code ? `HTTP ${d.last_status_code}` : (d.last_error || '—') },
      { label: 'Created', cell: (d) => time(d.created_at) },
      { label: 'Next attempt', cell: (d) => (d.next_attempt_at && !d.delivered_at ? time(d.next_attempt_at) : '—') },
    ], page.deliveries || [], { caption: 'Webhook deliveries', empty: 'No deliveries yet.' }));
  } catch (error) {
    if (error.name !== 'AbortError') replace(slot, problemView(error));
  }
}
