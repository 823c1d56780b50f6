import { useState } from 'preact/hooks';
import { ApiError, SessionLostError } from '../../shared/api';
import { MERCHANT_STATUS, euros, instant, parseEuros, siret } from '../../shared/format';
import { useAction, useAsync, useSavedForm, type AsyncState } from '../../shared/hooks';
import { Link } from '../../shared/router';
import type { FullMerchant, MerchantPatch } from '../../shared/types';
import { apiFieldError, Details, ErrorBox, ErrorSummary, fieldErrors, Loading, Notice, TextArea, TextField } from '../../shared/ui';
import { Badge } from '../components';
import { useConsole, usePageTitle } from '../context';
import { depositsOf } from '../data';
import { ShopPhotoManager } from '../../shared/shop-photos';

/* A shop's page in the console: its record, learned aliases, showcase, photos and deposits; edit, suspend, manage photos, record a deposit. */

interface EditForm {
  name: string;
  street: string;
  postcode: string;
  city: string;
  category: string;
  tags: string;
  aliases: string;
  sign: string;
  legalName: string;
  nafCode: string;
  lat: string;
  lon: string;
  description: string;
  openingHours: string;
  website: string;
  phone: string;
}

function editFormOf(m: FullMerchant): EditForm {
  return {
    name: m.name,
    street: m.address.street,
    postcode: m.address.postcode,
    city: m.address.city,
    category: m.category ?? '',
    tags: m.tags.join(', '),
    aliases: m.aliases.join('\n'),
    sign: m.sign ?? '',
    legalName: m.legalName ?? '',
    nafCode: m.nafCode ?? '',
    lat: m.coordinates ? String(m.coordinates.lat) : '',
    lon: m.coordinates ? String(m.coordinates.lon) : '',
    description: m.showcase?.description ?? '',
    openingHours: m.showcase?.openingHours ?? '',
    website: m.showcase?.website ?? '',
    phone: m.showcase?.phone ?? '',
  };
}

const list = (s: string, sep: RegExp) => [...new Set(s.split(sep).map((t) => t.trim()).filter(Boolean))];
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields that changed, as the PATCH body (`null` clears an optional one). */
function patchOf(m: FullMerchant, f: EditForm): { patch: MerchantPatch; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const p: Record<string, unknown> = {};
  if (f.name.trim() !== m.name) p.name = f.name.trim();
  const address = { street: f.street.trim(), postcode: f.postcode.trim(), city: f.city.trim() };
  if (!same(address, m.address)) p.address = address;
  const opt = (key: 'category' | 'sign' | 'legalName' | 'nafCode', value: string) => {
    const v = value.trim();
    if (v !== (m[key] ?? '')) p[key] = v ? v : null;
  };
  opt('category', f.category);
  opt('sign', f.sign);
  opt('legalName', f.legalName);
  opt('nafCode', f.nafCode);
  const tags = list(f.tags, /[,;]/);
  if (!same(tags, m.tags)) p.tags = tags;
  const aliases = list(f.aliases, /\n/);
  if (!same(aliases, m.aliases)) p.aliases = aliases;
  if (f.lat.trim() || f.lon.trim()) {
    const lat = Number(f.lat.trim().replace(',', '.'));
    const lon = Number(f.lon.trim().replace(',', '.'));
    if (!f.lat.trim() || !Number.isFinite(lat) || Math.abs(lat) > 90) errors['m-lat'] = 'Latitude : un nombre de degrés décimaux entre -90 et 90, par exemple 47.2945.';
    if (!f.lon.trim() || !Number.isFinite(lon) || Math.abs(lon) > 180) errors['m-lon'] = 'Longitude : un nombre de degrés décimaux entre -180 et 180, par exemple 0.7040.';
    if (!errors['m-lat'] && !errors['m-lon'] && !same({ lat, lon }, m.coordinates)) p.coordinates = { lat, lon };
  } else if (m.coordinates) p.coordinates = null;
  const showcase = Object.fromEntries(
    (
      [
        ['description', f.description.trim()],
        ['openingHours', f.openingHours.trim()],
        ['website', f.website.trim()],
        ['phone', f.phone.trim()],
      ] as const
    ).filter(([, v]) => v),
  );
  const current = { ...(m.showcase ?? {}) } as Record<string, unknown>;
  const kept = Object.fromEntries(Object.entries(current).filter(([k]) => !['description', 'openingHours', 'website', 'phone'].includes(k)));
  const nextShowcase = { ...kept, ...showcase };
  if (!same(nextShowcase, current)) p.showcase = Object.keys(nextShowcase).length > 0 ? nextShowcase : null;
  return { patch: p as MerchantPatch, errors };
}

const EDIT_FIELDS: Record<string, string> = {
  name: 'm-name',
  'address.street': 'm-street',
  'address.postcode': 'm-postcode',
  'address.city': 'm-city',
  address: 'm-street',
  category: 'm-category',
  tags: 'm-tags',
  aliases: 'm-aliases',
  sign: 'm-sign',
  legalName: 'm-legal',
  nafCode: 'm-naf',
  'coordinates.lat': 'm-lat',
  'coordinates.lon': 'm-lon',
  coordinates: 'm-lat',
  'showcase.description': 'm-description',
  'showcase.openingHours': 'm-hours',
  'showcase.website': 'm-website',
  'showcase.phone': 'm-phone',
  statusReason: 'm-reason',
};

export function MerchantPage({ id }: { id: string }) {
  const { api, announce } = useConsole();
  const merchant = useAsync((signal) => api.call('get', '/v1/admin/merchants/{id}', { params: { id }, signal }) as Promise<FullMerchant>, [id]);
  const m = merchant.data;
  usePageTitle(m ? `Commerce ${m.name}` : 'Commerce');
  const deposits = useAsync(() => depositsOf(api, id), [id]);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | undefined>(undefined);

  if (merchant.error) {
    return (
      <>
        <h1 tabIndex={-1}>Commerce</h1>
        <ErrorBox error={merchant.error} title={merchant.error instanceof ApiError && merchant.error.status === 404 ? 'Aucun commerce ne porte cet identifiant' : 'Le commerce n’a pas pu être lu'} />
        <Link href="commerces">Retour aux commerces</Link>
      </>
    );
  }
  if (!m) return <Loading what="Chargement du commerce…" />;
  const saved = (next: FullMerchant, text: string) => {
    merchant.set(next);
    setEditing(false);
    setNotice(text);
    announce(text);
  };
  return (
    <>
      <p class="breadcrumb">
        <Link href="commerces">Commerces</Link> › {m.name}
      </p>
      <div class="page-head">
        <h1 tabIndex={-1}>{m.name}</h1>
        <Badge code={m.status} map={MERCHANT_STATUS} />
      </div>
      {notice ? <Notice kind="success" announced>{notice}</Notice> : null}
      {editing ? (
        <MerchantEdit merchant={m} onSaved={(next) => saved(next, 'Commerce enregistré.')} onCancel={() => setEditing(false)} />
      ) : (
        <>
          <div class="columns">
            <section class="panel" aria-labelledby="identite-titre">
              <h2 id="identite-titre">Identité</h2>
              <Details
                rows={[
                  ['SIRET', siret(m.siret)],
                  ['SIREN', m.siren],
                  ['Adresse', `${m.address.street}, ${m.address.postcode} ${m.address.city}`],
                  ['Catégorie', m.category ?? '—'],
                  ['Enseigne', m.sign ?? '—'],
                  ['Raison sociale', m.legalName ?? '—'],
                  ['Code NAF', m.nafCode ?? '—'],
                  ['Coordonnées', m.coordinates ? `${m.coordinates.lat}, ${m.coordinates.lon}` : 'non renseignées (le commerce n’apparaît pas sur les cartes)'],
                  ['Étiquettes', m.tags.length ? m.tags.join(', ') : '—'],
                  ['Statut', m.status === 'SUSPENDED' ? `Suspendu${m.statusReason ? ` : ${m.statusReason}` : ''}` : 'Actif'],
                  ['Inscrit le', instant(m.createdAt)],
                  ['Modifié le', instant(m.updatedAt)],
                ]}
              />
              <button type="button" class="button" onClick={() => setEditing(true)}>
                Modifier
              </button>
            </section>
            <section class="panel" aria-labelledby="alias-titre">
              <h2 id="alias-titre">Noms appris</h2>
              <p class="field-hint">Les enseignes lues sur des tickets approuvés, qui permettent de reconnaître le commerce la fois suivante.</p>
              {m.aliases.length > 0 ? (
                <ul>
                  {m.aliases.map((a) => (
                    <li key={a}>{a}</li>
                  ))}
                </ul>
              ) : (
                <p>Aucun.</p>
              )}
              <h2>Vitrine</h2>
              <Details
                rows={[
                  ['Présentation', m.showcase?.description ?? '—'],
                  ['Horaires', m.showcase?.openingHours ?? '—'],
                  ['Site', m.showcase?.website ? <a href={m.showcase.website}>{m.showcase.website}</a> : '—'],
                  ['Téléphone', m.showcase?.phone ?? '—'],
                  ['Photos par lien', m.showcase?.photoUrls?.length ? `${m.showcase.photoUrls.length}` : '—'],
                ]}
              />
            </section>
          </div>
          <SuspendPanel merchant={m} onSaved={(next, text) => saved(next, text)} />
          <ShopPhotoManager api={api} announce={announce} scope={{ kind: 'admin', merchantId: id }} headingClass="panel" />
        </>
      )}
      <DepositsPanel id={id} deposits={deposits} onDone={(text) => {
        setNotice(text);
        announce(text);
        deposits.reload();
      }} />
    </>
  );
}

function MerchantEdit({ merchant: m, onSaved, onCancel }: { merchant: FullMerchant; onSaved: (m: FullMerchant) => void; onCancel: () => void }) {
  const { api } = useConsole();
  const [f, setF, restored] = useSavedForm<EditForm>(`merchant-${m.merchantId}`, () => editFormOf(m));
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const set = (patch: Partial<EditForm>) => setF((s) => ({ ...s, ...patch }));
  const save = useAction(async () => {
    const { patch, errors } = patchOf(m, f);
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) return;
    if (Object.keys(patch).length === 0) {
      onSaved(m);
      return;
    }
    onSaved((await api.call('patch', '/v1/admin/merchants/{id}', { params: { id: m.merchantId }, body: patch })) as FullMerchant);
  });
  const api400 = fieldErrors(save.error, EDIT_FIELDS);
  const err = (id: string) => clientErrors[id] ?? apiFieldError(api400.byField[id]);
  return (
    <section class="panel" aria-labelledby="modifier-titre">
      <h2 id="modifier-titre">Modifier le commerce</h2>
      {restored ? <Notice>Votre saisie a été conservée pendant la reconnexion.</Notice> : null}
      <ErrorSummary items={[...Object.entries(clientErrors).map(([field, message]) => ({ field, message })), ...api400.summary]} error={save.error instanceof SessionLostError ? undefined : save.error} title="Le commerce n’a pas été enregistré" />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save.run();
        }}
      >
        <p class="field-hint">Le SIRET ne change pas : un autre SIRET est un autre établissement, donc un autre commerce.</p>
        <TextField id="m-name" label="Nom affiché" value={f.name} onInput={(v) => set({ name: v })} error={err('m-name')} required />
        <fieldset>
          <legend>Adresse</legend>
          <TextField id="m-street" label="Rue" value={f.street} onInput={(v) => set({ street: v })} error={err('m-street')} required />
          <div class="form-row">
            <TextField id="m-postcode" label="Code postal" value={f.postcode} onInput={(v) => set({ postcode: v })} error={err('m-postcode')} required inputProps={{ inputMode: 'numeric', autoComplete: 'postal-code' }} class="field--short" />
            <TextField id="m-city" label="Commune" value={f.city} onInput={(v) => set({ city: v })} error={err('m-city')} required />
          </div>
          <div class="form-row">
            <TextField id="m-lat" label="Latitude" hint="Degrés décimaux, par exemple 47.2945." value={f.lat} onInput={(v) => set({ lat: v })} error={err('m-lat')} inputProps={{ inputMode: 'decimal' }} class="field--short" />
            <TextField id="m-lon" label="Longitude" hint="Par exemple 0.7040." value={f.lon} onInput={(v) => set({ lon: v })} error={err('m-lon')} inputProps={{ inputMode: 'decimal' }} class="field--short" />
          </div>
        </fieldset>
        <fieldset>
          <legend>Classement et noms</legend>
          <div class="form-row">
            <TextField id="m-category" label="Catégorie" value={f.category} onInput={(v) => set({ category: v })} error={err('m-category')} />
            <TextField id="m-naf" label="Code NAF" hint="Par exemple 47.24Z." value={f.nafCode} onInput={(v) => set({ nafCode: v })} error={err('m-naf')} class="field--short" />
          </div>
          <TextField id="m-tags" label="Étiquettes" hint="Séparées par des virgules." value={f.tags} onInput={(v) => set({ tags: v })} error={err('m-tags')} />
          <div class="form-row">
            <TextField id="m-sign" label="Enseigne" value={f.sign} onInput={(v) => set({ sign: v })} error={err('m-sign')} />
            <TextField id="m-legal" label="Raison sociale" value={f.legalName} onInput={(v) => set({ legalName: v })} error={err('m-legal')} />
          </div>
          <TextArea id="m-aliases" label="Noms appris (un par ligne)" hint="Retirez un nom mal lu pour qu’il ne serve plus à reconnaître le commerce." value={f.aliases} onInput={(v) => set({ aliases: v })} error={err('m-aliases')} />
        </fieldset>
        <fieldset>
          <legend>Vitrine (visible des habitants)</legend>
          <TextArea id="m-description" label="Présentation" value={f.description} onInput={(v) => set({ description: v })} error={err('m-description')} />
          <TextField id="m-hours" label="Horaires" hint="Par exemple « du mardi au samedi 9h-12h30 / 14h-19h »." value={f.openingHours} onInput={(v) => set({ openingHours: v })} error={err('m-hours')} />
          <div class="form-row">
            <TextField id="m-website" label="Site internet" type="url" value={f.website} onInput={(v) => set({ website: v })} error={err('m-website')} inputProps={{ autoComplete: 'url' }} />
            <TextField id="m-phone" label="Téléphone" type="tel" value={f.phone} onInput={(v) => set({ phone: v })} error={err('m-phone')} inputProps={{ autoComplete: 'tel' }} />
          </div>
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="button" disabled={save.pending}>
            {save.pending ? 'Enregistrement…' : 'Enregistrer'}
          </button>
          <button type="button" class="button button--secondary" onClick={onCancel}>
            Annuler
          </button>
        </div>
      </form>
    </section>
  );
}

function SuspendPanel({ merchant: m, onSaved }: { merchant: FullMerchant; onSaved: (m: FullMerchant, text: string) => void }) {
  const { api } = useConsole();
  const [reason, setReason] = useState('');
  const suspended = m.status === 'SUSPENDED';
  const act = useAction(async () => {
    const body: MerchantPatch = suspended ? { status: 'ACTIVE' } : { status: 'SUSPENDED', ...(reason.trim() ? { statusReason: reason.trim() } : {}) };
    const next = (await api.call('patch', '/v1/admin/merchants/{id}', { params: { id: m.merchantId }, body })) as FullMerchant;
    onSaved(next, suspended ? 'Commerce réactivé : ses tickets sont de nouveau remboursés.' : 'Commerce suspendu : ses tickets sont refusés tant qu’il l’est.');
  });
  const errors = fieldErrors(act.error, { statusReason: 'm-reason' });
  return (
    <section class="panel" aria-labelledby="suspendre-titre">
      <h2 id="suspendre-titre">{suspended ? 'Réactiver le commerce' : 'Suspendre le commerce'}</h2>
      <ErrorBox error={act.error} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void act.run();
        }}
      >
        {suspended ? (
          <p>Le commerce est suspendu{m.statusReason ? ` (${m.statusReason})` : ''} : ses tickets sont refusés.</p>
        ) : (
          <TextField id="m-reason" label="Motif de la suspension" hint="Interne, non montré aux habitants." value={reason} onInput={setReason} error={apiFieldError(errors.byField['m-reason'])} />
        )}
        <button type="submit" class={`button${suspended ? '' : ' button--danger'}`} disabled={act.pending}>
          {suspended ? 'Réactiver' : 'Suspendre'}
        </button>
      </form>
    </section>
  );
}

function DepositsPanel({ id, deposits, onDone }: { id: string; deposits: AsyncState<Awaited<ReturnType<typeof depositsOf>>>; onDone: (text: string) => void }) {
  const { api } = useConsole();
  const [form, setForm, restored] = useSavedForm(`deposit-${id}`, { amount: '', reference: '' });
  const [amountError, setAmountError] = useState<string | undefined>(undefined);
  const record = useAction(async () => {
    const amountCents = parseEuros(form.amount);
    if (amountCents === undefined || amountCents <= 0) {
      setAmountError('Écrivez un montant en euros, par exemple 150 ou 150,00.');
      return;
    }
    setAmountError(undefined);
    const r = await api.call('post', '/v1/admin/merchants/{id}/deposits', { params: { id }, body: { amountCents, reference: form.reference.trim() } });
    setForm({ amount: '', reference: '' });
    onDone(r.outcome === 'ALREADY_DONE' ? `Ce dépôt (${form.reference.trim()}) était déjà enregistré.` : `Dépôt de ${euros(amountCents)} enregistré : ${euros(r.availableCents)} disponibles pour ses bonus de bienvenue.`);
  });
  const errors = fieldErrors(record.error, { amountCents: 'dep-montant', reference: 'dep-reference' });
  return (
    <section class="panel" aria-labelledby="depots-titre">
      <h2 id="depots-titre">Dépôts pour les bonus de bienvenue</h2>
      <p class="field-hint">Ce que le commerce a versé à la ville pour payer ses bonus de bienvenue (dépôts enregistrés depuis la console ou l’API).</p>
      {deposits.loading ? <Loading /> : null}
      <ErrorBox error={deposits.error} title="Les dépôts n’ont pas pu être lus" />
      {deposits.data && deposits.data.deposits.length > 0 ? (
        <table>
          <caption>Dépôts enregistrés</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Référence</th>
              <th scope="col" class="num">
                Montant
              </th>
              <th scope="col" class="num">
                Solde juste après
              </th>
              <th scope="col">Agent</th>
            </tr>
          </thead>
          <tbody>
            {deposits.data.deposits.map((d, i) => (
              <tr key={i}>
                <td>{instant(d.at)}</td>
                <td>{d.reference ?? '—'}</td>
                <td class="num">{euros(d.amountCents)}</td>
                <td class="num">{euros(d.availableAfterCents)}</td>
                <td>{d.by}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : deposits.data ? (
        <p>Aucun dépôt enregistré.</p>
      ) : null}
      <h3>Enregistrer un dépôt</h3>
      {restored ? <Notice>Votre saisie a été conservée pendant la reconnexion.</Notice> : null}
      <ErrorSummary items={errors.summary} error={record.error instanceof SessionLostError ? undefined : record.error} title="Le dépôt n’a pas été enregistré" />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void record.run();
        }}
      >
        <div class="form-row">
          <TextField id="dep-montant" label="Montant (€)" value={form.amount} onInput={(v) => setForm({ ...form, amount: v })} error={amountError ?? apiFieldError(errors.byField['dep-montant'])} required inputProps={{ inputMode: 'decimal' }} class="field--short" />
          <TextField id="dep-reference" label="Référence du versement" hint="Titre de recette, par exemple. Une même référence n’est comptée qu’une fois." value={form.reference} onInput={(v) => setForm({ ...form, reference: v })} error={apiFieldError(errors.byField['dep-reference'])} required />
        </div>
        <button type="submit" class="button" disabled={record.pending}>
          Enregistrer le dépôt
        </button>
      </form>
    </section>
  );
}
