// Tells the portal, without anything about the visitor, that a results page was left without
// choosing a result: editors see such queries in the failed-query log and add synonyms for them.
(() => {
    "use strict";
    const list = document.querySelector("[data-no-click-url]");
    if (!list || !navigator.sendBeacon) return;
    let chosen = false;
    list.addEventListener("click", (event) => {
        if (event.target.closest("a")) chosen = true;
    });
    window.addEventListener("pagehide", () => {
        if (chosen) return;
        chosen = true; // once per page view, even if the page is shown again from the cache
        const data = new FormData();
        data.append("q", list.dataset.query);
        data.append("csrfmiddlewaretoken", list.dataset.csrf);
        navigator.sendBeacon(list.dataset.noClickUrl, data);
    });
})();
