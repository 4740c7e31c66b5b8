#!/usr/bin/env python3
"""report.py RESULTS_DIR: http-raw.tsv and http-meta.txt -> http.md (also printed).

Rows of http-raw.tsv:
  R key path conns run req/s p99_ms rss_kb hwm_kb server_cpu_s requests errors wrk_cpu_s seconds
    server_user_cpu_s
  M key K baseline_kb held_kb
  C key ok|failure
  N key what why
"""
import statistics
import sys
from collections import defaultdict

KEYS = ["epoll", "greensock", "threaded"]
NAMES = {
    "epoll": "epoll loop (baseline)",
    "greensock": "greensock (tasklets)",
    "threaded": "thread per connection",
}


def main(results):
    runs = defaultdict(list)
    memory, checks, notes = {}, {}, defaultdict(list)
    for line in open(f"{results}/http-raw.tsv"):
        f = line.rstrip("\n").split("\t")
        if f[0] == "R":
            key, path, conns = f[1], f[2], int(f[3])
            rps, p99, rss, hwm, cpu, total = map(float, f[5:11])
            runs[(path, conns, key)].append(dict(rps=rps, p99=p99, rss=rss, hwm=hwm, cpu=cpu,
                                                 total=total, errors=f[11], wrk_cpu=float(f[12]),
                                                 secs=float(f[13]), user=float(f[14])))
        elif f[0] == "M":
            memory[f[1]] = (int(f[2]), int(f[3]), int(f[4]))
        elif f[0] == "C":
            checks[f[1]] = f[2]
        elif f[0] == "N":
            notes[f[1]].append(" ".join(f[2:]))
    keys = [k for k in KEYS if any(k == r[2] for r in runs) or k in memory or k in checks]
    workloads = sorted({(p, n) for (p, n, _) in runs}, key=lambda w: ("|" in w[0], w[0] != "/hello?name=bench", w[1]))

    def label(w):
        path, _, depth = w[0].partition("|")
        return f"`{path}`, {w[1]:,}" + (f", pipelined ×{depth}" if depth else "")

    def med(key, w, field):
        xs = [r[field] for r in runs.get((w[0], w[1], key), [])]
        return statistics.median(xs) if xs else None

    def span(key, w, field, fmt):
        xs = [r[field] for r in runs.get((w[0], w[1], key), [])]
        if not xs:
            return "n/a"
        s = fmt(statistics.median(xs))
        if len(xs) > 1:
            s = f"**{s}** ({fmt(min(xs))}–{fmt(max(xs))})"
        return s

    def ratio(key, w, field):
        a, b = med(key, w, field), med("epoll", w, field)
        return f" ×{a / b:.2f}" if a is not None and b else ""

    out = ["# HTTP server: epoll loop, greensock tasklets, thread per connection", ""]
    out += ["- " + l.rstrip() for l in open(f"{results}/http-meta.txt")]
    out += ["", "Every ratio is against the epoll loop (×1.00). Cells: median (min–max) over the runs.", ""]

    def table(title, note, field, fmt, better, pipelined=True):
        out.extend([f"## {title}", "", note + f" ({better} is better)", ""])
        out.append("| GET, connections | " + " | ".join(NAMES[k] for k in keys) + " |")
        out.append("|---|" + "---|" * len(keys))
        for w in workloads:
            if not pipelined and "|" in w[0]:
                continue
            cells = [span(k, w, field, fmt) + ratio(k, w, field) for k in keys]
            out.append(f"| {label(w)} | " + " | ".join(cells) + " |")
        out.append("")

    rps_fmt = lambda v: f"{v / 1000:.1f}k"
    table("Throughput (requests/s)", "wrk -t1 on CPU 1, the server on CPU 0", "rps", rps_fmt, "higher")
    # The server's own CPU per request: independent of whether wrk was the limit.
    for v in runs.values():
        for r in v:
            r["us_per_req"] = r["cpu"] / r["total"] * 1e6 if r["total"] else float("nan")
            r["user_us_per_req"] = r["user"] / r["total"] * 1e6 if r["total"] else float("nan")
            r["util"] = r["cpu"] / r["secs"] * 100
            r["wrk_util"] = r["wrk_cpu"] / r["secs"] * 100
            r["rss_mb"] = r["rss"] / 1024
            r["hwm_mb"] = r["hwm"] / 1024
    table("Server CPU time per request (µs)",
          "user + system time of the server process over the run / requests completed; includes the "
          "kernel's loopback TCP work done in the server's context", "us_per_req", lambda v: f"{v:.2f}", "lower")
    table("Server user-space CPU time per request (µs)",
          "the user time alone: the server's own code (parsing, responses, scheduling), without the "
          "kernel's; from /proc/PID/stat, 10 ms ticks", "user_us_per_req", lambda v: f"{v:.2f}", "lower")
    table("p99 latency (ms)", "from wrk --latency (not for the pipelined row: wrk times only the first "
          "request of a write)", "p99", lambda v: f"{v:.2f}", "lower", pipelined=False)
    table("Server resident set with every connection open (MiB)",
          "VmRSS half a second before the end of the run", "rss_mb", lambda v: f"{v:.1f}", "lower")
    table("Server peak resident set (MiB)", "VmHWM at the end of the run", "hwm_mb", lambda v: f"{v:.1f}", "lower")
    table("Server CPU use (% of one CPU)", "server CPU time / run time: under 100% means the server "
          "waited for wrk", "util", lambda v: f"{v:.0f}%", "n/a: context")
    table("wrk CPU use (% of one CPU)", "wrk's user + system time / run time: near 100% means wrk was "
          "the limit", "wrk_util", lambda v: f"{v:.0f}%", "n/a: context")

    errs = [(k, w, r["errors"]) for (p, n, k), v in runs.items() for r in v for w in [(p, n)]
            if r["errors"] not in ("0", "")]
    if errs:
        out += ["wrk errors (socket errors summed, non-2xx responses):", ""]
        out += [f"- {NAMES[k]}, {label(w)}: {e}" for k, w, e in errs]
        out.append("")

    out += ["## Memory per idle keep-alive connection", "",
            "A fresh server; `idle_client` opens K connections, sends one `/hello` request on each, reads the "
            "response and holds them open. (VmRSS with K held − VmRSS before) / K. Kernel memory (socket "
            "buffers, a thread's kernel stack) is not in the resident set.", "",
            "| server | K | baseline RSS | RSS with K idle | per connection |", "|---|---|---|---|---|"]
    base_per = None
    if "epoll" in memory:
        k_, b_, h_ = memory["epoll"]
        base_per = (h_ - b_) * 1024 / k_
    for k in keys:
        if k in memory:
            n, b, h = memory[k]
            per = (h - b) * 1024 / n
            r = f" ×{per / base_per:.2f}" if base_per else ""
            out.append(f"| {NAMES[k]} | {n:,} | {b / 1024:.1f} MiB | {h / 1024:.1f} MiB | {per:,.0f} B{r} |")
    out.append("")

    out += ["## Greensock against the epoll loop", "",
            "When wrk is at 100% of its CPU and the epoll loop below 100% of its own, requests/s are "
            "wrk's limit, not the servers': then 1 / (CPU per request ratio) is the ratio a "
            "server-bound run would show.", ""]
    for w in workloads:
        g, e = med("greensock", w, "rps"), med("epoll", w, "rps")
        gc, ec = med("greensock", w, "us_per_req"), med("epoll", w, "us_per_req")
        if g and e:
            path, _, depth = w[0].partition("|")
            where = f"`{path}` at {w[1]:,} connections" + (f", pipelined ×{depth}" if depth else "")
            out.append(f"- {where}: throughput greensock/epoll = **{g / e:.2f}** "
                       f"({g:,.0f} / {e:,.0f} req/s); CPU per request greensock/epoll = {gc / ec:.2f} "
                       f"({gc:.2f} / {ec:.2f} µs), projected server-bound **{ec / gc:.2f}**; CPU use: epoll loop "
                       f"{med('epoll', w, 'util'):.0f}%, wrk {med('epoll', w, 'wrk_util'):.0f}%")
    if not any(med("greensock", w, "rps") for w in workloads):
        out.append("- greensock: no figures (" + "; ".join(notes.get("greensock", ["not run"])) + ")")
    out.append("")

    out += ["## Contract check (check.py)", ""]
    for k in keys:
        out.append(f"- {NAMES[k]}: {checks.get(k, 'not run')}")
    for k, ns in notes.items():
        for n in ns:
            out.append(f"- note: {NAMES.get(k, k)}: {n}")
    out.append("")
    text = "\n".join(out)
    open(f"{results}/http.md", "w").write(text)
    print(text)


if __name__ == "__main__":
    main(sys.argv[1])
