import * as z from 'zod';
import { FraudPolicy } from '../shared/domain/fraud-policy';

/**
 * A city's deployment configuration: the `cabas` object in the `context` of cdk.json (or passed
 * with `npx cdk deploy -c cabas='{...}'`). One configuration = one city = one CityStack.
 */

/** OCR engines that run in AWS. `tesseract` is the offline engine of the local stack only: its
 * packages are left out of the Lambda bundles. */
export const AwsOcrEngine = z.enum(['textract-expense', 'textract-text'], {
  error: (issue) =>
    issue.input === 'tesseract'
      ? '"tesseract" is the local-stack engine and is not packaged for Lambda; use "textract-expense" or "textract-text"'
      : 'expected "textract-expense" (AnalyzeExpense) or "textract-text" (DetectDocumentText, cheaper)',
});
export type AwsOcrEngine = z.infer<typeof AwsOcrEngine>;

// EventBridge Scheduler expressions: cron with 6 fields, rate(n unit), or a one-off at(...).
const CRON = /^cron\(\s*\S+(\s+\S+){5}\s*\)$/;
const RATE = /^rate\(\s*[1-9]\d*\s+(minute|minutes|hour|hours|day|days)\s*\)$/;
const AT = /^at\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\)$/;

export const CityConfig = z
  .object({
    /** Display name of the city (commune / intercommunalité), used in descriptions and tags. */
    cityName: z.string().trim().min(2, 'must be the city name, at least 2 characters').max(120),
    /** CloudFormation stack name. Default: "Cabas-" + the city name as ASCII letters, digits and dashes. */
    stackName: z
      .string()
      .regex(
        /^[A-Za-z][A-Za-z0-9-]{0,127}$/,
        'must start with a letter and contain only letters, digits and dashes (at most 128)',
      )
      .optional(),
    /** AWS region to deploy to (e.g. "eu-west-3", Paris). Default: the CLI's current region. */
    region: z
      .string()
      .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'must be an AWS region code such as "eu-west-3"')
      .optional(),
    /** OCR engine used by the ocr function. */
    ocrEngine: AwsOcrEngine.default('textract-expense'),
    /** EventBridge Scheduler expression of the payout job, read in the Europe/Paris time zone. */
    payoutSchedule: z
      .string()
      .trim()
      .refine((s) => CRON.test(s) || RATE.test(s) || AT.test(s), {
        message:
          'must be an EventBridge Scheduler expression: "cron(min hour day-of-month month day-of-week year)" ' +
          '(6 fields, e.g. "cron(0 6 1 * ? *)"), "rate(7 days)" or "at(2026-07-01T06:00:00)"',
      }),
    /** Wallet balance (integer cents) from which a resident is paid out. */
    payoutThresholdCents: z
      .number({ error: 'must be a number of cents (integer), e.g. 1500 for 15 EUR' })
      .int('must be an integer number of cents')
      .min(1)
      .max(100_000_00),
    /**
     * The city as payer of the SEPA transfers: the name, account and address written in every
     * pain.001 file (SEPA requires a structured address: at least postcode and town).
     */
    payer: z
      .object({
        name: z.string().trim().min(2).max(70),
        iban: z.string().regex(/^FR\d{2}[0-9A-Z ]{23,30}$/, 'must be the city\'s French IBAN (FRkk...)'),
        bic: z.string().regex(/^[A-Z0-9]{8}([A-Z0-9]{3})?$/, 'must be a BIC of 8 or 11 characters').optional(),
        postcode: z.string().regex(/^\d{5}$/, 'must be a 5-digit postcode'),
        town: z.string().trim().min(1).max(35),
      })
      .strict(),
    /** Merchant matching thresholds (0..1): automatic match at or above `auto`, staff review at or above `review`. */
    matching: z
      .object({ auto: z.number().gt(0).max(1), review: z.number().gt(0).max(1) })
      .strict()
      .refine((m) => m.review <= m.auto, { message: 'review must not be above auto', path: ['review'] })
      .optional(),
    /**
     * The city's fraud limits and review thresholds (any subset of shared/domain/fraud-policy.ts:
     * e.g. { "maxReceiptsPerResidentPerDay": 5, "openingHoursToleranceMinutes": 30 }).
     */
    fraud: z.optional(FraudPolicy),
    /** Days after which receipt images (the upload under receipts/ and the copy read, under kept/receipts/) are deleted from S3. */
    imageRetentionDays: z
      .number({ error: 'must be a number of days' })
      .int('must be a whole number of days')
      .min(1)
      .max(3650),
    /**
     * Days after its decision (credited or rejected) that a receipt keeps its personal data: its
     * photo, OCR text, line items, time of sale, ticket number, means of payment (docs/privacy.md).
     * A daily job erases them; the amounts, dates, shop and campaign stay. Default 365.
     */
    receiptPersonalDataRetentionDays: z
      .number({ error: 'must be a number of days' })
      .int('must be a whole number of days')
      .min(1)
      .max(3650)
      .default(365),
    /**
     * The review queue alarm: raised when, over 6 hours, this many more receipts were held for
     * staff review than staff decided (the queue grows faster than it is worked). Default 25.
     */
    reviewQueueGrowthAlarm: z.number({ error: 'must be a number of receipts' }).int('must be a whole number').min(1).max(100000).default(25),
    /**
     * Active X-Ray tracing on every function: one trace per invocation, about a fifth of what a
     * receipt costs without OCR (docs/cost.md). Off by default; turn it on while investigating.
     */
    tracing: z.boolean({ error: 'must be true or false' }).default(false),
    /** Address that receives the alarm notifications (confirm the SNS subscription email). */
    alarmEmail: z.email('must be an email address or null').nullable().default(null),
  })
  .strict();
export type CityConfig = z.infer<typeof CityConfig>;

export class CityConfigError extends Error {
  override readonly name = 'CityConfigError';
}

/** Parses the raw `cabas` context value; throws a CityConfigError listing every problem. */
export function parseCityConfig(raw: unknown): CityConfig {
  if (raw === undefined || raw === null) {
    throw new CityConfigError(
      'Missing city configuration: add a "cabas" object to the "context" of cdk.json ' +
        '(see docs/deploy.md), or pass it with -c cabas=\'{"cityName": ...}\'.',
    );
  }
  // `-c cabas='{...}'` on the command line arrives as a string.
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new CityConfigError('Invalid city configuration: the "cabas" context value is not valid JSON.');
    }
  }
  const parsed = CityConfig.safeParse(value);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const where = issue.path.length > 0 ? `cabas.${issue.path.join('.')}` : 'cabas';
      return `  - ${where}: ${issue.message}`;
    });
    throw new CityConfigError(`Invalid city configuration in the "cabas" context:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** "Ville de Montreuil-sur-Exemple" -> "Cabas-Ville-de-Montreuil-sur-Exemple". */
export function defaultStackName(cityName: string): string {
  const ascii = cityName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `Cabas-${ascii}`.slice(0, 128).replace(/-+$/, '');
}

export function stackNameOf(config: CityConfig): string {
  return config.stackName ?? defaultStackName(config.cityName);
}
