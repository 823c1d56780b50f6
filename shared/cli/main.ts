/**
 * `npx cabas <command>`: operators' commands over the same shared/ code as the Lambdas.
 *   token --sub <id> [--groups admin] [--ttl <seconds>]   a JWT the local stack accepts
 *   extract <image|pdf|analyze-expense.json|detect-text.json>   the parsed extraction as JSON
 *   reconcile                                               checks the ledger invariants (exit 1 if broken)
 *   payouts run                                             runs the payout job now; prints the batch or null
 */
import { parseArgs } from 'node:util';
import { runExtract, runPayoutsNow, runReconcile, runToken } from './commands';

const USAGE = `usage: cabas <command>
  token --sub <id> [--groups admin] [--ttl <seconds>]
  extract <file>          image (JPEG/PNG), PDF, or a saved Textract JSON response
  reconcile               check the ledger of the local stack (CABAS_DATA_DIR, default .cabas)
  payouts run             run the payout job of the running local stack now; prints the batch or null`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const dataDir = process.env.CABAS_DATA_DIR ?? '.cabas';
  switch (command) {
    case 'token': {
      const { values } = parseArgs({ args: rest, options: { sub: { type: 'string' }, groups: { type: 'string' }, ttl: { type: 'string' } } });
      if (!values.sub) throw new UsageError('token needs --sub <resident id>');
      const ttl = values.ttl ? Number(values.ttl) : undefined;
      if (ttl !== undefined && (!Number.isInteger(ttl) || ttl <= 0)) throw new UsageError('--ttl must be a positive number of seconds');
      const groups = values.groups ? values.groups.split(',').map((g) => g.trim()).filter(Boolean) : [];
      console.log(await runToken(dataDir, values.sub, groups, ttl));
      return 0;
    }
    case 'extract': {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} });
      if (positionals.length !== 1) throw new UsageError('extract needs one file');
      console.log(JSON.stringify(await runExtract(positionals[0]!), null, 2));
      return 0;
    }
    case 'merchants': return (await import('./merchants')).runMerchantsCommand(rest, dataDir);
    case 'reconcile': {
      const report = await runReconcile(dataDir);
      console.log(JSON.stringify(report, null, 2));
      return report.ok ? 0 : 1;
    }
    case 'payouts': {
      if (rest[0] !== 'run') throw new UsageError('payouts takes one subcommand: run');
      console.log(JSON.stringify(await runPayoutsNow(dataDir)));
      return 0;
    }
    case undefined:
    case '--help':
    case 'help':
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command: ${command}`);
  }
}

class UsageError extends Error {
  override readonly name = 'UsageError';
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError) {
      console.error(`cabas: ${err.message}\n${USAGE}`);
      process.exit(2);
    }
    console.error(`cabas: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
