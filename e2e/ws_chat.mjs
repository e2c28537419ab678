// The websocket chat in a browser, as two people in two browser contexts (their own cookies):
// the lobby's live feed (server-sent events) shows who joined; both enter #general, each
// sends a message, both see both messages; when one leaves, the other is told.
import { run, BASE, assert } from './lib.mjs';
import { enter as enterAt, say, line } from './chat_lib.mjs';

const enter = (page, name, room) => enterAt(page, BASE, name, room);

run(async (t) => {
  const ann = t.page;
  const bob = await t.newUser();

  t.step('Ann waits in the lobby; its feed shows Bob entering #general');
  // The feed is live once its response has started (the server subscribed it by then).
  const feedOpen = ann.waitForResponse((r) => r.url() === BASE + '/feed');
  await ann.goto(BASE + '/');
  await t.see('h1', 'ft chat');
  await t.checkHtmx(ann);
  await feedOpen;
  await enter(bob, 'bob', 'general');
  await t.see('#feed li', 'bob joined #general');
  await t.shot('lobby-feed');

  t.step('Ann enters #general too; Bob sees her arrive');
  await enter(ann, 'ann', 'general');
  await bob.locator('#log .notice', { hasText: 'ann joined #general' }).waitFor();

  t.step('each sends a message; both see both');
  await say(ann, 'Hi Bob!');
  await say(bob, 'Hello Ann, how are you?');
  for (const page of [ann, bob]) {
    await line(page, 'ann', 'Hi Bob!').waitFor();
    await line(page, 'bob', 'Hello Ann, how are you?').waitFor();
  }
  // Sending clears the sender's input.
  assert.equal(await ann.inputValue('#msg'), '');
  assert.equal(await bob.inputValue('#msg'), '');
  // Both logs read the same, in the same order.
  const annLog = await ann.locator('#log p').allInnerTexts();
  const bobLog = await bob.locator('#log p').allInnerTexts();
  const chat = (log) => log.map((l) => l.trim()).filter((l) => !l.includes('joined'));
  assert.deepEqual(chat(annLog), ['ann: Hi Bob!', 'bob: Hello Ann, how are you?']);
  assert.deepEqual(chat(bobLog), chat(annLog));
  await t.shot('room-ann', ann);
  await t.shot('room-bob', bob);

  t.step('markup in a message is shown as text');
  await say(bob, '<b>bold?</b>');
  await line(ann, 'bob', '<b>bold?</b>').waitFor();
  assert.equal(await ann.locator('#log b').count(), 0);

  t.step('Bob leaves; Ann is told');
  await bob.click('a:has-text("Leave")');
  await bob.waitForURL(BASE + '/');
  await ann.locator('#log .notice', { hasText: 'bob left #general' }).waitFor();
  await t.shot('room-after-leave', ann);
});
