// The network graph of /links/graph, drawn with sigma.js (WebGL) on graphology so that
// thousands of nodes stay usable. Positions come from the server (laid out once); data from
// the #graph-data JSON block (no inline script).
(function () {
  "use strict";
  var container = document.getElementById("graph");
  var source = document.getElementById("graph-data");
  if (!container || !source || typeof Sigma === "undefined" || typeof graphology === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  if (!data.nodes.length) {
    container.textContent = container.dataset.empty || "";
    return;
  }
  var kindColours = {
    person: "#0d6efd",
    company: "#6f42c1",
    asset: "#198754",
    "case": "#fd7e14",
    request: "#dc3545",
    country: "#6c757d"
  };
  var palette = ["#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6",
    "#bfef45", "#469990", "#9a6324", "#800000", "#808000", "#000075", "#a9a9a9", "#fabed4"];
  var graph = new graphology.Graph({ type: "undirected", multi: false });
  var maxima = { betweenness: 0, degree: 0, core: 0 };
  data.nodes.forEach(function (n) {
    maxima.betweenness = Math.max(maxima.betweenness, n.betweenness);
    maxima.degree = Math.max(maxima.degree, n.degree);
    maxima.core = Math.max(maxima.core, n.core || 0);
  });
  data.nodes.forEach(function (n) {
    graph.addNode(n.id, {
      x: n.x, y: n.y, label: n.label, kind: n.kind, url: n.url,
      community: n.community, betweenness: n.betweenness, degree: n.degree, core: n.core || 0,
      size: 4, color: kindColours[n.kind] || "#999"
    });
  });
  data.edges.forEach(function (e) {
    if (!graph.hasEdge(e.source, e.target)) {
      graph.addEdgeWithKey(e.id, e.source, e.target, {
        kind: e.kind, label: e.label, size: e.kind === "possible_match" ? 2 : 0.6,
        color: e.kind === "possible_match" ? "#d63384" : "#cccccc"
      });
    }
  });
  var state = { colour: "kind", size: "betweenness", hidden: {} };
  var colourBy = document.getElementById("graph-colour");
  var sizeBy = document.getElementById("graph-size");
  function restyle() {
    graph.forEachNode(function (id, attrs) {
      var colour = kindColours[attrs.kind] || "#999";
      if (state.colour === "community") {
        colour = attrs.community ? palette[(attrs.community - 1) % palette.length] : "#dddddd";
      }
      var value = maxima[state.size] > 0 ? attrs[state.size] / maxima[state.size] : 0;
      graph.mergeNodeAttributes(id, { color: colour, size: 3 + 12 * value });
    });
  }
  restyle();
  var renderer = new Sigma(graph, container, {
    renderEdgeLabels: false,
    labelRenderedSizeThreshold: 7,
    nodeReducer: function (node, attrs) {
      if (state.hidden[attrs.kind]) {
        return Object.assign({}, attrs, { hidden: true });
      }
      return attrs;
    },
    edgeReducer: function (edge, attrs) {
      var ends = graph.extremities(edge);
      if (state.hidden[graph.getNodeAttribute(ends[0], "kind")] ||
          state.hidden[graph.getNodeAttribute(ends[1], "kind")]) {
        return Object.assign({}, attrs, { hidden: true });
      }
      return attrs;
    }
  });
  // Kept on the element so that browser tests can find where a node was drawn.
  container.sigma = renderer;
  container.graph = graph;
  container.nodePosition = function (id) {
    var attrs = graph.getNodeAttributes(id);
    var point = renderer.graphToViewport({ x: attrs.x, y: attrs.y });
    var box = container.getBoundingClientRect();
    return { x: box.left + point.x, y: box.top + point.y, visible: !state.hidden[attrs.kind] };
  };
  renderer.on("clickNode", function (event) {
    var url = graph.getNodeAttribute(event.node, "url");
    if (url) {
      window.location.assign(url);
    }
  });
  renderer.on("enterNode", function (event) {
    container.style.cursor = graph.getNodeAttribute(event.node, "url") ? "pointer" : "";
  });
  renderer.on("leaveNode", function () { container.style.cursor = ""; });

  var boxes = document.querySelectorAll("#graph-filters input[type=checkbox]");
  function applyFilters() {
    state.hidden = {};
    boxes.forEach(function (box) { state.hidden[box.value] = !box.checked; });
    renderer.refresh();
  }
  boxes.forEach(function (box) { box.addEventListener("change", applyFilters); });
  if (colourBy) {
    colourBy.addEventListener("change", function () { state.colour = colourBy.value; restyle(); renderer.refresh(); });
  }
  if (sizeBy) {
    sizeBy.addEventListener("change", function () { state.size = sizeBy.value; restyle(); renderer.refresh(); });
  }
  var fit = document.getElementById("graph-fit");
  if (fit) {
    fit.addEventListener("click", function () { renderer.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 }); });
  }
  container.dataset.ready = "1";
}());
