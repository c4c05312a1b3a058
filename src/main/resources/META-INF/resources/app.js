// The exoreg page: four views over the public read API, built with the DOM (no HTML strings),
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
const SVG = "http://www.w3.org/2000/svg";

/** Children as the DOM takes them: nested lists flattened, absent ones dropped, the rest text. */
const nodes = (...items) =>
  items.flat(Infinity).filter((c) => c != null).map((c) => (c instanceof Node ? c : String(c)));

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value == null) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key in node && typeof value !== "string") node[key] = value;
    else node.setAttribute(key, value);
  }
  node.append(...nodes(children));
  return node;
}

function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (value != null) node.setAttribute(key, value);
  }
  node.append(...nodes(children));
  return node;
}

const badge = (status) => el("span", { class: `badge s-${status}` }, label(status));

function link(url, text) {
  return url ? el("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, text) : text;
}

const ruleLink = (id) => el("a", { href: `#/rule?id=${encodeURIComponent(id)}`, class: "rule-id" }, id);

/** "skin-application" as a reader would write it: "Skin application". */
const humanise = (id) => (id.charAt(0).toUpperCase() + id.slice(1)).replace(/-/g, " ");

/** A label without its parenthesis or gloss, or the humanised id when even that is long. */
function shortLabel(node) {
  const short = (node.label || "").split(/ \(|: /)[0].trim();
  return short && short.length <= 40 ? short : humanise(node.id);
}

// --- vocabularies, loaded once -------------------------------------------------------------

const vocab = {
  jurisdictions: [], byKey: new Map(), names: new Map(), sources: [], methods: [], ingredients: [],
  source: new Map(), method: new Map(), ingredient: new Map(),
};

/** Text as it is compared: no case, accents, punctuation or leading "the". */
function normal(text) {
  return (text || "").normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ").trim().replace(/^the /, "");
}
const compact = (text) => normal(text).replace(/ /g, "");

async function loadVocabularies() {
  const [jurisdictions, ingredients, sources, methods] = await Promise.all([
    api("jurisdictions"), api("ingredients"), api("sources"), api("delivery-methods"),
  ]);
  vocab.jurisdictions = jurisdictions;
  for (const j of jurisdictions) {
    vocab.names.set(j.code, j.name);
    for (const key of [j.code, j.name, ...j.aliases]) {
      vocab.byKey.set(normal(key), j.code);
      if (!vocab.byKey.has(compact(key))) vocab.byKey.set(compact(key), j.code);
    }
    $("jurisdiction-list").append(
      el("option", { value: j.code }, [j.name, ...j.aliases].join(" · ")));
  }
  vocab.ingredients = ingredients;
  for (const i of ingredients) {
    vocab.ingredient.set(i.id, i);
    for (const picker of ["ingredient", "compare-ingredient", "rules-ingredient"]) {
      $(picker).append(el("option", { value: i.id, title: `${i.id}: ${i.label}` }, shortLabel(i)));
    }
  }
  vocab.sources = treeOrder(sources);
  vocab.methods = treeOrder(methods);
  for (const s of vocab.sources) vocab.source.set(s.id, s);
  for (const m of vocab.methods) vocab.method.set(m.id, m);
  for (const s of vocab.sources) $("compare-source").append(el("option", { value: s.id, title: s.label }, indent(s) + shortLabel(s)));
  for (const m of vocab.methods) $("compare-method").append(el("option", { value: m.id, title: m.label }, indent(m) + humanise(m.id)));
  for (const status of STATUSES) {
    $("compare-filter").append(el("option", { value: status }, label(status)));
    $("rules-status").append(el("option", { value: status }, label(status)));
  }
}

const indent = (node) => "\u2003".repeat(node.depth);
const sourceName = (id) => (vocab.source.has(id) ? shortLabel(vocab.source.get(id)) : id);
const methodName = (id) => humanise(id);
const pair = (source, method) => `${sourceName(source)} × ${methodName(method).toLowerCase()}`;

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

/** A code, name or alias as typed, in any case, with or without accents and punctuation. */
function resolveJurisdiction(text) {
  if (!normal(text)) return null;
  return vocab.byKey.get(normal(text)) || vocab.byKey.get(compact(text)) || null;
}

/** Edit distance with adjacent transpositions counted as one edit ("Frnace" is one from "France"). */
function distance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The jurisdictions a near miss may have meant, nearest first, at most three. */
function suggestJurisdictions(text) {
  const typed = normal(text);
  if (!typed) return [];
  const best = new Map();
  for (const [key, code] of vocab.byKey) {
    let score = distance(typed, key);
    if (typed.length >= 3 && (key.startsWith(typed) || key.split(" ").some((w) => w.startsWith(typed)))) score = Math.min(score, 1);
    if (score <= Math.max(1, Math.floor(key.length / 3)) && score < (best.get(code) ?? Infinity)) best.set(code, score);
  }
  return [...best].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).slice(0, 3).map(([code]) => code);
}

// --- matrix ----------------------------------------------------------------------------------

let matrix = null;
let matrixRequest = 0;

function clearMatrix() {
  matrix = null;
  $("matrix").replaceChildren();
  $("matrix").closest(".grid-box").hidden = true;
  $("detail").hidden = true;
  $("coverage-banner").hidden = true;
  $("matrix-suggest").hidden = true;
}

async function showMatrix(params) {
  const typed = params.get("jurisdiction") || "GB";
  const code = resolveJurisdiction(typed);
  const request = ++matrixRequest;
  $("jurisdiction").value = code || typed;
  if (!code) {
    clearMatrix();
    $("matrix-status").textContent = `No jurisdiction matches "${typed}".`;
    const suggestions = suggestJurisdictions(typed);
    if (suggestions.length) {
      $("matrix-suggest").replaceChildren("Did you mean ", ...suggestions.flatMap((c, i) => [
        i ? (i === suggestions.length - 1 ? " or " : ", ") : "",
        el("a", { href: `#/matrix?${new URLSearchParams({ jurisdiction: c, ingredient: $("ingredient").value })}` }, `${c} (${vocab.names.get(c)})`),
      ]), "?");
      $("matrix-suggest").hidden = false;
    }
    return;
  }
  if (params.get("ingredient")) $("ingredient").value = params.get("ingredient");
  $("at").value = params.get("at") || "";
  const query = new URLSearchParams({ jurisdiction: code, ingredient: $("ingredient").value });
  if ($("at").value) query.set("at", $("at").value);
  $("matrix-status").textContent = `Loading the matrix for ${vocab.names.get(code)} (${code})…`;
  $("matrix-suggest").hidden = true;
  $("matrix").closest(".grid-box").setAttribute("aria-busy", "true");
  let answer;
  try {
    answer = await api(`matrix?${query}`);
  } catch (error) {
    if (request === matrixRequest) clearMatrix();
    throw error;
  } finally {
    if (request === matrixRequest) $("matrix").closest(".grid-box").removeAttribute("aria-busy");
  }
  if (request !== matrixRequest) return;
  matrix = answer;
  $("matrix-status").textContent =
    `${vocab.names.get(code)} (${code}), ${matrix.ingredient}, as of ${matrix.at}, ruleset revision ${matrix.rulesetRevision}.`;
  const banner = $("coverage-banner");
  banner.hidden = matrix.coverage !== "none";
  banner.textContent = matrix.coverage === "none"
    ? `No rules for ${matrix.ingredient} are recorded for ${vocab.names.get(code)} (${code}) yet: every cell is UNKNOWN for want of research, which is never to be read as permitted.`
    : "";
  const cells = new Map(matrix.cells.map((c) => [`${c.source}|${c.deliveryMethod}`, c]));
  $("matrix").closest(".grid-box").hidden = false;
  $("matrix").replaceChildren(
    el("colgroup", {}, el("col", { class: "source-col" }), vocab.methods.map(() => el("col", {}))),
    el("thead", {}, el("tr", {}, el("th", { scope: "col", class: "corner" }, "Source \\ delivery method"),
      vocab.methods.map((m) => el("th", { scope: "col", title: `${m.id}: ${m.label}`, "data-method": m.id, class: `depth-${m.depth}` }, methodName(m.id))))),
    el("tbody", {}, vocab.sources.map((s) =>
      el("tr", {}, el("th", { scope: "row", title: `${s.id}: ${s.label}`, "data-source": s.id, class: `depth-${s.depth}` }, shortLabel(s)),
        vocab.methods.map((m) => {
          const cell = cells.get(`${s.id}|${m.id}`);
          return el("td", {}, el("button", {
            type: "button",
            class: `cell s-${cell.status}`,
            title: `${s.id} × ${m.id}: ${label(cell.status)}`,
            "aria-pressed": "false",
            "aria-label": `${shortLabel(s)} by ${methodName(m.id).toLowerCase()}: ${label(cell.status)}`,
            "data-source": s.id,
            "data-method": m.id,
            onclick: (event) => showDecision(cell, event.currentTarget),
          }, el("span", { class: "m-name", "aria-hidden": "true" }, methodName(m.id)), el("span", { class: "word" }, label(cell.status))));
        })))),
  );
  $("detail").hidden = true;
}

function showDecision(cell, button) {
  for (const pressed of document.querySelectorAll('.cell[aria-pressed="true"]')) pressed.setAttribute("aria-pressed", "false");
  button.setAttribute("aria-pressed", "true");
  const rules = new Map(matrix.rules.map((r) => [r.id, r]));
  renderDecision($("detail"), {
    jurisdiction: matrix.jurisdiction, ingredient: matrix.ingredient, ...cell,
    decidingRules: cell.decidingRules.map((id) => rules.get(id)),
  }, (c) => openCell(c.source, c.deliveryMethod));
}

/** An answer with its deciding cases, conditions and rules, into a detail panel. */
function renderDecision(panel, answer, openCase) {
  const deciding = answer.decidingRules;
  const inherited = [...new Set(deciding.map((r) => r.jurisdiction).filter((j) => j !== answer.jurisdiction))];
  const narrower = (answer.decidingCases || []).filter((c) => c.source !== answer.source || c.deliveryMethod !== answer.deliveryMethod);
  panel.replaceChildren(...nodes(
    el("h3", {}, `${answer.source} × ${answer.deliveryMethod} in ${answer.jurisdiction}: `, badge(answer.status)),
    el("p", { class: "muted" }, `${pair(answer.source, answer.deliveryMethod)}, ${answer.ingredient}, ${vocab.names.get(answer.jurisdiction) || answer.jurisdiction}${answer.at ? ", as of " + answer.at : ""}.`),
    narrower.length
      ? el("div", { class: "narrower" },
          el("p", {}, `Decided by narrower cases: ${answer.source} × ${answer.deliveryMethod} covers them, and is answered as severely as they are.`),
          el("ul", {}, narrower.map((c) => el("li", { "data-case": `${c.source}|${c.deliveryMethod}` },
            openCase
              ? el("button", { type: "button", class: "link", onclick: () => openCase(c) }, `${c.source} × ${c.deliveryMethod}`)
              : `${c.source} × ${c.deliveryMethod}`, " ", badge(c.status)))))
      : null,
    inherited.length
      ? el("p", { class: "inherited" },
          `Answered at the ${inherited.join(" and ")} level: ${vocab.names.get(answer.jurisdiction)} inherits ${inherited.map((j) => vocab.names.get(j) || j).join(" and ")} law.`)
      : null,
    el("p", {}, answer.explanation),
    answer.conditions.length
      ? [el("h4", {}, "Conditions"), el("ul", {}, answer.conditions.map((c) => el("li", {}, c)))]
      : null,
    deciding.length
      ? el("h4", {}, "Deciding rules")
      : el("p", { class: "no-rule" }, answer.coverage === "none"
          ? `No rules for ${answer.ingredient} are recorded for ${answer.jurisdiction} yet: the status is UNKNOWN for want of research, which is never read as permitted.`
          : "No rule applies: the status is UNKNOWN, which is never read as permitted."),
    deciding.map((r) => ruleBlock(r)),
  ));
  panel.hidden = false;
  panel.focus();
}

function ruleBlock(r) {
  return el("div", { class: "rule", "data-rule": r.id },
    el("p", {}, el("strong", {}, ruleLink(r.id)), " ", badge(r.status), ` ${r.jurisdiction}: ${r.source} × ${r.deliveryMethod}`),
    r.legalBasis
      ? el("p", {}, "Legal basis: ", link(r.legalBasis.url, [r.legalBasis.instrument, r.legalBasis.provision].filter(Boolean).join(", ")))
      : null,
    el("p", {}, `Confidence: ${r.confidence}. In force ${r.effectiveFrom ? "from " + r.effectiveFrom : "with no start date"}${r.effectiveTo ? " until " + r.effectiveTo + " (exclusive)" : ", open-ended"}. Verified ${r.verifiedOn || "(date not recorded)"}.`),
    r.citations.length
      ? el("details", {}, el("summary", {}, `References (${r.citations.length})`),
          el("ul", {}, r.citations.map((ref) => el("li", {}, link(ref.url, ref.title), ref.publisher ? ` (${ref.publisher}${ref.date ? ", " + ref.date : ""})` : ""))))
      : null,
    r.notes ? el("p", {}, el("em", {}, r.notes)) : null);
}

/** Opens the decision of another cell of the matrix, as a click on it would. */
function openCell(source, method) {
  const button = document.querySelector(`.cell[data-source="${CSS.escape(source)}"][data-method="${CSS.escape(method)}"]`);
  if (button) button.click();
}

// --- compare: the world map and the table under it --------------------------------------------

/** ISO 3166-1 alpha-2 codes to the numeric ids the map data carries. */
const ISO_NUMERIC = {
  AE: "784", AR: "032", AT: "040", AU: "036", BD: "050", BE: "056", BG: "100", BR: "076", CA: "124",
  CH: "756", CL: "152", CN: "156", CO: "170", CY: "196", CZ: "203", DE: "276", DK: "208", EE: "233",
  EG: "818", ES: "724", FI: "246", FR: "250", GB: "826", GR: "300", HK: "344", HR: "191", HU: "348",
  ID: "360", IE: "372", IL: "376", IN: "356", IS: "352", IT: "380", JP: "392", KE: "404", KR: "410",
  KW: "414", LI: "438", LT: "440", LU: "442", LV: "428", MO: "446", MT: "470", MX: "484", MY: "458",
  NG: "566", NL: "528", NO: "578", NZ: "554", PH: "608", PK: "586", PL: "616", PT: "620", QA: "634",
  RO: "642", RS: "688", RU: "643", SA: "682", SE: "752", SG: "702", SI: "705", SK: "703", TH: "764",
  TR: "792", TW: "158", UA: "804", US: "840", VN: "704", ZA: "710",
};
const ANTARCTICA = "010";
/** Shapes smaller than this many square units of the map also get a dot, to be seen and hit. */
const SMALL_AREA = 12;

let world = null;
async function loadWorld() {
  if (!world) {
    world = fetch("vendor/world-atlas@2.0.2/countries-50m.json").then((r) => {
      if (!r.ok) throw new Error(`map data: HTTP ${r.status}`);
      return r.json();
    }).then((topology) => topojson.feature(topology, topology.objects.countries).features
      .filter((f) => f.id !== ANTARCTICA));
  }
  return world;
}

let comparison = [];
let sortKey = "code";
let compareRequest = 0;

async function showCompare(params) {
  const source = params.get("source") || "human";
  const method = params.get("deliveryMethod") || "topical";
  const ingredient = params.get("ingredient") || $("compare-ingredient").value;
  const at = params.get("at") || "";
  $("compare-source").value = source;
  $("compare-method").value = method;
  $("compare-ingredient").value = ingredient;
  $("compare-at").value = at;
  $("compare-filter").value = params.get("status") || "";
  const request = ++compareRequest;
  $("compare-status").textContent = `Deciding ${pair(source, method)} for ${vocab.jurisdictions.length} jurisdictions…`;
  document.querySelector(".map-area").setAttribute("aria-busy", "true");
  const query = (code) => {
    const q = new URLSearchParams({ jurisdiction: code, source, deliveryMethod: method, ingredient });
    if (at) q.set("at", at);
    return q;
  };
  try {
    const [answers, features] = await Promise.all([
      Promise.all(vocab.jurisdictions.map((j) =>
        api(`status?${query(j.code)}`).then((answer) => ({ code: j.code, name: j.name, answer })))),
      loadWorld(),
    ]);
    if (request !== compareRequest) return;
    comparison = answers;
    $("compare-detail").hidden = true;
    drawMap(features);
    renderCompare();
  } finally {
    if (request === compareRequest) document.querySelector(".map-area").removeAttribute("aria-busy");
  }
}

function describe(row) {
  return `${row.name} (${row.code}): ${label(row.answer.status)}`;
}

/** The map's extents: the whole world, or Europe, where most of the table's jurisdictions are. */
const EXTENTS = {
  world: null,
  europe: { type: "MultiPoint", coordinates: [[-24, 34], [42, 71.5]] },
};
let extent = "world";

function drawMap(features) {
  const rows = new Map(comparison.map((row) => [row.code, row]));
  const byNumeric = new Map();
  for (const row of comparison) if (ISO_NUMERIC[row.code]) byNumeric.set(ISO_NUMERIC[row.code], row);
  // The world is drawn as high as it is wide at this width; Europe in a box of the same shape.
  const all = { type: "FeatureCollection", features };
  const projection = extent === "world"
    ? d3.geoNaturalEarth1().fitWidth(952, all)
    : d3.geoNaturalEarth1().fitExtent([[4, 4], [956, 476]], EXTENTS[extent]);
  const path = d3.geoPath(projection);
  const height = extent === "world" ? Math.ceil(path.bounds(all)[1][1]) + 4 : 480;
  $("map").setAttribute("viewBox", `0 0 960 ${height}`);
  const drawn = new Map();
  const others = [];
  for (const f of features) {
    const row = byNumeric.get(f.id);
    if (row) (drawn.get(row.code) || drawn.set(row.code, []).get(row.code)).push(f);
    else others.push(svg("path", { d: path(f), class: "other" }));
  }
  const info = $("map-info");
  const show = (row) => { info.replaceChildren(badge(row.answer.status), " ", el("strong", {}, `${row.name} (${row.code})`), ": ", row.answer.explanation); };
  const shapes = [...drawn].sort((a, b) => rows.get(a[0]).name.localeCompare(rows.get(b[0]).name)).map(([code, parts]) => {
    const row = rows.get(code);
    const area = parts.reduce((sum, f) => sum + path.area(f), 0);
    const largest = parts.reduce((a, b) => (path.area(a) >= path.area(b) ? a : b));
    const [cx, cy] = path.centroid(largest);
    return svg("g", {
      class: `j m-${row.answer.status}`, "data-code": code, "data-status": row.answer.status,
      tabindex: "0", role: "button", "aria-label": `${describe(row)}. Open the decision.`,
      onmouseenter: () => show(row), onfocus: () => show(row),
      onclick: () => openAnswer(code),
      onkeydown: (event) => { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); openAnswer(code); } },
    }, svg("title", {}, describe(row)), parts.map((f) => svg("path", { d: path(f) })),
      area < SMALL_AREA ? svg("circle", { cx, cy, r: 4.5, class: "dot" }) : null);
  });
  $("map").replaceChildren(svg("g", { class: "others", "aria-hidden": "true" }, others), svg("g", { class: "drawn" }, shapes));
  $("map-side").replaceChildren(...comparison.filter((row) => !drawn.has(row.code)).map((row) =>
    el("li", { "data-code": row.code },
      el("button", { type: "button", class: `side m-${row.answer.status}`, "data-status": row.answer.status, onclick: () => openAnswer(row.code), onmouseenter: () => show(row), onfocus: () => show(row) },
        el("span", { class: "swatch", "aria-hidden": "true" }), el("span", {}, `${row.code} ${row.name}`), badge(row.answer.status)),
      el("p", { class: "muted" }, sideNote(row.code)))));
  const counts = Object.fromEntries(STATUSES.map((s) => [s, comparison.filter((r) => r.answer.status === s).length]));
  $("map-legend").replaceChildren(...STATUSES.map((s) =>
    el("li", { "data-status": s }, el("span", { class: `swatch m-${s}`, "aria-hidden": "true" }), label(s), el("span", { class: "count" }, ` ${counts[s]}`))),
    el("li", { "data-status": "none" }, el("span", { class: "swatch other", "aria-hidden": "true" }), "not in the table"));
}

function sideNote(code) {
  const j = vocab.jurisdictions.find((x) => x.code === code);
  const members = vocab.jurisdictions.filter((x) => x.parent === code).length;
  if (members && !j.parent) return `A body above ${members} jurisdictions, which the map colours by their own answers.`;
  if (code === "GB-NIR") return "Inside the United Kingdom's shape, which the map colours by GB's answer.";
  if (j.parent) return `A subdivision of ${vocab.names.get(j.parent) || j.parent}, with its own answer; the map draws countries.`;
  return "Not drawn on this map.";
}

function openAnswer(code) {
  const row = comparison.find((r) => r.code === code);
  if (!row) return;
  for (const g of document.querySelectorAll("#map .j.selected")) g.classList.remove("selected");
  document.querySelector(`#map .j[data-code="${CSS.escape(code)}"]`)?.classList.add("selected");
  renderDecision($("compare-detail"), row.answer, null);
  $("compare-detail").append(el("p", {}, el("a", {
    href: `#/matrix?${new URLSearchParams({ jurisdiction: code, ingredient: row.answer.ingredient, ...(row.answer.at && $("compare-at").value ? { at: row.answer.at } : {}) })}`,
  }, `The whole matrix for ${row.name} (${code})`)));
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
      el("td", {}, el("a", { href: `#/matrix?${new URLSearchParams({ jurisdiction: row.code, ingredient: row.answer.ingredient })}` }, row.code), ` ${row.name}`),
      el("td", {}, el("button", { type: "button", class: "link", title: "Open the decision", onclick: () => openAnswer(row.code) }, badge(row.answer.status))),
      el("td", {}, row.answer.decidingRules.length
        ? row.answer.decidingRules.flatMap((r, i) => [i ? ", " : "", ruleLink(r.id)])
        : (row.answer.coverage === "none" ? "none: no rules recorded for this ingredient" : "none")))));
  for (const g of document.querySelectorAll("#map .j")) g.classList.toggle("dim", !!filter && g.dataset.status !== filter);
  const first = comparison[0]?.answer;
  $("compare-status").textContent = first
    ? `${first.ingredient}, ${pair(first.source, first.deliveryMethod)} (${first.source} × ${first.deliveryMethod}), as of ${first.at}, ruleset revision ${first.rulesetRevision}: ${rows.length} of ${comparison.length} jurisdictions in the table.`
    : "";
}

// --- rules -----------------------------------------------------------------------------------

let allRules = null;

async function showRules() {
  if (!allRules) {
    $("rules-count").textContent = "Loading the rules…";
    allRules = (await api("rules?size=500")).rules;
  }
  const code = resolveJurisdiction($("rules-jurisdiction").value);
  const status = $("rules-status").value;
  const ingredient = $("rules-ingredient").value;
  const text = $("rules-text").value.trim().toLowerCase();
  const shown = allRules.filter((r) =>
    (!$("rules-jurisdiction").value || r.jurisdiction === code) &&
    (!status || r.status === status) &&
    (!ingredient || r.ingredient === ingredient) &&
    (!text || JSON.stringify(r).toLowerCase().includes(text)));
  $("rules-count").textContent = `${shown.length} of ${allRules.length} rules.`;
  $("rules").tBodies[0].replaceChildren(...shown.map((r) =>
    el("tr", { "data-rule": r.id },
      el("td", {}, ruleLink(r.id)),
      el("td", {}, badge(r.status)),
      el("td", { "data-label": "Applies to" }, `${r.ingredient} from ${r.source} by ${r.deliveryMethod} in ${r.jurisdiction}`),
      el("td", { "data-label": "In force" }, `${r.effectiveFrom || "…"} to ${r.effectiveTo || "…"}`),
      el("td", { "data-label": "Confidence" }, r.confidence),
      el("td", { "data-label": "Legal basis" }, r.legalBasis ? link(r.legalBasis.url, r.legalBasis.instrument) : "none recorded"))));
}

async function showRule(params) {
  const id = params.get("id") || "";
  $("rule-title").textContent = `Rule ${id}`;
  $("rule-status").textContent = "Loading the rule…";
  $("rule").replaceChildren();
  const [rule, history] = await Promise.all([
    api(`rules/${encodeURIComponent(id)}`), api(`rules/${encodeURIComponent(id)}/history`),
  ]);
  $("rule-status").textContent = "";
  const references = rule.citations;
  const row = (term, ...value) => [el("dt", {}, term), el("dd", {}, ...value)];
  $("rule").replaceChildren(...nodes(
    el("h3", {}, rule.id, " ", badge(rule.status)),
    el("dl", { class: "facts" },
      row("Applies to", `${rule.ingredient} from ${rule.source} (${sourceName(rule.source)}) by ${rule.deliveryMethod} (${methodName(rule.deliveryMethod)}) in ${rule.jurisdiction} (${vocab.names.get(rule.jurisdiction) || rule.jurisdiction})`),
      row("Conditions", rule.conditions.length ? el("ul", {}, rule.conditions.map((c) => el("li", {}, c))) : "none"),
      row("Legal basis", rule.legalBasis
        ? link(rule.legalBasis.url, [rule.legalBasis.instrument, rule.legalBasis.provision].filter(Boolean).join(", "))
        : "none recorded"),
      row("Confidence", rule.confidence),
      row("In force", `${rule.effectiveFrom ? "from " + rule.effectiveFrom : "with no start date"}${rule.effectiveTo ? " until " + rule.effectiveTo + " (exclusive)" : ", open-ended"}`),
      row("Verified", rule.verifiedOn || "date not recorded"),
      row("References", references.length
        ? el("ul", { class: "references" }, references.map((ref) => el("li", { "data-reference": ref.id }, link(ref.url, ref.title), ref.publisher ? ` (${ref.publisher}${ref.date ? ", " + ref.date : ""})` : "")))
        : "none"),
      rule.notes ? row("Notes", rule.notes) : null),
    el("h4", {}, "History"),
    el("ol", { class: "history" }, history.changes.map((c) => el("li", { "data-revision": c.revision },
      `Revision ${c.revision}, ${c.time.slice(0, 19).replace("T", " ")} UTC: ${c.action} by ${c.actor}`,
      c.before && c.after ? `; changed: ${Object.keys(c.after).filter((k) => JSON.stringify(c.before[k]) !== JSON.stringify(c.after[k])).join(", ") || "nothing"}` : ""))),
  ));
}

// --- routing ---------------------------------------------------------------------------------

const views = { matrix: showMatrix, compare: showCompare, rules: showRules, rule: showRule };
const statusLine = { matrix: "matrix-status", compare: "compare-status", rules: "rules-count", rule: "rule-status" };

async function route() {
  const [path, query] = location.hash.replace(/^#\/?/, "").split("?");
  const view = views[path] ? path : "matrix";
  for (const name of Object.keys(views)) $(`${name}-view`).hidden = name !== view;
  const tab = view === "rule" ? "rules" : view;
  for (const a of document.querySelectorAll("nav a")) {
    if (a.dataset.view === tab) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  try {
    await views[view](new URLSearchParams(query || ""));
  } catch (error) {
    $(statusLine[view]).textContent = `Could not load: ${error.message}`;
  }
}

function go(view, params) {
  const target = `#/${view}?${new URLSearchParams(params)}`;
  if (location.hash === target) route();
  else location.hash = target;
}

$("matrix-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const params = { jurisdiction: resolveJurisdiction($("jurisdiction").value) || $("jurisdiction").value.trim(), ingredient: $("ingredient").value };
  if ($("at").value) params.at = $("at").value;
  go("matrix", params);
});
$("at").addEventListener("change", () => $("matrix-form").requestSubmit());
$("compare-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const params = { ingredient: $("compare-ingredient").value, source: $("compare-source").value, deliveryMethod: $("compare-method").value };
  if ($("compare-at").value) params.at = $("compare-at").value;
  if ($("compare-filter").value) params.status = $("compare-filter").value;
  go("compare", params);
});
for (const id of ["compare-ingredient", "compare-source", "compare-method", "compare-at"]) {
  $(id).addEventListener("change", () => $("compare-form").requestSubmit());
}
$("compare-filter").addEventListener("change", renderCompare);
for (const button of document.querySelectorAll("[data-extent]")) {
  button.addEventListener("click", async () => {
    extent = button.dataset.extent;
    for (const b of document.querySelectorAll("[data-extent]")) b.setAttribute("aria-pressed", String(b === button));
    if (comparison.length) { drawMap(await loadWorld()); renderCompare(); }
  });
}
for (const button of document.querySelectorAll("[data-sort]")) {
  button.addEventListener("click", () => { sortKey = button.dataset.sort; renderCompare(); });
}
for (const id of ["rules-jurisdiction", "rules-status", "rules-ingredient", "rules-text"]) $(id).addEventListener("input", showRules);
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
