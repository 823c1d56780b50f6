import * as z from 'zod';

/** One field read off a receipt, with the parser's confidence in it (0..1). */
export const fieldOf = <T extends z.ZodType>(value: T) =>
  z.object({ value, confidence: z.number().min(0).max(1) });

export const ExtractionLineItem = z.object({
  label: z.string(),
  amountCents: z.number().int(),
  quantity: z.number().optional(),
});

/**
 * What the French receipt parser extracts from OCR lines. Stored on the receipt by the OCR stage
 * before the match stage reads it. Money in integer cents, dates as local YYYY-MM-DD.
 */
export const Extraction = z.object({
  engine: z.string(),
  shopSign: fieldOf(z.string()).optional(),
  siret: fieldOf(z.string().regex(/^\d{14}$/)).optional(),
  siren: fieldOf(z.string().regex(/^\d{9}$/)).optional(),
  vatNumber: fieldOf(z.string()).optional(),
  phone: fieldOf(z.string()).optional(),
  street: fieldOf(z.string()).optional(),
  postcode: fieldOf(z.string().regex(/^\d{5}$/)).optional(),
  city: fieldOf(z.string()).optional(),
  purchaseDate: fieldOf(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).optional(),
  purchaseTime: fieldOf(z.string().regex(/^\d{2}:\d{2}(:\d{2})?$/)).optional(),
  totalCents: fieldOf(z.number().int().nonnegative()).optional(),
  paymentMeans: fieldOf(z.string()).optional(),
  ticketNumber: fieldOf(z.string()).optional(),
  lineItems: z.array(ExtractionLineItem).default([]),
  /** The reading confidence of the receipt as a whole (0..1), used to send doubtful receipts to review. */
  confidence: z.number().min(0).max(1),
  /** The OCR text, kept for staff review; capped in length by the parser. */
  text: z.string().optional(),
});
export type Extraction = z.infer<typeof Extraction>;
