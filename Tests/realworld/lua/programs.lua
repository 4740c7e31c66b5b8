-- Small programs: recursion (fib, ackermann), an n-queens solver, a tiny expression parser and
-- evaluator, a JSON-like serializer with sorted keys, load() of generated code.
local function fib(n) if n < 2 then return n end; return fib(n - 1) + fib(n - 2) end
print("fib", fib(20))
local function ack(m, n)
  if m == 0 then return n + 1 elseif n == 0 then return ack(m - 1, 1) else return ack(m - 1, ack(m, n - 1)) end
end
print("ack", ack(2, 3), ack(3, 3))
local function queens(n)
  local count, cols = 0, {}
  local function ok(r, c)
    for pr = 1, r - 1 do
      local pc = cols[pr]
      if pc == c or math.abs(pc - c) == r - pr then return false end
    end
    return true
  end
  local function place(r)
    if r > n then count = count + 1; return end
    for c = 1, n do if ok(r, c) then cols[r] = c; place(r + 1) end end
  end
  place(1)
  return count
end
print("queens", queens(6), queens(7))
local function parse(src)
  local pos = 1
  local function skip() pos = src:find("%S", pos) or #src + 1 end
  local expr
  local function atom()
    skip()
    local num = src:match("^%d+", pos)
    if num then pos = pos + #num; return tonumber(num) end
    if src:sub(pos, pos) == "(" then pos = pos + 1; local v = expr(); skip(); pos = pos + 1; return v end
    error("unexpected '" .. src:sub(pos, pos) .. "' at " .. pos)
  end
  local function term()
    local v = atom()
    while true do
      skip()
      local op = src:sub(pos, pos)
      if op == "*" then pos = pos + 1; v = v * atom() elseif op == "/" then pos = pos + 1; v = v // atom() else return v end
    end
  end
  function expr()
    local v = term()
    while true do
      skip()
      local op = src:sub(pos, pos)
      if op == "+" then pos = pos + 1; v = v + term() elseif op == "-" then pos = pos + 1; v = v - term() else return v end
    end
  end
  return expr()
end
print("parse", parse("1 + 2 * (3 + 4) - 10 / 3"), pcall(parse, "1 + ?"))
local function ser(v, out)
  local ty = type(v)
  if ty == "table" then
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = k end
    table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
    out[#out + 1] = "{"
    for i, k in ipairs(keys) do
      if i > 1 then out[#out + 1] = "," end
      out[#out + 1] = string.format("%q:", tostring(k)); ser(v[k], out)
    end
    out[#out + 1] = "}"
  elseif ty == "string" then out[#out + 1] = string.format("%q", v)
  else out[#out + 1] = tostring(v) end
  return out
end
print(table.concat(ser({a = 1, b = {c = true, d = {1, 2, 3}}, e = "x\ty"}, {})))
local src = {}
for i = 1, 50 do src[#src + 1] = "local v" .. i .. " = " .. i .. " * 2" end
src[#src + 1] = "return v1 + v25 + v50"
print("load", load(table.concat(src, "\n"))())
print(load("syntax error here"))
print(pcall(load("local t = {} ; return t.x.y")))
local env = {print = print, x = 5}
print(load("x = x + 1; return x", "chunk", "t", env)(), env.x)
print(string.dump and #string.dump(function() return 1 end) > 0)
