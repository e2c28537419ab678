// The forms example: a registration with every value wrong shows every message at once with
// the values kept (a 422 that htmx swaps in place: no navigation, the form element replaced),
// then succeeds once fixed; a members row edited inline comes back as a form with its
// messages on bad input (422) and as the row on good input.
import { run, BASE, assert } from './lib.mjs';

const BAD = {
  username: 'Bad Name!',
  email: 'not-an-email',
  age: '12',
  start: '1999-12-31',
  website: 'javascript:alert(1)',
  nickname: 'admin',
  password: 'short',
  confirm: 'shorter',
};

const MESSAGES = [
  'must match the pattern',
  'must be an email address',
  'must be at least 18',
  'must be at least 2000-01-01',
  'must be a web address',
  'must be one of: free, pro',
  '"admin" is reserved',
  'Use at least 8 characters',
  'Passwords differ',
];

run(async (t) => {
  const { page } = t;
  // The 422s below are answers, not failures; chromium logs each as a console error.
  t.allowErrors(/status of 422/);

  t.step('the page, with htmx ready and the 422 rule in place');
  await page.goto(BASE + '/');
  await t.see('h1', 'Forms');
  await t.htmxReady();
  if (process.env.E2E_HTMX === '4') {
    // htmx 4 swaps every status but those in noSwap ([204, 304]): a 422 swaps by itself.
    assert.equal(await page.evaluate(() => htmx.config.noSwap.map(String).includes('422')), false,
      'htmx 4 swaps a 422');
  } else {
    const rule = await page.evaluate(() =>
      htmx.config.responseHandling.findIndex((r) => r.code === '422' && r.swap && !r.error));
    assert.equal(rule, 0, 'the 422 rule is first in htmx.config.responseHandling');
  }
  // Marks that survive only if the page is not reloaded and the form is swapped, not kept.
  await page.evaluate(() => {
    window.__ftMark = 'same page';
    document.getElementById('signup').__ftOld = true;
  });
  await t.shot('empty');

  t.step('every value wrong');
  for (const [name, value] of Object.entries(BAD)) {
    await page.fill(`#signup [name=${name}]`, value);
  }
  await page.selectOption('#signup [name=plan]', 'legacy');
  const [resp] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/register')),
    page.click('#signup button[type=submit]'),
  ]);
  assert.equal(resp.status(), 422);
  await t.see('#signup-errors', 'Please fix 9 fields');

  t.step('every message at once, every value kept, the same page');
  for (const m of MESSAGES) await t.see('#signup small', m);
  assert.equal(await page.locator('#signup [aria-invalid=true]').count(), 9);
  for (const [name, value] of Object.entries(BAD)) {
    // Passwords are not written back into the page: those boxes come back empty.
    const kept = name === 'password' || name === 'confirm' ? '' : value;
    assert.equal(await page.inputValue(`#signup [name=${name}]`), kept, name);
  }
  assert.equal(await page.inputValue('#signup [name=plan]'), 'legacy');
  assert.equal(
    await page.getAttribute('#age', 'aria-describedby'), 'age-error');
  assert.equal(new URL(page.url()).pathname, '/', 'no navigation');
  assert.equal(await page.evaluate(() => window.__ftMark), 'same page', 'no reload');
  assert.equal(
    await page.evaluate(() => document.getElementById('signup').__ftOld), undefined,
    'the form element was replaced by the 422 body');
  assert.equal(await page.locator('form#signup').count(), 1, 'one form, swapped in place');
  await t.shot('every-error');

  t.step('fix them and register');
  await page.fill('#signup [name=username]', 'ada_l');
  await page.fill('#signup [name=email]', 'ada@example.org');
  await page.fill('#signup [name=age]', '36');
  await page.fill('#signup [name=start]', '2024-05-01');
  await page.fill('#signup [name=website]', '');
  await page.fill('#signup [name=nickname]', 'countess');
  await page.fill('#signup [name=password]', 'analytical');
  await page.fill('#signup [name=confirm]', 'analytical');
  await page.selectOption('#signup [name=plan]', 'pro');
  await page.click('#signup button[type=submit]');
  await t.see('#signup h2', 'Welcome, ada_l!');
  await t.see('#signup p', 'Account #1 on the pro plan, starting 2024-05-01.');
  assert.equal(await page.locator('form#signup').count(), 0);
  assert.equal(await page.evaluate(() => window.__ftMark), 'same page', 'still no reload');
  await t.shot('registered');

  t.step('edit a member inline: bad input');
  await page.click('#member-1 button:has-text("Edit")');
  await t.see('#member-1 form');
  assert.equal(await page.inputValue('#member-1 [name=name]'), 'Ada');
  await page.fill('#member-1 [name=email]', 'ada@');
  await page.fill('#member-1 [name=level]', '9');
  await page.click('#member-1 button:has-text("Save")');
  await t.see('#member-1 small', 'must be at most 5');
  await t.see('#member-1 small', 'must be an email address');
  assert.equal(await page.inputValue('#member-1 [name=email]'), 'ada@');
  assert.equal(await page.locator('#members tbody tr').count(), 3);
  await t.shot('row-errors');

  t.step('edit a member inline: good input');
  await page.fill('#member-1 [name=email]', 'ada@example.org');
  await page.fill('#member-1 [name=level]', '4');
  await page.fill('#member-1 [name=name]', 'Ada Lovelace');
  await page.click('#member-1 button:has-text("Save")');
  await t.see('#member-1 td', 'Ada Lovelace');
  await t.gone('#member-1 form');
  assert.equal(await page.locator('#members tbody tr').count(), 3);
  assert.equal(await page.evaluate(() => window.__ftMark), 'same page', 'still no reload');
  await t.shot('row-saved');
});
