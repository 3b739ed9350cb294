/* kg graph view: draws the actors and events embedded in #kg-data with vis-network. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var style = data.style;
  var actorsById = {};
  var eventsById = {};
  var docsById = data.documents || {};
  data.actors.forEach(function (a) { actorsById[a.id] = a; });
  data.events.forEach(function (e) { eventsById[e.id] = e; });

  var eventsOfActor = {};
  data.actors.forEach(function (a) { eventsOfActor[a.id] = []; });
  data.events.forEach(function (e) {
    e.source.concat(e.target).forEach(function (id) {
      var list = eventsOfActor[id];
      if (list && list.indexOf(e.id) < 0) { list.push(e.id); }
    });
  });

  var el = function (tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; }
      else if (k === "className") { node.className = attrs[k]; }
      else if (k === "style") { node.setAttribute("style", attrs[k]); }
      else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  };

  var kindStyle = function (kind) { return style.actor_kinds[kind] || style.actor_kinds.other; };
  var categoryColor = function (type) { return style.event_categories[type] || "#bdbdbd"; };
  var toneColor = function (goldstein) {
    if (goldstein < 0) { return style.goldstein.conflict; }
    if (goldstein > 0) { return style.goldstein.cooperation; }
    return style.goldstein.neutral;
  };
  var widthOf = function (count) { return Math.min(1.5 + 1.5 * (count - 1), 10); };
  var actorName = function (id) { return actorsById[id] ? actorsById[id].label : id; };
  var byDate = function (a, b) {
    var da = eventsById[a].date || "9999", db = eventsById[b].date || "9999";
    return da < db ? -1 : da > db ? 1 : (a < b ? -1 : a > b ? 1 : 0);
  };
  var fold = function (s) {
    return (s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  };

  /* ---------- network data for the two views ---------- */

  function actorNode(a, degree) {
    var s = kindStyle(a.kind);
    var n = eventsOfActor[a.id].length;
    var tip = a.label + " (" + s.label + (a.country ? ", " + a.country : "") + ")";
    if (a.code) { tip += "\n" + a.code; }
    tip += "\n" + n + (n === 1 ? " event" : " events");
    return {
      id: a.id, label: a.label, group: "actor", shape: "dot", value: 1 + n,
      color: { background: s.color, border: "#333", highlight: { background: s.color, border: "#000" },
        hover: { background: s.color, border: "#000" } },
      borderWidth: 1, borderWidthSelected: 3,
      font: { color: "#111", strokeWidth: 4, strokeColor: "#ffffff" },
      scaling: { min: 12, max: 42, label: { enabled: true, min: 15, max: 34, maxVisible: 34, drawThreshold: 4 } },
      title: tip, hidden: degree === 0 && !showIsolated.checked
    };
  }

  function eventNode(e) {
    var tip = e.type + (e.mode ? " (" + e.mode + ")" : "") + (e.date ? "  " + e.date : "") +
      "\n" + e.source.map(actorName).join(", ") + " → " + (e.target.map(actorName).join(", ") || "—") +
      "\n\n" + (e.sentence || "");
    return {
      id: e.id, label: e.type, group: "event", shape: "diamond", size: 9,
      color: { background: categoryColor(e.type), border: "#555",
        highlight: { background: categoryColor(e.type), border: "#000" } },
      font: { size: 11, color: "#444", strokeWidth: 3, strokeColor: "#ffffff" },
      title: tip
    };
  }

  function addEdge(map, key, edge) {
    if (map[key]) { map[key].count += 1; return; }
    edge.count = 1;
    map[key] = edge;
  }

  function relationEdges(map) {
    /* one dashed edge per ordered pair, labelled with its distinct predicates */
    var byPair = {};
    data.relations.forEach(function (r) {
      var key = "r|" + r.source + "|" + r.target;
      var text = r.predicate + (r.role ? " (" + r.role + ")" : "");
      var entry = byPair[key] || (byPair[key] = { from: r.source, to: r.target, texts: [], predicates: [], count: 0 });
      if (entry.texts.indexOf(text) < 0) { entry.texts.push(text); }
      if (entry.predicates.indexOf(r.predicate) < 0) { entry.predicates.push(r.predicate); }
      entry.count += r.count || 1;
    });
    Object.keys(byPair).forEach(function (key) {
      var entry = byPair[key];
      map[key] = {
        from: entry.from, to: entry.to, kind: "relation", label: entry.predicates.join(", "), count: entry.count,
        title: actorName(entry.from) + " → " + actorName(entry.to) + "\n" + entry.texts.join("\n"), length: 190,
        dashes: [6, 4], arrows: "to", color: { color: style.relation, highlight: style.relation },
        font: { size: 10, color: "#455a64", strokeWidth: 3, strokeColor: "#ffffff", align: "middle" }
      };
    });
  }

  function eventViewEdges() {
    var map = {};
    data.events.forEach(function (e) {
      var color = { color: toneColor(e.goldstein), highlight: "#000", opacity: 0.8 };
      e.source.forEach(function (s) {
        addEdge(map, "s|" + s + "|" + e.id, { from: s, to: e.id, kind: "source", event: e.id, arrows: "to", color: color });
      });
      e.target.forEach(function (t) {
        addEdge(map, "t|" + e.id + "|" + t, { from: e.id, to: t, kind: "target", event: e.id, arrows: "to", color: color });
      });
    });
    relationEdges(map);
    return map;
  }

  function actorViewEdges() {
    var map = {};
    data.events.forEach(function (e) {
      e.source.forEach(function (s) {
        e.target.forEach(function (t) {
          var key = "d|" + s + "|" + t;
          if (!map[key]) { map[key] = { from: s, to: t, kind: "dyad", events: [], count: 0, arrows: "to" }; }
          map[key].events.push(e.id);
          map[key].count += 1;
        });
      });
    });
    Object.keys(map).forEach(function (key) {
      var edge = map[key];
      var tone = edge.events.reduce(function (sum, id) { return sum + (eventsById[id].goldstein || 0); }, 0) / edge.count;
      var types = {};
      edge.events.forEach(function (id) { types[eventsById[id].type] = (types[eventsById[id].type] || 0) + 1; });
      edge.goldstein = tone;
      edge.color = { color: toneColor(tone), highlight: "#000", opacity: 0.85 };
      edge.title = actorName(edge.from) + " → " + actorName(edge.to) + ": " + edge.count +
        (edge.count === 1 ? " event" : " events") + "\n" +
        Object.keys(types).sort().map(function (t) { return t + " ×" + types[t]; }).join(", ") +
        "\nmean Goldstein " + tone.toFixed(1);
    });
    relationEdges(map);
    return map;
  }

  function networkData(withEvents) {
    var edgeMap = withEvents ? eventViewEdges() : actorViewEdges();
    var keys = Object.keys(edgeMap).sort();
    var degree = {};
    var edges = keys.map(function (key, i) {
      var edge = edgeMap[key];
      degree[edge.from] = (degree[edge.from] || 0) + 1;
      degree[edge.to] = (degree[edge.to] || 0) + 1;
      edge.id = "e" + i;
      edge.width = widthOf(edge.count);
      if (edge.count > 1 && !edge.title) { edge.title = "×" + edge.count; }
      return edge;
    });
    var nodes = data.actors.map(function (a) { return actorNode(a, degree[a.id] || 0); });
    if (withEvents) {
      nodes = nodes.concat(data.events.map(function (e) {
        var node = eventNode(e);
        node.hidden = !degree[e.id] && !showIsolated.checked;  /* an event with no known actor */
        return node;
      }));
    }
    return { nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges) };
  }

  /* ---------- side panel ---------- */

  var panel = document.getElementById("kg-panel");
  var panelBody = document.getElementById("kg-panel-body");

  function actorLink(id) {
    var button = el("button", { type: "button", className: "kg-link", text: actorName(id) });
    button.addEventListener("click", function () { focusActor(id); });
    return button;
  }

  function sentenceWithTrigger(e) {
    var text = e.sentence || "";
    var quote = el("blockquote", { className: "kg-sentence" });
    var at = e.trigger ? text.indexOf(e.trigger) : -1;
    if (at < 0) { quote.textContent = text; return quote; }
    quote.appendChild(document.createTextNode(text.slice(0, at)));
    quote.appendChild(el("mark", { text: e.trigger }));
    quote.appendChild(document.createTextNode(text.slice(at + e.trigger.length)));
    return quote;
  }

  function joinLinks(ids) {
    var span = el("span");
    ids.forEach(function (id, i) {
      if (i) { span.appendChild(document.createTextNode(", ")); }
      span.appendChild(actorLink(id));
    });
    if (!ids.length) { span.textContent = "—"; }
    return span;
  }

  function eventItem(e) {
    var head = el("div", { className: "kg-event-head" }, [
      el("span", { className: "kg-date", text: e.date || "undated" }),
      el("span", { className: "kg-chip", style: "background:" + categoryColor(e.type), text: e.type }),
      joinLinks(e.source), document.createTextNode(" → "), joinLinks(e.target)
    ]);
    if (e.modality && e.modality !== "asserted") { head.appendChild(el("span", { className: "kg-modality", text: e.modality })); }
    if (e.attributed_to) { head.appendChild(el("span", { className: "kg-modality", text: "claimed by " + e.attributed_to })); }
    var item = el("li", { className: "kg-event", "data-event": e.id }, [head, sentenceWithTrigger(e)]);
    var docs = (e.documents || []).map(function (d) {
      var doc = docsById[d];
      return doc ? (doc.title || d) + (doc.published ? " (" + doc.published + ")" : "") : d;
    });
    var extra = [];
    if (e.mode) { extra.push(e.mode); }
    if (e.goldstein !== null && e.goldstein !== undefined) { extra.push("Goldstein " + e.goldstein); }
    if (docs.length) { extra.push(docs.join("; ")); }
    if (extra.length) { item.appendChild(el("div", { className: "kg-doc", text: extra.join(" · ") })); }
    return item;
  }

  function resized() {
    /* the canvas shares the row with the panel: resize it now rather than at vis' next poll */
    if (view.network) { view.network.setSize("100%", "100%"); view.network.redraw(); }
  }

  function showPanel(children) {
    panelBody.textContent = "";
    children.forEach(function (c) { panelBody.appendChild(c); });
    var opening = panel.hidden;
    panel.hidden = false;
    panel.scrollTop = 0;
    if (opening) { resized(); }
  }

  function showActor(id) {
    var a = actorsById[id];
    if (!a) { return; }
    var s = kindStyle(a.kind);
    var meta = [s.label, a.country, a.sector, a.code].filter(Boolean).join(" · ");
    var parts = [
      el("h2", { id: "kg-panel-title", text: a.label }),
      el("p", { className: "kg-meta" }, [el("span", { className: "kg-chip", style: "background:" + s.color + ";color:#fff", text: s.label }), " " + meta])
    ];
    if (a.roles && a.roles.length) { parts.push(el("p", { className: "kg-meta", text: a.roles.join("; ") })); }
    if (a.aliases && a.aliases.length) { parts.push(el("p", { className: "kg-meta", text: "also: " + a.aliases.join(", ") })); }
    var ids = eventsOfActor[id].slice().sort(byDate);
    parts.push(el("h3", { text: ids.length + (ids.length === 1 ? " event" : " events") }));
    parts.push(el("ul", { className: "kg-events" }, ids.map(function (eid) { return eventItem(eventsById[eid]); })));
    var rels = data.relations.filter(function (r) { return r.source === id || r.target === id; });
    if (rels.length) {
      parts.push(el("h3", { text: "Relations" }));
      parts.push(el("ul", { className: "kg-relations" }, rels.map(function (r) {
        return el("li", { className: "kg-meta" }, [actorLink(r.source), " " + r.predicate + (r.role ? " (" + r.role + ") " : " "), actorLink(r.target)]);
      })));
    }
    showPanel(parts);
    panel.setAttribute("data-actor", id);
  }

  function showEvents(title, ids) {
    showPanel([el("h2", { id: "kg-panel-title", text: title }),
      el("ul", { className: "kg-events" }, ids.slice().sort(byDate).map(function (eid) { return eventItem(eventsById[eid]); }))]);
    panel.removeAttribute("data-actor");
  }

  document.getElementById("kg-panel-close").addEventListener("click", function () { panel.hidden = true; resized(); });

  /* ---------- legend ---------- */

  function legend() {
    var box = document.getElementById("kg-legend");
    var kinds = {}, cats = {};
    data.actors.forEach(function (a) { kinds[a.kind in style.actor_kinds ? a.kind : "other"] = true; });
    data.events.forEach(function (e) { cats[e.type] = true; });
    var kindItems = Object.keys(style.actor_kinds).filter(function (k) { return kinds[k]; }).map(function (k) {
      return el("li", {}, [el("span", { className: "kg-swatch", style: "background:" + style.actor_kinds[k].color }), style.actor_kinds[k].label]);
    });
    var catItems = Object.keys(style.event_categories).filter(function (c) { return cats[c]; }).map(function (c) {
      return el("li", {}, [el("span", { className: "kg-swatch kg-diamond", style: "background:" + style.event_categories[c] }), c]);
    });
    var edgeItems = [
      el("li", {}, [el("span", { className: "kg-swatch kg-line", style: "border-top-color:" + style.goldstein.conflict }), "conflict (Goldstein < 0)"]),
      el("li", {}, [el("span", { className: "kg-swatch kg-line", style: "border-top-color:" + style.goldstein.cooperation }), "cooperation (> 0)"]),
      el("li", {}, [el("span", { className: "kg-swatch kg-line kg-dashed", style: "border-top-color:" + style.relation }), "relation"]),
      el("li", { text: "thicker = more events" })
    ];
    var group = function (title, items) {
      box.appendChild(el("div", { className: "kg-legend-group" }, [el("h4", { text: title }), el("ul", {}, items)]));
    };
    group("Actors", kindItems);
    if (catItems.length) { group("Events (PLOVER)", catItems); }
    group("Edges", edgeItems);
  }

  /* ---------- network, search, toggles ---------- */

  var showEvents_ = document.getElementById("kg-show-events");
  var showIsolated = document.getElementById("kg-show-isolated");
  if (data.events.length > data.max_event_nodes) { showEvents_.checked = false; }
  var container = document.getElementById("kg-network");
  var options = {
    autoResize: true,
    layout: { randomSeed: data.seed, improvedLayout: data.actors.length + data.events.length < 150 },
    physics: {
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -90, centralGravity: 0.012, springLength: 110, springConstant: 0.06, avoidOverlap: 0.6 },
      stabilization: { enabled: true, iterations: data.actors.length + data.events.length > 300 ? 250 : 600,
        updateInterval: 50, fit: true }
    },
    interaction: { hover: true, tooltipDelay: 150, multiselect: false },
    edges: { smooth: { enabled: true, type: "continuous", roundness: 0.3 }, arrows: { to: { scaleFactor: 0.6 } } },
    nodes: { borderWidth: 1 }
  };
  var view = { data: data, ready: false, waiting: [] };
  window.kgView = view;

  function draw() {
    var d = networkData(showEvents_.checked);
    view.ready = false;
    if (view.network) { view.network.destroy(); }
    var network = new vis.Network(container, d, options);
    view.network = network; view.nodes = d.nodes; view.edges = d.edges;
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      network.fit();
      view.ready = true;
      view.waiting.splice(0).forEach(function (fn) { fn(); });
    });
    network.on("click", function (params) {
      if (params.nodes.length) {
        var id = params.nodes[0];
        if (actorsById[id]) { showActor(id); }
        else if (eventsById[id]) { showEvents(eventsById[id].type + " · " + (eventsById[id].date || "undated"), [id]); }
      } else if (params.edges.length) {
        var edge = d.edges.get(params.edges[0]);
        if (edge.kind === "dyad") { showEvents(actorName(edge.from) + " → " + actorName(edge.to), edge.events); }
        else if (edge.event) { showEvents(eventsById[edge.event].type, [edge.event]); }
      }
    });
    var shown = d.nodes.get({ filter: function (n) { return !n.hidden; } }).length;
    document.getElementById("kg-stats").textContent = data.actors.length + " actors · " + data.events.length +
      " events · " + data.relations.length + " relations · " + shown + " nodes drawn";
  }

  function findActor(query) {
    var q = fold(query);
    if (!q) { return null; }
    var names = function (a) { return [a.label].concat(a.aliases || []).map(fold); };
    var tests = [
      function (n) { return n === q; },
      function (n) { return n.indexOf(q) === 0; },
      function (n) { return n.split(/\s+/).some(function (w) { return w.indexOf(q) === 0; }); },
      function (n) { return n.indexOf(q) >= 0; }
    ];
    for (var i = 0; i < tests.length; i++) {
      var hit = data.actors.filter(function (a) { return names(a).some(tests[i]); });
      if (hit.length) {
        hit.sort(function (a, b) { return eventsOfActor[b.id].length - eventsOfActor[a.id].length || (a.label < b.label ? -1 : 1); });
        return hit[0].id;
      }
    }
    return null;
  }

  function whenReady(fn) {
    if (view.ready) { fn(); } else { view.waiting.push(fn); }
  }

  function focusActor(id) {
    var node = view.nodes.get(id);
    if (node && node.hidden) { showIsolated.checked = true; draw(); }
    showActor(id);
    whenReady(function () {
      view.network.selectNodes([id]);
      view.network.focus(id, { scale: 1.3, animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    });
  }

  function search(query) {
    var status = document.getElementById("kg-search-status");
    var id = findActor(query);
    status.textContent = id || !query ? "" : "No actor matches “" + query + "”";
    if (id) { focusActor(id); }
    return id;
  }

  var datalist = document.getElementById("kg-actor-names");
  data.actors.map(function (a) { return a.label; }).sort().forEach(function (name) {
    datalist.appendChild(el("option", { value: name }));
  });
  document.getElementById("kg-search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    search(document.getElementById("kg-search").value);
  });
  showEvents_.addEventListener("change", draw);
  showIsolated.addEventListener("change", draw);

  view.search = search;
  view.showActor = showActor;
  view.focusActor = focusActor;
  legend();
  draw();
})();
