/**
 * Payouts: the batches with their status; run this month's batch now; download its SEPA file
 * (pain.001.001.09, for the bank) and its CSV (for the accountant); mark it settled when the bank
 * executed it; reject one transfer with the bank's reason (its money goes back to the wallet).
 * The transfers of a batch are read from its CSV (the API lists batches, not their items).
 */
import { useState } from 'preact/hooks';
import { ApiError, collectPages } from '../../shared/api';
import { PAYOUT_STATUS, euros, instant, longDate, parseEuros, plural } from '../../shared/format';
import { useAction, useAsync } from '../../shared/hooks';
import type { PayoutBatch } from '../../shared/types';
import { apiFieldError, ErrorBox, fieldErrors, Loading, Notice, TextField } from '../../shared/ui';
import { Badge } from '../components';
import { csvRecords } from '../csv-chunks';
import { useConsole, usePageTitle } from '../context';

interface PayoutLine {
  itemId: string;
  name: string;
  iban: string;
  amountCents: number | undefined;
  label: string;
}

/** One CSV record's fields (RFC 4180 quotes). */
function fields(record: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  const r = record.replace(/\r?\n$/, '');
  for (let i = 0; i < r.length; i++) {
    const ch = r[i]!;
    if (quoted) {
      if (ch === '"' && r[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** The transfers of a batch from its CSV (reference, beneficiaire, iban, montant_eur, libelle). */
export function payoutLines(csv: string): PayoutLine[] {
  const records = csvRecords(csv.replace(/^\uFEFF/, '')).filter((r) => r.trim());
  const header = fields(records[0] ?? '').map((h) => h.trim());
  const col = (name: string) => header.indexOf(name);
  return records.slice(1).map((r) => {
    const f = fields(r);
    return {
      itemId: f[col('reference')] ?? '',
      name: f[col('beneficiaire')] ?? '',
      iban: f[col('iban')] ?? '',
      amountCents: parseEuros(f[col('montant_eur')] ?? ''),
      label: f[col('libelle')] ?? '',
    };
  });
}

export function PayoutsPage() {
  usePageTitle('Versements');
  const { api, announce } = useConsole();
  const batches = useAsync(async () => (await collectPages((cursor) => api.call('get', '/v1/admin/payouts', { query: { limit: 100, ...(cursor ? { cursor } : {}) } }), 500)).items, []);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [open, setOpen] = useState<string | undefined>(undefined);
  const say = (text: string) => {
    setNotice(text);
    announce(text);
  };
  const run = useAction(async () => {
    const r = await api.call('post', '/v1/admin/payouts/run');
    say(r.batch ? `Lot ${r.batch.payoutId} prêt : ${plural(r.batch.itemCount, 'virement')}, ${euros(r.batch.totalCents)}.` : 'Aucun portefeuille n’atteint le seuil de versement avec un compte renseigné : aucun lot.');
    batches.reload();
  });
  return (
    <>
      <h1 tabIndex={-1}>Versements</h1>
      <p class="lead">Chaque mois, les portefeuilles qui atteignent le seuil sont versés par virement SEPA. Le lot est préparé automatiquement ; vous pouvez aussi le lancer maintenant.</p>
      {notice ? <Notice kind="success" announced>{notice}</Notice> : null}
      <div class="toolbar">
        <button type="button" class="button" onClick={() => void run.run()} disabled={run.pending}>
          {run.pending ? 'Préparation du lot…' : 'Préparer les versements du mois maintenant'}
        </button>
      </div>
      <ErrorBox error={run.error} title="Les versements n’ont pas été préparés" />
      <ErrorBox error={batches.error} title="Les lots n’ont pas pu être lus" />
      {batches.loading && !batches.data ? <Loading what="Chargement des lots…" /> : null}
      {batches.data && batches.data.length === 0 ? <p>Aucun lot de virements pour l’instant.</p> : null}
      {batches.data && batches.data.length > 0 ? (
        <div class="table-wrap">
          <table>
            <caption>Lots de virements, du plus récent au plus ancien</caption>
            <thead>
              <tr>
                <th scope="col">Lot</th>
                <th scope="col">Statut</th>
                <th scope="col" class="num">
                  Virements
                </th>
                <th scope="col" class="num">
                  Total
                </th>
                <th scope="col">Préparé le</th>
                <th scope="col">Exécution demandée</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {batches.data.map((b) => (
                <tr key={b.payoutId}>
                  <th scope="row">{b.payoutId}</th>
                  <td>
                    <Badge code={b.status} map={PAYOUT_STATUS} />
                  </td>
                  <td class="num">{b.itemCount}</td>
                  <td class="num">{euros(b.totalCents)}</td>
                  <td>{instant(b.createdAt)}</td>
                  <td>{b.requestedExecutionDate ? longDate(b.requestedExecutionDate) : '—'}</td>
                  <td>
                    <button type="button" class="button button--secondary button--small" aria-expanded={open === b.payoutId} aria-controls={`lot-${b.payoutId}`} onClick={() => setOpen(open === b.payoutId ? undefined : b.payoutId)}>
                      {open === b.payoutId ? 'Fermer' : 'Ouvrir'}
                      <span class="visually-hidden"> le lot {b.payoutId}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {open && batches.data?.find((b) => b.payoutId === open) ? (
        <BatchPanel
          key={open}
          batch={batches.data.find((b) => b.payoutId === open)!}
          onChanged={(text) => {
            say(text);
            batches.reload();
          }}
        />
      ) : null}
    </>
  );
}

function BatchPanel({ batch, onChanged }: { batch: PayoutBatch; onChanged: (text: string) => void }) {
  const { api } = useConsole();
  const id = batch.payoutId;
  const ready = batch.status !== 'BUILDING';
  const lines = useAsync(async () => (ready ? payoutLines(await api.text('/v1/admin/payouts/{id}/csv', { id })) : []), [id, ready]);
  const [confirmSettle, setConfirmSettle] = useState(false);
  const [voided, setVoided] = useState<Set<string>>(new Set());
  const file = useAction(() => api.download('/v1/admin/payouts/{id}/file', { id }, `${id}.pain.001.xml`));
  const csv = useAction(() => api.download('/v1/admin/payouts/{id}/csv', { id }, `${id}.csv`));
  const settle = useAction(async () => {
    await api.call('post', '/v1/admin/payouts/{id}/settle', { params: { id } });
    setConfirmSettle(false);
    onChanged(`Lot ${id} marqué comme réglé : ses virements sont comptés comme versés.`);
  });
  return (
    <section class="panel" id={`lot-${id}`} aria-labelledby={`lot-${id}-titre`}>
      <h2 id={`lot-${id}-titre`}>Lot {id}</h2>
      <ErrorBox error={file.error ?? csv.error ?? settle.error} />
      <div class="toolbar">
        <button type="button" class="button" onClick={() => void file.run()} disabled={!ready || file.pending}>
          Télécharger le fichier SEPA (pain.001)
        </button>
        <button type="button" class="button button--secondary" onClick={() => void csv.run()} disabled={!ready || csv.pending}>
          Télécharger le CSV
        </button>
        {batch.status === 'READY' ? (
          <button type="button" class="button button--secondary" onClick={() => setConfirmSettle(true)}>
            Marquer comme réglé…
          </button>
        ) : null}
      </div>
      {confirmSettle ? (
        <div class="confirm" role="group" aria-labelledby={`regler-${id}`}>
          <p id={`regler-${id}`}>
            La banque a-t-elle exécuté le lot {id} ? Ses virements en attente seront comptés comme versés ; rejetez d’abord ceux que la banque a retournés.
          </p>
          <div class="toolbar">
            <button type="button" class="button" onClick={() => void settle.run()} disabled={settle.pending}>
              Confirmer le règlement
            </button>
            <button type="button" class="button button--secondary" onClick={() => setConfirmSettle(false)}>
              Annuler
            </button>
          </div>
        </div>
      ) : null}
      {lines.loading ? <Loading what="Lecture des virements…" /> : null}
      <ErrorBox error={lines.error} title="Les virements du lot n’ont pas pu être lus" />
      {lines.data && lines.data.length > 0 ? (
        <div class="table-wrap">
          <table>
            <caption>Virements du lot</caption>
            <thead>
              <tr>
                <th scope="col">Référence</th>
                <th scope="col">Bénéficiaire</th>
                <th scope="col">IBAN</th>
                <th scope="col" class="num">
                  Montant
                </th>
                <th scope="col">Retour de la banque</th>
              </tr>
            </thead>
            <tbody>
              {lines.data.map((l) => (
                <tr key={l.itemId}>
                  <th scope="row">
                    <code>{l.itemId}</code>
                  </th>
                  <td>{l.name}</td>
                  <td class="nowrap">{l.iban}</td>
                  <td class="num">{euros(l.amountCents)}</td>
                  <td>
                    {voided.has(l.itemId) ? (
                      <span class="badge badge--REJECTED">Rejeté : rendu au portefeuille</span>
                    ) : batch.status === 'READY' ? (
                      <RejectItem
                        payoutId={id}
                        line={l}
                        onDone={(text) => {
                          setVoided(new Set([...voided, l.itemId]));
                          onChanged(text);
                        }}
                      />
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function RejectItem({ payoutId, line, onDone }: { payoutId: string; line: PayoutLine; onDone: (text: string) => void }) {
  const { api } = useConsole();
  const [openForm, setOpenForm] = useState(false);
  const [reason, setReason] = useState('');
  const act = useAction(async () => {
    await api.call('post', '/v1/admin/payouts/{id}/items/{itemId}/reject', { params: { id: payoutId, itemId: line.itemId }, body: { reason: reason.trim() } });
    onDone(`Virement ${line.itemId} rejeté : ${euros(line.amountCents)} rendus au portefeuille de ${line.name}.`);
  });
  const errors = fieldErrors(act.error, { reason: `rejet-${line.itemId}` });
  if (!openForm) {
    return (
      <button type="button" class="button button--secondary button--small" onClick={() => setOpenForm(true)}>
        Rejeter…<span class="visually-hidden"> le virement {line.itemId}</span>
      </button>
    );
  }
  return (
    <form
      class="reject-item"
      onSubmit={(e) => {
        e.preventDefault();
        void act.run();
      }}
    >
      <TextField
        id={`rejet-${line.itemId}`}
        label="Motif de la banque"
        hint="Par exemple « AC04 compte clos »."
        value={reason}
        onInput={setReason}
        error={errors.byField[`rejet-${line.itemId}`] ? apiFieldError(errors.byField[`rejet-${line.itemId}`]) : undefined}
        required
      />
      {act.error && !(act.error instanceof ApiError && act.error.errors.length > 0) ? <ErrorBox error={act.error} /> : null}
      <div class="toolbar">
        <button type="submit" class="button button--danger button--small" disabled={act.pending}>
          Confirmer le rejet
        </button>
        <button type="button" class="button button--secondary button--small" onClick={() => setOpenForm(false)}>
          Annuler
        </button>
      </div>
    </form>
  );
}
