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
--           remembered until, in ms after the day's start. A bucket that would outgrow SPILL_AT
--           entries is spilled: its entries move to fields '<bucket>.<sub>' of the same hash (the
--           fingerprint's next 6 bits) and the bucket holds 'S', so that no call copies, scans or
--           rewrites more than about a 4096th of a busy lot's day (entries an earlier script
--           appended after the 'S' are read at their offset). A day's hash expires once its last id is.
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
  -- a bucket spills past this many entries (1.5 KB): a lot's day of some 8,000 ids or more
  local SPILL_AT = 128
  -- a fingerprint's sub-bucket, by its first two bytes: its bucket, '.', the next 6 bits (the low
  -- 2 of the first byte, the high 4 of the second)
  local function subField(first, second)
    return tostring(math.floor(first / 4)) .. '.' .. tostring(first % 4 * 16 + math.floor(second / 16))
  end
  local todayStart = math.floor(now / dayMs) * dayMs
  local today = KEYS[#KEYS]
  local untilEntry = struct.pack('>I4', now + tonumber(dedupeTtl) - todayStart)
  -- each (day, bucket) is read once a call and today's buckets written once at its end
  local buckets, dirty, dayStarts = {}, {}, {}
  local plates = KEYS[6 + 2 * n]
  for i = 7 + 2 * n, #KEYS do dayStarts[i] = tonumber(string.match(KEYS[i], ':(%d+)$')) * dayMs end
  local function entriesOf(key, field)
    local at = key .. '|' .. field
    if buckets[at] == nil then buckets[at] = redis.call('HGET', key, field) or false end
    return buckets[at]
  end
  -- whether a string of entries (starting at byte `first`) remembers the fingerprint: an entry at a
  -- 12-byte boundary, unexpired
  local function holds(entries, first, dayStart, fingerprint)
    local from = first
    while entries do
      local j = string.find(entries, fingerprint, from, true)
      if not j then return false end
      if (j - first) % 12 == 0 and dayStart + struct.unpack('>I4', entries, j + 8) > now then return true end
      from = j + 1
    end
    return false
  end
  -- whether a daily set still remembers the fingerprint: in its bucket or, once the bucket has
  -- spilled (its length 1 more than a multiple of 12: 'S', then whatever an earlier script
  -- appended; a bucket's first entry may itself start with the byte 'S'), in its sub-bucket
  local function remembered(bucket, sub, fingerprint)
    for i = 7 + 2 * n, #KEYS do
      local entries = entriesOf(KEYS[i], bucket)
      if entries and #entries % 12 == 1 then
        if holds(entries, 2, dayStarts[i], fingerprint)
            or holds(entriesOf(KEYS[i], sub), 1, dayStarts[i], fingerprint) then
          return true
        end
      elseif holds(entries, 1, dayStarts[i], fingerprint) then
        return true
      end
    end
    return false
  end
  local function append(field, entry)
    buckets[today .. '|' .. field] = (entriesOf(today, field) or '') .. entry
    dirty[#dirty + 1] = field
  end
  -- today's entry for the fingerprint, into its bucket, or its sub-bucket once the bucket has
  -- spilled; a bucket about to outgrow SPILL_AT moves its entries to their sub-buckets first
  local function keep(bucket, sub, entry)
    local entries = entriesOf(today, bucket)
    if entries and #entries % 12 == 1 then
      append(sub, entry)
      return
    end
    if entries and #entries >= 12 * SPILL_AT then
      for j = 1, #entries, 12 do
        local moved = string.sub(entries, j, j + 11)
        append(subField(string.byte(moved, 1, 2)), moved)
      end
      buckets[today .. '|' .. bucket] = 'S'
      dirty[#dirty + 1] = bucket
      append(sub, entry)
      return
    end
    append(bucket, entry)
  end
  -- Everything the batch may read is read up front, a command per kind rather than per event
  -- (a call into Redis from the script costs more than the little each does: issue 17); what the
  -- batch itself writes is kept beside it, so each event still sees the ones before it.
  local eventKeys, plateKeys, entryPlates, fields, bucketOf, subOf = {}, {}, {}, {}, {}, {}
  for k = 1, n do
    eventKeys[k], plateKeys[k] = KEYS[4 + 2 * k], KEYS[5 + 2 * k]
    if ARGV[2 + 4 * k] == 'E' then entryPlates[#entryPlates + 1] = ARGV[4 + 4 * k] end
    local hex = ARGV[5 + 4 * k]
    subOf[k] = subField(tonumber(string.sub(hex, 1, 2), 16), tonumber(string.sub(hex, 3, 4), 16))
    local bucket = string.match(subOf[k], '^(%d+)')
    bucketOf[k] = bucket
    if not fields[bucket] then
      fields[bucket] = true
      fields[#fields + 1] = bucket
    end
  end
  local legacy, presence, plateHeld = {}, {}, {}
  if n > 0 then
    legacy = redis.call('MGET', unpack(eventKeys))
    for k, value in ipairs(redis.call('MGET', unpack(plateKeys))) do presence[plateKeys[k]] = value end
    if #entryPlates > 0 then
      for k, id in ipairs(redis.call('HMGET', plateHolds, unpack(entryPlates))) do plateHeld[entryPlates[k]] = id end
    end
    for i = 7 + 2 * n, #KEYS do
      if redis.call('EXISTS', KEYS[i]) == 1 then
        local spilled = false
        for j, entries in ipairs(redis.call('HMGET', KEYS[i], unpack(fields))) do
          buckets[KEYS[i] .. '|' .. fields[j]] = entries
          if entries and #entries % 12 == 1 then spilled = true end
        end
        if spilled then
          local wanted = {}
          for k = 1, n do
            local entries = buckets[KEYS[i] .. '|' .. bucketOf[k]]
            if entries and #entries % 12 == 1 and not wanted[subOf[k]] then
              wanted[subOf[k]] = true
              wanted[#wanted + 1] = subOf[k]
            end
          end
          for j, entries in ipairs(redis.call('HMGET', KEYS[i], unpack(wanted))) do
            buckets[KEYS[i] .. '|' .. wanted[j]] = entries
          end
        end
      else
        -- a day that holds nothing: every bucket of it is known empty without asking
        for _, field in ipairs(fields) do buckets[KEYS[i] .. '|' .. field] = false end
      end
    end
  end
  local plateScores = {}
  for k = 1, n do
    local plateKey = plateKeys[k]
    local kind, atText, plate, hex = ARGV[2 + 4 * k], ARGV[3 + 4 * k], ARGV[4 + 4 * k], ARGV[5 + 4 * k]
    local at = tonumber(atText)
    local fingerprint = struct.pack('>I4I4', tonumber(string.sub(hex, 1, 8), 16), tonumber(string.sub(hex, 9, 16), 16))
    local bucket, sub = bucketOf[k], subOf[k]
    local seen = legacy[k]
    -- '1' is the marker of scripts older than the time in the value: its TTL still decides
    if (seen and (seen == '1' or tonumber(seen) > now)) or remembered(bucket, sub, fingerprint) then
      extra[k] = 'D'
    else
      keep(bucket, sub, fingerprint .. untilEntry)
      changed = true
      if at > asOf then asOf = at end
      local known = presence[plateKey]
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
        presence[plateKey] = newSide .. ':' .. newAtText .. (carried and ':1:' or ':0:') .. string.format('%d', untilMs)
        redis.call('SET', plateKey, presence[plateKey], 'PX', string.format('%d', untilMs - now))
        plateScores[#plateScores + 1] = untilMs
        plateScores[#plateScores + 1] = plate
      end
      local flag = ''
      if kind == 'E' then
        if not known or (side == 'O' and at > since) then
          if occupied + 1 > capacity then flag = 'of' end
          occupied = occupied + 1
          remember('I', atText, presenceTtl)
          local holdId = plateHeld[plate]
          if holdId then
            plateHeld[plate] = false
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
          presence[plateKey] = side .. ':' .. sinceText .. ':0' .. (untilText ~= '' and ':' .. untilText or '')
          redis.call('SET', plateKey, presence[plateKey], 'KEEPTTL')
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
          presence[plateKey] = 'O:' .. atText .. (countedOut and ':1:' or ':0:') .. dedupeUntil
          redis.call('SET', plateKey, presence[plateKey], 'PX', dedupeTtl)
          plateScores[#plateScores + 1] = dedupeUntil
          plateScores[#plateScores + 1] = plate
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
  -- in the events' order, so a plate twice in the batch is kept until its last time
  if #plateScores > 0 then redis.call('ZADD', plates, unpack(plateScores)) end
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
