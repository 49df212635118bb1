import { z } from 'zod';
import { LATENCY_BUCKETS, OUTCOMES } from '../data-path/usage/usage-row';

// What the data path sends (POST /api/data-path/v1/usage) and what the usage
// pages ask for. Every string that becomes part of a row's key is bounded
// and printable; counts are whole and the histogram must add up to the calls.

const printable = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[\x20-\x7E]*$/, 'must be printable ASCII');
const count = z.number().int().min(0).max(1_000_000_000);

export const usageRowSchema = z
  .object({
    minute: z.iso.datetime({ offset: false }).refine((s) => Date.parse(s) % 60_000 === 0, 'must be the start of a minute'),
    clientId: printable(255),
    productId: printable(200),
    outcome: z.enum(OUTCOMES),
    calls: count.min(1),
    latencySumMs: z.number().min(0).max(1e15),
    buckets: z.array(count).length(LATENCY_BUCKETS),
  })
  .refine((r) => r.buckets.reduce((a, b) => a + b, 0) === r.calls, {
    message: 'the latency buckets must add up to the calls',
    path: ['buckets'],
  });

export const MAX_ROWS_PER_BATCH = 2_000;

export const usageBatchSchema = z.object({ rows: z.array(usageRowSchema).max(MAX_ROWS_PER_BATCH) });
export type UsageBatch = z.infer<typeof usageBatchSchema>;

export const USAGE_RANGES = ['1h', '24h', '7d', '30d'] as const;
export type UsageRange = (typeof USAGE_RANGES)[number];

/** ?range= of the usage pages and their CSV. */
export const usageQuery = z.object({ range: z.enum(USAGE_RANGES, { error: 'Choose 1h, 24h, 7d or 30d' }).default('24h') });
export type UsageQuery = z.infer<typeof usageQuery>;
