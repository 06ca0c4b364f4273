// Gatehouse pages: optional enhancements only. Every form works without this file.
"use strict";
document.addEventListener("submit", function (event) {
  // <form data-confirm="..."> asks before an action that cannot be undone.
  var form = event.target;
  var question = form.getAttribute && form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
document.addEventListener("click", function (event) {
  // <button data-copy="element-id"> copies that element's text (a client secret shown once).
  var button = event.target.closest && event.target.closest("button[data-copy]");
  if (!button || !navigator.clipboard) {
    return;
  }
  var source = document.getElementById(button.getAttribute("data-copy"));
  if (source) {
    navigator.clipboard.writeText(source.textContent.trim()).then(function () {
      button.textContent = "Copied";
    });
  }
});
document.querySelectorAll("button[data-copy]").forEach(function (button) {
  // Shown only where the script runs, since only the script can copy.
  button.hidden = false;
});
window.addEventListener("pagehide", function () {
  // A client secret is shown once: leaving the page blanks it, so Back cannot bring it up again from
  // the browser's back-forward cache (the page is never stored otherwise: Cache-Control: no-store).
  document.querySelectorAll("[data-secret]").forEach(function (secret) {
    secret.textContent = "(shown once; no longer available)";
  });
});
