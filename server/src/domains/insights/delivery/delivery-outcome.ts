// What an attempt's outcome means for a delivery: sent, retried later with the same id, or ended
// as failed (refused for good, or out of attempts) or unconfirmed (an attempt may have arrived and
// none was confirmed). Pure, so the rules are tested without a network.
import { exponentialBackoffMs } from '../../../platform/jobs/index.ts';

export type DeliveryFailure = { kind: 'permanent' | 'transient' | 'unknown-outcome'; message: string };

/** Attempts per delivery, and the wait before retry n: 10 s doubling to at most an hour (about 20 minutes in all). */
export const DELIVERY_ATTEMPTS = 8;
export const deliveryBackoffMs = (attempt: number) => exponentialBackoffMs(attempt, { baseMs: 10_000, capMs: 3_600_000 });

/**
 * A webhook's answer: 2xx is delivered; 408 and 429 are "later"; any other 4xx is the receiver
 * refusing for good (410 Gone: the endpoint was removed); 5xx and everything else may be retried.
 */
export function webhookStatusFailure(status: number): DeliveryFailure | null {
  if (status >= 200 && status < 300) return null;
  // A redirect is not followed with a signed body (it could carry it elsewhere).
  if (status >= 300 && status < 400) return { kind: 'permanent', message: `The receiver redirected (${status}); give the final address.` };
  if (status === 408 || status === 429) return { kind: 'transient', message: `The receiver answered ${status}.` };
  if (status >= 400 && status < 500) return { kind: 'permanent', message: `The receiver refused the delivery (${status}).` };
  return { kind: 'transient', message: `The receiver answered ${status}.` };
}

export type NextStep = { state: 'retrying'; delayMs: number } | { state: 'failed' } | { state: 'unconfirmed' };

/** After a failed attempt `attempts` (1-based), given whether any attempt so far may have arrived. */
export function nextAfterFailure(failure: DeliveryFailure, attempts: number, mayHaveArrived: boolean, maxAttempts = DELIVERY_ATTEMPTS): NextStep {
  if (failure.kind === 'permanent') return { state: 'failed' };
  if (attempts < maxAttempts) return { state: 'retrying', delayMs: deliveryBackoffMs(attempts) };
  return mayHaveArrived || failure.kind === 'unknown-outcome' ? { state: 'unconfirmed' } : { state: 'failed' };
}
