// Types for the <self-check> element that selfcheck.js defines (selfcheck-widget 0.0.0-dev).
// Importing the package (`import "selfcheck-widget"`) registers the element; its only
// export is `setBase`.
//
// The `__…__` parts are filled by `cargo xtask release` (xtask/src/npmtypes.rs) from the
// build: the regions of the crisis directory, the flows and languages packed, and the
// settings the element reads. A misspelt region, language or flow is a type error.

/** A region code the crisis directory has (lower case; `gb` is the ISO alias of `uk`). */
export type SelfCheckRegion = __REGIONS__;

/** A language some flow of this release was packed in. */
export type SelfCheckLanguage = __LANGUAGES__;

/** A language, alone or with a region subtag (`fr-CA` reads as `fr`). */
export type SelfCheckLang = SelfCheckLanguage | `${SelfCheckLanguage}-${string}`;

/** The flows this release built. */
export interface SelfCheckFlows {__FLOWS__}

/** The languages each flow of this release was packed in. */
export interface SelfCheckFlowLanguages {__FLOW_LANGUAGES__}

/**
 * A practice's own flows (packs it serves itself, see `setBase`). Empty: add yours, and
 * only then does `flow="…"` accept them:
 *
 *     declare module "selfcheck-widget" {
 *       interface SelfCheckOwnFlows { "our-intake": true }
 *     }
 */
export interface SelfCheckOwnFlows {}

/** A flow id: one of this release, or one of your own declared in `SelfCheckOwnFlows`. */
export type SelfCheckFlow = keyof SelfCheckFlows | keyof SelfCheckOwnFlows;

/** The element's settings (the same names work as `data-*` on `<div data-self-check>`). */
export interface SelfCheckAttributes {__ATTRIBUTES__}

/** The `<self-check>` element. Its children are its static contacts: they show until the
 * widget has loaded, and stay whenever it cannot. */
export type SelfCheckElement = HTMLElement;

/**
 * The folder a practice's own packs (`<flow>.<lang>.pack`, for flows this release does not
 * have) load from, when not beside selfcheck.js; call it before the elements are in the
 * document. The release's own files always load from where the bundler put them.
 */
export function setBase(url: string | URL): void;

/** Attributes every element takes, as the frameworks below spell them. */
interface SelfCheckCommon {
  id?: string;
  slot?: string;
  hidden?: boolean;
  title?: string;
  style?: unknown;
  children?: unknown;
  key?: string | number | null;
}

// Plain DOM: document.querySelector("self-check"), document.createElement("self-check").
declare global {
  interface HTMLElementTagNameMap {
    "self-check": SelfCheckElement;
  }
}

// React 19 (and React 18 with its new JSX transform): React reads the JSX namespace of the
// "react" module, not a global one. React 19 passes every prop to a custom element.
declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
      "self-check": SelfCheckAttributes &
        SelfCheckCommon & {
          className?: string;
          ref?: unknown;
        };
    }
  }
}

// Preact (10 and later).
declare module "preact" {
  namespace JSX {
    interface IntrinsicElements {
      "self-check": SelfCheckAttributes &
        SelfCheckCommon & {
          class?: string;
          className?: string;
          ref?: unknown;
        };
    }
  }
}

// Vue 3 (vue-tsc, Volar): the element in templates. Tell Vue's compiler it is a custom
// element too: `compilerOptions.isCustomElement: (tag) => tag === "self-check"`.
declare module "vue" {
  interface GlobalComponents {
    "self-check": (props: SelfCheckAttributes & SelfCheckCommon & { class?: unknown }) => unknown;
  }
}
