#!/usr/bin/env python3
"""Whole-app figures for BENCHMARKS.md, run by scripts/bench under Xvfb and a private
session bus. Writes JSON into the results folder.

  bench_app.py launch APP WINDOW DATA RESULTS [ROUNDS]
      Launch to first page on screen: the release app on the book in DATA, and the empty
      Tauri window (bench/window), alternately, ROUNDS times each after one untimed
      launch of each. Both print "first page shown" two animation frames after their
      page is drawn and quit (FOLLOWTHROUGH_EXIT_WHEN_READY); the time is taken here,
      from starting the process to reading that line, so both include the same exec,
      linking and WebKit start-up. -> launch.json

  bench_app.py idle APP DATA RESULTS [SECONDS]
      CPU time (user + system) of the app and every process it started over SECONDS,
      on a book with nothing due, after a minute of start-up. -> idle.json
"""

import json
import os
import subprocess
import sys
import time

# Seconds after launch before the idle app is measured (see `idle`).
START_UP = 60


def launch_once(cmd, env):
    """Seconds from starting `cmd` to its "first page shown" line (it then quits)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True)
    took = None
    for line in proc.stdout:
        if "first page shown" in line:
            took = time.perf_counter() - started
            break
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    if took is None:
        sys.exit(f"{cmd[0]} never said its first page was shown")
    return took * 1000


def launch(app, window, data, results, rounds=10):
    env = dict(os.environ, FOLLOWTHROUGH_EXIT_WHEN_READY="1")
    ours_cmd = [app, "--data-dir", data]
    window_cmd = [window]
    # Untimed: the first launch on a folder may upgrade or back it up, and fills the
    # page cache for both.
    launch_once(ours_cmd, env)
    launch_once(window_cmd, env)
    ours, limit = [], []
    for i in range(rounds):
        limit.append(launch_once(window_cmd, env))
        ours.append(launch_once(ours_cmd, env))
        print(f"launch {i + 1}: app {ours[-1]:.0f} ms, empty window {limit[-1]:.0f} ms", flush=True)
    write(results, "launch.json", {"ours_ms": ours, "limit_ms": limit})


def tree_ticks(root):
    """User + system clock ticks of `root` and every process below it."""
    parent = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        # "pid (comm) state ppid ...": comm may hold spaces, so read after the last ')'.
        fields = stat.rsplit(")", 1)[1].split()
        parent[int(name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    total = 0
    for pid, (_, ticks) in parent.items():
        p = pid
        while p not in (root, 0, 1) and p in parent:
            p = parent[p][0]
        if p == root:
            total += ticks
    return total


def idle(app, data, results, seconds=600):
    proc = subprocess.Popen([app, "--data-dir", data], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        # Start-up is not idle time: the first page, the first reminder round, and the
        # day's backup (30 s in, when none was taken today; a new folder's takes seconds).
        time.sleep(START_UP)
        before = tree_ticks(proc.pid)
        time.sleep(seconds)
        after = tree_ticks(proc.pid)
    finally:
        proc.terminate()
        proc.wait()
    cpu = (after - before) / os.sysconf("SC_CLK_TCK")
    print(f"idle CPU over {seconds} s: {cpu:.2f} s")
    write(results, "idle.json", {"seconds": seconds, "cpu_s": cpu})


def write(results, name, value):
    os.makedirs(results, exist_ok=True)
    with open(os.path.join(results, name), "w") as f:
        json.dump(value, f, indent=2)


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in ("launch", "idle"):
        sys.exit(__doc__)
    what, args = sys.argv[1], sys.argv[2:]
    if what == "launch":
        app, window, data, results = args[:4]
        launch(app, window, data, results, *(int(a) for a in args[4:5]))
    else:
        app, data, results = args[:3]
        idle(app, data, results, *(int(a) for a in args[3:4]))


if __name__ == "__main__":
    main()
