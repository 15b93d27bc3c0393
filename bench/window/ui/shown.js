// As the app does (ui/js/main.js): once the page has been painted, say so.
document.body.dataset.ready = "true";
requestAnimationFrame(() => requestAnimationFrame(() => window.__TAURI_INTERNALS__.invoke("shown")));
