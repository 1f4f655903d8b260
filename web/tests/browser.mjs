// Drives the page in headless Chromium (Debian's) through playwright-core:
//   node browser.mjs URL EXPECTED.json SCREENSHOT.png
// EXPECTED holds the latencies `mlsysim run` gives for the view the test
// opens and for the one it changes to. Prints one JSON object of what it
// measured and saw; the Python test (python/tests/test_web.py) judges it.
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";

const [url, expectedFile, screenshot] = process.argv.slice(2);
const expected = JSON.parse(readFileSync(expectedFile, "utf8"));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--no-proxy-server", "--disable-gpu"],
});
const result = {};
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1500 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  // The answers of the latest change are on the page (an older update's completion does not count).
  const ready = async (after) => page.waitForFunction((n) => Number(document.body.dataset.ready || 0) > n &&
    document.body.dataset.ready === String(window.mlsysimGeneration), after, { timeout: 30000 });
  const latencies = () => page.$$eval("#roofline-table tbody tr", (rows) =>
    rows.map((r) => [...r.cells].map((c) => c.textContent)));

  let started = Date.now();
  await page.goto(url + "#" + expected.first.hash);
  await ready(0);
  result.load_ms = Date.now() - started;
  result.first = await latencies();
  result.roofline_points = await page.$$eval("#roofline-chart canvas", (c) => c.length);
  result.cli = await page.textContent("#cli");
  result.training = await page.$$eval("#training-table tbody tr", (rows) =>
    rows.map((r) => [...r.cells].map((c) => c.textContent)));

  // Change an input as a user does: the batch size, then Enter.
  const before = Number(await page.getAttribute("body", "data-ready"));
  await page.fill("#batch", String(expected.second.batch));
  await page.dispatchEvent("#batch", "change");
  await ready(before);
  result.second = await latencies();
  result.hash = await page.evaluate(() => location.hash);

  // Variants side by side.
  let mark0 = Number(await page.getAttribute("body", "data-ready"));
  await page.selectOption("#compare", "roofline:calibrated");
  await ready(mark0);
  result.compared_header = await page.$$eval("#roofline-table thead th", (h) => h.map((c) => c.textContent));
  result.compared = await latencies();
  mark0 = Number(await page.getAttribute("body", "data-ready"));
  await page.selectOption("#compare", "");
  await ready(mark0);

  // A 1,000-point sweep (efficiency 0.1 to 1 at 250 points, x 4 model-device pairs), redrawn
  // after an input changes: timed from the last change to the table holding all 1,000 points.
  const sweepHolds = (n) => page.waitForFunction((k) => {
    const t = document.getElementById("sweep-table");
    return t.dataset.points === String(k) && document.body.dataset.ready === String(window.mlsysimGeneration);
  }, n, { timeout: 30000 });
  await page.selectOption("#sweep-over", "efficiency");
  await page.fill("#sweep-from", "0.1");
  await page.fill("#sweep-to", "1");
  await page.fill("#sweep-points", "249");
  await page.dispatchEvent("#sweep-points", "change");
  await sweepHolds(4 * 249);
  await page.fill("#sweep-points", "250");
  started = Date.now();
  await page.dispatchEvent("#sweep-points", "change");
  await sweepHolds(1000);
  result.sweep_redraw_ms = Date.now() - started;
  result.sweep_points = Number(await page.getAttribute("#sweep-table", "data-points"));
  result.sweep_rows_coloured = await page.$$eval("#sweep-table tbody tr",
    (rows) => rows.filter((r) => r.className === "Memory" || r.className === "Compute").length);
  await page.selectOption("#sweep-over", "batch_size");
  await page.fill("#sweep-from", "1");
  await page.fill("#sweep-to", "1024");
  await page.fill("#sweep-points", "11");
  await page.dispatchEvent("#sweep-points", "change");
  await sweepHolds(44);
  await page.screenshot({ path: screenshot, fullPage: true });
  result.errors = errors;
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
