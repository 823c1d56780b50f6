import * as z from 'zod';

/** One field read off a receipt, with the parser's confidence in it (0..1). */
export const fieldOf = <T extends z.ZodType>(value: T) =>
  z.object({ value, confidence: z.number().min(0).max(1) });

export const ExtractionLineItem = z.object({
  label: z.string(),
  amountCents: z.number().int(),
  quantity: z.number().optional(),
});

/** A local date-time, minutes precision: 2026-03-12T08:42. */
const LocalDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);

/**
 * A parking ticket read off the document (shared/receipts/parser/parking.ts): a car park's exit
 * ticket (`CAR_PARK`: entry and exit times) or an on-street pay machine's ticket (`ON_STREET`,
 * "horodateur": start and end of the paid time). The plate printed on it is never kept.
 */
export const ExtractionParking = z.object({
  kind: z.enum(['CAR_PARK', 'ON_STREET']),
  /** The operator (Indigo, Saemes, Effia, Q-Park...) or the car park's own name, as printed. */
  operator: z.string().optional(),
  entryAt: LocalDateTime.optional(),
  exitAt: LocalDateTime.optional(),
  durationMinutes: z.number().int().nonnegative().optional(),
  /** The amount paid; absent when it could not be read (the ticket then goes to review). */
  amountCents: z.number().int().nonnegative().optional(),
  /** The on-street tariff zone as printed ("ROUGE", "VERTE", "2"). */
  zone: z.string().optional(),
  /** How sure the parser is that this is a parking ticket and of what it read on it (0..1). */
  confidence: z.number().min(0).max(1),
});
export type ExtractionParking = z.infer<typeof ExtractionParking>;

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
  /** Present when the document is a parking ticket. */
  parking: ExtractionParking.optional(),
  /**
   * Present when the document is a parking fine (forfait post-stationnement, FPS) or the receipt
   * of its payment: never a parking ticket, whatever it says.
   */
  parkingFine: fieldOf(z.literal(true)).optional(),
  /** The reading confidence of the receipt as a whole (0..1), used to send doubtful receipts to review. */
  confidence: z.number().min(0).max(1),
  /** The OCR text, kept for staff review; capped in length by the parser. */
  text: z.string().optional(),
});
export type Extraction = z.infer<typeof Extraction>;
