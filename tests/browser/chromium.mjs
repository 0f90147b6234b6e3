// Headless Chromium for cmmm's browser tests: Debian's `chromium` package driven by
// playwright-core (no browser download). Shared by every browser test (the HTML reports
// now, the web form later): launch() starts the browser with the project's flags, open()
// loads a page and records every console error, uncaught exception, failed request and
// network request, and problems() lists what went wrong.

import { chromium } from 'playwright-core';

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
