-- Shared prelude of the channel scripts (prepended by ChannelLog): the age bound of a channel's history.
-- Drops entries older than max_age_ms from the head of the stream; returns Redis' clock in ms, the one
-- clock every instance agrees on.
local function trim_by_age(log_key, max_age_ms)
  local t = redis.call('TIME')
  local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  local cutoff = now - tonumber(max_age_ms)
  while true do
    local first = redis.call('XRANGE', log_key, '-', '+', 'COUNT', 1)
    if #first == 0 or tonumber(first[1][2][2]) >= cutoff then break end
    redis.call('XDEL', log_key, first[1][1])
  end
  return now
end
