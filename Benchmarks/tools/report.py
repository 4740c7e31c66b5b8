#!/usr/bin/env python3
"""Turns the raw measurements of run.sh into the Markdown table and the plots.

Usage: report.py RESULTS_DIR
Reads RESULTS_DIR/raw.tsv and RESULTS_DIR/meta.txt; writes RESULTS_DIR/results.md (also printed),
RESULTS_DIR/switch.png and RESULTS_DIR/memory.png (matplotlib; else gnuplot; else no plots).

raw.tsv rows (tab-separated):
  R  peer     workload  param     run  value     a peer's result (ns, or bytes for memory)
  N  peer     workload  param     reason         not measured, and why
  O  program  compiler  variant   run  seconds   code that never switches: plain, suspend-all or one-body
  Z  program  compiler  plain  entries  resume  variant   bytes of .text (see textsize.py)
  T  file     tool      lines     run  ms        stackless transform vs clang -fsyntax-only
"""
import collections
import os
import shutil
import statistics
import subprocess
import sys

REFERENCE = "stackless-gcc"
PEERS = [  # (key, column title)
    ("stackless-gcc", "stackless (gcc)"),
    ("stackless-clang", "stackless (clang)"),
    ("stackcopy", "stack copy (gcc)"),
    ("boost", "Boost.Context fcontext (g++)"),
    ("ucontext", "ucontext (gcc)"),
    ("cxx20", "C++20 coroutines (clang++)"),
    ("greenlet", "Python greenlet"),
]
DEPTHS = ["1", "10", "100", "1000"]
MEMORY_NS = ["100000", "1000000", "10000000"]


# The transformed builds of the overhead programs: variant in raw.tsv, the flags it stands for.
OVERHEAD_VARIANTS = (("suspend-all", "--suspend-all"), ("one-body", "--suspend-all --one-body always"))


def load(results):
    rows = collections.defaultdict(list)   # (peer, workload, param) -> values
    notes = {}                             # (peer, workload, param) -> reason
    overhead = collections.defaultdict(list)
    sizes = {}
    transform = collections.defaultdict(list)
    lines = {}
    with open(os.path.join(results, "raw.tsv")) as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if p[0] == "R":
                rows[(p[1], p[2], p[3])].append(float(p[5]))
            elif p[0] == "N":
                notes[(p[1], p[2], p[3])] = p[4]
            elif p[0] == "O":
                overhead[(p[1], p[2], p[3])].append(float(p[5]))
            elif p[0] == "Z":  # the variant (7th field) is suspend-all when absent
                variant = p[6] if len(p) > 6 else "suspend-all"
                sizes[(p[1], p[2], variant)] = (int(p[3]), int(p[4]), int(p[5]))
            elif p[0] == "T":
                transform[(p[1], p[2])].append(float(p[5]))
                lines[p[1]] = p[3]
    meta = []
    meta_path = os.path.join(results, "meta.txt")
    if os.path.exists(meta_path):
        with open(meta_path) as f:
            meta = [line.rstrip("\n") for line in f if line.strip()]
    return rows, notes, overhead, sizes, transform, lines, meta


def fmt(v):
    if v >= 1000:
        return f"{v:,.0f}"
    if v >= 100:
        return f"{v:.0f}"
    if v >= 10:
        return f"{v:.1f}"
    return f"{v:.2f}"


def stats(values):
    return statistics.median(values), min(values), max(values)


def cell(rows, notes, peer, workload, param, with_ratio=True):
    values = rows.get((peer, workload, param))
    if not values:
        note = notes.get((peer, workload, param))
        return f"n/a ({note})" if note else "—"
    med, lo, hi = stats(values)
    text = f"**{fmt(med)}**"
    if len(values) > 1:
        text += f" ({fmt(lo)}–{fmt(hi)})"
    ref = rows.get((REFERENCE, workload, param))
    if with_ratio and ref:
        text += f" ×{med / statistics.median(ref):.2f}"
    return text


def table(header, body):
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(r) + " |" for r in body]
    return "\n".join(out)


def peer_table(rows, notes, title_col, items):
    header = [title_col] + [title for _, title in PEERS]
    body = []
    for label, workload, param in items:
        body.append([label] + [cell(rows, notes, peer, workload, param) for peer, _ in PEERS])
    return table(header, body)


def median_of(rows, key):
    values = rows.get(key)
    return statistics.median(values) if values else None


def targets(rows, overhead, sizes):
    """The issue's targets for this project, checked against this run."""
    out = []

    def line(what, target, measured, ok, note=""):
        out.append([what, target, measured, "met" if ok else f"**missed** {note}".strip()])

    for peer in ("stackless-gcc", "stackless-clang"):
        cc = peer.split("-")[1]
        d1 = median_of(rows, (peer, "switch_root", "1"))
        d1000 = median_of(rows, (peer, "switch_root", "1000"))
        if d1:
            line(f"switch root<->greenlet, depth 1 ({cc})", "≤ 2 ns", f"{d1:.2f} ns", d1 <= 2.0,
                 f"by {d1 / 2.0:.2f}x")
        if d1 and d1000:
            r = d1000 / d1
            line(f"switch depth 1000 / depth 1 ({cc})", "≤ 1.10x", f"{r:.2f}x", r <= 1.10)
        c1 = median_of(rows, (peer, "switch_coro", "1"))
        if c1:
            line(f"switch greenlet<->greenlet, depth 1 ({cc})", "≤ 4 ns", f"{c1:.2f} ns", c1 <= 4.0,
                 f"by {c1 / 4.0:.2f}x")
    for n in ("1000000", "100000"):
        m = median_of(rows, (REFERENCE, "memory", n))
        if m:
            line(f"memory per greenlet suspended at depth 1 ({int(n):,})", "≤ 80 B", f"{m:.1f} B",
                 m <= 80, f"by {m / 80:.2f}x")
            break
    m10 = median_of(rows, (REFERENCE, "memory", "10000000"))
    if m10:
        total = m10 * 1e7 / 2**30
        line("10 million suspended greenlets", "< 1 GiB", f"{total:.2f} GiB", total < 1.0)
    for variant, flags in OVERHEAD_VARIANTS:
        for program, limit in (("calc", 1.05), ("fib", 1.8)):
            for cc in ("gcc", "clang"):
                plain = overhead.get((program, cc, "plain"))
                tr = overhead.get((program, cc, variant))
                if plain and tr:
                    r = statistics.median(tr) / statistics.median(plain)
                    line(f"{flags} time, {program} ({cc})", f"≤ {limit}x", f"{r:.2f}x", r <= limit,
                         f"by {r / limit:.2f}x")
        for program in ("calc", "fib"):
            for cc in ("gcc", "clang"):
                z = sizes.get((program, cc, variant))
                if z and z[0]:
                    r = (z[1] + z[2]) / z[0]
                    line(f"{flags} code of transformed functions, {program} ({cc})", "≤ 2x",
                         f"{r:.2f}x", r <= 2.0, f"by {r / 2.0:.2f}x")
    return table(["target (issue 6)", "goal", "this run", ""], out)


def build_markdown(rows, notes, overhead, sizes, transform, lines, meta):
    md = []
    md.append("Each cell: **median** (min–max) over the runs, ×ratio to this project's "
              "figure (stackless built with gcc; below 1 means better than stackless).")
    md.append("")
    md += [f"- {m}" for m in meta]
    md.append("")
    md.append("### Switch, root <-> coroutine (ns per one-way switch)")
    md.append("")
    md.append("The root resumes two coroutines in turn, each suspended at the bottom of a "
              "recursion of the given depth.")
    md.append("")
    md.append(peer_table(rows, notes, "call depth",
                         [(d, "switch_root", d) for d in DEPTHS]))
    md.append("")
    md.append("### Switch, coroutine <-> coroutine (ns per one-way switch)")
    md.append("")
    md.append(peer_table(rows, notes, "call depth",
                         [(d, "switch_coro", d) for d in DEPTHS]))
    md.append("")
    md.append("### Create, run to the end and free a coroutine; channel ping-pong (ns)")
    md.append("")
    md.append(peer_table(rows, notes, "workload", [
        ("create + finish", "create", "-"),
        ("channel ping-pong, per message", "channel", "-"),
    ]))
    md.append("")
    md.append("### Work between switches: a generator against the same loop without switches (ns per value)")
    md.append("")
    md.append("The generator computes each value (four rounds of a hash, with divisions by "
              "constants) in its loop and switches it to the root; after its first switch that "
              "loop runs in the generator's resume entry. The plain loop does the same rounds "
              "without switching. The difference is what a value costs beyond its work: the "
              "round trip of switches, overlapped with the work by the CPU.")
    md.append("")
    gen_body = []
    for peer, title in PEERS:
        gen = rows.get((peer, "generator", "-"))
        plain = rows.get((peer, "generator_plain", "-"))
        if not gen or not plain:
            continue
        gm, pm = statistics.median(gen), statistics.median(plain)
        gen_body.append([title, cell(rows, notes, peer, "generator_plain", "-", with_ratio=False),
                         cell(rows, notes, peer, "generator", "-", with_ratio=False),
                         f"**{gm / pm:.2f}x**", f"{gm - pm:.1f}"])
    md.append(table(["build", "plain loop", "generator", "ratio", "difference (ns)"], gen_body))
    md.append("")
    md.append("### Memory per suspended coroutine (bytes of resident memory, suspended one call deep)")
    md.append("")
    md.append(peer_table(rows, notes, "coroutines",
                         [(f"{int(n):,}", "memory", n) for n in MEMORY_NS]))
    md.append("")
    md.append("### Code that never switches: `stackless cc --suspend-all` against plain cc")
    md.append("")
    body = []
    for program in ("fib", "calc"):
        for variant, flags in OVERHEAD_VARIANTS:
            for cc in ("gcc", "clang"):
                plain = overhead.get((program, cc, "plain"))
                tr = overhead.get((program, cc, variant))
                if not plain or not tr:
                    continue
                pm, pl, ph = stats(plain)
                tm, tl, th = stats(tr)
                z = sizes.get((program, cc, variant), (0, 0, 0))
                body.append([
                    program, flags, cc,
                    f"{pm * 1000:.0f} ({pl * 1000:.0f}–{ph * 1000:.0f})",
                    f"{tm * 1000:.0f} ({tl * 1000:.0f}–{th * 1000:.0f})",
                    f"**{tm / pm:.2f}x**",
                    f"{z[0]}", f"{z[1]} + {z[2]}",
                    f"**{(z[1] + z[2]) / z[0]:.2f}x**" if z[0] else "—",
                    f"{z[1] / z[0]:.2f}x" if z[0] else "—",
                ])
    md.append(table(["program", "build", "cc", "plain ms", "transformed ms", "time ratio",
                     "plain .text (B)", "transformed .text: entries and one bodies + resume (B)",
                     "code ratio", "without resume entries"], body))
    md.append("")
    md.append("### Transform time: `stackless transform --suspend-all` against `clang -fsyntax-only` (ms, wall)")
    md.append("")
    body = []
    for f in sorted(lines):
        t = transform.get((f, "transform"))
        s = transform.get((f, "syntax"))
        if not t or not s:
            continue
        tm, tl, th = stats(t)
        sm, sl, sh = stats(s)
        body.append([f, lines[f], f"{tm:.0f} ({tl:.0f}–{th:.0f})", f"{sm:.0f} ({sl:.0f}–{sh:.0f})",
                     f"**{tm / sm:.2f}x**"])
    md.append(table(["file", "lines", "stackless transform", "clang -fsyntax-only", "ratio"], body))
    md.append("")
    md.append("### This project against the targets of issue 6")
    md.append("")
    md.append(targets(rows, overhead, sizes))
    md.append("")
    return "\n".join(md)


def plot_matplotlib(results, rows, notes):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(10, 5.5))
    for i, (peer, title) in enumerate(PEERS):
        for workload, style in (("switch_root", "-o"), ("switch_coro", "--x")):
            xs, ys = [], []
            for d in DEPTHS:
                v = median_of(rows, (peer, workload, d))
                if v:
                    xs.append(int(d))
                    ys.append(v)
            if xs:
                label = title + (" (root)" if workload == "switch_root" else " (coro<->coro)")
                ax.plot(xs, ys, style, color=f"C{i}", label=label)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("call depth of the suspended coroutine")
    ax.set_ylabel("ns per one-way switch (median)")
    ax.set_title("Switch cost against call depth (solid: root <-> coroutine, dashed: coroutine <-> coroutine)",
                 fontsize=10)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.01, 0.5))
    fig.tight_layout()
    fig.savefig(os.path.join(results, "switch.png"), dpi=110)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(8, 5))
    width = 0.8 / len(PEERS)
    for i, (peer, title) in enumerate(PEERS):
        xs, ys = [], []
        for j, n in enumerate(MEMORY_NS):
            v = median_of(rows, (peer, "memory", n))
            if v:
                xs.append(j + (i - len(PEERS) / 2 + 0.5) * width)
                ys.append(v)
        if xs:
            ax.bar(xs, ys, width, color=f"C{i}", label=title)
    ax.set_xticks(range(len(MEMORY_NS)))
    ax.set_xticklabels([f"{int(n):,}" for n in MEMORY_NS])
    ax.set_yscale("log")
    ax.set_xlabel("suspended coroutines (a missing bar: not measured, see the table)")
    ax.set_ylabel("resident bytes per coroutine")
    ax.set_title("Memory per suspended coroutine")
    ax.grid(True, axis="y", which="both", alpha=0.3)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(os.path.join(results, "memory.png"), dpi=110)
    plt.close(fig)


def plot_gnuplot(results, rows):
    data = os.path.join(results, "plot.dat")
    with open(data, "w") as f:
        for peer, title in PEERS:
            f.write(f'"{title}"\n')
            for d in DEPTHS:
                v = median_of(rows, (peer, "switch_root", d))
                if v:
                    f.write(f"{d} {v}\n")
            f.write("\n\n")
    mem = os.path.join(results, "memory.dat")
    with open(mem, "w") as f:
        for peer, title in PEERS:
            v = [median_of(rows, (peer, "memory", n)) for n in MEMORY_NS]
            f.write(f'"{title}" ' + " ".join(str(x) if x else "NaN" for x in v) + "\n")
    script = f"""
set terminal pngcairo size 900,560
set output '{results}/switch.png'
set logscale xy
set xlabel 'call depth'
set ylabel 'ns per one-way switch (root <-> coroutine)'
set key outside
plot for [i=0:{len(PEERS) - 1}] '{data}' index i using 1:2 with linespoints title columnheader(1)
set output '{results}/memory.png'
unset logscale x
set logscale y
set style data histograms
set xlabel ''
set ylabel 'resident bytes per suspended coroutine'
set xtics rotate by -30
plot '{mem}' using 2:xtic(1) title '100,000', '' using 3 title '1,000,000', '' using 4 title '10,000,000'
"""
    subprocess.run(["gnuplot"], input=script, text=True, check=False)


def main():
    results = sys.argv[1]
    data = load(results)
    md = build_markdown(*data)
    with open(os.path.join(results, "results.md"), "w") as f:
        f.write(md + "\n")
    print(md)
    rows, notes = data[0], data[1]
    try:
        plot_matplotlib(results, rows, notes)
        print(f"\nplots: {results}/switch.png, {results}/memory.png (matplotlib)")
    except ImportError:
        if shutil.which("gnuplot"):
            plot_gnuplot(results, rows)
            print(f"\nplots: {results}/switch.png, {results}/memory.png (gnuplot)")
        else:
            print("\nno plots: neither matplotlib nor gnuplot is available", file=sys.stderr)


if __name__ == "__main__":
    main()
