// The quickstart example in a browser: the pages render, htmx swaps, marked renders the
// Markdown, highlight.js colours code (from the app's own copy), the chart draws, the custom
// 404 shows, cookies and the session persist, and the toasts appear and can be dismissed.
//
// Every wait is for a condition the user would see (never a fixed sleep), so a slow machine
// only makes it slower.
import { run, BASE, assert } from './lib.mjs';

run(async (t) => {
  const { page } = t;

  t.step('the home page links every section');
  await page.goto(BASE + '/');
  await t.see('h1', "FastHTML's quickstart in ft");
  assert.equal(await page.locator('main li a').count(), 13);
  await t.shot('home');

  t.step('a minimal page: clicking swaps in the partial');
  await page.click('a:has-text("A minimal page")');
  // Loaded, so htmx has processed the page and the div reacts to a click.
  await page.waitForURL('**/hello', { waitUntil: 'load' });
  await t.see('p', 'Hello World!');
  await page.click('text=Hello World!');
  await t.see('p', 'Nice to be here!');
  await t.shot('hello');

  t.step('variables in URLs');
  await page.goto(BASE + '/greet/Uma/5');
  await t.see('h1', 'Hello UMA, age 5');

  t.step('HTTP methods: the POST button');
  await page.goto(BASE + '/methods');
  await page.click('button:has-text("Send a POST")');
  await t.see('#posted p', 'Handle POST');

  t.step('CSS: the static file and the inline style apply');
  await page.goto(BASE + '/css');
  const fancy = await page.locator('p.fancy').evaluate((e) => getComputedStyle(e).fontStyle);
  assert.equal(fancy, 'italic');
  const red = await page.locator('p.inline-red').evaluate((e) => getComputedStyle(e).color);
  assert.equal(red, 'rgb(255, 0, 0)');
  await t.shot('css');

  t.step('Markdown is rendered by marked');
  await page.goto(BASE + '/markdown');
  await t.see('.marked h2', 'Markdown in ft');
  await t.see('.marked strong', 'in the browser');
  await t.see('.marked pre code', 'fn index()');
  // The fenced Rust is highlighted too (marked renders first, then highlight.js).
  await t.see('.marked pre code.hljs .hljs-keyword', 'fn');
  await t.shot('markdown');

  t.step('code is highlighted by highlight.js, with a copy button');
  await page.goto(BASE + '/highlight');
  await t.see('pre code.hljs[data-highlighted="yes"]');
  await t.see('pre code .hljs-keyword', 'import');
  await t.see('pre code .hljs-built_in', 'print');
  const colour = await page
    .locator('pre code .hljs-keyword')
    .first()
    .evaluate((e) => getComputedStyle(e).color);
  assert.notEqual(colour, await page.locator('main p').first().evaluate((e) => getComputedStyle(e).color),
    'a keyword has its theme colour');
  await t.see('pre button.hljs-copy-button');
  await t.shot('highlight');

  t.step('the chart draws four bars');
  await page.goto(BASE + '/chart');
  await t.see('svg#chart');
  assert.equal(await page.locator('svg#chart rect.bar').count(), 4);
  const box = await page.locator('svg#chart rect.bar').first().boundingBox();
  assert.ok(box.height > 50, `the first bar is drawn (${box.height}px high)`);
  await t.shot('chart');

  t.step('a missing page is the custom 404');
  t.allowErrors(/status of 404/); // the browser logs the 404 of the page itself
  const r = await page.goto(BASE + '/oops');
  assert.equal(r.status(), 404);
  await t.see('h1', "404: I don't exist!");
  await t.shot('not-found');

  t.step('a cookie is set and read back');
  await page.goto(BASE + '/settimestamp');
  const set = (await page.textContent('p')).replace('Set to ', '');
  await page.goto(BASE + '/gettimestamp');
  assert.equal(await page.textContent('body'), `Cookie was set at time ${set}`);

  t.step('the session keeps a sum');
  await page.goto(BASE + '/adder/5');
  await page.goto(BASE + '/adder/7');
  assert.equal(await page.textContent('body'), 'The sum is 12.');

  t.step('four toasts appear, and one can be dismissed');
  await page.goto(BASE + '/toasting');
  await t.see('h1', 'I like toast');
  // The toasts remove themselves after 10 s: dismiss first, then look at the rest.
  await page.locator('.fh-toast', { hasText: 'Toast is ready' }).locator('button.fh-toast-dismiss').click();
  await t.gone('.fh-toast', 'Toast is ready');
  for (const text of ['Toast is being cooked', 'Toast is getting a bit crispy', 'Toast is burning!']) {
    await t.see('.fh-toast', text);
  }
  await t.shot('toasts');
  await page.goto(BASE + '/hello');
  assert.equal(await page.locator('.fh-toast').count(), 0);
});
