// The multiplayer Game of Life: two players on two pages share one board. Cells clicked on
// one page come alive on the other, Run makes generations advance on both, Pause stops them,
// Reset clears both boards.
import { run, BASE, assert } from './lib.mjs';

const SIZE = 20;
const cell = (x, y) => `#grid > .cell:nth-child(${y * SIZE + x + 1})`;

/** Waits until `page` shows cell (x, y) alive (or dead). */
async function cellIs(page, x, y, alive) {
  await page.locator(`${cell(x, y)}.${alive ? 'alive' : 'dead'}`).waitFor({ state: 'attached' });
}

const generationOf = async (page) => Number(await page.textContent('#generation'));

run(async (t) => {
  const one = t.page;
  t.step('two players open the game');
  await one.goto(BASE + '/');
  await t.see('h1', 'Game of Life');
  const two = await t.newUser();
  await two.goto(BASE + '/');
  // Both sockets are connected once each page counts two players.
  for (const p of [one, two]) await p.locator('#players', { hasText: '2 players' }).waitFor();
  assert.equal(await one.locator('#grid > .cell').count(), SIZE * SIZE);
  assert.equal(await one.locator('#grid > .cell.alive').count(), 0);
  await t.shot('empty-board');

  t.step('player one draws a blinker and a glider; player two sees them');
  const blinker = [[3, 3], [4, 3], [5, 3]];
  const glider = [[11, 10], [12, 11], [10, 12], [11, 12], [12, 12]];
  for (const [x, y] of [...blinker, ...glider]) {
    await one.click(cell(x, y));
    await cellIs(two, x, y, true);
  }
  assert.equal(await two.locator('#grid > .cell.alive').count(), 8);

  t.step('player two clicks a cell away; player one sees it die');
  await two.click(cell(5, 3));
  await cellIs(one, 5, 3, false);
  await two.click(cell(5, 3));
  await cellIs(one, 5, 3, true);
  await t.shot('drawn', two);

  t.step('player two presses Run; both boards advance');
  await two.click('#run');
  for (const p of [one, two]) {
    await p.locator('#status', { hasText: 'running' }).waitFor();
    // The blinker stands up at generation 1 and every odd one.
    await p.waitForFunction(() => Number(document.querySelector('#generation').textContent) >= 3);
  }
  await t.shot('running-one', one);
  await t.shot('running-two', two);

  t.step('player one presses Pause; both boards stop on the same generation');
  await one.click('#pause');
  for (const p of [one, two]) await p.locator('#status', { hasText: 'paused' }).waitFor();
  const stopped = await generationOf(one);
  await one.waitForTimeout(1200); // three periods of the test server's clock
  assert.equal(await generationOf(one), stopped, 'player one: no generation after Pause');
  assert.equal(await generationOf(two), stopped, 'player two: same generation');
  const board = (p) => p.$$eval('#grid > .cell', (cs) => cs.map((c) => c.classList.contains('alive')));
  assert.deepEqual(await board(one), await board(two), 'both players see the same board');
  // The blinker (centre at (4, 3)) is upright on odd generations, flat on even ones.
  const upright = stopped % 2 === 1;
  for (const [x, y] of upright ? [[4, 2], [4, 3], [4, 4]] : blinker) await cellIs(two, x, y, true);
  await t.shot('paused', one);

  t.step('Reset clears both boards');
  await two.click('#reset');
  for (const p of [one, two]) {
    await p.locator('#generation', { hasText: /^0$/ }).waitFor();
    assert.equal(await p.locator('#grid > .cell.alive').count(), 0);
  }
  await t.shot('reset', two);
});
