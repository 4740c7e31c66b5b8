#!/usr/bin/env python3
"""check.py: checks an HTTP server of Benchmarks/http against the contract (see http_common.h).

Usage: check.py SERVER-COMMAND...   starts it on port 0, reads "listening on <port>", runs the
checks, stops it. Prints one line per failed check and a summary; exit status 1 on a failure.
"""
import re
import socket
import subprocess
import sys
import time

PAGE_H = __file__.rsplit("/", 3)[0] + "/Samples/greensock/page.h"


def page_bytes():
    text = open(PAGE_H).read()
    body = re.split(r"\"\s*;", text.split("http_page[] =", 1)[1], 1)[0] + "\""
    return "".join(eval(s) for s in re.findall(r'"(?:[^"\\]|\\.)*"', body)).encode()


class Conn:
    def __init__(self, port):
        self.s = socket.create_connection(("127.0.0.1", port), timeout=5)
        self.buf = b""

    def send(self, data):
        self.s.sendall(data)

    def response(self):
        """(status, headers dict lowercased, body), or None at end of file."""
        while b"\r\n\r\n" not in self.buf:
            d = self.s.recv(65536)
            if not d:
                return None
            self.buf += d
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        lines = head.decode().split("\r\n")
        status = lines[0]
        headers = {}
        for l in lines[1:]:
            k, v = l.split(":", 1)
            headers[k.strip().lower()] = v.strip()
        n = int(headers["content-length"])
        while len(self.buf) < n:
            d = self.s.recv(65536)
            if not d:
                break
            self.buf += d
        body, self.buf = self.buf[:n], self.buf[n:]
        return status, headers, body

    def closed(self):
        """True when the server closes the connection (after what was already read)."""
        try:
            while True:
                d = self.s.recv(65536)
                if not d:
                    return True
                self.buf += d
        except socket.timeout:
            return False
        except ConnectionResetError:
            return True


failures = []


def expect(name, cond, detail=""):
    if not cond:
        failures.append(name)
        print(f"FAIL {name} {detail}")


def hello(name, n):
    return f"Hello, {name}! (request {n} on this connection)\n".encode()


def main():
    proc = subprocess.Popen(sys.argv[1:] + ["0"], stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    m = re.match(r"listening on (\d+)$", line.strip())
    if not m:
        print(f"FAIL first line: {line!r}")
        proc.kill()
        return 1
    port = int(m.group(1))
    try:
        run(port)
    finally:
        proc.kill()
        proc.wait()
    print(f"{sys.argv[1]}: {'ok' if not failures else str(len(failures)) + ' failed'}")
    return 1 if failures else 0


def run(port):
    page = page_bytes()
    ka = "keep-alive"

    c = Conn(port)
    c.send(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    st, h, b = c.response()
    expect("GET / status", st == "HTTP/1.1 200 OK", st)
    expect("GET / type", h.get("content-type") == "text/html; charset=utf-8", h)
    expect("GET / body", b == page)
    expect("GET / keep-alive", h.get("connection") == ka, h)
    c.send(b"GET /hello?name=bench HTTP/1.1\r\nHost: x\r\n\r\n")
    st, h, b = c.response()
    expect("hello status", st == "HTTP/1.1 200 OK", st)
    expect("hello type", h.get("content-type") == "text/plain; charset=utf-8", h)
    expect("hello body (request 2)", b == hello("bench", 2), b)
    c.send(b"GET /hello HTTP/1.1\r\n\r\n")
    expect("no name: world", c.response()[2] == hello("world", 3))
    c.send(b"GET /hello?x=1&name=A-z_09&name=other HTTP/1.1\r\n\r\n")
    expect("first name parameter", c.response()[2] == hello("A-z_09", 4))
    c.send(b"GET /hello?name=" + b"n" * 64 + b" HTTP/1.1\r\n\r\n")
    expect("64-byte name", c.response()[2] == hello("n" * 64, 5))
    n = 5
    for bad in [b"n" * 65, b"", b"a%20b", b"a.b", b"caf\xc3\xa9"]:
        c.send(b"GET /hello?name=" + bad + b" HTTP/1.1\r\n\r\n")
        st, h, b = c.response()
        n += 1
        expect(f"bad name {bad!r}: 400", st.startswith("HTTP/1.1 400") and b == b"bad request\n", (st, b))
        expect(f"bad name {bad!r}: the connection goes on", h.get("connection") == ka, h)
    c.send(b"GET /hello?name=ok HTTP/1.1\r\n\r\n")
    n += 1
    expect("after bad names, N counts them", c.response()[2] == hello("ok", n))
    for path in [b"/nope", b"/hello/", b"/index.html", b"/helloo"]:
        c.send(b"GET " + path + b" HTTP/1.1\r\n\r\n")
        st, h, b = c.response()
        expect(f"404 {path!r}", st.startswith("HTTP/1.1 404") and b == b"not found\n", (st, b))
        expect(f"404 {path!r} keeps the connection", h.get("connection") == ka, h)
    c.send(b"POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc")
    st, h, b = c.response()
    expect("POST / is 404", st.startswith("HTTP/1.1 404"), st)

    # Pipelining: three requests in one send, and a body in the middle to discard.
    c = Conn(port)
    c.send(b"GET /hello?name=a HTTP/1.1\r\n\r\nGET /hello?name=b HTTP/1.1\r\nContent-Length: 7\r\n\r\n"
           b"GET /x\nGET /hello?name=c HTTP/1.1\r\n\r\n")
    got = [c.response()[2] for _ in range(3)]
    expect("pipelined", got == [hello("a", 1), hello("b", 2), hello("c", 3)], got)
    # Many pipelined at once: more output than one socket buffer, read after sending all.
    reqs = b"GET / HTTP/1.1\r\n\r\n" * 2000
    c.send(reqs)
    ok = all(c.response()[2] == page for _ in range(2000))
    expect("2000 pipelined GET /", ok)
    # A head and a body split byte by byte.
    c = Conn(port)
    for ch in b"GET /hello?name=slow HTTP/1.1\r\nContent-Length: 4\r\n\r\nbody":
        c.send(bytes([ch]))
        time.sleep(0.001)
    c.send(b"GET /hello?name=slow HTTP/1.1\r\n\r\n")
    got = [c.response()[2] for _ in range(2)]
    expect("split head and body", got == [hello("slow", 1), hello("slow", 2)], got)

    # Connection handling.
    c = Conn(port)
    c.send(b"GET /hello HTTP/1.1\r\nConnection: close\r\n\r\n")
    st, h, b = c.response()
    expect("Connection: close answered", h.get("connection") == "close" and b == hello("world", 1), h)
    expect("Connection: close closes", c.closed())
    c = Conn(port)
    c.send(b"GET /hello HTTP/1.1\r\nConnection: Upgrade, CLOSE\r\n\r\n")
    st, h, b = c.response()
    expect("Connection token list, any case", h.get("connection") == "close" and c.closed(), h)
    c = Conn(port)
    c.send(b"GET /hello HTTP/1.0\r\n\r\n")
    st, h, b = c.response()
    expect("HTTP/1.0 closes", h.get("connection") == "close" and c.closed(), h)
    c = Conn(port)
    c.send(b"GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
    st, h, b = c.response()
    expect("HTTP/1.0 keep-alive", h.get("connection") == ka, h)
    c.send(b"GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
    expect("HTTP/1.0 keep-alive, request 2", c.response()[2] == hello("world", 2))

    # 400 and close.
    bad_requests = {
        "garbage": b"GARBAGE\r\n\r\n",
        "no version": b"GET /\r\n\r\n",
        "HTTP/2.0": b"GET / HTTP/2.0\r\n\r\n",
        "bare LF": b"GET / HTTP/1.1\nHost: x\r\n\r\n",
        "bare LF only": b"GET / HTTP/1.1\n\n",
        "header without colon": b"GET / HTTP/1.1\r\nHost x\r\n\r\n",
        "space before colon": b"GET / HTTP/1.1\r\nHost : x\r\n\r\n",
        "bad Content-Length": b"GET / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n",
        "chunked": b"GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "head over 8 KiB": b"GET / HTTP/1.1\r\nX-Long: " + b"a" * 9000 + b"\r\n\r\n",
        "head over 8 KiB, unfinished": b"GET / HTTP/1.1\r\nX-Long: " + b"a" * 9000,
    }
    for name, req in bad_requests.items():
        c = Conn(port)
        c.send(req)
        r = c.response()
        expect(f"400 {name}", r and r[0].startswith("HTTP/1.1 400") and r[2] == b"bad request\n", r)
        expect(f"400 {name}: Connection: close", r and r[1].get("connection") == "close", r)
        expect(f"400 {name}: closes", c.closed())
    # A head of exactly 8 KiB is accepted.
    base = b"GET / HTTP/1.1\r\nX-Pad: \r\n\r\n"
    c = Conn(port)
    c.send(base.replace(b"X-Pad: ", b"X-Pad: " + b"a" * (8192 - len(base))))
    r = c.response()
    expect("8 KiB head accepted", r and r[0] == "HTTP/1.1 200 OK", r)
    # After a 400, a good request on another connection still works (the server lives).
    c = Conn(port)
    c.send(b"GET /hello?name=after HTTP/1.1\r\n\r\n")
    expect("server alive", c.response()[2] == hello("after", 1))


if __name__ == "__main__":
    sys.exit(main())
