// selfcheck.js: the one file a host page includes.
//
//   <script type="module" src="https://example.org/selfcheck/selfcheck.js"></script>
//
// It loads the widget's fingerprinted files and the content packs (packs/<flow>.<lang>.pack:
// one flow in one language, with the widget's words and the crisis contacts) from beside
// itself, mounts every element with a data-self-check attribute, and defines the
// <self-check> element (open shadow root, so the host's styles and the widget's cannot
// leak into each other). A mount without a pre-rendered screen shows the first screen
// written beside its pack (packs/<flow>.<lang>.screen.json) until the wasm has arrived. It needs no inline script,
// makes no request but these files, and stores nothing. After the first question shows,
// the only request is the pack of a language the visitor switches to.
const here = new URL("./", import.meta.url);
const file = (name) => new URL(name, here).href;
const CSS = file("__CSS__");
const SETTINGS = ["flow", "lang", "region", "practice-name", "practice-phone", "practice-url", "exit-url"];
// The packs this build made: the default flow's id, and each flow's languages.
const PACKS = __PACKS__;

// "es-MX" → "es"; the engine normalises language codes the same way (ui::base_lang).
const base = (code) => (code || "").trim().toLowerCase().split(/[-_]/)[0];
// The pack for a flow setting and a language setting: a flow of this build in the nearest
// language it has (else its first), or a practice's own pack placed next to the others.
function packUrl(flow, lang) {
  const id = (flow || "").trim() || PACKS.default;
  const langs = PACKS.flows[id];
  let code = base(lang) || base(navigator.language);
  if (langs && !langs.includes(code)) code = langs[0];
  return file(`packs/${id}.${code || "en"}.pack`);
}
// Each file is fetched once per page and read with `read`; a failed fetch gives null (and,
// unless `quiet`, says why on the console), and the page's own crisis contacts stay.
const fetched = new Map();
function fetchOnce(url, read, quiet) {
  if (!fetched.has(url)) {
    fetched.set(
      url,
      fetch(url)
        .then((r) => (r.ok ? read(r) : Promise.reject(new Error(`HTTP ${r.status}`))))
        .catch((e) => (quiet || console.error(`selfcheck: cannot load ${url}: ${e.message}`), null)),
    );
  }
  return fetched.get(url);
}
const fetchPack = (url) => fetchOnce(url, (r) => r.arrayBuffer().then((b) => new Uint8Array(b)));
const packOf = (el, prefix) => fetchPack(packUrl(el.getAttribute(prefix + "flow"), el.getAttribute(prefix + "lang")));
// Mounts a widget with its pack; a visitor's language switch fetches that language's
// pack of the same flow. Null when the pack is missing or unreadable (the console says
// why): the element keeps its own crisis contacts.
function mountWith(root, bytes) {
  if (!bytes) return null;
  const w = widget.mount(root, bytes, (lang) =>
    fetchPack(packUrl(root.getAttribute("data-flow"), lang)).then((b) => b && w?.set_pack(b)),
  );
  return w ?? null;
}

function stylesheet() {
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = CSS;
  return link;
}

// The page-level stylesheet is only for widgets mounted in the page itself; the element
// brings its own into its shadow root. Either way every rule is scoped to the widget.
let sheet = [...document.querySelectorAll('link[rel="stylesheet"]')].find((l) => l.href === CSS);
if (document.querySelector("[data-self-check]") && !sheet) document.head.append((sheet = stylesheet()));
// Resolves once that stylesheet has loaded (or failed), so no screen shows unstyled.
const pageStyled = new Promise((r) => {
  if (!sheet || sheet.sheet) r();
  else for (const type of ["load", "error"]) sheet.addEventListener(type, r);
});

// A page may carry the widget's first screen pre-rendered in its mount element
// (data-prerendered; docs/embedding.md): it shows at once and can be answered while the
// wasm loads. Its form has method="dialog", so a Continue pressed there sends nothing; it
// is noted here and replayed on the live widget. Should a host page wrap the widget in a
// form of its own (the parser then drops the inner one), that submission is stopped.
const PRE = "[data-self-check][data-prerendered]";
const FOCUSABLE = "a[href],button,input,select,[tabindex]";

// The quick exit works from the first paint: on a pre-rendered screen, "Leave this page
// quickly" and Shift pressed three times replace the page before the wasm has arrived
// (the live widget takes over once it mounts). The same rules as the widget's own
// (view::exit_target): only https exit URLs with a host a browser navigates to, else EXIT;
// if the navigation throws anyway, EXIT; clean Shift presses within five seconds.
const EXIT = "https://www.bbc.com/weather";
const SAFE_EXIT = /^https:\/\/[A-Za-z0-9][A-Za-z0-9.-]*(:[0-9]{1,5})?([/?#]([!-$&-[\]-~]|%[0-9A-Fa-f]{2})*)?$/;
function leave(root) {
  const url = (root.getAttribute("data-exit-url") || "").trim();
  const status = root.querySelector(".sc-status");
  // Said to screen readers as the page goes.
  if (status) status.textContent = root.querySelector(".sc-button-leave")?.textContent ?? "";
  for (const target of SAFE_EXIT.test(url) ? [url, EXIT] : [EXIT]) {
    for (const w of [window.top, window]) {
      try {
        if (w) return w.location.replace(target);
      } catch {
        // A cross-origin top, or a URL the browser refuses: try the next.
      }
    }
  }
}
// Pre-rendered screens are armed: the quick exit and a pressed Continue work at once.
const armed = [];
function arm(root) {
  if (!armed.length) for (const type of ["keydown", "keyup"]) addEventListener(type, shift, true);
  armed.push(root);
  root.setAttribute("data-armed", "");
  root.querySelector(".sc-button-leave")?.addEventListener("click", () => root.hasAttribute("data-prerendered") && leave(root));
}
let presses = [];
let clean = false;
function shift(e) {
  if (e.key !== "Shift") {
    if (e.type === "keydown") (clean = false), (presses = []);
    return;
  }
  if (e.type === "keydown") clean = !e.repeat || clean;
  else if (clean) {
    clean = false;
    presses = [...presses.filter((t) => e.timeStamp - t < 5000), e.timeStamp];
    const root = armed.find((r) => r.hasAttribute("data-prerendered"));
    if (presses.length >= 3 && root) leave(root);
  }
}
function submit(e) {
  const root = (e.submitter ?? e.target).closest(PRE);
  if (root) {
    e.preventDefault();
    root.setAttribute("data-continue", "");
  }
}
addEventListener("submit", submit, true);
document.querySelectorAll(PRE).forEach(arm);

// The wasm and the glue are requested at once, alongside the packs and any first screen,
// so that no request is made once a question shows. The glue's module runs when it
// arrives (it only defines functions); the wasm is instantiated after a first screen has
// been painted (below).
const wasm = fetch(file("__WASM__"));
const glue = import(file("__JS__"));
glue.catch(() => {});
for (const el of document.querySelectorAll("[data-self-check]")) packOf(el, "data-");
for (const el of document.querySelectorAll("self-check")) packOf(el, "");
// The widget's code. A pre-rendered question or a first screen is painted first; then the
// wasm is instantiated and takes the main thread (bench medians: painted 81.7 ms instead
// of 95.0 ms, the widget running no later). A page that is not being rendered (a background tab) waits at most
// 200 ms. `widget` is set once it runs; `broken` when it cannot run here: a pre-rendered
// question would be a dead end, so it goes and the crisis contacts and a note stay
// (selfcheck.css).
let widget = null;
let broken = false;
// First screens being shown (below): the wasm waits for them too, at most 300 ms.
const shown = [];
const ready = (async () => {
  // Once the module has run: the elements are defined and have asked for their screens.
  await null;
  if (shown.length) await Promise.race([Promise.all(shown), new Promise((r) => setTimeout(r, 300))]);
  if (document.querySelector(PRE) || shown.length) {
    await new Promise((r) => (requestAnimationFrame(() => setTimeout(r)), setTimeout(r, 200)));
  }
  const w = await glue;
  // Instantiating the module runs its start function (the panic hook).
  await w.default({ module_or_path: wasm });
  widget = w;
  // The live widgets listen for the quick exit themselves from here on.
  for (const type of ["keydown", "keyup"]) removeEventListener(type, shift, true);
  return w;
})();
ready.catch(() => {
  broken = true;
  armed.forEach(fail);
});
// A first screen that cannot go on: the page's own content comes back in an in-page
// mount that had a screen from its file; a pre-rendered one withdraws its question.
function fail(root) {
  if (root.fallback) root.replaceChildren(...root.fallback);
  else root.setAttribute("data-failed", "");
}

// A pre-rendered screen taken over: read what the visitor did, mount the live widget in
// its place, and do the same there: the same answers, the Continue or the focus, and a
// region or language picked (controls matched by position: ids depend on the mounting
// order). Null when the widget cannot run with this pack (the console says why; a panic
// has put the crisis contacts in its place).
async function takeOver(root, bytes) {
  const chosen = [...root.querySelectorAll("input:checked")].map((i) => i.value);
  const proceed = root.hasAttribute("data-continue");
  const focus = [...root.querySelectorAll(FOCUSABLE)].indexOf(root.getRootNode().activeElement);
  const picks = [...root.querySelectorAll("select")].map((s) => s.value !== s.querySelector("[selected]")?.value && s.value);
  root.removeAttribute("data-prerendered");
  root.removeAttribute("data-continue");
  let w = null;
  try {
    w = mountWith(root, bytes);
  } catch {
    return null;
  }
  if (!w) {
    fail(root);
    return null;
  }
  // The first render runs in a microtask that mount queued; with several widgets starting,
  // Yew's scheduler may take longer.
  await null;
  for (let i = 0; i < 20 && !root.querySelector("form"); i++) await new Promise((r) => setTimeout(r));
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
  return w;
}

// The first screen the build wrote beside each pack (markup::first_screens), for a mount
// without a pre-rendered one: shown once `styled` and the file have arrived, if the widget
// is not running by then and `ok()` still holds; `show` puts the page in place and returns
// its mount. A region the file does not name shows none (the widget reads it). Screens
// that share a document are numbered apart (`n`) so their ids differ.
// A missing screen (a practice's own pack may have none) is not worth a console message.
function showScreen(el, prefix, styled, ok, n, show) {
  const url = packUrl(el.getAttribute(prefix + "flow"), el.getAttribute(prefix + "lang")).replace(/pack$/, "screen.json");
  shown.push(
    Promise.all([styled, fetchOnce(url, (r) => r.json(), true)]).then(([, screen]) => {
      const region = (el.getAttribute(prefix + "region") || "").trim().toLowerCase();
      const strip = screen && Object.hasOwn(screen.crisis, region) && screen.crisis[region];
      if (!ok() || widget || broken || !strip) return;
      // The page's first child, 0 in the file, is the crisis strip.
      const [tag, attrs, , ...rest] = screen.page;
      const root = show(build([tag, attrs, strip, ...rest], `sc${n}-`));
      root.setAttribute("data-prerendered", "");
      arm(root);
    }),
  );
}
// DOM from the engine's element tree (markup::Node::json); no HTML is parsed. The file's
// ids start "sc0-"; `ids` replaces that.
function build(node, ids) {
  if (typeof node === "string") return document.createTextNode(node);
  const [tag, attrs, ...children] = node;
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value.replaceAll("sc0-", ids));
  el.append(...children.map((c) => build(c, ids)));
  return el;
}
// In-page mounts: the page's own content (its contacts) stays for the widget to replace,
// or comes back should the widget not run.
let n = 0;
for (const root of document.querySelectorAll("[data-self-check]:not([data-prerendered])")) {
  showScreen(root, "data-", pageStyled, () => !root.hasAttribute("data-prerendered"), n++, (page) => {
    root.fallback = [...root.childNodes];
    root.replaceChildren(page);
    return root;
  });
}

class SelfCheckElement extends HTMLElement {
  static observedAttributes = SETTINGS;

  connectedCallback() {
    if (this.widget || this.loading) return;
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: "open" });
    const mountPoint = (this.mountPoint = document.createElement("div"));
    mountPoint.setAttribute("part", "widget");
    // The element's own content (its static contacts) shows until the widget's stylesheet
    // has loaded in the shadow root, so the widget never appears unstyled.
    const link = stylesheet();
    const slot = document.createElement("slot");
    shadow.replaceChildren(link, slot);
    // A Continue pressed on the first screen stays in the shadow root.
    shadow.addEventListener("submit", submit, true);
    this.loading = link;
    this.copySettings();
    const current = () => this.loading === link && this.isConnected;
    const styled = new Promise((r) => (link.onload = link.onerror = r));
    // Before the wasm has arrived: the first screen (its question, and the crisis strip of
    // the element's region), armed like a pre-rendered one.
    if (!widget && !broken) {
      showScreen(this, "", styled, current, 0, (page) => {
        mountPoint.replaceChildren(page);
        slot.replaceWith(mountPoint);
        return mountPoint;
      });
    }
    // The widget cannot run (no wasm, no pack, a panic): the element's own contacts.
    const fallBack = () => mountPoint.isConnected && mountPoint.replaceWith(slot);
    Promise.all([styled, packOf(this, ""), ready]).then(async ([, bytes]) => {
      if (!current()) return;
      this.loading = null;
      const pre = mountPoint.hasAttribute("data-prerendered");
      if (!pre) slot.replaceWith(mountPoint);
      this.widget = bytes && (pre ? await takeOver(mountPoint, bytes) : mountWith(mountPoint, bytes));
      if (!this.widget) fallBack();
    }, fallBack);
  }

  attributeChangedCallback(name) {
    if (this.mountPoint) this.copySettings();
    if (!this.widget) return;
    if (name === "flow" || name === "lang") {
      const w = this.widget;
      // The same flow in another language keeps the answers; another flow starts afresh.
      packOf(this, "").then((b) => b && this.widget === w && w.set_pack(b));
    }
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

// Widgets in the page itself. An error here (the widget cannot run) is the module's.
await ready;
// `live` keeps the widgets referenced for the page's lifetime.
const live = [];
for (const root of document.querySelectorAll("[data-self-check]:not([data-prerendered])")) {
  const w = mountWith(root, await packOf(root, "data-"));
  if (w) live.push(w);
}
for (const root of document.querySelectorAll(PRE)) {
  const bytes = await packOf(root, "data-");
  const w = bytes ? await takeOver(root, bytes) : (fail(root), null);
  if (w) live.push(w);
}
