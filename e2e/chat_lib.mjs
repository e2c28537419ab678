// What a chat user does in the ws_chat example, shared by its browser tests.

/** Enters `room` as `name` from the lobby of `base`; waits until the room's socket is open. */
export async function enter(page, base, name, room) {
  await page.goto(base + '/');
  await page.fill('input[name=name]', name);
  await page.selectOption('select[name=room]', room);
  await page.click('button:has-text("Enter")');
  await page.waitForURL(`**/room/${room}`);
  await page.locator('h1', { hasText: `#${room}` }).waitFor();
  // Everyone in the room, this person included, is told they joined: the socket is in.
  await page.locator('#log .notice', { hasText: `${name} joined #${room}` }).waitFor();
}

/** Types a message and sends it with Enter, as a user does. */
export async function say(page, text) {
  await page.fill('#msg', text);
  await page.press('#msg', 'Enter');
}

/** A chat line of `who` saying `text` in the page's log. */
export const line = (page, who, text) => page.locator('#log p', { hasText: `${who}: ${text}` });
