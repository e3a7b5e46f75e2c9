"""The HTML page template: a header, a legend and a vis-network canvas, all inline.

Placeholders (string.Template): `$title` (HTML-escaped), `$node_count`, `$tie_count`,
`$vis_js` (the vendored library) and `$graph_json` (the graph, escaped for a script tag).
The script parses the `graph-data` JSON, builds tooltips as DOM nodes (text only, never
HTML), draws the network and, after the first drawing, sets `data-rendered="true"` and
`data-drawn-nodes` on the body for headless checks.
"""

from __future__ import annotations

from string import Template

PAGE = Template("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>$title</title>
<style>
  html, body { margin: 0; height: 100%; font: 14px/1.4 system-ui, sans-serif; color: #222; }
  body { display: flex; flex-direction: column; }
  header { padding: 8px 14px; border-bottom: 1px solid #ddd; display: flex;
           flex-wrap: wrap; align-items: baseline; gap: 6px 18px; }
  h1 { font-size: 17px; margin: 0; }
  .counts { color: #666; }
  .legend { display: flex; flex-wrap: wrap; gap: 4px 12px; margin: 0; padding: 0;
            list-style: none; }
  .legend span { display: inline-block; width: 11px; height: 11px; border-radius: 50%;
                 margin-right: 5px; vertical-align: -1px; }
  #graph { flex: 1; min-height: 300px; }
  body div.vis-tooltip { max-width: 420px; white-space: normal; padding: 8px 10px;
                         font: 13px/1.35 system-ui, sans-serif; background: #fffff4; }
  .tip-kind { color: #666; margin-bottom: 4px; }
  .tip table { border-collapse: collapse; }
  .tip th { text-align: left; padding-right: 8px; color: #555; font-weight: 600;
            vertical-align: top; }
  .tip ul { margin: 2px 0 4px; padding-left: 18px; }
  .tip .evidence li { font-style: italic; }
</style>
</head>
<body>
<header>
  <h1>$title</h1>
  <span class="counts">$node_count entities, $tie_count ties</span>
  <ul class="legend" id="legend"></ul>
</header>
<div id="graph" data-node-count="$node_count"></div>
<script type="application/json" id="graph-data">$graph_json</script>
<script>$vis_js</script>
<script>
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);

  function element(tag, text, className) {
    var el = document.createElement(tag);
    if (text !== undefined) { el.textContent = text; }
    if (className) { el.className = className; }
    return el;
  }

  function shown(value) {
    return Array.isArray(value) ? value.join("; ") : String(value);
  }

  function listing(box, heading, items, className) {
    if (!items || !items.length) { return; }
    box.appendChild(element("strong", heading));
    var list = element("ul", undefined, className);
    items.forEach(function (item) { list.appendChild(element("li", item)); });
    box.appendChild(list);
  }

  function tooltip(heading, subheading, props) {
    var box = element("div", undefined, "tip");
    box.appendChild(element("strong", heading));
    box.appendChild(element("div", subheading, "tip-kind"));
    var table = element("table");
    Object.keys(props).forEach(function (key) {
      if (key === "sources" || key === "evidence") { return; }
      var row = element("tr");
      row.appendChild(element("th", key));
      row.appendChild(element("td", shown(props[key])));
      table.appendChild(row);
    });
    box.appendChild(table);
    listing(box, "Sources", props.sources, "sources");
    listing(box, "Evidence", props.evidence, "evidence");
    return box;
  }

  var names = {};
  data.nodes.forEach(function (n) { names[n.id] = n.label; });
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return { id: n.id, label: n.label, color: n.color, title: tooltip(n.label, n.kind, n.props) };
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    var heading = (names[e.from] || e.from) + " \\u2192 " + (names[e.to] || e.to);
    return { id: e.id, from: e.from, to: e.to, label: e.label, arrows: e.arrows,
             dashes: e.dashes, title: tooltip(heading, e.label, e.props) };
  }));

  var legend = document.getElementById("legend");
  Object.keys(data.colours).forEach(function (kind) {
    var item = element("li", kind);
    var swatch = element("span");
    swatch.style.background = data.colours[kind];
    item.insertBefore(swatch, item.firstChild);
    legend.appendChild(item);
  });

  var options = {
    nodes: { shape: "dot", size: 14, borderWidth: 1,
             font: { size: 14, color: "#222", strokeWidth: 3, strokeColor: "#ffffff" } },
    edges: { width: 1.2, color: { color: "#9a9a9a", highlight: "#333333", hover: "#555555" },
             font: { size: 11, color: "#444", strokeWidth: 4, strokeColor: "#ffffff" },
             smooth: { type: "continuous" } },
    physics: { solver: "forceAtlas2Based",
               forceAtlas2Based: { gravitationalConstant: -80, springLength: 150 },
               stabilization: { iterations: 400 } },
    layout: { randomSeed: 7 },
    interaction: { hover: true, tooltipDelay: 150 }
  };
  var network = new vis.Network(document.getElementById("graph"),
                                { nodes: nodes, edges: edges }, options);
  window.network = network;  /* for the browser console and page tests */
  network.once("afterDrawing", function () {
    document.body.dataset.drawnNodes = String(Object.keys(network.getPositions()).length);
    document.body.dataset.rendered = "true";
  });
})();
</script>
</body>
</html>
""")
