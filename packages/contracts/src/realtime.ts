import { z } from 'zod';

/** Messages the server sends on `/api/live`. */
export const liveServerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), userId: z.string() }),
  z.object({
    type: z.literal('event'),
    event: z.object({
      id: z.string(),
      type: z.string(),
      unitId: z.string().nullable(),
      at: z.string(),
      data: z.record(z.string(), z.unknown()),
    }),
  }),
  z.object({ type: z.literal('pong') }),
]);
export type LiveServerMessage = z.infer<typeof liveServerMessage>;

/** Messages a client may send. */
export const liveClientMessage = z.discriminatedUnion('type', [z.object({ type: z.literal('ping') })]);
