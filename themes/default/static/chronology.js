/* briefing chronology filters: by actor, kind, status and year, on the page
   shown. The page is complete without them: this script only hides events.
   The choice is kept in the address (?actor=…&status=…), so it is a link. */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) return;
  var events = Array.prototype.slice.call(document.querySelectorAll("main .event"));
  if (events.length < 2) return;
  var ACTOR = /\/actors\/([^/]+)\//;
  var facts = events.map(function (e) {
    var actors = {};
    e.querySelectorAll(".event-actors a").forEach(function (a) {
      var m = ACTOR.exec(a.getAttribute("href") || "");
      if (m) actors[m[1]] = a.textContent;
    });
    var kind = e.querySelector(".event-kind");
    var status = e.querySelector(".event-date .badge");
    var year = e.closest("section.year");
    var heading = year && year.querySelector("h2");
    return {
      node: e,
      actors: actors,
      kind: kind ? kind.textContent.trim() : "",
      status: status ? status.textContent.trim() : "",
      year: heading ? heading.textContent.trim() : ""
    };
  });

  /* Each select gets the values its events have, with how many. */
  function fill(name, valuesOf, labelOf) {
    var counts = {}, labels = {};
    facts.forEach(function (f) {
      valuesOf(f).forEach(function (v) { counts[v] = (counts[v] || 0) + 1; labels[v] = labelOf(f, v); });
    });
    var keys = Object.keys(counts).filter(Boolean);
    keys.sort(function (a, b) { return labels[a].localeCompare(labels[b]); });
    var select = form.elements[name];
    keys.forEach(function (k) {
      var o = document.createElement("option");
      o.value = k;
      o.textContent = labels[k] + " (" + counts[k] + ")";
      select.appendChild(o);
    });
    if (keys.length < 2) select.parentNode.hidden = true;
  }
  fill("actor", function (f) { return Object.keys(f.actors); }, function (f, v) { return f.actors[v]; });
  fill("kind", function (f) { return [f.kind]; }, function (f, v) { return v; });
  fill("status", function (f) { return [f.status]; }, function (f, v) { return v; });
  fill("year", function (f) { return [f.year]; }, function (f, v) { return v; });
  var years = Array.prototype.slice.call(form.elements.year.options, 1).map(function (o) { return o.value; });
  var yearOrder = {};
  years.slice().sort().forEach(function (y, i) { yearOrder[y] = i; });

  var count = form.querySelector(".filter-count");
  function apply(remember) {
    var want = {
      actor: form.elements.actor.value, kind: form.elements.kind.value,
      status: form.elements.status.value, year: form.elements.year.value
    };
    var shown = 0;
    facts.forEach(function (f) {
      var ok = (!want.actor || f.actors[want.actor] !== undefined) && (!want.kind || f.kind === want.kind) &&
        (!want.status || f.status === want.status) && (!want.year || f.year === want.year);
      f.node.hidden = !ok;
      if (ok) shown++;
    });
    document.querySelectorAll("main section.year").forEach(function (s) {
      s.hidden = !s.querySelector(".event:not([hidden])");
    });
    var filtered = want.actor || want.kind || want.status || want.year;
    count.textContent = filtered ? "Showing " + shown + " of " + facts.length + " events." : "";
    if (remember) {
      var params = new URLSearchParams(location.search);
      Object.keys(want).forEach(function (k) { if (want[k]) params.set(k, want[k]); else params.delete(k); });
      var query = params.toString();
      try { history.replaceState(null, "", (query ? "?" + query : location.pathname.split("/").pop()) + location.hash); } catch (e) { /* file:// may refuse */ }
    }
  }
  var given = new URLSearchParams(location.search);
  ["actor", "kind", "status", "year"].forEach(function (k) {
    var v = given.get(k);
    if (v && Array.prototype.some.call(form.elements[k].options, function (o) { return o.value === v; })) form.elements[k].value = v;
  });
  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.hidden = false;
  apply(false);
})();
