// A one-line, human-readable summary of an event for the listening desk's item list. The full
// parsed event stays in `raw`; this line only has to let a reader decide whether to open it.
import type { GdeltActor, GdeltEvent } from './events-export.ts';

/** CAMEO root codes (the first two digits of every event code) and their codebook titles. */
export const CAMEO_ROOTS: Readonly<Record<string, string>> = {
  '01': 'Make public statement',
  '02': 'Appeal',
  '03': 'Express intent to cooperate',
  '04': 'Consult',
  '05': 'Engage in diplomatic cooperation',
  '06': 'Engage in material cooperation',
  '07': 'Provide aid',
  '08': 'Yield',
  '09': 'Investigate',
  '10': 'Demand',
  '11': 'Disapprove',
  '12': 'Reject',
  '13': 'Threaten',
  '14': 'Protest',
  '15': 'Exhibit force posture',
  '16': 'Reduce relations',
  '17': 'Coerce',
  '18': 'Assault',
  '19': 'Fight',
  '20': 'Engage in unconventional mass violence',
};

function actorLabel(actor: GdeltActor): string | null {
  const name = actor.name || actor.code;
  if (!name) return null;
  const country = actor.countryCode && !name.includes(actor.countryCode) ? ` (${actor.countryCode})` : '';
  return `${titleCase(name)}${country}`;
}

// GDELT writes actor names in capitals ("UNITED STATES"); titles read better in a list.
function titleCase(text: string): string {
  return text.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

/**
 * @example
 * describeEvent(event) // "Indonesia (IDN) → Malaysia (MYS): Consult [042] — Kuala Lumpur, Malaysia"
 */
export function describeEvent(event: GdeltEvent): string {
  const a1 = actorLabel(event.actor1);
  const a2 = actorLabel(event.actor2);
  const who = a1 && a2 ? `${a1} → ${a2}` : (a1 ?? a2 ?? 'Unknown actor');
  const what = `${CAMEO_ROOTS[event.eventRootCode] ?? 'Event'} [${event.eventCode}]`;
  const where = event.actionGeo.fullName ? ` — ${event.actionGeo.fullName}` : '';
  return `${who}: ${what}${where}`;
}
