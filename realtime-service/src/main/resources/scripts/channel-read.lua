-- Messages of a channel after an offset, with what a resuming client needs to know about gaps.
-- KEYS[1] meta hash (seq, epoch), KEYS[2] history stream
-- ARGV[1] since, ARGV[2] max messages returned, ARGV[3] max age ms
-- Returns seq, epoch, earliest, lost (0/1), then offset, ts, data per message.
-- the age bound holds on reads too, for channels nobody has published to lately
trim_by_age(KEYS[2], ARGV[3])
local seq = tonumber(redis.call('HGET', KEYS[1], 'seq') or '0')
local epoch = redis.call('HGET', KEYS[1], 'epoch') or ''
local earliest = seq + 1
local first = redis.call('XRANGE', KEYS[2], '-', '+', 'COUNT', 1)
if #first > 0 then earliest = tonumber(string.match(first[1][1], '^(%d+)')) end
local since = tonumber(ARGV[1])
local lost = 0
if since > seq or since + 1 < earliest then
  lost = 1
  since = earliest - 1
end
local out = {tostring(seq), epoch, tostring(earliest), tostring(lost)}
if since < seq then
  local entries = redis.call('XRANGE', KEYS[2], tostring(since + 1), '+', 'COUNT', ARGV[2])
  for _, e in ipairs(entries) do
    out[#out + 1] = string.match(e[1], '^(%d+)')
    out[#out + 1] = e[2][2]
    out[#out + 1] = e[2][4]
  end
end
return out
