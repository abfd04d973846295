// A disclosure marked data-open-wide (the search filters) starts open on a desktop,
// where there is room for it, and as the page sent it on a phone (closed unless a
// filter is chosen). Without this script it stays as sent: one tap opens it.
"use strict";

if (window.matchMedia("(min-width: 48rem)").matches) {
  document.querySelectorAll("details[data-open-wide]").forEach((details) => {
    details.open = true;
  });
}
