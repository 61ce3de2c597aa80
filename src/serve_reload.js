// Live reload for `briefing serve` (added to pages only while serving):
// reloads the page after a successful rebuild, and shows the build's errors
// in an overlay while the pack does not build.
(function () {
  var overlay = null;
  function show(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "briefing-errors";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.94);color:#ffd7d7;padding:1.5rem;font:14px/1.45 ui-monospace,monospace";
      document.body.appendChild(overlay);
    }
    overlay.innerHTML = "";
    var h = document.createElement("h2");
    h.textContent = "The pack does not build: the last good version is shown behind this message";
    h.style.cssText = "color:#fff;font:600 18px system-ui,sans-serif;margin:0 0 1rem";
    var pre = document.createElement("pre");
    pre.textContent = text;
    pre.style.whiteSpace = "pre-wrap";
    overlay.appendChild(h);
    overlay.appendChild(pre);
  }
  function hide() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  var source = new EventSource("/__briefing/events");
  source.addEventListener("ok", hide);
  source.addEventListener("errors", function (e) { show(e.data); });
  source.addEventListener("reload", function () { location.reload(); });
})();
