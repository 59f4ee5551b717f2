// Recording an experience: the suggestion is already filled in; Enter (or "a") accepts it,
// and the copy button puts the thank-you reply on the clipboard.
(function () {
  "use strict";
  function typing(target) {
    return target.closest("input[type=text], input[type=date], textarea, select, [contenteditable]");
  }
  document.addEventListener("keydown", (event) => {
    const form = document.querySelector("form[data-accept-key]");
    if (!form || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (event.key === "a" || (event.key === "Enter" && event.target === document.body)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  document.querySelectorAll("[data-copy]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", async () => {
      const source = document.getElementById(button.dataset.copy);
      try {
        await navigator.clipboard.writeText(source.value);
        button.textContent = "Copied";
      } catch {
        source.focus();
        source.select();
      }
    });
  });
})();
