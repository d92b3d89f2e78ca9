import { z } from 'zod';
import { cursorSchema } from '../cursor';
import { MAIL_STATUSES } from './statuses';

export const outboxFilterSchema = z.object({
  status: z.enum(MAIL_STATUSES).optional(),
  to: z.string().trim().max(320).optional(),
  cursor: cursorSchema,
  limit: z.number().int().min(1).max(200).default(50),
});
export type OutboxFilter = z.output<typeof outboxFilterSchema>;
