#!/usr/bin/env python3
"""Writes BENCHMARKS.md from one run of scripts/bench (the JSON files in RESULTS).

Every figure beside its limit measured in the same run, the ratio, the target and
whether it is met; the machine and the date at the top; the query figures at every size
measured, with a chart of their growth (docs/benchmarks-growth.png); the limits' query
plans; and, from bench/notes.md, what each figure's code does and what it took.

  bench_report.py RESULTS            writes BENCHMARKS.md and the chart
  bench_report.py RESULTS --print    prints the table only (a partial run)
"""

import datetime
import json
import os
import platform
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHART = "docs/benchmarks-growth.png"
NOTES = os.path.join(ROOT, "bench", "notes.md")

# The query figures: label, target as a ratio to the limit (None: report only), and the
# limit's file.
QUERIES = {
    "search": ("Search keystroke: first page of 100 and the count", 2.0, "search.sql"),
    "today": ("Today: first 100 with explanations, and the count", 2.0, "today.sql"),
    "open": ("Open a prospect with 50 touches", 2.0, "open_prospect.sql"),
    "log_touch": ("Log a touch, with the prospect's next due", None, "log_touch.sql"),
    "reschedule": ("Full reschedule (a settings change)", None, "reschedule.sql"),
}

# The Insights figures (absolute targets): label.
REPORT_FIGURES = {
    "insights_12w": "Insights: all six reports for the last 12 weeks",
    "insights_all": "Insights: all six reports for three years (the whole touch log)",
    "review": "Insights: the weekly review",
}


def load(results, name):
    path = os.path.join(results, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def fmt_ms(v):
    if v >= 1000:
        return f"{v / 1000:.2f} s"
    if v >= 10:
        return f"{v:.0f} ms"
    if v >= 0.1:
        return f"{v:.2f} ms"
    return f"{v * 1000:.0f} µs"


def stats(values):
    """(median, p95, max) of a list of numbers."""
    s = sorted(values)
    p95 = s[round((len(s) - 1) * 0.95)]
    return statistics.median(s), p95, s[-1]


def trio(values, fmt):
    return " / ".join(fmt(v) for v in stats(values))


def verdict(ratio, target):
    if target is None:
        return "report"
    return "pass" if ratio <= target else "**miss**"


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            mem = f", {int(f.readline().split()[1]) / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    distro = ""
    try:
        with open("/etc/os-release") as f:
            distro = next(l.split("=", 1)[1].strip().strip('"') for l in f
                          if l.startswith("PRETTY_NAME=")) + ", "
    except (OSError, StopIteration):
        pass
    return (f"{os.cpu_count()} × {cpu}{mem}; {distro}Linux {platform.release()}; {rustc}; "
            "release builds")


def notes():
    """bench/notes.md: what each figure measures and what it took, written by hand."""
    try:
        with open(NOTES) as f:
            return f.read().strip()
    except OSError:
        return ""


def summary(results):
    """The table of every figure: ours, the limit, the ratio, the target, pass or miss."""
    rows = []
    queries = load(results, "queries.json") or []
    by = {(r["figure"], r["size"], r["side"]): r for r in queries}
    sizes = sorted({r["size"] for r in queries})
    for fig, (label, target, _) in QUERIES.items():
        for size in sizes:
            o, l = by.get((fig, size, "ours")), by.get((fig, size, "limit"))
            if not o or not l:
                continue
            ratio = o["median_ms"] / l["median_ms"]
            three = lambda r: " / ".join(fmt_ms(r[k]) for k in ("median_ms", "p95_ms", "max_ms"))
            rows.append((f"{label}, {size:,} prospects", three(o), three(l), f"{ratio:.2f}×",
                         "report" if target is None else f"≤ {target:g}×", verdict(ratio, target)))

    # The Insights reports: absolute, no limit (one call computes all six reports).
    for fig, what in REPORT_FIGURES.items():
        for size in sizes:
            o = by.get((fig, size, "ours"))
            if not o:
                continue
            three = " / ".join(fmt_ms(o[k]) for k in ("median_ms", "p95_ms", "max_ms"))
            rows.append((f"{what}, {size:,} prospects, {size * 10:,} touches", three, "—", "—",
                         "p95 < 200 ms", "pass" if o["p95_ms"] < 200 else "**miss**"))

    transfer = load(results, "transfer.json")
    if transfer:
        n = transfer["rows"]
        sec = lambda v: f"{v:.2f} s"
        ratio = statistics.median(transfer["import_s"]) / statistics.median(transfer["import_limit_s"])
        rows.append((f"CSV import of {n:,} rows (limit: `sqlite3 .import` into a plain table)",
                     trio(transfer["import_s"], sec), trio(transfer["import_limit_s"], sec),
                     f"{ratio:.1f}×", "≤ 3×", verdict(ratio, 3.0)))
        if "import_floor_s" in transfer:
            # What any import writing the same rows costs at least (see bench/notes.md);
            # ours beside it is in the notes, so no figure shows twice.
            floor = statistics.median(transfer["import_floor_s"])
            limit = statistics.median(transfer["import_limit_s"])
            rows.append(("… the same rows written into the app's tables by SQL alone "
                         "(`.import`, then `INSERT … SELECT` into prospects, tags and the "
                         "search index), beside the same limit",
                         trio(transfer["import_floor_s"], sec), trio(transfer["import_limit_s"], sec),
                         f"{floor / limit:.1f}×", "report", "report"))
        peaks = transfer.get("peaks", [])
        if len(peaks) >= 2:
            # Flat: the largest import (twice the timed file) peaks no higher (within
            # 10%) than one half its size.
            flat = peaks[-1]["peak_mib"] <= peaks[-2]["peak_mib"] * 1.1
            rows.append(("Peak memory of the import process after " +
                         " / ".join(f"{p['rows']:,}" for p in peaks) + " rows",
                         " / ".join(f"{p['peak_mib']:.0f}" for p in peaks) + " MiB", "—", "—",
                         "flat", "pass" if flat else "**miss**"))
        ratio = statistics.median(transfer["export_s"]) / statistics.median(transfer["export_limit_s"])
        rows.append((f"vCard export of {n:,} (limit: `sqlite3` writing the same fields as CSV)",
                     trio(transfer["export_s"], sec), trio(transfer["export_limit_s"], sec),
                     f"{ratio:.1f}×", "report", "report"))

    launch = load(results, "launch.json")
    if launch:
        ms = lambda v: f"{v:.0f} ms"
        ratio = statistics.median(launch["ours_ms"]) / statistics.median(launch["limit_ms"])
        rows.append(("Launch to first page on screen, 100,000 prospects (limit: the empty window)",
                     trio(launch["ours_ms"], ms), trio(launch["limit_ms"], ms),
                     f"{ratio:.2f}×", "≤ 1.5×", verdict(ratio, 1.5)))

    memory = load(results, "memory.json")
    if memory:
        mib = lambda v: f"{v:.0f} MiB"
        base = statistics.median(memory["window_mib"])
        for key, what in (("opened_mib", "after opening 100,000 prospects"),
                          ("scrolled_mib", f"after scrolling all {memory['rows_scrolled']:,} rows")):
            ratio = statistics.median(memory[key]) / base
            rows.append((f"Memory, app + WebKit processes (PSS), {what} (limit: the empty window)",
                         trio(memory[key], mib), trio(memory["window_mib"], mib),
                         f"{ratio:.2f}×", "≤ 1.5×", verdict(ratio, 1.5)))

    idle = load(results, "idle.json")
    if idle:
        cpu = idle["cpu_s"]
        rows.append((f"Idle CPU over {idle['seconds'] // 60} minutes, nothing due (app + WebKit)",
                     f"{cpu:.2f} s", "—", "—", "< 1 s", "pass" if cpu < 1 else "**miss**"))

    paint = load(results, "insights.json")
    if paint:
        opens = paint["open_ms"]
        p95 = stats(opens)[1]
        rows.append((f"Insights on screen after opening, 100,000 prospects ({len(opens)} openings)",
                     trio(opens, lambda v: f"{v:.0f} ms"), "—", "—", "p95 < 500 ms",
                     "pass" if p95 < 500 else "**miss**"))
        calls = paint.get("call_ms")
        if calls:
            rows.append(("… of which the reports' call from the window (IPC and core, no drawing)",
                         trio(calls, lambda v: f"{v:.0f} ms"), "—", "—", "report", "report"))

    note = load(results, "notification.json")
    if note:
        delays = note["delays_ms"]
        p95 = stats(delays)[1]
        rows.append((f"Due instant → notification on the bus ({len(delays)} blocks)",
                     trio(delays, lambda v: f"{v:.0f} ms"), "—", "—", "p95 < 1 s",
                     "pass" if p95 < 1000 else "**miss**"))

    out = ["| figure | ours: median / p95 / max | limit: median / p95 / max | ratio (medians) "
           "| target | |", "|---|---|---|---|---|---|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return out, by, sizes


def growth_chart(by, sizes):
    """The query figures' medians against the book's size, as a PNG."""
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
    ax.set_title("Cost as the book grows: ours (solid), the SQL limit (dashed)")
    ax.grid(True, which="both", alpha=0.25)
    ax.legend(fontsize=8, ncol=3)
    fig.tight_layout()
    os.makedirs(os.path.dirname(os.path.join(ROOT, CHART)), exist_ok=True)
    fig.savefig(os.path.join(ROOT, CHART))
    return True


def plans_section(plans):
    out = [f"## The limits' query plans ({plans['size']:,} prospects)", "",
           "`EXPLAIN QUERY PLAN` of each statement of each limit, on the largest book "
           "measured; the SQL, with the index each statement walks, is in "
           "`src-tauri/core/benches/limits/`.", ""]
    for fig in ("search", "today", "open"):
        out += [f"`{QUERIES[fig][2]}`:", "", "```"]
        for i, steps in enumerate(plans.get(fig, [])):
            if i:
                out.append("")
            out += steps
        out += ["```", ""]
    return out


def main():
    if len(sys.argv) not in (2, 3) or sys.argv[2:] not in ([], ["--print"]):
        sys.exit(__doc__)
    results = sys.argv[1]
    table, by, sizes = summary(results)
    if sys.argv[2:] == ["--print"]:
        print("\n".join(table))
        return
    lines = [
        "# Benchmarks", "",
        "Written by `scripts/bench` from one run, every figure beside its limit measured in "
        "the same run: an absolute time on a shared machine means little, the ratio to the "
        "limit does. Regenerate with `scripts/bench`; do not edit by hand (the notes below "
        "the table come from `bench/notes.md`).", "",
        f"**Machine:** {machine()}. **Date:** {datetime.date.today().isoformat()}.", "",
        "## Every figure beside its limit", "",
    ]
    lines += table
    lines.append("")
    if sizes and growth_chart(by, sizes):
        lines += [f"![Median time per call against the number of prospects: search, Today "
                  f"and opening a prospect, ours and the limit]({CHART})", ""]
    lines += [notes(), ""]
    plans = load(results, "plans.json")
    if plans:
        lines += plans_section(plans)
    with open(os.path.join(ROOT, "BENCHMARKS.md"), "w") as f:
        f.write("\n".join(lines).rstrip() + "\n")
    print("BENCHMARKS.md written")


if __name__ == "__main__":
    main()
