import { ENV } from '../../shared/config';

/** A function's environment as the CityStack sets it, for a made-up city in eu-west-3 (no call leaves the test). */
export const LAMBDA_TEST_ENV: Record<string, string> = {
  AWS_REGION: 'eu-west-3',
  AWS_DEFAULT_REGION: 'eu-west-3',
  [ENV.table]: 'cabas-table',
  [ENV.receiptsBucket]: 'cabas-receipts',
  [ENV.ocrQueueUrl]: 'https://sqs.eu-west-3.amazonaws.com/123456789012/ocr',
  [ENV.matchQueueUrl]: 'https://sqs.eu-west-3.amazonaws.com/123456789012/match',
  [ENV.creditQueueUrl]: 'https://sqs.eu-west-3.amazonaws.com/123456789012/credit',
  [ENV.ocrEngine]: 'textract-expense',
  [ENV.uploadUrlTtlSeconds]: '900',
  [ENV.payoutThresholdCents]: '1500',
};
