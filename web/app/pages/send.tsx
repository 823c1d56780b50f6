import { useEffect, useRef, useState } from 'preact/hooks';
import { Link, navigate } from '../../shared/router';
import { useApp, useOnline, useOutbox, usePageTitle } from '../context';
import { FileRefused, megabytes, prepareReceipt, type Prepared } from '../shrink';

export function SendPage() {
  usePageTitle('Envoyer un ticket');
  const { outbox, announce } = useApp();
  const online = useOnline();
  const { items, progress, sent } = useOutbox();
  const [chosen, setChosen] = useState<{ file: File; prepared: Prepared; preview?: string } | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState<string | undefined>(undefined);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => () => {
    if (chosen?.preview) URL.revokeObjectURL(chosen.preview);
  }, [chosen]);

  // Once the receipt went up, its page follows it.
  const receiptId = key ? sent[key] : undefined;
  useEffect(() => {
    if (receiptId) {
      announce('Ticket envoyé : il est en cours de lecture.');
      navigate(`tickets/${receiptId}`);
    }
  }, [receiptId]);

  const waitingHere = key ? items.find((i) => i.key === key) : undefined;
  const fraction = key ? progress[key] : undefined;

  async function choose(file: File | undefined) {
    setError(undefined);
    setChosen(undefined);
    setKey(undefined);
    if (!file) return;
    setBusy(true);
    try {
      const prepared = await prepareReceipt(file);
      const preview = prepared.contentType.startsWith('image/') ? URL.createObjectURL(prepared.blob) : undefined;
      setChosen({ file, prepared, ...(preview ? { preview } : {}) });
    } catch (err) {
      setError(err instanceof FileRefused ? err.message : 'Ce fichier n’a pas pu être préparé : choisissez-en un autre.');
      if (input.current) input.current.value = '';
    } finally {
      setBusy(false);
    }
  }

  async function send(e: Event) {
    e.preventDefault();
    if (!chosen) {
      setError('Prenez le ticket en photo ou choisissez un fichier.');
      input.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const k = await outbox.add({ blob: chosen.prepared.blob, contentType: chosen.prepared.contentType, name: chosen.file.name || 'ticket' });
      setKey(k);
      setChosen(undefined);
      if (input.current) input.current.value = '';
      if (!navigator.onLine) announce('Hors connexion : le ticket attend dans ce téléphone et partira au retour du réseau.');
    } catch {
      setError('Le ticket n’a pas pu être gardé dans ce téléphone (stockage plein ou navigation privée).');
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1 tabIndex={-1}>Envoyer un ticket</h1>
      <p class="lead">Photographiez le ticket de caisse en entier, à plat et bien éclairé, ou choisissez son PDF.</p>
      <form onSubmit={send} novalidate class="card">
        <div class={`field${error ? ' field--error' : ''}`}>
          <label for="ticket" class="file-label">
            Prendre en photo ou choisir un ticket
          </label>
          <p class="field-hint" id="ticket-aide">
            Photo (JPEG, PNG…) ou PDF, 10 Mo au plus. Une grande photo est réduite dans le téléphone avant l’envoi.
          </p>
          {error ? (
            <p class="field-error" id="ticket-erreur">
              <span class="visually-hidden">Erreur : </span>
              {error}
            </p>
          ) : null}
          <input
            ref={input}
            id="ticket"
            name="ticket"
            type="file"
            accept="image/*,application/pdf"
            capture="environment"
            aria-describedby={`ticket-aide${error ? ' ticket-erreur' : ''}`}
            aria-invalid={error ? 'true' : undefined}
            onChange={(e) => void choose((e.currentTarget as HTMLInputElement).files?.[0])}
          />
        </div>
        {chosen ? (
          <div class="chosen" data-testid="chosen">
            {chosen.preview ? <img src={chosen.preview} alt="Aperçu du ticket choisi" class="preview" /> : <p>PDF : {chosen.file.name}</p>}
            <p>
              {chosen.prepared.shrunk
                ? `Photo réduite pour l’envoi : ${megabytes(chosen.prepared.originalBytes)} → ${megabytes(chosen.prepared.blob.size)} (${chosen.prepared.width} × ${chosen.prepared.height} pixels).`
                : `Fichier envoyé tel quel : ${megabytes(chosen.prepared.blob.size)}.`}
            </p>
          </div>
        ) : null}
        <button type="submit" class="button button--wide" disabled={busy} aria-disabled={busy ? 'true' : undefined}>
          {busy ? 'Préparation…' : 'Envoyer le ticket'}
        </button>
      </form>
      {key && fraction !== undefined && !receiptId ? (
        <div class="card" role="status">
          <label for="progression">Envoi du ticket</label>
          <progress id="progression" max={100} value={Math.round(fraction * 100)}>
            {Math.round(fraction * 100)} %
          </progress>
        </div>
      ) : null}
      {key && waitingHere && fraction === undefined && !waitingHere.refused ? (
        <div class={`alert ${online ? 'alert--info' : 'alert--warning'}`} role="status" data-testid="queued">
          {online
            ? 'Envoi du ticket…'
            : 'Pas de réseau : le ticket est gardé dans ce téléphone et partira tout seul dès le retour du réseau, une seule fois. Vous pouvez fermer l’application.'}
        </div>
      ) : null}
      {waitingHere?.refused ? (
        <div class="alert alert--error" role="alert">
          {waitingHere.refused}
        </div>
      ) : null}
      <p>
        <Link href="">Voir mes tickets</Link>
      </p>
    </>
  );
}
