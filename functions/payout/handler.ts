import { loadConfig } from '../../shared/config';
import { createPayoutContext } from '../../shared/wiring/payout';
import { createLogger } from '../../shared/adapters/logger';
import { payoutSettingsFrom, runPayouts } from '../../shared/app/payouts';
import { runPrivacyJob } from '../../shared/app/privacy';
import { sweepWaitingTickets } from '../../shared/app/parking';
import { creditReceipt } from '../../shared/app/stages/credit';

const logger = createLogger('payout');
const config = loadConfig();
const ctx = createPayoutContext(config);

/**
 * Scheduled by EventBridge Scheduler (Europe/Paris), on two schedules. The city's payout cron
 * builds the period's SEPA batch, or resumes it, and returns its summary (null when no wallet is
 * due). The daily privacy schedule (`{ "job": "privacy" }`) erases the personal data of receipts
 * past the city's retention and returns how many (shared/app/privacy.ts). The hourly parking
 * schedule (`{ "job": "parking" }`) decides the parking tickets whose wait for a purchase is over
 * (shared/app/parking.ts), crediting or refusing each.
 */
export const handler = async (event?: { job?: string }) => {
  if (event?.job === 'parking') {
    const run = await sweepWaitingTickets(ctx, (receiptId) => creditReceipt(ctx, receiptId));
    logger.info('parking sweep', { run });
    return run;
  }
  if (event?.job === 'privacy') {
    const run = await runPrivacyJob(ctx, { receiptPersonalDataRetentionDays: config.receiptPersonalDataRetentionDays });
    logger.info('privacy run', { run });
    return run;
  }
  const batch = await runPayouts(ctx, payoutSettingsFrom(config));
  logger.info('payout run', { batch });
  return batch;
};
