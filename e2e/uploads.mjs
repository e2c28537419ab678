// The uploads example: choose one file and upload it, choose three and upload them, see a
// card per file and the list after a reload.
import { run, BASE, assert } from './lib.mjs';

const file = (name, text, mimeType = 'text/plain') => ({ name, mimeType, buffer: Buffer.from(text) });

run(async (t) => {
  const { page } = t;
  await page.goto(BASE + '/');
  await t.see('h1', 'File Upload Demo');
  await t.shot('empty');

  t.step('upload one file');
  await page.setInputFiles('#form-one input[type=file]', file('hello.txt', 'hello, world'));
  await page.click('#form-one button');
  await t.see('#result-one h3', 'hello.txt');
  await t.see('#result-one li', 'Size: 12');
  await t.see('#result-one li', 'text/plain');

  t.step('upload three files at once');
  await page.setInputFiles('#form-many input[type=file]', [
    file('a.csv', 'x,y\n1,2\n', 'text/csv'),
    file('b.json', '{"ok":true}', 'application/json'),
    file('c.txt', 'c'),
  ]);
  await page.click('#form-many button');
  await t.see('#result-many h3', 'c.txt');
  assert.equal(await page.locator('#result-many .file-card').count(), 3);
  await t.see('#result-many li', 'application/json');
  await t.shot('uploaded');

  t.step('the list shows all four after a reload');
  await page.reload();
  assert.deepEqual(
    (await page.locator('#uploaded li').allTextContents()).sort(),
    ['a.csv (8 bytes)', 'b.json (11 bytes)', 'c.txt (1 bytes)', 'hello.txt (12 bytes)'],
  );
  await t.shot('list');
});
