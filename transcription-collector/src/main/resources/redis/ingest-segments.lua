-- Writes one transcription message into the hot store, atomically with its bookkeeping.
-- KEYS[1] budai:meeting:{id}:segments  hash  segment_id -> "{rev}|{updated_ms}|{completed 0/1}|{segment json}"
-- KEYS[2] budai:meeting:{id}:rev       string, last revision handed out for the meeting
-- KEYS[3] budai:session_agg:{uid}      hash  meeting_id, user_id, writes, max_end, last_at, first_segment_at
-- KEYS[4] budai:dirty_sessions         set   session uids with segments not yet flushed
-- ARGV[1] session uid, ARGV[2] segment ttl (s), ARGV[3] session ttl (s), ARGV[4] live channel,
-- ARGV[5] live frame ('' = none), ARGV[6] meeting id, ARGV[7] user id,
-- then per segment 5 values: segment id, completed (0/1), empty text (0/1), end (s), segment json.
-- Rules: a draft never replaces a confirmed segment (a redelivered old draft cannot undo a
-- confirmation); an identical re-send changes nothing; an emptied segment is written only to
-- withdraw one that exists. A revision is max(server time in µs, last + 1): increasing per meeting
-- even after the counter key is lost, so ?since= cursors stay valid.
-- Returns {segments written, 1 if this was the session's first segment else 0}.
local t = redis.call('TIME')
local nowUs = tonumber(t[1]) * 1000000 + tonumber(t[2])
local nowMs = math.floor(nowUs / 1000)
local last = tonumber(redis.call('GET', KEYS[2]) or '0')
local written = 0
local maxEnd = 0
for i = 8, #ARGV, 5 do
  local id, completed, empty, endS, body = ARGV[i], ARGV[i + 1], ARGV[i + 2], tonumber(ARGV[i + 3]), ARGV[i + 4]
  local old = redis.call('HGET', KEYS[1], id)
  local write = true
  if old then
    local oldCompleted, oldBody = string.match(old, '^%d+|%d+|(%d)|(.*)$')
    if oldCompleted == '1' and completed == '0' then
      write = false
    elseif oldCompleted == completed and oldBody == body then
      write = false
    end
  elseif empty == '1' then
    write = false
  end
  if write then
    local rev = nowUs
    if rev <= last then
      rev = last + 1
    end
    last = rev
    redis.call('HSET', KEYS[1], id, string.format('%.0f|%.0f|%s|%s', rev, nowMs, completed, body))
    written = written + 1
    if endS and endS > maxEnd then
      maxEnd = endS
    end
  end
end
local first = 0
if written > 0 then
  redis.call('SET', KEYS[2], string.format('%.0f', last), 'EX', ARGV[2])
  redis.call('EXPIRE', KEYS[1], ARGV[2])
  redis.call('HSET', KEYS[3], 'meeting_id', ARGV[6], 'user_id', ARGV[7], 'last_at', string.format('%.0f', nowMs))
  redis.call('HINCRBY', KEYS[3], 'writes', written)
  first = redis.call('HSETNX', KEYS[3], 'first_segment_at', string.format('%.0f', nowMs))
  local prevEnd = tonumber(redis.call('HGET', KEYS[3], 'max_end') or '0')
  if maxEnd > prevEnd then
    redis.call('HSET', KEYS[3], 'max_end', tostring(maxEnd))
  end
  redis.call('EXPIRE', KEYS[3], ARGV[3])
  redis.call('SADD', KEYS[4], ARGV[1])
  if ARGV[5] ~= '' then
    redis.call('PUBLISH', ARGV[4], ARGV[5])
  end
end
return {written, first}
