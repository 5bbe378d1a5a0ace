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
