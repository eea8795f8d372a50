import type { DetectorType } from './stix-types.ts';

export type DisarmTechnique = { id: string; name: string };

/**
 * DISARM Red Framework techniques each detector's findings show, checked against the framework's
 * generated pages (DISARMFoundation/DISARMframeworks, February 2025) — ids change between
 * framework versions, so they are named here once:
 * - a repeated registered claim amplifies a narrative already in circulation: T0118;
 * - coordinated sharing floods feeds with the same link (T0049); when the shared thing is
 *   near-identical text, also copypasta (T0084.001);
 * - a look-alike of a ministry or mission account is an impersonated persona (T0143.003, which
 *   replaced "Prepare Assets Impersonating Legitimate Entities") of a government institution (T0097.206);
 * - a fake "official statement" is an altered authentic document when it modifies a signed text
 *   (T0089.003), a developed document when nothing authentic matches (T0085.004).
 */
export const disarmTechniques = {
  amplifyExistingNarrative: { id: 'T0118', name: 'Amplify Existing Narrative' },
  floodInformationSpace: { id: 'T0049', name: 'Flood Information Space' },
  useCopypasta: { id: 'T0084.001', name: 'Use Copypasta' },
  impersonatedPersona: { id: 'T0143.003', name: 'Impersonated Persona' },
  governmentInstitutionPersona: { id: 'T0097.206', name: 'Government Institution Persona' },
  alterAuthenticDocuments: { id: 'T0089.003', name: 'Alter Authentic Documents' },
  developDocument: { id: 'T0085.004', name: 'Develop Document' },
} as const satisfies Record<string, DisarmTechnique>;

/** The techniques a finding of this detector shows. */
export function techniquesFor(detector: DetectorType, opts: { sharesText?: boolean; fakeStatementKind?: 'modified' | 'fabricated' | null } = {}): DisarmTechnique[] {
  const t = disarmTechniques;
  switch (detector) {
    case 'claim-match':
      return [t.amplifyExistingNarrative];
    case 'coordination':
      return opts.sharesText ? [t.floodInformationSpace, t.useCopypasta] : [t.floodInformationSpace];
    case 'impersonation':
      return [t.impersonatedPersona, t.governmentInstitutionPersona];
    case 'fake-statement':
      return [opts.fakeStatementKind === 'fabricated' ? t.developDocument : t.alterAuthenticDocuments];
  }
}

/** The framework's own page of a technique (external_references url). */
export function disarmUrl(id: string): string {
  return `https://github.com/DISARMFoundation/DISARMframeworks/blob/main/generated_pages/techniques/${id}.md`;
}
