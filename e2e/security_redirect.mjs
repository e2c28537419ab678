// Script URLs as redirect targets (run by examples/tests/security/redirects.rs): the page's
// buttons make htmx requests whose answer would be `HX-Redirect: javascript:..` if ft passed a
// client-chosen target through (through `Redirect::to`, and through a hand-made htmx header).
// htmx runs such a target as a script; ft refuses it with a 400, so nothing may run and the
// page stays. A local target still navigates, so the test would see a redirect that happened.
import { run, BASE, assert } from './lib.mjs';

/** The page's state: did an injected script run, where is the page? */
async function state(page) {
  return page.evaluate(() => ({ pwned: window.__pwned ?? null, title: document.title, url: location.href }));
}

run(async (t) => {
  const { page } = t;
  // The refused requests are 400s, which the browser and htmx report in the console.
  t.allowErrors(/400|Bad Request|htmx:responseError|Response Status Error/i);

  t.step('the page with the attack buttons');
  await page.goto(BASE + '/');
  await t.see('h1', 'Redirects');
  const before = await state(page);
  await t.shot('page');

  for (const id of ['via-redirect', 'via-header', 'via-location', 'disguised']) {
    t.step(`the ${id} button: its htmx answer must not run a script`);
    const answered = page.waitForResponse((r) => r.url().includes('next='));
    await page.click(`#${id}`);
    const res = await answered;
    assert.equal(res.status(), 400, `${id}: the script target was not refused`);
    await page.waitForTimeout(400);
    const after = await state(page);
    assert.equal(after.pwned, null, `${id}: the injected script ran`);
    assert.equal(after.title, before.title, `${id}: the title was changed`);
    assert.equal(after.url, before.url, `${id}: the page moved`);
  }

  t.step('a local target still redirects (HX-Redirect to /landing)');
  await page.click('#local');
  await page.waitForURL('**/landing');
  await t.see('p', 'Landed');
  assert.equal((await state(page)).pwned, null);
  await t.shot('landed');
});
