import type { MeetingStatus } from '@diplodesk/contracts';

// A meeting is drafted, scheduled (announced), then held and ended, or cancelled. A scheduled
// meeting may go back to draft (to rework it); a cancelled or ended one is closed for good.
const next: Record<MeetingStatus, readonly MeetingStatus[]> = {
  draft: ['scheduled', 'cancelled'],
  scheduled: ['draft', 'cancelled', 'ended'],
  cancelled: [],
  ended: [],
};

export function canMove(from: MeetingStatus, to: MeetingStatus): boolean {
  return from === to || next[from].includes(to);
}

export const isClosed = (status: MeetingStatus): boolean => status === 'cancelled' || status === 'ended';
