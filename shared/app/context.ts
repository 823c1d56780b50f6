import type { CampaignStore, ClaimStore, Clock, DocumentStore, HouseholdStore, ImageFingerprintStore, ImageStore, Ledger, MerchantStore, MessageBus, PayoutStore, ReceiptStore } from '../ports';
import type { OcrEngine } from '../ocr/types';
import type { AuditLog } from '../ports/audit';
import type { NewsStore, ReviewStore } from '../ports/shop-pages';
import type { MediaStore, ShopPhotoStore } from '../ports/shop-photos';
import type { CounterResidentStore } from '../ports/counter-residents';

/** The ports of an AppContext: what a function is wired with, one adapter (and SDK client) each. */
export const PORT_NAMES = ['receipts', 'merchants', 'campaigns', 'claims', 'households', 'fingerprints', 'ledger', 'payouts', 'audit', 'news', 'reviews', 'counterResidents', 'shopPhotos', 'media', 'images', 'documents', 'bus'] as const;
export type PortName = (typeof PORT_NAMES)[number];

/** Everything an application operation may need, wired once per function container. */
export interface AppContext {
  receipts: ReceiptStore;
  merchants: MerchantStore;
  campaigns: CampaignStore;
  claims: ClaimStore;
  households: HouseholdStore;
  fingerprints: ImageFingerprintStore;
  ledger: Ledger;
  payouts: PayoutStore;
  /** The staff audit trail (append-only). */
  audit: AuditLog;
  /** Shops' news and residents' reviews (issue #20). */
  news: NewsStore;
  reviews: ReviewStore;
  /** Shops' photos: their records and their files (originals, renditions). */
  shopPhotos: ShopPhotoStore;
  media: MediaStore;
  /** Residents registered at the counter by staff (issue #19). */
  counterResidents: CounterResidentStore;
  images: ImageStore;
  documents: DocumentStore;
  bus: MessageBus;
  clock: Clock;
  newId(): string;
  uploadUrlTtlSeconds: number;
  /** The threshold and the city's payer account, for payout runs. */
  payoutSettings?: import('../ports/payouts').PayoutSettings;
  /** The city's fraud limits and review thresholds (defaults when left out). */
  policy?: import('../domain/fraud-policy').FraudPolicy;
  /** Loaded lazily: only the OCR stage reads receipts. */
  ocrEngine?: () => Promise<OcrEngine>;
}

/** Who is calling, as the JWT authorizer established it. */
export interface Caller {
  sub: string;
  isAdmin: boolean;
  /** Set for a shop's staff (the `merchant` group): the one shop they speak for. */
  merchantId?: string;
}
