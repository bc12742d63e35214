import { h, replace, heading, badge, time, clock, facts, field } from '../dom.js';
import { api, problemView } from '../api.js';
import { follow } from '../live.js';
import { summaryView, followupView, answerView } from '../render.js';

const FINAL = new Set(['completed', 'failed']);
const WORKFLOW_FINAL = new Set(['completed', 'failed', 'cancelled']);
const POLL_MS = 1500;
const LIVE_LABELS = {
  connecting: 'Connecting to the live feed…', live: 'Live: new speech appears as it is transcribed',
  reconnecting: 'Live feed interrupted, reconnecting…', closed: '', refused: 'Live feed refused', error: 'Live feed error',
};

/** A meeting: its facts, transcript (live while it runs), workflow results, brief and Q&A. */
export async function meetingView(main, ctx) {
  const { platform, nativeId } = ctx.params;
  const base = `/transcripts/${encodeURIComponent(platform)}/${encodeURIComponent(nativeId)}`;
  const state = { meetingId: ctx.query.get('meeting_id'), status: null, nextSince: null, segments: new Map(), live: null, data: {} };

  const title = h('h1', { tabindex: '-1' }, `${platform} · ${nativeId}`);
  const statusSlot = h('span', { id: 'meeting-status' });
  const factsSlot = h('div');
  const actions = h('div', { class: 'actions' });
  const liveState = h('p', { id: 'live-state', class: 'live-state', 'aria-live': 'polite', dataset: { state: 'none' } });
  const transcript = h('ol', { id: 'transcript', class: 'transcript', 'aria-label': 'Transcript' });
  const transcriptEmpty = h('p', { class: 'empty', id: 'transcript-empty' }, 'No speech yet.');
  const workflowSlot = h('div', { id: 'meeting-workflow' });
  const assistSlot = h('div', { id: 'meeting-assist' });
  const problemSlot = h('div');

  replace(main,
    h('p', { class: 'crumbs' }, h('a', { href: '/console/meetings' }, 'Meetings')),
    h('div', { class: 'page-head' }, title, statusSlot),
    problemSlot, factsSlot, actions,
    h('div', { class: 'meeting-layout' },
      h('section', { class: 'card', 'aria-labelledby': 'transcript-title' },
        h('h2', { id: 'transcript-title' }, 'Transcript'), liveState, transcriptEmpty, transcript),
      h('div', { class: 'stack' },
        h('section', { class: 'card', 'aria-labelledby': 'workflow-title' }, h('h2', { id: 'workflow-title' }, 'Summary and follow-up'), workflowSlot),
        h('section', { class: 'card', 'aria-labelledby': 'assist-title' }, h('h2', { id: 'assist-title' }, 'Brief and questions'), assistSlot))));

  const setLive = (value, why) => {
    liveState.dataset.state = value;
    liveState.textContent = LIVE_LABELS[value] ? `${LIVE_LABELS[value]}${why ? ` (${why})` : ''}` : '';
    liveState.classList.toggle('is-live', value === 'live');
  };

  const renderSegments = () => {
    const ordered = [...state.segments.values()].sort((a, b) => (a.start - b.start) || String(a.segment_id).localeCompare(String(b.segment_id)));
    transcriptEmpty.hidden = ordered.length > 0;
    replace(transcript, ordered.map((s) => h('li', {
      class: `segment${s.completed === false ? ' draft' : ''}`,
      dataset: { segmentId: s.segment_id, completed: String(s.completed !== false), source: s.source },
    },
    h('div', { class: 'segment-head' },
      h('span', { class: `speaker tone-${tone(s.speaker)}` }, s.speaker || 'Unknown speaker'),
      h('span', { class: 'at muted', title: s.absolute_start_time || '' }, clock(s.start), '–', clock(s.end)),
      s.completed === false ? h('span', { class: 'muted small' }, ' (still speaking…)') : null),
    h('p', { class: 'segment-text' }, s.text))));
  };

  const upsert = (segments, source) => {
    for (const segment of segments || []) {
      const old = state.segments.get(segment.segment_id);
      // A draft never replaces a confirmed segment (a late frame must not undo a confirmation).
      if (old && old.completed !== false && segment.completed === false) continue;
      state.segments.set(segment.segment_id, { ...old, ...segment, source: old && old.source === 'live' ? 'live' : source });
    }
  };

  const renderHeader = (t) => {
    replace(statusSlot, badge(state.status));
    state.data = t.data || state.data;
    if (state.data.name || state.data.title) title.textContent = state.data.name || state.data.title;
    replace(factsSlot, facts([
      ['Meeting id', h('span', { class: 'mono', id: 'meeting-id' }, String(state.meetingId))],
      ['Platform', platform], ['Native id', h('span', { class: 'mono' }, nativeId)],
      ['Started', t.start_time ? time(t.start_time) : null], ['Ended', t.end_time ? time(t.end_time) : null],
      ['Link', /^https?:\/\//.test(t.constructed_meeting_url || '') ? h('a', { href: t.constructed_meeting_url, rel: 'noopener noreferrer', target: '_blank' }, t.constructed_meeting_url) : null],
    ]));
    renderActions();
  };

  const renderActions = () => {
    if (FINAL.has(state.status)) { replace(actions); return; }
    const stop = h('button', { type: 'button', class: 'danger', id: 'stop-bot', onclick: async () => {
      stop.disabled = true;
      try {
        const answer = await api(`/bots/${encodeURIComponent(platform)}/${encodeURIComponent(nativeId)}`, { method: 'DELETE' });
        ctx.notify(answer && answer.message ? answer.message : 'Stop requested.', 'ok');
      } catch (error) {
        stop.disabled = false;
        replace(problemSlot, problemView(error, { title: 'Could not stop the bot' }));
      }
    } }, 'Stop the bot');
    replace(actions, stop);
  };

  const load = async (since) => {
    const t = await api(base, { query: { meeting_id: state.meetingId, since }, signal: ctx.signal });
    state.meetingId = String(t.id);
    state.status = t.status;
    state.nextSince = t.next_since;
    for (const id of t.retracted_segment_ids || []) state.segments.delete(id);
    upsert(t.segments, 'api');
    renderHeader(t);
    renderSegments();
  };

  try {
    await load();
  } catch (error) {
    if (error.name === 'AbortError') return;
    replace(problemSlot, problemView(error, { title: 'Could not load the transcript' }));
    return;
  }

  let workflowTimer = null;
  ctx.onCleanup(() => clearTimeout(workflowTimer));

  const showWorkflow = async () => {
    if (!ctx.isCurrent()) return;
    if (state.status === 'failed') { replace(workflowSlot, h('p', { class: 'empty' }, 'The meeting failed, so it is not summarized.')); return; }
    if (state.status !== 'completed') { replace(workflowSlot, h('p', { class: 'empty' }, 'The summary is made when the meeting has completed.')); return; }
    try {
      const page = await api('/workflows', { query: { meeting_id: state.meetingId, kind: 'meeting' }, signal: ctx.signal });
      const item = page.workflows[0];
      if (!item) {
        replace(workflowSlot, h('p', { class: 'muted', id: 'workflow-waiting' }, 'Waiting for the summary workflow to start…'));
      } else {
        const wf = await api(`/workflows/${encodeURIComponent(item.id)}`, { signal: ctx.signal });
        const results = wf.results || {};
        replace(workflowSlot,
          h('p', { class: 'workflow-line' }, 'Workflow ', h('a', { href: `/console/workflows/${encodeURIComponent(wf.id)}`, class: 'mono' }, wf.id), ' ', badge(wf.status),
            WORKFLOW_FINAL.has(wf.status) ? null : h('span', { class: 'muted' }, ` step ${wf.step}, attempt ${wf.attempt}`)),
          wf.last_error ? h('div', { class: 'problem', role: 'alert' }, h('p', { class: 'problem-title' }, 'Last error'), h('p', { class: 'problem-detail' }, wf.last_error)) : null,
          results.summary ? summaryView(results.summary) : h('p', { class: 'muted' }, 'Summarizing…'),
          results.summary ? followupView(results.followup, results.delivery) : null);
        if (WORKFLOW_FINAL.has(wf.status)) return;
      }
    } catch (error) {
      if (error.name === 'AbortError') return;
      replace(workflowSlot, problemView(error, { title: 'Could not load the workflow' }));
      if (error.status && error.status < 500) return;
    }
    workflowTimer = setTimeout(showWorkflow, POLL_MS);
  };

  const ended = async () => {
    if (state.live) { state.live(); state.live = null; }
    try { await load(); } catch (error) { if (error.name !== 'AbortError') replace(problemSlot, problemView(error)); }
    showWorkflow();
  };

  if (!FINAL.has(state.status)) {
    state.live = follow(state.meetingId, {
      onState: (value, why) => ctx.isCurrent() && setLive(value, why),
      onResume: () => load(state.nextSince).catch(() => {}),
      onFrame: (frame) => {
        if (!ctx.isCurrent()) return;
        if (frame.type === 'transcript.mutable' || frame.type === 'transcript.finalized') {
          upsert(frame.payload && frame.payload.segments, 'live');
          renderSegments();
        } else if (frame.type === 'meeting.status') {
          state.status = frame.payload.status;
          replace(statusSlot, badge(state.status));
          renderActions();
          if (FINAL.has(state.status)) ended();
        }
      },
    });
    ctx.onCleanup(() => { if (state.live) state.live(); });
  }
  showWorkflow();
  renderAssist(assistSlot, state, ctx);
}

function renderAssist(slot, state, ctx) {
  const briefSlot = h('div', { id: 'brief' });
  const answerSlot = h('div', { id: 'answer', 'aria-live': 'polite' });
  const question = h('input', { type: 'text', name: 'question', id: 'question', required: true, placeholder: 'What did we decide about…?' });
  const briefButton = h('button', { type: 'button', id: 'brief-button', onclick: async () => {
    briefButton.disabled = true;
    replace(briefSlot, h('p', { class: 'muted' }, 'Preparing the brief…'));
    try {
      const brief = await api(`/meetings/${encodeURIComponent(state.meetingId)}/brief`, { signal: ctx.signal });
      replace(briefSlot, h('p', { class: 'muted' }, `${brief.segment_count} segments, meeting ${brief.status || ''}`), summaryView(brief.summary));
    } catch (error) {
      if (error.name !== 'AbortError') replace(briefSlot, problemView(error, { title: 'No brief' }));
    } finally { briefButton.disabled = false; }
  } }, 'Brief me');
  const askForm = h('form', { class: 'inline-form', id: 'ask-form', onsubmit: async (event) => {
    event.preventDefault();
    replace(answerSlot, h('p', { class: 'muted' }, 'Thinking…'));
    try {
      const answer = await api(`/meetings/${encodeURIComponent(state.meetingId)}/ask`, { method: 'POST', body: { question: question.value }, signal: ctx.signal });
      replace(answerSlot, answerView(answer));
    } catch (error) {
      if (error.name !== 'AbortError') replace(answerSlot, problemView(error, { title: 'No answer' }));
    }
  } }, field('Ask about this meeting', question), h('button', { type: 'submit' }, 'Ask'));
  replace(slot, h('p', {}, briefButton), briefSlot, askForm, answerSlot);
}

/** A stable colour per speaker (six tones). */
function tone(speaker) {
  let hash = 0;
  for (const ch of String(speaker || '')) hash = (hash * 31 + ch.charCodeAt(0)) | 0;
  return Math.abs(hash) % 6;
}
