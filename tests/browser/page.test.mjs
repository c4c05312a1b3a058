// Browser tests of the page, against a running exoreg (BASE_URL, default http://localhost:8080).
// Screenshots of every view at 1400 and 390 pixels wide are written to screenshots/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";

const base = process.env.BASE_URL || "http://localhost:8080";
const shots = new URL("./screenshots/", import.meta.url).pathname;
mkdirSync(shots, { recursive: true });
const WIDE = { width: 1400, height: 900 };
const PHONE = { width: 390, height: 844 };
const LOCAL = new Set(["localhost", "127.0.0.1", "[::1]"]);
let browser;

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});
after(async () => browser?.close());

const json = async (path) => (await fetch(`${base}/api/v1/${path}`)).json();

/** A page on the app; every request it makes is recorded, and any to another host is refused. */
async function open(path, viewport = WIDE) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.errors = [];
  page.requests = [];
  page.external = [];
  page.on("pageerror", (error) => page.errors.push(error.message));
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    page.requests.push(url);
    if (url.protocol === "data:" || LOCAL.has(url.hostname)) return route.continue();
    page.external.push(url.href);
    return route.abort();
  });
  await page.goto(base + path);
  await page.waitForSelector("body[data-ready=true]");
  return page;
}

/** Closes a page, which must have thrown nothing, fit its width, and asked no other host for anything. */
async function done(page) {
  assert.deepEqual(page.errors, []);
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(sideways, 0, "the page does not scroll sideways");
  assert.deepEqual(page.external, []);
  await page.context().close();
}

/** A full-page screenshot, taken from the top so that sticky headers sit where they belong. */
async function shot(page, name) {
  await page.evaluate(() => scrollTo(0, 0));
  await page.screenshot({ path: `${shots}${name}-${page.viewportSize().width}.png`, fullPage: true });
}
/** A point of the window where a jurisdiction's own shape on the map is what the pointer meets. */
const pointOn = (page, code) => page.evaluate((c) => {
  const g = document.querySelector(`#map .j[data-code="${c}"]`);
  const svg = g.ownerSVGElement;
  const matrix = svg.getScreenCTM();
  for (const shape of g.querySelectorAll("path, circle")) {
    const box = shape.getBBox();
    for (let i = 1; i < 20; i++) for (let j = 1; j < 20; j++) {
      const p = svg.createSVGPoint();
      p.x = box.x + (box.width * i) / 20; p.y = box.y + (box.height * j) / 20;
      if (!shape.isPointInFill(p)) continue;
      const s = p.matrixTransform(matrix);
      if (g.contains(document.elementFromPoint(s.x, s.y))) return { x: s.x, y: s.y };
    }
  }
  return null;
}, code);

async function hoverOn(page, code) {
  await page.locator(`#map .j[data-code="${code}"]`).scrollIntoViewIfNeeded();
  const point = await pointOn(page, code);
  assert.ok(point, `${code} can be pointed at`);
  await page.mouse.move(point.x, point.y);
  return point;
}

const cell = (page, source, method) => page.locator(`.cell[data-source="${source}"][data-method="${method}"] .word`);
const statusText = (page, id) => page.locator(`#${id}`).textContent();

// --- matrix ----------------------------------------------------------------------------------

test("the GB matrix shows human x topical PROHIBITED, decided by GB-human-skin-application with its legal basis", async () => {
  const page = await open("/#/matrix?jurisdiction=UK");
  assert.equal(await page.inputValue("#jurisdiction"), "GB");
  assert.equal((await cell(page, "human", "topical").textContent()).trim(), "PROHIBITED");
  await cell(page, "human", "topical").click();
  const rule = page.locator('#detail [data-rule="GB-human-skin-application"]');
  await rule.waitFor();
  const expected = await json("rules/GB-human-skin-application");
  const href = await rule.locator('a[target="_blank"]').first().getAttribute("href");
  assert.equal(href, expected.legalBasis.url);
  assert.ok(new URL(href).protocol.startsWith("http"), href);
  assert.equal(await rule.locator("a.rule-id").getAttribute("href"), "#/rule?id=GB-human-skin-application");
  assert.match(await page.locator("#detail").textContent(), /PROHIBITED/);
  await shot(page, "matrix-gb");
  await done(page);
});

test("the FR matrix says its human x topical answer comes from the EU", async () => {
  for (const viewport of [WIDE, PHONE]) {
    const page = await open("/#/matrix?jurisdiction=France", viewport);
    await cell(page, "human", "topical").click();
    const detail = page.locator("#detail");
    await detail.locator(".inherited").waitFor();
    assert.match(await detail.locator(".inherited").textContent(), /Answered at the EU level/);
    assert.match(await detail.textContent(), /EU-human-skin-application/);
    await shot(page, "matrix-fr-detail");
    await done(page);
  }
});

test("changing the as-of date to 2013-01-01, before the Cosmetics Regulation applied, turns GB's human x topical to UNKNOWN", async () => {
  const page = await open("/#/matrix?jurisdiction=GB");
  assert.equal((await cell(page, "human", "topical").textContent()).trim(), "PROHIBITED");
  await page.fill("#at", "2013-01-01");
  await page.dispatchEvent("#at", "change");
  await page.waitForFunction(() => document.querySelector("#matrix-status").textContent.includes("2013-01-01"));
  assert.equal((await cell(page, "human", "topical").textContent()).trim(), "UNKNOWN");
  await done(page);
});

test("the GB matrix answers animal x skin-application RESTRICTED and names the narrower cases that decided it", async () => {
  const page = await open("/#/matrix?jurisdiction=GB");
  assert.equal((await cell(page, "animal", "skin-application").textContent()).trim(), "RESTRICTED");
  await cell(page, "animal", "skin-application").click();
  const narrower = page.locator("#detail .narrower");
  await narrower.waitFor();
  const cases = await narrower.locator("li").evaluateAll((items) => items.map((li) => li.dataset.case));
  assert.deepEqual(cases, ["bovine|skin-application", "animal|microneedling"]);
  await page.locator('#detail [data-rule="GB-bovine-skin-application"]').waitFor();
  await page.locator('#detail [data-rule="GB-non-human-microneedling"]').waitFor();
  await shot(page, "matrix-gb-narrower");
  await narrower.locator("li button").first().click();
  await page.waitForFunction(() => document.querySelector("#detail h3").textContent.startsWith("bovine × skin-application"));
  assert.equal(await page.locator("#detail .narrower").count(), 0, "a case decided by its own pair names no narrower cases");
  await done(page);
});

test("Singapore shows the banner that no exosome rules are recorded there, and none for polynucleotides, which it has", async () => {
  for (const viewport of [WIDE, PHONE]) {
    const page = await open("/#/matrix?jurisdiction=SG", viewport);
    const expected = (await json("ingredients")).map((i) => i.id);
    assert.deepEqual(await page.locator("#ingredient option").evaluateAll((o) => o.map((x) => x.value)), expected);
    assert.ok(expected.includes("exosome") && expected.includes("polynucleotide"), expected.join());
    assert.equal((await json("matrix?jurisdiction=SG&ingredient=exosome")).coverage, "none");
    const banner = page.locator("#coverage-banner");
    assert.ok(await banner.isVisible(), "the no-rules banner is shown");
    assert.match(await banner.textContent(), /^No rules for exosome are recorded for Singapore \(SG\) yet/);
    await shot(page, "matrix-sg-no-rules");
    await page.locator('.cell[data-source="plant"][data-method="topical"]').click();
    assert.match(await page.locator("#detail .no-rule").textContent(), /No rules for exosome are recorded for SG yet/);
    await page.selectOption("#ingredient", "polynucleotide");
    await page.click("#matrix-form button[type=submit]");
    await page.waitForFunction(() => document.querySelector("#matrix-status").textContent.includes("polynucleotide"));
    assert.equal(await banner.isVisible(), false, "a jurisdiction with rules shows no banner");
    assert.equal((await cell(page, "salmon", "intradermal-injection").textContent()).trim(), "RESTRICTED");
    await shot(page, "matrix-sg-polynucleotide");
    await done(page);
  }
});

test('a search that matches nothing ("Frnace") leaves no matrix on screen and suggests France', async () => {
  for (const viewport of [WIDE, PHONE]) {
    const page = await open("/#/matrix?jurisdiction=US-FL", viewport);
    assert.ok(await page.locator(".cell").count() > 0);
    await page.fill("#jurisdiction", "Frnace");
    await page.click("#matrix-form button[type=submit]");
    await page.waitForFunction(() => document.querySelector("#matrix-status").textContent.includes("Frnace"));
    assert.match(await statusText(page, "matrix-status"), /No jurisdiction matches "Frnace"/);
    assert.equal(await page.locator(".cell").count(), 0, "no cell of the previous matrix is left");
    assert.equal(await page.locator("#matrix tr").count(), 0);
    assert.equal(await page.locator(".grid-box").isVisible(), false);
    assert.equal(await page.locator("#detail").isVisible(), false);
    const suggestion = page.locator("#matrix-suggest a");
    assert.equal((await suggestion.allTextContents()).join("|"), "FR (France)");
    await shot(page, "matrix-no-match");
    await suggestion.click();
    await page.waitForFunction(() => document.querySelector("#matrix-status").textContent.startsWith("France (FR)"));
    assert.equal((await cell(page, "human", "topical").textContent()).trim(), "PROHIBITED");
    await done(page);
  }
});

test("names and aliases are found without regard to case, accents, punctuation or a leading 'the'", async () => {
  const page = await open("/#/matrix?jurisdiction=GB");
  const cases = [["United Kingdom", "GB"], ["Great Britain", "GB"], ["u.k.", "GB"], ["Florida", "US-FL"], ["Korea", "KR"],
    ["the Netherlands", "NL"], ["ESPANA", "ES"], ["czech republic", "CZ"], ["  singapore ", "SG"], ["us-fl", "US-FL"]];
  for (const [typed, code] of cases) {
    const name = (await json("jurisdictions")).find((j) => j.code === code).name;
    await page.fill("#jurisdiction", typed);
    await page.click("#matrix-form button[type=submit]");
    await page.waitForFunction((c) => document.querySelector("#matrix-status").textContent.includes(`(${c}),`), code);
    assert.equal(await page.inputValue("#jurisdiction"), code, typed);
    assert.ok((await statusText(page, "matrix-status")).startsWith(`${name} (${code})`), typed);
    assert.ok(await page.locator(".cell").count() > 0, typed);
  }
  await page.fill("#jurisdiction", "Germny");
  await page.click("#matrix-form button[type=submit]");
  await page.waitForFunction(() => document.querySelector("#matrix-status").textContent.includes("Germny"));
  assert.equal((await page.locator("#matrix-suggest a").allTextContents())[0], "DE (Germany)");
  await done(page);
});

test("while the matrix loads the page says so, and the matrix box is marked busy", async () => {
  const page = await open("/#/matrix?jurisdiction=GB");
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route("**/api/v1/matrix?*", async (route) => { await held; await route.continue(); });
  await page.fill("#jurisdiction", "Japan");
  await page.click("#matrix-form button[type=submit]");
  await page.waitForFunction(() => document.querySelector("#matrix-status").textContent.startsWith("Loading the matrix for Japan (JP)"));
  assert.equal(await page.getAttribute(".grid-box", "aria-busy"), "true");
  release();
  await page.waitForFunction(() => document.querySelector("#matrix-status").textContent.startsWith("Japan (JP),"));
  assert.equal(await page.getAttribute(".grid-box", "aria-busy"), null);
  await done(page);
});

test("at 1400 pixels the matrix fits without horizontal scrolling, with labels, ids on hover, aligned headers that stay in view", async () => {
  const page = await open("/#/matrix?jurisdiction=FR", WIDE);
  const fit = await page.evaluate(() => {
    const box = document.querySelector(".grid-box");
    const clipped = [...document.querySelectorAll("#matrix th, #matrix .cell")]
      .filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent);
    return {
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      box: box.scrollWidth - box.clientWidth, clipped,
      right: Math.max(...[...document.querySelectorAll("#matrix th, #matrix td")].map((e) => e.getBoundingClientRect().right)),
    };
  });
  assert.equal(fit.page, 0, "the page does not scroll sideways");
  assert.ok(fit.box <= 0, `the matrix box does not scroll sideways (${fit.box})`);
  assert.deepEqual(fit.clipped, [], "no header or cell is cut off");
  assert.ok(fit.right <= 1400, `the matrix ends inside the window (${fit.right})`);
  const methods = await json("delivery-methods");
  const topical = page.locator('#matrix thead th[data-method="topical"]');
  assert.equal((await topical.textContent()).trim(), "Topical");
  assert.ok((await topical.getAttribute("title")).startsWith(`topical: ${methods.find((m) => m.id === "topical").label}`));
  const row = page.locator('#matrix tbody th[data-source="human-mesenchymal-stem-cell"]');
  assert.doesNotMatch(await row.textContent(), /human-mesenchymal-stem-cell/, "rows show labels, not ids");
  assert.match(await row.getAttribute("title"), /^human-mesenchymal-stem-cell: /);
  const bottoms = await page.locator("#matrix thead th").evaluateAll((ths) => ths.map((th) => {
    const r = th.getBoundingClientRect();
    return [Math.round(r.top), Math.round(r.bottom)];
  }));
  assert.equal(new Set(bottoms.map(String)).size, 1, `the header cells line up: ${JSON.stringify(bottoms)}`);
  // With a decision open below it, scrolled well into the matrix: its header row is still at the top.
  await page.locator('.cell[data-source="human"][data-method="topical"]').click();
  await page.locator("#detail h3").waitFor();
  const tableTop = await page.evaluate(() => document.querySelector("#matrix").getBoundingClientRect().top + scrollY);
  await page.evaluate((y) => scrollTo(0, y), tableTop + 300);
  const after = await page.evaluate(() => ({
    header: document.querySelector('#matrix thead th[data-method="topical"]').getBoundingClientRect().top,
    firstRow: document.querySelector("#matrix tbody tr").getBoundingClientRect().top,
    scrolled: scrollY,
  }));
  assert.ok(after.scrolled > 0, "the page scrolled");
  assert.ok(after.firstRow < 0, "the first row has scrolled out of view");
  assert.ok(Math.abs(after.header) <= 1, `the header stays at the top (${after.header})`);
  await page.screenshot({ path: `${shots}matrix-scrolled-1400.png` });
  await page.evaluate(() => scrollTo(0, 0));
  await shot(page, "matrix-fr-detail-wide");
  await done(page);
});

test("at 390 pixels the matrix is a list of each source's answers, nothing wider than the screen", async () => {
  const page = await open("/#/matrix?jurisdiction=GB", PHONE);
  const layout = await page.evaluate(() => ({
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    cells: [...document.querySelectorAll(".cell")].map((c) => {
      const r = c.getBoundingClientRect();
      return { left: r.left, right: r.right, clipped: c.scrollWidth > c.clientWidth + 1, text: c.innerText };
    }),
  }));
  assert.equal(layout.overflow, 0);
  const methods = (await json("delivery-methods")).length;
  const sources = (await json("sources")).length;
  assert.equal(layout.cells.length, methods * sources);
  for (const c of layout.cells) {
    assert.ok(c.left >= 0 && c.right <= 390 && !c.clipped, JSON.stringify(c));
    assert.match(c.text, /\n(PERMITTED|RESTRICTED|UNKNOWN|NOT APPROVED|PROHIBITED)$/, "each answer names its method and status");
  }
  await shot(page, "matrix-gb");
  await done(page);
});

test("in a window too narrow for the whole matrix, it scrolls in its box with the header row and first column in view", async () => {
  const page = await open("/#/matrix?jurisdiction=GB", { width: 800, height: 700 });
  const before = await page.evaluate(() => {
    const box = document.querySelector(".grid-box");
    return { wide: box.scrollWidth > box.clientWidth, tall: box.scrollHeight > box.clientHeight };
  });
  assert.ok(before.wide && before.tall, JSON.stringify(before));
  const moved = await page.evaluate(() => {
    const box = document.querySelector(".grid-box");
    const top = box.getBoundingClientRect();
    const rowHeader = document.querySelector('#matrix tbody th[data-source="human"]');
    const colHeader = document.querySelector('#matrix thead th[data-method="topical"]');
    const cell = document.querySelector('.cell[data-source="human"][data-method="topical"]');
    const rowBefore = rowHeader.getBoundingClientRect().left, cellBefore = cell.getBoundingClientRect();
    box.scrollLeft = 200;
    box.scrollTop = 200;
    return {
      rowHeaderLeft: rowHeader.getBoundingClientRect().left - rowBefore,
      headerTop: colHeader.getBoundingClientRect().top - top.top,
      cellLeft: cell.getBoundingClientRect().left - cellBefore.left,
      cellTop: cell.getBoundingClientRect().top - cellBefore.top,
    };
  });
  assert.ok(moved.cellLeft < -100 && moved.cellTop < -100, `the cells scrolled: ${JSON.stringify(moved)}`);
  assert.ok(Math.abs(moved.rowHeaderLeft) <= 1, `the first column stays: ${JSON.stringify(moved)}`);
  assert.ok(Math.abs(moved.headerTop) <= 2, `the header row stays: ${JSON.stringify(moved)}`);
  await page.screenshot({ path: `${shots}matrix-scrolled-800.png` });
  await done(page);
});

test("the matrix is keyboard-navigable: a cell takes focus and Enter opens its decision", async () => {
  const page = await open("/#/matrix?jurisdiction=KR");
  await page.locator('.cell[data-source="salmon"][data-method="microneedling"]').focus();
  await page.keyboard.press("Enter");
  await page.locator('#detail [data-rule="KR-any-source-microneedling"]').waitFor();
  await done(page);
});

// --- compare: the map --------------------------------------------------------------------------

/** The answers the API gives every jurisdiction for one question. */
async function answers(question) {
  const jurisdictions = await json("jurisdictions");
  const result = new Map();
  await Promise.all(jurisdictions.map(async (j) => {
    const a = await json(`status?${new URLSearchParams({ jurisdiction: j.code, ...question })}`);
    result.set(j.code, a.status);
  }));
  return result;
}

/** What the map shows: each drawn jurisdiction with its status and fill, the side list, the legend. */
const mapState = (page) => page.evaluate(() => {
  const legend = Object.fromEntries([...document.querySelectorAll("#map-legend li")].map((li) =>
    [li.dataset.status, getComputedStyle(li.querySelector(".swatch")).backgroundColor]));
  const drawn = [...document.querySelectorAll("#map .j")].map((g) => {
    const shapes = [...g.querySelectorAll("path, circle")];
    const box = g.getBBox();
    return {
      code: g.dataset.code, status: g.dataset.status,
      fills: [...new Set(shapes.map((s) => getComputedStyle(s).fill))],
      drawn: shapes.length > 0 && box.width > 0 && box.height > 0 && shapes.every((s) => s.tagName !== "path" || s.getAttribute("d").length > 10),
    };
  });
  const side = [...document.querySelectorAll("#map-side li")].map((li) => ({
    code: li.dataset.code, status: li.querySelector("button").dataset.status,
  }));
  const others = getComputedStyle(document.querySelector("#map .others path")).fill;
  return { legend, drawn, side, others, words: [...document.querySelectorAll("#map-legend li")].map((li) => li.textContent) };
});

function assertMap(state, expected) {
  const words = ["PERMITTED", "RESTRICTED", "UNKNOWN", "NOT APPROVED", "PROHIBITED"];
  for (const w of words) assert.ok(state.words.some((t) => t.startsWith(w)), `the legend names ${w}`);
  const fills = new Set(Object.values(state.legend));
  assert.equal(fills.size, 6, `five status colours and one for the rest of the world: ${JSON.stringify(state.legend)}`);
  const shown = [...state.drawn.map((d) => d.code), ...state.side.map((s) => s.code)].sort();
  assert.deepEqual(shown, [...expected.keys()].sort(), "every jurisdiction once, on the map or beside it");
  assert.deepEqual(state.side.map((s) => s.code).sort(), ["EU", "GB-NIR", "US-FL"], "only the EU and the subdivisions are beside the map");
  for (const d of state.drawn) {
    assert.ok(d.drawn, `${d.code} has a shape`);
    assert.equal(d.status, expected.get(d.code), d.code);
    assert.deepEqual(d.fills, [state.legend[d.status]], `${d.code} is coloured as the legend says ${d.status} is`);
    assert.notEqual(d.fills[0], state.others);
  }
  for (const s of state.side) assert.equal(s.status, expected.get(s.code), s.code);
  for (const w of words) {
    const status = w.replace(" ", "_");
    const count = [...expected.values()].filter((v) => v === status).length;
    assert.ok(state.words.includes(`${w} ${count}`), `${w} counted ${count}: ${state.words}`);
  }
}

test("the comparison opens on human x topical with a map that colours every jurisdiction by its answer, and recolours when the method changes", async () => {
  const page = await open("/#/compare");
  await page.waitForSelector("#map .j");
  assert.equal(await page.inputValue("#compare-source"), "human");
  assert.equal(await page.inputValue("#compare-method"), "topical");
  const ingredient = await page.inputValue("#compare-ingredient");
  const topical = await answers({ source: "human", deliveryMethod: "topical", ingredient });
  assertMap(await mapState(page), topical);
  assert.equal(topical.get("FR"), "PROHIBITED");
  await shot(page, "compare-map");
  await page.locator("#compare-view .map-area").screenshot({ path: `${shots}readme-map.png` });

  await page.selectOption("#compare-source", "salmon");
  await page.waitForFunction(() => document.querySelector("#compare-status").textContent.includes("(salmon × topical)"));
  await page.selectOption("#compare-method", "microneedling");
  await page.waitForFunction(() => document.querySelector("#compare-status").textContent.includes("(salmon × microneedling)"));
  await page.waitForFunction(() => !document.querySelector(".map-area").hasAttribute("aria-busy"));
  const microneedling = await answers({ source: "salmon", deliveryMethod: "microneedling", ingredient });
  const salmonTopical = await answers({ source: "salmon", deliveryMethod: "topical", ingredient });
  assert.ok([...microneedling].some(([code, s]) => salmonTopical.get(code) !== s), "the question changes some answers");
  assertMap(await mapState(page), microneedling);
  assert.equal(await page.getAttribute('#map .j[data-code="KR"]', "data-status"), "PROHIBITED");
  const status = (code) => page.locator(`#compare tr[data-code="${code}"] .badge`).textContent();
  assert.equal((await status("KR")).trim(), "PROHIBITED");
  assert.equal((await status("US")).trim(), "UNKNOWN");
  await page.click('[data-sort="status"]');
  assert.equal((await page.locator("#compare tbody tr .badge").first().textContent()).trim(), "PROHIBITED");
  await page.locator('#compare tr[data-code="KR"] button').click();
  await page.waitForFunction(() => document.querySelector("#compare-detail h3")?.textContent.includes("in KR"));
  await page.selectOption("#compare-filter", "UNKNOWN");
  const shown = await page.locator("#compare tbody tr .badge").allTextContents();
  assert.ok(shown.length > 0 && shown.every((s) => s.trim() === "UNKNOWN"), shown.join());
  await shot(page, "compare-salmon-microneedling");
  await done(page);
});

test("the map answers on hover and keyboard focus, and a click or Enter opens the decision", async () => {
  for (const viewport of [WIDE, PHONE]) {
    const page = await open("/#/compare", viewport);
    await page.waitForSelector("#map .j");
    if (viewport === WIDE) {
      await hoverOn(page, "BR");
      const br = await json("status?jurisdiction=BR&source=human&deliveryMethod=topical&ingredient=exosome");
      assert.equal(await page.locator("#map-info .badge").textContent(), br.status.replace("_", " "));
      assert.equal(await page.locator("#map-info").textContent(), `${br.status.replace("_", " ")} Brazil (BR): ${br.explanation}`);
      await page.click('[data-extent="europe"]');
      await hoverOn(page, "FR");
      assert.match(await page.locator("#map-info").textContent(), /^PROHIBITED France \(FR\): /);
      await shot(page, "compare-europe");
      await page.click('[data-extent="world"]');
    }
    await page.locator('#map .j[data-code="KR"]').focus();
    const kr = await json("status?jurisdiction=KR&source=human&deliveryMethod=topical&ingredient=exosome");
    assert.match(await page.locator("#map-info").textContent(), new RegExp(`^${kr.status.replace("_", " ")} Republic of Korea \\(KR\\): `));
    assert.equal(await page.getAttribute('#map .j[data-code="KR"]', "aria-label"), `Republic of Korea (KR): ${kr.status.replace("_", " ")}. Open the decision.`);
    await page.keyboard.press("Enter");
    const detail = page.locator("#compare-detail");
    await detail.waitFor();
    assert.match(await detail.locator("h3").textContent(), new RegExp(`human × topical in KR: ${kr.status.replace("_", " ")}`));
    for (const r of kr.decidingRules) await detail.locator(`[data-rule="${r.id}"]`).waitFor();
    const fr = await hoverOn(page, "FR");
    await page.mouse.click(fr.x, fr.y);
    await page.waitForFunction(() => document.querySelector("#compare-detail h3").textContent.includes("in FR"));
    assert.match(await detail.locator(".inherited").textContent(), /Answered at the EU level/);
    await page.click('#map-side li[data-code="US-FL"] button');
    await page.waitForFunction(() => document.querySelector("#compare-detail h3").textContent.includes("in US-FL"));
    await shot(page, "compare-detail");
    await done(page);
  }
});

test("the comparison takes an as-of date and either ingredient", async () => {
  const page = await open("/#/compare");
  await page.waitForSelector("#map .j");
  assert.equal(await page.getAttribute('#map .j[data-code="FR"]', "data-status"), "PROHIBITED");
  await page.fill("#compare-at", "2013-01-01");
  await page.dispatchEvent("#compare-at", "change");
  await page.waitForFunction(() => document.querySelector("#compare-status").textContent.includes("as of 2013-01-01"));
  assertMap(await mapState(page), await answers({ source: "human", deliveryMethod: "topical", ingredient: "exosome", at: "2013-01-01" }));
  assert.equal(await page.getAttribute('#map .j[data-code="FR"]', "data-status"), "UNKNOWN");
  await page.fill("#compare-at", "");
  await page.selectOption("#compare-ingredient", "polynucleotide");
  await page.waitForFunction(() => document.querySelector("#compare-status").textContent.startsWith("polynucleotide"));
  await page.selectOption("#compare-source", "salmon");
  await page.waitForFunction(() => document.querySelector("#compare-status").textContent.includes("(salmon × topical)"));
  assertMap(await mapState(page), await answers({ source: "salmon", deliveryMethod: "topical", ingredient: "polynucleotide" }));
  await page.selectOption("#compare-method", "intradermal-injection");
  await page.waitForFunction(() => document.querySelector("#compare-status").textContent.includes("(salmon × intradermal-injection)"));
  assertMap(await mapState(page), await answers({ source: "salmon", deliveryMethod: "intradermal-injection", ingredient: "polynucleotide" }));
  await shot(page, "compare-polynucleotide-injection");
  await done(page);
});

// --- rules -----------------------------------------------------------------------------------

test("the rule browser filters rules, links each to its legal basis and to its own page", async () => {
  for (const viewport of [WIDE, PHONE]) {
    const page = await open("/#/rules", viewport);
    await page.waitForFunction(() => document.querySelector("#rules-count").textContent.includes("of"));
    const gb = (await json("rules?jurisdiction=GB&size=500")).rules;
    const linked = gb.filter((r) => r.legalBasis && r.legalBasis.url).length;
    await page.fill("#rules-jurisdiction", "uk");
    await page.waitForFunction((n) => document.querySelectorAll("#rules tbody tr").length === n, gb.length);
    const ids = await page.locator("#rules tbody tr td:first-child").allTextContents();
    assert.ok(ids.every((id) => id.startsWith("GB-")), ids.join());
    assert.equal(await page.locator('#rules tbody a[target="_blank"]').count(), linked);
    assert.equal(await page.locator("#rules tbody a.rule-id").count(), gb.length);
    const polynucleotide = gb.filter((r) => r.ingredient === "polynucleotide").length;
    await page.selectOption("#rules-ingredient", "polynucleotide");
    await page.waitForFunction((n) => document.querySelectorAll("#rules tbody tr").length === n, polynucleotide);
    await shot(page, "rules");
    await done(page);
  }
});

test("a rule's page shows its conditions, legal basis, confidence, dates, references and history", async () => {
  for (const viewport of [WIDE, PHONE]) {
    const page = await open("/#/rules", viewport);
    await page.waitForFunction(() => document.querySelector("#rules-count").textContent.includes("of"));
    await page.fill("#rules-text", "GB-human-skin-application");
    await page.locator('#rules a.rule-id[href="#/rule?id=GB-human-skin-application"]').click();
    await page.waitForFunction(() => document.querySelector("#rule h3")?.textContent.startsWith("GB-human-skin-application"));
    const rule = await json("rules/GB-human-skin-application");
    const history = await json("rules/GB-human-skin-application/history");
    const text = await page.locator("#rule").textContent();
    for (const c of rule.conditions) assert.ok(text.includes(c), c);
    assert.ok(text.includes(rule.legalBasis.instrument));
    assert.equal(await page.locator(`#rule a[href="${rule.legalBasis.url}"]`).count() > 0, true);
    assert.ok(text.includes(`Confidence${rule.confidence}`), "confidence");
    assert.ok(text.includes(`from ${rule.effectiveFrom}`), "effective from");
    assert.equal(await page.locator("#rule .references li").count(), rule.references.length);
    assert.equal(await page.locator("#rule .history li").count(), history.changes.length);
    assert.ok(history.changes.length > 0);
    await shot(page, "rule");
    await done(page);
  }
});

// --- no other host -------------------------------------------------------------------------------

test("no view asks any host but the application's own for anything, the map's data and code included", async () => {
  const page = await open("/#/compare");
  await page.waitForSelector("#map .j");
  for (const hash of ["#/matrix?jurisdiction=FR", "#/rules", "#/rule?id=GB-human-skin-application", "#/matrix?jurisdiction=Frnace"]) {
    await page.evaluate((h) => { location.hash = h; }, hash);
    await page.waitForTimeout(300);
  }
  await page.waitForSelector("#rule h3", { state: "attached" });
  const origin = new URL(base).host;
  const paths = page.requests.map((u) => u.pathname);
  for (const vendored of ["/vendor/world-atlas@2.0.2/countries-50m.json", "/vendor/d3-geo@3.1.1/d3-geo.min.js",
    "/vendor/d3-array@3.2.4/d3-array.min.js", "/vendor/topojson-client@3.1.0/topojson-client.min.js"]) {
    assert.ok(paths.includes(vendored), `${vendored} is served by the application`);
  }
  const foreign = page.requests.filter((u) => u.protocol !== "data:" && u.host !== origin).map((u) => u.href);
  assert.deepEqual(foreign, []);
  await done(page);
});
