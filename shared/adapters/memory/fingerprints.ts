import type { ImageFingerprint, ImageFingerprintStore } from '../../ports';
import { copy, sortedBy } from './cursor';

/** Per band, the newest fingerprints read (as the DynamoDB store's query limit per band). */
const PER_BAND_LIMIT = 100;

/** Perceptual hashes indexed by band in memory, as DynamoFingerprintStore indexes them. */
export class MemoryFingerprintStore implements ImageFingerprintStore {
  /** Per band, the entries by `<createdAt>#<receiptId>`. */
  readonly bands = new Map<string, Map<string, ImageFingerprint>>();

  async remember(fingerprint: ImageFingerprint, bands: string[]): Promise<void> {
    for (const band of new Set(bands)) {
      let entries = this.bands.get(band);
      if (!entries) this.bands.set(band, (entries = new Map()));
      entries.set(`${fingerprint.createdAt}#${fingerprint.receiptId}`, copy(fingerprint));
    }
  }

  async candidates(bands: string[]): Promise<ImageFingerprint[]> {
    const seen = new Map<string, ImageFingerprint>();
    for (const band of new Set(bands)) {
      const newest = sortedBy(this.bands.get(band)?.entries() ?? [], ([sk]) => sk, 'DESC').slice(0, PER_BAND_LIMIT);
      for (const { item: [, fp] } of newest) seen.set(fp.receiptId, copy(fp));
    }
    return [...seen.values()];
  }

  async reassign(receiptId: string, createdAt: string, bands: string[], residentId: string): Promise<void> {
    for (const band of new Set(bands)) {
      const fp = this.bands.get(band)?.get(`${createdAt}#${receiptId}`);
      if (fp) fp.residentId = residentId;
    }
  }
}
