// E-form helpers; the form works without them (conditions are checked on the server, the communes of
// a province are shown by the "Show the communes" button).
// 1. A field shown only when another has a given value is hidden while it does not.
// 2. Choosing a province loads its communes into the next select (no round trip to the server page).
(function () {
  "use strict";
  var form = document.querySelector(".eform");
  if (!form) return;
  var root = form.closest("form");

  function valueOf(name) {
    var inputs = root.querySelectorAll('[name="' + name + '"]');
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i];
      if (input.type === "checkbox" && inputs.length === 1) return input.checked ? "True" : "False";
      if ((input.type === "radio" || input.type === "checkbox") && !input.checked) continue;
      return input.value;
    }
    return "";
  }
  function applyConditions() {
    form.querySelectorAll("[data-show-when]").forEach(function (wrapper) {
      wrapper.hidden = valueOf(wrapper.dataset.showWhen) !== wrapper.dataset.showValue;
    });
  }
  root.addEventListener("change", applyConditions);
  root.addEventListener("input", applyConditions);
  applyConditions();

  var url = form.dataset.communesUrl;
  form.querySelectorAll(".eform__unit").forEach(function (unit) {
    var selects = unit.querySelectorAll("select");
    var province = selects[0];
    var commune = selects[1];
    var refresh = unit.querySelector(".eform__refresh");
    if (refresh) refresh.hidden = true;
    province.addEventListener("change", function () {
      commune.length = 1;
      if (!province.value) return;
      fetch(url.replace(/0\/$/, province.value + "/"))
        .then(function (response) { return response.json(); })
        .then(function (data) {
          data.communes.forEach(function (item) { commune.add(new Option(item.name, item.code)); });
        });
    });
  });
})();
