import { z } from 'zod';
import { optionalText, pageSchema } from '../pagination';

// The audit log's filters (the admin list and its CSV export share them).

const day = /^\d{4}-\d{2}-\d{2}$/;
const instant = z
  .string()
  .trim()
  .refine(
    (v) => (day.test(v) ? !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) : !Number.isNaN(Date.parse(v))),
    'must be a date such as 2026-11-23',
  );

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
