import { z } from 'zod';
import { EVENT_NAMES, TEAM_EVENTS, type NotificationEvent } from './events';

const event = z.enum(EVENT_NAMES as [NotificationEvent, ...NotificationEvent[]]);

export const markReadSchema = z.union([
  z.object({ all: z.literal(true) }),
  z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(200) }),
]);

export const preferencesSchema = z.object({
  preferences: z.array(z.object({ event, inApp: z.boolean(), email: z.boolean() })).max(EVENT_NAMES.length),
});

/**
 * A webhook's URL: https, or plain http to a loopback address (for a receiver
 * on the same machine while developing). No credentials or fragments in it.
 */
export const webhookUrl = z
  .string()
  .trim()
  .max(2000, 'Keep the URL under 2,000 characters')
  .refine((v) => URL.canParse(v), 'Enter a full URL, such as https://ci.example.com/lanyard')
  .refine((v) => {
    const u = new URL(v);
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
    return u.protocol === 'https:' || (u.protocol === 'http:' && loopback);
  }, 'Use https (plain http only to localhost)')
  .refine((v) => {
    const u = new URL(v);
    return !u.username && !u.password && !u.hash;
  }, 'Leave credentials and fragments out of the URL');

export const createWebhookSchema = z.object({
  url: webhookUrl,
  events: z
    .array(z.enum(TEAM_EVENTS as [NotificationEvent, ...NotificationEvent[]]))
    .min(1, 'Choose at least one event')
    .max(TEAM_EVENTS.length),
});

export const updateWebhookSchema = z.object({ active: z.boolean() });
