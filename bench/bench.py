#!/usr/bin/env python3
"""Benchmark `briefing` on synthetic packs, side by side with Hugo.

usage: python3 bench/bench.py [--sizes 100,1000,10000] [--runs 5] [--hugo PATH]
                              [--out /tmp/briefing-bench] [--binary target/release/briefing]

For each size N it generates one seeded corpus (bench/gen_corpus.py: the same
articles, actors and events written as a Hugo site and as a briefing pack,
bench/to_spec.py), then, in one sitting and alternating the tools run by run:

  build   `briefing build PACK -o OUT`          (OUT on a tmpfs when possible)
  check   `briefing check PACK`                 (everything build checks, no writes)
  hugo    `hugo --quiet -s corpus/hugo -d OUT`   (when a hugo binary is found)
  serve   one-file edit in `briefing serve`: the time from saving the file to
          receiving the rebuilt page (median of several edits)

and prints a Markdown table: wall time median [min-max] and peak RSS (GNU
time), the briefing/Hugo ratio, and the scaling from one size to the next.
Every run starts from an empty output folder (removed outside the timing).
Build the binary first: `cargo build --release`.
"""
import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def find_hugo(explicit):
    if explicit:
        return explicit
    for pattern in ["/tmp/hugo-venv/lib"]:
        if os.path.isdir(pattern):
            for root, _, files in os.walk(pattern):
                if root.endswith("hugo/binaries") and "hugo" in files:
                    return os.path.join(root, "hugo")
    return shutil.which("hugo")


def output_root(base):
    """A tmpfs for outputs when we may mount one (as root), else `base`."""
    path = os.path.join(base, "out")
    os.makedirs(path, exist_ok=True)
    if os.geteuid() == 0 and subprocess.run(["mountpoint", "-q", path]).returncode != 0:
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8g", "tmpfs", path])
    return path


def timed(cmd):
    """Runs cmd under GNU time: (wall seconds, peak RSS in MiB). The wall time
    is taken here, to the microsecond (GNU time rounds to 10 ms, too coarse
    for the smaller packs); it includes starting GNU time, about a
    millisecond, for every tool alike."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        started = time.perf_counter()
        sh(["/usr/bin/time", "-f", "%e %M", "-o", t.name] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - started
        rss = t.read().split()[-1]
    return wall, int(rss) / 1024


def corpus(base, n):
    root = os.path.join(base, f"corpus-{n}")
    pack = os.path.join(base, f"pack-{n}")
    if not os.path.isdir(os.path.join(root, "hugo")):
        sh([sys.executable, os.path.join(HERE, "gen_corpus.py"), "-n", str(n), "--out", root, "--layouts", "hugo,briefing"],
           stdout=subprocess.DEVNULL)
    if not os.path.isdir(pack):
        sh([sys.executable, os.path.join(HERE, "to_spec.py"), os.path.join(root, "briefing"), pack], stdout=subprocess.DEVNULL)
    return root, pack


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url):
    with urllib.request.urlopen(url, timeout=30) as r:
        return r.read().decode("utf-8", "replace")


def serve_latency(binary, pack, edits):
    """Median milliseconds from saving an edited article summary to getting
    the rebuilt article page from `briefing serve`."""
    work = tempfile.mkdtemp(prefix="serve-pack-")
    shutil.copytree(os.path.join(pack, "content"), os.path.join(work, "content"))
    port = free_port()
    proc = subprocess.Popen([binary, "serve", work, "--port", str(port)], stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}/"
        deadline = time.time() + 120
        while True:
            try:
                get(base)
                break
            except Exception:
                if time.time() > deadline:
                    raise
                time.sleep(0.05)
        arts = sorted(f for f in os.listdir(os.path.join(work, "content/articles")) if f.endswith(".yaml"))
        samples = []
        for k in range(edits):
            name = arts[(k * 7919) % len(arts)]
            path = os.path.join(work, "content/articles", name)
            page = base + "articles/" + name[:-5] + "/"
            get(page)
            text = open(path, encoding="utf-8").read()
            marker = f"Edited {k} {time.time_ns()}"
            new = re.sub(r'(?m)^title: .*$', f'title: "{marker}"', text, count=1)
            started = time.perf_counter()
            with open(path, "w", encoding="utf-8") as f:
                f.write(new)
            while marker not in get(page):
                if time.perf_counter() - started > 30:
                    raise RuntimeError("serve never showed the edit")
                time.sleep(0.002)
            samples.append((time.perf_counter() - started) * 1000)
            time.sleep(0.3)
        return statistics.median(samples), min(samples), max(samples)
    finally:
        proc.terminate()
        proc.wait()
        shutil.rmtree(work, ignore_errors=True)


def measure(label, cmd, out, runs):
    walls, rss = [], []
    for _ in range(runs):
        if out:
            shutil.rmtree(out, ignore_errors=True)
        w, r = timed(cmd)
        walls.append(w)
        rss.append(r)
    return {"label": label, "median": statistics.median(walls), "min": min(walls), "max": max(walls), "rss": statistics.median(rss)}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--edits", type=int, default=7)
    ap.add_argument("--hugo")
    ap.add_argument("--out", default="/tmp/briefing-bench")
    ap.add_argument("--binary", default=os.path.join(HERE, "..", "target", "release", "briefing"))
    args = ap.parse_args()
    binary = os.path.abspath(args.binary)
    if not os.path.isfile(binary):
        sys.exit(f"{binary} is missing: run `cargo build --release` first")
    hugo = find_hugo(args.hugo)
    os.makedirs(args.out, exist_ok=True)
    outs = output_root(args.out)
    rows = []
    for n in [int(x) for x in args.sizes.split(",")]:
        root, pack = corpus(args.out, n)
        out_b, out_h = os.path.join(outs, f"briefing-{n}"), os.path.join(outs, f"hugo-{n}")
        # warm the page cache, then alternate the tools run by run
        subprocess.run([binary, "check", pack], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        results = {"build": [], "check": [], "hugo": []}
        for _ in range(args.runs):
            results["build"].append(measure("build", [binary, "build", pack, "-o", out_b], out_b, 1))
            results["check"].append(measure("check", [binary, "check", pack], None, 1))
            if hugo:
                results["hugo"].append(measure("hugo", [hugo, "--quiet", "-s", os.path.join(root, "hugo"), "-d", out_h], out_h, 1))
        row = {"n": n}
        for key, runs in results.items():
            if runs:
                walls = [r["median"] for r in runs]
                row[key] = {"median": statistics.median(walls), "min": min(walls), "max": max(walls),
                            "rss": statistics.median(r["rss"] for r in runs)}
        if n <= 1000:
            row["serve"] = serve_latency(binary, pack, args.edits)
        pages = sum(1 for _, _, fs in os.walk(out_b) for f in fs if f.endswith(".html")) if os.path.isdir(out_b) else 0
        row["pages"] = pages
        rows.append(row)
        print(json.dumps(row), file=sys.stderr)
    print(f"\n{os.cpu_count()} cores; {args.runs} runs each, alternating; outputs under {outs}\n")
    print("| articles | pages | briefing build s | peak MiB | briefing check s | Hugo 0.168 s | Hugo peak MiB | build / Hugo | serve edit → page ms |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        b, c, h = r["build"], r["check"], r.get("hugo")
        fmt = lambda x: f"{x['median']:.3f} [{x['min']:.3f}–{x['max']:.3f}]"
        ratio = f"{b['median'] / h['median']:.2f}" if h else "–"
        hugo_s = fmt(h) if h else "–"
        hugo_m = f"{h['rss']:.0f}" if h else "–"
        sv = r.get("serve")
        serve_s = f"{sv[0]:.0f} [{sv[1]:.0f}–{sv[2]:.0f}]" if sv else "–"
        print(f"| {r['n']:,} | {r['pages']:,} | {fmt(b)} | {b['rss']:.0f} | {fmt(c)} | {hugo_s} | {hugo_m} | {ratio} | {serve_s} |")
    for a, b in zip(rows, rows[1:]):
        print(f"\nscaling {a['n']:,} → {b['n']:,} articles (×{b['n'] / a['n']:.0f}): build ×{b['build']['median'] / a['build']['median']:.1f}")


if __name__ == "__main__":
    main()
