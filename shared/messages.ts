import * as z from 'zod';

/** Queue message bodies, parsed at every boundary. */
export const ReceiptMessage = z.object({ receiptId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/) }).strict();

/** The part of an S3 event notification the OCR stage reads (s3:TestEvent has no Records). */
export const S3Notification = z.object({
  Records: z
    .array(
      z.object({
        eventName: z.string(),
        s3: z.object({ bucket: z.object({ name: z.string() }), object: z.object({ key: z.string(), size: z.number().optional() }) }),
      }),
    )
    .optional(),
  Event: z.string().optional(),
});

/** S3 event keys are URL-encoded with '+' for spaces. */
export function decodeS3Key(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

export function parseJsonMessage<T extends z.ZodType>(body: string, schema: T): z.infer<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    throw new Error('Message body is not JSON');
  }
  return schema.parse(raw);
}
