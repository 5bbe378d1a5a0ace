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
//
// Importing it never fails and never waits: the element is defined at once, and whatever
// cannot load ends in that widget's own crisis contacts with a console line.
// Beside the wasm (the loader's own folder, or where a bundler put the files: the loader's
// own `import.meta.url` is not named, so that a bundler does not copy the loader again).
const here = () => new URL("./", PINS["__WASM__"][0]);
// The sha384 of every file of this build the loader fetches (the wasm, the stylesheet,
// each pack and first screen), by its path beside the loader, with its URL written as
// `new URL("./…", import.meta.url)` so that a bundler (Vite, webpack, Rollup, Parcel,
// esbuild) copies each file into an app's build. The loader itself is pinned by the host
// page's integrity attribute, and the wasm-bindgen glue is folded into it, so a copy
// changed anywhere on its way (a CDN, a host) is refused by the browser. A practice's own
// pack is not listed: it loads unpinned and meets the engine's re-check.
const PINS = __PINS__;
const PINNED = new Map(Object.values(PINS));
const pinOf = (url) => PINNED.get(url);
// Where a practice's own packs are, when not beside the loader: `setBase(url)` (for apps),
// or the script element's `data-packs` (for pages).
// (Packs asked for before `setBase` is called come from beside the loader.)
let ownPacks = document.querySelector('script[src*="selfcheck"][data-packs]')?.dataset.packs;
/** The folder a practice's own packs (`<flow>.<lang>.pack`, flows this build does not
 * have) load from; call it before the elements are in the document. */
export function setBase(url) {
  ownPacks = url;
}
function file(name) {
  if (Object.hasOwn(PINS, name)) return PINS[name][0];
  if (ownPacks && name.startsWith("packs/")) return new URL(name.slice(6), new URL(ownPacks, document.baseURI)).href;
  return new URL(name, here()).href;
}
const CSS = file("__CSS__");
const SETTINGS = ["flow", "lang", "region", "practice-name", "practice-phone", "practice-url", "exit-url"];
// The packs this build made: the default flow's id, and each flow's languages.
const PACKS = __PACKS__;

// "es-MX" → "es"; the engine normalises language codes the same way (ui::base_lang).
const base = (code) => (code || "").trim().toLowerCase().split(/[-_]/)[0];
// Flow ids and language codes as the flow compiler and the WordPress plugin allow them.
const ID = /^[a-z0-9-]{1,64}$/;
const FLOWS = Object.keys(PACKS.flows).join(", ");
// What went wrong for a file, by URL, for the site's developer (see `note`), and what to
// check for a flow this build does not have.
const problems = new Map();
const hints = new Map();
// The pack for a flow setting and a language setting, as `packs/<flow>.<lang>`: a flow of
// this build in the nearest language it has (else its first), or a practice's own pack
// placed next to the others. Null, with a console line naming what is valid, for a setting
// no file can have.
function packName(flow, lang) {
  const id = (flow || "").trim() || PACKS.default;
  if (!ID.test(id)) {
    const problem = `selfcheck: flow="${id.slice(0, 64)}" is not a flow id (lower-case letters, digits and '-'); this build has: ${FLOWS}`;
    console.error(problem);
    problems.set(null, problem);
    return null;
  }
  const langs = Object.hasOwn(PACKS.flows, id) ? PACKS.flows[id] : null;
  let code = [base(lang), base(navigator.language)].find((c) => ID.test(c) && (!langs || langs.includes(c)));
  if (langs && !code) code = langs[0];
  if (langs && lang && base(lang) !== code) console.warn(`selfcheck: lang="${lang.slice(0, 16)}": flow "${id}" has ${langs.join(", ")}; showing ${code}`);
  const name = `packs/${id}.${code || "en"}`;
  if (!langs) hints.set(file(`${name}.pack`), `flow "${id}" is not one of this build's (${FLOWS}); a practice's own pack must be at ${file(`${name}.pack`)}`);
  return name;
}
// The URL of that pack, or of its first screen (`.screen.json`).
function packUrl(flow, lang, ext = ".pack") {
  const name = packName(flow, lang);
  return name && file(name + ext);
}
const REFUSED = "selfcheck: the widget refused its pack or could not start; the console says why";
// A widget that cannot start, in an element marked `debug` (or `data-self-check-debug`):
// the console's reason shown inside it too, for the site's developer.
function note(el, problem) {
  if (!problem || !(el.hasAttribute("debug") || el.hasAttribute("data-self-check-debug"))) return;
  let p = el.querySelector(":scope > .sc-debug");
  if (!p) (p = document.createElement("p")), (p.className = "sc-debug"), el.append(p);
  p.textContent = problem;
}
// Each file is fetched once per page (with its pin, if it has one) and read with `read`; a
// failed fetch gives null (and, unless `quiet` and unpinned, says why on the console), the
// page's own crisis contacts stay, and a later call tries again.
const fetched = new Map();
function fetchOnce(url, read, quiet) {
  if (!url) return Promise.resolve(null);
  if (!fetched.has(url)) {
    const integrity = pinOf(url);
    fetched.set(
      url,
      fetch(url, integrity ? { integrity } : {})
        .then((r) => (r.ok ? read(r) : Promise.reject(new Error(`HTTP ${r.status}`))))
        .catch((e) => {
          fetched.delete(url);
          const problem = `selfcheck: cannot load ${url}: ${e.message}${integrity ? " (missing, unreachable, or not the file this release pinned by its sha384)" : ""}${hints.has(url) ? `; ${hints.get(url)}` : ""}`;
          if (!quiet || integrity) console.error(problem);
          problems.set(url, problem);
          return null;
        }),
    );
  }
  return fetched.get(url);
}
const fetchPack = (url) => fetchOnce(url, (r) => r.arrayBuffer().then((b) => new Uint8Array(b)));
function packOf(el, prefix) {
  const url = packUrl(el.getAttribute(prefix + "flow"), el.getAttribute(prefix + "lang"));
  return fetchPack(url).then((bytes) => (bytes || note(el, problems.get(url)), bytes));
}
// Mounts a widget with its pack; a visitor's language switch fetches that language's
// pack of the same flow. Null when the pack is missing or unreadable (the console says
// why): the element keeps its own crisis contacts.
function mountWith(root, bytes) {
  if (!bytes) return null;
  const w = widget.mount(root, bytes, (lang) =>
    fetchPack(packUrl(root.getAttribute("data-flow"), lang)).then((b) => b && w?.set_pack(b)),
  );
  if (w) root.live = true;
  return w ?? null;
}
// The same, for one widget among several: whatever it throws stays with it (a panic has
// put the crisis contacts in its place; the console says why).
function mountSafely(root, bytes) {
  try {
    return mountWith(root, bytes);
  } catch (e) {
    console.error(`selfcheck: a widget could not start (${e?.message ?? e}); its crisis contacts stay`);
    return null;
  }
}

function stylesheet() {
  const link = document.createElement("link");
  link.rel = "stylesheet";
  const integrity = pinOf(CSS);
  if (integrity) (link.integrity = integrity), (link.crossOrigin = "anonymous");
  link.href = CSS;
  return link;
}
// Resolves once `link` has loaded (true) or failed (false, with a console line).
const loaded = (link) =>
  new Promise((r) => {
    if (link.sheet) return r(true);
    link.addEventListener("load", () => r(true));
    link.addEventListener("error", () => (console.error(`selfcheck: cannot load ${CSS} (missing, unreachable, or not the file this release pinned by its sha384)`), r(false)));
  });

// The page-level stylesheet is only for widgets mounted in the page itself; the element
// brings its own into its shadow root. Either way every rule is scoped to the widget.
let sheet = [...document.querySelectorAll('link[rel="stylesheet"]')].find((l) => l.href === CSS);
if (document.querySelector("[data-self-check]") && !sheet) document.head.append((sheet = stylesheet()));
// Resolves once that stylesheet has loaded (true) or failed (false), so no screen shows
// unstyled.
const pageStyled = sheet ? loaded(sheet) : Promise.resolve(true);

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
// The loader keeps the quick exit of every armed screen no live widget has taken over
// (`root.live`): before the wasm, and after a pack, the wasm or a mount failed.
const armed = [];
const unattended = () => armed.find((r) => r.isConnected && !r.live);
function arm(root) {
  if (!armed.length) for (const type of ["keydown", "keyup"]) addEventListener(type, shift, true);
  armed.push(root);
  root.setAttribute("data-armed", "");
  root.querySelector(".sc-button-leave")?.addEventListener("click", () => root.live || leave(root));
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
    const root = unattended();
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
const wasm = fetch(file("__WASM__"), { integrity: pinOf(file("__WASM__")) ?? "" });
wasm.catch(() => {});
// The wasm-bindgen glue, folded in at build time (xtask loader), so the loader's pin covers it.
const glue = __GLUE__;
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
  // Instantiating the module runs its start function (the panic hook).
  await glue.default({ module_or_path: wasm });
  widget = glue;
  return glue;
})();
ready.catch((e) => {
  console.error(`selfcheck: the widget cannot run here (${e?.message ?? e}); the page's crisis contacts stay`);
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
  const w = mountSafely(root, bytes);
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
  const url = packUrl(el.getAttribute(prefix + "flow"), el.getAttribute(prefix + "lang"), ".screen.json");
  if (!url) return;
  shown.push(
    Promise.all([styled, fetchOnce(url, (r) => r.json(), true)]).then(([css, screen]) => {
      const region = (el.getAttribute(prefix + "region") || "").trim().toLowerCase();
      if (!css || !screen || !ok() || widget || broken) return;
      // A file of the wrong shape skips this first screen only (the widget still starts).
      let page;
      try {
        const strip = Object.hasOwn(screen.crisis, region) && screen.crisis[region];
        if (!strip) return;
        // The page's first child, 0 in the file, is the crisis strip.
        const [tag, attrs, , ...rest] = screen.page;
        page = build([tag, attrs, strip, ...rest], `sc${n}-`);
        // The note the stylesheet shows should the widget still not run after a while.
        if (screen.late) page.append(build(screen.late, `sc${n}-`));
      } catch (e) {
        return console.error(`selfcheck: ${url} is not a first screen this loader can show (${e.message})`);
      }
      const root = show(page);
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
  if (!/^[a-z][a-z0-9]*$/.test(tag) || typeof attrs !== "object" || !attrs) throw new Error(`<${tag}>`);
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
    const styled = loaded(link);
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
    Promise.all([styled, packOf(this, ""), ready]).then(async ([css, bytes]) => {
      if (!current()) return;
      this.loading = null;
      if (!css || !bytes) return fallBack();
      const pre = mountPoint.hasAttribute("data-prerendered");
      if (!pre) slot.replaceWith(mountPoint);
      this.widget = pre ? await takeOver(mountPoint, bytes) : mountSafely(mountPoint, bytes);
      if (!this.widget) note(this, REFUSED), fallBack();
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

// Leaving the page (another page, or the back-forward cache) forgets what was ticked on
// a first screen no widget has taken over; the live widgets restart themselves.
addEventListener("pagehide", () => armed.forEach((r) => r.live || r.querySelectorAll("form").forEach((f) => f.reset())));

// Widgets in the page itself, each on its own: one that cannot start keeps its contacts
// and the others go on. Nothing waits on this at the module's top level, so importing the
// loader never waits for the wasm nor fails with it. `live` keeps the widgets referenced
// for the page's lifetime.
const live = [];
ready.then(
  async () => {
    for (const root of document.querySelectorAll("[data-self-check]:not([data-prerendered])")) {
      if (!(await pageStyled)) continue;
      const bytes = await packOf(root, "data-");
      const w = mountSafely(root, bytes);
      if (w) live.push(w);
      else fail(root), bytes && note(root, REFUSED);
    }
    for (const root of document.querySelectorAll(PRE)) {
      const bytes = await packOf(root, "data-");
      const w = bytes ? await takeOver(root, bytes) : (fail(root), null);
      if (w) live.push(w);
    }
  },
  () => {},
);
