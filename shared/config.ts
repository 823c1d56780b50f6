import * as z from './schema';
import { DEFAULT_FRAUD_POLICY, FraudPolicy } from './domain/fraud-policy';

/**
 * Configuration handed from the CDK stack (or the local stack) to every function through
 * environment variables. The names below are the contract between `infra/` and `functions/`.
 */
export const ENV = {
  table: 'CABAS_TABLE',
  receiptsBucket: 'CABAS_RECEIPTS_BUCKET',
  ocrQueueUrl: 'CABAS_OCR_QUEUE_URL',
  matchQueueUrl: 'CABAS_MATCH_QUEUE_URL',
  creditQueueUrl: 'CABAS_CREDIT_QUEUE_URL',
  ocrEngine: 'CABAS_OCR_ENGINE',
  uploadUrlTtlSeconds: 'CABAS_UPLOAD_URL_TTL_SECONDS',
  payoutThresholdCents: 'CABAS_PAYOUT_THRESHOLD_CENTS',
  /** The city as the payer of SEPA transfers: its name, account and address (structured, as SEPA requires). */
  cityName: 'CABAS_CITY_NAME',
  debtorIban: 'CABAS_DEBTOR_IBAN',
  debtorBic: 'CABAS_DEBTOR_BIC',
  debtorPostcode: 'CABAS_DEBTOR_POSTCODE',
  debtorTown: 'CABAS_DEBTOR_TOWN',
  /** Merchant matching thresholds of the city (0..1): automatic match at or above `auto`, review at or above `review`. */
  matchAutoThreshold: 'CABAS_MATCH_AUTO_THRESHOLD',
  matchReviewThreshold: 'CABAS_MATCH_REVIEW_THRESHOLD',
  /** The city's fraud limits and review thresholds, as JSON (see shared/domain/fraud-policy.ts); unset keeps the defaults. */
  fraudPolicy: 'CABAS_FRAUD_POLICY',
  /** Days after its decision that a receipt keeps its personal data (photo, OCR text, line items...): see docs/privacy.md. */
  receiptPersonalDataRetentionDays: 'CABAS_RECEIPT_PERSONAL_DATA_RETENTION_DAYS',
  /** Local stack only: endpoints of DynamoDB Local and of the S3/SQS emulator. Unset in AWS. */
  dynamodbEndpoint: 'CABAS_DYNAMODB_ENDPOINT',
  s3Endpoint: 'CABAS_S3_ENDPOINT',
  sqsEndpoint: 'CABAS_SQS_ENDPOINT',
} as const;

export const OcrEngineName = z.enum(['textract-expense', 'textract-text', 'tesseract']);
export type OcrEngineName = z.infer<typeof OcrEngineName>;

const optionalUrl = z.optional(z.url());
const optionalName = (max: number, min = 1) => z.optional(z.string().check(z.minLength(min), z.maxLength(max)));
const wholeNumber = (min: number, max?: number) => z.coerce.number().check(z.int(), z.minimum(min), ...(max === undefined ? [] : [z.maximum(max)]));
const threshold = z.optional(z.coerce.number().check(z.gt(0), z.maximum(1)));

export const FunctionConfig = z.object({
  table: z.string().check(z.minLength(1)),
  receiptsBucket: z.string().check(z.minLength(1)),
  ocrQueueUrl: optionalName(Infinity),
  matchQueueUrl: optionalName(Infinity),
  creditQueueUrl: optionalName(Infinity),
  ocrEngine: z._default(OcrEngineName, 'textract-expense'),
  uploadUrlTtlSeconds: z._default(wholeNumber(60, 3600), 900),
  payoutThresholdCents: z._default(wholeNumber(1), 1500),
  receiptPersonalDataRetentionDays: z._default(wholeNumber(1, 3650), 365),
  cityName: optionalName(140),
  debtorIban: optionalName(40, 15),
  debtorBic: optionalName(11, 8),
  debtorPostcode: optionalName(16),
  debtorTown: optionalName(35),
  matchAutoThreshold: threshold,
  matchReviewThreshold: threshold,
  fraudPolicy: z._default(
    z.pipe(
      z.converted(z.string(), (text): z.Conversion<unknown> => {
        try {
          return { ok: true, value: JSON.parse(text) as unknown };
        } catch {
          return { ok: false, message: 'expected a JSON object' };
        }
      }),
      FraudPolicy,
    ),
    DEFAULT_FRAUD_POLICY,
  ),
  dynamodbEndpoint: optionalUrl,
  s3Endpoint: optionalUrl,
  sqsEndpoint: optionalUrl,
});
export type FunctionConfig = z.infer<typeof FunctionConfig>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads and validates the function configuration from an environment (defaults to process.env). */
export function loadConfig(env: Record<string, string | undefined> = process.env): FunctionConfig {
  const raw: Record<string, string | undefined> = {};
  for (const [key, envName] of Object.entries(ENV)) {
    const value = env[envName];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const parsed = FunctionConfig.safeParse(raw);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((i) => `${ENV[i.path[0] as keyof typeof ENV] ?? String(i.path[0])}${i.path.length > 1 ? `.${i.path.slice(1).join('.')}` : ''}: ${i.message}`)
      .join('; ');
    throw new ConfigError(`Invalid function configuration: ${detail}`);
  }
  return parsed.data;
}
