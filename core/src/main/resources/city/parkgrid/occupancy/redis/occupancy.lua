-- Live occupancy of one lot, changed atomically inside Redis: gate events, sensor snapshots,
-- capacity, and the spaces held for allocated drivers.
--
-- One script serves every change so that the layout is read and written in one place. All keys
-- of a lot share the hash tag {<lotId>}, and every key is declared, so the script works unchanged
-- on Redis Cluster.
--
-- KEYS[1]  state hash: capacity, occupied, held, reserved, closed, asOf, updatedAt, version (ms);
--          `held` is a copy of the size of KEYS[2], rewritten by every change, for one-command reads
-- KEYS[2]  holds: zset of HELD hold ids scored by expiry
-- KEYS[3]  hold records: hash id -> 'status|plate|driver|createdAt|expiresAt|endedAt'
-- KEYS[4]  plate holds: hash plate -> id of the plate's HELD hold here
-- KEYS[5]  ended holds: zset of ended hold ids scored by end time, pruned after the retention
-- ARGV[1]  operation: 'register' | 'configure' | 'snapshot' | 'events' | 'hold' | 'end' | 'get'
-- ARGV[2]  now, the platform's clock (ms)
-- ARGV[3]  how long ended holds stay readable (ms)
--
-- register: ARGV[4] capacity
-- configure: ARGV[4] closed ('1' or '0'), ARGV[5] spaces reserved (withheld from the public)
-- snapshot: ARGV[4] occupied, ARGV[5] the sensor's time (ms)
-- events:   ARGV[4] how long an event id is remembered (ms), ARGV[5] how long a plate inside is
--           remembered (ms); then for event k = 1..n
--           ARGV[2+4k] 'E' or 'X', ARGV[3+4k] the gate's time (ms), ARGV[4+4k] the plate,
--           ARGV[5+4k] the event id's 64-bit fingerprint (16 hex digits, SeenEvents.java);
--           KEYS[4+2k] the event id's key of scripts before the daily sets, holding the time (ms)
--           it is remembered until: read, never written, so it is honoured until it expires;
--           KEYS[5+2k] the plate's presence key, which holds 'I:<ms>:<orphan>:<until>' (inside since)
--           or 'O:<ms>:<orphan>:<until>' (left at), the latest event by event time; <orphan> is 1
--           while an exit without entry that took a car off waits for its late entry (scripts
--           before this one wrote 1 only after 'O', and read 'I:<ms>:1:…' as plainly inside)
--           KEYS[6+2n] the plates index: zset plate -> the time (ms) its presence key is kept
--           until, so that a checkpoint (lot-checkpoint.lua) finds every presence key of the lot
--           KEYS[7+2n..] the daily sets of event ids seen, '<…>:seen:<day>' (days since the epoch,
--           UTC, of the platform's clock), from the first that may still remember an id to
--           today's, the last: a hash of 64 buckets (the fingerprint's top 6 bits), each a string
--           of 12-byte entries, the fingerprint's 8 bytes then 4 bytes of the time the id is
--           remembered until, in ms after the day's start. A day's hash expires once its last id is.
-- hold:     ARGV[4] hold id, ARGV[5] plate, ARGV[6] driver, ARGV[7] expiry (ms)
-- end:      ARGV[4] hold id, ARGV[5] 'CANCELLED' or 'EXPIRED'
-- get:      ARGV[4] hold id
--
-- Returns {changed (for snapshot: applied), capacity, occupied, held, reserved, closed, asOf, updatedAt,
-- version} followed by:
-- events: one outcome per event, 'D' (duplicate) or 'A' + a GateEventFlag code ('' if nothing
-- was notable); hold: refusal ('' or 'FULL' or 'CLOSED'), then the record or ''; end and get: the
-- record or ''. The rules mirror PresenceRules.java and InMemoryOccupancyStore; the shared
-- contract test and OccupancyDifferentialIT (which replays long random sequences against both
-- stores and compares every reply) hold them together.

-- Time: every rule is judged on ARGV[2], the platform's clock, never on Redis's own: hold expiry,
-- the retention of ended holds, and how long an event id and a plate's presence are remembered
-- (each value carries the time it counts until). Key TTLs only let Redis collect what the rules
-- already treat as gone; they are not rules. So one clock decides, the in-memory store follows
-- the same rules, and the differential test can move time on without waiting for it.

local state, holds, records, plateHolds, ended = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local op, nowText = ARGV[1], ARGV[2]
local now, retention = tonumber(ARGV[2]), tonumber(ARGV[3])

local s = redis.call('HMGET', state, 'capacity', 'occupied', 'closed', 'asOf', 'updatedAt', 'version', 'reserved')
local capacity = tonumber(s[1])
local occupied = tonumber(s[2]) or 0
local closed = tonumber(s[3]) or 0
local asOf = tonumber(s[4]) or 0
local reserved = tonumber(s[7]) or 0
local changed = false
local applied = 0
local extra = {}

if op ~= 'register' and not capacity then
  return redis.error_reply('UNREGISTERED ' .. state)
end

local function parse(record)
  local f = {}
  for part in string.gmatch(record .. '|', '([^|]*)|') do f[#f + 1] = part end
  return f
end

-- A hold's record, or false once it is forgotten: an ended hold is readable for the retention
-- and not a moment longer, however far the bounded pruning below has got.
local function readable(id)
  local record = redis.call('HGET', records, id)
  if not record then return false end
  local endedAt = tonumber(parse(record)[6])
  if endedAt and endedAt <= now - retention then
    redis.call('HDEL', records, id)
    redis.call('ZREM', ended, id)
    return false
  end
  return record
end

-- Ends a HELD hold; returns its record as it is afterwards (or false for an unknown id).
local function finish(id, status)
  local record = redis.call('HGET', records, id)
  if not record then return false end
  local f = parse(record)
  if f[1] ~= 'HELD' then return record end
  f[1], f[6] = status, nowText
  record = table.concat(f, '|')
  redis.call('HSET', records, id, record)
  redis.call('ZREM', holds, id)
  if redis.call('HGET', plateHolds, f[2]) == id then redis.call('HDEL', plateHolds, f[2]) end
  redis.call('ZADD', ended, now, id)
  changed = true
  return record
end

if op ~= 'register' then
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', holds, '-inf', now)) do finish(id, 'EXPIRED') end
  -- at most 20 a run, so that no run does unbounded work (closing a lot may end many holds at
  -- once); readable() hides the rest from the moment the retention has passed
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', ended, '-inf', now - retention, 'LIMIT', 0, 20)) do
    redis.call('HDEL', records, id)
    redis.call('ZREM', ended, id)
  end
end

if op == 'register' then
  if s[1] ~= ARGV[4] then
    redis.call('HSET', state, 'capacity', ARGV[4])
    capacity = tonumber(ARGV[4])
    changed = true
  end
elseif op == 'configure' then
  if closed ~= tonumber(ARGV[4]) or reserved ~= tonumber(ARGV[5]) then
    closed = tonumber(ARGV[4])
    reserved = tonumber(ARGV[5])
    changed = true
  end
  -- no driver is sent into a closed lot or onto reserved spaces: such holds are cancelled, the
  -- latest to expire (the newest) first
  local excess = redis.call('ZCARD', holds)
  if closed ~= 1 then excess = occupied + excess + reserved - capacity end
  if excess > 0 then
    for _, id in ipairs(redis.call('ZREVRANGE', holds, 0, excess - 1)) do finish(id, 'CANCELLED') end
  end
elseif op == 'snapshot' then
  if tonumber(ARGV[5]) >= asOf then
    occupied = tonumber(ARGV[4])
    asOf = tonumber(ARGV[5])
    changed = true
    applied = 1
  end
elseif op == 'events' then
  local dedupeTtl, presenceTtl = ARGV[4], ARGV[5]
  local dedupeUntil = string.format('%d', now + tonumber(dedupeTtl))
  local n = (#ARGV - 5) / 4
  local dayMs = 86400000
  local todayStart = math.floor(now / dayMs) * dayMs
  local today = KEYS[#KEYS]
  local untilEntry = struct.pack('>I4', now + tonumber(dedupeTtl) - todayStart)
  -- each (day, bucket) is read once a call and today's buckets written once at its end
  local buckets, dirty, dayStarts = {}, {}, {}
  local plates = KEYS[6 + 2 * n]
  for i = 7 + 2 * n, #KEYS do dayStarts[i] = tonumber(string.match(KEYS[i], ':(%d+)$')) * dayMs end
  local function entriesOf(key, bucket)
    local at = key .. '|' .. bucket
    if buckets[at] == nil then buckets[at] = redis.call('HGET', key, bucket) or false end
    return buckets[at]
  end
  -- whether a daily set still remembers the fingerprint (an entry at a 12-byte boundary, unexpired)
  local function remembered(bucket, fingerprint)
    for i = 7 + 2 * n, #KEYS do
      local entries = entriesOf(KEYS[i], bucket)
      local from = 1
      while entries do
        local j = string.find(entries, fingerprint, from, true)
        if not j then break end
        if (j - 1) % 12 == 0 and dayStarts[i] + struct.unpack('>I4', entries, j + 8) > now then return true end
        from = j + 1
      end
    end
    return false
  end
  for k = 1, n do
    local eventKey, plateKey = KEYS[4 + 2 * k], KEYS[5 + 2 * k]
    local kind, atText, plate, hex = ARGV[2 + 4 * k], ARGV[3 + 4 * k], ARGV[4 + 4 * k], ARGV[5 + 4 * k]
    local at = tonumber(atText)
    local fingerprint = struct.pack('>I4I4', tonumber(string.sub(hex, 1, 8), 16), tonumber(string.sub(hex, 9, 16), 16))
    local bucket = tostring(math.floor(tonumber(string.sub(hex, 1, 2), 16) / 4))
    local seen = redis.call('GET', eventKey)
    -- '1' is the marker of scripts older than the time in the value: its TTL still decides
    if (seen and (seen == '1' or tonumber(seen) > now)) or remembered(bucket, fingerprint) then
      extra[k] = 'D'
    else
      buckets[today .. '|' .. bucket] = (entriesOf(today, bucket) or '') .. fingerprint .. untilEntry
      dirty[#dirty + 1] = bucket
      changed = true
      if at > asOf then asOf = at end
      local known = redis.call('GET', plateKey)
      local side, sinceText, orphan, untilText, since
      if known then
        -- values of older scripts have no ':<until>'; their TTL still decides
        side, sinceText, orphan, untilText = string.match(known, '^(%a):(%d+):(%d):?(%d*)$')
        if untilText ~= '' and tonumber(untilText) <= now then
          known = nil
        else
          since = tonumber(sinceText)
        end
      end
      -- the orphan exit (see PresenceRules) is carried on through later events until its late
      -- entry comes, and keeps at least the time it was given to wait for it
      local carried = known and orphan == '1'
      local function remember(newSide, newAtText, ttl)
        local untilMs = now + tonumber(ttl)
        if carried then
          local before = untilText ~= '' and tonumber(untilText) or now + redis.call('PTTL', plateKey)
          if before > untilMs then untilMs = before end
        end
        redis.call('SET', plateKey, newSide .. ':' .. newAtText .. (carried and ':1:' or ':0:')
          .. string.format('%d', untilMs), 'PX', string.format('%d', untilMs - now))
        redis.call('ZADD', plates, untilMs, plate)
      end
      local flag = ''
      if kind == 'E' then
        if not known or (side == 'O' and at > since) then
          if occupied + 1 > capacity then flag = 'of' end
          occupied = occupied + 1
          remember('I', atText, presenceTtl)
          local holdId = redis.call('HGET', plateHolds, plate)
          if holdId then
            finish(holdId, 'FULFILLED')
            flag = 'fh'
          end
        elseif side == 'I' and at >= since then
          if at > since then remember('I', atText, presenceTtl) end
          flag = 'ai'
        elseif orphan == '1' then
          -- older than the latest event: the late entry of the orphan exit's visit
          occupied = occupied + 1
          -- the visit is whole again; the plate is remembered as long as it was
          redis.call('SET', plateKey, side .. ':' .. sinceText .. ':0' .. (untilText ~= '' and ':' .. untilText or ''),
            'KEEPTTL')
          flag = 'le'
        elseif side == 'I' then
          flag = 'ai'
        else
          flag = 'se'
        end
      else
        if not known then
          local countedOut = occupied > 0
          if countedOut then occupied = occupied - 1 end
          redis.call('SET', plateKey, 'O:' .. atText .. (countedOut and ':1:' or ':0:') .. dedupeUntil,
            'PX', dedupeTtl)
          redis.call('ZADD', plates, dedupeUntil, plate)
          flag = 'xw'
        elseif side == 'O' then
          -- the latest exit is remembered, so that an entry between the two is known to be older
          if at > since then remember('O', atText, dedupeTtl) end
          flag = 'ni'
        elseif at < since then
          flag = 'sx'
        else
          if occupied > 0 then occupied = occupied - 1 end
          remember('O', atText, dedupeTtl)
        end
      end
      extra[k] = 'A' .. flag
    end
  end
  -- Redis may collect today's set once its last id is forgotten (a relative TTL: the rule is the clock above)
  if #dirty > 0 then
    local fields, written = {}, {}
    for _, bucket in ipairs(dirty) do
      if not written[bucket] then
        written[bucket] = true
        fields[#fields + 1] = bucket
        fields[#fields + 1] = buckets[today .. '|' .. bucket]
      end
    end
    redis.call('HSET', today, unpack(fields))
    redis.call('PEXPIRE', today, todayStart + dayMs + tonumber(dedupeTtl) - now)
  end
elseif op == 'hold' then
  local id, plate, driver, expiresAt = ARGV[4], ARGV[5], ARGV[6], ARGV[7]
  local previous = redis.call('HGET', plateHolds, plate)
  if previous then finish(previous, 'CANCELLED') end
  if closed == 1 then
    extra = {'CLOSED', ''}
  elseif occupied + redis.call('ZCARD', holds) + reserved >= capacity then
    extra = {'FULL', ''}
  else
    local record = table.concat({'HELD', plate, driver, nowText, expiresAt, ''}, '|')
    redis.call('HSET', records, id, record)
    redis.call('ZADD', holds, expiresAt, id)
    redis.call('HSET', plateHolds, plate, id)
    changed = true
    extra = {'', record}
  end
elseif op == 'end' then
  local record = readable(ARGV[4])
  if record and ARGV[5] == 'CANCELLED' then record = finish(ARGV[4], 'CANCELLED') end
  extra = {record or ''}
elseif op == 'get' then
  extra = {readable(ARGV[4]) or ''}
else
  return redis.error_reply('UNKNOWN OPERATION ' .. tostring(op))
end

local version = tonumber(s[6]) or 0
local updatedAt = tonumber(s[5]) or 0
local held = redis.call('ZCARD', holds)
if changed then
  redis.call('HSET', state, 'occupied', occupied, 'held', held, 'reserved', reserved, 'closed', closed,
    'asOf', asOf, 'updatedAt', nowText)
  version = redis.call('HINCRBY', state, 'version', 1)
  updatedAt = now
end

-- for a snapshot, the first element says whether the reading was applied
local first = op == 'snapshot' and applied or (changed and 1 or 0)
local reply = {first, capacity, occupied, held, reserved, closed, asOf, updatedAt, version}
for k = 1, #extra do reply[#reply + 1] = extra[k] end
return reply
