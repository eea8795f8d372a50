// The world's country shapes for the map, loaded on demand (the 1:50m atlas is ~750 kB): each
// feature named by its ISO 3166-1 alpha-2 code, so the map's data is keyed like the rollups.
import { numericToAlpha2 } from 'i18n-iso-countries';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import atlas from 'world-atlas/countries-50m.json';

type Ring = [number, number][];
type Geometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] } | { type: string; coordinates?: unknown };
export type WorldShapes = { type: 'FeatureCollection'; features: { type: 'Feature'; id?: string | number; properties: { name: string }; geometry: Geometry }[] };

/**
 * A ring crossing the antimeridian (Fiji, Chukotka) jumps from +180 to −180 and would be drawn as a
 * line across the whole map: its western part is moved past +180 instead.
 */
function unwrap(ring: Ring): Ring {
  const crosses = ring.some(([lon], i) => i > 0 && Math.abs(lon - (ring[i - 1] as [number, number])[0]) > 180);
  return crosses ? ring.map(([lon, lat]) => [lon < 0 ? lon + 360 : lon, lat]) : ring;
}

/** GeoJSON of every country (Antarctica left out: nothing to report there, and it takes a third of the map), named by alpha-2 code (a territory without one keeps its English name). */
export function worldShapes(): WorldShapes {
  const topology = atlas as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const collection = feature(topology, topology.objects.countries) as unknown as WorldShapes;
  collection.features = collection.features.filter((f) => String(f.id) !== '010');
  for (const f of collection.features) {
    const code = f.id === undefined ? undefined : numericToAlpha2(String(f.id).padStart(3, '0'));
    f.properties = { name: code ?? f.properties.name };
    if (f.geometry.type === 'Polygon') f.geometry.coordinates = (f.geometry.coordinates as Ring[]).map(unwrap);
    if (f.geometry.type === 'MultiPolygon') f.geometry.coordinates = (f.geometry.coordinates as Ring[][]).map((polygon) => polygon.map(unwrap));
  }
  return collection;
}
