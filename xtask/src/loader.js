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

// The wasm download starts at once, alongside the glue's, rather than after it.
const wasm = fetch(file("__WASM__"));
const widget = await import(file("__JS__"));
// Instantiating the module runs its start function, which mounts [data-self-check].
await widget.default({ module_or_path: wasm });

class SelfCheckElement extends HTMLElement {
  static observedAttributes = SETTINGS;

  connectedCallback() {
    if (this.widget) return;
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: "open" });
    this.mountPoint = document.createElement("div");
    this.mountPoint.setAttribute("part", "widget");
    this.copySettings();
    shadow.replaceChildren(stylesheet(), this.mountPoint);
    this.widget = widget.mount(this.mountPoint);
  }

  attributeChangedCallback() {
    if (!this.widget) return;
    this.copySettings();
    this.widget.update();
  }

  disconnectedCallback() {
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
