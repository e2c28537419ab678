// The forms example with fast_app().swap_422(false): htmx's own default again, so a 422 is an
// error (htmx:responseError) and nothing is swapped; the form stays as the user left it.
import { run, BASE, assert } from './lib.mjs';

run(async (t) => {
  const { page } = t;
  // The 422 itself, and htmx's error line for it.
  t.allowErrors(/status of 422|Response Status Error Code 422/);

  t.step('the page: no 422 rule');
  await page.goto(BASE + '/');
  await t.htmxReady();
  assert.equal(
    await page.evaluate(() => htmx.config.responseHandling.some((r) => r.code === '422')),
    false);
  await page.evaluate(() => {
    document.getElementById('signup').__ftOld = true;
    window.__ftErrors = [];
    document.body.addEventListener('htmx:responseError',
      (e) => window.__ftErrors.push(e.detail.xhr.status));
  });

  t.step('a bad registration is not swapped');
  await page.fill('#signup [name=username]', 'Bad Name!');
  const [resp] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/register')),
    page.click('#signup button[type=submit]'),
  ]);
  assert.equal(resp.status(), 422);
  await page.waitForFunction(() => window.__ftErrors.length > 0);
  assert.deepEqual(await page.evaluate(() => window.__ftErrors), [422]);
  assert.equal(await page.evaluate(() => document.getElementById('signup').__ftOld), true,
    'the form was not replaced');
  assert.equal(await page.locator('#signup-errors').count(), 0);
  assert.equal(await page.inputValue('#signup [name=username]'), 'Bad Name!');
  await t.shot('not-swapped');
});
