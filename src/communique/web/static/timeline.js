// The timeline page: fetches /api/timeline and draws two SVG charts (events by type, mean score),
// both directions, with hover details and toggles for direction and event types.
"use strict";
(function () {
  var root = document.getElementById("timeline");
  if (!root) return;
  var S = window.CommuniqueSVG;
  var A = root.dataset.a, B = root.dataset.b;
  var status = document.getElementById("timeline-status");
  var countsBox = document.getElementById("counts-chart");
  var scoreBox = document.getElementById("score-chart");
  var table = document.getElementById("timeline-table");
  var ORDER = ["AGREE", "SUPPORT", "CONSULT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "REQUEST",
               "ACCUSE", "REJECT", "PROTEST", "THREATEN", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
  var COLORS = { AGREE: "#1b5e20", SUPPORT: "#43a047", CONSULT: "#1e88e5", COOPERATE: "#2e7d32", AID: "#81c784",
    CONCEDE: "#26a69a", RETREAT: "#80cbc4", REQUEST: "#7e57c2", ACCUSE: "#ef6c00", REJECT: "#f4511e",
    PROTEST: "#ffa726", THREATEN: "#e53935", SANCTION: "#c62828", MOBILIZE: "#ad1457", COERCE: "#8e24aa", ASSAULT: "#6d0f0f" };
  var state = { direction: "both", hidden: {} };
  var data = null, types = [];

  function color(type) { return COLORS[type] || "#90a4ae"; }
  function fmt(score) { return score === null || score === undefined ? "–" : (score > 0 ? "+" : "") + score.toFixed(1); }
  function visibleCounts(counts) {
    var out = {};
    Object.keys(counts || {}).forEach(function (t) { if (!state.hidden[t]) out[t] = counts[t]; });
    return out;
  }
  function total(counts) { return Object.keys(counts).reduce(function (s, t) { return s + counts[t]; }, 0); }
  function describe(counts) {
    var keys = types.filter(function (t) { return counts[t]; });
    return keys.length ? keys.map(function (t) { return t + " " + counts[t]; }).join(", ") : "none";
  }

  fetch(root.dataset.api, { headers: { Accept: "application/json" } })
    .then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error((body.error && body.error.message) || r.statusText);
        return body;
      });
    })
    .then(function (body) { data = body; setup(); })
    .catch(function (err) { status.textContent = "Could not load the timeline: " + err.message; status.classList.add("alert"); });

  function setup() {
    var seen = {};
    data.periods.forEach(function (p) {
      Object.keys(p.a_to_b).concat(Object.keys(p.b_to_a)).forEach(function (t) { seen[t] = true; });
    });
    types = ORDER.filter(function (t) { return seen[t]; })
      .concat(Object.keys(seen).filter(function (t) { return ORDER.indexOf(t) < 0; }).sort());
    if (!data.periods.length) {
      status.textContent = "No events between " + A + " and " + B + " in this corpus" +
        (data.undated ? " (" + data.undated + " events left out: their statements have no date)." : ".");
      return;
    }
    var events = data.periods.reduce(function (s, p) { return s + total(p.a_to_b) + total(p.b_to_a); }, 0);
    status.textContent = events + " events in " + data.statements + " statements, " + data.periods.length +
      " " + data.by + (data.periods.length === 1 ? "" : "s") + " with events" +
      (data.undated ? "; " + data.undated + " undated events left out." : ".");
    var typeBox = document.getElementById("type-controls");
    var label = document.createElement("span");
    label.textContent = "Event types:";
    typeBox.appendChild(label);
    types.forEach(function (t) {
      var l = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.checked = true;
      box.value = t;
      box.addEventListener("change", function () { state.hidden[t] = !box.checked; draw(); });
      var svg = S.el("svg", { width: 12, height: 12, "aria-hidden": "true" });
      S.el("rect", { width: 12, height: 12, rx: 2, fill: color(t) }, svg);
      l.appendChild(box);
      l.appendChild(svg);
      l.appendChild(document.createTextNode(t));
      typeBox.appendChild(l);
    });
    document.querySelectorAll("input[name=direction]").forEach(function (radio) {
      radio.addEventListener("change", function () { state.direction = radio.value; draw(); });
    });
    ["direction-controls", "type-controls", "counts-title", "score-title", "score-legend", "timeline-table"].forEach(function (id) {
      document.getElementById(id).hidden = false;
    });
    var legend = document.getElementById("score-legend");
    [["line-ab", A + " → " + B], ["line-ba", B + " → " + A]].forEach(function (item) {
      var span = document.createElement("span");
      var svg = S.el("svg", { width: 22, height: 10, "aria-hidden": "true" });
      S.el("line", { x1: 0, x2: 22, y1: 5, y2: 5, "class": item[0] }, svg);
      span.appendChild(svg);
      span.appendChild(document.createTextNode(item[1]));
      legend.appendChild(span);
    });
    draw();
  }

  function draw() {
    drawCounts();
    drawScores();
    drawTable();
  }

  var W = 900, LEFT = 44, RIGHT = 12;

  function xLayout(n) {
    var inner = W - LEFT - RIGHT, band = inner / n;
    return { band: band, x: function (i) { return LEFT + i * band; }, every: Math.max(1, Math.ceil(n / 12)) };
  }

  function hoverBands(svg, box, top, height, layout) {
    var tip = box.querySelector(".tooltip") || document.createElement("div");
    tip.className = "tooltip";
    tip.setAttribute("role", "status");
    box.appendChild(tip);
    data.periods.forEach(function (p, i) {
      var band = S.el("rect", { x: layout.x(i), y: top, width: layout.band, height: height, fill: "transparent",
        "class": "band", "data-period": p.period }, svg);
      band.addEventListener("mouseenter", function () { band.setAttribute("class", "band hover-band"); showTip(tip, box, p, i, layout); });
      band.addEventListener("mouseleave", function () { band.setAttribute("class", "band"); tip.style.display = "none"; });
      band.addEventListener("click", function () { showTip(tip, box, p, i, layout); });
    });
  }

  function showTip(tip, box, p, i, layout) {
    S.clear(tip);
    var head = document.createElement("strong");
    head.textContent = p.period;
    tip.appendChild(head);
    var t = document.createElement("table");
    var rows = [];
    if (state.direction !== "ba") rows.push([A + " → " + B, describe(visibleCounts(p.a_to_b)), "score " + fmt(p.score_a_to_b)]);
    if (state.direction !== "ab") rows.push([B + " → " + A, describe(visibleCounts(p.b_to_a)), "score " + fmt(p.score_b_to_a)]);
    rows.forEach(function (cells) {
      var tr = document.createElement("tr");
      cells.forEach(function (c) { var td = document.createElement("td"); td.textContent = c; tr.appendChild(td); });
      t.appendChild(tr);
    });
    tip.appendChild(t);
    tip.style.display = "block";
    var scale = box.clientWidth / W;
    var left = (layout.x(i) + layout.band / 2) * scale;
    tip.style.left = Math.max(0, Math.min(left - tip.offsetWidth / 2, box.clientWidth - tip.offsetWidth)) + "px";
    tip.style.top = "0px";
  }

  function drawCounts() {
    S.clear(countsBox);
    var both = state.direction === "both";
    var H = both ? 300 : 190, top = 18, bottom = 22, inner = H - top - bottom;
    var svg = S.el("svg", { viewBox: "0 0 " + W + " " + H, role: "img",
      "aria-label": "events by type per " + data.by }, countsBox);
    var layout = xLayout(data.periods.length);
    var dirs = state.direction === "ab" ? ["a_to_b"] : state.direction === "ba" ? ["b_to_a"] : ["a_to_b", "b_to_a"];
    var max = 0;
    data.periods.forEach(function (p) { dirs.forEach(function (d) { max = Math.max(max, total(visibleCounts(p[d]))); }); });
    max = S.niceMax(max);
    var zero = both ? top + inner / 2 : top + inner;
    var half = both ? inner / 2 : inner;
    var grid = S.el("g", { "class": "grid" }, svg);
    [0.5, 1].forEach(function (f) {
      S.el("line", { x1: LEFT, x2: W - RIGHT, y1: zero - half * f, y2: zero - half * f }, grid);
      S.text(svg, LEFT - 6, zero - half * f + 4, String(Math.round(max * f * 10) / 10), { "text-anchor": "end" });
      if (both) {
        S.el("line", { x1: LEFT, x2: W - RIGHT, y1: zero + half * f, y2: zero + half * f }, grid);
        S.text(svg, LEFT - 6, zero + half * f + 4, String(Math.round(max * f * 10) / 10), { "text-anchor": "end" });
      }
    });
    var bars = S.el("g", { "class": "bars" }, svg);
    data.periods.forEach(function (p, i) {
      var x = layout.x(i) + layout.band * 0.12, w = Math.max(1, layout.band * 0.76);
      dirs.forEach(function (d) {
        var sign = both && d === "b_to_a" ? 1 : -1;
        var y = zero;
        var counts = visibleCounts(p[d]);
        types.forEach(function (t) {
          if (!counts[t]) return;
          var h = counts[t] / max * half;
          var rect = S.el("rect", { x: x, y: sign < 0 ? y - h : y, width: w, height: h, fill: color(t),
            "class": "bar", "data-type": t, "data-direction": d, "data-count": counts[t] }, bars);
          S.el("title", {}, rect).textContent = p.period + ": " + t + " " + counts[t];
          y += sign * h;
        });
      });
      if (i % layout.every === 0) S.text(svg, layout.x(i) + layout.band / 2, H - 6, p.period, { "text-anchor": "middle" });
    });
    S.el("line", { x1: LEFT, x2: W - RIGHT, y1: zero, y2: zero, stroke: "#555" }, svg);
    var first = state.direction === "ba" ? B + " → " + A : A + " → " + B;
    S.text(svg, LEFT + 4, top - 5, first, { "font-weight": "600" });
    if (both) S.text(svg, LEFT + 4, H - bottom - 4, B + " → " + A, { "font-weight": "600" });
    hoverBands(svg, countsBox, top, inner, layout);
  }

  function drawScores() {
    S.clear(scoreBox);
    var H = 200, top = 12, bottom = 22, inner = H - top - bottom;
    var svg = S.el("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "mean score per " + data.by }, scoreBox);
    var layout = xLayout(data.periods.length);
    var y = function (v) { return top + (10 - v) / 20 * inner; };
    var grid = S.el("g", { "class": "grid" }, svg);
    [-10, -5, 0, 5, 10].forEach(function (v) {
      S.el("line", { x1: LEFT, x2: W - RIGHT, y1: y(v), y2: y(v) }, grid);
      S.text(svg, LEFT - 6, y(v) + 4, (v > 0 ? "+" : "") + v, { "text-anchor": "end" });
    });
    S.el("line", { x1: LEFT, x2: W - RIGHT, y1: y(0), y2: y(0), stroke: "#888" }, svg);
    var series = [];
    if (state.direction !== "ba") series.push(["score_a_to_b", "ab"]);
    if (state.direction !== "ab") series.push(["score_b_to_a", "ba"]);
    series.forEach(function (s) {
      var path = "", pen = false;
      data.periods.forEach(function (p, i) {
        var v = p[s[0]];
        if (v === null || v === undefined) { pen = false; return; }
        var cx = layout.x(i) + layout.band / 2;
        path += (pen ? " L" : " M") + cx.toFixed(1) + " " + y(v).toFixed(1);
        pen = true;
        S.el("circle", { cx: cx, cy: y(v), r: 3, "class": "dot-" + s[1] }, svg);
      });
      if (path) S.el("path", { d: path.trim(), "class": "line-" + s[1] }, svg);
    });
    data.periods.forEach(function (p, i) {
      if (i % layout.every === 0) S.text(svg, layout.x(i) + layout.band / 2, H - 6, p.period, { "text-anchor": "middle" });
    });
    hoverBands(svg, scoreBox, top, inner, layout);
  }

  function drawTable() {
    var body = table.tBodies[0];
    S.clear(body);
    data.periods.forEach(function (p) {
      var tr = document.createElement("tr");
      [p.period, describe(visibleCounts(p.a_to_b)), fmt(p.score_a_to_b), describe(visibleCounts(p.b_to_a)), fmt(p.score_b_to_a)]
        .forEach(function (c, k) {
          var td = document.createElement("td");
          td.textContent = c;
          if (k === 2 || k === 4) td.className = "num";
          tr.appendChild(td);
        });
      body.appendChild(tr);
    });
  }
})();
