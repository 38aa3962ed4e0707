/*
 * Live check of a form definition in the staff editor (progressive enhancement).
 *
 * While the builder types, the text is sent (debounced) to the check endpoint
 * named in data-validate-url; its answer {"ok": bool, "errors": [...]} replaces
 * the content of the polite live region named in data-result. The texts come
 * from data-text-* attributes, translated by the server. Without JavaScript the
 * "Prüfen und speichern" button does the same check.
 */
(function () {
  "use strict";

  var DELAY_MS = 600;

  function start(editor) {
    var textarea = editor.querySelector("textarea");
    var region = document.getElementById(editor.getAttribute("data-result"));
    var url = editor.getAttribute("data-validate-url");
    var form = editor.closest("form");
    var token = form ? form.querySelector("input[name=csrfmiddlewaretoken]") : null;
    if (!textarea || !region || !url || !token || !window.fetch) {
      return;
    }
    var timer = null;
    var sequence = 0;
    var controller = null;

    function paragraph(text) {
      var p = document.createElement("p");
      p.className = "kern-body";
      p.textContent = text;
      return p;
    }

    function show(result) {
      var errors = Array.isArray(result.errors) ? result.errors : [];
      var nodes = [];
      if (result.ok) {
        nodes.push(paragraph(editor.getAttribute("data-text-ok")));
      } else {
        var intro =
          errors.length === 1
            ? editor.getAttribute("data-text-one")
            : editor.getAttribute("data-text-many").replace("{count}", String(errors.length));
        nodes.push(paragraph(intro));
        var list = document.createElement("ul");
        list.className = "kern-list";
        errors.forEach(function (message) {
          var item = document.createElement("li");
          item.className = "kern-body";
          item.textContent = String(message);
          list.appendChild(item);
        });
        nodes.push(list);
      }
      region.replaceChildren.apply(region, nodes);
    }

    function failed() {
      region.replaceChildren(paragraph(editor.getAttribute("data-text-failed")));
    }

    function check() {
      sequence += 1;
      var mine = sequence;
      if (controller) {
        controller.abort();
      }
      controller = window.AbortController ? new AbortController() : null;
      fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": token.value },
        body: textarea.value,
        signal: controller ? controller.signal : undefined,
      })
        .then(function (response) {
          var type = response.headers.get("Content-Type") || "";
          if (type.indexOf("application/json") === -1) {
            throw new Error("unexpected answer " + response.status);
          }
          return response.json();
        })
        .then(function (result) {
          if (mine === sequence) {
            show(result);
          }
        })
        .catch(function (error) {
          if (error && error.name === "AbortError") {
            return;
          }
          if (mine === sequence) {
            failed();
          }
        });
    }

    textarea.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(check, DELAY_MS);
    });
  }

  document.querySelectorAll("[data-form-editor]").forEach(start);
})();
