// Headless Chromium for cmmm's browser tests: Debian's `chromium` package driven by
// playwright-core (no browser download). Shared by every browser test (the HTML reports
// now, the web form later): launch() starts the browser with the project's flags, open()
// loads a page and records every console error, uncaught exception, failed request and
// network request, and problems() lists what went wrong; serve() is a static file server on
// 127.0.0.1 for the pages under test.

import { chromium } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

export const EXECUTABLE = process.env.CHROMIUM || '/usr/bin/chromium';

export const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Starts headless Chromium. */
export async function launch() {
  return chromium.launch({ executablePath: EXECUTABLE, args: FLAGS, headless: true });
}

/**
 * Opens `url` in a fresh context. `allowed(url)` says which requests are expected (the
 * page itself, local files, a local server); any other request is a problem. With
 * `offline`, the context has no network at all.
 */
export async function open(browser, url, { width = 1100, height = 1400, offline = false, allowed } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, offline });
  const page = await context.newPage();
  const issues = [];
  const isAllowed = allowed || ((u) => u.startsWith('file:') || u.startsWith('data:') || u.startsWith('about:'));
  page.on('console', (m) => {
    if (m.type() === 'error') issues.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => issues.push(`uncaught: ${e.message}`));
  page.on('requestfailed', (r) => issues.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('request', (r) => {
    if (!isAllowed(r.url())) issues.push(`unexpected request: ${r.url()}`);
  });
  const response = await page.goto(url, { waitUntil: 'load' });
  if (response && !response.ok() && !url.startsWith('file:')) {
    issues.push(`HTTP ${response.status()} for ${url}`);
  }
  return { page, context, issues };
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
};

/** Serves the files under `dir` on a free port of 127.0.0.1: `{ server, origin }`. */
export async function serve(dir) {
  const server = http.createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://localhost").pathname));
    const file = join(dir, path.endsWith("/") ? `${path}index.html` : path);
    if (!file.startsWith(dir + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}
