-- A checkpoint of one lot's live state: every key the lot keeps, taken in one atomic step at the
-- lot's version, and put back into a Redis that lost it (docs/DECISIONS.md, "Live state survives
-- losing Redis": the journal keeps a checkpoint per lot and only the changes after it).
--
-- Keys are taken with DUMP and put back with RESTORE, so the checkpoint holds whatever occupancy.lua
-- keeps, in its own encoding, and needs no change when the layout does. DUMP's bytes are binary:
-- the platform runs this script over a connection of bytes (RedisEndpoint.bytes).
--
-- take: KEYS[1..5] the lot's keys as occupancy.lua declares them (KEYS[1] its state hash),
--       KEYS[6] the plates index (zset plate -> until, ms), KEYS[7..6+p] the presence keys of the
--       plates the index held when the caller read it, KEYS[7+p..] the daily sets of event ids
--       that may still remember an id;
--       ARGV[1] 'take', ARGV[2] now (ms, the platform's clock), ARGV[3] p,
--       ARGV[4] the presence keys' common start ('<prefix>:lot:{<lotId>}:plate:').
--       Returns {'UNKNOWN'} for a lot Redis does not hold, {'RETRY'} when the index holds a plate
--       the caller did not declare (it changed since it was read), else {'OK', version,
--       key, pttl, dump, key, pttl, dump, ...} for every declared key that exists (pttl -1: none).
-- put:  KEYS[1] the lot's holds zset (KEYS[2] of occupancy.lua), KEYS[2..] the keys to put back;
--       ARGV[1] 'put', then for KEYS[k] (k >= 2) ARGV[2k-2] its pttl (ms; -1 none) and ARGV[2k-1]
--       its dump. Each key is replaced whole; a key whose time ran out meanwhile is left out by the
--       caller. Returns {id, expiry, ...} of the holds HELD in the lot put back.

if ARGV[1] == 'take' then
  if redis.call('EXISTS', KEYS[1]) == 0 then return {'UNKNOWN'} end
  local now, p, plateStart = tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
  -- a presence key kept until a time past is one the rules no longer read
  redis.call('ZREMRANGEBYSCORE', KEYS[6], '-inf', now)
  local declared = {}
  for i = 7, 6 + p do declared[KEYS[i]] = true end
  for _, plate in ipairs(redis.call('ZRANGE', KEYS[6], 0, -1)) do
    if not declared[plateStart .. plate] then return {'RETRY'} end
  end
  local reply = {'OK', redis.call('HGET', KEYS[1], 'version') or '0'}
  for i = 1, #KEYS do
    local dump = redis.call('DUMP', KEYS[i])
    if dump then
      reply[#reply + 1] = KEYS[i]
      reply[#reply + 1] = tostring(redis.call('PTTL', KEYS[i]))
      reply[#reply + 1] = dump
    end
  end
  return reply
elseif ARGV[1] == 'put' then
  for k = 2, #KEYS do
    local pttl = tonumber(ARGV[2 * k - 2])
    redis.call('RESTORE', KEYS[k], pttl > 0 and pttl or 0, ARGV[2 * k - 1], 'REPLACE')
  end
  return redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
end
return redis.error_reply('UNKNOWN OPERATION ' .. tostring(ARGV[1]))
