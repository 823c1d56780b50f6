import * as z from './schema';

/** Queue message bodies, parsed at every boundary. */
export const ReceiptMessage = z.strictObject({ receiptId: z.string().check(z.regex(/^[A-Za-z0-9-]{8,64}$/)) });

/** The part of an S3 event notification the OCR stage reads (s3:TestEvent has no Records). */
export const S3Notification = z.object({
  Records: z.optional(
    z.array(
      z.object({
        eventName: z.string(),
        s3: z.object({ bucket: z.object({ name: z.string() }), object: z.object({ key: z.string(), size: z.optional(z.number()) }) }),
      }),
    ),
  ),
  Event: z.optional(z.string()),
});

/** S3 event keys are URL-encoded with '+' for spaces. */
export function decodeS3Key(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

export function parseJsonMessage<T extends z.ZodMiniType>(body: string, schema: T): z.infer<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    throw new Error('Message body is not JSON');
  }
  return z.parse(schema, raw);
}
