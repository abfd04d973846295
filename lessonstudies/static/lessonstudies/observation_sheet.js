// The Lesson Study observation sheet, working offline (issue 20). On a form with
// data-observation-sheet="<notes address>", a note is not posted by the browser: it
// gets a client id, goes into a queue in localStorage, and the queue is sent one note
// at a time (fetch POST, JSON, the form's CSRF token) now, when the connection
// returns and every few seconds. The server keeps a client id once, so a note sent
// twice (an answer lost on the way) is one note. Without this script the form posts.
"use strict";

(() => {
  const form = document.querySelector("form[data-observation-sheet]");
  if (!form) return;
  const url = form.dataset.observationSheet;
  const key = "ortaq-ls-notes:" + url;
  const status = form.querySelector(".ls-status");
  const list = document.querySelector(".ls-notes");
  let storage;
  try {
    storage = window.localStorage;
    storage.getItem(key);
  } catch {
    return;
  }
  const read = () => {
    try {
      return JSON.parse(storage.getItem(key) || "[]");
    } catch {
      return [];
    }
  };
  const write = (queue) => storage.setItem(key, JSON.stringify(queue));
  const uuid = () => {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
  const say = (text) => {
    if (status) status.textContent = text;
  };
  const show = () => {
    const waiting = read().length;
    if (waiting) {
      say(`${navigator.onLine ? "" : status.dataset.offline + " "}${status.dataset.waiting} ${waiting}`);
    }
    form.dataset.waiting = String(waiting);
  };
  let sending = false;
  const flush = async () => {
    if (sending || !navigator.onLine) return show();
    sending = true;
    try {
      for (;;) {
        const queue = read();
        if (!queue.length) break;
        const note = queue[0];
        let answer;
        try {
          answer = await fetch(url, {
            method: "POST",
            credentials: "same-origin",
            headers: {
              "Content-Type": "application/json",
              "X-CSRFToken": form.querySelector("[name=csrfmiddlewaretoken]").value,
            },
            body: JSON.stringify(note),
          });
        } catch {
          break; // the network is gone again: the note waits
        }
        if (answer.status >= 500) break;
        write(read().filter((kept) => kept.client_id !== note.client_id));
        if (answer.ok) say(status.dataset.sent);
      }
    } finally {
      sending = false;
      show();
    }
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = form.elements.text.value.trim();
    const pupil = form.querySelector("[name=pupil]:checked");
    if (!text || !pupil) return;
    const note = {
      client_id: uuid(),
      pupil: pupil.value,
      activity: form.elements.activity ? form.elements.activity.value : "",
      text,
      noted_at: new Date().toISOString(),
      seat_x: form.elements.seat_x.value,
      seat_y: form.elements.seat_y.value,
    };
    write([...read(), note]);
    if (list) {
      const item = document.createElement("li");
      const code = document.createElement("span");
      code.className = "badge";
      code.textContent = pupil.nextElementSibling.textContent;
      item.append(code, " " + new Date().toTimeString().slice(0, 5), document.createElement("br"), text);
      list.prepend(item);
      list.querySelector(".empty")?.remove();
    }
    form.elements.text.value = "";
    form.elements.text.focus();
    flush();
  });

  for (const seat of form.querySelectorAll("[data-seat]")) {
    seat.addEventListener("click", () => {
      const [col, row] = seat.dataset.seat.split(",").map(Number);
      const on = seat.getAttribute("aria-pressed") !== "true";
      for (const other of form.querySelectorAll("[data-seat]")) other.setAttribute("aria-pressed", "false");
      seat.setAttribute("aria-pressed", String(on));
      form.elements.seat_x.value = on ? ((col - 0.5) / 4).toFixed(3) : "";
      form.elements.seat_y.value = on ? ((row - 0.5) / 3).toFixed(3) : "";
    });
  }
  window.addEventListener("online", flush);
  window.addEventListener("offline", show);
  setInterval(flush, 10000);
  flush();
})();
