// The limits the data path enforces for one (client, product) pair: the plan
// of the application's subscription, as the portal exports it
// (docs/adr/0006-plan-limits-in-the-data-path.md). This is the wire contract
// between the portal (lib/plans/limits-export.ts) and the data path; the
// data path never reads the portal's database.

export type RateWindow = 'second' | 'minute';
export type QuotaWindow = 'day' | 'month';

export interface PlanLimits {
  /** The plan's key (stable, lower-case, [a-z0-9-]): gateway descriptors and header policy names carry it. */
  plan: string;
  /** The plan's display name. */
  planName: string;
  /** Requests per window, refilled continuously (token bucket); absent when the plan has no rate limit. */
  rate?: { limit: number; window: RateWindow };
  /** Requests per calendar day or month (UTC), reset at the boundary; absent when the plan has no quota. */
  quota?: { limit: number; window: QuotaWindow };
}

export interface LimitsEntry extends PlanLimits {
  clientId: string;
  productId: string;
}

/**
 * A deprecated product (docs/architecture.md, "Product versions"): the data
 * path adds `Deprecation` and `Sunset` headers to its responses
 * (lib/data-path/deprecation.ts).
 */
export interface ProductNotice {
  productId: string;
  /** When it was deprecated, in seconds since the epoch. */
  deprecatedAt: number;
  /** When it stops answering (ISO 8601), if a date was set. */
  sunset?: string;
}

/** `GET <portal>/api/data-path/v1/limits`: every approved subscription that has a plan. */
export interface LimitsExport {
  /** Changes whenever an entry (or a notice) does (also the response's ETag). */
  version: string;
  generatedAt: string;
  entries: LimitsEntry[];
  /** Deprecated products; absent from exports of older portals. */
  notices?: ProductNotice[];
}

export const RATE_WINDOW_MS: Record<RateWindow, number> = { second: 1_000, minute: 60_000 };
