// The disruption planner's curves: one chart per measure, one line per strategy.
(function () {
  "use strict";
  var source = document.getElementById("planner-data");
  if (!source || typeof Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var colours = {
    betweenness: "#dc3545",
    degree: "#0d6efd",
    cut_points: "#fd7e14",
    assets: "#198754",
    random: "#6c757d"
  };
  var charts = {};
  ["largest_share", "groups", "efficiency"].forEach(function (key) {
    var canvas = document.getElementById("chart-" + key);
    if (!canvas) {
      return;
    }
    var datasets = data.order.filter(function (name) { return data.curves[name]; }).map(function (name) {
      var values = [data.start[key]].concat(data.curves[name].map(function (step) { return step[key]; }));
      return {
        label: data.names[name],
        data: values,
        borderColor: colours[name] || "#333",
        backgroundColor: colours[name] || "#333",
        borderDash: name === "random" ? [6, 4] : [],
        borderWidth: name === data.chosen ? 3 : 1.5,
        pointRadius: 2,
        tension: 0
      };
    });
    charts[key] = new Chart(canvas, {
      type: "line",
      data: { labels: data.labels.slice(0, datasets[0] ? datasets[0].data.length : 1), datasets: datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: {
          title: { display: true, text: data.titles[key] },
          legend: { position: "bottom", labels: { boxWidth: 12, font: { size: 10 } } }
        },
        scales: {
          x: { title: { display: true, text: data.x } },
          y: { beginAtZero: true, suggestedMax: key === "groups" ? undefined : 1 }
        }
      }
    });
  });
  // Kept on the document so that browser tests can read what was drawn.
  document.plannerCharts = charts;
  document.body.dataset.plannerReady = "1";
}());
