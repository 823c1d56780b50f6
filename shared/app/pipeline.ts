/**
 * The receipt pipeline, one file per stage (shared/app/stages/): read (OCR stage), match (shop,
 * fraud limits, campaign rules) and credit (the ledger), for the tests and tools that run them all.
 * A function imports its own stage from its file instead (functions/<name>/handler.ts): the read
 * stage brings the image decoders (jpeg-js, pngjs: the photo's perceptual hash is computed from its
 * pixels there), which only the ocr bundle may carry (test/infra/bundles.test.ts).
 */
export { readUploadedReceipt } from './stages/read';
export { matchReceipt } from './stages/match';
export { creditReceipt } from './stages/credit';
export { isUnreadable, type StageOutcome } from './stages/outcome';
