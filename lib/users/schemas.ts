import { z } from 'zod';
import { optionalText, pageSchema } from '../pagination';

/** The admin console's list of users: ?q, ?role, ?page, ?pageSize. */
export const userListQuery = pageSchema.extend({
  q: optionalText(),
  role: z.enum(['admin', 'consumer']).optional(),
});
export type UserListQuery = z.infer<typeof userListQuery>;
