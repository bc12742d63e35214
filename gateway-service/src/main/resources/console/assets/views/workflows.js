import { h, replace, heading, table, badge, time, facts, field } from '../dom.js';
import { api, problemView } from '../api.js';
import { summaryView, followupView, stepsView } from '../render.js';
import { deliveredView } from './outbox.js';

const FINAL = new Set(['completed', 'failed', 'cancelled']);

/** GET /workflows: the orchestrator's workflows of the user. */
export async function workflowsView(main, ctx) {
  const status = ctx.query.get('status') || '';
  const select = h('select', { id: 'workflow-status-filter', onchange: () => ctx.navigate(`/workflows${select.value ? `?status=${select.value}` : ''}`) },
    ['', 'pending', 'running', 'waiting', 'completed', 'failed', 'cancelled'].map((value) => h('option', { value, selected: value === status }, value || 'any status')));
  const list = h('div', { id: 'workflows-list' });
  replace(main, heading('Workflows'), h('div', { class: 'toolbar' }, field('Status', select)), list);
  try {
    const page = await api('/workflows', { query: { status, limit: 100 }, signal: ctx.signal });
    replace(list, table([
      { label: 'Workflow', cell: (w) => h('a', { href: `/console/workflows/${encodeURIComponent(w.id)}`, class: 'mono' }, w.id.slice(0, 13)) },
      { label: 'Kind', cell: (w) => w.kind },
      { label: 'Meeting', cell: (w) => h('span', { class: 'mono' }, w.meeting_id) },
      { label: 'Status', cell: (w) => badge(w.status) },
      { label: 'Step', cell: (w) => `${w.step}${w.attempt > 1 ? ` (attempt ${w.attempt})` : ''}` },
      { label: 'Updated', cell: (w) => time(w.updated_at) },
    ], page.workflows, { caption: 'Workflows', empty: 'No workflows yet: one starts when a meeting completes.' }));
  } catch (error) {
    if (error.name !== 'AbortError') replace(list, problemView(error));
  }
}

/** GET /workflows/{id}: state, results and step runs; retry a failed one, cancel a live one. */
export async function workflowView(main, ctx) {
  const id = ctx.params.id;
  let timer = null;
  ctx.onCleanup(() => clearTimeout(timer));
  const body = h('div');
  const delivered = h('section', { class: 'card', id: 'workflow-delivered', hidden: true });
  replace(main, h('p', { class: 'crumbs' }, h('a', { href: '/console/workflows' }, 'Workflows')), heading(`Workflow ${id.slice(0, 13)}`), body);

  const act = async (verb) => {
    try {
      await api(`/workflows/${encodeURIComponent(id)}/${verb}`, { method: 'POST' });
      ctx.notify(verb === 'retry' ? 'Retrying the failed step.' : 'Workflow cancelled.', 'ok');
    } catch (error) {
      ctx.notify(`${error.title}: ${error.detail}`, 'error');
    }
    clearTimeout(timer);
    load();
  };

  const load = async () => {
    try {
      const wf = await api(`/workflows/${encodeURIComponent(id)}`, { signal: ctx.signal });
      const results = wf.results || {};
      replace(body,
        h('div', { class: 'section-head' }, badge(wf.status),
          wf.status === 'failed' ? h('button', { type: 'button', class: 'primary', onclick: () => act('retry') }, 'Retry') : null,
          !FINAL.has(wf.status) ? h('button', { type: 'button', class: 'danger', onclick: () => act('cancel') }, 'Cancel') : null),
        facts([
          ['Kind', wf.kind], ['Meeting', h('span', { class: 'mono' }, wf.meeting_id)], ['Title', wf.context && wf.context.title],
          ['Step', `${wf.step} (attempt ${wf.attempt} of ${wf.max_attempts})`],
          ['Done', (wf.completed_steps || []).join(' → ') || '—'],
          ['Created', time(wf.created_at)], ['Updated', time(wf.updated_at)], ['Next due', wf.due_at && !FINAL.has(wf.status) ? time(wf.due_at) : null],
        ]),
        wf.last_error ? h('div', { class: 'problem', role: 'alert' }, h('p', { class: 'problem-title' }, 'Last error'), h('p', { class: 'problem-detail' }, wf.last_error)) : null,
        h('div', { class: 'grid-2' },
          h('section', { class: 'card' }, h('h2', {}, 'Summary'), summaryView(results.summary)),
          h('section', { class: 'card' }, h('h2', {}, 'Follow-up'), followupView(results.followup, results.delivery))),
        results.brief ? h('section', { class: 'card' }, h('h2', {}, 'Brief'), h('pre', { class: 'prewrap' }, results.brief.text || JSON.stringify(results.brief, null, 2))) : null,
        h('section', { class: 'card' }, h('h2', {}, 'Steps'), stepsView(wf.steps)),
        delivered);
      if (!FINAL.has(wf.status)) timer = setTimeout(load, 2000);
      else if (wf.status === 'completed' && !delivered.dataset.loaded) {
        delivered.dataset.loaded = 'true';
        delivered.hidden = false;
        replace(delivered, h('h2', {}, 'Delivered messages (outbox)'), h('p', { class: 'muted' }, 'Loading…'));
        deliveredView(wf.meeting_id, ctx.signal).then(
          (view) => replace(delivered, h('h2', {}, 'Delivered messages (outbox)'), view),
          (error) => { if (error.name !== 'AbortError') replace(delivered, h('h2', {}, 'Delivered messages (outbox)'), problemView(error)); });
      }
    } catch (error) {
      if (error.name !== 'AbortError') replace(body, problemView(error));
    }
  };
  await load();
}
