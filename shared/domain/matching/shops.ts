import type { Merchant } from '../merchant';
import { compareNames, prepareName, quickNameScore, type PreparedName } from './names';
import { prepareStreet, type PreparedStreet } from './streets';
import { NAF_FAMILIES, foldWords } from './words';

// ------------------------------------------------------------------------------------------------
// Prepared shops
// ------------------------------------------------------------------------------------------------

export interface PreparedMerchant {
  merchant: Merchant;
  /**
   * Other establishments of the same company, or shops of the same name, in the directory (set by
   * `linkSiblings`): a chain may have branches that do not take part, so its name alone, even with
   * the postcode, does not tell which branch issued a receipt.
   */
  chain: boolean;
  /** A shop of the same name in another postcode (set by `linkSiblings`): a misread postcode could name it. */
  namesakeElsewhere: boolean;
  names: PreparedName[];
  trades: Set<string>;
  street?: PreparedStreet;
  phone?: string;
  postcode: string;
  city: string;
}

export function cityKey(city: string): string {
  return foldWords(city.replace(/\bST\b/gi, 'SAINT').replace(/\bSTE\b/gi, 'SAINTE')).join(' ');
}

export function prepareMerchant(m: Merchant): PreparedMerchant {
  const rawNames = [m.name, m.sign, m.legalName, ...(m.aliases ?? [])].filter((n): n is string => typeof n === 'string' && n.trim().length > 0);
  const seen = new Set<string>();
  const names: PreparedName[] = [];
  for (const raw of rawNames) {
    const p = prepareName(raw);
    if (p.full.length === 0 || seen.has(p.full)) continue;
    seen.add(p.full);
    names.push(p);
  }
  const trades = new Set<string>();
  for (const n of names) for (const t of n.trades) trades.add(t);
  if (m.category) for (const t of prepareName(m.category).trades) trades.add(t);
  if (m.nafCode) for (const t of NAF_FAMILIES[m.nafCode] ?? []) trades.add(t);
  const street = prepareStreet(m.address.street);
  const phone = m.showcase?.phone ? normalisePhoneDigits(m.showcase.phone) : undefined;
  return {
    merchant: m,
    chain: false,
    namesakeElsewhere: false,
    names,
    trades,
    ...(street ? { street } : {}),
    ...(phone ? { phone } : {}),
    postcode: m.address.postcode,
    city: cityKey(m.address.city),
  };
}

/** How many shops of one name in one town make it a chain's name (with two, the postcode still tells them apart). */
export const CHAIN_NAME_COUNT = 3;

/** Marks the shops of chains: a SIREN with several establishments, or a name carried by several shops. */
export function linkSiblings(shops: readonly PreparedMerchant[]): void {
  const bySiren = new Map<string, number>();
  const byName = new Map<string, number>();
  const key = (s: PreparedMerchant) => `${s.city}|${s.names[0]?.full ?? ''}`;
  for (const s of shops) {
    bySiren.set(s.merchant.siren, (bySiren.get(s.merchant.siren) ?? 0) + 1);
    byName.set(key(s), (byName.get(key(s)) ?? 0) + 1);
  }
  const postcodesOfName = new Map<string, Set<string>>();
  for (const s of shops) {
    for (const n of s.names) {
      let pcs = postcodesOfName.get(n.full);
      if (!pcs) postcodesOfName.set(n.full, (pcs = new Set()));
      pcs.add(s.postcode);
    }
  }
  for (const s of shops) {
    s.namesakeElsewhere = s.names.some((n) => (postcodesOfName.get(n.full)?.size ?? 0) > 1);
    // Several shops of one name in one town is a brand (franchises have one SIREN each).
    const brand = (byName.get(key(s)) ?? 0) >= CHAIN_NAME_COUNT;
    s.chain = (bySiren.get(s.merchant.siren) ?? 0) > 1 || brand;
  }
}

export function normalisePhoneDigits(raw: string): string | undefined {
  let digits = raw.replace(/\D/g, '');
  if (digits.startsWith('0033')) digits = digits.slice(4);
  else if (digits.startsWith('33') && digits.length === 11) digits = digits.slice(2);
  if (digits.length === 9 && digits[0] !== '0') digits = `0${digits}`;
  return /^0[1-9]\d{8}$/.test(digits) ? digits : undefined;
}

// ------------------------------------------------------------------------------------------------
// Scores: a name read on a receipt against a shop
// ------------------------------------------------------------------------------------------------

/** The best similarity between a sign read on a receipt and a shop's names (kept for callers). */
export function nameScore(sign: string, merchant: Merchant): number {
  return scoreName(prepareName(sign), prepareMerchant(merchant)).score;
}

export function scoreName(read: PreparedName, shop: PreparedMerchant): { score: number; name: PreparedName | undefined; tradeClash: boolean } {
  let best = 0;
  let bestName: PreparedName | undefined;
  for (const n of shop.names) {
    const s = compareNames(read, n);
    if (s > best) {
      best = s;
      bestName = n;
    }
  }
  // Every trade word of the sign must fit the shop ("TABAC PRESSE" is not a bookshop, even if PRESSE could be).
  const tradeClash = shop.trades.size > 0 && read.tradeWords.some((families) => !families.some((t) => shop.trades.has(t)));
  return { score: tradeClash ? best * 0.75 : best, name: bestName, tradeClash };
}

export function quickShopScore(read: PreparedName, shop: PreparedMerchant): number {
  let best = 0;
  for (const n of shop.names) {
    const s = quickNameScore(read, n);
    if (s > best) best = s;
  }
  return best;
}
