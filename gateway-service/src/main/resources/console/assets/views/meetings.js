import { h, replace, heading, table, badge, time, duration, field } from '../dom.js';
import { api, problemView } from '../api.js';

const STATUSES = ['', 'requested', 'joining', 'awaiting_admission', 'active', 'stopping', 'completed', 'failed'];
const PAGE = 25;

/** A meeting's page in the console. */
export function meetingPath(meeting) {
  const platform = meeting.platform;
  const nativeId = meeting.native_meeting_id ?? meeting.native_id;
  const id = meeting.id ?? meeting.meeting_id;
  return `/console/meetings/${encodeURIComponent(platform)}/${encodeURIComponent(nativeId)}${id !== undefined ? `?meeting_id=${encodeURIComponent(id)}` : ''}`;
}

export function meetingLabel(meeting) {
  const name = meeting.data && (meeting.data.name || meeting.data.title);
  return name || `${meeting.platform} · ${meeting.native_meeting_id ?? meeting.native_id}`;
}

/** GET /meetings: the user's meetings, newest first, with a status filter and paging. */
export async function meetingsView(main, ctx) {
  const status = ctx.query.get('status') || '';
  const select = h('select', { name: 'status', id: 'meeting-status-filter',
    onchange: () => ctx.navigate(`/meetings${select.value ? `?status=${encodeURIComponent(select.value)}` : ''}`) },
  STATUSES.map((value) => h('option', { value, selected: value === status }, value ? value.replaceAll('_', ' ') : 'any status')));
  const list = h('div', { id: 'meetings-list' });
  const more = h('div');
  replace(main,
    heading('Meetings', h('a', { href: '/console/bots', class: 'button primary' }, 'Start a bot')),
    h('div', { class: 'toolbar' }, field('Status', select),
      h('button', { type: 'button', onclick: () => ctx.navigate(location.pathname.slice('/console'.length) + location.search, { replace: true }) }, 'Refresh')),
    list, more);

  const rows = [];
  const load = async (offset) => {
    try {
      const page = await api('/meetings', { query: { limit: PAGE, offset, status }, signal: ctx.signal });
      rows.push(...page.meetings);
      replace(list, table([
        { label: 'Meeting', cell: (m) => h('a', { href: meetingPath(m), class: 'meeting-link' }, meetingLabel(m)) },
        { label: 'Status', cell: (m) => badge(m.status) },
        { label: 'Started', cell: (m) => time(m.start_time || m.created_at) },
        { label: 'Length', cell: (m) => duration(m.start_time, m.end_time) },
        { label: 'Id', cell: (m) => h('span', { class: 'mono' }, String(m.id)) },
      ], rows, { caption: 'Your meetings', empty: status ? `No ${status.replaceAll('_', ' ')} meetings.` : 'No meetings yet. Start a bot to record one.' }));
      replace(more, page.has_more
        ? h('button', { type: 'button', onclick: () => load(offset + PAGE) }, 'Load more') : null);
    } catch (error) {
      if (error.name !== 'AbortError') replace(list, problemView(error));
    }
  };
  await load(0);
}
