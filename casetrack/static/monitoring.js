// Draw the monitoring charts from the JSON block the page carries (no inline scripts).
(function () {
  "use strict";
  var source = document.getElementById("monitoring-data");
  if (!source || typeof Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);

  var ageing = document.getElementById("ageing-chart");
  if (ageing) {
    new Chart(ageing, {
      type: "bar",
      data: {
        labels: data.ageing.labels,
        datasets: [{
          label: data.ageing.title,
          data: data.ageing.values,
          backgroundColor: ["#f0ad4e", "#fd7e14", "#dc3545", "#842029"],
        }],
      },
      options: {
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  }

  var monthly = document.getElementById("monthly-chart");
  if (monthly) {
    new Chart(monthly, {
      type: "line",
      data: {
        labels: data.monthly.labels,
        datasets: [
          { label: data.monthly.sent_label, data: data.monthly.sent,
            borderColor: "#0d6efd", backgroundColor: "#0d6efd", tension: 0.2 },
          { label: data.monthly.executed_label, data: data.monthly.executed,
            borderColor: "#198754", backgroundColor: "#198754", tension: 0.2 },
        ],
      },
      options: {
        maintainAspectRatio: false,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  }
})();
