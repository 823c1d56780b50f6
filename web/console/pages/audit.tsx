/**
 * The staff audit trail (GET /v1/admin/audit): every staff action and every look at residents'
 * data, newest first, with who, when, the target and what changed. Filters by agent, action,
 * target and period; the filters live in the address, so a filtered view can be shared.
 */
import { useState } from 'preact/hooks';
import type { Page } from '../../shared/api';
import { AUDIT_ACTION, AUDIT_TARGET, label, shortInstant } from '../../shared/format';
import { useAction, useAsync } from '../../shared/hooks';
import { Link, navigate, useLocation } from '../../shared/router';
import type { AuditEntry } from '../../shared/types';
import { apiFieldError, ErrorBox, MoreButton, fieldErrors, Loading, SelectField, TextField } from '../../shared/ui';
import { useConsole, usePageTitle } from '../context';

const FILTERS = ['actor', 'action', 'targetType', 'targetId', 'from', 'to'] as const;
type Filter = (typeof FILTERS)[number];

function targetHref(type: string, id: string | undefined): string | undefined {
  if (!id) return undefined;
  if (type === 'campaign') return `campagnes/${id}`;
  if (type === 'merchant') return `commerces/${id}`;
  if (type === 'receipt') return `tickets/${id}`;
  if (type === 'resident') return id.startsWith('guichet-') ? `guichet/${id}` : `tickets?habitant=${encodeURIComponent(id)}`;
  if (type === 'payout') return 'versements';
  return undefined;
}

function Json({ value }: { value: unknown }) {
  return <pre>{JSON.stringify(value, null, 2)}</pre>;
}

export function AuditPage() {
  usePageTitle('Journal des actions');
  const { api } = useConsole();
  const { query } = useLocation();
  const applied = Object.fromEntries(FILTERS.map((f) => [f, query.get(f) ?? ''])) as Record<Filter, string>;
  const [form, setForm] = useState(applied);
  const [items, setItems] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const key = JSON.stringify(applied);
  const params = () => Object.fromEntries(Object.entries(applied).filter(([, v]) => v)) as Record<string, string>;
  const first = useAsync(
    async (signal) => {
      const r = (await api.call('get', '/v1/admin/audit', { query: { ...params(), limit: 50 }, signal })) as Page<AuditEntry>;
      setItems(r.items);
      setCursor(r.nextCursor);
      return r;
    },
    [key],
  );
  const more = useAction(async () => {
    if (!cursor) return;
    const r = (await api.call('get', '/v1/admin/audit', { query: { ...params(), limit: 50, cursor } })) as Page<AuditEntry>;
    setItems((p) => [...p, ...r.items]);
    setCursor(r.nextCursor);
  });
  const errors = fieldErrors(first.error, { actor: 'a-actor', action: 'a-action', targetType: 'a-type', targetId: 'a-id', from: 'a-from', to: 'a-to' });
  const err = (id: string) => apiFieldError(errors.byField[id]);
  return (
    <>
      <h1 tabIndex={-1}>Journal des actions</h1>
      <p class="lead">Chaque action des agents et chaque consultation de données d’habitants, avec qui, quand, la cible et ce qui a changé. Le journal ne peut être ni modifié ni effacé.</p>
      <form
        class="panel filters"
        role="search"
        aria-label="Filtrer le journal"
        onSubmit={(e) => {
          e.preventDefault();
          const q = new URLSearchParams();
          for (const f of FILTERS) if (form[f].trim()) q.set(f, form[f].trim());
          navigate(`journal${q.toString() ? `?${q}` : ''}`);
        }}
      >
        <div class="form-row">
          <TextField id="a-actor" label="Agent" hint="Son identifiant." value={form.actor} onInput={(v) => setForm({ ...form, actor: v })} error={err('a-actor')} />
          <SelectField
            id="a-action"
            label="Action"
            value={form.action}
            onChange={(v) => setForm({ ...form, action: v })}
            error={err('a-action')}
            options={[['', 'Toutes'], ...Object.entries(AUDIT_ACTION).sort((a, b) => a[1].localeCompare(b[1], 'fr'))]}
          />
          <SelectField
            id="a-type"
            label="Type de cible"
            value={form.targetType}
            onChange={(v) => setForm({ ...form, targetType: v })}
            error={err('a-type')}
            options={[['', 'Toutes'], ...Object.entries(AUDIT_TARGET)]}
          />
          <TextField id="a-id" label="Identifiant de la cible" hint="Avec un type de cible." value={form.targetId} onInput={(v) => setForm({ ...form, targetId: v })} error={err('a-id')} />
        </div>
        <div class="form-row">
          <TextField id="a-from" label="Du" type="date" value={form.from} onInput={(v) => setForm({ ...form, from: v })} error={err('a-from')} class="field--short" />
          <TextField id="a-to" label="Au" type="date" value={form.to} onInput={(v) => setForm({ ...form, to: v })} error={err('a-to')} class="field--short" />
        </div>
        <div class="form-actions">
          <button type="submit" class="button">
            Filtrer
          </button>
          <Link href="journal">Tout afficher</Link>
        </div>
      </form>
      <ErrorBox error={first.error} title="Le journal n’a pas pu être lu" />
      {first.loading && items.length === 0 ? <Loading what="Chargement du journal…" /> : null}
      {!first.loading && items.length === 0 && !first.error ? <p>Aucune entrée.</p> : null}
      {items.length > 0 ? (
        <div class="table-wrap">
          <table class="audit">
            <caption>Entrées du journal, de la plus récente à la plus ancienne</caption>
            <thead>
              <tr>
                <th scope="col">Quand</th>
                <th scope="col">Agent</th>
                <th scope="col">Action</th>
                <th scope="col">Cible</th>
                <th scope="col" class="num">
                  Réponse
                </th>
                <th scope="col">Détails</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => {
                const link = targetHref(e.target.type, e.target.id);
                return (
                  <tr key={e.auditId}>
                    <td class="nowrap">{shortInstant(e.at)}</td>
                    <td>{e.actor}</td>
                    <td>{label(AUDIT_ACTION, e.action)}</td>
                    <td>
                      {label(AUDIT_TARGET, e.target.type)}
                      {e.target.id ? (
                        <>
                          {' '}
                          {link ? (
                            <Link href={link}>
                              <code>{e.target.id}</code>
                            </Link>
                          ) : (
                            <code>{e.target.id}</code>
                          )}
                        </>
                      ) : null}
                    </td>
                    <td class="num">{e.status}</td>
                    <td>
                      {e.input !== undefined || e.before !== undefined || e.after !== undefined ? (
                        <details>
                          <summary>
                            Voir<span class="visually-hidden"> les détails de l’entrée du {shortInstant(e.at)}</span>
                          </summary>
                          <p class="field-hint">
                            Requête : <code>{e.route}</code>
                          </p>
                          {e.input !== undefined ? (
                            <>
                              <p>Envoyé :</p>
                              <Json value={e.input} />
                            </>
                          ) : null}
                          {e.before !== undefined ? (
                            <>
                              <p>Avant :</p>
                              <Json value={e.before} />
                            </>
                          ) : null}
                          {e.after !== undefined ? (
                            <>
                              <p>Après :</p>
                              <Json value={e.after} />
                            </>
                          ) : null}
                        </details>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <MoreButton more={more} hasMore={Boolean(cursor)} />
    </>
  );
}
