// Threat sharing's only door: the staff API plugin (under /api/v1), the TAXII 2.1 plugin (at the
// root, prefix /taxii2) and the pure STIX mapper the integrity core feeds.
export { sharingRoutes as sharingPlugin } from './routes/sharing.routes.ts';
export { taxiiRoutes as taxiiPlugin, taxiiPrefix } from './taxii/taxii.routes.ts';
export { buildBundle, type BundleInput } from './stix/build-bundle.ts';
export type { AccountInput, ClaimInput, DetectorType, FindingInput, IndicatorInput, NetworkInput, StixBundle, StixObject } from './stix/stix-types.ts';
