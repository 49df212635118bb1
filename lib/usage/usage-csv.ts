import { csvLine } from '../audit/audit-csv';
import type { AdminUsage } from './admin-usage';
import type { AppUsage } from './app-usage';

// The charts' data as CSV (cells guarded against formula injection by csvLine).

const COUNTS = ['calls', 'ok', 'client_errors', 'server_errors', 'limited', 'p95_ms'] as const;

export function appUsageCsv(usage: AppUsage): string {
  let out = csvLine(['bucket_start', 'granularity', 'api_product_id', 'plan', ...COUNTS]);
  for (const p of usage.products) {
    for (const pt of p.points) {
      out += csvLine([
        pt.t,
        usage.granularity,
        p.apiProductId,
        p.plan?.name ?? '',
        pt.calls,
        pt.ok,
        pt.clientErrors,
        pt.serverErrors,
        pt.limited,
        pt.p95 ?? '',
      ]);
    }
  }
  return out;
}

export function adminUsageCsv(usage: AdminUsage): string {
  let out = csvLine(['section', 'key', 'name', ...COUNTS]);
  const row = (section: string, key: string, name: string, c: AdminUsage['totals']) =>
    csvLine([section, key, name, c.calls, c.ok, c.clientErrors, c.serverErrors, c.limited, c.p95 ?? '']);
  for (const pt of usage.points) out += row(`${usage.granularity}`, pt.t, '', pt);
  for (const p of usage.topProducts) out += row('top_product', p.apiProductId, p.name, p);
  for (const a of usage.topApps) out += row('top_app', a.clientId, a.app ? `${a.app.name} (${a.app.owner})` : 'unidentified', a);
  return out;
}

export const usageCsvFileName = (what: string, range: string, now = new Date()) =>
  `lanyard-usage-${what}-${range}-${now.toISOString().slice(0, 16).replace(/[-:T]/g, '')}.csv`;
