import { Logger } from '@aws-lambda-powertools/logger';

/** One structured logger per function; never log receipts' images, IBANs or tokens. */
export function createLogger(serviceName: string): Logger {
  return new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'cabas', persistentKeys: { stage: serviceName } });
}
