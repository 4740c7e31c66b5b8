"""Python's greenlet package (stack copying under CPython), as a reference point.

The same workloads as the C peers, in Python: each level of the recursion is a Python call with
a few live locals (CPython >= 3.11 does not grow the C stack for Python-to-Python calls, so
greenlet copies less than its depth suggests). Usage: bench_greenlet.py all | memory N
Prints `R <workload> <param> <value>` lines, as the C peers do.
"""
import collections
import os
import sys
import time

import greenlet

sys.setrecursionlimit(10000)
TARGET = float(os.environ.get("BENCH_SECONDS", "0.2")) or 0.2

root = greenlet.getcurrent()
coro = [None, None]
state = {"stop": False, "coro_mode": False, "remaining": 0}


def result(workload, param, value):
    print(f"R {workload} {param} {value:.4f}", flush=True)


def calibrated(loop, start_n=1000):
    """ns per unit of loop(n), with n calibrated so that a run lasts about TARGET seconds."""
    n = start_n
    loop(n)
    while True:
        t0 = time.thread_time()
        loop(n)
        t = time.thread_time() - t0
        if t >= TARGET / 4:
            n = max(1, int(n * TARGET / t)) if t > 0 else n * 4
            t0 = time.thread_time()
            loop(n)
            return (time.thread_time() - t0) * 1e9 / n
        n *= 4


def bottom(ident):
    n = 0
    root.switch()  # parked at the bottom: ready
    while not state["stop"]:
        if state["coro_mode"]:
            state["remaining"] -= 1
            if state["remaining"] >= 0:
                coro[1 - ident].switch()
            else:
                root.switch()
        else:
            root.switch()
        n += 1
    return n


def descend(depth, ident, a, b):
    x = a * 3 + depth
    y = b ^ depth
    z = x - y
    r = descend(depth - 1, ident, x, y) if depth > 1 else bottom(ident)
    return (r ^ x) + y * z


def root_loop(n):
    c0, c1 = coro
    for _ in range(0, n, 4):
        c0.switch()
        c1.switch()


def coro_loop(n):
    state["remaining"] = n
    coro[0].switch()


def switches(depth):
    for mode in (0, 1):
        state["stop"] = False
        state["coro_mode"] = False
        for i in (0, 1):
            coro[i] = greenlet.greenlet(lambda i=i: descend(depth, i, i, 7))
            coro[i].switch()
        state["coro_mode"] = bool(mode)
        ns = calibrated(coro_loop if mode else root_loop)
        result("switch_coro" if mode else "switch_root", depth, ns)
        state["stop"] = True
        state["coro_mode"] = False
        for i in (0, 1):
            while not coro[i].dead:
                coro[i].switch()


def finish_at_once():
    return 1


def create_loop(n):
    g = greenlet.greenlet
    for _ in range(n):
        g(finish_at_once).switch()


class Channel:
    """The semantics of common/pingpong.h (this project's channels with their default
    preference): a send to a waiting receiver runs it at once; a blocked task switches to the
    next runnable one, or back to the root."""

    __slots__ = ("waiter", "sending", "value")

    def __init__(self):
        self.waiter = None
        self.sending = False
        self.value = None


runq = collections.deque()


def block():
    return (runq.popleft() if runq else root).switch()


def send(c, value):
    if c.waiter is not None and not c.sending:
        r = c.waiter
        c.waiter = None
        runq.append(greenlet.getcurrent())
        r.switch(value)
        return
    c.waiter = greenlet.getcurrent()
    c.sending = True
    c.value = value
    block()


def receive(c):
    if c.waiter is not None and c.sending:
        runq.append(c.waiter)
        c.waiter = None
        return c.value
    c.waiter = greenlet.getcurrent()
    c.sending = False
    return block()


def channel_loop(n):
    there, back = Channel(), Channel()
    got = [0]

    def ping():
        for i in range(0, n, 2):
            send(there, i)
            got[0] += receive(back)

    def pong():
        for _ in range(0, n, 2):
            send(back, receive(there))

    runq.append(greenlet.greenlet(pong, parent=root))
    runq.append(greenlet.greenlet(ping, parent=root))
    while runq:
        runq.popleft().switch()
    if got[0] != sum(range(0, n, 2)):
        sys.exit("channel ping-pong failed")


def parked():
    root.switch()


def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def memory(n):
    gs = [None] * n  # the list: resident before the baseline
    before = rss()
    g = greenlet.greenlet
    for i in range(n):
        gs[i] = g(parked)
        gs[i].switch()
    result("memory", n, (rss() - before) / n)
    os._exit(0)  # skip tearing down n greenlets


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "memory":
        memory(int(sys.argv[2]))
    for depth in (1, 10, 100, 1000):
        switches(depth)
    result("create", "-", calibrated(create_loop))
    result("channel", "-", calibrated(channel_loop))


if __name__ == "__main__":
    main()
