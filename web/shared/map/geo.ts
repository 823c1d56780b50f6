/** A zone as drawn: its vertices as [latitude, longitude], in order, the first not repeated at the end. */
export type Vertices = Array<[number, number]>;

/** A GeoJSON Polygon (RFC 7946: [longitude, latitude] positions, the ring closed). */
export interface GeoPolygon {
  type: 'Polygon';
  coordinates: Array<Array<[number, number]>>;
}

export interface GeoMultiPolygon {
  type: 'MultiPolygon';
  coordinates: Array<Array<Array<[number, number]>>>;
}

/** The GeoJSON polygon of drawn vertices (at least 3). */
export function toPolygon(vertices: Vertices): GeoPolygon {
  const ring = vertices.map(([lat, lon]) => [lon, lat] as [number, number]);
  return { type: 'Polygon', coordinates: [[...ring, ring[0]!]] };
}

/** The outer ring of a zone as vertices to edit (a MultiPolygon gives its first polygon). */
export function fromZone(zone: GeoPolygon | GeoMultiPolygon): Vertices {
  const ring = zone.type === 'Polygon' ? zone.coordinates[0] : zone.coordinates[0]?.[0];
  if (!ring || ring.length < 4) return [];
  return ring.slice(0, -1).map(([lon, lat]) => [lat, lon]);
}

/** Whether a point lies inside drawn vertices (ray casting; plane coordinates are fine at a city's scale). */
export function insideVertices(vertices: Vertices, lat: number, lon: number): boolean {
  let inside = false;
  for (let i = 0, j = vertices.length - 1; i < vertices.length; j = i++) {
    const [yi, xi] = vertices[i]!;
    const [yj, xj] = vertices[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Vertices typed one per line: "47.2945, 0.7040", "47,2945 ; 0,7040" (French decimal commas with a
 * semicolon between) or "47.2945 0.7040"; or the number of the first line that is not a coordinate.
 */
export function parseVertices(text: string): { vertices: Vertices } | { badLine: number } {
  const vertices: Vertices = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const parts = line.includes(';') ? line.split(';').map((p) => p.trim().replace(',', '.')) : line.includes(',') ? line.split(',') : line.split(/\s+/);
    const [lat, lon] = parts.map((p) => (/^\s*-?\d+(\.\d+)?\s*$/.test(p) ? Number(p) : NaN));
    if (parts.length !== 2 || !Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat!) > 90 || Math.abs(lon!) > 180) return { badLine: i + 1 };
    vertices.push([lat!, lon!]);
  }
  return { vertices };
}

/** Vertices as lines of text: "47.294500, 0.704000". */
export function formatVertices(vertices: Vertices): string {
  return vertices.map(([lat, lon]) => `${lat.toFixed(6)}, ${lon.toFixed(6)}`).join('\n');
}
