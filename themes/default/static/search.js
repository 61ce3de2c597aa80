/* briefing search (see the README, "Search"). The index is cut into small
   script files under search/, and a query loads only the ones it needs:
   script files, not JSON, because a page opened from disk may load scripts
   but not fetch files. Results are built as DOM nodes, never as HTML. */
(function () {
  "use strict";
  var script = document.currentScript;
  var root = (script && script.getAttribute("data-root")) || "";
  var base = root + "search/";
  var PAGE = 10;
  var KINDS = { a: "Actor", e: "Event", j: "Key judgment", k: "Key point", p: "Paragraph" };
  var DIGITS = "0123456789abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ-_wxyz";
  var store = { manifest: null, keys: null, shards: {}, chunks: {} };
  var loading = {};

  window.briefingSearch = {
    manifest: function (m) { store.manifest = m; store.keys = new Set(m.shards); },
    shard: function (key, terms) { store.shards[key] = terms; },
    chunk: function (n, articles, entries) { store.chunks[n] = { articles: articles, entries: entries }; }
  };

  function load(path) {
    if (!loading[path]) {
      loading[path] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = base + path;
        s.onload = function () { resolve(); };
        s.onerror = function () { reject(new Error("cannot load " + base + path)); };
        document.head.appendChild(s);
      });
    }
    return loading[path];
  }

  /* Words as the index splits them: runs of letters and digits, lower-cased,
     so quote marks and dashes of any kind only separate words. */
  var WORD = /[\p{Alphabetic}\p{N}]+/gu;
  function words(text) { return (text.match(WORD) || []).map(function (w) { return w.toLowerCase(); }); }

  function hex(key) {
    var out = "";
    new TextEncoder().encode(key).forEach(function (b) { out += (b < 16 ? "0" : "") + b.toString(16); });
    return out;
  }

  /* The shard holding `term`: the longest prefix of it that names one. */
  function shardOf(term) {
    var chars = Array.from(term);
    for (var n = Math.min(chars.length, 8); n > 0; n--) {
      var key = chars.slice(0, n).join("");
      if (store.keys.has(key)) return key;
    }
    return null;
  }

  /* A term's entries: differences from the one before, in five-bit digits
     (0-31 end a number, 32-63 carry more of it). */
  function decode(text) {
    var out = [], n = 0, v = 0;
    for (var i = 0; i < text.length; i++) {
      var d = DIGITS.indexOf(text[i]);
      if (d >= 32) { v = v * 32 + d - 32; } else { n += v * 32 + d; out.push(n); v = 0; }
    }
    return out;
  }

  /* The entries holding `term`, or, for the word being typed (`prefix`),
     any word starting with it. */
  function entriesOf(term, prefix) {
    var key = shardOf(term);
    if (!key) return Promise.resolve({ list: [], capped: false });
    return load("t/" + hex(key) + ".js").then(function () {
      var terms = store.shards[key] || {};
      var lists = [];
      if (prefix) {
        Object.keys(terms).forEach(function (t) { if (t.lastIndexOf(term, 0) === 0) lists.push(terms[t]); });
      } else if (terms[term]) {
        lists.push(terms[term]);
      }
      var seen = new Set(), capped = false;
      lists.forEach(function (l) {
        var found = decode(l);
        if (found.length >= store.manifest.max_postings) capped = true;
        found.forEach(function (n) { seen.add(n); });
      });
      return { list: Array.from(seen).sort(function (a, b) { return a - b; }), capped: capped };
    });
  }

  function intersect(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; } else if (a[i] < b[j]) i++; else j++;
    }
    return out;
  }

  function chunkOf(n) {
    var starts = store.manifest.chunks, lo = 0, hi = starts.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (starts[mid] <= n) lo = mid; else hi = mid - 1; }
    return lo;
  }

  /* Entry n as a result: kind, title, detail, href, text. */
  function entry(n) {
    var c = chunkOf(n);
    return load("e/" + c + ".js").then(function () {
      var chunk = store.chunks[c], e = chunk.entries[n - store.manifest.chunks[c]];
      switch (e[0]) {
        case "j": return ["j", "Key judgment", e[1] ? e[1] + " confidence" : "", "index.html#key-judgments", e[2]];
        case "k": var a = chunk.articles[e[1]]; return ["k", a[0], "Key point · " + a[1], a[2] + "#key-points", e[2]];
        case "p": var b = chunk.articles[e[1]]; return ["p", b[0], b[1] + ", paragraph " + e[2], b[2] + "#p" + e[2], e[3]];
        case "a": return ["a", e[1], e[2], e[3], e[4] ? "Also: " + e[4] : ""];
        default: return e;
      }
    });
  }

  /* `text` with the words of the query marked, cut to a window around the
     first one found. */
  function marked(text, query, last) {
    var parts = [], at = 0, first = -1, m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) !== null) {
      var w = m[0].toLowerCase();
      var hit = query.indexOf(w) >= 0 || (last && w.lastIndexOf(last, 0) === 0);
      if (!hit) continue;
      if (first < 0) first = m.index;
      parts.push([text.slice(at, m.index), false], [m[0], true]);
      at = m.index + m[0].length;
    }
    parts.push([text.slice(at), false]);
    var start = first > 160 ? text.lastIndexOf(" ", first - 120) + 1 : 0;
    var frag = document.createDocumentFragment(), pos = 0, shown = 0;
    if (start > 0) frag.appendChild(document.createTextNode("… "));
    parts.forEach(function (p) {
      var s = p[0], end = pos + s.length;
      if (end > start && shown < 360) {
        var piece = s.slice(Math.max(0, start - pos));
        if (!p[1] && shown + piece.length > 360) piece = piece.slice(0, 360 - shown) + " …";
        shown += piece.length;
        if (p[1]) { var mark = document.createElement("mark"); mark.textContent = piece; frag.appendChild(mark); }
        else frag.appendChild(document.createTextNode(piece));
      }
      pos = end;
    });
    return frag;
  }

  var form = document.getElementById("search-form");
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var results = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var run = 0;

  function show(found, from, query, last) {
    var token = run;
    var slice = found.slice(from, from + PAGE);
    return Promise.all(slice.map(entry)).then(function (entries) {
      if (token !== run) return;
      entries.forEach(function (e) {
        var li = document.createElement("li");
        li.className = "result result-" + e[0];
        var a = document.createElement("a");
        a.href = root + e[3];
        var kind = document.createElement("span");
        kind.className = "result-kind";
        kind.textContent = KINDS[e[0]] || e[0];
        a.appendChild(kind);
        a.appendChild(document.createTextNode(" "));
        a.appendChild(e[0] === "a" || e[0] === "e" ? marked(e[1], query, last) : document.createTextNode(e[1]));
        li.appendChild(a);
        if (e[2]) { var d = document.createElement("p"); d.className = "result-detail"; d.textContent = e[2]; li.appendChild(d); }
        if (e[4]) { var t = document.createElement("p"); t.className = "result-text"; t.appendChild(marked(e[4], query, last)); li.appendChild(t); }
        results.appendChild(li);
      });
      var shownTo = Math.min(found.length, from + PAGE);
      more.hidden = shownTo >= found.length;
      more.onclick = function () { show(found, shownTo, query, last); };
    });
  }

  function search(text) {
    var token = ++run;
    results.textContent = "";
    more.hidden = true;
    var query = words(text);
    if (!query.length) { status.textContent = ""; return Promise.resolve(); }
    status.textContent = "Searching…";
    var last = query[query.length - 1];
    return load("manifest.js").then(function () {
      return Promise.all(query.map(function (w, i) { return entriesOf(w, i === query.length - 1); }));
    }).then(function (lists) {
      if (token !== run) return;
      var found = lists.reduce(function (acc, l) { return acc === null ? l.list : intersect(acc, l.list); }, null) || [];
      var capped = lists.some(function (l) { return l.capped; });
      var n = found.length;
      status.textContent = (n === 0 ? "Nothing found" : n + (n === 1 ? " result" : " results")) + " for “" + text.trim() + "”." +
        (capped ? " A word this common lists only its first " + store.manifest.max_postings + " places; add words to narrow it." : "");
      return show(found, 0, query, last);
    }).catch(function (e) {
      if (token === run) status.textContent = "Search could not load its index (" + e.message + ").";
    });
  }

  if (form && input) {
    var q = new URLSearchParams(location.search).get("q") || "";
    input.value = q;
    if (q) search(q);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      try { history.replaceState(null, "", "?q=" + encodeURIComponent(input.value)); } catch (e) { /* file:// may refuse */ }
      search(input.value);
    });
  }
})();
