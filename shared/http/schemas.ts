/**
 * The answers of the REST API v1, as zod schemas. The route table names them beside each route's
 * request schemas; `docs/openapi.json` is generated from both (`npm run openapi`), and the tests
 * check every answer the suites receive against them (`CABAS_CHECK_RESPONSES`), so that the
 * published contract and the running code cannot drift apart.
 *
 * Objects that carry stored records with many optional parts (a receipt for staff, a campaign, a
 * shop) are open (`looseObject`): their listed fields are guaranteed, more may appear.
 */
import * as z from 'zod';
import { Extraction } from '../receipts/extraction';
import { Address, Coordinates } from '../domain/merchant';
import { REJECTION_CODES } from '../domain/rejections';
import { ModeratedReviewView, PortraitView } from './shop-page-schemas';

const Id = z.string().meta({ example: '01JD8Z6Q3N4W5X6Y7Z8A9B0C1D' });
const Cents = z.number().int();
const Instant = z.string().meta({ description: 'ISO 8601 instant, UTC', example: '2026-12-03T09:41:00.000Z' });
const LocalDate = z.string().meta({ description: 'local date in Europe/Paris, YYYY-MM-DD', example: '2026-12-02' });
const NextCursor = z.string().nullable().meta({ description: 'opaque; pass it back as `cursor` for the next page, null at the end' });

/** A page of a list: `?limit=&cursor=` in, `{ items, nextCursor }` out. */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: NextCursor });

/** RFC 9457 problem details, with the stable `code` clients branch on. */
export const ProblemSchema = z
  .object({
    type: z.string().meta({ example: 'https://cabas.city/problems/validation-error' }),
    title: z.string().meta({ example: 'Bad Request' }),
    status: z.number().int().meta({ example: 400 }),
    detail: z.string().meta({ example: 'The request body is not valid.' }),
    code: z.string().meta({ example: 'VALIDATION_ERROR' }),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional().meta({ description: 'one entry per invalid field' }),
  })
  .meta({ id: 'Problem' });

export const HealthResponse = z.object({ status: z.literal('ok') });

export const ReceiptStatusSchema = z.enum(['AWAITING_UPLOAD', 'PROCESSING', 'IN_REVIEW', 'CREDITED', 'REJECTED']).meta({ id: 'ReceiptStatus' });

export const RejectionSchema = z
  .object({ code: z.enum(REJECTION_CODES), message: z.string().meta({ description: 'in French, for the resident', example: 'Ce commerce ne participe pas à l’opération.' }) })
  .meta({ id: 'Rejection' });

export const CreatedReceipt = z.object({
  receiptId: Id,
  status: z.literal('AWAITING_UPLOAD'),
  upload: z.object({
    method: z.literal('PUT'),
    url: z.string().meta({ description: 'presigned S3 URL for the image bytes' }),
    headers: z.record(z.string(), z.string()).meta({ description: 'headers the PUT must carry (Content-Type, Content-Length)' }),
    expiresAt: Instant,
  }),
});

export const ReceiptView = z
  .object({
    receiptId: Id,
    status: ReceiptStatusSchema,
    createdAt: Instant,
    updatedAt: Instant,
    merchant: z.object({ merchantId: Id, name: z.string() }).optional(),
    purchaseDate: LocalDate.optional(),
    totalCents: Cents.optional(),
    cashbackCents: Cents.optional(),
    campaignId: Id.optional(),
    credits: z.array(z.object({ campaignId: Id, name: z.string().nullable(), amountCents: Cents })).optional().meta({ description: 'what each operation paid, on a credited receipt' }),
    loyalty: z
      .array(
        z.object({
          campaignId: Id,
          position: z.number().int().positive().meta({ description: 'the purchase among the resident’s credited purchases at the shop in the period' }),
          everyNth: z.number().int(),
          outcome: z.enum(['COUNTED', 'PAID', 'UNFUNDED', 'PURCHASE_COVERED']),
          bonusCents: Cents,
          message: z.string().meta({ description: 'in French, for the resident', example: 'Fidélité : 3e achat sur 5 ce trimestre' }),
        }),
      )
      .optional()
      .meta({ description: 'each loyalty reward that counted this credited purchase: its position, its bonus or why it was not paid' }),
    rejection: RejectionSchema.optional(),
    waiting: z
      .object({
        for: z.literal('PURCHASE'),
        until: Instant.meta({ description: 'when it stops waiting: refused then if no purchase validates it' }),
        message: z.string().meta({ example: 'En attente d’un achat chez un commerçant participant le même jour' }),
      })
      .optional()
      .meta({ description: 'a parking ticket (free parking with a purchase) still PROCESSING, waiting for a credited purchase the same day' }),
  })
  .meta({ id: 'Receipt' });

export const WalletView = z.object({ balanceCents: Cents, pendingPayoutCents: Cents, paidOutCents: Cents, currency: z.literal('EUR') });

export const WalletTransfer = z.object({
  transferId: z.string(),
  kind: z.string().meta({ example: 'CASHBACK' }),
  amountCents: Cents.meta({ description: 'positive into the wallet, negative out of it' }),
  createdAt: Instant,
  receiptId: Id.optional(),
  campaignId: Id.optional(),
});

export const PayoutAccountView = z.object({
  iban: z.string().meta({ description: 'masked', example: 'FR76 •••• •••• •••• •••• ••89 012' }),
  holderName: z.string(),
  bic: z.string().optional(),
});

export const HouseholdView = z.object({
  householdId: z.string().nullable(),
  joinCode: z.string().nullable().meta({ example: 'K7M2Q9XA4B' }),
  memberCount: z.number().int(),
  maxMembers: z.number().int(),
});

export const PublicMerchantView = z
  .object({
    merchantId: Id,
    name: z.string(),
    address: Address,
    category: z.string().optional(),
    tags: z.array(z.string()),
    coordinates: Coordinates.optional(),
    description: z.string().optional(),
    openingHours: z.string().optional(),
    website: z.string().optional(),
    phone: z.string().optional(),
    photoUrls: z.array(z.string()).optional(),
    portrait: PortraitView.optional(),
  })
  .meta({ id: 'PublicMerchant' });

export const StaffMerchantView = z
  .looseObject({
    merchantId: Id,
    name: z.string(),
    siret: z.string(),
    siren: z.string(),
    address: Address,
    tags: z.array(z.string()),
    aliases: z.array(z.string()),
    status: z.enum(['ACTIVE', 'SUSPENDED']),
    createdAt: Instant,
  })
  .meta({ id: 'StaffMerchant' });

export const ImportReportView = z.object({
  format: z.enum(['sirene', 'plain']),
  delimiter: z.enum([',', ';']),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.array(z.looseObject({})),
  rejected: z.array(z.looseObject({})),
  skippedCount: z.number().int(),
  rejectedCount: z.number().int(),
  truncated: z.boolean(),
});

export const CampaignState = z.object({ campaignId: Id, status: z.enum(['DRAFT', 'ACTIVE', 'PAUSED', 'CLOSED']) });

export const CampaignView = z
  .looseObject({
    campaignId: Id,
    status: z.enum(['DRAFT', 'ACTIVE', 'PAUSED', 'CLOSED']),
    name: z.string(),
    budgetCents: Cents,
    startsOn: LocalDate,
    endsOn: LocalDate,
    createdAt: Instant,
  })
  .meta({ id: 'Campaign' });

export const CampaignStatsView = z.looseObject({
  budgetCents: Cents,
  creditedCents: Cents,
  remainingCents: Cents,
  salesCents: Cents,
  receipts: z.object({ credited: z.number().int(), rejected: z.number().int(), inReview: z.number().int() }),
  residents: z.number().int(),
  merchants: z.number().int(),
});

export const TopUpResult = z.object({ campaignId: Id, transferId: z.string(), outcome: z.string(), budgetCents: Cents, remainingCents: Cents });
export const CloseResult = z.object({ campaignId: Id, status: z.literal('CLOSED'), returnedCents: Cents, alreadyClosed: z.boolean() });
export const DepositResult = z.object({ merchantId: Id, transferId: z.string(), outcome: z.string(), availableCents: Cents });
export const ReverseResult = z.object({ receiptId: Id, status: z.literal('REJECTED'), reversedCents: Cents.optional(), alreadyReversed: z.boolean() });

const ImageUrl = z.string().meta({ description: 'presigned GET, valid 15 minutes' });

export const StaffReceiptView = z
  .looseObject({
    receiptId: Id,
    residentId: z.string(),
    status: ReceiptStatusSchema,
    createdAt: Instant,
    updatedAt: Instant,
    imageUrl: ImageUrl,
    extraction: z.optional(Extraction),
    decision: z.looseObject({}).optional().meta({ description: 'the match decision with the trace of every rule' }),
    review: z.looseObject({}).optional(),
    rejection: RejectionSchema.optional(),
  })
  .meta({ id: 'StaffReceipt' });

export const ReviewItem = z.object({
  receiptId: Id,
  residentId: z.string(),
  createdAt: Instant,
  imageUrl: ImageUrl,
  extraction: z.looseObject({}).nullable(),
  review: z.looseObject({ reasons: z.array(z.string()).optional() }).nullable().meta({ description: 'why it is held, the candidate shops, look-alike photos with their own links' }),
});

export const DecisionResult = z.looseObject({ receiptId: Id, status: z.enum(['REJECTED', 'PROCESSING']), rejection: RejectionSchema.optional() });

export const ReconcileReportView = z.object({
  ok: z.boolean(),
  accounts: z.number().int(),
  transfers: z.number().int(),
  creditedReceipts: z.number().int(),
  totalDebitsCents: Cents,
  totalCreditsCents: Cents,
  problems: z.array(z.string()),
});

export const PayoutBatchSummary = z.object({
  payoutId: Id,
  status: z.string().meta({ example: 'READY' }),
  itemCount: z.number().int(),
  totalCents: Cents,
  createdAt: Instant,
  requestedExecutionDate: LocalDate.optional(),
});
export const PayoutRunResult = z.object({ batch: z.object({ payoutId: Id, itemCount: z.number().int(), totalCents: Cents }).nullable() });
export const SettleResult = z.object({ payoutId: Id, status: z.literal('SETTLED') });
export const PayoutItemRejected = z.object({ payoutId: Id, itemId: z.string(), status: z.literal('VOIDED') });

export const AuditEntryView = z
  .object({
    auditId: Id,
    at: Instant,
    actor: z.string().meta({ description: 'the staff member (token `sub`)', example: 'agent-martin' }),
    action: z.string().meta({ description: 'the operation, as named in this document', example: 'topUpCampaign' }),
    route: z.string().meta({ example: 'POST /v1/admin/campaigns/{id}/top-up' }),
    target: z.object({ type: z.enum(['campaign', 'merchant', 'receipt', 'payout', 'ledger', 'resident', 'news', 'review']), id: z.string().optional() }),
    status: z.number().int(),
    input: z.unknown().optional().meta({ description: 'what was sent, bank details and OCR text masked' }),
    before: z.record(z.string(), z.unknown()).optional().meta({ description: 'the fields that changed, as they were' }),
    after: z.record(z.string(), z.unknown()).optional().meta({ description: 'the same fields, as they are now' }),
  })
  .meta({ id: 'AuditEntry' });

/** GET /v1/me/export: everything held about the caller (shared/app/privacy.ts, docs/privacy.md). */
export const ResidentExportView = z
  .object({
    format: z.literal('cabas.resident-export/1'),
    exportedAt: Instant,
    residentId: z.string(),
    linksExpireAt: Instant.meta({ description: 'when the photo links stop working: ask for a new export after that' }),
    receipts: z.array(
      z.looseObject({
        receiptId: Id,
        status: ReceiptStatusSchema,
        createdAt: Instant,
        image: z.object({ url: z.string(), expiresAt: Instant }).nullable().meta({ description: 'a short-lived link to the photo as read; null once deleted' }),
      }),
    ),
    wallet: z
      .object({
        accountId: z.string(),
        balanceCents: Cents,
        pendingPayoutCents: Cents,
        paidOutCents: Cents,
        currency: z.literal('EUR'),
        movements: z.array(z.looseObject({ transferId: z.string(), amountCents: Cents, createdAt: Instant })).meta({ description: 'every movement, newest first' }),
      })
      .nullable(),
    payoutAccount: z.object({ iban: z.string().meta({ description: 'in full: it is the resident’s own' }), holderName: z.string(), bic: z.string().optional(), updatedAt: Instant }).nullable(),
    payouts: z.array(
      z.object({
        payoutId: Id,
        period: z.string(),
        requestedExecutionDate: LocalDate,
        itemId: z.string(),
        amountCents: Cents,
        status: z.string(),
        creditor: z.object({ name: z.string(), iban: z.string(), bic: z.string().optional() }),
        voidReason: z.string().optional(),
        updatedAt: Instant,
      }),
    ),
    household: z.object({ householdId: z.string(), joinCode: z.string().nullable(), memberCount: z.number().int(), maxMembers: z.number().int() }).nullable(),
    capCounters: z.array(z.object({ campaignId: Id, windowKey: z.string(), usedCents: Cents })),
    loyaltyTallies: z
      .array(z.object({ campaignId: Id, windowKey: z.string(), count: z.number().int(), rewarded: z.number().int() }))
      .meta({ description: 'loyalty rewards: the resident’s counted purchases per campaign and period, and how many reached a bonus' }),
    customerOf: z.array(Id).meta({ description: 'shops where a credited purchase of the resident is recorded' }),
    reviews: z.array(ModeratedReviewView).meta({ description: 'the resident’s reviews of shops' }),
    notes: z.array(z.string()).meta({ description: 'what else is held, in French' }),
  })
  .meta({ id: 'ResidentExport' });

/** DELETE /v1/me: what the erasure did (shared/app/privacy.ts). */
export const ErasureView = z
  .object({
    status: z.enum(['ERASED', 'IN_PROGRESS']).meta({ description: 'IN_PROGRESS: the call ran out of time; call again to go on' }),
    receiptsErased: z.number().int(),
    payoutAccountDeleted: z.boolean(),
    leftHousehold: z.boolean(),
    forfeitedCents: Cents.meta({ description: 'the balance owed to the resident at erasure, given up' }),
    writtenOffCents: Cents.meta({ description: 'a debt left by a reversal, written off' }),
  })
  .meta({ id: 'Erasure' });
