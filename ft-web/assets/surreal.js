// surreal.js for ft: a small implementation of the surreal 1.3 API (gnat/surreal, used by
// FastHTML through AnswerDotAI's fork) written for ft (Apache-2.0), because surreal is not
// published on the npm registry. Served at /_ft/surreal.<hash>.js and linked from the default
// page head (SPEC 5.2; `.surreal(false)` drops it with css-scope-inline).
//
// What ft-html's Surreal(), On!, Prev!, Now!, AnyNow! and FastHTML pages call is here:
//   me(sel?, start?)    one element: no argument = the <script>'s parent, '-'/'prev' = the
//                       element before the <script>, an Event = its currentTarget, a string =
//                       the first match inside `start`, an element = itself
//   any(sel, start?)    like me() but an array of every match
//   on each result:     .on(ev, fn) .off(ev, fn) .offAll() .send(name, detail) (.trigger)
//                       .halt(ev, keepBubbling, keepDefault) .classAdd/.classRemove/.classToggle
//                       (and snake_case aliases) .styles(str|obj) .attribute(name, value?)
//                       (.attr) .run(fn) .remove() .disable() .enable() .text(value?)
//                       .fadeOut(fn?, ms?, remove?) .fadeIn(fn?, ms?)
//   globals:            tick(), sleep(ms, e?), onloadAdd(fn) (+ aliases), createElement,
//                       rAF, rIC, domReadyExecute(fn)
(function () {
  'use strict';
  const w = window;
  const isNode = e => e instanceof HTMLElement || e instanceof SVGElement;
  const isList = e => e instanceof NodeList || Array.isArray(e);
  // Applies `f` to one element or to each element of a list; returns the chain target.
  const each = (e, f) => {
    if (isList(e)) e.forEach(x => { if (isNode(x)) f(x); });
    else if (isNode(e)) f(e);
    return e;
  };
  const cls = name => (typeof name === 'string' && name.charAt(0) === '.' ? name.slice(1) : name);

  const $ = {
    plugins: [],
    sugar(e) {
      if (!isNode(e) && !isList(e)) return e;
      if (isList(e)) e.forEach(x => $.sugar(x));
      if (Object.prototype.hasOwnProperty.call(e, 'hasSurreal')) return e;
      e.run = f => $.run(e, f);
      e.remove = () => $.remove(e);
      e.classAdd = e.class_add = e.add_class = e.addClass = name => $.classAdd(e, name);
      e.classRemove = e.class_remove = e.remove_class = e.removeClass = name => $.classRemove(e, name);
      e.classToggle = e.class_toggle = e.toggle_class = e.toggleClass = (name, force) => $.classToggle(e, name, force);
      e.styles = value => $.styles(e, value);
      e.on = (name, f) => $.on(e, name, f);
      e.off = (name, f) => $.off(e, name, f);
      e.offAll = e.off_all = () => $.offAll(e);
      e.disable = () => $.disable(e);
      e.enable = () => $.enable(e);
      e.send = e.trigger = (name, detail) => $.send(e, name, detail);
      e.halt = (ev, keepBubbling, keepDefault) => $.halt(ev, keepBubbling, keepDefault);
      e.attribute = e.attributes = e.attr = (name, value) => $.attribute(e, name, value);
      $.plugins.forEach(p => p(e));
      e.hasSurreal = 1;
      return e;
    },
    me(selector = null, start = document) {
      if (selector == null) return $.sugar(start.currentScript.parentElement);
      if (selector instanceof Event) return selector.currentTarget ? $.me(selector.currentTarget) : null;
      if (selector === '-' || selector === 'prev' || selector === 'previous') return $.sugar(start.currentScript.previousElementSibling);
      if (typeof selector === 'string') { const found = start.querySelector(selector); return found ? $.sugar(found) : null; }
      if (isList(selector)) return $.me(selector[0]);
      if (isNode(selector)) return $.sugar(selector);
      return null;
    },
    any(selector, start = document) {
      if (selector == null) return $.sugar([start.currentScript.parentElement]);
      if (selector instanceof Event) return selector.currentTarget ? $.any(selector.currentTarget) : null;
      if (selector === '-' || selector === 'prev' || selector === 'previous') return $.sugar([start.currentScript.previousElementSibling]);
      if (typeof selector === 'string') return $.sugar(Array.from(start.querySelectorAll(selector)));
      if (isNode(selector)) return $.sugar([selector]);
      if (isList(selector)) return $.sugar(Array.from(selector));
      return $.sugar([]);
    },
    run(e, f) { return typeof f === 'function' ? each(e, f) : e; },
    remove(e) { each(e, x => x.parentNode && x.parentNode.removeChild(x)); },
    classAdd(e, name) { return typeof name === 'string' ? each(e, x => x.classList.add(cls(name))) : e; },
    classRemove(e, name) { return typeof name === 'string' ? each(e, x => x.classList.remove(cls(name))) : e; },
    classToggle(e, name, force) { return typeof name === 'string' ? each(e, x => x.classList.toggle(cls(name), force)) : e; },
    styles(e, value) {
      if (typeof value === 'string') return each(e, x => { const old = x.getAttribute('style'); x.setAttribute('style', old == null ? value : old + '; ' + value); });
      if (value && typeof value === 'object') return each(e, x => Object.assign(x.style, value));
      return e;
    },
    on(e, name, f) { return each(e, x => x.addEventListener(name, f)); },
    off(e, name, f) { return each(e, x => x.removeEventListener(name, f)); },
    offAll(e) { return each(e, x => x.parentNode && x.parentNode.replaceChild(x.cloneNode(true), x)); },
    disable(e) { return each(e, x => { x.disabled = true; }); },
    enable(e) { return each(e, x => { x.disabled = false; }); },
    send(e, name, detail = null) { return each(e, x => x.dispatchEvent(new CustomEvent(name, { detail, bubbles: true }))); },
    halt(ev, keepBubbling = false, keepDefault = false) {
      if (ev instanceof Event) {
        if (!keepDefault) ev.preventDefault();
        if (!keepBubbling) ev.stopPropagation();
      }
      return ev;
    },
    attribute(e, name, value = undefined) {
      if (typeof name === 'string' && value === undefined) return isNode(e) ? e.getAttribute(name) : isList(e) ? [] : null;
      if (typeof name === 'string' && value === null) return each(e, x => x.removeAttribute(name));
      if (typeof name === 'string') return each(e, x => x.setAttribute(name, value));
      if (name && typeof name === 'object') return each(e, x => Object.entries(name).forEach(([k, v]) => $.attribute(x, k, v)));
      return e;
    },
    isNode,
    isNodeList: isList,
  };

  const sleep = (ms, e) => new Promise(resolve => setTimeout(() => resolve(e), ms));
  const tick = () => new Promise(resolve => requestAnimationFrame(resolve));

  // Effects and text, as surreal's bundled plugins.
  $.plugins.push(e => {
    e.fadeOut = e.fade_out = (f, ms = 1000, remove = true) => each(e, x => (async () => {
      $.styles(x, { transform: 'scale(1)', transition: `all ${ms}ms ease-out`, overflow: 'hidden' });
      await tick();
      $.styles(x, { transform: 'scale(0.9)', opacity: '0' });
      await sleep(ms);
      if (typeof f === 'function') f(x);
      if (remove) $.remove(x);
    })());
    e.fadeIn = e.fade_in = (f, ms = 1000) => each(e, x => (async () => {
      const saved = x.getAttribute('style');
      $.styles(x, { transition: `all ${ms}ms ease-in`, overflow: 'hidden' });
      await tick();
      $.styles(x, { opacity: '1' });
      await sleep(ms);
      if (saved == null) x.removeAttribute('style'); else x.setAttribute('style', saved);
      $.styles(x, { opacity: '1' });
      if (typeof f === 'function') f(x);
    })());
    e.text = value => {
      if (value === undefined) return isNode(e) ? e.textContent : isList(e) ? [] : null;
      return each(e, x => { x.textContent = value; });
    };
  });

  w.surreal = $;
  w.me = $.me;
  w.any = $.any;
  w.tick = tick;
  w.sleep = sleep;
  w.createElement = w.create_element = document.createElement.bind(document);
  w.rAF = typeof requestAnimationFrame !== 'undefined' && requestAnimationFrame;
  w.rIC = typeof requestIdleCallback !== 'undefined' && requestIdleCallback;
  // onloadAdd(fn): runs fn on window load without replacing other load handlers.
  w.onloadAdd = w.addOnload = w.onload_add = w.add_onload = f => w.addEventListener('load', f);
  // domReadyExecute(fn): runs fn once the document is parsed (at once if it already is).
  if (typeof w.domReadyExecute !== 'function') {
    w.domReadyExecute = fn => {
      if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fn, { once: true });
      else fn();
    };
  }
})();
