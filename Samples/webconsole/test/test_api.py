#!/usr/bin/env python3
"""HTTP-level tests of the web console server: the API, errors, limits, expiry, runaway lines.

Usage: test_api.py PATH/TO/webconsole   (exits non-zero on the first failure)
"""
import http.client
import json
import os
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

    def request(self, method, path, body=None, timeout=10):
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

    def eval(self, cid, line, timeout=10):
        return self.request("POST", "/api/consoles/%s/eval" % cid, line.encode(), timeout)

    def out(self, cid, line):
        status, data = self.eval(cid, line)
        return data["output"] if status == 200 else (status, data)

    def raw(self, payload, timeout=5):
        """Sends bytes on a fresh connection; returns the status of the first response (0 if
        none) and whether the server closed the connection after it."""
        s = socket.create_connection(("127.0.0.1", self.port), timeout=timeout)
        s.sendall(payload)
        data = b""
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        except socket.timeout:
            pass
        s.close()
        m = re.match(rb"HTTP/1\.1 (\d{3}) ", data)
        return (int(m.group(1)) if m else 0), data

    def alive(self):
        return self.request("GET", "/")[0] == 200 and self.proc.poll() is None

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return -1


def test_basics():
    print("API basics")
    s = Server()
    try:
        status, page = s.request("GET", "/")
        check(status == 200 and b"console.js" in page, "GET / serves the page")
        check(s.request("GET", "/console.js")[0] == 200, "GET /console.js")
        check(s.request("GET", "/console.css")[0] == 200, "GET /console.css")
        check(s.request("GET", "/nope")[0] == 404, "unknown path 404")
        check(s.request("GET", "/../../etc/passwd")[0] == 404, "no path traversal")
        status, data = s.request("POST", "/api/consoles")
        cid = data["id"]
        check(status == 201 and re.fullmatch(r"[0-9a-f]{32}", cid), "create: 201 with a 128-bit hex id")
        check("type help" in data["output"], "create returns the banner")
        check(s.out(cid, "x = 3") == "", "assignment prints nothing")
        check(s.out(cid, "x * 2") == "6\n", "variable persists: x * 2 = 6")
        check(s.out(cid, "def f(a, b) = a*b + 1") == "defined f(a, b)\n", "def f(a, b)")
        check(s.out(cid, "f(x, 2)") == "7\n", "f(x, 2) = 7")
        check(s.out(cid, "-2^2 + 2^3^2 + 7 % 3") == "509\n", "precedence: -2^2 + 2^3^2 + 7 % 3 = 509")
        check(s.out(cid, "(1 + 2) * 3 == 9") == "1\n", "parentheses and comparison")
        check(s.out(cid, "if(x > 2, sqrt(16), abs(-1))") == "4\n", "if, sqrt, abs")
        check(s.out(cid, "_ + 1") == "5\n", "_ is the last result")
        check(s.out(cid, "") == "", "an empty line prints nothing")
        check(s.out(cid, "1/0") == "error: division by zero\n", "division by zero is console output")
        check(s.out(cid, "y + 1") == "error: unknown name 'y'\n", "unknown name")
        check(s.out(cid, "f(1)") == "error: f takes 2 arguments, not 1\n", "wrong arity")
        check(s.out(cid, "g(1)") == "error: unknown function 'g'\n", "unknown function")
        check(s.out(cid, "(1 + ").startswith("error: syntax"), "syntax error")
        check(s.out(cid, "3 $ 4") == "error: syntax: unexpected '$' at column 3\n", "bad character")
        check(s.out(cid, "def loop(n) = loop(n+1)") == "defined loop(n)\n", "def loop")
        check(s.out(cid, "loop(0)") == "error: recursion too deep (more than 200 nested calls)\n",
              "deep recursion stopped with an error")
        check(s.out(cid, "x") == "3\n", "the console goes on after errors")

        print("two consoles are independent")
        other = s.create()
        check(other != cid, "a second console has another id")
        check(s.out(other, "x") == "error: unknown name 'x'\n", "the second console has no x")
        check(s.out(other, "x = 10") == "" and s.out(cid, "x") == "3\n", "each has its own x")
        s.eval(cid, "1234567")   # output taken by this response; nothing left for anyone
        status, data = s.request("GET", "/api/consoles/%s/output" % other)
        check(status == 200 and data["output"] == "" and not data["busy"],
              "reading another console's output shows only its own (empty)")

        print("bad ids")
        fake = "%032x" % random.getrandbits(128)
        check(s.eval(fake, "1")[0] == 404, "unknown id: 404")
        check(s.eval(cid[:-1], "1")[0] == 404, "short id: 404")
        check(s.eval(cid.upper(), "1")[0] == 404, "upper-case id: 404")
        check(s.request("GET", "/api/consoles/%s/nope" % cid)[0] == 404, "unknown action: 404")
        check(s.request("GET", "/api/consoles/%s/eval" % cid)[0] == 405, "GET eval: 405")
        check(s.request("GET", "/api/consoles")[0] == 405, "GET /api/consoles: 405")

        print("limits")
        check(s.eval(cid, "1+" * 600 + "1")[0] == 400, "a line over 1024 bytes: 400")
        check(s.out(cid, "1+" * 500 + "1") == "501\n", "a line of 1001 bytes is fine")
        check(s.eval(cid, "1" * 5000)[0] == 413, "a body over 4 KiB: 413")
        check(s.eval(cid, "1\n2")[0] == 400, "two lines in one body: 400")
        check(s.eval(cid, "1\x00")[0] == 400, "a NUL in the line: 400")
        check(s.out(cid, "2 + 2\n") == "4\n", "a trailing newline is accepted")
        check(s.out(cid, "(" * 70 + "1" + ")" * 70).startswith("error: expression nested too deeply"),
              "nesting limit")

        print("malformed HTTP")
        cases = [
            (b"GARBAGE\r\n\r\n", 400, "no target"),
            (b"GET / HTTP/1.1\r\n\r\n", 400, "HTTP/1.1 without Host"),
            (b"GET / HTTP/1.1\nHost: x\n\n", 400, "bare LF line ends"),
            (b"GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505, "HTTP/2.0"),
            (b"GET / FOO/1.1\r\nHost: x\r\n\r\n", 400, "not HTTP"),
            (b"GET noslash HTTP/1.1\r\nHost: x\r\n\r\n", 400, "target without /"),
            (b"POST /api/consoles HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
             501, "Transfer-Encoding"),
            (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", 400,
             "two Content-Lengths"),
            (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400, "negative length"),
            (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n", 413,
             "huge length"),
            (b"GET / HTTP/1.1\r\nHost: x\r\nX: " + b"a" * 9000 + b"\r\n\r\n", 431, "header over 8 KiB"),
            (b"GET / HTTP/1.1\r\nHost: x\r\n" + b"X: y\r\n" * 40 + b"\r\n", 431, "too many headers"),
            (b"GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", 400, "obsolete line folding"),
            (b"GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400, "blank before the colon"),
            (b"GET /\x01 HTTP/1.1\r\nHost: x\r\n\r\n", 400, "control byte in the target"),
            (b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 400, "a TLS hello"),
        ]
        for payload, want, what in cases:
            status, data = s.raw(payload)
            check(status == want and b"Connection: close" in data, "%s: %d, then close" % (what, want))
        rng = random.Random(7)
        for _ in range(200):
            n = rng.randrange(1, 300)
            junk = bytes(rng.randrange(256) for _ in range(n))
            if rng.random() < 0.5:
                junk = b"POST /api/consoles/%s/eval HTTP/1.1\r\n" % cid.encode() + junk
            s.raw(junk + b"\r\n\r\n", timeout=2)
        check(s.alive(), "200 random requests: the server is still alive")
        check(s.out(cid, "x") == "3\n", "and the console still answers")

        print("keep-alive and pipelining")
        body = b"40 + 2"
        req = (b"POST /api/consoles/%s/eval HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n%s"
               % (cid.encode(), len(body), body))
        status, data = s.raw(req * 3 + b"GET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        check(data.count(b'"output": "42\\n"') == 3 and data.count(b"HTTP/1.1 404") == 1,
              "three pipelined evals and a 404 on one connection")

        print("quit and delete")
        check(s.eval(other, "quit") == (200, {"output": "bye\n", "busy": False, "closed": True}),
              "quit ends the console (closed: true)")
        check(s.eval(other, "1")[0] == 404, "then its id is 404")
        third = s.create()
        check(s.request("DELETE", "/api/consoles/%s" % third)[0] == 204, "DELETE: 204")
        check(s.eval(third, "1")[0] == 404, "then its id is 404")
    finally:
        code = s.stop()
    check(code == 0, "SIGTERM: clean exit (status %s)" % code)


def test_expiry():
    print("idle expiry (--idle-timeout 1)")
    s = Server("--idle-timeout", "1")
    try:
        idle = s.create()
        kept = s.create()
        check(s.out(idle, "1 + 1") == "2\n", "a fresh console answers")
        for _ in range(5):   # 2 s of reading the output keeps `kept` alive
            time.sleep(0.4)
            s.request("GET", "/api/consoles/%s/output" % kept)
        check(s.eval(idle, "1")[0] == 404, "idle for 2 s: expired (404)")
        check(s.out(kept, "2 + 2") == "4\n", "a console read every 0.4 s is kept")
        time.sleep(1.6)
        check(s.eval(kept, "1")[0] == 404, "then left alone: expired too")
    finally:
        code = s.stop()
    check(code == 0, "clean exit")


def test_runaway():
    print("runaway lines (--step-budget 300000000)")
    s = Server("--step-budget", "300000000")
    try:
        slow, fast = s.create(), s.create()
        s.out(slow, "def fib(n) = if(n < 2, n, fib(n-1) + fib(n-2))")
        result = {}

        def run():
            t = time.monotonic()
            result["slow"] = s.eval(slow, "fib(40)", timeout=60)
            result["seconds"] = time.monotonic() - t
        th = threading.Thread(target=run)
        th.start()
        time.sleep(0.2)
        # A tasklet that only computes and yields must not hold up the others' I/O.
        worst = 0.0
        for i in range(20):
            t = time.monotonic()
            ok = s.out(fast, "%d * 2" % i) == "%d\n" % (i * 2)
            worst = max(worst, time.monotonic() - t)
            if not ok:
                break
        still = th.is_alive()
        check(ok, "another console answers while the runaway line runs")
        check(worst < 0.25, "20 lines there: the slowest answer took %.1f ms (< 250)" % (worst * 1000))
        check(still, "the runaway line was still running meanwhile")
        t = time.monotonic()
        status = s.eval(slow, "1")[0]
        check(status == 409 and time.monotonic() - t < 0.25, "a second line to the busy console: 409 at once")
        th.join()
        status, data = result["slow"]
        check(status == 200 and data["output"] ==
              "error: stopped: the line took more than 300000000 evaluation steps\n",
              "the runaway line is stopped after its budget (%.2f s)" % result["seconds"])
        check(s.out(slow, "fib(15)") == "610\n", "and its console goes on")

        # Deleted while a line runs: the console's tasklet is killed in its yield, and the
        # request waiting for the line's output is answered at once.
        th = threading.Thread(target=run)
        th.start()
        time.sleep(0.2)
        t = time.monotonic()
        check(s.request("DELETE", "/api/consoles/%s" % slow)[0] == 204, "DELETE while a line runs: 204")
        th.join()
        check(result["slow"] == (200, {"output": "", "busy": False, "closed": True}) and
              time.monotonic() - t < 0.25, "the waiting request is answered closed: true at once")
        check(s.eval(slow, "1")[0] == 404, "then its id is 404")

        # Stopped while a line runs and a request waits on it: still a clean exit (no leak
        # under ASan).
        s.out(fast, "def fib(n) = if(n < 2, n, fib(n-1) + fib(n-2))")

        def waiter():
            try:
                result["last"] = s.eval(fast, "fib(40)", timeout=60)
            except (http.client.HTTPException, OSError) as e:   # closed by the stop: expected
                result["last"] = e
        th = threading.Thread(target=waiter)
        th.start()
        time.sleep(0.2)
    finally:
        code = s.stop()
    th.join()
    check(code == 0 and isinstance(result.get("last"), Exception),
          "SIGTERM while a line runs: its request is closed, clean exit")


def test_reply_wait():
    print("a line still running after --reply-wait 200 ms is answered busy, then polled")
    s = Server("--step-budget", "300000000", "--reply-wait", "200")
    try:
        cid = s.create()
        s.out(cid, "def fib(n) = if(n < 2, n, fib(n-1) + fib(n-2))")
        t = time.monotonic()
        status, data = s.eval(cid, "fib(40)")
        check(status == 200 and data["busy"] and time.monotonic() - t < 1,
              "answered busy after %.0f ms" % ((time.monotonic() - t) * 1000))
        output = ""
        for _ in range(200):
            time.sleep(0.1)
            status, data = s.request("GET", "/api/consoles/%s/output" % cid)
            output += data["output"]
            if not data["busy"]:
                break
        check(output == "error: stopped: the line took more than 300000000 evaluation steps\n",
              "polling /output brings the line's output, then busy: false")
        check(s.out(cid, "fib(10)") == "55\n", "and the console goes on")
    finally:
        code = s.stop()
    check(code == 0, "clean exit")


def test_capacity():
    print("--max-consoles 3")
    s = Server("--max-consoles", "3")
    try:
        ids = [s.create() for _ in range(3)]
        check(s.request("POST", "/api/consoles")[0] == 503, "the fourth console: 503")
        s.eval(ids[0], "quit")
        check(s.request("POST", "/api/consoles")[0] == 201, "after a quit, room again")
    finally:
        code = s.stop()
    check(code == 0, "clean exit")


test_basics()
test_expiry()
test_runaway()
test_reply_wait()
test_capacity()
print("%d failure(s)" % failures)
sys.exit(1 if failures else 0)
