// The todo app as a user uses it: log in (the account is created), add todos, edit one
// (title, Markdown details, done), read its details, delete one, reorder by drag and drop,
// log out, and check that another user sees none of it.
import { run, BASE, assert } from './lib.mjs';

const titles = async (page) =>
  (await page.locator('#todo-list li > a:first-of-type').allTextContents()).map((s) => s.trim());

async function login(t, name, pwd) {
  const { page } = t;
  await page.goto(BASE + '/');
  await page.waitForURL('**/login');
  await page.fill('input[name=name]', name);
  await page.fill('input[name=pwd]', pwd);
  await page.click('button:has-text("login")');
  await t.see('h1', `${name}'s Todo list`);
}

async function add(t, title) {
  await t.htmxReady();
  await t.page.fill('#new-title', title);
  await t.page.click('button:has-text("Add")');
  await t.see('#todo-list li', title);
  // The out-of-band swap replaced the input with an empty one, and cleared the message.
  assert.equal(await t.page.inputValue('#new-title'), '');
  assert.equal((await t.page.textContent('#add-error')).trim(), '');
}

run(async (t) => {
  const { page } = t;

  t.step('a visitor is sent to the login page');
  await page.goto(BASE + '/');
  await page.waitForURL('**/login');
  await t.see('h1', 'Login');
  await t.shot('login');

  t.step('log in as alice (the account is created)');
  await login(t, 'alice', 'wonderland');
  await t.checkHtmx();
  assert.deepEqual(await titles(page), []);
  await t.shot('empty-list');

  t.step('a todo without a title is refused: the 422 is swapped in (htmx 2 and htmx 4)');
  t.allowErrors(/status of 422/);
  await page.click('button:has-text("Add")');
  await t.see('#add-error', 'A todo needs a title.');
  assert.deepEqual(await titles(page), []);

  t.step('add three todos');
  await add(t, 'Buy milk');
  await add(t, 'Write docs');
  await add(t, 'Walk the dog');
  assert.deepEqual((await titles(page)).sort(), ['Buy milk', 'Walk the dog', 'Write docs']);
  await t.shot('three-todos');

  t.step('edit "Buy milk": new title, Markdown details, done');
  await page.locator('#todo-list li', { hasText: 'Buy milk' }).locator('a', { hasText: 'edit' }).click();
  await t.see('#current-todo form#edit');
  assert.equal(await page.inputValue('#edit input[name=title]'), 'Buy milk');
  await page.fill('#edit input[name=title]', 'Buy oat milk');
  await page.fill('#edit textarea[name=details]', '# Shopping\n\nThe **oat** kind, *two* cartons.');
  await page.check('#edit input[type=checkbox][name=done]');
  await t.shot('edit-form');
  await page.click('#edit button:has-text("Save")');
  const edited = await t.see('#todo-list li', 'Buy oat milk');
  assert.match(await edited.textContent(), /^✅ Buy oat milk/);
  await t.gone('#current-todo form#edit');

  t.step('open its details: the Markdown is rendered');
  await edited.locator('a', { hasText: 'Buy oat milk' }).click();
  await t.see('#current-todo h2', 'Buy oat milk');
  await t.see('#current-todo .markdown h1', 'Shopping');
  assert.equal(await page.textContent('#current-todo .markdown strong'), 'oat');
  assert.equal(await page.textContent('#current-todo .markdown em'), 'two');
  await t.shot('details');

  t.step('toggle it back to not done');
  await edited.locator('a', { hasText: 'edit' }).click();
  await t.see('#current-todo form#edit');
  assert.equal(await page.isChecked('#edit input[type=checkbox][name=done]'), true);
  await page.uncheck('#edit input[type=checkbox][name=done]');
  await page.click('#edit button:has-text("Save")');
  await page.waitForFunction(() =>
    [...document.querySelectorAll('#todo-list li')].some((li) => li.textContent.startsWith('Buy oat milk')));

  t.step('delete "Write docs"');
  await page.locator('#todo-list li', { hasText: 'Write docs' }).locator('a', { hasText: 'Write docs' }).click();
  await t.see('#current-todo button', 'delete');
  await page.click('#current-todo button:has-text("delete")');
  await t.gone('#todo-list li', 'Write docs');
  assert.equal((await page.textContent('#current-todo')).trim(), '');
  assert.deepEqual((await titles(page)).sort(), ['Buy oat milk', 'Walk the dog']);

  t.step('reorder by drag and drop; the order survives a reload');
  await add(t, 'Call mum');
  await page.reload();
  await t.see('h1', "alice's Todo list");
  const before = await titles(page);
  assert.equal(before.length, 3);
  const first = page.locator('#todo-list li', { hasText: before[0] });
  const last = page.locator('#todo-list li', { hasText: before[2] });
  const posted = page.waitForResponse((r) => r.url().endsWith('/reorder') && r.ok());
  // A real pointer drag: press on the first item, move below the last, release.
  const a = await first.boundingBox();
  const b = await last.boundingBox();
  await page.mouse.move(a.x + 40, a.y + a.height / 2);
  await page.mouse.down();
  const from = a.y + a.height / 2;
  const to = b.y + b.height - 3;
  for (let i = 1; i <= 20; i++) {
    await page.mouse.move(b.x + 40, from + ((to - from) * i) / 20);
    await page.waitForTimeout(25);
  }
  await page.mouse.up();
  await posted;
  console.log(`order before the drag: ${before.join(', ')}; after: ${(await titles(page)).join(', ')}`);
  const expected = [before[1], before[2], before[0]];
  await page.waitForFunction(
    (want) => [...document.querySelectorAll('#todo-list li > a:first-of-type')].map((a) => a.textContent.trim()).join('|') === want,
    expected.join('|'),
  );
  await page.reload();
  await t.see('h1', "alice's Todo list");
  assert.deepEqual(await titles(page), expected);
  await t.shot('reordered');

  t.step('log out');
  await page.click('button:has-text("logout")');
  await page.waitForURL('**/login');
  await page.goto(BASE + '/');
  await page.waitForURL('**/login');

  t.step('a wrong password does not log in');
  await page.fill('input[name=name]', 'alice');
  await page.fill('input[name=pwd]', 'wrong');
  await page.click('button:has-text("login")');
  await page.waitForURL('**/login');
  await t.see('h1', 'Login');

  t.step('bob sees none of alice\'s todos');
  await login(t, 'bob', 'builder');
  assert.deepEqual(await titles(page), []);
  await add(t, 'Fix the roof');
  await t.shot('bob');
  await page.click('button:has-text("logout")');
  await page.waitForURL('**/login');

  t.step('alice logs back in: her todos are still there, bob\'s are not');
  await login(t, 'alice', 'wonderland');
  assert.deepEqual(await titles(page), expected);

  t.step('an unknown page is the custom 404');
  const r = await page.goto(BASE + '/no/such/page');
  assert.equal(r.status(), 404);
  await t.see('h1', 'Oh no!');
  t.allowErrors(/status of 404/);
  await t.shot('not-found');
});
