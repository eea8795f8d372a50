import { z } from 'zod';

export const systemInfoResponse = z.object({
  name: z.literal('DiploDesk'),
  version: z.string(),
  organisation: z.string().nullable(),
  database: z.enum(['embedded', 'postgres']),
  events: z.enum(['in-process', 'nats']),
  demo: z.boolean(),
});
export type SystemInfo = z.infer<typeof systemInfoResponse>;
