// The SPARQL console: YASGUI (npm @zazuko/yasgui, copied to /static/vendor/yasgui/ by
// scripts/setup, so it is served from here and works offline) with the project's prefixes and
// every library query as a tab; result IRIs of clauses and actors link to their pages.
// Without those files (setup not run) the page's plain console of app.js is shown instead.
"use strict";

const YASGUI_DIR = "/static/vendor/yasgui/";
const ID_NS = "https://w3id.org/policykg/id/";
// whole cells: clause texts are the point, and a cut cell's first click only expands it
const TABLE_SETTINGS = { selectedPlugin: "table", pluginsConfig: { table: { isEllipsed: false, pageSize: 50 } } };
let consoleState = null;   // null → not opened yet; then "yasgui" or "plain"

// Loaded on first use: the rest of the page does not pay for a 1 MB editor.
function loadAsset(tag, attrs) {
  return new Promise((resolve, reject) => {
    const el = Object.assign(document.createElement(tag), attrs);
    el.onload = resolve;
    el.onerror = () => reject(new Error(`${attrs.src || attrs.href} 未找到`));
    document.head.appendChild(el);
  });
}

// The page route of a clause or actor IRI (node IRIs are doc/<document>/<node>), else null.
function pageLink(iri) {
  if (!iri.startsWith(ID_NS)) return null;
  const [kind, ...rest] = iri.slice(ID_NS.length).split("/");
  const id = decodeURIComponent(rest.join("/"));
  if (kind === "actor" && id) return `#/actor/${encodeURIComponent(id)}`;
  if (kind === "doc" && rest.length > 1) return `#/clause/${encodeURIComponent(id)}`;
  return null;
}

// YASR draws IRIs as external links (in a new window); point ours at the page's own views.
function linkToPages(root) {
  const rewrite = () => root.querySelectorAll("a.iri:not([data-page])").forEach((a) => {
    a.dataset.page = "";
    const link = pageLink(a.getAttribute("href") || "");
    if (!link) return;
    a.title = a.getAttribute("href");
    a.setAttribute("href", link);
    a.removeAttribute("target");
    a.classList.add("page-link");
  });
  new MutationObserver(rewrite).observe(root, { childList: true, subtree: true });
}

async function startYasgui(el) {
  await Promise.all([loadAsset("link", { rel: "stylesheet", href: YASGUI_DIR + "yasgui.min.css" }),
                     loadAsset("script", { src: YASGUI_DIR + "yasgui.min.js" })]);
  const [examples, prefixes] = await Promise.all([api("/sparql/examples"), api("/sparql/prefixes")]);
  const endpoint = location.origin + "/sparql";
  const declared = Object.entries(prefixes).map(([p, ns]) => `PREFIX ${p}: <${ns}>`).join("\n");
  // prefix completion from our own list: the default one asks prefix.cc, which is offline here
  Yasgui.Yasqe.forkAutocompleter("prefixes", { name: "localPrefixes", persistenceId: null,
    get: () => Object.entries(prefixes).map(([p, ns]) => `${p}: <${ns}>`) }, false);
  const yasgui = new Yasgui(el, {
    requestConfig: { endpoint, method: "POST" },
    endpointCatalogueOptions: { getData: () => [{ endpoint }] },
    copyEndpointOnNewTab: true, autoAddOnInit: false, populateFromUrl: false,
    persistenceId: null,   // the library's tabs afresh on every visit, nothing kept in localStorage
    yasqe: { value: `${declared}\n\nSELECT * WHERE {\n  ?s ?p ?o\n} LIMIT 10`, persistenceId: null,
             autocompleters: ["localPrefixes", "variables"], createShareableLink: null },
    yasr: { prefixes, persistenceId: null },
  });
  const comments = {};
  examples.forEach((e, i) => {   // the first one open (YASGUI selects only once a tab is active)
    const tab = yasgui.addTab(i === 0, { name: e.name, yasqe: { value: e.query }, requestConfig: { endpoint },
                                         yasr: { settings: TABLE_SETTINGS, response: undefined } });
    comments[tab.getId()] = e.comment;
  });
  if (!examples.length) yasgui.addTab(true);
  const showComment = (id) => { $("#sparql-comment").textContent = comments[id] || ""; };
  yasgui.on("tabSelect", (_, id) => showComment(id));
  showComment(Object.keys(comments)[0]);
  linkToPages(el);
  window.policykgYasgui = yasgui;   // for the browser test and the curious
}

async function openSparqlConsole() {
  if (consoleState) return;
  consoleState = "opening";
  try {
    await startYasgui($("#yasgui"));
    consoleState = "yasgui";
  } catch (err) {
    consoleState = "plain";
    $("#yasgui").hidden = true;
    $("#sparql-plain").hidden = false;
    $("#sparql-note").hidden = false;
    $("#sparql-note").textContent = `YASGUI 查询界面不可用（${err.message}；运行 scripts/setup 安装），以下为简易查询框。`;
    loadExamples();
  }
}
