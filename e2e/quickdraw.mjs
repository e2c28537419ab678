// The QuickDraw example: create a room, draw on the Fabric.js canvas with the mouse in a
// chosen colour and brush size, save it, see the saved drawing listed, and find the drawing
// back on the canvas after reopening the room.
import { run, BASE, assert } from './lib.mjs';

/** The colour of pixel (x, y) of a canvas, or of an image drawn onto one. */
function pixel(el, [x, y]) {
  let c = el;
  if (el.tagName === 'IMG') {
    c = document.createElement('canvas');
    c.width = el.naturalWidth;
    c.height = el.naturalHeight;
    c.getContext('2d').drawImage(el, 0, 0);
  }
  return Array.from(c.getContext('2d').getImageData(x, y, 1, 1).data.slice(0, 3));
}

/** Whether the room's Fabric.js canvas is up and holds `n` objects (until the page's script
 * runs, `window.canvas` is the <canvas> element itself). */
const holds = (n) =>
  typeof window.canvas?.getObjects === 'function' && window.canvas.getObjects().length === n;

const isRed = ([r, g, b]) => r > 200 && g < 80 && b < 80;
const isWhite = ([r, g, b]) => r > 240 && g > 240 && b > 240;

run(async (t) => {
  const { page } = t;

  t.step('create a room');
  await page.goto(BASE + '/');
  await t.see('h1', 'QuickDraw');
  await page.fill('#name', 'Sunset');
  await page.click('button:has-text("Create Room")');
  await t.see('#rooms-list a', 'Sunset');
  await page.fill('#name', 'Doodles');
  await page.press('#name', 'Enter');
  await t.see('#rooms-list a', 'Doodles');
  assert.deepEqual(await page.locator('#rooms-list a').allTextContents(), ['Doodles', 'Sunset']);
  await t.shot('rooms');

  t.step('open it: an empty canvas');
  await page.click('#rooms-list a:has-text("Sunset")');
  await page.waitForURL('**/rooms/*');
  await t.see('h1', 'Room: Sunset');
  const upper = page.locator('canvas.upper-canvas');
  await upper.waitFor();
  await page.waitForFunction(holds, 0);
  await t.see('#drawings'); // empty: "Nothing saved yet."
  assert.equal(await page.locator('#drawings figure').count(), 0);

  t.step('pick red and a thick brush, draw a line with the mouse');
  await page.fill('#color-picker', '#ff0000');
  await page.locator('#brush-size').evaluate((el) => {
    el.value = '30';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  const box = await upper.boundingBox();
  // Canvas coordinates (800x600) to the page's.
  const at = (x, y) => [box.x + (x * box.width) / 800, box.y + (y * box.height) / 600];
  await page.mouse.move(...at(100, 300));
  await page.mouse.down();
  for (let x = 120; x <= 700; x += 20) await page.mouse.move(...at(x, 300 + (x % 40 === 0 ? 4 : -4)));
  await page.mouse.up();
  await page.waitForFunction(holds, 1);
  const lower = page.locator('#canvas');
  // Fabric.js paints the finished stroke on its next animation frame: on a busy machine that
  // can come after the object is counted, so wait for the pixel rather than read it once.
  const red = await page
    .waitForFunction(
      ([x, y]) => {
        const d = document.querySelector('#canvas').getContext('2d').getImageData(x, y, 1, 1).data;
        return d[0] > 200 && d[1] < 80 && d[2] < 80;
      },
      [400, 300],
      { timeout: 5000 },
    )
    .then(() => true, () => false);
  assert.ok(red, `the stroke is red on the canvas (pixel: ${await lower.evaluate(pixel, [400, 300])})`);
  assert.ok(isWhite(await lower.evaluate(pixel, [400, 100])), 'the rest is white');
  await t.shot('drawing');

  t.step('save: the drawing is listed');
  await page.click('#save-canvas');
  await t.see('#save-status', 'Canvas saved successfully');
  const saved = page.locator('#drawings figure img').first();
  await saved.waitFor();
  await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await saved.elementHandle());
  assert.equal(await saved.evaluate((el) => el.naturalWidth), 800);
  assert.ok(isRed(await saved.evaluate(pixel, [400, 300])), 'the saved picture has the red stroke');
  assert.ok(isWhite(await saved.evaluate(pixel, [400, 100])));
  await t.shot('saved');

  t.step('draw more in blue and save again: newest first');
  await page.fill('#color-picker', '#0000ff');
  await page.mouse.move(...at(400, 100));
  await page.mouse.down();
  for (let y = 120; y <= 500; y += 20) await page.mouse.move(...at(400, y));
  await page.mouse.up();
  await page.waitForFunction(holds, 2);
  await page.click('#save-canvas');
  await page.locator('#drawings figure').nth(1).waitFor();
  const ids = await page.locator('#drawings figure').evaluateAll((fs) => fs.map((f) => f.id));
  assert.deepEqual(ids, ['drawing-2', 'drawing-1']);

  t.step('reopen the room: the canvas comes back, both drawings listed');
  await page.click('a:has-text("Leave Room")');
  await t.see('#rooms-list a', 'Sunset');
  await page.click('#rooms-list a:has-text("Sunset")');
  await page.waitForFunction(holds, 2);
  await page.waitForFunction(() => {
    const [r, g, b] = document.getElementById('canvas').getContext('2d').getImageData(400, 300, 1, 1).data;
    return b > 200 && r < 80 && g < 80; // the blue line crosses the red one here, on top
  });
  assert.ok(isRed(await lower.evaluate(pixel, [200, 300])), 'the red stroke is back');
  assert.equal(await page.locator('#drawings figure').count(), 2);
  await t.shot('reopened');

  t.step('the other room is still empty');
  await page.click('a:has-text("Leave Room")');
  await page.click('#rooms-list a:has-text("Doodles")');
  await t.see('h1', 'Room: Doodles');
  await page.waitForFunction(holds, 0);
  assert.equal(await page.locator('#drawings figure').count(), 0);
  await t.shot('other-room');
});
