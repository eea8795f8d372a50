import { type SealedColumn, sealedColumn } from '../../platform/crypto/sealed-columns.ts';
import { meetingInvitations } from './negotiation.tables.ts';
import { invitationTokenContext } from './send-invitation.job.ts';

/** Negotiation's sealed values, for `diplodesk keys reseal`. */
export const negotiationSealedColumns: SealedColumn[] = [
  sealedColumn({
    name: 'meeting_invitations.token_sealed',
    purpose: 'notification-secrets',
    table: meetingInvitations,
    key: meetingInvitations.id,
    sealed: meetingInvitations.tokenSealed,
    columns: { id: meetingInvitations.id },
    context: (r) => invitationTokenContext(r.id),
  }),
];
