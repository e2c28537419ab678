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
  const htmx4 = process.env.E2E_HTMX === '4';
  if (htmx4) {
    // htmx 4: 422 joins htmx.config.noSwap ([204, 304] by default).
    assert.equal(await page.evaluate(() => htmx.config.noSwap.map(String).includes('422')), true);
  } else {
    assert.equal(
      await page.evaluate(() => htmx.config.responseHandling.some((r) => r.code === '422')),
      false);
  }
  await page.evaluate((htmx4) => {
    document.getElementById('signup').__ftOld = true;
    window.__ftErrors = [];
    // htmx 2's htmx:responseError; htmx 4's htmx:response:error, named htmx-response-error
    // under FastHTML's metaCharacter "-" config.
    const names = htmx4 ? ['htmx:response:error', 'htmx-response-error'] : ['htmx:responseError'];
    for (const n of names) {
      document.body.addEventListener(n, (e) =>
        window.__ftErrors.push(htmx4 ? e.detail.ctx.response.status : e.detail.xhr.status));
    }
  }, htmx4);

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
