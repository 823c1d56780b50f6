import { useState } from 'preact/hooks';
import { ApiError, SessionLostError } from '../../shared/api';
import { CAMPAIGN_KIND, CAMPAIGN_STATUS, WEEKDAYS, count, euros, instant, longDate, parseEuros, percentFromBps, PERIOD, label } from '../../shared/format';
import { useAction, useAsync, useSavedForm } from '../../shared/hooks';
import { fromZone, type GeoMultiPolygon, type GeoPolygon } from '../../shared/map/geo';
import { ZoneEditor } from '../../shared/map/ZoneEditor';
import { Link, navigate, useLocation } from '../../shared/router';
import type { CampaignStats, FullCampaign } from '../../shared/types';
import { apiFieldError, Burn, Details, ErrorBox, ErrorSummary, fieldErrors, Loading, Notice, TextField } from '../../shared/ui';
import { Badge } from '../components';
import { useConsole, usePageTitle } from '../context';
import { allMerchants, listCampaigns, shopPoints } from '../data';

export function CampaignListPage() {
  usePageTitle('Campagnes');
  const { api } = useConsole();
  const list = useAsync(() => listCampaigns(api), []);
  const [openId, setOpenId] = useState('');
  return (
    <>
      <div class="page-head">
        <h1 tabIndex={-1}>Campagnes</h1>
        <Link class="button" href="campagnes/nouvelle">
          Nouvelle campagne
        </Link>
      </div>
      <ErrorBox error={list.error} title="Les campagnes n’ont pas pu être lues" />
      {list.loading && !list.data ? <Loading what="Chargement des campagnes…" /> : null}
      {list.data ? (
        <>
          {list.data.rows.length === 0 ? (
            <p>Aucune campagne pour l’instant.</p>
          ) : (
            <div class="table-wrap">
              <table>
                <caption>Campagnes : statut et budget consommé</caption>
                <thead>
                  <tr>
                    <th scope="col">Nom</th>
                    <th scope="col">Type</th>
                    <th scope="col">Statut</th>
                    <th scope="col">Période</th>
                    <th scope="col" class="num">
                      Budget
                    </th>
                    <th scope="col" class="num">
                      Versé
                    </th>
                    <th scope="col">Consommé</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.rows.map(({ campaign: c, stats }) => (
                    <tr key={c.campaignId}>
                      <th scope="row">
                        <Link href={`campagnes/${c.campaignId}`}>{c.name}</Link>
                      </th>
                      <td>{label(CAMPAIGN_KIND, c.kind ?? 'CASHBACK')}</td>
                      <td>
                        <Badge code={c.status} map={CAMPAIGN_STATUS} />
                      </td>
                      <td>
                        du {longDate(c.startsOn)} au {longDate(c.endsOn)}
                      </td>
                      <td class="num">{euros(stats?.budgetCents ?? c.budgetCents)}</td>
                      <td class="num">{stats ? euros(stats.creditedCents) : '—'}</td>
                      <td>{stats ? <Burn id={`burn-${c.campaignId}`} used={stats.creditedCents} total={stats.budgetCents} /> : 'pas encore active'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
      <form
        class="panel inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (openId.trim()) navigate(`campagnes/${encodeURIComponent(openId.trim())}`);
        }}
      >
        <h2>Ouvrir une campagne par son identifiant</h2>
        <div class="inline-search">
          <TextField id="ouvrir-campagne" label="Identifiant de la campagne" value={openId} onInput={setOpenId} inputProps={{ autoComplete: 'off', spellcheck: false }} />
          <button type="submit" class="button button--secondary">
            Ouvrir
          </button>
        </div>
      </form>
    </>
  );
}

const LOYALTY_PERIOD: Record<string, string> = { MONTH: 'mois', QUARTER: 'trimestre', YEAR: 'année' };

/** The rules of a campaign in French sentences. */
export function describeRules(c: FullCampaign): string[] {
  const kind = c.kind ?? 'CASHBACK';
  const out: string[] = [];
  if (kind === 'WELCOME_BONUS') out.push(`Bonus de bienvenue de ${euros(c.bonusCents)} au premier achat remboursé d’un habitant dans le commerce, payé sur le dépôt du commerce.`);
  else if (kind === 'LOYALTY') {
    const per = c.period === 'CAMPAIGN' || !c.period ? 'pendant toute la campagne' : `par ${LOYALTY_PERIOD[c.period]} civil`;
    out.push(`Bonus fidélité de ${euros(c.bonusCents)} tous les ${c.everyNth ?? 2} achats remboursés d’un habitant dans le commerce, comptés ${per}, payé sur le dépôt du commerce.`);
  } else if (kind === 'PARKING') {
    const parks = [...(c.carParks?.operators ?? []).map((o) => `exploitant ${o}`), ...(c.carParks?.tags ?? []).map((t) => `parkings « ${t} »`), ...(c.carParks?.ids?.length ? [`${count(c.carParks.ids.length)} parking(s) choisi(s)`] : [])];
    out.push(`Stationnement remboursé jusqu’à ${euros(c.refundMaxCents)} par ticket (${parks.join(', ')}), avec un achat remboursé le même jour chez un commerçant participant ; un achat valide un seul ticket, attendu jusqu’à ${c.decideWithinHours ?? 6} h après la fin de la journée.`);
  } else out.push(`${percentFromBps(c.rateBps ?? 0)} de chaque achat${kind === 'GIFT_ALLOWANCE' ? ', pris sur une enveloppe' : ''}.`);
  if (c.maxCashbackPerReceiptCents !== undefined) out.push(`Au plus ${euros(c.maxCashbackPerReceiptCents)} par ticket.`);
  if (c.minPurchaseCents !== undefined) out.push(`Achats d’au moins ${euros(c.minPurchaseCents)}.`);
  if (c.perResidentCap) out.push(`Au plus ${euros(c.perResidentCap.amountCents)} remboursés par habitant et par ${PERIOD[c.perResidentCap.period]}.`);
  if (c.perResidentPurchaseCap) out.push(`Achats comptés jusqu’à ${euros(c.perResidentPurchaseCap.amountCents)} par habitant et par ${PERIOD[c.perResidentPurchaseCap.period]}.`);
  if (c.allowance) out.push(`Enveloppe de ${euros(c.allowance.amountCents)} par ${c.allowance.per === 'HOUSEHOLD' ? 'foyer' : 'habitant'}.`);
  if (c.receiptMaxAgeDays !== undefined) out.push(`Tickets de moins de ${c.receiptMaxAgeDays} jours.`);
  if (c.stackable) out.push('Cumulable avec la meilleure autre campagne.');
  if (c.schedule) {
    const days = c.schedule.days ? WEEKDAYS.filter(([code]) => c.schedule!.days!.includes(code as never)).map(([, d]) => d).join(', ') : 'tous les jours';
    out.push(`Achats comptés : ${days}${c.schedule.from ? `, de ${c.schedule.from} à ${c.schedule.to}` : ''}.`);
  }
  const m = c.merchants;
  if (kind !== 'WELCOME_BONUS' && kind !== 'LOYALTY' && kind !== 'PARKING' && m) {
    if ('all' in m) out.push('Tous les commerces participants.');
    else if ('tags' in m) out.push(`Commerces portant l’étiquette ${m.tags.map((t) => `« ${t} »`).join(' ou ')}.`);
    else if ('ids' in m) out.push(`${count(m.ids.length)} commerce(s) choisi(s).`);
    else if ('zone' in m) out.push('Commerces situés dans la zone dessinée.');
  }
  return out;
}

function StatsPanel({ stats }: { stats: CampaignStats }) {
  const s = stats as CampaignStats & { reversedCents?: number; returnedCents?: number };
  return (
    <section class="panel" aria-labelledby="chiffres-titre">
      <h2 id="chiffres-titre">Budget et tickets</h2>
      <Burn id="burn-campagne" used={s.creditedCents} total={s.budgetCents} />
      <Details
        rows={[
          ['Budget', euros(s.budgetCents)],
          ['Remboursé aux habitants', euros(s.creditedCents)],
          ['Reste', euros(s.remainingCents)],
          ...(s.reversedCents !== undefined ? ([['Repris (fraudes)', euros(s.reversedCents)]] as Array<[string, string]>) : []),
          ...(s.returnedCents !== undefined ? ([['Rendu au financeur', euros(s.returnedCents)]] as Array<[string, string]>) : []),
          ['Achats portés', euros(s.salesCents)],
          ['Tickets remboursés', count(s.receipts.credited)],
          ['Tickets refusés', count(s.receipts.rejected)],
          ['Tickets en revue', count(s.receipts.inReview)],
          ['Habitants', count(s.residents)],
          ['Commerces', count(s.merchants)],
        ]}
      />
    </section>
  );
}

interface TopUpForm {
  amount: string;
  reference: string;
}

export function CampaignPage({ id }: { id: string }) {
  const { api, config, announce } = useConsole();
  const campaign = useAsync((signal) => api.call('get', '/v1/admin/campaigns/{id}', { params: { id }, signal }) as Promise<FullCampaign>, [id]);
  const stats = useAsync(async (signal) => (campaign.data && campaign.data.status !== 'DRAFT' ? api.call('get', '/v1/admin/campaigns/{id}/stats', { params: { id }, signal }) : undefined), [id, campaign.data?.status]);
  const c = campaign.data;
  usePageTitle(c ? `Campagne ${c.name}` : 'Campagne');
  const { query } = useLocation();
  const [notice, setNotice] = useState<string | undefined>(query.get('creee') ? 'Campagne enregistrée comme brouillon : vérifiez-la, puis activez-la.' : undefined);
  const [confirm, setConfirm] = useState<'activate' | 'close' | undefined>(undefined);
  const [topUp, setTopUp, restored] = useSavedForm<TopUpForm>(`topup-${id}`, { amount: '', reference: '' });
  const [topUpError, setTopUpError] = useState<string | undefined>(undefined);
  const zoneShops = useAsync(async () => (c && c.merchants && 'zone' in c.merchants ? shopPoints(await allMerchants(api)) : []), [c?.campaignId]);

  const action = useAction(async (what: 'activate' | 'pause' | 'resume' | 'close') => {
    const path = `/v1/admin/campaigns/{id}/${what}` as '/v1/admin/campaigns/{id}/activate';
    const r = await api.call('post', path, { params: { id } });
    const text =
      what === 'activate'
        ? 'Campagne activée : son budget est réservé et les tickets sont remboursés.'
        : what === 'pause'
          ? 'Campagne mise en pause : aucun nouveau remboursement.'
          : what === 'resume'
            ? 'Campagne reprise.'
            : `Campagne clôturée : ${euros((r as { returnedCents?: number }).returnedCents ?? 0)} rendus au financeur.`;
    setConfirm(undefined);
    setNotice(text);
    announce(text);
    campaign.reload();
    stats.reload();
    return r;
  });

  const topUpAction = useAction(async () => {
    const amountCents = parseEuros(topUp.amount);
    if (amountCents === undefined || amountCents <= 0) {
      setTopUpError('Écrivez un montant en euros, par exemple 5 000 ou 5000,00.');
      return;
    }
    setTopUpError(undefined);
    const r = await api.call('post', '/v1/admin/campaigns/{id}/top-up', { params: { id }, body: { amountCents, reference: topUp.reference.trim() } });
    const text = r.outcome === 'ALREADY_DONE' ? `Cette recharge (${topUp.reference}) était déjà enregistrée.` : `Budget rechargé de ${euros(amountCents)} : il est de ${euros(r.budgetCents)}.`;
    setNotice(text);
    announce(text);
    setTopUp({ amount: '', reference: '' });
    stats.reload();
  });
  const topUpErrors = fieldErrors(topUpAction.error, { amountCents: 'recharge-montant', reference: 'recharge-reference' });

  const download = useAction(() => api.download('/v1/admin/campaigns/{id}/ledger.csv', { id }, `grand-livre-${id}.csv`));

  if (campaign.error) {
    return (
      <>
        <h1 tabIndex={-1}>Campagne</h1>
        <ErrorBox error={campaign.error} title={campaign.error instanceof ApiError && campaign.error.status === 404 ? 'Aucune campagne ne porte cet identifiant' : 'La campagne n’a pas pu être lue'} />
        <Link href="campagnes">Retour aux campagnes</Link>
      </>
    );
  }
  if (!c) return <Loading what="Chargement de la campagne…" />;
  const zone = c.merchants && 'zone' in c.merchants ? (c.merchants.zone as GeoPolygon | GeoMultiPolygon) : undefined;
  return (
    <>
      <p class="breadcrumb">
        <Link href="campagnes">Campagnes</Link> › {c.name}
      </p>
      <div class="page-head">
        <h1 tabIndex={-1}>{c.name}</h1>
        <Badge code={c.status} map={CAMPAIGN_STATUS} />
      </div>
      {notice ? <Notice kind="success" announced>{notice}</Notice> : null}
      <ErrorBox error={action.error ?? download.error} />
      <section class="panel" aria-labelledby="actions-titre">
        <h2 id="actions-titre">Actions</h2>
        <div class="toolbar">
          {c.status === 'DRAFT' ? (
            <>
              <Link class="button button--secondary" href={`campagnes/${id}/modifier`}>
                Modifier le brouillon
              </Link>
              <button type="button" class="button" onClick={() => setConfirm('activate')} disabled={action.pending}>
                Activer…
              </button>
            </>
          ) : null}
          {c.status === 'ACTIVE' ? (
            <button type="button" class="button button--secondary" onClick={() => void action.run('pause')} disabled={action.pending}>
              Mettre en pause
            </button>
          ) : null}
          {c.status === 'PAUSED' ? (
            <button type="button" class="button" onClick={() => void action.run('resume')} disabled={action.pending}>
              Reprendre
            </button>
          ) : null}
          {c.status === 'ACTIVE' || c.status === 'PAUSED' ? (
            <button type="button" class="button button--danger" onClick={() => setConfirm('close')} disabled={action.pending}>
              Clôturer…
            </button>
          ) : null}
          <button type="button" class="button button--secondary" onClick={() => void download.run()} disabled={download.pending}>
            Télécharger le grand livre (CSV)
          </button>
        </div>
        {confirm ? (
          <div class="confirm" role="group" aria-labelledby="confirmer-titre">
            <p id="confirmer-titre">
              {confirm === 'activate'
                ? `Activer « ${c.name} » ? Son budget de ${euros(c.budgetCents)} est réservé ${c.kind === 'WELCOME_BONUS' || c.kind === 'LOYALTY' ? 'sur le dépôt du commerce' : 'sur le compte de la ville'} ; ses règles ne pourront plus changer.`
                : `Clôturer « ${c.name} » ? Plus aucun ticket ne sera remboursé et le reste du budget retourne au financeur. C’est définitif.`}
            </p>
            <div class="toolbar">
              <button type="button" class={`button${confirm === 'close' ? ' button--danger' : ''}`} onClick={() => void action.run(confirm)} disabled={action.pending}>
                {confirm === 'activate' ? 'Confirmer l’activation' : 'Confirmer la clôture'}
              </button>
              <button type="button" class="button button--secondary" onClick={() => setConfirm(undefined)}>
                Annuler
              </button>
            </div>
          </div>
        ) : null}
      </section>
      <div class="columns">
        <section class="panel" aria-labelledby="regles-titre">
          <h2 id="regles-titre">Règles</h2>
          <Details
            rows={[
              ['Type', label(CAMPAIGN_KIND, c.kind ?? 'CASHBACK')],
              ['Période', `du ${longDate(c.startsOn)} au ${longDate(c.endsOn)}`],
              ['Budget initial', euros(c.budgetCents)],
              ['Créée le', instant(c.createdAt)],
              ...(c.activatedAt ? ([['Activée le', instant(c.activatedAt)]] as Array<[string, string]>) : []),
              ['Identifiant', <code>{c.campaignId}</code>],
            ]}
          />
          <ul>
            {describeRules(c).map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
          {(c.kind === 'WELCOME_BONUS' || c.kind === 'LOYALTY') && c.merchantId ? (
            <p>
              Commerce : <Link href={`commerces/${c.merchantId}`}>voir sa page et ses dépôts</Link>.
            </p>
          ) : null}
          {c.merchants && 'tags' in c.merchants ? (
            <ul class="tags" aria-label="Étiquettes">
              {c.merchants.tags.map((t) => (
                <li key={t}>{t}</li>
              ))}
            </ul>
          ) : null}
        </section>
        {stats.data ? <StatsPanel stats={stats.data} /> : c.status === 'DRAFT' ? <p class="panel">Les chiffres de la campagne apparaîtront une fois activée.</p> : <Loading />}
      </div>
      {zone ? (
        <section class="panel" aria-labelledby="zone-titre">
          <h2 id="zone-titre">Zone de la campagne</h2>
          <ZoneEditor id="zone-lecture" config={config.map} shops={zoneShops.data ?? []} value={{ vertices: fromZone(zone), closed: true }} editable={false} />
        </section>
      ) : null}
      {c.status === 'ACTIVE' ? (
        <section class="panel" aria-labelledby="recharge-titre">
          <h2 id="recharge-titre">Recharger le budget</h2>
          {restored ? <Notice>Votre saisie a été conservée pendant la reconnexion.</Notice> : null}
          <ErrorSummary items={topUpErrors.summary} error={topUpAction.error instanceof SessionLostError ? undefined : topUpAction.error} title="La recharge n’a pas été faite" />
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void topUpAction.run();
            }}
          >
            <div class="form-row">
              <TextField
                id="recharge-montant"
                label="Montant (€)"
                value={topUp.amount}
                onInput={(v) => setTopUp((f) => ({ ...f, amount: v }))}
                error={topUpError ?? apiFieldError(topUpErrors.byField['recharge-montant'])}
                required
                inputProps={{ inputMode: 'decimal', autoComplete: 'off' }}
                class="field--short"
              />
              <TextField
                id="recharge-reference"
                label="Référence (délibération, mandat)"
                hint="Une même référence n’est comptée qu’une fois."
                value={topUp.reference}
                onInput={(v) => setTopUp((f) => ({ ...f, reference: v }))}
                error={apiFieldError(topUpErrors.byField['recharge-reference'])}
                required
                inputProps={{ autoComplete: 'off' }}
              />
            </div>
            <button type="submit" class="button" disabled={topUpAction.pending}>
              Recharger
            </button>
          </form>
        </section>
      ) : null}
    </>
  );
}

