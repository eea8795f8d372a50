import { auditActions, auditTargetTypes } from '@diplodesk/contracts';

/**
 * Actions and target types the server writes today, offered as suggestions in the filters.
 * Free text stays allowed: domains added later write codes this list does not know yet.
 */
export const knownAuditActions = auditActions;
export const knownAuditTargetTypes = auditTargetTypes;
