/**
 * Ports: what the application needs from the outside world. DynamoDB, S3, SQS and the local
 * emulators implement them in shared/adapters; tests may implement them in memory.
 */
import type { Campaign } from '../domain/campaign';
import type { Merchant } from '../domain/merchant';
import type { MatchDecision, Receipt, ReceiptStatus } from '../domain/receipt';
import type { Rejection } from '../domain/rejections';
import type { Extraction } from '../receipts/extraction';
import type { TicketReadings } from '../domain/fraud/readings';
import type { ClaimKey } from '../domain/fraud/claim-keys';

export type { Page } from './page';
export type { ReviewRecord } from '../domain/receipt';
import type { ReviewRecord } from '../domain/receipt';
import type { Page } from './page';

/**
 * What a list of receipts holds. `whole` (the default): every field, as `get` returns it.
 * `summary`: at least the status, dates, owner, amounts paid and the decision's shop, date and
 * totals; a store may leave out the bulky parts (the reading's text and line items, the file's
 * hashes, the decision's explanation and trace, the review's material), which the DynamoDB store
 * keeps in items of their own, read at one read unit each. For callers that count or add up.
 */
export type ReceiptListView = 'whole' | 'summary';

export interface ReceiptStore {
  create(receipt: Receipt): Promise<void>;
  get(receiptId: string): Promise<Receipt | undefined>;
  /** A resident's receipts, newest first (`view`: see ReceiptListView). */
  listByResident(residentId: string, limit: number, cursor?: string, view?: ReceiptListView): Promise<Page<Receipt>>;
  listByCampaign(campaignId: string): AsyncIterable<Pick<Receipt, 'receiptId' | 'status'>>;
  /** AWAITING_UPLOAD -> PROCESSING; true when this call or an earlier one made the move. */
  markProcessing(receiptId: string, now: Date): Promise<boolean>;
  /** Records the file's hashes (SHA-256, and the perceptual hash of a photo), and the extraction once; false when one was already stored. */
  saveExtraction(receiptId: string, sha256: string, extraction: Extraction, now: Date, photo?: PhotoHashes): Promise<boolean>;
  /** Stores the match decision once, leaving the receipt PROCESSING until the credit stage. */
  saveDecision(receiptId: string, decision: MatchDecision, now: Date): Promise<boolean>;
  /** PROCESSING or AWAITING_UPLOAD -> REJECTED; false when the receipt had moved on. */
  reject(receiptId: string, rejection: Rejection, now: Date, campaignId?: string, ruleTrace?: import('../domain/campaign').RuleTrace[]): Promise<boolean>;
  /** PROCESSING -> IN_REVIEW with the reasons and candidates staff will see. */
  sendToReview(receiptId: string, review: NonNullable<Receipt['review']>, now: Date, campaignId?: string): Promise<boolean>;
  /**
   * The receipts in a status, oldest first. PROCESSING lists only the parking tickets waiting for a
   * purchase (markWaiting), by the instant they stop waiting.
   */
  listByStatus(status: ReceiptStatus, limit: number, cursor?: string, view?: ReceiptListView): Promise<Page<Receipt>>;
  /** A PROCESSING parking ticket without a decision waits for a purchase (listed under PROCESSING by `until`); false when it had moved on. */
  markWaiting(receiptId: string, waiting: import('../domain/parking').ParkingWait, now: Date): Promise<boolean>;
  /** IN_REVIEW -> PROCESSING with the decision staff approved; false when it was no longer in review. */
  approveReview(receiptId: string, decision: MatchDecision, reviewer: ReviewRecord, now: Date): Promise<boolean>;
  /** IN_REVIEW -> REJECTED; false when it was no longer in review. */
  rejectReview(receiptId: string, rejection: Rejection, reviewer: ReviewRecord, now: Date, campaignId?: string): Promise<boolean>;
  /** Writes a receipt's erasure if it is still as read (`expected`); false when it changed meanwhile (see shared/domain/privacy.ts). */
  erasePersonalData(receiptId: string, expected: import('../domain/privacy').ReceiptVersion, erasure: import('../domain/privacy').ReceiptErasure): Promise<boolean>;
  /** Receipts in this final status since before `before` (an instant) whose personal data is not erased yet, oldest first. */
  listPersonalDataDue(status: 'CREDITED' | 'REJECTED', before: string, limit: number): Promise<Receipt[]>;
}


/** Claims that make a thing unique across receipts (an image hash, a purchase). */
export interface ClaimStore {
  /** Claims `key` for `receiptId`; returns the receipt that holds it (itself when newly claimed). */
  claim(key: ClaimKey, receiptId: string): Promise<string>;
  /** Counts the distinct receipts seen under `key`, this one included (idempotent per receipt). */
  tally(key: ClaimKey, receiptId: string): Promise<number>;
  /** Deletes the claims and the tallies under these keys (a resident's erasure); absent ones are no error. */
  forget(keys: { claims: readonly ClaimKey[]; tallies: readonly ClaimKey[] }): Promise<void>;
}

export interface MerchantStore {
  create(merchant: Merchant): Promise<void>;
  get(merchantId: string): Promise<Merchant | undefined>;
  list(limit: number, cursor?: string): Promise<Page<Merchant>>;
  all(): Promise<Merchant[]>;
  /** Replaces a shop if it still has the `updatedAt` it was read with (MERCHANT_CHANGED otherwise). */
  update(merchant: Merchant, expectedUpdatedAt: string | undefined): Promise<void>;
  /** The public directory: ACTIVE shops by name, filtered; a page may hold fewer than `limit` items before the end. */
  search(filter: import('../merchants/types').MerchantFilter, limit: number, cursor?: string): Promise<Page<Merchant>>;
  /** The shops holding these SIRETs, by SIRET. */
  getBySirets(sirets: readonly string[]): Promise<Map<string, Merchant>>;
  /** One import chunk in one transaction: new shops (SIRET still free) and updates (unchanged since read). */
  writeBatch(batch: import('../merchants/types').MerchantBatch): Promise<void>;
  /** A number that every write to the directory changes. */
  directoryVersion(): Promise<number>;
  /** Changes the directory version (after writes made without it). */
  touchDirectory(): Promise<void>;
  /** Finds the shop that issued a receipt, on an in-memory index kept in step with the directory. */
  match(clues: import('../domain/matching').ShopClues): Promise<import('../domain/matching').MatchOutcome>;
}

export interface CampaignStore {
  create(campaign: Campaign): Promise<void>;
  get(campaignId: string): Promise<Campaign | undefined>;
  listActive(): Promise<Campaign[]>;
  /** Every campaign, whatever its status, newest first, a page at a time. */
  list(limit: number, cursor?: string): Promise<Page<Campaign>>;
  /** Replaces a draft's rules; false when the campaign is no longer a draft. */
  replaceDraft(campaign: Campaign): Promise<boolean>;
  /** Moves a campaign from one status to another; false when it was not in `from`. */
  transition(campaignId: string, from: Campaign['status'], to: Campaign['status'], now: Date): Promise<boolean>;
}

/** A photo's perceptual hash upright and turned (see Receipt). */
export type PhotoHashes = Required<Pick<Receipt, 'perceptualHash' | 'perceptualHashTurned'>>;

/** A receipt photo's perceptual hash, kept to find look-alike photos sent later. */
export interface ImageFingerprint {
  receiptId: string;
  residentId: string;
  /** Hex. */
  hash: string;
  createdAt: string;
  /** What was read on the receipt, to tell another sale from the same ticket without reading the receipt. */
  readings?: TicketReadings;
}

export interface ImageFingerprintStore {
  /** Indexes a fingerprint under each of its bands (idempotent). */
  remember(fingerprint: ImageFingerprint, bands: string[]): Promise<void>;
  /** The fingerprints sharing at least one band, the newest first (bounded per band). */
  candidates(bands: string[]): Promise<ImageFingerprint[]>;
  /** The entries of a receipt's photo name another resident from now on (an erased resident's pseudonym). */
  reassign(receiptId: string, createdAt: string, bands: string[], residentId: string): Promise<void>;
}

/** Households that residents declare, for allowances per household. */
export interface HouseholdStore {
  householdOf(residentId: string): Promise<string | undefined>;
  get(householdId: string): Promise<{ householdId: string; joinCode: string; memberCount: number; createdAt: string } | undefined>;
  /** A new household with this resident as its first member; HOUSEHOLD_ALREADY_SET when the resident has one. */
  create(residentId: string, householdId: string, joinCode: string, now: Date): Promise<void>;
  /** Joins the household holding this code: HOUSEHOLD_NOT_FOUND, HOUSEHOLD_FULL, HOUSEHOLD_ALREADY_SET. */
  join(residentId: string, joinCode: string, maxMembers: number, now: Date): Promise<string>;
  /** The resident leaves their household (erasure); the last member leaving deletes it. */
  leave(residentId: string): Promise<void>;
}

/**
 * Where a receipt's image is: its upload key (`receipts/<id>`) and whether the upload is write-once
 * (see ImageStore). A Receipt is one.
 */
export interface ReceiptUpload {
  objectKey: string;
  uploadWriteOnce?: true;
}

/**
 * Receipt images. A resident uploads to the receipt's upload key (`receipts/<id>`) with a presigned
 * PUT. The URLs signed now are write-once (`If-None-Match: *`, and in AWS a bucket policy refuses
 * any other PUT there): the first upload stays, a second PUT is refused, so the bytes read are the
 * upload itself and nothing is copied. Receipts announced before had URLs that could replace the
 * upload until they expired: for those (`uploadWriteOnce` absent) the OCR stage keeps the bytes it
 * reads in an object that no PUT is ever presigned for, and everything after it (staff's image
 * links, look-alike photos) uses that copy. `keepUpload` and `presignKeptDownload` choose, from the
 * receipt, which object holds the image as read; methods that act on all of a receipt's images
 * (e.g. erasing them) take the upload key.
 */
export interface ImageStore {
  /** A presigned write-once PUT to `key` (refused once an object is there), for exactly this type and length. */
  presignUpload(key: string, contentType: string, contentLength: number, expiresInSeconds: number): Promise<{ url: string; headers: Record<string, string> }>;
  /** The bytes at `key` now; undefined when there is no such object. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** A short-lived link to the object at `key` as it is now (for a receipt's image as read, use presignKeptDownload). */
  presignDownload(key: string, expiresInSeconds: number): Promise<string>;
  /**
   * The bytes of the receipt's image as first read. A write-once upload is read as it is. Otherwise
   * the first call copies what is there to the upload's kept object (write-once) and returns it;
   * every later call, from any process, returns the kept bytes whatever was uploaded since.
   * Undefined when nothing was uploaded.
   */
  keepUpload(upload: ReceiptUpload): Promise<Uint8Array | undefined>;
  /** A short-lived link to the receipt's image as read (see keepUpload). */
  presignKeptDownload(upload: ReceiptUpload, expiresInSeconds: number): Promise<string>;
  /** Deletes the upload at `uploadKey` and its kept copy if any (erasure, retention); absent objects are no error. */
  delete(uploadKey: string): Promise<void>;
}

export interface CreditCommand {
  receiptId: string;
}

export interface MatchCommand {
  receiptId: string;
}

export interface MessageBus {
  sendToMatch(command: MatchCommand): Promise<void>;
  sendToCredit(command: CreditCommand): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export * from './ledger';
export * from './payouts';

export type { TicketReadings } from '../domain/fraud/readings';
