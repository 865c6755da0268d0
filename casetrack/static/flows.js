// The money trail's directed graph: accounts and parties, arrows weighted by the amount.
(function () {
  "use strict";
  var container = document.getElementById("flow-graph");
  var source = document.getElementById("flow-data");
  if (!container || !source || typeof cytoscape === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  if (!data.nodes.length) {
    container.textContent = container.dataset.empty || "";
    return;
  }
  var max = 0;
  data.edges.forEach(function (e) {
    if (e.kind === "money") { max = Math.max(max, parseFloat(e.amount)); }
  });
  var elements = data.nodes.map(function (n) {
    var label = n.label + (n.country ? " (" + n.country + ")" : "");
    return { group: "nodes", data: { id: n.id, kind: n.kind, label: label, url: n.url, flagged: n.is_flagged ? 1 : 0 } };
  }).concat(data.edges.map(function (e) {
    var width = e.kind === "money" && max > 0 ? 1 + 9 * parseFloat(e.amount) / max : 1;
    return { group: "edges", data: { id: e.id, source: e.source, target: e.target, kind: e.kind, label: e.label, width: width } };
  }));
  var cy = cytoscape({
    container: container,
    elements: elements,
    wheelSensitivity: 0.3,
    style: [
      { selector: "node", style: { "label": "data(label)", "font-size": 9, "text-wrap": "wrap", "text-max-width": 120, "text-valign": "bottom", "background-color": "#198754", "shape": "round-rectangle", "width": 22, "height": 16 } },
      { selector: "node[kind = 'person']", style: { "background-color": "#0d6efd", "shape": "ellipse" } },
      { selector: "node[kind = 'company']", style: { "background-color": "#6f42c1", "shape": "ellipse" } },
      { selector: "node[flagged = 1]", style: { "border-width": 3, "border-color": "#ffc107" } },
      { selector: "edge[kind = 'money']", style: { "width": "data(width)", "line-color": "#dc3545", "target-arrow-color": "#dc3545", "target-arrow-shape": "triangle", "curve-style": "bezier", "label": "data(label)", "font-size": 8, "text-rotation": "autorotate" } },
      { selector: "edge[kind = 'holds']", style: { "width": 1, "line-style": "dashed", "line-color": "#aaa" } }
    ],
    layout: { name: "breadthfirst", directed: true, spacingFactor: 1.1 }
  });
  container.cytoscape = cy;
  cy.on("tap", "node", function (event) {
    var url = event.target.data("url");
    if (url) { window.location.assign(url); }
  });
}());
