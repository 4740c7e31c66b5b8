-- The string library: patterns, gsub with functions and tables, format, pack/unpack, utf8.
local text = "The quick brown fox jumps over the lazy dog; 12 foxes, 3 dogs, 1997-08-29."
for w in text:gmatch("%a+") do io.write(w:sub(1, 1)) end
print()
print(text:gsub("%d+", function(d) return "<" .. (tonumber(d) * 2) .. ">" end))
print(text:gsub("(%w+) (%w+)", "%2 %1", 3))
print(text:gsub("%a+", {fox = "cat", dog = "mouse"}))
print(text:find("fox"), text:find("f(o)x"), text:match("(%d+)-(%d+)-(%d+)"))
print(("  trim me  "):match("^%s*(.-)%s*$") .. "|")
print(string.format("%-10s|%10.4f|%+d|%e|%g|%o|%X|%c%c%c", "left", 1 / 3, 5, 12345.678, 0.0001, 8, 48879, 76, 117, 97))
print(string.format("%q", 1 / 0), string.format("%q", math.mininteger), string.format("%a", 1.0))
local packed = string.pack("<i4 >i8 z s1 d", -2, 1 << 40, "zero", "len", 2.5)
print(#packed, string.unpack("<i4 >i8 z s1 d", packed))
print(utf8.char(72, 228, 8364, 128512), utf8.len("häl€"), #utf8.char(128512))
for p, c in utf8.codes("aé€") do io.write(p, ":", c, " ") end
print()
print(("abc"):rep(3, "-"), ("hello"):byte(1, -1))
print(string.char(104, 105), ("x"):rep(0), ("%d"):format(3))
local parts = {}
for k, v in string.gmatch("a=1, b=2, c=3", "(%w+)=(%w+)") do parts[#parts + 1] = k .. v end
print(table.concat(parts, "+"))
print(tostring(12345678901234567890), 0x7fffffffffffffff + 1 == math.mininteger, 3 | 5, 6 & 3, 5 ~ 1, ~0, 1 << 62, 256 >> 4)
print(math.floor(-3.5), math.ceil(-3.5), math.fmod(7, 3), math.abs(-2^63), math.tointeger(3.0), math.ult(1, -1))
print(tonumber("0x1p4"), tonumber("  10  "), tonumber("10", 2), tonumber("zz", 36), tonumber("1e2"), tonumber("nope"))
