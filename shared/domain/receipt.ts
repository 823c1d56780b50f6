import * as z from '../schema';
import type { Extraction } from '../receipts/extraction';
import type { Rejection } from './rejections';
import { loyaltyNote } from './loyalty';
import { WAITING_MESSAGE } from './parking';

export const MAX_RECEIPT_BYTES = 10 * 1024 * 1024;

export const ReceiptContentType = z.enum(['image/jpeg', 'image/png', 'application/pdf']);
export type ReceiptContentType = z.infer<typeof ReceiptContentType>;

export type ReceiptStatus = 'AWAITING_UPLOAD' | 'PROCESSING' | 'IN_REVIEW' | 'CREDITED' | 'REJECTED';

/** One campaign's planned credit for a receipt, as decided by the match stage (the ledger has the last word on the amount). */
export interface PlannedCredit {
  campaignId: string;
  campaignName: string;
  kind: import('./campaign').CampaignKind;
  /** What the rules grant before caps, the remaining budget and the purchase total. */
  cashbackCents: number;
  cap?: import('./credit').CapCounter;
  /** A welcome bonus: paid only if this is the resident's first credited purchase at the shop. */
  firstPurchaseOnly?: boolean;
  /** A loyalty reward: the tally that counts the purchase; `cashbackCents` is the bonus, paid on the Nth. */
  tally?: import('./loyalty').TallyCounter;
}

/** The decision of the match stage, stored on the receipt before the credit command is sent. */
export interface MatchDecision {
  merchantId: string;
  merchantName: string;
  campaignId: string;
  purchaseDate: string;
  totalCents: number;
  /** What the campaigns' rules grant before caps and the remaining budget (all credits together). */
  cashbackCents: number;
  /**
   * The credits to pay, slot by slot (see CashbackRequest): the best single campaign with its
   * fallbacks, then stacked ones. Absent on decisions stored before stacking existed: then the
   * one campaign above pays.
   */
  credits?: PlannedCredit[][];
  explanation: string[];
  /** Every campaign rule applied, with its inputs and verdict. */
  trace?: import('./campaign').RuleTrace[];
  /** A parking ticket: the credited purchase that validates it (held by this ticket alone). */
  parkingPurchaseId?: string;
}

/** Another receipt whose photo looks like this one's. */
export interface LookAlike {
  receiptId: string;
  /** Differing bits of the two 256-bit perceptual hashes. */
  distance: number;
}

export interface Receipt {
  receiptId: string;
  residentId: string;
  status: ReceiptStatus;
  createdAt: string;
  updatedAt: string;
  contentType: ReceiptContentType;
  contentLength: number;
  objectKey: string;
  /**
   * Its upload URL was write-once (`If-None-Match: *`): the upload is the image as read, no copy is
   * kept. Absent on receipts announced before write-once uploads (shared/ports ImageStore).
   */
  uploadWriteOnce?: true;
  sha256?: string;
  /** A photo's perceptual hash (hex), to find look-alike photos (see shared/ocr/perceptual-hash.ts). */
  perceptualHash?: string;
  /** The same photo's hashes turned 90°, 180° and 270° clockwise, to find a copy turned without an EXIF tag. */
  perceptualHashTurned?: string[];
  extraction?: Extraction;
  decision?: MatchDecision;
  /** A parking ticket waiting for a purchase the same day (still PROCESSING; shared/domain/parking.ts). */
  waiting?: import('./parking').ParkingWait;
  /** Set when credited: what was actually paid, in all. */
  cashbackCents?: number;
  /** Set when credited: each campaign's transfer (several when campaigns stack). */
  credits?: import('./credit').PaidCredit[];
  /** Set when credited: each loyalty tally the purchase advanced, its position and what it earned. */
  loyalty?: import('./loyalty').LoyaltyMark[];
  rejection?: Rejection;
  review?: {
    reasons: string[];
    candidates: Array<{ merchantId: string; name: string; score: number }>;
    /** Earlier photos this one looks like (perceptual hash distance in bits), for staff to compare. */
    lookAlikes?: LookAlike[];
  };
  /** The rules that led to a rejection, for staff (residents see the rejection's message). */
  ruleTrace?: import('./campaign').RuleTrace[];
  /** The staff decision on a receipt that was in review: who, when, what was corrected, why. */
  reviewDecision?: ReviewRecord;
  /** When its personal data was erased (retention, or the resident's erasure): photo deleted, reading scrubbed (shared/domain/privacy.ts). */
  personalDataErasedAt?: string;
  /** Sent at the counter on a resident's behalf (shared/domain/counter-resident.ts): by which staff member, when. */
  sentAtCounter?: { by: string; at: string };
}

export function receiptObjectKey(receiptId: string): string {
  return `receipts/${receiptId}`;
}

/** `receipts/<id>` -> id; undefined for keys outside the receipts prefix. */
export function receiptIdFromObjectKey(key: string): string | undefined {
  const m = /^receipts\/([A-Za-z0-9-]{8,64})$/.exec(key);
  return m?.[1];
}

/** The resident's view of a receipt (GET /v1/receipts/{id}). */
export function receiptView(r: Receipt) {
  const d = r.decision;
  return {
    receiptId: r.receiptId,
    status: r.status,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    ...(d ? { merchant: { merchantId: d.merchantId, name: d.merchantName } } : {}),
    ...(d?.purchaseDate ?? r.extraction?.purchaseDate?.value
      ? { purchaseDate: d?.purchaseDate ?? r.extraction?.purchaseDate?.value }
      : {}),
    ...((d?.totalCents ?? r.extraction?.totalCents?.value) !== undefined
      ? { totalCents: d?.totalCents ?? r.extraction?.totalCents?.value }
      : {}),
    ...(r.cashbackCents !== undefined ? { cashbackCents: r.cashbackCents } : {}),
    ...(d ? { campaignId: r.credits?.[0]?.campaignId ?? d.campaignId } : {}),
    // What each operation paid, when several did (a welcome bonus on top of the city's cashback).
    ...(r.status === 'CREDITED' && r.credits
      ? {
          credits: r.credits.map((c) => ({
            campaignId: c.campaignId,
            name: d?.credits?.flat().find((p) => p.campaignId === c.campaignId)?.campaignName ?? null,
            amountCents: c.amountCents,
          })),
        }
      : {}),
    // Each loyalty reward's word on the purchase: its position in the period, its bonus or why not.
    ...(r.status === 'CREDITED' && r.loyalty?.length
      ? {
          loyalty: r.loyalty.map((m) => ({
            campaignId: m.campaignId,
            position: m.position,
            everyNth: m.everyNth,
            outcome: m.outcome,
            bonusCents: m.bonusCents,
            message: loyaltyNote(m),
          })),
        }
      : {}),
    ...(r.rejection ? { rejection: r.rejection } : {}),
    // A parking ticket waiting for a purchase the same day: until when, and what it waits for.
    ...(r.status === 'PROCESSING' && r.waiting && !d ? { waiting: { for: r.waiting.for, until: r.waiting.until, message: WAITING_MESSAGE } } : {}),
  };
}

/** Who decided a receipt in review, when, and why: kept on the receipt for the audit trail. */
export interface ReviewRecord {
  action: 'APPROVE' | 'REJECT';
  by: string;
  at: string;
  reason?: string;
  corrections?: { merchantId?: string; totalCents?: number; purchaseDate?: string };
}
