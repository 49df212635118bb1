import type { LimitSubject } from '../rate-limit/limiter';
import { deprecationHeaders } from '../deprecation';
import type { LimitsEntry, PlanLimits, ProductNotice } from './plan-limits';

// The data path's copy of the portal's limits export: client → product →
// subject (the plan's limits, plus the in-process limiter's state for the
// pair). Replacing the table with a newer export keeps each pair's state, so
// a refresh neither refills a bucket nor resets a quota.

const NONE: readonly string[] = [];

export class LimitsTable {
  private readonly byClient = new Map<string, Map<string, LimitSubject>>();
  private readonly notices = new Map<string, readonly string[]>();
  readonly size: number;

  constructor(
    entries: readonly LimitsEntry[],
    readonly version: string,
    previous?: LimitsTable,
    notices: readonly ProductNotice[] = [],
  ) {
    for (const notice of notices) this.notices.set(notice.productId, deprecationHeaders(notice));
    for (const entry of entries) {
      const limits: PlanLimits = {
        plan: entry.plan,
        planName: entry.planName,
        ...(entry.rate && { rate: entry.rate }),
        ...(entry.quota && { quota: entry.quota }),
      };
      const old = previous?.lookup(entry.clientId, entry.productId);
      const subject: LimitSubject = { clientId: entry.clientId, productId: entry.productId, limits };
      if (old) {
        subject.tat = old.tat;
        // A quota window that changed length (day ↔ month) starts afresh.
        if (old.limits.quota?.window === limits.quota?.window) {
          subject.quotaStart = old.quotaStart;
          subject.quotaEnd = old.quotaEnd;
          subject.quotaUsed = old.quotaUsed;
        }
      }
      let products = this.byClient.get(entry.clientId);
      if (!products) this.byClient.set(entry.clientId, (products = new Map()));
      products.set(entry.productId, subject);
    }
    this.size = entries.length;
  }

  /** `Deprecation`/`Sunset` header pairs for a deprecated product; empty for any other. */
  productHeaders(productId: string): readonly string[] {
    return this.notices.get(productId) ?? NONE;
  }

  lookup(clientId: string, productId: string): LimitSubject | undefined {
    return this.byClient.get(clientId)?.get(productId);
  }

  static readonly empty = new LimitsTable([], '');
}
