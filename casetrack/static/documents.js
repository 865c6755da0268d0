// Batch printing: count the chosen requests and refuse too many; the server queues the batch
// as a job and answers with the job's page, which shows its progress and the download.
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
    // The server queues the batch and answers with the job's page, which shows progress.
    progress.querySelector(".message").textContent =
      form.dataset.preparing.replace("__COUNT__", String(count));
    progress.classList.remove("d-none");
    submit.disabled = true;
  });
})();
