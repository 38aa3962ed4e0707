/*
 * The citizen assistant as a chat (progressive enhancement of /assistent/).
 *
 * Without JavaScript the form posts to the page, which answers with the whole page.
 * With it, the same form (and the choice buttons inside an answer) ask
 * POST /api/v1/assistant with JSON {question, place, ars, service}; the server
 * answers {outcome, message, note, html}, where html is the answer rendered by the
 * same template as the page (assistant/_reply.html). The citizen's words are only
 * ever set as text. On any failure the form is sent the ordinary way.
 * The texts come from data-text-* attributes, translated by the server.
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-assistant]");
  var log = document.querySelector("[data-assistant-log]");
  if (!form || !log || !window.fetch || !window.JSON || !document.createElement("template").content) {
    return;
  }
  var api = form.getAttribute("data-api");
  var question = form.querySelector("textarea[name=frage]");
  var place = form.querySelector("input[name=ort]");
  var key = form.querySelector("input[name=ars]");
  var token = form.querySelector("input[name=csrfmiddlewaretoken]");
  if (!api || !question || !place || !key || !token) {
    return;
  }
  var busy = false;

  function text(name) {
    return form.getAttribute("data-text-" + name) || "";
  }

  function value(container, name) {
    var field = container.querySelector("[name=" + name + "]");
    return field ? String(field.value) : "";
  }

  function turn(words) {
    var box = document.createElement("div");
    box.className = "assistant-turn assistant-turn--question";
    var label = document.createElement("p");
    label.className = "kern-label";
    label.textContent = text("asked");
    var said = document.createElement("p");
    said.className = "kern-body assistant-turn__text";
    said.textContent = words;
    box.appendChild(label);
    box.appendChild(said);
    return box;
  }

  function notice(content) {
    var p = document.createElement("p");
    p.className = "kern-body assistant-reply assistant-reply--waiting";
    p.textContent = content;
    return p;
  }

  // The server's answer, parsed inert (a <template> runs nothing) and put in place of
  // the waiting notice.
  function show(answer, waiting) {
    var holder = document.createElement("template");
    holder.innerHTML = answer.html;
    var reply = holder.content.querySelector("[data-assistant-reply]");
    if (!reply) {
      throw new Error("no answer");
    }
    waiting.replaceWith(holder.content);
    var ars = reply.getAttribute("data-place-ars");
    if (ars) {
      key.value = ars;
      place.value = reply.getAttribute("data-place-name") || place.value;
    }
    if (!reply.hasAttribute("data-keep-question")) {
      question.value = "";
    }
    var heading = reply.querySelector(".assistant-reply__heading");
    if (heading) {
      heading.focus();
    }
  }

  function ask(source, payload, said) {
    if (busy) {
      return;
    }
    busy = true;
    form.setAttribute("aria-busy", "true");
    if (said.trim()) {
      log.appendChild(turn(said));
    }
    var waiting = notice(text("wait"));
    log.appendChild(waiting);

    function fail() {
      waiting.textContent = text("failed");
      // The page itself answers; HTMLFormElement.submit() does not come back here.
      window.setTimeout(function () {
        source.submit();
      }, 1200);
    }

    window
      .fetch(api, {
        method: "POST",
        credentials: "same-origin",
        headers: {
          Accept: "application/json",
          "Content-Type": "application/json",
          "X-CSRFToken": token.value
        },
        body: JSON.stringify(payload)
      })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (answer) {
        if (!answer || typeof answer.html !== "string") {
          throw new Error("no answer");
        }
        show(answer, waiting);
        busy = false;
        form.removeAttribute("aria-busy");
      })
      .catch(fail);
  }

  // A new place typed in the field replaces the place chosen before.
  place.addEventListener("input", function () {
    key.value = "";
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    ask(
      form,
      {
        question: String(question.value),
        place: String(place.value),
        ars: String(key.value),
        service: ""
      },
      String(question.value)
    );
  });

  // The choices inside an answer (which service, which place) are forms of their own.
  log.addEventListener("submit", function (event) {
    var choice = event.target;
    if (!choice || !choice.matches || !choice.matches("form[data-assistant-choice]")) {
      return;
    }
    event.preventDefault();
    ask(
      choice,
      {
        question: value(choice, "frage"),
        place: "",
        ars: value(choice, "ars"),
        service: value(choice, "service")
      },
      choice.getAttribute("data-turn") || ""
    );
  });
})();
