import type { TFunction } from 'i18next';

/** One line of an audit entry's summary, as a person reads it. */
export interface SummaryLine {
  label: string;
  text: string;
}

/** `fastTrack` → "Fast track", `connect-failed` → "Connect failed": a fallback for keys without a translation. */
function humanise(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A summary's values in words. Entries record what changed as `before` / `after` objects: those become
 * one line per changed field, "old → new"; everything else one line per key.
 */
export function summaryLines(summary: Record<string, unknown>, t: TFunction, formatNumber: (n: number) => string): SummaryLine[] {
  const label = (key: string) => t(`audit.summaryKeys.${key}`, { defaultValue: humanise(key) });
  const text = (value: unknown, depth = 0): string => {
    if (value === null || value === undefined || value === '') return t('common.notSet');
    if (typeof value === 'boolean') return value ? t('audit.yes') : t('audit.no');
    if (typeof value === 'number') return formatNumber(value);
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) return value.length === 0 ? t('audit.none') : value.map((v) => text(v, depth + 1)).join(', ');
    if (isRecord(value)) {
      if (depth > 0) return t('audit.fieldsCount', { count: Object.keys(value).length });
      return Object.entries(value)
        .map(([k, v]) => `${label(k)}: ${text(v, depth + 1)}`)
        .join('; ');
    }
    return String(value);
  };
  const lines: SummaryLine[] = [];
  const before = isRecord(summary.before) ? summary.before : null;
  const after = isRecord(summary.after) ? summary.after : null;
  if (before || after) {
    const keys = [...new Set([...Object.keys(after ?? {}), ...Object.keys(before ?? {})])];
    for (const key of keys) {
      const old = before?.[key];
      const now = after?.[key];
      if (after && !(key in after)) continue;
      if (JSON.stringify(old) === JSON.stringify(now)) continue;
      lines.push({ label: label(key), text: before && key in before ? `${text(old, 1)} → ${text(now, 1)}` : text(now, 1) });
    }
  }
  for (const [key, value] of Object.entries(summary)) {
    if ((key === 'before' && before) || (key === 'after' && after)) continue;
    lines.push({ label: label(key), text: text(value) });
  }
  return lines;
}
