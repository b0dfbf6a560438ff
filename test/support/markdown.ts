import { lexer, type Token, type Tokens } from 'marked';

/**
 * The markdown under the first heading of `level` whose text matches `title`, up to the next
 * heading of that level or higher; undefined when there is none. Headings inside code
 * blocks are code, as marked reads them.
 */
export function section(markdown: string, level: number, title: RegExp): string | undefined {
  const tokens = lexer(markdown);
  const isHeading = (t: Token, deepest: number): t is Tokens.Heading => t.type === 'heading' && (t as Tokens.Heading).depth <= deepest;
  const start = tokens.findIndex((t) => isHeading(t, level) && t.depth === level && title.test(t.text));
  if (start < 0) return undefined;
  const end = tokens.findIndex((t, i) => i > start && isHeading(t, level));
  return tokens
    .slice(start + 1, end < 0 ? undefined : end)
    .map((t) => t.raw)
    .join('');
}

/** Each table of the markdown, as its body rows (no header) of cells in source form (`code` keeps its backticks). */
export function tables(markdown: string): string[][][] {
  return lexer(markdown)
    .filter((t): t is Tokens.Table => t.type === 'table')
    .map((table) => table.rows.map((row) => row.map((cell) => cell.text)));
}

/** The body rows of every table of the markdown. */
export function tableRows(markdown: string): string[][] {
  return tables(markdown).flat();
}

/** How many level-2 headings, and how many items in top-level lists, the markdown has. */
export function outline(markdown: string): { sections: number; items: number } {
  const tokens = lexer(markdown);
  return {
    sections: tokens.filter((t) => t.type === 'heading' && (t as Tokens.Heading).depth === 2).length,
    items: tokens.filter((t): t is Tokens.List => t.type === 'list').reduce((n, list) => n + list.items.length, 0),
  };
}
