#!/usr/bin/env python3
"""HTTP-level tests of the Lua console server: the API, the interpreter's errors, io.read, sleep
and fetch that wait without holding up the others, streaming, busy loops, interrupts, memory
limits, expiry, and clean stops.

Usage: test_api.py PATH/TO/luaconsole   (exits non-zero if anything failed)
"""
import http.client
import json
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time

SERVER = sys.argv[1]
failures = 0


def check(cond, what):
    global failures
    if cond:
        print("  ok  ", what)
    else:
        failures += 1
        print("  FAIL", what)


class Server:
    def __init__(self, *args):
        self.proc = subprocess.Popen([SERVER, *args, "0"], stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r":(\d+)/$", line.strip())
        if not m:
            raise SystemExit("server did not start: %r" % line)
        self.port = int(m.group(1))

    def request(self, method, path, body=None, timeout=20):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        conn.request(method, path, body=body)
        r = conn.getresponse()
        data = r.read()
        conn.close()
        ctype = r.getheader("Content-Type") or ""
        return r.status, (json.loads(data) if ctype.startswith("application/json") else data)

    def create(self):
        status, data = self.request("POST", "/api/consoles")
        assert status == 201, (status, data)
        return data["id"]

    def eval(self, cid, line, timeout=20):
        return self.request("POST", "/api/consoles/%s/eval" % cid, line.encode(), timeout)

    def output(self, cid):
        return self.request("GET", "/api/consoles/%s/output" % cid)

    def run(self, cid, line, timeout=20):
        """Evaluates a line and follows its output until the console waits for input again."""
        status, data = self.eval(cid, line, timeout)
        if status != 200:
            return (status, data)
        out = data["output"]
        while data["busy"]:
            status, data = self.output(cid)
            out += data["output"]
        return out

    def alive(self):
        return self.request("GET", "/")[0] == 200 and self.proc.poll() is None

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return -1


def timed(fn, *args):
    t = time.monotonic()
    result = fn(*args)
    return result, time.monotonic() - t


def test_basics():
    print("API and the interpreter")
    s = Server()
    try:
        status, page = s.request("GET", "/")
        check(status == 200 and b"console.js" in page and b"Lua" in page, "GET / serves the page")
        check(s.request("GET", "/console.js")[0] == 200, "GET /console.js (the web console's)")
        check(s.request("GET", "/console.css")[0] == 200, "GET /console.css (the web console's)")
        check(s.request("GET", "/nope")[0] == 404, "unknown path 404")
        status, data = s.request("POST", "/api/consoles")
        cid = data["id"]
        check(status == 201 and re.fullmatch(r"[0-9a-f]{32}", cid), "create: 201 with a 128-bit hex id")
        check(data["output"].startswith("Lua 5.4") and data["prompt"] == "> " and not data["busy"],
              "create returns Lua's banner and the prompt")
        check(s.run(cid, "1 + 2") == "3\n", "an expression: 3")
        check(s.run(cid, "x = 10") == "", "a statement prints nothing")
        check(s.run(cid, "x * 2, 'two', nil") == "20\ttwo\tnil\n", "several results, tab-separated")
        check(s.run(cid, "print('héllo ✓')") == "héllo ✓\n", "UTF-8 output")
        check(s.run(cid, "io.write('a', 1, 2.5, '\\n')") == "a12.5\n", "io.write")
        check(s.run(cid, "error('boom')") == "stdin:1: boom\n", "error('boom') is reported")
        check(s.run(cid, "error({})") == "(error object is a table value)\n", "a non-string error")
        check(s.run(cid, "this is not lua") == "stdin:1: syntax error near 'is'\n", "a syntax error")
        check(s.run(cid, "nil + 1").startswith("stdin:1: attempt to perform arithmetic on a nil value"),
              "a runtime error")
        check(s.run(cid, "x") == "10\n", "the console goes on after errors")
        check(s.run(cid, "pcall(error, 'caught')") == "false\tcaught\n", "pcall (setjmp) catches")
        check(s.run(cid, "select(2, xpcall(error, function(m) return 'handled ' .. m end, 'it'))")
              == "handled it\n", "xpcall's handler")
        status, data = s.eval(cid, "function f(n)")
        check(status == 200 and data["prompt"] == ">> ", "an incomplete statement asks for more (>>)")
        s.eval(cid, "  return n * 2")
        check(s.run(cid, "end") == "", "its last line completes it")
        check(s.run(cid, "f(21)") == "42\n", "the function works")
        status, data = s.eval(cid, "name = io.read()")
        check(status == 200 and data["prompt"] == "" and not data["busy"], "io.read waits for a line (prompt '')")
        status, data = s.eval(cid, "Ann")
        check(status == 200 and data["prompt"] == "> ", "the next line goes to io.read")
        check(s.run(cid, "name") == "Ann\n", "io.read returned it")
        s.eval(cid, "n = io.read('n')")
        s.eval(cid, "12.5")
        check(s.run(cid, "n * 2") == "25.0\n", "io.read('n')")
        check(s.run(cid, "os.execute, io.open, require, dofile, debug, string.rep('ab', 2)")
              == "nil\tnil\tnil\tnil\tnil\tabab\n", "no processes, files, modules or debug")
        check("binary" in s.run(cid, "select(2, load(string.dump(function() end)))"),
              "load refuses binary chunks")
        check("finalizers" in s.run(cid, "setmetatable({}, {__gc = print})"), "__gc is refused")
        check(s.run(cid, "getmetatable(setmetatable({}, {__index = {a = 1}})).__index.a") == "1\n",
              "setmetatable otherwise works")
        check(s.run(cid, "coroutine.wrap(function() sleep(10) coroutine.yield(7) end)()") == "7\n",
              "sleep inside a coroutine")
        check(s.run(cid, "(function() local t = {3, 1, 2} table.sort(t, function(a, b) sleep(1) return a < b end) return table.concat(t, ',') end)()")
              == "1,2,3\n", "sleep inside table.sort's comparator")

        other = s.create()
        check(other != cid and s.run(other, "x") == "nil\n", "a second console has its own globals")

        print("bad requests")
        fake = "%032x" % random.getrandbits(128)
        check(s.eval(fake, "1")[0] == 404, "unknown id: 404")
        check(s.eval(cid[:-1], "1")[0] == 404, "short id: 404")
        check(s.request("GET", "/api/consoles/%s/nope" % cid)[0] == 404, "unknown action: 404")
        check(s.request("GET", "/api/consoles/%s/eval" % cid)[0] == 405, "GET eval: 405")
        check(s.eval(cid, "x" * 9000)[0] == 400, "a line over 8 KiB: 400")
        check(s.eval(cid, "1" * 17000)[0] == 413, "a body over 16 KiB: 413")
        check(s.eval(cid, "1\n2")[0] == 400, "two lines in one body: 400")
        sock = socket.create_connection(("127.0.0.1", s.port), timeout=5)
        sock.sendall(b"GET / HTTP/1.1\r\n\r\n")
        check(sock.recv(100).startswith(b"HTTP/1.1 400"), "malformed HTTP (no Host): 400")
        sock.close()

        print("delete")
        third = s.create()
        check(s.request("DELETE", "/api/consoles/%s" % third)[0] == 204, "DELETE: 204")
        check(s.eval(third, "1")[0] == 404, "then its id is 404")
    finally:
        code = s.stop()
    check(code == 0, "SIGTERM: clean exit (status %s)" % code)


def test_waiting():
    print("waiting without holding up the others: sleep, fetch, streaming")
    s = Server()
    try:
        a, b = s.create(), s.create()
        result = {}

        def slow(key, cid, line):
            result[key] = timed(s.run, cid, line)
        th = threading.Thread(target=slow, args=("sleep", a, "sleep(1000) print('woke')"))
        th.start()
        time.sleep(0.1)
        answers = [timed(s.run, b, "%d * 3" % i) for i in range(10)]
        check(all(out == "%d\n" % (i * 3) for i, (out, _) in enumerate(answers)) and
              max(t for _, t in answers) < 0.2 and th.is_alive(),
              "while one console sleeps 1 s, another answers 10 lines (slowest %.1f ms)"
              % (max(t for _, t in answers) * 1000))
        th.join()
        check(result["sleep"][0] == "woke\n" and 0.95 < result["sleep"][1] < 2,
              "the sleeper wakes after %.2f s" % result["sleep"][1])

        out = s.run(a, "fetch(SERVER .. '/api/delay/50')")
        check(out == "waited 50 ms\n\t200\n", "fetch(SERVER .. '/api/delay/50'): body and status")
        th = threading.Thread(target=slow, args=("fetch", a, "#fetch(SERVER .. '/api/delay/800')"))
        th.start()
        time.sleep(0.1)
        _, t = timed(s.run, b, "'quick'")
        th.join()
        check(t < 0.2 and result["fetch"][0] == "14\n" and result["fetch"][1] >= 0.8,
              "while one console fetches (0.8 s), another answers in %.1f ms" % (t * 1000))
        check(s.run(a, "fetch('http://example.com/')").startswith("stdin:1: bad argument #1 to 'fetch' (only this machine"),
              "fetch refuses other hosts")
        out = s.run(a, "fetch('http://127.0.0.1:1/')")
        check(out.startswith("nil\tfetch http://127.0.0.1:1/: Connection refused"), "a refused connection: nil, message")

        print("streaming")
        t0 = time.monotonic()
        status, data = s.eval(a, "for i = 1, 3 do print(i) sleep(300) end")
        t1 = time.monotonic() - t0
        check(status == 200 and data["busy"] and data["output"] == "1\n" and t1 < 0.2,
              "the first line comes at once (%.0f ms), busy" % (t1 * 1000))
        chunks = []
        while data["busy"]:
            status, data = s.output(a)
            chunks.append((data["output"], round(time.monotonic() - t0, 2)))
        check("".join(c for c, _ in chunks) == "2\n3\n" and chunks[0][0] == "2\n" and 0.25 < chunks[0][1] < 0.5,
              "then each as it is printed, by long polls: %s" % chunks)
        check(s.run(a, "for i = 1, 20000 do print(string.rep('x', 70)) end") == ("x" * 70 + "\n") * 20000,
              "1.4 MB of output arrives whole (printing waits while 64 KiB are unread)")
    finally:
        code = s.stop()
    check(code == 0, "clean exit")


def test_runaway():
    print("busy loops, interrupts, memory limits (--reply-wait 300, --memory-limit 8)")
    s = Server("--reply-wait", "300", "--memory-limit", "8")
    try:
        busy, other = s.create(), s.create()
        t = time.monotonic()
        status, data = s.eval(busy, "while true do end")
        check(status == 200 and data["busy"] and 0.25 < time.monotonic() - t < 1,
              "a busy loop: answered busy after --reply-wait")
        check(s.eval(busy, "1")[0] == 409, "a line to the busy console: 409")
        answers = [timed(s.run, other, "%d + 1" % i) for i in range(20)]
        worst = max(t for _, t in answers)
        check(all(out == "%d\n" % (i + 1) for i, (out, _) in enumerate(answers)) and worst < 0.1,
              "another console answers 20 lines meanwhile (slowest %.1f ms)" % (worst * 1000))
        check(s.request("POST", "/api/consoles/%s/interrupt" % busy)[0] == 204, "interrupt: 204")
        status, data = s.output(busy)
        check(data["output"] == "interrupted!\n" and not data["busy"], "the loop stops: interrupted!")
        check(s.run(busy, "1 + 1") == "2\n", "and the console goes on")
        s.eval(busy, "sleep(60000)")
        s.request("POST", "/api/consoles/%s/interrupt" % busy)
        status, data = s.output(busy)
        check(data["output"] == "interrupted!\n", "interrupting a sleep")
        out = s.eval(busy, "select(2, xpcall(error, function(m) while true do end end))")
        check(out[1]["busy"], "an xpcall handler that loops forever")
        check(s.run(other, "'still here'") == "still here\n", "does not hold up the others")
        s.request("POST", "/api/consoles/%s/interrupt" % busy)
        check("interrupted!" in s.output(busy)[1]["output"], "and is interrupted")

        out = s.run(busy, "t = {} for i = 1, 1e8 do t[i] = i end")
        check(out == "not enough memory\n", "allocating without end: not enough memory (8 MiB limit)")
        check(s.run(busy, "#t > 100000") == "true\n", "the console goes on, its table kept")
        check(s.run(busy, "t = nil collectgarbage() return collectgarbage('count') < 1000") == "true\n",
              "and frees it")
        check(s.run(busy, "s = string.rep('x', 100 * 1024 * 1024)") == "not enough memory\n",
              "a 100 MiB string: not enough memory")
        check(s.run(other, "'fine'") == "fine\n", "the other console was not affected")

        th = threading.Thread(target=lambda: result.update(r=s.eval(busy, "while true do end", 20)))
        result = {}
        s.eval(busy, "while true do end")
        t = time.monotonic()
        th = threading.Thread(target=lambda: result.update(r=s.output(busy)))
        th.start()
        time.sleep(0.05)
        check(s.request("DELETE", "/api/consoles/%s" % busy)[0] == 204, "DELETE while a loop runs: 204")
        th.join()
        check(result["r"][1]["closed"] and time.monotonic() - t < 0.3,
              "the waiting request is answered closed: true at once")
        check(s.eval(busy, "1")[0] == 404, "then its id is 404")
        for line in ("while true do pcall(sleep, 1) end",
                     "while true do pcall(function() while true do end end) end"):
            stubborn = s.create()
            s.eval(stubborn, line)
            t = time.monotonic()
            ok = s.request("DELETE", "/api/consoles/%s" % stubborn)[0] == 204
            check(ok and s.eval(stubborn, "1")[0] == 404 and time.monotonic() - t < 0.5 and
                  s.run(other, "'alive'") == "alive\n",
                  "DELETE ends `%s` (every function raises, at every instruction)" % line)
        # Stopped with consoles looping, sleeping and fetching, and requests waiting on them.
        for line in ("while true do end", "sleep(60000)", "fetch(SERVER .. '/api/delay/10000')"):
            s.eval(s.create(), line)
    finally:
        code = s.stop()
    check(code == 0, "SIGTERM with consoles looping, sleeping and fetching: clean exit")


def test_expiry():
    print("idle expiry (--idle-timeout 1), running or not")
    s = Server("--idle-timeout", "1", "--reply-wait", "100")
    try:
        idle, looping, kept = s.create(), s.create(), s.create()
        s.eval(looping, "while true do end")
        for _ in range(6):   # 2.4 s of reading its output keeps `kept` alive
            time.sleep(0.4)
            s.output(kept)
        check(s.eval(idle, "1")[0] == 404, "an idle console expired (404)")
        check(s.output(looping)[0] == 404, "a looping console left alone expired too")
        check(s.run(kept, "2 + 2") == "4\n", "a console read every 0.4 s is kept")
    finally:
        code = s.stop()
    check(code == 0, "clean exit")


def test_capacity():
    print("--max-consoles 2")
    s = Server("--max-consoles", "2")
    try:
        ids = [s.create() for _ in range(2)]
        check(s.request("POST", "/api/consoles")[0] == 503, "the third console: 503")
        s.request("DELETE", "/api/consoles/%s" % ids[0])
        check(s.request("POST", "/api/consoles")[0] == 201, "after a delete, room again")
    finally:
        code = s.stop()
    check(code == 0, "clean exit")


test_basics()
test_waiting()
test_runaway()
test_expiry()
test_capacity()
print("%d failure(s)" % failures)
sys.exit(1 if failures else 0)
