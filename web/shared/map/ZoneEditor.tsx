/**
 * Draws (or shows) a zone on the map of the shops. Pointer: "Dessiner", then a click per vertex,
 * then "Fermer la zone" (or a click on the first vertex); vertices can be dragged. Keyboard and
 * screen readers: the same zone typed as coordinates, one vertex per line, and a sentence that says
 * which shops are inside. The map is decoration for those who cannot see it, never the only way.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MapConfig } from '../config';
import { formatVertices, insideVertices, parseVertices, type Vertices } from './geo';
import type { ShopPoint, ZoneMap } from './zone-map';

export interface ZoneValue {
  vertices: Vertices;
  closed: boolean;
}

export interface Shop {
  id: string;
  name: string;
  lat: number;
  lon: number;
}

export function shopsInside(shops: Shop[], zone: ZoneValue): Shop[] {
  return zone.closed && zone.vertices.length >= 3 ? shops.filter((s) => insideVertices(zone.vertices, s.lat, s.lon)) : [];
}

/** The shops' names in French alphabetical order, whatever the order of the points. */
function listNames(shops: Shop[]): string {
  return shops
    .map((s) => s.name)
    .sort((a, b) => a.localeCompare(b, 'fr'))
    .join(', ');
}

export function ZoneEditor(props: { id: string; config: MapConfig; shops: Shop[]; value: ZoneValue; onChange?: (v: ZoneValue) => void; error?: ComponentChildren; editable?: boolean }) {
  const { id, config, shops, value, onChange, error } = props;
  const editable = props.editable !== false && onChange !== undefined;
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<ZoneMap | undefined>(undefined);
  const latest = useRef(value);
  latest.current = value;
  const [drawing, setDrawing] = useState(editable && value.vertices.length === 0);
  const [tilesFailed, setTilesFailed] = useState(false);
  const [mapError, setMapError] = useState<string | undefined>(undefined);
  const [typed, setTyped] = useState(formatVertices(value.vertices));
  const [typedError, setTypedError] = useState<string | undefined>(undefined);
  const inside = shopsInside(shops, value);

  useEffect(() => {
    let cancelled = false;
    import('./zone-map')
      .then(({ createZoneMap }) => {
        if (cancelled || !container.current) return;
        mapRef.current = createZoneMap({
          container: container.current,
          config,
          editable,
          onAddVertex: (p) => onChange?.({ vertices: [...latest.current.vertices, p], closed: false }),
          onMoveVertex: (i, p) => {
            const vertices = latest.current.vertices.slice();
            vertices[i] = p;
            onChange?.({ ...latest.current, vertices });
          },
          onCloseZone: () => {
            onChange?.({ ...latest.current, closed: true });
            setDrawing(false);
          },
          onTilesFailed: () => setTilesFailed(true),
        });
        renderMap();
        mapRef.current.fit();
      })
      .catch(() => setMapError('La carte n’a pas pu être chargée ; la zone peut être saisie au clavier ci-dessous.'));
    return () => {
      cancelled = true;
      mapRef.current?.destroy();
      mapRef.current = undefined;
    };
    // The map is made once; its content follows the props below.
  }, []);

  function renderMap() {
    const points: ShopPoint[] = shops.map((s) => ({ ...s, inside: inside.some((i) => i.id === s.id) }));
    mapRef.current?.render({ shops: points, vertices: latest.current.vertices, closed: latest.current.closed, drawing });
  }
  useEffect(renderMap, [shops, value, drawing]);
  useEffect(() => setTyped(formatVertices(value.vertices)), [value]);
  useEffect(() => {
    // A new set of shops (loaded after the map): frame them.
    if (shops.length > 0 && value.vertices.length === 0) mapRef.current?.fit();
  }, [shops]);

  const status = value.closed
    ? inside.length > 0
      ? `Zone fermée de ${value.vertices.length} sommets. ${inside.length} commerce${inside.length > 1 ? 's' : ''} dans la zone : ${listNames(inside)}.`
      : `Zone fermée de ${value.vertices.length} sommets. Aucun commerce placé sur la carte n’est dans la zone.`
    : value.vertices.length > 0
      ? `Zone ouverte : ${value.vertices.length} sommet${value.vertices.length > 1 ? 's' : ''}. Ajoutez-en au moins 3, puis fermez la zone.`
      : 'Aucune zone dessinée.';

  function applyTyped() {
    const parsed = parseVertices(typed);
    if ('badLine' in parsed) {
      setTypedError(`Ligne ${parsed.badLine} : écrivez une latitude et une longitude, par exemple 47.2945, 0.7040.`);
      return;
    }
    if (parsed.vertices.length > 0 && parsed.vertices.length < 3) {
      setTypedError('Une zone a au moins 3 sommets.');
      return;
    }
    setTypedError(undefined);
    setDrawing(false);
    onChange?.({ vertices: parsed.vertices, closed: parsed.vertices.length >= 3 });
  }

  const placed = shops.length;
  return (
    <div class={`zone-editor${error ? ' field--error' : ''}`} id={id} tabIndex={-1}>
      {editable ? (
        <p class="field-hint" id={`${id}-aide`}>
          Cliquez « Dessiner », puis cliquez sur la carte pour placer chaque sommet de la zone ; fermez-la avec « Fermer la zone » ou en cliquant sur le premier sommet. Les sommets se déplacent à la souris. Au clavier, saisissez les sommets dans le champ « Sommets de la zone » plus bas.
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={`${id}-erreur`}>
          <span class="visually-hidden">Erreur : </span>
          {error}
        </p>
      ) : null}
      {editable ? (
        <div class="toolbar" role="group" aria-label="Dessin de la zone">
          <button type="button" class="button button--secondary" aria-pressed={drawing && !value.closed} disabled={value.closed} onClick={() => setDrawing(!drawing)}>
            {drawing && !value.closed ? 'Arrêter le dessin' : 'Dessiner'}
          </button>
          <button
            type="button"
            class="button button--secondary"
            disabled={value.closed || value.vertices.length < 3}
            onClick={() => {
              onChange?.({ ...value, closed: true });
              setDrawing(false);
            }}
          >
            Fermer la zone
          </button>
          <button type="button" class="button button--secondary" disabled={value.vertices.length === 0} onClick={() => onChange?.({ vertices: value.vertices.slice(0, -1), closed: false })}>
            Retirer le dernier sommet
          </button>
          <button
            type="button"
            class="button button--secondary"
            disabled={value.vertices.length === 0}
            onClick={() => {
              onChange?.({ vertices: [], closed: false });
              setDrawing(true);
            }}
          >
            Effacer la zone
          </button>
        </div>
      ) : null}
      <div class="zone-map-frame" role="region" aria-label={editable ? 'Carte : dessin de la zone et commerces' : 'Carte de la zone et des commerces'}>
        <div class="zone-map" ref={container} data-testid="zone-map" />
      </div>
      <p class="map-legend">
        <span class="legend-dot legend-dot--shop" aria-hidden="true" /> commerce <span class="legend-dot legend-dot--inside" aria-hidden="true" /> commerce dans la zone{' '}
        <span class="legend-line" aria-hidden="true" /> zone
      </p>
      {mapError ? <p class="alert alert--warning">{mapError}</p> : null}
      {tilesFailed ? (
        <p class="alert alert--info" role="status">
          Le fond de carte ne peut pas être chargé : les commerces et la zone restent affichés et le dessin fonctionne.
        </p>
      ) : null}
      <p class="zone-status" role="status" aria-live="polite">
        {status} {placed === 0 ? 'Aucun commerce n’a de coordonnées : renseignez-les sur la page de chaque commerce.' : `${placed} commerce${placed > 1 ? 's' : ''} placé${placed > 1 ? 's' : ''} sur la carte.`}
      </p>
      {editable ? (
        <details class="zone-keyboard">
          <summary>Saisir les sommets au clavier</summary>
          <div class={`field${typedError ? ' field--error' : ''}`}>
            <label for={`${id}-sommets`}>Sommets de la zone</label>
            <p class="field-hint" id={`${id}-sommets-aide`}>
              Un sommet par ligne : latitude, longitude en degrés décimaux (par exemple 47.2945, 0.7040). Au moins 3 sommets.
            </p>
            {typedError ? (
              <p class="field-error" id={`${id}-sommets-erreur`}>
                <span class="visually-hidden">Erreur : </span>
                {typedError}
              </p>
            ) : null}
            <textarea
              id={`${id}-sommets`}
              rows={5}
              value={typed}
              aria-invalid={typedError ? 'true' : undefined}
              aria-describedby={`${id}-sommets-aide${typedError ? ` ${id}-sommets-erreur` : ''}`}
              onInput={(e) => setTyped((e.currentTarget as HTMLTextAreaElement).value)}
            />
          </div>
          <button type="button" class="button button--secondary" onClick={applyTyped}>
            Appliquer ces sommets
          </button>
        </details>
      ) : null}
    </div>
  );
}
