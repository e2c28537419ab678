// The image generation example: prompts become cards that turn into pictures while the
// shared credits go down; with none left the form says so; buying more through the fake
// checkout refills the pool; another browser has its own gallery but the same credits.
// The server starts the pool at 3 credits.
import { run, BASE, assert } from './lib.mjs';

run(async (t) => {
  const { page } = t;
  const cards = page.locator('#gen-list article');
  const balance = (n) => t.see('#balance', `Global balance: ${n} credits`);

  /** Types a prompt and presses Enter (the button for the first one). */
  async function generate(prompt, { click = false } = {}) {
    await page.fill('#new-prompt', prompt);
    if (click) await page.click('button:has-text("Generate")');
    else await page.press('#new-prompt', 'Enter');
  }

  /** Waits for the picture of `prompt` and checks that the browser could draw it. */
  async function seePicture(prompt) {
    const img = page.locator(`#gen-list img[alt="${prompt}"]`);
    await img.waitFor({ state: 'visible' });
    await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle());
    return img;
  }

  t.step('the home page');
  await page.goto(BASE + '/');
  await t.see('h1', 'Image Generation Demo');
  await balance(3);
  assert.equal(await cards.count(), 0);
  await t.shot('home');

  t.step('a prompt shows a pending card, then its picture');
  await generate('a red fox at sunset', { click: true });
  await t.see('#gen-list article.pending', "Generating with prompt 'a red fox at sunset'");
  assert.equal(await page.inputValue('#new-prompt'), '', 'the prompt box is cleared');
  await balance(2);
  await t.shot('generating');
  await seePicture('a red fox at sunset');
  await t.see('#gen-list article', 'Prompt: a red fox at sunset');
  await t.shot('first-picture');

  t.step('two more, newest first');
  await generate('the ocean at night');
  await t.see('#gen-list article', 'the ocean at night');
  await generate('a green forest');
  await t.see('#gen-list article', 'a green forest');
  await balance(0);
  await seePicture('the ocean at night');
  await seePicture('a green forest');
  assert.equal(await cards.count(), 3);
  assert.match(await cards.first().textContent(), /a green forest/);
  assert.match(await cards.last().textContent(), /a red fox at sunset/);
  // Different prompts, different pictures.
  const srcs = await page.$$eval('#gen-list img', (imgs) => imgs.map((i) => i.src));
  assert.equal(new Set(srcs).size, 3);
  await t.shot('three-pictures');

  t.step('out of credits: a message, no new card');
  await generate('one more');
  await t.see('#notice .out-of-credits', 'Out of credits!');
  assert.equal(await cards.count(), 3);
  await balance(0);
  await t.shot('out-of-credits');

  t.step('buy 50 more through the fake checkout');
  await page.click('#buy');
  await page.waitForURL('**/fake-stripe/checkout/**');
  await t.see('h3', 'Buy 50 credits for $1.00');
  await t.shot('checkout');
  await page.click('button:has-text("Pay $1.00")');
  await page.waitForURL('**/success');
  await t.see('#success', 'Success! 50 credits');
  await t.shot('success');
  await page.click('a:has-text("Return Home")');
  await balance(50);
  assert.equal(await cards.count(), 3, 'the gallery is still there');

  t.step('generating works again');
  await generate('a purple mountain');
  await balance(49);
  await seePicture('a purple mountain');
  assert.equal(await cards.count(), 4);
  await t.shot('after-buying');

  t.step('a cancelled checkout adds nothing');
  await page.click('#buy');
  await page.waitForURL('**/fake-stripe/checkout/**');
  await page.click('button:has-text("Cancel")');
  await page.waitForURL('**/cancel');
  await t.see('#cancelled', 'no credits were bought');
  await page.click('a:has-text("Return Home")');
  await balance(49);

  t.step('another browser: its own gallery, the same credits');
  const other = await t.newUser();
  await other.goto(BASE + '/');
  await other.locator('#balance', { hasText: 'Global balance: 49 credits' }).waitFor();
  assert.equal(await other.locator('#gen-list article').count(), 0);
  await other.fill('#new-prompt', 'a pink rose');
  await other.press('#new-prompt', 'Enter');
  await other.locator('#gen-list img[alt="a pink rose"]').waitFor();
  await t.shot('second-browser', other);
  // The first browser's balance polls its way down; its gallery does not change.
  await balance(48);
  assert.equal(await cards.count(), 4);
  assert.equal(await page.locator('#gen-list img[alt="a pink rose"]').count(), 0);
});
