/* argkg view page: draws the view's JSON with vis-network and wires up the search box, the
   filters and the details panel.

   Debate text reaches the page only through textContent and through vis-network's string
   titles (which it shows with innerText): never as HTML.

   Filtering works on two sets of ids (the nodes and edges that pass); vis DataViews over the
   full DataSets read them, so a filter change is one pass over the data and a refresh. */
(function () {
  "use strict";

  var TOOLTIP_LIMIT = 600;   // characters of text in a hover tooltip; the panel shows all
  var TYPING_DELAY = 200;    // ms after the last key press before searching or filtering
  var SLIDER_STEPS = 1000;

  var data = JSON.parse(document.getElementById("argkg-data").textContent);
  var body = document.body;
  var byId = new Map();
  data.nodes.forEach(function (node) {
    node.title = tooltip(node);
    byId.set(node.id, node);
  });
  var needsEdge = new Set(data.needsEdge || []);

  function tooltip(node) {
    var text = node.text || "";
    if (text.length > TOOLTIP_LIMIT) text = text.slice(0, TOOLTIP_LIMIT - 1).trimEnd() + "…";
    return node.facts.concat(text ? ["", text] : []).join("\n");
  }

  // --- Which nodes and edges pass the filters ------------------------------------------

  var filters = {hidden: {}, author: "", from: -Infinity, to: Infinity};
  var shownNodes = new Set();
  var shownEdges = new Set();

  function passesFacets(item) {
    var facet = item.facet || {};
    for (var name in facet) {
      var hidden = filters.hidden[name];
      if (hidden && hidden.has(facet[name])) return false;
    }
    return true;
  }

  function passesAuthor(node) {
    // Only nodes that have an author (posts, units, commenters) are filtered by one.
    if (!filters.author || !("author" in node)) return true;
    return String(node.author || "").toLowerCase().indexOf(filters.author) >= 0;
  }

  function passesTime(item) {
    return !item.time || (item.time[1] >= filters.from && item.time[0] <= filters.to);
  }

  function computeShown() {
    shownNodes = new Set();
    shownEdges = new Set();
    data.nodes.forEach(function (node) {
      if (passesFacets(node) && passesAuthor(node) && passesTime(node)) shownNodes.add(node.id);
    });
    var linked = new Set();
    data.edges.forEach(function (edge) {
      if (shownNodes.has(edge.from) && shownNodes.has(edge.to) && passesFacets(edge) &&
          passesTime(edge)) {
        shownEdges.add(edge.id);
        linked.add(edge.from);
        linked.add(edge.to);
      }
    });
    // In the actor view a commenter or actor means something only through its edges.
    data.nodes.forEach(function (node) {
      if (needsEdge.has(node.kind) && !linked.has(node.id)) shownNodes.delete(node.id);
    });
  }

  // --- The network, drawn with the filters as the page starts (some edges start hidden) --

  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-facet]"));
  var authorBox = document.getElementById("argkg-author");
  var time = timeControls();
  readFilters();
  computeShown();
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var nodesView = new vis.DataView(nodes, {filter: function (n) { return shownNodes.has(n.id); }});
  var edgesView = new vis.DataView(edges, {filter: function (e) { return shownEdges.has(e.id); }});
  var network = new vis.Network(document.getElementById("argkg-network"),
                                {nodes: nodesView, edges: edgesView}, data.options);

  // Ready once drawn with its final layout: positions from the page, or physics that has
  // settled (then switched off, so the graph stops moving and dragged nodes stay put).
  // Tests and the benchmark read these attributes.
  var physics = Boolean(data.options.physics && data.options.physics.enabled);
  var laidOut = !physics;
  if (physics) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: false});
      laidOut = true;
      network.redraw();
    });
  }
  network.on("afterDrawing", function markReady() {
    if (!laidOut) return;
    network.off("afterDrawing", markReady);
    body.setAttribute("data-argkg-drawn", String(nodesView.length));
    body.setAttribute("data-argkg-ready", performance.now().toFixed(1));
  });

  // --- Details panel -------------------------------------------------------------------

  var panel = document.getElementById("argkg-details");
  var pinned = null;

  function append(parent, tag, text, className) {
    var element = document.createElement(tag);
    element.textContent = text;
    if (className) element.className = className;
    parent.appendChild(element);
    return element;
  }

  function showDetails(id) {
    var node = byId.get(id);
    if (!node) return;
    panel.replaceChildren();
    append(panel, "h2", node.facts[0] || node.label || String(id));
    var list = document.createElement("dl");
    [["Author", node.author], ["Time", node.when], ["Source", node.source]].forEach(function (row) {
      if (!row[1]) return;
      append(list, "dt", row[0]);
      append(list, "dd", row[1]);
    });
    if (list.children.length) panel.appendChild(list);
    node.facts.slice(1).forEach(function (fact) { append(panel, "p", fact, "argkg-fact"); });
    if (node.text) append(panel, "p", node.text, "argkg-text");
    panel.setAttribute("data-node", String(id));
  }

  network.on("hoverNode", function (event) {
    if (pinned === null) showDetails(event.node);
  });
  network.on("click", function (event) {
    pinned = event.nodes.length ? event.nodes[0] : null;
    if (pinned !== null) showDetails(pinned);
  });

  // --- Search ----------------------------------------------------------------------------

  var searchBox = document.getElementById("argkg-search");
  var matchesText = document.getElementById("argkg-matches");
  var haystacks = null;
  var matches = [];

  function haystack(node) {
    if (haystacks === null) {
      haystacks = new Map();
      data.nodes.forEach(function (n) {
        haystacks.set(n.id, [n.label, n.author, n.text].concat(n.facts).join("\n").toLowerCase());
      });
    }
    return haystacks.get(node.id);
  }

  function runSearch() {
    var query = searchBox.value.trim().toLowerCase();
    matches = [];
    if (query) {
      data.nodes.forEach(function (node) {
        if (shownNodes.has(node.id) && haystack(node).indexOf(query) >= 0) matches.push(node.id);
      });
    }
    network.selectNodes(matches, false);
    matchesText.textContent = query ? plural(matches.length, "match", "matches") : "";
    body.setAttribute("data-argkg-matches", String(matches.length));
  }

  function goToMatches() {
    runSearch();
    if (matches.length === 1) network.focus(matches[0], {scale: 1.2});
    else if (matches.length) network.fit({nodes: matches});
    if (matches.length) {
      pinned = matches[0];
      showDetails(pinned);
    }
  }

  searchBox.addEventListener("input", later(runSearch));
  searchBox.addEventListener("keydown", function (event) {
    if (event.key === "Enter") goToMatches();
  });

  // --- Filters ---------------------------------------------------------------------------

  function readFilters() {
    filters.hidden = {};
    boxes.forEach(function (box) {
      if (box.checked) return;
      var name = box.getAttribute("data-facet");
      (filters.hidden[name] = filters.hidden[name] || new Set()).add(box.getAttribute("data-value"));
    });
    filters.author = authorBox.value.trim().toLowerCase();
    var span = time.span();
    filters.from = span[0];
    filters.to = span[1];
  }

  function apply() {
    readFilters();
    computeShown();
    nodesView.refresh();
    edgesView.refresh();
    showStatus();
    if (searchBox.value.trim()) runSearch();
  }

  function showStatus() {
    document.getElementById("argkg-status").textContent =
      "Showing " + nodesView.length.toLocaleString("en") + " of " +
      data.nodes.length.toLocaleString("en") + " nodes, " +
      edgesView.length.toLocaleString("en") + " of " + data.edges.length.toLocaleString("en") +
      " edges";
    body.setAttribute("data-argkg-shown", String(nodesView.length));
  }

  function timeControls() {
    var stamps = [];
    data.nodes.concat(data.edges).forEach(function (item) {
      if (item.time) stamps.push(item.time[0], item.time[1]);
    });
    var from = document.getElementById("argkg-from");
    var to = document.getElementById("argkg-to");
    if (!stamps.length) return {span: function () { return [-Infinity, Infinity]; }, reset: function () {}};
    var first = Math.min.apply(null, stamps);
    var last = Math.max.apply(null, stamps);
    function at(slider) { return first + (last - first) * Number(slider.value) / SLIDER_STEPS; }
    function label() {
      if (Number(from.value) > Number(to.value)) from.value = to.value;
      document.getElementById("argkg-from-text").textContent = utc(at(from));
      document.getElementById("argkg-to-text").textContent = utc(at(to));
    }
    from.addEventListener("input", label);
    to.addEventListener("input", label);
    from.addEventListener("change", apply);
    to.addEventListener("change", apply);
    document.getElementById("argkg-time").hidden = false;
    label();
    return {
      span: function () {
        // The ends of the sliders mean "no limit", so nothing is lost to rounding.
        return [Number(from.value) <= 0 ? -Infinity : at(from),
                Number(to.value) >= SLIDER_STEPS ? Infinity : at(to)];
      },
      reset: function () { from.value = 0; to.value = SLIDER_STEPS; label(); }
    };
  }

  boxes.forEach(function (box) { box.addEventListener("change", apply); });
  authorBox.addEventListener("input", later(apply));
  document.getElementById("argkg-reset").addEventListener("click", function () {
    boxes.forEach(function (box) { box.checked = box.defaultChecked; });
    authorBox.value = "";
    searchBox.value = "";
    time.reset();
    apply();
    runSearch();
    network.fit();
  });

  // --- Small helpers -------------------------------------------------------------------

  function later(work) {
    var timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(work, TYPING_DELAY);
    };
  }

  function plural(count, one, many) {
    return count.toLocaleString("en") + " " + (count === 1 ? one : many);
  }

  function utc(ms) {
    return new Date(ms).toISOString().slice(0, 16).replace("T", " ") + " UTC";
  }

  showStatus();
  window.argkgView = {network: network, nodes: nodes, edges: edges, nodesView: nodesView,
                      edgesView: edgesView, apply: apply, showDetails: showDetails,
                      search: goToMatches};
}());
