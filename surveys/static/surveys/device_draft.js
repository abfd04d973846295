// The answers of the screen being filled in, kept on the device as they are typed
// (issue 18: answering on a weak connection). The server keeps each screen once it
// is sent; this copy covers what was typed after that and never reached it — a Next
// lost on the way, a closed tab, a phone out of battery. On a form with
// data-device-draft="<survey address>":
// - every change writes the screen's answers to localStorage;
// - when the same screen is shown again (the send did not arrive), they are put back
//   over what the server had, and data-restored is said in a status line;
// - when another screen is shown, the server has the answers: the copy is removed.
// The thanks page (data-device-draft-done) removes it too, and a copy older than a
// day (as long as the server keeps an anonymous draft) is removed wherever found.
"use strict";

(() => {
  const PREFIX = "ortaq-draft:";
  const DAY = 24 * 60 * 60 * 1000;
  let storage;
  try {
    storage = window.localStorage;
    storage.getItem(PREFIX); // private modes may refuse here rather than above
  } catch {
    return;
  }

  const read = (key) => {
    try {
      return JSON.parse(storage.getItem(key) || "null");
    } catch {
      return null;
    }
  };

  for (let i = storage.length - 1; i >= 0; i -= 1) {
    const key = storage.key(i);
    const kept = key && key.startsWith(PREFIX) ? read(key) : null;
    if (key && key.startsWith(PREFIX) && (!kept || Date.now() - kept.at > DAY)) {
      storage.removeItem(key);
    }
  }

  const done = document.querySelector("[data-device-draft-done]");
  if (done) {
    storage.removeItem(PREFIX + done.dataset.deviceDraftDone);
  }

  const form = document.querySelector("form[data-device-draft]");
  if (!form) {
    return;
  }
  const key = PREFIX + form.dataset.deviceDraft;
  const screen = form.elements.namedItem("screen")?.value ?? "";
  const fields = () => [...form.elements].filter((field) => field.name && field.name.startsWith("q-"));

  const kept = read(key);
  if (kept && kept.screen !== screen) {
    storage.removeItem(key);
  } else if (kept) {
    let changed = false;
    const place = {}; // the n-th field of a name (a ranking's places) takes the n-th value
    for (const field of fields()) {
      if (!(field.name in kept.answers)) {
        continue;
      }
      const value = kept.answers[field.name];
      if (field.type === "radio" || field.type === "checkbox") {
        const checked = value.includes(field.value);
        changed ||= field.checked !== checked;
        field.checked = checked;
      } else {
        const n = (place[field.name] = (place[field.name] ?? -1) + 1);
        if (n < value.length && field.value !== value[n]) {
          field.value = value[n];
          changed = true;
        }
      }
    }
    if (changed && form.dataset.restored) {
      const said = document.createElement("p");
      said.className = "message";
      said.setAttribute("role", "status");
      said.textContent = form.dataset.restored;
      form.prepend(said);
    }
  }

  const keep = () => {
    const answers = {};
    for (const field of fields()) {
      const values = (answers[field.name] ||= []);
      if ((field.type !== "radio" && field.type !== "checkbox") || field.checked) {
        values.push(field.value);
      }
    }
    try {
      storage.setItem(key, JSON.stringify({ screen, at: Date.now(), answers }));
    } catch {
      // A full storage keeps nothing more on the device; the server still keeps each sent screen.
    }
  };
  form.addEventListener("input", keep);
  form.addEventListener("change", keep);
})();
