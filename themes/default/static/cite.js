/* briefing citation previews: hovering or focusing a reference marker shows
   the reference (article, publisher, date, the passage quoted) beside it.
   An enhancement only: the marker is a link to the reference list. */
(function () {
  "use strict";
  var box = null;
  function hide() { if (box) { box.remove(); box = null; } }
  function show(marker) {
    var id = (marker.getAttribute("href") || "").slice(1);
    var ref = id && document.getElementById(id);
    if (!ref) return;
    hide();
    box = document.createElement("div");
    box.className = "cite-preview";
    box.setAttribute("role", "tooltip");
    box.id = "cite-preview";
    var source = ref.querySelector(".ref-article");
    var line = document.createElement("div");
    line.textContent = Array.prototype.filter.call(ref.childNodes, function (n) {
      return !(n.classList && (n.classList.contains("ref-back") || n.classList.contains("ref-original") || n.tagName === "Q"));
    }).map(function (n) { return n.textContent; }).join("").replace(/\s+/g, " ").trim();
    box.appendChild(line);
    var quote = ref.querySelector("q");
    if (quote) { var q = document.createElement("q"); q.textContent = quote.textContent; box.appendChild(q); }
    document.body.appendChild(box);
    var r = marker.getBoundingClientRect();
    var left = Math.max(8, Math.min(r.left + window.scrollX - 12, document.documentElement.clientWidth - box.offsetWidth - 8 + window.scrollX));
    box.style.left = left + "px";
    box.style.top = (r.bottom + window.scrollY + 6) + "px";
    marker.setAttribute("aria-describedby", "cite-preview");
    if (source) box.dataset.source = source.getAttribute("href") || "";
  }
  function marker(e) { return e.target.closest ? e.target.closest("sup.cite a") : null; }
  document.addEventListener("mouseover", function (e) { var m = marker(e); if (m) show(m); });
  document.addEventListener("focusin", function (e) { var m = marker(e); if (m) show(m); else hide(); });
  document.addEventListener("mouseout", function (e) { if (marker(e)) hide(); });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
})();
