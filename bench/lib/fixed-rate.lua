-- Shared wrk script for the bench/ scripts (wrk 4.1.0; Debian has no wrk2).
--
--   wrk -t2 -c32 -d10s --latency -s bench/lib/fixed-rate.lua URL -- [rate=N] [paths=FILE]
--       [fresh=START] [prefix=+1555] [digits=7] [stride=16]
--
-- Every argument may instead come from the environment (FIXED_RATE, FIXED_RATE_PATHS,
-- FIXED_RATE_FRESH, FIXED_RATE_PREFIX, FIXED_RATE_DIGITS, FIXED_RATE_STRIDE); an argument wins.
-- A bare number as the first argument is the rate (what bench/auth.sh passed before).
--
-- rate=N: requests per second for EACH wrk thread (the total is N times -t). Each thread sends
--   on its own schedule; a connection that is free waits for its thread's next slot. Slots missed
--   while every connection was busy are dropped, not sent in a burst later, so the achieved
--   rate (wrk's Requests/sec) shows when the server lags. Latency counts from the send, so it is
--   the service time at that rate. Without rate (or rate=0) requests go as fast as wrk can.
-- paths=FILE: one entry a line, cycled through in order (each thread starts at its own place in
--   the list). A line starting with "/" is the whole path; any other line (a phone number, say)
--   is appended to the URL's path, "+" percent-encoded. Blank lines and "#" lines are skipped.
-- fresh=START: every request gets a number never sent before in this run: prefix followed by
--   `digits` digits of START + n * stride + thread, appended to the URL's path (n counts the
--   thread's requests, thread is 0.. in wrk's order; stride must be at least -t). Values wrap
--   modulo 10^digits; give consecutive runs against one server other prefixes or STARTs if
--   the numbers must stay unseen across runs. Takes precedence over paths.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } vx_timespec;
  int clock_gettime(int clock, vx_timespec *into);
]]
local ts = ffi.new("vx_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

-- setup() runs in wrk's main Lua state once per thread, just before that thread's init():
-- it hands each thread its index, which spreads the path cycle and keeps fresh numbers apart.
local created = 0
function setup(thread)
  thread:set("vx_thread_index", created)
  created = created + 1
end

local function option(opts, key, env)
  local value = opts[key]
  if value == nil or value == "" then
    value = os.getenv(env)
  end
  if value == "" then
    return nil
  end
  return value
end

local function number_option(opts, key, env, default)
  local text = option(opts, key, env)
  if text == nil then
    return default
  end
  local value = tonumber(text)
  if value == nil or value < 0 then
    error("fixed-rate.lua: " .. key .. " must be a number >= 0, not '" .. text .. "'")
  end
  return value
end

local function encode(entry)
  return (entry:gsub("[^%w%-%._~/]", function(c)
    return string.format("%%%02X", string.byte(c))
  end))
end

local interval, slot
local entries, cursor
local fresh, prefix, digits, stride, modulus, sent
local base = wrk.path
if base:sub(-1) ~= "/" then
  base = base .. "/"
end

function init(args)
  local opts = {}
  for i = 1, #args do
    local key, value = args[i]:match("^([%w_]+)=(.*)$")
    if key then
      opts[key] = value
    elseif i == 1 and tonumber(args[i]) then
      opts.rate = args[i]
    else
      error("fixed-rate.lua: argument '" .. args[i] .. "' is not key=value")
    end
  end
  local index = vx_thread_index or 0

  local rate = number_option(opts, "rate", "FIXED_RATE", 0)
  if rate > 0 then
    interval = 1000 / rate
  else
    delay = nil -- wrk checks for a delay() after init: none means no pacing
  end

  local start = option(opts, "fresh", "FIXED_RATE_FRESH")
  local file = option(opts, "paths", "FIXED_RATE_PATHS")
  if start then
    fresh = number_option(opts, "fresh", "FIXED_RATE_FRESH", 0)
    prefix = option(opts, "prefix", "FIXED_RATE_PREFIX") or "+1555"
    digits = number_option(opts, "digits", "FIXED_RATE_DIGITS", 7)
    stride = number_option(opts, "stride", "FIXED_RATE_STRIDE", 16)
    if index >= stride then
      error("fixed-rate.lua: more threads than stride=" .. stride)
    end
    modulus = 10 ^ digits
    sent = 0
    fresh = fresh + index
    prefix = base .. encode(prefix)
  elseif file then
    entries = {}
    for line in io.lines(file) do
      line = line:gsub("^%s+", ""):gsub("%s+$", "")
      if line ~= "" and line:sub(1, 1) ~= "#" then
        if line:sub(1, 1) == "/" then
          entries[#entries + 1] = wrk.format(nil, line)
        else
          entries[#entries + 1] = wrk.format(nil, base .. encode(line))
        end
      end
    end
    if #entries == 0 then
      error("fixed-rate.lua: no paths in " .. file)
    end
    cursor = (index * 7919) % #entries -- threads start apart (7919 is prime)
  else
    request = nil -- one static request, built by wrk
  end
end

function request()
  if fresh then
    local value = (fresh + sent * stride) % modulus
    sent = sent + 1
    return wrk.format(nil, prefix .. string.format("%0" .. digits .. "d", value))
  end
  cursor = cursor % #entries + 1
  return entries[cursor]
end

function delay()
  local now = now_ms()
  if slot == nil or slot < now then
    slot = now
  end
  local wait = slot - now
  slot = slot + interval
  return math.floor(wait)
end
