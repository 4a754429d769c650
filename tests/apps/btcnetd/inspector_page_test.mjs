// The web inspector in a real browser: headless Debian Chromium, driven by playwright-core, opens
// a running btcnetd's /inspector page with the node's cookie credentials, finds the node's actors
// listed and drawn, and sees a new peer appear within a few seconds of it connecting. Loopback
// only; Chromium runs with its background networking off.
//
//   node inspector_page_test.mjs --btcnetd <path> [--screenshot <file.png>]
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../../..");
const require = createRequire(path.join(root, "tools/web/package.json"));
const { chromium } = require("playwright-core");

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const btcnetd = option("--btcnetd");
const screenshot = option("--screenshot");
if (!btcnetd) {
  console.error("usage: inspector_page_test.mjs --btcnetd <path> [--screenshot <file>]");
  process.exit(2);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), "btcnet-web-"));
const children = [];
let passed = 0;
let failed = 0;

function check(name, ok, detail = "") {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${detail ? " — " + detail : ""}`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function waitFor(predicate, ms, what) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await predicate();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("timed out waiting for " + what);
}

async function startNode(name, extra) {
  const port = await freePort();
  const datadir = path.join(work, name);
  const child = spawn(btcnetd, ["--regtest", `--datadir=${datadir}`, `--listen=127.0.0.1:${port}`,
    "--rpclisten=127.0.0.1:0", "--debuglevel=warn", ...extra], { stdio: "ignore" });
  children.push(child);
  const dir = path.join(datadir, "regtest");
  const endpoint = await waitFor(() => {
    try {
      return fs.readFileSync(path.join(dir, "rpc.endpoint"), "utf8").trim();
    } catch {
      return null;
    }
  }, 15000, name + "'s RPC endpoint");
  const [user, pass] = fs.readFileSync(path.join(dir, ".cookie"), "utf8").trim().split(":");
  return { child, p2p: `127.0.0.1:${port}`, endpoint, user, pass };
}

let browser;
try {
  const a = await startNode("a", []);
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--disable-quic"],  // playwright gives it a fresh profile directory
  });
  const context = await browser.newContext({ httpCredentials: { username: a.user, password: a.pass } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const response = await page.goto(`http://${a.endpoint}/inspector`);
  check("the page loads with the node's credentials", response && response.status() === 200,
    response ? "HTTP " + response.status() : "no response");

  await page.waitForSelector('#actors tr[data-actor-kind="conn_manager"]', { timeout: 10000 });
  const kinds = await page.$$eval("#actors tbody tr", (rows) => rows.map((r) => r.dataset.actorKind));
  for (const kind of ["conn_manager", "dialer", "addr_manager", "server", "listener", "rpc"])
    check(`the actor table lists the ${kind}`, kinds.includes(kind), kinds.join(","));
  check("no peer before one connects", !kinds.includes("peer"));
  const drawn = await page.$$eval("#graph g.node", (nodes) => nodes.map((n) => n.dataset.kind));
  check("the graph draws the actors", drawn.includes("server") && drawn.includes("conn_manager"),
    drawn.join(","));

  const b = await startNode("b", [`--connect=${a.p2p}`]);
  const connected = Date.now();
  const peerRow = await page.waitForSelector('#actors tr[data-actor-kind="peer"]', { timeout: 15000 })
    .then(() => Date.now() - connected, () => null);
  check("a new peer appears in the actor table within 5 s", peerRow !== null && peerRow < 5000,
    peerRow === null ? "never" : `${peerRow} ms`);
  const inGraph = await page.waitForSelector('#graph g.node[data-kind="peer"]', { timeout: 5000 })
    .then(() => true, () => false);
  check("and in the graph", inGraph);
  const peersTable = await page.waitForSelector("#peers tbody tr", { timeout: 5000 }).then(() => true, () => false);
  check("and in the peers table", peersTable);
  const edges = await page.$$eval("#graph path.edge", (p) => p.length);
  check("message flows are drawn as edges", edges > 0, `${edges} edges`);
  check("the page raised no script errors", errors.length === 0, errors.join("; "));
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });

  // Without credentials nothing is served.
  const anonymous = await browser.newContext();
  const denied = await anonymous.request.get(`http://${a.endpoint}/inspector`);
  check("no page without credentials", denied.status() === 401, "HTTP " + denied.status());
  b.child.kill("SIGTERM");
} catch (e) {
  check("the run completed", false, e.message);
} finally {
  if (browser) await browser.close();
  for (const c of children) c.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 300));
  fs.rmSync(work, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
