import { h, replace, heading, field, table, badge, time } from '../dom.js';
import { api, problemView } from '../api.js';
import { meetingPath } from './meetings.js';

const PLATFORMS = [['google_meet', 'Google Meet'], ['teams', 'Microsoft Teams'], ['zoom', 'Zoom'], ['jitsi', 'Jitsi']];
const SAMPLES = ['ES2002a', 'ES2005b', 'ES2008c', 'ES2016d', 'IS1000a', 'IS1001b', 'IS1008d', 'TS3003c', 'TS3006a', 'TS3012b'];

/** A fresh Google Meet style code (abc-defg-hij) for a simulated meeting. */
function meetCode() {
  const letters = (n) => Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => String.fromCharCode(97 + (b % 26))).join('');
  return `${letters(3)}-${letters(4)}-${letters(3)}`;
}

/** "Speaker: text" lines → replay segments. */
export function parseTurns(text) {
  return text.split('\n').map((line) => line.trim()).filter(Boolean).map((line) => {
    const colon = line.indexOf(':');
    return colon > 0 ? { speaker: line.slice(0, colon).trim(), text: line.slice(colon + 1).trim() } : { speaker: 'Speaker', text: line };
  }).filter((turn) => turn.text);
}

/** POST /bots (a real meeting, or the simulated bot replaying a sample or your transcript) and GET /bots/status. */
export async function botsView(main, ctx) {
  const form = startForm(ctx);
  const running = h('div', { id: 'running-bots' });
  replace(main, heading('Bots'),
    h('div', { class: 'grid-2' },
      h('section', { class: 'card', 'aria-labelledby': 'start-title' }, h('h2', { id: 'start-title' }, 'Send a bot to a meeting'), form),
      h('section', { class: 'card', 'aria-labelledby': 'running-title' },
        h('div', { class: 'section-head' }, h('h2', { id: 'running-title' }, 'Running bots'),
          h('button', { type: 'button', onclick: () => loadRunning(running, ctx) }, 'Refresh')),
        running)));
  await loadRunning(running, ctx);
}

async function loadRunning(slot, ctx) {
  try {
    const status = await api('/bots/status', { signal: ctx.signal });
    replace(slot, table([
      { label: 'Meeting', cell: (b) => h('a', { href: meetingPath({ platform: b.platform, native_meeting_id: b.native_meeting_id, id: b.meeting_id }) }, `${b.platform} · ${b.native_meeting_id}`) },
      { label: 'Status', cell: (b) => badge(b.normalized_status || b.status) },
      { label: 'Since', cell: (b) => time(b.created_at) },
      { label: '', cell: (b) => h('button', { type: 'button', class: 'danger small', onclick: async (event) => {
        event.currentTarget.disabled = true;
        try {
          const answer = await api(`/bots/${encodeURIComponent(b.platform)}/${encodeURIComponent(b.native_meeting_id)}`, { method: 'DELETE' });
          ctx.notify(answer && answer.message ? answer.message : 'Stop requested.', 'ok');
          loadRunning(slot, ctx);
        } catch (error) { replace(slot, problemView(error, { title: 'Could not stop the bot' })); }
      } }, 'Stop') },
    ], status.running_bots || [], { caption: 'Running bots', empty: 'No bot is running.' }));
  } catch (error) {
    if (error.name !== 'AbortError') replace(slot, problemView(error));
  }
}

function startForm(ctx) {
  const platform = h('select', { name: 'platform', id: 'bot-platform' }, PLATFORMS.map(([value, label]) => h('option', { value }, label)));
  const nativeId = h('input', { type: 'text', name: 'native_meeting_id', id: 'bot-native-id', value: meetCode(), autocomplete: 'off' });
  const meetingUrl = h('input', { type: 'url', name: 'meeting_url', id: 'bot-meeting-url', placeholder: 'https://meet.google.com/abc-defg-hij' });
  const botName = h('input', { type: 'text', name: 'bot_name', id: 'bot-name', value: 'BudAI Notetaker' });
  const language = h('input', { type: 'text', name: 'language', id: 'bot-language', value: 'en', size: 6 });
  const replayMode = h('select', { name: 'replay_mode', id: 'replay-mode' },
    h('option', { value: 'sample' }, 'a bundled sample meeting'), h('option', { value: 'own' }, 'my transcript below'), h('option', { value: 'none' }, 'nothing (a real bot)'));
  const sample = h('select', { name: 'sample', id: 'replay-sample' }, SAMPLES.map((name) => h('option', { value: name }, name)));
  const turns = h('textarea', { name: 'turns', id: 'replay-turns', rows: 6, placeholder: 'Alice: Let’s ship on Friday.\nBob: I will update the docs by Thursday.' });
  const speed = h('input', { type: 'number', name: 'speed', id: 'replay-speed', min: 1, max: 1000, value: 25 });
  const status = h('div', { id: 'start-status', 'aria-live': 'polite' });
  const sampleField = field('Sample', sample);
  const turnsField = field('Transcript', turns, 'One turn per line: “Speaker: what they said”.');
  const speedField = field('Speed', speed, 'Times faster than real time.');
  const syncReplay = () => {
    sampleField.hidden = replayMode.value !== 'sample';
    turnsField.hidden = replayMode.value !== 'own';
    speedField.hidden = replayMode.value === 'none';
  };
  replayMode.addEventListener('change', syncReplay);
  syncReplay();

  return h('form', { class: 'stack', id: 'start-bot-form', onsubmit: async (event) => {
    event.preventDefault();
    const body = { platform: platform.value, bot_name: botName.value.trim() || undefined, language: language.value.trim() || undefined };
    if (meetingUrl.value.trim()) body.meeting_url = meetingUrl.value.trim(); else body.native_meeting_id = nativeId.value.trim();
    if (replayMode.value === 'sample') body.replay = { sample: sample.value, speed: Number(speed.value) || 25 };
    if (replayMode.value === 'own') {
      const segments = parseTurns(turns.value);
      if (!segments.length) { replace(status, problemView(new Error('Write at least one “Speaker: text” line.'), { title: 'No transcript' })); return; }
      body.replay = { segments, speed: Number(speed.value) || 25 };
    }
    const submit = event.submitter;
    if (submit) submit.disabled = true;
    replace(status, h('p', { class: 'muted' }, 'Requesting a bot…'));
    try {
      const meeting = await api('/bots', { method: 'POST', body });
      ctx.navigate(meetingPath(meeting), { notice: { message: `Bot requested for ${meeting.platform} · ${meeting.native_meeting_id}.`, tone: 'ok' } });
    } catch (error) {
      if (submit) submit.disabled = false;
      replace(status, problemView(error, { title: 'The bot was not started' }));
    }
  } },
  h('fieldset', {}, h('legend', {}, 'Meeting'),
    field('Platform', platform),
    field('Meeting id', nativeId, 'A Google Meet code, a Teams or Zoom number, a Jitsi room. A fresh code is filled in for a simulated meeting.'),
    field('…or meeting link', meetingUrl, 'Used instead of the id when given.')),
  h('fieldset', {}, h('legend', {}, 'Bot'), field('Bot name', botName), field('Language', language)),
  h('fieldset', {}, h('legend', {}, 'Simulated bot'),
    h('p', { class: 'muted small' }, 'Without Recall.ai configured, BudAI’s simulated bot joins and replays a transcript as if it were spoken.'),
    field('Replay', replayMode), sampleField, turnsField, speedField),
  h('button', { type: 'submit', class: 'primary', id: 'start-bot' }, 'Start the bot'),
  status);
}
