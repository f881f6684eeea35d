-- Which hold is a plate's one current hold. Holds of one plate may sit in different lots (different
-- Cluster slots), so the pointer lives under the plate's own hash tag.
--
-- KEYS[1]  the plate's pointer (the id of its current hold), or its allocation lock
-- ARGV[1]  'swap' (ARGV[2] the new hold id, ARGV[3] time to live in ms; returns the previous id
--          or '') or 'clear' (ARGV[2] the hold id; clears the pointer only if it is still that id);
--          on the lock key: 'lock' (ARGV[2] a token, ARGV[3] ms; returns 'OK' or '') and 'unlock'
--          (ARGV[2] the token; releases the lock only if it is still that token's)
local current = redis.call('GET', KEYS[1])
if ARGV[1] == 'swap' then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return current or ''
elseif ARGV[1] == 'clear' or ARGV[1] == 'unlock' then
  if current == ARGV[2] then redis.call('DEL', KEYS[1]) end
  return ''
elseif ARGV[1] == 'lock' then
  if redis.call('SET', KEYS[1], ARGV[2], 'NX', 'PX', ARGV[3]) then return 'OK' end
  return ''
end
return redis.error_reply('UNKNOWN OPERATION ' .. tostring(ARGV[1]))
