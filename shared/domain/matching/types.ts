import type { Merchant } from '../merchant';

/** What the match stage knows of the shop from the receipt. */
export interface ShopClues {
  siret?: string;
  siren?: string;
  /** French VAT number, FRkk + SIREN. */
  vatNumber?: string;
  phone?: string;
  sign?: string;
  street?: string;
  postcode?: string;
  city?: string;
}

export type MatchMethod = 'SIRET' | 'SIREN' | 'VAT' | 'PHONE' | 'NAME';

/** One piece of evidence behind a score: what was compared, its effect, in words for staff. */
export interface Evidence {
  signal: 'SIRET' | 'SIREN' | 'VAT' | 'PHONE' | 'NAME' | 'TRADE' | 'POSTCODE' | 'STREET' | 'MARGIN' | 'STATUS';
  effect: number;
  detail: string;
}

export interface MatchCandidate {
  merchant: Merchant;
  score: number;
}

export type MatchOutcome =
  | { kind: 'MATCHED'; merchant: Merchant; method: MatchMethod; score: number; explanation: string; evidence: Evidence[] }
  | { kind: 'REVIEW'; candidates: MatchCandidate[]; explanation: string; evidence?: Evidence[] }
  | { kind: 'NOT_FOUND'; explanation: string; suspended?: Merchant };
