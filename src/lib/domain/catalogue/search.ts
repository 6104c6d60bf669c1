import type { Product } from './types';

export interface SearchEntry {
  product: Product;
  stringId: string;
  displayName: string;
}

// The CSV uses non-breaking spaces in places (e.g. "O365_w/o Teams Bundle_M3"), so every
// whitespace run counts as one plain space on both sides of the comparison.
export function normalize(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function searchEntry(product: Product): SearchEntry {
  return {
    product,
    stringId: normalize(product.stringId),
    displayName: normalize(product.displayName),
  };
}

function rank(entry: SearchEntry, query: string, words: readonly string[]): number | null {
  const haystack = `${entry.stringId} ${entry.displayName}`;
  if (!words.every((word) => haystack.includes(word))) return null;
  if (entry.stringId === query || entry.displayName === query) return 0;
  if (entry.stringId.startsWith(query) || entry.displayName.startsWith(query)) return 1;
  return 2;
}

/**
 * Products whose String_Id or display name contain every word of `text`, case-insensitively:
 * exact matches first, then prefix matches, then the rest, each in catalogue order.
 * A blank query matches nothing.
 */
export function search(entries: readonly SearchEntry[], text: string, limit: number): Product[] {
  const query = normalize(text);
  if (query === '' || limit < 1) return [];
  const words = query.split(' ');
  const hits: { product: Product; rank: number }[] = [];
  for (const entry of entries) {
    const r = rank(entry, query, words);
    if (r !== null) hits.push({ product: entry.product, rank: r });
  }
  // Array.prototype.sort is stable, so equal ranks keep catalogue order.
  return hits
    .sort((a, b) => a.rank - b.rank)
    .slice(0, Math.floor(limit))
    .map((hit) => hit.product);
}
