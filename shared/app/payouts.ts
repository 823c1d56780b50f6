import type { AppContext } from './context';

/** Wallets whose balance reaches the payout threshold, and what paying them would move. */
export async function walletsDue(ctx: AppContext, thresholdCents: number) {
  let count = 0;
  let totalCents = 0;
  for await (const wallet of ctx.ledger.walletsWithBalance(thresholdCents)) {
    count++;
    totalCents += wallet.balanceCents;
  }
  return { thresholdCents, count, totalCents };
}
