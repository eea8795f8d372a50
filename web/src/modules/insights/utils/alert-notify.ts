import type { AlertNotifySettings } from '@diplodesk/contracts';

/** What the notify fields of a rule or monitor form hold: quiet hours kept while switched off, so switching back restores them. */
export type AlertNotifyValue = Omit<AlertNotifySettings, 'quietFrom' | 'quietTo' | 'timeZone'> & { quiet: boolean; quietFrom: string; quietTo: string };

/**
 * The form's starting value from a stored rule or monitor (or the defaults for a new one).
 *
 * @example notifyValueOf(null) // { quiet: false, quietFrom: '22:00', quietTo: '07:00', emailUserIds: [], emailAddresses: [], notifyWebhooks: false }
 */
export function notifyValueOf(stored: AlertNotifySettings | null): AlertNotifyValue {
  return {
    quiet: stored?.quietFrom != null && stored.quietTo != null,
    quietFrom: stored?.quietFrom ?? '22:00',
    quietTo: stored?.quietTo ?? '07:00',
    emailUserIds: stored?.emailUserIds ?? [],
    emailAddresses: stored?.emailAddresses ?? [],
    notifyWebhooks: stored?.notifyWebhooks ?? false,
  };
}

/** The request's notify settings: no quiet hours when switched off; the zone is the stored one, else the person's. */
export function notifyBody(value: AlertNotifyValue, timeZone: string): AlertNotifySettings {
  return {
    quietFrom: value.quiet ? value.quietFrom : null,
    quietTo: value.quiet ? value.quietTo : null,
    timeZone,
    emailUserIds: value.emailUserIds,
    emailAddresses: value.emailAddresses,
    notifyWebhooks: value.notifyWebhooks,
  };
}
