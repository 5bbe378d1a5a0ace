// Types for the <self-check> element that selfcheck.js defines. Importing the package
// (`import "selfcheck-widget"`) registers the element; it exports nothing.

/** Region codes the widget knows; `gb` is the ISO alias of `uk`. */
export type SelfCheckRegion = "us" | "ca" | "mx" | "uk" | "gb" | "ie" | "fr" | "es" | "au" | "nz" | "eu";

/** The element's attributes (the same names as `data-*` for auto-mount and the iframe's query). */
export interface SelfCheckAttributes {
  /** A flow id: one built into the release, or a pack of your own in packs/. */
  flow?: string;
  /** A language the flow has (`en`, `es`, `fr` for the default flow; `fr-CA` reads as `fr`). */
  lang?: string;
  /** Which crisis contacts to show. Without it: "call your local emergency number" and a picker. */
  region?: SelfCheckRegion | (string & {});
  /** Shown on every result ("To talk with us: …"). */
  "practice-name"?: string;
  /** Shown as a tel: link. */
  "practice-phone"?: string;
  /** An https: link; anything else is ignored. */
  "practice-url"?: string;
  /** Where "Leave this page quickly" goes (https: only). */
  "exit-url"?: string;
}

export type SelfCheckElement = HTMLElement;

declare global {
  interface HTMLElementTagNameMap {
    "self-check": SelfCheckElement;
  }
  namespace JSX {
    interface IntrinsicElements {
      "self-check": SelfCheckAttributes & {
        id?: string;
        class?: string;
        className?: string;
        children?: unknown;
      };
    }
  }
}

export {};
