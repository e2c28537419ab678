// The dev channel in a browser (ft-web/tests/dev_channel.rs starts the app with live reload
// and DEV_TOKEN as its dev token): a `reload` message reloads the page with the scroll
// position and the form values back (never the password), an `error` message shows the
// overlay with the text as text, `clear` and the close button remove it. A plain reload
// afterwards restores nothing, which shows the values came back through the live-reload
// script, not the browser.
import { run, BASE, assert } from './lib.mjs';

const TOKEN = process.env.DEV_TOKEN;
assert.ok(TOKEN, 'DEV_TOKEN is set');

/** POST /_ft/dev from outside the page, as `ft dev` does. */
async function tell(body) {
  const r = await fetch(BASE + '/_ft/dev', {
    method: 'POST',
    headers: { 'X-Ft-Dev-Token': TOKEN, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(r.status, 200, await r.text());
}

/** Loads the form page and waits until its live-reload socket is connected. */
async function open(page) {
  const connected = page.waitForEvent('console', (m) => m.text().includes('ft live reload: connected'));
  await page.goto(BASE + '/form');
  await connected;
}

const values = (page) =>
  page.evaluate(() => {
    const f = document.forms[0];
    return {
      title: f.title.value,
      notes: f.notes.value,
      size: f.size.value,
      tags: [...f.tags.options].filter((o) => o.selected).map((o) => o.value),
      agree: f.agree.checked,
      pick: f.querySelector('input[name=pick]:checked')?.value ?? null,
      secret: f.secret.value,
      loose: document.getElementById('loose').value,
      y: Math.round(scrollY),
    };
  });

run(async (t) => {
  const { page } = t;
  t.step('load the page and fill the form');
  await open(page);
  // The browser's own restoring is off (autocomplete=off on the form, manual scroll
  // restoration): what comes back comes back through the live-reload script.
  await page.evaluate(() => { history.scrollRestoration = 'manual'; });
  await page.fill('input[name=title]', 'hello <world>');
  await page.fill('textarea[name=notes]', 'line one\nline two');
  await page.selectOption('select[name=size]', 'l');
  await page.selectOption('select[name=tags]', ['b', 'c']);
  await page.check('input[name=agree]');
  await page.check('input[name=pick][value=two]');
  await page.fill('input[name=secret]', 'hunter2');
  await page.fill('#loose', 'no form, an id');
  await page.evaluate(() => {
    document.forms[0].addEventListener('change', () => { sessionStorage.setItem('changed', '1'); });
    scrollTo(0, 1500);
  });
  const before = await values(page);
  assert.equal(before.y, 1500);

  t.step('a reload message: the page reloads with its state');
  const reloaded = page.waitForEvent('load');
  await tell({ kind: 'reload' });
  await reloaded;
  await page.waitForFunction(() => document.forms[0].title.value !== '');
  await page.waitForFunction(() => Math.round(scrollY) === 1500);
  const after = await values(page);
  assert.deepEqual(after, { ...before, secret: '' }, 'the state is back, the password is not');
  assert.equal(
    await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('ft-live:')).length),
    0,
    'the saved state is deleted once used',
  );
  assert.equal(await page.evaluate(() => sessionStorage.getItem('changed')), null, 'no change events');
  await t.shot('restored');

  t.step('an error message shows the overlay, as text');
  await page.waitForFunction(() => document.readyState === 'complete');
  const text = 'error[E0308]: mismatched types\n --> src/main.rs:3:18\n<b>not bold</b> & more';
  await tell({ kind: 'error', text });
  const overlay = await t.see('#ft-live-error');
  assert.ok((await overlay.innerText()).includes(text), await overlay.innerText());
  assert.equal(await page.locator('#ft-live-error b').count(), 0, 'the text is not HTML');
  const z = await page.evaluate(() => getComputedStyle(document.getElementById('ft-live-error')).zIndex);
  assert.equal(z, '2147483647');
  await t.shot('error-overlay');

  t.step('clear removes it, and so does its close button');
  await tell({ kind: 'clear' });
  await t.gone('#ft-live-error');
  await tell({ kind: 'error', text: 'again' });
  await t.see('#ft-live-error', 'again');
  await page.click('#ft-live-error button');
  await t.gone('#ft-live-error');

  t.step('a plain reload restores nothing (the browser does not do it by itself)');
  await page.evaluate(() => scrollTo(0, 1500));
  await page.reload();
  await page.waitForFunction(() => document.readyState === 'complete');
  const plain = await values(page);
  assert.equal(plain.title, '');
  assert.equal(plain.agree, false);
  assert.equal(plain.y, 0);
});
