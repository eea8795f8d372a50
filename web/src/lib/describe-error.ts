import type { TFunction } from 'i18next';
import { isApiError } from './api-client.ts';

function retryAfterSeconds(details: unknown): number | null {
  if (details && typeof details === 'object' && 'retryAfterSeconds' in details) {
    const value = (details as { retryAfterSeconds: unknown }).retryAfterSeconds;
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  }
  return null;
}

/** A sentence for a person: the translation of the error code, else the server's own message. */
export function describeError(error: unknown, t: TFunction): string {
  if (!isApiError(error)) return t('errors.unknown');
  const seconds = retryAfterSeconds(error.details);
  if (seconds !== null && (error.code === 'auth.locked' || error.code === 'auth.rate-limited')) {
    const message = t(`errors.${error.code}`);
    const minutes = Math.max(1, Math.ceil(seconds / 60));
    return `${message} ${t('errorHints.tryAgainInMinutes', { count: minutes })}`;
  }
  if (error.code === 'auth.password-guessable') {
    // The server says why (zxcvbn-ts's warning key); the sentence for it is ours.
    const warning = (error.details as { warning?: unknown } | undefined)?.warning;
    const why = typeof warning === 'string' ? t(`passwordWarnings.${warning}`, { defaultValue: '' }) : '';
    return [t('errors.auth.password-guessable'), why].filter(Boolean).join(' ');
  }
  const maxBytes = (error.details as { maxBytes?: unknown } | undefined)?.maxBytes;
  if (error.code === 'request.too-large' && typeof maxBytes === 'number' && maxBytes > 0) {
    return t('errors.request.too-large-limit', { megabytes: Math.round((maxBytes / 1_048_576) * 10) / 10 });
  }
  // A plain-object `details` fills the sentence's blanks (e.g. the token limit).
  const values = error.details && typeof error.details === 'object' && !Array.isArray(error.details) ? (error.details as Record<string, unknown>) : {};
  return t(`errors.${error.code}`, { ...values, defaultValue: error.message || t('errors.unknown') });
}
