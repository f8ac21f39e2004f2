/* Suggest home cities while the reader types; the server checks whatever is submitted. */
(function () {
  "use strict";
  var script = document.currentScript;
  var input = document.querySelector("input[data-places]");
  var list = document.getElementById("place-options");
  if (!script || !input || !list || !window.fetch) return;
  var url = script.getAttribute("data-url");
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var query = input.value.trim();
    if (query.length < 2) return;
    timer = setTimeout(function () {
      fetch(url + "?q=" + encodeURIComponent(query), {credentials: "same-origin"})
        .then(function (response) { return response.ok ? response.json() : {places: []}; })
        .then(function (data) {
          list.textContent = "";
          data.places.forEach(function (place) {
            var option = document.createElement("option");
            option.value = place.label;
            list.appendChild(option);
          });
        })
        .catch(function () {});
    }, 200);
  });
})();
