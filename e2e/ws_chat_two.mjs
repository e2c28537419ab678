// The websocket chat on two instances of the app that share nothing but Redis (BASE_URL and
// BASE_URL_2): Ann uses one server, Bob the other. Ann's lobby feed shows Bob entering on the
// other server; in #general each sees the other's messages, and how many people are in the
// room across both servers; when Bob leaves, Ann is told.
import { run, BASE, assert } from './lib.mjs';
import { enter, say, line } from './chat_lib.mjs';

const OTHER = process.env.BASE_URL_2;
assert.ok(OTHER, 'BASE_URL_2: the second server');

run(async (t) => {
  const ann = t.page;
  const bob = await t.newUser();

  t.step('Ann waits in the lobby of server 1; its feed shows Bob entering on server 2');
  const feedOpen = ann.waitForResponse((r) => r.url() === BASE + '/feed');
  await ann.goto(BASE + '/');
  await t.see('h1', 'ft chat');
  await t.checkHtmx(ann);
  await feedOpen;
  await enter(bob, OTHER, 'bob', 'general');
  await t.see('#feed li', 'bob joined #general');

  t.step('Ann enters #general on server 1; Bob, on server 2, sees her arrive');
  await enter(ann, BASE, 'ann', 'general');
  await bob.locator('#log .notice', { hasText: 'ann joined #general' }).waitFor();
  // Each page counts the room's people on both servers.
  await ann.locator('#here', { hasText: '2 here' }).waitFor();
  await bob.locator('#here', { hasText: '2 here' }).waitFor();

  t.step('each sends a message; both see both, in the same order');
  await say(ann, 'Hi Bob, I am on server 1');
  await line(bob, 'ann', 'Hi Bob, I am on server 1').waitFor();
  await say(bob, 'Hello Ann, server 2 here');
  for (const page of [ann, bob]) {
    await line(page, 'ann', 'Hi Bob, I am on server 1').waitFor();
    await line(page, 'bob', 'Hello Ann, server 2 here').waitFor();
  }
  const chat = async (page) =>
    (await page.locator('#log p').allInnerTexts()).map((l) => l.trim()).filter((l) => !l.includes('joined'));
  assert.deepEqual(await chat(ann), ['ann: Hi Bob, I am on server 1', 'bob: Hello Ann, server 2 here']);
  assert.deepEqual(await chat(bob), await chat(ann));
  await t.shot('room-ann-server-1', ann);
  await t.shot('room-bob-server-2', bob);

  t.step('Bob leaves server 2; Ann, on server 1, is told and counts 1');
  await bob.click('a:has-text("Leave")');
  await bob.waitForURL(OTHER + '/');
  await ann.locator('#log .notice', { hasText: 'bob left #general' }).waitFor();
  await ann.locator('#here', { hasText: '1 here' }).waitFor();
  await t.shot('room-after-leave', ann);
});
