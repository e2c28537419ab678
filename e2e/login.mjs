// The login example: the dashboard sends a visitor to the login page; logging in shows it,
// a wrong password shows a toast, logging out locks it again.
import { run, BASE, assert } from './lib.mjs';

run(async (t) => {
  const { page } = t;
  t.step('the dashboard needs a login');
  await page.goto(BASE + '/dashboard');
  await page.waitForURL('**/login');
  await t.see('h1', 'Login');
  await t.shot('login');

  t.step('log in');
  await page.fill('input[name=name]', 'ann');
  await page.fill('input[name=pwd]', 'secret');
  await page.click('button:has-text("login")');
  await page.waitForURL('**/dashboard');
  await t.see('#welcome', 'Welcome, ann!');
  await t.shot('dashboard');

  t.step('log out');
  await page.click('button:has-text("Log out")');
  await t.see('p', 'You are not logged in.');
  await page.goto(BASE + '/dashboard');
  await page.waitForURL('**/login');

  t.step('a wrong password shows a toast');
  await page.fill('input[name=name]', 'ann');
  await page.fill('input[name=pwd]', 'nope');
  await page.click('button:has-text("login")');
  await page.waitForURL('**/login');
  await t.see('.fh-toast', 'Wrong password');
  await t.shot('wrong-password');
  await page.goto(BASE + '/');
  assert.match(await page.textContent('main'), /not logged in/);
});
