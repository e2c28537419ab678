// A QuickDraw room whose stored canvas names pictures on other sites (an image, a background
// image, a pattern fill): opening the room must load the canvas without fetching any of them.
// lib.mjs refuses and reports every request outside the app, and `t.done()` fails on one.
import { run, BASE } from './lib.mjs';

run(async (t) => {
  const { page } = t;
  t.step('open the room with the planted canvas');
  await page.goto(BASE + '/rooms/1');
  await t.see('h1', 'Room: Planted');
  // The stored canvas had four parts; the two that load nothing from elsewhere are drawn.
  await page.waitForFunction(
    () => typeof window.canvas?.getObjects === 'function' && window.canvas.getObjects().length === 2,
  );
  // Give any image load a moment to start before the check in `done()`.
  await page.waitForTimeout(500);
  await t.shot('planted-room');
});
