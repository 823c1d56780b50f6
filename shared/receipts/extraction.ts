import * as z from '../schema';

/** One field read off a receipt, with the parser's confidence in it (0..1). */
const unit = () => z.number().check(z.minimum(0), z.maximum(1));
export const fieldOf = <T extends z.ZodMiniType>(value: T) => z.optional(z.object({ value, confidence: unit() }));
const text = (pattern: RegExp) => z.string().check(z.regex(pattern));

export const ExtractionLineItem = z.object({
  label: z.string(),
  amountCents: z.int(),
  quantity: z.optional(z.number()),
});

/** A local date-time, minutes precision: 2026-03-12T08:42. */
const LocalDateTime = z.optional(text(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/));

/**
 * A parking ticket read off the document (shared/receipts/parser/parking.ts): a car park's exit
 * ticket (`CAR_PARK`: entry and exit times) or an on-street pay machine's ticket (`ON_STREET`,
 * "horodateur": start and end of the paid time). The plate printed on it is never kept.
 */
export const ExtractionParking = z.object({
  kind: z.enum(['CAR_PARK', 'ON_STREET']),
  /** The operator (Indigo, Saemes, Effia, Q-Park...) or the car park's own name, as printed. */
  operator: z.optional(z.string()),
  entryAt: LocalDateTime,
  exitAt: LocalDateTime,
  durationMinutes: z.optional(z.int().check(z.nonnegative())),
  /** The amount paid; absent when it could not be read (the ticket then goes to review). */
  amountCents: z.optional(z.int().check(z.nonnegative())),
  /** The on-street tariff zone as printed ("ROUGE", "VERTE", "2"). */
  zone: z.optional(z.string()),
  /** How sure the parser is that this is a parking ticket and of what it read on it (0..1). */
  confidence: unit(),
});
export type ExtractionParking = z.infer<typeof ExtractionParking>;

/**
 * What the French receipt parser extracts from OCR lines. Stored on the receipt by the OCR stage
 * before the match stage reads it. Money in integer cents, dates as local YYYY-MM-DD.
 */
export const Extraction = z.object({
  engine: z.string(),
  shopSign: fieldOf(z.string()),
  siret: fieldOf(text(/^\d{14}$/)),
  siren: fieldOf(text(/^\d{9}$/)),
  vatNumber: fieldOf(z.string()),
  phone: fieldOf(z.string()),
  street: fieldOf(z.string()),
  postcode: fieldOf(text(/^\d{5}$/)),
  city: fieldOf(z.string()),
  purchaseDate: fieldOf(text(/^\d{4}-\d{2}-\d{2}$/)),
  purchaseTime: fieldOf(text(/^\d{2}:\d{2}(:\d{2})?$/)),
  totalCents: fieldOf(z.int().check(z.nonnegative())),
  paymentMeans: fieldOf(z.string()),
  ticketNumber: fieldOf(z.string()),
  lineItems: z._default(z.array(ExtractionLineItem), []),
  /** Present when the document is a parking ticket. */
  parking: z.optional(ExtractionParking),
  /**
   * Present when the document is a parking fine (forfait post-stationnement, FPS) or the receipt
   * of its payment: never a parking ticket, whatever it says.
   */
  parkingFine: fieldOf(z.literal(true)),
  /** The reading confidence of the receipt as a whole (0..1), used to send doubtful receipts to review. */
  confidence: unit(),
  /** The OCR text, kept for staff review; capped in length by the parser. */
  text: z.optional(z.string()),
});
export type Extraction = z.infer<typeof Extraction>;
