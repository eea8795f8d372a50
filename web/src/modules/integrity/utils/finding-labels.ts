import { findingDetectors } from '@diplodesk/contracts';

/** The translation key of a detector's name (an unknown one falls back to "other"). */
export function detectorLabelKey(detector: string): string {
  return (findingDetectors as readonly string[]).includes(detector) ? `integrity.detectors.${detector}` : 'integrity.detectors.other';
}

/** Mantine colour of a severity badge: low grey to critical red. */
export function severityColor(severity: string): string {
  return severity === 'critical' ? 'red' : severity === 'high' ? 'orange' : severity === 'medium' ? 'yellow' : 'gray';
}

/** Status badge colour: new stands out, resolved recedes. */
export function statusColor(status: string): string {
  return status === 'new' ? 'blue' : status === 'triaged' ? 'grape' : 'gray';
}

/** A share 0–1 as a whole percentage in the interface language. */
export function percent(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(value);
}
