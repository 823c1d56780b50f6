/**
 * The answers of the REST API v1, as zod schemas. The route table names them beside each route's
 * request schemas; `docs/openapi.json` is generated from both (`npm run openapi`), and the tests
 * check every answer the suites receive against them (`CABAS_CHECK_RESPONSES`), so that the
 * published contract and the running code cannot drift apart.
 *
 * Objects that carry stored records with many optional parts (a receipt for staff, a campaign, a
 * shop) are open (`looseObject`): their listed fields are guaranteed, more may appear.
 */
import * as z from '../schema';
import { Extraction } from '../receipts/extraction';
import { Address, Coordinates } from '../domain/merchant';
import { REJECTION_CODES } from '../domain/rejections';
import { ModeratedReviewView, PortraitView } from './shop-page-schemas';

const Id = z.described(z.string(), { example: '01JD8Z6Q3N4W5X6Y7Z8A9B0C1D' });
const Cents = z.int();
const Instant = z.described(z.string(), { description: 'ISO 8601 instant, UTC', example: '2026-12-03T09:41:00.000Z' });
const LocalDate = z.described(z.string(), { description: 'local date in Europe/Paris, YYYY-MM-DD', example: '2026-12-02' });
const NextCursor = z.described(z.nullable(z.string()), { description: 'opaque; pass it back as `cursor` for the next page, null at the end' });

/** A page of a list: `?limit=&cursor=` in, `{ items, nextCursor }` out. */
export const pageOf = <T extends z.ZodMiniType>(item: T) => z.object({ items: z.array(item), nextCursor: NextCursor });

/** RFC 9457 problem details, with the stable `code` clients branch on. */
export const ProblemSchema = z.described(
  z.object({
    type: z.described(z.string(), { example: 'https://cabas.city/problems/validation-error' }),
    title: z.described(z.string(), { example: 'Bad Request' }),
    status: z.described(z.int(), { example: 400 }),
    detail: z.described(z.string(), { example: 'The request body is not valid.' }),
    code: z.described(z.string(), { example: 'VALIDATION_ERROR' }),
    errors: z.described(z.optional(z.array(z.object({ path: z.string(), message: z.string() }))), { description: 'one entry per invalid field' }),
  }),
  { id: 'Problem' },
);

export const HealthResponse = z.object({ status: z.literal('ok') });

export const ReceiptStatusSchema = z.described(z.enum(['AWAITING_UPLOAD', 'PROCESSING', 'IN_REVIEW', 'CREDITED', 'REJECTED']), { id: 'ReceiptStatus' });

export const RejectionSchema = z.described(
  z.object({ code: z.enum(REJECTION_CODES), message: z.described(z.string(), { description: 'in French, for the resident', example: 'Ce commerce ne participe pas à l’opération.' }) }),
  { id: 'Rejection' },
);

export const CreatedReceipt = z.object({
  receiptId: Id,
  status: z.literal('AWAITING_UPLOAD'),
  upload: z.object({
    method: z.literal('PUT'),
    url: z.described(z.string(), { description: 'presigned S3 URL for the image bytes, write-once: a second PUT is refused with 412 (after a lost answer, 412 means the image was sent)' }),
    headers: z.described(z.record(z.string(), z.string()), { description: 'headers the PUT must carry, all signed (Content-Type, Content-Length, If-None-Match: *)' }),
    expiresAt: Instant,
  }),
});

export const ReceiptView = z.described(
  z.object({
    receiptId: Id,
    status: ReceiptStatusSchema,
    createdAt: Instant,
    updatedAt: Instant,
    merchant: z.optional(z.object({ merchantId: Id, name: z.string() })),
    purchaseDate: z.optional(LocalDate),
    totalCents: z.optional(Cents),
    cashbackCents: z.optional(Cents),
    campaignId: z.optional(Id),
    credits: z.described(z.optional(z.array(z.object({ campaignId: Id, name: z.nullable(z.string()), amountCents: Cents }))), {
      description: 'what each operation paid, on a credited receipt',
    }),
    loyalty: z.described(
      z.optional(
        z.array(
          z.object({
            campaignId: Id,
            position: z.described(z.int().check(z.positive()), { description: 'the purchase among the resident’s credited purchases at the shop in the period' }),
            everyNth: z.int(),
            outcome: z.enum(['COUNTED', 'PAID', 'UNFUNDED', 'PURCHASE_COVERED']),
            bonusCents: Cents,
            message: z.described(z.string(), { description: 'in French, for the resident', example: 'Fidélité : 3e achat sur 5 ce trimestre' }),
          }),
        ),
      ),
      { description: 'each loyalty reward that counted this credited purchase: its position, its bonus or why it was not paid' },
    ),
    rejection: z.optional(RejectionSchema),
    waiting: z.described(
      z.optional(
        z.object({
          for: z.literal('PURCHASE'),
          until: z.described(Instant, { description: 'when it stops waiting: refused then if no purchase validates it' }),
          message: z.described(z.string(), { example: 'En attente d’un achat chez un commerçant participant le même jour' }),
        }),
      ),
      { description: 'a parking ticket (free parking with a purchase) still PROCESSING, waiting for a credited purchase the same day' },
    ),
  }),
  { id: 'Receipt' },
);

export const WalletView = z.object({ balanceCents: Cents, pendingPayoutCents: Cents, paidOutCents: Cents, currency: z.literal('EUR') });

export const WalletTransfer = z.object({
  transferId: z.string(),
  kind: z.described(z.string(), { example: 'CASHBACK' }),
  amountCents: z.described(Cents, { description: 'positive into the wallet, negative out of it' }),
  createdAt: Instant,
  receiptId: z.optional(Id),
  campaignId: z.optional(Id),
});

export const PayoutAccountView = z.object({
  iban: z.described(z.string(), { description: 'masked', example: 'FR76 •••• •••• •••• •••• ••89 012' }),
  holderName: z.string(),
  bic: z.optional(z.string()),
});

export const HouseholdView = z.object({
  householdId: z.nullable(z.string()),
  joinCode: z.described(z.nullable(z.string()), { example: 'K7M2Q9XA4B' }),
  memberCount: z.int(),
  maxMembers: z.int(),
});

export const PublicMerchantView = z.described(
  z.object({
    merchantId: Id,
    name: z.string(),
    address: Address,
    category: z.optional(z.string()),
    tags: z.array(z.string()),
    coordinates: z.optional(Coordinates),
    description: z.optional(z.string()),
    openingHours: z.optional(z.string()),
    website: z.optional(z.string()),
    phone: z.optional(z.string()),
    photoUrls: z.optional(z.array(z.string())),
    portrait: z.optional(PortraitView),
  }),
  { id: 'PublicMerchant' },
);

export const StaffMerchantView = z.described(
  z.looseObject({
    merchantId: Id,
    name: z.string(),
    siret: z.string(),
    siren: z.string(),
    address: Address,
    tags: z.array(z.string()),
    aliases: z.array(z.string()),
    status: z.enum(['ACTIVE', 'SUSPENDED']),
    createdAt: Instant,
  }),
  { id: 'StaffMerchant' },
);

export const ImportReportView = z.object({
  format: z.enum(['sirene', 'plain']),
  delimiter: z.enum([',', ';']),
  rows: z.int(),
  created: z.int(),
  updated: z.int(),
  unchanged: z.int(),
  skipped: z.array(z.looseObject({})),
  rejected: z.array(z.looseObject({})),
  skippedCount: z.int(),
  rejectedCount: z.int(),
  truncated: z.boolean(),
});

export const CampaignState = z.object({ campaignId: Id, status: z.enum(['DRAFT', 'ACTIVE', 'PAUSED', 'CLOSED']) });

export const CampaignView = z.described(
  z.looseObject({
    campaignId: Id,
    status: z.enum(['DRAFT', 'ACTIVE', 'PAUSED', 'CLOSED']),
    name: z.string(),
    budgetCents: Cents,
    startsOn: LocalDate,
    endsOn: LocalDate,
    createdAt: Instant,
  }),
  { id: 'Campaign' },
);

export const CampaignStatsView = z.looseObject({
  budgetCents: Cents,
  creditedCents: Cents,
  remainingCents: Cents,
  salesCents: Cents,
  receipts: z.object({ credited: z.int(), rejected: z.int(), inReview: z.int() }),
  residents: z.int(),
  merchants: z.int(),
});

export const TopUpResult = z.object({ campaignId: Id, transferId: z.string(), outcome: z.string(), budgetCents: Cents, remainingCents: Cents });
export const CloseResult = z.object({ campaignId: Id, status: z.literal('CLOSED'), returnedCents: Cents, alreadyClosed: z.boolean() });
export const DepositResult = z.object({ merchantId: Id, transferId: z.string(), outcome: z.string(), availableCents: Cents });
export const ReverseResult = z.object({ receiptId: Id, status: z.literal('REJECTED'), reversedCents: z.optional(Cents), alreadyReversed: z.boolean() });

const ImageUrl = z.described(z.string(), { description: 'presigned GET, valid 15 minutes' });

export const StaffReceiptView = z.described(
  z.looseObject({
    receiptId: Id,
    residentId: z.string(),
    status: ReceiptStatusSchema,
    createdAt: Instant,
    updatedAt: Instant,
    imageUrl: ImageUrl,
    extraction: z.optional(Extraction),
    decision: z.described(z.optional(z.looseObject({})), { description: 'the match decision with the trace of every rule' }),
    review: z.optional(z.looseObject({})),
    rejection: z.optional(RejectionSchema),
  }),
  { id: 'StaffReceipt' },
);

export const ReviewItem = z.object({
  receiptId: Id,
  residentId: z.string(),
  createdAt: Instant,
  imageUrl: ImageUrl,
  extraction: z.nullable(z.looseObject({})),
  review: z.described(z.nullable(z.looseObject({ reasons: z.optional(z.array(z.string())) })), {
    description: 'why it is held, the candidate shops, look-alike photos with their own links',
  }),
});

export const DecisionResult = z.looseObject({ receiptId: Id, status: z.enum(['REJECTED', 'PROCESSING']), rejection: z.optional(RejectionSchema) });

export const ReconcileReportView = z.object({
  ok: z.boolean(),
  accounts: z.int(),
  transfers: z.int(),
  creditedReceipts: z.int(),
  totalDebitsCents: Cents,
  totalCreditsCents: Cents,
  problems: z.array(z.string()),
});

export const PayoutBatchSummary = z.object({
  payoutId: Id,
  status: z.described(z.string(), { example: 'READY' }),
  itemCount: z.int(),
  totalCents: Cents,
  createdAt: Instant,
  requestedExecutionDate: z.optional(LocalDate),
});
export const PayoutRunResult = z.object({ batch: z.nullable(z.object({ payoutId: Id, itemCount: z.int(), totalCents: Cents })) });
export const SettleResult = z.object({ payoutId: Id, status: z.literal('SETTLED') });
export const PayoutItemRejected = z.object({ payoutId: Id, itemId: z.string(), status: z.literal('VOIDED') });

export const AuditEntryView = z.described(
  z.object({
    auditId: Id,
    at: Instant,
    actor: z.described(z.string(), { description: 'the staff member (token `sub`)', example: 'agent-martin' }),
    action: z.described(z.string(), { description: 'the operation, as named in this document', example: 'topUpCampaign' }),
    route: z.described(z.string(), { example: 'POST /v1/admin/campaigns/{id}/top-up' }),
    target: z.object({ type: z.enum(['campaign', 'merchant', 'receipt', 'payout', 'ledger', 'resident', 'news', 'review']), id: z.optional(z.string()) }),
    status: z.int(),
    input: z.described(z.optional(z.unknown()), { description: 'what was sent, bank details and OCR text masked' }),
    before: z.described(z.optional(z.record(z.string(), z.unknown())), { description: 'the fields that changed, as they were' }),
    after: z.described(z.optional(z.record(z.string(), z.unknown())), { description: 'the same fields, as they are now' }),
  }),
  { id: 'AuditEntry' },
);

/** GET /v1/me/export: everything held about the caller (shared/app/privacy.ts, docs/privacy.md). */
export const ResidentExportView = z.described(
  z.object({
    format: z.literal('cabas.resident-export/1'),
    exportedAt: Instant,
    residentId: z.string(),
    linksExpireAt: z.described(Instant, { description: 'when the photo links stop working: ask for a new export after that' }),
    receipts: z.array(
      z.looseObject({
        receiptId: Id,
        status: ReceiptStatusSchema,
        createdAt: Instant,
        image: z.described(z.nullable(z.object({ url: z.string(), expiresAt: Instant })), { description: 'a short-lived link to the photo as read; null once deleted' }),
      }),
    ),
    wallet: z.nullable(
      z.object({
        accountId: z.string(),
        balanceCents: Cents,
        pendingPayoutCents: Cents,
        paidOutCents: Cents,
        currency: z.literal('EUR'),
        movements: z.described(z.array(z.looseObject({ transferId: z.string(), amountCents: Cents, createdAt: Instant })), { description: 'every movement, newest first' }),
      }),
    ),
    payoutAccount: z.nullable(
      z.object({ iban: z.described(z.string(), { description: 'in full: it is the resident’s own' }), holderName: z.string(), bic: z.optional(z.string()), updatedAt: Instant }),
    ),
    payouts: z.array(
      z.object({
        payoutId: Id,
        period: z.string(),
        requestedExecutionDate: LocalDate,
        itemId: z.string(),
        amountCents: Cents,
        status: z.string(),
        creditor: z.object({ name: z.string(), iban: z.string(), bic: z.optional(z.string()) }),
        voidReason: z.optional(z.string()),
        updatedAt: Instant,
      }),
    ),
    household: z.nullable(z.object({ householdId: z.string(), joinCode: z.nullable(z.string()), memberCount: z.int(), maxMembers: z.int() })),
    capCounters: z.array(z.object({ campaignId: Id, windowKey: z.string(), usedCents: Cents })),
    loyaltyTallies: z.described(z.array(z.object({ campaignId: Id, windowKey: z.string(), count: z.int(), rewarded: z.int() })), {
      description: 'loyalty rewards: the resident’s counted purchases per campaign and period, and how many reached a bonus',
    }),
    customerOf: z.described(z.array(Id), { description: 'shops where a credited purchase of the resident is recorded' }),
    reviews: z.described(z.array(ModeratedReviewView), { description: 'the resident’s reviews of shops' }),
    notes: z.described(z.array(z.string()), { description: 'what else is held, in French' }),
  }),
  { id: 'ResidentExport' },
);

/** DELETE /v1/me: what the erasure did (shared/app/privacy.ts). */
export const ErasureView = z.described(
  z.object({
    status: z.described(z.enum(['ERASED', 'IN_PROGRESS']), { description: 'IN_PROGRESS: the call ran out of time; call again to go on' }),
    receiptsErased: z.int(),
    payoutAccountDeleted: z.boolean(),
    leftHousehold: z.boolean(),
    forfeitedCents: z.described(Cents, { description: 'the balance owed to the resident at erasure, given up' }),
    writtenOffCents: z.described(Cents, { description: 'a debt left by a reversal, written off' }),
  }),
  { id: 'Erasure' },
);
