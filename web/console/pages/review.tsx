/**
 * The review queue: receipts held for a human, oldest first. One receipt at a time: its photo
 * (zoom, turn) beside what was read and how sure the reading is, why it is held, the candidate
 * shops and any look-alike photos; then approve (correcting shop, total or date if need be) or
 * reject with a reason. The next receipt is loaded (and its photo fetched) before the decision, so
 * it shows at once. Single-key shortcuts can be turned off (WCAG 2.1.4).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { collectPages, SessionLostError } from '../../shared/api';
import { centsToInput, instant, longDate, parseEuros, plural } from '../../shared/format';
import { useSavedForm } from '../../shared/hooks';
import { Link } from '../../shared/router';
import type { Extraction, FullMerchant, ReviewInfo, ReviewItem } from '../../shared/types';
import { apiFieldError, Checkbox, ErrorBox, ErrorSummary, fieldErrors, Notice, TextField } from '../../shared/ui';
import { MerchantPicker, PhotoViewer, ReadingsTable, ReceiptLink, type PhotoControls } from '../components';
import { useConsole, usePageTitle } from '../context';

/** Presigned photo links live 15 minutes: the queue is read again before they expire. */
const QUEUE_MAX_AGE_MS = 10 * 60_000;
const QUEUE_MAX = 500;
const SHORTCUTS_KEY = 'cabas.console.shortcuts';

interface Queue {
  items: ReviewItem[];
  complete: boolean;
  loadedAt: number;
}

interface DecisionForm {
  merchant: string; // a candidate's id, "other", or ""
  other?: { id: string; name: string } | undefined;
  total: string;
  date: string;
  teachAlias: boolean;
  reason: string;
}

function initialForm(item: ReviewItem): DecisionForm {
  const e = (item.extraction ?? {}) as Extraction;
  const review = (item.review ?? {}) as ReviewInfo;
  const candidates = review.candidates ?? [];
  return {
    merchant: candidates.length >= 1 ? candidates[0]!.merchantId : '',
    total: centsToInput(e.totalCents?.value),
    date: e.purchaseDate?.value ?? '',
    teachAlias: true,
    reason: '',
  };
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

export function ReviewPage() {
  usePageTitle('Revue des tickets');
  const { api, announce } = useConsole();
  const [queue, setQueue] = useState<Queue | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [last, setLast] = useState<{ id: string; text: string; kind: 'success' | 'warning' } | undefined>(undefined);
  const decided = useRef(new Set<string>());
  const [shortcuts, setShortcuts] = useState(() => localStorage.getItem(SHORTCUTS_KEY) !== 'off');
  const loading = useRef(false);

  async function load(keepFirst?: string) {
    if (loading.current) return;
    loading.current = true;
    try {
      const { items, complete } = await collectPages((cursor) => api.call('get', '/v1/admin/review', { query: { limit: 100, ...(cursor ? { cursor } : {}) } }), QUEUE_MAX);
      const fresh = items.filter((i) => !decided.current.has(i.receiptId));
      // The receipt on screen stays first while the person looks at it.
      if (keepFirst) {
        const at = fresh.findIndex((i) => i.receiptId === keepFirst);
        if (at > 0) fresh.unshift(...fresh.splice(at, 1));
      }
      setQueue({ items: fresh, complete, loadedAt: Date.now() });
      setError(undefined);
    } catch (err) {
      if (!(err instanceof SessionLostError)) setError(err as Error);
    } finally {
      loading.current = false;
    }
  }

  useEffect(() => {
    void load();
    // Links to photos expire: read the queue again when the page stays open.
    const timer = setInterval(() => setQueue((q) => q && { ...q }), 60_000);
    return () => clearInterval(timer);
  }, []);

  const current = queue?.items[0];
  const next = queue?.items[1];

  useEffect(() => {
    if (!queue) return;
    if (Date.now() - queue.loadedAt > QUEUE_MAX_AGE_MS || (queue.items.length <= 2 && !queue.complete)) void load(current?.receiptId);
  }, [queue]);

  // The next receipt's photo is fetched now, so that it shows at once after the decision.
  useEffect(() => {
    if (!next) return;
    const img = new Image();
    img.src = next.imageUrl;
  }, [next?.receiptId]);

  function done(id: string, text: string, kind: 'success' | 'warning') {
    decided.current.add(id);
    setLast({ id, text, kind });
    announce(text);
    setQueue((q) => q && { ...q, items: q.items.filter((i) => i.receiptId !== id) });
  }

  function skip() {
    setQueue((q) => q && q.items.length > 1 ? { ...q, items: [...q.items.slice(1), q.items[0]!] } : q);
    announce('Ticket passé : il revient en fin de file.');
  }

  const waiting = queue ? queue.items.length : 0;
  return (
    <>
      <div class="page-head">
        <h1 tabIndex={-1}>Revue des tickets</h1>
        {queue ? (
          <p class="queue-count" data-testid="queue-count">
            <strong>
              {waiting === 0 ? 'Aucun ticket en attente' : `${plural(waiting, 'ticket')} en attente${queue.complete ? '' : ' ou plus'}`}
            </strong>
            {waiting > 0 ? ', du plus ancien au plus récent' : ''}
          </p>
        ) : null}
      </div>
      {last ? (
        <Notice kind={last.kind} announced>
          <p>
            {last.text} <Link href={`tickets/${last.id}`}>Voir le ticket</Link>
          </p>
        </Notice>
      ) : null}
      <ErrorBox error={error} title="La file de revue n’a pas pu être lue" />
      <details class="shortcuts">
        <summary>Raccourcis clavier</summary>
        <Checkbox
          id="raccourcis"
          label="Activer les raccourcis d’une touche"
          checked={shortcuts}
          onChange={(on) => {
            setShortcuts(on);
            localStorage.setItem(SHORTCUTS_KEY, on ? 'on' : 'off');
          }}
          hint="Hors des champs de saisie : A approuver, R aller au motif de rejet, S passer au suivant, + et - zoomer, G et D pivoter, 0 réinitialiser la photo."
        />
      </details>
      {!queue && !error ? <p class="loading">Chargement de la file…</p> : null}
      {queue && !current ? <p>Tous les tickets ont été traités. Merci !</p> : null}
      {current ? <ReviewCard key={current.receiptId} item={current} hasNext={waiting > 1} shortcuts={shortcuts} onDone={done} onSkip={skip} /> : null}
    </>
  );
}

function ReviewCard({ item, hasNext, shortcuts, onDone, onSkip }: { item: ReviewItem; hasNext: boolean; shortcuts: boolean; onDone: (id: string, text: string, kind: 'success' | 'warning') => void; onSkip: () => void }) {
  const { api } = useConsole();
  const e = (item.extraction ?? undefined) as Extraction | undefined;
  const review = (item.review ?? {}) as ReviewInfo;
  const candidates = review.candidates ?? [];
  const [form, setForm, restored] = useSavedForm<DecisionForm>(`review-${item.receiptId}`, () => initialForm(item));
  const [pending, setPending] = useState<'APPROVE' | 'REJECT' | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const photo = useRef<PhotoControls | undefined>(undefined);
  const approveButton = useRef<HTMLButtonElement>(null);
  const update = (patch: Partial<DecisionForm>) => setForm((f) => ({ ...f, ...patch }));

  async function approve() {
    const errors: Record<string, string> = {};
    const totalCents = form.total.trim() ? parseEuros(form.total) : undefined;
    if (form.total.trim() && (totalCents === undefined || totalCents <= 0)) errors['d-total'] = 'Écrivez un montant en euros, par exemple 23,50.';
    if (form.merchant === 'other' && !form.other) errors['d-merchant'] = 'Choisissez le commerce avec la recherche.';
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) return;
    const merchantId = form.merchant === 'other' ? form.other?.id : form.merchant || undefined;
    const readTotal = e?.totalCents?.value;
    const readDate = e?.purchaseDate?.value;
    setPending('APPROVE');
    setError(undefined);
    try {
      const r = await api.call('post', '/v1/admin/receipts/{id}/decision', {
        params: { id: item.receiptId },
        body: {
          action: 'APPROVE',
          ...(merchantId ? { merchantId } : {}),
          ...(totalCents !== undefined && totalCents !== readTotal ? { totalCents } : {}),
          ...(form.date && form.date !== readDate ? { purchaseDate: form.date } : {}),
          ...(form.teachAlias ? {} : { teachAlias: false }),
        },
      });
      if (r.status === 'REJECTED') onDone(item.receiptId, `Ticket approuvé, mais les règles des campagnes le refusent : ${r.rejection?.message ?? 'refusé'}`, 'warning');
      else onDone(item.receiptId, 'Ticket approuvé : le remboursement est en cours.', 'success');
    } catch (err) {
      if (!(err instanceof SessionLostError)) setError(err as Error);
    } finally {
      setPending(undefined);
    }
  }

  async function reject() {
    if (form.reason.trim().length < 3) {
      setClientErrors({ 'd-reason': 'Donnez le motif du rejet (3 caractères au moins).' });
      document.getElementById('d-reason')?.focus();
      return;
    }
    setClientErrors({});
    setPending('REJECT');
    setError(undefined);
    try {
      await api.call('post', '/v1/admin/receipts/{id}/decision', { params: { id: item.receiptId }, body: { action: 'REJECT', reason: form.reason.trim() } });
      onDone(item.receiptId, 'Ticket rejeté : l’habitant verra le motif « refusé par un agent ».', 'success');
    } catch (err) {
      if (!(err instanceof SessionLostError)) setError(err as Error);
    } finally {
      setPending(undefined);
    }
  }

  useEffect(() => {
    if (!shortcuts) return;
    const onKey = (ev: KeyboardEvent) => {
      if (ev.ctrlKey || ev.metaKey || ev.altKey || isTyping(ev.target)) return;
      const k = ev.key.toLowerCase();
      const act: Record<string, () => void> = {
        a: () => approveButton.current?.click(),
        r: () => document.getElementById('d-reason')?.focus(),
        s: () => hasNext && onSkip(),
        '+': () => photo.current?.zoomIn(),
        '=': () => photo.current?.zoomIn(),
        '-': () => photo.current?.zoomOut(),
        g: () => photo.current?.rotate(-90),
        d: () => photo.current?.rotate(90),
        '0': () => photo.current?.reset(),
      };
      const f = act[k];
      if (f) {
        ev.preventDefault();
        f();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [shortcuts, hasNext, form]);

  const api400 = fieldErrors(error, { merchantId: 'd-merchant', totalCents: 'd-total', purchaseDate: 'd-date', reason: 'd-reason' });
  const errs = { ...api400.byField, ...Object.fromEntries(Object.entries(clientErrors)) };
  const msg = (id: string) => (clientErrors[id] ? clientErrors[id] : apiFieldError(api400.byField[id]));
  return (
    <article class="review-card" aria-labelledby="ticket-titre">
      <h2 id="ticket-titre">
        Ticket <code>{item.receiptId}</code>
      </h2>
      <p class="meta">
        Envoyé le {instant(item.createdAt)} par l’habitant <Link href={`tickets?habitant=${encodeURIComponent(item.residentId)}`}>{item.residentId}</Link>.
      </p>
      {restored ? <Notice kind="info">Votre saisie a été conservée pendant la reconnexion : vérifiez-la, puis décidez.</Notice> : null}
      <div class="columns columns--wide-left review-layout">
        <section aria-label="Photo du ticket">
          <PhotoViewer src={item.imageUrl} alt={`Photo du ticket ${item.receiptId}`} controls={photo} />
        </section>
        <section aria-labelledby="lectures-titre">
          <h3 id="lectures-titre">Ce qui a été lu</h3>
          <ReadingsTable extraction={e} caption="Lectures et confiance" />
          <h3>Pourquoi ce ticket est en revue</h3>
          {review.reasons && review.reasons.length > 0 ? (
            <ul class="reasons">
              {review.reasons.map((r, i) => (
                <li key={i}>{r}</li>
              ))}
            </ul>
          ) : (
            <p>Aucun motif enregistré.</p>
          )}
        </section>
      </div>
      {review.lookAlikes && review.lookAlikes.length > 0 ? (
        <section aria-labelledby="sosies-titre" class="panel">
          <h3 id="sosies-titre">Photos qui ressemblent à celle-ci</h3>
          <p>Comparez les photos côte à côte : la distance compte les bits qui diffèrent entre les empreintes des deux photos (sur 256 ; 0 = identiques).</p>
          <div class="look-alikes">
            <figure>
              <img src={item.imageUrl} alt={`Ce ticket, ${item.receiptId}`} loading="lazy" />
              <figcaption>Ce ticket</figcaption>
            </figure>
            {review.lookAlikes.map((l) => (
              <figure key={l.receiptId}>
                {l.imageUrl ? <img src={l.imageUrl} alt={`Ticket ${l.receiptId}`} loading="lazy" /> : <p>Photo indisponible</p>}
                <figcaption>
                  <ReceiptLink id={l.receiptId} /> — distance {l.distance} sur 256
                </figcaption>
              </figure>
            ))}
          </div>
        </section>
      ) : null}
      <section aria-labelledby="decision-titre" class="panel decision">
        <h3 id="decision-titre">Décision</h3>
        <ErrorSummary items={[...api400.summary, ...Object.entries(clientErrors).map(([field, message]) => ({ field, message }))]} error={error} title="La décision n’a pas été enregistrée" />
        <form
          class="decision-approve"
          onSubmit={(ev) => {
            ev.preventDefault();
            void approve();
          }}
          aria-labelledby="approuver-titre"
        >
          <h4 id="approuver-titre">Approuver</h4>
          <fieldset id="d-merchant" tabIndex={-1} class={`field radios${errs['d-merchant'] ? ' field--error' : ''}`} aria-describedby={errs['d-merchant'] ? 'd-merchant-erreur' : undefined}>
            <legend>Commerce</legend>
            {errs['d-merchant'] ? (
              <p class="field-error" id="d-merchant-erreur">
                <span class="visually-hidden">Erreur : </span>
                {msg('d-merchant')}
              </p>
            ) : null}
            {candidates.map((c) => (
              <div class="radio" key={c.merchantId}>
                <input type="radio" id={`d-m-${c.merchantId}`} name="d-merchant" checked={form.merchant === c.merchantId} onChange={() => update({ merchant: c.merchantId })} />
                <label for={`d-m-${c.merchantId}`}>
                  {c.name} <span class="muted">(score {c.score.toLocaleString('fr-FR')})</span>
                </label>
              </div>
            ))}
            <div class="radio">
              <input type="radio" id="d-m-other" name="d-merchant" checked={form.merchant === 'other'} onChange={() => update({ merchant: 'other' })} />
              <label for="d-m-other">Un autre commerce{form.other ? ` : ${form.other.name}` : ''}</label>
            </div>
            {candidates.length === 0 ? <p class="field-hint">Aucun commerce candidat : cherchez-le.</p> : null}
          </fieldset>
          {form.merchant === 'other' ? (
            <MerchantPicker id="d-other" label="Chercher le commerce par son nom" onPick={(m: FullMerchant) => update({ other: { id: m.merchantId, name: m.name } })} />
          ) : null}
          <div class="form-row">
            <TextField
              id="d-total"
              label="Total (€)"
              hint={e?.totalCents ? `Lu : ${centsToInput(e.totalCents.value)} €. Corrigez-le si la photo dit autre chose.` : 'Non lu : saisissez-le.'}
              value={form.total}
              onInput={(v) => update({ total: v })}
              error={msg('d-total')}
              inputProps={{ inputMode: 'decimal', autoComplete: 'off' }}
              class="field--short"
            />
            <TextField
              id="d-date"
              label="Date d’achat"
              type="date"
              hint={e?.purchaseDate ? `Lue : ${longDate(e.purchaseDate.value)}.` : 'Non lue : saisissez-la.'}
              value={form.date}
              onInput={(v) => update({ date: v })}
              error={msg('d-date')}
              class="field--short"
            />
          </div>
          <Checkbox
            id="d-alias"
            label="Apprendre l’enseigne lue à ce commerce"
            checked={form.teachAlias}
            onChange={(v) => update({ teachAlias: v })}
            hint={e?.shopSign ? `Enseigne lue : « ${e.shopSign.value} ». Décochez si la lecture est fautive.` : 'Aucune enseigne lue.'}
          />
          <div class="form-actions">
            <button type="submit" class="button" ref={approveButton} disabled={pending !== undefined} aria-keyshortcuts={shortcuts ? 'a' : undefined}>
              {pending === 'APPROVE' ? 'Approbation…' : 'Approuver'}
            </button>
          </div>
        </form>
        <form
          class="decision-reject"
          onSubmit={(ev) => {
            ev.preventDefault();
            void reject();
          }}
          aria-labelledby="rejeter-titre"
        >
          <h4 id="rejeter-titre">Rejeter</h4>
          <TextField id="d-reason" label="Motif du rejet" hint="Gardé au dossier du ticket et dans le journal des actions." value={form.reason} onInput={(v) => update({ reason: v })} error={msg('d-reason')} inputProps={{ autoComplete: 'off', maxLength: 500 }} />
          <div class="form-actions">
            <button type="submit" class="button button--danger" disabled={pending !== undefined}>
              {pending === 'REJECT' ? 'Rejet…' : 'Rejeter'}
            </button>
            <button type="button" class="button button--secondary" disabled={!hasNext || pending !== undefined} onClick={onSkip} aria-keyshortcuts={shortcuts ? 's' : undefined}>
              Passer au suivant
            </button>
          </div>
        </form>
      </section>
    </article>
  );
}
