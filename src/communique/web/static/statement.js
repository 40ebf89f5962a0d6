// The statement page: layer toggles, details on hover or click, JSON download of an unstored analysis.
// Every string from the statement is put into the page with textContent, never as HTML.
"use strict";
(function () {
  var text = document.getElementById("statement-text");
  var dataNode = document.getElementById("annotation-details");
  if (!text || !dataNode) return;
  var details = JSON.parse(dataNode.textContent);
  var aside = document.getElementById("details");
  var body = document.getElementById("details-body");
  var hint = aside.querySelector(".hint");
  var pinned = null;

  function layerOn(layer) {
    var box = document.getElementById("layer-" + layer);
    return !box || box.checked;
  }

  function card(ref) {
    var d = details[ref];
    var div = document.createElement("div");
    div.className = "detail d-" + d.layer;
    div.dataset.ref = ref;
    var h = document.createElement("h3");
    h.textContent = d.title;
    div.appendChild(h);
    var dl = document.createElement("dl");
    d.rows.forEach(function (row) {
      var dt = document.createElement("dt");
      dt.textContent = row[0];
      var dd = document.createElement("dd");
      dd.textContent = row[1];
      dl.appendChild(dt);
      dl.appendChild(dd);
    });
    div.appendChild(dl);
    return div;
  }

  function show(refs) {
    var visible = refs.filter(function (r) { return details[r] && layerOn(details[r].layer); });
    body.replaceChildren();
    visible.forEach(function (r) { body.appendChild(card(r)); });
    if (hint) hint.hidden = visible.length > 0;
    aside.classList.toggle("open", visible.length > 0);
    return visible.length;
  }

  function refsOf(el) { return (el.dataset.refs || "").split(" ").filter(Boolean); }

  function unpin() {
    if (pinned) pinned.classList.remove("pinned");
    pinned = null;
  }

  text.addEventListener("mouseover", function (event) {
    if (pinned) return;
    var seg = event.target.closest(".a");
    if (seg) show(refsOf(seg));
  });
  text.addEventListener("click", function (event) {
    var seg = event.target.closest(".a");
    unpin();
    if (!seg) return;
    if (show(refsOf(seg))) {
      pinned = seg;
      seg.classList.add("pinned");
    }
  });
  document.getElementById("details-close").addEventListener("click", function () {
    unpin();
    aside.classList.remove("open");
  });

  document.querySelectorAll(".layers input[data-layer]").forEach(function (box) {
    var sync = function () { text.classList.toggle("hide-" + box.dataset.layer, !box.checked); };
    box.addEventListener("change", function () { sync(); if (pinned) show(refsOf(pinned)); });
    sync();
  });

  // panel links: show that span's details and flash it in the text
  document.querySelectorAll("a[data-ref]").forEach(function (link) {
    link.addEventListener("click", function () {
      var ref = link.dataset.ref;
      unpin();
      show([ref]);
      text.querySelectorAll(".a").forEach(function (seg) {
        if (refsOf(seg).indexOf(ref) >= 0) {
          seg.classList.add("flash");
          window.setTimeout(function () { seg.classList.remove("flash"); }, 1600);
        }
      });
    });
  });

  var download = document.getElementById("download-json");
  var json = document.getElementById("analysis-json");
  if (download && json) {
    download.addEventListener("click", function () {
      var blob = new Blob([JSON.stringify(JSON.parse(json.textContent), null, 2)], { type: "application/json" });
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = download.dataset.filename || "statement.json";
      document.body.appendChild(a);
      a.click();
      window.setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    });
  }
})();
