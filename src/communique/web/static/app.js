// communique: behaviour shared by every page (no inline scripts anywhere; CSP script-src 'self').
"use strict";
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.classList && form.classList.contains("delete-form") &&
      !window.confirm("Delete this statement from the corpus? This cannot be undone.")) {
    event.preventDefault();
  }
});
