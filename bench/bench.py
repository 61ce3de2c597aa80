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
A second table gives what a reader meets in the last build: the largest
pages and the largest picture (SVG), the first paint in headless Chromium of the chronology, of its
largest page and of the largest actor page (bench/first_paint.cjs, when
Chromium and Node are there), and the bytes of search index a few queries
load (the manifest, their words' shards, the entries of ten results).
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


DIGITS = "0123456789abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ-_wxyz"


def words(text):
    """Words as the search index splits them (src/render/search.rs)."""
    out, word = [], []
    for c in text:
        if c.isalnum():
            word.append(c.lower())
        elif word:
            out.append("".join(word))
            word = []
    if word:
        out.append("".join(word))
    return out


def search_bytes(site, query, results=10):
    """The bytes of index files the search page loads for `query` and its
    first `results` results, as assets/search.js looks them up."""
    def script_json(path, skip):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        return json.loads(text[text.index("(") + 1:text.rindex(")")].split(",", skip)[skip]) if skip else \
            json.loads(text[text.index("(") + 1:text.rindex(")")])
    folder = os.path.join(site, "search")
    manifest_path = os.path.join(folder, "manifest.js")
    manifest = script_json(manifest_path, 0)
    keys = set(manifest["shards"])
    loaded = {manifest_path}
    found = None
    q = words(query)
    for i, w in enumerate(q):
        key = next((w[:n] for n in range(min(len(w), 8), 0, -1) if w[:n] in keys), None)
        ids = set()
        if key is not None:
            path = os.path.join(folder, "t", key.encode().hex() + ".js")
            loaded.add(path)
            terms = script_json(path, 1)
            for t, text in terms.items():
                if t == w or (i == len(q) - 1 and t.startswith(w)):
                    n = v = 0
                    for ch in text:
                        d = DIGITS.index(ch)
                        if d >= 32:
                            v = v * 32 + d - 32
                        else:
                            n += v * 32 + d
                            ids.add(n)
                            v = 0
        found = ids if found is None else found & ids
    chunks = manifest["chunks"]
    for n in sorted(found or [])[:results]:
        c = max(i for i, start in enumerate(chunks) if start <= n)
        loaded.add(os.path.join(folder, "e", f"{c}.js"))
    return sum(os.path.getsize(p) for p in loaded), len(found or [])


def reader(site, queries):
    """What a reader meets: the largest page but the print book, the first
    paint of the chronology and of the largest actor page, the search
    index's bytes for each query."""
    sizes = []
    svg = (0, "")  # the largest picture (an <svg> element) of any page
    for dirpath, _, files in os.walk(site):
        for f in files:
            if f.endswith(".html"):
                path = os.path.join(dirpath, f)
                rel = os.path.relpath(path, site)
                if rel != os.path.join("print", "index.html"):
                    sizes.append((os.path.getsize(path), rel))
                with open(path, "rb") as page:
                    html = page.read()
                start = html.find(b"<svg")
                while start >= 0:
                    end = html.find(b"</svg>", start)
                    if end < 0:
                        break
                    svg = max(svg, (end + 6 - start, rel))
                    start = html.find(b"<svg", end)
    sizes.sort()
    largest = sizes[-1] if sizes else (0, "")
    actor = max((s for s in sizes if s[1].startswith("actors" + os.sep) and s[1].count(os.sep) == 2), default=(0, ""))
    chronology = max((s for s in sizes if s[1].startswith("chronology" + os.sep)), default=(0, ""))
    row = {"largest": largest, "largest_actor": actor, "largest_chronology": chronology, "largest_svg": svg}
    paint = {}
    chrome = shutil.which(os.environ.get("CHROME_PATH", "chromium"))
    if chrome and shutil.which("node"):
        urls = ["file://" + os.path.join(site, p) for p in ["chronology/index.html", chronology[1], actor[1]] if p]
        r = subprocess.run(["node", "--experimental-websocket", os.path.join(HERE, "first_paint.cjs"), *urls],
                           capture_output=True, text=True, env={**os.environ, "CHROME_PATH": chrome})
        try:
            paint = {os.path.relpath(u[len("file://"):], site): v for u, v in json.loads(r.stdout.strip().splitlines()[-1]).items()}
        except (ValueError, IndexError):
            print(f"first paint not measured: {r.stderr[-300:]}", file=sys.stderr)
    row["paint"] = paint
    row["search"] = {q: search_bytes(site, q) for q in queries}
    row["index_bytes"] = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(os.path.join(site, "search"))
                             for f in fs if f.endswith(".js"))
    return row


def queries_for(site):
    """Queries a reader might type: the most mentioned actor's name, a
    common word, a passage of a paragraph, a word being typed."""
    with open(os.path.join(site, "pack.json"), encoding="utf-8") as f:
        pack = json.load(f)
    actor = max(pack["actors"], key=lambda a: len(a.get("mentions", [])))
    event = pack["events"][len(pack["events"]) // 2] if pack["events"] else {"title": "the"}
    title = " ".join(event["title"].split()[:3])
    return [actor["name"], "the", title, actor["name"][:3]]


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
        if n <= 1000 and args.edits > 0:
            row["serve"] = serve_latency(binary, pack, args.edits)
        pages = sum(1 for _, _, fs in os.walk(out_b) for f in fs if f.endswith(".html")) if os.path.isdir(out_b) else 0
        row["pages"] = pages
        if os.path.isdir(out_b):
            row["reader"] = reader(out_b, queries_for(out_b))
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
    print("\n| articles | largest page (not print) | largest chronology page | largest actor page | first paint: chronology / its largest page / largest actor ms | search index, all | a query loads (KB), most of these queries | largest picture (SVG) |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        rd = r.get("reader")
        if not rd:
            continue
        kb = lambda s: f"{s[0] / 1024:,.0f} KB `{s[1]}`"
        p = rd["paint"]
        fp = " / ".join(str(p.get(k, {}).get("first_paint_ms", "–")) for k in
                        [os.path.join("chronology", "index.html"), rd["largest_chronology"][1], rd["largest_actor"][1]])
        worst = max(rd["search"].items(), key=lambda kv: kv[1][0])
        qs = "; ".join(f"“{q}” {b / 1024:.0f} ({n:,} found)" for q, (b, n) in rd["search"].items())
        print(f"| {r['n']:,} | {kb(rd['largest'])} | {kb(rd['largest_chronology'])} | {kb(rd['largest_actor'])} | {fp} | "
              f"{rd['index_bytes'] / 1024:,.0f} KB | {worst[1][0] / 1024:.0f} KB: {qs} | {kb(rd['largest_svg'])} |")
    for a, b in zip(rows, rows[1:]):
        print(f"\nscaling {a['n']:,} → {b['n']:,} articles (×{b['n'] / a['n']:.0f}): build ×{b['build']['median'] / a['build']['median']:.1f}")


if __name__ == "__main__":
    main()
