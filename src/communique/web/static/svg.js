// Tiny helpers for drawing SVG charts (shared by timeline.js and thread.js). No third-party code.
"use strict";
window.CommuniqueSVG = (function () {
  var NS = "http://www.w3.org/2000/svg";
  function el(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(node);
    return node;
  }
  function text(parent, x, y, content, attrs) {
    var node = el("text", Object.assign({ x: x, y: y }, attrs || {}), parent);
    node.textContent = content;
    return node;
  }
  function niceMax(value) {
    if (value <= 0) return 1;
    var step = Math.pow(10, Math.floor(Math.log10(value)));
    var steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) {
      if (steps[i] * step >= value) return steps[i] * step;
    }
    return 10 * step;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  return { el: el, text: text, niceMax: niceMax, clear: clear };
})();
