// A filter box above the commune <select>: typing "cai nhum" (with or without diacritics) keeps the
// matching communes. Without this script the plain <select> still works.
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  document.querySelectorAll("select[data-filterable]").forEach(function (select) {
    var box = document.createElement("input");
    box.type = "search";
    box.id = select.id + "_filter";
    box.setAttribute("aria-controls", select.id);
    box.setAttribute("aria-label", select.dataset.filterLabel);
    box.placeholder = select.dataset.filterLabel;
    select.parentNode.insertBefore(box, select);
    var options = Array.prototype.slice.call(select.options);
    box.addEventListener("input", function () {
      var wanted = fold(box.value.trim());
      var first = null;
      options.forEach(function (option) {
        var shown = !option.value || fold(option.text).indexOf(wanted) !== -1;
        option.hidden = !shown;
        if (shown && option.value && !first) first = option;
      });
      if (wanted && first && (select.selectedIndex < 1 || select.options[select.selectedIndex].hidden)) {
        select.value = first.value;
      }
    });
  });
})();
