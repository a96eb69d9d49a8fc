// agent-memory inspector: plain DOM, no framework, no CDN. Memory content is untrusted text: it is
// only ever set with textContent, never parsed as HTML.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { key: sessionStorage.getItem("agent-memory-key"), who: null, user: null, memories: [], asOf: null };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k === "style") Object.assign(node.style, v); // CSSOM, allowed by the page's CSP (no inline styles)
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

async function api(route, body, { raw = false } = {}) {
  const resp = await fetch(route.startsWith("/") ? route : `/v1/${route}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "Authorization": `Bearer ${state.key}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!resp.ok) {
    let err = { type: "Error", message: `HTTP ${resp.status}` };
    try { err = (await resp.json()).error || err; } catch (_) { /* not JSON */ }
    throw new Error(`${err.type}: ${err.message}`);
  }
  return raw ? resp.text() : resp.json();
}

function showError(where, err) { const p = $(where); p.textContent = err ? String(err.message || err) : ""; p.hidden = !err; }
const scope = () => (state.who.role === "admin" ? { user_id: state.user } : {});
const fmt = (iso) => (iso ? new Date(iso).toISOString().replace("T", " ").slice(0, 16) : "now");

// ---------------------------------------------------------------- sign in
async function signIn(key) {
  state.key = key;
  try {
    state.who = await api("/v1/whoami");
  } catch (err) {
    sessionStorage.removeItem("agent-memory-key");
    state.key = null;
    showError("signin-error", err);
    return;
  }
  sessionStorage.setItem("agent-memory-key", key);
  showError("signin-error", null);
  $("signin").hidden = true; $("app").hidden = false; $("who").hidden = false;
  const w = state.who;
  $("who-text").textContent = `${w.role}${w.user_id ? " · " + w.user_id : ""}${w.agent_id ? " / " + w.agent_id : ""}`;
  if (w.role === "admin") {
    const stats = await api("stats", {all_scopes: true});  // every tenant: admin only
    const users = Object.keys(stats.by_user).sort();
    $("user").replaceChildren(...users.map((u) => el("option", { value: u }, u)));
    $("user-pick").hidden = false;
    state.user = users[0] || null;
  } else {
    $("scope-label").textContent = `scope: ${w.user_id}${w.agent_id ? " / " + w.agent_id : ""}`;
    $("scope-label").hidden = false;
    state.user = w.user_id;
  }
  await refresh();
}

function signOut() {
  sessionStorage.removeItem("agent-memory-key");
  location.reload();
}

// ---------------------------------------------------------------- memories on a timeline
async function refresh() {
  showError("app-error", null);
  $("history").hidden = true;
  if (!state.user) { state.memories = []; render(); return; }
  const items = [];
  let cursor = null;
  try {
    do {
      const page = await api("list", { ...scope(), include_superseded: true, limit: 500, cursor });
      items.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor && items.length < 5000);
  } catch (err) { showError("app-error", err); }
  state.memories = items;
  render();
}

function bounds() {
  const times = state.memories.flatMap((m) => [Date.parse(m.valid_from), m.valid_to ? Date.parse(m.valid_to) : Date.now()]);
  let lo = Math.min(...times, Date.now()), hi = Date.now();
  if (hi - lo < 60_000) lo = hi - 60_000;
  const pad = (hi - lo) * 0.02;
  return [lo - pad, hi + pad];
}

function validAt(m, t) {
  return Date.parse(m.valid_from) <= t && (!m.valid_to || Date.parse(m.valid_to) > t);
}

function render() {
  const [lo, hi] = bounds();
  const pos = (t) => `${((t - lo) / (hi - lo)) * 100}%`;
  const slider = Number($("asof").value);
  const asOf = slider >= 1000 ? Date.now() : lo + (hi - lo) * (slider / 1000);
  state.asOf = slider >= 1000 ? null : asOf;
  $("asof-label").textContent = slider >= 1000 ? "now" : fmt(new Date(asOf).toISOString());
  $("count").textContent = `(${state.memories.length}, ${state.memories.filter((m) => validAt(m, asOf)).length} valid at that time)`;
  $("axis").replaceChildren(...[0, 0.25, 0.5, 0.75, 1].map((f) => {
    const t = lo + (hi - lo) * f;
    return el("span", { style: { left: `${f * 100}%` } }, new Date(t).toISOString().slice(0, 10));
  }));
  const groups = ["profile", "episodic", "summary"].map((kind) => {
    const rows = state.memories.filter((m) => m.kind === kind)
      .sort((a, b) => Date.parse(a.valid_from) - Date.parse(b.valid_from));
    if (!rows.length) return null;
    return el("div", { class: `group ${kind}`, "data-kind": kind }, el("h3", {}, `${kind} (${rows.length})`),
      ...rows.map((m) => row(m, pos, asOf)));
  }).filter(Boolean);
  $("groups").replaceChildren(...(groups.length ? groups : [el("p", { class: "muted" }, "No memories in this scope.")]));
}

function row(m, pos, asOf) {
  const start = Date.parse(m.valid_from), end = m.valid_to ? Date.parse(m.valid_to) : Date.now();
  const bar = el("div", { class: `bar${m.valid_to ? " closed" : ""}`, style: { left: pos(start), width: `calc(${pos(end)} - ${pos(start)})` },
    title: `valid ${fmt(m.valid_from)} → ${fmt(m.valid_to)}` });
  const meta = el("div", { class: "meta" },
    `${m.category || m.kind} · ${fmt(m.valid_from)} → ${fmt(m.valid_to)}${m.name ? " · " + m.name : ""}`,
    el("button", { class: "link history-btn", type: "button", onclick: () => showHistory(m) }, "history"),
    el("button", { class: "link delete-btn", type: "button", onclick: () => confirmDelete(m) }, "delete"));
  const text = el("div", { class: "text" }, el("span", { class: "content" }, m.content));
  if (m.superseded_by || m.valid_to) text.append(el("span", { class: "badge" }, "superseded"));
  text.append(meta);
  const track = el("div", { class: "track" }, bar);
  if (state.asOf !== null) track.append(el("div", { class: "now-line", style: { left: pos(asOf) } }));
  return el("div", { class: `row${validAt(m, asOf) ? "" : " inactive"}`, "data-id": m.id }, text, track);
}

// ---------------------------------------------------------------- history, search, delete, export
async function showHistory(m) {
  document.querySelectorAll(".row.selected").forEach((r) => r.classList.remove("selected"));
  document.querySelector(`.row[data-id="${CSS.escape(m.id)}"]`)?.classList.add("selected");
  try {
    const events = await api("history", { memory_id: m.id, ...scope() });
    $("history-title").textContent = m.content;
    $("history-rows").replaceChildren(...events.map((e) => el("tr", { "data-event": e.event },
      el("td", {}, fmt(e.at)), el("td", {}, e.event), el("td", {}, e.actor || ""),
      el("td", {}, e.old_content || ""), el("td", {}, e.new_content || ""))));
    $("history").hidden = false;
    $("history").scrollIntoView({ block: "nearest" });
  } catch (err) { showError("app-error", err); }
}

async function search(query) {
  if (!query.trim()) { $("results").hidden = true; return; }
  try {
    const hits = await api("search", { query, ...scope(), limit: 10, include_superseded: true });
    $("hits").replaceChildren(...hits.map((h) => el("li", { class: "hit" },
      el("span", { class: "score" }, h.score.toFixed(3) + "  "), el("span", { class: "content" }, h.memory.content),
      h.memory.valid_to ? el("span", { class: "badge" }, "superseded") : "",
      el("div", { class: "explain" }, ...Object.entries(h.explanation).map(([k, v]) =>
        el("span", {}, `${k}: ${typeof v === "number" ? +v.toFixed(4) : JSON.stringify(v)}`))))));
    if (!hits.length) $("hits").replaceChildren(el("li", { class: "muted" }, "No match."));
    $("results").hidden = false;
  } catch (err) { showError("app-error", err); }
}

function confirmDelete(m) {
  $("confirm-text").textContent = m.content;
  $("confirm").hidden = false;
  $("confirm-delete").onclick = async () => {
    $("confirm").hidden = true;
    try {
      await api("delete", { memory_id: m.id, ...scope() });
      await refresh();
    } catch (err) { showError("app-error", err); }
  };
}

async function exportAll() {
  try {
    const text = await api("export", scope(), { raw: true });
    const url = URL.createObjectURL(new Blob([text], { type: "application/x-ndjson" }));
    const a = el("a", { href: url, download: `memories-${state.user}.ndjson` });
    document.body.append(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  } catch (err) { showError("app-error", err); }
}

// ---------------------------------------------------------------- wiring
$("signin-form").addEventListener("submit", (e) => { e.preventDefault(); signIn($("key").value); });
$("signout").addEventListener("click", signOut);
$("user").addEventListener("change", (e) => { state.user = e.target.value; $("results").hidden = true; refresh(); });
$("search-form").addEventListener("submit", (e) => { e.preventDefault(); search($("search-input").value); });
$("clear-search").addEventListener("click", () => { $("results").hidden = true; $("search-input").value = ""; });
$("asof").addEventListener("input", render);
$("export-btn").addEventListener("click", exportAll);
$("close-history").addEventListener("click", () => { $("history").hidden = true; });
$("confirm-cancel").addEventListener("click", () => { $("confirm").hidden = true; });
if (state.key) signIn(state.key);
