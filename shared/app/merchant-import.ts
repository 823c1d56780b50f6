import { importMerchants as runImport, type CsvSource, type ImportFormat, type ImportReport } from '../merchants/import';
import type { AppContext } from './context';

/** Imports the city's list (SIRENE establishments or the plain format); see shared/merchants/import.ts. */
export function importMerchantList(ctx: AppContext, source: CsvSource, format?: ImportFormat): Promise<ImportReport> {
  return runImport(ctx.merchants, source, { ...(format ? { format } : {}), now: () => ctx.clock.now(), newId: () => ctx.newId() });
}
