import { negotiationEvents } from '@diplodesk/contracts';
import type { Executor } from '../../platform/db/index.ts';
import { appendEvents } from '../../platform/events/outbox.ts';

export const meetingChanged = negotiationEvents.meetingChanged;
export type MeetingChange = 'created' | 'updated' | 'deleted' | 'participant-removed' | 'delegation-added' | 'participant-added' | 'participant-invited' | 'invitation-accepted' | 'decision-recorded';

/** `negotiation.meeting-changed` on the outbox, in the transaction of the change. */
export function appendMeetingChanged(tx: Executor, meeting: { id: string; unitId: string }, change: MeetingChange): Promise<void> {
  return appendEvents(tx, [{ type: meetingChanged, unitId: meeting.unitId, data: { meetingId: meeting.id, change } }]);
}
