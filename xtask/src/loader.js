// selfcheck.js: the one file a host page includes.
//
//   <script type="module" src="https://example.org/selfcheck/selfcheck.js"></script>
//
// It loads the widget's fingerprinted files from beside itself, mounts every element with a
// data-self-check attribute, and defines the <self-check> element (open shadow root, so the
// host's styles and the widget's cannot leak into each other). It needs no inline script,
// makes no request but these files, and stores nothing.
const here = new URL("./", import.meta.url);
const file = (name) => new URL(name, here).href;
const CSS = file("__CSS__");
const SETTINGS = ["flow", "lang", "region", "practice-name", "practice-phone", "practice-url", "exit-url"];

function stylesheet() {
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = CSS;
  return link;
}

// The page-level stylesheet is only for widgets mounted in the page itself; the element
// brings its own into its shadow root. Either way every rule is scoped to the widget.
const inPage = document.querySelector("[data-self-check]");
if (inPage && ![...document.querySelectorAll('link[rel="stylesheet"]')].some((l) => l.href === CSS)) {
  document.head.append(stylesheet());
}

// A page may carry the widget's first screen pre-rendered in its mount element
// (data-prerendered; docs/embedding.md): it shows at once and can be answered while the
// wasm loads. Its form has method="dialog", so a Continue pressed there sends nothing; it
// is noted here and replayed on the live widget. Should a host page wrap the widget in a
// form of its own (the parser then drops the inner one), that submission is stopped.
const PRE = "[data-self-check][data-prerendered]";
const FOCUSABLE = "a[href],button,input,select,[tabindex]";
addEventListener(
  "submit",
  (e) => {
    const root = (e.submitter ?? e.target).closest(PRE);
    if (root) {
      e.preventDefault();
      root.setAttribute("data-continue", "");
    }
  },
  true,
);

// The wasm download starts at once, alongside the glue's, rather than after it.
const wasm = fetch(file("__WASM__"));
// A pre-rendered question is painted first; then the glue and the wasm take the main
// thread (bench medians: painted 81.7 ms instead of 95.0 ms, the widget running no later).
// A page that is not being rendered (a background tab) waits at most 200 ms.
if (document.querySelector(PRE)) {
  await new Promise((r) => (requestAnimationFrame(() => setTimeout(r)), setTimeout(r, 200)));
}
let widget;
try {
  widget = await import(file("__JS__"));
  // Instantiating the module runs its start function, which mounts [data-self-check].
  await widget.default({ module_or_path: wasm });
} catch (e) {
  // The widget cannot run here: a pre-rendered question would be a dead end, so it goes
  // and the crisis contacts and a note stay (selfcheck.css).
  for (const root of document.querySelectorAll(PRE)) root.setAttribute("data-failed", "");
  throw e;
}

// Pre-rendered first screens: read what the visitor did, mount the live widget in their
// place, and do the same there: the same answers, the Continue or the focus, and a region
// or language picked (controls matched by position: ids depend on the mounting order).
// `live` keeps the widgets referenced for the page's lifetime.
const live = [];
for (const root of document.querySelectorAll(PRE)) {
  const chosen = [...root.querySelectorAll("input:checked")].map((i) => i.value);
  const proceed = root.hasAttribute("data-continue");
  const focus = [...root.querySelectorAll(FOCUSABLE)].indexOf(document.activeElement);
  const picks = [...root.querySelectorAll("select")].map((s) => s.value !== s.querySelector("[selected]")?.value && s.value);
  root.removeAttribute("data-prerendered");
  root.removeAttribute("data-continue");
  try {
    live.push(widget.mount(root));
  } catch {
    // The widget's panic handler has put the crisis contacts in its place.
    continue;
  }
  // The first render runs in a microtask that mount queued.
  await null;
  const form = root.querySelector("form");
  // Answer ids are lower-case letters, digits, '-' and '_' (the flow compiler checks).
  for (const v of chosen) form?.querySelector(`input[value="${v}"]`)?.click();
  if (proceed) form?.requestSubmit();
  else if (focus >= 0) root.querySelectorAll(FOCUSABLE)[focus]?.focus({ preventScroll: true });
  root.querySelectorAll("select").forEach((select, k) => {
    if (picks[k]) {
      select.value = picks[k];
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }
  });
}

class SelfCheckElement extends HTMLElement {
  static observedAttributes = SETTINGS;

  connectedCallback() {
    if (this.widget || this.loading) return;
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: "open" });
    this.mountPoint = document.createElement("div");
    this.mountPoint.setAttribute("part", "widget");
    // The element's own content (its static contacts) shows until the widget's stylesheet
    // has loaded in the shadow root, so the widget never appears unstyled.
    const link = stylesheet();
    const slot = document.createElement("slot");
    shadow.replaceChildren(link, slot);
    this.loading = link;
    link.onload = link.onerror = () => {
      if (this.loading !== link || !this.isConnected) return;
      this.loading = null;
      this.copySettings();
      slot.replaceWith(this.mountPoint);
      this.widget = widget.mount(this.mountPoint);
    };
  }

  attributeChangedCallback() {
    if (!this.widget) return;
    this.copySettings();
    this.widget.update();
  }

  disconnectedCallback() {
    this.loading = null;
    this.widget?.destroy();
    this.widget = null;
  }

  copySettings() {
    this.mountPoint.setAttribute("data-self-check", "");
    for (const name of SETTINGS) {
      const value = this.getAttribute(name);
      if (value === null) this.mountPoint.removeAttribute(`data-${name}`);
      else this.mountPoint.setAttribute(`data-${name}`, value);
    }
  }
}

if (!customElements.get("self-check")) customElements.define("self-check", SelfCheckElement);
