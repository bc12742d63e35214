// Renders what the agents produce: summaries, follow-ups, deliveries, answers.
import { h, badge, time, clock, table, facts } from './dom.js';

function list(items, className, empty) {
  if (!items || !items.length) return h('p', { class: 'empty' }, empty);
  return h('ul', { class: className }, items.map((item) => h('li', {}, item)));
}

/** A MeetingSummary: overview, key points, decisions, action items (owner, due), risks. */
export function summaryView(summary) {
  if (!summary) return h('p', { class: 'empty' }, 'No summary yet.');
  const items = summary.action_items || [];
  return h('div', { class: 'summary stack' },
    summary.overview ? h('section', { 'aria-labelledby': 'sum-overview' }, h('h3', { id: 'sum-overview' }, 'Overview'), h('p', { class: 'overview' }, summary.overview)) : null,
    h('section', { class: 'key-points' }, h('h3', {}, 'Key points'), list(summary.key_points, 'bullets', 'None noted.')),
    h('section', { class: 'decisions' }, h('h3', {}, 'Decisions'), list(summary.decisions, 'bullets', 'No decisions recorded.')),
    h('section', { class: 'action-items' }, h('h3', {}, `Action items (${items.length})`),
      table([
        { label: 'Action', cell: (a) => h('span', { class: 'action-text' }, a.text) },
        { label: 'Owner', cell: (a) => a.owner ? h('span', { class: 'owner' }, a.owner) : h('span', { class: 'muted' }, 'unassigned') },
        { label: 'Due', cell: (a) => a.due ? h('span', { class: 'due' }, a.due) : h('span', { class: 'muted' }, '—') },
        { label: 'Confidence', cell: (a) => a.confidence !== undefined && a.confidence !== null ? `${Math.round(a.confidence * 100)} %` : '—' },
      ], items, { caption: 'Action items', empty: 'No action items.' })),
    h('section', { class: 'risks' }, h('h3', {}, 'Risks'), list(summary.risks, 'bullets', 'No risks noted.')),
    h('p', { class: 'muted small' }, `Engine: ${summary.engine || '—'}${summary.model ? ` (${summary.model})` : ''}`));
}

/** The follow-up draft and where it was delivered. */
export function followupView(followup, delivery) {
  const parts = [];
  if (delivery) {
    const rows = [];
    if (delivery.slack) rows.push({ channel: 'Slack', where: delivery.slack.channel, state: delivery.slack.status, extra: delivery.slack.ts ? `ts ${delivery.slack.ts}` : '' });
    if (delivery.email) {
      const response = delivery.email.response || {};
      rows.push({ channel: 'Email', where: (delivery.email.to || []).join(', '), state: response.status || response.transport || (response.delivered === false ? 'not delivered' : 'sent'), extra: response.message_id || '' });
    }
    parts.push(h('section', { class: 'delivery' }, h('h3', {}, 'Delivery'), table([
      { label: 'Channel', cell: (r) => r.channel },
      { label: 'To', cell: (r) => r.where || '—' },
      { label: 'State', cell: (r) => h('span', { title: r.extra || '' }, badge(String(r.state || 'sent').toLowerCase())) },
    ], rows, { caption: 'Follow-up delivery', empty: 'Not delivered anywhere.' })));
  } else {
    parts.push(h('section', { class: 'delivery' }, h('h3', {}, 'Delivery'), h('p', { class: 'empty' }, 'Not delivered yet.')));
  }
  if (followup) {
    const email = followup.email || {};
    parts.push(h('section', { class: 'followup' }, h('h3', {}, 'Follow-up draft'),
      facts([['Subject', email.subject], ['To', (email.to || []).join(', ') || null]]),
      email.text ? h('details', {}, h('summary', {}, 'Email text'), h('pre', { class: 'prewrap' }, email.text)) : null,
      followup.reminders && followup.reminders.length
        ? h('div', {}, h('h4', {}, 'Reminders'), table([
          { label: 'Action', cell: (r) => r.action_item },
          { label: 'Owner', cell: (r) => r.owner || '—' },
          { label: 'Due', cell: (r) => time(r.due_at) },
        ], followup.reminders, { caption: 'Reminders' })) : null));
  }
  return h('div', { class: 'stack' }, parts);
}

/** An answer with its citations. */
export function answerView(answer) {
  return h('div', { class: 'answer stack' },
    h('p', { class: 'answer-text' }, answer.answer),
    answer.citations && answer.citations.length
      ? h('div', {}, h('h4', {}, 'From the transcript'), h('ul', { class: 'citations' }, answer.citations.map((c) =>
        h('li', {}, h('span', { class: 'speaker' }, c.speaker || 'Someone'), c.start !== null && c.start !== undefined ? h('span', { class: 'muted' }, ` at ${clock(c.start)}`) : null, ': ', c.text))))
      : null);
}

/** Every step run of a workflow. */
export function stepsView(steps) {
  return table([
    { label: 'Step', cell: (s) => s.step },
    { label: 'Attempt', cell: (s) => String(s.attempt) },
    { label: 'Outcome', cell: (s) => badge(s.outcome) },
    { label: 'Started', cell: (s) => time(s.started_at) },
    { label: 'Took', cell: (s) => s.duration_ms !== null && s.duration_ms !== undefined ? `${s.duration_ms} ms` : '—' },
    { label: 'Error', cell: (s) => s.error || '' },
  ], steps || [], { caption: 'Step runs', empty: 'No step has run yet.' });
}
