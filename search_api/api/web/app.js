// policykg web page: plain JS, no build step. Views are switched by the URL hash
// (#/clause/<id>, #/ask?q=…) so every page can be bookmarked and shared.
"use strict";

const $ = (sel) => document.querySelector(sel);
const ROLE = { lead: "牵头/负责", cooperate: "配合", subject: "主体责任", mentioned: "提及" };
const KIND = { plan: "规划", law: "法律法规", regulation: "法规", report: "报告" };

function esc(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

async function api(path, options = {}) {
  const resp = await fetch(path, options);
  const type = resp.headers.get("content-type") || "";
  const body = type.includes("json") ? await resp.json() : await resp.text();
  if (!resp.ok) {
    const msg = typeof body === "string" ? body : (typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail));
    throw new Error(`${resp.status}: ${msg}`);
  }
  return body;
}

function showError(el, err) {
  el.innerHTML = `<p class="error">出错了：${esc(err.message)}</p>`;
}

// Clause text with the [start, end) highlight spans wrapped in <mark>.
function highlighted(text, spans) {
  let out = "", at = 0;
  for (const [s, e] of spans || []) {
    if (s < at) continue;
    out += esc(text.slice(at, s)) + "<mark>" + esc(text.slice(s, e)) + "</mark>";
    at = e;
  }
  return out + esc(text.slice(at));
}

const clauseLink = (id, label) => `<a class="clause-link" href="#/clause/${encodeURIComponent(id)}">${esc(label ?? id)}</a>`;
const actorLink = (id, label) => `<a class="actor-link" href="#/actor/${encodeURIComponent(id)}">${esc(label ?? id)}</a>`;

function resultItem(hit) {
  return `<li class="result">
    <div class="meta"><span class="plan">${esc(hit.plan_title)}</span>
      <span class="path">${esc((hit.section_path || []).join(" › "))}</span>
      <span class="score">相关度 ${hit.score.toFixed(3)}</span></div>
    <div class="text">${highlighted(hit.text, hit.highlights)}</div>
    <div class="id">${clauseLink(hit.clause_id, "查看条款 →")}</div>
  </li>`;
}

// -- views ------------------------------------------------------------------

async function runSearch(params) {
  const q = params.get("q");
  $("#q").value = q || "";
  for (const f of ["plan", "kind", "sector", "k"]) if (params.get(f)) $(`#f-${f}`).value = params.get(f);
  if (!q) { $("#search-results").innerHTML = ""; $("#search-status").textContent = ""; return; }
  $("#search-status").textContent = "检索中…";
  try {
    const data = await api(`/search?${params}`);
    $("#search-status").textContent = `“${data.query}” 共 ${data.results.length} 条结果`;
    $("#search-results").innerHTML = data.results.map(resultItem).join("") || `<li class="empty">没有找到相关条款</li>`;
  } catch (err) { showError($("#search-status"), err); $("#search-results").innerHTML = ""; }
}

function factsHtml(f) {
  const rows = [];
  if (f.sectors.length) rows.push(["行业领域", f.sectors.map(esc).join("、")]);
  if (f.mentions.length) rows.push(["责任主体", f.mentions.map((m) => `${actorLink(m.actor_id, m.actor)}（${ROLE[m.role] || m.role}）`).join("；")]);
  if (f.deadlines.length) rows.push(["时限", f.deadlines.map((d) => `${esc(d.expression)} → ${esc(d.date || d.recurrence || "")}`).join("；")]);
  if (f.indicators.length) rows.push(["指标", f.indicators.map((i) => `${esc(i.name)} ${esc(i.text || `${i.comparator} ${i.value ?? ""}${i.unit || ""}`)}${i.attribute ? "（" + esc(i.attribute) + "）" : ""}`).join("；")]);
  if (f.tasks.length) rows.push(["任务", f.tasks.map((t) => `${esc(t.verb || "")}${t.deadline ? "，期限 " + esc(t.deadline) : ""}${t.key_project ? "（重点工程）" : ""}`).join("；")]);
  if (f.citations.length) rows.push(["引用", f.citations.map((c) => `《${esc(c.title)}》`).join("")]);
  if (!rows.length) return `<p class="hint">本条未抽取到结构化事实</p>`;
  return `<table class="facts">${rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join("")}</table>`;
}

async function showClause(id) {
  $("#similar-results").innerHTML = "";
  $("#similar-title").hidden = true;
  $("#similar-btn").dataset.id = id;
  try {
    const c = await api(`/clauses/${encodeURI(id)}`);
    const p = c.provenance;
    $("#clause").innerHTML = `
      <p class="meta"><a href="#/?plan=${encodeURIComponent(c.plan_id)}">${esc(c.plan_title)}</a>（${KIND[c.plan_kind] || esc(c.plan_kind)}）</p>
      <p class="path">${esc(c.section_path.join(" › "))}</p>
      <blockquote class="clause-text">${esc(c.text)}</blockquote>
      ${factsHtml(c.facts)}
      <p class="provenance">编号 <code>${esc(c.id)}</code>${p.source_file ? ` · 来源 ${esc(p.source_file)}` : ""}${p.source_line ? ` 第 ${p.source_line} 行` : ""}</p>`;
  } catch (err) { showError($("#clause"), err); }
}

async function showSimilar() {
  const id = $("#similar-btn").dataset.id;
  $("#similar-title").hidden = false;
  $("#similar-results").innerHTML = `<li class="status">查找中…</li>`;
  try {
    const data = await api(`/clauses/${encodeURI(id)}/similar?k=10&other_plans=true`);
    $("#similar-results").innerHTML = data.results.map(resultItem).join("") || `<li class="empty">其他文件中没有相似条款</li>`;
  } catch (err) { showError($("#similar-results"), err); }
}

async function runAsk(params) {
  const q = params.get("q");
  $("#ask-q").value = q || "";
  if (!q) { $("#ask-answer").innerHTML = ""; return; }
  $("#ask-answer").innerHTML = `<p class="status">分析中…</p>`;
  try {
    const a = await api(`/ask?${params}`);
    const matters = a.matters.map((m) => esc(m.name)).join("、");
    const HOW = { assigns: "明确负责", duty: "负有职责", general: "一般职责", mentioned: "仅提及" };
    const item = (it) => `<li class="answer-item ${it.source}${it.generic ? " generic" : ""}">
        <span class="actor">${actorLink(it.actor_id, it.actor)}</span>
        <span class="role">${HOW[it.assignment] || esc(it.assignment)}</span>
        <span class="jurisdiction">${esc(it.jurisdiction)}</span>
        <ul class="evidence">${it.details.map((d) => `<li class="${d.assignment}">${clauseLink(d.clause_id, d.legal_basis || d.document_title)}${d.assignment === "mentioned" ? "（仅提及）" : ""}：${esc(d.text)}</li>`).join("")}</ul>
      </li>`;
    $("#ask-answer").innerHTML = `
      <div class="answer-line${a.abstained ? " abstained" : ""}">${a.summary.map((l) => `<p>${esc(l)}</p>`).join("")}</div>
      <p class="meta">事项：${matters || "无"}${a.places.length ? `　地区：${a.places.map(esc).join("、")}` : ""}</p>
      ${a.note ? `<p class="note">${esc(a.note)}</p>` : ""}
      ${a.answer.length ? `<h3>责任主体及依据</h3><ul class="answer">${a.answer.map(item).join("")}</ul>` : ""}
      ${a.results.length ? `<h3>相关条款</h3><ol class="results">${a.results.map(resultItem).join("")}</ol>` : ""}`;
  } catch (err) { showError($("#ask-answer"), err); }
}

// A target as value, comparator and unit, normalised ("≥ 20 %", "5–5.5 %", "约 3 万人"); the
// source text ("＞20") is shown on hover. Prose standards keep their text.
const COMPARATOR = { "<": "<", "<=": "≤", "=": "=", ">=": "≥", ">": ">", "~": "约" };
function indicatorTarget(i) {
  if (i.comparator === "text" || i.value === null || i.value === undefined) return i.text || "—";
  const unit = i.unit ? ` ${i.unit}` : "";
  if (i.comparator === "range") return `${i.value}–${i.upper ?? ""}${unit}`;
  return `${COMPARATOR[i.comparator] || i.comparator} ${i.value}${unit}`;
}

async function showIndicators(params) {
  const name = params.get("name") || "";
  $("#ind-q").value = name;
  try {
    const groups = await api(`/indicators/compare${name ? "?name=" + encodeURIComponent(name) : ""}`);
    const plans = [...new Map(groups.flatMap((g) => g.plans.map((p) => [p.plan_id, p]))).values()];
    const cell = (g, plan) => g.plans.filter((p) => p.plan_id === plan.plan_id).map((p) => {
      const i = p.indicator;
      const target = indicatorTarget(i);
      const shown = i.clause_id ? clauseLink(i.clause_id, target) : esc(target);
      return `<span class="target" title="${esc(i.text || "")}">${shown}</span>${i.attribute ? ` <span class="attr">${esc(i.attribute)}</span>` : ""}`;
    }).join("<br>") || "—";
    $("#indicators").innerHTML = groups.length ? `<table class="compare">
      <thead><tr><th>指标</th>${plans.map((p) => `<th>${esc(p.region || p.plan_title)}</th>`).join("")}</tr></thead>
      <tbody>${groups.map((g) => `<tr><td>${esc(g.name)}</td>${plans.map((p) => `<td>${cell(g, p)}</td>`).join("")}</tr>`).join("")}</tbody>
    </table>` : `<p class="empty">没有可对比的指标</p>`;
  } catch (err) { showError($("#indicators"), err); }
}

let shownActors = null;

async function showActors(params) {
  const q = params.get("q") || "";
  $("#actor-q").value = q;
  // The previous list must not linger while the filtered one loads (a click would open the wrong body),
  // nor come back over it when its answer arrives last (the unfiltered list after a quick search).
  shownActors = q;
  $("#actors").innerHTML = `<p class="loading">加载中…</p>`;
  try {
    const list = await api(`/actors?limit=300${q ? "&q=" + encodeURIComponent(q) : ""}`);
    if (shownActors !== q) return;   // another search was made meanwhile
    $("#actors").innerHTML = `<table class="actors"><thead><tr><th>主体</th><th>类型</th><th>地区</th><th>提及次数</th><th>文件数</th></tr></thead><tbody>
      ${list.map((a) => `<tr><td>${actorLink(a.id, a.name)}</td><td>${esc(a.kind)}</td><td>${esc(a.region || "")}</td><td>${a.mentions}</td><td>${a.documents.length}</td></tr>`).join("")}
    </tbody></table>`;
  } catch (err) { if (shownActors === q) showError($("#actors"), err); }
}

let shownActor = null;

async function showActor(id) {
  // The previous body's page must not linger while this one loads (it reads as the answer).
  shownActor = id;
  $("#actor").innerHTML = `<p class="loading">加载中…</p>`;
  try {
    const a = await api(`/actors/${encodeURI(id)}`);
    if (shownActor !== id) return;   // another body was opened meanwhile
    $("#actor").innerHTML = `
      <h2>${esc(a.name)}</h2>
      <p class="meta">${esc(a.kind)}${a.region ? " · " + esc(a.region) : ""}${a.aliases.length ? " · 别名：" + a.aliases.map(esc).join("、") : ""}</p>
      <h3>牵头的任务（${a.tasks_led.length}）</h3>
      <ul>${a.tasks_led.map((t) => `<li>${clauseLink(t.clause_ids[0], t.text)}${t.deadline ? ` <span class="deadline">${esc(t.deadline)}</span>` : ""}</li>`).join("") || "<li class='empty'>无</li>"}</ul>
      <h3>规划中涉及的条款（${a.clauses.length}）</h3>
      <ul>${a.clauses.map((c) => `<li><span class="role">${ROLE[c.role] || esc(c.role)}</span> ${clauseLink(c.clause_id, c.text)}</li>`).join("") || "<li class='empty'>无</li>"}</ul>
      <h3>法律法规赋予的职责（${a.law_duties.length}）</h3>
      <ul>${a.law_duties.map((d) => `<li>${clauseLink(d.clause_id, `${d.law_title} ${d.article || ""}`)}：${esc(d.text)}</li>`).join("") || "<li class='empty'>无</li>"}</ul>`;
  } catch (err) { showError($("#actor"), err); }
}

// -- SPARQL console -----------------------------------------------------------

let examples = [];

async function loadExamples() {
  try {
    examples = await api("/sparql/examples");
    $("#sparql-examples").innerHTML = `<option value="">— 示例查询（${examples.length}）—</option>` +
      examples.map((e, i) => `<option value="${i}">${esc(e.title)}</option>`).join("");
  } catch (err) { showError($("#sparql-status"), err); }
}

function pickExample() {
  const e = examples[$("#sparql-examples").value];
  if (!e) return;
  $("#sparql-query").value = e.query;
  $("#sparql-comment").textContent = e.comment || "";
  $("#sparql-format").value = /^\s*(CONSTRUCT|DESCRIBE)\b/im.test(e.query.replace(/^\s*(PREFIX|BASE)[^\n]*$/gim, "")) ? "text/turtle" : "application/sparql-results+json";
}

function termText(t) {
  if (!t) return "";
  return t.type === "uri" ? t.value.replace(/^https:\/\/w3id\.org\/policykg\/id\//, "id:") : t.value;
}

async function runSparql() {
  const accept = $("#sparql-format").value;
  $("#sparql-status").textContent = "查询中…";
  $("#sparql-results").innerHTML = "";
  const started = performance.now();
  try {
    const body = await api("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/sparql-query", Accept: accept },
      body: $("#sparql-query").value,
    });
    const ms = Math.round(performance.now() - started);
    if (typeof body === "string") {
      $("#sparql-status").textContent = `完成（${ms} ms）`;
      $("#sparql-results").innerHTML = `<pre class="raw">${esc(body)}</pre>`;
    } else if ("boolean" in body) {
      $("#sparql-status").textContent = `完成（${ms} ms）`;
      $("#sparql-results").innerHTML = `<p class="boolean">${body.boolean ? "是（true）" : "否（false）"}</p>`;
    } else {
      const vars = body.head.vars, rows = body.results.bindings;
      $("#sparql-status").textContent = `${rows.length} 行（${ms} ms）`;
      $("#sparql-results").innerHTML = `<table class="sparql-results"><thead><tr>${vars.map((v) => `<th>${esc(v)}</th>`).join("")}</tr></thead>
        <tbody>${rows.map((r) => `<tr>${vars.map((v) => `<td>${esc(termText(r[v]))}</td>`).join("")}</tr>`).join("")}</tbody></table>`;
    }
  } catch (err) { showError($("#sparql-status"), err); }
}

// -- coverage: a draft against reference documents ---------------------------

const VERDICT = { covered: "已覆盖", partly: "部分覆盖", missing: "缺失" };
const COMPARE = { stricter: "更严", looser: "更宽", same: "相同", earlier: "更早", later: "更晚", different: "不同", absent: "无对应" };

function coverageRequest(format) {
  const against = [...$("#cov-against").selectedOptions].map((o) => o.value);
  const file = $("#cov-file").files[0], draft = $("#cov-draft").value;
  if (!file) {
    const qs = new URLSearchParams([["draft", draft], ...against.map((a) => ["against", a]), ["format", format]]);
    return [`/coverage?${qs}`, {}];
  }
  const form = new FormData();
  form.append("file", file);
  against.forEach((a) => form.append("against", a));
  return [`/coverage?format=${format}`, { method: "POST", body: form }];
}

function coverageRow(p, linkDraft) {
  const best = p.matches[0];
  const draftText = !best || p.verdict === "missing" ? "" : (linkDraft ? clauseLink(best.clause_id, best.text) : esc(best.text));
  const values = p.reference_value || p.draft_value ? `<div class="hint">${esc(p.reference_value || "")} → ${esc(p.draft_value || "—")}</div>` : "";
  return `<tr class="verdict-${esc(p.verdict)}"><td>${VERDICT[p.verdict] || esc(p.verdict)}</td><td>${esc(p.kind)}</td>
    <td>${clauseLink(p.clause_id, p.text)}</td><td>${draftText}</td><td>${p.score.toFixed(2)}</td>
    <td>${p.comparison ? COMPARE[p.comparison] || esc(p.comparison) : ""}${values}</td></tr>`;
}

function coverageHtml(report, linkDraft) {
  const s = report.summary;
  const parts = new Map();
  for (const p of report.provisions) {
    const key = `${p.reference} · ${p.part || "—"}`;
    if (!parts.has(key)) parts.set(key, []);
    parts.get(key).push(p);
  }
  const head = `<p class="summary">《${esc(report.draft.title)}》：已覆盖 ${s.covered} · 部分覆盖 ${s.partly} · 缺失 ${s.missing}（共 ${s.provisions} 项）；草案独有任务 ${s.added} 项
    <button type="button" data-export="csv">导出 CSV</button> <button type="button" data-export="md">导出 Markdown</button></p>`;
  const tables = [...parts].map(([part, rows]) => `<h3>${esc(part)}</h3><table class="coverage"><thead><tr><th>结论</th><th>类型</th><th>对照条款</th><th>草案最接近的条款</th><th>相似度</th><th>比较</th></tr></thead>
    <tbody>${rows.map((p) => coverageRow(p, linkDraft)).join("")}</tbody></table>`).join("");
  const added = report.added.length ? `<h3>草案独有的任务</h3><ul>${report.added.map((a) => `<li>${linkDraft ? clauseLink(a.clause_id, a.text) : esc(a.text)}</li>`).join("")}</ul>` : "";
  return head + tables + added;
}

async function runCoverage(params) {
  if (params && params.get("draft")) {      // a bookmarked report of an ingested draft
    $("#cov-draft").value = params.get("draft");
    const against = new Set(params.getAll("against"));
    [...$("#cov-against").options].forEach((o) => { o.selected = against.has(o.value); });
  }
  if (!$("#cov-file").files[0] && !$("#cov-draft").value) return;
  $("#cov-status").textContent = "对照中…（长文件可能需要几十秒）";
  $("#cov-report").innerHTML = "";
  try {
    const [url, options] = coverageRequest("json");
    const report = await api(url, options);
    $("#cov-status").textContent = "";
    $("#cov-report").innerHTML = coverageHtml(report, !$("#cov-file").files[0]);
  } catch (err) { showError($("#cov-status"), err); }
}

async function exportCoverage(format) {
  try {
    const [url, options] = coverageRequest(format);
    const text = await api(url, options);
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: format === "csv" ? "text/csv" : "text/markdown" }));
    link.download = `coverage.${format}`;
    link.click();
  } catch (err) { showError($("#cov-status"), err); }
}

// -- routing ------------------------------------------------------------------

function route() {
  const [rawPath, query] = location.hash.replace(/^#\/?/, "").split(/\?(.*)/s);
  const params = new URLSearchParams(query || "");
  const [view, ...rest] = decodeURIComponent(rawPath).split("/");
  const id = rest.join("/");
  const name = { "": "search", clause: "clause", ask: "ask", indicators: "indicators", actors: "actors", actor: "actor", coverage: "coverage", sparql: "sparql" }[view] || "search";
  document.querySelectorAll(".view").forEach((el) => { el.hidden = el.id !== `view-${name}`; });
  document.querySelectorAll("nav a[data-view]").forEach((a) => a.classList.toggle("active", a.dataset.view === name));
  ({
    search: () => runSearch(params),
    clause: () => showClause(id),
    ask: () => runAsk(params),
    indicators: () => showIndicators(params),
    actors: () => showActors(params),
    actor: () => showActor(id),
    coverage: () => { if (params.get("draft")) runCoverage(params); },
    sparql: () => openSparqlConsole(),   // sparql-console.js
  })[name]();
}

function go(path, params) {
  const qs = new URLSearchParams([...params].filter(([, v]) => v)).toString();
  location.hash = `#/${path}${qs ? "?" + qs : ""}`;
}

async function init() {
  $("#search-form").addEventListener("submit", (e) => { e.preventDefault(); go("", new FormData(e.target)); });
  $("#ask-form").addEventListener("submit", (e) => { e.preventDefault(); go("ask", [["q", $("#ask-q").value]]); });
  $("#ind-form").addEventListener("submit", (e) => { e.preventDefault(); go("indicators", [["name", $("#ind-q").value]]); });
  $("#actor-form").addEventListener("submit", (e) => { e.preventDefault(); go("actors", [["q", $("#actor-q").value]]); });
  $("#similar-btn").addEventListener("click", showSimilar);
  $("#sparql-examples").addEventListener("change", pickExample);
  $("#sparql-run").addEventListener("click", runSparql);
  $("#coverage-form").addEventListener("submit", (e) => {
    e.preventDefault();
    if ($("#cov-file").files[0]) { runCoverage(null); return; }
    go("coverage", [["draft", $("#cov-draft").value], ...[...$("#cov-against").selectedOptions].map((o) => ["against", o.value])]);
  });
  $("#cov-report").addEventListener("click", (e) => { if (e.target.dataset.export) exportCoverage(e.target.dataset.export); });
  window.addEventListener("hashchange", route);
  try {
    const [plans, health] = await Promise.all([api("/plans"), api("/healthz")]);
    const options = plans.map((p) => `<option value="${esc(p.id)}">${esc(p.title)}</option>`).join("");
    $("#f-plan").innerHTML = `<option value="">全部文件</option>` + options;
    $("#cov-draft").innerHTML = `<option value="">或选择已入库的文件作草案</option>` + options;
    $("#cov-against").innerHTML = options;
    $("#footer").textContent = `数据版本 ${health.generation} · ${health.documents} 个文件 · ${health.clauses} 条条款`;
  } catch (err) { showError($("#footer"), err); }
  route();
}

init();
