import type { Merchant } from '../merchant';
import { DEFAULT_MATCH_CONFIG, matchConfig, type MatchConfig } from './config';
import { decideMatch, type MatchLookups } from './decide';
import { linkSiblings, prepareMerchant } from './shops';
import type { MatchOutcome, ShopClues } from './types';

// ------------------------------------------------------------------------------------------------
// Over a plain list (tests, small directories); shared/merchants/match-index.ts indexes large ones
// ------------------------------------------------------------------------------------------------

export function listLookups(merchants: readonly Merchant[]): MatchLookups {
  const prepared = merchants.map(prepareMerchant);
  linkSiblings(prepared);
  return {
    bySiret: (siret) => prepared.find((p) => p.merchant.siret === siret),
    bySiren: (siren) => prepared.filter((p) => p.merchant.siren === siren),
    byPhone: (phone) => prepared.filter((p) => p.phone === phone),
    // As the index does: the shops of the postcode, else of the town, else all.
    nameCandidates: (_read, postcode, city) => {
      const inPostcode = postcode ? prepared.filter((p) => p.postcode === postcode) : [];
      if (inPostcode.length > 0) return inPostcode;
      const inCity = city ? prepared.filter((p) => p.city === city) : [];
      return inCity.length > 0 ? inCity : prepared;
    },
  };
}

/**
 * Finds the shop that issued a receipt among `merchants` (all of them, suspended included: a
 * suspended shop is never matched, but it still stops its look-alikes from being matched in its place).
 */
export function matchMerchant(clues: ShopClues, merchants: readonly Merchant[], config: Partial<MatchConfig> = DEFAULT_MATCH_CONFIG): MatchOutcome {
  return decideMatch(clues, listLookups(merchants), matchConfig(config));
}
