/**
 * The statement of a counter resident's wallet ("Relevé", issue #19), printed on one A4 page and
 * handed over at the counter: the city, the resident's name and reference, the date, the balances
 * (available, being paid, paid), the receipts with their state and cashback, and the payouts.
 * The print rules are in counter.css (`.statement`): nothing of the console around it on paper.
 */
import { euros, instant, longDate, RECEIPT_STATUS, REJECTION_CODE, label, plural, shortInstant } from '../../shared/format';
import { useAsync } from '../../shared/hooks';
import { Link } from '../../shared/router';
import { ErrorBox, Loading } from '../../shared/ui';
import { useConsole, usePageTitle } from '../context';
import './counter.css';

/** A local date "2026-11-30" as "30/11/2026", for the statement's dense table. */
function numericDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}

const PAYOUT_ITEM_STATUS: Record<string, string> = {
  RESERVING: 'En préparation',
  PENDING: 'Envoyé à la banque',
  POSTED: 'Versé',
  VOIDED: 'Retourné par la banque',
};

export function CounterStatementPage({ id }: { id: string }) {
  const { api, config } = useConsole();
  const statement = useAsync((signal) => api.call('get', '/v1/admin/residents/{id}/statement', { params: { id }, signal }), [id]);
  const s = statement.data;
  usePageTitle(s ? `Relevé de ${s.resident.fullName}` : 'Relevé');
  if (statement.loading && !s) return <Loading what="Chargement du relevé…" />;
  if (!s) {
    return (
      <>
        <h1 tabIndex={-1}>Relevé introuvable</h1>
        <ErrorBox error={statement.error} title="Le relevé n’a pas pu être lu" />
        <p>
          <Link href="guichet">Retour au guichet</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <div class="no-print statement-actions">
        <p class="breadcrumb">
          <Link href="guichet">Guichet</Link> › <Link href={`guichet/${id}`}>{s.resident.fullName}</Link> › Relevé
        </p>
        <button type="button" class="button" onClick={() => window.print()}>
          Imprimer le relevé
        </button>
      </div>
      <article class="statement" aria-labelledby="releve-titre">
        <header class="statement-head">
          <p class="statement-city">{config.cityName}</p>
          <h1 id="releve-titre" tabIndex={-1}>
            Relevé du porte-monnaie Cabas
          </h1>
          <p>
            Établi le <span data-testid="releve-date">{instant(s.statementAt)}</span>
          </p>
        </header>
        <dl class="statement-who">
          <div>
            <dt>Habitant</dt>
            <dd data-testid="releve-nom">{s.resident.fullName}</dd>
          </div>
          <div>
            <dt>Référence</dt>
            <dd data-testid="releve-reference">{s.resident.reference}</dd>
          </div>
          <div>
            <dt>Inscrit le</dt>
            <dd>{instant(s.resident.registeredAt)}</dd>
          </div>
          <div>
            <dt>Compte de versement</dt>
            <dd>{s.payoutAccount ? `${s.payoutAccount.iban} (${s.payoutAccount.holderName})` : 'aucun : à enregistrer au guichet'}</dd>
          </div>
        </dl>
        <h2>Solde</h2>
        <ul class="statement-figures">
          <li>
            <span class="statement-figure-label">Disponible</span> <strong data-testid="releve-solde">{euros(s.wallet.balanceCents)}</strong>
          </li>
          <li>
            <span class="statement-figure-label">En cours de versement</span> <strong data-testid="releve-en-cours">{euros(s.wallet.pendingPayoutCents)}</strong>
          </li>
          <li>
            <span class="statement-figure-label">Déjà versé</span> <strong data-testid="releve-verse">{euros(s.wallet.paidOutCents)}</strong>
          </li>
          <li>
            <span class="statement-figure-label">Remboursé en tout</span> <strong>{euros(s.totals.creditedCents)}</strong>
          </li>
        </ul>
        <p>
          {plural(s.totals.receipts, 'ticket envoyé', 'tickets envoyés')} : {plural(s.totals.credited, 'remboursé', 'remboursés')}, {plural(s.totals.inProgress, 'en cours', 'en cours')},{' '}
          {plural(s.totals.rejected, 'refusé', 'refusés')}.
        </p>
        <h2>Tickets</h2>
        {s.receipts.length === 0 ? (
          <p>Aucun ticket envoyé.</p>
        ) : (
          <table class="statement-table statement-receipts" data-testid="releve-tickets">
            <caption>{s.moreReceipts ? `Les ${s.receipts.length} derniers tickets, du plus récent au plus ancien` : 'Tickets, du plus récent au plus ancien'}</caption>
            <thead>
              <tr>
                <th scope="col">Envoyé le</th>
                <th scope="col">Commerce</th>
                <th scope="col">Achat du</th>
                <th scope="col" class="num">
                  Montant
                </th>
                <th scope="col">État</th>
                <th scope="col" class="num">
                  Remboursé
                </th>
              </tr>
            </thead>
            <tbody>
              {s.receipts.map((r) => (
                <tr key={r.receiptId}>
                  <td class="nowrap">{shortInstant(r.createdAt)}</td>
                  <td>{r.merchantName ?? '—'}</td>
                  <td class="nowrap">{r.purchaseDate ? numericDate(r.purchaseDate) : '—'}</td>
                  <td class="num">{euros(r.totalCents)}</td>
                  <td title={r.rejection?.message}>
                    {label(RECEIPT_STATUS, r.status)}
                    {r.rejection ? ` (${label(REJECTION_CODE, r.rejection.code).toLowerCase()})` : ''}
                  </td>
                  <td class="num">{r.cashbackCents !== undefined ? euros(r.cashbackCents) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h2>Versements</h2>
        {s.payouts.length === 0 ? (
          <p>Aucun versement pour l’instant.</p>
        ) : (
          <table class="statement-table" data-testid="releve-versements">
            <caption>{s.morePayouts ? `Les ${s.payouts.length} derniers versements sur le compte de l’habitant` : 'Versements sur le compte de l’habitant'}</caption>
            <thead>
              <tr>
                <th scope="col">Mois</th>
                <th scope="col">Date d’exécution</th>
                <th scope="col" class="num">
                  Montant
                </th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {s.payouts.map((p) => (
                <tr key={p.payoutId}>
                  <td>{p.period}</td>
                  <td>{longDate(p.requestedExecutionDate)}</td>
                  <td class="num">{euros(p.amountCents)}</td>
                  <td>{label(PAYOUT_ITEM_STATUS, p.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p class="statement-foot">Relevé établi au guichet par les services de la ville. Pour toute question, adressez-vous à l’accueil de la mairie.</p>
      </article>
    </>
  );
}
