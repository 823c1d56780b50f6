/**
 * A Leaflet map of the shops and of a zone, with a small polygon editor of our own: in drawing
 * mode each click on the map adds a vertex; a click on the first vertex (or the "close" button of
 * the component) closes the zone; vertices can be dragged; the component owns the state.
 *
 * The tiles come from the city's configuration (the IGN Géoplateforme plan by default). When none
 * can be loaded (no network, a blocked host) the map still shows the shops as points and the
 * drawing still works: nothing here depends on a tile; `onTilesFailed` lets the page say so.
 *
 * Loaded on demand (a separate chunk): pages without a map do not download Leaflet.
 */
import * as L from 'leaflet';
import type { MapConfig } from '../config';
import type { Vertices } from './geo';

export interface ShopPoint {
  id: string;
  name: string;
  lat: number;
  lon: number;
  /** Drawn as inside the zone. */
  inside?: boolean;
}

export interface ZoneMapOptions {
  container: HTMLElement;
  config: MapConfig;
  editable: boolean;
  onAddVertex?: (latlng: [number, number]) => void;
  onMoveVertex?: (index: number, latlng: [number, number]) => void;
  onCloseZone?: () => void;
  onTilesFailed?: () => void;
}

export interface ZoneMap {
  render(state: { shops: ShopPoint[]; vertices: Vertices; closed: boolean; drawing: boolean }): void;
  /** Frames the shops and the zone (or the configured centre when there is nothing). */
  fit(): void;
  destroy(): void;
}

const COLORS = { zone: '#0b5d56', shop: '#3b3b3b', inside: '#a4361f' };

function escapeHtml(s: string) {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function createZoneMap(opts: ZoneMapOptions): ZoneMap {
  const map = L.map(opts.container, { center: opts.config.center, zoom: opts.config.zoom, zoomControl: false, attributionControl: true });
  L.control.zoom({ position: 'topleft', zoomInTitle: 'Zoomer', zoomOutTitle: 'Dézoomer' }).addTo(map);
  map.attributionControl.setPrefix('Leaflet');
  // A zoom in flight (fit() animates it): Leaflet 1.9 ends it 250 ms later on the map's panes, so
  // removing the map before then throws in the page (Leaflet issue 9575). destroy() waits for it.
  let zooming = false;
  map.on('zoomstart', () => (zooming = true));
  map.on('zoomend', () => (zooming = false));
  let tilesFailed = false;
  L.tileLayer(opts.config.tileUrl, { maxZoom: 19, attribution: escapeHtml(opts.config.attribution) })
    .on('tileerror', () => {
      if (tilesFailed) return;
      tilesFailed = true;
      opts.onTilesFailed?.();
    })
    .addTo(map);

  const shopsLayer = L.layerGroup().addTo(map);
  const zoneLayer = L.layerGroup().addTo(map);
  let state: Parameters<ZoneMap['render']>[0] = { shops: [], vertices: [], closed: false, drawing: false };
  let dragging = false;

  map.on('click', (e: L.LeafletMouseEvent) => {
    if (!opts.editable || !state.drawing || state.closed) return;
    opts.onAddVertex?.([round(e.latlng.lat), round(e.latlng.lng)]);
  });

  function drawZone() {
    zoneLayer.clearLayers();
    const { vertices, closed, drawing } = state;
    if (vertices.length >= 2) {
      const shape = closed
        ? L.polygon(vertices, { color: COLORS.zone, weight: 3, fillOpacity: 0.15, interactive: false, className: 'zone-shape' })
        : L.polyline(vertices, { color: COLORS.zone, weight: 3, dashArray: '6 6', interactive: false, className: 'zone-shape' });
      shape.addTo(zoneLayer);
    }
    vertices.forEach(([lat, lon], i) => {
      const marker = L.marker([lat, lon], {
        draggable: opts.editable,
        keyboard: false,
        icon: L.divIcon({ className: `zone-vertex${i === 0 && drawing && !closed && vertices.length >= 3 ? ' zone-vertex--first' : ''}`, iconSize: [14, 14] }),
      });
      marker.on('drag', (e: L.LeafletEvent) => {
        dragging = true;
        const p = (e.target as L.Marker).getLatLng();
        const next = state.vertices.slice();
        next[i] = [p.lat, p.lng];
        // Live outline while dragging; the component gets the final position on dragend.
        const shape = zoneLayer.getLayers().find((l) => l instanceof L.Polyline) as L.Polyline | undefined;
        shape?.setLatLngs(next);
      });
      marker.on('dragend', (e: L.LeafletEvent) => {
        dragging = false;
        const p = (e.target as L.Marker).getLatLng();
        opts.onMoveVertex?.(i, [round(p.lat), round(p.lng)]);
      });
      marker.on('click', () => {
        if (i === 0 && state.drawing && !state.closed && state.vertices.length >= 3) opts.onCloseZone?.();
      });
      marker.addTo(zoneLayer);
    });
  }

  function drawShops() {
    shopsLayer.clearLayers();
    for (const s of state.shops) {
      L.circleMarker([s.lat, s.lon], {
        radius: 8,
        color: '#ffffff',
        weight: 2,
        fillColor: s.inside ? COLORS.inside : COLORS.shop,
        fillOpacity: 1,
        className: `shop-point${s.inside ? ' shop-point--inside' : ''}`,
        interactive: !state.drawing,
      })
        .bindTooltip(escapeHtml(s.name), { direction: 'top', offset: [0, -8] })
        .addTo(shopsLayer);
    }
  }

  return {
    render(next) {
      state = next;
      opts.container.classList.toggle('zone-map--drawing', next.drawing && !next.closed);
      if (!dragging) drawZone();
      drawShops();
    },
    fit() {
      const points: L.LatLngExpression[] = [...state.shops.map((s) => [s.lat, s.lon] as [number, number]), ...state.vertices];
      if (points.length === 0) map.setView(opts.config.center, opts.config.zoom);
      else if (points.length === 1) map.setView(points[0]!, 16);
      else map.fitBounds(L.latLngBounds(points), { padding: [40, 40], maxZoom: 17 });
    },
    destroy() {
      // After the zoomend handlers: Leaflet fires moveend next, on the panes remove() takes away.
      if (zooming) map.once('zoomend', () => setTimeout(() => map.remove(), 0));
      else map.remove();
    },
  };
}

/** Six decimals: about 10 cm, enough for a street and short in the JSON. */
function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
