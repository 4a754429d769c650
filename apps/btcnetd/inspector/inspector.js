// btcnet inspector: polls the node's JSON-RPC (same origin, same credentials as the page) once a
// second and draws its actors, the message flow between them, the connection requests, the peers
// and the trace. No libraries: the page must work offline, served by the node itself.
"use strict";

const POLL_MS = 1000;
const MAX_PEER_NODES = 120; // above this, peers are drawn as one node
const MAX_TRACE_LINES = 300;

const KIND_COLORS = {
  transport: "#9aa3b5", listener: "#5b8def", dialer: "#5b8def", dns_seeder: "#5b8def",
  conn_manager: "#d4730f", server: "#c0392b", addr_manager: "#27ae60", peer: "#8e44ad",
  rpc: "#16a085", registry: "#7f8c8d", tracer: "#7f8c8d",
};
// Where the node's singletons sit: the seed's flow reads top to bottom.
const SLOTS = {
  transport: [70, 60], listener: [230, 60], dialer: [430, 60], dns_seeder: [630, 60],
  registry: [800, 60], conn_manager: [230, 200], server: [430, 200], addr_manager: [630, 200],
  rpc: [800, 200], tracer: [800, 300],
};

let previous = null; // the last sample, for rates
let traceNext = 0;
let tracing = false;

async function rpc(calls) {
  const body = calls.map(([method, params], id) => ({ jsonrpc: "2.0", id, method, params: params || [] }));
  const response = await fetch("/", {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error("HTTP " + response.status);
  const replies = await response.json();
  replies.sort((a, b) => a.id - b.id);
  return replies.map((r) => {
    if (r.error) throw new Error(calls[r.id][0] + ": " + r.error.message);
    return r.result;
  });
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

function svg(tag, attrs) {
  const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  return e;
}

function rate(now, before, seconds) {
  return before === undefined || seconds <= 0 ? 0 : Math.max(0, (now - before) / seconds);
}

function fmt(x, digits = 0) {
  return Number.isFinite(x) ? x.toFixed(digits) : "–";
}

// ---- the graph ----

function layout(nodes) {
  const pos = new Map();
  const perKind = {};
  const peers = nodes.filter((n) => n.kind === "peer");
  for (const n of nodes) {
    if (n.kind === "peer") continue;
    const slot = SLOTS[n.kind] || [450, 300];
    const i = (perKind[n.kind] = (perKind[n.kind] || 0) + 1) - 1;
    pos.set(n.id, [slot[0] + i * 40, slot[1] + i * 30]);
  }
  if (peers.length > MAX_PEER_NODES) return { pos, grouped: peers.map((p) => p.id) };
  const perRow = 16;
  peers.forEach((p, i) => {
    const row = Math.floor(i / perRow);
    const inRow = Math.min(perRow, peers.length - row * perRow);
    const x = 450 + ((i % perRow) - (inRow - 1) / 2) * 52;
    pos.set(p.id, [x, 350 + row * 55]);
  });
  return { pos, grouped: [] };
}

function drawGraph(graph, edgeRates) {
  const root = document.getElementById("graph");
  root.replaceChildren();
  const { pos, grouped } = layout(graph.nodes);
  const groupId = "peers";
  if (grouped.length) pos.set(groupId, [450, 380]);
  const where = (id) => pos.get(grouped.includes(id) ? groupId : id);
  const merged = new Map();
  for (const e of graph.edges) {
    const key = (grouped.includes(e.from) ? groupId : e.from) + ">" + (grouped.includes(e.to) ? groupId : e.to);
    merged.set(key, (merged.get(key) || 0) + (edgeRates.get(e.from + ">" + e.to) || 0));
  }
  for (const [key, r] of merged) {
    const [from, to] = key.split(">");
    const a = where(isNaN(from) ? from : Number(from));
    const b = where(isNaN(to) ? to : Number(to));
    if (!a || !b || from === to) continue;
    const mx = (a[0] + b[0]) / 2 + (b[1] - a[1]) * 0.15;
    const my = (a[1] + b[1]) / 2 - (b[0] - a[0]) * 0.15;
    const width = 1 + 2.5 * Math.log10(1 + r);
    root.append(svg("path", {
      class: "edge" + (r > 0 ? " active" : ""), d: `M${a[0]},${a[1]} Q${mx},${my} ${b[0]},${b[1]}`,
      "stroke-width": width.toFixed(2), "data-edge": key,
    }));
    if (r >= 0.5) {
      const label = svg("text", { class: "edge-label", x: mx, y: my });
      label.textContent = fmt(r, r < 10 ? 1 : 0);
      root.append(label);
    }
  }
  const drawn = graph.nodes.filter((n) => !grouped.includes(n.id));
  if (grouped.length) drawn.push({ id: groupId, kind: "peer", name: grouped.length + " peers" });
  for (const n of drawn) {
    const [x, y] = pos.get(n.id);
    const g = svg("g", { class: "node", "data-kind": n.kind, "data-name": n.name, "data-id": n.id });
    g.append(svg("circle", { cx: x, cy: y, r: n.kind === "peer" ? 11 : 17, fill: KIND_COLORS[n.kind] || "#999" }));
    const label = svg("text", { x, y: y + (n.kind === "peer" ? 24 : 31) });
    label.textContent = n.kind === "peer" ? n.name.replace(/^127\.0\.0\.1:/, ":") : n.kind.replace("_", " ");
    g.append(label);
    const title = svg("title");
    title.textContent = `${n.kind} #${n.id} ${n.name}`;
    g.append(title);
    root.append(g);
  }
}

// ---- the tables ----

function drawActors(rows, sample, seconds) {
  const body = document.querySelector("#actors tbody");
  const ranked = rows.map((r) => {
    const before = previous && previous.actors.get(r.id);
    return {
      ...r,
      perSecond: rate(r.messages, before && before.messages, seconds),
      busy: before && seconds > 0 ? (100 * (r.busy_us - before.busy_us)) / (seconds * 1e6) : 0,
    };
  });
  ranked.sort((a, b) => b.perSecond - a.perSecond || b.busy - a.busy || a.id - b.id);
  body.replaceChildren(...ranked.map((r) => el("tr", { "data-actor-kind": r.kind, "data-actor-name": r.name, "data-actor-id": r.id },
    el("td", { class: "num" }, r.id), el("td", {}, r.kind), el("td", {}, r.name),
    el("td", { class: "num" }, fmt(r.perSecond, 1)), el("td", { class: "num" }, fmt(r.busy, 2)),
    el("td", { class: "num" }, r.mailbox), el("td", { class: "num" }, r.messages),
    el("td", { class: "num" }, r.idle_ms < 0 ? "–" : fmt(r.idle_ms / 1000, 1) + " s"))));
  document.getElementById("actor-count").textContent = `(${rows.length})`;
  for (const r of rows) sample.actors.set(r.id, r);
}

function drawRequests(connManager) {
  const body = document.querySelector("#requests tbody");
  const byState = (connManager && connManager.state && connManager.state.by_state) || {};
  const rows = Object.entries(byState).map(([state, v]) =>
    el("tr", { "data-state": state }, el("td", {}, state), el("td", { class: "num" }, v.count), el("td", { class: "num" }, v.retries)));
  body.replaceChildren(...rows);
}

async function act(calls) {
  try {
    await rpc(calls);
    setStatus("");
  } catch (e) {
    setStatus(e.message);
  }
}

function drawPeers(peers, sample, seconds) {
  const body = document.querySelector("#peers tbody");
  body.replaceChildren(...peers.map((p) => {
    const before = previous && previous.peers.get(p.id);
    sample.peers.set(p.id, p);
    const host = p.addr.replace(/:\d+$/, "").replace(/^\[|\]$/g, "");
    return el("tr", { "data-peer": p.addr },
      el("td", { class: "num" }, p.id), el("td", {}, p.addr), el("td", {}, p.connection_type), el("td", {}, p.subver),
      el("td", { class: "num" }, p.pingtime === undefined ? "–" : fmt(p.pingtime * 1000, 1)),
      el("td", { class: "num" }, fmt(rate(p.bytesrecv, before && before.bytesrecv, seconds))),
      el("td", { class: "num" }, fmt(rate(p.bytessent, before && before.bytessent, seconds))),
      el("td", { class: "num" }, p.banscore ?? ""),
      el("td", {},
        el("button", { type: "button", onclick: () => act([["disconnectnode", ["", p.id]]]) }, "disconnect"), " ",
        el("button", { type: "button", onclick: () => act([["setban", [host, "add"]]]) }, "ban")));
  }));
}

function drawTrace(page) {
  const list = document.getElementById("trace");
  for (const e of page.events) {
    const who = e.direction === "wire_in" ? `${e.peer} → ${e.to_name}` :
      e.direction === "wire_out" ? `${e.from_name} → ${e.peer}` : `${e.from_name} → ${e.to_name}`;
    const time = new Date(e.time * 1000).toISOString().slice(11, 23);
    list.append(el("li", { class: e.direction, value: e.seq }, `${time} ${who} ${e.type} ${e.summary}`));
  }
  while (list.children.length > MAX_TRACE_LINES) list.firstChild.remove();
  if (page.events.length) list.scrollTop = list.scrollHeight;
  traceNext = page.next;
  tracing = page.enabled;
  document.getElementById("trace-toggle").textContent = tracing ? "stop" : "start";
}

function setStatus(text) {
  document.getElementById("status").textContent = text;
}

// ---- the loop ----

async function refresh() {
  const [rows, graph, peers, network, connManager, page] = await rpc([
    ["listactors"], ["getactorgraph"], ["getpeerinfo"], ["getnetworkinfo"],
    ["listactors", ["conn_manager", true]], ["trace", ["read", { since: traceNext, max: 500 }]],
  ]);
  const now = performance.now();
  const seconds = previous ? (now - previous.time) / 1000 : 0;
  const sample = { time: now, actors: new Map(), peers: new Map(), edges: new Map() };
  const edgeRates = new Map();
  for (const e of graph.edges) {
    const key = e.from + ">" + e.to;
    sample.edges.set(key, e.messages);
    edgeRates.set(key, rate(e.messages, previous && previous.edges.get(key), seconds));
  }
  document.getElementById("node-info").textContent =
    `${network.subversion} · protocol ${network.protocolversion} · ${network.connections_in} in, ${network.connections_out} out`;
  drawGraph(graph, edgeRates);
  drawActors(rows, sample, seconds);
  drawRequests(connManager[0]);
  drawPeers(peers, sample, seconds);
  drawTrace(page);
  previous = sample;
}

async function loop() {
  try {
    await refresh();
    setStatus("");
  } catch (e) {
    setStatus("cannot reach the node: " + e.message);
  }
  setTimeout(loop, POLL_MS);
}

document.getElementById("trace-toggle").addEventListener("click", () =>
  act([["trace", [tracing ? "stop" : "start"]]]));
document.getElementById("connect-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const address = document.getElementById("connect-address").value.trim();
  if (address) act([["addnode", [address, "onetry"]]]);
});
loop();
