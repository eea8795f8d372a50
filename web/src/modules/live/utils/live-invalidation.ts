import type { QueryKey } from '@tanstack/react-query';
import { auditQueryKey } from '../../audit/api/audit.api.ts';
import { calendarQueryKey } from '../../channels/api/channels.api.ts';
import { alertRulesQueryKey, alertsQueryKey } from '../../insights/api/insights.api.ts';
import { claimsQueryKey, findingsQueryKey } from '../../integrity/api/integrity.api.ts';
import { meQueryKey } from '../../session/api/session.api.ts';
import { statementsQueryKey } from '../../statements/api/statements.api.ts';
import { unitsQueryKey } from '../../units/api/units.api.ts';
import { usersQueryKey } from '../../users/api/users.api.ts';

/**
 * Which cached queries an event from `/api/live` makes stale. Every change writes an audit entry
 * in the same transaction, so any event also refreshes the audit log (only refetched if on screen).
 */
export function queryKeysForEvent(eventType: string): QueryKey[] {
  const [entity] = eventType.split('.');
  switch (entity) {
    case 'unit':
      // Memberships carry the unit's name, and `me` carries memberships.
      return [unitsQueryKey, usersQueryKey, meQueryKey, auditQueryKey];
    case 'user':
    case 'membership':
      return [usersQueryKey, meQueryKey, auditQueryKey];
    case 'statements':
      // Lists, the inbox and any open statement (its page compares versions before applying);
      // scheduling, publishing and withdrawing move the statement's posts on the calendar.
      return [statementsQueryKey, calendarQueryKey, auditQueryKey];
    case 'insights':
      // An alert raised, repeated or acknowledged: the inbox, its badge and the rules' last check.
      return [alertsQueryKey, alertRulesQueryKey, auditQueryKey];
    case 'integrity':
      // A finding raised or changed: the inbox, the open finding, the navigation's count; a link
      // decided or a back-fill step changes a claim's counts and spread.
      return [findingsQueryKey, claimsQueryKey, auditQueryKey];
    default:
      return [auditQueryKey];
  }
}

/** After a gap in the connection every live-driven query may have missed events. */
export const allLiveQueryKeys: QueryKey[] = [unitsQueryKey, usersQueryKey, meQueryKey, auditQueryKey];
