import { loadConfig } from '../../shared/config';
import { createAppContext } from '../../shared/adapters/wiring';
import { createLogger } from '../../shared/adapters/logger';
import { walletsDue } from '../../shared/app/payouts';

const logger = createLogger('payout');
const config = loadConfig();
const ctx = createAppContext(config);

/**
 * Scheduled by EventBridge Scheduler. For now it lists the wallets with a balance due at or above
 * the city's threshold; building the SEPA batch is the payouts work.
 */
export const handler = async () => {
  const due = await walletsDue(ctx, config.payoutThresholdCents);
  logger.info('wallets due for payout', { count: due.count, totalCents: due.totalCents });
  return due;
};
