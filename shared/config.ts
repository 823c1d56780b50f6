import * as z from 'zod';
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

const optionalUrl = z.string().url().optional();

export const FunctionConfig = z.object({
  table: z.string().min(1),
  receiptsBucket: z.string().min(1),
  ocrQueueUrl: z.string().min(1).optional(),
  matchQueueUrl: z.string().min(1).optional(),
  creditQueueUrl: z.string().min(1).optional(),
  ocrEngine: OcrEngineName.default('textract-expense'),
  uploadUrlTtlSeconds: z.coerce.number().int().min(60).max(3600).default(900),
  payoutThresholdCents: z.coerce.number().int().min(1).default(1500),
  receiptPersonalDataRetentionDays: z.coerce.number().int().min(1).max(3650).default(365),
  cityName: z.string().min(1).max(140).optional(),
  debtorIban: z.string().min(15).max(40).optional(),
  debtorBic: z.string().min(8).max(11).optional(),
  debtorPostcode: z.string().min(1).max(16).optional(),
  debtorTown: z.string().min(1).max(35).optional(),
  matchAutoThreshold: z.coerce.number().gt(0).max(1).optional(),
  matchReviewThreshold: z.coerce.number().gt(0).max(1).optional(),
  fraudPolicy: z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'expected a JSON object' });
        return z.NEVER;
      }
    })
    .pipe(FraudPolicy)
    .default(DEFAULT_FRAUD_POLICY),
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
