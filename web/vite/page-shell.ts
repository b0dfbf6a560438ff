import type { Plugin } from 'vite';

/** The head elements every page has, whatever it shows. */
const SHARED_HEAD = [
  '<meta charset="utf-8" />',
  '<meta name="viewport" content="width=device-width, initial-scale=1" />',
  '<meta name="referrer" content="no-referrer" />',
  '<link rel="icon" href="./favicon.svg" type="image/svg+xml" />',
];

/**
 * A page's own head: the title, meta, link and script elements it starts with. HTML itself
 * draws the line there: the first other element opens the body.
 */
const OWN_HEAD = /^(?:\s*(?:<title>[^<]*<\/title>|<meta\b[^>]*>|<link\b[^>]*>|<script\b[^>]*><\/script>))*/;

const indented = (text: string, depth: number) =>
  text
    .trim()
    .split('\n')
    .map((line) => (line ? ' '.repeat(depth) + line : line))
    .join('\n');

/**
 * Builds each page's document around what is its own. A `web/<name>.html` holds its title,
 * description and entry script, then its body; the doctype, the language and the head every
 * page shares come from here, so that no page can lack one of them.
 */
function wrapPage(page: string): string {
  if (/<(?:!doctype|html|head|body)\b/i.test(page)) throw new Error('a page holds only its own head elements and its body');
  const head = OWN_HEAD.exec(page)![0];
  const body = page.slice(head.length);
  if (!/<title>/.test(head) || !body.trim()) throw new Error('a page has a title and a body');
  return [
    '<!doctype html>',
    '<html lang="sl">',
    '  <head>',
    indented([...SHARED_HEAD, head.trim()].join('\n'), 4),
    '  </head>',
    '  <body>',
    indented(body, 4),
    '  </body>',
    '</html>',
    '',
  ].join('\n');
}

/** `wrapPage` for every page, before Vite reads the page's scripts and assets. */
export function pageShell(): Plugin {
  return {
    name: 'page-shell',
    transformIndexHtml: { order: 'pre', handler: wrapPage },
  };
}
