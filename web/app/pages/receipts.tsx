import { useState } from 'preact/hooks';
import type { Receipt } from '../../shared/types';
import { euros, instant, longDate, RECEIPT_STATUS, label } from '../../shared/format';
import { Link } from '../../shared/router';
import { ErrorBox, Loading } from '../../shared/ui';
import { useApp, useOutbox, usePageTitle, usePolling } from '../context';
import { megabytes } from '../shrink';

/** What a resident can do about each refusal, beside the API's own French message. */
export const WHAT_TO_DO: Record<string, string> = {
  UNSUPPORTED_FILE: 'Renvoyez une photo du ticket (JPEG ou PNG) ou son PDF.',
  TOO_LARGE: 'Reprenez la photo de plus près, ou envoyez le PDF du ticket : 10 Mo au plus.',
  UNREADABLE: 'Reprenez la photo à plat, bien éclairée, le ticket entier dans le cadre et sans reflet, puis renvoyez-la.',
  DUPLICATE_IMAGE: 'Rien à faire : cette photo a déjà été envoyée, le ticket ne peut être remboursé qu’une fois.',
  DUPLICATE_RECEIPT: 'Rien à faire : cet achat a déjà été envoyé, il ne peut être remboursé qu’une fois.',
  MERCHANT_NOT_FOUND: 'Vérifiez que le nom et l’adresse du commerce se lisent sur la photo. S’il participe (voir « Commerces »), reprenez la photo en entier ; sinon, ce ticket ne peut pas être remboursé.',
  MERCHANT_NOT_ELIGIBLE: 'Ce commerce ne fait pas partie de l’opération en cours : consultez la liste des commerces participants.',
  NO_ACTIVE_CAMPAIGN: 'Aucune opération n’était en cours à la date de l’achat : gardez vos prochains tickets pour la prochaine opération.',
  OUTSIDE_CAMPAIGN_PERIOD: 'L’achat a été fait en dehors des dates de l’opération : seuls les achats faits pendant l’opération sont remboursés.',
  RECEIPT_TOO_OLD: 'Envoyez vos tickets plus tôt après l’achat : celui-ci dépasse le délai de l’opération.',
  FUTURE_DATE: 'La date lue est dans le futur : reprenez la photo pour que la date soit bien lisible.',
  BELOW_MINIMUM: 'L’achat est sous le montant minimum de l’opération : seuls les achats au-dessus sont remboursés.',
  CAP_REACHED: 'Vous avez atteint le plafond de remise de la période : vos prochains tickets compteront à la période suivante.',
  BUDGET_EXHAUSTED: 'Le budget de l’opération est épuisé : rien à faire, la ville annoncera les prochaines opérations.',
  WELCOME_BONUS_USED: 'Le bonus de bienvenue de ce commerce ne se reçoit qu’une fois.',
  LOYALTY_NOT_DUE: 'Rien à faire : vos achats remboursés par une opération de la ville comptent pour la carte de fidélité de ce commerce.',
  REJECTED_BY_REVIEWER: 'Un agent de la ville a refusé ce ticket. En cas de question, contactez la mairie avec la date et le commerce du ticket.',
  WITHDRAWN: 'Ce ticket a été retiré : il ne sera pas remboursé.',
  CAR_PARK_NOT_ELIGIBLE: 'Seuls les parkings et horodateurs de l’opération « stationnement offert » sont remboursés : consultez la liste des opérations.',
  NO_QUALIFYING_PURCHASE: 'Le stationnement est remboursé avec un achat remboursé, du montant minimum, chez un commerçant participant le même jour : envoyez le ticket de cet achat le jour même ou au plus tard le lendemain matin.',
  PARKING_FINE: 'Une amende (forfait post-stationnement) n’est pas un ticket de stationnement : elle ne peut pas être remboursée.',
};

const SETTLED = new Set(['CREDITED', 'REJECTED']);

export function StatusBadge({ status }: { status: string }) {
  return <span class={`status status--${status}`}>{label(RECEIPT_STATUS, status)}</span>;
}

function Waiting() {
  const { items, progress } = useOutbox();
  const { outbox } = useApp();
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="attente-titre" class="card">
      <h2 id="attente-titre">En attente d’envoi</h2>
      <ul class="plain-list">
        {items.map((i) => (
          <li key={i.key} data-testid="waiting-receipt">
            <p>
              {i.name} ({megabytes(i.size)}), ajouté le {instant(i.addedAt)}
            </p>
            {i.refused ? (
              <>
                <p class="field-error">{i.refused}</p>
                <button type="button" class="button button--secondary button--small" onClick={() => void outbox.discard(i.key)}>
                  Retirer ce ticket
                </button>
              </>
            ) : progress[i.key] !== undefined ? (
              <>
                <label for={`envoi-${i.key}`}>Envoi en cours</label>
                <progress id={`envoi-${i.key}`} max={100} value={Math.round((progress[i.key] ?? 0) * 100)}>
                  {Math.round((progress[i.key] ?? 0) * 100)} %
                </progress>
              </>
            ) : (
              <p class="muted">Il partira dès que le réseau le permettra.</p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ReceiptListPage() {
  usePageTitle('Mes tickets');
  const { api } = useApp();
  const { sent } = useOutbox();
  const [items, setItems] = useState<Receipt[] | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const sentCount = Object.keys(sent).length;
  usePolling(
    async () => {
      try {
        const page = await api.call('get', '/v1/receipts', { query: { limit: 50 } });
        setItems(page.items);
        setError(undefined);
        return page.items;
      } catch (err) {
        setError(err as Error);
        throw err;
      }
    },
    // Every 3 s while a receipt is being read, every 30 s otherwise.
    (list) => (list && list.some((r) => !SETTLED.has(r.status) && r.status !== 'IN_REVIEW' && !r.waiting) ? 3_000 : 30_000),
    [sentCount],
  );
  return (
    <>
      <div class="page-head">
        <h1 tabIndex={-1}>Mes tickets</h1>
        <Link class="button" href="envoyer">
          Envoyer un ticket
        </Link>
      </div>
      <Waiting />
      {error && !items ? <ErrorBox error={error} title="Vos tickets n’ont pas pu être chargés" /> : null}
      {!items && !error ? <Loading what="Chargement de vos tickets…" /> : null}
      {items && items.length === 0 ? (
        <p>
          Vous n’avez encore envoyé aucun ticket. Après un achat chez un commerçant participant, photographiez le ticket : la remise arrive dans votre portefeuille.
        </p>
      ) : null}
      {items && items.length > 0 ? (
        <ul class="receipt-list" aria-label="Tickets envoyés, du plus récent au plus ancien">
          {items.map((r) => (
            <li key={r.receiptId} class="receipt-card" data-testid="receipt" data-status={r.status}>
              <Link href={`tickets/${r.receiptId}`}>
                <span class="receipt-shop">{r.merchant?.name ?? (SETTLED.has(r.status) ? 'Commerce non reconnu' : 'Lecture en cours')}</span>
                <span class="receipt-meta">
                  {r.purchaseDate ? `Achat du ${longDate(r.purchaseDate)}` : `Envoyé le ${instant(r.createdAt)}`}
                  {r.totalCents !== undefined ? ` · ${euros(r.totalCents)}` : ''}
                </span>
              </Link>
              <span class="receipt-side">
                <StatusBadge status={r.status} />
                {r.waiting ? <span class="receipt-waiting" data-testid="receipt-waiting">En attente d’un achat</span> : null}
                {r.status === 'CREDITED' ? <strong class="amount-plus">+ {euros(r.cashbackCents ?? 0)}</strong> : null}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

export function ReceiptPage({ id }: { id: string }) {
  const { api } = useApp();
  const [receipt, setReceipt] = useState<Receipt | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  usePageTitle(receipt?.merchant ? `Ticket ${receipt.merchant.name}` : 'Ticket');
  usePolling(
    async () => {
      try {
        const r = await api.call('get', '/v1/receipts/{id}', { params: { id } });
        setReceipt(r);
        setError(undefined);
        return r;
      } catch (err) {
        setError(err as Error);
        throw err;
      }
    },
    (r) => (r && SETTLED.has(r.status) ? undefined : r?.status === 'IN_REVIEW' || r?.waiting ? 30_000 : 2_000),
    [id],
  );
  return (
    <>
      <p class="back">
        <Link href="">← Mes tickets</Link>
      </p>
      <h1 tabIndex={-1}>{receipt?.merchant ? `Ticket de ${receipt.merchant.name}` : 'Ticket'}</h1>
      {error && !receipt ? <ErrorBox error={error} title="Ce ticket n’a pas pu être chargé" /> : null}
      {!receipt && !error ? <Loading what="Chargement du ticket…" /> : null}
      {receipt ? (
        <>
          <div class="card" aria-live="polite" data-testid="receipt-status" data-status={receipt.status}>
            <p class="status-line">
              <StatusBadge status={receipt.status} />
            </p>
            {receipt.status === 'AWAITING_UPLOAD' ? <p>La photo n’est pas encore arrivée.</p> : null}
            {receipt.status === 'PROCESSING' && receipt.waiting ? (
              <div class="alert" data-testid="waiting">
                <p class="alert-title">{receipt.waiting.message}</p>
                <p>
                  Ce ticket de stationnement sera remboursé dès qu’un achat du même jour chez un commerçant participant sera remboursé : envoyez son ticket. Sans achat, il sera refusé le {instant(receipt.waiting.until)}.
                </p>
              </div>
            ) : receipt.status === 'PROCESSING' ? (
              <p>Le ticket est en cours de lecture : cette page se met à jour toute seule.</p>
            ) : null}
            {receipt.status === 'IN_REVIEW' ? <p>Un agent de la ville vérifie ce ticket ; la décision arrive en général sous quelques jours ouvrés.</p> : null}
            {receipt.status === 'CREDITED' ? (
              <p class="big-amount">
                <strong data-testid="cashback">{euros(receipt.cashbackCents ?? 0)}</strong> versés dans votre portefeuille
              </p>
            ) : null}
            {receipt.status === 'REJECTED' && receipt.rejection ? (
              <div class="alert alert--error" data-testid="rejection">
                <p class="alert-title">Ticket refusé : {receipt.rejection.message}</p>
                <p>
                  <strong>Que faire ?</strong> {WHAT_TO_DO[receipt.rejection.code] ?? 'Contactez la mairie si vous pensez que ce ticket aurait dû être remboursé.'}
                </p>
              </div>
            ) : null}
          </div>
          <h2>Ce qui a été lu</h2>
          <dl class="details">
            <div>
              <dt>Commerce</dt>
              <dd>{receipt.merchant ? <Link href={`commerces/${receipt.merchant.merchantId}`}>{receipt.merchant.name}</Link> : '—'}</dd>
            </div>
            <div>
              <dt>Date de l’achat</dt>
              <dd>{longDate(receipt.purchaseDate)}</dd>
            </div>
            <div>
              <dt>Total du ticket</dt>
              <dd data-testid="total">{euros(receipt.totalCents)}</dd>
            </div>
            <div>
              <dt>Envoyé le</dt>
              <dd>{instant(receipt.createdAt)}</dd>
            </div>
          </dl>
          {receipt.credits && receipt.credits.length > 0 ? (
            <>
              <h2>Ce que chaque opération a versé</h2>
              <ul class="plain-list credits">
                {receipt.credits.map((c) => (
                  <li key={c.campaignId}>
                    <span>{c.name ?? 'Opération de la ville'}</span> <strong>{euros(c.amountCents)}</strong>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {receipt.loyalty && receipt.loyalty.length > 0 ? (
            <>
              <h2>Fidélité</h2>
              <ul class="plain-list" data-testid="loyalty">
                {receipt.loyalty.map((l) => (
                  <li key={l.campaignId}>{l.message}</li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : null}
    </>
  );
}
