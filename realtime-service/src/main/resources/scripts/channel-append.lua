-- The one shared sequencer step: assign the next offset of a channel and store the message in its
-- history, atomically, so every instance sees the same offsets and history.
-- KEYS[1] meta hash (seq, epoch), KEYS[2] history stream (ids "<offset>-0", fields ts, data)
-- ARGV[1] data json, ARGV[2] max messages, ARGV[3] max age ms, ARGV[4] idle ttl s, ARGV[5] epoch if new
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
return {tostring(offset), epoch, tostring(now)}
