/**
 * The report for the council ("Bilan", issue #15): the dotation's impact read from
 * `GET /v1/admin/figures`, for a month (the ISO weeks the API serves for it), a free period or the
 * whole programme, one campaign or all, every shop or a shop, a tag or a postcode. Key figures as
 * tiles, charts of our own (figures-charts.tsx) with their data as tables, the API's CSV tables,
 * and a print stylesheet (console.css) so that the page prints, or saves as PDF, as a report.
 * The filters live in the address: a report's link can be shared.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { count, euros, instant, longDate, plural, todayInParis } from '../../shared/format';
import { useAction, useAsync } from '../../shared/hooks';
import { Link, navigate, useLocation } from '../../shared/router';
import { apiFieldError, Burn, ErrorBox, fieldErrors, Loading, Notice, RadioGroup, SelectField, TextField } from '../../shared/ui';
import { useConsole, usePageTitle } from '../context';
import { type WeekFigures, type Figures, readFigures, monthWeeks, monthName, previousMonth, fillWeeks, type Mode, type Filters, filtersOf, addressOf, queryOf, loadChoices, describeShops } from './figures-query';
import { BurnChart, CustomersChart, DataTableView, dateRange, leverageText, percent, SalesChart, TopShopsChart, weekHead, weekNumber } from './figures-charts';

// ---------------------------------------------------------------------------------------------
// The page.

function Tile(props: { label: string; figure: string; value: string; children?: ComponentChildren; wide?: boolean }) {
  return (
    <li class={`tile${props.wide ? ' tile--wide' : ''}`}>
      <p class="tile-label">{props.label}</p>
      <p class="tile-value" data-figure={props.figure}>
        {props.value}
      </p>
      {props.children}
    </li>
  );
}

function KeyFigures({ f, today }: { f: Figures; today: string }) {
  const { dotation: d, totals: t, shops: s } = f;
  const perShop = t.residentsReached === null;
  return (
    <ul class="tiles">
      <Tile label="Dotation dépensée" figure="spent" value={euros(d.spentCents)} wide>
        <Burn id="burn-bilan" used={d.spentCents} total={d.fundedCents} />
        <p class="tile-note">
          sur <span data-figure="funded">{euros(d.fundedCents)}</span> de dotation ({d.campaigns > 1 ? `${count(d.campaigns)} campagnes` : d.campaigns === 1 ? '1 campagne' : 'aucune campagne'}), au {today}
          {d.returnedCents > 0 ? <> ; {euros(d.returnedCents)} rendus au financeur</> : null}
        </p>
      </Tile>
      <Tile label="Dotation restante" figure="remaining" value={euros(d.remainingCents)}>
        <p class="tile-note">au {today}, quelle que soit la période</p>
      </Tile>
      <Tile label="Remboursé aux habitants" figure="cashback" value={euros(t.cashbackCents)}>
        <p class="tile-note">sur la période, net des annulations</p>
      </Tile>
      <Tile label="Achats portés" figure="sales" value={euros(t.salesCents)}>
        <p class="tile-note">par les tickets remboursés de la période</p>
      </Tile>
      <Tile label="Effet de levier" figure="leverage" value={leverageText(t.leverage)}>
        <p class="tile-note">
          {t.leverage === null ? (
            'aucun remboursement sur la période'
          ) : (
            <>
              1 € de dotation <span aria-hidden="true">→</span>
              <span class="visually-hidden"> a porté</span> {leverageText(t.leverage)} d’achats
            </>
          )}
        </p>
      </Tile>
      <Tile label="Habitants touchés" figure="reached" value={t.residentsReached === null ? '—' : count(t.residentsReached)}>
        <p class="tile-note">{perShop ? 'non compté pour plusieurs commerces : un habitant y compterait une fois par commerce' : 'premier achat remboursé dans la période'}</p>
      </Tile>
      <Tile label="Tickets remboursés" figure="credited" value={count(t.receipts.credited)}>
        <p class="tile-note">
          <span data-figure="refused">{t.receipts.refused === null ? '—' : count(t.receipts.refused)}</span> refusé{(t.receipts.refused ?? 0) > 1 ? 's' : ''},{' '}
          <span data-figure="inReview">{t.receipts.inReview === null ? '—' : count(t.receipts.inReview)}</span> en revue
          {t.receipts.refused === null ? ' (non comptés pour une sélection de commerces)' : ''}
        </p>
      </Tile>
      <Tile label="Commerces qui ont gagné des clients" figure="shareNew" value={percent(s.shareWithNewCustomers)} wide>
        <p class="tile-note">
          <span data-figure="withNew">{count(s.withNewCustomers)}</span> sur <span data-figure="participating">{count(s.participating)}</span> commerces participants ({plural(t.newCustomers, 'nouveau client', 'nouveaux clients')})
        </p>
      </Tile>
      <Tile label="Commerces qui ont fidélisé des clients" figure="shareReturning" value={percent(s.shareWithReturningCustomers)} wide>
        <p class="tile-note">
          <span data-figure="withReturning">{count(s.withReturningCustomers)}</span> sur {count(s.participating)} {s.withReturningCustomers > 1 ? 'ont' : 'a'} vu revenir un client ({plural(t.returningCustomers, 'client revenu', 'clients revenus')})
        </p>
      </Tile>
    </ul>
  );
}

function ShopTable({ f }: { f: Figures }) {
  return (
    <DataTableView
      table={{
        caption: 'Chiffres par commerce, des plus forts achats aux plus faibles',
        head: ['Commerce', 'Nouveaux clients', 'Clients revenus', 'Tickets remboursés', 'Remboursé', 'Achats portés', 'Achats pour 1 € remboursé'],
        rows: f.perShop.map((s) => [s.name ?? s.merchantId, count(s.newCustomers), count(s.returningCustomers), count(s.creditedReceipts), euros(s.cashbackCents), euros(s.salesCents), leverageText(s.leverage)]),
      }}
    />
  );
}

function WeekTable({ weeks }: { weeks: WeekFigures[] }) {
  const n = (v: number | null) => (v === null ? '—' : count(v));
  return (
    <DataTableView
      table={{
        caption: 'Chiffres semaine par semaine',
        head: ['Semaine', 'Remboursé', 'Achats portés', 'Tickets remboursés', 'Refusés', 'En revue', 'Nouveaux clients', 'Clients revenus', 'Habitants touchés'],
        rows: weeks.map((w) => [
          weekHead(w),
          euros(w.cashbackCents),
          euros(w.salesCents),
          count(w.creditedReceipts),
          n(w.refusedReceipts),
          n(w.inReviewReceipts),
          count(w.newCustomers),
          count(w.returningCustomers),
          n(w.residentsReached),
        ]),
      }}
    />
  );
}

export function FiguresPage() {
  usePageTitle('Bilan');
  const { api, config } = useConsole();
  const { query } = useLocation();
  const thisMonth = todayInParis().slice(0, 7);
  const applied = filtersOf(query, thisMonth);
  const key = addressOf(applied);
  const [form, setForm] = useState<Filters>(applied);
  useEffect(() => setForm(applied), [key]);
  const choices = useAsync(() => loadChoices(api), []);
  const report = useAsync(
    async (signal) => {
      const q = queryOf(applied);
      // The burn chart counts from the programme's start: what was paid before the period too.
      const [figures, upTo] = await Promise.all([readFigures(api, q, signal), q.from ? readFigures(api, { ...q, from: undefined }, signal) : undefined]);
      const fromWeek = figures.period.fromWeek;
      const before = upTo && fromWeek ? upTo.weekly.filter((w) => w.week < fromWeek).reduce((s, w) => s + w.cashbackCents, 0) : 0;
      return { key, figures, before, at: new Date().toISOString() };
    },
    [key],
  );
  const csv = useAction((table: 'shops' | 'weekly') => {
    // The API's CSV tables take the same filters; the download helper sends the session's token.
    const qs = new URLSearchParams(Object.entries(queryOf(applied)).filter((e): e is [string, string] => !!e[1]));
    const name = applied.mode === 'mois' ? applied.month : applied.mode === 'tout' ? 'programme' : `${applied.from || 'debut'}_${applied.to || 'fin'}`;
    return api.download(`/v1/admin/figures/${table}.csv?${qs}`, {}, `bilan-${table === 'shops' ? 'commerces' : 'semaines'}-${name}.csv`);
  });
  const errors = fieldErrors(report.error, { from: 'b-du', to: 'b-au' });

  const months: Array<[string, string]> = [];
  for (let m = thisMonth, i = 0; i < 36; i++, m = previousMonth(m)) months.push([m, monthName(m)]);
  if (!months.some(([m]) => m === form.month)) months.push([form.month, monthName(form.month)]);
  const c = choices.data;
  const campaignOptions: Array<[string, string]> = [['', 'Toutes les campagnes'], ...(c?.campaigns ?? [])];
  if (form.campaignId && !campaignOptions.some(([id]) => id === form.campaignId)) campaignOptions.push([form.campaignId, form.campaignId]);
  const campaignName = applied.campaignId ? (c?.campaigns.find(([id]) => id === applied.campaignId)?.[1] ?? applied.campaignId) : undefined;

  // Figures of other filters (the previous report, while the next one loads) are never shown under these.
  const data = report.data?.key === key ? report.data : undefined;
  const f = data?.figures;
  const title =
    applied.mode === 'mois'
      ? `Bilan ${/^[aeiouéè]/i.test(monthName(applied.month)) ? 'd’' : 'de '}${monthName(applied.month)}`
      : applied.mode === 'periode' && (applied.from || applied.to)
        ? `Bilan ${applied.from && applied.to ? dateRange(applied.from, applied.to) : applied.from ? `depuis le ${longDate(applied.from)}` : `jusqu’au ${longDate(applied.to)}`}`
        : 'Bilan depuis le début du programme';
  const p = f?.period;
  const served = !p
    ? ''
    : p.from && p.to
      ? `Semaine${p.fromWeek === p.toWeek ? '' : 's'} ${dateRange(p.from, p.to)} (semaine${p.fromWeek === p.toWeek ? ` ${weekNumber(p.fromWeek!)}` : `s ${weekNumber(p.fromWeek!)} à ${weekNumber(p.toWeek!)}`})`
      : p.from
        ? `Semaines depuis le lundi ${longDate(p.from)}`
        : p.to
          ? `Semaines jusqu’au dimanche ${longDate(p.to)}`
          : 'Toutes les semaines du programme';
  const hasData = !!f && f.weekly.some((w) => w.creditedReceipts || w.cashbackCents || w.salesCents || w.refusedReceipts || w.inReviewReceipts || w.newCustomers || w.returningCustomers);
  const weeks = f && f.weekly.length > 0 ? fillWeeks(f.period.fromWeek ?? f.weekly[0]!.week, f.period.toWeek ?? f.weekly[f.weekly.length - 1]!.week, f.weekly) : [];
  const today = instant(data?.at).replace(/ à .*$/, '');

  return (
    <>
      <p class="print-only report-city">
        Cabas — {config.cityName} : bilan de la dotation aux commerces
      </p>
      <div class="page-head">
        <h1 tabIndex={-1}>Bilan</h1>
        <button type="button" class="button button--secondary no-print" onClick={() => window.print()}>
          Imprimer ou enregistrer en PDF
        </button>
      </div>
      <p class="lead no-print">
        Ce que la dotation a porté pour les commerces : argent dépensé et restant, achats, nouveaux clients et clients revenus, semaine par semaine. L’adresse de la page garde les filtres : copiez-la
        pour partager ce bilan.
      </p>
      <form
        class="panel report-filters no-print"
        role="search"
        aria-label="Choisir le bilan"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(addressOf(form));
        }}
      >
        <RadioGroup
          id="b-mode"
          legend="Période"
          inline
          value={form.mode}
          onChange={(v) => setForm({ ...form, mode: v as Mode })}
          options={[
            { value: 'mois', label: 'Un mois' },
            { value: 'periode', label: 'Une période' },
            { value: 'tout', label: 'Depuis le début' },
          ]}
        />
        {form.mode === 'mois' ? (
          <SelectField
            id="b-mois"
            label="Mois"
            hint={
              <>
                Un bilan mensuel couvre les semaines entières, du lundi au dimanche, dont le jeudi tombe dans le mois (les chiffres sont tenus par semaine) : pour {monthName(form.month)}, les
                semaines {dateRange(monthWeeks(form.month).from, monthWeeks(form.month).to)}.
              </>
            }
            value={form.month}
            onChange={(v) => setForm({ ...form, month: v })}
            options={months}
          />
        ) : null}
        {form.mode === 'periode' ? (
          <>
            <p class="field-hint">Les chiffres sont tenus par semaine : la période s’étend aux semaines entières (du lundi au dimanche) qu’elle touche.</p>
            <div class="form-row">
              <TextField id="b-du" label="Du" type="date" value={form.from} onInput={(v) => setForm({ ...form, from: v })} error={apiFieldError(errors.byField['b-du'])} class="field--short" />
              <TextField id="b-au" label="Au" type="date" value={form.to} onInput={(v) => setForm({ ...form, to: v })} error={apiFieldError(errors.byField['b-au'])} class="field--short" />
            </div>
          </>
        ) : null}
        <div class="form-row">
          <SelectField id="b-campagne" label="Campagne" value={form.campaignId} onChange={(v) => setForm({ ...form, campaignId: v })} options={campaignOptions} />
          <div class="field">
            <label for="b-commerces">Commerces</label>
            <select id="b-commerces" name="b-commerces" value={form.shops} onChange={(e) => setForm({ ...form, shops: (e.currentTarget as HTMLSelectElement).value })}>
              <option value="">Tous les commerces</option>
              {c && c.tags.length > 0 ? (
                <optgroup label="Par étiquette">
                  {c.tags.map((t) => (
                    <option key={t} value={`etiquette:${t}`}>
                      Étiquette « {t} »
                    </option>
                  ))}
                </optgroup>
              ) : null}
              {c && c.postcodes.length > 0 ? (
                <optgroup label="Par zone (code postal)">
                  {c.postcodes.map((p) => (
                    <option key={p} value={`cp:${p}`}>
                      Code postal {p}
                    </option>
                  ))}
                </optgroup>
              ) : null}
              {c && c.shops.length > 0 ? (
                <optgroup label="Un commerce">
                  {c.shops.map(([id, name]) => (
                    <option key={id} value={`commerce:${id}`}>
                      {name}
                    </option>
                  ))}
                </optgroup>
              ) : null}
              {form.shops && !(c && [...c.tags.map((t) => `etiquette:${t}`), ...c.postcodes.map((p) => `cp:${p}`), ...c.shops.map(([id]) => `commerce:${id}`)].includes(form.shops)) ? (
                <option value={form.shops}>{describeShops(form.shops, c)}</option>
              ) : null}
            </select>
          </div>
        </div>
        {c?.failed ? <p class="field-hint">Une partie des campagnes ou des commerces n’a pas pu être lue : les listes peuvent être incomplètes.</p> : null}
        <div class="form-actions">
          <button type="submit" class="button">
            Afficher le bilan
          </button>
          <Link href="bilan">Revenir au mois en cours</Link>
        </div>
      </form>

      <ErrorBox error={report.error ?? csv.error} title={report.error ? 'Le bilan n’a pas pu être lu' : 'Le tableau n’a pas pu être téléchargé'} />
      {report.loading ? <Loading what="Chargement du bilan…" /> : null}

      {f && data ? (
        <>
          <section class="report-head" aria-labelledby="bilan-titre">
            <h2 id="bilan-titre">{title}</h2>
            <p class="report-scope" data-testid="bilan-perimetre">
              {served} · {campaignName ? `campagne « ${campaignName} »` : 'toutes les campagnes'} · {describeShops(applied.shops, c)}.
            </p>
            <p class="muted">Bilan établi le {instant(data.at)}, à partir des compteurs du grand livre.</p>
          </section>

          <section class="report-section" aria-labelledby="chiffres-cles">
            <h2 id="chiffres-cles">Chiffres clés</h2>
            {!hasData ? <Notice>Aucun chiffre pour cette période : aucun ticket n’a été remboursé, refusé ou mis en revue sur ces semaines. La dotation est montrée telle qu’elle est aujourd’hui.</Notice> : null}
            <KeyFigures f={f} today={today} />
          </section>

          {hasData ? (
            <>
              <section class="report-section" aria-labelledby="argent-achats">
                <h2 id="argent-achats">Dotation et achats</h2>
                <div class="charts">
                  <BurnChart weeks={weeks} before={data.before} fundedCents={f.dotation.fundedCents} />
                  <SalesChart weeks={weeks} />
                </div>
              </section>
              <section class="report-section" aria-labelledby="clients-commerces">
                <h2 id="clients-commerces">Clients et commerces</h2>
                <div class="charts">
                  <CustomersChart weeks={weeks} />
                  <TopShopsChart shops={f.perShop} />
                </div>
              </section>
              <section class="report-section" aria-labelledby="tableaux">
                <h2 id="tableaux">Tableaux</h2>
                <div class="page-head">
                  <h3>Par commerce</h3>
                  <button type="button" class="button button--secondary button--small no-print" onClick={() => void csv.run('shops')} disabled={csv.pending}>
                    Télécharger le tableau par commerce (CSV)
                  </button>
                </div>
                <ShopTable f={f} />
                <div class="page-head">
                  <h3>Par semaine</h3>
                  <button type="button" class="button button--secondary button--small no-print" onClick={() => void csv.run('weekly')} disabled={csv.pending}>
                    Télécharger le tableau par semaine (CSV)
                  </button>
                </div>
                <WeekTable weeks={f.weekly} />
              </section>
            </>
          ) : null}
        </>
      ) : null}
    </>
  );
}
