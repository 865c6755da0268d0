// A job's status page: ask the server every second how far the job got, until it is finished.
(function () {
  "use strict";
  var box = document.getElementById("job-status");
  if (!box || box.dataset.finished === "true") { return; }
  var labels = JSON.parse(document.getElementById("job-labels").textContent);
  function show(state) {
    document.getElementById("job-state").textContent = labels[state.status] || state.status;
    document.getElementById("job-count").textContent = String(state.done);
    document.getElementById("job-total").textContent = state.total ? String(state.total) : "?";
    var bar = document.getElementById("job-bar");
    bar.style.width = state.total ? Math.round(100 * state.done / state.total) + "%" : "0%";
    bar.parentNode.setAttribute("aria-valuenow", String(state.done));
    bar.parentNode.setAttribute("aria-valuemax", String(state.total || 0));
    document.getElementById("job-message").textContent = state.message || "";
    if (state.status === "failed") {
      document.getElementById("job-error-text").textContent = state.error || "";
      document.getElementById("job-error").classList.remove("d-none");
    }
    if (state.status === "succeeded") {
      document.getElementById("job-result").classList.remove("d-none");
      var link = document.getElementById("job-download");
      if (state.result && state.result.download_url) {
        link.href = state.result.download_url;
        link.classList.remove("d-none");
      }
    }
  }
  function poll() {
    fetch(box.dataset.url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        show(state);
        if (!state.is_finished) { window.setTimeout(poll, 1000); }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 500);
})();
