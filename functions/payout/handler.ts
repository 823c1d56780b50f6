import { loadConfig } from '../../shared/config';
import { createAppContext } from '../../shared/wiring/context';
import { createLogger } from '../../shared/adapters/logger';
import { payoutSettingsFrom, runPayouts } from '../../shared/app/payouts';

const logger = createLogger('payout');
const config = loadConfig();
const ctx = createAppContext(config);

/**
 * Scheduled by EventBridge Scheduler (the city's cron, Europe/Paris): builds the period's SEPA
 * batch, or resumes it, and returns its summary (null when no wallet is due).
 */
export const handler = async () => {
  const batch = await runPayouts(ctx, payoutSettingsFrom(config));
  logger.info('payout run', { batch });
  return batch;
};
