import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { importMerchants, parseMerchantCsv, sireneStreet, titleCase, type ParsedRow } from '../../../shared/merchants/import';
import { MemoryMerchantStore } from '../../../shared/merchants/memory-store';
import { sireneFile } from '../../../shared/merchants/synthetic';
import type { MerchantStore } from '../../../shared/ports';

/** SIRENE establishment rows as INSEE publishes them (StockEtablissement columns, a subset, in its order). */
const SIRENE_HEADER =
  'siren,nic,siret,etatAdministratifEtablissement,enseigne1Etablissement,enseigne2Etablissement,denominationUsuelleEtablissement,complementAdresseEtablissement,numeroVoieEtablissement,indiceRepetitionEtablissement,typeVoieEtablissement,libelleVoieEtablissement,codePostalEtablissement,libelleCommuneEtablissement,activitePrincipaleEtablissement';
const SIRENE_ROWS = [
  // 2: an active bakery, sign and street type abbreviated (RUE), repetition index B.
  "812345676,00017,81234567600017,A,AU FOURNIL D'ELISE,,,,12,B,RUE,DE LA REPUBLIQUE,37410,MONTCLAIR-SUR-LOIRE,10.71C",
  // 3: no sign: the usual name (denominationUsuelle) names the shop; AV for avenue.
  '528763410,00040,52876341000040,A,,,FROMAGERIE MAISON VERGNE,,27,,AV,DES TILLEULS,37410,MONTCLAIR-SUR-LOIRE,47.29Z',
  // 4: closed (F): skipped.
  '443061841,00047,44306184100047,F,EPICERIE DU PONT NEUF,,,,5,,RUE,DU PONT NEUF,37410,MONTCLAIR-SUR-LOIRE,47.11B',
  // 5: a SIRET whose check digit is wrong.
  '812345676,00018,81234567600018,A,FAUX,,,,1,,PL,DU MARCHE,37410,MONTCLAIR-SUR-LOIRE,47.24Z',
  // 6: no postcode (an establishment abroad, say).
  '883102741,00013,88310274100013,A,LA CAVE DES COTEAUX,,,,3,B,QUAI,PAUL BERT,,MONTCLAIR-SUR-LOIRE,47.25Z',
  // 7: quoted sign with the delimiter inside, second sign, BD, no NAF category known.
  '799550124,00033,79955012400033,A,"LES PRIMEURS, DU MAIL",PRIMEURS DU MAIL,,,8,,BD,DE LA HALLE,37410,MONTCLAIR-SUR-LOIRE,47.21Z',
  // 8: neither sign nor name.
  '904123874,00029,90412387400029,A,,,,,4,,PL,DU MARCHE AUX HERBES,37410,MONTCLAIR-SUR-LOIRE,47.61Z',
  // 9: a lieu-dit: no street, the address complement instead.
  '732829320,00074,73282932000074,A,FERME DES AULNAIES,,,LIEU DIT LES AULNAIES,,,,,37410,MONTCLAIR-SUR-LOIRE,47.29Z',
];
const SIRENE = `${SIRENE_HEADER}\n${SIRENE_ROWS.join('\n')}\n`;

const PLAIN = [
  'name,siret,street,postcode,city,category,tags',
  "Au Fournil d'Élise,81234567600017,12 rue de la République,37410,Montclair-sur-Loire,Boulangerie,centre-ville|zone-travaux",
  'Librairie Les Mots Passants,904 123 874 00029,4 place du Marché aux Herbes,37410,Montclair-sur-Loire,Librairie,',
  'Sans code postal,52876341000040,27 avenue des Tilleuls,,Montclair-sur-Loire,Fromagerie,',
  'Mauvais SIRET,52876341000041,27 avenue des Tilleuls,37410,Montclair-sur-Loire,,',
  "Au Fournil d'Élise (doublon),81234567600017,12 rue de la République,37410,Montclair-sur-Loire,Boulangerie,",
].join('\n');

async function rows(source: Parameters<typeof parseMerchantCsv>[0], format?: 'sirene' | 'plain') {
  const out: ParsedRow[] = [];
  for await (const r of parseMerchantCsv(source, format ? { format } : {})) out.push(r);
  return out;
}

const run = promisify(execFile);

let n = 0;
const opts = () => ({ now: () => new Date('2026-03-01T10:00:00Z'), newId: () => `m${++n}` });

describe('SIRENE rows', () => {
  it('maps each row to a shop or to a reason, with its line number', async () => {
    const out = await rows(SIRENE);
    expect(out.map((r) => [r.line, r.kind, r.kind === 'ROW' ? r.input.name : r.code])).toEqual([
      [2, 'ROW', "Au Fournil d'Elise"],
      [3, 'ROW', 'Fromagerie Maison Vergne'],
      [4, 'SKIP', 'CLOSED'],
      [5, 'REJECT', 'INVALID_SIRET'],
      [6, 'REJECT', 'MISSING_POSTCODE'],
      [7, 'ROW', 'Les Primeurs, du Mail'],
      [8, 'REJECT', 'MISSING_NAME'],
      [9, 'ROW', 'Ferme des Aulnaies'],
    ]);
  });

  it('expands street types and repetition indices, title-cases names and towns, keeps the NAF code', async () => {
    const [fournil, vergne, , , , primeurs, , ferme] = await rows(SIRENE);
    expect(fournil).toMatchObject({
      kind: 'ROW',
      input: {
        siret: '81234567600017',
        sign: "AU FOURNIL D'ELISE",
        nafCode: '10.71C',
        category: 'Boulangerie',
        address: { street: '12 bis rue de la Republique', postcode: '37410', city: 'Montclair-sur-Loire' },
      },
    });
    expect(vergne).toMatchObject({ input: { address: { street: '27 avenue des Tilleuls' }, category: 'Épicerie' } });
    expect(primeurs).toMatchObject({ input: { address: { street: '8 boulevard de la Halle' }, aliases: ['Primeurs du Mail'] } });
    expect(ferme).toMatchObject({ input: { address: { street: 'Lieu Dit les Aulnaies' } } });
  });

  it.each([
    ['12', 'B', 'RUE', 'DE LA REPUBLIQUE', '12 bis rue de la Republique'],
    ['3', 'T', 'CHE', 'DES VIGNES', '3 ter chemin des Vignes'],
    ['1', '', 'ALL', 'DES TILLEULS', '1 allée des Tilleuls'],
    ['', '', 'IMP', 'DU MOULIN', 'impasse du Moulin'],
    ['7', '', 'QUAI', 'PAUL BERT', '7 quai Paul Bert'],
    ['40', '', 'RTE', 'DE TOURS', '40 route de Tours'],
    ['2', '', 'CRS', 'DE LA LIBERTE', '2 cours de la Liberte'],
    ['5', '', 'PL', 'DU MARCHE', '5 place du Marche'],
    ['005', '', '', 'GRANDE RUE', '5 Grande Rue'],
  ])('street %s %s %s %s -> %s', (num, ind, type, label, expected) => {
    expect(sireneStreet(num, ind, type, label)).toBe(expected);
  });

  it('title-cases upper-case text only', () => {
    expect(titleCase('SAINT-CYR-SUR-LOIRE')).toBe('Saint-Cyr-sur-Loire');
    expect(titleCase("L'ATELIER D'ELISE SARL")).toBe("L'Atelier d'Elise SARL");
    expect(titleCase('Déjà Écrit')).toBe('Déjà Écrit');
  });

  it('reads ; as delimiter, a BOM, CRLF line ends and a file cut anywhere (even inside a character)', async () => {
    const semi = `\uFEFF${SIRENE.replace(/"LES PRIMEURS, DU MAIL"/, 'LES PRIMEURS DU MAIL').replace(/,/g, ';').replace(/\n/g, '\r\n')}`;
    const bytes = Buffer.from(semi, 'utf8');
    const pieces: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 7) pieces.push(bytes.subarray(i, i + 7));
    const out = await rows(pieces);
    expect(out.filter((r) => r.kind === 'ROW').map((r) => r.kind === 'ROW' && r.input.siret)).toEqual(['81234567600017', '52876341000040', '79955012400033', '73282932000074']);
    expect(out.find((r) => r.kind === 'ROW')).toMatchObject({ input: { name: "Au Fournil d'Elise" } });
  });

  it('uses the legal name when the file has it and the establishment has no sign', async () => {
    const csv = 'siret;denominationUniteLegale;enseigne1Etablissement;libelleVoieEtablissement;codePostalEtablissement;libelleCommuneEtablissement\n81234567600017;SARL LES DELICES DE LOIRE;;DES ECOLES;37410;MONTCLAIR\n';
    const [row] = await rows(csv);
    expect(row).toMatchObject({ kind: 'ROW', input: { name: 'Les Delices de Loire', legalName: 'SARL LES DELICES DE LOIRE' } });
  });

  it('refuses a file whose header lacks the columns it needs', async () => {
    await expect(rows('siret,nom\n81234567600017,X\n', 'sirene')).rejects.toMatchObject({ code: 'INVALID_CSV_HEADER' });
    await expect(rows('')).rejects.toMatchObject({ code: 'EMPTY_CSV' });
  });
});

describe('plain rows', () => {
  it('reads name, SIRET (spaces allowed), address, category and |-separated tags', async () => {
    const out = await rows(PLAIN);
    expect(out[0]).toMatchObject({ kind: 'ROW', input: { name: "Au Fournil d'Élise", category: 'Boulangerie', tags: ['centre-ville', 'zone-travaux'] } });
    expect(out[1]).toMatchObject({ kind: 'ROW', input: { siret: '90412387400029', tags: [] } });
    expect(out[2]).toMatchObject({ kind: 'REJECT', line: 4, code: 'MISSING_POSTCODE' });
    expect(out[3]).toMatchObject({ kind: 'REJECT', line: 5, code: 'INVALID_SIRET' });
  });
});

describe('importMerchants', () => {
  it('creates, then changes nothing on a second import of the same file', async () => {
    const store = new MemoryMerchantStore();
    const first = await importMerchants(store, SIRENE, opts());
    expect(first).toMatchObject({ format: 'sirene', delimiter: ',', rows: 8, created: 4, updated: 0, unchanged: 0, skippedCount: 1, rejectedCount: 3 });
    expect(first.skipped).toEqual([{ line: 4, siret: '44306184100047', code: 'CLOSED', reason: expect.any(String) }]);
    expect(first.rejected.map((r) => [r.line, r.code])).toEqual([
      [5, 'INVALID_SIRET'],
      [6, 'MISSING_POSTCODE'],
      [8, 'MISSING_NAME'],
    ]);
    const version = store.version;
    const before = await store.all();
    const second = await importMerchants(store, SIRENE, opts());
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    expect(await store.all()).toEqual(before);
    expect(store.version).toBe(version);
  });

  it('updates a changed row in place (same merchantId) and keeps what staff added', async () => {
    const store = new MemoryMerchantStore();
    await importMerchants(store, PLAIN, opts());
    const fournil = (await store.getBySirets(['81234567600017'])).get('81234567600017')!;
    await store.update({ ...fournil, showcase: { openingHours: 'mar.-dim. 7h-20h' }, updatedAt: 'x' }, fournil.updatedAt);
    const moved = PLAIN.replace('12 rue de la République', '14 rue de la République');
    const report = await importMerchants(store, moved, opts());
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect(report.skipped).toEqual([{ line: 6, siret: '81234567600017', code: 'DUPLICATE_IN_FILE', reason: expect.stringContaining('ligne 2') }]);
    const after = (await store.getBySirets(['81234567600017'])).get('81234567600017')!;
    expect(after).toMatchObject({ merchantId: fournil.merchantId, address: { street: '14 rue de la République' }, showcase: { openingHours: 'mar.-dim. 7h-20h' }, createdAt: fournil.createdAt });
  });

  it('keeps staff aliases and category when a SIRENE row is imported again', async () => {
    const store = new MemoryMerchantStore();
    await importMerchants(store, SIRENE, opts());
    const vergne = (await store.getBySirets(['52876341000040'])).get('52876341000040')!;
    await store.update({ ...vergne, aliases: ['Maison Vergne'], category: 'Fromagerie', tags: ['centre-ville'], updatedAt: 'y' }, vergne.updatedAt);
    const again = await importMerchants(store, SIRENE, opts());
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    expect((await store.get(vergne.merchantId))!).toMatchObject({ aliases: ['Maison Vergne'], category: 'Fromagerie', tags: ['centre-ville'] });
  });

  it('writes in chunks of at most 49 shops, one transaction each', async () => {
    const store = new MemoryMerchantStore();
    const report = await importMerchants(store, sireneFile(500, 3), { ...opts(), chunkSize: 49, concurrency: 1 });
    expect(report.created).toBe(490); // every 50th row is closed
    expect(report.skippedCount).toBe(10);
    expect(store.calls.writeBatch).toBe(Math.ceil(490 / 49));
    expect(store.byId.size).toBe(490);
  });

  it('retries a chunk that raced another writer, reading it again', async () => {
    const store = new MemoryMerchantStore();
    let raced = false;
    const racing: MerchantStore = Object.assign(Object.create(store) as MemoryMerchantStore, {
      writeBatch: async (batch: Parameters<MerchantStore['writeBatch']>[0]) => {
        if (!raced) {
          raced = true;
          // Staff register the first shop of the chunk meanwhile.
          await store.create({ ...batch.creates[0]!, merchantId: 'by-staff' });
        }
        return store.writeBatch(batch);
      },
    });
    const report = await importMerchants(racing, PLAIN, { ...opts(), concurrency: 1 });
    expect(report).toMatchObject({ created: 1, unchanged: 1 });
    expect((await store.getBySirets(['81234567600017'])).get('81234567600017')?.merchantId).toBe('by-staff');
  });

  it('streams: 100,000 rows through a 48 MB heap (a store that keeps nothing, in a child process)', async () => {
    const fixture = fileURLToPath(new URL('./bounded-import.fixture.ts', import.meta.url));
    const { stdout } = await run(process.execPath, ['--max-old-space-size=48', '--import', 'tsx', fixture, '100000'], { cwd: fileURLToPath(new URL('../../..', import.meta.url)) });
    const out = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(out).toMatchObject({ rows: 100_000, created: 98_000, skipped: 2_000, written: 98_000 });
  }, 120_000);
});
