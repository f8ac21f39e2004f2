/* Follow, unfollow, mute and unmute without reloading the page.
   Every button is a plain POST form that works on its own; this only sends it with fetch,
   then updates every button on the page for the same channel. On any failure the form is
   submitted the ordinary way. */
(function () {
  "use strict";

  function sync(kind, slug, state) {
    var forms = document.querySelectorAll("form[data-follow]");
    Array.prototype.forEach.call(forms, function (form) {
      if (form.elements.kind.value !== kind || form.elements.slug.value !== slug) return;
      var verb = form.getAttribute("data-follow");
      var on = verb === "mute" ? state.muted : state.following;
      form.elements.action.value = (on ? "un" : "") + verb;
      form.querySelector("button").setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-follow]") || !window.fetch) return;
    event.preventDefault();
    var button = form.querySelector("button");
    button.disabled = true;
    // form.action would be the input named "action", not the address.
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: {"Accept": "application/json", "X-CSRFToken": form.elements.csrfmiddlewaretoken.value}
    }).then(function (response) {
      if (!response.ok) throw new Error("follow failed: " + response.status);
      return response.json();
    }).then(function (state) {
      button.disabled = false;
      sync(state.kind, state.slug, state);
    }).catch(function () {
      button.disabled = false;
      form.submit();
    });
  });
})();
