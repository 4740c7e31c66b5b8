-- Coroutines: generators, wrap, passing values both ways, close, yield across pcall and metamethods,
-- a producer/consumer pipeline.
local function gen(n)
  return coroutine.wrap(function() for i = 1, n do coroutine.yield(i) end end)
end
local s = 0
for v in gen(100) do s = s + v end
print("gen sum", s)

local function producer()
  return coroutine.create(function()
    for _, w in ipairs({"alpha", "beta", "gamma", "delta"}) do coroutine.yield(w) end
    return nil
  end)
end
local function filter(p)
  return coroutine.create(function()
    while true do
      local _, w = coroutine.resume(p)
      if not w then return nil end
      coroutine.yield(w:upper() .. #w)
    end
  end)
end
local f = filter(producer())
while true do
  local _, w = coroutine.resume(f)
  if not w then break end
  io.write(w, " ")
end
print()

local co = coroutine.create(function(a, b)
  local c = coroutine.yield(a + b)
  local d, e = coroutine.yield(c * 2)
  return d + e
end)
print(coroutine.resume(co, 1, 2))
print(coroutine.resume(co, 10))
print(coroutine.resume(co, 3, 4))
print(coroutine.resume(co))
print(coroutine.isyieldable(), select(2, coroutine.running()))

-- yield across a metamethod and a pcall
local mt = {__add = function(a, b) coroutine.yield("in __add"); return a.v + b.v end}
local co2 = coroutine.wrap(function()
  local x = setmetatable({v = 1}, mt) + setmetatable({v = 2}, mt)
  local ok, r = pcall(function() coroutine.yield("in pcall"); return x * 10 end)
  return "done", ok, r
end)
print(co2()); print(co2()); print(co2())

-- close a suspended coroutine with a pending to-be-closed variable
local co3 = coroutine.create(function()
  local x <close> = setmetatable({}, {__close = function() print("closed x") end})
  coroutine.yield(1)
end)
coroutine.resume(co3)
print(coroutine.close(co3), coroutine.status(co3))

-- many coroutines alive at once
local cos = {}
for i = 1, 200 do
  cos[i] = coroutine.create(function(k) local acc = 0; for j = 1, k do acc = acc + coroutine.yield(j) end; return acc end)
  coroutine.resume(cos[i], i % 7 + 1)
end
local total = 0
for round = 1, 8 do
  for i = 1, 200 do
    if coroutine.status(cos[i]) == "suspended" then
      local ok, v = coroutine.resume(cos[i], round)
      if coroutine.status(cos[i]) == "dead" then total = total + v end
    end
  end
end
print("many", total)
