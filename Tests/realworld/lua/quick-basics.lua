-- Closures, tables, strings, integers and floats, goto, varargs, metatables.
local function counter()
  local n = 0
  return function(k) n = n + (k or 1); return n end
end
local c = counter()
c(); c(5)
print("counter", c())

local t = {}
for i = 1, 20 do t[i] = i * i end
print("sum", (function(...) local s = 0; for _, v in ipairs({...}) do s = s + v end; return s end)(table.unpack(t)))
print("concat", table.concat(t, ",", 1, 8))
print("int/float", 7 // 2, 7 / 2, 7 % -3, -7 // 2, 2^10, math.type(1), math.type(1.0), 1e15 + 0.5)
print("string", ("hello"):upper(), #"stackless", ("a,b,,c"):gsub(",", ";"))
print("format", string.format("%5d|%-5s|%.3f|%x|%q", 42, "ab", math.pi, 255, "a\nb"))

local V = {}
V.__index = V
V.__add = function(a, b) return setmetatable({x = a.x + b.x, y = a.y + b.y}, V) end
V.__tostring = function(v) return "(" .. v.x .. "," .. v.y .. ")" end
V.__eq = function(a, b) return a.x == b.x and a.y == b.y end
local function vec(x, y) return setmetatable({x = x, y = y}, V) end
print("meta", tostring(vec(1, 2) + vec(3, 4)), vec(1, 1) == vec(1, 1))

for i = 1, 3 do
  for j = 1, 3 do
    if i * j == 4 then goto done end
  end
end
::done::
print("goto ok")

local ok, err = pcall(function() local x = nil; return x.field end)
print("pcall", ok, err)
print("select", select("#", 1, nil, 3), select(2, "a", "b", "c"))
local co = coroutine.wrap(function(a) local b = coroutine.yield(a + 1); return b * 2 end)
print("coroutine", co(1), co(10))
