import type { MatchConfig } from './config';
import type { PreparedMerchant } from './shops';
import type { Evidence, MatchCandidate, MatchMethod, MatchOutcome } from './types';

// ------------------------------------------------------------------------------------------------
// Decision: the outcomes (a suspended shop is never matched; review shows active shops only)
// ------------------------------------------------------------------------------------------------

export const round2 = (x: number) => Math.round(x * 100) / 100;
export const clamp01 = (x: number) => Math.max(0, Math.min(1, x));

function explain(evidence: Evidence[]): string {
  return evidence.map((e) => e.detail).join(' ; ');
}

export function matched(shop: PreparedMerchant, method: MatchMethod, score: number, evidence: Evidence[]): MatchOutcome {
  if (shop.merchant.status !== 'ACTIVE') {
    return {
      kind: 'NOT_FOUND',
      suspended: shop.merchant,
      explanation: `${explain(evidence)} ; commerce « ${shop.merchant.name} » suspendu du dispositif`,
    };
  }
  return { kind: 'MATCHED', merchant: shop.merchant, method, score: round2(score), explanation: explain(evidence), evidence };
}

export function review(candidates: Array<{ shop: PreparedMerchant; score: number }>, explanation: string, config: MatchConfig, evidence?: Evidence[]): MatchOutcome {
  const seen = new Set<string>();
  const list: MatchCandidate[] = [];
  for (const c of candidates.sort((a, b) => b.score - a.score)) {
    if (c.shop.merchant.status !== 'ACTIVE' || seen.has(c.shop.merchant.merchantId)) continue;
    seen.add(c.shop.merchant.merchantId);
    list.push({ merchant: c.shop.merchant, score: round2(c.score) });
    if (list.length >= config.maxCandidates) break;
  }
  if (list.length === 0) return { kind: 'NOT_FOUND', explanation };
  return { kind: 'REVIEW', candidates: list, explanation, ...(evidence ? { evidence } : {}) };
}
