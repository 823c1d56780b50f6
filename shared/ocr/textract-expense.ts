/**
 * OCR engine over Textract AnalyzeExpense. Lines come from the LINE blocks of each expense
 * document (with their boxes); when a response has no blocks, from the texts of its line items
 * and summary fields. The summary fields also become hints (AnalyzeExpense is documented for
 * English: the French parser treats them as evidence, not truth).
 */
import type { AnalyzeExpenseResponse, Block, ExpenseDocument, ExpenseField } from '@aws-sdk/client-textract';
import type { TextractApi } from './textract-api';
import { linesFromBlocks, mapTextractError, toBox, toConfidence } from './textract-common';
import type { OcrEngine, OcrHint, OcrLine, OcrResult, SupportedContentType } from './types';

export const TEXTRACT_EXPENSE = 'textract-expense';

export class TextractExpenseEngine implements OcrEngine {
  readonly name = TEXTRACT_EXPENSE;
  constructor(private readonly textract: TextractApi) {}

  async read(bytes: Uint8Array, _contentType: SupportedContentType): Promise<OcrResult> {
    // Images and single-page PDFs both go as bytes to the synchronous API.
    let response: unknown;
    try {
      response = await this.textract.analyzeExpense(bytes);
    } catch (error) {
      mapTextractError(error);
    }
    return fromAnalyzeExpenseResponse(response);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Turns an AnalyzeExpense response (from the client or a saved JSON file) into the port's result. */
export function fromAnalyzeExpenseResponse(json: unknown): OcrResult {
  const response = (isObject(json) ? json : {}) as AnalyzeExpenseResponse & { Blocks?: Block[] };
  const documents: ExpenseDocument[] = Array.isArray(response.ExpenseDocuments) ? response.ExpenseDocuments : [];
  const seen = new Set<string>();
  const lines: OcrLine[] = [];
  const hints: OcrHint[] = [];

  for (const doc of documents) {
    if (!doc || typeof doc !== 'object') continue;
    const blocks = Array.isArray(doc.Blocks) ? doc.Blocks : [];
    lines.push(...linesFromBlocks(blocks, seen));
    for (const field of Array.isArray(doc.SummaryFields) ? doc.SummaryFields : []) {
      const hint = hintOf(field);
      if (hint) hints.push(hint);
    }
  }
  // Some responses carry the blocks at the top level too.
  if (lines.length === 0 && Array.isArray(response.Blocks)) lines.push(...linesFromBlocks(response.Blocks, seen));
  if (lines.length === 0) {
    for (const doc of documents) if (doc && typeof doc === 'object') lines.push(...fieldLines(doc));
  }
  return { engine: TEXTRACT_EXPENSE, lines, hints };
}

function hintOf(field: ExpenseField | undefined): OcrHint | undefined {
  if (!field || typeof field !== 'object') return undefined;
  const type = field.Type?.Text;
  const value = field.ValueDetection?.Text;
  if (typeof type !== 'string' || typeof value !== 'string' || value.trim() === '') return undefined;
  const label = field.LabelDetection?.Text;
  return {
    type,
    ...(typeof label === 'string' && label.trim() ? { label } : {}),
    value,
    confidence: toConfidence(field.ValueDetection?.Confidence),
  };
}

/** Summary fields that repeat a piece of an ADDRESS field. */
const ADDRESS_PARTS = new Set(['STREET', 'CITY', 'STATE', 'COUNTRY', 'ZIP_CODE', 'ADDRESS_BLOCK', 'NAME']);

/**
 * Lines rebuilt from the fields when a response has no blocks: each summary field as
 * "label value" (multi-line values split), each line item as its expense row, ordered top to
 * bottom when every piece has a position, else in the response's order; repeated texts once.
 */
function fieldLines(doc: ExpenseDocument): OcrLine[] {
  const pieces: Array<OcrLine & { order: number; part?: boolean }> = [];
  let order = 0;
  let part = false;
  const add = (text: string, confidence: number, box: ReturnType<typeof toBox>) => {
    const t = text.trim();
    if (t) pieces.push({ text: t, confidence, order: order++, ...(box ? { box } : {}), ...(part ? { part } : {}) });
  };
  for (const field of Array.isArray(doc.SummaryFields) ? doc.SummaryFields : []) {
    if (!field || typeof field !== 'object') continue;
    const value = field.ValueDetection?.Text ?? '';
    const label = field.LabelDetection?.Text?.trim() ?? '';
    const box = toBox(field.LabelDetection?.Geometry?.BoundingBox) ?? toBox(field.ValueDetection?.Geometry?.BoundingBox);
    const confidence = toConfidence(field.ValueDetection?.Confidence);
    part = ADDRESS_PARTS.has(field.Type?.Text ?? '');
    const valueLines = value.split(/\r?\n/).filter((l) => l.trim());
    if (valueLines.length === 0) {
      if (label) add(label, confidence, box);
      continue;
    }
    add(label ? `${label} ${valueLines[0]}` : valueLines[0]!, confidence, box);
    for (const [k, more] of valueLines.slice(1).entries()) {
      add(more, confidence, box ? { ...box, top: Math.min(1, box.top + ((k + 1) * box.height) / valueLines.length) } : undefined);
    }
  }
  part = false;
  for (const group of Array.isArray(doc.LineItemGroups) ? doc.LineItemGroups : []) {
    for (const item of Array.isArray(group?.LineItems) ? group.LineItems : []) {
      const fields = Array.isArray(item?.LineItemExpenseFields) ? item.LineItemExpenseFields : [];
      const row = fields.find((f) => f?.Type?.Text === 'EXPENSE_ROW');
      if (row?.ValueDetection?.Text) {
        add(row.ValueDetection.Text.replace(/\s*\n\s*/g, ' '), toConfidence(row.ValueDetection.Confidence), toBox(row.ValueDetection.Geometry?.BoundingBox));
        continue;
      }
      const texts = fields.map((f) => f?.ValueDetection?.Text?.trim()).filter((t): t is string => Boolean(t));
      const first = fields.find((f) => f?.ValueDetection?.Text);
      if (texts.length) add(texts.join(' '), toConfidence(first?.ValueDetection?.Confidence), toBox(first?.ValueDetection?.Geometry?.BoundingBox));
    }
  }
  // Once each text.
  const unique: typeof pieces = [];
  const texts = new Set<string>();
  for (const p of pieces) {
    const key = p.text.replace(/\s+/g, ' ').toLowerCase();
    if (texts.has(key)) continue;
    texts.add(key);
    unique.push(p);
  }
  // Address parts (STREET, CITY, STATE...) repeat pieces of the ADDRESS field: keep the whole.
  const keys = unique.map((p) => p.text.replace(/\s+/g, ' ').toLowerCase());
  const whole = unique.filter((p, k) => !p.part || !keys.some((other, j) => j !== k && other.length > keys[k]!.length && other.includes(keys[k]!)));
  unique.length = 0;
  unique.push(...whole);
  if (unique.every((p) => p.box)) unique.sort((a, b) => a.box!.top - b.box!.top || a.box!.left - b.box!.left || a.order - b.order);
  return unique.map(({ order: _order, part: _part, ...line }) => line);
}
