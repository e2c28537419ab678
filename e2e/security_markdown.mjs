// Stored XSS through Markdown (run by examples/tests/security/markdown_xss.rs): a user stores
// PAYLOAD in a todo's details and opens it; then the MarkdownJS and KatexMarkdownJS pages of
// the VARIANTS_URL app, sanitized and trusted. No injected script may run where ft sanitizes
// (no `window.__pwned`, the title unchanged), while the Markdown still renders; the trusted
// pages (FastHTML's scripts) show the payload is live.
import { run, BASE, assert } from './lib.mjs';

const PAYLOAD = process.env.PAYLOAD;
const VARIANTS = process.env.VARIANTS_URL;
assert.ok(PAYLOAD && VARIANTS, 'PAYLOAD and VARIANTS_URL are set by the Rust test');

// What would be script, left in the rendered Markdown under `root`.
const LIVE = [
  'script', 'iframe', 'object', 'embed', 'style', 'form',
  '[onerror]', '[onload]', '[ontoggle]', '[srcdoc]',
  'a[href^="javascript:" i]',
].map((s) => `ROOT ${s}`).join(', ');

/** Clicks every link in `root` that stays on the page (javascript: URLs would run now); a DOM
 * click, so links hidden by injected CSS are clicked too. */
async function clickLinks(page, root) {
  await page.$$eval(`${root} a:not([href^="http"])`, (links) => links.forEach((a) => a.click()));
  await page.waitForTimeout(300);
}

/** The page's state after the Markdown in `root` rendered and its links were clicked. */
async function outcome(page, root) {
  await clickLinks(page, root);
  return page.evaluate(([root, live]) => ({
    pwned: window.__pwned ?? null,
    title: document.title,
    live: [...document.querySelectorAll(live.replaceAll('ROOT', root))].map((e) => e.outerHTML),
  }), [root, LIVE]);
}

function assertInert(o, what) {
  assert.equal(o.pwned, null, `${what}: injected script ran (${o.pwned})`);
  assert.notEqual(o.title, 'pwned', `${what}: the title was changed`);
  assert.deepEqual(o.live, [], `${what}: live markup survived`);
}

/** The harmless Markdown rendered as HTML. */
async function assertRendered(t, root) {
  await t.see(`${root} strong`, 'bold');
  await t.see(`${root} li`, 'two');
  const href = await t.page.locator(`${root} a`, { hasText: 'safe link' }).getAttribute('href');
  assert.equal(href, 'https://example.com/');
}

run(async (t) => {
  const { page } = t;

  t.step('mallory logs in and stores the payload in a todo\'s details');
  await page.goto(BASE + '/');
  await page.waitForURL('**/login');
  await page.fill('input[name=name]', 'mallory');
  await page.fill('input[name=pwd]', 'pw');
  await page.click('button:has-text("login")');
  await t.see('h1', "mallory's Todo list");
  await t.htmxReady();
  await page.fill('#new-title', 'notes');
  await page.click('button:has-text("Add")');
  await page.locator('#todo-list li', { hasText: 'notes' }).locator('a', { hasText: 'edit' }).click();
  await t.see('#current-todo form#edit');
  await page.fill('#edit textarea[name=details]', PAYLOAD);
  await page.click('#edit button:has-text("Save")');
  await t.gone('#current-todo form#edit');

  t.step('the todo page is opened again and the todo shown: nothing runs');
  await page.goto(BASE + '/');
  const title = await page.title();
  await page.locator('#todo-list li a', { hasText: 'notes' }).first().click();
  await assertRendered(t, '#current-todo .markdown');
  await t.shot('todo-details');
  const todo = await outcome(page, '#current-todo .markdown');
  assertInert(todo, 'todo details');
  assert.equal(todo.title, title);

  t.step('the preview of the same text (rendered in the browser, like the details)');
  await page.locator('#todo-list li', { hasText: 'notes' }).locator('a', { hasText: 'edit' }).click();
  await t.see('#current-todo form#edit');
  await page.click('#edit button:has-text("Preview")');
  await t.see('#preview strong', 'bold');
  assertInert(await outcome(page, '#preview'), 'preview');
  await t.shot('preview');

  for (const [path, katex] of [['/md', false], ['/katex', true]]) {
    t.step(`${path}: sanitized by default`);
    await page.goto(VARIANTS + path);
    await assertRendered(t, '#doc');
    if (katex) await t.see('#doc .katex');
    const o = await outcome(page, '#doc');
    assertInert(o, path);
    assert.equal(o.title, 'markdown');
    await t.shot(path.slice(1));

    t.step(`${path}-trusted: FastHTML's script, where the payload runs`);
    await page.goto(VARIANTS + path + '-trusted');
    await page.waitForFunction(() => window.__pwned !== undefined);
    const c = await outcome(page, '#doc');
    assert.notEqual(c.pwned, null, `${path}-trusted: the control did not run the payload`);
    assert.ok(c.live.length > 0, `${path}-trusted: no live markup in the control`);
  }
  t.step('katex-trusted: the \\href link runs when clicked');
  await page.goto(VARIANTS + '/katex-trusted');
  await page.waitForFunction(() => window.__pwned !== undefined);
  await page.evaluate(() => { window.__pwned = undefined; });
  await page.$$eval('#doc .katex a', (links) => links.forEach((a) => a.click()));
  await page.waitForFunction(() => window.__pwned === 'katex_href');
});
