-- The one shared sequencer step: assign the next offset of a channel and store the message in its
-- history, atomically, so every instance sees the same offsets and history.
-- KEYS[1] meta hash (seq, epoch), KEYS[2] history stream (ids "<offset>-0", fields ts, data),
-- KEYS[3] the source's dedupe key ("offset epoch ts" of the message it became), unused when ARGV[6] is ''
-- ARGV[1] data json, ARGV[2] max messages, ARGV[3] max age ms, ARGV[4] idle ttl s, ARGV[5] epoch if new,
-- ARGV[6] '1' when the message comes from a source that may deliver it twice (an ingested Kafka record)
if ARGV[6] ~= '' then
  -- the same source record again (a redelivery after a rebalance or crash): answer with the message it became
  local seen = redis.call('GET', KEYS[3])
  if seen then
    local offset, epoch, ts = string.match(seen, '(%S+) (%S+) (%S+)')
    return {offset, epoch, ts}
  end
end
if redis.call('HSETNX', KEYS[1], 'epoch', ARGV[5]) == 1 then
  -- a new epoch: whatever history is left belongs to a forgotten generation of offsets
  redis.call('DEL', KEYS[2])
end
local epoch = redis.call('HGET', KEYS[1], 'epoch')
local offset = redis.call('HINCRBY', KEYS[1], 'seq', 1)
local now = trim_by_age(KEYS[2], ARGV[3])
redis.call('XADD', KEYS[2], 'MAXLEN', ARGV[2], offset .. '-0', 'ts', now, 'data', ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[4])
redis.call('EXPIRE', KEYS[2], ARGV[4])
if ARGV[6] ~= '' then
  redis.call('SET', KEYS[3], offset .. ' ' .. epoch .. ' ' .. now, 'EX', ARGV[4])
end
return {tostring(offset), epoch, tostring(now)}
