// A «Copy» button beside an address to paste elsewhere (a calendar's «from URL»):
// <button type="button" data-copy="ID" data-copied="…" data-selected="…" hidden>, ID
// being a read-only input. Hidden without this script: the address is still there to
// select by hand. The result is said in the button's status region (role=status).
"use strict";

document.querySelectorAll("button[data-copy]").forEach((button) => {
  button.hidden = false;
});

document.addEventListener("click", async (event) => {
  const button = event.target instanceof Element ? event.target.closest("button[data-copy]") : null;
  if (!button) {
    return;
  }
  const field = document.getElementById(button.dataset.copy);
  const status = button.parentElement.querySelector("[role=status]");
  let said = button.dataset.copied;
  try {
    await navigator.clipboard.writeText(field.value);
  } catch {
    // No clipboard (an insecure http:// page, an old browser): the text is selected
    // for the person to copy themselves.
    said = button.dataset.selected;
  }
  field.focus();
  field.select();
  if (status) {
    status.textContent = "";
    // A new text in the next frame, so that the same word said twice is heard twice.
    requestAnimationFrame(() => {
      status.textContent = said;
    });
  }
});
