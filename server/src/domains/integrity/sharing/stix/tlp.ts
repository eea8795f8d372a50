import type { StixObject } from './stix-types.ts';

export type TlpLevel = 'white' | 'green' | 'amber' | 'red';
export const tlpLevels = ['white', 'green', 'amber', 'red'] as const satisfies readonly TlpLevel[];

// The four TLP marking definitions are fixed by STIX 2.1 §7.2.1.4 (same ids and created time in
// every producer's bundles), so a partner's tooling recognises them without our identity.
const tlpIds: Record<TlpLevel, string> = {
  white: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
  green: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  amber: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  red: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
};

export function tlpMarkingId(level: TlpLevel): string {
  return tlpIds[level];
}

/** The predefined marking-definition object of a TLP level. */
export function tlpMarking(level: TlpLevel): StixObject {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: tlpIds[level],
    created: '2017-01-20T00:00:00.000Z',
    definition_type: 'tlp',
    name: `TLP:${level.toUpperCase()}`,
    definition: { tlp: level },
  };
}
