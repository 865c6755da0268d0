// The network graph of /links/graph: data from the #graph-data JSON block (no inline script).
(function () {
  "use strict";
  var container = document.getElementById("graph");
  var source = document.getElementById("graph-data");
  if (!container || !source || typeof cytoscape === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  if (!data.nodes.length) {
    container.textContent = container.dataset.empty || "";
    return;
  }
  var colours = {
    person: "#0d6efd",
    company: "#6f42c1",
    asset: "#198754",
    "case": "#fd7e14",
    request: "#dc3545",
    country: "#6c757d"
  };
  var shapes = {
    person: "ellipse",
    company: "round-rectangle",
    asset: "diamond",
    "case": "rectangle",
    request: "triangle",
    country: "hexagon"
  };
  var elements = data.nodes.map(function (n) {
    return { group: "nodes", data: n };
  }).concat(data.edges.map(function (e) {
    return { group: "edges", data: e };
  }));
  var cy = cytoscape({
    container: container,
    elements: elements,
    wheelSensitivity: 0.3,
    style: [
      {
        selector: "node",
        style: {
          "label": "data(label)",
          "font-size": 10,
          "text-valign": "bottom",
          "text-margin-y": 3,
          "background-color": function (node) { return colours[node.data("kind")] || "#999"; },
          "shape": function (node) { return shapes[node.data("kind")] || "ellipse"; },
          "width": function (node) { return 18 + 60 * node.data("betweenness"); },
          "height": function (node) { return 18 + 60 * node.data("betweenness"); }
        }
      },
      { selector: "node[url]", style: { "border-width": 2, "border-color": "#fff" } },
      {
        selector: "edge",
        style: { "width": 1.5, "line-color": "#bbb", "curve-style": "bezier", "label": "", "font-size": 8 }
      },
      {
        selector: "edge[kind = 'possible_match']",
        style: { "line-style": "dashed", "line-color": "#d63384", "width": 2 }
      },
      { selector: "edge:selected, edge.hover", style: { "label": "data(label)", "line-color": "#555" } }
    ],
    layout: { name: "cose", animate: false, nodeRepulsion: 9000, idealEdgeLength: 70, randomize: false }
  });
  // Kept on the element so that browser tests can find where a node was drawn.
  container.cytoscape = cy;
  cy.on("tap", "node", function (event) {
    var url = event.target.data("url");
    if (url) {
      window.location.assign(url);
    }
  });
  cy.on("mouseover", "edge", function (event) { event.target.addClass("hover"); });
  cy.on("mouseout", "edge", function (event) { event.target.removeClass("hover"); });
  cy.on("mouseover", "node[url]", function () { container.style.cursor = "pointer"; });
  cy.on("mouseout", "node", function () { container.style.cursor = ""; });

  var boxes = document.querySelectorAll("#graph-filters input[type=checkbox]");
  function applyFilters() {
    var hidden = {};
    boxes.forEach(function (box) { hidden[box.value] = !box.checked; });
    cy.batch(function () {
      cy.nodes().forEach(function (node) {
        node.style("display", hidden[node.data("kind")] ? "none" : "element");
      });
    });
  }
  boxes.forEach(function (box) { box.addEventListener("change", applyFilters); });
  var fit = document.getElementById("graph-fit");
  if (fit) {
    fit.addEventListener("click", function () { cy.fit(undefined, 20); });
  }
}());
