// The OAuth counter in a browser, with a mock GitHub on another 127.0.0.1 port: the counter
// needs a login; the user signs in on the provider's consent page, increments the count, logs
// out, signs in again and finds the count kept; another user has their own count.
import { run, BASE, assert } from './lib.mjs';

/** From the login page through the provider's consent page, as `user`, back to the counter. */
async function logIn(t, user, shots = false) {
  const { page } = t;
  await page.click('a:has-text("Log in with GitHub")');
  await page.waitForURL(/\/authorize\?/);
  await t.see('h1', 'Mock GitHub provider');
  await page.fill('input[name=login_as]', user);
  if (shots) await t.shot('consent');
  await page.click('button:has-text("Allow")');
  await page.waitForURL(BASE + '/');
  await t.see('h1', 'Count demo');
  await t.see('p', `Hello ${user}.`);
}

/** Clicks Increment and waits until the page shows `n`. */
async function increment(t, n) {
  await t.page.click('button:has-text("Increment")');
  await t.see('#count', String(n));
}

const count = async (page) => (await page.textContent('#count')).trim();

run(async (t) => {
  const { page } = t;

  t.step('the counter needs a login');
  await page.goto(BASE + '/');
  await page.waitForURL('**/login');
  await t.see('a', 'Log in with GitHub');
  await t.shot('login');

  t.step('sign in as ann on the provider; the count starts at 0');
  await logIn(t, 'ann', true);
  assert.equal(await count(page), '0');
  await t.shot('counter');

  t.step('increment three times');
  for (const n of [1, 2, 3]) await increment(t, n);
  await page.reload();
  assert.equal(await count(page), '3', 'kept on the server');
  await t.shot('counted');

  t.step('log out: the counter needs a login again');
  await page.click('button:has-text("Logout")');
  await page.waitForURL('**/login');
  await page.goto(BASE + '/');
  await page.waitForURL('**/login');
  await t.shot('logged-out');

  t.step('sign in again: the count was kept');
  await logIn(t, 'ann');
  assert.equal(await count(page), '3');
  await increment(t, 4);
  await t.shot('counter-again');

  t.step('bob has his own count');
  await page.click('button:has-text("Logout")');
  await page.waitForURL('**/login');
  await logIn(t, 'bob');
  assert.equal(await count(page), '0');
  await increment(t, 1);
  await t.shot('counter-bob');
});
