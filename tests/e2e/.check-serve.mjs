import { launch } from "./browsers.mjs";
const base = process.argv[2];
for (const name of ["chromium", "firefox"]) {
  const browser = await launch(name);
  const page = await browser.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error" || /Content.Security/i.test(m.text())) problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(String(e)));
  await page.evaluateOnNewDocument(() => document.addEventListener("securitypolicyviolation", (e) => console.error("CSP " + e.violatedDirective + " " + e.blockedURI)));
  for (const p of ["", "posts/community-manager-un-metier-transparent/", "nope/"]) {
    await page.goto(base + p, { waitUntil: "load" });
    await page.waitForFunction(() => window.wasmBindings !== undefined, { timeout: 20000 });
    await new Promise((r) => setTimeout(r, 1500));
    console.log(name, p, await page.evaluate(() => document.querySelector("main h1, main h2")?.textContent));
  }
  console.log(name, "problems:", problems);
  await browser.close();
}
