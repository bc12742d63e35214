// Follows one meeting over the gateway's /ws (transcription-collector's Vexa-compatible live feed).
import { session } from './api.js';

const PING_EVERY_MS = 25000;
const MAX_BACKOFF_MS = 15000;

/**
 * Subscribes to a meeting's frames. The browser cannot set headers on a WebSocket, so the key goes
 * in ?api_key= — the one place the console puts it in a URL (the gateway strips it before
 * forwarding). Reconnects with back-off until closed; onState gets 'connecting', 'live',
 * 'reconnecting', 'closed' or 'refused'; onResume runs after a reconnect, to catch up on what was
 * missed.
 */
export function follow(meetingId, { onFrame, onState, onResume }) {
  let socket = null;
  let closed = false;
  let attempt = 0;
  let pinger = null;
  let retry = null;

  const connect = () => {
    const key = session.apiKey;
    if (!key) { onState('refused', 'Signed out'); return; }
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    socket = new WebSocket(`${scheme}://${location.host}/ws?api_key=${encodeURIComponent(key)}`);
    onState(attempt ? 'reconnecting' : 'connecting');
    socket.addEventListener('open', () => {
      socket.send(JSON.stringify({ action: 'subscribe', meetings: [{ meeting_id: Number(meetingId) }] }));
      pinger = setInterval(() => socket.readyState === WebSocket.OPEN && socket.send('{"action":"ping"}'), PING_EVERY_MS);
    });
    socket.addEventListener('message', (event) => {
      let frame;
      try { frame = JSON.parse(event.data); } catch { return; }
      if (frame.type === 'subscribed') {
        if (attempt > 0 && onResume) onResume();
        attempt = 0;
        onState('live');
      } else if (frame.type === 'error') {
        onState(frame.error === 'missing_api_key' || frame.error === 'invalid_api_key' ? 'refused' : 'error', frame.error);
      } else if (frame.type !== 'pong' && frame.type !== 'unsubscribed') {
        onFrame(frame);
      }
    });
    socket.addEventListener('close', (event) => {
      clearInterval(pinger);
      if (closed) return;
      if (event.code === 4401) { onState('refused', 'The live feed refused the key'); return; }
      attempt += 1;
      const wait = Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempt) * (0.75 + Math.random() / 2);
      onState('reconnecting');
      retry = setTimeout(connect, wait);
    });
  };
  connect();
  return () => {
    closed = true;
    clearInterval(pinger);
    clearTimeout(retry);
    if (socket && socket.readyState <= WebSocket.OPEN) socket.close(1000, 'done');
    onState('closed');
  };
}
