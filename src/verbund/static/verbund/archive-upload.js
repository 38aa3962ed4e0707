/*
 * Upload of scans with progress (progressive enhancement of the archive's upload form).
 *
 * Without JavaScript the form posts as usual and the answer lists each file. With it,
 * the same form is sent by XMLHttpRequest so that the upload's progress can be shown;
 * the server answers JSON ({"files": [{"name", "ok", "pages", "message"}], "unit"})
 * and each file's result is listed in the polite live region. The texts come from
 * data-text-* attributes, translated by the server.
 */
(function () {
  "use strict";

  function start(form) {
    var progress = form.querySelector(".archive-upload__progress");
    var region = form.querySelector(".archive-upload__results");
    var button = form.querySelector("button[type=submit]");
    if (!progress || !region || !button || !window.FormData || !window.XMLHttpRequest) {
      return;
    }

    function text(name) {
      return form.getAttribute("data-text-" + name) || "";
    }

    function paragraph(content) {
      var p = document.createElement("p");
      p.className = "kern-body";
      p.textContent = content;
      return p;
    }

    function showResults(answer) {
      var nodes = [];
      var list = document.createElement("ul");
      list.className = "kern-list";
      (answer.files || []).forEach(function (file) {
        var item = document.createElement("li");
        item.className = "kern-body";
        item.textContent = (file.ok ? text("stored") : text("refused")) + " " + String(file.message);
        list.appendChild(item);
      });
      (answer.errors || []).forEach(function (message) {
        nodes.push(paragraph(String(message)));
      });
      if (list.childNodes.length) {
        nodes.push(list);
      }
      if (answer.unit) {
        var link = document.createElement("a");
        link.className = "kern-link";
        link.href = answer.unit;
        link.textContent = text("back");
        var p = document.createElement("p");
        p.className = "kern-body";
        p.appendChild(link);
        nodes.push(p);
      }
      region.replaceChildren.apply(region, nodes);
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var request = new XMLHttpRequest();
      request.open("POST", form.action || window.location.href);
      request.setRequestHeader("Accept", "application/json");
      request.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) {
          var percent = Math.floor((e.loaded / e.total) * 100);
          progress.value = percent;
          progress.textContent = text("progress").replace("{percent}", String(percent));
          if (percent >= 100) {
            region.replaceChildren(paragraph(text("processing")));
          }
        }
      });
      request.addEventListener("load", function () {
        button.disabled = false;
        progress.hidden = true;
        if (request.status === 413) {
          region.replaceChildren(paragraph(text("too-large")));
          return;
        }
        var answer = null;
        try {
          answer = JSON.parse(request.responseText);
        } catch (ignored) {
          answer = null;
        }
        if (!answer) {
          region.replaceChildren(paragraph(text("failed")));
          return;
        }
        showResults(answer);
        form.reset();
      });
      request.addEventListener("error", function () {
        button.disabled = false;
        progress.hidden = true;
        region.replaceChildren(paragraph(text("failed")));
      });
      button.disabled = true;
      progress.value = 0;
      progress.hidden = false;
      region.replaceChildren();
      request.send(new FormData(form));
    });
  }

  document.querySelectorAll("form[data-archive-upload]").forEach(start);
})();
