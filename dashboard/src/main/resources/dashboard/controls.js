// motormesh dashboard controls: move one motor with a slider (its /SM/<name>/set topic) and publish any value
// on any topic, through POST /publish; shows what was sent and when it arrived.
"use strict";
const Controls = (() => {
  /** The slider sends at most this often while dragged (the server takes 10 a second in all). */
  const SEND_EVERY_MS = 150;
  const c = { motors: [], pending: null, timer: null, lastSendAt: 0, sent: null };

  function setTopic(name) { return "/SM/" + name + "/set"; }

  /** Nodes that will hear their set topic: a subscription (not the dashboards' "") that is a prefix of it. */
  function settable(n) {
    const t = setTopic(n.name);
    return !n.lost && (n.subscriptions || []).some(s => s !== "" && t.startsWith(s));
  }

  async function post(topic, value) {
    try {
      const r = await fetch("publish", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ topic, value }) });
      const body = await r.json().catch(() => ({ error: "HTTP " + r.status }));
      return r.ok ? body : { error: body.error || "HTTP " + r.status };
    } catch (e) {
      return { error: "dashboard not reachable: " + e.message };
    }
  }

  function say(id, text, cls) {
    const e = document.getElementById(id);
    e.textContent = text;
    e.className = "small " + (cls || "muted");
  }

  function motorNamed(name) { return c.motors.find(n => n.name === name); }

  async function sendAngle() {
    c.timer = null;
    if (!c.pending) return;
    const { name, angle } = c.pending;
    c.pending = null;
    c.lastSendAt = performance.now();
    const r = await post(setTopic(name), angle);
    if (r.error) {
      c.sent = null;
      say("motor-status", r.error, "error");
    } else {
      c.sent = { name, angle };
      say("motor-status", r.subscribers.length ? `sent ${angle}° to ${name}…` : `${name} does not listen to ${setTopic(name)}`, r.subscribers.length ? "muted" : "error");
    }
  }

  function onSlide() {
    const name = document.getElementById("motor-select").value;
    const angle = Number(document.getElementById("angle-slider").value);
    document.getElementById("angle-value").textContent = angle + "°";
    if (!name) return;
    c.pending = { name, angle };
    if (!c.timer) c.timer = setTimeout(sendAngle, Math.max(0, SEND_EVERY_MS - (performance.now() - c.lastSendAt)));
  }

  function showAngle(name) {
    const n = motorNamed(name);
    if (n && n.app && typeof n.app.angle === "number") {
      document.getElementById("angle-slider").value = n.app.angle;
      document.getElementById("angle-value").textContent = Math.round(n.app.angle) + "°";
    }
  }

  /** Each snapshot: the list of motors (kept selected), and whether the last angle sent has arrived. */
  function update(nodes) {
    c.motors = nodes.filter(settable).sort(Graph.byName);
    const select = document.getElementById("motor-select");
    const names = c.motors.map(n => n.name);
    const had = [...select.options].map(o => o.value).filter(v => v);
    if (names.join("|") !== had.join("|")) {
      const keep = select.value;
      select.textContent = "";
      select.appendChild(new Option(names.length ? "choose a motor…" : "no motor to move", ""));
      for (const name of names) select.appendChild(new Option(name, name));
      select.value = names.includes(keep) ? keep : "";
    }
    document.getElementById("angle-slider").disabled = !select.value;
    if (c.sent) {
      const n = motorNamed(c.sent.name);
      if (n && n.app && n.app.angle === c.sent.angle) {
        say("motor-status", `${c.sent.name} is at ${c.sent.angle}° ✓`, "ok");
        c.sent = null;
      }
    }
  }

  /** A node clicked in the graph: chosen here too when it is a motor. */
  function choose(n) {
    if (!n || !settable(n)) return;
    const select = document.getElementById("motor-select");
    select.value = n.name;
    document.getElementById("angle-slider").disabled = false;
    showAngle(n.name);
  }

  async function publishForm(e) {
    e.preventDefault();
    const topic = document.getElementById("pub-topic").value.trim();
    const value = document.getElementById("pub-value").value;
    const r = await post(topic, value);
    if (r.error) {
      say("pub-status", r.error, "error");
    } else {
      const to = r.subscribers.length ? `${r.subscribers.length} subscriber(s): ${r.subscribers.join(", ")}` : "no subscriber yet";
      say("pub-status", `sent ${r.kind} ${r.value} on ${r.topic} to ${to}`, "ok");
    }
  }

  function wire() {
    document.getElementById("angle-slider").addEventListener("input", onSlide);
    document.getElementById("motor-select").addEventListener("change", e => {
      showAngle(e.target.value);
      document.getElementById("angle-slider").disabled = !e.target.value;
      const n = motorNamed(e.target.value);
      if (n) Graph.select(n.id);
    });
    document.getElementById("publish-form").addEventListener("submit", publishForm);
  }

  return { update, choose, wire };
})();
