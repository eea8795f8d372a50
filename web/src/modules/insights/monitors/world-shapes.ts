// The world's country shapes for the map, loaded on demand (the 1:50m atlas is ~750 kB): each
// feature named by its ISO 3166-1 alpha-2 code, so the map's data is keyed like the rollups.
import { numericToAlpha2 } from 'i18n-iso-countries';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import atlas from 'world-atlas/countries-50m.json';

export type WorldShapes = { type: 'FeatureCollection'; features: { type: 'Feature'; id?: string | number; properties: { name: string }; geometry: unknown }[] };

/** GeoJSON of every country, named by alpha-2 code (a territory without one keeps its English name). */
export function worldShapes(): WorldShapes {
  const topology = atlas as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const collection = feature(topology, topology.objects.countries) as unknown as WorldShapes;
  for (const f of collection.features) {
    const code = f.id === undefined ? undefined : numericToAlpha2(String(f.id).padStart(3, '0'));
    f.properties = { name: code ?? f.properties.name };
  }
  return collection;
}
