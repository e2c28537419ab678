// The profile example: fill in the form, save, see the filled form, change it, see the table.
import { run, BASE, assert } from './lib.mjs';

run(async (t) => {
  const { page } = t;
  t.step('the empty list and form');
  await page.goto(BASE + '/');
  await t.see('h1', 'Profiles');
  assert.equal(await page.locator('#profiles tbody tr').count(), 0);
  await t.shot('empty');

  t.step('create a profile');
  await page.fill('input[name=email]', 'john@example.com');
  await page.fill('input[name=phone]', '123456789');
  await page.fill('input[name=age]', '5');
  await page.click('button:has-text("Save")');
  await page.waitForURL((u) => decodeURIComponent(u.pathname) === '/profile/john@example.com');
  await t.see('h1', 'Profile for john@example.com');
  assert.equal(await page.inputValue('input[name=phone]'), '123456789');
  assert.equal(await page.inputValue('input[name=age]'), '5');
  await t.shot('filled-form');

  t.step('change it');
  await page.fill('input[name=phone]', '7654321');
  await page.fill('input[name=age]', '25');
  await page.click('button:has-text("Save")');
  await page.waitForURL((u) => decodeURIComponent(u.pathname) === '/profile/john@example.com');
  assert.equal(await page.inputValue('input[name=phone]'), '7654321');

  t.step('the table lists it once');
  await page.click('a:has-text("All profiles")');
  await t.see('#profiles td', '7654321');
  assert.equal(await page.locator('#profiles tbody tr').count(), 1);
  await t.shot('table');
});
