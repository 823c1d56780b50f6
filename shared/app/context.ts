import type { CampaignStore, ClaimStore, Clock, ImageStore, Ledger, MerchantStore, MessageBus, ReceiptStore } from '../ports';
import type { OcrEngine } from '../ocr/types';

/** Everything an application operation may need, wired once per function container. */
export interface AppContext {
  receipts: ReceiptStore;
  merchants: MerchantStore;
  campaigns: CampaignStore;
  claims: ClaimStore;
  ledger: Ledger;
  images: ImageStore;
  bus: MessageBus;
  clock: Clock;
  newId(): string;
  uploadUrlTtlSeconds: number;
  /** Loaded lazily: only the OCR stage reads receipts. */
  ocrEngine?: () => Promise<OcrEngine>;
}

/** Who is calling, as the JWT authorizer established it. */
export interface Caller {
  sub: string;
  isAdmin: boolean;
}
