import type { DriftReport } from './report';
import type { ActionResult, ReconcileResult } from './reconcile';

// Plain-text tables for `npm run reconcile` (scripts/reconcile.ts).

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export function driftSummary(report: DriftReport): string {
  const rows: [string, number][] = [
    ['IdP clients no app uses', report.orphanClients.length],
    ['apps whose client is missing', report.missingClients.length],
    ['clients with different scopes', report.scopeDrift.length],
    ['products missing in the IdP', report.productsMissingInIdp.length],
    ['IdP products the portal lacks', report.productsMissingInPortal.length],
    ['product scopes recorded wrong', report.productScopeStale.length],
  ];
  const head = `Drift between the portal and the ${report.idp} IdP at ${report.checkedAt}: ${report.clean ? 'none' : `${report.issues} issue(s)`}`;
  const spi = report.spiManaged.clients.length + report.spiManaged.products.length;
  const note = spi
    ? `\n(${report.spiManaged.clients.length} client(s) and ${report.spiManaged.products.length} product(s) created through the SPI over HTTP are not the portal's and are left alone.)`
    : '';
  return `${head}\n${table(
    ['kind', 'count'],
    rows.map(([k, n]) => [k, String(n)]),
  )}${note}`;
}

const STATUS: Record<ActionResult['status'], string> = { planned: 'planned', done: 'done', failed: 'FAILED', skipped: 'skipped' };

export function actionsTable(actions: ActionResult[]): string {
  if (!actions.length) return 'Nothing to do: the IdP matches the portal.';
  return table(
    ['#', 'status', 'action', 'target', 'details'],
    actions.map((a, i) => [
      String(i + 1),
      STATUS[a.status],
      a.kind,
      a.target,
      [a.summary, a.note ?? a.skipped, a.error && `error: ${a.error}`, a.idpRequestId && `IdP request ${a.idpRequestId}`]
        .filter(Boolean)
        .join(' — '),
    ]),
  );
}

export function reconcileReport(result: ReconcileResult): string {
  const parts = [
    driftSummary(result.before),
    '',
    result.dryRun ? 'Dry run: these actions would run (nothing was changed).' : 'Reconcile:',
    actionsTable(result.actions),
  ];
  if (result.after)
    parts.push('', `After: ${result.after.clean ? 'the portal and the IdP agree.' : `${result.after.issues} issue(s) remain.`}`);
  return parts.join('\n');
}
