// The exoreg page: three views over the public read API, built with the DOM (no HTML strings),
// so that nothing from the data can become markup.
const api = (path) =>
  fetch(`api/v1/${path}`, { headers: { Accept: "application/json" } }).then(async (r) => {
    const body = await r.json();
    if (!r.ok) throw new Error(body.detail || `HTTP ${r.status}`);
    return body;
  });

const $ = (id) => document.getElementById(id);
const STATUSES = ["PERMITTED", "RESTRICTED", "UNKNOWN", "NOT_APPROVED", "PROHIBITED"];
const label = (status) => status.replace("_", " ");

/** Children as the DOM takes them: nested lists flattened, absent ones dropped, the rest text. */
const nodes = (...items) =>
  items.flat(Infinity).filter((c) => c != null).map((c) => (c instanceof Node ? c : String(c)));

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key in node && typeof value !== "string") node[key] = value;
    else node.setAttribute(key, value);
  }
  node.append(...nodes(children));
  return node;
}

const badge = (status) => el("span", { class: `badge s-${status}` }, label(status));

function link(url, text) {
  return url ? el("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, text) : text;
}

// --- vocabularies, loaded once -------------------------------------------------------------

const vocab = { jurisdictions: [], byKey: new Map(), names: new Map(), sources: [], methods: [] };

async function loadVocabularies() {
  const [jurisdictions, ingredients, sources, methods] = await Promise.all([
    api("jurisdictions"), api("ingredients"), api("sources"), api("delivery-methods"),
  ]);
  vocab.jurisdictions = jurisdictions;
  for (const j of jurisdictions) {
    vocab.names.set(j.code, j.name);
    for (const key of [j.code, j.name, ...j.aliases]) vocab.byKey.set(key.toLowerCase(), j.code);
    $("jurisdiction-list").append(
      el("option", { value: j.code }, [j.name, ...j.aliases].join(" · ")));
  }
  for (const i of ingredients) {
    for (const picker of ["ingredient", "compare-ingredient"]) {
      $(picker).append(el("option", { value: i.id, title: i.label }, i.id));
    }
  }
  vocab.sources = treeOrder(sources);
  vocab.methods = treeOrder(methods);
  for (const s of vocab.sources) $("compare-source").append(el("option", { value: s.id }, indent(s) + s.id));
  for (const m of vocab.methods) $("compare-method").append(el("option", { value: m.id }, indent(m) + m.id));
  for (const status of STATUSES) {
    $("compare-filter").append(el("option", { value: status }, label(status)));
    $("rules-status").append(el("option", { value: status }, label(status)));
  }
}

const indent = (node) => "\u2003".repeat(node.depth);

/** The nodes of a tree in depth-first order, each with its depth. */
function treeOrder(nodes) {
  const children = new Map();
  for (const n of nodes) {
    if (!children.has(n.parent)) children.set(n.parent, []);
    children.get(n.parent).push(n);
  }
  const ordered = [];
  const visit = (parent, depth) => {
    for (const n of children.get(parent) || []) {
      ordered.push({ ...n, depth });
      visit(n.id, depth + 1);
    }
  };
  visit(null, 0);
  return ordered;
}

/** A code, alias or name as typed, in any case, to the jurisdiction's code. */
function resolveJurisdiction(text) {
  const typed = (text || "").trim().toLowerCase();
  return vocab.byKey.get(typed) || vocab.byKey.get(typed.split(/\s/)[0]) || null;
}

// --- matrix ----------------------------------------------------------------------------------

let matrix = null;

async function showMatrix(params) {
  const code = resolveJurisdiction(params.get("jurisdiction") || "GB");
  if (!code) {
    $("matrix-status").textContent = `No jurisdiction matches "${params.get("jurisdiction")}".`;
    return;
  }
  $("jurisdiction").value = code;
  if (params.get("ingredient")) $("ingredient").value = params.get("ingredient");
  $("at").value = params.get("at") || "";
  const query = new URLSearchParams({ jurisdiction: code, ingredient: $("ingredient").value });
  if ($("at").value) query.set("at", $("at").value);
  matrix = await api(`matrix?${query}`);
  $("matrix-status").textContent =
    `${vocab.names.get(code)} (${code}), ${matrix.ingredient}, as of ${matrix.at}, ruleset revision ${matrix.rulesetRevision}.` +
    (matrix.coverage === "none" ? ` No rules for ${matrix.ingredient} are recorded for ${code} yet: every cell is UNKNOWN for want of research.` : "");
  const cells = new Map(matrix.cells.map((c) => [`${c.source}|${c.deliveryMethod}`, c]));
  const table = $("matrix");
  table.replaceChildren(
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Source \\ method"),
      vocab.methods.map((m) => el("th", { scope: "col", title: m.label }, indent(m) + m.id))),
    ),
    el("tbody", {}, vocab.sources.map((s) =>
      el("tr", {}, el("th", { scope: "row", title: s.label }, indent(s) + s.id),
        vocab.methods.map((m) => {
          const cell = cells.get(`${s.id}|${m.id}`);
          return el("td", {}, el("button", {
            type: "button",
            class: `cell s-${cell.status}`,
            "aria-pressed": "false",
            "aria-label": `${s.id} by ${m.id}: ${label(cell.status)}`,
            "data-source": s.id,
            "data-method": m.id,
            onclick: (event) => showDecision(cell, event.currentTarget),
          }, label(cell.status)));
        })))),
  );
  $("detail").hidden = true;
}

function showDecision(cell, button) {
  for (const pressed of document.querySelectorAll('.cell[aria-pressed="true"]')) pressed.setAttribute("aria-pressed", "false");
  button.setAttribute("aria-pressed", "true");
  const rules = new Map(matrix.rules.map((r) => [r.id, r]));
  const detail = $("detail");
  const deciding = cell.decidingRules.map((id) => rules.get(id));
  const inherited = [...new Set(deciding.map((r) => r.jurisdiction).filter((j) => j !== matrix.jurisdiction))];
  const narrower = cell.decidingCases.filter((c) => c.source !== cell.source || c.deliveryMethod !== cell.deliveryMethod);
  detail.replaceChildren(...nodes(
    el("h3", {}, `${cell.source} × ${cell.deliveryMethod} in ${matrix.jurisdiction}: `, badge(cell.status)),
    narrower.length
      ? el("div", { class: "narrower" },
          el("p", {}, `Decided by narrower cases: ${cell.source} × ${cell.deliveryMethod} covers them, and is answered as severely as they are.`),
          el("ul", {}, narrower.map((c) => el("li", { "data-case": `${c.source}|${c.deliveryMethod}` },
            el("button", { type: "button", class: "link", onclick: () => openCell(c.source, c.deliveryMethod) },
              `${c.source} × ${c.deliveryMethod}`), " ", badge(c.status)))))
      : null,
    inherited.length
      ? el("p", { class: "inherited" },
          `Answered at the ${inherited.join(" and ")} level: ${vocab.names.get(matrix.jurisdiction)} inherits ${inherited.map((j) => vocab.names.get(j) || j).join(" and ")} law.`)
      : null,
    el("p", {}, cell.explanation),
    cell.conditions.length
      ? [el("h4", {}, "Conditions"), el("ul", {}, cell.conditions.map((c) => el("li", {}, c)))]
      : null,
    deciding.length
      ? el("h4", {}, "Deciding rules")
      : el("p", { class: "no-rule" }, cell.coverage === "none"
          ? `No rules for ${matrix.ingredient} are recorded for ${matrix.jurisdiction} yet: the status is UNKNOWN for want of research, which is never read as permitted.`
          : "No rule applies: the status is UNKNOWN, which is never read as permitted."),
    deciding.map((r) => el("div", { class: "rule", "data-rule": r.id },
      el("p", {}, el("strong", {}, r.id), " ", badge(r.status), ` ${r.jurisdiction}: ${r.source} × ${r.deliveryMethod}`),
      r.legalBasis
        ? el("p", {}, "Legal basis: ", link(r.legalBasis.url, [r.legalBasis.instrument, r.legalBasis.provision].filter(Boolean).join(", ")))
        : null,
      el("p", {}, `Confidence: ${r.confidence}. In force ${r.effectiveFrom ? "from " + r.effectiveFrom : "with no start date"}${r.effectiveTo ? " until " + r.effectiveTo + " (exclusive)" : ", open-ended"}. Verified ${r.verifiedOn || "(date not recorded)"}.`),
      r.references.length
        ? el("details", {}, el("summary", {}, `References (${r.references.length})`),
            el("ul", {}, r.references.map((ref) => el("li", {}, link(ref.url, ref.title), ref.publisher ? ` (${ref.publisher}${ref.date ? ", " + ref.date : ""})` : ""))))
        : null,
      r.notes ? el("p", {}, el("em", {}, r.notes)) : null)),
  ));
  detail.hidden = false;
  detail.focus();
}

/** Opens the decision of another cell of the matrix, as a click on it would. */
function openCell(source, method) {
  const button = document.querySelector(`.cell[data-source="${CSS.escape(source)}"][data-method="${CSS.escape(method)}"]`);
  if (button) button.click();
}

// --- compare ---------------------------------------------------------------------------------

let comparison = [];
let sortKey = "code";

async function showCompare(params) {
  const source = params.get("source") || $("compare-source").value;
  const method = params.get("deliveryMethod") || $("compare-method").value;
  const ingredient = params.get("ingredient") || $("compare-ingredient").value;
  $("compare-source").value = source;
  $("compare-method").value = method;
  $("compare-ingredient").value = ingredient;
  $("compare-filter").value = params.get("status") || "";
  $("compare-status").textContent = "Deciding…";
  comparison = await Promise.all(vocab.jurisdictions.map((j) =>
    api(`status?${new URLSearchParams({ jurisdiction: j.code, source, deliveryMethod: method, ingredient })}`)
      .then((answer) => ({ code: j.code, name: j.name, answer }))));
  renderCompare();
}

function renderCompare() {
  const filter = $("compare-filter").value;
  const rows = comparison
    .filter((row) => !filter || row.answer.status === filter)
    .sort((a, b) => sortKey === "status"
      ? STATUSES.indexOf(b.answer.status) - STATUSES.indexOf(a.answer.status) || a.code.localeCompare(b.code)
      : a.code.localeCompare(b.code));
  $("compare").tBodies[0].replaceChildren(...rows.map((row) =>
    el("tr", { "data-code": row.code },
      el("td", {}, el("a", { href: `#/matrix?jurisdiction=${row.code}` }, row.code), ` ${row.name}`),
      el("td", {}, badge(row.answer.status)),
      el("td", {}, row.answer.decidingRules.map((r) => r.id).join(", ") || "none"))));
  const first = comparison[0]?.answer;
  $("compare-status").textContent = first
    ? `${first.ingredient}, ${first.source} × ${first.deliveryMethod}, as of ${first.at}, ruleset revision ${first.rulesetRevision}: ${rows.length} of ${comparison.length} jurisdictions shown.`
    : "";
}

// --- rules -----------------------------------------------------------------------------------

let allRules = null;

async function showRules() {
  if (!allRules) allRules = (await api("rules?size=500")).rules;
  const code = resolveJurisdiction($("rules-jurisdiction").value);
  const status = $("rules-status").value;
  const text = $("rules-text").value.trim().toLowerCase();
  const shown = allRules.filter((r) =>
    (!$("rules-jurisdiction").value || r.jurisdiction === code) &&
    (!status || r.status === status) &&
    (!text || JSON.stringify(r).toLowerCase().includes(text)));
  $("rules-count").textContent = `${shown.length} of ${allRules.length} rules.`;
  $("rules").tBodies[0].replaceChildren(...shown.map((r) =>
    el("tr", { "data-rule": r.id },
      el("td", {}, r.id),
      el("td", {}, badge(r.status)),
      el("td", {}, `${r.ingredient} from ${r.source} by ${r.deliveryMethod} in ${r.jurisdiction}`),
      el("td", {}, `${r.effectiveFrom || "…"} to ${r.effectiveTo || "…"}`),
      el("td", {}, r.legalBasis ? link(r.legalBasis.url, r.legalBasis.instrument) : "none recorded"))));
}

// --- routing ---------------------------------------------------------------------------------

const views = { matrix: showMatrix, compare: showCompare, rules: showRules };

async function route() {
  const [path, query] = location.hash.replace(/^#\/?/, "").split("?");
  const view = views[path] ? path : "matrix";
  for (const name of Object.keys(views)) $(`${name}-view`).hidden = name !== view;
  for (const a of document.querySelectorAll("nav a")) {
    if (a.dataset.view === view) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  try {
    await views[view](new URLSearchParams(query || ""));
  } catch (error) {
    $(`${view === "rules" ? "rules-count" : view + "-status"}`).textContent = `Could not load: ${error.message}`;
  }
}

function go(view, params) {
  const target = `#/${view}?${new URLSearchParams(params)}`;
  if (location.hash === target) route();
  else location.hash = target;
}

$("matrix-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const params = { jurisdiction: resolveJurisdiction($("jurisdiction").value) || $("jurisdiction").value, ingredient: $("ingredient").value };
  if ($("at").value) params.at = $("at").value;
  go("matrix", params);
});
$("at").addEventListener("change", () => $("matrix-form").requestSubmit());
$("compare-form").addEventListener("submit", (event) => {
  event.preventDefault();
  go("compare", { ingredient: $("compare-ingredient").value, source: $("compare-source").value, deliveryMethod: $("compare-method").value, status: $("compare-filter").value });
});
$("compare-filter").addEventListener("change", renderCompare);
for (const button of document.querySelectorAll("[data-sort]")) {
  button.addEventListener("click", () => { sortKey = button.dataset.sort; renderCompare(); });
}
for (const id of ["rules-jurisdiction", "rules-status", "rules-text"]) $(id).addEventListener("input", showRules);
$("rules-form").addEventListener("submit", (event) => event.preventDefault());

window.addEventListener("hashchange", route);
(async () => {
  await loadVocabularies();
  await route();
  document.body.dataset.ready = "true";
  // The table's own words for its statuses, and its disclaimer.
  const table = await api("ruleset");
  $("disclaimer").textContent = table.disclaimer || "";
  for (const status of STATUSES) {
    $("legend").append(el("dt", {}, badge(status)), el("dd", {}, table.statuses[status] || ""));
  }
})();
