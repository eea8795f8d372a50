// Assembles a unit's daily brief: its day in the unit's zone, then each section provider in turn.
import type { BriefDto } from '@diplodesk/contracts';
import type { Executor } from '../../../platform/db/index.ts';
import { isWithin } from '../../../platform/authz/principal.ts';
import { listUnits, type UnitRow } from '../../identity/index.ts';
import { dayPeriod, localDate } from './brief-period.ts';
import { type BriefSectionProvider, briefSectionProviders } from './brief-sections.ts';

/** The unit's brief of `date` (today in the unit's zone when left out), covering the unit and its sub-units. */
export async function buildBrief(x: Executor, unit: UnitRow, date: string | undefined, opts: { now?: Date; providers?: readonly BriefSectionProvider[] } = {}): Promise<BriefDto> {
  const now = opts.now ?? new Date();
  const period = dayPeriod(date ?? localDate(now, unit.timeZone), unit.timeZone);
  const unitIds = (await listUnits(x)).filter((u) => isWithin(u.path, unit.path)).map((u) => u.id);
  const sections = [];
  // One after the other: inside a transaction on PGlite there is one connection anyway.
  for (const provider of opts.providers ?? briefSectionProviders) sections.push(await provider.build(x, { ...period, unitId: unit.id, unitIds }));
  return { unitId: unit.id, unitName: unit.name, date: period.date, timeZone: period.timeZone, from: period.from.toISOString(), to: period.to.toISOString(), generatedAt: now.toISOString(), sections };
}
