import { z } from 'zod';
import { optionalText, pageSchema } from '../pagination';

// The audit log's filters (the admin list and its CSV export share them).

const day = /^\d{4}-\d{2}-\d{2}$/;
// Years 1970 to 9999: a date JavaScript can parse but not print (year 275760) or
// that no database row can have would otherwise fail later, mid-query or mid-export.
const MIN_TIME = Date.UTC(1970, 0, 1);
const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const parseInstant = (v: string) => (day.test(v) ? Date.parse(`${v}T00:00:00Z`) : Date.parse(v));
const instant = z
  .string()
  .trim()
  .max(40, 'must be a date such as 2026-11-23')
  .refine((v) => {
    const t = parseInstant(v);
    return !Number.isNaN(t) && t >= MIN_TIME && t <= MAX_TIME;
  }, 'must be a date between 1970 and 9999, such as 2026-11-23');

const auditFilterFields = z.object({
  /** An exact action (`product.create`), or a family with a trailing `*` (`drift.*`). */
  action: optionalText(100),
  /** Part of the actor's email (or `system`, `spi-caller`, `reconcile-cli`). */
  actor: optionalText(200),
  outcome: z.enum(['success', 'failure', 'denied']).optional(),
  /** The target's id exactly (an application id, a product id, …). */
  target: optionalText(300),
  /** Inclusive; a bare date is that day from 00:00 UTC. */
  from: instant.optional(),
  /** Inclusive; a bare date is that whole day (UTC). */
  to: instant.optional(),
});

const rangeInOrder = (f: { from?: string; to?: string }) => !f.from || !f.to || startOf(f.from) <= endOf(f.to);
const rangeMessage = { path: ['to'], message: 'must not be before the start date' };

export const auditFilterSchema = auditFilterFields.refine(rangeInOrder, rangeMessage);
export const auditListQuery = auditFilterFields.extend(pageSchema.shape).refine(rangeInOrder, rangeMessage);

export type AuditFilter = z.infer<typeof auditFilterSchema>;
export type AuditListQuery = z.infer<typeof auditListQuery>;

export function startOf(value: string): Date {
  return new Date(day.test(value) ? `${value}T00:00:00.000Z` : value);
}
export function endOf(value: string): Date {
  return new Date(day.test(value) ? `${value}T23:59:59.999Z` : value);
}
