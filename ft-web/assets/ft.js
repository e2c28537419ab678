// ft.js: ft's page helpers, the stand-in for FastHTML's fasthtml.js. Served by every ft app at
// /_ft/ft.<hash>.js and linked from the default page head right after htmx (SPEC 5.2, 5.3:
// `.htmx(false)` drops both). Written for ft (Apache-2.0); every name below is one that
// FastHTML pages and ft-html's helpers (MarkdownJS, SortableJS, MermaidJS, KatexMarkdownJS,
// Surreal, On, Prev) call, with the same meaning.
(function () {
  'use strict';
  const w = window;

  // $(sel, root?): the first element matching `sel` inside `root` (default: the document).
  w.$ = (sel, root = document) => root.querySelector(sel);

  // $$(sel, root?): every element matching `sel` inside `root`, as a NodeList.
  w.$$ = (sel, root = document) => root.querySelectorAll(sel);

  // $H`<p>${x}</p>`: an element from a template literal of HTML (its first element).
  // Interpolated values are inserted as they are: pass only trusted HTML.
  w.$H = (strings, ...values) => {
    const holder = document.createElement('div');
    holder.innerHTML = strings.reduce((acc, s, i) => acc + s + (i < values.length && values[i] != null ? values[i] : ''), '').trim();
    return holder.firstElementChild;
  };

  // $E(tag, {style, dataset, cls|className, onclick: fn, ...attrs}, children): a new element.
  // `on*` function values become event listeners, `style` may be an object, children may be
  // one node/string or an array of them.
  w.$E = (tag = 'div', { style, dataset, className, cls, ...attrs } = {}, children = []) => {
    const e = document.createElement(tag);
    if (style && typeof style === 'object') Object.assign(e.style, style);
    else if (typeof style === 'string') e.setAttribute('style', style);
    if (className || cls) e.className = className || cls;
    if (dataset) Object.assign(e.dataset, dataset);
    for (const [k, v] of Object.entries(attrs)) {
      if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v);
    }
    e.append(...(Array.isArray(children) ? children : [children]));
    return e;
  };

  // proc_htmx(sel, fn): calls fn(element, index) for every element matching `sel`, now and in
  // every piece of content htmx loads later (htmx.onLoad, in htmx 2 and htmx 4). The element htmx loaded is itself
  // included when it matches. Used by MarkdownJS, SortableJS, MermaidJS, KatexMarkdownJS.
  w.proc_htmx = (sel, fn) => {
    htmx.onLoad(elt => {
      const found = Array.from(htmx.findAll(elt, sel));
      if (elt.matches && elt.matches(sel)) found.unshift(elt);
      found.forEach(fn);
    });
  };

  // htmx 4 (fast_app().htmx4(true)) or htmx 2: which one loaded before this script.
  const hx = w.htmx;
  const htmx4 = !!(hx && String(hx.version || '').startsWith('4'));

  // htmx 4 dropped htmx 2's DOM helpers; markup written for FastHTML calls some of them
  // (a toast's dismiss button: onclick="htmx.remove(this?.parentElement)"). Under htmx 4
  // they are defined again, with htmx 2's meaning.
  if (htmx4) {
    const el = (e) => (typeof e === 'string' ? document.querySelector(e) : e);
    const def = (name, fn) => { if (typeof hx[name] !== 'function') hx[name] = fn; };
    def('remove', (e) => { e = el(e); if (e) e.remove(); });
    def('addClass', (e, c) => { e = el(e); if (e) e.classList.add(c); });
    def('removeClass', (e, c) => { e = el(e); if (e) e.classList.remove(c); });
    def('toggleClass', (e, c) => { e = el(e); if (e) e.classList.toggle(c); });
    def('closest', (e, sel) => { e = el(e); return e ? e.closest(sel) : null; });
  }

  // Websocket and SSE messages keep their htmx 2 meaning under htmx 4, so one page works
  // with either. htmx 4 fires its events as htmx:a:b, or htmx-a-b under FastHTML's
  // metaCharacter "-" config: both are listened to.
  if (htmx4) {
    const on = (name, fn) => {
      for (const n of ['htmx:' + name, 'htmx-' + name.replace(/:/g, '-')]) document.addEventListener(n, fn);
    };
    // htmx 2's ws extension swaps each top-level element of a message into the page element
    // with its id; htmx 4's swaps the whole message into the socket's element (hx-target).
    // When that element names no hx-target, ft marks every top-level element with an id
    // hx-swap-oob="true" (unless it says how itself), which htmx 4 swaps by id; what is left
    // is empty, and htmx 4's ws extension swaps nothing then (swapEmpty:false).
    on('ws:before:message:incoming', (e) => {
      const d = e.detail, elt = e.target;
      if (!d || !d.message || typeof d.message.data !== 'string' || !elt.getAttribute) return;
      if (elt.getAttribute('hx-target') != null || elt.getAttribute('data-hx-target') != null) return;
      const text = d.message.data.trim();
      if (!text.startsWith('<')) return;
      const tpl = document.createElement('template');
      tpl.innerHTML = text;
      let marked = false;
      for (const c of tpl.content.children) {
        if (c.id && !c.hasAttribute('hx-swap-oob') && !c.hasAttribute('data-hx-swap-oob')) {
          c.setAttribute('hx-swap-oob', 'true');
          marked = true;
        }
      }
      if (marked) d.message.data = tpl.innerHTML;
    });
    // htmx 2's sse-swap="name1, name2" swaps the events of those names into the element
    // (`message` for unnamed ones) and no others; htmx 4 swaps unnamed messages and turns
    // named ones into DOM events. On an element with sse-swap, ft restores htmx 2's choice.
    on('sse:before:message', (e) => {
      const d = e.detail, elt = e.target;
      const names = elt.getAttribute && elt.getAttribute('sse-swap');
      if (!d || !d.message || names == null) return;
      const wanted = names.split(',').map((n) => n.trim());
      if (wanted.includes(d.message.event || 'message')) d.message.event = undefined;
      else if (!d.message.event) d.cancelled = true;
    });
  }

  // A 422 Unprocessable Entity is swapped in place like a 2xx: a form that failed validation
  // comes back with that status, the values kept and every message. Off when this script's
  // tag has data-ft-swap-422="off" (fast_app().swap_422(false)).
  // - htmx 2 swaps no 4xx by default: the rule goes first in htmx.config.responseHandling and
  //   is not an error (no htmx:responseError). A <meta name="htmx-config"> that sets
  //   responseHandling replaces the whole list when htmx starts, this rule included; other
  //   keys leave it.
  // - htmx 4 swaps every status but those in htmx.config.noSwap ([204, 304]), so a 422 swaps
  //   as it is; off, 422 joins noSwap (nothing is swapped, as in htmx 2).
  const me = document.currentScript;
  const swap422 = !(me && me.getAttribute('data-ft-swap-422') === 'off');
  const config = hx && hx.config;
  if (htmx4) {
    if (!swap422 && Array.isArray(config.noSwap) && !config.noSwap.some(c => String(c) === '422')) {
      config.noSwap.push(422);
    }
  } else {
    const rules = config && config.responseHandling;
    if (Array.isArray(rules) && swap422 && !rules.some(r => String(r.code) === '422')) {
      rules.unshift({ code: '422', swap: true, error: false });
    }
  }

  // domReadyExecute(fn): runs fn once the document is parsed (at once if it already is).
  // Used by Surreal() blocks; surreal.js defines the same function, whichever loads first wins.
  if (typeof w.domReadyExecute !== 'function') {
    w.domReadyExecute = fn => {
      if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fn, { once: true });
      else fn();
    };
  }
})();
