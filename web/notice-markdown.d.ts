// The notices in dpia/, turned into HTML at build time by vite/notice-markdown.ts.

/** The first layer of a notice: the part before its `<!-- more -->` line. */
declare module '*.md?first-layer' {
  /** The text of the notice's first-level heading. */
  export const title: string;
  /** HTML of the first layer, with its placeholders. */
  export const html: string;
}

/** The rest of a notice, after its first layer. */
declare module '*.md?rest' {
  /** The text of the notice's first-level heading. */
  export const title: string;
  /** HTML of the rest, with its placeholders. */
  export const html: string;
}
