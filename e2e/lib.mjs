// Shared by the browser tests: launches Debian's chromium through playwright-core (never a
// downloaded browser), refuses every request that is not to the app under test (the examples
// must work offline), collects page errors, and saves screenshots.
//
// Run by the Rust tests in examples/tests/ with BASE_URL (the app), ARTIFACTS (where the
// screenshots go) and CHROMIUM (the browser binary) set; see e2e/README.md.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';

export { assert };
export const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:5001';
const ARTIFACTS = process.env.ARTIFACTS ?? 'e2e-artifacts';

// Playwright gives every launch a fresh temporary profile (its own --user-data-dir) and adds
// --headless; these are the rest of the flags for a quiet, offline, sandbox-less browser.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

// Origins besides BASE the page may reach (e.g. a mock OAuth provider): `E2E_ALLOW`, a
// comma-separated list, loopback only.
const ALLOWED = [BASE, ...(process.env.E2E_ALLOW ?? '').split(',').filter(Boolean)];
for (const o of ALLOWED) {
  assert.match(o, /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/, `E2E_ALLOW: ${o} is not loopback`);
}

/** A browser context (its own cookies) that refuses requests outside ALLOWED into `external`. */
async function guardedContext(browser, external) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  context.setDefaultTimeout(20_000);
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (ALLOWED.some((o) => url === o || url.startsWith(o + '/'))) return route.continue();
    external.push(url);
    return route.abort();
  });
  return context;
}

/** The htmx version of every page load, for `E2E_HTMX`. */
const htmxVersions = [];

/** Collects the page's errors and console errors into `errors`, and the htmx version each
 *  loaded page runs into `htmxVersions`. */
function watch(page, errors) {
  page.on('load', async () => {
    try {
      const v = await page.evaluate(() => (window.htmx ? String(window.htmx.version) : null));
      if (v) htmxVersions.push(v);
    } catch {}
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console error: ${m.text()}`);
  });
}

export async function start() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ARGS,
    timeout: 60_000,
  });
  const external = [];
  const errors = [];
  const allowed = [];
  const context = await guardedContext(browser, external);
  const page = await context.newPage();
  watch(page, errors);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  let n = 0;
  const t = {
    browser,
    context,
    page,
    errors,
    external,
    /** Saves a full-page screenshot of `of` (default: the first page) as NN-name.png. */
    async shot(name, of = page) {
      n += 1;
      const file = path.join(ARTIFACTS, `${String(n).padStart(2, '0')}-${name}.png`);
      await of.screenshot({ path: file, fullPage: true });
      console.log(`screenshot: ${file}`);
    },
    /** Logs a step, so a failure shows how far the user got. */
    step(what) {
      console.log(`step: ${what}`);
    },
    /** Waits until an element matching `sel` containing `text` is visible. */
    async see(sel, text) {
      const loc = text === undefined ? page.locator(sel) : page.locator(sel, { hasText: text });
      await loc.first().waitFor({ state: 'visible' });
      return loc.first();
    },
    /** Waits until the page has loaded and htmx has processed it: before that, a form
     *  submits natively (a GET to the page) instead of through its `hx-post`. */
    async htmxReady() {
      await page.waitForFunction(() => document.readyState === 'complete' && window.htmx);
    },
    /** Asserts the page runs the htmx the test asked for: `E2E_HTMX` (`2` or `4`; the Rust
     *  test sets it when it runs the app with `.htmx4(true)`), else htmx 2. */
    async checkHtmx(of = page) {
      await of.waitForFunction(() => document.readyState === 'complete' && window.htmx);
      const want = process.env.E2E_HTMX ?? '2';
      const got = await of.evaluate(() => String(window.htmx.version));
      assert.ok(got.startsWith(want + '.'), `htmx ${want} wanted, the page runs ${got}`);
      console.log(`htmx ${got}`);
    },
    /** Waits until no element matching `sel` containing `text` is visible. */
    async gone(sel, text) {
      const loc = text === undefined ? page.locator(sel) : page.locator(sel, { hasText: text });
      await loc.first().waitFor({ state: 'detached' });
    },
    /** Another user: a new browser context (its own cookies) with the same guards; its page. */
    async newUser() {
      const other = await guardedContext(browser, external);
      const p = await other.newPage();
      watch(p, errors);
      return p;
    },
    /** Ignores errors matching `re`, so far and from now on (e.g. the console line of an
     * expected 404, which may be reported after the page has loaded). */
    allowErrors(re) {
      allowed.push(re);
      errors.splice(0, errors.length, ...errors.filter((e) => !re.test(e)));
    },
    /** Closes the browser; fails on page errors, requests that left the app, or a page that
     *  ran another htmx than `E2E_HTMX` asks for (`2` when unset). */
    async done() {
      await browser.close();
      const want = process.env.E2E_HTMX ?? '2';
      assert.ok(htmxVersions.length > 0 || !process.env.E2E_HTMX, 'no page loaded htmx');
      const other = htmxVersions.filter((v) => !v.startsWith(want + '.'));
      assert.deepEqual(other, [], `every page runs htmx ${want}`);
      assert.deepEqual(external, [], 'the page tried to load something from outside the app');
      const unexpected = errors.filter((e) => !allowed.some((re) => re.test(e)));
      assert.deepEqual(unexpected, [], 'the page logged errors');
      console.log('ok');
    },
  };
  return t;
}

/** Runs `body(t)`; on failure saves a screenshot named `failure` and exits non-zero. */
export async function run(body) {
  const t = await start();
  try {
    await body(t);
    await t.done();
  } catch (e) {
    console.error(e);
    try {
      await t.shot('failure');
      console.error(`url at failure: ${t.page.url()}`);
      if (t.errors.length) console.error(t.errors.join('\n'));
    } catch {}
    await t.browser.close().catch(() => {});
    process.exit(1);
  }
}
