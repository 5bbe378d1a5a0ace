// In-page instrumentation for bench/run.mjs, injected with page.addInitScript before any of
// the page's own scripts run (it is also the only script the floor page gets). The same code
// runs on all three pages. It never changes what the page shows.
//
// For "question X is on screen" it records, relative to navigation start (performance.now()):
//   seen   - a MutationObserver callback (or a rAF poll) found the question's heading with
//            its text in the DOM and, for the first question, its first answer (and for the
//            widget its tabindex=-1 legend) took focus with .focus() (focus is given back);
//   frame  - the end of the first rendering update that includes it: the next
//            requestAnimationFrame callback posts a MessageChannel message, which runs right
//            after that frame's style, layout and paint on the main thread;
//   raf2   - the classic double requestAnimationFrame: the second rAF callback, one frame
//            later, when the first frame has been painted.
// All three are tied to Chromium's 60 Hz frames: nothing reaches the screen between two
// frames. Element Timing (an `elementtiming` attribute set from the observer) was tried and
// dropped: headless Chromium reported it for only a few of the runs.
// eslint-disable-next-line no-unused-vars
function benchInstrument(cfg) {
  if (window.__bench) return;
  const B = (window.__bench = { cfg, wasmMemory: null });
  // Watch WebAssembly instantiation (whatever loader the page uses): when the instance is
  // ready, and its exported linear memory, which is not part of the JS heap.
  if (typeof WebAssembly === 'object') {
    const seenInstance = (result) => {
      const instance = result && (result.instance || result);
      if (!B.wasmInstantiated) B.wasmInstantiated = performance.now();
      const memory = instance && instance.exports && instance.exports.memory;
      if (memory instanceof WebAssembly.Memory) B.wasmMemory = memory;
      return result;
    };
    for (const name of ['instantiate', 'instantiateStreaming']) {
      const original = WebAssembly[name];
      if (typeof original !== 'function') continue;
      WebAssembly[name] = function (...args) {
        return original.apply(this, args).then(seenInstance);
      };
    }
  }

  const tookFocus = (el) => {
    if (!el) return false;
    const prev = document.activeElement;
    el.focus({ preventScroll: true });
    // Inside a shadow root, the document's activeElement is the host: ask the root.
    const ok = el.getRootNode().activeElement === el;
    if (ok) el.blur();
    if (prev && prev !== document.body && prev !== el && typeof prev.focus === 'function') prev.focus({ preventScroll: true });
    return ok;
  };

  /** The heading of the question whose text includes `text`, if it is in the DOM (and focusable when asked). */
  const find = (text, focusable, selector) => {
    // A <self-check> element renders in its shadow root (`cfg.host`): looked up there too,
    // by the rAF poll below (a MutationObserver on the document does not see inside it).
    const roots = [document, cfg.host && document.querySelector(cfg.host)?.shadowRoot].filter(Boolean);
    for (const h of roots.flatMap((r) => [...r.querySelectorAll(selector || cfg.heading)])) {
      if (!h.textContent.includes(text)) continue;
      if (!focusable) return h;
      const scope = h.closest(cfg.scope);
      const input = scope && scope.querySelector(cfg.input);
      if (!input) return null;
      if (cfg.focusHeading && !tookFocus(h)) return null;
      return tookFocus(input) ? h : null;
    }
    return null;
  };

  /**
   * Resolves when the question whose heading includes `text` is on screen, with the
   * timestamps above. `focusable` also requires the focus checks; `selector` replaces the
   * page's heading selector (for the outcome screen).
   */
  B.waitFor = (text, focusable = false, selector = null) =>
    new Promise((resolve) => {
      let done = false;
      let mo = null;
      const test = () => {
        if (done) return;
        const h = find(text, focusable, selector);
        if (!h) return;
        done = true;
        const seen = performance.now();
        if (mo) mo.disconnect();
        let frame = null;
        requestAnimationFrame(() => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => {
            frame = performance.now();
          };
          ch.port2.postMessage(0);
          requestAnimationFrame(() => resolve({ seen, frame, raf2: performance.now() }));
        });
      };
      mo = new MutationObserver(test);
      mo.observe(document, { childList: true, subtree: true, characterData: true });
      const poll = () => {
        if (done) return;
        test();
        requestAnimationFrame(poll);
      };
      test();
      if (!done) requestAnimationFrame(poll);
    });

  // The first question: start watching at once, before the document has any content.
  B.first = B.waitFor(cfg.firstText, true);

  // The widget itself running (not a pre-rendered first screen): when `cfg.ready` matches.
  if (cfg.ready) {
    B.ready = new Promise((resolve) => {
      // In a <self-check> element's shadow root, which the observer does not see: polled.
      const root = () => (cfg.host ? document.querySelector(cfg.host)?.shadowRoot : document);
      const test = () => {
        if (!root()?.querySelector(cfg.ready)) return false;
        resolve(performance.now());
        return true;
      };
      if (test()) return;
      const mo = new MutationObserver(() => test() && mo.disconnect());
      mo.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });
      const poll = () => test() ? mo.disconnect() : requestAnimationFrame(poll);
      if (cfg.host) requestAnimationFrame(poll);
    });
  }
}
