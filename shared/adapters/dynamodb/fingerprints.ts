import { BatchWriteCommand, type TableClient, QueryCommand, UpdateCommand } from './client/commands';
import type { ImageFingerprint, ImageFingerprintStore, TicketReadings } from '../../ports';

/** Per band, the newest fingerprints read: a bucket this full is a blank or common picture, not a lead. */
const PER_BAND_LIMIT = 100;
/** A receipt older than this cannot be credited under any campaign rule worth having: its index entries expire (table TTL). */
const KEEP_DAYS = 400;
/** DynamoDB's limit of items per BatchWriteItem. */
const BATCH = 25;
const MAX_ATTEMPTS = 6;

/**
 * Perceptual hashes indexed by band (multi-index hashing): one small item per band of each hash,
 * under `PHASH#<band>`, newest first. Two hashes within fewer bits than there are bands share at
 * least one band exactly, so reading the receipt's own bands finds every near-duplicate up to
 * that distance (and, as measured by the bench, nearly all of them up to the look-alike limit).
 */
export class DynamoFingerprintStore implements ImageFingerprintStore {
  constructor(
    private readonly doc: TableClient,
    private readonly table: string,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  async remember(fp: ImageFingerprint, bands: string[]): Promise<void> {
    const expiresAt = Math.floor(Date.parse(fp.createdAt) / 1000) + KEEP_DAYS * 86_400;
    const puts = [...new Set(bands)].map((band) => ({
      PutRequest: { Item: { pk: `PHASH#${band}`, sk: `${fp.createdAt}#${fp.receiptId}`, type: 'fingerprint', ...fp, expiresAt } },
    }));
    for (let i = 0; i < puts.length; i += BATCH) {
      let pending: typeof puts = puts.slice(i, i + BATCH);
      for (let attempt = 1; pending.length > 0; attempt++) {
        if (attempt > MAX_ATTEMPTS) throw new Error(`Fingerprint index: ${pending.length} entries still unwritten after ${MAX_ATTEMPTS} attempts`);
        if (attempt > 1) await this.sleep(Math.random() * 50 * 2 ** attempt);
        const out = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.table]: pending } }));
        pending = (out.UnprocessedItems?.[this.table] ?? []) as typeof puts;
      }
    }
  }

  async candidates(bands: string[]): Promise<ImageFingerprint[]> {
    const pages = await Promise.all(
      [...new Set(bands)].map((band) =>
        this.doc.send(
          new QueryCommand({
            TableName: this.table,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': `PHASH#${band}` },
            ScanIndexForward: false,
            Limit: PER_BAND_LIMIT,
          }),
        ),
      ),
    );
    const seen = new Map<string, ImageFingerprint>();
    for (const page of pages) {
      for (const item of page.Items ?? []) {
        const fp: ImageFingerprint = {
          receiptId: String(item.receiptId), residentId: String(item.residentId), hash: String(item.hash), createdAt: String(item.createdAt),
          ...(item.readings ? { readings: readingsFrom(item.readings as Record<string, unknown>) } : {}),
        };
        seen.set(fp.receiptId, fp);
      }
    }
    return [...seen.values()];
  }

  /** The index entries of a receipt's photo now name another resident (an erased resident's pseudonym); absent entries are skipped. */
  async reassign(receiptId: string, createdAt: string, bands: string[], residentId: string): Promise<void> {
    await Promise.all(
      [...new Set(bands)].map((band) =>
        this.doc
          .send(
            new UpdateCommand({
              TableName: this.table,
              Key: { pk: `PHASH#${band}`, sk: `${createdAt}#${receiptId}` },
              UpdateExpression: 'SET residentId = :r',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeValues: { ':r': residentId },
            }),
          )
          .catch((err: unknown) => {
            if ((err as { name?: string })?.name !== 'ConditionalCheckFailedException') throw err;
          }),
      ),
    );
  }
}

/** The stored readings, keeping only well-typed fields (an entry is never trusted beyond its shape). */
function readingsFrom(r: Record<string, unknown>): TicketReadings {
  return {
    ...(typeof r.purchaseDate === 'string' ? { purchaseDate: r.purchaseDate } : {}),
    ...(typeof r.purchaseTime === 'string' ? { purchaseTime: r.purchaseTime } : {}),
    ...(typeof r.ticketNumber === 'string' ? { ticketNumber: r.ticketNumber } : {}),
    ...(typeof r.totalCents === 'number' ? { totalCents: r.totalCents } : {}),
  };
}
