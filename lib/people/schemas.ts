import { z } from 'zod';
import { oneLine } from '../text-rules';

// What admins and people send to manage accounts of the embedded IdP.

/** NIST SP 800-63B §5.1.1: at least 8 characters (we ask 12), long passphrases allowed, no composition rules. */
export const newPassword = z
  .string()
  .min(12, 'Use at least 12 characters; a few words in a row make a good password')
  .max(200, 'Keep the password under 200 characters');

export const createPersonSchema = z.object({
  email: z.string().trim().toLowerCase().max(254).email('Enter an email address'),
  name: oneLine(z.string().trim().min(1, 'Give their name').max(100, 'Keep the name under 100 characters')),
  admin: z.boolean().default(false),
});
export type CreatePersonInput = z.infer<typeof createPersonSchema>;

export const updatePersonSchema = z.object({ disabled: z.boolean() });

export const setPasswordSchema = z.object({
  token: z.string().trim().min(20, 'This link is not complete').max(200),
  password: newPassword,
});

export const changePasswordSchema = z.object({
  current: z.string().min(1, 'Enter your current password').max(200),
  password: newPassword,
});
