/**
 * A resident served at the counter (issue #19): their registration and wallet, a receipt photo
 * sent on their behalf (the browser PUTs the file to the presigned URL, then follows the receipt
 * as the pipeline reads, matches and credits it), their payout account, their statement, and
 * their rights: the export of their data and its erasure.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, SessionLostError, type Ok } from '../../shared/api';
import { euros, instant, RECEIPT_STATUS, shortInstant } from '../../shared/format';
import { useAction, useAsync, useSavedForm } from '../../shared/hooks';
import { Link, navigate } from '../../shared/router';
import { apiFieldError, Details, ErrorBox, ErrorSummary, fieldErrors, Loading, Notice, TextField } from '../../shared/ui';
import { Badge } from '../components';
import { useConsole, usePageTitle } from '../context';
import './counter.css';

type Resident = Ok<'/v1/admin/residents/{id}', 'get'>;

const TYPES = ['image/jpeg', 'image/png', 'application/pdf'];
const MAX_BYTES = 10 * 1024 * 1024;
const FINAL = new Set(['CREDITED', 'REJECTED', 'IN_REVIEW']);

interface SentReceipt {
  receiptId: string;
  fileName: string;
  status: string;
  cashbackCents?: number;
  rejection?: string;
}

function statusSentence(r: SentReceipt): string {
  if (r.status === 'CREDITED') return `Ticket ${r.fileName} remboursé : ${euros(r.cashbackCents ?? 0)} versés au porte-monnaie.`;
  if (r.status === 'REJECTED') return `Ticket ${r.fileName} refusé : ${r.rejection ?? 'voir le ticket'}.`;
  if (r.status === 'IN_REVIEW') return `Ticket ${r.fileName} mis en revue : un agent le vérifiera.`;
  return `Ticket ${r.fileName} : ${RECEIPT_STATUS[r.status] ?? r.status}.`;
}

/** A receipt photo sent for the resident, followed until the pipeline has decided. */
function SendReceipt({ id, onCredited }: { id: string; onCredited: () => void }) {
  const { api, announce } = useConsole();
  const [file, setFile] = useState<File | undefined>(undefined);
  const [fileError, setFileError] = useState<string | undefined>(undefined);
  const [sent, setSent] = useState<SentReceipt[]>([]);
  const input = useRef<HTMLInputElement>(null);

  const send = useAction(async (f: File) => {
    const created = await api.call('post', '/v1/admin/residents/{id}/receipts', { params: { id }, body: { contentType: f.type, contentLength: f.size } });
    const headers = Object.fromEntries(Object.entries(created.upload.headers).filter(([k]) => !['content-length', 'host'].includes(k.toLowerCase())));
    let put: Response;
    try {
      put = await fetch(created.upload.url, { method: created.upload.method, headers, body: f });
    } catch {
      throw new Error('La photo n’a pas pu être envoyée (le réseau ne répond pas) : réessayez.');
    }
    if (!put.ok) throw new Error(`La photo n’a pas été acceptée par le stockage (HTTP ${put.status}) : réessayez.`);
    setSent((list) => [{ receiptId: created.receiptId, fileName: f.name, status: 'PROCESSING' }, ...list]);
    setFile(undefined);
    if (input.current) input.current.value = '';
    announce(`Photo ${f.name} envoyée : le ticket est en cours de traitement.`);
  });

  // Follows the receipts still on their way, every 1.5 s, and says each decision once.
  const pending = sent.filter((r) => !FINAL.has(r.status)).map((r) => r.receiptId);
  useEffect(() => {
    if (pending.length === 0) return;
    const timer = setInterval(() => {
      void Promise.all(
        pending.map(async (receiptId) => {
          try {
            return await api.call('get', '/v1/receipts/{id}', { params: { id: receiptId } });
          } catch {
            return undefined;
          }
        }),
      ).then((views) => {
        const decided: SentReceipt[] = [];
        setSent((list) =>
          list.map((r) => {
            const v = views.find((x) => x?.receiptId === r.receiptId);
            if (!v || v.status === r.status) return r;
            const next: SentReceipt = { ...r, status: v.status, ...(v.cashbackCents !== undefined ? { cashbackCents: v.cashbackCents } : {}), ...(v.rejection ? { rejection: v.rejection.message } : {}) };
            if (FINAL.has(v.status)) decided.push(next);
            return next;
          }),
        );
        for (const d of decided) announce(statusSentence(d));
        if (decided.some((d) => d.status === 'CREDITED')) onCredited();
      });
    }, 1500);
    return () => clearInterval(timer);
  }, [pending.join(',')]);

  return (
    <section class="panel" aria-labelledby="g-ticket-titre">
      <h2 id="g-ticket-titre">Envoyer un ticket</h2>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!file) return setFileError('Choisissez la photo du ticket (JPEG ou PNG) ou son PDF.');
          if (!TYPES.includes(file.type)) return setFileError('Ce fichier n’est ni une photo JPEG ou PNG ni un PDF : choisissez la photo du ticket.');
          if (file.size > MAX_BYTES) return setFileError('Ce fichier dépasse 10 Mo : reprenez la photo en plus petit.');
          setFileError(undefined);
          void send.run(file);
        }}
      >
        <div class={`field${fileError ? ' field--error' : ''}`}>
          <label for="g-photo">Photo ou PDF du ticket</label>
          <p class="field-hint" id="g-photo-aide">
            JPEG, PNG ou PDF d’une page, 10 Mo au plus. Le ticket est lu, reconnu et remboursé comme s’il avait été envoyé par l’habitant.
          </p>
          {fileError ? (
            <p class="field-error" id="g-photo-erreur">
              <span class="visually-hidden">Erreur : </span>
              {fileError}
            </p>
          ) : null}
          <input
            ref={input}
            id="g-photo"
            name="g-photo"
            type="file"
            accept="image/jpeg,image/png,application/pdf"
            aria-invalid={fileError ? 'true' : undefined}
            aria-describedby={`g-photo-aide${fileError ? ' g-photo-erreur' : ''}`}
            onChange={(e) => setFile((e.currentTarget as HTMLInputElement).files?.[0])}
          />
        </div>
        <button type="submit" class="button" disabled={send.pending}>
          {send.pending ? 'Envoi…' : 'Envoyer le ticket'}
        </button>
      </form>
      <ErrorBox error={send.error} title="Le ticket n’a pas été envoyé" />
      {sent.length > 0 ? (
        <div class="table-wrap">
          <table>
            <caption>Tickets envoyés pendant ce passage au guichet</caption>
            <thead>
              <tr>
                <th scope="col">Fichier</th>
                <th scope="col">État</th>
                <th scope="col" class="num">
                  Remboursement
                </th>
              </tr>
            </thead>
            <tbody>
              {sent.map((r) => (
                <tr key={r.receiptId} data-testid="ticket-envoye">
                  <th scope="row">
                    <Link href={`tickets/${r.receiptId}`}>{r.fileName}</Link>
                  </th>
                  <td>
                    <Badge code={r.status} map={RECEIPT_STATUS} />
                    {r.rejection ? <span class="muted"> {r.rejection}</span> : null}
                  </td>
                  <td class="num">{r.status === 'CREDITED' ? euros(r.cashbackCents ?? 0) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

/** The IBAN the resident is paid on, checked by the API as on the residents' own route. */
function PayoutAccount({ id, current, onSaved }: { id: string; current: Resident['payoutAccount']; onSaved: () => void }) {
  const { api, announce } = useConsole();
  const [f, setF] = useSavedForm(`guichet-iban-${id}`, { iban: '', holderName: '' });
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | undefined>(undefined);
  const save = useAction(async () => {
    const r = await api.call('put', '/v1/admin/residents/{id}/payout-account', { params: { id }, body: { iban: f.iban, holderName: f.holderName.trim() } });
    setF({ iban: '', holderName: '' });
    setSaved(`Compte enregistré : ${r.iban}, au nom de ${r.holderName}.`);
    announce('Compte de versement enregistré.');
    onSaved();
  });
  const invalidIban = save.error instanceof ApiError && save.error.code === 'INVALID_IBAN';
  const api400 = fieldErrors(save.error, { iban: 'g-iban', holderName: 'g-titulaire' });
  const err = (fieldId: string) => clientErrors[fieldId] ?? (fieldId === 'g-iban' && invalidIban ? 'Cet IBAN n’est pas valide : vérifiez-le chiffre par chiffre.' : apiFieldError(api400.byField[fieldId]));
  return (
    <section class="panel" aria-labelledby="g-iban-titre">
      <h2 id="g-iban-titre">Compte de versement</h2>
      <p>
        {current ? (
          <>
            Compte actuel : <span class="nowrap">{current.iban}</span>, au nom de {current.holderName}.
          </>
        ) : (
          'Aucun compte enregistré : le porte-monnaie ne peut pas être versé.'
        )}
      </p>
      {saved ? <Notice kind="success" announced>{saved}</Notice> : null}
      <ErrorSummary
        items={[...Object.entries(clientErrors).map(([field, message]) => ({ field, message })), ...(invalidIban ? [{ field: 'g-iban', message: 'L’IBAN n’est pas valide.' }] : api400.summary)]}
        error={save.error instanceof SessionLostError || invalidIban ? undefined : save.error}
        title="Le compte n’a pas été enregistré"
      />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const errors: Record<string, string> = {};
          if (f.iban.replace(/\s/g, '').length < 15) errors['g-iban'] = 'Saisissez l’IBAN complet, par exemple FR76 3000 6000 0112 3456 7890 189.';
          if (f.holderName.trim().length < 2) errors['g-titulaire'] = 'Saisissez le nom du titulaire du compte.';
          setClientErrors(errors);
          setSaved(undefined);
          if (Object.keys(errors).length === 0) void save.run();
        }}
      >
        <TextField id="g-iban" label="IBAN" required value={f.iban} onInput={(v) => setF({ ...f, iban: v })} error={err('g-iban')} inputProps={{ autoComplete: 'off', spellcheck: false, maxLength: 42 }} />
        <TextField id="g-titulaire" label="Titulaire du compte" required value={f.holderName} onInput={(v) => setF({ ...f, holderName: v })} error={err('g-titulaire')} inputProps={{ autoComplete: 'off', maxLength: 140 }} />
        <button type="submit" class="button" disabled={save.pending}>
          {current ? 'Remplacer le compte' : 'Enregistrer le compte'}
        </button>
      </form>
    </section>
  );
}

/** The resident's rights: their data handed over, or erased. */
function Rights({ resident }: { resident: Resident }) {
  const { api, announce } = useConsole();
  const [confirm, setConfirm] = useState(false);
  const exported = useAction(() => api.download('/v1/admin/residents/{id}/export', { id: resident.residentId }, `donnees-cabas-${resident.reference}.json`));
  const erase = useAction(async () => {
    const r = await api.call('delete', '/v1/admin/residents/{id}', { params: { id: resident.residentId } });
    if (r.status !== 'ERASED') {
      announce('L’effacement n’est pas terminé : confirmez de nouveau pour le poursuivre.');
      return;
    }
    announce(`Les données de ${resident.fullName} sont effacées.`);
    navigate('guichet');
  });
  return (
    <section class="panel" aria-labelledby="g-droits-titre">
      <h2 id="g-droits-titre">Données de l’habitant</h2>
      <p>L’habitant peut obtenir tout ce que la ville conserve sur lui, ou en demander l’effacement.</p>
      <div class="toolbar">
        <button type="button" class="button button--secondary" onClick={() => void exported.run()} disabled={exported.pending}>
          Télécharger ses données (JSON)
        </button>
        <button type="button" class="button button--danger" onClick={() => setConfirm(true)} aria-expanded={confirm} aria-controls="g-effacer">
          Effacer ses données…
        </button>
      </div>
      <ErrorBox error={exported.error} title="Les données n’ont pas pu être téléchargées" />
      {confirm ? (
        <div class="confirm" role="group" aria-labelledby="g-effacer-titre" id="g-effacer">
          <p id="g-effacer-titre">
            Effacer les données de {resident.fullName} ? Ses photos, son compte de versement, son nom et sa référence sont supprimés ; un solde de {euros(resident.wallet.balanceCents)} encore
            dû est abandonné. C’est définitif.
          </p>
          <div class="toolbar">
            <button type="button" class="button button--danger" onClick={() => void erase.run()} disabled={erase.pending}>
              Confirmer l’effacement
            </button>
            <button type="button" class="button button--secondary" onClick={() => setConfirm(false)}>
              Annuler
            </button>
          </div>
        </div>
      ) : null}
      <ErrorBox error={erase.error} title="Les données n’ont pas été effacées" />
    </section>
  );
}

export function CounterResidentPage({ id }: { id: string }) {
  const { api } = useConsole();
  const resident = useAsync((signal) => api.call('get', '/v1/admin/residents/{id}', { params: { id }, signal }), [id]);
  const r = resident.data;
  usePageTitle(r ? `Guichet : ${r.fullName}` : 'Guichet : habitant');
  if (resident.loading && !r) return <Loading what="Chargement de l’habitant…" />;
  if (!r) {
    return (
      <>
        <h1 tabIndex={-1}>Habitant introuvable</h1>
        <ErrorBox error={resident.error} title="L’habitant n’a pas pu être lu" />
        <p>
          <Link href="guichet">Retour au guichet</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <p class="breadcrumb">
        <Link href="guichet">Guichet</Link> › {r.fullName}
      </p>
      <div class="page-head">
        <h1 tabIndex={-1}>{r.fullName}</h1>
        <Link class="button" href={`guichet/${id}/releve`}>
          Relevé à imprimer
        </Link>
      </div>
      <div class="columns">
        <section class="panel" aria-labelledby="g-fiche-titre">
          <h2 id="g-fiche-titre">Fiche</h2>
          <Details
            rows={[
              ['Référence', r.reference],
              ['Adresse e-mail', r.email ?? 'aucune'],
              ['Inscrit le', instant(r.registeredAt)],
              ['Inscrit par', r.registeredBy],
            ]}
          />
        </section>
        <section class="panel" aria-labelledby="g-porte-monnaie-titre">
          <h2 id="g-porte-monnaie-titre">Porte-monnaie</h2>
          <Details
            rows={[
              ['Solde disponible', <span data-testid="solde">{euros(r.wallet.balanceCents)}</span>],
              ['Versement en cours', euros(r.wallet.pendingPayoutCents)],
              ['Déjà versé', euros(r.wallet.paidOutCents)],
            ]}
          />
          <p class="field-hint">Lu le {shortInstant(new Date().toISOString())}.</p>
        </section>
      </div>
      <SendReceipt id={id} onCredited={resident.reload} />
      <PayoutAccount id={id} current={r.payoutAccount} onSaved={resident.reload} />
      <Rights resident={r} />
    </>
  );
}
