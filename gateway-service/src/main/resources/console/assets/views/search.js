import { h, replace, heading, field, snippet, clock, badge } from '../dom.js';
import { api, problemView } from '../api.js';
import { meetingPath } from './meetings.js';

/** GET /search: full-text search over every stored transcript of the user. */
export async function searchView(main, ctx) {
  const q = ctx.query.get('q') || '';
  const input = h('input', { type: 'search', name: 'q', id: 'search-q', value: q, required: true, placeholder: 'launch plan, "onboarding flow", -pricing' });
  const results = h('div', { id: 'search-results', 'aria-live': 'polite' });
  replace(main, heading('Search'),
    h('form', { role: 'search', class: 'inline-form', onsubmit: (event) => {
      event.preventDefault();
      if (input.value.trim()) ctx.navigate(`/search?q=${encodeURIComponent(input.value.trim())}`);
    } }, field('Search transcripts', input, 'Words, "a phrase", -excluded, or'), h('button', { type: 'submit', class: 'primary' }, 'Search')),
    results);
  if (!q) { input.focus(); return; }
  replace(results, h('p', { class: 'muted' }, 'Searching…'));
  try {
    const found = await api('/search', { query: { q, limit: 25 }, signal: ctx.signal });
    if (!found.results.length) { replace(results, h('p', { class: 'empty' }, `Nothing matches “${q}”. Live speech becomes searchable a few seconds after it is said.`)); return; }
    replace(results, h('ol', { class: 'results' }, found.results.map((r) => h('li', { class: 'result card' },
      h('p', { class: 'result-head' },
        h('a', { href: meetingPath(r) }, r.meeting_name || `${r.platform} · ${r.native_meeting_id}`), ' ', badge(r.meeting_status)),
      h('p', {}, h('span', { class: 'speaker' }, r.speaker || 'Unknown speaker'), h('span', { class: 'muted' }, ` at ${clock(r.start)}`)),
      h('p', { class: 'snippet' }, snippet(r.snippet || r.text))))),
    found.has_more ? h('p', { class: 'muted' }, 'More matches exist: narrow the search.') : null);
  } catch (error) {
    if (error.name !== 'AbortError') replace(results, problemView(error, { title: 'Search failed' }));
  }
}
