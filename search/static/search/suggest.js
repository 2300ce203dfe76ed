// Suggestions under the search box: an ARIA 1.2 combobox with a listbox popup.
// Progressive enhancement: without this script the form is a plain GET search that works the same.
(() => {
    "use strict";
    const DELAY_MS = 150;
    const MIN_LENGTH = 2;

    function setUp(form) {
        const input = form.querySelector('input[type="search"]');
        const list = form.querySelector('[role="listbox"]');
        const status = form.querySelector('[role="status"]');
        if (!input || !list) return;
        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-controls", list.id);
        input.setAttribute("aria-expanded", "false");

        let timer = null;
        let controller = null;
        let active = -1;

        const options = () => Array.from(list.querySelectorAll('[role="option"]'));

        function close() {
            list.hidden = true;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        }

        function highlight(index) {
            const items = options();
            items.forEach((item, i) => item.setAttribute("aria-selected", String(i === index)));
            active = index;
            if (index >= 0) {
                input.setAttribute("aria-activedescendant", items[index].id);
                items[index].scrollIntoView({ block: "nearest" });
            } else {
                input.removeAttribute("aria-activedescendant");
            }
        }

        function render(suggestions) {
            list.replaceChildren();
            suggestions.forEach((suggestion, index) => {
                const item = document.createElement("li");
                item.id = `${list.id}-${index}`;
                item.setAttribute("role", "option");
                item.setAttribute("aria-selected", "false");
                item.dataset.url = suggestion.url;
                const title = document.createElement("span");
                title.textContent = suggestion.title;
                const kind = document.createElement("span");
                kind.className = "suggestions__kind";
                kind.textContent = suggestion.kind_label;
                item.append(title, " ", kind);
                item.addEventListener("mousedown", (event) => event.preventDefault());
                item.addEventListener("click", () => { window.location.href = suggestion.url; });
                list.append(item);
            });
            const count = suggestions.length;
            if (status) status.textContent = count ? `${count} ${form.dataset.suggestCount || ""}` : "";
            if (count) {
                list.hidden = false;
                input.setAttribute("aria-expanded", "true");
                active = -1;
            } else {
                close();
            }
        }

        async function fetchSuggestions() {
            const query = input.value.trim();
            if (query.length < MIN_LENGTH) { render([]); return; }
            if (controller) controller.abort();
            controller = new AbortController();
            try {
                const url = `${form.dataset.suggestUrl}?q=${encodeURIComponent(query)}`;
                const response = await fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } });
                if (!response.ok) return;
                const data = await response.json();
                if (data.query === input.value.trim()) render(data.suggestions);
            } catch (error) {
                if (error.name !== "AbortError") close();
            }
        }

        input.addEventListener("input", () => {
            clearTimeout(timer);
            timer = setTimeout(fetchSuggestions, DELAY_MS);
        });
        input.addEventListener("keydown", (event) => {
            const items = options();
            if (event.key === "ArrowDown" && items.length) {
                event.preventDefault();
                if (list.hidden) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
                highlight((active + 1) % items.length);
            } else if (event.key === "ArrowUp" && items.length && !list.hidden) {
                event.preventDefault();
                highlight(active <= 0 ? items.length - 1 : active - 1);
            } else if (event.key === "Enter" && active >= 0 && !list.hidden) {
                event.preventDefault();
                window.location.href = items[active].dataset.url;
            } else if (event.key === "Escape" && !list.hidden) {
                event.preventDefault();
                close();
            }
        });
        input.addEventListener("blur", close);
    }

    document.addEventListener("DOMContentLoaded", () => {
        document.querySelectorAll("form[data-suggest-url]").forEach(setUp);
    });
})();
