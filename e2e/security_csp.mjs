// The optional nonce CSP: htmx and ft's scripts run (the hx-post carries the CSRF header
// that ft's script adds, a toast shows), nothing is reported as a CSP violation; on a page
// with injected inline script and an inline handler, neither runs.
import { run, BASE, assert } from './lib.mjs';

run(async (t) => {
  const { page } = t;
  const violations = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });

  t.step('the page works under the CSP');
  await page.goto(BASE + '/');
  await t.see('.fh-toast', 'Welcome');
  await page.click('#go');
  await t.see('#done', 'clicked');
  assert.deepEqual(violations, [], 'CSP violations on the working page');
  assert.deepEqual(t.errors, [], 'errors on the working page');
  await t.shot('csp-htmx');

  t.step('injected script does not run');
  t.allowErrors(/Content Security Policy/i);
  await page.goto(BASE + '/injected');
  await page.waitForLoadState('load');
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.pwned), undefined, 'injected script ran');
  assert.ok(violations.length >= 1, 'the browser reported the blocked script');
  await t.shot('csp-injected');
});
