import { newMerchant, type Merchant } from '../domain/merchant';
import type { MerchantStore } from '../ports';
import { parseMerchantCsv, type CsvSource, type ImportFormat, type ParsedRow } from './import-csv';
import { BatchConflictError } from './types';

/**
 * Imports the city's list of participating shops from CSV, streaming: rows are parsed as they
 * arrive and written in chunks of at most 49 shops (one DynamoDB transaction each), so memory stays
 * flat whatever the size of the file (besides one set of the SIRETs seen, to catch duplicates).
 *
 * Two formats, told apart by their header when not given:
 *   - `sirene`: INSEE's establishment file (StockEtablissement / the API's CSV export): `siret`,
 *     `enseigne1Etablissement`, `denominationUsuelleEtablissement`, `numeroVoieEtablissement`,
 *     `indiceRepetitionEtablissement`, `typeVoieEtablissement`, `libelleVoieEtablissement`,
 *     `codePostalEtablissement`, `libelleCommuneEtablissement`, `activitePrincipaleEtablissement`,
 *     `etatAdministratifEtablissement` (closed establishments, F, are skipped); optional
 *     `denominationUniteLegale`, `enseigne2Etablissement`, `enseigne3Etablissement`,
 *     `complementAdresseEtablissement`.
 *   - `plain`: `name,siret,street,postcode,city,category,tags` (tags separated by `|`; optional
 *     `aliases` the same way).
 * Delimiter `,` or `;` (detected on the header), UTF-8 with or without BOM, quotes as in RFC 4180.
 *
 * Upsert by SIRET, idempotent: a row whose shop exists with the same content changes nothing; a
 * changed row updates the shop (same merchantId); the fields the file does not carry (tags,
 * showcase, coordinates, status...) are kept.
 */

export { NAF_CATEGORIES, parseMerchantCsv, plainRow, sireneRow, sireneStreet, titleCase, type CsvSource, type ImportFormat, type ParsedRow } from './import-csv';

export interface ImportIssue {
  line: number;
  siret?: string;
  code: string;
  reason: string;
}

export interface ImportReport {
  format: ImportFormat;
  delimiter: ',' | ';';
  /** Data rows read (the header excluded). */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows left aside on purpose: closed establishments, a SIRET already seen in the file. */
  skipped: ImportIssue[];
  /** Rows that could not be imported: bad SIRET, missing postcode, name or street, unreadable CSV. */
  rejected: ImportIssue[];
  skippedCount: number;
  rejectedCount: number;
  /** True when the lists above were cut at `maxIssues` (the counts are complete). */
  truncated: boolean;
}

export interface ImportOptions {
  format?: ImportFormat;
  now: () => Date;
  newId: () => string;
  /** Shops per transaction (at most 49). */
  chunkSize?: number;
  /** Transactions in flight at once (default 4): chunks hold distinct SIRETs, so they may overlap. */
  concurrency?: number;
  /** Issues listed in full in the report (default 10,000); counted beyond. */
  maxIssues?: number;
  /** Called after each chunk, for progress output. */
  onProgress?: (report: Readonly<ImportReport>) => void;
}

// ------------------------------------------------------------------------------------------------
// Upsert
// ------------------------------------------------------------------------------------------------

const CONTENT_IGNORED = new Set(['updatedAt', 'createdAt']);

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined && !CONTENT_IGNORED.has(k))
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The shop once a row of the file is applied: the file's fields replace, the others stay. */
export function applyRow(existing: Merchant, row: Extract<ParsedRow, { kind: 'ROW' }>, format: ImportFormat): Merchant {
  const next: Record<string, unknown> = { ...existing };
  const input = row.input as Record<string, unknown>;
  for (const field of row.fields) {
    if (field === 'aliases') continue;
    if (input[field] === undefined) delete next[field];
    else next[field] = input[field];
  }
  if (format === 'sirene') {
    // Aliases from the file add to those staff gave; the category from the NAF code fills a gap only.
    next.aliases = [...new Set([...(existing.aliases ?? []), ...row.aliasesFromFile])];
    if (!existing.category && row.input.category) next.category = row.input.category;
  } else if (row.fields.has('aliases')) {
    next.aliases = row.input.aliases;
  }
  return next as unknown as Merchant;
}

export function sameContent(a: Merchant, b: Merchant): boolean {
  return canonical(a) === canonical(b);
}

/** Imports a CSV into the store; see the module comment. */
export async function importMerchants(store: MerchantStore, source: CsvSource, opts: ImportOptions): Promise<ImportReport> {
  const chunkSize = Math.min(49, Math.max(1, opts.chunkSize ?? 49));
  const maxIssues = opts.maxIssues ?? 10_000;
  const report: ImportReport = {
    format: opts.format ?? 'plain',
    delimiter: ',',
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: [],
    rejected: [],
    skippedCount: 0,
    rejectedCount: 0,
    truncated: false,
  };
  const issue = (list: ImportIssue[], i: ImportIssue) => {
    if (list.length < maxIssues) list.push(i);
    else report.truncated = true;
  };
  // SIRETs seen, as numbers (14 digits fit a double exactly): ~20 bytes each, the only memory that
  // grows with the file.
  const seen = new Map<number, number>();
  let pending: Array<Extract<ParsedRow, { kind: 'ROW' }>> = [];
  const concurrency = Math.max(1, opts.concurrency ?? 4);
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;

  const writeChunk = async (rows: Array<Extract<ParsedRow, { kind: 'ROW' }>>) => {
    for (let attempt = 0; ; attempt++) {
      const existing = await store.getBySirets(rows.map((r) => r.input.siret));
      const now = opts.now();
      const creates: Merchant[] = [];
      const updates: Array<{ merchant: Merchant; expectedUpdatedAt: string | undefined }> = [];
      let unchanged = 0;
      for (const row of rows) {
        const old = existing.get(row.input.siret);
        if (!old) {
          creates.push(newMerchant(row.input, opts.newId(), now, report.format === 'sirene' ? 'import-sirene' : 'import-plain'));
          continue;
        }
        const next = applyRow(old, row, report.format);
        if (sameContent(old, next)) unchanged++;
        else updates.push({ merchant: { ...next, updatedAt: now.toISOString() }, expectedUpdatedAt: old.updatedAt });
      }
      try {
        await store.writeBatch({ creates, updates, bumpVersion: concurrency === 1 });
        if (concurrency > 1 && creates.length + updates.length > 0) await touch(false);
      } catch (err) {
        // Another writer (staff, a concurrent import) got there first: read again and redo the chunk.
        if (err instanceof BatchConflictError && attempt < 4) continue;
        throw err;
      }
      report.created += creates.length;
      report.updated += updates.length;
      report.unchanged += unchanged;
      opts.onProgress?.(report);
      return;
    }
  };

  // Concurrent chunks bump the directory version at most every 2 s (each bump makes the match
  // containers rebuild their index), and once at the end.
  let lastTouch = 0;
  let untouched = false;
  const touch = async (final: boolean) => {
    untouched = true;
    if (!final && Date.now() - lastTouch < 2_000) return;
    lastTouch = Date.now();
    untouched = false;
    await store.touchDirectory();
  };

  /** Hands the pending rows to a transaction; waits while `concurrency` are in flight (backpressure). */
  const flush = async () => {
    const rows = pending;
    pending = [];
    if (rows.length === 0) return;
    const p: Promise<void> = writeChunk(rows).then(
      () => {
        inFlight.delete(p);
      },
      (err: unknown) => {
        inFlight.delete(p);
        failure ??= err;
      },
    );
    inFlight.add(p);
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    if (failure) throw failure;
  };

  for await (const row of parseMerchantCsv(source, {
    ...(opts.format ? { format: opts.format } : {}),
    onHeader: (h) => {
      report.format = h.format;
      report.delimiter = h.delimiter;
    },
  })) {
    report.rows++;
    if (row.kind === 'SKIP') {
      report.skippedCount++;
      issue(report.skipped, { line: row.line, ...(row.siret ? { siret: row.siret } : {}), code: row.code, reason: row.reason });
      continue;
    }
    if (row.kind === 'REJECT') {
      report.rejectedCount++;
      issue(report.rejected, { line: row.line, ...(row.siret ? { siret: row.siret } : {}), code: row.code, reason: row.reason });
      continue;
    }
    const key = Number(row.input.siret);
    const first = seen.get(key);
    if (first !== undefined) {
      report.skippedCount++;
      issue(report.skipped, { line: row.line, siret: row.input.siret, code: 'DUPLICATE_IN_FILE', reason: `SIRET déjà présent ligne ${first}` });
      continue;
    }
    seen.set(key, row.line);
    pending.push(row);
    if (pending.length >= chunkSize) await flush();
  }
  await flush();
  await Promise.all(inFlight);
  if (failure) throw failure;
  if (untouched) await touch(true);
  return report;
}
