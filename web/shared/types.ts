/**
 * Names for the API's types (from the generated web/shared/openapi.d.ts), and the shape of the
 * parts the contract leaves open (`looseObject` records such as a receipt's review or decision),
 * as the apps read them: every field of those is optional, so an absent one shows as "—".
 */
import type { components, paths } from './openapi';

type Schemas = components['schemas'];
type Json<T> = T extends { content: { 'application/json': infer J } } ? J : never;

export type Campaign = Schemas['Campaign'];
export type CampaignBody = NonNullable<paths['/v1/admin/campaigns']['post']['requestBody']>['content']['application/json'];
export type CampaignStats = Json<paths['/v1/admin/campaigns/{id}/stats']['get']['responses'][200]>;
export type StaffMerchant = Schemas['StaffMerchant'];
export type PublicMerchant = Schemas['PublicMerchant'];
export type MerchantPatch = NonNullable<paths['/v1/admin/merchants/{id}']['patch']['requestBody']>['content']['application/json'];
export type ImportReport = Json<paths['/v1/admin/merchants/import']['post']['responses'][200]>;
export type StaffReceipt = Schemas['StaffReceipt'];
export type Receipt = Schemas['Receipt'];
export type ReviewItem = Json<paths['/v1/admin/review']['get']['responses'][200]>['items'][number];
export type DecisionBody = NonNullable<paths['/v1/admin/receipts/{id}/decision']['post']['requestBody']>['content']['application/json'];
export type AuditEntry = Schemas['AuditEntry'];
export type PayoutBatch = Json<paths['/v1/admin/payouts']['get']['responses'][200]>['items'][number];
export type Wallet = Json<paths['/v1/me/wallet']['get']['responses'][200]>;

/** A field read on a receipt with the parser's confidence (0..1). */
export interface Reading<T> {
  value: T;
  confidence: number;
}

/** What the receipt parser read (shared/receipts/extraction.ts). */
export interface Extraction {
  engine?: string;
  shopSign?: Reading<string>;
  siret?: Reading<string>;
  siren?: Reading<string>;
  vatNumber?: Reading<string>;
  phone?: Reading<string>;
  street?: Reading<string>;
  postcode?: Reading<string>;
  city?: Reading<string>;
  purchaseDate?: Reading<string>;
  purchaseTime?: Reading<string>;
  totalCents?: Reading<number>;
  paymentMeans?: Reading<string>;
  ticketNumber?: Reading<string>;
  lineItems?: Array<{ label: string; amountCents: number; quantity?: number }>;
  confidence?: number;
  text?: string;
}

/** Why a receipt is held, with the candidate shops and the look-alike photos. */
export interface ReviewInfo {
  reasons?: string[];
  candidates?: Array<{ merchantId: string; name: string; score: number }>;
  lookAlikes?: Array<{ receiptId: string; distance: number; imageUrl?: string }>;
}

/** One campaign rule applied to a receipt. */
export interface RuleTrace {
  campaignId: string;
  rule: string;
  verdict: 'PASS' | 'FAIL' | 'UNKNOWN' | string;
  detail: string;
}

/** The match decision of a receipt, with its trace. */
export interface MatchDecision {
  merchantId?: string;
  merchantName?: string;
  campaignId?: string;
  purchaseDate?: string;
  totalCents?: number;
  cashbackCents?: number;
  credits?: Array<Array<{ campaignId: string; campaignName?: string; kind?: string; cashbackCents?: number }>>;
  explanation?: string[];
  trace?: RuleTrace[];
}

/** A staff decision on a receipt that was in review. */
export interface ReviewRecord {
  action?: 'APPROVE' | 'REJECT';
  by?: string;
  at?: string;
  reason?: string;
  corrections?: { merchantId?: string; totalCents?: number; purchaseDate?: string };
}

/** The optional parts of a shop, as staff read and edit them. */
export interface MerchantExtras {
  category?: string;
  sign?: string;
  legalName?: string;
  nafCode?: string;
  coordinates?: { lat: number; lon: number };
  showcase?: { description?: string; openingHours?: string; website?: string; phone?: string; photoUrls?: string[] };
  statusReason?: string;
  updatedAt?: string;
  source?: string;
}

export type FullMerchant = StaffMerchant & MerchantExtras;

/** A campaign with its rules (the contract guarantees the first fields; the rules are the body's). */
export type FullCampaign = Campaign & Partial<CampaignBody> & { activatedAt?: string };
