/* Follow, unfollow, mute and unmute without reloading the page.
   Every button is a plain POST form that works on its own; this only sends it with fetch,
   then updates every button on the page for the same channel. On any failure the form is
   submitted the ordinary way. What a button shows ("Following", "Unfollow" under the pointer)
   follows its aria-pressed in CSS; the button just pressed keeps showing its new state until the
   pointer or the focus leaves it, so a click on "Follow" is not answered by "Unfollow". */
(function () {
  "use strict";

  function sync(kind, slug, state) {
    var forms = document.querySelectorAll("form[data-follow]");
    Array.prototype.forEach.call(forms, function (form) {
      if (form.elements.kind.value !== kind || form.elements.slug.value !== slug) return;
      var verb = form.getAttribute("data-follow");
      var on = verb === "mute" ? state.muted : state.following;
      var button = form.querySelector("button");
      form.elements.action.value = (on ? "un" : "") + verb;
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.title = button.getAttribute(on ? "data-undo-label" : "data-label");
    });
  }

  function settle(button) {
    button.classList.add("follow__button--settling");
    function done() {
      button.classList.remove("follow__button--settling");
      button.removeEventListener("mouseleave", done);
      button.removeEventListener("blur", done);
    }
    button.addEventListener("mouseleave", done);
    button.addEventListener("blur", done);
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
      settle(button);
    }).catch(function () {
      button.disabled = false;
      form.submit();
    });
  });
})();
