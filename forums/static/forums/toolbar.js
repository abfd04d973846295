// The formatting toolbar of a forum text (forums/_editor.html): each button writes
// Markdown around the selection, or around the lines it touches for lists and quotes,
// through the browser's own editing so that Ctrl+Z takes it back. «@» opens «Mention a
// member» below the form, whose «Insert» buttons put the code where the cursor was.
// One Tab stop for the whole toolbar; the arrow keys move along it (role=toolbar).
// Without this script the toolbar stays hidden and the text box works as ever.
"use strict";

(function () {
  let lastBox = null; // the text box a mention goes into, with its selection kept

  function replace(box, start, end, text, selectFrom, selectTo) {
    box.focus();
    box.setSelectionRange(start, end);
    // insertText keeps the browser's undo history; setRangeText where it is refused.
    if (!document.execCommand("insertText", false, text)) {
      box.setRangeText(text, start, end, "end");
      box.dispatchEvent(new Event("input", { bubbles: true }));
    }
    box.setSelectionRange(start + selectFrom, start + selectTo);
  }

  function wrap(box, before, after, empty) {
    const { selectionStart: start, selectionEnd: end, value } = box;
    const chosen = value.slice(start, end) || empty;
    replace(box, start, end, before + chosen + after, before.length, before.length + chosen.length);
  }

  function prefixLines(box, prefix) {
    const value = box.value;
    const start = value.lastIndexOf("\n", box.selectionStart - 1) + 1;
    let end = value.indexOf("\n", Math.max(box.selectionEnd - 1, box.selectionStart));
    if (end === -1) end = value.length;
    const lines = value.slice(start, end).split("\n");
    const text = lines.map((line, index) => prefix(index) + line).join("\n");
    replace(box, start, end, text, text.length, text.length);
  }

  function format(box, action) {
    switch (action) {
      case "bold":
        return wrap(box, "**", "**", "");
      case "italic":
        return wrap(box, "*", "*", "");
      case "link": {
        const { selectionStart: start, selectionEnd: end, value } = box;
        const chosen = value.slice(start, end);
        if (/^https?:\/\/\S+$/.test(chosen)) {
          return replace(box, start, end, `[](${chosen})`, 1, 1);
        }
        const text = `[${chosen}](https://)`;
        return replace(box, start, end, text, chosen.length + 3, text.length - 1);
      }
      case "bullets":
        return prefixLines(box, () => "- ");
      case "numbers":
        return prefixLines(box, (index) => `${index + 1}. `);
      case "quote":
        return prefixLines(box, () => "> ");
      case "mention": {
        lastBox = box;
        const picker = document.getElementById("mention-q");
        if (!picker) return wrap(box, "@", "", "");
        picker.closest("details").open = true;
        picker.focus();
        return undefined;
      }
    }
    return undefined;
  }

  function setUp(toolbar) {
    const box = document.getElementById(toolbar.dataset.mdFor);
    if (!box || toolbar.dataset.ready) return;
    toolbar.dataset.ready = "1";
    toolbar.hidden = false;
    const buttons = Array.from(toolbar.querySelectorAll("button"));
    buttons.forEach((button, index) => {
      button.tabIndex = index === 0 ? 0 : -1;
    });
    toolbar.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-md]");
      if (button) format(box, button.dataset.md);
    });
    toolbar.addEventListener("keydown", (event) => {
      const at = buttons.indexOf(document.activeElement);
      const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: buttons.length - 1 }[event.key];
      if (at === -1 || to === undefined) return;
      event.preventDefault();
      const next = buttons[(to + buttons.length) % buttons.length];
      buttons.forEach((button) => {
        button.tabIndex = button === next ? 0 : -1;
      });
      next.focus();
    });
    box.addEventListener("keydown", (event) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const action = { b: "bold", i: "italic" }[event.key.toLowerCase()];
      if (action) {
        event.preventDefault();
        format(box, action);
      }
    });
    box.addEventListener("focus", () => {
      lastBox = box;
    });
  }

  function setUpAll() {
    document.documentElement.classList.add("md-ready");
    document.querySelectorAll(".md-toolbar[data-md-for]").forEach(setUp);
  }

  document.addEventListener("click", (event) => {
    const insert = event.target instanceof Element ? event.target.closest("button[data-md-mention]") : null;
    const box = lastBox || document.querySelector("textarea[name=body]");
    if (!insert || !box) return;
    const { selectionStart: start, selectionEnd: end } = box;
    const code = insert.dataset.mdMention + " ";
    replace(box, start, end, code, code.length, code.length);
  });
  // A quote swaps the reply form with htmx: the new form gets its toolbar too.
  document.addEventListener("htmx:afterSettle", setUpAll);
  setUpAll();
})();
