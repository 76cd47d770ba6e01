// motormesh dashboard: draws each snapshot streamed on /events (server-sent events): the graph (graph.js), the
// controls (controls.js) and the tables. No libraries.
"use strict";
const state = { snapshots: 0, last: null, lastAt: 0, times: [] };
window.motormesh = state;
/** Drop reasons that are a node hearing itself (the bridge's channel echoes, a node's own multicast): normal. */
const ECHOES = new Set(["echo", "OWN_FRAME"]);

function rows(tbody, items, render) {
  tbody.textContent = "";
  for (const item of items) {
    const tr = document.createElement("tr");
    for (const [text, cls] of render(item)) {
      const td = document.createElement("td");
      if (cls) td.className = cls;
      if (text instanceof Node) td.appendChild(text); else td.textContent = text;
      tr.appendChild(td);
    }
    tbody.appendChild(tr);
  }
}

function drawTopics(snap) {
  const tbody = document.querySelector("#topics tbody");
  const topics = [...snap.topics].sort((a, b) => a.topic.localeCompare(b.topic, "en", { numeric: true }));
  rows(tbody, topics, t => {
    const from = document.createElement("span");
    from.textContent = t.from + " ";
    if (t.from_channel) {
      const tag = document.createElement("span");
      tag.className = "tag";
      tag.textContent = "channel";
      from.appendChild(tag);
    }
    return [[t.topic, "topic"], [t.value, "value"], [t.rate.toFixed(0) + "/s", "num"], [from, "small"]];
  });
}

function drawBridges(snap) {
  const box = document.getElementById("bridges");
  box.textContent = "";
  const bridges = snap.nodes.filter(n => Graph.kindOf(n) === "bridge");
  if (bridges.length === 0) {
    box.innerHTML = '<span class="muted">no bridge in the mesh</span>';
    return;
  }
  for (const b of bridges) {
    const a = b.app || {};
    const link = a.link || "unknown";
    const cls = link === "open" ? "good" : link === "connecting" || link === "waiting" ? "warn" : link === "stopped" ? "idle" : "bad";
    const card = document.createElement("div");
    card.className = "bridge-card";
    card.dataset.name = b.name;
    card.dataset.link = link;
    const cells = [["name", b.name], ["link", null], ["election", a.role || "?"],
      ["up / down", `${a.up ?? "?"} / ${a.down ?? "?"}`], ["queued", a.queued ?? "?"], ["coalesced", a.coalesced ?? "?"],
      ["channel", a.channel || ""]];
    for (const [label, value] of cells) {
      const l = document.createElement("span");
      l.className = "muted small";
      l.textContent = label;
      const v = document.createElement("span");
      if (label === "link") {
        v.className = "pill big " + cls;
        v.id = "bridge-link";
        v.textContent = link;
      } else {
        v.textContent = value;
        if (label === "channel") v.className = "small topic wide";
      }
      card.append(l, v);
    }
    box.appendChild(card);
  }
}

/** Real drops by reason; a node hearing its own messages is counted apart, in grey, as it is normal. */
function drawDrops(snap) {
  const drops = [];
  let echoes = 0;
  const add = (name, reason, count, shown) => {
    if (ECHOES.has(reason)) echoes += count; else drops.push([name, shown, count]);
  };
  for (const n of snap.nodes) {
    for (const [reason, count] of Object.entries(n.dropped || {})) add(n.name, reason, count, reason);
    if (n.app && n.app.dropped) {
      for (const [reason, count] of Object.entries(n.app.dropped)) add(n.name, reason, count, "bridge " + reason);
    }
  }
  drops.sort((a, b) => b[2] - a[2]);
  const tbody = document.querySelector("#drops tbody");
  const e = document.getElementById("echoes");
  e.textContent = echoes ? `own echoes ignored (normal): ${echoes}` : "";
  e.dataset.count = echoes;
  if (drops.length === 0) {
    tbody.innerHTML = '<tr><td colspan="3" class="muted">none</td></tr>';
    return;
  }
  rows(tbody, drops.slice(0, 12), d => [[d[0]], [d[1], "topic"], [String(d[2]), "num"]]);
}

function drawNodes(snap) {
  const nodes = [...snap.nodes].sort(Graph.byName);
  rows(document.querySelector("#nodes tbody"), nodes, n => {
    const c = n.counters || {};
    const role = Graph.badge(Graph.kindOf(n));
    return [[n.name, "small"], [role], [String(c.sent ?? "–"), "num"], [String(c.received ?? "–"), "num"], [String(c.delivered ?? "–"), "num"]];
  });
}

function render(snap) {
  state.snapshots++;
  state.last = snap;
  const now = performance.now();
  state.lastAt = now;
  state.times.push(now);
  while (state.times.length && now - state.times[0] > 1000) state.times.shift();
  Graph.draw(snap);
  Controls.update(snap.nodes);
  drawTopics(snap);
  drawBridges(snap);
  drawDrops(snap);
  drawNodes(snap);
  document.getElementById("summary").textContent = `${snap.nodes.length} nodes · ${snap.topics.length} topics`;
  document.getElementById("rate").textContent = `${state.times.length} updates/s`;
  setConn("live", "good", "live");
}

function setConn(state, cls, text) {
  const c = document.getElementById("conn");
  c.dataset.state = state;
  c.className = "pill " + cls;
  c.textContent = text;
}

function connect() {
  const events = new EventSource("events");
  events.onmessage = e => {
    try { render(JSON.parse(e.data)); } catch (err) { console.error(err); }
  };
  events.onerror = () => setConn("reconnecting", "bad", "reconnecting…");
}

setInterval(() => {
  if (state.lastAt && performance.now() - state.lastAt > 2000) setConn("stalled", "warn", "no updates");
}, 500);
Graph.wire();
Graph.onSelect = n => Controls.choose(n);
Controls.wire();
connect();
