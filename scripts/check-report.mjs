// Looks at the generated HTML report as a person would: headless Chromium, screenshots, and a
// check that the report shows what journeys promises. Usage:
//   node scripts/check-report.mjs [report dir] [screenshot dir]
// Needs Chromium (Debian: apt-get install chromium; or set CHROMIUM=/path/to/chrome).
import { createReadStream, existsSync, mkdirSync, statSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { chromium } from "playwright-core";

const reportDir = path.resolve(process.argv[2] ?? "reports/allure-report");
const shotDir = path.resolve(process.argv[3] ?? "reports/screenshots");
const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".json": "application/json",
  ".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png", ".txt": "text/plain" };

function serve(root) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://localhost");
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!existsSync(file)) { res.writeHead(404).end(); return; }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

if (!existsSync(path.join(reportDir, "index.html"))) {
  console.error(`check-report: no report in ${reportDir}; run "npm run report" first.`);
  process.exit(2);
}
if (!existsSync(executablePath)) {
  console.error(`check-report: no Chromium at ${executablePath}; install it or set CHROMIUM.`);
  process.exit(2);
}
mkdirSync(shotDir, { recursive: true });
const server = await serve(reportDir);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({
  executablePath,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
const problems = [];
const expect = (ok, what) => { if (!ok) problems.push(what); };
const shot = async (name) => {
  const file = path.join(shotDir, name);
  await page.screenshot({ path: file, fullPage: true });
  return file;
};
const shots = [];
page.setDefaultTimeout(10_000);
// Runs one look at the report; a missing element becomes a finding, not a crash.
const look = async (what, action) => {
  try {
    await action();
  } catch (error) {
    problems.push(`${what} (${error.message.split("\n")[0]})`);
  }
};

try {
  // 1. Scenarios grouped by business capability.
  await page.goto(base);
  await page.waitForLoadState("networkidle");
  const home = await page.locator("body").innerText();
  for (const capability of ["Accounts", "Cart", "Catalog", "Orders"]) {
    expect(home.includes(capability), `the tree groups scenarios under "${capability}"`);
  }
  shots.push(await shot("1-scenarios-by-capability.png"));

  // 2. A failing scenario's step, with its HTTP exchange, SQL and curl command.
  const failing = process.env.FAILING_SCENARIO ?? "fails on purpose";
  await look(`a failing scenario named "${failing}" with its step's HTTP exchange`, async () => {
    await page.getByText(failing).last().click();
    await page.waitForLoadState("networkidle");
    const attachment = page.getByText("HTTP GET /cart -> 200").first();
    await attachment.click();
    await page.waitForTimeout(300);
    const test = await page.locator("body").innerText();
    expect(test.includes("Failed"), "the failing scenario is shown as failed");
    expect(test.includes("expected {'Blue Mug': 5}"), "the failure message is shown");
    expect(test.includes("curl -sS -X GET"), "the failing step's exchange has its curl command");
    expect(/SQL for GET \/cart \(\d+\)/.test(test), "the failing step's exchange has its SQL");
    expect(/GET http:\/\/127\.0\.0\.1:\d+\/cart/.test(test), "the HTTP attachment opens");
    expect(test.includes("Category: Product defects"), "the failure is a product defect");
    expect(test.includes("The cart holds exactly what the shopper added"), "the scenario shows its rule");
    // The description (markdown) is drawn in a frame of its own.
    const frames = await Promise.all(page.frames().map((f) => f.locator("body").innerText().catch(() => "")));
    expect([test, ...frames].some((text) => text.includes("the one way a quantity gets into a cart")),
      "the scenario shows why its rule holds");
    expect(!test.includes("cpython"), "no label says only which Python ran it");
    await attachment.scrollIntoViewIfNeeded();
    shots.push(await shot("2-failing-step-with-http.png"));
  });

  // 3. The categories, with the environment problem apart from the product defect.
  await page.goto(base);
  await page.waitForLoadState("networkidle");
  await look("the categories tab", async () => {
    await page.getByText(/^Categories/).first().click();
    await page.waitForTimeout(300);
    const categories = await page.locator("body").innerText();
    for (const name of ["Product defects", "Environment problems"]) {
      expect(categories.includes(name), `the categories show "${name}"`);
    }
    shots.push(await shot("3-categories.png"));
  });
} finally {
  await browser.close();
  server.close();
}

for (const file of shots) console.log(`check-report: saved ${path.relative(process.cwd(), file)}`);
if (problems.length) {
  for (const problem of problems) console.error(`check-report: MISSING: ${problem}`);
  process.exit(1);
}
console.log("check-report: the report shows capabilities, the failing scenario's rule, its " +
  "step's HTTP, SQL and curl, and the categories");
