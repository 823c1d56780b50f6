/**
 * Importing the city's shops from a CSV file: an INSEE SIRENE establishment extract or a plain
 * `name,siret,street,postcode,city,category,tags` file, upserted by SIRET. The file is read in
 * the browser and sent in pieces of whole records (each with the header), so the progress bar
 * moves with the work done and a large file stays within the API's body limit; the per-row
 * report gives the file's own line numbers.
 */
import { useRef, useState } from 'preact/hooks';
import { SessionLostError } from '../../shared/api';
import { count, plural } from '../../shared/format';
import { Link } from '../../shared/router';
import type { ImportReport } from '../../shared/types';
import { ErrorBox, Notice, SelectField } from '../../shared/ui';
import { useConsole, usePageTitle } from '../context';
import { csvChunks } from '../csv-chunks';

type Issue = { line: number; siret?: string; code: string; reason: string };

interface Progress {
  done: number;
  total: number;
  chunk: number;
  chunks: number;
}

interface Report {
  format?: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: Issue[];
  rejected: Issue[];
  skippedCount: number;
  rejectedCount: number;
  truncated: boolean;
  stopped: boolean;
}

const ROWS_PER_REQUEST = 500;

function IssuesTable({ caption, issues }: { caption: string; issues: Issue[] }) {
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" class="num">
              Ligne
            </th>
            <th scope="col">SIRET</th>
            <th scope="col">Code</th>
            <th scope="col">Motif</th>
          </tr>
        </thead>
        <tbody>
          {issues.map((i, n) => (
            <tr key={n}>
              <td class="num">{i.line}</td>
              <td>{i.siret ?? '—'}</td>
              <td>
                <code>{i.code}</code>
              </td>
              <td>{i.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function MerchantImportPage() {
  usePageTitle('Importer des commerces');
  const { api, announce } = useConsole();
  const [file, setFile] = useState<File | undefined>(undefined);
  const [format, setFormat] = useState<'auto' | 'sirene' | 'plain'>('auto');
  const [progress, setProgress] = useState<Progress | undefined>(undefined);
  const [report, setReport] = useState<Report | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [fileError, setFileError] = useState<string | undefined>(undefined);
  const [running, setRunning] = useState(false);
  const stop = useRef(false);

  async function run() {
    if (!file) {
      setFileError('Choisissez le fichier CSV à importer.');
      document.getElementById('import-fichier')?.focus();
      return;
    }
    setFileError(undefined);
    setError(undefined);
    setReport(undefined);
    stop.current = false;
    setRunning(true);
    const text = await file.text();
    const { chunks, records } = csvChunks(text, ROWS_PER_REQUEST);
    const total: Report = { rows: 0, created: 0, updated: 0, unchanged: 0, skipped: [], rejected: [], skippedCount: 0, rejectedCount: 0, truncated: false, stopped: false };
    setProgress({ done: 0, total: records, chunk: 0, chunks: Math.max(1, chunks.length) });
    try {
      // A file with a header and no row: sent as it is, for the API to say so.
      const pieces = chunks.length > 0 ? chunks : [{ text, records: 0, lineOffset: 0 }];
      for (let i = 0; i < pieces.length; i++) {
        if (stop.current) {
          total.stopped = true;
          break;
        }
        const piece = pieces[i]!;
        const res = await api.fetch('post', '/v1/admin/merchants/import', { raw: { body: piece.text, contentType: 'text/csv' }, ...(format !== 'auto' ? { query: { format } } : {}) });
        const r = (await res.json()) as ImportReport;
        const shift = (list: unknown[]) => (list as Issue[]).map((x) => ({ ...x, line: x.line + piece.lineOffset }));
        total.format ??= r.format;
        total.rows += r.rows;
        total.created += r.created;
        total.updated += r.updated;
        total.unchanged += r.unchanged;
        total.skipped.push(...shift(r.skipped));
        total.rejected.push(...shift(r.rejected));
        total.skippedCount += r.skippedCount;
        total.rejectedCount += r.rejectedCount;
        total.truncated ||= r.truncated;
        setProgress((p) => p && { ...p, done: Math.min(p.total, p.done + piece.records), chunk: i + 1 });
      }
      setReport({ ...total });
      announce(`Import terminé : ${total.created} créés, ${total.updated} mis à jour, ${total.rejectedCount} rejetés.`);
    } catch (err) {
      if (err instanceof SessionLostError) return;
      setError(err as Error);
      if (total.rows > 0) setReport({ ...total, stopped: true });
    } finally {
      setRunning(false);
    }
  }

  return (
    <>
      <p class="breadcrumb">
        <Link href="commerces">Commerces</Link> › Import
      </p>
      <h1 tabIndex={-1}>Importer des commerces</h1>
      <p class="lead">Un extrait SIRENE des établissements de l’INSEE, ou un fichier simple. Chaque commerce est créé ou mis à jour d’après son SIRET.</p>
      <details>
        <summary>Le format simple</summary>
        <p>
          Une ligne d’en-tête <code>name,siret,street,postcode,city,category,tags</code> (séparateur virgule ou point-virgule ; étiquettes séparées par <code>|</code>), puis un
          commerce par ligne. Les colonnes <code>category</code> et <code>tags</code> sont facultatives.
        </p>
        <pre>{'name,siret,street,postcode,city,category,tags\nBoulangerie du Marché,73282932000074,12 place du Marché,37410,Montclair-sur-Loire,Boulangerie,centre-ville'}</pre>
      </details>
      <form
        class="panel"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <div class={`field${fileError ? ' field--error' : ''}`}>
          <label for="import-fichier">Fichier CSV</label>
          <p class="field-hint" id="import-fichier-aide">
            Encodé en UTF-8.
          </p>
          {fileError ? (
            <p class="field-error" id="import-fichier-erreur">
              <span class="visually-hidden">Erreur : </span>
              {fileError}
            </p>
          ) : null}
          <input
            id="import-fichier"
            type="file"
            accept=".csv,text/csv"
            aria-describedby={`import-fichier-aide${fileError ? ' import-fichier-erreur' : ''}`}
            aria-invalid={fileError ? 'true' : undefined}
            onChange={(e) => setFile((e.currentTarget as HTMLInputElement).files?.[0])}
          />
        </div>
        <SelectField
          id="import-format"
          label="Format"
          value={format}
          onChange={(v) => setFormat(v as typeof format)}
          options={[
            ['auto', 'Reconnu d’après l’en-tête'],
            ['sirene', 'SIRENE (INSEE)'],
            ['plain', 'Simple'],
          ]}
        />
        <div class="form-actions">
          <button type="submit" class="button" disabled={running}>
            {running ? 'Import en cours…' : 'Importer'}
          </button>
          {running ? (
            <button type="button" class="button button--secondary" onClick={() => (stop.current = true)}>
              Interrompre
            </button>
          ) : null}
        </div>
      </form>
      {progress ? (
        <div class="panel" aria-labelledby="progression-titre">
          <h2 id="progression-titre">Progression</h2>
          <progress id="import-progression" max={Math.max(progress.total, 1)} value={progress.done} aria-labelledby="progression-texte" />
          <p id="progression-texte" role="status">
            {count(progress.done)} lignes traitées sur {count(progress.total)} (envoi {progress.chunk} sur {progress.chunks})
          </p>
        </div>
      ) : null}
      <ErrorBox error={error} title="L’import s’est arrêté" />
      {report ? (
        <section class="panel" aria-labelledby="rapport-titre">
          <h2 id="rapport-titre">Rapport d’import</h2>
          {report.stopped ? <Notice kind="warning">L’import a été interrompu : seules les lignes envoyées avant l’arrêt ont été traitées.</Notice> : null}
          <ul class="import-counts">
            <li>{plural(report.rows, 'ligne lue', 'lignes lues')}{report.format ? ` (format ${report.format === 'sirene' ? 'SIRENE' : 'simple'})` : ''}</li>
            <li>{plural(report.created, 'commerce créé', 'commerces créés')}</li>
            <li>{plural(report.updated, 'commerce mis à jour', 'commerces mis à jour')}</li>
            <li>{plural(report.unchanged, 'commerce inchangé', 'commerces inchangés')}</li>
            <li>{plural(report.skippedCount, 'ligne écartée', 'lignes écartées')}</li>
            <li>{plural(report.rejectedCount, 'ligne rejetée', 'lignes rejetées')}</li>
          </ul>
          {report.rejected.length > 0 ? <IssuesTable caption="Lignes rejetées" issues={report.rejected} /> : null}
          {report.skipped.length > 0 ? <IssuesTable caption="Lignes écartées (établissements fermés, SIRET en double)" issues={report.skipped} /> : null}
          {report.truncated ? <p>La liste des lignes est tronquée ; les totaux sont complets.</p> : null}
          <p>
            <Link href="commerces">Voir les commerces</Link>
          </p>
        </section>
      ) : null}
    </>
  );
}
