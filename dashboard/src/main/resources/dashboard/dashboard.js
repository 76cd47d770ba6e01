// motormesh dashboard: draws each snapshot streamed on /events (server-sent events). No libraries.
"use strict";
const SVG = "http://www.w3.org/2000/svg";
const W = 1000, H = 640, R = 42, COLUMNS = [170, 500, 830];
const state = { snapshots: 0, last: null, lastAt: 0, times: [] };
window.motormesh = state;

function kindOf(n) { return n.kind || n.role || "node"; }
function colour(kind) {
  if (kind === "controller") return "controller";
  if (kind === "receiver" || kind === "motor") return "receiver";
  if (kind === "bridge" || kind === "dashboard") return kind;
  return "node";
}
function column(kind) {
  if (kind === "controller") return 0;
  if (kind === "receiver" || kind === "motor") return 2;
  return 1;
}
function centreRank(kind) { return kind === "dashboard" ? 0 : kind === "bridge" ? 2 : 1; }

function el(name, attrs, parent, text) {
  const e = document.createElementNS(SVG, name);
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  if (text !== undefined) e.textContent = text;
  if (parent) parent.appendChild(e);
  return e;
}

function layout(nodes, hasChannel) {
  const cols = [[], [], []];
  for (const n of nodes) cols[column(kindOf(n))].push(n);
  cols[1].sort((a, b) => centreRank(kindOf(a)) - centreRank(kindOf(b)) || a.name.localeCompare(b.name));
  cols[0].sort((a, b) => a.name.localeCompare(b.name));
  cols[2].sort((a, b) => a.name.localeCompare(b.name));
  const pos = {};
  cols.forEach((col, i) => {
    const bottom = i === 1 && hasChannel ? H - 170 : H - 80;
    const gap = col.length > 1 ? (bottom - 70) / (col.length - 1) : 0;
    col.forEach((n, j) => {
      pos[n.id] = { x: COLUMNS[i], y: col.length > 1 ? 70 + j * gap : (70 + bottom) / 2 };
    });
  });
  return pos;
}

function defs(svg) {
  const d = el("defs", {}, svg);
  for (const c of ["controller", "receiver", "bridge", "dashboard", "node", "channel"]) {
    const m = el("marker", { id: "arrow-" + c, viewBox: "0 0 10 10", refX: 8, refY: 5, markerWidth: 4, markerHeight: 4, orient: "auto-start-reverse" }, d);
    el("path", { d: "M0,0 L10,5 L0,10 z", style: "fill: var(--" + c + ")" }, m);
  }
}

function drawGraph(snap) {
  const svg = document.getElementById("graph");
  svg.textContent = "";
  defs(svg);
  const bridges = snap.nodes.filter(n => kindOf(n) === "bridge" && n.app && n.app.link);
  const pos = layout(snap.nodes, bridges.length > 0);
  const byId = {};
  snap.nodes.forEach(n => { byId[n.id] = n; });
  const links = el("g", { id: "links" }, svg);
  for (const l of snap.links) {
    const a = pos[l.a], b = pos[l.b];
    if (!a || !b) continue;
    el("line", { class: "link", x1: a.x, y1: a.y, x2: b.x, y2: b.y, "data-a": l.a, "data-b": l.b }, links);
    if (l.rtt_ms >= 0) {
      el("text", { class: "rtt", x: a.x + (b.x - a.x) * 0.4, y: a.y + (b.y - a.y) * 0.4 }, links, l.rtt_ms.toFixed(2) + " ms");
    }
  }
  if (bridges.length > 0) drawChannel(svg, bridges, pos);
  const flows = el("g", { id: "flows" }, svg);
  for (const f of snap.flows) {
    const a = pos[f.from], b = pos[f.to];
    if (a && b) flow(flows, a, b, colour(kindOf(byId[f.from])), f.topic);
  }
  const nodes = el("g", { id: "nodes" }, svg);
  for (const n of snap.nodes) drawNode(nodes, n, pos[n.id]);
}

function flow(parent, a, b, cls, topic) {
  const dx = b.x - a.x, dy = b.y - a.y, len = Math.hypot(dx, dy) || 1;
  const ux = dx / len, uy = dy / len;
  const sx = a.x + ux * (R + 4), sy = a.y + uy * (R + 4), ex = b.x - ux * (R + 10), ey = b.y - uy * (R + 10);
  const cx = (sx + ex) / 2 - uy * 40, cy = (sy + ey) / 2 + ux * 40;
  const p = el("path", { class: "flow", d: `M${sx},${sy} Q${cx},${cy} ${ex},${ey}`, "marker-end": `url(#arrow-${cls})`, style: `stroke: var(--${cls})` }, parent);
  el("title", {}, p, topic);
}

function drawChannel(svg, bridges, pos) {
  const g = el("g", { id: "channel" }, svg);
  const x = COLUMNS[1], y = H - 45;
  for (const b of bridges) {
    const p = pos[b.id];
    const open = b.app.link === "open";
    el("line", { x1: p.x, y1: p.y, x2: x, y2: y - 28, style: `stroke: var(--${open ? "good" : "bad"}); stroke-width: 4;` + (open ? "" : " stroke-dasharray: 8 8;") }, g);
  }
  el("rect", { class: "channel-box", x: x - 190, y: y - 28, width: 380, height: 56, rx: 28 }, g);
  el("text", { class: "channel-text", x: x, y: y + 6 }, g, "channel · LEGO hubs, pages");
}

function drawNode(parent, n, p) {
  if (!p) return;
  const kind = kindOf(n), cls = colour(kind);
  const angle = n.app && typeof n.app.angle === "number" ? n.app.angle : null;
  const g = el("g", { class: "node " + cls, transform: `translate(${p.x},${p.y})`, "data-id": n.id, "data-name": n.name, "data-kind": kind, "data-value": angle === null ? "" : angle }, parent);
  el("circle", { class: "body", r: R, style: `fill: var(--${cls})` }, g);
  if (angle !== null) {
    const rad = Math.PI * (1 - Math.max(0, Math.min(180, angle)) / 180);
    el("line", { class: "needle", x1: 0, y1: 8, x2: Math.cos(rad) * (R - 8), y2: 8 - Math.sin(rad) * (R - 8), opacity: 0.45 }, g);
    el("text", { class: "value", x: 0, y: 0 }, g, Math.round(angle) + "°");
  } else {
    el("text", { class: "value", x: 0, y: 0 }, g, kind === "bridge" ? "⇅" : kind === "dashboard" ? "◉" : "");
  }
  el("text", { class: "name", x: 0, y: R + 24 }, g, n.name);
  const sub = n.app && n.app.follows ? "follows " + n.app.follows : kind;
  el("text", { class: "rtt", x: 0, y: R + 46 }, g, sub);
  el("title", {}, g, `${n.name} (${kind}) ${n.address || ""}`);
}

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
  rows(tbody, snap.topics, t => {
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
  const bridges = snap.nodes.filter(n => kindOf(n) === "bridge");
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

function drawDrops(snap) {
  const drops = [];
  for (const n of snap.nodes) {
    for (const [reason, count] of Object.entries(n.dropped || {})) drops.push([n.name, reason, count]);
    if (n.app && n.app.dropped) {
      for (const [reason, count] of Object.entries(n.app.dropped)) drops.push([n.name, "bridge " + reason, count]);
    }
  }
  drops.sort((a, b) => b[2] - a[2]);
  const tbody = document.querySelector("#drops tbody");
  if (drops.length === 0) {
    tbody.innerHTML = '<tr><td colspan="3" class="muted">none</td></tr>';
    return;
  }
  rows(tbody, drops.slice(0, 12), d => [[d[0]], [d[1], "topic"], [String(d[2]), "num"]]);
}

function drawNodes(snap) {
  const nodes = [...snap.nodes].sort((a, b) => a.name.localeCompare(b.name));
  rows(document.querySelector("#nodes tbody"), nodes, n => {
    const c = n.counters || {};
    return [[n.name], [kindOf(n)], [String(c.sent ?? "–"), "num"], [String(c.received ?? "–"), "num"], [String(c.delivered ?? "–"), "num"]];
  });
}

function render(snap) {
  state.snapshots++;
  state.last = snap;
  const now = performance.now();
  state.lastAt = now;
  state.times.push(now);
  while (state.times.length && now - state.times[0] > 1000) state.times.shift();
  drawGraph(snap);
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
connect();
