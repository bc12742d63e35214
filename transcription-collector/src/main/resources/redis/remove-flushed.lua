-- Removes segments that were committed to PostgreSQL, unless they changed meanwhile.
-- KEYS[1] budai:meeting:{id}:segments, KEYS[2] budai:dirty_sessions
-- ARGV[1] number of (segment id, revision) pairs n, then the n pairs, then the session uids of the
-- meeting that may leave the dirty set once nothing is left to flush.
-- A field is deleted only while it still holds the flushed revision: a newer version written
-- between the read and this script stays for the next flush. The meeting's sessions leave the
-- dirty set in the same step as the last field, so a segment written afterwards re-adds them.
-- Returns the number of fields left in the hash.
local n = tonumber(ARGV[1])
for i = 2, 2 * n, 2 do
  local current = redis.call('HGET', KEYS[1], ARGV[i])
  if current and string.sub(current, 1, string.len(ARGV[i + 1]) + 1) == ARGV[i + 1] .. '|' then
    redis.call('HDEL', KEYS[1], ARGV[i])
  end
end
local left = redis.call('HLEN', KEYS[1])
if left == 0 then
  for i = 2 * n + 2, #ARGV do
    redis.call('SREM', KEYS[2], ARGV[i])
  end
end
return left
