import * as z from '../schema';

/** A GeoJSON position: [longitude, latitude] (RFC 7946). */
const Position = z.tuple([z.number().check(z.minimum(-180), z.maximum(180)), z.number().check(z.minimum(-90), z.maximum(90))]);
const Ring = z.array(Position).check(
  z.minLength(4),
  z.maxLength(10_000),
  z.refine((r) => r[0]![0] === r.at(-1)![0] && r[0]![1] === r.at(-1)![1], 'a ring must end where it starts'),
);
const rings = () => z.array(Ring).check(z.minLength(1), z.maxLength(100));

/** A road-works zone, drawn by the city: a GeoJSON Polygon or MultiPolygon (holes allowed). */
export const Zone = z.union([
  z.strictObject({ type: z.literal('Polygon'), coordinates: rings() }),
  z.strictObject({ type: z.literal('MultiPolygon'), coordinates: z.array(rings()).check(z.minLength(1), z.maxLength(100)) }),
]);
export type Zone = z.infer<typeof Zone>;

/** Ray casting on one ring (lon/lat treated as plane coordinates: fine at a city's scale). */
function inRing(lon: number, lat: number, ring: ReadonlyArray<readonly [number, number]>): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inPolygon(lon: number, lat: number, rings: ReadonlyArray<ReadonlyArray<readonly [number, number]>>): boolean {
  const [outer, ...holes] = rings;
  return !!outer && inRing(lon, lat, outer) && !holes.some((h) => inRing(lon, lat, h));
}

export function zoneContains(zone: Zone, point: { lat: number; lon: number }): boolean {
  const polygons = zone.type === 'Polygon' ? [zone.coordinates] : zone.coordinates;
  return polygons.some((p) => inPolygon(point.lon, point.lat, p));
}
