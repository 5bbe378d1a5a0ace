// What a host page adds for the iframe mode: fit the frame to the height the widget reports.
// The message carries a height and nothing else.
const frame = document.getElementById("self-check-frame");
window.addEventListener("message", (event) => {
  if (event.source !== frame.contentWindow) return;
  const { type, height } = event.data ?? {};
  if (type === "selfcheck:height" && Number.isFinite(height)) frame.height = String(height);
});
