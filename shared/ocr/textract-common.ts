/**
 * Shared by the two Textract engines: LINE blocks to OcrLines, and Textract's refusals of a
 * document to `UNREADABLE` OcrErrors (throttling and service errors pass through untouched, so the
 * message is retried).
 */
import type { Block, BoundingBox } from '@aws-sdk/client-textract';
import { OcrError } from './errors';
import type { Box, OcrLine, OcrWord } from './types';

const clamp01 = (n: number) => (Number.isFinite(n) ? Math.max(0, Math.min(1, n)) : 0);

/** Textract confidences are 0..100; the port's are 0..1. A missing confidence is a neutral 0.5. */
export function toConfidence(c: unknown): number {
  return typeof c === 'number' && Number.isFinite(c) ? clamp01(c / 100) : 0.5;
}

export function toBox(b: BoundingBox | undefined): Box | undefined {
  if (!b) return undefined;
  const { Left, Top, Width, Height } = b;
  if ([Left, Top, Width, Height].some((v) => typeof v !== 'number' || !Number.isFinite(v))) return undefined;
  return { left: clamp01(Left!), top: clamp01(Top!), width: clamp01(Width!), height: clamp01(Height!) };
}

/** The LINE blocks, in Textract's order (pages in order), once each, with their WORD blocks' texts and confidences. */
export function linesFromBlocks(blocks: readonly Block[] | undefined, seen = new Set<string>()): OcrLine[] {
  const lines: OcrLine[] = [];
  const words = new Map<string, Block>();
  for (const block of blocks ?? []) if (block?.BlockType === 'WORD' && block.Id) words.set(block.Id, block);
  for (const block of blocks ?? []) {
    if (block?.BlockType !== 'LINE' || typeof block.Text !== 'string' || !block.Text.trim()) continue;
    if (block.Id) {
      if (seen.has(block.Id)) continue;
      seen.add(block.Id);
    }
    const box = toBox(block.Geometry?.BoundingBox);
    const children: OcrWord[] = (block.Relationships ?? [])
      .filter((r) => r?.Type === 'CHILD')
      .flatMap((r) => r.Ids ?? [])
      .map((id) => words.get(id))
      .filter((w): w is Block => typeof w?.Text === 'string' && w.Text.trim() !== '')
      .map((w) => ({ text: w.Text!, confidence: toConfidence(w.Confidence) }));
    lines.push({ text: block.Text, confidence: toConfidence(block.Confidence), ...(box ? { box } : {}), ...(children.length ? { words: children } : {}) });
  }
  return lines;
}

const REFUSALS = new Set([
  'UnsupportedDocumentException',
  'BadDocumentException',
  'DocumentTooLargeException',
  'InvalidParameterException',
]);

/** Rethrows Textract's refusals of the document as UNREADABLE; anything else as is. */
export function mapTextractError(error: unknown): never {
  const name = (error as { name?: unknown } | null)?.name;
  if (typeof name === 'string' && REFUSALS.has(name)) {
    throw new OcrError('UNREADABLE', `Textract cannot read this document (${name}).`, { cause: error });
  }
  throw error;
}
