// Batch printing: count the chosen requests, and while the server prepares the file show
// how many documents are being prepared, then hand the file to the browser as a download.
(function () {
  "use strict";
  var form = document.getElementById("batch-form");
  if (!form) { return; }
  var items = form.querySelectorAll(".batch-item");
  var all = document.getElementById("batch-all");
  var counter = document.getElementById("batch-count");
  var progress = document.getElementById("batch-progress");
  var failure = document.getElementById("batch-error");
  var submit = document.getElementById("batch-submit");
  var limit = parseInt(form.dataset.limit, 10);

  function chosen() {
    return Array.prototype.filter.call(items, function (box) { return box.checked; }).length;
  }
  function refresh() { if (counter) { counter.textContent = String(chosen()); } }
  Array.prototype.forEach.call(items, function (box) { box.addEventListener("change", refresh); });
  if (all) {
    all.addEventListener("change", function () {
      Array.prototype.forEach.call(items, function (box) { box.checked = all.checked; });
      refresh();
    });
  }
  refresh();

  function fileName(response) {
    var header = response.headers.get("Content-Disposition") || "";
    var match = /filename="([^"]+)"/.exec(header);
    return match ? match[1] : "documents";
  }

  form.addEventListener("submit", function (event) {
    var count = chosen();
    if (count === 0) { return; }  // the server answers with the form and its message
    failure.classList.add("d-none");
    if (count > limit) {
      event.preventDefault();
      failure.textContent = form.dataset.tooMany;
      failure.classList.remove("d-none");
      return;
    }
    if (!window.fetch || !window.URL || !window.URL.createObjectURL) { return; }
    event.preventDefault();
    progress.querySelector(".message").textContent =
      form.dataset.preparing.replace("__COUNT__", String(count));
    progress.classList.remove("d-none");
    submit.disabled = true;
    fetch(form.action || window.location.href, {
      method: "POST", body: new FormData(form), credentials: "same-origin"
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      var name = fileName(response);
      return response.blob().then(function (blob) {
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = name;
        document.body.appendChild(link);
        link.click();
        setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
      });
    }).catch(function () {
      failure.textContent = form.dataset.failed;
      failure.classList.remove("d-none");
    }).then(function () {
      progress.classList.add("d-none");
      submit.disabled = false;
    });
  });
})();
