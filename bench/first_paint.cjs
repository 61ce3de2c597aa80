#!/usr/bin/env node
// First paint of pages in headless Chromium, for bench/bench.py.
//
// usage: node --experimental-websocket bench/first_paint.cjs URL...
//
// Prints one JSON object: for each URL, the first-contentful-paint time in
// ms after navigation start (the Paint Timing API), and the time to the
// load event. Each page opens in a fresh tab of one browser. Needs
// Chromium (CHROME_PATH, default `chromium`) and Node 20 or later.
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const urls = process.argv.slice(2);
const chrome = process.env.CHROME_PATH || "chromium";
const profile = fs.mkdtempSync(path.join(os.tmpdir(), "first-paint-"));
const browser = spawn(chrome, ["--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0",
  "--user-data-dir=" + profile, "--window-size=1280,900", "about:blank"], { stdio: ["ignore", "ignore", "pipe"] });

let started = false;
browser.stderr.on("data", (data) => {
  const m = /ws:\/\/127\.0\.0\.1:(\d+)\//.exec(String(data));
  if (m && !started) {
    started = true;
    run(Number(m[1])).then((result) => finish(result, 0), (e) => { console.error(e); finish({}, 1); });
  }
});

function finish(result, code) {
  console.log(JSON.stringify(result));
  browser.on("exit", () => {
    try { fs.rmSync(profile, { recursive: true, force: true }); } catch (e) { /* Chromium may still be writing */ }
    process.exit(code);
  });
  browser.kill();
}

function session(ws) {
  let next = 1;
  const waiting = new Map();
  let onLoad = null;
  ws.onmessage = (m) => {
    const msg = JSON.parse(m.data);
    if (msg.id && waiting.has(msg.id)) { waiting.get(msg.id)(msg); waiting.delete(msg.id); }
    else if (msg.method === "Page.loadEventFired" && onLoad) { const f = onLoad; onLoad = null; f(); }
  };
  return {
    call: (method, params) => new Promise((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      ws.send(JSON.stringify({ id, method, params: params || {} }));
    }),
    waitForLoad: (f) => { onLoad = f; },
  };
}

const FIRST_PAINT = `new Promise((done) => {
  const seen = (list) => list.getEntriesByName("first-contentful-paint")[0];
  const now = seen(performance);
  if (now) return done(now.startTime);
  new PerformanceObserver((l) => { const e = seen(l); if (e) done(e.startTime); }).observe({ type: "paint", buffered: true });
  setTimeout(() => done(-1), 30000);
})`;

/* Opens `url` in the tab and waits for its load event; returns the ms taken. */
async function go(s, url) {
  let loaded;
  const waiting = new Promise((resolve) => { loaded = resolve; });
  s.waitForLoad(loaded);
  const t0 = Date.now();
  await s.call("Page.navigate", { url });
  await Promise.race([waiting, new Promise((r) => setTimeout(r, 180000))]);
  return Date.now() - t0;
}

async function measure(s, url) {
  await go(s, "about:blank");
  const wall = await go(s, url);
  const r = await s.call("Runtime.evaluate", { expression: FIRST_PAINT, returnByValue: true, awaitPromise: true });
  return { first_paint_ms: Math.round(r.result.result.value), load_ms: wall };
}

async function run(port) {
  // one tab, the browser's first: a tab opened later in headless mode may
  // never paint
  const tabs = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
  const tab = tabs.find((t) => t.type === "page");
  const ws = new WebSocket(tab.webSocketDebuggerUrl);
  await new Promise((resolve) => { ws.onopen = resolve; });
  const s = session(ws);
  await s.call("Page.enable");
  const out = {};
  for (const url of urls) out[url] = await measure(s, url);
  ws.close();
  return out;
}
