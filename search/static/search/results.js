// Tells the portal, without anything about the visitor, that a search failed: it found nothing, or
// its results page was left without choosing a result. Editors see such queries in the failed-query
// log and add synonyms for them. Reported here rather than by the page's GET, which writes nothing.
(() => {
    "use strict";
    if (!navigator.sendBeacon) return;

    const report = (element, url) => {
        const data = new FormData();
        data.append("q", element.dataset.query);
        data.append("csrfmiddlewaretoken", element.dataset.csrf);
        navigator.sendBeacon(url, data);
    };

    const nothingFound = document.querySelector("[data-nothing-found-url]");
    if (nothingFound) report(nothingFound, nothingFound.dataset.nothingFoundUrl);

    const list = document.querySelector("[data-no-click-url]");
    if (!list) return;
    let chosen = false;
    list.addEventListener("click", (event) => {
        if (event.target.closest("a")) chosen = true;
    });
    window.addEventListener("pagehide", () => {
        if (chosen) return;
        chosen = true; // once per page view, even if the page is shown again from the cache
        report(list, list.dataset.noClickUrl);
    });
})();
