-- Removes segments that were committed to PostgreSQL, unless they changed meanwhile, for several
-- meetings in one call.
-- KEYS[1] budai:dirty_sessions, KEYS[2..] budai:meeting:{id}:segments of each meeting
-- ARGV, per meeting in KEYS order: n, then n (segment id, revision) pairs, then u, then the u
-- session uids of the meeting that may leave the dirty set once nothing is left to flush.
-- A field is deleted only while it still holds the flushed revision: a newer version written
-- between the read and this script stays for the next flush. A meeting's sessions leave the dirty
-- set in the same step as its last field, so a segment written afterwards re-adds them.
-- Returns the number of meetings with segments left.
local a = 1
local pending = 0
for k = 2, #KEYS do
  local n = tonumber(ARGV[a])
  a = a + 1
  for i = a, a + 2 * n - 1, 2 do
    local current = redis.call('HGET', KEYS[k], ARGV[i])
    if current and string.sub(current, 1, string.len(ARGV[i + 1]) + 1) == ARGV[i + 1] .. '|' then
      redis.call('HDEL', KEYS[k], ARGV[i])
    end
  end
  a = a + 2 * n
  local u = tonumber(ARGV[a])
  a = a + 1
  if redis.call('HLEN', KEYS[k]) == 0 then
    for i = a, a + u - 1 do
      redis.call('SREM', KEYS[1], ARGV[i])
    end
  else
    pending = pending + 1
  end
  a = a + u
end
return pending
