/**
 * Finding a receipt, by its id or by its resident, and everything about one: its photo, what was
 * read, the decision with the trace of every campaign rule, the review and the refusal if any.
 */
import { useState } from 'preact/hooks';
import { ApiError, type Page } from '../../shared/api';
import { RECEIPT_STATUS, REJECTION_CODE, euros, instant, label, longDate } from '../../shared/format';
import { useAction, useAsync } from '../../shared/hooks';
import { Link, navigate, useLocation } from '../../shared/router';
import type { Extraction, MatchDecision, Receipt, ReviewInfo, ReviewRecord, RuleTrace, StaffReceipt } from '../../shared/types';
import { apiFieldError, Details, ErrorBox, MoreButton, fieldErrors, Loading, Notice, TextField } from '../../shared/ui';
import { Badge, PhotoViewer, ReadingsTable, ReceiptLink } from '../components';
import { useConsole, usePageTitle } from '../context';

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function ReceiptSearchPage() {
  usePageTitle('Tickets');
  const { api } = useConsole();
  const { query } = useLocation();
  const resident = query.get('habitant') ?? '';
  const [receiptId, setReceiptId] = useState('');
  const [idError, setIdError] = useState<string | undefined>(undefined);
  const [who, setWho] = useState(resident);
  const [pages, setPages] = useState<Array<Receipt & { residentId: string }>>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const list = useAsync(
    async (signal) => {
      if (!resident) return undefined;
      const r = (await api.call('get', '/v1/admin/receipts', { query: { residentId: resident, limit: 50 }, signal })) as Page<Receipt & { residentId: string }>;
      setPages(r.items);
      setCursor(r.nextCursor);
      return r;
    },
    [resident],
  );
  const more = useAction(async () => {
    if (!cursor) return;
    const r = (await api.call('get', '/v1/admin/receipts', { query: { residentId: resident, limit: 50, cursor } })) as Page<Receipt & { residentId: string }>;
    setPages((p) => [...p, ...r.items]);
    setCursor(r.nextCursor);
  });
  const whoErrors = fieldErrors(list.error, { residentId: 'recherche-habitant' });
  return (
    <>
      <h1 tabIndex={-1}>Tickets</h1>
      <div class="columns">
        <form
          class="panel"
          role="search"
          aria-label="Ouvrir un ticket par son identifiant"
          onSubmit={(e) => {
            e.preventDefault();
            const id = receiptId.trim();
            if (!ID.test(id)) {
              setIdError('Un identifiant de ticket : lettres, chiffres, « - » et « _ », 64 au plus.');
              return;
            }
            setIdError(undefined);
            navigate(`tickets/${encodeURIComponent(id)}`);
          }}
        >
          <h2>Par identifiant</h2>
          <TextField id="recherche-ticket" label="Identifiant du ticket" value={receiptId} onInput={setReceiptId} error={idError} inputProps={{ autoComplete: 'off', spellcheck: false }} />
          <button type="submit" class="button">
            Ouvrir le ticket
          </button>
        </form>
        <form
          class="panel"
          role="search"
          aria-label="Les tickets d’un habitant"
          onSubmit={(e) => {
            e.preventDefault();
            navigate(who.trim() ? `tickets?habitant=${encodeURIComponent(who.trim())}` : 'tickets');
          }}
        >
          <h2>Par habitant</h2>
          <TextField id="recherche-habitant" label="Identifiant de l’habitant" hint="L’identifiant de son compte (sub)." value={who} onInput={setWho} error={apiFieldError(whoErrors.byField['recherche-habitant'])} inputProps={{ autoComplete: 'off', spellcheck: false }} />
          <button type="submit" class="button">
            Voir ses tickets
          </button>
        </form>
      </div>
      {resident ? (
        <section aria-labelledby="tickets-habitant">
          <h2 id="tickets-habitant">Tickets de l’habitant {resident}</h2>
          <p class="field-hint">Cette consultation est inscrite au journal des actions.</p>
          <ErrorBox error={list.error} title="Les tickets n’ont pas pu être lus" />
          {list.loading ? <Loading /> : null}
          {!list.loading && pages.length === 0 && !list.error ? <p>Aucun ticket.</p> : null}
          {pages.length > 0 ? (
            <div class="table-wrap">
              <table>
                <caption>Du plus récent au plus ancien</caption>
                <thead>
                  <tr>
                    <th scope="col">Ticket</th>
                    <th scope="col">Envoyé le</th>
                    <th scope="col">Statut</th>
                    <th scope="col">Commerce</th>
                    <th scope="col">Achat du</th>
                    <th scope="col" class="num">
                      Total
                    </th>
                    <th scope="col" class="num">
                      Remboursé
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {pages.map((r) => (
                    <tr key={r.receiptId}>
                      <th scope="row">
                        <ReceiptLink id={r.receiptId} />
                      </th>
                      <td>{instant(r.createdAt)}</td>
                      <td>
                        <Badge code={r.status} map={RECEIPT_STATUS} />
                        {r.rejection ? <> {label(REJECTION_CODE, r.rejection.code)}</> : null}
                      </td>
                      <td>{r.merchant?.name ?? '—'}</td>
                      <td>{longDate(r.purchaseDate)}</td>
                      <td class="num">{euros(r.totalCents)}</td>
                      <td class="num">{r.cashbackCents !== undefined ? euros(r.cashbackCents) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <MoreButton more={more} hasMore={Boolean(cursor)} />
        </section>
      ) : null}
    </>
  );
}

function TraceTable({ trace, caption }: { trace: RuleTrace[]; caption: string }) {
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Campagne</th>
            <th scope="col">Règle</th>
            <th scope="col">Verdict</th>
            <th scope="col">Détail</th>
          </tr>
        </thead>
        <tbody>
          {trace.map((t, i) => (
            <tr key={i}>
              <td>
                <Link href={`campagnes/${t.campaignId}`}>
                  <code>{t.campaignId}</code>
                </Link>
              </td>
              <td>{RULE[t.rule] ?? t.rule}</td>
              <td>
                <Badge code={t.verdict} map={{ PASS: 'Respectée', FAIL: 'Non respectée', UNKNOWN: 'Inconnue' }} />
              </td>
              <td>{t.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const RULE: Record<string, string> = {
  status: 'Campagne en cours',
  merchants: 'Commerce concerné',
  period: 'Période',
  days: 'Jours',
  hours: 'Heures',
  age: 'Ancienneté du ticket',
  minimum: 'Achat minimum',
  'first-purchase': 'Premier achat',
  loyalty: 'Fidélité',
  cashback: 'Montant',
  choice: 'Choix de la campagne',
};

/** A loyalty tally's word on a credited receipt (shared/domain/loyalty.ts keeps it on the receipt). */
type LoyaltyMark = { campaignId: string; position: number; everyNth: number; nextDue: number; outcome: 'COUNTED' | 'PAID' | 'UNFUNDED' | 'PURCHASE_COVERED'; bonusCents: number };
const LOYALTY_OUTCOME: Record<LoyaltyMark['outcome'], string> = {
  COUNTED: 'compté',
  PAID: 'bonus versé',
  UNFUNDED: 'bonus non versé : dépôt du commerce insuffisant',
  PURCHASE_COVERED: 'bonus non versé : achat déjà entièrement remboursé',
};

export function ReceiptPage({ id }: { id: string }) {
  usePageTitle(`Ticket ${id}`);
  const { api, announce } = useConsole();
  const receipt = useAsync((signal) => api.call('get', '/v1/admin/receipts/{id}', { params: { id }, signal }), [id]);
  const [reason, setReason] = useState('');
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const reverse = useAction(async () => {
    const r = await api.call('post', '/v1/admin/receipts/{id}/reverse', { params: { id }, body: { reason: reason.trim() } });
    const text = r.alreadyReversed ? 'Ce remboursement était déjà annulé.' : `Remboursement annulé : ${euros(r.reversedCents)} repris au portefeuille de l’habitant.`;
    setNotice(text);
    announce(text);
    receipt.reload();
  });
  const reverseErrors = fieldErrors(reverse.error, { reason: 'annuler-motif' });
  if (receipt.error) {
    return (
      <>
        <h1 tabIndex={-1}>Ticket {id}</h1>
        <ErrorBox error={receipt.error} title={receipt.error instanceof ApiError && receipt.error.status === 404 ? 'Aucun ticket ne porte cet identifiant' : 'Le ticket n’a pas pu être lu'} />
        <Link href="tickets">Chercher un autre ticket</Link>
      </>
    );
  }
  const r = receipt.data as
    | (StaffReceipt & { cashbackCents?: number; credits?: Array<{ campaignId: string; amountCents: number }>; loyalty?: LoyaltyMark[]; ruleTrace?: RuleTrace[]; reviewDecision?: ReviewRecord })
    | undefined;
  if (!r) return <Loading what="Chargement du ticket…" />;
  const e = r.extraction as Extraction | undefined;
  const d = r.decision as MatchDecision | undefined;
  const review = r.review as ReviewInfo | undefined;
  const trace = d?.trace ?? r.ruleTrace ?? [];
  return (
    <>
      <p class="breadcrumb">
        <Link href="tickets">Tickets</Link> › {id}
      </p>
      <div class="page-head">
        <h1 tabIndex={-1}>
          Ticket <code>{id}</code>
        </h1>
        <Badge code={r.status} map={RECEIPT_STATUS} />
      </div>
      {notice ? <Notice kind="success" announced>{notice}</Notice> : null}
      {r.status === 'IN_REVIEW' ? (
        <Notice>
          Ce ticket attend une décision : <Link href="revue">ouvrir la revue</Link>.
        </Notice>
      ) : null}
      <Details
        rows={[
          ['Habitant', <Link href={`tickets?habitant=${encodeURIComponent(r.residentId)}`}>{r.residentId}</Link>],
          ['Envoyé le', instant(r.createdAt)],
          ['Mis à jour le', instant(r.updatedAt)],
          ...(r.rejection ? ([['Refus', `${label(REJECTION_CODE, r.rejection.code)} — « ${r.rejection.message} »`]] as Array<[string, string]>) : []),
          ...(r.cashbackCents !== undefined ? ([['Remboursé', euros(r.cashbackCents)]] as Array<[string, string]>) : []),
        ]}
      />
      <div class="columns columns--wide-left">
        <section aria-label="Photo du ticket">
          <PhotoViewer src={r.imageUrl} alt={`Photo du ticket ${id}`} />
        </section>
        <section aria-labelledby="lecture-titre">
          <h2 id="lecture-titre">Extraction</h2>
          <ReadingsTable extraction={e} caption="Lectures et confiance" />
        </section>
      </div>
      {d ? (
        <section class="panel" aria-labelledby="decision-titre">
          <h2 id="decision-titre">Décision</h2>
          <Details
            rows={[
              ['Commerce', d.merchantId ? <Link href={`commerces/${d.merchantId}`}>{d.merchantName ?? d.merchantId}</Link> : '—'],
              ['Date d’achat', longDate(d.purchaseDate)],
              ['Total', euros(d.totalCents)],
              ['Campagne', d.campaignId ? <Link href={`campagnes/${d.campaignId}`}>{d.campaignId}</Link> : '—'],
              ['Remboursement prévu', euros(d.cashbackCents)],
            ]}
          />
          {r.credits && r.credits.length > 0 ? (
            <ul>
              {r.credits.map((c) => (
                <li key={c.campaignId}>
                  {euros(c.amountCents)} payés par la campagne <Link href={`campagnes/${c.campaignId}`}>{c.campaignId}</Link>
                </li>
              ))}
            </ul>
          ) : null}
          {r.status === 'CREDITED' && r.loyalty && r.loyalty.length > 0 ? (
            <ul aria-label="Fidélité">
              {r.loyalty.map((m) => (
                <li key={m.campaignId}>
                  Fidélité (<Link href={`campagnes/${m.campaignId}`}>{m.campaignId}</Link>) : achat n° {m.position}, bonus tous les {m.everyNth} achats ({euros(m.bonusCents)}) — {LOYALTY_OUTCOME[m.outcome]}
                </li>
              ))}
            </ul>
          ) : null}
          {d.explanation && d.explanation.length > 0 ? (
            <>
              <h3>Explications</h3>
              <ul>
                {d.explanation.map((x, i) => (
                  <li key={i}>{x}</li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
      {trace.length > 0 ? (
        <section class="panel" aria-labelledby="trace-titre">
          <h2 id="trace-titre">Trace des règles</h2>
          <TraceTable trace={trace} caption="Chaque règle de chaque campagne examinée" />
        </section>
      ) : null}
      {review && (review.reasons?.length || review.candidates?.length) ? (
        <section class="panel" aria-labelledby="revue-titre">
          <h2 id="revue-titre">Revue</h2>
          {review.reasons?.length ? (
            <ul>
              {review.reasons.map((x, i) => (
                <li key={i}>{x}</li>
              ))}
            </ul>
          ) : null}
          {review.candidates?.length ? (
            <p>
              Commerces candidats :{' '}
              {review.candidates.map((c, i) => (
                <span key={c.merchantId}>
                  {i > 0 ? ', ' : ''}
                  <Link href={`commerces/${c.merchantId}`}>{c.name}</Link> (score {c.score.toLocaleString('fr-FR')})
                </span>
              ))}
            </p>
          ) : null}
          {review.lookAlikes?.length ? (
            <p>
              Photos semblables :{' '}
              {review.lookAlikes.map((l, i) => (
                <span key={l.receiptId}>
                  {i > 0 ? ', ' : ''}
                  <ReceiptLink id={l.receiptId} /> (distance {l.distance})
                </span>
              ))}
            </p>
          ) : null}
          {r.reviewDecision ? (
            <p>
              {r.reviewDecision.action === 'APPROVE' ? 'Approuvé' : 'Rejeté'} par {r.reviewDecision.by} le {instant(r.reviewDecision.at)}
              {r.reviewDecision.reason ? ` : « ${r.reviewDecision.reason} »` : ''}
              {r.reviewDecision.corrections && Object.keys(r.reviewDecision.corrections).length > 0
                ? ` — corrections : ${[
                    r.reviewDecision.corrections.totalCents !== undefined ? `total ${euros(r.reviewDecision.corrections.totalCents)}` : '',
                    r.reviewDecision.corrections.purchaseDate ? `date ${longDate(r.reviewDecision.corrections.purchaseDate)}` : '',
                    r.reviewDecision.corrections.merchantId ? 'commerce' : '',
                  ]
                    .filter(Boolean)
                    .join(', ')}`
                : ''}
              .
            </p>
          ) : null}
        </section>
      ) : null}
      {r.status === 'CREDITED' ? (
        <section class="panel" aria-labelledby="annuler-titre">
          <h2 id="annuler-titre">Annuler le remboursement</h2>
          <p>Si le ticket se révèle frauduleux, le remboursement est repris au portefeuille de l’habitant et rendu au budget de la campagne.</p>
          <ErrorBox error={reverse.error} />
          <form
            onSubmit={(ev) => {
              ev.preventDefault();
              void reverse.run();
            }}
          >
            <TextField id="annuler-motif" label="Motif" value={reason} onInput={setReason} error={apiFieldError(reverseErrors.byField['annuler-motif'])} required />
            <button type="submit" class="button button--danger" disabled={reverse.pending}>
              Annuler le remboursement
            </button>
          </form>
        </section>
      ) : null}
    </>
  );
}
