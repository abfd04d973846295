// A file larger than its field takes (data-max-bytes, ortaq/lib/kept_uploads.py) is
// taken out of the choice before the form is sent, with the field's translated message
// (data-too-large), instead of uploading for minutes to be refused. Only a courtesy: the
// server checks every file's content, size and pixels whatever happens here.
"use strict";

document.addEventListener("change", (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== "file" || !input.dataset.maxBytes) {
    return;
  }
  const limit = Number(input.dataset.maxBytes);
  const chosen = Array.from(input.files || []);
  const tooLarge = chosen.filter((file) => file.size > limit);
  let note = input.nextElementSibling;
  if (!note || !note.classList.contains("upload-too-large")) {
    note = null;
  }
  if (tooLarge.length === 0) {
    if (note) {
      note.remove();
    }
    return;
  }
  const fitting = new DataTransfer();
  chosen.filter((file) => file.size <= limit).forEach((file) => fitting.items.add(file));
  input.files = fitting.files;
  if (!note) {
    note = document.createElement("p");
    note.className = "errorlist upload-too-large";
    note.setAttribute("role", "alert");
    input.insertAdjacentElement("afterend", note);
  }
  note.textContent = tooLarge.map((file) => input.dataset.tooLarge.replace("%(name)s", file.name)).join(" ");
});
