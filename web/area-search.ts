/** A municipality as the combobox offers it. */
export interface AreaOption {
  code: string;
  name: string;
}

/**
 * A name reduced for matching: lower case, without diacritics, with any run of spaces and
 * punctuation as one space. `Črnomelj` and `crnomelj` become the same; so do
 * `Dobrova - Polhov Gradec` and `dobrova polhov gradec`.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The options whose name contains the typed text, ignoring case and diacritics: names that
 * start with it first, then names with a word that starts with it, then the rest, each
 * group in alphabetical order.
 */
export function matchAreas(options: readonly AreaOption[], typed: string): AreaOption[] {
  const query = searchKey(typed);
  const ranked: { option: AreaOption; rank: number }[] = [];
  for (const option of options) {
    const key = searchKey(option.name);
    const at = key.indexOf(query);
    if (at < 0) continue;
    ranked.push({ option, rank: at === 0 ? 0 : key[at - 1] === ' ' ? 1 : 2 });
  }
  const collator = new Intl.Collator('sl');
  return ranked
    .sort((a, b) => a.rank - b.rank || collator.compare(a.option.name, b.option.name))
    .map((r) => r.option);
}

/** The option whose name is exactly the typed text, ignoring case and diacritics. */
export function exactArea(options: readonly AreaOption[], typed: string): AreaOption | undefined {
  const query = searchKey(typed);
  return query ? options.find((o) => searchKey(o.name) === query) : undefined;
}
