#!/usr/bin/env python3
"""Writes BENCHMARKS.md from one run of scripts/bench (target/bench-results/*.json).

Every figure beside its limit measured in the same run, the ratio, the target and
whether it is met; the machine and the date at the top; the growth of the query figures
with the size of the book as a table and a chart (docs/benchmarks-growth.png).
"""

import datetime
import json
import os
import platform
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULTS = os.path.join(ROOT, "target", "bench-results")
CHART = os.path.join("docs", "benchmarks-growth.png")

# Each query figure: what it is, and its target as a ratio to the limit (None: report).
QUERY_FIGURES = {
    "search": ("Search keystroke: first page of 100 and the count", 2.0,
               "search.sql: the FTS5 match as an IN list, walking prospects_by_name"),
    "today": ("Today queue: first 100 with explanations, and the count", 2.0,
              "today.sql: prospects_by_due_kind, then prospects_by_next_due, LIMIT 100 each"),
    "open": ("Open a prospect with 50 touches", 2.0,
             "open_prospect.sql: the row, tags, timeline, skips and open note by key"),
    "log_touch": ("Log a touch, with the prospect's next due", None,
                  "log_touch.sql: a bare INSERT and UPDATE in one transaction"),
    "reschedule": ("Full reschedule (a settings change)", None,
                   "reschedule.sql: every prospect with its touches, in order"),
}


def load(name):
    path = os.path.join(RESULTS, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def fmt_ms(v):
    if v >= 1000:
        return f"{v / 1000:.2f} s"
    if v >= 10:
        return f"{v:.1f} ms"
    return f"{v:.2f} ms" if v >= 0.1 else f"{v * 1000:.0f} µs"


def fmt_size(n):
    return f"{n:,}"


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    cores = os.cpu_count()
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
            mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    return f"{cores} × {cpu}{mem}; {platform.system()} {platform.release()}; {rustc}"


def query_section(rows, plans):
    by = {}
    for r in rows:
        by[(r["figure"], r["size"], r["side"])] = r
    sizes = sorted({r["size"] for r in rows})
    largest = max(s for (f, s, _) in by if f == "search") if by else None
    out = ["## Queries beside their limits", ""]
    out.append(
        "`cargo bench -p followthrough-core --features dataset --bench figures` "
        "(`src-tauri/core/benches/figures.rs`, criterion). *Ours* is the `Store` call the "
        "window makes; the *limit* is the SQL in `src-tauri/core/benches/limits/` for the "
        "same result on the same file, run through the same SQLite build in the same "
        "process (statements prepared once, every column of every row read). Both sides "
        "are checked to give the same rows and count before they are timed. Each call in "
        "criterion's samples is timed on its own: median, p95 and max over all of them.")
    out.append("")
    out.append("| figure | prospects | ours: median / p95 / max | limit: median / p95 / max "
               "| ratio (median) | target | |")
    out.append("|---|---|---|---|---|---|---|")
    for fig, (label, target, _) in QUERY_FIGURES.items():
        for size in sizes:
            o, l = by.get((fig, size, "ours")), by.get((fig, size, "limit"))
            if not o or not l:
                continue
            if fig in ("search", "today", "open") and size != largest:
                continue
            ratio = o["median_ms"] / l["median_ms"] if l["median_ms"] else float("inf")
            verdict = "report" if target is None else ("pass" if ratio <= target else "**miss**")
            tgt = "report" if target is None else f"≤ {target:g}×"
            trip = lambda r: " / ".join(fmt_ms(r[k]) for k in ("median_ms", "p95_ms", "max_ms"))
            out.append(f"| {label} | {fmt_size(size)} | {trip(o)} | {trip(l)} | {ratio:.2f}× "
                       f"| {tgt} | {verdict} |")
    out.append("")
    out.append("### Growth with the size of the book")
    out.append("")
    out.append("Medians; 10 touches per prospect. ")
    out.append("")
    head = "| figure | " + " | ".join(fmt_size(s) for s in sizes) + " |"
    out.append(head)
    out.append("|---|" + "---|" * len(sizes))
    for fig in ("search", "today", "open"):
        label = QUERY_FIGURES[fig][0]
        for side in ("ours", "limit"):
            cells = []
            for s in sizes:
                r = by.get((fig, s, side))
                cells.append(fmt_ms(r["median_ms"]) if r else "")
            out.append(f"| {label}, {side} | " + " | ".join(cells) + " |")
    out.append("")
    if draw_growth(by, sizes):
        out.append(f"![Median time per figure against the number of prospects]({CHART})")
        out.append("")
    if plans:
        out.append(f"### The limits' query plans ({fmt_size(plans['size'])} prospects)")
        out.append("")
        for fig in ("search", "today", "open"):
            out.append(f"{QUERY_FIGURES[fig][2]}:")
            out.append("")
            out.append("```")
            for i, steps in enumerate(plans.get(fig, [])):
                if i:
                    out.append("")
                out.extend(steps)
            out.append("```")
            out.append("")
    return out


def draw_growth(by, sizes):
    """The growth chart as a PNG, if matplotlib is there (scripts/bench installs it)."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib missing: no growth chart", file=sys.stderr)
        return False
    fig, ax = plt.subplots(figsize=(7, 4), dpi=110)
    colours = {"search": "#2457d6", "today": "#0f9d58", "open": "#c2410c"}
    for f, colour in colours.items():
        for side, style in (("ours", "-"), ("limit", "--")):
            xs = [s for s in sizes if (f, s, side) in by]
            ys = [by[(f, s, side)]["median_ms"] for s in xs]
            if xs:
                ax.plot(xs, ys, style, color=colour, marker="o", markersize=3,
                        label=f"{f} ({side})")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("prospects (10 touches each)")
    ax.set_ylabel("median per call (ms)")
    ax.set_title("Cost as the book grows: ours (solid) and the SQL limit (dashed)")
    ax.grid(True, which="both", alpha=0.25)
    ax.legend(fontsize=8, ncol=3)
    fig.tight_layout()
    os.makedirs(os.path.join(ROOT, "docs"), exist_ok=True)
    fig.savefig(os.path.join(ROOT, CHART))
    return True


def main():
    queries = load("queries.json")
    plans = load("plans.json")
    lines = ["# Benchmarks", ""]
    lines.append("Written by `scripts/bench` from one run: every figure beside its limit "
                 "measured in the same run, the ratio, and the target. Regenerate it with "
                 "`scripts/bench`; do not edit it by hand.")
    lines.append("")
    lines.append(f"**Machine:** {machine()}. **Date:** {datetime.date.today().isoformat()}.")
    lines.append("")
    if queries:
        lines.extend(query_section(queries, plans))
    with open(os.path.join(ROOT, "BENCHMARKS.md"), "w") as f:
        f.write("\n".join(lines).rstrip() + "\n")


if __name__ == "__main__":
    main()
