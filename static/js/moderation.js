// The moderation queue's keyboard: j/k move, Enter opens, one key per decision.
// Everything here only shortcuts links and forms that work without JavaScript.
(() => {
  "use strict";

  const typing = (el) =>
    el && (el.isContentEditable || el.tagName === "TEXTAREA" || el.tagName === "SELECT" ||
      (el.tagName === "INPUT" && !["checkbox", "radio", "submit", "button"].includes(el.type)));

  // The keyboard position survives opening an item and coming back: the row is in the URL's
  // fragment (the Back button) and in sessionStorage per queue view (the "Back to the queue"
  // link). A row decided meanwhile is gone: the position falls on the row that took its place.
  const positionKey = () => `hws-queue-position:${window.location.pathname}${window.location.search}`;

  function savePosition(row, index) {
    window.history.replaceState(null, "", `#${row.id}`);
    try {
      window.sessionStorage.setItem(positionKey(), JSON.stringify({ id: row.id, index }));
    } catch {
      // Storage refused (private browsing): the fragment still holds the position.
    }
  }

  function savedPosition(rows) {
    const fromHash = rows.findIndex((row) => `#${row.id}` === window.location.hash);
    if (fromHash >= 0) return fromHash;
    let saved = null;
    try {
      saved = JSON.parse(window.sessionStorage.getItem(positionKey()) || "null");
    } catch {
      return -1;
    }
    if (!saved) return -1;
    const found = rows.findIndex((row) => row.id === saved.id);
    return found >= 0 ? found : Math.min(Number(saved.index) || 0, rows.length - 1);
  }

  function queuePage(list) {
    const rows = Array.from(list.querySelectorAll("[data-queue-row]"));
    let index = -1;
    const select = (i) => {
      if (!rows.length) return;
      index = Math.max(0, Math.min(rows.length - 1, i));
      rows.forEach((row, n) => row.classList.toggle("is-selected", n === index));
      const link = rows[index].querySelector("[data-open]");
      link.focus();
      rows[index].scrollIntoView({ block: "nearest" });
      savePosition(rows[index], index);
    };
    const start = savedPosition(rows);
    if (start >= 0) select(start);
    rows.forEach((row, n) => {
      row.querySelector("[data-open]").addEventListener("click", () => savePosition(row, n));
    });
    return (event) => {
      if (event.key === "j") { select(index + 1); return true; }
      if (event.key === "k") { select(index - 1); return true; }
      if (event.key === "o" || (event.key === "Enter" && index < 0 && event.target === document.body)) {
        const row = rows[Math.max(index, 0)];
        if (row) { window.location.assign(row.querySelector("[data-open]").href); }
        return true;
      }
      return false;
    };
  }

  function itemPage() {
    const panels = Array.from(document.querySelectorAll("details[data-key]"));
    const openPanel = (panel) => {
      document.querySelectorAll("details.decision-panel[open]").forEach((p) => {
        if (p !== panel) p.open = false;
      });
      panel.open = true;
      const target = panel.querySelector("[data-autofocus]") || panel.querySelector("[data-submit]");
      target.focus();
      panel.scrollIntoView({ block: "nearest" });
    };
    return (event) => {
      if (event.key === "Escape") {
        document.querySelectorAll("details.decision-panel[open]").forEach((p) => { p.open = false; });
        if (document.activeElement) document.activeElement.blur();
        return true;
      }
      if (typing(event.target)) return false;
      const panel = panels.find((p) => p.dataset.key === event.key);
      if (panel) { openPanel(panel); return true; }
      const link = document.querySelector(`[data-key-link="${event.key}"]`);
      if (link) { window.location.assign(link.href); return true; }
      return false;
    };
  }

  function copyButtons() {
    document.querySelectorAll("[data-copy]").forEach((button) => {
      button.hidden = false;
      button.addEventListener("click", async () => {
        const source = document.getElementById(button.dataset.copy);
        const text = source.value !== undefined ? source.value : source.textContent;
        try {
          await navigator.clipboard.writeText(text);
          button.textContent = "Copied";
        } catch {
          source.focus();
          if (source.select) source.select();
          button.textContent = "Press Ctrl+C to copy";
        }
      });
    });
  }

  // One decision per click: a second click while the first is on its way would only be refused.
  function submitOnce() {
    const buttons = () => document.querySelectorAll("[data-decision-panels] [data-submit]");
    document.querySelectorAll("[data-decision-panels] form").forEach((form) => {
      form.addEventListener("submit", () => {
        form.querySelectorAll("[data-submit]").forEach((b) => { b.disabled = true; });
      });
    });
    // Coming back with the browser's Back button shows the page as it was left.
    window.addEventListener("pageshow", () => buttons().forEach((b) => { b.disabled = false; }));
  }

  // Each person may turn the single-key shortcuts off or choose other keys (WCAG 2.1.4):
  // the page carries their choice in data-shortcuts as {"on": bool, "keys": {usual: chosen}}.
  function personalKeys() {
    const holder = document.querySelector("[data-shortcuts]");
    const settings = holder ? JSON.parse(holder.dataset.shortcuts) : { on: true, keys: {} };
    const usualFor = new Map(Object.entries(settings.keys).map(([usual, chosen]) => [chosen, usual]));
    const moved = new Set(Object.keys(settings.keys));
    // The usual key of the action this press means, or null when the key does nothing.
    const translate = (key) => {
      if (key.length !== 1) return key;  // Enter, Escape, arrows: never remapped
      if (!settings.on) return null;
      if (usualFor.has(key)) return usualFor.get(key);
      return moved.has(key) ? null : key;
    };
    return translate;
  }

  document.addEventListener("DOMContentLoaded", () => {
    copyButtons();
    submitOnce();
    const list = document.querySelector("[data-queue]");
    const handler = list ? queuePage(list) : (document.querySelector("[data-decision-panels]") ||
      document.querySelector("[data-key-link]")) ? itemPage() : null;
    if (!handler) return;
    const translate = personalKeys();
    document.addEventListener("keydown", (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key !== "Escape" && typing(event.target)) return;
      const key = translate(event.key);
      if (key === null) return;
      const meant = key === event.key ? event : { key, target: event.target };
      if (handler(meant)) event.preventDefault();
    });
  });
})();
