/**
 * `npx cabas merchants import <file> [--format sirene|plain]`: imports the city's list of shops
 * into the local stack, streaming the file (any size: the API takes a few MB at most). Through the
 * running stack's DynamoDB Local (found in <CABAS_DATA_DIR>/stack.json), or by opening the data
 * directory when the stack is not running. Prints the import report as JSON on stdout, progress on stderr.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DynamoMerchantStore } from '../adapters/dynamodb/merchant-matching';
import { importMerchants, type ImportFormat } from '../merchants/import';
import { withLocalTable } from './local-table';

const USAGE = `usage: cabas merchants import <file.csv> [--format sirene|plain]
  Imports (upserts by SIRET) the participating shops of a SIRENE establishment file or of a plain
  CSV (name,siret,street,postcode,city,category,tags) into the local stack, and prints the report.`;

export async function runMerchantsCommand(args: string[], dataDir: string): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'import') {
    console.error(sub && sub !== '--help' ? `cabas: unknown merchants command: ${sub}\n${USAGE}` : USAGE);
    return sub === '--help' ? 0 : 2;
  }
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { format: { type: 'string' } } });
  if (positionals.length !== 1 || (values.format !== undefined && values.format !== 'sirene' && values.format !== 'plain')) {
    console.error(`cabas: merchants import needs one file and an optional --format sirene|plain\n${USAGE}`);
    return 2;
  }
  const file = positionals[0]!;
  const size = (await stat(file)).size;

  return withLocalTable(dataDir, async (doc, table) => {
    const started = Date.now();
    let last = 0;
    const report = await importMerchants(new DynamoMerchantStore(doc, table), createReadStream(file), {
      ...(values.format ? { format: values.format as ImportFormat } : {}),
      now: () => new Date(),
      newId: () => randomUUID(),
      onProgress: (r) => {
        if (Date.now() - last < 2_000) return;
        last = Date.now();
        process.stderr.write(`[cabas] ${r.rows} rows read (${(size / 1e6).toFixed(1)} MB file): ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.skippedCount} skipped, ${r.rejectedCount} rejected\n`);
      },
    });
    process.stderr.write(`[cabas] done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    console.log(JSON.stringify(report, null, 2));
    return 0;
  });
}
