// The map's Print button (a script of its own: the site's CSP forbids inline handlers).
document.addEventListener("click", function (event) {
  "use strict";
  if (event.target.closest("[data-print]")) { window.print(); }
});
