import { type Principal, can } from '../../../platform/authz/principal.ts';

/**
 * The taxonomy is the whole ministry's, kept by its analysts wherever they sit (the listening
 * desk is often a directorate, not the top-level unit): `listening.manage` at the organisation or
 * any of its units. Every change is audited and can be undone by editing or restoring.
 */
export function canEditTaxonomy(p: Principal): boolean {
  // One organisation per installation: every unit is within it.
  return can(p, 'listening.manage');
}
