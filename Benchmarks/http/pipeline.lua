-- pipeline.lua: wrk sends `depth` requests per write (wrk ... -s pipeline.lua -- PATH DEPTH), so
-- that the load generator's cost per request drops and the server, not wrk, is the limit.
init = function(args)
    local path = args[1] or "/"
    local depth = tonumber(args[2] or "16")
    local r = {}
    for i = 1, depth do
        r[i] = wrk.format(nil, path)
    end
    req = table.concat(r)
end

request = function()
    return req
end
