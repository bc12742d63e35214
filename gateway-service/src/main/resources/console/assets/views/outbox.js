import { h, replace, heading, badge, time, facts } from '../dom.js';
import { api, problemView } from '../api.js';

const PAGE = 10;

/**
 * GET /outbox/slack and GET /outbox/email: what BudAI "sent" for the user while Slack or SMTP is
 * not configured. Every field is shown as text (message bodies are never parsed as HTML).
 */
export async function outboxView(main, ctx) {
  const meetingId = ctx.query.get('meeting_id') || '';
  const slack = h('div', { id: 'outbox-slack' });
  const email = h('div', { id: 'outbox-email' });
  replace(main,
    heading('Outbox'),
    h('p', { class: 'muted' }, 'Slack messages and e-mails BudAI kept for your meetings because this installation has no Slack app or SMTP server configured.'),
    meetingId ? h('p', {}, 'Only meeting ', h('span', { class: 'mono' }, meetingId), ' · ', h('a', { href: '/console/outbox' }, 'show all')) : null,
    h('section', { class: 'card' }, h('h2', {}, 'Slack messages'), slack),
    h('section', { class: 'card' }, h('h2', {}, 'E-mails'), email));
  await Promise.all([
    pager(slack, '/outbox/slack', meetingId, slackItem, 'No Slack messages in your outbox.', ctx),
    pager(email, '/outbox/email', meetingId, emailItem, 'No e-mails in your outbox.', ctx),
  ]);
}

/** The outbox items about one meeting (for the workflow page): both lists, newest first. */
export async function deliveredView(meetingId, signal) {
  const [slack, email] = await Promise.all([
    api('/outbox/slack', { query: { meeting_id: meetingId, limit: 5 }, signal }),
    api('/outbox/email', { query: { meeting_id: meetingId, limit: 5 }, signal }),
  ]);
  const items = [...slack.items.map(slackItem), ...email.items.map(emailItem)];
  if (!items.length) return h('p', { class: 'empty' }, 'Nothing of this meeting is in your outbox (Slack and e-mail may be configured: then it went out for real).');
  return h('div', { class: 'outbox-items' }, items);
}

async function pager(target, path, meetingId, render, empty, ctx) {
  const list = h('div', { class: 'outbox-items' });
  const more = h('div');
  replace(target, list, more);
  const load = async (cursor) => {
    try {
      const page = await api(path, { query: { limit: PAGE, cursor, meeting_id: meetingId || undefined }, signal: ctx.signal });
      if (!cursor && !page.items.length) list.append(h('p', { class: 'empty' }, empty));
      page.items.forEach((item) => list.append(render(item)));
      replace(more, page.next_cursor
        ? h('button', { type: 'button', class: 'outbox-older', onclick: () => load(page.next_cursor) }, 'Older')
        : null);
    } catch (error) {
      if (error.name !== 'AbortError') replace(more, problemView(error));
    }
  };
  await load(undefined);
}

function workflowLink(item) {
  return item.workflow_id ? h('a', { href: `/console/workflows/${encodeURIComponent(item.workflow_id)}`, class: 'mono' }, item.workflow_id.slice(0, 13)) : null;
}

function slackItem(item) {
  return h('article', { class: 'outbox-item', dataset: { kind: 'slack', meetingId: item.meeting_id || '' } },
    h('div', { class: 'section-head' }, badge(item.status), h('strong', {}, `Slack ${item.channel}`), time(item.created_at)),
    facts([['Meeting', item.meeting_id ? h('span', { class: 'mono' }, item.meeting_id) : null], ['Workflow', workflowLink(item)],
      ['Text', item.text], ['Messages', item.parts > 1 ? String(item.parts) : null]]),
    item.blocks_text ? h('pre', { class: 'prewrap outbox-body' }, item.blocks_text) : null);
}

function emailItem(item) {
  return h('article', { class: 'outbox-item', dataset: { kind: 'email', meetingId: item.meeting_id || '' } },
    h('div', { class: 'section-head' }, badge(item.status), h('strong', {}, item.subject), time(item.created_at)),
    facts([['To', item.to.join(', ')], ['Meeting', item.meeting_id ? h('span', { class: 'mono' }, item.meeting_id) : null], ['Workflow', workflowLink(item)]]),
    h('pre', { class: 'prewrap outbox-body' }, item.text));
}
