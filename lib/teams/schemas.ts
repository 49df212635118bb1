import { z } from 'zod';
import { oneLine } from '../text-rules';

export const createTeamSchema = z.object({
  name: oneLine(z.string().trim().min(1, 'Give the team a name').max(60, 'Keep the name under 60 characters')),
});

export const addMemberSchema = z.object({
  email: z.string().trim().toLowerCase().email('Enter an email address'),
  role: z.enum(['owner', 'member']).default('member'),
});
