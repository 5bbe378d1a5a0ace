// embed.html: the widget alone, for an <iframe>. Settings come from the URL's query
// parameters (the same names as the <self-check> attributes). The only thing this page tells
// its parent is its content height, so the frame can fit it: never an answer.
const SETTINGS = ["flow", "lang", "region", "practice-name", "practice-phone", "practice-url", "exit-url"];
const mount = document.getElementById("self-check");
const params = new URLSearchParams(location.search);
for (const name of SETTINGS) {
  const value = params.get(name);
  if (value !== null) mount.setAttribute(`data-${name}`, value);
}

// The page's own crisis contacts (written by the build, one block per region and one with
// every region's emergency number): the URL's region keeps its own, matched as the engine
// matches it (trimmed, any case, aliases such as gb); no region or an unknown one keeps
// every region's emergency number. They show until the widget starts, and if it cannot.
const region = (params.get("region") || "").trim().toLowerCase();
const fallbacks = [...mount.querySelectorAll("[data-region-codes]")];
const own = fallbacks.find((el) => el.dataset.regionCodes.split(" ").includes(region)) ?? fallbacks[0];
for (const el of fallbacks) if (el !== own) el.remove();
own?.removeAttribute("hidden");

if (window.parent !== window) {
  let last = 0;
  const report = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== last) {
      last = height;
      window.parent.postMessage({ type: "selfcheck:height", height }, "*");
    }
  };
  new ResizeObserver(report).observe(document.documentElement);
}

await import("./selfcheck.js");
