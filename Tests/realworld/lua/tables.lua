-- Tables: sort with comparators (C calling Lua), insert/remove/move, next, length with holes
-- avoided, weak tables and finalizers after a full collection, a sieve and a word count.
local t = {}
for i = 1, 500 do t[i] = (i * 7919) % 1009 end
table.sort(t)
print(t[1], t[250], t[500])
table.sort(t, function(a, b) return a > b end)
print(t[1], t[250], t[500])
local names = {"delta", "alpha", "charlie", "bravo", "echo"}
table.sort(names, function(a, b) return #a < #b or (#a == #b and a < b) end)
print(table.concat(names, " "))
table.insert(names, 1, "zulu"); table.insert(names, "yankee"); print(table.remove(names, 2), table.remove(names), #names)
print(table.concat(table.move({1, 2, 3, 4, 5}, 2, 4, 1), ","))
print(table.unpack({1, 2, 3}, 2))
local sieve, primes = {}, {}
for i = 2, 3000 do
  if not sieve[i] then primes[#primes + 1] = i; for j = i * i, 3000, i do sieve[j] = true end end
end
print("primes", #primes, primes[#primes])
local counts = {}
local words = "the cat and the hat and the bat sat on the mat"
for w in words:gmatch("%a+") do counts[w] = (counts[w] or 0) + 1 end
local keys = {}
for k in pairs(counts) do keys[#keys + 1] = k end
table.sort(keys)
for _, k in ipairs(keys) do io.write(k, "=", counts[k], " ") end
print()
local finalized = 0
do
  for i = 1, 50 do setmetatable({}, {__gc = function() finalized = finalized + 1 end}) end
end
collectgarbage(); collectgarbage()
print("finalized", finalized)
local weak = setmetatable({}, {__mode = "k"})
do for i = 1, 10 do weak[{}] = i end end
collectgarbage()
local n = 0
for _ in pairs(weak) do n = n + 1 end
print("weak", n)
local big = {}
for i = 1, 20000 do big[i] = {i, tostring(i)} end
local s = 0
for i = 1, #big, 3 do s = s + big[i][1] + #big[i][2] end
print("big", s, collectgarbage("count") > 0)
