/**
 * Thresholds of a city (keep the defaults unless the bench says otherwise). `auto` and `review`
 * apply to the name score (0..1, after address and phone evidence); `minMargin` is how far the
 * best shop must stand above the next one for an automatic match.
 */
export interface MatchConfig {
  auto: number;
  review: number;
  minMargin: number;
  /** How many candidates a review shows staff. */
  maxCandidates: number;
}

/** Kept for callers of the first version. */
export type MatchThresholds = Pick<MatchConfig, 'auto' | 'review'>;

export const DEFAULT_MATCH_CONFIG: Readonly<MatchConfig> = Object.freeze({ auto: 0.85, review: 0.5, minMargin: 0.1, maxCandidates: 5 });
export const DEFAULT_THRESHOLDS: MatchThresholds = { auto: DEFAULT_MATCH_CONFIG.auto, review: DEFAULT_MATCH_CONFIG.review };

export function matchConfig(overrides: Partial<MatchConfig> = {}): MatchConfig {
  const c = { ...DEFAULT_MATCH_CONFIG, ...overrides };
  if (!(c.review > 0 && c.review <= c.auto && c.auto <= 1)) throw new RangeError('expected 0 < review <= auto <= 1');
  if (!(c.minMargin >= 0 && c.minMargin < 1)) throw new RangeError('expected 0 <= minMargin < 1');
  return c;
}
