// What a host page adds for the iframe mode: fit the widget's frame to the height the widget
// reports. The message carries a height and nothing else.
//
// The widget's frames are the iframe with id="self-check-frame", the iframe just before this
// script (the snippet's order; a classic script only) and every iframe showing embed.html;
// only the frame a message came from is resized, so several frames on a page each fit their
// own widget, and frames added later fit too. The height is set as the attribute and as the
// style, so a height in the page's CSS or an inline style does not keep the frame short. A
// page with no such frame gets a console warning, never an error.
const FRAME_ID = "self-check-frame";
const before = document.currentScript?.previousElementSibling ?? null;

const showsEmbed = (frame) => {
  try {
    return new URL(frame.src, document.baseURI).pathname.endsWith("/embed.html");
  } catch {
    return false;
  }
};
const isWidgetFrame = (frame) => frame.id === FRAME_ID || frame === before || showsEmbed(frame);
const widgetFrames = () => [...document.querySelectorAll("iframe")].filter(isWidgetFrame);

window.addEventListener("message", (event) => {
  const { type, height } = event.data ?? {};
  if (type !== "selfcheck:height" || !Number.isFinite(height) || height <= 0) return;
  const frame = widgetFrames().find((f) => f.contentWindow === event.source);
  if (!frame) return;
  const px = String(Math.ceil(height));
  frame.height = px;
  frame.style.height = `${px}px`;
});

const check = () => {
  if (widgetFrames().length === 0) {
    console.warn(
      `selfcheck: iframe-host.js found no frame to fit. Give the <iframe> of embed.html id="${FRAME_ID}", or put this script right after it.`,
    );
  }
};
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", check, { once: true });
else check();
