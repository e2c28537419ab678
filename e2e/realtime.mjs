// The realtime example in a browser: random numbers arrive over server-sent events and pile
// up on the page; the websocket form greets on connect, answers at once and says goodbye
// with a fresh input. Every wait is for something the user sees (no fixed sleeps).
import { run, BASE, assert } from './lib.mjs';

const count = (page) => page.locator('#numbers article').count();

run(async (t) => {
  const { page } = t;

  t.step('the home page links both sections');
  await page.goto(BASE + '/');
  await t.see('h1', 'Server-sent events and websockets');
  await t.checkHtmx();
  await t.shot('home');

  t.step('random numbers arrive over SSE, one after another');
  await page.click('a:has-text("Server-sent events")');
  await page.waitForURL('**/numbers');
  await t.see('h1', 'SSE Random Number Generator');
  await page.waitForFunction(() => document.querySelectorAll('#numbers article').length >= 3);
  const seen = await count(page);
  // ...and they keep coming, appended at the end.
  const last = await page.locator('#numbers article').last().textContent();
  await page.waitForFunction((n) => document.querySelectorAll('#numbers article').length > n, seen);
  assert.equal(await page.locator('#numbers article').nth(seen - 1).textContent(), last);
  for (const text of await page.locator('#numbers article').allTextContents()) {
    const n = Number(text);
    assert.ok(Number.isInteger(n) && n >= 1 && n <= 100, `a number from 1 to 100: ${text}`);
  }
  await t.shot('numbers');

  t.step('the websocket form: connect, send, see the replies');
  await page.goto(BASE + '/ws-form');
  await t.see('h1', 'Websocket Test');
  await t.see('#notifications', 'Hello, you have connected');
  await page.fill('#msg', 'Uma');
  await page.press('#msg', 'Enter');
  await t.see('#notifications', 'Hello Uma');
  await t.shot('ws-hello');
  await t.see('#notifications', 'Goodbye Uma');
  assert.equal(await page.inputValue('#msg'), '', 'a fresh input');
  await t.shot('ws-goodbye');

  t.step('and again, on the same socket');
  await page.fill('#msg', 'Ann');
  await page.press('#msg', 'Enter');
  await t.see('#notifications', 'Goodbye Ann');
});
