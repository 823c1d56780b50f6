/**
 * Merchant matching: which participating shop issued a receipt. Pure: no I/O, no clock.
 *
 * Precision first. A receipt credited to the wrong shop is a payment the city cannot take back
 * from the right one, so every path to an automatic match needs an identifier or a name that
 * agrees with the receipt's postcode and stands clearly above every look-alike; anything less
 * certain goes to review, and a shop that is not in the directory is not found.
 *
 *   1. SIRET (one establishment).
 *   2. SIREN, or the SIREN inside a French VAT number (one company): settled by the postcode, and
 *      by the street or phone when the company has several shops or the receipt's SIRET is not one
 *      of ours (a sister establishment, or the head office).
 *   3. Phone number, with the postcode or street agreeing and the name not contradicting.
 *   4. Sign / name / alias, fuzzy (OCR noise, accents, legal forms and trade words), with the
 *      postcode agreeing, street and phone as evidence, and a margin over the runner-up.
 *
 * `matchMerchant` scans a list; shared/merchants/match-index.ts does the same over an in-memory index
 * (the `MatchLookups` of decide.ts) for a directory of tens of thousands of shops.
 *
 * The files, from the words up (each imports only those above it):
 *   types.ts          what the matcher reads (ShopClues) and answers (MatchOutcome, Evidence)
 *   config.ts         a city's thresholds
 *   words.ts          legal forms, stop words, trades, NAF codes; folding of OCR text
 *   bigrams.ts        Sørensen-Dice similarity over character bigrams
 *   edit-distance.ts  plain and OCR-weighted edit distances between words
 *   names.ts          prepared names, and how a name read compares to a known one
 *   streets.ts        street types, prepared streets, how two streets compare
 *   shops.ts          prepared shops, chains and namesakes, phone numbers, a sign against a shop
 *   clues.ts          the receipt's clues, checked (SIRET, SIREN, VAT key, phone)
 *   results.ts        MATCHED / REVIEW / NOT_FOUND outcomes
 *   decide.ts         the decision: `decideMatch` over `MatchLookups`
 *   list.ts           `listLookups` and `matchMerchant` over a plain list
 */
export type { ShopClues, MatchMethod, Evidence, MatchCandidate, MatchOutcome } from './types';
export { type MatchConfig, type MatchThresholds, DEFAULT_MATCH_CONFIG, DEFAULT_THRESHOLDS, matchConfig } from './config';
export { foldWords, normaliseName } from './words';
export { type Grams, gramsOf, dice, similarity } from './bigrams';
export { editDistance, ocrDistance, wordSimilarity, ocrSimilarity } from './edit-distance';
export { type PreparedName, prepareName, distinctiveWordsAgree, quickNameScore, compareNames } from './names';
export { STREET_TYPES, type PreparedStreet, prepareStreet } from './streets';
export { type PreparedMerchant, cityKey, prepareMerchant, CHAIN_NAME_COUNT, linkSiblings, nameScore } from './shops';
export { type MatchLookups, decideMatch } from './decide';
export { listLookups, matchMerchant } from './list';
