// Browser tests of the page, against a running exoreg (BASE_URL, default http://localhost:8080).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";

const base = process.env.BASE_URL || "http://localhost:8080";
const shots = new URL("./screenshots/", import.meta.url).pathname;
mkdirSync(shots, { recursive: true });
let browser;

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});
after(async () => browser?.close());

async function open(path, viewport = { width: 1280, height: 900 }) {
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(base + path);
  await page.waitForSelector("body[data-ready=true]");
  page.errors = errors;
  return page;
}

const cell = (page, source, method) => page.locator(`.cell[data-source="${source}"][data-method="${method}"]`);

test("the GB matrix shows human x topical PROHIBITED, decided by GB-human-skin-application with its legal basis", async () => {
  const page = await open("/#/matrix?jurisdiction=UK");
  await assert.equal(await page.inputValue("#jurisdiction"), "GB");
  assert.equal((await cell(page, "human", "topical").textContent()).trim(), "PROHIBITED");
  await cell(page, "human", "topical").click();
  const rule = page.locator('#detail [data-rule="GB-human-skin-application"]');
  await rule.waitFor();
  const href = await rule.locator("a").first().getAttribute("href");
  const expected = await (await fetch(`${base}/api/v1/rules/GB-human-skin-application`)).json();
  assert.equal(href, expected.legalBasis.url);
  assert.ok(new URL(href).protocol.startsWith("http"), href);
  assert.match(await page.locator("#detail").textContent(), /PROHIBITED/);
  await page.screenshot({ path: `${shots}matrix-gb.png`, fullPage: true });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("the FR matrix says its human x topical answer comes from the EU", async () => {
  const page = await open("/#/matrix?jurisdiction=France");
  await cell(page, "human", "topical").click();
  const detail = page.locator("#detail");
  await detail.locator(".inherited").waitFor();
  assert.match(await detail.locator(".inherited").textContent(), /Answered at the EU level/);
  assert.match(await detail.textContent(), /EU-human-skin-application/);
  await page.screenshot({ path: `${shots}matrix-fr-detail.png`, fullPage: true });
  await page.close();
});

test("changing the as-of date to 2013-01-01, before the Cosmetics Regulation applied, turns GB's human x topical to UNKNOWN", async () => {
  const page = await open("/#/matrix?jurisdiction=GB");
  assert.equal((await cell(page, "human", "topical").textContent()).trim(), "PROHIBITED");
  await page.fill("#at", "2013-01-01");
  await page.dispatchEvent("#at", "change");
  await page.waitForFunction(() => document.querySelector("#matrix-status").textContent.includes("2013-01-01"));
  assert.equal((await cell(page, "human", "topical").textContent()).trim(), "UNKNOWN");
  await page.close();
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
  await page.screenshot({ path: `${shots}matrix-gb-narrower.png`, fullPage: true });
  await narrower.locator("li button").first().click();
  await page.waitForFunction(() => document.querySelector("#detail h3").textContent.startsWith("bovine × skin-application"));
  assert.equal(await page.locator("#detail .narrower").count(), 0, "a case decided by its own pair names no narrower cases");
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("the ingredient picker lists every ingredient, and Singapore says it has no exosome rules yet but has polynucleotide ones", async () => {
  const page = await open("/#/matrix?jurisdiction=SG");
  const expected = (await (await fetch(`${base}/api/v1/ingredients`)).json()).map((i) => i.id);
  assert.deepEqual(await page.locator("#ingredient option").evaluateAll((o) => o.map((x) => x.value)), expected);
  assert.ok(expected.includes("exosome") && expected.includes("polynucleotide"), expected.join());
  assert.match(await page.locator("#matrix-status").textContent(), /No rules for exosome are recorded for SG yet/);
  await cell(page, "plant", "topical").click();
  assert.match(await page.locator("#detail .no-rule").textContent(), /No rules for exosome are recorded for SG yet/);
  await page.selectOption("#ingredient", "polynucleotide");
  await page.click("#matrix-form button[type=submit]");
  await page.waitForFunction(() => document.querySelector("#matrix-status").textContent.includes("polynucleotide"));
  assert.doesNotMatch(await page.locator("#matrix-status").textContent(), /No rules/);
  assert.equal((await cell(page, "salmon", "intradermal-injection").textContent()).trim(), "RESTRICTED");
  await page.screenshot({ path: `${shots}matrix-sg-polynucleotide.png`, fullPage: true });
  await page.close();
});

test("the compare view for salmon x microneedling shows Korea PROHIBITED and the United States UNKNOWN", async () => {
  const page = await open("/#/compare");
  await page.selectOption("#compare-source", "salmon");
  await page.selectOption("#compare-method", "microneedling");
  await page.click("#compare-form button[type=submit]");
  await page.waitForFunction(() => document.querySelector("#compare-status").textContent.includes("salmon"));
  const status = (code) => page.locator(`#compare tr[data-code="${code}"] .badge`).textContent();
  assert.equal((await status("KR")).trim(), "PROHIBITED");
  assert.equal((await status("US")).trim(), "UNKNOWN");
  await page.click('[data-sort="status"]');
  assert.equal((await page.locator("#compare tbody tr .badge").first().textContent()).trim(), "PROHIBITED");
  await page.selectOption("#compare-filter", "UNKNOWN");
  const shown = await page.locator("#compare tbody tr .badge").allTextContents();
  assert.ok(shown.length > 0 && shown.every((s) => s.trim() === "UNKNOWN"), shown.join());
  await page.screenshot({ path: `${shots}compare.png`, fullPage: true });
  await page.close();
});

test("the rule browser filters rules and links each to its legal basis", async () => {
  const page = await open("/#/rules");
  await page.waitForFunction(() => document.querySelector("#rules-count").textContent.includes("of"));
  const gb = (await (await fetch(`${base}/api/v1/rules?jurisdiction=GB&size=500`)).json()).rules;
  const linked = gb.filter((r) => r.legalBasis && r.legalBasis.url).length;
  await page.fill("#rules-jurisdiction", "uk");
  await page.waitForFunction((n) => document.querySelectorAll("#rules tbody tr").length === n, gb.length);
  const ids = await page.locator("#rules tbody tr td:first-child").allTextContents();
  assert.ok(ids.every((id) => id.startsWith("GB-")), ids.join());
  assert.equal(await page.locator("#rules tbody a").count(), linked);
  await page.screenshot({ path: `${shots}rules.png`, fullPage: true });
  await page.close();
});

test("at 390 pixels wide the matrix fits without horizontal page scroll", async () => {
  const page = await open("/#/matrix?jurisdiction=GB", { width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0);
  const box = await page.evaluate(() => {
    const grid = document.querySelector(".grid-box");
    return { scrolls: grid.scrollWidth > grid.clientWidth };
  });
  assert.ok(box.scrolls, "the grid scrolls inside its box");
  await page.screenshot({ path: `${shots}matrix-phone.png`, fullPage: true });
  await page.close();
});

test("the matrix is keyboard-navigable: a cell takes focus and Enter opens its decision", async () => {
  const page = await open("/#/matrix?jurisdiction=KR");
  await cell(page, "salmon", "microneedling").focus();
  await page.keyboard.press("Enter");
  await page.locator('#detail [data-rule="KR-any-source-microneedling"]').waitFor();
  await page.close();
});
