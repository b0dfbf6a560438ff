// The notices in dpia/, turned into HTML at build time by vite/notice-markdown.ts.

/** The part of a notice before its `<!-- more -->` line. */
declare module '*.md?essential' {
  /** The text of the notice's first-level heading. */
  export const title: string;
  /** HTML of the part, without the heading. */
  export const html: string;
}

/** A whole notice. */
declare module '*.md?full' {
  /** The text of the notice's first-level heading. */
  export const title: string;
  /** HTML of the whole notice, without the heading. */
  export const html: string;
}
