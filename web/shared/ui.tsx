/**
 * Accessible building blocks of the web apps (RGAA 4.1 / WCAG 2.1 AA): every field has a visible
 * label; its hint and its error are linked with aria-describedby and the field says it is invalid;
 * a form's errors are summed up at its top with a link to each field; status messages go to a
 * live region. Styles: web/shared/styles/base.css.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ApiError } from './api';

interface FieldBase {
  id: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  error?: ComponentChildren;
  required?: boolean;
  class?: string;
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-aide` : '', error ? `${id}-erreur` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function FieldText({ id, hint, error }: { id: string; hint?: ComponentChildren; error?: ComponentChildren }) {
  return (
    <>
      {hint ? (
        <p class="field-hint" id={`${id}-aide`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={`${id}-erreur`}>
          <span class="visually-hidden">Erreur : </span>
          {error}
        </p>
      ) : null}
    </>
  );
}

function Required({ required }: { required?: boolean | undefined }) {
  return required ? (
    <span class="required" aria-hidden="true">
      {' '}
      (obligatoire)
    </span>
  ) : null;
}

/** The few input attributes the forms set besides those of the field. */
interface InputProps {
  inputMode?: 'decimal' | 'numeric' | 'text' | 'email' | 'tel' | 'url' | 'search';
  autoComplete?: string;
  maxLength?: number;
  spellcheck?: boolean;
  placeholder?: string;
}

export function TextField(props: FieldBase & { value: string; onInput: (value: string) => void; type?: 'text' | 'search' | 'date' | 'time' | 'url' | 'tel' | 'email' | 'number'; inputProps?: InputProps }) {
  const { id, label, hint, error, required, value, onInput, type = 'text', inputProps } = props;
  return (
    <div class={`field${error ? ' field--error' : ''}${props.class ? ` ${props.class}` : ''}`}>
      <label for={id}>
        {label}
        <Required required={required} />
      </label>
      <FieldText id={id} hint={hint} error={error} />
      <input
        {...inputProps}
        id={id}
        name={id}
        // Preact types each input `type` apart; this field takes any of the text-like ones.
        type={type as 'text'}
        value={value}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)}
      />
    </div>
  );
}

export function TextArea(props: FieldBase & { value: string; onInput: (value: string) => void; rows?: number }) {
  const { id, label, hint, error, required, value, onInput, rows = 4 } = props;
  return (
    <div class={`field${error ? ' field--error' : ''}${props.class ? ` ${props.class}` : ''}`}>
      <label for={id}>
        {label}
        <Required required={required} />
      </label>
      <FieldText id={id} hint={hint} error={error} />
      <textarea
        id={id}
        name={id}
        rows={rows}
        value={value}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onInput={(e) => onInput((e.currentTarget as HTMLTextAreaElement).value)}
      />
    </div>
  );
}

export function SelectField(props: FieldBase & { value: string; onChange: (value: string) => void; options: Array<[string, string]> }) {
  const { id, label, hint, error, required, value, onChange, options } = props;
  return (
    <div class={`field${error ? ' field--error' : ''}${props.class ? ` ${props.class}` : ''}`}>
      <label for={id}>
        {label}
        <Required required={required} />
      </label>
      <FieldText id={id} hint={hint} error={error} />
      <select
        id={id}
        name={id}
        value={value}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}
      >
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Checkbox(props: { id: string; label: ComponentChildren; checked: boolean; onChange: (checked: boolean) => void; hint?: ComponentChildren; error?: ComponentChildren }) {
  const { id, label, checked, onChange, hint, error } = props;
  return (
    <div class={`field field--check${error ? ' field--error' : ''}`}>
      <input
        type="checkbox"
        id={id}
        name={id}
        checked={checked}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)}
      />
      <label for={id}>{label}</label>
      <FieldText id={id} hint={hint} error={error} />
    </div>
  );
}

export interface RadioOption {
  value: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
}

export function RadioGroup(props: { id: string; legend: ComponentChildren; value: string; onChange: (value: string) => void; options: RadioOption[]; hint?: ComponentChildren; error?: ComponentChildren; inline?: boolean }) {
  const { id, legend, value, onChange, options, hint, error, inline } = props;
  return (
    <fieldset id={id} class={`field radios${inline ? ' radios--inline' : ''}${error ? ' field--error' : ''}`} aria-describedby={describedBy(id, hint, error)} tabIndex={-1}>
      <legend>{legend}</legend>
      <FieldText id={id} hint={hint} error={error} />
      {options.map((o) => (
        <div class="radio" key={o.value}>
          <input
            type="radio"
            id={`${id}-${o.value}`}
            name={id}
            value={o.value}
            checked={value === o.value}
            aria-describedby={o.hint ? `${id}-${o.value}-aide` : undefined}
            onChange={() => onChange(o.value)}
          />
          <label for={`${id}-${o.value}`}>{o.label}</label>
          {o.hint ? (
            <p class="field-hint" id={`${id}-${o.value}-aide`}>
              {o.hint}
            </p>
          ) : null}
        </div>
      ))}
    </fieldset>
  );
}

/** A message of the API, in English: marked as such for screen readers (RGAA 8.7). */
export function ApiText({ children }: { children: ComponentChildren }) {
  return <span lang="en">{children}</span>;
}

/** A field's error from the API: "Refusé par le serveur : <its message>". */
export function apiFieldError(message: string | undefined): ComponentChildren {
  return message ? (
    <>
      Valeur refusée par le serveur : <ApiText>{message}</ApiText>
    </>
  ) : undefined;
}

export interface SummaryItem {
  /** The id of the field to go to. */
  field?: string;
  message: ComponentChildren;
}

/**
 * The errors of a form at its top, focused when they appear, each linking to its field; the
 * problem's own `detail` (English, from the API) comes with its stable code.
 */
export function ErrorSummary({ title = 'Le formulaire n’a pas été accepté', items, error }: { title?: string; items: SummaryItem[]; error?: ApiError | Error | undefined }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [error, items.length]);
  if (items.length === 0 && !error) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="resume-erreurs-titre">
      <h2 id="resume-erreurs-titre">{title}</h2>
      {error ? <ErrorText error={error} /> : null}
      {items.length > 0 ? (
        <ul>
          {items.map((i, n) => (
            <li key={n}>{i.field ? <a href={`#${i.field}`}>{i.message}</a> : i.message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** An error in words: the API's (English detail, marked) or a French one. */
export function ErrorText({ error }: { error: ApiError | Error }) {
  if (error instanceof ApiError) {
    if (error.code === 'NETWORK') return <p>{error.detail}</p>;
    return (
      <p>
        Le serveur a répondu {error.status} <code>{error.code}</code> : <ApiText>{error.detail}</ApiText>
      </p>
    );
  }
  return <p>{error.message}</p>;
}

/**
 * "Afficher la suite" under a paged list: the button while there is a next page (`hasMore`), busy
 * while it loads, and the error if loading failed.
 */
export function MoreButton({ more, hasMore }: { more: { run: () => unknown; pending: boolean; error: ApiError | Error | undefined }; hasMore: boolean }) {
  return (
    <>
      {hasMore ? (
        <button type="button" class="button button--secondary" onClick={() => void more.run()} disabled={more.pending}>
          {more.pending ? 'Chargement…' : 'Afficher la suite'}
        </button>
      ) : null}
      <ErrorBox error={more.error} />
    </>
  );
}

/** An error shown where an action failed. */
export function ErrorBox({ error, title = 'L’action n’a pas abouti' }: { error: ApiError | Error | undefined; title?: string }) {
  if (!error) return null;
  return (
    <div class="alert alert--error" role="alert">
      <p class="alert-title">{title}</p>
      <ErrorText error={error} />
    </div>
  );
}

/**
 * A status message (success, information), read out by screen readers. `announced`: the page
 * already says the same sentence through its own live region (which, present from the start, is
 * read more reliably than a region just inserted); the notice is then shown only, not read twice.
 */
export function Notice({ kind = 'info', announced = false, children }: { kind?: 'info' | 'success' | 'warning'; announced?: boolean; children: ComponentChildren }) {
  return (
    <div class={`alert alert--${kind}`} role={announced ? undefined : 'status'}>
      {children}
    </div>
  );
}

export function Loading({ what = 'Chargement…' }: { what?: string }) {
  return (
    <p class="loading" role="status">
      {what}
    </p>
  );
}

/** A term list: [["SIRET", "812 345 676 00017"], ...]. */
export function Details({ rows, class: cls }: { rows: Array<[ComponentChildren, ComponentChildren]>; class?: string }) {
  return (
    <dl class={`details${cls ? ` ${cls}` : ''}`}>
      {rows.map(([k, v], i) => (
        <div key={i}>
          <dt>{k}</dt>
          <dd>{v ?? '—'}</dd>
        </div>
      ))}
    </dl>
  );
}

/** How much of a budget is used: a meter with its words (not only a bar). */
export function Burn({ used, total, id }: { used: number; total: number; id: string }) {
  const pct = total > 0 ? Math.min(100, Math.round((used / total) * 100)) : 0;
  return (
    <div class="burn">
      <meter id={id} min={0} max={Math.max(total, 1)} value={Math.min(used, Math.max(total, 1))} aria-label={`Budget consommé : ${pct} %`} />
      <span class="burn-text">{pct} %</span>
    </div>
  );
}

/** Turns the API's per-field errors into messages for the fields of a form and a summary. */
export function fieldErrors(error: unknown, fieldIds: Record<string, string>): { byField: Record<string, string>; summary: SummaryItem[] } {
  const byField: Record<string, string> = {};
  const summary: SummaryItem[] = [];
  if (!(error instanceof ApiError)) return { byField, summary };
  for (const e of error.errors) {
    // The longest known prefix of the path names the field ("merchants.zone.coordinates.0" -> zone).
    const key = Object.keys(fieldIds)
      .filter((k) => e.path === k || e.path.startsWith(`${k}.`))
      .sort((a, b) => b.length - a.length)[0];
    const id = key ? fieldIds[key] : undefined;
    if (id && !byField[id]) byField[id] = e.message;
    summary.push({ ...(id ? { field: id } : {}), message: <>{id ? null : <code>{e.path}</code>}{id ? null : ' : '}<ApiText>{e.message}</ApiText></> });
  }
  return { byField, summary };
}
