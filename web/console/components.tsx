import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useAsync } from '../shared/hooks';
import { confidence, euros, label, longDate, siret } from '../shared/format';
import type { Extraction, FullMerchant } from '../shared/types';
import { Link } from '../shared/router';
import { useConsole } from './context';

/** A status as a word in a badge (the colour repeats the word, never replaces it). */
export function Badge({ code, map }: { code: string | undefined; map: Record<string, string> }) {
  if (!code) return <>—</>;
  return <span class={`badge badge--${code}`}>{label(map, code)}</span>;
}

export interface PhotoControls {
  zoomIn(): void;
  zoomOut(): void;
  rotate(by: 90 | -90): void;
  reset(): void;
}

/**
 * A receipt's photo that can be zoomed (buttons, +/-) and turned a quarter at a time; the frame
 * scrolls when the photo is larger than it. Turned photos keep their whole surface in the frame.
 */
export function PhotoViewer({ src, alt, controls }: { src: string; alt: string; controls?: { current: PhotoControls | undefined } }) {
  const [zoom, setZoom] = useState(1);
  const [turn, setTurn] = useState(0);
  const [natural, setNatural] = useState<{ w: number; h: number } | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  const frame = useRef<HTMLDivElement>(null);
  const [frameWidth, setFrameWidth] = useState(480);
  useEffect(() => {
    setZoom(1);
    setTurn(0);
    setNatural(undefined);
    setFailed(false);
  }, [src]);
  useEffect(() => {
    const el = frame.current;
    if (!el) return;
    const measure = () => setFrameWidth(Math.max(200, el.clientWidth - 16));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const api: PhotoControls = {
    zoomIn: () => setZoom((z) => Math.min(4, Math.round((z + 0.25) * 100) / 100)),
    zoomOut: () => setZoom((z) => Math.max(0.5, Math.round((z - 0.25) * 100) / 100)),
    rotate: (by) => setTurn((t) => (t + by + 360) % 360),
    reset: () => {
      setZoom(1);
      setTurn(0);
    },
  };
  if (controls) controls.current = api;
  const sideways = turn === 90 || turn === 270;
  const ratio = natural ? natural.h / natural.w : 1.6;
  // The box the turned photo occupies: as wide as the frame at zoom 1.
  const boxWidth = frameWidth * zoom;
  const imgWidth = sideways ? boxWidth / ratio : boxWidth;
  const imgHeight = imgWidth * ratio;
  const boxHeight = sideways ? imgWidth : imgHeight;
  return (
    <figure class="photo">
      <div class="toolbar" role="group" aria-label="Affichage de la photo">
        <button type="button" class="button button--secondary button--small" onClick={api.zoomIn} aria-keyshortcuts="+">
          Zoomer
        </button>
        <button type="button" class="button button--secondary button--small" onClick={api.zoomOut} aria-keyshortcuts="-">
          Dézoomer
        </button>
        <button type="button" class="button button--secondary button--small" onClick={() => api.rotate(-90)} aria-keyshortcuts="g">
          Pivoter à gauche
        </button>
        <button type="button" class="button button--secondary button--small" onClick={() => api.rotate(90)} aria-keyshortcuts="d">
          Pivoter à droite
        </button>
        <button type="button" class="button button--secondary button--small" onClick={api.reset} aria-keyshortcuts="0">
          Réinitialiser
        </button>
        <span class="photo-state" aria-live="polite">
          {Math.round(zoom * 100)} %{turn ? `, tournée de ${turn}°` : ''}
        </span>
      </div>
      <div class="photo-frame" ref={frame} tabIndex={0} aria-label="Photo du ticket (défilement au clavier)">
        {failed ? (
          <p class="alert alert--warning">La photo n’a pas pu être chargée (le lien a peut-être expiré : rechargez la page).</p>
        ) : (
          <div class="photo-box" style={{ width: `${sideways ? imgHeight : imgWidth}px`, height: `${boxHeight}px` }}>
            <img
              src={src}
              alt={alt}
              width={Math.round(imgWidth)}
              height={Math.round(imgHeight)}
              style={{ width: `${imgWidth}px`, height: `${imgHeight}px`, transform: `translate(-50%, -50%) rotate(${turn}deg)` }}
              onLoad={(e) => {
                const img = e.currentTarget as HTMLImageElement;
                setNatural({ w: img.naturalWidth || 1, h: img.naturalHeight || 1 });
              }}
              onError={() => setFailed(true)}
            />
          </div>
        )}
      </div>
    </figure>
  );
}

/** Extraction fields in reading order, with their French names. */
const READINGS: Array<[keyof Extraction, string, (v: unknown) => string]> = [
  ['shopSign', 'Enseigne', String],
  ['siret', 'SIRET', (v) => siret(String(v))],
  ['street', 'Adresse', String],
  ['postcode', 'Code postal', String],
  ['city', 'Ville', String],
  ['phone', 'Téléphone', String],
  ['purchaseDate', 'Date d’achat', (v) => longDate(String(v))],
  ['purchaseTime', 'Heure', (v) => String(v).slice(0, 5)],
  ['totalCents', 'Total', (v) => euros(Number(v))],
  ['ticketNumber', 'Numéro de ticket', String],
  ['paymentMeans', 'Paiement', String],
];

/** Below this the parser doubts a reading (the city's default review threshold). */
const LOW_CONFIDENCE = 0.6;

/** What was read on a receipt, each field with its confidence. */
export function ReadingsTable({ extraction, caption = 'Lectures du ticket' }: { extraction: Extraction | null | undefined; caption?: string }) {
  if (!extraction) return <p>Rien n’a été lu sur ce ticket.</p>;
  const rows = READINGS.filter(([k]) => extraction[k] !== undefined);
  return (
    <>
      <table class="readings">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Champ</th>
            <th scope="col">Lu</th>
            <th scope="col" class="num">
              Confiance
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([key, name, fmt]) => {
            const r = extraction[key] as { value: unknown; confidence: number };
            const low = r.confidence < LOW_CONFIDENCE;
            return (
              <tr key={key}>
                <th scope="row">{name}</th>
                <td>{fmt(r.value)}</td>
                <td class="num">
                  {confidence(r.confidence)}
                  {low ? (
                    <>
                      {' '}
                      <span class="badge badge--low">faible</span>
                    </>
                  ) : null}
                </td>
              </tr>
            );
          })}
          {extraction.confidence !== undefined ? (
            <tr>
              <th scope="row">Lecture d’ensemble</th>
              <td>{extraction.engine ? `moteur ${extraction.engine}` : '—'}</td>
              <td class="num">{confidence(extraction.confidence)}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {extraction.lineItems && extraction.lineItems.length > 0 ? (
        <details>
          <summary>Lignes du ticket ({extraction.lineItems.length})</summary>
          <table>
            <caption class="visually-hidden">Lignes du ticket</caption>
            <thead>
              <tr>
                <th scope="col">Article</th>
                <th scope="col" class="num">
                  Quantité
                </th>
                <th scope="col" class="num">
                  Montant
                </th>
              </tr>
            </thead>
            <tbody>
              {extraction.lineItems.map((l, i) => (
                <tr key={i}>
                  <td>{l.label}</td>
                  <td class="num">{l.quantity ?? '—'}</td>
                  <td class="num">{euros(l.amountCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
      {extraction.text ? (
        <details>
          <summary>Texte reconnu</summary>
          <pre>{extraction.text}</pre>
        </details>
      ) : null}
    </>
  );
}

/**
 * Finds a shop by its name (the staff directory, suspended ones included on demand) and hands the
 * chosen one back.
 */
export function MerchantPicker({ id, label: text, onPick, hint }: { id: string; label: ComponentChildren; onPick: (m: FullMerchant) => void; hint?: ComponentChildren }) {
  const { api } = useConsole();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const results = useAsync(
    async (signal) => (query ? (await api.call('get', '/v1/admin/merchants', { query: { q: query, limit: 10 }, signal })).items as FullMerchant[] : []),
    [query],
  );
  return (
    <div class="picker">
      <div class="field">
        <label for={id}>{text}</label>
        {hint ? (
          <p class="field-hint" id={`${id}-aide`}>
            {hint}
          </p>
        ) : null}
        <div class="inline-search">
          <input
            id={id}
            type="search"
            value={q}
            aria-describedby={hint ? `${id}-aide` : undefined}
            onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                setQuery(q.trim());
              }
            }}
          />
          <button type="button" class="button button--secondary" onClick={() => setQuery(q.trim())}>
            Chercher
          </button>
        </div>
      </div>
      {query ? (
        <div aria-live="polite">
          {results.loading ? (
            <p class="loading">Recherche…</p>
          ) : results.data && results.data.length > 0 ? (
            <ul class="pick-list">
              {results.data.map((m) => (
                <li key={m.merchantId}>
                  <span>
                    <strong>{m.name}</strong> — {m.address.street}, {m.address.city}
                  </span>{' '}
                  <button type="button" class="button button--small" onClick={() => onPick(m)} aria-label={`Choisir ${m.name}`}>
                    Choisir
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p>Aucun commerce ne correspond à « {query} ».</p>
          )}
        </div>
      ) : null}
    </div>
  );
}

/** A link to a receipt's page. */
export function ReceiptLink({ id }: { id: string }) {
  return (
    <Link href={`tickets/${encodeURIComponent(id)}`}>
      <code>{id}</code>
    </Link>
  );
}
