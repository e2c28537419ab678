// Measures the development loop: the time from saving a one-line handler edit to a page
// showing it, with the app's real live-reload script playing the browser.
//
//   cargo dev -p ft-examples --example dev_loop &      # PORT=5001 by default
//   node --experimental-websocket scripts/measure-reload.mjs \
//        examples/examples/dev_loop.rs 'Hello from the dev loop' 5
//
// Each round: load the page, run its live-reload script (with window/location shims), wait for
// "connected", rewrite the quoted text in the source file (a one-line edit), and stop the clock
// when the script calls location.reload() AND a fresh GET of the page shows the new text.
// Node 22+ has WebSocket without the flag. NO_WS=1 measures the websocket-free fallback.
// PAGE=/path measures that page instead of `/` (the text must show there); PORT as the app's.
// GROW=1 makes every save change the literal's length (round i appends i '+'), as a real edit
// does; without it rounds 2-9 save a text as long as the round before (rustc's best case).
// The file is restored at the end.

import { readFileSync, writeFileSync } from 'node:fs';

const [file, marker, roundsArg] = process.argv.slice(2);
if (!file || !marker) {
  console.error('usage: measure-reload.mjs FILE "TEXT IN A STRING LITERAL" [ROUNDS]');
  process.exit(2);
}
const rounds = Number(roundsArg || 5);
const base = `http://127.0.0.1:${process.env.PORT || 5001}`;
const path = process.env.PAGE || '/';
const original = readFileSync(file, 'utf8');
const lit = new RegExp(`"${marker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^"]*"`);
if (!lit.test(original)) {
  console.error(`no string literal starting with "${marker}" in ${file}`);
  process.exit(2);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function getPage() {
  for (;;) {
    try {
      const r = await fetch(base + path);
      if (r.ok) return await r.text();
    } catch (_) { /* server restarting */ }
    await sleep(20);
  }
}

// Runs one page's live-reload script; resolves `connected` on its console.log and `reloaded`
// when it calls location.reload().
function loadScript(html) {
  const m = html.match(/<script>(\(\(\) => \{[\s\S]*?\}\)\(\);)<\/script>/);
  if (!m || !m[1].includes('/live-reload')) throw new Error('no live-reload script in the page');
  const page = { dead: false, sockets: [] };
  let onConnected, onReload;
  const connected = new Promise((r) => (onConnected = r));
  const reloaded = new Promise((r) => (onReload = r));
  const Ws = function (url) {
    const ws = new WebSocket(url);
    page.sockets.push(ws);
    return ws;
  };
  // NO_WS=1 plays a browser without websockets: the script falls back to polling the id.
  const win = process.env.NO_WS ? {} : { WebSocket: Ws };
  const loc = {
    protocol: 'http:',
    pathname: path,
    search: '',
    host: base.replace('http://', ''),
    reload: () => { if (!page.dead) { page.dead = true; page.sockets.forEach((s) => s.close()); onReload(performance.now()); } },
  };
  const cons = { log: (msg) => { if (String(msg).includes('connected')) onConnected(); }, warn: console.warn };
  const st = (f, ms) => setTimeout(() => { if (!page.dead) f(); }, ms);
  const f = (p, o) => fetch(new URL(p, base), o);
  // The page's DOM as far as the script reads it (the state it saves across a reload): an
  // empty, loaded page.
  const doc = { readyState: 'complete', forms: [], querySelectorAll: () => [], getElementById: () => null };
  const store = new Map();
  const ss = { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => store.set(k, String(v)), removeItem: (k) => store.delete(k) };
  const names = ['window', 'location', 'console', 'setTimeout', 'fetch', 'WebSocket', 'document', 'sessionStorage', 'scrollX', 'scrollY', 'scrollTo', 'addEventListener'];
  new Function(...names, m[1])(win, loc, cons, st, f, Ws, doc, ss, 0, 0, () => {}, () => {});
  return { connected, reloaded };
}

const times = [];
try {
  for (let i = 1; i <= rounds; i++) {
    const page = loadScript(await getPage());
    await page.connected;
    await sleep(300);
    const text = `${marker} (edit ${i}, ${Date.now()})${process.env.GROW ? '+'.repeat(i) : ''}`;
    const t0 = performance.now();
    writeFileSync(file, original.replace(lit, `"${text}"`));
    const t1 = await page.reloaded;
    let html = await getPage();
    while (!html.includes(text)) { await sleep(10); html = await getPage(); }
    const t2 = performance.now();
    times.push((t2 - t0) / 1000);
    console.log(`round ${i}: reload called after ${((t1 - t0) / 1000).toFixed(2)} s, new text shown after ${((t2 - t0) / 1000).toFixed(2)} s`);
  }
} finally {
  writeFileSync(file, original);
}
times.sort((a, b) => a - b);
console.log(`edit-to-reload over ${times.length} rounds: median ${times[times.length >> 1].toFixed(2)} s, min ${times[0].toFixed(2)} s, max ${times[times.length - 1].toFixed(2)} s`);
process.exit(0);
