// Upload several files at once, one request per file, each with its own progress bar.
// Without this script the form still posts all files together and the page reloads.
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("form.attachment-upload"), function (form) {
    var input = form.querySelector("input[type=file]");
    var area = form.querySelector(".upload-progress");
    form.addEventListener("submit", function (event) {
      if (!window.XMLHttpRequest || !window.FormData || !input.files.length) { return; }
      event.preventDefault();
      var files = Array.prototype.slice.call(input.files);
      var failed = 0;
      area.textContent = "";
      var chain = Promise.resolve();
      files.forEach(function (file) {
        var line = document.createElement("div");
        var label = document.createElement("span");
        var bar = document.createElement("progress");
        label.textContent = file.name + " ";
        bar.max = 100; bar.value = 0;
        line.appendChild(label); line.appendChild(bar);
        area.appendChild(line);
        chain = chain.then(function () { return send(file, bar, line); }).catch(function () { failed += 1; });
      });
      chain.then(function () { if (!failed) { window.location.reload(); } });
    });

    function send(file, bar, line) {
      return new Promise(function (resolve, reject) {
        var data = new FormData(form);
        data.delete("file");
        data.append("file", file, file.name);
        if (input.files.length > 1) { data.set("title", ""); }
        var xhr = new XMLHttpRequest();
        xhr.open("POST", form.action);
        xhr.setRequestHeader("X-Requested-With", "fetch");
        xhr.upload.addEventListener("progress", function (e) {
          if (e.lengthComputable) { bar.value = Math.round((e.loaded / e.total) * 100); }
        });
        xhr.addEventListener("load", function () {
          var message = document.createElement("span");
          if (xhr.status === 201) {
            bar.value = 100;
            message.textContent = " ✓";
            line.appendChild(message);
            resolve();
            return;
          }
          var text = xhr.statusText;
          try { text = JSON.parse(xhr.responseText).error.message; } catch (ignore) { /* keep */ }
          message.className = "text-danger";
          message.textContent = " " + text;
          line.appendChild(message);
          reject(new Error(text));
        });
        xhr.addEventListener("error", function () { reject(new Error("network")); });
        xhr.send(data);
      });
    }
  });
}());
