import * as z from '../schema';

/**
 * The limits beyond which a receipt is held for city staff rather than paid, and the reading
 * confidences below which a field is doubtful. Each city sets its own (`fraud` in its CDK
 * configuration, `CABAS_FRAUD_POLICY` as JSON for a function or the local stack); what it leaves
 * out keeps the default below.
 */
export const FraudPolicy = z.strictObject({
    /** Receipts one resident may announce (POST /v1/receipts) in one local day; beyond, 429 until midnight. */
    maxReceiptsCreatedPerResidentPerDay: z._default(z.int().check(z.minimum(1), z.maximum(10_000)), 30),
    /** Uploads one resident may have announced and not yet sent at once; beyond, 429 until one URL expires. */
    maxUploadsInFlightPerResident: z._default(z.int().check(z.minimum(1), z.maximum(100)), 5),
    /** Receipts one resident may send in one day before the next ones wait for staff. */
    maxReceiptsPerResidentPerDay: z._default(z.int().check(z.minimum(1), z.maximum(1_000)), 10),
    /** Purchases by one resident at one shop on one day. */
    maxReceiptsPerResidentPerShopPerDay: z._default(z.int().check(z.minimum(1), z.maximum(100)), 3),
    /** Receipts credited to one shop on one day, all residents together (a till printing tickets for a ring). */
    maxReceiptsPerShopPerDay: z._default(z.int().check(z.minimum(1), z.maximum(100_000)), 300),
    /** Line items that add up to something else than the total, beyond this share and this amount. */
    lineMismatchShare: z._default(z.number().check(z.minimum(0), z.maximum(1)), 0.2),
    lineMismatchCents: z._default(z.int().check(z.minimum(0), z.maximum(100_000)), 500),
    /** Minutes of slack around a shop's opening hours (tills print at payment; last customers). */
    openingHoursToleranceMinutes: z._default(z.int().check(z.minimum(0), z.maximum(240)), 20),
    /**
     * Photos whose perceptual hashes (256 bits) differ in at most this many bits look alike: the
     * same picture re-encoded, cropped, turned a little or shot again. Measured in
     * test/bench/phash.ts (NEAR_DUPLICATE_MAX_DISTANCE in shared/ocr/perceptual-hash.ts); 0 keeps
     * only identical hashes. A look-alike goes to staff, never to a rejection.
     */
    nearDuplicateMaxDistance: z._default(z.int().check(z.minimum(0), z.maximum(96)), 32),
    /**
     * How many of the hash's 16 bands of 16 bits the look-alike index writes and searches
     * (shared/domain/fraud/photo-hash.ts, lookAlikeIndexKeys). Each band is one item written per
     * photo and one lookup per view: 14 (default) costs about $0.0018 less per 1,000 receipts
     * than 16 and, measured by `npm run bench:phash`, found 1,280 of 1,283 near-duplicate pairs
     * where 16 found 1,281. The keys are the same for every setting, so changing it needs no
     * re-indexing: photos indexed before are found through the bands both settings share.
     */
    lookAlikeIndexBands: z._default(z.int().check(z.minimum(8), z.maximum(16)), 14),
    /** Below these confidences (0..1) a reading is doubtful: the receipt goes to staff. */
    minReadingConfidence: z._default(z.number().check(z.minimum(0), z.maximum(1)), 0.5),
    minTotalConfidence: z._default(z.number().check(z.minimum(0), z.maximum(1)), 0.6),
    minDateConfidence: z._default(z.number().check(z.minimum(0), z.maximum(1)), 0.6),
});
export type FraudPolicy = z.infer<typeof FraudPolicy>;

export const DEFAULT_FRAUD_POLICY: FraudPolicy = FraudPolicy.parse({});
