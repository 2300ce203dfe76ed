// Progressive enhancement only: every page works without JavaScript.
document.documentElement.classList.add("js");

document.addEventListener("DOMContentLoaded", () => {
    const toggle = document.querySelector(".main-nav__toggle");
    const list = document.getElementById("main-nav-list");
    if (toggle && list) {
        toggle.addEventListener("click", () => {
            const open = list.classList.toggle("is-open");
            toggle.setAttribute("aria-expanded", String(open));
        });
    }
    // The language form submits itself when a language is picked; the button stays for no-JS visitors.
    const switcher = document.querySelector(".language-switcher select");
    if (switcher) {
        switcher.addEventListener("change", () => switcher.form.submit());
    }
});
