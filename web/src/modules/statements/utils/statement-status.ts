import type { StatementStatus } from '@diplodesk/contracts';
import {
  IconBan,
  IconCalendarTime,
  IconCircleCheck,
  IconClockHour4,
  IconHourglassEmpty,
  IconPencil,
  IconWorld,
  IconX,
} from '@tabler/icons-react';

/** Colour and icon per status: the icon and word carry the meaning, colour only helps. */
export const statusLook: Record<StatementStatus, { color: string; Icon: typeof IconPencil }> = {
  draft: { color: 'gray', Icon: IconPencil },
  'in-clearance': { color: 'yellow', Icon: IconHourglassEmpty },
  cleared: { color: 'teal', Icon: IconCircleCheck },
  scheduled: { color: 'blue', Icon: IconCalendarTime },
  published: { color: 'green', Icon: IconWorld },
  rejected: { color: 'red', Icon: IconX },
  expired: { color: 'orange', Icon: IconClockHour4 },
  withdrawn: { color: 'dark', Icon: IconBan },
};

export const statusLabelKeys = {
  draft: 'statements.status.draft',
  'in-clearance': 'statements.status.in-clearance',
  cleared: 'statements.status.cleared',
  scheduled: 'statements.status.scheduled',
  published: 'statements.status.published',
  rejected: 'statements.status.rejected',
  expired: 'statements.status.expired',
  withdrawn: 'statements.status.withdrawn',
} as const satisfies Record<StatementStatus, string>;

export const kindLabelKeys = {
  'press-release': 'statements.kinds.press-release',
  statement: 'statements.kinds.statement',
  speech: 'statements.kinds.speech',
  'social-post': 'statements.kinds.social-post',
  reply: 'statements.kinds.reply',
} as const;

export const publicationStateKeys = {
  scheduled: 'statements.publicationStates.scheduled',
  publishing: 'statements.publicationStates.publishing',
  unconfirmed: 'statements.publicationStates.unconfirmed',
  published: 'statements.publicationStates.published',
  failed: 'statements.publicationStates.failed',
  cancelled: 'statements.publicationStates.cancelled',
  withdrawing: 'statements.publicationStates.withdrawing',
  withdrawn: 'statements.publicationStates.withdrawn',
} as const;

export const publicationStateColor: Record<string, string> = {
  scheduled: 'blue',
  publishing: 'yellow',
  unconfirmed: 'orange',
  published: 'green',
  failed: 'red',
  cancelled: 'gray',
  withdrawing: 'gray',
  withdrawn: 'dark',
};
