-- The plates one driver has spaces held for, so that a cap on them holds on every node. Holds sit
-- in their lots' Cluster slots; this set lives under the driver's own hash tag.
--
-- KEYS[1]  sorted set: plate -> until when (ms) it counts
-- ARGV[1]  'claim' (ARGV[2] plate, ARGV[3] until ms, ARGV[4] now ms, ARGV[5] most plates; returns
--          'OK' or '') or 'release' (ARGV[2] plate);
--          on a window's counter: 'count' (ARGV[2] the window in ms; returns the count, this one included)
if ARGV[1] == 'claim' then
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[4])
  local counted = redis.call('ZSCORE', KEYS[1], ARGV[2])
  if not counted and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[5]) then return {''} end
  redis.call('ZADD', KEYS[1], 'GT', ARGV[3], ARGV[2])
  -- the set goes when its last count would lapse (measured from the caller's now, as the scores are)
  local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
  redis.call('PEXPIRE', KEYS[1], math.max(1, tonumber(last[2]) - tonumber(ARGV[4])))
  return {'OK'}
elseif ARGV[1] == 'count' then
  local count = redis.call('INCR', KEYS[1])
  if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
  return {count}
elseif ARGV[1] == 'release' then
  redis.call('ZREM', KEYS[1], ARGV[2])
  return {''}
end
return redis.error_reply('UNKNOWN OPERATION ' .. tostring(ARGV[1]))
