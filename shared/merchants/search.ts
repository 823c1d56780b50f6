import type { Merchant } from '../domain/merchant';
import { foldWords } from '../domain/matching';
import type { MerchantFilter } from './types';

/** Text folded for search: upper case, no accents, no punctuation, single spaces. */
export function searchKey(text: string): string {
  return foldWords(text).join(' ');
}

/** Everything `q` searches in, folded, with spaces around each word. */
export function searchTextOf(m: Merchant): string {
  const parts = [m.name, m.sign, m.legalName, ...(m.aliases ?? []), m.category, m.address.street, m.address.city, m.address.postcode, ...(m.tags ?? [])];
  return ` ${[...new Set(parts.filter((p): p is string => typeof p === 'string').flatMap((p) => foldWords(p)))].join(' ')} `;
}

/** The words of a query, folded (at most 5, at least 2 characters each). */
export function queryWords(q: string | undefined): string[] {
  if (!q) return [];
  return [...new Set(foldWords(q))].filter((w) => w.length >= 2).slice(0, 5);
}

/** Whether a shop is in the public directory under these filters. */
export function matchesFilter(m: Merchant, filter: MerchantFilter): boolean {
  if (m.status !== (filter.status ?? 'ACTIVE')) return false;
  if (filter.category && searchKey(m.category ?? '') !== searchKey(filter.category)) return false;
  if (filter.tag && !(m.tags ?? []).includes(filter.tag)) return false;
  const words = queryWords(filter.q);
  if (words.length > 0) {
    const text = searchTextOf(m);
    // A word matches the start of a word of the shop ("boul" finds "Boulangerie").
    if (!words.every((w) => text.includes(` ${w}`))) return false;
  }
  return true;
}

/** The directory's sort key: folded name, then id. */
export function sortKeyOf(m: Merchant): string {
  return `${searchKey(m.name)}#${m.merchantId}`;
}
