// The thread page: fetches /api/thread/ID and draws the statements as a graph, one lane per issuer,
// in date order, with an arrow from each reply to the statement it answers.
"use strict";
(function () {
  var box = document.getElementById("thread-graph");
  if (!box) return;
  var S = window.CommuniqueSVG;
  fetch(box.dataset.api, { headers: { Accept: "application/json" } })
    .then(function (r) { if (!r.ok) throw new Error(r.statusText); return r.json(); })
    .then(draw)
    .catch(function () { box.hidden = true; });

  function draw(thread) {
    var nodes = thread.nodes.slice().sort(function (a, b) {
      return (a.date || "9999").localeCompare(b.date || "9999") || a.id.localeCompare(b.id);
    });
    var lanes = [];
    nodes.forEach(function (n) { var k = n.issuer || "?"; if (lanes.indexOf(k) < 0) lanes.push(k); });
    var LANE = 56, LEFT = 110, STEP = Math.max(70, Math.min(160, 760 / Math.max(1, nodes.length - 1)));
    var W = LEFT + STEP * Math.max(1, nodes.length - 1) + 150, H = lanes.length * LANE + 20;
    var svg = S.el("svg", { viewBox: "0 0 " + W + " " + H, width: W, height: H, role: "img",
      "aria-label": "thread graph: " + nodes.length + " statements" }, box);
    var defs = S.el("defs", {}, svg);
    var marker = S.el("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7, markerHeight: 7,
      orient: "auto-start-reverse" }, defs);
    S.el("path", { d: "M0 0 L10 5 L0 10 z", fill: "#8fa3b8" }, marker);
    var pos = {};
    nodes.forEach(function (n, i) {
      pos[n.id] = { x: LEFT + i * STEP, y: 20 + lanes.indexOf(n.issuer || "?") * LANE + LANE / 2 - 10 };
    });
    lanes.forEach(function (k, i) {
      var g = S.el("g", { "class": "lane" }, svg);
      S.text(g, 6, 20 + i * LANE + LANE / 2 - 6, k);
      S.el("line", { x1: LEFT - 20, x2: W - 10, y1: 20 + i * LANE + LANE / 2 - 10, y2: 20 + i * LANE + LANE / 2 - 10,
        stroke: "#eee" }, g);
    });
    thread.edges.forEach(function (e) {
      var a = pos[e.from_id], b = pos[e.to_id];
      if (!a || !b) return;
      var mid = (a.x + b.x) / 2;
      var path = S.el("path", { d: "M" + a.x + " " + a.y + " C" + mid + " " + a.y + " " + mid + " " + b.y + " " + (b.x + 7) + " " + b.y,
        "class": "edge", "marker-end": "url(#arrow)" }, svg);
      S.el("title", {}, path).textContent = "answers: " + e.reason;
    });
    nodes.forEach(function (n) {
      var p = pos[n.id];
      var link = S.el("a", { href: "/statements/" + encodeURIComponent(n.id),
        "class": "node" + (n.id === thread.root ? " root" : "") }, svg);
      S.el("circle", { cx: p.x, cy: p.y, r: n.id === box.dataset.current ? 8 : 6 }, link);
      var label = (n.date || "undated") + " " + (n.title || n.id);
      S.text(link, p.x + 10, p.y + 16, label.length > 28 ? label.slice(0, 27) + "…" : label);
      S.el("title", {}, link).textContent = (n.title || n.id) + " (" + (n.issuer || "?") + ", " + (n.date || "undated") + ")";
    });
  }
})();
