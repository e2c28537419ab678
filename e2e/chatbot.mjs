// The chatbot: send a message, see your bubble at once, watch the bot's reply grow word by
// word and complete; the conversation survives a reload, belongs to this browser only, and
// "New chat" starts over.
import { run, BASE, assert } from './lib.mjs';

const lastBot = '#chatlist > .chat-start:last-child';

/** Sends `text` from the form the way a user does (type, press Enter). */
async function say(page, text) {
  await page.fill('#msg-input', text);
  await page.press('#msg-input', 'Enter');
  await page.locator('#chatlist > .chat-end .chat-bubble', { hasText: text }).last().waitFor();
}

/** Waits until the bot's last reply is complete (no typing dots) and returns its text. */
async function reply(page) {
  await page.locator(`${lastBot} .chat-bubble`).waitFor();
  await page.locator(`${lastBot} .loading`).waitFor({ state: 'detached' });
  return (await page.textContent(`${lastBot} .chat-bubble`)).trim();
}

run(async (t) => {
  const { page } = t;
  t.step('open the chat');
  await page.goto(BASE + '/');
  await t.see('h1', 'Chatbot Demo');
  assert.equal(await page.locator('#chatlist > .chat').count(), 0);
  // DaisyUI's vendored CSS styles the page: the Send button is a coloured .btn-primary.
  const bg = await page.$eval('button.btn-primary', (b) => getComputedStyle(b).backgroundColor);
  assert.notEqual(bg, 'rgba(0, 0, 0, 0)', 'DaisyUI styles apply');
  await t.shot('empty');

  t.step('send a message: my bubble at once, then the reply streams in');
  await say(page, 'my name is Ann');
  assert.equal(await page.inputValue('#msg-input'), '', 'the input is cleared');
  // Part of the reply is there while the typing dots still show: it arrives word by word.
  await page.waitForFunction((sel) => {
    const bubble = document.querySelector(`${sel} .chat-bubble`);
    const typing = document.querySelector(`${sel} .loading`);
    const words = bubble ? bubble.textContent.trim().split(/\s+/).filter(Boolean).length : 0;
    return typing && words >= 2 && words < 10;
  }, lastBot);
  await t.shot('streaming');
  assert.equal(
    await reply(page),
    'Nice to meet you, Ann! I will remember your name for the rest of this conversation.',
  );

  t.step('the bot remembers the conversation');
  await say(page, 'what is my name?');
  assert.equal(await reply(page), 'You told me your name is Ann.');
  // An empty message sends nothing: the server only answers with a fresh input, swapped in
  // out of band. Wait for that swap, or it could replace the input while the next message
  // is being typed.
  await page.$eval('#msg-input', (i) => { i.dataset.stale = '1'; });
  await page.click('button:has-text("Send")');
  await page.waitForFunction(() => {
    const i = document.getElementById('msg-input');
    return i && !i.dataset.stale;
  });
  assert.equal(await page.locator('#chatlist > .chat').count(), 4, 'no bubble for an empty message');
  await say(page, 'what is 12 * 7');
  assert.equal(await reply(page), '12 × 7 = 84. Anything else to work out?');
  assert.equal(await page.locator('#chatlist > .chat-end').count(), 3);
  assert.equal(await page.locator('#chatlist > .chat-start').count(), 3);
  await t.shot('conversation');

  t.step('a reload shows the saved conversation');
  await page.reload();
  await t.see('#chatlist .chat-bubble', '12 × 7 = 84.');
  assert.equal(await page.locator('#chatlist > .chat').count(), 6);
  await t.shot('reloaded');

  t.step('another browser has its own conversation');
  const other = await t.newUser();
  await other.goto(BASE + '/');
  await other.locator('h1', { hasText: 'Chatbot Demo' }).waitFor();
  assert.equal(await other.locator('#chatlist > .chat').count(), 0);
  await say(other, 'hello');
  assert.equal(await reply(other), 'Hello! How can I help you today?');
  await t.shot('other-user', other);

  t.step('New chat starts over');
  await page.click('button:has-text("New chat")');
  await page.waitForURL(BASE + '/');
  await t.see('h1', 'Chatbot Demo');
  assert.equal(await page.locator('#chatlist > .chat').count(), 0);
  await say(page, 'what is my name?');
  assert.match(await reply(page), /not told me your name/);
  await t.shot('new-chat');
});
