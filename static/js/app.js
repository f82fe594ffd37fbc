// Lotse: small progressive enhancements on top of htmx. No inline script anywhere (strict CSP).
(function () {
  "use strict";

  // After a boosted navigation, move focus to the new page's main heading so screen
  // readers announce the page, as a full page load would.
  document.addEventListener("htmx:afterSettle", function (event) {
    var detail = event.detail || {};
    if (detail.boosted && detail.target === document.body) {
      var heading = document.querySelector("main h1");
      if (heading) {
        heading.setAttribute("tabindex", "-1");
        heading.focus({ preventScroll: false });
      }
      return;
    }
    // A fragment may name the element that should get focus after it was swapped in.
    var wanted = detail.target && detail.target.querySelector("[data-focus-after-swap]");
    if (wanted) {
      wanted.focus();
    }
  });

  // A secret link (feedback) carries its code in the URL fragment, which never reaches the
  // server or its logs; copy it into the code field and drop it from the address bar.
  function fillSecretFromHash() {
    var field = document.querySelector("[data-secret-from-hash]");
    if (field && window.location.hash.length > 1 && !field.value) {
      field.value = decodeURIComponent(window.location.hash.slice(1));
      history.replaceState(null, "", window.location.pathname + window.location.search);
    }
  }
  document.addEventListener("DOMContentLoaded", fillSecretFromHash);
  document.addEventListener("htmx:afterSettle", fillSecretFromHash);

  // Header menus are <details> disclosures and work without JavaScript; with it, Escape and a
  // click elsewhere close them, and opening one closes the other.
  function headerMenus() {
    return Array.prototype.slice.call(document.querySelectorAll("details.header-menu[open]"));
  }
  document.addEventListener("toggle", function (event) {
    var opened = event.target;
    if (opened.matches && opened.matches("details.header-menu") && opened.open) {
      headerMenus().forEach(function (menu) { if (menu !== opened) { menu.open = false; } });
    }
  }, true);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    headerMenus().forEach(function (menu) {
      menu.open = false;
      if (menu.contains(document.activeElement)) { menu.querySelector("summary").focus(); }
    });
  });
  document.addEventListener("click", function (event) {
    headerMenus().forEach(function (menu) { if (!menu.contains(event.target)) { menu.open = false; } });
  });

  // Elements with data-confirm ask before submitting (works only with JS; without JS
  // the server-side confirmation pages apply).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var message = form.getAttribute && form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
})();
