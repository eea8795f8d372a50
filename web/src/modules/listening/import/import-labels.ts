import { type ImportDto, importMaxBytes, importRejectReasons, importUploadProblems, type UiLocale } from '@diplodesk/contracts';
import type { TFunction } from 'i18next';
import { isApiError } from '../../../lib/api-client.ts';
import { describeError } from '../../../lib/describe-error.ts';
import { intlLocale } from '../../../lib/intl.ts';

/** 1,234 bytes → "1.2 KB", in the interface's number format. */
export function formatBytes(bytes: number, locale: UiLocale): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(intlLocale(locale), { style: 'unit', unit: units[unit], unitDisplay: unit === 0 ? 'long' : 'short', maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
}

const delimiterNames: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

export function delimiterLabel(delimiter: string, t: TFunction): string {
  const name = delimiterNames[delimiter];
  return name ? t(`listeningImport.delimiters.${name}`) : t('listeningImport.delimiters.other', { delimiter });
}

export function reasonLabel(reason: string, t: TFunction): string {
  return (importRejectReasons as readonly string[]).includes(reason) ? t(`listeningImport.reasons.${reason}`) : t('listeningImport.reasons.unknown');
}

export const statusColor: Record<ImportDto['status'], string> = { ready: 'gray', running: 'blue', done: 'teal', failed: 'red', cancelled: 'orange', expired: 'gray' };

/** An upload refusal in words that say what to do; other errors as the app describes them. */
export function describeUploadError(error: unknown, fileName: string, locale: UiLocale, t: TFunction): string {
  if (error instanceof DOMException && error.name === 'AbortError') return t('listeningImport.errors.aborted');
  if (isApiError(error)) {
    const reason = (error.details as { reason?: unknown } | undefined)?.reason;
    if (typeof reason === 'string' && (importUploadProblems as readonly string[]).includes(reason)) {
      return t(`listeningImport.errors.${reason}`, { name: fileName, size: formatBytes(importMaxBytes, locale) });
    }
  }
  return describeError(error, t);
}
