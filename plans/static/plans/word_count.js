// The reflection's word count as it is typed (the Centre asks for 1000 words at three
// months, 1500 at six). The server counts the same way when the page is drawn.
(function () {
  "use strict";
  function words(text) {
    var trimmed = text.trim();
    return trimmed ? trimmed.split(/\s+/).length : 0;
  }
  function wire(counter) {
    var field = document.getElementById(counter.getAttribute("data-word-count-for"));
    if (!field) { return; }
    var shown = counter.querySelector("[data-words]");
    if (!shown) { return; }
    var update = function () { shown.textContent = String(words(field.value)); };
    field.addEventListener("input", update);
    update();
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-word-count-for]").forEach(wire);
  });
})();
