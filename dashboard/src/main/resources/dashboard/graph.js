// motormesh dashboard graph: any number of nodes in role groups (controllers, the rest, motors), sized so that
// names never overlap; lost peers stay a minute, greyed; details of a node on hover or click. No libraries.
"use strict";
const Graph = (() => {
  const NS = "http://www.w3.org/2000/svg";
  /** A lost peer is drawn greyed this long after it left the snapshot. */
  const LOST_KEEP_MS = 60000;
  /** Nodes remembered at most (lost ones beyond are forgotten, oldest first). */
  const MAX_REMEMBERED = 300;
  /**
   * Up to this many nodes every link is drawn (faint) and names get a second line; beyond, only the focused
   * node's links. Round-trip times are written on the focused node's links only, and in its details.
   */
  const ALL_LINKS_UP_TO = 12;
  /** More links than this from the focused node: their times are in the details only. */
  const RTT_LABELS_UP_TO = 12;
  const seen = new Map();
  const widths = new Map();
  const measure = document.createElement("canvas").getContext("2d");
  const g = { selected: null, hovered: null, onSelect: () => {}, last: null, placed: [] };

  function kindOf(n) { return n.kind || n.role || "node"; }
  function colour(kind) {
    if (kind === "controller") return "controller";
    if (kind === "receiver" || kind === "motor") return "receiver";
    if (kind === "bridge" || kind === "dashboard") return kind;
    return "node";
  }
  function groupOf(kind) { return kind === "controller" ? 0 : kind === "receiver" || kind === "motor" ? 2 : 1; }
  function centreRank(kind) { return kind === "dashboard" ? 0 : kind === "bridge" ? 2 : 1; }
  const collator = new Intl.Collator("en", { numeric: true });
  const byName = (a, b) => collator.compare(a.name, b.name);
  /** The graph's size, kept by a ResizeObserver: reading it while drawing would force a layout every frame. */
  const size = { w: 0, h: 0 };

  function el(name, attrs, parent, text) {
    const e = document.createElementNS(NS, name);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }

  function textWidth(text, px) {
    const key = px + "|" + text;
    let w = widths.get(key);
    if (w === undefined) {
      if (widths.size > 5000) widths.clear();
      measure.font = `700 ${px}px system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif`;
      w = Math.ceil(measure.measureText(text).width);
      widths.set(key, w);
    }
    return w;
  }

  /** The snapshot's nodes plus the ones that left less than a minute ago, marked lost. */
  function withLost(nodes, now) {
    const here = new Set();
    for (const n of nodes) { seen.set(n.id, { node: n, at: now }); here.add(n.id); }
    const out = [...nodes];
    for (const [id, s] of seen) {
      if (here.has(id)) continue;
      if (now - s.at > LOST_KEEP_MS) { seen.delete(id); continue; }
      out.push(Object.assign({}, s.node, { lost: true }));
    }
    while (seen.size > MAX_REMEMBERED) seen.delete(seen.keys().next().value);
    return out;
  }

  /** The "-3f9a" most names end in (the demo's, or a room's), left out of the labels; "" when none is shared. */
  function sharedSuffix(nodes) {
    const counts = new Map();
    for (const n of nodes) {
      const m = /-[a-z0-9]{2,8}$/.exec(n.name);
      if (m) counts.set(m[0], (counts.get(m[0]) || 0) + 1);
    }
    let best = "", c = 0;
    for (const [k, v] of counts) if (v > c) { best = k; c = v; }
    return c >= 3 && c * 2 >= nodes.length ? best : "";
  }
  function label(name, suffix) {
    return suffix && name.endsWith(suffix) && name.length > suffix.length ? name.slice(0, -suffix.length) : name;
  }
  /** The text, or its first three letters, "…" and as much of its end as fits: "rec…er-29" (numbers are at the end). */
  function clip(text, px, max) {
    if (textWidth(text, px) <= max) return text;
    const head = text.slice(0, 3) + "…";
    let tail = text.slice(3);
    while (tail.length > 1 && textWidth(head + tail, px) > max) tail = tail.slice(1);
    return head + tail;
  }

  /**
   * Cells of equal size, column after column in each group, groups side by side: the largest scale whose cells
   * fit the box; cells are wider than every label, so labels cannot overlap; at the smallest scale labels are cut.
   * The channel's box takes {@code reserveBottom} under the controllers and the centre group, not the motors.
   */
  function layout(nodes, w, h, reserveBottom, suffix) {
    const groups = [[], [], []];
    for (const n of nodes) groups[groupOf(kindOf(n))].push(n);
    groups[0].sort(byName);
    groups[1].sort((a, b) => centreRank(kindOf(a)) - centreRank(kindOf(b)) || byName(a, b));
    groups[2].sort(byName);
    const used = groups.filter(x => x.length > 0).length;
    let L = null;
    for (let s = 1; s >= 0.25; s -= 0.05) {
      // circles shrink faster than names: the names are what a class reads from the back of the room
      const r = Math.max(9, Math.round(40 * s)), font = Math.max(12, Math.round(20 * Math.sqrt(s)));
      const sub = nodes.length <= ALL_LINKS_UP_TO && s > 0.75;
      const ch = 2 * r + 8 + font * 1.3 + (sub ? 22 : 0);
      let cw = 2 * r + 16;
      for (const n of nodes) cw = Math.max(cw, textWidth(label(n.name, suffix), font) + 14);
      const avail = i => Math.max(ch, h - (i < 2 ? reserveBottom : 0));
      const rows = groups.map((x, i) => Math.max(1, Math.floor(avail(i) / ch)));
      const cols = groups.map((x, i) => Math.ceil(x.length / rows[i]));
      const total = cols.reduce((a, b) => a + b, 0);
      L = { s, r, font, sub, ch, cw, rows, cols, total };
      if (total * cw + 12 * (used + 1) <= w) break;
      if (s - 0.05 < 0.25) L.cw = Math.floor((w - 12 * (used + 1)) / Math.max(1, total));
    }
    const gap = (w - L.total * L.cw) / (used + 1);
    const pos = {};
    L.spans = [];
    let x = gap;
    groups.forEach((grp, i) => {
      if (grp.length === 0) return;
      const avail = Math.max(L.ch, h - (i < 2 ? reserveBottom : 0));
      const perCol = Math.ceil(grp.length / L.cols[i]);
      const pitch = Math.min(avail / perCol, L.ch * 2.2);
      const top = (avail - pitch * perCol) / 2;
      grp.forEach((n, j) => {
        const c = Math.floor(j / perCol), row = j % perCol;
        pos[n.id] = { x: x + (c + 0.5) * L.cw, y: top + row * pitch + (pitch - L.ch) / 2 + L.r + 4 };
      });
      L.spans[i] = [x, x + L.cols[i] * L.cw];
      x += L.cols[i] * L.cw + gap;
    });
    L.pos = pos;
    return L;
  }

  function defs(svg) {
    const d = el("defs", {}, svg);
    for (const c of ["controller", "receiver", "bridge", "dashboard", "node", "channel"]) {
      const m = el("marker", { id: "arrow-" + c, viewBox: "0 0 10 10", refX: 8, refY: 5, markerWidth: 4, markerHeight: 4, orient: "auto-start-reverse" }, d);
      el("path", { d: "M0,0 L10,5 L0,10 z", style: "fill: var(--" + c + ")" }, m);
    }
  }

  function draw(snap) {
    const svg = document.getElementById("graph");
    if (!size.w) { size.w = svg.clientWidth; size.h = svg.clientHeight; }
    const w = Math.max(200, size.w), h = Math.max(200, size.h);
    svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
    svg.textContent = "";
    defs(svg);
    const nodes = withLost(snap.nodes, performance.now());
    const suffix = sharedSuffix(nodes);
    const bridges = nodes.filter(n => kindOf(n) === "bridge" && n.app && n.app.link && !n.lost);
    const L = layout(nodes, w, h, bridges.length > 0 ? 70 : 0, suffix);
    const byId = {};
    nodes.forEach(n => { byId[n.id] = n; });
    const focus = g.hovered || g.selected;
    drawLinks(svg, snap.links, L, nodes.length <= ALL_LINKS_UP_TO, focus, byId);
    if (bridges.length > 0) drawChannel(svg, bridges, L, h);
    const flows = el("g", { id: "flows" }, svg);
    for (const f of snap.flows) {
      const a = L.pos[f.from], b = L.pos[f.to];
      if (a && b && byId[f.from]) flow(flows, a, b, L.r, colour(kindOf(byId[f.from])), f.topic);
    }
    const group = el("g", { id: "nodes" }, svg);
    g.placed = [];
    for (const n of nodes) drawNode(group, n, L, suffix);
    g.last = { nodes: byId, links: snap.links, suffix };
    document.getElementById("suffix").textContent = suffix ? `names end in ${suffix}` : "";
    showHover();
  }

  function drawLinks(svg, links, L, all, focus, byId) {
    const group = el("g", { id: "links" }, svg);
    const mine = focus ? links.filter(l => l.a === focus || l.b === focus) : [];
    const labels = mine.length <= RTT_LABELS_UP_TO;
    for (const l of all ? links : mine) {
      const a = L.pos[l.a], b = L.pos[l.b];
      if (!a || !b) continue;
      const focused = l.a === focus || l.b === focus;
      el("line", { class: "link" + (focused ? " focus" : ""), x1: a.x, y1: a.y, x2: b.x, y2: b.y, "data-a": l.a, "data-b": l.b }, group);
      if (focused && labels && l.rtt_ms >= 0 && byId[l.a] && byId[l.b]) {
        const [near, far] = l.a === focus ? [a, b] : [b, a];
        el("text", { class: "rtt", x: near.x + (far.x - near.x) * 0.55, y: near.y + (far.y - near.y) * 0.55 }, group, l.rtt_ms.toFixed(2) + " ms");
      }
    }
  }

  function flow(parent, a, b, r, cls, topic) {
    const dx = b.x - a.x, dy = b.y - a.y, len = Math.hypot(dx, dy) || 1;
    const ux = dx / len, uy = dy / len;
    const sx = a.x + ux * (r + 4), sy = a.y + uy * (r + 4), ex = b.x - ux * (r + 8), ey = b.y - uy * (r + 8);
    const bend = Math.min(40, len / 6);
    const cx = (sx + ex) / 2 - uy * bend, cy = (sy + ey) / 2 + ux * bend;
    el("path", { class: "flow", d: `M${sx},${sy} Q${cx},${cy} ${ex},${ey}`, "marker-end": `url(#arrow-${cls})`, style: `stroke: var(--${cls}); stroke-width: ${Math.max(2, r / 8)}`, "data-topic": topic }, parent);
  }

  /** The channel's box, under the controllers and the centre group (where the bridges are). */
  function drawChannel(svg, bridges, L, h) {
    const group = el("g", { id: "channel" }, svg);
    const spans = [L.spans[0], L.spans[1]].filter(s => s);
    const left = Math.min(...spans.map(s => s[0])), right = Math.max(...spans.map(s => s[1]));
    const half = Math.min(190, (right - left) / 2), x = (left + right) / 2, y = h - 30;
    for (const b of bridges) {
      const p = L.pos[b.id];
      if (!p) continue;
      const open = b.app.link === "open";
      el("line", { x1: p.x, y1: p.y, x2: x, y2: y - 24, style: `stroke: var(--${open ? "good" : "bad"}); stroke-width: 4;` + (open ? "" : " stroke-dasharray: 8 8;") }, group);
    }
    el("rect", { class: "channel-box", x: x - half, y: y - 24, width: 2 * half, height: 48, rx: 24 }, group);
    const text = [18, 16, 14].map(px => [px, "channel · LEGO hubs, pages"]).concat([[16, "channel"]])
      .find(([px, t]) => textWidth(t, px) <= 2 * half - 24) || [13, "channel"];
    el("text", { class: "channel-text", x, y: y + 6, style: `font-size: ${text[0]}px` }, group, text[1]);
  }

  function angleOf(n) { return n.app && typeof n.app.angle === "number" ? n.app.angle : null; }

  function drawNode(parent, n, L, suffix) {
    const p = L.pos[n.id];
    if (!p) return;
    const kind = kindOf(n), cls = colour(kind), r = L.r, angle = angleOf(n);
    const state = (n.lost ? " lost" : "") + (n.id === g.selected ? " selected" : "") + (n.id === g.hovered ? " hovered" : "");
    const grp = el("g", { class: "node " + cls + state, transform: `translate(${p.x},${p.y})`, "data-id": n.id, "data-name": n.name, "data-kind": kind, "data-value": angle === null ? "" : angle, "data-lost": n.lost ? "1" : "" }, parent);
    el("circle", { class: "body", r, style: `fill: var(--${n.lost ? "lost" : cls})` }, grp);
    if (angle !== null) {
      const rad = Math.PI * (1 - Math.max(0, Math.min(180, angle)) / 180);
      const hub = r >= 26 ? 8 : 0;
      el("line", { class: "needle", x1: 0, y1: hub, x2: Math.cos(rad) * (r - 5), y2: hub - Math.sin(rad) * (r - 5), opacity: r >= 26 ? 0.45 : 0.9, style: `stroke-width: ${Math.max(2, r / 8)}` }, grp);
      if (r >= 26) el("text", { class: "value", x: 0, y: 0, style: `font-size: ${Math.round(r * 0.52)}px` }, grp, Math.round(angle) + "°");
    } else if (r >= 20) {
      el("text", { class: "value", x: 0, y: 0, style: `font-size: ${Math.round(r * 0.52)}px` }, grp, kind === "bridge" ? "⇅" : kind === "dashboard" ? "◉" : "");
    }
    const text = clip(label(n.name, suffix), L.font, L.cw - 12);
    el("text", { class: "name", x: 0, y: r + 4 + L.font, style: `font-size: ${L.font}px; stroke-width: ${Math.max(3, L.font / 3.5)}px` }, grp, text);
    if (L.sub) {
      const sub = n.lost ? "lost" : n.app && n.app.follows ? "→ " + label(n.app.follows, suffix) : kind;
      el("text", { class: "rtt sub", x: 0, y: r + 4 + L.font + 20 }, grp, clip(sub, 15, L.cw - 12));
    }
    g.placed.push({ id: n.id, x: p.x, y: p.y, r, bottom: r + 4 + L.font * 1.3, half: L.cw / 2 });
  }

  /** The node under (x, y) in the graph's coordinates: its circle or its label. */
  function hit(x, y) {
    for (const c of g.placed) {
      if (Math.abs(x - c.x) <= Math.max(c.r, c.half - 6) && y >= c.y - c.r && y <= c.y + c.bottom) return c.id;
    }
    return null;
  }

  function point(svg, e) {
    const b = svg.getBoundingClientRect();
    return [e.clientX - b.left, e.clientY - b.top];
  }

  function details(n) {
    if (!n || !g.last) return "";
    const kind = kindOf(n), a = n.app || {}, c = n.counters || {};
    const rows = [["role", kind + (a.role ? " · " + a.role : "")], ["state", n.lost ? "lost (left the mesh)" : "live"]];
    if (n.address) rows.push(["address", n.address]);
    if (angleOf(n) !== null) rows.push(["angle", Math.round(angleOf(n)) + "°"]);
    if (a.follows) rows.push(["follows", a.follows]);
    rows.push(["sent / recv / deliv", `${c.sent ?? "–"} / ${c.received ?? "–"} / ${c.delivered ?? "–"}`]);
    const rtts = g.last.links.filter(l => (l.a === n.id || l.b === n.id) && l.rtt_ms >= 0)
      .map(l => [g.last.nodes[l.a === n.id ? l.b : l.a], l.rtt_ms]).filter(x => x[0]).sort((x, y) => x[1] - y[1]);
    if (rtts.length) {
      const lim = rtts.slice(0, 6).map(([p, ms]) => `${label(p.name, g.last.suffix)} ${ms.toFixed(2)} ms`).join(", ");
      rows.push([`RTT (${rtts.length} peers)`, lim + (rtts.length > 6 ? ", …" : "")]);
    }
    return rows;
  }

  function fill(box, n) {
    box.textContent = "";
    const rows = details(n);
    if (!rows) return;
    const h = document.createElement("div");
    h.className = "detail-name";
    h.textContent = n.name + " ";
    h.appendChild(badge(kindOf(n)));
    box.appendChild(h);
    for (const [k, v] of rows) {
      const row = document.createElement("div");
      const key = document.createElement("span");
      key.className = "muted small";
      key.textContent = k + " ";
      const val = document.createElement("span");
      val.textContent = v;
      row.append(key, val);
      box.appendChild(row);
    }
  }

  function badge(kind) {
    const b = document.createElement("span");
    b.className = "badge " + colour(kind);
    b.textContent = kind;
    return b;
  }

  function showHover() {
    const tip = document.getElementById("hover-card");
    const n = g.hovered && g.last ? g.last.nodes[g.hovered] : null;
    tip.hidden = !n;
    if (n) fill(tip, n);
    const sel = document.getElementById("selected-card");
    const s = g.selected && g.last ? g.last.nodes[g.selected] : null;
    sel.hidden = !s;
    if (s) fill(sel.querySelector(".card-body"), s);
  }

  function wire() {
    const svg = document.getElementById("graph");
    new ResizeObserver(entries => {
      const r = entries[entries.length - 1].contentRect;
      size.w = Math.round(r.width);
      size.h = Math.round(r.height);
    }).observe(svg);
    const tip = document.getElementById("hover-card");
    svg.addEventListener("mousemove", e => {
      const [x, y] = point(svg, e);
      const id = hit(x, y);
      const panel = document.getElementById("graph-panel").getBoundingClientRect();
      tip.style.left = Math.min(e.clientX - panel.left + 16, panel.width - 300) + "px";
      tip.style.top = Math.min(e.clientY - panel.top + 16, panel.height - 160) + "px";
      if (id !== g.hovered) { g.hovered = id; showHover(); }
    });
    svg.addEventListener("mouseleave", () => { g.hovered = null; showHover(); });
    svg.addEventListener("click", e => {
      const [x, y] = point(svg, e);
      const id = hit(x, y);
      g.selected = id === g.selected ? null : id;
      showHover();
      if (g.selected && g.last) g.onSelect(g.last.nodes[g.selected]);
    });
  }

  return { draw, wire, badge, kindOf, colour, byName, select: id => { g.selected = id; showHover(); }, set onSelect(f) { g.onSelect = f; } };
})();
