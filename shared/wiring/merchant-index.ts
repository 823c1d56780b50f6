import type { FunctionConfig } from '../config';
import { matchConfig } from '../domain/matching';
import type { LiveIndexOptions } from '../merchants/match-index';

/** The merchant index of the function that matches shops (match) and of the local stack: the city's thresholds, when set. */
export function merchantIndexOptions(config: Pick<FunctionConfig, 'matchAutoThreshold' | 'matchReviewThreshold'>): LiveIndexOptions {
  return {
    config: matchConfig({
      ...(config.matchAutoThreshold !== undefined ? { auto: config.matchAutoThreshold } : {}),
      ...(config.matchReviewThreshold !== undefined ? { review: config.matchReviewThreshold } : {}),
    }),
  };
}
