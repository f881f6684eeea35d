-- Live occupancy of one lot, changed atomically inside Redis.
--
-- One script serves every change so that the state layout is read and written in one place.
-- All keys of a lot share the hash tag {<lotId>}, so the script works unchanged on Redis Cluster.
--
-- KEYS[1]     the lot's state hash: capacity, occupied, held, closed, asOf, updatedAt, version
--             (times in epoch milliseconds)
-- ARGV[1]     the operation: 'register' | 'events' | 'snapshot'
-- ARGV[2]     now, the platform's clock (ms)
--
-- register:  ARGV[3] capacity
-- snapshot:  ARGV[3] occupied, ARGV[4] the sensor's time (ms)
-- events:    ARGV[3] dedupe TTL (s), ARGV[4] presence TTL (s); then for event k = 1..n
--            ARGV[3 + 2k] 'E' (entry) or 'X' (exit), ARGV[4 + 2k] the gate's time (ms);
--            KEYS[2k] the event id's idempotency key, KEYS[2k + 1] the plate's presence key,
--            which holds 'I:<ms>:0' (inside since) or 'O:<ms>:<orphan>' (left at).
--
-- Returns {applied, capacity, occupied, held, closed, asOf, updatedAt, version, outcome...}
-- where each outcome is 'D' (duplicate) or 'A' followed by a flag code of GateEventFlag
-- (empty when nothing was odd). The presence rules mirror PresenceRules.java; the shared
-- contract test holds the two together.

local state = KEYS[1]
local op = ARGV[1]
local now = ARGV[2]

local s = redis.call('HMGET', state, 'capacity', 'occupied', 'held', 'closed', 'asOf', 'updatedAt', 'version')
local capacity = tonumber(s[1])
local occupied = tonumber(s[2]) or 0
local asOf = tonumber(s[5]) or 0
local applied = 0
local outcomes = {}

if op == 'register' then
  if s[1] ~= ARGV[3] then
    redis.call('HSET', state, 'capacity', ARGV[3])
    capacity = tonumber(ARGV[3])
    applied = 1
  end
elseif not capacity then
  return redis.error_reply('UNREGISTERED ' .. state)
elseif op == 'snapshot' then
  if tonumber(ARGV[4]) >= asOf then
    occupied = tonumber(ARGV[3])
    asOf = tonumber(ARGV[4])
    applied = 1
  end
elseif op == 'events' then
  local dedupeTtl, presenceTtl = ARGV[3], ARGV[4]
  for k = 1, (#KEYS - 1) / 2 do
    local eventKey, plateKey = KEYS[2 * k], KEYS[2 * k + 1]
    local kind, atText = ARGV[3 + 2 * k], ARGV[4 + 2 * k]
    local at = tonumber(atText)
    if not redis.call('SET', eventKey, '1', 'NX', 'EX', dedupeTtl) then
      outcomes[k] = 'D'
    else
      applied = 1
      if at > asOf then asOf = at end
      local known = redis.call('GET', plateKey)
      local side, sinceText, orphan, since
      if known then
        side, sinceText, orphan = string.match(known, '^(%a):(%d+):(%d)$')
        since = tonumber(sinceText)
      end
      local flag = ''
      if kind == 'E' then
        if not known or (side == 'O' and at > since) then
          if occupied + 1 > capacity then flag = 'of' end
          occupied = occupied + 1
          redis.call('SET', plateKey, 'I:' .. atText .. ':0', 'EX', presenceTtl)
        elseif side == 'I' then
          if at > since then redis.call('SET', plateKey, 'I:' .. atText .. ':0', 'EX', presenceTtl) end
          flag = 'ai'
        elseif orphan == '1' then
          occupied = occupied + 1
          redis.call('SET', plateKey, 'O:' .. sinceText .. ':0', 'KEEPTTL')
          flag = 'le'
        else
          flag = 'se'
        end
      else
        if not known then
          local countedOut = occupied > 0
          if countedOut then occupied = occupied - 1 end
          redis.call('SET', plateKey, 'O:' .. atText .. (countedOut and ':1' or ':0'), 'EX', dedupeTtl)
          flag = 'xw'
        elseif side == 'O' then
          flag = 'ni'
        elseif at < since then
          flag = 'sx'
        else
          if occupied > 0 then occupied = occupied - 1 end
          redis.call('SET', plateKey, 'O:' .. atText .. ':0', 'EX', dedupeTtl)
        end
      end
      outcomes[k] = 'A' .. flag
    end
  end
else
  return redis.error_reply('UNKNOWN OPERATION ' .. tostring(op))
end

local version = tonumber(s[7]) or 0
local updatedAt = tonumber(s[6]) or 0
if applied == 1 then
  redis.call('HSET', state, 'occupied', occupied, 'asOf', asOf, 'updatedAt', now)
  version = redis.call('HINCRBY', state, 'version', 1)
  updatedAt = tonumber(now)
end

local reply = {applied, capacity, occupied, tonumber(s[3]) or 0, tonumber(s[4]) or 0, asOf, updatedAt, version}
for k = 1, #outcomes do reply[#reply + 1] = outcomes[k] end
return reply
