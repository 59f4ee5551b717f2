// Site-wide behaviour that needs no inline script (the Content Security Policy forbids it).
document.addEventListener("DOMContentLoaded", () => {
  // Buttons that ask before doing something that cannot be undone: data-confirm="question".
  document.body.addEventListener("submit", (event) => {
    const button = event.submitter;
    const question = (button && button.dataset.confirm) || event.target.dataset.confirm;
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
});
