import { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import { DomainError } from '../domain/errors';
import { STREET_TYPES } from '../domain/matching';
import { MerchantInput, withoutUndefined } from '../domain/merchant';
import { isValidSiret } from '../domain/siret';

/**
 * Reading the city's CSV for the import (shared/merchants/import.ts, whose module comment describes
 * the two formats): format and delimiter detection, streaming parse, and each row mapped to a
 * shop's fields or to a reason to leave it aside.
 */

export type ImportFormat = 'sirene' | 'plain';

export type CsvSource = string | Uint8Array | AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

// ------------------------------------------------------------------------------------------------
// Rows -> merchant input
// ------------------------------------------------------------------------------------------------

/** What a row gives: a shop's fields, or a reason to leave it aside. */
export type ParsedRow =
  | { kind: 'ROW'; line: number; input: MerchantInput; aliasesFromFile: string[]; fields: ReadonlySet<string> }
  | { kind: 'SKIP'; line: number; siret?: string; code: string; reason: string }
  | { kind: 'REJECT'; line: number; siret?: string; code: string; reason: string };

const SIRENE_REQUIRED = ['siret', 'codepostaletablissement', 'libellecommuneetablissement', 'libellevoieetablissement'];
const PLAIN_REQUIRED = ['name', 'siret', 'street', 'postcode', 'city'];

/** Street types written as French writes them. */
const ACCENTED_TYPES: Record<string, string> = {
  ALLEE: 'ALLÉE', ALLEES: 'ALLÉES', CHAUSSEE: 'CHAUSSÉE', MONTEE: 'MONTÉE', CITE: 'CITÉ', RESIDENCE: 'RÉSIDENCE', ECART: 'ÉCART', 'TERRE-PLEIN': 'TERRE-PLEIN',
};
const LEGAL_FORM_WORDS = /^(SARL|SAS|SASU|EURL|SA|SNC|SCI|EI|EIRL|SCOP|SELARL|SELAS|ETS|STE)$/i;

/** A display name: legal forms at either end dropped ("SARL LES DELICES" -> "Les Delices"). */
function displayName(raw: string): string {
  const words = raw.trim().split(/\s+/);
  while (words.length > 1 && LEGAL_FORM_WORDS.test(words[0]!)) words.shift();
  while (words.length > 1 && LEGAL_FORM_WORDS.test(words[words.length - 1]!)) words.pop();
  return titleCase(words.join(' '));
}

const INDICES: Record<string, string> = { B: 'bis', T: 'ter', Q: 'quater', C: 'quinquies' };
const LOWER_WORDS = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'et', 'au', 'aux', 'en', 'sur', 'sous', 'lès', 'lez', 'les', 'à', 'a']);
const KEEP_UPPER = new Set(['SARL', 'SAS', 'SASU', 'EURL', 'SA', 'SNC', 'SCI', 'EI', 'EIRL', 'SCOP', 'BD', 'CB', 'TV', 'HIFI']);

/** "BOULANGERIE DE LA GARE" -> "Boulangerie de la Gare"; mixed-case text is left as it is. */
export function titleCase(s: string): string {
  const t = s.trim().replace(/\s+/g, ' ');
  if (t !== t.toUpperCase()) return t;
  let first = true;
  return t.replace(/[\p{L}\p{N}]+/gu, (w) => {
    const lower = w.toLowerCase();
    let out: string;
    if (KEEP_UPPER.has(w) || (/\d/.test(w) && /\p{L}/u.test(w))) out = w;
    else if (!first && LOWER_WORDS.has(lower)) out = lower;
    else if (!first && (lower === 'd' || lower === 'l')) out = lower;
    else out = lower.charAt(0).toUpperCase() + lower.slice(1);
    first = false;
    return out;
  });
}

/** The street of a SIRENE row: "12", "B", "RUE", "DE LA REPUBLIQUE" -> "12 bis rue de la Republique". */
export function sireneStreet(numero: string, indice: string, typeVoie: string, libelle: string, complement = ''): string {
  const type = typeVoie.trim().toUpperCase();
  const canonical = type ? (STREET_TYPES[type] ?? type) : '';
  const typeWord = (ACCENTED_TYPES[canonical] ?? canonical).toLowerCase();
  const ind = indice.trim().toUpperCase();
  const named = titleCase(`${typeWord.toUpperCase()} ${libelle.trim().toUpperCase()}`.trim());
  const parts = [
    numero.trim().replace(/^0+(?=\d)/, ''),
    ind ? (INDICES[ind] ?? ind.toLowerCase()) : '',
    typeWord ? named.charAt(0).toLowerCase() + named.slice(1) : named,
  ].filter(Boolean);
  let street = parts.join(' ');
  if (!libelle.trim() && complement.trim()) street = titleCase(complement);
  return street;
}

function cell(row: string[], header: Map<string, number>, name: string): string {
  const i = header.get(name);
  return i === undefined ? '' : (row[i] ?? '').trim();
}

function firstIssue(error: { issues: Array<{ path: PropertyKey[]; message: string }> }): { code: string; reason: string } {
  const issue = error.issues[0]!;
  const path = issue.path.map(String).join('.');
  const code =
    path === 'siret' ? 'INVALID_SIRET' : path === 'address.postcode' ? 'INVALID_POSTCODE' : path === 'name' ? 'MISSING_NAME' : path.startsWith('address') ? 'INVALID_ADDRESS' : 'INVALID_ROW';
  return { code, reason: `${path || 'row'}: ${issue.message}` };
}

function validated(line: number, raw: Record<string, unknown>, aliasesFromFile: string[], fields: ReadonlySet<string>): ParsedRow {
  const parsed = MerchantInput.safeParse(raw);
  const siret = typeof raw.siret === 'string' && raw.siret ? raw.siret : undefined;
  if (!parsed.success) return { kind: 'REJECT', line, ...(siret ? { siret } : {}), ...firstIssue(parsed.error) };
  return { kind: 'ROW', line, input: parsed.data, aliasesFromFile, fields };
}

export function sireneRow(row: string[], header: Map<string, number>, line: number): ParsedRow {
  const siret = cell(row, header, 'siret').replace(/[\s.]/g, '');
  const state = cell(row, header, 'etatadministratifetablissement').toUpperCase();
  if (state === 'F') return { kind: 'SKIP', line, ...(siret ? { siret } : {}), code: 'CLOSED', reason: 'établissement fermé (etatAdministratifEtablissement = F)' };
  if (!/^\d{14}$/.test(siret)) return { kind: 'REJECT', line, ...(siret ? { siret } : {}), code: 'INVALID_SIRET', reason: `SIRET « ${siret} » : 14 chiffres attendus` };
  if (!isValidSiret(siret)) return { kind: 'REJECT', line, siret, code: 'INVALID_SIRET', reason: `SIRET ${siret} : clé de contrôle (Luhn) incorrecte` };
  const postcode = cell(row, header, 'codepostaletablissement');
  if (!postcode) return { kind: 'REJECT', line, siret, code: 'MISSING_POSTCODE', reason: 'code postal absent' };
  const enseigne = cell(row, header, 'enseigne1etablissement');
  const usuelle = cell(row, header, 'denominationusuelleetablissement');
  const legal = cell(row, header, 'denominationunitelegale');
  const displayed = enseigne || usuelle || legal;
  if (!displayed) return { kind: 'REJECT', line, siret, code: 'MISSING_NAME', reason: 'ni enseigne ni dénomination' };
  const street = sireneStreet(
    cell(row, header, 'numerovoieetablissement'),
    cell(row, header, 'indicerepetitionetablissement'),
    cell(row, header, 'typevoieetablissement'),
    cell(row, header, 'libellevoieetablissement'),
    cell(row, header, 'complementadresseetablissement'),
  );
  if (!street) return { kind: 'REJECT', line, siret, code: 'MISSING_STREET', reason: 'adresse (voie) absente' };
  const naf = cell(row, header, 'activiteprincipaleetablissement');
  const name = displayName(displayed);
  const aliases = [...new Set([enseigne, usuelle, cell(row, header, 'enseigne2etablissement'), cell(row, header, 'enseigne3etablissement')].filter((a) => a && displayName(a) !== name).map(displayName))];
  const fields = new Set(['name', 'address', 'sign', 'nafCode', 'aliases', ...(header.has('denominationunitelegale') ? ['legalName'] : [])]);
  return validated(
    line,
    withoutUndefined({
      name,
      siret,
      address: { street, postcode, city: titleCase(cell(row, header, 'libellecommuneetablissement')) },
      ...(enseigne ? { sign: enseigne } : {}),
      ...(legal ? { legalName: legal } : {}),
      ...(/^\d{2}\.?\d{2}[A-Z]$/i.test(naf) ? { nafCode: naf } : {}),
      ...(NAF_CATEGORIES[naf.replace(/^(\d{2})(\d{2}[A-Z])$/i, '$1.$2').toUpperCase()] ? { category: NAF_CATEGORIES[naf.replace(/^(\d{2})(\d{2}[A-Z])$/i, '$1.$2').toUpperCase()] } : {}),
      aliases,
      tags: [],
    }),
    aliases,
    fields,
  );
}

export function plainRow(row: string[], header: Map<string, number>, line: number): ParsedRow {
  const siret = cell(row, header, 'siret').replace(/[\s.]/g, '');
  if (!cell(row, header, 'postcode')) return { kind: 'REJECT', line, ...(siret ? { siret } : {}), code: 'MISSING_POSTCODE', reason: 'code postal absent' };
  const list = (name: string) => [...new Set(cell(row, header, name).split('|').map((t) => t.trim()).filter(Boolean))];
  const category = cell(row, header, 'category');
  const fields = new Set(['name', 'address', ...(header.has('category') ? ['category'] : []), ...(header.has('tags') ? ['tags'] : []), ...(header.has('aliases') ? ['aliases'] : [])]);
  const aliases = list('aliases');
  return validated(
    line,
    {
      name: cell(row, header, 'name'),
      siret,
      address: { street: cell(row, header, 'street'), postcode: cell(row, header, 'postcode'), city: cell(row, header, 'city') },
      ...(category ? { category } : {}),
      tags: list('tags'),
      aliases,
    },
    aliases,
    fields,
  );
}

/** Categories of the NAF codes of local shops, for the directory's filter. */
export const NAF_CATEGORIES: Record<string, string> = {
  '10.71C': 'Boulangerie', '10.71D': 'Pâtisserie', '47.24Z': 'Boulangerie', '10.13B': 'Charcuterie', '47.22Z': 'Boucherie',
  '47.23Z': 'Poissonnerie', '47.25Z': 'Caviste', '47.29Z': 'Épicerie', '47.11B': 'Alimentation générale', '47.11C': 'Supérette',
  '47.11D': 'Supermarché', '47.21Z': 'Primeur', '47.61Z': 'Librairie', '47.62Z': 'Presse et papeterie', '47.26Z': 'Tabac',
  '47.73Z': 'Pharmacie', '47.78A': 'Optique', '96.02A': 'Coiffure', '96.02B': 'Institut de beauté', '47.76Z': 'Fleuriste',
  '56.30Z': 'Café, bar', '56.10A': 'Restaurant', '56.10C': 'Restauration rapide', '47.77Z': 'Bijouterie', '47.72A': 'Chaussures',
  '95.23Z': 'Cordonnerie', '47.71Z': 'Habillement', '47.51Z': 'Mercerie, tissus', '47.52A': 'Quincaillerie', '47.52B': 'Bricolage',
  '47.64Z': 'Sport', '47.65Z': 'Jeux et jouets', '47.59A': 'Meubles', '47.59B': 'Équipement de la maison', '47.54Z': 'Électroménager',
  '47.41Z': 'Informatique', '47.42Z': 'Téléphonie', '47.63Z': 'Musique et vidéo', '47.75Z': 'Parfumerie', '47.78C': 'Commerce de détail',
  '74.20Z': 'Photographie', '10.82Z': 'Chocolaterie, confiserie', '47.79Z': 'Brocante', '47.81Z': 'Marché alimentaire',
};

// ------------------------------------------------------------------------------------------------
// Streaming CSV
// ------------------------------------------------------------------------------------------------

function chunks(source: CsvSource): AsyncIterable<Uint8Array | string> {
  if (typeof source === 'string' || source instanceof Uint8Array) {
    return (async function* () {
      // Large strings are handed to the parser in pieces.
      const step = 1 << 16;
      for (let i = 0; i < source.length; i += step) yield source.slice(i, i + step);
    })();
  }
  if (Symbol.asyncIterator in source) return source;
  return (async function* () {
    yield* source as Iterable<string | Uint8Array>;
  })();
}

function detectDelimiter(head: string): ',' | ';' {
  const firstLine = head.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/** The rows of a CSV file, parsed and mapped one at a time (async: the file streams through). */
export async function* parseMerchantCsv(
  source: CsvSource,
  opts: { format?: ImportFormat; onHeader?: (h: { format: ImportFormat; delimiter: ',' | ';' }) => void } = {},
): AsyncGenerator<ParsedRow> {
  const it = chunks(source)[Symbol.asyncIterator]();
  const prefix: Array<Uint8Array | string> = [];
  let head = '';
  while (!/\r?\n/.test(head) && head.length < 1 << 20) {
    const next = await it.next();
    if (next.done) break;
    prefix.push(next.value);
    head += typeof next.value === 'string' ? next.value : Buffer.from(next.value).toString('utf8');
  }
  if (head.replace(/^\uFEFF/, '').trim().length === 0) throw new DomainError('EMPTY_CSV', 'The CSV file is empty.');
  const delimiter = detectDelimiter(head);

  const skipped: Array<{ line: number; reason: string }> = [];
  const parser = parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
    on_skip: (err: CsvError | undefined) => {
      if (err) skipped.push({ line: Number((err as unknown as { lines?: number }).lines ?? 0), reason: err.message });
      return undefined;
    },
  });
  const input = Readable.from(
    (async function* () {
      for (const c of prefix) yield typeof c === 'string' ? c : Buffer.from(c);
      for (;;) {
        const next = await it.next();
        if (next.done) return;
        yield typeof next.value === 'string' ? next.value : Buffer.from(next.value);
      }
    })(),
    { objectMode: false },
  );
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);

  let header: Map<string, number> | undefined;
  let format: ImportFormat | undefined = opts.format;
  try {
    for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      while (skipped.length > 0) {
        const s = skipped.shift()!;
        yield { kind: 'REJECT', line: s.line, code: 'UNREADABLE_ROW', reason: `CSV illisible : ${s.reason}` };
      }
      const line = rec.info.lines;
      if (!header) {
        header = new Map(rec.record.map((h, i) => [h.replace(/^\uFEFF/, '').trim().toLowerCase(), i]));
        format ??= header.has('codepostaletablissement') ? 'sirene' : 'plain';
        const required = format === 'sirene' ? SIRENE_REQUIRED : PLAIN_REQUIRED;
        const missing = required.filter((c) => !header!.has(c));
        if (missing.length > 0) {
          throw new DomainError('INVALID_CSV_HEADER', `The ${format} CSV header lacks: ${missing.join(', ')}.`, 400, missing.map((m) => ({ path: m, message: 'missing column' })));
        }
        opts.onHeader?.({ format, delimiter });
        continue;
      }
      if (rec.record.every((v) => v.trim() === '')) continue;
      yield format === 'sirene' ? sireneRow(rec.record, header, line) : plainRow(rec.record, header, line);
    }
    for (const s of skipped) yield { kind: 'REJECT', line: s.line, code: 'UNREADABLE_ROW', reason: `CSV illisible : ${s.reason}` };
  } finally {
    input.destroy();
    parser.destroy();
  }
  if (!header) throw new DomainError('EMPTY_CSV', 'The CSV file has no header.');
}
