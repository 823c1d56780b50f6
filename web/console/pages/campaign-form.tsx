/**
 * Creating a campaign (a draft) or editing a draft: every kind and rule the API accepts. The form
 * checks only what it must turn into numbers (amounts in euros, a rate in %); the rules themselves
 * are the API's, and each field the API names in a refusal shows its message beside it.
 */
import { useState } from 'preact/hooks';
import { SessionLostError } from '../../shared/api';
import { WEEKDAYS, euros, instant } from '../../shared/format';
import { useAsync, useSavedForm } from '../../shared/hooks';
import { shopsInside, ZoneEditor } from '../../shared/map/ZoneEditor';
import { Link, navigate } from '../../shared/router';
import type { FullCampaign, FullMerchant } from '../../shared/types';
import { apiFieldError, Checkbox, ErrorSummary, fieldErrors, Loading, Notice, RadioGroup, SelectField, TextField, type SummaryItem } from '../../shared/ui';
import { MerchantPicker } from '../components';
import { useConsole, usePageTitle } from '../context';
import { allMerchants, depositsOf, shopPoints } from '../data';
import { ParkingFields } from './campaign-parking-fields';
import { type Kind, type LoyaltyPeriod, type Period, type FormState, emptyForm, fromCampaign, FIELD_IDS, isShopBonus, toBody } from './campaign-form-state';

export function CampaignFormPage({ id }: { id?: string }) {
  const editing = id !== undefined;
  usePageTitle(editing ? 'Modifier un brouillon de campagne' : 'Nouvelle campagne');
  const { api } = useConsole();
  const merchants = useAsync(() => allMerchants(api), []);
  const existing = useAsync(async (signal) => (id ? ((await api.call('get', '/v1/admin/campaigns/{id}', { params: { id }, signal })) as FullCampaign) : undefined), [id]);
  if (editing && (existing.loading || merchants.loading)) return <Loading what="Chargement du brouillon…" />;
  if (editing && existing.data && existing.data.status !== 'DRAFT') {
    return (
      <>
        <h1 tabIndex={-1}>Modifier la campagne</h1>
        <p>
          Seul un brouillon se modifie ; cette campagne est déjà activée. <Link href={`campagnes/${id}`}>Retour à la campagne</Link>
        </p>
      </>
    );
  }
  const names = new Map((merchants.data ?? []).map((m) => [m.merchantId, m.name]));
  return <CampaignForm key={id ?? 'new'} id={id} initial={existing.data ? fromCampaign(existing.data, names) : emptyForm()} merchants={merchants.data} />;
}

function CampaignForm({ id, initial, merchants }: { id: string | undefined; initial: FormState; merchants: FullMerchant[] | undefined }) {
  const { api, config } = useConsole();
  const [f, setF, restored] = useSavedForm<FormState>(id ? `campaign-${id}` : 'campaign-new', initial);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<Error | undefined>(undefined);
  const [pending, setPending] = useState(false);
  const set = (patch: Partial<FormState>) => setF((s) => ({ ...s, ...patch }));
  const shops = shopPoints(merchants ?? []);
  const deposit = useAsync(async () => (f.bonusMerchant ? depositsOf(api, f.bonusMerchant.id) : undefined), [f.bonusMerchant?.id]);

  const api400 = fieldErrors(error, FIELD_IDS);
  const err = (fieldId: string) => clientErrors[fieldId] ?? apiFieldError(api400.byField[fieldId]);
  const summary: SummaryItem[] = [...Object.entries(clientErrors).map(([field, message]) => ({ field, message })), ...api400.summary];

  async function submit() {
    const { body, errors } = toBody(f);
    setClientErrors(errors);
    setError(undefined);
    if (!body) return;
    setPending(true);
    try {
      if (id) {
        await api.call('put', '/v1/admin/campaigns/{id}', { params: { id }, body });
        navigate(`campagnes/${id}?creee=1`);
      } else {
        const r = await api.call('post', '/v1/admin/campaigns', { body });
        navigate(`campagnes/${r.campaignId}?creee=1`);
      }
    } catch (e) {
      if (!(e instanceof SessionLostError)) setError(e as Error);
    } finally {
      setPending(false);
    }
  }

  const kind = f.kind;
  const inside = shopsInside(shops, f.zone);
  return (
    <>
      <p class="breadcrumb">
        <Link href="campagnes">Campagnes</Link> › {id ? 'Modifier un brouillon' : 'Nouvelle campagne'}
      </p>
      <h1 tabIndex={-1}>{id ? 'Modifier un brouillon de campagne' : 'Nouvelle campagne'}</h1>
      <p class="lead">La campagne est enregistrée comme brouillon ; vous l’activerez ensuite depuis sa page.</p>
      {restored ? <Notice>Votre saisie a été conservée pendant la reconnexion : vérifiez-la, puis enregistrez.</Notice> : null}
      <ErrorSummary items={summary} error={error} title="La campagne n’a pas été enregistrée" />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <RadioGroup
          id="c-kind"
          legend="Type d’opération"
          value={kind}
          onChange={(v) => set({ kind: v as Kind })}
          error={err('c-kind')}
          options={[
            { value: 'CASHBACK', label: 'Remise en argent', hint: 'Un pourcentage de chaque achat, avec des plafonds éventuels.' },
            { value: 'GIFT_ALLOWANCE', label: 'Enveloppe cadeau', hint: 'Un montant par habitant ou par foyer, consommé au fil des achats.' },
            { value: 'WELCOME_BONUS', label: 'Bonus de bienvenue', hint: 'Un montant au premier achat dans un commerce, payé sur le dépôt du commerce.' },
            { value: 'LOYALTY', label: 'Fidélité', hint: 'Un montant tous les N achats d’un habitant dans un commerce sur une période, payé sur le dépôt du commerce.' },
            { value: 'PARKING', label: 'Stationnement offert', hint: 'Un ticket de parking remboursé, jusqu’à un maximum, avec un achat le même jour chez un commerçant participant.' },
          ]}
        />
        <fieldset>
          <legend>L’essentiel</legend>
          <TextField id="c-name" label="Nom de la campagne" value={f.name} onInput={(v) => set({ name: v })} error={err('c-name')} required inputProps={{ maxLength: 200 }} />
          <div class="form-row">
            <TextField id="c-budget" label="Budget (€)" hint="Réservé à l’activation." value={f.budget} onInput={(v) => set({ budget: v })} error={err('c-budget')} required inputProps={{ inputMode: 'decimal' }} class="field--short" />
            <TextField id="c-starts" label="Début" type="date" value={f.startsOn} onInput={(v) => set({ startsOn: v })} error={err('c-starts')} required class="field--short" />
            <TextField id="c-ends" label="Fin" type="date" value={f.endsOn} onInput={(v) => set({ endsOn: v })} error={err('c-ends')} required class="field--short" />
          </div>
        </fieldset>

        {kind === 'PARKING' ? (
          <ParkingFields f={f} set={set} err={err} />
        ) : !isShopBonus(kind) ? (
          <fieldset>
            <legend>Remboursement</legend>
            <div class="form-row">
              <TextField
                id="c-rate"
                label={kind === 'GIFT_ALLOWANCE' ? 'Part de l’achat prise sur l’enveloppe (%)' : 'Taux de remise (%)'}
                hint={kind === 'GIFT_ALLOWANCE' ? '100 : l’achat entier.' : 'Par exemple 10 pour 10 %.'}
                value={f.rate}
                onInput={(v) => set({ rate: v })}
                error={err('c-rate')}
                inputProps={{ inputMode: 'decimal' }}
                class="field--short"
              />
              <TextField id="c-max" label="Maximum par ticket (€)" hint="Facultatif." value={f.maxPerReceipt} onInput={(v) => set({ maxPerReceipt: v })} error={err('c-max')} inputProps={{ inputMode: 'decimal' }} class="field--short" />
            </div>
            {kind === 'CASHBACK' ? (
              <>
                <RadioGroup
                  id="c-cap"
                  legend="Plafond par habitant"
                  inline
                  value={f.capKind}
                  onChange={(v) => set({ capKind: v as FormState['capKind'] })}
                  options={[
                    { value: 'none', label: 'Aucun' },
                    { value: 'cashback', label: 'Sur le montant remboursé' },
                    { value: 'purchase', label: 'Sur les achats comptés' },
                  ]}
                />
                {f.capKind !== 'none' ? (
                  <div class="form-row">
                    <TextField
                      id="c-cap-amount"
                      label={f.capKind === 'cashback' ? 'Remboursement maximum (€)' : 'Achats comptés jusqu’à (€)'}
                      hint={f.capKind === 'purchase' ? '« 20 % sur les 50 premiers euros du mois » : taux 20, 50 €, par mois.' : undefined}
                      value={f.capAmount}
                      onInput={(v) => set({ capAmount: v })}
                      error={err('c-cap-amount')}
                      inputProps={{ inputMode: 'decimal' }}
                      class="field--short"
                    />
                    <SelectField
                      id="c-cap-period"
                      label="Par"
                      value={f.capPeriod}
                      onChange={(v) => set({ capPeriod: v as Period })}
                      error={err('c-cap-period')}
                      options={[
                        ['DAY', 'jour'],
                        ['WEEK', 'semaine'],
                        ['MONTH', 'mois'],
                        ['CAMPAIGN', 'durée de la campagne'],
                      ]}
                      class="field--short"
                    />
                  </div>
                ) : null}
              </>
            ) : null}
            {kind === 'GIFT_ALLOWANCE' ? (
              <div class="form-row">
                <TextField id="c-allowance-amount" label="Enveloppe (€)" value={f.allowanceAmount} onInput={(v) => set({ allowanceAmount: v })} error={err('c-allowance-amount')} required inputProps={{ inputMode: 'decimal' }} class="field--short" />
                <SelectField
                  id="c-allowance-per"
                  label="Par"
                  value={f.allowancePer}
                  onChange={(v) => set({ allowancePer: v as FormState['allowancePer'] })}
                  error={err('c-allowance-per')}
                  options={[
                    ['RESIDENT', 'habitant'],
                    ['HOUSEHOLD', 'foyer déclaré'],
                  ]}
                  class="field--short"
                />
              </div>
            ) : null}
            <Checkbox id="c-stackable" label="Cumulable : payée en plus de la meilleure autre campagne" checked={f.stackable} onChange={(v) => set({ stackable: v })} error={err('c-stackable')} />
          </fieldset>
        ) : (
          <fieldset>
            <legend>{kind === 'LOYALTY' ? 'Bonus fidélité' : 'Bonus de bienvenue'}</legend>
            <div id="c-bonus-merchant" tabIndex={-1} class={`field${err('c-bonus-merchant') ? ' field--error' : ''}`}>
              <p class="field-label">
                Commerce qui paie le bonus : <strong>{f.bonusMerchant ? f.bonusMerchant.name : 'aucun choisi'}</strong>
              </p>
              {err('c-bonus-merchant') ? (
                <p class="field-error">
                  <span class="visually-hidden">Erreur : </span>
                  {err('c-bonus-merchant')}
                </p>
              ) : null}
            </div>
            <MerchantPicker id="c-bonus-search" label="Chercher le commerce" onPick={(m) => set({ bonusMerchant: { id: m.merchantId, name: m.name } })} />
            {f.bonusMerchant ? (
              <p class="deposit" role="status">
                {deposit.loading
                  ? 'Lecture des dépôts du commerce…'
                  : deposit.data?.deposits.length
                    ? `Dernier dépôt enregistré le ${instant(deposit.data.deposits[0]!.at)}${deposit.data.availableCents !== undefined ? ` ; solde du dépôt juste après : ${euros(deposit.data.availableCents)}` : ''}. Le budget ne peut pas dépasser ce que le commerce a déposé.`
                    : 'Aucun dépôt de ce commerce n’est enregistré dans le journal : enregistrez son versement avant d’activer la campagne.'}{' '}
                <Link href={`commerces/${f.bonusMerchant.id}`}>Dépôts du commerce</Link>
              </p>
            ) : null}
            <div class="form-row">
              <TextField id="c-bonus" label="Bonus (€)" value={f.bonus} onInput={(v) => set({ bonus: v })} error={err('c-bonus')} required inputProps={{ inputMode: 'decimal' }} class="field--short" />
              {kind === 'LOYALTY' ? (
                <>
                  <TextField
                    id="c-every"
                    label="Bonus tous les (achats)"
                    hint="Par exemple 5 : au 5e, 10e, 15e achat remboursé."
                    value={f.everyNth}
                    onInput={(v) => set({ everyNth: v })}
                    error={err('c-every')}
                    required
                    inputProps={{ inputMode: 'numeric' }}
                    class="field--short"
                  />
                  <SelectField
                    id="c-loyalty-period"
                    label="Achats comptés par"
                    value={f.loyaltyPeriod}
                    onChange={(v) => set({ loyaltyPeriod: v as LoyaltyPeriod })}
                    error={err('c-loyalty-period')}
                    options={[
                      ['MONTH', 'mois civil'],
                      ['QUARTER', 'trimestre civil'],
                      ['YEAR', 'année civile'],
                      ['CAMPAIGN', 'durée de la campagne'],
                    ]}
                    class="field--short"
                  />
                </>
              ) : null}
            </div>
          </fieldset>
        )}

        <fieldset>
          <legend>Conditions sur les achats</legend>
          <div class="form-row">
            <TextField id="c-min" label="Achat minimum (€)" hint="Facultatif." value={f.minPurchase} onInput={(v) => set({ minPurchase: v })} error={err('c-min')} inputProps={{ inputMode: 'decimal' }} class="field--short" />
            <TextField id="c-age" label="Ancienneté maximale du ticket (jours)" hint="Facultatif, de 1 à 366." value={f.maxAgeDays} onInput={(v) => set({ maxAgeDays: v })} error={err('c-age')} inputProps={{ inputMode: 'numeric' }} class="field--short" />
          </div>
          {kind !== 'PARKING' ? (
          <fieldset id="c-schedule" tabIndex={-1} class={err('c-schedule') ? 'field--error' : ''}>
            <legend>Jours et heures des achats comptés (facultatif)</legend>
            {err('c-schedule') ? (
              <p class="field-error">
                <span class="visually-hidden">Erreur : </span>
                {err('c-schedule')}
              </p>
            ) : null}
            <div class="days">
              {WEEKDAYS.map(([code, day]) => (
                <Checkbox
                  key={code}
                  id={`c-day-${code}`}
                  label={day}
                  checked={f.scheduleDays.includes(code)}
                  onChange={(on) => set({ scheduleDays: on ? [...f.scheduleDays, code] : f.scheduleDays.filter((d) => d !== code) })}
                />
              ))}
            </div>
            <div class="form-row">
              <TextField id="c-from" label="De (heure)" type="time" value={f.scheduleFrom} onInput={(v) => set({ scheduleFrom: v })} error={err('c-from')} class="field--short" />
              <TextField id="c-to" label="À (heure)" type="time" value={f.scheduleTo} onInput={(v) => set({ scheduleTo: v })} error={err('c-to')} class="field--short" />
            </div>
          </fieldset>
          ) : null}
        </fieldset>

        {!isShopBonus(kind) && kind !== 'PARKING' ? (
          <fieldset>
            <legend>Commerces concernés</legend>
            <RadioGroup
              id="c-selection"
              legend="Quels commerces ?"
              value={f.selection}
              onChange={(v) => set({ selection: v as FormState['selection'] })}
              error={err('c-selection')}
              options={[
                { value: 'all', label: 'Tous les commerces participants' },
                { value: 'tags', label: 'Les commerces portant une étiquette' },
                { value: 'ids', label: 'Une liste de commerces' },
                { value: 'zone', label: 'Les commerces d’une zone dessinée sur la carte', hint: 'Par exemple une zone de travaux.' },
              ]}
            />
            {f.selection === 'tags' ? (
              <TextField id="c-tags" label="Étiquettes" hint="Séparées par des virgules, par exemple centre-ville, zone-travaux." value={f.tags} onInput={(v) => set({ tags: v })} error={err('c-tags')} />
            ) : null}
            {f.selection === 'ids' ? (
              <div id="c-shops" tabIndex={-1} class={err('c-shops') ? 'field--error' : ''}>
                {err('c-shops') ? (
                  <p class="field-error">
                    <span class="visually-hidden">Erreur : </span>
                    {err('c-shops')}
                  </p>
                ) : null}
                {f.shops.length > 0 ? (
                  <ul class="chosen">
                    {f.shops.map((s) => (
                      <li key={s.id}>
                        {s.name}{' '}
                        <button type="button" class="button button--secondary button--small" aria-label={`Retirer ${s.name}`} onClick={() => set({ shops: f.shops.filter((x) => x.id !== s.id) })}>
                          Retirer
                        </button>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p>Aucun commerce choisi.</p>
                )}
                <MerchantPicker id="c-shops-search" label="Ajouter un commerce" onPick={(m) => !f.shops.some((s) => s.id === m.merchantId) && set({ shops: [...f.shops, { id: m.merchantId, name: m.name }] })} />
              </div>
            ) : null}
            {f.selection === 'zone' ? (
              <div class="field">
                <h3 id="c-zone-titre">Zone</h3>
                {merchants === undefined ? <Loading what="Chargement des commerces…" /> : null}
                <ZoneEditor id="c-zone" config={config.map} shops={shops} value={f.zone} onChange={(zone) => set({ zone })} error={err('c-zone')} />
                {f.zone.closed && inside.length === 0 ? <p class="alert alert--warning">Aucun commerce placé n’est dans cette zone : la campagne ne rembourserait rien pour l’instant.</p> : null}
              </div>
            ) : null}
          </fieldset>
        ) : null}
        <div class="form-actions">
          <button type="submit" class="button" disabled={pending}>
            {pending ? 'Enregistrement…' : id ? 'Enregistrer le brouillon' : 'Créer le brouillon'}
          </button>
          <Link href={id ? `campagnes/${id}` : 'campagnes'}>Annuler</Link>
        </div>
      </form>
    </>
  );
}
