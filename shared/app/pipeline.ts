/**
 * The receipt pipeline, one file per stage (shared/app/stages/): read (OCR stage), match (shop,
 * fraud limits, campaign rules) and credit (the ledger). The Lambda handlers, the local stack's
 * queue workers and the tests import the stages from here.
 */
export { readUploadedReceipt } from './stages/read';
export { matchReceipt } from './stages/match';
export { creditReceipt } from './stages/credit';
export { isUnreadable, type StageOutcome } from './stages/outcome';
