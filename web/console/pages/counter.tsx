/**
 * The counter ("Guichet", issue #19): staff serve residents who have no smartphone. This page
 * finds a resident by their reference (a library card number…), registers a new one, and lists
 * the latest registrations; a resident's own page is counter-resident.tsx, their printed
 * statement counter-statement.tsx.
 */
import { useState } from 'preact/hooks';
import { ApiError, SessionLostError, type Ok, type Page } from '../../shared/api';
import { shortInstant } from '../../shared/format';
import { useAction, useAsync, useSavedForm } from '../../shared/hooks';
import { Link, navigate, useLocation } from '../../shared/router';
import { apiFieldError, ErrorBox, MoreButton, ErrorSummary, fieldErrors, Loading, TextField } from '../../shared/ui';
import { useConsole, usePageTitle } from '../context';
import './counter.css';

export type CounterResident = Ok<'/v1/admin/residents', 'post'>;

/** What a reference may be: letters and digits, with spaces, dots, dashes or slashes between (as the API checks). */
const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9 .\-/]{0,39}$/;

interface RegisterForm {
  fullName: string;
  reference: string;
  email: string;
}

function registerErrors(f: RegisterForm): Record<string, string> {
  const errors: Record<string, string> = {};
  if (f.fullName.trim().length < 2) errors['g-nom'] = 'Saisissez le nom et le prénom de l’habitant.';
  if (!REFERENCE.test(f.reference.trim())) errors['g-reference'] = 'Saisissez une référence : des lettres et des chiffres (espaces, points, tirets et barres obliques permis entre eux), 40 au plus.';
  if (f.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(f.email.trim())) errors['g-email'] = 'Saisissez une adresse e-mail complète, par exemple nom@exemple.fr, ou laissez le champ vide.';
  return errors;
}

function SearchByReference() {
  const { api } = useConsole();
  const { query } = useLocation();
  const applied = query.get('reference') ?? '';
  const [reference, setReference] = useState(applied);
  const [error, setError] = useState<string | undefined>(undefined);
  const result = useAsync(
    async (signal) => (applied ? ((await api.call('get', '/v1/admin/residents', { query: { reference: applied, limit: 1 }, signal })) as Page<CounterResident>) : undefined),
    [applied],
  );
  const found = result.data?.items[0];
  return (
    <section class="panel" aria-labelledby="g-chercher-titre">
      <h2 id="g-chercher-titre">Retrouver un habitant</h2>
      <form
        role="search"
        aria-label="Retrouver un habitant par sa référence"
        class="inline-search"
        onSubmit={(e) => {
          e.preventDefault();
          const r = reference.trim();
          if (!REFERENCE.test(r)) {
            setError('Saisissez une référence : des lettres et des chiffres, 40 au plus.');
            return;
          }
          setError(undefined);
          navigate(`guichet?reference=${encodeURIComponent(r)}`);
        }}
      >
        <TextField
          id="g-recherche"
          label="Référence"
          hint="Par exemple le numéro de carte de bibliothèque ; majuscules, espaces et tirets n’importent pas."
          value={reference}
          onInput={setReference}
          error={error}
          inputProps={{ autoComplete: 'off', spellcheck: false }}
        />
        <button type="submit" class="button">
          Chercher
        </button>
      </form>
      <ErrorBox error={result.error} title="La recherche n’a pas abouti" />
      {applied && result.loading ? <Loading what="Recherche…" /> : null}
      {applied && !result.loading && !result.error ? (
        <div role="status" class="search-result">
          {found ? (
            <p>
              Référence <strong>{found.reference}</strong> : <Link href={`guichet/${found.residentId}`}>{found.fullName}</Link>, inscrit le {shortInstant(found.registeredAt)}.
            </p>
          ) : (
            <p>Aucun habitant n’est inscrit avec la référence « {applied} ». Vous pouvez l’inscrire ci-dessous.</p>
          )}
        </div>
      ) : null}
    </section>
  );
}

function Register() {
  const { api, announce } = useConsole();
  const { query } = useLocation();
  const [f, setF, restored] = useSavedForm<RegisterForm>('guichet-inscription', () => ({ fullName: '', reference: query.get('reference') ?? '', email: '' }));
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const save = useAction(async () => {
    const r = await api.call('post', '/v1/admin/residents', { body: { fullName: f.fullName.trim(), reference: f.reference.trim(), ...(f.email.trim() ? { email: f.email.trim() } : {}) } });
    announce(`${r.fullName} est inscrit au guichet.`);
    setF({ fullName: '', reference: '', email: '' });
    navigate(`guichet/${r.residentId}`);
  });
  const api400 = fieldErrors(save.error, { fullName: 'g-nom', reference: 'g-reference', email: 'g-email' });
  const err = (id: string) => clientErrors[id] ?? apiFieldError(api400.byField[id]);
  const taken = save.error instanceof ApiError && save.error.code === 'COUNTER_REFERENCE_TAKEN';
  return (
    <section class="panel" aria-labelledby="g-inscrire-titre">
      <h2 id="g-inscrire-titre">Inscrire un habitant</h2>
      <p class="field-hint">Pour un habitant qui n’a pas de smartphone : ses tickets, son compte de versement et son relevé sont gérés ici.</p>
      {restored ? <p class="alert alert--info">Votre saisie a été conservée pendant la reconnexion.</p> : null}
      <ErrorSummary
        items={[...Object.entries(clientErrors).map(([field, message]) => ({ field, message })), ...api400.summary]}
        error={save.error instanceof SessionLostError || taken ? undefined : save.error}
        title="L’habitant n’a pas été inscrit"
      />
      {taken ? (
        <div class="alert alert--error" role="alert">
          <p class="alert-title">Cette référence est déjà celle d’un habitant.</p>
          <p>
            <Link href={`guichet?reference=${encodeURIComponent(f.reference.trim())}`}>Retrouver l’habitant inscrit avec la référence {f.reference.trim()}</Link>
          </p>
        </div>
      ) : null}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const errors = registerErrors(f);
          setClientErrors(errors);
          if (Object.keys(errors).length === 0) void save.run();
        }}
      >
        <TextField id="g-nom" label="Nom et prénom" required value={f.fullName} onInput={(v) => setF({ ...f, fullName: v })} error={err('g-nom')} inputProps={{ autoComplete: 'off', maxLength: 120 }} />
        <TextField
          id="g-reference"
          label="Référence"
          hint="Unique dans la ville : le numéro de carte de bibliothèque, de carte de quotient familial…"
          required
          value={f.reference}
          onInput={(v) => setF({ ...f, reference: v })}
          error={err('g-reference')}
          inputProps={{ autoComplete: 'off', spellcheck: false, maxLength: 40 }}
        />
        <TextField id="g-email" label="Adresse e-mail" hint="Facultative." type="email" value={f.email} onInput={(v) => setF({ ...f, email: v })} error={err('g-email')} inputProps={{ autoComplete: 'off', maxLength: 254 }} />
        <button type="submit" class="button" disabled={save.pending}>
          {save.pending ? 'Inscription…' : 'Inscrire l’habitant'}
        </button>
      </form>
    </section>
  );
}

function Latest() {
  const { api } = useConsole();
  const [items, setItems] = useState<CounterResident[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const first = useAsync(async (signal) => {
    const r = (await api.call('get', '/v1/admin/residents', { query: { limit: 20 }, signal })) as Page<CounterResident>;
    setItems(r.items);
    setCursor(r.nextCursor);
    return r;
  }, []);
  const more = useAction(async () => {
    if (!cursor) return;
    const r = (await api.call('get', '/v1/admin/residents', { query: { limit: 20, cursor } })) as Page<CounterResident>;
    setItems((p) => [...p, ...r.items]);
    setCursor(r.nextCursor);
  });
  return (
    <section aria-labelledby="g-derniers-titre">
      <h2 id="g-derniers-titre">Dernières inscriptions</h2>
      <ErrorBox error={first.error} title="La liste n’a pas pu être lue" />
      {first.loading && items.length === 0 ? <Loading what="Chargement des inscriptions…" /> : null}
      {!first.loading && items.length === 0 && !first.error ? <p>Personne n’est encore inscrit au guichet.</p> : null}
      {items.length > 0 ? (
        <div class="table-wrap">
          <table>
            <caption>Habitants inscrits au guichet, du plus récent au plus ancien</caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Référence</th>
                <th scope="col">Inscrit le</th>
                <th scope="col">Par</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.residentId}>
                  <th scope="row">
                    <Link href={`guichet/${r.residentId}`}>{r.fullName}</Link>
                  </th>
                  <td>{r.reference}</td>
                  <td class="nowrap">{shortInstant(r.registeredAt)}</td>
                  <td>{r.registeredBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <MoreButton more={more} hasMore={Boolean(cursor)} />
    </section>
  );
}

export function CounterPage() {
  usePageTitle('Guichet');
  return (
    <>
      <h1 tabIndex={-1}>Guichet</h1>
      <p class="lead">Les habitants sans smartphone sont servis ici : chaque action est enregistrée à votre nom dans le journal.</p>
      <div class="columns">
        <SearchByReference />
        <Register />
      </div>
      <Latest />
    </>
  );
}
