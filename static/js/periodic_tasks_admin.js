"use strict";
// Admin site, periodic task form (django-celery-beat): under the crontab field, say in words
// when the chosen crontab runs. Replaces django-celery-beat's inline script, which CSP blocks.
document.addEventListener("DOMContentLoaded", () => {
  const data = document.getElementById("readable-crontabs");
  const select = document.getElementById("id_crontab");
  const help = document.querySelector(".field-crontab .help");
  if (!data || !select || !help) {
    return;
  }
  const readable = JSON.parse(data.textContent);
  const original = help.textContent.trim();
  const translation = document.querySelector(".field-crontab_translation");
  if (translation) {
    translation.hidden = true;
  }
  const explain = () => {
    const words = readable[select.value] || "";
    help.replaceChildren(original, document.createElement("br"), `Translation: ${words}`);
  };
  select.addEventListener("change", explain);
  if (select.value) {
    explain();
  }
});
